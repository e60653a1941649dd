//! `kirjuri deadline RULE --from DATE|DATETIME`: one legal deadline, computed by `kirjuri-clock`.

use clap::Args;
use kirjuri_clock::{Deadline, Rule, compute, helsinki_rfc3339, parse_start};
use serde_json::json;

use crate::exit::{CmdResult, bad_input, failed};

#[derive(Args, Debug)]
pub struct DeadlineArgs {
    /// publicity, publicity-extended, gdpr, gdpr-extended, breach-72h, nis2-early-warning,
    /// nis2-notification or nis2-final.
    pub rule: String,
    /// Start: YYYY-MM-DD or YYYY-MM-DDTHH:MM (Europe/Helsinki) or RFC 3339 with an offset.
    #[arg(long)]
    pub from: String,
    /// Why the longer track applies (publicity-extended, gdpr-extended).
    #[arg(long)]
    pub justification: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(rule: &str, from: &str, justification: Option<&str>, json: bool) -> CmdResult {
    let rule = Rule::parse(rule).map_err(bad_input)?;
    let start = parse_start(from).map_err(|e| bad_input(format!("--from: {e}")))?;
    let deadline = compute(rule, start).map_err(|e| bad_input(format!("--from: {e}")))?;
    let needs_justification = rule.needs_justification() && justification.is_none_or(|j| j.trim().is_empty());
    let report = match &deadline {
        Deadline::Day(day) => json!({
            "rule": rule.key(),
            "legal_basis": rule.legal_basis(),
            "from": day.from.to_string(),
            "due": day.due.to_string(),
            "due_moved": day.due_moved.to_string(),
            "warn_on": day.warn_on.to_string(),
            "calendar": day.calendar,
            "moved_because": day.moved_because,
            "extension": day.extension,
            "justification": justification,
        }),
        Deadline::Hour(hour) => json!({
            "rule": rule.key(),
            "legal_basis": rule.legal_basis(),
            "from": helsinki_rfc3339(hour.from),
            "due": helsinki_rfc3339(hour.due),
            "due_moved": helsinki_rfc3339(hour.due),
            "due_utc": hour.due.to_rfc3339(),
            "hours": hour.hours,
            "calendar": null,
        }),
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
    } else {
        match &deadline {
            Deadline::Day(day) => {
                println!("{} — {}", rule.key(), rule.legal_basis());
                println!("from        {}", day.from);
                println!("due         {} (statutory last day)", day.due);
                match &day.moved_because {
                    Some(reason) => println!("due_moved   {} ({reason}; {})", day.due_moved, day.calendar),
                    None => println!("due_moved   {} (a working day; {})", day.due_moved, day.calendar),
                }
                println!("warn on     {}", day.warn_on);
                if let Some(extension) = &day.extension {
                    println!(
                        "readings    receipt + 3 months {}, first deadline + 2 months {} (binding: the earlier)",
                        extension.receipt_plus_three_months, extension.first_deadline_plus_two_months
                    );
                    println!(
                        "notice by   {} (moved {})",
                        extension.notice_due, extension.notice_due_moved
                    );
                }
            }
            Deadline::Hour(hour) => {
                println!("{} — {}", rule.key(), rule.legal_basis());
                println!("from        {}", helsinki_rfc3339(hour.from));
                println!(
                    "due         {} ({} hours elapsed, never moved)",
                    helsinki_rfc3339(hour.due),
                    hour.hours
                );
            }
        }
    }
    if needs_justification {
        eprintln!(
            "note: rule {} needs a recorded justification when applied to a request",
            rule.key()
        );
    }
    Ok(())
}
