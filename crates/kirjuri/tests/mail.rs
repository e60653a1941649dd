//! E-mail reminders end to end with a real SMTP server (aiosmtpd on loopback, saving every mail
//! it accepts to a Maildir): `kirjuri serve --demo` with `[smtp]` mails a Finnish digest to
//! the registry office, an English one to a user set to English, and the breach-start mail
//! (GDPR Art 33(1), 72 hours) to the privacy officer; no secret title is in any mail; after a
//! restart nothing is sent twice.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{kirjuri, start_server_with};

/// A real SMTP server writing each accepted mail into `<folder>/box/new/`.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> String {
    std::env::var("KIRJURI_SMTP_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether aiosmtpd can be run; otherwise the reason (a failure under KIRJURI_REQUIRE_SMTP=1).
fn aiosmtpd_missing() -> Option<String> {
    let ok = Command::new(python())
        .args(["-c", "import aiosmtpd"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return None;
    }
    let reason = format!(
        "aiosmtpd is not importable by `{}` (pip install aiosmtpd; KIRJURI_SMTP_PYTHON names a venv's python)",
        python()
    );
    assert!(
        std::env::var("KIRJURI_REQUIRE_SMTP").as_deref() != Ok("1"),
        "KIRJURI_REQUIRE_SMTP=1: {reason}"
    );
    Some(reason)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_smtp(folder: &Path) -> SmtpServer {
    let port = free_port();
    let maildir = folder.join("box");
    let child = Command::new(python())
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "aiosmtpd did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    SmtpServer { child, port, maildir }
}

/// A received mail: to, subject, text (decoded).
#[derive(Debug, Clone)]
struct Received {
    to: String,
    subject: String,
    text: String,
}

fn received(maildir: &Path) -> Vec<Received> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    let mut mails = Vec::new();
    for entry in entries {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let message = mail_parser::MessageParser::default().parse(&bytes).unwrap();
        let to = message
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned();
        mails.push(Received {
            to,
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        });
    }
    mails
}

/// Waits until `wanted` holds of the received mails (a minute at most).
fn wait_for(maildir: &Path, what: &str, wanted: impl Fn(&[Received]) -> bool) -> Vec<Received> {
    let started = Instant::now();
    loop {
        let mails = received(maildir);
        if wanted(&mails) {
            return mails;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "{what}: not received within 90 s; got {mails:#?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn config(port: u16) -> String {
    // digest_hour 0: the digest of today is due at once (Helsinki time), so the test need not
    // wait for the morning.
    format!(
        "organisation = \"Laitilan kaupunki\"\ndiary_prefix = \"LAI\"\ndefault_department = \"hallintotoimi\"\n\n\
         [service]\npublic_url = \"https://kirjuri.laitila.invalid\"\n\n\
         [smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\nfrom = \"Kirjuri <kirjuri@laitila.invalid>\"\ndigest_hour = 0\n"
    )
}

/// Titles of the demo's restricted cases and incidents: never in a mail (only public titles).
const SECRET_TITLES: &[&str] = &[
    "Maija Meikäläinen",
    "Matti Virtanen",
    "Tietojenkalasteluviesti henkilöstölle",
    "Henkilötietoja väärälle vastaanottajalle",
];

/// `d.m.yyyy` days of the lines under a heading of a Finnish digest, until the next heading.
fn days_under(text: &str, heading: &str) -> Vec<chrono::NaiveDate> {
    let mut days = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.starts_with('-') && !line.is_empty() {
            inside = line.starts_with(heading);
            continue;
        }
        if inside && let Some(rest) = line.trim().strip_prefix("määräaika ") {
            let day = rest.split_whitespace().next().unwrap();
            days.push(chrono::NaiveDate::parse_from_str(day, "%d.%m.%Y").unwrap());
        }
    }
    days
}

#[test]
fn digests_and_breach_mail_arrive_once() {
    if let Some(reason) = aiosmtpd_missing() {
        eprintln!("skipped: {reason}");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let smtp = start_smtp(folder.path());

    // First start without [smtp]: the demo users exist, no mail goes.
    {
        let _server = start_server_with(&data, &["--demo"], &[]);
    }
    assert!(received(&smtp.maildir).is_empty());
    // The archivist reads English (the admin's CLI, audited as user.contact).
    let set = kirjuri(&data, &["user", "contact", "arkistonhoitaja", "--language", "en"]);
    assert_eq!(set.code, 0, "{}", set.all());
    assert!(
        set.stdout.contains("arkistonhoitaja@kirjuri.invalid") && set.stdout.contains("language en"),
        "{}",
        set.stdout
    );
    let bad = kirjuri(
        &data,
        &["user", "contact", "kirjaaja", "--email", "kirjaaja@x.fi\nBcc: all@x.fi"],
    );
    assert_eq!(
        bad.code,
        2,
        "a line break in an address is refused (header injection): {}",
        bad.all()
    );
    assert!(bad.all().contains("email"), "{}", bad.all());
    // Two requests for the registry office: a Publicity Act request received 10 days ago
    // (decided within 14 days, §14(4): due this week) and a GDPR access request received
    // 1 month and 3 days ago (Art 12(3): one month, overdue).
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let ten_days_ago = (today - chrono::Days::new(10)).to_string();
    let publicity = kirjuri(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--anonymous",
            "--received",
            &ten_days_ago,
            "--assignee",
            "kirjaaja",
        ],
    );
    assert_eq!(publicity.code, 0, "{}", publicity.all());
    let month_ago = (today - chrono::Months::new(1) - chrono::Days::new(3)).to_string();
    let gdpr = kirjuri(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--requester",
            "Maija Meikäläinen",
            "--received",
            &month_ago,
            "--assignee",
            "kirjaaja",
        ],
    );
    assert_eq!(gdpr.code, 0, "{}", gdpr.all());
    std::fs::write(data.join("config.toml"), config(smtp.port)).unwrap();

    let tick = [("KIRJURI_REMINDER_TICK_SECONDS", "1")];
    let server = start_server_with(&data, &["--demo"], &tick);
    let mails = wait_for(&smtp.maildir, "three digests and the breach-start mail", |mails| {
        let to = |who: &str, subject: &str| {
            mails
                .iter()
                .any(|m| m.to.starts_with(who) && m.subject.contains(subject))
        };
        to("kirjaaja@", "päivän määräajat")
            && to("arkistonhoitaja@", "today's deadlines")
            && to("tietosuojavastaava@", "72 tunnin ilmoitusaika alkoi")
    });

    // The registry office's digest in Finnish: the open requests it handles, each under the
    // bucket its stored decision day puts it in (Publicity Act §14, GDPR Art 12(3)).
    let registrar = mails.iter().find(|m| m.to.starts_with("kirjaaja@")).unwrap();
    assert!(registrar.text.starts_with("Huomenta!"), "{}", registrar.text);
    assert!(registrar.text.contains("- Tietopyyntö: "), "{}", registrar.text);
    assert!(
        registrar
            .text
            .contains("https://kirjuri.laitila.invalid/ui/requests/req-"),
        "{}",
        registrar.text
    );
    let overdue = days_under(&registrar.text, "Myöhässä");
    let due_today = days_under(&registrar.text, "Tänään");
    let this_week = days_under(&registrar.text, "Tällä viikolla");
    assert!(!overdue.is_empty(), "the GDPR request is overdue: {}", registrar.text);
    assert!(
        !(due_today.is_empty() && this_week.is_empty()),
        "the publicity request is due this week: {}",
        registrar.text
    );
    assert!(overdue.iter().all(|d| *d < today), "{overdue:?}");
    assert!(due_today.iter().all(|d| *d == today), "{due_today:?}");
    assert!(
        this_week
            .iter()
            .all(|d| *d > today && *d <= today + chrono::Days::new(7)),
        "{this_week:?}"
    );
    assert!(
        !registrar.text.contains("request-") && !registrar.text.contains("breach-clock"),
        "no machine key"
    );

    // The archivist's digest in English: the purchase invoices of 2017 are due for disposal.
    let archivist = mails.iter().find(|m| m.to.starts_with("arkistonhoitaja@")).unwrap();
    assert!(archivist.text.starts_with("Good morning!"), "{}", archivist.text);
    assert!(
        archivist.text.contains("Records due for disposal"),
        "{}",
        archivist.text
    );
    assert!(
        archivist.text.contains("Overdue") || archivist.text.contains("Today"),
        "{}",
        archivist.text
    );

    // The breach marked 10 hours before the demo loaded: the start mail (62 h left) to the
    // privacy officer, with the link to the incident.
    let breach = mails
        .iter()
        .find(|m| m.to.starts_with("tietosuojavastaava@") && m.subject.contains("72 tunnin"))
        .unwrap();
    assert!(breach.text.contains("33 artikla"), "{}", breach.text);
    assert!(
        breach.text.contains("https://kirjuri.laitila.invalid/ui/incidents/"),
        "{}",
        breach.text
    );

    for mail in &mails {
        for secret in SECRET_TITLES {
            assert!(
                !mail.text.contains(secret) && !mail.subject.contains(secret),
                "a secret title in the mail to {}: {}",
                mail.to,
                mail.text
            );
        }
    }

    // A restart: the markers are in the store, so nothing is sent twice (at-least-once only
    // loses the marker of a mail the server accepted when the service dies between the two).
    // Three more ticks: every due mail of the round has gone (the second archivist's and the
    // privacy officer's digests too), and nothing more comes.
    std::thread::sleep(Duration::from_secs(3));
    let count = received(&smtp.maildir).len();
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(received(&smtp.maildir).len(), count, "each mail once");
    drop(server);
    let again = kirjuri(&data, &["reminders", "send-digests", "--user", "kirjaaja"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(
        again.stdout.contains("kirjaaja: already sent for this day"),
        "{}",
        again.stdout
    );
    let server = start_server_with(&data, &["--demo"], &tick);
    std::thread::sleep(Duration::from_secs(5));
    drop(server);
    assert_eq!(received(&smtp.maildir).len(), count, "sent once across a restart");

    // The operator's test mail.
    let test = kirjuri(
        &data,
        &["reminders", "test-mail", "--to", "operaattori@kirjuri.invalid"],
    );
    assert_eq!(test.code, 0, "{}", test.all());
    wait_for(&smtp.maildir, "the test mail", |mails| {
        mails
            .iter()
            .any(|m| m.to == "operaattori@kirjuri.invalid" && m.subject == "Kirjurin testiviesti")
    });
}

/// A mail server that is away: the service starts and serves, and the failure is only logged
/// (tried again next tick). `security = "none"` for a host that is not loopback stops the
/// start with an error naming the key.
#[test]
fn smtp_settings_and_an_absent_server() {
    if let Some(reason) = aiosmtpd_missing() {
        eprintln!("skipped: {reason}");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("config.toml"),
        config(free_port()).replace("host = \"127.0.0.1\"", "host = \"smtp.laitila.invalid\""),
    )
    .unwrap();
    let refused = kirjuri(&data, &["reminders", "test-mail", "--to", "a@kirjuri.invalid"]);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused.all().contains("smtp.security") && refused.all().contains("loopback"),
        "{}",
        refused.all()
    );

    std::fs::write(data.join("config.toml"), config(free_port())).unwrap();
    let server = start_server_with(&data, &["--demo"], &[("KIRJURI_REMINDER_TICK_SECONDS", "1")]);
    std::thread::sleep(Duration::from_secs(3));
    let status = common::agent()
        .get(&format!("{}/health", server.base))
        .call()
        .map(|r| r.status().as_u16());
    assert!(matches!(status, Ok(200)), "the service still answers: {status:?}");
    let down = kirjuri(&data, &["reminders", "test-mail", "--to", "a@kirjuri.invalid"]);
    assert_eq!(down.code, 1, "{}", down.all());
    assert!(down.all().contains("SMTP"), "{}", down.all());
}
