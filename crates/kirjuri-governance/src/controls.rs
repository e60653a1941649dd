//! The security controls performed (DOMAIN.md §9, chapters 3.4 security and 3.5 monitoring):
//! access reviews (käyttöoikeuksien katselmointi), restore tests of backups (varmuuskopion
//! palautustesti) and log reviews (lokien tarkastus). Act 906/2019 §15 requires the authority
//! to keep its information systems' access rights up to date and §17 to log use and
//! disclosures and to follow the logs; GDPR Art 32(1)(c)–(d) asks for the ability to restore
//! data and for regularly testing the measures. A control event records one such check and its
//! result, so the report can count them per year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which control was performed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    /// Käyttöoikeuksien katselmointi (906/2019 §15).
    AccessReview,
    /// Varmuuskopion palautustesti (GDPR Art 32(1)(c)).
    RestoreTest,
    /// Lokien tarkastus / lokivalvonta (906/2019 §17).
    LogReview,
}

impl ControlKind {
    pub const ALL: &'static [ControlKind] = &[
        ControlKind::AccessReview,
        ControlKind::RestoreTest,
        ControlKind::LogReview,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ControlKind::AccessReview => "access-review",
            ControlKind::RestoreTest => "restore-test",
            ControlKind::LogReview => "log-review",
        }
    }

    pub fn parse(text: &str) -> Result<ControlKind, String> {
        ControlKind::ALL
            .iter()
            .copied()
            .find(|k| k.key() == text.trim())
            .ok_or_else(|| {
                format!(
                    "unknown kind `{}`, expected one of: access-review, restore-test, log-review",
                    text.trim()
                )
            })
    }
}

/// How the control came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlResult {
    /// Nothing to remark.
    Ok,
    /// Poikkeamia: findings recorded.
    Deviations,
    /// Epäonnistui: the control could not show what it should (e.g. the restore failed).
    Failed,
}

impl ControlResult {
    pub const ALL: &'static [ControlResult] = &[ControlResult::Ok, ControlResult::Deviations, ControlResult::Failed];

    pub fn key(self) -> &'static str {
        match self {
            ControlResult::Ok => "ok",
            ControlResult::Deviations => "deviations",
            ControlResult::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Result<ControlResult, String> {
        ControlResult::ALL
            .iter()
            .copied()
            .find(|r| r.key() == text.trim())
            .ok_or_else(|| {
                format!(
                    "unknown result `{}`, expected one of: ok, deviations, failed",
                    text.trim()
                )
            })
    }

    /// Deviations and a failure must say what was found.
    pub fn needs_findings(self) -> bool {
        self != ControlResult::Ok
    }
}

/// One control performed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControlEvent {
    /// `control-{n}`, given when stored.
    #[serde(default)]
    pub id: String,
    pub kind: ControlKind,
    /// The system or register it concerns.
    pub system: String,
    pub performed_on: NaiveDate,
    /// Who performed it (a name).
    pub performed_by: String,
    pub result: ControlResult,
    /// What was found; required unless the result is `ok`.
    #[serde(default)]
    pub findings: String,
    /// What is done about the findings.
    #[serde(default)]
    pub follow_up: String,
}

/// The controls of one kind in a year, by result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlCount {
    pub kind: ControlKind,
    pub ok: usize,
    pub deviations: usize,
    pub failed: usize,
}

impl ControlCount {
    pub fn total(&self) -> usize {
        self.ok + self.deviations + self.failed
    }
}

/// **Controls performed in `year`**, per kind and result: every control event whose
/// `performed_on` date falls in the calendar year (1 January to 31 December, both inclusive),
/// counted once under its kind and its result. One row per kind in the order access review,
/// restore test, log review, also when the count is zero (a year without a restore test is
/// itself a finding). Nothing is left out except events performed in another year.
pub fn controls_in(events: &[ControlEvent], year: i32) -> Vec<ControlCount> {
    ControlKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = events
                .iter()
                .filter(|e| e.kind == kind && e.performed_on.year() == year);
            let mut count = ControlCount {
                kind,
                ok: 0,
                deviations: 0,
                failed: 0,
            };
            for event in of_kind {
                match event.result {
                    ControlResult::Ok => count.ok += 1,
                    ControlResult::Deviations => count.deviations += 1,
                    ControlResult::Failed => count.failed += 1,
                }
            }
            count
        })
        .collect()
}
