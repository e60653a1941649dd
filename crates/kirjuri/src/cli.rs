//! Command-line definition (clap) and dispatch. Global conventions for every command:
//! `--data DIR` (env `KIRJURI_DATA`, default `./kirjuri-data`), `--json` on list and show
//! commands, exit code 0 ok, 1 failure, 2 bad input or usage.
//!
//! Where a command lives: this file holds only the top-level `Cli`, the `Command` enum and the
//! dispatch (`run`). A command's flags sit in the `*_cmd.rs` module that runs it, as a clap type
//! directly above the function that takes it: a group's subcommand enum (`DocCommand` above
//! `registry_cmd::doc`) or a single command's args struct (`SearchArgs` above
//! `search_cmd::run`). Every `Command` variant names its module, so the enum below is the table
//! of contents: `kirjuri doc erase` is `registry_cmd::DocCommand::Erase`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::exit::CmdResult;
use crate::{
    access_cmd, archive_cmd, contracts_cmd, deadline_cmd, governance_cmd, incidents_cmd, maintenance_cmd, plan_cmd,
    registry_cmd, reminders_cmd, report_cmd, requests_cmd, search_cmd, serve_cmd, store_cmd, webhook_cmd,
};

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
    Plan(plan_cmd::PlanCommand),
    /// Cases (asiat): open, show, list, move between states.
    #[command(subcommand)]
    Case(registry_cmd::CaseCommand),
    /// Register files (or a whole folder, or a paper record) as documents of a case.
    Ingest(Box<registry_cmd::IngestArgs>),
    /// Documents (asiakirjat): show metadata, get content.
    #[command(subcommand)]
    Doc(registry_cmd::DocCommand),
    /// Legal holds (säilytysesto) on a case or document.
    #[command(subcommand)]
    Hold(registry_cmd::HoldCommand),
    /// Verify every index, every content digest and the audit chain; report content no record
    /// refers to.
    Check(maintenance_cmd::CheckArgs),
    /// Write a consistent backup of the data folder to a zip file.
    Backup(maintenance_cmd::BackupArgs),
    /// Restore a backup into an empty data folder (`--data`).
    Restore(maintenance_cmd::RestoreArgs),
    /// The data folder's disk use: what the database holds against the size of its files,
    /// the content files and the search index (apparent and allocated).
    DiskUse(store_cmd::DiskUseArgs),
    /// The audit trail (lokitiedot).
    #[command(subcommand)]
    Audit(maintenance_cmd::AuditCommand),
    /// Run the HTTP service on the data folder; the first start sets everything up.
    Serve(serve_cmd::ServeArgs),
    /// Users and roles.
    #[command(subcommand)]
    User(serve_cmd::UserCommand),
    /// E-mail reminders: the daily digest now, a test mail to check `[smtp]`.
    #[command(subcommand)]
    Reminders(reminders_cmd::RemindersCommand),
    /// Access rights: the access-rights report (käyttöoikeusraportti).
    #[command(subcommand)]
    Access(access_cmd::AccessCommand),
    /// API tokens (bearer).
    #[command(subcommand)]
    Token(serve_cmd::TokenCommand),
    /// Information requests: GDPR, Publicity Act, log investigations.
    #[command(subcommand)]
    Request(requests_cmd::RequestCommand),
    /// Security incidents and personal-data breaches.
    #[command(subcommand)]
    Incident(incidents_cmd::IncidentCommand),
    /// The register of processing activities (GDPR Art 30).
    #[command(subcommand)]
    Register(incidents_cmd::RegisterCommand),
    /// Processor agreements (GDPR Art 28).
    #[command(subcommand)]
    Processor(incidents_cmd::ProcessorCommand),
    /// The staff and elected officials' data-protection training record and its coverage.
    #[command(subcommand)]
    Training(governance_cmd::TrainingCommand),
    /// Security controls performed: access reviews, restore tests, log reviews.
    #[command(subcommand)]
    Control(governance_cmd::ControlCommand),
    /// The contract register (sopimusrekisteri): contracts, owners and notice days.
    #[command(subcommand)]
    Contract(contracts_cmd::ContractCommand),
    /// Webhook endpoints (signed POSTs of state changes) and their delivery logs.
    #[command(subcommand)]
    Webhook(webhook_cmd::WebhookCommand),
    /// Retention dues (what may be destroyed on a day).
    #[command(subcommand)]
    Retention(archive_cmd::RetentionCommand),
    /// Disposal (hävittäminen): proposal, approval by another archivist, execution.
    #[command(subcommand)]
    Disposal(archive_cmd::DisposalCommand),
    /// Permanent records: the archive list (arkistoluettelo).
    #[command(subcommand)]
    Archive(archive_cmd::ArchiveCommand),
    /// The organisation's signing key for archive packages.
    #[command(subcommand)]
    Keys(archive_cmd::KeysCommand),
    /// The annual data-governance report (tietotilinpäätös) for a calendar year.
    Report(report_cmd::ReportArgs),
    /// Store management's assessment and development targets for a chapter of the report.
    ReportText(report_cmd::ReportTextArgs),
    /// Development targets of the report (chapter 4): add, set status, list.
    #[command(subcommand)]
    ReportTarget(report_cmd::ReportTargetCommand),
    /// Approve a year's report: it is kept as an immutable snapshot from then on.
    ReportApprove(report_cmd::ReportApproveArgs),
    /// Full-text search (haku) over document titles, text and parties, Finnish-stemmed.
    Search(search_cmd::SearchArgs),
    /// Rebuild the search index from the database (the index is derived data).
    Reindex,
    /// Run OCR (Tesseract, Finnish and Swedish) on scanned documents that wait for it, then
    /// bring the search index up to date. The service does this in the background.
    Ocr(search_cmd::OcrArgs),
    /// What state the data folder and its services are in: records, search index, Finnish
    /// analysis (Voikko or Snowball), OCR, signing key.
    Status(search_cmd::StatusArgs),
    /// Compute a legal deadline (Publicity Act, GDPR, NIS2) with its statutory and moved day.
    Deadline(deadline_cmd::DeadlineArgs),
}

pub fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Command::Plan(command) => plan_cmd::run(&cli.data, command),
        Command::Case(command) => registry_cmd::case(&cli.data, command),
        Command::Ingest(args) => registry_cmd::ingest(&cli.data, *args),
        Command::Doc(command) => registry_cmd::doc(&cli.data, command),
        Command::Hold(command) => registry_cmd::hold(&cli.data, command),
        Command::Check(args) => maintenance_cmd::check(&cli.data, args.json, args.repair),
        Command::Backup(args) => maintenance_cmd::backup(&cli.data, &args.out),
        Command::Restore(args) => maintenance_cmd::restore(&cli.data, &args.file),
        Command::DiskUse(args) => store_cmd::disk_use(&cli.data, args.json),
        Command::Audit(command) => maintenance_cmd::audit(&cli.data, command),
        Command::Serve(args) => serve_cmd::serve(&cli.data, &args.listen, args.demo),
        Command::User(command) => serve_cmd::user(&cli.data, command),
        Command::Access(command) => access_cmd::run(&cli.data, command),
        Command::Reminders(command) => reminders_cmd::run(&cli.data, command),
        Command::Token(command) => serve_cmd::token(&cli.data, command),
        Command::Request(command) => requests_cmd::run(&cli.data, command),
        Command::Retention(command) => archive_cmd::retention(&cli.data, command),
        Command::Disposal(command) => archive_cmd::disposal_cmd(&cli.data, command),
        Command::Archive(command) => archive_cmd::archive(&cli.data, command),
        Command::Keys(command) => archive_cmd::keys(&cli.data, command),
        Command::Report(args) => report_cmd::report(&cli.data, args.year, &args.format, args.out, &args.lang),
        Command::ReportText(args) => report_cmd::report_text(&cli.data, args.year, &args.chapter, &args.text),
        Command::ReportTarget(command) => report_cmd::report_target(&cli.data, command),
        Command::ReportApprove(args) => report_cmd::report_approve(&cli.data, &args),
        Command::Incident(command) => incidents_cmd::incident(&cli.data, command),
        Command::Register(command) => incidents_cmd::register(&cli.data, command),
        Command::Contract(command) => contracts_cmd::contract(&cli.data, command),
        Command::Webhook(command) => webhook_cmd::webhook(&cli.data, command),
        Command::Processor(command) => incidents_cmd::processor(&cli.data, command),
        Command::Training(command) => governance_cmd::training(&cli.data, command),
        Command::Control(command) => governance_cmd::control(&cli.data, command),
        Command::Search(args) => search_cmd::run(&cli.data, args),
        Command::Reindex => search_cmd::reindex(&cli.data),
        Command::Ocr(args) => search_cmd::ocr(&cli.data, args.limit),
        Command::Status(args) => search_cmd::status(&cli.data, args.json),
        Command::Deadline(args) => deadline_cmd::run(&args.rule, &args.from, args.justification.as_deref(), args.json),
    }
}
