//! `kirjuri report` and `kirjuri report-text`: the annual data-governance report
//! (tietotilinpäätös) and management's assessment texts.

use std::path::{Path, PathBuf};

use kirjuri_report::{ASSESSMENT, Assessment, compute, to_csv, to_html, to_markdown};

use crate::data::{cli_actor, load_config, open_store, plan_catalog, write_file_durably};
use crate::exit::{CmdResult, bad_input, failed};

const CHAPTERS: &[&str] = &["resources", "rights", "security", "records"];

pub fn report(data: &Path, year: i32, format: &str, out: Option<PathBuf>, lang: &str) -> CmdResult {
    if !(1900..=9999).contains(&year) {
        return Err(bad_input(format!("--year {year} is not a year")));
    }
    let english = match lang {
        "fi" => false,
        "en" => true,
        other => return Err(bad_input(format!("--lang `{other}`, expected fi or en"))),
    };
    let config = load_config(data)?;
    let store = open_store(data)?;
    plan_catalog(&store)?;
    let report = compute(&store, year, &config.organisation, chrono::Utc::now()).map_err(failed)?;
    let text = match format {
        "html" => to_html(&report, english),
        "md" | "markdown" => to_markdown(&report, english),
        "json" => serde_json::to_string_pretty(&report).map_err(failed)?,
        "csv" => to_csv(&report).map_err(failed)?,
        other => return Err(bad_input(format!("--format `{other}`, expected html, md, json or csv"))),
    };
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
