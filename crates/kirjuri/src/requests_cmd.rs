//! `kirjuri request …`: log information requests and answer them inside their legal deadlines.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use kirjuri_clock::parse_start;
use kirjuri_registry::{PlanCatalog, Registry, RegistryConfig};
use kirjuri_requests::{
    ExtensionJustification, InfoRequest, LogOrigin, LogReportRequest, NewRequest, RequestError, RequestFilter,
    RequestKind, RequestState, Requests, TransitionRequest,
};
use kirjuri_store::Store;

use crate::data::{cli_actor, load_config, open_store, plan_catalog, today};
use crate::exit::{CmdResult, Failure, bad_input, failed};
use crate::registry_cmd::registry_failure;

fn request_failure(error: RequestError) -> Failure {
    registry_failure(error)
}

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

fn parse_day(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_input(format!("{flag} `{text}` is not a date (YYYY-MM-DD)")))
}

fn parse_instant(flag: &str, text: &str) -> Result<DateTime<Utc>, Failure> {
    Ok(parse_start(text)
        .map_err(|e| bad_input(format!("{flag}: {e}")))?
        .instant())
}

/// One line of `request list`: the warning day (the statutory day, the earlier one) first, the
/// moved day beside it, and `LATE n d` counted from the warning day (DOMAIN.md §5.2).
fn summary_line(request: &InfoRequest, today: NaiveDate) -> String {
    let deadline = request.deadline.as_ref().map_or("no legal clock".to_owned(), |d| {
        let late = if !request.state.is_decided() && d.warn_on < today {
            format!(" LATE {} d", (today - d.warn_on).num_days())
        } else {
            String::new()
        };
        if d.warn_on == d.due_moved {
            format!("due {}{late}", d.warn_on)
        } else {
            format!("due {} (moved {}){late}", d.warn_on, d.due_moved)
        }
    });
    format!(
        "{:<8} {:<19} {:<27} {:<15} {deadline:<32} {}",
        request.id,
        request.kind.key(),
        request.diary_number.to_string(),
        request.state.key(),
        request.requester.as_deref().unwrap_or("(nimetön)")
    )
}

fn print_request(request: &InfoRequest) {
    println!("{}  {} ({})", request.id, request.kind.key(), request.kind.finnish());
    println!("  case          {} ({})", request.diary_number, request.case_id);
    println!(
        "  requester     {}",
        request.requester.as_deref().unwrap_or("anonymous")
    );
    println!(
        "  received      {}",
        request
            .received_at
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .to_rfc3339()
    );
    println!("  state         {}", request.state.key());
    if let Some(assignee) = &request.assignee {
        println!("  assignee      {assignee}");
    }
    match &request.deadline {
        Some(d) => {
            println!(
                "  deadline      {} statutory {}, moved {} ({}; {})",
                d.rule.key(),
                d.due,
                d.due_moved,
                d.calendar,
                d.rule.legal_basis()
            );
            println!("  warn on       {}", d.warn_on);
        }
        None => println!("  deadline      none (no legal clock)"),
    }
    for (n, d) in request.deadline_history.iter().enumerate() {
        println!(
            "  history {n:>2}    {} {} → {} / {} by {}: {}",
            d.set_at.format("%Y-%m-%d %H:%M"),
            d.rule.key(),
            d.due,
            d.due_moved,
            d.set_by,
            d.reason
        );
    }
    if let Some(extension) = &request.extension {
        println!(
            "  extension     {} (requester told {})",
            extension.reason, extension.told_requester_on
        );
    }
    for pause in &request.pauses {
        println!(
            "  paused        {} – {}: {}",
            pause.from,
            pause.to.map_or("now".to_owned(), |d| d.to_string()),
            pause.reason
        );
    }
    if !request.refusal_legal_basis.is_empty() {
        let shown: Vec<String> = request
            .refusal_legal_basis
            .iter()
            .map(|basis| match kirjuri_plan::secrecy_grounds::by_key(basis) {
                Some(ground) => format!("{} {} ({})", ground.citation, ground.fi, ground.key),
                None => basis.clone(),
            })
            .collect();
        println!("  legal basis   {}", shown.join("; "));
    }
    for other in &request.refusal_other_ground {
        println!("  other ground  {other}");
    }
    if let Some(clock) = &request.referral {
        print_referral(clock);
    }
    for transition in &request.history {
        println!(
            "  transition    {} {} → {} by {}{}",
            transition.at.format("%Y-%m-%d %H:%M"),
            transition.from.key(),
            transition.to.key(),
            transition.by,
            transition
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        );
    }
}

/// Publicity Act §14(3): the decision clock and the decision with its appeal instructions.
fn print_referral(clock: &kirjuri_requests::ReferralClock) {
    println!(
        "  referral      requested {}, decision target {} ({} days)",
        clock.requested_on, clock.target.due, clock.target.days
    );
    if let Some(issued) = clock.decision_issued_on {
        let timeliness = match clock.decided_on_time() {
            Some(true) => "on time".to_owned(),
            _ => format!("{} days late", clock.days_late(issued)),
        };
        println!("  decision      issued {issued} ({timeliness} against the target)");
    }
    if let Some(appeal) = &clock.appeal {
        println!(
            "  appeal        to {} within {} days{}",
            appeal.court,
            appeal.appeal_days,
            appeal
                .document_id
                .as_deref()
                .map(|d| format!(" (document {d})"))
                .unwrap_or_default()
        );
        for line in appeal.text.lines() {
            println!("    {line}");
        }
    }
}

struct Desk {
    store: Store,
    plans: PlanCatalog,
    config: RegistryConfig,
}

#[derive(Subcommand, Debug)]
pub enum RequestCommand {
    /// Log a request on the day it arrives; prints its id, diary number and deadlines.
    New {
        /// gdpr-access, gdpr-rectification, gdpr-erasure, gdpr-restriction, gdpr-portability,
        /// gdpr-objection, publicity or log-investigation.
        kind: String,
        /// Arrival in any part of the organisation: YYYY-MM-DD[THH:MM] (Europe/Helsinki) or RFC 3339.
        #[arg(long)]
        received: String,
        #[arg(long)]
        requester: Option<String>,
        /// Publicity Act requests may be anonymous.
        #[arg(long)]
        anonymous: bool,
        /// e-mail, letter, phone, counter …
        #[arg(long)]
        channel: Option<String>,
        /// Log investigations: data-subject (default) or manager.
        #[arg(long)]
        origin: Option<String>,
        /// Link to an existing case instead of opening one.
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Open requests, earliest deadline first.
    List {
        /// Past their warning day (the earlier of statutory and moved).
        #[arg(long)]
        overdue: bool,
        /// Due within this many days (0 = today).
        #[arg(long)]
        due_within: Option<u64>,
        #[arg(long)]
        assignee: Option<String>,
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// Include decided requests.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Move a request to another state.
    Transition {
        id: String,
        state: String,
        #[arg(long)]
        reason: Option<String>,
        /// Legal basis of a refusal or decision; repeat for several. For a document request a
        /// secrecy ground by key or citation (julkl-24-1-25, "JulkL 24 § 1 mom 25 kohta").
        #[arg(long = "legal-basis")]
        legal_basis: Vec<String>,
        /// A document request's ground outside the secrecy-grounds list, as free text.
        #[arg(long)]
        other_ground: Option<String>,
        /// Extension: the day the requester was told (default today).
        #[arg(long)]
        told_on: Option<String>,
        /// Publicity Act one-month track: large-volume, special-measures or other.
        #[arg(long)]
        justification: Option<String>,
        /// Refusing a GDPR request: the refusal told the person of their right to complain to
        /// the Data Protection Ombudsman and to go to court (GDPR 12(4)); required. With a
        /// refusal, --told-on is the day it was sent.
        #[arg(long)]
        complaint_rights_told: bool,
        #[arg(long)]
        json: bool,
    },
    /// Pause the clock (an audited exception, with a reason).
    Pause {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Resume a paused clock; the deadline moves by the paused days.
    Resume { id: String },
    /// Record a document disclosed, disclosed in part or refused (document requests).
    Disclose(crate::disclosure_cmd::DiscloseArgs),
    /// Record a fee charged under Publicity Act §34.
    Fee(crate::disclosure_cmd::FeeArgs),
    /// Record the transfer of a document request to another authority (§15).
    Transfer(crate::disclosure_cmd::TransferArgs),
    /// Record how a GDPR requester's identity was checked (GDPR 12(6)); in-progress needs a
    /// verified check.
    VerifyIdentity {
        id: String,
        /// strong-electronic, id-document, known-customer, signed-letter or other.
        #[arg(long)]
        method: String,
        /// verified or failed.
        #[arg(long, default_value = "verified")]
        result: String,
        /// What was done (required for `other`).
        #[arg(long)]
        note: Option<String>,
    },
    /// Statistics of the requests received in a year.
    Stats {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Answer a log investigation from the audit trail; stored as a document of its case.
    LogReport {
        id: String,
        /// The person whose data was read (as a party of cases and documents).
        #[arg(long)]
        subject: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Disclose the readers' identities (needs --justification; CJEU C-579/21).
        #[arg(long)]
        disclose_users: bool,
        #[arg(long)]
        justification: Option<String>,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(data: &Path, command: RequestCommand) -> CmdResult {
    let settings = load_config(data)?;
    let desk = Desk {
        config: settings.registry(),
        store: open_store(data)?,
        plans: PlanCatalog {
            versions: Default::default(),
            in_force: 0,
        },
    };
    let desk = Desk {
        plans: plan_catalog(&desk.store)?,
        ..desk
    };
    let registry = Registry {
        store: &desk.store,
        plans: &desk.plans,
        config: &desk.config,
    };
    let requests = Requests { registry: &registry };
    match command {
        RequestCommand::New {
            kind,
            received,
            requester,
            anonymous,
            channel,
            origin,
            case,
            assignee,
            json,
        } => {
            let kind = RequestKind::parse(&kind).map_err(bad_input)?;
            let received = parse_start(&received).map_err(|e| bad_input(format!("--received: {e}")))?;
            let origin = origin
                .as_deref()
                .map(LogOrigin::parse)
                .transpose()
                .map_err(|e| bad_input(format!("--origin: {e}")))?;
            let request = NewRequest {
                kind,
                received,
                requester,
                anonymous,
                channel,
                origin,
                assignee,
                case,
            };
            let stored = requests
                .new_request(&request, &cli_actor(None))
                .map_err(request_failure)?;
            if json {
                return print_json(&stored);
            }
            println!("{}  {}", stored.id, stored.diary_number);
            if let Some(deadline) = &stored.deadline {
                println!(
                    "  due {} (statutory), {} (moved; {})",
                    deadline.due,
                    deadline.due_moved,
                    deadline.rule.legal_basis()
                );
            }
            Ok(())
        }
        RequestCommand::Show { id, json } => {
            // The operator reads city-wide; a case's access list holds here too (as for `doc show`),
            // and the read of a restricted request is audited (`request.read`).
            let request = requests
                .read_for(&id, &operator(), &cli_actor(None))
                .map_err(request_failure)?;
            if json {
                return print_json(&request);
            }
            print_request(&request);
            crate::disclosure_cmd::print_disclosure(&request);
            Ok(())
        }
        RequestCommand::List {
            overdue,
            due_within,
            assignee,
            state,
            kind,
            all,
            json,
        } => {
            let filter = RequestFilter {
                overdue,
                due_within_days: due_within,
                assignee,
                state: state.map(|s| RequestState::parse(&s)).transpose().map_err(bad_input)?,
                kind: kind.map(|k| RequestKind::parse(&k)).transpose().map_err(bad_input)?,
                include_decided: all,
            };
            let list = requests
                .list_for(&filter, today(), &operator())
                .map_err(request_failure)?;
            if json {
                return print_json(&list);
            }
            for request in &list {
                println!("{}", summary_line(request, today()));
            }
            eprintln!("{} requests", list.len());
            Ok(())
        }
        RequestCommand::Transition {
            id,
            state,
            reason,
            legal_basis,
            other_ground,
            told_on,
            justification,
            complaint_rights_told,
            json,
        } => {
            let to = RequestState::parse(&state).map_err(bad_input)?;
            let change = TransitionRequest {
                reason,
                legal_basis,
                told_requester_on: told_on.map(|d| parse_day("--told-on", &d)).transpose()?,
                justification: justification
                    .map(|j| ExtensionJustification::parse(&j))
                    .transpose()
                    .map_err(|e| bad_input(format!("--justification: {e}")))?,
                other_ground,
                publicity: settings.publicity.clone(),
                complaint_rights_told,
            };
            let stored = requests
                .transition(&id, to, &change, &cli_actor(None))
                .map_err(request_failure)?;
            // A late GDPR refusal is recorded, and said (GDPR 12(4)), on stderr so the JSON stays
            // clean.
            if let Some(warning) =
                kirjuri_requests::gdpr::late_refusal_warning(&stored).filter(|_| to == RequestState::Refused)
            {
                eprintln!("warning: {warning}");
            }
            if json {
                return print_json(&stored);
            }
            println!("{} is now {}", stored.id, stored.state.key());
            if let Some(deadline) = stored.deadline.as_ref().filter(|_| to == RequestState::Extended) {
                println!(
                    "  new deadline {} (moved {}), {}",
                    deadline.due, deadline.due_moved, deadline.reason
                );
            }
            Ok(())
        }
        RequestCommand::Disclose(args) => crate::disclosure_cmd::disclose(&registry, args),
        RequestCommand::Fee(args) => crate::disclosure_cmd::fee(&registry, args),
        RequestCommand::Transfer(args) => crate::disclosure_cmd::transfer(&registry, args),
        RequestCommand::Pause { id, reason } => {
            let stored = requests
                .pause(&id, &reason, &cli_actor(None))
                .map_err(request_failure)?;
            println!("{} clock paused from {}", stored.id, today());
            Ok(())
        }
        RequestCommand::VerifyIdentity {
            id,
            method,
            result,
            note,
        } => crate::gdpr_cmd::verify_identity(&requests, &id, (&method, &result), note.as_deref()),
        RequestCommand::Resume { id } => {
            let stored = requests.resume(&id, &cli_actor(None)).map_err(request_failure)?;
            let due = stored
                .deadline
                .as_ref()
                .map_or("—".to_owned(), |d| format!("{} (moved {})", d.due, d.due_moved));
            println!("{} clock resumed; due {due}", stored.id);
            Ok(())
        }
        RequestCommand::Stats { year, json } => {
            let stats = requests.statistics(year).map_err(request_failure)?;
            if json {
                return print_json(&stats);
            }
            println!("requests received in {year}");
            for (kind, count) in &stats.received_by_kind {
                println!("  {kind:<20} {count}");
            }
            let share = |s: Option<f64>| s.map_or("—".to_owned(), |v| format!("{:.0} %", v * 100.0));
            println!("decided {}, open at year end {}", stats.decided, stats.open_at_year_end);
            println!(
                "on time {} against the statutory day, {} against the moved day ({} decided with a clock)",
                share(stats.on_time_share_statutory),
                share(stats.on_time_share_moved),
                stats.with_clock_decided
            );
            println!(
                "lead time median {} days, 90th percentile {} days",
                stats.median_lead_time_days.map_or("—".to_owned(), |m| format!("{m}")),
                stats.p90_lead_time_days.map_or("—".to_owned(), |p| p.to_string())
            );
            println!(
                "extensions {}, paused {}, referrals {}, appealable decisions {}",
                stats.extensions, stats.paused, stats.referrals_requested, stats.appealable_decisions
            );
            for (basis, count) in &stats.refusals_by_legal_basis {
                println!("  refused: {basis} × {count}");
            }
            let publicity = &stats.publicity;
            println!(
                "document requests decided {}: on time against the two-week day {}; on the one-month track {}, on time against the month {}",
                publicity.decided,
                publicity.on_time_two_weeks,
                publicity.month_track_decided,
                publicity.on_time_month_track
            );
            for (justification, count) in &publicity.month_track_switches {
                println!("  switched to the one-month track: {justification} × {count}");
            }
            println!(
                "late GDPR refusals (12(4), over one month) {}",
                stats.late_gdpr_refusals
            );
            let disclosure = &stats.disclosure;
            println!(
                "fees charged {} (sum {}.{:02} EUR), transfers to another authority {}",
                disclosure.fees_charged,
                disclosure.fees_cents / 100,
                disclosure.fees_cents % 100,
                disclosure.transfers
            );
            Ok(())
        }
        RequestCommand::LogReport {
            id,
            subject,
            from,
            to,
            disclose_users,
            justification,
            purpose,
            json,
        } => {
            let report = LogReportRequest {
                subject,
                from: from.map(|f| parse_instant("--from", &f)).transpose()?,
                to: to.map(|t| parse_instant("--to", &t)).transpose()?,
                disclose_users,
                disclose_users_justification: justification,
            };
            let (document, log_report) = requests
                .log_report(&id, &report, &cli_actor(purpose.as_deref()))
                .map_err(request_failure)?;
            if json {
                return print_json(&serde_json::json!({ "document": document.id, "report": log_report }));
            }
            print!("{}", log_report.to_markdown());
            eprintln!("stored as {} in case {}", document.id, document.diary_number);
            Ok(())
        }
    }
}

/// The operator as a reader: city-wide, named by `KIRJURI_ACTOR` (so a case's access list
/// still applies).
fn operator() -> kirjuri_registry::Reader {
    kirjuri_registry::Reader::city_wide(cli_actor(None).name)
}
