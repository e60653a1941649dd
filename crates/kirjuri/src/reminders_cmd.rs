//! `kirjuri reminders …` and the reminder scheduler of `kirjuri serve`: who gets mail (users
//! with an address), the person each agenda is made for, and the rounds of sending. What is
//! due is `kirjuri-agenda`'s; composing, sending and the sent markers are `kirjuri-notify`'s.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use kirjuri_agenda::Person;
use kirjuri_notify::{DigestOutcome, Mail, Mailer, Outbox, Recipient, Round, SmtpConfig};
use kirjuri_server::users::{self, Role, User};

use crate::data::{Config, load_config, open_existing_app};
use crate::exit::{CmdResult, bad_input, failed};

#[derive(Subcommand, Debug)]
pub enum RemindersCommand {
    /// Send the daily digests now (each user's once per day; `--on` for another day).
    SendDigests {
        /// Only this user.
        #[arg(long)]
        user: Option<String>,
        /// The day of the digest (YYYY-MM-DD, Helsinki; today or earlier); default today.
        #[arg(long)]
        on: Option<String>,
    },
    /// Send a test mail through the `[smtp]` settings, to check them.
    TestMail {
        #[arg(long)]
        to: String,
        /// fi, sv or en.
        #[arg(long, default_value = "fi")]
        language: String,
    },
}

/// The person a user's agenda is made for: the one role mapping of
/// `kirjuri_server::calendar::person_for`, which the calendar feed uses too.
pub fn person_for(user: &User) -> Person {
    kirjuri_server::calendar::person_for(&user.name, user.role, &user.departments)
}

/// Every enabled user as a recipient (those without an address get nothing), with their person.
fn recipients(store: &kirjuri_store::Store) -> Result<Vec<(Recipient, Person)>, kirjuri_store::StoreError> {
    Ok(users::all_users(store)?
        .into_iter()
        .filter(|u| !u.disabled)
        .map(|u| {
            (
                Recipient {
                    name: u.name.clone(),
                    email: u.email.clone(),
                    language: u.language,
                    privacy_officer: u.role == Role::PrivacyOfficer,
                },
                person_for(&u),
            )
        })
        .collect())
}

/// One round: the breach-clock mails due at `now`, then the digests of `day` not yet sent.
pub fn round(
    app: &kirjuri_app::App,
    public_url: &str,
    outbox: &dyn Outbox,
    now: DateTime<Utc>,
    day: Option<NaiveDate>,
    only: Option<&str>,
) -> Result<(Round, Vec<(String, DigestOutcome)>), String> {
    let people = recipients(app.store()).map_err(|e| e.to_string())?;
    // A breach-clock mail names the incident and its deadline: only to those whose role reads
    // incidents (a staff member named on an incident's task is told by their task, not by mail
    // about an incident they may not open).
    let list: Vec<Recipient> = people
        .iter()
        .filter(|(_, person)| person.may.incidents)
        .map(|(r, _)| r.clone())
        .collect();
    app.with_registry(|registry| {
        let mut total = kirjuri_notify::send_breach_alerts(registry, &list, public_url, outbox, now)?;
        let mut outcomes = Vec::new();
        if let Some(day) = day {
            for (recipient, person) in people.iter().filter(|(r, _)| only.is_none_or(|o| o == r.name)) {
                let outcome = kirjuri_notify::send_digest(registry, recipient, person, day, public_url, outbox)?;
                match &outcome {
                    DigestOutcome::Sent(_) => total.sent += 1,
                    DigestOutcome::Failed(_) => total.failed += 1,
                    _ => {}
                }
                outcomes.push((recipient.name.clone(), outcome));
            }
        }
        Ok::<_, kirjuri_registry::RegistryError>((total, outcomes))
    })
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())
}

/// The reminder scheduler beside the service: every tick (a minute; `KIRJURI_REMINDER_TICK_SECONDS`
/// for tests) a round. A failure is logged without the password and tried again next tick;
/// it never stops the service.
pub fn start_scheduler(app: std::sync::Arc<kirjuri_app::App>, config: &Config) -> CmdResult {
    let Some(smtp) = config.smtp.clone() else {
        tracing::info!("no [smtp] in config.toml: reminders are not mailed");
        return Ok(());
    };
    let mailer = Mailer::new(&smtp).map_err(|e| bad_input(format!("config.toml: {e}")))?;
    let tick = match std::env::var("KIRJURI_REMINDER_TICK_SECONDS") {
        Ok(value) => value.trim().parse::<u64>().ok().filter(|s| *s > 0).ok_or_else(|| {
            bad_input(format!(
                "KIRJURI_REMINDER_TICK_SECONDS: expected a whole number of seconds above 0, got `{value}`"
            ))
        })?,
        Err(_) => 60,
    };
    let public_url = config.service.public_url.clone();
    println!(
        "reminders mailed through {}:{} (security {}); daily digest at {}:00 Helsinki time",
        smtp.host,
        smtp.port(),
        smtp.security.key(),
        smtp.digest_hour
    );
    std::thread::Builder::new()
        .name("reminders".to_owned())
        .spawn(move || scheduler_loop(&app, &mailer, &smtp, &public_url, tick))
        .map_err(failed)?;
    Ok(())
}

fn scheduler_loop(app: &kirjuri_app::App, mailer: &Mailer, smtp: &SmtpConfig, public_url: &str, tick: u64) {
    loop {
        let now = Utc::now();
        let day = kirjuri_notify::digest_day(now, smtp.digest_hour);
        match round(app, public_url, mailer, now, day, None) {
            Ok((done, _)) if done.sent + done.failed > 0 => {
                tracing::info!(sent = done.sent, failed = done.failed, "reminder mails");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "reminder round failed; tried again next tick"),
        }
        std::thread::sleep(Duration::from_secs(tick));
    }
}

fn mailer_of(config: &Config) -> Result<Mailer, crate::exit::Failure> {
    let smtp = config
        .smtp
        .as_ref()
        .ok_or_else(|| bad_input("config.toml has no [smtp] block: reminders are off"))?;
    Mailer::new(smtp).map_err(|e| bad_input(format!("config.toml: {e}")))
}

pub fn run(data: &Path, command: RemindersCommand) -> CmdResult {
    let config = load_config(data)?;
    match command {
        RemindersCommand::TestMail { to, language } => {
            let mailer = mailer_of(&config)?;
            let address = users::checked_email(&to).map_err(|e| bad_input(e.to_string().replace("`email`", "--to")))?;
            let lang = users::parse_language(&language)
                .map_err(|e| bad_input(e.to_string().replace("`language`", "--language")))?;
            let mail = Mail {
                to: address.clone(),
                subject: lang.t(kirjuri_notify::catalogue::TEST_SUBJECT).to_owned(),
                text: format!(
                    "{}\n\n{}\n",
                    lang.t(kirjuri_notify::catalogue::TEST_TEXT),
                    config.service.public_url
                ),
            };
            mailer.send(&mail).map_err(failed)?;
            println!("test mail accepted by the SMTP server for {address}");
            Ok(())
        }
        RemindersCommand::SendDigests { user, on } => {
            let mailer = mailer_of(&config)?;
            let day = match on {
                Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                    .map_err(|_| bad_input(format!("--on: `{text}` is not a day (YYYY-MM-DD)")))?,
                None => crate::data::today(),
            };
            // A day's digest is remembered as sent: one sent ahead of its day would stop the
            // real one on that morning.
            if day > crate::data::today() {
                return Err(bad_input(format!(
                    "--on: {day} is after today; a day's digest is sent on that day (earlier days can be caught up)"
                )));
            }
            let app = open_existing_app(data)?;
            if let Some(name) = &user
                && users::get_user(app.store(), name).map_err(failed)?.is_none()
            {
                return Err(bad_input(format!("--user: no user `{name}`")));
            }
            let (_, outcomes) = round(
                &app,
                &config.service.public_url,
                &mailer,
                Utc::now(),
                Some(day),
                user.as_deref(),
            )
            .map_err(failed)?;
            let mut failures = 0;
            for (name, outcome) in outcomes {
                let said = match outcome {
                    DigestOutcome::Sent(mail) => format!("sent to {}", mail.to),
                    DigestOutcome::AlreadySent => "already sent for this day".to_owned(),
                    DigestOutcome::NothingDue => "nothing due: no mail".to_owned(),
                    DigestOutcome::NoAddress => "no e-mail address".to_owned(),
                    DigestOutcome::Failed(error) => {
                        failures += 1;
                        format!("not sent: {error}")
                    }
                };
                println!("{name}: {said}");
            }
            if failures > 0 {
                return Err(failed(format!("{failures} digest(s) not sent")));
            }
            Ok(())
        }
    }
}
