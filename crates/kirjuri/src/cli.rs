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
        Command::Deadline {
            rule,
            from,
            justification,
            json,
        } => crate::deadline_cmd::run(&rule, &from, justification.as_deref(), json),
    }
}
