//! Security incidents (tietoturvapoikkeama) and their personal-data breach facet
//! (tietosuojaloukkaus): states, timeline, tasks, risk assessments, the legal clocks that
//! follow from them, and the notifications sent (DOMAIN.md §7).

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_registry::DiaryNumber;
use serde::{Deserialize, Serialize};

macro_rules! keyed_enum {
    ($(#[$meta:meta])* $name:ident, $set:literal { $($(#[$vmeta:meta])* $variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $key)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn key(self) -> &'static str { match self { $($name::$variant => $key),+ } }
            pub fn parse(text: &str) -> Result<$name, String> {
                $name::ALL.iter().copied().find(|v| v.key() == text.trim()).ok_or_else(|| {
                    let allowed: Vec<&str> = $name::ALL.iter().map(|v| v.key()).collect();
                    format!("unknown {} `{text}`, expected one of: {}", $set, allowed.join(", "))
                })
            }
        }
    };
}

keyed_enum! {
    /// Severity (TheHive / DFIR-IRIS scale).
    Severity, "severity" {
        Unspecified = "unspecified",
        Informational = "informational",
        Low = "low",
        Medium = "medium",
        High = "high",
        Critical = "critical",
    }
}

keyed_enum! {
    /// Incident state: open → containment → eradication → recovery → post-incident → closed.
    IncidentState, "incident state" {
        Open = "open",
        Containment = "containment",
        Eradication = "eradication",
        Recovery = "recovery",
        PostIncident = "post-incident",
        Closed = "closed",
    }
}

impl IncidentState {
    /// The next states: forward through the phases (a phase may be skipped), closing from
    /// post-incident, and back to containment if the incident flares up again.
    pub fn allowed_next(self) -> &'static [IncidentState] {
        use IncidentState::*;
        match self {
            Open => &[Containment, Eradication, Recovery, PostIncident],
            Containment => &[Eradication, Recovery, PostIncident],
            Eradication => &[Recovery, PostIncident, Containment],
            Recovery => &[PostIncident, Containment],
            PostIncident => &[Closed, Containment],
            Closed => &[],
        }
    }
}

keyed_enum! {
    /// What the breach affected (GDPR Art 4(12); the Ombudsman's form).
    BreachType, "breach type" {
        Confidentiality = "confidentiality",
        Integrity = "integrity",
        Availability = "availability",
    }
}

keyed_enum! {
    /// The Finnish DPO's three risk levels (DOMAIN.md §7.2).
    RiskLevel, "risk level" {
        None = "none",
        Risk = "risk",
        High = "high",
    }
}

keyed_enum! {
    /// GDPR Art 34(3) exemptions from telling the data subjects.
    Art34Exemption, "Art 34(3) exemption" {
        Unintelligible = "a-unintelligible",
        RiskRemoved = "b-risk-removed",
        DisproportionateEffort = "c-disproportionate-effort",
    }
}

keyed_enum! {
    /// Which clock.
    ClockKind, "clock" {
        /// GDPR Art 33(1): notify the Data Protection Ombudsman within 72 h of awareness.
        OmbudsmanNotification = "ombudsman-72h",
        /// GDPR Art 34: tell the people affected without undue delay (internal target).
        SubjectCommunication = "subject-communication",
        /// Cybersecurity Act 124/2025 §11: early warning within 24 h of detection.
        Nis2EarlyWarning = "nis2-early-warning",
        /// Incident notification within 72 h of detection.
        Nis2Notification = "nis2-notification",
        /// Final report within one month of the incident notification; for an incident still
        /// ongoing then, within one month of its handling (closing), NIS2 Art 23(4)(e).
        Nis2Final = "nis2-final",
        /// An intermediate report the authority asked for, by the day it set (NIS2 Art 23(4)(c)).
        Nis2Intermediate = "nis2-intermediate",
        /// A progress report at the final-report day when the incident is still ongoing (NIS2
        /// Art 23(4)(e)).
        Nis2Progress = "nis2-progress",
    }
}

keyed_enum! {
    /// Phase of a notification to an authority (DOMAIN.md §7.3).
    NotificationPhase, "notification phase" {
        Preliminary = "preliminary",
        Supplementary = "supplementary",
        Complete = "complete",
        EarlyWarning = "early-warning",
        Notification = "notification",
        Final = "final",
        /// An intermediate report on the authority's request (NIS2 Art 23(4)(c)).
        Intermediate = "intermediate",
        /// A progress report of an incident still ongoing at the final-report day (NIS2 Art
        /// 23(4)(e)).
        Progress = "progress",
        SubjectsInformed = "subjects-informed",
    }
}

keyed_enum! {
    /// What kind of incident it was: the classification of the National Cyber Security Centre
    /// Finland (Traficom Kyberturvallisuuskeskus, its incident-report form: haittaohjelma,
    /// tietojenkalastelu, tietomurto, palvelunesto) with the two kinds the Data Protection
    /// Ombudsman's breach statistics name most often in the public sector (a letter or message
    /// to the wrong recipient, a lost or stolen device) and an outage of a system.
    IncidentCategory, "incident category" {
        Malware = "malware",
        Phishing = "phishing",
        UnauthorisedAccess = "unauthorised-access",
        DenialOfService = "denial-of-service",
        LostDevice = "lost-device",
        Misdelivery = "misdelivery",
        SystemFailure = "system-failure",
        Other = "other",
    }
}

keyed_enum! {
    /// What caused it: the causes the Data Protection Ombudsman's breach notification form
    /// asks for (inhimillinen virhe, tekninen vika, tahallinen teko, a processor's or another
    /// third party's act), and unknown while it is being found out.
    IncidentCause, "incident cause" {
        HumanError = "human-error",
        TechnicalFault = "technical-fault",
        MaliciousAct = "malicious-act",
        ThirdParty = "third-party",
        Unknown = "unknown",
    }
}

keyed_enum! {
    /// How it ended, for the annual report (DOMAIN.md §9.2): resolved, contained (the harm
    /// limited but not removed), a false positive, no effect on information or services, or
    /// still open.
    IncidentOutcome, "incident outcome" {
        Resolved = "resolved",
        Contained = "contained",
        FalsePositive = "false-positive",
        NoEffect = "no-effect",
        Open = "open",
    }
}

/// An incident's classification for the annual report (chapter 3.4): each part may be left
/// unset and set later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    #[serde(default)]
    pub category: Option<IncidentCategory>,
    #[serde(default)]
    pub cause: Option<IncidentCause>,
    #[serde(default)]
    pub outcome: Option<IncidentOutcome>,
}

keyed_enum! {
    TaskStatus, "task status" {
        ToDo = "todo",
        InProgress = "in-progress",
        OnHold = "on-hold",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// One event of the incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub at: DateTime<Utc>,
    pub title: String,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// The awareness event is flagged: it starts the Art 33 clock.
    #[serde(default)]
    pub flagged: bool,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub assignees: Vec<String>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
}

/// A risk assessment of a breach; a changed assessment is a new entry, never an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAssessment {
    pub at: DateTime<Utc>,
    pub by: String,
    pub risk: RiskLevel,
    pub rationale: String,
}

/// The personal-data breach facet: every breach is in the Art 33(5) register, notified or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Breach {
    #[serde(default)]
    pub types: Vec<BreachType>,
    #[serde(default)]
    pub data_categories: Vec<String>,
    #[serde(default)]
    pub special_categories: bool,
    #[serde(default)]
    pub criminal_data: bool,
    #[serde(default)]
    pub personal_identity_codes: bool,
    #[serde(default)]
    pub minors: bool,
    #[serde(default)]
    pub approx_people: Option<u64>,
    #[serde(default)]
    pub approx_records: Option<u64>,
    #[serde(default)]
    pub assessments: Vec<RiskAssessment>,
    #[serde(default)]
    pub art34_exemption: Option<(Art34Exemption, String)>,
    /// Why the Ombudsman was not notified (risk none), for the register.
    #[serde(default)]
    pub not_notified_reason: Option<String>,
    /// When the controller became aware that personal data were affected: the GDPR Art 33(1)
    /// 72 hours run from here, not from the incident's first detection (EDPB Guidelines 9/2022
    /// on breach notification). `None` in records stored before it was kept: the incident's
    /// awareness ([`Incident::breach_aware_at`]).
    #[serde(default)]
    pub personal_data_aware_at: Option<DateTime<Utc>>,
    /// Every later change of that moment, oldest first (DOMAIN.md §5.4: a deadline's changes
    /// are kept with reason and actor, never overwritten).
    #[serde(default)]
    pub awareness_history: Vec<AwarenessChange>,
}

impl Breach {
    pub fn current_risk(&self) -> Option<RiskLevel> {
        self.assessments.last().map(|a| a.risk)
    }
}

/// A change of the moment the controller became aware of the personal-data breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwarenessChange {
    /// When the change was recorded.
    pub at: DateTime<Utc>,
    pub by: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: String,
}

/// A legal clock of the incident, stored as an absolute instant (and a moved day where the
/// rule rolls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentClock {
    pub kind: ClockKind,
    pub due: DateTime<Utc>,
    /// Day-based clocks: the statutory day and the day it moves to.
    #[serde(default)]
    pub due_day: Option<(NaiveDate, NaiveDate)>,
    pub started_at: DateTime<Utc>,
    /// Cancelled by a later risk assessment (kept for the history).
    #[serde(default)]
    pub cancelled: Option<String>,
    /// The notification that satisfied it.
    #[serde(default)]
    pub met_by: Option<String>,
}

/// The supervisor's request for an intermediate report on status updates (NIS2 Art 23(4)(c),
/// Cybersecurity Act 124/2025 §11): the day it asked, the day it set, and what it asked. The
/// due day is the authority's own absolute day (no roll).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nis2ReportRequest {
    pub asked_on: NaiveDate,
    pub due_on: NaiveDate,
    pub what: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// A notification sent to an authority (or the communication to the data subjects). Its
/// content snapshot is immutable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulatorNotification {
    pub id: String,
    pub authority: String,
    pub phase: NotificationPhase,
    pub sent_at: DateTime<Utc>,
    #[serde(default)]
    pub reference_no: Option<String>,
    #[serde(default)]
    pub due: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    #[serde(default)]
    pub late_reason: Option<String>,
    pub content_snapshot: serde_json::Value,
    pub sent_by: String,
}

/// An incident case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub case_id: String,
    pub diary_number: DiaryNumber,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
    pub detected_at: DateTime<Utc>,
    /// When the organisation became aware: starts the Art 33 clock.
    pub aware_at: DateTime<Utc>,
    pub reporter: String,
    pub severity: Severity,
    pub state: IncidentState,
    /// A false positive is not counted as an incident in the annual report.
    #[serde(default)]
    pub false_positive: bool,
    pub timeline: Vec<TimelineEvent>,
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub root_cause: Option<String>,
    #[serde(default)]
    pub measures: Option<String>,
    #[serde(default)]
    pub breach: Option<Breach>,
    /// Opt-in: a significant incident of an operation in NIS2 scope.
    #[serde(default)]
    pub nis2: bool,
    /// When the incident was found significant (Cybersecurity Act 124/2025 §11): the NIS2 24-
    /// and 72-hour clocks run from here. `None` in incidents stored before it was kept: the
    /// detection ([`Incident::nis2_significant_at`]).
    #[serde(default)]
    pub nis2_significant_at: Option<DateTime<Utc>>,
    /// The supervisor's requests for intermediate reports, oldest first.
    #[serde(default)]
    pub nis2_report_requests: Vec<Nis2ReportRequest>,
    pub clocks: Vec<IncidentClock>,
    pub notifications: Vec<RegulatorNotification>,
    /// Log investigations (requests) that revealed this incident.
    #[serde(default)]
    pub linked_requests: Vec<String>,
    pub state_history: Vec<(IncidentState, IncidentState, DateTime<Utc>, String)>,
    pub created_by: String,
    /// Category, cause and outcome (empty in incidents stored before they were kept).
    #[serde(default)]
    pub classification: Classification,
}

impl Incident {
    pub fn is_breach(&self) -> bool {
        self.breach.is_some()
    }

    /// When the incident was found a significant NIS2 incident (starts the early warning and
    /// notification clocks): the moment recorded, else the detection. `None` unless NIS2.
    pub fn nis2_significant_at(&self) -> Option<DateTime<Utc>> {
        self.nis2.then(|| self.nis2_significant_at.unwrap_or(self.detected_at))
    }

    /// When the controller became aware of the personal-data breach (starts the Art 33 clock):
    /// the moment recorded with the breach, else the incident's awareness. `None` when the
    /// incident is not a breach.
    pub fn breach_aware_at(&self) -> Option<DateTime<Utc>> {
        self.breach
            .as_ref()
            .map(|b| b.personal_data_aware_at.unwrap_or(self.aware_at))
    }

    /// Open clocks: not cancelled and not met.
    pub fn open_clocks(&self) -> impl Iterator<Item = &IncidentClock> {
        self.clocks
            .iter()
            .filter(|c| c.cancelled.is_none() && c.met_by.is_none())
    }
}
