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
                eprintln!("error: {}", in_cli_terms(&message));
                ExitCode::from(2)
            }
            Failure::Failed(message) => {
                eprintln!("error: {}", in_cli_terms(&message));
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

/// Every long flag of the command line (`override-reason`, `aware-at`, …).
fn long_flags() -> &'static std::collections::HashSet<String> {
    static FLAGS: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    FLAGS.get_or_init(|| {
        fn collect(command: &clap::Command, flags: &mut std::collections::HashSet<String>) {
            flags.extend(command.get_arguments().filter_map(|a| a.get_long()).map(str::to_owned));
            for sub in command.get_subcommands() {
                collect(sub, flags);
            }
        }
        let mut flags = std::collections::HashSet::new();
        collect(&<crate::cli::Cli as clap::CommandFactory>::command(), &mut flags);
        flags
    })
}

/// A message of the domain in the command line's terms. The domain names the field at fault
/// in backticks as the API does (`override_reason`); on the command line that field is given
/// by a flag, so a backticked field that is a flag of ours reads `--override-reason`. Other
/// backticked text (values, record types) stays as written.
pub fn in_cli_terms(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        // Fields whose flag has another name on the command line.
        let flag = match inner {
            "case_state" => "state".to_owned(),
            other => other.replace('_', "-"),
        };
        let is_field = !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_field && long_flags().contains(&flag) {
            out.push_str("--");
            out.push_str(&flag);
        } else {
            out.push('`');
            out.push_str(inner);
            out.push('`');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::in_cli_terms;

    #[test]
    fn fields_become_flags_and_values_stay() {
        assert_eq!(
            in_cli_terms("publicity differs from record type `kuulutus`; give `override_reason` to record why"),
            "publicity differs from record type `kuulutus`; give --override-reason to record why"
        );
        assert_eq!(
            in_cli_terms("`aware_at` is in the future"),
            "--aware-at is in the future"
        );
        assert_eq!(
            in_cli_terms("no flag `no_such_flag_here`"),
            "no flag `no_such_flag_here`"
        );
        assert_eq!(in_cli_terms("an odd ` tick"), "an odd ` tick");
    }
}
