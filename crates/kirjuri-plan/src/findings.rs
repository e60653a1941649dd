//! Validation findings: what is wrong in a plan, where (file and line, or XML element path)
//! and in which field.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Location {
    /// A line of a plan file (1-based).
    File { file: String, line: usize },
    /// An element of an imported XML file, as a path such as `/Tos/Luokka[3]/KasittelyprosessiTiedot`.
    Xml { file: String, path: String },
    /// A plan element with no source position (a plan built in memory).
    Plan,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File { file, line } => write!(f, "{file}:{line}"),
            Location::Xml { file, path } => write!(f, "{file}: {path}"),
            Location::Plan => f.write_str("plan"),
        }
    }
}

/// One problem in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub location: Location,
    /// What the finding is about: `class 07 00 03, record type \`gdpr-access-request\``.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The attribute at fault, in the plan files' spelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Finding {
    pub fn error(location: Location, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Error,
            location,
            subject: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            location,
            subject: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn with_subject(mut self, subject: impl Into<String>) -> Finding {
        self.subject = Some(subject.into());
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Finding {
        self.field = Some(field.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: ", self.location)?;
        if let Some(subject) = &self.subject {
            write!(f, "{subject}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

/// Most findings of one kind of check listed one by one (the file's reading, the validation);
/// the rest are counted in one closing finding, so a file with a hundred thousand broken
/// record types costs no more memory for its findings than one with a thousand.
pub const MAX_LISTED_FINDINGS: usize = 1_000;

/// Findings as a check collects them: the first [`MAX_LISTED_FINDINGS`] kept, the rest counted.
#[derive(Debug, Default)]
pub(crate) struct FindingList {
    listed: Vec<Finding>,
    unlisted_errors: usize,
    unlisted_warnings: usize,
}

impl FindingList {
    pub(crate) fn push(&mut self, finding: Finding) {
        if self.listed.len() < MAX_LISTED_FINDINGS {
            self.listed.push(finding);
        } else if finding.is_error() {
            self.unlisted_errors += 1;
        } else {
            self.unlisted_warnings += 1;
        }
    }

    /// The findings listed, then (when some were only counted) one finding that says how many
    /// more there are: an error when any of them is one, so the plan stays refused.
    pub(crate) fn into_vec(self) -> Vec<Finding> {
        let mut findings = self.listed;
        let (errors, warnings) = (self.unlisted_errors, self.unlisted_warnings);
        if errors + warnings > 0 {
            let message = format!(
                "{errors} more errors and {warnings} more warnings are not listed (the first {MAX_LISTED_FINDINGS} are)"
            );
            findings.push(if errors > 0 {
                Finding::error(Location::Plan, message)
            } else {
                Finding::warning(Location::Plan, message)
            });
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_past_the_limit_are_counted_in_one_closing_finding() {
        let mut list = FindingList::default();
        for _ in 0..MAX_LISTED_FINDINGS {
            list.push(Finding::warning(Location::Plan, "w"));
        }
        list.push(Finding::warning(Location::Plan, "w"));
        list.push(Finding::error(Location::Plan, "e"));
        let findings = list.into_vec();
        assert_eq!(findings.len(), MAX_LISTED_FINDINGS + 1);
        let last = &findings[MAX_LISTED_FINDINGS];
        assert!(last.is_error(), "an unlisted error keeps the plan refused");
        assert_eq!(
            last.message,
            "1 more errors and 1 more warnings are not listed (the first 1000 are)"
        );
        let mut few = FindingList::default();
        few.push(Finding::warning(Location::Plan, "w"));
        assert_eq!(few.into_vec().len(), 1);
    }
}
