//! The `kirjuri` binary: command-line parsing, configuration and wiring of the library crates.
//!
//! Holds no domain logic: every command reads its input, calls a library crate and prints
//! the result. Exit codes: 0 ok, 1 failure, 2 bad input or usage.
//!
//! Layout: `cli.rs` holds the top-level command line and the dispatch; each command's flags sit
//! in the `*_cmd.rs` module that runs it, beside its code (`cli.rs` says how to find them).

mod access_cmd;
mod archive_cmd;
mod cli;
mod contracts_cmd;
mod data;
mod deadline_cmd;
mod demo_contracts;
mod demo_extra;
mod demo_governance;
mod demo_report;
mod disclosure_cmd;
mod exit;
mod gdpr_cmd;
mod governance_cmd;
mod incidents_cmd;
mod maintenance_cmd;
mod plan_cmd;
mod plan_files;
mod registry_cmd;
mod reminders_cmd;
mod report_cmd;
mod requests_cmd;
mod search_cmd;
mod serve_cmd;
mod store_cmd;
mod webhook_cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes away (`| head`).
    sigpipe::reset();
    // The isolated text-extraction worker: `kirjuri extract-worker FILE MEDIA_TYPE NAME`
    // (started by this binary itself, never by people; not a documented command).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "extract-worker") && args.len() == 5 {
        let code = kirjuri_extract::worker_main(
            std::path::Path::new(&args[2]),
            &args[3].to_string_lossy(),
            &args[4].to_string_lossy(),
        );
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    if let Ok(executable) = std::env::current_exe() {
        kirjuri_extract::use_worker(executable);
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with exit 0, usage errors with exit 2.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
