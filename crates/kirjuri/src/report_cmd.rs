//! `kirjuri report` and `kirjuri report-text`: the annual data-governance report
//! (tietotilinpäätös) and management's assessment texts.

use std::path::{Path, PathBuf};

use clap::Args;
use kirjuri_report::{ASSESSMENT, Assessment};

use crate::data::{cli_actor, open_store, write_file_durably};
use crate::exit::{CmdResult, bad_input, failed};

const CHAPTERS: &[&str] = &["resources", "rights", "security", "records"];

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[arg(long)]
    pub year: i32,
    /// html, md, json or csv.
    #[arg(long, default_value = "html")]
    pub format: String,
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// fi or en.
    #[arg(long, default_value = "fi")]
    pub lang: String,
}

pub fn report(data: &Path, year: i32, format: &str, out: Option<PathBuf>, lang: &str) -> CmdResult {
    let app = crate::data::open_app(data)?;
    let text = app
        .annual_report(year, format, lang)
        .map_err(crate::data::app_failure)?
        .text;
    match out {
        Some(path) => {
            write_file_durably(&path, text.as_bytes())?;
            eprintln!("wrote the {year} report to {}", path.display());
            Ok(())
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

#[derive(Args, Debug)]
pub struct ReportTextArgs {
    #[arg(long)]
    pub year: i32,
    /// resources, rights, security or records.
    #[arg(long)]
    pub chapter: String,
    #[arg(long)]
    pub text: String,
}

pub fn report_text(data: &Path, year: i32, chapter: &str, text: &str) -> CmdResult {
    if !CHAPTERS.contains(&chapter) {
        return Err(bad_input(format!(
            "--chapter `{chapter}`, expected one of: {}",
            CHAPTERS.join(", ")
        )));
    }
    let store = open_store(data)?;
    let actor = cli_actor(None);
    let assessment = Assessment {
        key: format!("{year}/{chapter}"),
        text: text.trim().to_owned(),
        by: actor.name.clone(),
        at: actor.at,
    };
    store
        .transact(|tx| {
            tx.put(ASSESSMENT, &assessment.key, &assessment, &[])?;
            tx.audit(
                &kirjuri_store::AuditEvent::new(actor.at, &actor.name, "report.assessment")
                    .target(ASSESSMENT, &assessment.key),
            )
        })
        .map_err(failed)?;
    println!("saved the assessment of {year} / {chapter}");
    Ok(())
}
