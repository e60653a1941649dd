//! `kirjuri incident …`, `kirjuri register …`, `kirjuri processor …`: the data-protection
//! officer's desk.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;
use kirjuri_incidents::{
    Classification, Incident, IncidentCategory, IncidentCause, IncidentError, IncidentOutcome, IncidentState,
    Incidents, NewIncident, Notice, NotificationPhase, ProcessingRegister, Record, RiskLevel, Severity, TaskStatus,
    completeness, load_agreements, load_registers, notification_json, notification_markdown, parse_agreement_rows,
    parse_register_rows, processors_without_agreement, reviews_due, store_imported_rows, versions_of,
};
use kirjuri_registry::{PlanCatalog, Registry, RegistryConfig};
use kirjuri_store::Store;

use crate::data::{cli_actor, load_config, open_store, plan_catalog, today};
use crate::exit::{CmdResult, Failure, bad_input, failed};
use crate::registry_cmd::registry_failure;

fn incident_failure(error: IncidentError) -> Failure {
    registry_failure(error)
}

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

fn instant(flag: &str, text: &str) -> Result<DateTime<Utc>, Failure> {
    kirjuri_clock::parse_instant(text).map_err(|e| bad_input(format!("{flag}: {e}")))
}

fn helsinki(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// When the controller became aware of the breach, and the moment's earlier values.
fn print_breach_awareness(incident: &Incident) {
    if let Some(at) = incident.breach_aware_at() {
        println!("  breach aware {}", helsinki(at));
    }
    for change in incident.breach.iter().flat_map(|b| &b.awareness_history) {
        println!(
            "  was          {} (changed {} by {}: {})",
            helsinki(change.from),
            helsinki(change.at),
            change.by,
            change.reason
        );
    }
}

/// A day argument (YYYY-MM-DD), the flag named on error.
fn day_arg(flag: &str, text: &str) -> Result<chrono::NaiveDate, Failure> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_input(format!("{flag} is not a date (YYYY-MM-DD): {text}")))
}

fn print_clocks(incident: &Incident) {
    for clock in &incident.clocks {
        let status = match (&clock.cancelled, &clock.met_by) {
            (Some(why), _) => format!("cancelled: {why}"),
            (None, Some(by)) => format!("met by {by}"),
            (None, None) => "open".to_owned(),
        };
        let day = clock
            .due_day
            .map(|(due, moved)| format!(" (day {due}, moved {moved})"))
            .unwrap_or_default();
        println!(
            "  clock     {:<22} due {}{day}  [{status}]",
            clock.kind.key(),
            helsinki(clock.due)
        );
    }
}

fn print_incident(incident: &Incident) {
    println!("{}  {}", incident.id, incident.title);
    println!("  case      {} ({})", incident.diary_number, incident.case_id);
    println!(
        "  state     {}  severity {}{}",
        incident.state.key(),
        incident.severity.key(),
        if incident.false_positive {
            "  (false positive)"
        } else {
            ""
        }
    );
    println!("  detected  {}", helsinki(incident.detected_at));
    println!("  aware     {}", helsinki(incident.aware_at));
    println!(
        "  register  {}",
        if incident.is_breach() {
            "personal-data breach (tietosuojaloukkaus, GDPR 33(5))"
        } else {
            "security incident (tietoturvapoikkeama)"
        }
    );
    if let Some(breach) = &incident.breach {
        let types: Vec<&str> = breach.types.iter().map(|t| t.key()).collect();
        println!(
            "  breach    types {}; people ≈ {}; records ≈ {}; risk {}",
            if types.is_empty() {
                "—".to_owned()
            } else {
                types.join(", ")
            },
            breach.approx_people.map_or("?".to_owned(), |n| n.to_string()),
            breach.approx_records.map_or("?".to_owned(), |n| n.to_string()),
            breach.current_risk().map_or("not assessed", RiskLevel::key)
        );
        print_breach_awareness(incident);
        for assessment in &breach.assessments {
            println!(
                "  assessed  {} {} by {}: {}",
                helsinki(assessment.at),
                assessment.risk.key(),
                assessment.by,
                assessment.rationale
            );
        }
    }
    print_clocks(incident);
    for notice in &incident.notifications {
        println!(
            "  notified  {} {} to {} at {}{}{}",
            notice.id,
            notice.phase.key(),
            notice.authority,
            helsinki(notice.sent_at),
            match notice.on_time {
                Some(true) => " (on time)",
                Some(false) => " (LATE)",
                None => "",
            },
            notice
                .late_reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        );
    }
    for event in &incident.timeline {
        println!(
            "  timeline  {}{} {}",
            helsinki(event.at),
            if event.flagged { " ⚑" } else { "" },
            event.title
        );
    }
    for task in &incident.tasks {
        println!(
            "  task      {} [{}] {}{}",
            task.id,
            task.status.key(),
            task.title,
            task.due.map(|d| format!(" (due {d})")).unwrap_or_default()
        );
    }
    print_classification(incident);
    if let Some(cause) = &incident.root_cause {
        println!("  cause     {cause}");
    }
    if let Some(measures) = &incident.measures {
        println!("  measures  {measures}");
    }
    if !incident.linked_requests.is_empty() {
        println!("  linked    {}", incident.linked_requests.join(", "));
    }
}

/// The category, cause and outcome set, by their keys (`-` where not set).
fn print_classification(incident: &Incident) {
    let c = &incident.classification;
    println!(
        "  category  {}  cause {}  outcome {}",
        c.category.map_or("-", |v| v.key()),
        c.cause.map_or("-", |v| v.key()),
        c.outcome.map_or("-", |v| v.key())
    );
}

struct Desk {
    store: Store,
    plans: PlanCatalog,
    config: RegistryConfig,
    organisation: String,
}

impl Desk {
    fn open(data: &Path) -> Result<Desk, Failure> {
        let settings = load_config(data)?;
        let store = open_store(data)?;
        let plans = plan_catalog(&store)?;
        Ok(Desk {
            store,
            plans,
            config: settings.registry(),
            organisation: settings.organisation,
        })
    }
}

/// An incident's category, cause and outcome as given on the command line.
#[derive(clap::Args, Debug)]
pub struct ClassificationArgs {
    /// malware, phishing, unauthorised-access, denial-of-service, lost-device, misdelivery,
    /// system-failure or other (NCSC-FI's classes and the Ombudsman's common breaches).
    #[arg(long)]
    category: Option<String>,
    /// human-error, technical-fault, malicious-act, third-party or unknown.
    #[arg(long)]
    cause: Option<String>,
    /// resolved, contained, false-positive, no-effect or open.
    #[arg(long)]
    outcome: Option<String>,
}

impl ClassificationArgs {
    /// The classification, or bad input naming the flag whose word is unknown.
    fn parse(&self) -> Result<Classification, Failure> {
        fn part<T>(flag: &str, text: Option<&str>, parse: fn(&str) -> Result<T, String>) -> Result<Option<T>, Failure> {
            text.map(|t| parse(t).map_err(|e| bad_input(format!("{flag}: {e}"))))
                .transpose()
        }
        Ok(Classification {
            category: part("--category", self.category.as_deref(), IncidentCategory::parse)?,
            cause: part("--cause", self.cause.as_deref(), IncidentCause::parse)?,
            outcome: part("--outcome", self.outcome.as_deref(), IncidentOutcome::parse)?,
        })
    }
}

#[derive(Subcommand, Debug)]
pub enum IncidentCommand {
    /// Open an incident; prints its id, diary number and clocks with their due instants.
    New {
        /// When the organisation became aware (starts the GDPR 33 clock): YYYY-MM-DDTHH:MM.
        #[arg(long)]
        aware_at: String,
        #[arg(long)]
        title: String,
        /// A personal-data breach (tietosuojaloukkaus): registered under GDPR 33(5).
        #[arg(long)]
        breach: bool,
        #[arg(long)]
        detected_at: Option<String>,
        #[arg(long)]
        occurred_at: Option<String>,
        /// unspecified, informational, low, medium, high or critical.
        #[arg(long, default_value = "unspecified")]
        severity: String,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        reporter: Option<String>,
        /// A significant incident of an operation in NIS2 scope (opt-in clocks).
        #[arg(long)]
        nis2: bool,
        /// With --nis2: when it was found significant, YYYY-MM-DDTHH:MM; the 24- and 72-hour
        /// clocks run from here (default: the detection).
        #[arg(long, requires = "nis2")]
        nis2_significant_at: Option<String>,
        #[command(flatten)]
        classification: ClassificationArgs,
        #[arg(long)]
        json: bool,
    },
    /// Set the incident's category, cause or outcome for the annual report (chapter 3.4); a
    /// part left out keeps its value.
    Classify {
        id: String,
        #[command(flatten)]
        classification: ClassificationArgs,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        open: bool,
        /// With an open clock past its due instant.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// Move an incident: open, containment, eradication, recovery, post-incident, closed.
    Transition {
        id: String,
        state: String,
        #[arg(long)]
        json: bool,
    },
    /// Flag an incident as a personal-data breach; the 72 hours of GDPR 33(1) run from when
    /// the controller became aware that personal data were affected.
    Breach {
        id: String,
        /// When the controller became aware that personal data were affected: YYYY-MM-DDTHH:MM
        /// (default: the incident's awareness).
        #[arg(long)]
        aware_at: Option<String>,
    },
    /// Mark an incident a significant NIS2 incident (opt-in): the 24-hour early warning and
    /// 72-hour notification clocks run from when it was found significant.
    Nis2 {
        id: String,
        /// When it was found significant: YYYY-MM-DDTHH:MM (default: the detection).
        #[arg(long)]
        significant_at: Option<String>,
    },
    /// Record the NIS2 supervisor's request for an intermediate report (NIS2 Art 23(4)(c)): a
    /// clock due on the day it set, met by a notification of phase `intermediate`.
    Nis2Request {
        id: String,
        /// The day the authority asked: YYYY-MM-DD.
        #[arg(long)]
        asked_on: String,
        /// The day the authority set for the report: YYYY-MM-DD.
        #[arg(long)]
        due_on: String,
        /// What the authority asked for.
        #[arg(long)]
        what: String,
    },
    /// Correct when the controller became aware of the breach (restarts the open 72-hour
    /// clock from it; the change is kept with its reason).
    BreachAwareness {
        id: String,
        #[arg(long)]
        aware_at: String,
        #[arg(long)]
        reason: String,
    },
    /// Assess a breach's risk (none, risk, high) and record what is known of it.
    Assess {
        id: String,
        #[arg(long)]
        risk: Option<String>,
        #[arg(long)]
        rationale: Option<String>,
        /// confidentiality, integrity or availability; repeat for several.
        #[arg(long = "type")]
        types: Vec<String>,
        #[arg(long = "data-category")]
        data_category: Vec<String>,
        #[arg(long)]
        people: Option<u64>,
        #[arg(long)]
        records: Option<u64>,
        #[arg(long)]
        special: bool,
        #[arg(long)]
        minors: bool,
        #[arg(long)]
        identity_codes: bool,
        #[arg(long)]
        criminal: bool,
        /// GDPR 34(3) exemption: a-unintelligible, b-risk-removed, c-disproportionate-effort.
        #[arg(long)]
        exemption: Option<String>,
        #[arg(long)]
        exemption_text: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a notification sent (preliminary, supplementary, complete, early-warning,
    /// notification, final, subjects-informed).
    Notify {
        id: String,
        #[arg(long)]
        phase: String,
        #[arg(long)]
        sent_at: Option<String>,
        #[arg(long)]
        authority: Option<String>,
        /// The authority's diary number of the notice.
        #[arg(long)]
        reference: Option<String>,
        /// Required when the notice is late.
        #[arg(long)]
        late_reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a timeline event, a task, the root cause or measures; link a log investigation.
    Record {
        id: String,
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        content: Option<String>,
        #[arg(long)]
        task: Option<String>,
        #[arg(long)]
        assignee: Vec<String>,
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        task_done: Option<String>,
        #[arg(long)]
        root_cause: Option<String>,
        #[arg(long)]
        measures: Option<String>,
        #[arg(long)]
        false_positive: bool,
        /// A log investigation (request id) that revealed the incident.
        #[arg(long)]
        request: Option<String>,
    },
    /// The content of the Data Protection Ombudsman's notification form.
    NotificationDraft {
        id: String,
        #[arg(long, default_value = "md")]
        format: String,
    },
}

pub fn incident(data: &Path, command: IncidentCommand) -> CmdResult {
    let desk = Desk::open(data)?;
    let registry = Registry {
        store: &desk.store,
        plans: &desk.plans,
        config: &desk.config,
    };
    let incidents = Incidents {
        registry: &registry,
        controller: desk.organisation.clone(),
    };
    let actor = cli_actor(None);
    match command {
        IncidentCommand::New {
            aware_at,
            title,
            breach,
            detected_at,
            occurred_at,
            severity,
            description,
            reporter,
            nis2,
            nis2_significant_at,
            classification,
            json,
        } => {
            let request = NewIncident {
                title,
                description,
                aware_at: instant("--aware-at", &aware_at)?,
                detected_at: detected_at.map(|d| instant("--detected-at", &d)).transpose()?,
                occurred_at: occurred_at.map(|d| instant("--occurred-at", &d)).transpose()?,
                reporter,
                severity: Severity::parse(&severity).map_err(bad_input)?,
                breach,
                nis2,
                nis2_significant_at: nis2_significant_at
                    .map(|t| instant("--nis2-significant-at", &t))
                    .transpose()?,
                classification: classification.parse()?,
            };
            let incident = incidents.new_incident(&request, &actor).map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            println!("{}  {}", incident.id, incident.diary_number);
            print_clocks(&incident);
            Ok(())
        }
        IncidentCommand::Show { id, json } => {
            let incident = incidents.get(&id).map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            print_incident(&incident);
            Ok(())
        }
        IncidentCommand::List { open, overdue, json } => {
            let list = incidents.list(open, overdue.then(Utc::now)).map_err(incident_failure)?;
            if json {
                return print_json(&list);
            }
            for incident in &list {
                let next = incident
                    .open_clocks()
                    .min_by_key(|c| c.due)
                    .map(|c| format!("{} due {}", c.kind.key(), helsinki(c.due)))
                    .unwrap_or_default();
                println!(
                    "{:<8} {:<26} {:<14} {:<6} {:<9} {next}  {}",
                    incident.id,
                    incident.diary_number.to_string(),
                    incident.state.key(),
                    if incident.is_breach() { "breach" } else { "" },
                    incident.severity.key(),
                    incident.title
                );
            }
            eprintln!("{} incidents", list.len());
            Ok(())
        }
        IncidentCommand::Classify {
            id,
            classification,
            json,
        } => {
            let classification = classification.parse()?;
            let incident = incidents
                .classify(&id, &classification, &actor)
                .map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            print_classification(&incident);
            Ok(())
        }
        IncidentCommand::Transition { id, state, json } => {
            let to = IncidentState::parse(&state).map_err(bad_input)?;
            let incident = incidents.transition(&id, to, &actor).map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            println!("{} is now {}", incident.id, incident.state.key());
            Ok(())
        }
        IncidentCommand::Breach { id, aware_at } => {
            let aware_at = aware_at.as_deref().map(|t| instant("--aware-at", t)).transpose()?;
            let incident = incidents.mark_breach(&id, aware_at, &actor).map_err(incident_failure)?;
            println!("{} is now in the breach register", incident.id);
            print_breach_awareness(&incident);
            print_clocks(&incident);
            Ok(())
        }
        IncidentCommand::Nis2 { id, significant_at } => {
            let significant_at = significant_at
                .as_deref()
                .map(|t| instant("--significant-at", t))
                .transpose()?;
            let incident = incidents
                .mark_nis2(&id, significant_at, &actor)
                .map_err(incident_failure)?;
            println!("{} is now a significant NIS2 incident", incident.id);
            if let Some(at) = incident.nis2_significant_at() {
                println!("  significant  {}", helsinki(at));
            }
            print_clocks(&incident);
            Ok(())
        }
        IncidentCommand::Nis2Request {
            id,
            asked_on,
            due_on,
            what,
        } => {
            let ask = kirjuri_incidents::Nis2ReportAsk {
                asked_on: day_arg("--asked-on", &asked_on)?,
                due_on: day_arg("--due-on", &due_on)?,
                what,
            };
            let incident = incidents
                .request_nis2_report(&id, &ask, &actor)
                .map_err(incident_failure)?;
            println!(
                "{}: intermediate report asked on {}, due {}",
                incident.id, ask.asked_on, ask.due_on
            );
            print_clocks(&incident);
            Ok(())
        }
        IncidentCommand::BreachAwareness { id, aware_at, reason } => {
            let aware_at = instant("--aware-at", &aware_at)?;
            let incident = incidents
                .change_breach_awareness(&id, aware_at, &reason, &actor)
                .map_err(incident_failure)?;
            println!("{}: the moment of awareness of the breach changed", incident.id);
            print_breach_awareness(&incident);
            print_clocks(&incident);
            Ok(())
        }
        IncidentCommand::Assess {
            id,
            risk,
            rationale,
            types,
            data_category,
            people,
            records,
            special,
            minors,
            identity_codes,
            criminal,
            exemption,
            exemption_text,
            json,
        } => {
            let assessment = kirjuri_incidents::service::AssessmentInput {
                risk,
                rationale,
                types,
                data_categories: data_category,
                people,
                records,
                special,
                minors,
                identity_codes,
                criminal,
                exemption,
                exemption_text,
            }
            .parse()
            .map_err(bad_input)?;
            let incident = incidents.assess(&id, &assessment, &actor).map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            print_incident(&incident);
            Ok(())
        }
        IncidentCommand::Notify {
            id,
            phase,
            sent_at,
            authority,
            reference,
            late_reason,
            json,
        } => {
            let notice = Notice {
                phase: NotificationPhase::parse(&phase).map_err(bad_input)?,
                authority,
                sent_at: match sent_at {
                    Some(text) => instant("--sent-at", &text)?,
                    None => Utc::now(),
                },
                reference_no: reference,
                late_reason,
            };
            let incident = incidents.notify(&id, &notice, &actor).map_err(incident_failure)?;
            if json {
                return print_json(&incident);
            }
            print_incident(&incident);
            Ok(())
        }
        IncidentCommand::Record {
            id,
            event,
            at,
            content,
            task,
            assignee,
            due,
            task_done,
            root_cause,
            measures,
            false_positive,
            request,
        } => {
            let mut entries = Vec::new();
            if let Some(title) = event {
                entries.push(Record::Event {
                    at: match at {
                        Some(text) => instant("--at", &text)?,
                        None => Utc::now(),
                    },
                    title,
                    content,
                    source: None,
                });
            }
            if let Some(title) = task {
                let due = due
                    .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                    .transpose()
                    .map_err(|_| bad_input("--due is not a date (YYYY-MM-DD)"))?;
                entries.push(Record::Task {
                    title,
                    assignees: assignee,
                    due,
                });
            }
            if let Some(task) = task_done {
                entries.push(Record::TaskStatus {
                    task,
                    status: TaskStatus::Done,
                });
            }
            if let Some(text) = root_cause {
                entries.push(Record::RootCause(text));
            }
            if let Some(text) = measures {
                entries.push(Record::Measures(text));
            }
            if false_positive {
                entries.push(Record::FalsePositive);
            }
            if let Some(request) = request {
                let found = kirjuri_requests::Requests { registry: &registry }
                    .get(&request)
                    .map_err(|e| bad_input(e.to_string()))?;
                if found.kind != kirjuri_requests::RequestKind::LogInvestigation {
                    return Err(bad_input(format!("{} is not a log investigation", found.id)));
                }
                entries.push(Record::LinkRequest(found.id));
            }
            if entries.is_empty() {
                return Err(bad_input(
                    "nothing to record: give --event, --task, --task-done, --root-cause, --measures, --false-positive or --request",
                ));
            }
            for entry in &entries {
                incidents.record(&id, entry, &actor).map_err(incident_failure)?;
            }
            println!("recorded {} entries on {id}", entries.len());
            Ok(())
        }
        IncidentCommand::NotificationDraft { id, format } => {
            let incident = incidents.get(&id).map_err(incident_failure)?;
            match format.as_str() {
                "json" => print_json(&notification_json(&incident, &desk.organisation)),
                "md" | "markdown" => {
                    print!("{}", notification_markdown(&incident, &desk.organisation));
                    Ok(())
                }
                other => Err(bad_input(format!("--format `{other}`, expected md or json"))),
            }
        }
    }
}

fn read_text(path: &PathBuf) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))
}

#[derive(Subcommand, Debug)]
pub enum RegisterCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List every active register missing an Art 30(1) field, with the letters.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// The dated versions of one entry, oldest first: when each took effect, who changed it
    /// and which fields (every change keeps the earlier state).
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Import registers and/or agreements from CSV (all or nothing). An optional `valid_from`
    /// column (a day or an RFC 3339 instant) loads an earlier state as history.
    Import {
        #[arg(long)]
        registers: Option<PathBuf>,
        #[arg(long)]
        agreements: Option<PathBuf>,
    },
}

pub fn register(data: &Path, command: RegisterCommand) -> CmdResult {
    let store = open_store(data)?;
    match command {
        RegisterCommand::List { json } => {
            let registers = load_registers(&store).map_err(failed)?;
            if json {
                return print_json(&registers);
            }
            for register in registers.iter().filter(|r| r.active) {
                let missing = register.missing_letters();
                println!(
                    "{:<14} {:<40} {:<16} {}",
                    register.id,
                    register.name,
                    register.department,
                    if missing.is_empty() {
                        "complete".to_owned()
                    } else {
                        format!("missing {}", missing.iter().collect::<String>())
                    }
                );
            }
            Ok(())
        }
        RegisterCommand::Show { id, json } => {
            let registers = load_registers(&store).map_err(failed)?;
            let register = registers
                .iter()
                .find(|r| r.id == id)
                .ok_or_else(|| bad_input(format!("register {id} not found")))?;
            if json {
                return print_json(register);
            }
            let list = |items: &[String]| {
                if items.is_empty() {
                    "—".to_owned()
                } else {
                    items.join("; ")
                }
            };
            println!("{}  {}", register.id, register.name);
            println!(
                "  (a) controller   {} / {}; DPO {}",
                register.controller, register.department, register.dpo_contact
            );
            println!("  (b) purposes     {}", list(&register.purposes));
            println!(
                "  (c) subjects     {}; data {}{}{}",
                list(&register.subject_categories),
                list(&register.data_categories),
                if register.special_categories {
                    "; Art 9 special categories"
                } else {
                    ""
                },
                if register.criminal_data {
                    "; Art 10 criminal data"
                } else {
                    ""
                }
            );
            println!("  (d) recipients   {}", list(&register.recipients));
            println!("  (e) transfers    {}", list(&register.transfers));
            println!(
                "  (f) erasure      plan classes {}",
                register
                    .erasure_classes
                    .iter()
                    .map(|c| c.spaced())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "  (g) security     {}",
                if register.security_measures.is_empty() {
                    "—"
                } else {
                    &register.security_measures
                }
            );
            println!(
                "  privacy notice   {}{}",
                if register.privacy_notice.is_empty() {
                    "(none recorded)"
                } else {
                    &register.privacy_notice
                },
                register
                    .privacy_notice_published
                    .map_or(String::new(), |d| format!(" (published {d})"))
            );
            println!("  legal basis      {}", register.legal_basis);
            println!(
                "  DPIA             {}",
                if register.dpia.is_empty() {
                    "—"
                } else {
                    &register.dpia
                }
            );
            println!(
                "  systems          {}; processors {}",
                list(&register.systems),
                list(&register.processors)
            );
            let missing = register.missing_letters();
            if !missing.is_empty() {
                println!(
                    "  incomplete: missing Art 30(1)({})",
                    missing.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
                );
            }
            Ok(())
        }
        RegisterCommand::Check { json } => {
            let registers = load_registers(&store).map_err(failed)?;
            let findings = completeness(&registers);
            if json {
                return print_json(&findings);
            }
            for finding in &findings {
                let letters: String = finding.missing_art30.iter().collect();
                println!(
                    "{} ({}): {}{}",
                    finding.id,
                    finding.name,
                    if letters.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "missing Art 30(1)({})",
                            letters.chars().map(String::from).collect::<Vec<_>>().join(", ")
                        )
                    },
                    if finding.lacks_dpia {
                        "; Art 9/10 data without a DPIA status"
                    } else {
                        ""
                    }
                );
            }
            println!(
                "{} active registers, {} incomplete",
                registers.iter().filter(|r| r.active).count(),
                findings.len()
            );
            Ok(())
        }
        RegisterCommand::History { id, json } => {
            let versions = versions_of::<ProcessingRegister>(&store, &id)
                .map_err(failed)?
                .ok_or_else(|| bad_input(format!("register {id} not found")))?;
            print_history(&id, &versions, json, |r| {
                if r.active { "active" } else { "inactive" }.to_owned()
            })
        }
        RegisterCommand::Import { registers, agreements } => {
            let parsed_registers = match &registers {
                Some(path) => parse_register_rows(&path.display().to_string(), &read_text(path)?),
                None => Ok(Vec::new()),
            };
            let parsed_agreements = match &agreements {
                Some(path) => parse_agreement_rows(&path.display().to_string(), &read_text(path)?),
                None => Ok(Vec::new()),
            };
            let mut errors = Vec::new();
            if let Err(list) = &parsed_registers {
                errors.extend(list.iter().cloned());
            }
            if let Err(list) = &parsed_agreements {
                errors.extend(list.iter().cloned());
            }
            if !errors.is_empty() {
                for error in &errors {
                    eprintln!("error: {error}");
                }
                return Err(Failure::Reported(2));
            }
            let (registers_list, agreements_list) = (
                parsed_registers.unwrap_or_default(),
                parsed_agreements.unwrap_or_default(),
            );
            if registers_list.is_empty() && agreements_list.is_empty() {
                return Err(bad_input("give --registers FILE.csv and/or --agreements FILE.csv"));
            }
            let source = [registers, agreements]
                .iter()
                .flatten()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            store_imported_rows(
                &store,
                &registers_list,
                &agreements_list,
                &cli_actor(None).name,
                &source,
            )
            .map_err(failed)?;
            println!(
                "imported {} register rows and {} processor agreement rows (each a dated version)",
                registers_list.len(),
                agreements_list.len()
            );
            Ok(())
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ProcessorCommand {
    /// Processor agreements; `--review-due DAYS` lists reviews due within DAYS;
    /// `--missing` lists processors with no valid agreement.
    List {
        #[arg(long)]
        review_due: Option<u64>,
        #[arg(long)]
        missing: bool,
        #[arg(long)]
        json: bool,
    },
    /// The dated versions of one agreement, oldest first, as `register history`.
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

/// Prints a record's dated versions, oldest first: when each took effect (Helsinki time), who
/// changed it, its state (`state_of`) and which fields changed.
fn print_history<T: serde::Serialize>(
    id: &str,
    versions: &[kirjuri_incidents::Version<T>],
    json: bool,
    state_of: impl Fn(&T) -> String,
) -> CmdResult {
    if json {
        return print_json(&versions);
    }
    println!("{id}  {} versions", versions.len());
    for version in versions {
        let from = version
            .valid_from
            .map_or("(before the history began)".to_owned(), kirjuri_clock::helsinki_rfc3339);
        let what = if version.changed.is_empty() {
            "first recorded state".to_owned()
        } else {
            format!("changed: {}", version.changed.join(", "))
        };
        let by = if version.by.is_empty() { "-" } else { &version.by };
        println!("  {from}  by {by}  {}  {what}", state_of(&version.record));
    }
    Ok(())
}

pub fn processor(data: &Path, command: ProcessorCommand) -> CmdResult {
    let store = open_store(data)?;
    let agreements = load_agreements(&store).map_err(failed)?;
    let day = today();
    match command {
        ProcessorCommand::History { id, json } => {
            let versions = versions_of::<kirjuri_incidents::ProcessorAgreement>(&store, &id)
                .map_err(failed)?
                .ok_or_else(|| bad_input(format!("processor agreement {id} not found")))?;
            print_history(&id, &versions, json, |a| {
                serde_json::to_value(a.state)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
        }
        ProcessorCommand::List {
            review_due,
            missing,
            json,
        } => {
            if missing {
                let registers = load_registers(&store).map_err(failed)?;
                let without = processors_without_agreement(&registers, &agreements, day);
                if json {
                    return print_json(&without);
                }
                for (processor, registers) in &without {
                    println!("{processor}: no valid agreement (registers {})", registers.join(", "));
                }
                eprintln!("{} processors without a valid agreement", without.len());
                return Ok(());
            }
            let list: Vec<_> = match review_due {
                Some(days) => reviews_due(
                    &agreements,
                    day.checked_add_days(chrono::Days::new(days)).unwrap_or(day),
                ),
                None => agreements.iter().collect(),
            };
            if json {
                return print_json(&list);
            }
            for agreement in list {
                println!(
                    "{:<10} {:<28} {:<11} valid {:<5} review {}  missing Art 28(3) items: {}",
                    agreement.id,
                    agreement.processor,
                    format!("{:?}", agreement.state).to_lowercase(),
                    agreement.is_valid_on(day),
                    agreement.review_due.map_or("—".to_owned(), |d| d.to_string()),
                    agreement.missing_checklist_items().len()
                );
            }
            Ok(())
        }
    }
}
