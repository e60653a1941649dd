//! The `kirjuri` binary: command-line parsing, configuration and wiring of the library crates.
//!
//! Holds no domain logic: every command reads its input, calls a library crate and prints
//! the result. Exit codes: 0 ok, 1 failure, 2 bad input or usage.

mod archive_cmd;
mod cli;
mod data;
mod deadline_cmd;
mod demo_extra;
mod exit;
mod incidents_cmd;
mod maintenance_cmd;
mod plan_cmd;
mod plan_files;
mod registry_cmd;
mod report_cmd;
mod requests_cmd;
mod search_cmd;
mod serve_cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes away (`| head`).
    sigpipe::reset();
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
