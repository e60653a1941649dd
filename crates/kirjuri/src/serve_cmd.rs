//! `kirjuri serve`, `kirjuri user …`, `kirjuri token …`: the service on its data folder, its
//! first-start set-up (sample plan, admin account) and the demo data of `fixtures/demo/`.

use std::io::Read as _;
use std::path::Path;

use clap::{Args, Subcommand};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, CaseState, Direction, NewDocument, OpenCase, PhysicalItem, Registry};
use kirjuri_server::AppState;
use kirjuri_server::users::{self, Role};
use serde::Deserialize;

use crate::data::{DEMO_FILES, DEMO_JSON, load_config, open_store, plan_catalog};
use crate::exit::{CmdResult, bad_input, failed};

/// Demo users: one per role, with passwords that are printed at start. For a local demo only.
/// The staff user works for the education department (sivistystoimi): they read its restricted
/// records and register in it, not in the others.
const DEMO_USERS: &[(&str, Role, &[&str])] = &[
    ("kirjaaja", Role::Registrar, &[]),
    ("arkistonhoitaja", Role::Archivist, &[]),
    // A second archivist: disposal needs four eyes (the proposer may not approve).
    ("arkistosihteeri", Role::Archivist, &[]),
    ("tietosuojavastaava", Role::PrivacyOfficer, &[]),
    ("tarkastaja", Role::Auditor, &[]),
    ("tyontekija", Role::Staff, &["sivistystoimi"]),
];

fn demo_password(name: &str) -> String {
    format!("demo-{name}-2026")
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("KIRJURI_LOG").unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let json = std::env::var("KIRJURI_LOG_FORMAT").is_ok_and(|f| f == "json");
    // Colours only on a terminal: a log file gets no escape sequences.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Also load the demo data of fixtures/demo/ and demo users for every role.
    #[arg(long)]
    pub demo: bool,
}

pub fn serve(data: &Path, listen: &str, demo: bool) -> CmdResult {
    init_logging();
    let config = load_config(data)?;
    let store = open_store(data)?;
    let plans = plan_catalog(&store)?;
    let first_start = !users::has_users(&store).map_err(failed)?;
    if first_start {
        let (password, source) = match std::env::var("KIRJURI_ADMIN_PASSWORD") {
            Ok(password) if !password.is_empty() => (password, "from KIRJURI_ADMIN_PASSWORD"),
            _ => (users::random_secret(20), "generated, printed once"),
        };
        users::add_user(&store, "admin", Role::Admin, &password, "system")
            .map_err(|e| bad_input(format!("admin account: {e}")))?;
        println!("first start: created user `admin` ({source})");
        if source.starts_with("generated") {
            println!("  admin password: {password}");
        }
    }
    if !kirjuri_archive::keys::folder(data)
        .join(kirjuri_archive::keys::SECRET_FILE)
        .exists()
    {
        let id = kirjuri_archive::keys::init(data).map_err(|e| failed(format!("signing key: {e}")))?;
        println!("first start: created the archive signing key {id} (kirjuri keys export-public prints it)");
    }
    // The plan catalogue above was the start-up check; the service chooses the plan in force
    // by date at each use (kirjuri-app), so a version approved later applies without a restart.
    drop(plans);
    let app = kirjuri_app::App::new(store, config.registry(), &config.organisation);
    if demo {
        load_demo(&app)?;
    }
    let mut state = AppState::new(app);
    state.secure_cookies = !std::env::var("KIRJURI_INSECURE_COOKIES").is_ok_and(|v| v == "1");
    state.sign_in = std::sync::Arc::new(kirjuri_server::throttle::SignInThrottle::new(throttle_settings()?));
    state.public_form = std::sync::Arc::new(public_form_limit()?);
    state.publicity = std::sync::Arc::new(config.publicity.clone());
    state.public_url = std::sync::Arc::from(config.service.public_url.trim_end_matches('/'));
    // Appeal instructions name this court (Publicity Act §33): a city outside its area must set
    // its own, so the start says which one is used and where it is set.
    println!(
        "appeal instructions name {} / {} ([publicity] appeal_court, appeal_court_sv in {}); decision target {} days",
        config.publicity.appeal_court,
        config.publicity.appeal_court_sv,
        data.join("config.toml").display(),
        config.publicity.decision_target_days
    );
    if let Some(oidc) = &config.oidc {
        // The settings are checked and the client secret read now, so a mistake stops the
        // start; errors name the key, never the secret.
        let settings = oidc.settings().map_err(|e| bad_input(format!("config.toml: {e}")))?;
        let local = match settings.local_sign_in {
            kirjuri_server::oidc::LocalSignIn::All => "all local accounts".to_owned(),
            kirjuri_server::oidc::LocalSignIn::BreakGlassOnly => {
                format!("break-glass accounts only: {}", settings.break_glass.join(", "))
            }
        };
        println!(
            "sign-in through the OpenID provider {} (password sign-in: {local})",
            settings.issuer
        );
        state.oidc = Some(std::sync::Arc::new(
            kirjuri_server::oidc::Oidc::new(settings).map_err(failed)?,
        ));
    }
    // The index is derived data: catch up with what was stored while the service was down.
    let applied = state
        .app
        .search_index()
        .and_then(|search| Ok(search.catch_up(&state.store)?))
        .map_err(|e| failed(format!("search index: {e}")))?;
    match kirjuri_search::analysis() {
        kirjuri_search::Analysis::Voikko => tracing::info!(applied, "search index ready (Finnish analysis: Voikko)"),
        kirjuri_search::Analysis::Snowball(reason) => {
            println!("note: Finnish search uses the Snowball stemmer, not Voikko: {reason}");
        }
    }
    // Reminder mail runs beside the service too; without [smtp] it says so once.
    crate::reminders_cmd::start_scheduler(state.app.clone(), &config)?;
    // The OCR worker and index catch-up run beside the service, never inside a request.
    let background = state.clone();
    std::thread::Builder::new()
        .name("ocr-and-index".to_owned())
        .spawn(move || background_work(&background))
        .map_err(failed)?;
    // Webhook deliveries follow the audit trail (the outbox) beside the service: each endpoint
    // has a worker of its own, so a dead receiver holds up nothing else.
    let webhook_settings = kirjuri_webhooks::DeliverySettings::from_env().map_err(bad_input)?;
    let webhook_store = state.store.clone();
    std::thread::Builder::new()
        .name("webhooks".to_owned())
        .spawn(move || kirjuri_webhooks::run(webhook_store, webhook_settings))
        .map_err(failed)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(failed)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| bad_input(format!("--listen {listen}: {e}")))?;
        let address = listener.local_addr().map_err(failed)?;
        println!(
            "Kirjuri serving {} on http://{address}  (data folder {})",
            config.organisation,
            data.display()
        );
        tracing::info!(%address, "listening");
        if let Some(oidc) = state.oidc.clone() {
            // Discovery at start shows a wrong issuer in the log at once; it does not stop the
            // service (the break-glass accounts must work while the provider is away).
            tokio::spawn(async move { oidc.warm_up().await });
        }
        kirjuri_server::serve(listener, state).await.map_err(failed)
    })
}

/// Sign-in throttling from the environment: `KIRJURI_SIGN_IN_LOCKOUT_SECONDS` (the first
/// lockout, default 60), `KIRJURI_SIGN_IN_WINDOW_SECONDS` (how long failures count, default
/// 900) and `KIRJURI_TRUST_FORWARDED_FOR=1` (only behind a reverse proxy that sets it).
fn throttle_settings() -> Result<kirjuri_server::throttle::ThrottleSettings, crate::exit::Failure> {
    let mut settings = kirjuri_server::throttle::ThrottleSettings::default();
    let seconds = |name: &str| -> Result<Option<std::time::Duration>, crate::exit::Failure> {
        match std::env::var(name) {
            Ok(value) => value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s > 0)
                .map(|s| Some(std::time::Duration::from_secs(s)))
                .ok_or_else(|| bad_input(format!("{name}: expected a whole number of seconds, got `{value}`"))),
            Err(_) => Ok(None),
        }
    };
    if let Some(lockout) = seconds("KIRJURI_SIGN_IN_LOCKOUT_SECONDS")? {
        settings.lockout = lockout;
        settings.max_lockout = settings.max_lockout.max(lockout);
    }
    if let Some(window) = seconds("KIRJURI_SIGN_IN_WINDOW_SECONDS")? {
        settings.window = window;
    }
    settings.trust_forwarded_for = std::env::var("KIRJURI_TRUST_FORWARDED_FOR").is_ok_and(|v| v == "1");
    Ok(settings)
}

/// Sends of the public request form per source address and hour, from
/// `KIRJURI_PUBLIC_FORM_PER_HOUR` (default 10).
fn public_form_limit() -> Result<kirjuri_server::throttle::SubmissionLimit, crate::exit::Failure> {
    let per_hour = match std::env::var("KIRJURI_PUBLIC_FORM_PER_HOUR") {
        Ok(value) => value.trim().parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
            bad_input(format!(
                "KIRJURI_PUBLIC_FORM_PER_HOUR: expected a whole number above 0, got `{value}`"
            ))
        })?,
        Err(_) => 10,
    };
    Ok(kirjuri_server::throttle::SubmissionLimit::new(
        per_hour,
        std::time::Duration::from_secs(60 * 60),
    ))
}

/// Every few seconds: OCR of waiting scans (a few at a time), then the search index catches up,
/// so uploads become searchable without waiting for a search to catch up.
fn background_work(state: &AppState) {
    let ocr = kirjuri_extract::ocr::availability();
    match &ocr {
        Ok(languages) => tracing::info!(%languages, "OCR worker running"),
        Err(reason) => tracing::info!(%reason, "scanned documents stay unindexed"),
    }
    loop {
        // A few scans at a time, then the index catches up (also when no OCR is available).
        match state.app.ocr_pass(5, &mut |_, _| {}) {
            Ok(run) if run.recognised + run.failed > 0 => {
                tracing::info!(
                    recognised = run.recognised,
                    failed = run.failed,
                    waiting = run.waiting,
                    "OCR"
                );
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "OCR run or search index catch-up failed"),
        }
        std::thread::sleep(std::time::Duration::from_secs(5));
    }
}

#[derive(Deserialize)]
struct DemoData {
    cases: Vec<DemoCase>,
    paper: Vec<DemoPaper>,
}

#[derive(Deserialize)]
struct DemoCase {
    class: String,
    title: String,
    parties: Vec<String>,
    department: String,
    states: Vec<String>,
    documents: Vec<DemoDocument>,
}

#[derive(Deserialize)]
struct DemoDocument {
    file: String,
    record_type: String,
    title: String,
    direction: String,
}

#[derive(Deserialize)]
struct DemoPaper {
    class: String,
    record_type: String,
    title: String,
    archive_room: String,
    shelf: Option<String>,
    #[serde(rename = "box")]
    box_label: Option<String>,
    trigger_date: Option<String>,
    /// The document's own date (for a retention counted from it), default today.
    #[serde(default)]
    date: Option<String>,
    /// The recorded death of the person the record concerns (private-life secrecy runs 50
    /// years from it, Publicity Act §31(2)).
    #[serde(default)]
    subject_died_on: Option<String>,
}

fn load_demo(app: &kirjuri_app::App) -> CmdResult {
    let store = app.store();
    let plans = app.plans().map_err(|e| failed(e.to_string()))?;
    let (plans, config) = (plans.as_ref(), app.config());
    println!("demo users (local demo only; passwords are public):");
    for (name, role, departments) in DEMO_USERS {
        let password = demo_password(name);
        let departments: Vec<String> = departments.iter().map(|d| (*d).to_owned()).collect();
        match users::add_user_in(store, name, *role, &departments, &password, "demo") {
            Ok(_) => {
                // Reminders go to `<name>@kirjuri.invalid` (a domain that never receives mail,
                // RFC 6761): a local SMTP server (README) shows them.
                let address = format!("{name}@kirjuri.invalid");
                users::set_contact(store, name, Some(&address), None, "demo").map_err(failed)?;
            }
            Err(kirjuri_store::StoreError::Rejected {
                code: "user_exists", ..
            }) => {}
            Err(error) => return Err(failed(error)),
        }
        println!(
            "  {name:<20} {:<16} {password}{}",
            role.key(),
            if departments.is_empty() {
                String::new()
            } else {
                format!("  ({})", departments.join(", "))
            }
        );
    }
    let registry = Registry { store, plans, config };
    if !registry
        .list_cases(&Default::default(), &kirjuri_registry::Reader::city_wide("demo"))
        .map_err(|e| failed(e.to_string()))?
        .is_empty()
    {
        println!("demo cases already loaded");
        return Ok(());
    }
    let demo: DemoData =
        serde_json::from_str(DEMO_JSON).map_err(|e| failed(format!("fixtures/demo/demo.json: {e}")))?;
    let actor = Actor {
        name: "demo".to_owned(),
        at: chrono::Utc::now(),
        purpose: None,
    };
    let mut documents = 0;
    for case in &demo.cases {
        let class = ClassCode::parse(&case.class).map_err(|e| failed(format!("fixtures/demo/demo.json: {e}")))?;
        let request = OpenCase {
            class,
            title: case.title.clone(),
            parties: case.parties.clone(),
            department: Some(case.department.clone()),
            unit: None,
            assignee: None,
            public_title: None,
            publicity: None,
            access: Vec::new(),
            city_wide_process: false,
        };
        let opened = registry
            .open_case(&request, &actor)
            .map_err(|e| failed(format!("demo case `{}`: {e}", case.title)))?;
        for document in &case.documents {
            let bytes = DEMO_FILES
                .iter()
                .find(|(name, _)| *name == document.file)
                .map(|(_, bytes)| *bytes)
                .ok_or_else(|| failed(format!("fixtures/demo/files/{} is missing", document.file)))?;
            let media_type = if document.file.ends_with(".md") {
                "text/markdown"
            } else {
                "text/plain"
            };
            let new_document = NewDocument {
                parties: case.parties.clone(),
                ..NewDocument::new(
                    Some(document.record_type.clone()),
                    Direction::parse(&document.direction).map_err(failed)?,
                    document.title.clone(),
                )
            };
            let upload = kirjuri_app::Upload {
                reader: &mut std::io::Cursor::new(bytes),
                file_name: &document.file,
                media_type,
            };
            app.register_document(&opened.id, &new_document, Some(upload), &actor)
                .map_err(|e| failed(format!("demo document `{}`: {e}", document.title)))?;
            documents += 1;
        }
        for state in &case.states {
            let to = CaseState::parse(state).map_err(failed)?;
            registry
                .transition_case(&opened.id, to, None, &actor)
                .map_err(|e| failed(format!("demo case `{}`: {e}", case.title)))?;
        }
    }
    for paper in &demo.paper {
        let class = ClassCode::parse(&paper.class).map_err(|e| failed(e.to_string()))?;
        let opened = registry
            .open_case(&OpenCase::new(class, paper.title.clone()), &actor)
            .map_err(|e| failed(e.to_string()))?;
        let trigger = paper
            .trigger_date
            .as_deref()
            .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
            .transpose()
            .map_err(failed)?;
        let date = paper
            .date
            .as_deref()
            .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
            .transpose()
            .map_err(failed)?;
        let new_document = NewDocument {
            created_on: date,
            physical: Some(PhysicalItem {
                archive_room: paper.archive_room.clone(),
                shelf: paper.shelf.clone(),
                box_label: paper.box_label.clone(),
            }),
            trigger_event_on: trigger,
            ..NewDocument::new(
                Some(paper.record_type.clone()),
                Direction::Internal,
                paper.title.clone(),
            )
        };
        let registered = app
            .register_document(&opened.id, &new_document, None, &actor)
            .map_err(|e| failed(e.to_string()))?;
        if let Some(died) = paper.subject_died_on.as_deref() {
            let died = chrono::NaiveDate::parse_from_str(died, "%Y-%m-%d").map_err(failed)?;
            let events = kirjuri_registry::SecrecyEvents {
                subject_died_on: Some(died),
                relationship_ended_on: None,
            };
            registry
                .set_secrecy_events(
                    &registered.id,
                    events,
                    kirjuri_registry::helsinki_date(actor.at),
                    &actor,
                )
                .map_err(|e| failed(e.to_string()))?;
        }
        documents += 1;
    }
    let (requests, incidents, registers, agreements) =
        crate::demo_extra::load(store, &registry, &actor, "Laitilan kaupunki")?;
    let (people, completions, controls) = crate::demo_governance::load(store, &actor.name)?;
    crate::demo_report::load(app, &actor)?;
    // A webhook endpoint of the city's integration platform, disabled (a demo sends nothing out):
    // the admin sees one in `GET /api/v1/admin/webhooks` and enables or replaces it.
    let integration = kirjuri_webhooks::NewEndpoint {
        url: "https://integraatiot.laitila.fi/kirjuri/tapahtumat".to_owned(),
        events: [
            "request.new",
            "request.transition",
            "incident.breach",
            "case.transition",
        ]
        .map(str::to_owned)
        .to_vec(),
        enabled: false,
        from_start: false,
    };
    kirjuri_webhooks::create(store, &integration, &actor.name, actor.at).map_err(|e| failed(e.to_string()))?;
    let contracts = crate::demo_contracts::load(app, &registry, &actor, kirjuri_registry::helsinki_date(actor.at))?;
    println!(
        "demo data loaded: {} cases, {documents} documents, {requests} requests, {incidents} incidents, {registers} registers, {agreements} processor agreements, {contracts} contracts, {people} people on the training roster with {completions} completions, {controls} control events",
        demo.cases.len() + demo.paper.len()
    );
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user; the password comes from standard input, or a generated one is printed once.
    Add {
        name: String,
        /// staff, registrar, archivist, privacy-officer, auditor or admin.
        #[arg(long)]
        role: String,
        /// A department (toimiala) the user works for; repeat for several. A `staff` user reads
        /// restricted records and registers only in these.
        #[arg(long = "department")]
        departments: Vec<String>,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set the departments of a local user (a user of the OpenID provider gets them from the
    /// groups claim).
    Departments {
        name: String,
        /// A department; repeat for several. Without one (and without --clear) the user's
        /// departments are shown.
        #[arg(long = "department")]
        departments: Vec<String>,
        /// Remove every department (the staff user then reads public records only).
        #[arg(long, conflicts_with = "departments")]
        clear: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a local user's role (the last enabled admin keeps theirs).
    Role {
        name: String,
        /// staff, registrar, archivist, privacy-officer, auditor or admin.
        #[arg(long)]
        role: String,
    },
    /// Set where a user's reminders are mailed and in which language (without options: show).
    Contact {
        name: String,
        /// The address; an empty text removes it.
        #[arg(long)]
        email: Option<String>,
        /// fi, sv or en.
        #[arg(long)]
        language: Option<String>,
    },
    /// Disable a local user (a leaver): no sign-in, session or token works any more.
    Disable { name: String },
    /// Enable a disabled local user again.
    Enable { name: String },
}

pub fn user(data: &Path, command: UserCommand) -> CmdResult {
    let store = open_store(data)?;
    match command {
        UserCommand::Departments {
            name,
            departments,
            clear,
        } => {
            let user = if departments.is_empty() && !clear {
                users::list_users(&store)
                    .map_err(failed)?
                    .into_iter()
                    .find(|u| u.name == name)
                    .ok_or_else(|| bad_input(format!("no user `{name}`")))?
            } else {
                let actor = crate::data::cli_actor(None).name;
                users::set_departments(&store, &name, &departments, &actor).map_err(|e| match e {
                    kirjuri_store::StoreError::Rejected { message, .. } => {
                        bad_input(message.replace("departments[", "--department ["))
                    }
                    other => failed(other),
                })?
            };
            println!(
                "`{name}` works for: {}",
                if user.departments.is_empty() {
                    "no department".to_owned()
                } else {
                    user.departments.join(", ")
                }
            );
            Ok(())
        }
        UserCommand::Add {
            name,
            role,
            departments,
            password_stdin,
        } => {
            let role = Role::parse(&role).map_err(bad_input)?;
            let password = if password_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(failed)?;
                text.trim_end_matches(['\n', '\r']).to_owned()
            } else {
                users::random_secret(20)
            };
            let actor = crate::data::cli_actor(None).name;
            users::add_user_in(&store, &name, role, &departments, &password, &actor).map_err(|e| match e {
                kirjuri_store::StoreError::Rejected { message, .. } => bad_input(message),
                other => failed(other),
            })?;
            println!(
                "created user `{name}` with role {}{}",
                role.key(),
                if departments.is_empty() {
                    String::new()
                } else {
                    format!(", departments: {}", departments.join(", "))
                }
            );
            if !password_stdin {
                println!("  generated password (shown once): {password}");
            }
            Ok(())
        }
        UserCommand::Role { name, role } => {
            let role = Role::parse(&role).map_err(bad_input)?;
            let actor = crate::data::cli_actor(None).name;
            let user = users::set_role(&store, &name, role, &actor).map_err(user_change_failed)?;
            println!("`{}` now has the role {}", user.name, user.role.key());
            Ok(())
        }
        UserCommand::Contact { name, email, language } => {
            let user = if email.is_none() && language.is_none() {
                users::list_users(&store)
                    .map_err(failed)?
                    .into_iter()
                    .find(|u| u.name == name)
                    .ok_or_else(|| bad_input(format!("no user `{name}`")))?
            } else {
                let language = language
                    .as_deref()
                    .map(users::parse_language)
                    .transpose()
                    .map_err(user_change_failed)?;
                let actor = crate::data::cli_actor(None).name;
                users::set_contact(&store, &name, email.as_deref(), language, &actor).map_err(user_change_failed)?
            };
            println!(
                "`{}`: e-mail {}, language {}",
                user.name,
                user.email.as_deref().unwrap_or("none (no reminders)"),
                user.language
            );
            Ok(())
        }
        UserCommand::Disable { name } => set_disabled(&store, &name, true),
        UserCommand::Enable { name } => set_disabled(&store, &name, false),
        UserCommand::List { json } => {
            let list = users::list_users(&store).map_err(failed)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).map_err(failed)?);
            } else {
                for user in list {
                    println!(
                        "{:<24} {:<16} {} {:<30}{}",
                        user.name,
                        user.role.key(),
                        user.created_at.format("%Y-%m-%d"),
                        user.departments.join(", "),
                        if user.disabled { "  disabled" } else { "" }
                    );
                }
            }
            Ok(())
        }
    }
}

fn set_disabled(store: &kirjuri_store::Store, name: &str, disabled: bool) -> CmdResult {
    let actor = crate::data::cli_actor(None).name;
    let user = users::set_disabled(store, name, disabled, &actor).map_err(user_change_failed)?;
    println!(
        "`{}` is {}",
        user.name,
        if user.disabled {
            "disabled: no sign-in, session or token works"
        } else {
            "enabled"
        }
    );
    Ok(())
}

/// A refused change of a user is the operator's input; anything else a failure.
fn user_change_failed(error: kirjuri_store::StoreError) -> crate::exit::Failure {
    match error {
        kirjuri_store::StoreError::Rejected {
            code: "not_found",
            message,
        } => bad_input(format!("{message} not found")),
        kirjuri_store::StoreError::Rejected { message, .. } => bad_input(message),
        other => failed(other),
    }
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user; printed once.
    Create { user: String },
    /// Revoke every token of a user.
    Revoke { user: String },
}

pub fn token(data: &Path, command: TokenCommand) -> CmdResult {
    let store = open_store(data)?;
    let actor = crate::data::cli_actor(None).name;
    match command {
        TokenCommand::Create { user } => {
            let token = users::create_token(&store, &user, &actor).map_err(|e| match e {
                kirjuri_store::StoreError::Rejected { message, .. } => bad_input(message),
                other => failed(other),
            })?;
            println!("{token}");
        }
        TokenCommand::Revoke { user } => {
            // A misspelt name must not look like a user with no tokens.
            if store.get::<users::User>(users::USER, &user).map_err(failed)?.is_none() {
                return Err(bad_input(format!("no user `{user}`")));
            }
            let count = users::revoke_tokens(&store, &user, &actor).map_err(user_change_failed)?;
            println!("revoked {count} tokens of `{user}`");
        }
    }
    Ok(())
}
