//! Command failures and their exit codes: 1 for a failure, 2 for bad input or usage.

use std::fmt::Display;
use std::process::ExitCode;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The input was wrong (a file, a value, a name): exit code 2.
    BadInput(String),
    /// Something failed while doing the work: exit code 1.
    Failed(String),
    /// The problems were already printed in full (a list of findings); only the exit code is left.
    Reported(u8),
}

impl Failure {
    pub fn report(self) -> ExitCode {
        match self {
            Failure::BadInput(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
            Failure::Failed(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
            Failure::Reported(code) => ExitCode::from(code),
        }
    }
}

pub type CmdResult = Result<(), Failure>;

pub fn bad_input(message: impl Display) -> Failure {
    Failure::BadInput(message.to_string())
}

pub fn failed(message: impl Display) -> Failure {
    Failure::Failed(message.to_string())
}
