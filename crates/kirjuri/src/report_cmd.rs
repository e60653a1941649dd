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
