//! `kirjuri report` and `kirjuri report-text`: the annual data-governance report
//! (tietotilinpäätös) and management's assessment texts.

use std::path::{Path, PathBuf};

use crate::data::{cli_actor, write_file_durably};
use crate::exit::CmdResult;
use clap::Args;

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
    let app = crate::data::open_app(data)?;
    app.save_report_assessment(year, chapter, text, &cli_actor(None))
        .map_err(crate::data::app_failure)?;
    println!("saved the assessment of {year} / {chapter}");
    Ok(())
}
