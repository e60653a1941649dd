//! Information requests (tietopyynnöt): kinds, states and their allowed transitions
//! (DOMAIN.md §6.4), and the stored request with its absolute deadlines and their history.

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_clock::Rule;
use kirjuri_registry::DiaryNumber;
use serde::{Deserialize, Serialize};

/// What the requester asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    GdprAccess,
    GdprRectification,
    GdprErasure,
    GdprRestriction,
    GdprPortability,
    GdprObjection,
    /// Publicity Act 621/1999 §13 document request (asiakirjapyyntö).
    Publicity,
    /// Log investigation (lokiselvitys): who read my data, when and why.
    LogInvestigation,
}

impl RequestKind {
    pub const ALL: &'static [RequestKind] = &[
        RequestKind::GdprAccess,
        RequestKind::GdprRectification,
        RequestKind::GdprErasure,
        RequestKind::GdprRestriction,
        RequestKind::GdprPortability,
        RequestKind::GdprObjection,
        RequestKind::Publicity,
        RequestKind::LogInvestigation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RequestKind::GdprAccess => "gdpr-access",
            RequestKind::GdprRectification => "gdpr-rectification",
            RequestKind::GdprErasure => "gdpr-erasure",
            RequestKind::GdprRestriction => "gdpr-restriction",
            RequestKind::GdprPortability => "gdpr-portability",
            RequestKind::GdprObjection => "gdpr-objection",
            RequestKind::Publicity => "publicity",
            RequestKind::LogInvestigation => "log-investigation",
        }
    }

    pub fn parse(text: &str) -> Result<RequestKind, String> {
        RequestKind::ALL
            .iter()
            .copied()
            .find(|k| k.key() == text.trim())
            .ok_or_else(|| {
                let allowed: Vec<&str> = RequestKind::ALL.iter().map(|k| k.key()).collect();
                format!("unknown request kind `{text}`, expected one of: {}", allowed.join(", "))
            })
    }

    pub fn is_gdpr(self) -> bool {
        !matches!(self, RequestKind::Publicity)
    }

    /// The plan class and record type a request of this kind is registered under
    /// (DOMAIN.md §2.2 Helsinki numbering, as in the sample plan).
    pub fn registration(self) -> (&'static str, &'static str) {
        match self {
            RequestKind::GdprAccess => ("07 00 03", "gdpr-access-request"),
            RequestKind::GdprRectification => ("07 00 03", "gdpr-rectification-request"),
            RequestKind::GdprErasure => ("07 00 03", "gdpr-erasure-request"),
            RequestKind::GdprRestriction => ("07 00 03", "gdpr-restriction-request"),
            RequestKind::GdprPortability => ("07 00 03", "gdpr-portability-request"),
            RequestKind::GdprObjection => ("07 00 03", "gdpr-objection-request"),
            RequestKind::Publicity => ("07 01 02", "asiakirjapyynto"),
            RequestKind::LogInvestigation => ("07 01 04", "lokiselvityspyynto"),
        }
    }

    /// The legal clock that starts on receipt, and the one an extension switches to.
    pub fn rules(self) -> (Rule, Rule) {
        match self {
            RequestKind::Publicity => (Rule::Publicity, Rule::PublicityExtended),
            _ => (Rule::Gdpr, Rule::GdprExtended),
        }
    }

    /// The kind's English name (reports and messages; never the key).
    pub fn english(self) -> &'static str {
        match self {
            RequestKind::GdprAccess => "access request",
            RequestKind::GdprRectification => "rectification request",
            RequestKind::GdprErasure => "erasure request",
            RequestKind::GdprRestriction => "restriction request",
            RequestKind::GdprPortability => "portability request",
            RequestKind::GdprObjection => "objection",
            RequestKind::Publicity => "request for documents",
            RequestKind::LogInvestigation => "log investigation request",
        }
    }

    pub fn finnish(self) -> &'static str {
        match self {
            RequestKind::GdprAccess => "Tarkastuspyyntö",
            RequestKind::GdprRectification => "Oikaisupyyntö",
            RequestKind::GdprErasure => "Poistopyyntö",
            RequestKind::GdprRestriction => "Käsittelyn rajoittamispyyntö",
            RequestKind::GdprPortability => "Siirtopyyntö",
            RequestKind::GdprObjection => "Vastustamisilmoitus",
            RequestKind::Publicity => "Asiakirjapyyntö",
            RequestKind::LogInvestigation => "Lokiselvityspyyntö",
        }
    }
}

/// Request state (DOMAIN.md §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestState {
    Received,
    IdentityCheck,
    Clarification,
    InProgress,
    Extended,
    Granted,
    PartlyGranted,
    Refused,
    Withdrawn,
    Duplicate,
    /// Publicity Act §14(3): the requester was told they may have the matter decided.
    ReferralOffered,
    /// The requester asked for the authority's decision.
    ReferralRequested,
    /// The authority's reasoned, appealable decision (valituskelpoinen päätös) was issued.
    DecisionIssued,
    Appealed,
    /// Publicity Act §15: transferred to the competent authority (decided; its clock stops).
    Transferred,
}

impl RequestState {
    pub const ALL: &'static [RequestState] = &[
        RequestState::Received,
        RequestState::IdentityCheck,
        RequestState::Clarification,
        RequestState::InProgress,
        RequestState::Extended,
        RequestState::Granted,
        RequestState::PartlyGranted,
        RequestState::Refused,
        RequestState::Withdrawn,
        RequestState::Duplicate,
        RequestState::ReferralOffered,
        RequestState::ReferralRequested,
        RequestState::DecisionIssued,
        RequestState::Appealed,
        RequestState::Transferred,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RequestState::Received => "received",
            RequestState::IdentityCheck => "identity-check",
            RequestState::Clarification => "clarification",
            RequestState::InProgress => "in-progress",
            RequestState::Extended => "extended",
            RequestState::Granted => "granted",
            RequestState::PartlyGranted => "partly-granted",
            RequestState::Refused => "refused",
            RequestState::Withdrawn => "withdrawn",
            RequestState::Duplicate => "duplicate",
            RequestState::ReferralOffered => "referral-offered",
            RequestState::ReferralRequested => "referral-requested",
            RequestState::DecisionIssued => "decision-issued",
            RequestState::Appealed => "appealed",
            RequestState::Transferred => "transferred",
        }
    }

    pub fn parse(text: &str) -> Result<RequestState, String> {
        RequestState::ALL
            .iter()
            .copied()
            .find(|s| s.key() == text.trim())
            .ok_or_else(|| {
                let allowed: Vec<&str> = RequestState::ALL.iter().map(|s| s.key()).collect();
                format!(
                    "unknown request state `{text}`, expected one of: {}",
                    allowed.join(", ")
                )
            })
    }

    /// A decided request: its clock is satisfied (or it ended without a decision).
    pub fn is_decided(self) -> bool {
        !matches!(
            self,
            RequestState::Received
                | RequestState::IdentityCheck
                | RequestState::Clarification
                | RequestState::InProgress
                | RequestState::Extended
        )
    }

    /// States a request of `kind` may move to from this one.
    pub fn allowed_next(self, kind: RequestKind) -> Vec<RequestState> {
        use RequestState::*;
        let gdpr = kind.is_gdpr();
        match self {
            Received if gdpr => vec![IdentityCheck, Clarification, InProgress, Withdrawn, Duplicate],
            Received => vec![Clarification, InProgress, Withdrawn, Duplicate],
            IdentityCheck => vec![InProgress, Clarification, Refused, Withdrawn],
            Clarification if gdpr => vec![InProgress, IdentityCheck, Withdrawn],
            Clarification => vec![InProgress, Withdrawn],
            InProgress => vec![Clarification, Extended, Granted, PartlyGranted, Refused, Withdrawn],
            Extended => vec![Granted, PartlyGranted, Refused, Withdrawn],
            Refused | PartlyGranted if !gdpr => vec![ReferralOffered],
            ReferralOffered => vec![ReferralRequested],
            ReferralRequested => vec![DecisionIssued],
            DecisionIssued => vec![Appealed],
            _ => vec![],
        }
    }
}

/// The Publicity Act track when the one-month limit is used (DOMAIN.md §5.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExtensionJustification {
    /// Large number of documents.
    LargeVolume,
    /// Secret parts or other special handling.
    SpecialMeasures,
    /// Another comparable reason, explained in the text.
    Other,
}

impl ExtensionJustification {
    pub fn parse(text: &str) -> Result<ExtensionJustification, String> {
        match text.trim() {
            "large-volume" => Ok(ExtensionJustification::LargeVolume),
            "special-measures" => Ok(ExtensionJustification::SpecialMeasures),
            "other" => Ok(ExtensionJustification::Other),
            other => Err(format!(
                "unknown justification `{other}`, expected one of: large-volume, special-measures, other"
            )),
        }
    }
}

/// Where a log investigation came from: counted separately in the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogOrigin {
    /// A data subject asks: a GDPR request with its one-month clock.
    DataSubject,
    /// A supervisor asks for a misuse check: no GDPR clock.
    Manager,
}

impl LogOrigin {
    /// `data-subject` or `manager`.
    pub fn parse(text: &str) -> Result<LogOrigin, String> {
        match text.trim() {
            "data-subject" => Ok(LogOrigin::DataSubject),
            "manager" => Ok(LogOrigin::Manager),
            other => Err(format!("origin `{other}`, expected data-subject or manager")),
        }
    }
}

/// A deadline as stored when it was set: absolute dates, never recomputed from "days left".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDeadline {
    pub rule: Rule,
    /// Statutory last day.
    pub due: NaiveDate,
    /// The day it moves to under the rule's calendar.
    pub due_moved: NaiveDate,
    /// Users are warned on the earlier of the two.
    pub warn_on: NaiveDate,
    pub calendar: String,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestTransition {
    pub from: RequestState,
    pub to: RequestState,
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
}

/// An audited clock pause: an exception, off by default (DOMAIN.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockPause {
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    pub reason: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub reason: String,
    /// The day the requester was told of the extension.
    pub told_requester_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<ExtensionJustification>,
}

/// A logged information request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoRequest {
    pub id: String,
    pub kind: RequestKind,
    pub case_id: String,
    pub diary_number: DiaryNumber,
    /// Arrival in any part of the organisation (DOMAIN.md §5.4).
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    /// None when the requester stays anonymous (Publicity Act §13).
    pub requester: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<LogOrigin>,
    pub state: RequestState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// The deadline in force; `None` for requests without a legal clock.
    pub deadline: Option<StoredDeadline>,
    /// Every deadline ever set, oldest first (the current one last).
    pub deadline_history: Vec<StoredDeadline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
    #[serde(default)]
    pub pauses: Vec<ClockPause>,
    /// The grounds of a refusal or decision: for a document request, keys of the
    /// secrecy-grounds list (`kirjuri_plan::secrecy_grounds`; old stored free text is kept and
    /// mapped where the list's parse reads it); for other kinds, the basis as recorded.
    #[serde(default)]
    pub refusal_legal_basis: Vec<String>,
    /// Grounds outside the list, as free text: shown as "other ground", counted as "other".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refusal_other_ground: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<NaiveDate>,
    pub history: Vec<RequestTransition>,
    pub created_by: String,
    /// Publicity Act §14(3): the decision clock after a referral request, and the decision with
    /// its appeal instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<crate::publicity::ReferralClock>,
    /// GDPR requests refused: the Art 12(4) record (in time or late, complaint rights told).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_refusal: Option<crate::gdpr::Art12Refusal>,
    /// Documents disclosed or refused, fees (§34) and a transfer (§15) of a document request.
    #[serde(default, skip_serializing_if = "crate::disclosure::Disclosure::is_empty")]
    pub disclosure: crate::disclosure::Disclosure,
    /// GDPR requests: how the identity was checked (Art 12(6)), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identity_verifications: Vec<crate::gdpr::IdentityVerification>,
}

impl InfoRequest {
    /// Days from receipt to decision, when decided.
    pub fn lead_time_days(&self) -> Option<i64> {
        self.decided_on.map(|d| (d - self.received_on).num_days())
    }

    /// On time against the statutory (unrolled) day and against the moved day.
    pub fn on_time(&self) -> Option<(bool, bool)> {
        let decided = self.decided_on?;
        let deadline = self.deadline.as_ref()?;
        Some((decided <= deadline.due, decided <= deadline.due_moved))
    }

    /// The day the request is alerted on while something is still owed: the warning day of its
    /// legal clock while it is undecided, or the target day of the authority's decision while a
    /// referral (Publicity Act §14(3)) waits for it. `None` when nothing is owed.
    pub fn alert_day(&self) -> Option<NaiveDate> {
        if !self.state.is_decided() {
            return self.deadline.as_ref().map(|d| d.warn_on);
        }
        self.pending_referral().map(|referral| referral.target.due)
    }

    /// The referral clock while the authority's decision is still to be issued.
    pub fn pending_referral(&self) -> Option<&crate::publicity::ReferralClock> {
        self.referral
            .as_ref()
            .filter(|r| r.decision_issued_on.is_none() && self.state == RequestState::ReferralRequested)
    }

    /// Undecided, or waiting for the authority's decision after a referral: the request belongs
    /// in the work queues and alert lists.
    pub fn owes_an_answer(&self) -> bool {
        !self.state.is_decided() || self.pending_referral().is_some()
    }

    pub fn is_paused(&self) -> bool {
        self.pauses.iter().any(|p| p.to.is_none())
    }
}
