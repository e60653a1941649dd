//! What the report keeps besides the figures it computes: management's development targets
//! (chapter 4 of the Data Protection Ombudsman's guide, followed up in the next year's report)
//! and the approval of a year's report by the body that received it, with the report as it was
//! approved (an immutable snapshot, DOMAIN.md §9.1).
//!
//! The records are written by the application layer (`kirjuri_app`), which checks and audits
//! every change; this module only names them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::compute::Report;

/// Record kind of development targets, keyed `<year>/<number>`.
pub const TARGET: &str = "report_target";
/// Record kind of approvals, keyed by the year.
pub const APPROVAL: &str = "report_approval";
/// Record kind of approved reports (the snapshot served for an approved year), keyed by year.
pub const SNAPSHOT: &str = "report_snapshot";

/// Where a development target stands.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 4] = [
        TargetStatus::Planned,
        TargetStatus::InProgress,
        TargetStatus::Done,
        TargetStatus::Dropped,
    ];

    /// The stored key (`planned`, `in_progress`, `done`, `dropped`).
    pub fn key(self) -> &'static str {
        match self {
            TargetStatus::Planned => "planned",
            TargetStatus::InProgress => "in_progress",
            TargetStatus::Done => "done",
            TargetStatus::Dropped => "dropped",
        }
    }

    /// A status from its key, or the error that names the field and the keys.
    pub fn parse(text: &str) -> Result<TargetStatus, String> {
        TargetStatus::ALL
            .into_iter()
            .find(|s| s.key() == text.trim())
            .ok_or_else(|| format!("status `{text}`, expected planned, in_progress, done or dropped"))
    }

    /// The status in the report's words.
    pub fn words(self) -> kirjuri_words::Words {
        use kirjuri_words::report as r;
        match self {
            TargetStatus::Planned => r::TARGET_PLANNED,
            TargetStatus::InProgress => r::TARGET_IN_PROGRESS,
            TargetStatus::Done => r::TARGET_DONE,
            TargetStatus::Dropped => r::TARGET_DROPPED,
        }
    }
}

/// One development target set in a year's report (chapter 4), with its current status: the
/// next year's report follows it up.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    /// `<year>/<number>`.
    pub id: String,
    /// The report year that set the target.
    pub year: i32,
    pub text: String,
    /// The chapter it relates to (a key of [`crate::CHAPTERS`]).
    pub chapter: String,
    /// Who answers for it (a unit or a role).
    pub owner: String,
    /// The year it should be done by.
    pub due_year: i32,
    pub status: TargetStatus,
    /// The follow-up note (what was done, why it was dropped).
    #[serde(default)]
    pub note: String,
    /// Who changed it last, and when.
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The approval of a year's report by the body that received it ("Kaupunginhallitus
/// 16.3.2027 § 45").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Approval {
    pub year: i32,
    /// The body that approved it ("Kaupunginhallitus").
    pub body: String,
    /// The decision's reference ("§ 45").
    pub decision: String,
    /// The day of the decision.
    pub decided_on: NaiveDate,
    /// Who recorded the approval, and when.
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The report of a year as approved: served unchanged by every later download of the year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    pub year: i32,
    pub report: Report,
}
