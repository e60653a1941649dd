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
