//! `kirjuri case …`, `kirjuri ingest`, `kirjuri doc …`, `kirjuri hold …`: the registry desk.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kirjuri_plan::{ClassCode, PublicityClass};
use kirjuri_registry::{
    Actor, Case, CaseFilter, CaseState, Direction, Document, NewDocument, OpenCase, PhysicalItem, PlanCatalog, Reader,
    Registry, RegistryConfig, RegistryError, RestrictionRequest, RetentionStatus,
};
use kirjuri_store::Store;

use crate::data::{cli_actor, load_config, open_store, plan_catalog, write_file_durably};
use crate::exit::{CmdResult, Failure, bad_input, failed};

/// The pieces a registry needs, owned here so `Registry` can borrow them.
struct Desk {
    store: Store,
    plans: PlanCatalog,
    config: RegistryConfig,
}

impl Desk {
    fn open(data: &Path) -> Result<Desk, Failure> {
        let config = load_config(data)?.registry();
        let store = open_store(data)?;
        let plans = plan_catalog(&store)?;
        Ok(Desk { store, plans, config })
    }

    fn registry(&self) -> Registry<'_> {
        Registry {
            store: &self.store,
            plans: &self.plans,
            config: &self.config,
        }
    }
}

pub fn registry_failure(error: RegistryError) -> Failure {
    match error {
        RegistryError::Invalid { message, .. } => bad_input(message),
        RegistryError::NotFound(what) => bad_input(format!("{what} not found")),
        RegistryError::Store(error) => failed(error),
    }
}

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_input(format!("{flag} `{text}` is not a date (YYYY-MM-DD)")))
}

fn retention_text(status: &RetentionStatus) -> String {
    match status {
        RetentionStatus::Permanent => "permanent".to_owned(),
        RetentionStatus::AwaitingTrigger => "awaiting trigger".to_owned(),
        RetentionStatus::EndsOn(date) => format!("ends {date}"),
    }
}

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
    /// Open a case; prints its diary number.
    Open {
        /// Class code of a leaf class with a handling process, e.g. `07 00 03`.
        #[arg(long)]
        class: String,
        #[arg(long)]
        title: String,
        /// A party (asianosainen); repeat for several.
        #[arg(long = "party")]
        parties: Vec<String>,
        /// Department (toimiala) that registers and owns the case.
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        /// Public title (julkinen otsikko) shown to readers without the right to a restricted
        /// case (default: the class's title).
        #[arg(long)]
        public_title: Option<String>,
        /// Publicity class of the case when it departs from the plan's value for the class
        /// (public, partly-secret, secret, non-public); needs --publicity-reason.
        #[arg(long)]
        publicity: Option<String>,
        /// Why the case's publicity departs from the plan (kept with the case).
        #[arg(long)]
        publicity_reason: Option<String>,
        /// A user who alone may read the case (explicit access list); repeat for several.
        #[arg(long = "access")]
        access: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a case (by diary number or id) with its documents (a view with restricted
    /// documents is audited).
    Show {
        case: String,
        /// Purpose of use (käyttötarkoitus), recorded in the audit trail.
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List cases.
    List {
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        party: Option<String>,
        /// The department (toimiala) that handles the case.
        #[arg(long)]
        department: Option<String>,
        /// The diary year.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Set a case's explicit access list (käyttöoikeusluettelo): only the named users read
    /// it, whatever their role. `--clear` returns it to access by role and department.
    Access {
        case: String,
        /// A user name; repeat for several.
        #[arg(long = "user", required_unless_present = "clear")]
        users: Vec<String>,
        #[arg(long, conflicts_with = "users")]
        clear: bool,
        /// Why the list changes (kept in the audit trail).
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Move a case to another state (JHS 191 state list).
    Transition {
        case: String,
        state: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn case(data: &Path, command: CaseCommand) -> CmdResult {
    let desk = Desk::open(data)?;
    let registry = desk.registry();
    let actor = cli_actor(None);
    match command {
        CaseCommand::Open {
            class,
            title,
            parties,
            department,
            unit,
            assignee,
            public_title,
            publicity,
            publicity_reason,
            access,
            json,
        } => {
            let class = ClassCode::parse(&class).map_err(|e| bad_input(format!("--class: {e}")))?;
            let publicity = publicity
                .as_deref()
                .map(kirjuri_plan::PublicityClass::parse)
                .transpose()
                .map_err(|e| bad_input(format!("--publicity: {e}")))?
                .map(|class| kirjuri_registry::CasePublicity {
                    class,
                    reason: publicity_reason,
                });
            let request = OpenCase {
                class,
                title,
                parties,
                department,
                unit,
                assignee,
                public_title,
                publicity,
                access: known_users(registry.store, &access)?,
                city_wide_process: false,
            };
            let case = registry.open_case(&request, &actor).map_err(registry_failure)?;
            if json {
                return print_json(&case);
            }
            println!("{}", case.diary_number);
            Ok(())
        }
        CaseCommand::Show { case, purpose, json } => {
            // The operator's command line sees every document; showing restricted ones is
            // audited (`case.read`) with the purpose.
            let actor = cli_actor(purpose.as_deref());
            let (view, documents) = registry
                .read_case(&case, &Reader::city_wide(actor.name.clone()), &actor)
                .map_err(registry_failure)?;
            let case = view.case;
            if json {
                return print_json(&serde_json::json!({ "case": case, "documents": documents }));
            }
            print_case(&case, &documents);
            Ok(())
        }
        CaseCommand::List {
            state,
            class,
            party,
            department,
            year,
            json,
        } => {
            let filter = CaseFilter {
                state: state
                    .map(|s| CaseState::parse(&s))
                    .transpose()
                    .map_err(|e| bad_input(format!("--state: {e}")))?,
                class: class
                    .map(|c| ClassCode::parse(&c))
                    .transpose()
                    .map_err(|e| bad_input(format!("--class: {e}")))?,
                party,
                department,
                year,
            };
            let cases: Vec<_> = registry
                .list_cases(&filter, &Reader::city_wide(actor.name.clone()))
                .map_err(registry_failure)?
                .into_iter()
                .map(|view| view.case)
                .collect();
            if json {
                return print_json(&cases);
            }
            for case in &cases {
                println!(
                    "{:<28} {:<20} {}  {}",
                    case.diary_number.to_string(),
                    case.state.finnish(),
                    case.opened_on,
                    case.title
                );
            }
            eprintln!("{} cases", cases.len());
            Ok(())
        }
        CaseCommand::Access {
            case,
            users,
            clear,
            reason,
            json,
        } => {
            let users = if clear { Vec::new() } else { users };
            let case = kirjuri_server::access::set_case_access(&registry, &case, &users, &reason, &actor)
                .map_err(registry_failure)?;
            if json {
                return print_json(&case);
            }
            if case.access.is_empty() {
                println!("{}: access by role and department", case.diary_number);
            } else {
                println!("{}: only {} may read it", case.diary_number, case.access.join(", "));
            }
            Ok(())
        }
        CaseCommand::Transition {
            case,
            state,
            reason,
            json,
        } => {
            let to = CaseState::parse(&state).map_err(bad_input)?;
            let case = registry
                .transition_case(&case, to, reason.as_deref(), &actor)
                .map_err(registry_failure)?;
            if json {
                return print_json(&case);
            }
            println!(
                "{} is now {} ({})",
                case.diary_number,
                case.state.finnish(),
                case.state.english()
            );
            Ok(())
        }
    }
}

fn print_case(case: &Case, documents: &[Document]) {
    println!("{}  {}", case.diary_number, case.title);
    println!("  id          {}", case.id);
    println!("  class       {}", case.class);
    println!("  state       {} ({})", case.state.finnish(), case.state.english());
    println!(
        "  department  {}{}",
        case.department,
        case.unit.as_deref().map(|u| format!(" / {u}")).unwrap_or_default()
    );
    if let Some(assignee) = &case.assignee {
        println!("  assignee    {assignee}");
    }
    if !case.parties.is_empty() {
        println!("  parties     {}", case.parties.join("; "));
    }
    println!("  opened      {}", case.opened_on);
    if let Some(decided) = case.decided_on {
        println!("  decided     {decided}");
    }
    println!("  plan        version {}", case.plan_version);
    for hold in &case.legal_holds {
        let state = if hold.is_active() { "active" } else { "lifted" };
        println!("  legal hold  {} ({state}): {}", hold.id, hold.reason);
    }
    for change in &case.history {
        println!(
            "  history     {}  {} → {}  by {}",
            change.at.format("%Y-%m-%d %H:%M"),
            change.from.map_or("—", |s| s.key()),
            change.to.key(),
            change.by
        );
    }
    println!("  documents   {}", documents.len());
    for document in documents {
        println!(
            "    {:<10} {:<14} {:<22} {}  [{}]",
            document.id,
            document.restriction.publicity.map_or("?", |p| p.key()),
            document.record_type,
            document.title,
            retention_text(&document.retention_status)
        );
    }
}

fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
        if metadata.is_dir() {
            let mut stack = vec![path.clone()];
            while let Some(folder) = stack.pop() {
                let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder)
                    .map_err(|e| bad_input(format!("{}: {e}", folder.display())))?
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .collect();
                entries.sort();
                for entry in entries {
                    if entry.is_dir() {
                        stack.push(entry);
                    } else if entry.is_file() {
                        files.push(entry);
                    }
                }
            }
        } else {
            // Fail before anything is written if a file cannot be read.
            std::fs::File::open(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn file_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or folders to register; folders are walked recursively.
    pub files: Vec<PathBuf>,
    /// Register into this case (diary number or id).
    #[arg(long, conflicts_with = "class", required_unless_present = "class")]
    pub case: Option<String>,
    /// Open a new case in this class for the documents.
    #[arg(long)]
    pub class: Option<String>,
    /// Title of the new case opened with --class (default: the first document's title).
    #[arg(long)]
    pub case_title: Option<String>,
    /// Record type id from the plan (`kirjuri plan show CODE` lists them).
    #[arg(long)]
    pub record_type: Option<String>,
    /// Document title (default: the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// incoming, outgoing or internal.
    #[arg(long, default_value = "incoming")]
    pub direction: String,
    /// The document's date (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long = "party")]
    pub parties: Vec<String>,
    #[arg(long, default_value = "fi")]
    pub language: String,
    /// public, partly-secret, secret or non-public; differing from the plan needs --override-reason.
    #[arg(long)]
    pub publicity: Option<String>,
    /// Secrecy ground, e.g. "JulkL 24 § 1 mom 32 kohta"; repeat for several.
    #[arg(long = "secrecy-reason")]
    pub secrecy_reasons: Vec<String>,
    #[arg(long)]
    pub secrecy_years: Option<u32>,
    /// Retention other than the record type's: whole years or `permanent` (needs --override-reason).
    #[arg(long)]
    pub retention: Option<String>,
    /// Why this document departs from its record type's metadata.
    #[arg(long)]
    pub override_reason: Option<String>,
    /// Paper record: the archive room it is kept in (no file needed).
    #[arg(long)]
    pub archive_room: Option<String>,
    #[arg(long)]
    pub shelf: Option<String>,
    #[arg(long = "box")]
    pub box_label: Option<String>,
    /// Date of an external retention trigger (end of care, employment or contract).
    #[arg(long)]
    pub trigger_date: Option<String>,
    /// One JSON object per document and line.
    #[arg(long)]
    pub json: bool,
    /// Files acknowledged together: their content is fsynced together, their records committed
    /// in one transaction with one flush, and their ids printed once the whole batch is on disk
    /// (`1`: each document on its own). A batch also ends at 64 MiB of content.
    #[arg(long, default_value_t = DEFAULT_BATCH_SIZE, value_parser = clap::value_parser!(u32).range(1..=MAX_BATCH_SIZE))]
    pub batch_size: u32,
}

/// Files per batch of `kirjuri ingest` unless `--batch-size` says otherwise.
pub const DEFAULT_BATCH_SIZE: u32 = 256;
/// The largest `--batch-size` (one transaction holds every record of a batch).
const MAX_BATCH_SIZE: i64 = 10_000;
/// A batch also ends when its files reach this many bytes, so a batch of scans stays a
/// bounded amount of work that is lost to a crash and redone.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// A file of a batch, opened when its content is first read (a batch of thousands holds no
/// thousands of descriptors) and closed at its end; an error names the file.
struct SourceFile<'a> {
    path: &'a Path,
    file: Option<std::fs::File>,
    done: bool,
}

impl std::io::Read for SourceFile<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.done {
            return Ok(0);
        }
        let named = |e: std::io::Error| std::io::Error::new(e.kind(), format!("{}: {e}", self.path.display()));
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(std::fs::File::open(self.path).map_err(named)?),
        };
        let read = file.read(buffer).map_err(named)?;
        if read == 0 {
            self.file = None;
            self.done = true;
        }
        Ok(read)
    }
}

pub fn ingest(data: &Path, args: IngestArgs) -> CmdResult {
    let direction = Direction::parse(&args.direction).map_err(|e| bad_input(format!("--direction: {e}")))?;
    let publicity = args
        .publicity
        .as_deref()
        .map(PublicityClass::parse)
        .transpose()
        .map_err(|e| bad_input(format!("--publicity: {e}")))?;
    let date = args.date.as_deref().map(|d| parse_date("--date", d)).transpose()?;
    let trigger_date = args
        .trigger_date
        .as_deref()
        .map(|d| parse_date("--trigger-date", d))
        .transpose()?;
    let retention = args
        .retention
        .as_deref()
        .map(|text| match text.trim() {
            "permanent" | "pysyvä" => Ok(kirjuri_plan::RetentionPeriod::Permanent),
            other => other
                .parse::<i64>()
                .map_err(|_| format!("`{other}` is not a whole number of years or `permanent`"))
                .and_then(kirjuri_plan::RetentionPeriod::from_jhs),
        })
        .transpose()
        .map_err(|e| bad_input(format!("--retention: {e}")))?;
    let physical = args.archive_room.clone().map(|room| PhysicalItem {
        archive_room: room,
        shelf: args.shelf.clone(),
        box_label: args.box_label.clone(),
    });
    if physical.is_none() && (args.shelf.is_some() || args.box_label.is_some()) {
        return Err(bad_input(
            "--shelf and --box describe a paper record: give --archive-room too",
        ));
    }
    if physical.is_some() && !args.files.is_empty() {
        return Err(bad_input(
            "a paper record (--archive-room) has no files; register scans as their own documents",
        ));
    }
    if physical.is_some() && args.title.is_none() {
        return Err(bad_input("a paper record needs --title"));
    }
    let files = collect_files(&args.files)?;
    // Every file name is checked before the first write: a bad name anywhere in a folder
    // registers nothing and opens no case.
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        kirjuri_registry::limits::check_file_name(&name).map_err(|e| bad_input(format!("{}: {e}", file.display())))?;
    }
    if files.is_empty() && physical.is_none() {
        return Err(bad_input(
            "nothing to register: give files or folders, or --archive-room for a paper record",
        ));
    }

    let app = crate::data::open_app(data)?;
    let plans = app.plans().map_err(crate::data::app_failure)?;
    let registry = Registry {
        store: app.store(),
        plans: &plans,
        config: app.config(),
    };
    let actor = cli_actor(None);
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| files.first().map(|f| file_title(f)).unwrap_or_default());
    let template = NewDocument {
        parties: args.parties.clone(),
        language: args.language.clone(),
        restriction: RestrictionRequest {
            publicity,
            secrecy_reasons: args.secrecy_reasons.clone(),
            secrecy_years: args.secrecy_years,
            override_reason: args.override_reason.clone(),
        },
        physical: physical.clone(),
        trigger_event_on: trigger_date,
        retention,
        ..NewDocument::new(args.record_type.clone(), direction, title).dated(date)
    };

    // Everything that can be refused is checked before the first write.
    let case_reference = match (&args.case, &args.class) {
        (Some(reference), _) => {
            app.check_registration(reference, &template, &actor)
                .map_err(crate::data::app_failure)?
                .id
        }
        (None, Some(class)) => {
            let class = ClassCode::parse(class).map_err(|e| bad_input(format!("--class: {e}")))?;
            registry
                .validate_new_document(&class, &template, &actor)
                .map_err(registry_failure)?;
            let title = args.case_title.clone().unwrap_or_else(|| template.title.clone());
            let request = OpenCase {
                class,
                title,
                parties: args.parties.clone(),
                department: None,
                unit: None,
                assignee: None,
                public_title: None,
                publicity: None,
                access: Vec::new(),
                city_wide_process: false,
            };
            let case = registry.open_case(&request, &actor).map_err(registry_failure)?;
            eprintln!("opened case {}", case.diary_number);
            case.id
        }
        (None, None) => return Err(bad_input("give --case DIARY or --class CODE")),
    };

    if physical.is_some() {
        let document = app
            .register_document(&case_reference, &template, None, &actor)
            .map_err(crate::data::app_failure)?;
        return report_document(&document, None, args.json);
    }

    let progress = progress_bar(files.len());
    let batch_size = args.batch_size as usize;
    let mut remaining = files.as_slice();
    while !remaining.is_empty() {
        // A batch: up to --batch-size files and at most BATCH_BYTES (but at least one file).
        let mut taken = 0;
        let mut bytes = 0u64;
        while taken < remaining.len() && taken < batch_size {
            let size = std::fs::metadata(&remaining[taken]).map(|m| m.len()).unwrap_or(0);
            if taken > 0 && bytes + size > BATCH_BYTES {
                break;
            }
            bytes += size;
            taken += 1;
        }
        let (batch, rest) = remaining.split_at(taken);
        remaining = rest;
        let mut sources: Vec<(SourceFile<'_>, String, String)> = batch
            .iter()
            .map(|file| {
                let media_type = mime_guess::from_path(file)
                    .first_or_octet_stream()
                    .essence_str()
                    .to_owned();
                let file_name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let source = SourceFile {
                    path: file,
                    file: None,
                    done: false,
                };
                (source, file_name, media_type)
            })
            .collect();
        let registrations = batch
            .iter()
            .zip(sources.iter_mut())
            .map(|(file, (source, file_name, media_type))| {
                let mut request = template.clone();
                if args.title.is_none() {
                    request.title = file_title(file);
                }
                kirjuri_app::Registration {
                    request,
                    upload: Some(kirjuri_app::Upload {
                        reader: source,
                        file_name,
                        media_type,
                    }),
                }
            })
            .collect();
        // Content fsynced, records committed, one flush: only then is an id printed. A refused
        // batch commits nothing; the batches printed before it stay.
        let documents = app
            .register_documents(&case_reference, registrations, &actor)
            .map_err(crate::data::app_failure)?;
        for (document, file) in documents.iter().zip(batch) {
            report_document(document, Some(file), args.json)?;
        }
        if let Some(bar) = &progress {
            bar.inc(batch.len() as u64);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(())
}

pub fn progress_bar(count: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if count < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(count as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Prints one acknowledged document; the line is flushed at once, because a printed id is a
/// promise that the document is durable.
fn report_document(document: &Document, file: Option<&PathBuf>, json: bool) -> CmdResult {
    let mut stdout = std::io::stdout().lock();
    let line = if json {
        serde_json::json!({
            "id": document.id,
            "file": file.map(|f| f.display().to_string()),
            "case": document.case_id,
            "diary_number": document.diary_number.to_string(),
            "record_type": document.record_type,
            "sha256": document.content.as_ref().map(|c| c.sha256.to_string()),
            "size": document.content.as_ref().map(|c| c.size),
        })
        .to_string()
    } else {
        match file {
            Some(file) => format!("{}\t{}", document.id, file.display()),
            None => format!("{}\t{} (paper)", document.id, document.title),
        }
    };
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|e| failed(format!("cannot write to standard output: {e}")))
}

/// A document as JSON with its secrecy end and rule (`Document::secrecy_end`).
fn document_json(
    document: &Document,
    case: &Case,
    search_text: Option<serde_json::Value>,
) -> Result<serde_json::Value, Failure> {
    let mut value = serde_json::to_value(document).map_err(failed)?;
    let end = document.secrecy_end(case);
    if let Some(fields) = value.as_object_mut() {
        fields.insert(
            "secrecy_ends_on".to_owned(),
            serde_json::json!(end.as_ref().and_then(kirjuri_plan::SecrecyEnd::ends_on)),
        );
        fields.insert(
            "secrecy_rule".to_owned(),
            serde_json::json!(end.as_ref().map(kirjuri_plan::SecrecyEnd::describe_en)),
        );
        if let Some(text) = search_text {
            fields.insert("search_text".to_owned(), text);
        }
    }
    Ok(value)
}

fn print_secrecy_end(document: &Document, case: &Case) {
    match document.secrecy_end(case) {
        Some(end) => println!(
            "  secrecy ends  {} ({})",
            end.ends_on().map_or("-".to_owned(), |d| d.to_string()),
            end.describe_en()
        ),
        None => println!("  secrecy ends  - (not secret)"),
    }
}

fn print_document(document: &Document) {
    println!("{}  {}", document.id, document.title);
    println!("  case          {} ({})", document.diary_number, document.case_id);
    println!("  class         {}", document.class);
    println!(
        "  record type   {} ({})",
        document.record_type, document.record_type_name
    );
    println!("  direction     {:?}", document.direction);
    println!("  date          {}", document.created_on);
    let restriction = &document.restriction;
    println!("  publicity     {}", restriction.publicity.map_or("?", |p| p.key()));
    if !restriction.secrecy_reasons.is_empty() {
        println!(
            "  secrecy       {} years from {} ({})",
            restriction.secrecy_years.unwrap_or(0),
            restriction.secrecy_start.map_or("?", |s| s.key()),
            restriction.secrecy_reasons.join("; ")
        );
    }
    println!("  personal data {}", restriction.personal_data.map_or("?", |p| p.key()));
    println!(
        "  retention     {} ({})",
        document.retention.period.map_or("?".to_owned(), |p| p.to_string()),
        retention_text(&document.retention_status)
    );
    println!("  plan version  {}", document.plan_version);
    match (&document.content, &document.physical) {
        (Some(content), _) => println!(
            "  content       {} {} bytes sha256:{}",
            content.media_type, content.size, content.sha256
        ),
        (None, Some(paper)) => println!(
            "  paper         {}{}{}",
            paper.archive_room,
            paper
                .shelf
                .as_deref()
                .map(|s| format!(", shelf {s}"))
                .unwrap_or_default(),
            paper
                .box_label
                .as_deref()
                .map(|b| format!(", box {b}"))
                .unwrap_or_default()
        ),
        (None, None) => {}
    }
    for over in &document.overrides {
        println!(
            "  override      {}: {} → {} ({}, {})",
            over.field, over.plan_value, over.value, over.reason, over.by
        );
    }
}

#[derive(Subcommand, Debug)]
pub enum DocCommand {
    /// Show a document's metadata (reads of non-public documents are audited).
    Show {
        id: String,
        /// Purpose of use (käyttötarkoitus), recorded in the audit trail.
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record the days a document's secrecy runs from: the death of the person it concerns
    /// (Publicity Act §31(2): 50 years after it, or 100 years when it is not known) and the end
    /// of the client or employment relationship. Audited; a day left out keeps its value,
    /// `--clear` removes both first.
    SecrecyEvents {
        id: String,
        /// Day of death of the person (YYYY-MM-DD).
        #[arg(long)]
        died_on: Option<chrono::NaiveDate>,
        /// Day the client or employment relationship ended (YYYY-MM-DD).
        #[arg(long)]
        relationship_ended_on: Option<chrono::NaiveDate>,
        /// Remove the recorded days before setting the given ones.
        #[arg(long)]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write a document's content to a file, checking its digest.
    Get {
        id: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        purpose: Option<String>,
    },
    /// List the documents of a case.
    List {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// Erase a document outside the retention schedule (poistaminen): the decision on a GDPR
    /// erasure request, or a record registered by mistake. Leaves a destruction record without
    /// the title; removes the content and the record's text from the search index at once.
    /// Refused under a legal hold, for permanently preserved records and for records in an
    /// open disposal proposal.
    Erase {
        id: String,
        /// Why (kept permanently in the destruction record and the audit trail, so name the
        /// decision, not the person: no personal data here).
        #[arg(long)]
        reason: String,
        /// The gdpr-erasure request this decision answers.
        #[arg(long)]
        request: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn doc(data: &Path, command: DocCommand) -> CmdResult {
    let desk = Desk::open(data)?;
    let registry = desk.registry();
    match command {
        DocCommand::Show { id, purpose, json } => {
            let actor: Actor = cli_actor(purpose.as_deref());
            // The operator reads city-wide, but a case's access list holds here too: run as a
            // user on it (KIRJURI_ACTOR) to read such a case's documents.
            let (_, case) = registry
                .read_document_for(&id, &Reader::city_wide(actor.name.clone()))
                .map_err(registry_failure)?;
            let document = registry.read_document(&id, &actor).map_err(registry_failure)?;
            let (_, text) = kirjuri_search::document_text(registry.store, &document);
            if json {
                return print_json(&document_json(
                    &document,
                    &case,
                    Some(serde_json::to_value(&text).map_err(failed)?),
                )?);
            }
            print_document(&document);
            print_secrecy_end(&document, &case);
            println!("Search (haku): {text}");
            Ok(())
        }
        DocCommand::SecrecyEvents {
            id,
            died_on,
            relationship_ended_on,
            clear,
            json,
        } => {
            let actor = cli_actor(None);
            let (current, case) = registry
                .read_document_for(&id, &Reader::city_wide(actor.name.clone()))
                .map_err(registry_failure)?;
            // A day given sets it; `--clear` clears the days not given; the rest keep theirs.
            let change_of =
                |given: Option<chrono::NaiveDate>| given.map(Some).or(if clear { Some(None) } else { None });
            let events = kirjuri_registry::SecrecyEventsChange {
                subject_died_on: change_of(died_on),
                relationship_ended_on: change_of(relationship_ended_on),
            }
            .applied_to(&current);
            let today = kirjuri_registry::helsinki_date(actor.at);
            let document = registry
                .set_secrecy_events(&id, events, today, &actor)
                .map_err(registry_failure)?;
            if json {
                return print_json(&document_json(&document, &case, None)?);
            }
            print_secrecy_end(&document, &case);
            Ok(())
        }
        DocCommand::Get { id, out, purpose } => {
            let actor = cli_actor(purpose.as_deref());
            registry
                .read_document_for(&id, &Reader::city_wide(actor.name.clone()))
                .map_err(registry_failure)?;
            let mut bytes = Vec::new();
            let document = registry
                .read_content(&id, &mut bytes, &actor)
                .map_err(registry_failure)?;
            write_file_durably(&out, &bytes)?;
            eprintln!(
                "wrote {} ({} bytes, digest checked) to {}",
                document.id,
                bytes.len(),
                out.display()
            );
            Ok(())
        }
        DocCommand::Erase {
            id,
            reason,
            request,
            json,
        } => {
            let actor = cli_actor(None);
            let erasure = kirjuri_archive::erasure::Erasure {
                document: &id,
                reason: &reason,
                request: request.as_deref(),
            };
            let app = kirjuri_app::App::new(
                registry.store.clone(),
                registry.config.clone(),
                &load_config(data)?.organisation,
            );
            let record = app.erase(&erasure, &actor).map_err(crate::data::app_failure)?;
            if json {
                return print_json(&record);
            }
            println!(
                "erased {} ({}); destruction record {}",
                record.document, record.diary_number, record.id
            );
            Ok(())
        }
        DocCommand::List { case, json } => {
            let case = registry.find_case(&case).map_err(registry_failure)?;
            let documents = registry.documents_of_case(&case.id).map_err(registry_failure)?;
            if json {
                return print_json(&documents);
            }
            print_case(&case, &documents);
            Ok(())
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum HoldCommand {
    /// Place a legal hold.
    Place {
        #[arg(long, conflicts_with = "doc", required_unless_present = "doc")]
        case: Option<String>,
        #[arg(long)]
        doc: Option<String>,
        #[arg(long)]
        reason: String,
    },
    /// Lift a legal hold, with a reason.
    Lift {
        #[arg(long, conflicts_with = "doc", required_unless_present = "doc")]
        case: Option<String>,
        #[arg(long)]
        doc: Option<String>,
        #[arg(long)]
        hold: String,
        #[arg(long)]
        reason: String,
    },
}

pub fn hold(data: &Path, command: HoldCommand) -> CmdResult {
    let desk = Desk::open(data)?;
    let registry = desk.registry();
    let actor = cli_actor(None);
    let target = |case: Option<String>, doc: Option<String>| -> Result<(&'static str, String), Failure> {
        match (case, doc) {
            (Some(case), _) => registry.hold_target("case", &case).map_err(registry_failure),
            (None, Some(doc)) => registry.hold_target("document", &doc).map_err(registry_failure),
            (None, None) => Err(bad_input("give --case or --doc")),
        }
    };
    match command {
        HoldCommand::Place { case, doc, reason } => {
            let (kind, id) = target(case, doc)?;
            let hold = registry
                .place_hold(kind, &id, &reason, &actor)
                .map_err(registry_failure)?;
            println!("{}", hold.id);
        }
        HoldCommand::Lift {
            case,
            doc,
            hold,
            reason,
        } => {
            let (kind, id) = target(case, doc)?;
            registry
                .lift_hold(kind, &id, &hold, &reason, &actor)
                .map_err(registry_failure)?;
            println!("lifted {hold} on {kind} {id}");
        }
    }
    Ok(())
}

/// The stored names of the users an access list names; an unknown name is refused.
fn known_users(store: &kirjuri_store::Store, names: &[String]) -> Result<Vec<String>, Failure> {
    kirjuri_server::users::known_user_names(store, names).map_err(|error| match error {
        kirjuri_store::StoreError::Rejected { message, .. } => bad_input(message),
        other => failed(other),
    })
}
