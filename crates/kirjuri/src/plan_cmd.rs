//! `kirjuri plan …`: check plan files, show the plan, manage versions, JHS 191 import/export.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kirjuri_app::PlanSource;
use kirjuri_plan::jhs191::{self, ExportOptions};
use kirjuri_plan::{ClassCode, Finding, Plan, RetentionPeriod, Severity, load_plan};

use crate::data::{app_failure, cli_actor, ensure_plan, open_app, open_store, today, write_file_durably};
use crate::exit::{CmdResult, Failure, bad_input, failed};
use crate::plan_files::read_plan_folder;

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

pub fn run(data: &Path, command: PlanCommand) -> CmdResult {
    match command {
        PlanCommand::Check { path, json } => check(&path, json),
        PlanCommand::Show { code, version, json } => show(data, code.as_deref(), version, json),
        PlanCommand::Versions { json } => versions(data, json),
        PlanCommand::Import { file, json } => import(data, &file, json),
        PlanCommand::Load { path } => load(data, &path),
        PlanCommand::Approve(args) => approve(data, args),
        PlanCommand::Export(args) => export(data, args),
    }
}

fn print_findings(findings: &[Finding]) {
    for finding in findings {
        eprintln!("{finding}");
    }
}

fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}

fn summary(plan: &Plan) -> String {
    let top = plan.classes.keys().filter(|c| c.depth() == 1).count();
    let processes = plan.classes.values().filter(|c| c.process.is_some()).count();
    let record_types = plan.record_types().count();
    let permanent = plan
        .record_types()
        .filter(|r| r.record_type.retention.period == Some(RetentionPeriod::Permanent))
        .count();
    format!(
        "plan \"{}\" version {} ({}): {top} top-level classes, {} classes, {processes} processes, {record_types} record types ({permanent} permanent)",
        plan.meta.name,
        plan.meta.version,
        plan.meta.state.key(),
        plan.classes.len()
    )
}

fn check(path: &Path, json: bool) -> CmdResult {
    let files = read_plan_folder(path)?;
    let loaded = load_plan(&files);
    let (errors, warnings) = counts(&loaded.findings);
    if json {
        let report = serde_json::json!({
            "path": path.display().to_string(),
            "ok": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "findings": loaded.findings,
            "record_types": loaded.plan.as_ref().map(|p| p.record_types().count()),
        });
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
    } else {
        print_findings(&loaded.findings);
        if let Some(plan) = &loaded.plan {
            println!("{}: {}", path.display(), summary(plan));
        }
        println!("{errors} errors, {warnings} warnings");
    }
    if errors > 0 { Err(Failure::Reported(2)) } else { Ok(()) }
}

fn chosen_plan(data: &Path, version: Option<u32>) -> Result<Plan, Failure> {
    let store = open_store(data)?;
    ensure_plan(&store)?;
    let versions = store.plan_versions().map_err(failed)?;
    match version {
        Some(number) => versions
            .get(number)
            .map_err(failed)?
            .ok_or_else(|| bad_input(format!("plan version {number} does not exist"))),
        None => versions
            .in_force(today())
            .map_err(failed)?
            .ok_or_else(|| failed("no approved plan version is in force today; see `kirjuri plan versions`")),
    }
}

fn show(data: &Path, code: Option<&str>, version: Option<u32>, json: bool) -> CmdResult {
    let plan = chosen_plan(data, version)?;
    let Some(code_text) = code else {
        if json {
            println!("{}", serde_json::to_string_pretty(&plan).map_err(failed)?);
            return Ok(());
        }
        println!("{}", summary(&plan));
        for class in plan.classes.values() {
            let indent = "  ".repeat(class.code.depth() - 1);
            let record_types = class.process.as_ref().map_or(0, |p| p.record_types().count());
            let suffix = if record_types > 0 {
                format!("  [{record_types} record types]")
            } else {
                String::new()
            };
            println!("{indent}{}  {}{suffix}", class.code, class.title);
        }
        return Ok(());
    };
    let code = ClassCode::parse(code_text).map_err(bad_input)?;
    let class = plan
        .class(&code)
        .ok_or_else(|| bad_input(format!("class {code} is not in plan version {}", plan.meta.version)))?;
    if json {
        println!("{}", serde_json::to_string_pretty(class).map_err(failed)?);
        return Ok(());
    }
    println!("{}  {}", class.code, class.title);
    if let Some(title_en) = &class.title_en {
        println!("  English: {title_en}");
    }
    for child in plan
        .classes_within(&code)
        .filter(|c| c.code.parent().as_ref() == Some(&code))
    {
        println!("  subclass {}  {}", child.code, child.title);
    }
    let Some(process) = &class.process else { return Ok(()) };
    println!(
        "  process: {}",
        describe_attributes(&process.restriction, &process.retention)
    );
    for phase in &process.phases {
        println!("  phase {}", phase.phase_type.finnish());
        for action in &phase.actions {
            println!("    action {}", action.action_type);
            for record in &action.records {
                println!(
                    "      {} ({}): {}",
                    record.id,
                    record.display_name(),
                    describe_attributes(&record.restriction, &record.retention)
                );
            }
        }
    }
    Ok(())
}

fn describe_attributes(restriction: &kirjuri_plan::Restriction, retention: &kirjuri_plan::Retention) -> String {
    let publicity = restriction.publicity.map_or("?", |p| p.key());
    let secrecy = match (restriction.secrecy_years, restriction.secrecy_reasons.is_empty()) {
        (Some(years), false) => format!(", secret {years} y ({})", restriction.secrecy_reasons.join("; ")),
        _ => String::new(),
    };
    let personal = restriction.personal_data.map_or("?", |p| p.key());
    let period = retention.period.map_or("?".to_owned(), |p| p.to_string());
    let trigger = retention
        .trigger
        .map(|t| format!(" from {}", t.key()))
        .unwrap_or_default();
    format!("{publicity}{secrecy}, personal data {personal}, retention {period}{trigger}")
}

fn versions(data: &Path, json: bool) -> CmdResult {
    let store = open_store(data)?;
    ensure_plan(&store)?;
    let summaries = store.plan_versions().map_err(failed)?.summaries().map_err(failed)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&summaries).map_err(failed)?);
        return Ok(());
    }
    for s in summaries {
        let valid = match (s.valid_from, s.valid_to) {
            (Some(from), Some(to)) => format!("{from} – {to}"),
            (Some(from), None) => format!("from {from}"),
            _ => "not in force".to_owned(),
        };
        println!(
            "{:>3}  {:<22} {:<24} {} classes, {} record types  {}",
            s.version,
            s.state.key(),
            valid,
            s.classes,
            s.record_types,
            s.name
        );
    }
    Ok(())
}

/// The failure of a plan import or approval: findings printed, bad input exits 2.
fn plan_failure(error: kirjuri_app::AppError) -> Failure {
    match error {
        kirjuri_app::AppError::PlanErrors { message, findings } => {
            print_findings(&findings);
            bad_input(message)
        }
        kirjuri_app::AppError::PlanConflict(message) => bad_input(message),
        other => app_failure(other),
    }
}

fn import(data: &Path, file: &Path, json: bool) -> CmdResult {
    let bytes = std::fs::read(file).map_err(|e| bad_input(format!("{}: {e}", file.display())))?;
    let name = file.display().to_string();
    let app = open_app(data)?;
    let imported = app
        .import_plan(
            &PlanSource::Jhs191 {
                name: &name,
                bytes: &bytes,
            },
            &cli_actor(None),
        )
        .map_err(plan_failure)?;
    let (errors, warnings) = counts(&imported.findings);
    let version = imported.version;
    if json {
        let report = serde_json::json!({ "version": version, "state": "draft", "errors": errors, "warnings": warnings, "findings": imported.findings });
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
    } else {
        print_findings(&imported.findings);
        println!("imported {name} as draft plan version {version}: {errors} errors, {warnings} warnings");
    }
    Ok(())
}

fn load(data: &Path, path: &Path) -> CmdResult {
    let files = read_plan_folder(path)?;
    let app = open_app(data)?;
    let imported = app
        .import_plan(&PlanSource::Toml(&files), &cli_actor(None))
        .map_err(plan_failure)?;
    print_findings(&imported.findings);
    println!("loaded {} as draft plan version {}", path.display(), imported.version);
    Ok(())
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

fn approve(data: &Path, args: ApproveArgs) -> CmdResult {
    let valid_from = NaiveDate::parse_from_str(&args.valid_from, "%Y-%m-%d")
        .map_err(|_| bad_input(format!("--valid-from `{}` is not a date (YYYY-MM-DD)", args.valid_from)))?;
    let app = open_app(data)?;
    let approved = app
        .approve_plan(args.version, valid_from, Some(&args.by), &cli_actor(None))
        .map_err(plan_failure)?;
    println!("plan version {} approved, in force from {valid_from}", approved.version);
    Ok(())
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

fn export(data: &Path, args: ExportArgs) -> CmdResult {
    let plan = chosen_plan(data, args.version)?;
    let options = ExportOptions {
        today: today(),
        exported_at: chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .to_rfc3339(),
        include_information_systems: args.full,
    };
    let exported = jhs191::export(&plan, &options).map_err(failed)?;
    for note in &exported.notes {
        eprintln!("note: {note}");
    }
    match args.out {
        Some(out) => {
            write_file_durably(&out, exported.xml.as_bytes())?;
            eprintln!("wrote plan version {} to {}", plan.meta.version, out.display());
        }
        None => print!("{}", exported.xml),
    }
    Ok(())
}
