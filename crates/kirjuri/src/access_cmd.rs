//! `kirjuri access report`: the access-rights report (käyttöoikeusraportti) of the data
//! folder, as the API serves it.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::data::open_existing_app;
use crate::exit::{CmdResult, bad_input, failed};

#[derive(Subcommand, Debug)]
pub enum AccessCommand {
    /// Per user their role, departments, reach and explicit grants; per restricted class who
    /// may read it.
    Report(ReportArgs),
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// json, csv or html.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(data: &Path, command: AccessCommand) -> CmdResult {
    match command {
        AccessCommand::Report(args) => report(data, &args),
    }
}

fn report(data: &Path, args: &ReportArgs) -> CmdResult {
    if !["json", "csv", "html"].contains(&args.format.as_str()) {
        return Err(bad_input(format!(
            "--format must be json, csv or html, not `{}`",
            args.format
        )));
    }
    let app = open_existing_app(data)?;
    let organisation = app.organisation().to_owned();
    let report = app
        .with_registry(|registry| kirjuri_server::access::report(app.store(), registry, &organisation))
        .map_err(crate::data::app_failure)?
        .map_err(failed)?;
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&report).map_err(failed)? + "\n",
        "html" => kirjuri_server::access::to_html(&report),
        _ => kirjuri_server::access::to_csv(&report),
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| failed(format!("{}: {e}", path.display())))?;
            println!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
