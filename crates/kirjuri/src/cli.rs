//! Command-line definition (clap) and dispatch. Global conventions for every command:
//! `--data DIR` (env `KIRJURI_DATA`, default `./kirjuri-data`), `--json` on list and show
//! commands, exit code 0 ok, 1 failure, 2 bad input or usage.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::exit::CmdResult;
use crate::plan_cmd;

#[derive(Parser, Debug)]
#[command(
    name = "kirjuri",
    version,
    about = "Records management and data-protection compliance for Finnish public bodies"
)]
pub struct Cli {
    /// Data folder (database, content, index, keys).
    #[arg(long, global = true, env = "KIRJURI_DATA", default_value = "./kirjuri-data")]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The information-management plan (tiedonohjaussuunnitelma, TOS).
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Cases (asiat): open, show, list, move between states.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Register files (or a whole folder, or a paper record) as documents of a case.
    Ingest(Box<IngestArgs>),
    /// Documents (asiakirjat): show metadata, get content.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Legal holds (säilytysesto) on a case or document.
    #[command(subcommand)]
    Hold(HoldCommand),
    /// Verify every index, every content digest and the audit chain; report content no record
    /// refers to.
    Check {
        #[arg(long)]
        json: bool,
        /// Remove content files that no record refers to (and say which).
        #[arg(long)]
        repair: bool,
    },
    /// Write a consistent backup of the data folder to a zip file.
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into an empty data folder (`--data`).
    Restore { file: PathBuf },
    /// The audit trail (lokitiedot).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Run the HTTP service on the data folder; the first start sets everything up.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Also load the demo data of fixtures/demo/ and demo users for every role.
        #[arg(long)]
        demo: bool,
    },
    /// Users and roles.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens (bearer).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Information requests: GDPR, Publicity Act, log investigations.
    #[command(subcommand)]
    Request(RequestCommand),
    /// Security incidents and personal-data breaches.
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// The register of processing activities (GDPR Art 30).
    #[command(subcommand)]
    Register(RegisterCommand),
    /// Processor agreements (GDPR Art 28).
    #[command(subcommand)]
    Processor(ProcessorCommand),
    /// Retention dues (what may be destroyed on a day).
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Disposal (hävittäminen): proposal, approval by another archivist, execution.
    #[command(subcommand)]
    Disposal(DisposalCommand),
    /// Permanent records: the archive list (arkistoluettelo).
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// The organisation's signing key for archive packages.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The annual data-governance report (tietotilinpäätös) for a calendar year.
    Report {
        #[arg(long)]
        year: i32,
        /// html, md, json or csv.
        #[arg(long, default_value = "html")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
        /// fi or en.
        #[arg(long, default_value = "fi")]
        lang: String,
    },
    /// Store management's assessment and development targets for a chapter of the report.
    ReportText {
        #[arg(long)]
        year: i32,
        /// resources, rights, security or records.
        #[arg(long)]
        chapter: String,
        #[arg(long)]
        text: String,
    },
    /// Full-text search (haku) over document titles, text and parties, Finnish-stemmed.
    Search {
        /// Words, "phrases", AND / OR / -exclusion; `title:word` limits to a field.
        query: String,
        /// Only documents of this class (and its subclasses), e.g. `07 01`.
        #[arg(long)]
        class: Option<String>,
        /// Only documents of this record type (asiakirjatyyppi), e.g. `viranhaltijapaatos`.
        #[arg(long)]
        record_type: Option<String>,
        /// Documents dated on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Documents dated on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Only documents whose case is in this state, e.g. `vireilla` or `Päätetty`.
        #[arg(long)]
        state: Option<String>,
        /// Only documents in this language: fi, sv or en.
        #[arg(long)]
        language: Option<String>,
        /// relevance (default) or date (newest first).
        #[arg(long, default_value = "relevance")]
        sort: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Search as a user without the right to read restricted records.
        #[arg(long)]
        public_only: bool,
        /// Purpose of use (käyttötarkoitus), recorded with the search in the audit trail.
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the database (the index is derived data).
    Reindex,
    /// Run OCR (Tesseract, Finnish and Swedish) on scanned documents that wait for it, then
    /// bring the search index up to date. The service does this in the background.
    Ocr {
        /// At most this many files in this run.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
    /// What state the data folder and its services are in: records, search index, Finnish
    /// analysis (Voikko or Snowball), OCR, signing key.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Compute a legal deadline (Publicity Act, GDPR, NIS2) with its statutory and moved day.
    Deadline {
        /// publicity, publicity-extended, gdpr, gdpr-extended, breach-72h, nis2-early-warning,
        /// nis2-notification or nis2-final.
        rule: String,
        /// Start: YYYY-MM-DD or YYYY-MM-DDTHH:MM (Europe/Helsinki) or RFC 3339 with an offset.
        #[arg(long)]
        from: String,
        /// Why the longer track applies (publicity-extended, gdpr-extended).
        #[arg(long)]
        justification: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Validate plan files (default `retention-rules/`) and list every problem with file and line.
    Check {
        /// A plan folder or a single plan file.
        #[arg(default_value = "retention-rules")]
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Show the plan in force, or one class with its process and record types.
    Show {
        /// Class code, `07 00 03` or `07.00.03`.
        code: Option<String>,
        /// Show this plan version instead of the one in force.
        #[arg(long)]
        version: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// List the plan versions of the data folder.
    Versions {
        #[arg(long)]
        json: bool,
    },
    /// Import a JHS 191 XML file as a new draft plan version.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Import plan files (TOML) as a new draft plan version.
    Load {
        #[arg(default_value = "retention-rules")]
        path: PathBuf,
    },
    /// Approve a draft plan version from a date on; it must have no validation errors.
    Approve(ApproveArgs),
    /// Export the plan in force (or a version) as JHS 191 XML.
    Export(ExportArgs),
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

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the hash chain; names the first altered, removed or reordered entry.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Export entries as JSON Lines, optionally within a time window (RFC 3339 or YYYY-MM-DD).
    Export {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
        /// Legal basis of a refusal or decision; repeat for several.
        #[arg(long = "legal-basis")]
        legal_basis: Vec<String>,
        /// Extension: the day the requester was told (default today).
        #[arg(long)]
        told_on: Option<String>,
        /// Publicity Act one-month track: large-volume, special-measures or other.
        #[arg(long)]
        justification: Option<String>,
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
    /// Flag an incident as a personal-data breach.
    Breach { id: String },
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
    /// Import registers and/or agreements from CSV (all or nothing).
    Import {
        #[arg(long)]
        registers: Option<PathBuf>,
        #[arg(long)]
        agreements: Option<PathBuf>,
    },
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
}

#[derive(Subcommand, Debug)]
pub enum RetentionCommand {
    /// Records whose retention has ended on a day (default today): a range scan by end date.
    Due {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum DisposalCommand {
    /// Build a disposal proposal (hävitysesitys) from the eligible due records.
    Propose {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        class: Option<String>,
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
        json: bool,
    },
    /// Take a record out of a proposal before execution.
    Remove {
        id: String,
        #[arg(long)]
        doc: String,
        #[arg(long)]
        reason: String,
    },
    /// Approve (an archivist other than the proposer).
    Approve { id: String },
    /// Cancel or reject a proposal; its records return to normal life.
    Cancel {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Execute an approved proposal (or resume a failed run).
    Execute {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Confirm that a paper record was destroyed by hand.
    ConfirmPaper {
        id: String,
        #[arg(long)]
        doc: String,
        #[arg(long)]
        method: String,
    },
    /// The electronic destruction list of a proposal (or all) as CSV or JSON.
    Export {
        id: Option<String>,
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Create the organisation's signing key pair in the data folder (secret key owner-only).
    Init,
    /// Print the public key (minisign format) for archives to verify packages with.
    ExportPublic,
}

#[derive(Subcommand, Debug)]
pub enum ArchiveCommand {
    /// Export a signed archive package: E-ARK SIP 2.1 in a BagIt 1.0 bag, zipped.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// A case (diary number or id) with all its records; repeat for several.
        #[arg(long = "case")]
        cases: Vec<String>,
        #[arg(long)]
        class: Option<String>,
        /// Only permanently kept records.
        #[arg(long)]
        permanent: bool,
        #[arg(long)]
        json: bool,
    },
    /// Verify a package: every digest, the signature, the structure; names each problem.
    Verify {
        file: PathBuf,
        /// The trusted public key (received out of band); default: the package's own.
        #[arg(long)]
        key: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The archive list of permanently kept records by class, series and year.
    List {
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user; the password comes from standard input, or a generated one is printed once.
    Add {
        name: String,
        /// staff, registrar, archivist, privacy-officer, auditor or admin.
        #[arg(long)]
        role: String,
        #[arg(long)]
        password_stdin: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user; printed once.
    Create { user: String },
    /// Revoke every token of a user.
    Revoke { user: String },
}

#[derive(Args, Debug)]
pub struct ApproveArgs {
    pub version: u32,
    /// First day the version is in force (YYYY-MM-DD).
    #[arg(long)]
    pub valid_from: String,
    /// Who approves it.
    #[arg(long, default_value = "archivist")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Interchange format; `jhs191` is the one Finnish TOS tools exchange.
    #[arg(long, value_parser = ["jhs191"], default_value = "jhs191")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub version: Option<u32>,
    /// Include information-system names (an authenticated full export; DOMAIN.md §2.8).
    #[arg(long)]
    pub full: bool,
}

pub fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Command::Plan(command) => plan_cmd::run(&cli.data, command),
        Command::Case(command) => crate::registry_cmd::case(&cli.data, command),
        Command::Ingest(args) => crate::registry_cmd::ingest(&cli.data, *args),
        Command::Doc(command) => crate::registry_cmd::doc(&cli.data, command),
        Command::Hold(command) => crate::registry_cmd::hold(&cli.data, command),
        Command::Check { json, repair } => crate::maintenance_cmd::check(&cli.data, json, repair),
        Command::Backup { out } => crate::maintenance_cmd::backup(&cli.data, &out),
        Command::Restore { file } => crate::maintenance_cmd::restore(&cli.data, &file),
        Command::Audit(command) => crate::maintenance_cmd::audit(&cli.data, command),
        Command::Serve { listen, demo } => crate::serve_cmd::serve(&cli.data, &listen, demo),
        Command::User(command) => crate::serve_cmd::user(&cli.data, command),
        Command::Token(command) => crate::serve_cmd::token(&cli.data, command),
        Command::Request(command) => crate::requests_cmd::run(&cli.data, command),
        Command::Retention(command) => crate::archive_cmd::retention(&cli.data, command),
        Command::Disposal(command) => crate::archive_cmd::disposal_cmd(&cli.data, command),
        Command::Archive(command) => crate::archive_cmd::archive(&cli.data, command),
        Command::Keys(command) => crate::archive_cmd::keys(&cli.data, command),
        Command::Report {
            year,
            format,
            out,
            lang,
        } => crate::report_cmd::report(&cli.data, year, &format, out, &lang),
        Command::ReportText { year, chapter, text } => crate::report_cmd::report_text(&cli.data, year, &chapter, &text),
        Command::Incident(command) => crate::incidents_cmd::incident(&cli.data, command),
        Command::Register(command) => crate::incidents_cmd::register(&cli.data, command),
        Command::Processor(command) => crate::incidents_cmd::processor(&cli.data, command),
        Command::Search {
            query,
            class,
            record_type,
            from,
            to,
            state,
            language,
            sort,
            limit,
            public_only,
            purpose,
            json,
        } => {
            let filters = crate::search_cmd::filters(crate::search_cmd::FilterFlags {
                class: class.as_deref(),
                record_type: record_type.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                state: state.as_deref(),
                language: language.as_deref(),
                sort: &sort,
            })?;
            let reader = crate::search_cmd::SearchAs {
                public_only,
                purpose: purpose.as_deref(),
            };
            crate::search_cmd::search(&cli.data, &query, &filters, limit, reader, json)
        }
        Command::Reindex => crate::search_cmd::reindex(&cli.data),
        Command::Ocr { limit } => crate::search_cmd::ocr(&cli.data, limit),
        Command::Status { json } => crate::search_cmd::status(&cli.data, json),
        Command::Deadline {
            rule,
            from,
            justification,
            json,
        } => crate::deadline_cmd::run(&rule, &from, justification.as_deref(), json),
    }
}
