//! `kirjuri report`, `kirjuri report-text`, `kirjuri report-target` and `kirjuri
//! report-approve`: the annual data-governance report (tietotilinpäätös), management's
//! assessment texts, the development targets of chapter 4 and the approval of a year's report.

use std::path::{Path, PathBuf};

use crate::data::{cli_actor, write_file_durably};
use crate::exit::CmdResult;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[arg(long)]
    pub year: i32,
    /// html, pdf, md, json or csv (a PDF needs --out).
    #[arg(long, default_value = "html")]
    pub format: String,
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// fi, sv or en.
    #[arg(long, default_value = "fi")]
    pub lang: String,
}

pub fn report(data: &Path, year: i32, format: &str, out: Option<PathBuf>, lang: &str) -> CmdResult {
    let app = crate::data::open_app(data)?;
    let body = app
        .annual_report(year, format, lang)
        .map_err(crate::data::app_failure)?
        .body;
    match out {
        Some(path) => {
            write_file_durably(&path, &body)?;
            eprintln!("wrote the {year} report to {}", path.display());
            Ok(())
        }
        None => match String::from_utf8(body) {
            Ok(text) => {
                print!("{text}");
                Ok(())
            }
            Err(_) => Err(crate::exit::bad_input(
                "format pdf: a PDF is not text; give --out report.pdf",
            )),
        },
    }
}

#[derive(Args, Debug)]
pub struct ReportTextArgs {
    #[arg(long)]
    pub year: i32,
    /// scope, resources, procedures, security, monitoring, rights, records or development.
    #[arg(long)]
    pub chapter: String,
    #[arg(long)]
    pub text: String,
}

pub fn report_text(data: &Path, year: i32, chapter: &str, text: &str) -> CmdResult {
    let app = crate::data::open_app(data)?;
    app.save_report_assessment(year, chapter, text, &cli_actor(None))
        .map_err(crate::data::app_failure)?;
    println!("saved the assessment of {year} / {chapter}");
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum ReportTargetCommand {
    /// Add a development target to a year's report (chapter 4).
    Add {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        text: String,
        /// The chapter it relates to (scope, resources, procedures, security, monitoring,
        /// rights, records or development).
        #[arg(long)]
        chapter: String,
        /// Who answers for it.
        #[arg(long)]
        owner: String,
        /// The year it is due (the report year or later).
        #[arg(long)]
        due_year: i32,
        /// planned (default), in_progress, done or dropped.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Change a target's status or follow-up note.
    Set {
        #[arg(long)]
        year: i32,
        /// The target's number in its year.
        #[arg(long)]
        number: u64,
        /// planned, in_progress, done or dropped.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// The targets of a year's report.
    List {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

pub fn report_target(data: &Path, command: ReportTargetCommand) -> CmdResult {
    let app = crate::data::open_app(data)?;
    match command {
        ReportTargetCommand::Add {
            year,
            text,
            chapter,
            owner,
            due_year,
            status,
            note,
        } => {
            let new = kirjuri_app::NewTarget {
                text,
                chapter,
                owner,
                due_year,
                status,
                note,
            };
            let target = app
                .add_report_target(year, &new, &cli_actor(None))
                .map_err(crate::data::app_failure)?;
            println!("added development target {} ({})", target.id, target.status.key());
        }
        ReportTargetCommand::Set {
            year,
            number,
            status,
            note,
        } => {
            let change = kirjuri_app::TargetChange { status, note };
            let target = app
                .change_report_target(&format!("{year}/{number}"), &change, &cli_actor(None))
                .map_err(crate::data::app_failure)?;
            println!("development target {}: {}", target.id, target.status.key());
        }
        ReportTargetCommand::List { year, json } => {
            let targets = app.report_targets(year).map_err(crate::data::app_failure)?;
            if json {
                let text = serde_json::to_string_pretty(&targets).map_err(|e| crate::exit::bad_input(e.to_string()))?;
                println!("{text}");
            } else {
                for t in &targets {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        t.id,
                        t.status.key(),
                        t.chapter,
                        t.due_year,
                        t.owner,
                        t.text,
                        t.note
                    );
                }
            }
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct ReportApproveArgs {
    #[arg(long)]
    pub year: i32,
    /// The body that approved the report ("Kaupunginhallitus").
    #[arg(long)]
    pub body: String,
    /// The decision's reference ("§ 45").
    #[arg(long)]
    pub decision: String,
    /// The day of the decision (YYYY-MM-DD).
    #[arg(long)]
    pub on: String,
}

pub fn report_approve(data: &Path, args: &ReportApproveArgs) -> CmdResult {
    let on = NaiveDate::parse_from_str(args.on.trim(), "%Y-%m-%d")
        .map_err(|_| crate::exit::bad_input(format!("--on `{}` is not a date (YYYY-MM-DD)", args.on)))?;
    let app = crate::data::open_app(data)?;
    let approval = app
        .approve_report(args.year, &args.body, &args.decision, on, &cli_actor(None))
        .map_err(crate::data::app_failure)?;
    println!(
        "approved the {} report: {} {} {}; the approved report is kept unchanged",
        approval.year, approval.body, approval.decided_on, approval.decision
    );
    Ok(())
}
