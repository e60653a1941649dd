//! Incident operations on the store: open an incident (with its case and clocks), assess a
//! breach's risk (which creates or cancels clocks, never edits history), record notifications,
//! move through states, add timeline events and tasks, link log investigations, list what is
//! open or overdue, and draft the Data Protection Ombudsman's notification.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kirjuri_clock::{Deadline, Rule, Start, compute};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, OpenCase, Reader, Registry, RegistryError, RegistryResult};
use kirjuri_store::{AuditEvent, IndexKey, Tx, TxResult, reject};
use serde_json::{Value, json};

use crate::incident::{
    Art34Exemption, Breach, BreachType, Classification, ClockKind, Incident, IncidentClock, IncidentState,
    Nis2ReportRequest, NotificationPhase, RegulatorNotification, RiskAssessment, RiskLevel, Severity, Task, TaskStatus,
    TimelineEvent,
};

pub const INCIDENT: &str = "incident";
/// Class of the plan where incident cases are registered (Tietoturva ja tietosuoja).
pub const INCIDENT_CLASS: &str = "07 00 01";
/// Project decision: the internal target for telling data subjects of a high-risk breach,
/// counted from the high-risk assessment (GDPR Art 34 says "without undue delay").
pub const SUBJECT_COMMUNICATION_TARGET_HOURS: i64 = 72;

/// Errors are the registry's: `Invalid` (bad input, with a stable code), `NotFound`, `Store`.
pub type IncidentError = RegistryError;
pub type IncidentResult<T> = RegistryResult<T>;

fn invalid<T>(code: &'static str, message: impl Into<String>) -> IncidentResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

#[derive(Debug, Clone)]
pub struct NewIncident {
    pub title: String,
    pub description: Option<String>,
    pub aware_at: DateTime<Utc>,
    pub detected_at: Option<DateTime<Utc>>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub reporter: Option<String>,
    pub severity: Severity,
    pub breach: bool,
    pub nis2: bool,
    /// When a NIS2 incident was found significant (Cybersecurity Act 124/2025 §11); default the
    /// detection. Ignored unless `nis2`.
    pub nis2_significant_at: Option<DateTime<Utc>>,
    /// Category, cause and outcome, as far as known at registration (each may be set later,
    /// [`Incidents::classify`]).
    pub classification: Classification,
}

/// The supervisor's request for an intermediate report (NIS2 Art 23(4)(c)), as given.
#[derive(Debug, Clone)]
pub struct Nis2ReportAsk {
    /// The day the authority asked (Helsinki date).
    pub asked_on: NaiveDate,
    /// The day the authority set for the report.
    pub due_on: NaiveDate,
    /// What the authority asked for.
    pub what: String,
}

/// What a risk assessment says, with the breach details known so far.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    pub risk: Option<RiskLevel>,
    pub rationale: String,
    pub types: Vec<BreachType>,
    pub data_categories: Vec<String>,
    pub special_categories: Option<bool>,
    pub criminal_data: Option<bool>,
    pub personal_identity_codes: Option<bool>,
    pub minors: Option<bool>,
    pub approx_people: Option<u64>,
    pub approx_records: Option<u64>,
    pub art34_exemption: Option<(Art34Exemption, String)>,
}

/// A risk assessment as people give it (command line, HTTP): words for the closed value sets,
/// checked by [`AssessmentInput::parse`] with the allowed values named on error.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AssessmentInput {
    /// low, medium, high
    pub risk: Option<String>,
    pub rationale: Option<String>,
    /// confidentiality, integrity, availability
    pub types: Vec<String>,
    pub data_categories: Vec<String>,
    pub people: Option<u64>,
    pub records: Option<u64>,
    pub special: bool,
    pub minors: bool,
    pub identity_codes: bool,
    pub criminal: bool,
    /// GDPR 34(3) exemption: a-unintelligible, b-risk-removed, c-disproportionate-effort
    pub exemption: Option<String>,
    pub exemption_text: Option<String>,
}

impl AssessmentInput {
    pub fn parse(self) -> Result<Assessment, String> {
        Ok(Assessment {
            risk: self.risk.as_deref().map(RiskLevel::parse).transpose()?,
            rationale: self.rationale.unwrap_or_default(),
            types: self
                .types
                .iter()
                .map(|t| BreachType::parse(t))
                .collect::<Result<_, _>>()?,
            data_categories: self.data_categories,
            special_categories: self.special.then_some(true),
            criminal_data: self.criminal.then_some(true),
            personal_identity_codes: self.identity_codes.then_some(true),
            minors: self.minors.then_some(true),
            approx_people: self.people,
            approx_records: self.records,
            art34_exemption: match self.exemption {
                Some(ground) => Some((Art34Exemption::parse(&ground)?, self.exemption_text.unwrap_or_default())),
                None => None,
            },
        })
    }
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub phase: NotificationPhase,
    pub authority: Option<String>,
    pub sent_at: DateTime<Utc>,
    pub reference_no: Option<String>,
    pub late_reason: Option<String>,
}

fn hour_clock(kind: ClockKind, rule: Rule, from: DateTime<Utc>) -> IncidentResult<IncidentClock> {
    match compute(rule, Start::Instant(from)) {
        Ok(Deadline::Hour(hour)) => Ok(IncidentClock {
            kind,
            due: hour.due,
            due_day: None,
            started_at: from,
            cancelled: None,
            met_by: None,
        }),
        _ => invalid("clock", format!("cannot compute {}", rule.key())),
    }
}

fn day_clock(kind: ClockKind, rule: Rule, from: DateTime<Utc>) -> IncidentResult<IncidentClock> {
    match compute(rule, Start::Instant(from)) {
        Ok(Deadline::Day(day)) => {
            // Alert on the unrolled day: the end of that day in Helsinki is the due instant.
            let due = end_of_helsinki_day(day.due)?;
            Ok(IncidentClock {
                kind,
                due,
                due_day: Some((day.due, day.due_moved)),
                started_at: from,
                cancelled: None,
                met_by: None,
            })
        }
        _ => invalid("clock", format!("cannot compute {}", rule.key())),
    }
}

/// The end of a Helsinki day (the next midnight) as an instant: a day-based due moment.
fn end_of_helsinki_day(day: NaiveDate) -> IncidentResult<DateTime<Utc>> {
    day.succ_opt()
        .and_then(|next| next.and_hms_opt(0, 0, 0))
        .and_then(|midnight| {
            chrono_tz::Europe::Helsinki
                .from_local_datetime(&midnight)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        })
        .ok_or_else(|| RegistryError::Invalid {
            code: "clock",
            message: "date out of range".to_owned(),
        })
}

/// The Helsinki date of an instant.
fn helsinki_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive()
}

/// Why the final report's first day became a progress report's day (NIS2 Art 23(4)(e)).
const ONGOING_AT_FINAL: &str = "incident still ongoing at the final-report day: a progress report is due then and the final report one month after the handling ends (NIS2 Art 23(4)(e))";

/// NIS2 Art 23(4)(d)–(e): the final report is due one month after the incident notification;
/// if the incident is still being handled on that day, a **progress report** is due on that day
/// instead and the final report within one month of the end of the handling (here: the day the
/// incident is closed). When that turns out — a progress report recorded while the incident is
/// open, or the incident closed after the final-report day — the open final clock is cancelled
/// (kept for the history) and a progress clock with the same absolute day takes its place,
/// satisfied by the progress report if one is recorded.
fn convert_final_to_progress(incident: &mut Incident, progress_report: Option<&str>) -> bool {
    let Some(index) = incident
        .clocks
        .iter()
        .position(|c| c.kind == ClockKind::Nis2Final && c.cancelled.is_none() && c.met_by.is_none())
    else {
        return false;
    };
    let clock = &mut incident.clocks[index];
    clock.cancelled = Some(ONGOING_AT_FINAL.to_owned());
    let progress = IncidentClock {
        kind: ClockKind::Nis2Progress,
        cancelled: None,
        met_by: progress_report.map(str::to_owned),
        ..clock.clone()
    };
    incident.clocks.push(progress);
    true
}

/// The clock a progress report answers: an open progress clock, else the open final clock it
/// turns into a progress clock.
fn progress_due(incident: &Incident) -> Option<DateTime<Utc>> {
    let open = |kind: ClockKind| {
        incident
            .clocks
            .iter()
            .find(|c| c.kind == kind && c.cancelled.is_none() && c.met_by.is_none())
            .map(|c| c.due)
    };
    open(ClockKind::Nis2Progress).or_else(|| open(ClockKind::Nis2Final))
}

/// The moment the controller became aware of a breach cannot precede the incident's detection
/// (nobody knows personal data were hit by an incident not yet seen) nor lie in the future.
fn check_breach_awareness(incident: &Incident, aware_at: DateTime<Utc>, actor: &Actor) -> IncidentResult<()> {
    if aware_at < incident.detected_at {
        return invalid(
            "times",
            format!(
                "`aware_at` cannot be before the incident was detected ({})",
                helsinki(incident.detected_at)
            ),
        );
    }
    if aware_at > actor.at + Duration::minutes(5) {
        return invalid("times", "`aware_at` is in the future");
    }
    Ok(())
}

fn index_keys(incident: &Incident) -> Vec<IndexKey> {
    let mut keys = vec![
        IndexKey::new("state", incident.state.key()),
        IndexKey::new("severity", incident.severity.key()),
        IndexKey::new("aware", incident.aware_at.format("%Y-%m-%d").to_string()),
    ];
    if incident.is_breach() {
        keys.push(IndexKey::new("breach", incident.aware_at.format("%Y").to_string()));
    }
    if let Some(next) = incident.open_clocks().map(|c| c.due).min() {
        keys.push(IndexKey::new("due", next.to_rfc3339()));
    }
    keys
}

fn put(tx: &Tx<'_>, incident: &Incident) -> TxResult<()> {
    tx.put(INCIDENT, &incident.id, incident, &index_keys(incident))
}

/// The phases reported to the NIS2 supervisor.
fn is_nis2(phase: NotificationPhase) -> bool {
    matches!(
        phase,
        NotificationPhase::EarlyWarning
            | NotificationPhase::Notification
            | NotificationPhase::Final
            | NotificationPhase::Intermediate
            | NotificationPhase::Progress
    )
}

/// Which clock a notice satisfies.
fn satisfied_clock(phase: NotificationPhase) -> Option<ClockKind> {
    match phase {
        NotificationPhase::Preliminary | NotificationPhase::Complete => Some(ClockKind::OmbudsmanNotification),
        NotificationPhase::Supplementary => None,
        NotificationPhase::EarlyWarning => Some(ClockKind::Nis2EarlyWarning),
        NotificationPhase::Notification => Some(ClockKind::Nis2Notification),
        NotificationPhase::Final => Some(ClockKind::Nis2Final),
        NotificationPhase::Intermediate => Some(ClockKind::Nis2Intermediate),
        // Answers the progress clock or turns the final clock into one (`notify`).
        NotificationPhase::Progress => Some(ClockKind::Nis2Progress),
        NotificationPhase::SubjectsInformed => Some(ClockKind::SubjectCommunication),
    }
}

pub struct Incidents<'a> {
    pub registry: &'a Registry<'a>,
    /// The controller (rekisterinpitäjä) named in notifications.
    pub controller: String,
}

impl Incidents<'_> {
    fn event(actor: &Actor, action: &str, id: &str) -> AuditEvent {
        AuditEvent::new(actor.at, &actor.name, action)
            .target(INCIDENT, id)
            .purpose(actor.purpose.as_deref())
    }

    pub fn get(&self, id: &str) -> IncidentResult<Incident> {
        self.registry
            .store
            .get::<Incident>(INCIDENT, id.trim())?
            .ok_or_else(|| RegistryError::NotFound(format!("incident {id}")))
    }

    /// An incident for a reader: not found when its case's access list keeps them out.
    pub fn get_for(&self, id: &str, reader: &Reader) -> IncidentResult<Incident> {
        let incident = self.get(id)?;
        if self.registry.case_hidden_from(reader, &incident.case_id)? {
            return Err(RegistryError::NotFound(format!("incident {}", id.trim())));
        }
        Ok(incident)
    }

    /// The incidents a reader may see ([`Incidents::list`] without those whose case's access
    /// list keeps the reader out).
    pub fn list_for(
        &self,
        open_only: bool,
        overdue_at: Option<DateTime<Utc>>,
        reader: &Reader,
    ) -> IncidentResult<Vec<Incident>> {
        let mut visible = Vec::new();
        for incident in self.list(open_only, overdue_at)? {
            if !self.registry.case_hidden_from(reader, &incident.case_id)? {
                visible.push(incident);
            }
        }
        Ok(visible)
    }

    /// The incident handled in a case, for a reader (none when the case holds no incident or its
    /// access list keeps the reader out).
    pub fn in_case_for(&self, case_id: &str, reader: &Reader) -> IncidentResult<Option<Incident>> {
        if self.registry.case_hidden_from(reader, case_id)? {
            return Ok(None);
        }
        Ok(self.all()?.into_iter().find(|incident| incident.case_id == case_id))
    }

    pub fn all(&self) -> IncidentResult<Vec<Incident>> {
        Ok(self.registry.store.list::<Incident>(INCIDENT)?)
    }

    /// Opens an incident case in class 07 00 01 and starts its clocks.
    pub fn new_incident(&self, request: &NewIncident, actor: &Actor) -> IncidentResult<Incident> {
        let title = request.title.trim();
        if title.is_empty() {
            return invalid("missing_title", "`title` must not be empty");
        }
        {
            use kirjuri_registry::limits::{NAME, TEXT, TITLE, check_length, check_optional};
            check_length("title", title, TITLE)?;
            check_optional("description", request.description.as_deref(), TEXT)?;
            check_optional("reporter", request.reporter.as_deref(), NAME)?;
        }
        let detected_at = request.detected_at.unwrap_or(request.aware_at);
        if request.aware_at < detected_at {
            return invalid("times", "`aware_at` cannot be before the detection time");
        }
        if request.occurred_at.is_some_and(|o| o > detected_at) {
            return invalid("times", "the incident cannot occur after it was detected");
        }
        if request.aware_at > actor.at + Duration::minutes(5) {
            return invalid("times", "`aware_at` is in the future");
        }
        let mut clocks = Vec::new();
        if request.breach {
            // Until a risk assessment says otherwise, the Art 33 clock runs (DOMAIN.md §5.7).
            clocks.push(hour_clock(
                ClockKind::OmbudsmanNotification,
                Rule::Breach72h,
                request.aware_at,
            )?);
        }
        // Cybersecurity Act 124/2025 §11: the NIS2 clocks run from when the incident was found
        // significant, which may be after the detection (default: the detection).
        let significant_at = request.nis2_significant_at.unwrap_or(detected_at);
        if request.nis2 {
            if significant_at < detected_at {
                return invalid("times", "`nis2_significant_at` cannot be before the detection time");
            }
            if significant_at > actor.at + Duration::minutes(5) {
                return invalid("times", "`nis2_significant_at` is in the future");
            }
            clocks.push(hour_clock(
                ClockKind::Nis2EarlyWarning,
                Rule::Nis2EarlyWarning,
                significant_at,
            )?);
            clocks.push(hour_clock(
                ClockKind::Nis2Notification,
                Rule::Nis2Notification,
                significant_at,
            )?);
        }
        let class = ClassCode::parse(INCIDENT_CLASS).map_err(|e| RegistryError::Invalid {
            code: "plan",
            message: e.to_string(),
        })?;
        let publicity = self.registry.restricted_case_publicity(
            &class,
            "Tietoturvapoikkeama: tietoturvajärjestelyt (JulkL 24 § 1 mom 7 kohta)",
        );
        let case = self.registry.open_case(
            &OpenCase {
                class,
                title: title.to_owned(),
                parties: vec![],
                department: None,
                unit: None,
                assignee: None,
                public_title: Some("Tietoturvapoikkeama".to_owned()),
                publicity,
                access: Vec::new(),
                city_wide_process: true,
            },
            actor,
        )?;
        let reporter = request.reporter.clone().unwrap_or_else(|| actor.name.clone());
        let template = Incident {
            id: String::new(),
            case_id: case.id.clone(),
            diary_number: case.diary_number.clone(),
            title: title.to_owned(),
            description: request.description.clone(),
            occurred_at: request.occurred_at,
            detected_at,
            aware_at: request.aware_at,
            reporter,
            severity: request.severity,
            state: IncidentState::Open,
            false_positive: false,
            timeline: vec![TimelineEvent {
                at: request.aware_at,
                title: "Tietoisuus poikkeamasta / awareness".to_owned(),
                content: None,
                source: None,
                flagged: true,
                added_by: actor.name.clone(),
                added_at: actor.at,
            }],
            tasks: Vec::new(),
            root_cause: None,
            measures: None,
            breach: request.breach.then(|| Breach {
                personal_data_aware_at: Some(request.aware_at),
                ..Breach::default()
            }),
            nis2: request.nis2,
            nis2_significant_at: request.nis2.then_some(significant_at),
            nis2_report_requests: Vec::new(),
            clocks,
            notifications: Vec::new(),
            linked_requests: Vec::new(),
            state_history: Vec::new(),
            created_by: actor.name.clone(),
            classification: request.classification,
        };
        let stored = self.registry.store.transact(|tx| {
            let mut incident = template.clone();
            incident.id = format!("inc-{}", tx.next_counter("id/incident")?);
            put(tx, &incident)?;
            tx.audit(&Self::event(actor, "incident.new", &incident.id).detail(json!({
                "breach": incident.is_breach(), "nis2": incident.nis2, "case": incident.diary_number.to_string(),
                "classification": classification_detail(&incident.classification),
            })))?;
            Ok(incident)
        })?;
        Ok(stored)
    }

    fn update(
        &self,
        id: &str,
        actor: &Actor,
        action: &str,
        detail: Value,
        change: impl Fn(&mut Incident) -> Result<(), String>,
    ) -> IncidentResult<Incident> {
        let id = self.get(id)?.id;
        let stored = self.registry.store.transact(|tx| {
            let Some(mut incident) = tx.get::<Incident>(INCIDENT, &id)? else {
                return reject("not_found", format!("incident {id} not found"));
            };
            if let Err(message) = change(&mut incident) {
                return reject("refused", message);
            }
            put(tx, &incident)?;
            tx.audit(&Self::event(actor, action, &id).detail(detail.clone()))?;
            Ok(incident)
        })?;
        Ok(stored)
    }

    /// Flags an existing incident as a personal-data breach. The Art 33(1) 72 hours run from
    /// when the controller became aware that personal data were affected (EDPB Guidelines
    /// 9/2022), which may be days after the incident was detected: `aware_at`, defaulting to
    /// the incident's awareness. Recording the later moment keeps the product from declaring a
    /// lateness the law does not know.
    pub fn mark_breach(&self, id: &str, aware_at: Option<DateTime<Utc>>, actor: &Actor) -> IncidentResult<Incident> {
        let incident = self.get(id)?;
        let aware_at = aware_at.unwrap_or(incident.aware_at);
        check_breach_awareness(&incident, aware_at, actor)?;
        let clock = hour_clock(ClockKind::OmbudsmanNotification, Rule::Breach72h, aware_at)?;
        let detail = json!({ "personal_data_aware_at": aware_at.to_rfc3339(), "due": clock.due.to_rfc3339() });
        self.update(id, actor, "incident.breach", detail, |incident| {
            if incident.breach.is_some() {
                return Err(format!("incident {} is already a breach", incident.id));
            }
            incident.breach = Some(Breach {
                personal_data_aware_at: Some(aware_at),
                ..Breach::default()
            });
            incident.clocks.push(clock.clone());
            Ok(())
        })
    }

    /// Corrects when the controller became aware of the personal-data breach (a reason is
    /// required; the change is kept in the breach's history and audited). The open Art 33
    /// clock is cancelled and a new one started from the corrected moment, so both deadlines
    /// stay on record (DOMAIN.md §5.4); a clock already met or cancelled by a risk assessment
    /// stays as it is.
    pub fn change_breach_awareness(
        &self,
        id: &str,
        aware_at: DateTime<Utc>,
        reason: &str,
        actor: &Actor,
    ) -> IncidentResult<Incident> {
        let reason = reason.trim();
        if reason.is_empty() {
            return invalid("reason_required", "changing the awareness moment needs a `reason`");
        }
        kirjuri_registry::limits::check_length("reason", reason, kirjuri_registry::limits::TEXT)?;
        let incident = self.get(id)?;
        let Some(previous) = incident.breach_aware_at() else {
            return invalid(
                "not_a_breach",
                format!(
                    "incident {} is not a personal-data breach; mark it as a breach first",
                    incident.id
                ),
            );
        };
        check_breach_awareness(&incident, aware_at, actor)?;
        if previous == aware_at {
            return invalid("unchanged", "`aware_at` is the moment already recorded");
        }
        // A correction may come after the earlier moment's 72 hours ran out (the moment defaulted
        // to the detection and the real awareness came later — the false lateness EDPB 9/2022
        // warns of). It stays possible, with its reason, but the audit entry says that the
        // earlier clock had run out and when, so a correction made to look on time is seen.
        let ran_out = incident
            .clocks
            .iter()
            .find(|c| {
                c.kind == ClockKind::OmbudsmanNotification
                    && c.cancelled.is_none()
                    && c.met_by.is_none()
                    && c.due < actor.at
            })
            .map(|c| c.due.to_rfc3339());
        let clock = hour_clock(ClockKind::OmbudsmanNotification, Rule::Breach72h, aware_at)?;
        let detail = json!({
            "from": previous.to_rfc3339(), "to": aware_at.to_rfc3339(), "reason": reason, "due": clock.due.to_rfc3339(),
            "earlier_clock_ran_out_at": ran_out,
        });
        self.update(id, actor, "incident.breach-awareness", detail, |incident| {
            let Some(breach) = incident.breach.as_mut() else {
                return Err("not a breach".to_owned());
            };
            breach.personal_data_aware_at = Some(aware_at);
            breach.awareness_history.push(crate::incident::AwarenessChange {
                at: actor.at,
                by: actor.name.clone(),
                from: previous,
                to: aware_at,
                reason: reason.to_owned(),
            });
            let mut restarted = false;
            for open in incident
                .clocks
                .iter_mut()
                .filter(|c| c.kind == ClockKind::OmbudsmanNotification && c.cancelled.is_none() && c.met_by.is_none())
            {
                open.cancelled = Some(format!("awareness moment changed: {reason}"));
                restarted = true;
            }
            if restarted {
                incident.clocks.push(clock.clone());
            }
            Ok(())
        })
    }

    /// Marks the incident a significant incident of an operation in NIS2 scope (opt-in, DOMAIN.md
    /// §5.8). Cybersecurity Act 124/2025 §11: the early warning within 24 hours and the incident
    /// notification within 72 hours run from when the incident was found significant —
    /// `significant_at`, defaulting to the detection — as elapsed hours (no roll).
    pub fn mark_nis2(
        &self,
        id: &str,
        significant_at: Option<DateTime<Utc>>,
        actor: &Actor,
    ) -> IncidentResult<Incident> {
        let incident = self.get(id)?;
        let significant_at = significant_at.unwrap_or(incident.detected_at);
        if significant_at < incident.detected_at {
            return invalid(
                "times",
                format!(
                    "`significant_at` cannot be before the incident was detected ({})",
                    helsinki(incident.detected_at)
                ),
            );
        }
        if significant_at > actor.at + Duration::minutes(5) {
            return invalid("times", "`significant_at` is in the future");
        }
        let early = hour_clock(ClockKind::Nis2EarlyWarning, Rule::Nis2EarlyWarning, significant_at)?;
        let notification = hour_clock(ClockKind::Nis2Notification, Rule::Nis2Notification, significant_at)?;
        let detail = json!({
            "significant_at": significant_at.to_rfc3339(),
            "early_warning_due": early.due.to_rfc3339(), "notification_due": notification.due.to_rfc3339(),
        });
        self.update(id, actor, "incident.nis2", detail, |incident| {
            if incident.nis2 {
                return Err(format!(
                    "incident {} is already a significant NIS2 incident",
                    incident.id
                ));
            }
            incident.nis2 = true;
            incident.nis2_significant_at = Some(significant_at);
            incident.clocks.push(early.clone());
            incident.clocks.push(notification.clone());
            Ok(())
        })
    }

    /// Records a risk assessment; clocks follow it (DOMAIN.md §7.2).
    pub fn assess(&self, id: &str, assessment: &Assessment, actor: &Actor) -> IncidentResult<Incident> {
        kirjuri_registry::limits::check_length("rationale", &assessment.rationale, kirjuri_registry::limits::TEXT)?;
        kirjuri_registry::limits::check_each(
            "data_categories",
            &assessment.data_categories,
            kirjuri_registry::limits::NAME,
        )?;
        let incident = self.get(id)?;
        if incident.breach.is_none() {
            return invalid(
                "not_a_breach",
                format!(
                    "incident {} is not a personal-data breach; mark it as a breach (`breach`) first",
                    incident.id
                ),
            );
        }
        if assessment.risk.is_some() && assessment.rationale.trim().is_empty() {
            return invalid("rationale_required", "a risk assessment needs a `rationale`");
        }
        let breach_aware_at = incident.breach_aware_at().unwrap_or(incident.aware_at);
        let ombudsman = hour_clock(ClockKind::OmbudsmanNotification, Rule::Breach72h, breach_aware_at)?;
        let communication = IncidentClock {
            kind: ClockKind::SubjectCommunication,
            due: actor.at + Duration::hours(SUBJECT_COMMUNICATION_TARGET_HOURS),
            due_day: None,
            started_at: actor.at,
            cancelled: None,
            met_by: None,
        };
        let detail = json!({ "risk": assessment.risk.map(RiskLevel::key), "people": assessment.approx_people });
        self.update(id, actor, "incident.assess", detail, |incident| {
            let Some(breach) = incident.breach.as_mut() else {
                return Err("not a breach".to_owned());
            };
            if !assessment.types.is_empty() {
                breach.types = assessment.types.clone();
            }
            if !assessment.data_categories.is_empty() {
                breach.data_categories = assessment.data_categories.clone();
            }
            breach.special_categories = assessment.special_categories.unwrap_or(breach.special_categories);
            breach.criminal_data = assessment.criminal_data.unwrap_or(breach.criminal_data);
            breach.personal_identity_codes = assessment
                .personal_identity_codes
                .unwrap_or(breach.personal_identity_codes);
            breach.minors = assessment.minors.unwrap_or(breach.minors);
            breach.approx_people = assessment.approx_people.or(breach.approx_people);
            breach.approx_records = assessment.approx_records.or(breach.approx_records);
            if let Some(exemption) = &assessment.art34_exemption {
                breach.art34_exemption = Some(exemption.clone());
            }
            let Some(risk) = assessment.risk else { return Ok(()) };
            breach.assessments.push(RiskAssessment {
                at: actor.at,
                by: actor.name.clone(),
                risk,
                rationale: assessment.rationale.trim().to_owned(),
            });
            let cancel = |clocks: &mut Vec<IncidentClock>, kind: ClockKind, why: &str| {
                for clock in clocks
                    .iter_mut()
                    .filter(|c| c.kind == kind && c.cancelled.is_none() && c.met_by.is_none())
                {
                    clock.cancelled = Some(why.to_owned());
                }
            };
            let has_open = |clocks: &[IncidentClock], kind: ClockKind| {
                clocks.iter().any(|c| c.kind == kind && c.cancelled.is_none())
            };
            match risk {
                RiskLevel::None => {
                    breach.not_notified_reason = Some(assessment.rationale.trim().to_owned());
                    cancel(
                        &mut incident.clocks,
                        ClockKind::OmbudsmanNotification,
                        "assessed: no risk",
                    );
                    cancel(
                        &mut incident.clocks,
                        ClockKind::SubjectCommunication,
                        "assessed: no risk",
                    );
                }
                RiskLevel::Risk | RiskLevel::High => {
                    breach.not_notified_reason = None;
                    if !has_open(&incident.clocks, ClockKind::OmbudsmanNotification) {
                        incident.clocks.push(ombudsman.clone());
                    }
                    if risk == RiskLevel::Risk {
                        cancel(
                            &mut incident.clocks,
                            ClockKind::SubjectCommunication,
                            "assessed: risk, not high",
                        );
                    } else if breach.art34_exemption.is_none()
                        && !has_open(&incident.clocks, ClockKind::SubjectCommunication)
                    {
                        incident.clocks.push(communication.clone());
                    }
                }
            }
            if breach.art34_exemption.is_some() {
                cancel(
                    &mut incident.clocks,
                    ClockKind::SubjectCommunication,
                    "Art 34(3) exemption recorded",
                );
            }
            Ok(())
        })
    }

    /// Records a notification sent; a late one needs its reason. Its content is snapshotted.
    pub fn notify(&self, id: &str, notice: &Notice, actor: &Actor) -> IncidentResult<Incident> {
        let incident = self.get(id)?;
        let clock_kind = satisfied_clock(notice.phase);
        let is_nis2_phase = is_nis2(notice.phase);
        if is_nis2_phase && !incident.nis2 {
            return invalid(
                "not_nis2",
                format!("incident {} is not marked as a NIS2 significant incident", incident.id),
            );
        }
        if notice.phase != NotificationPhase::SubjectsInformed && !is_nis2_phase && incident.breach.is_none() {
            return invalid("not_a_breach", "Ombudsman notifications are for personal-data breaches");
        }
        if notice.phase == NotificationPhase::Supplementary
            && !incident
                .notifications
                .iter()
                .any(|n| matches!(n.phase, NotificationPhase::Preliminary | NotificationPhase::Complete))
        {
            return invalid(
                "no_preliminary",
                "a supplementary notice refers to a preliminary one; record that first",
            );
        }
        let is_progress = notice.phase == NotificationPhase::Progress;
        if is_progress && incident.state == IncidentState::Closed {
            return invalid(
                "refused",
                "a progress report is for an incident still ongoing; this one is closed: record the final report",
            );
        }
        let due = if is_progress {
            progress_due(&incident)
        } else {
            clock_kind
                .and_then(|kind| {
                    incident
                        .clocks
                        .iter()
                        .find(|c| c.kind == kind && c.cancelled.is_none() && c.met_by.is_none())
                })
                .map(|c| c.due)
        };
        let on_time = due.map(|d| notice.sent_at <= d);
        let late_reason = notice
            .late_reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if on_time == Some(false) && late_reason.is_none() {
            return invalid(
                "late_reason_required",
                format!(
                    "the notice is late (due {}); GDPR 33(1) requires the reasons for the delay: give `late_reason`",
                    due.map(|d| d.with_timezone(&chrono_tz::Europe::Helsinki).to_rfc3339())
                        .unwrap_or_default()
                ),
            );
        }
        let final_clock = if notice.phase == NotificationPhase::Notification {
            Some(day_clock(ClockKind::Nis2Final, Rule::Nis2Final, notice.sent_at)?)
        } else {
            None
        };
        let authority = notice.authority.clone().unwrap_or_else(|| match notice.phase {
            phase if is_nis2(phase) => "NCSC-FI".to_owned(),
            NotificationPhase::SubjectsInformed => "data subjects".to_owned(),
            _ => "Tietosuojavaltuutetun toimisto".to_owned(),
        });
        let snapshot = notification_json(&incident, &self.controller);
        let detail = json!({ "phase": notice.phase.key(), "on_time": on_time });
        self.update(id, actor, "incident.notify", detail, |incident| {
            let notification_id = format!("{}-n{}", incident.id, incident.notifications.len() + 1);
            let progress_open = incident.open_clocks().any(|c| c.kind == ClockKind::Nis2Progress);
            if is_progress && !progress_open {
                convert_final_to_progress(incident, Some(&notification_id));
            } else if let Some(kind) = clock_kind
                && let Some(clock) = incident
                    .clocks
                    .iter_mut()
                    .find(|c| c.kind == kind && c.cancelled.is_none() && c.met_by.is_none())
            {
                clock.met_by = Some(notification_id.clone());
            }
            if let Some(clock) = &final_clock {
                incident.clocks.push(clock.clone());
            }
            incident.notifications.push(RegulatorNotification {
                id: notification_id,
                authority: authority.clone(),
                phase: notice.phase,
                sent_at: notice.sent_at,
                reference_no: notice.reference_no.clone(),
                due,
                on_time,
                late_reason: late_reason.clone(),
                content_snapshot: snapshot.clone(),
                sent_by: actor.name.clone(),
            });
            Ok(())
        })
    }

    /// Moves the incident to another state. Closing a NIS2 incident that was still ongoing at its
    /// final-report day (or already sent a progress report) starts the final report's month from
    /// the closing day (NIS2 Art 23(4)(e), see [`convert_final_to_progress`]).
    pub fn transition(&self, id: &str, to: IncidentState, actor: &Actor) -> IncidentResult<Incident> {
        let final_after_handling = day_clock(ClockKind::Nis2Final, Rule::Nis2Final, actor.at)?;
        let closed_on = helsinki_day(actor.at);
        self.update(
            id,
            actor,
            "incident.transition",
            json!({ "to": to.key() }),
            |incident| {
                let allowed = incident.state.allowed_next();
                if !allowed.contains(&to) {
                    let names: Vec<&str> = allowed.iter().map(|s| s.key()).collect();
                    return Err(format!(
                        "incident {} is {}; it can move to {}, not to {}",
                        incident.id,
                        incident.state.key(),
                        if names.is_empty() {
                            "no other state".to_owned()
                        } else {
                            names.join(", ")
                        },
                        to.key()
                    ));
                }
                if to == IncidentState::Closed && incident.root_cause.is_none() && !incident.false_positive {
                    return Err("record the root cause (`root_cause`) before closing".to_owned());
                }
                incident
                    .state_history
                    .push((incident.state, to, actor.at, actor.name.clone()));
                incident.state = to;
                if to == IncidentState::Closed && incident.nis2 {
                    let ongoing_at_final = incident
                        .open_clocks()
                        .any(|c| c.kind == ClockKind::Nis2Final && c.due_day.is_some_and(|(day, _)| day < closed_on));
                    if ongoing_at_final {
                        convert_final_to_progress(incident, None);
                    }
                    let waits_for_final = incident
                        .clocks
                        .iter()
                        .any(|c| c.kind == ClockKind::Nis2Progress && c.cancelled.is_none())
                        && !incident
                            .clocks
                            .iter()
                            .any(|c| c.kind == ClockKind::Nis2Final && c.cancelled.is_none());
                    if waits_for_final {
                        incident.clocks.push(final_after_handling.clone());
                    }
                }
                Ok(())
            },
        )
    }

    /// Records the supervisor's request for an intermediate report on status updates (NIS2 Art
    /// 23(4)(c), Cybersecurity Act 124/2025 §11): a clock due at the end of the day the
    /// authority set (its absolute day, no roll), satisfied by an intermediate report.
    pub fn request_nis2_report(&self, id: &str, ask: &Nis2ReportAsk, actor: &Actor) -> IncidentResult<Incident> {
        let incident = self.get(id)?;
        if !incident.nis2 {
            return invalid(
                "not_nis2",
                format!("incident {} is not marked as a NIS2 significant incident", incident.id),
            );
        }
        let what = ask.what.trim();
        if what.is_empty() {
            return invalid(
                "missing_what",
                "`what` (what the authority asked for) must not be empty",
            );
        }
        kirjuri_registry::limits::check_length("what", what, kirjuri_registry::limits::TEXT)?;
        if ask.asked_on < helsinki_day(incident.detected_at) {
            return invalid("asked_on", "`asked_on` cannot be before the incident was detected");
        }
        if ask.asked_on > helsinki_day(actor.at) {
            return invalid("asked_on", "`asked_on` is in the future");
        }
        if ask.due_on < ask.asked_on {
            return invalid(
                "due_on",
                "`due_on` cannot be before the day the authority asked (`asked_on`)",
            );
        }
        let clock = IncidentClock {
            kind: ClockKind::Nis2Intermediate,
            due: end_of_helsinki_day(ask.due_on)?,
            due_day: Some((ask.due_on, ask.due_on)),
            started_at: end_of_helsinki_day(ask.asked_on)? - Duration::days(1),
            cancelled: None,
            met_by: None,
        };
        let request = Nis2ReportRequest {
            asked_on: ask.asked_on,
            due_on: ask.due_on,
            what: what.to_owned(),
            recorded_by: actor.name.clone(),
            recorded_at: actor.at,
        };
        let detail = json!({ "asked_on": ask.asked_on, "due_on": ask.due_on });
        self.update(id, actor, "incident.nis2_report_request", detail, |incident| {
            incident.nis2_report_requests.push(request.clone());
            incident.clocks.push(clock.clone());
            Ok(())
        })
    }

    /// Sets the incident's category, cause and outcome for the annual report (chapter 3.4,
    /// DOMAIN.md §9.2). A part given replaces the stored one; a part left out (`None`) is kept,
    /// so each may be set when it becomes known. The audit entry names the old and new values.
    pub fn classify(&self, id: &str, change: &Classification, actor: &Actor) -> IncidentResult<Incident> {
        if change.category.is_none() && change.cause.is_none() && change.outcome.is_none() {
            return invalid(
                "classification_empty",
                "give at least one of `category`, `cause` or `outcome`",
            );
        }
        let before = self.get(id)?.classification;
        let after = Classification {
            category: change.category.or(before.category),
            cause: change.cause.or(before.cause),
            outcome: change.outcome.or(before.outcome),
        };
        let detail = json!({ "from": classification_detail(&before), "to": classification_detail(&after) });
        self.update(id, actor, "incident.classify", detail, move |incident| {
            incident.classification = after;
            Ok(())
        })
    }

    /// Adds a timeline event, a task, the root cause or measures, or marks a false positive.
    pub fn record(&self, id: &str, entry: &Record, actor: &Actor) -> IncidentResult<Incident> {
        let detail = json!({ "kind": entry.kind() });
        self.update(id, actor, "incident.record", detail, |incident| {
            match entry {
                Record::Event {
                    at,
                    title,
                    content,
                    source,
                } => incident.timeline.push(TimelineEvent {
                    at: *at,
                    title: title.clone(),
                    content: content.clone(),
                    source: source.clone(),
                    flagged: false,
                    added_by: actor.name.clone(),
                    added_at: actor.at,
                }),
                Record::Task { title, assignees, due } => {
                    let id = format!("task-{}", incident.tasks.len() + 1);
                    incident.tasks.push(Task {
                        id,
                        title: title.clone(),
                        assignees: assignees.clone(),
                        due: *due,
                        status: TaskStatus::ToDo,
                    });
                }
                Record::TaskStatus { task, status } => {
                    let Some(found) = incident.tasks.iter_mut().find(|t| &t.id == task) else {
                        return Err(format!("incident {} has no task {task}", incident.id));
                    };
                    found.status = *status;
                }
                Record::RootCause(text) => incident.root_cause = Some(text.clone()),
                Record::Measures(text) => incident.measures = Some(text.clone()),
                Record::FalsePositive => incident.false_positive = true,
                Record::LinkRequest(request) => {
                    if !incident.linked_requests.contains(request) {
                        incident.linked_requests.push(request.clone());
                    }
                }
            }
            incident.timeline.sort_by_key(|e| e.at);
            Ok(())
        })
    }

    /// Open incidents, or those with an open clock past its due instant.
    pub fn list(&self, open_only: bool, overdue_at: Option<DateTime<Utc>>) -> IncidentResult<Vec<Incident>> {
        let mut list: Vec<Incident> = self
            .all()?
            .into_iter()
            .filter(|i| !open_only || i.state != IncidentState::Closed)
            .filter(|i| overdue_at.is_none_or(|now| i.open_clocks().any(|c| c.due < now)))
            .collect();
        list.sort_by_key(|i| i.open_clocks().map(|c| c.due).min().unwrap_or(i.aware_at));
        Ok(list)
    }
}

/// One recordable fact about an incident.
#[derive(Debug, Clone)]
pub enum Record {
    Event {
        at: DateTime<Utc>,
        title: String,
        content: Option<String>,
        source: Option<String>,
    },
    Task {
        title: String,
        assignees: Vec<String>,
        due: Option<chrono::NaiveDate>,
    },
    TaskStatus {
        task: String,
        status: TaskStatus,
    },
    RootCause(String),
    Measures(String),
    FalsePositive,
    LinkRequest(String),
}

impl Record {
    fn kind(&self) -> &'static str {
        match self {
            Record::Event { .. } => "event",
            Record::Task { .. } => "task",
            Record::TaskStatus { .. } => "task-status",
            Record::RootCause(_) => "root-cause",
            Record::Measures(_) => "measures",
            Record::FalsePositive => "false-positive",
            Record::LinkRequest(_) => "link-request",
        }
    }
}

/// A classification as the audit trail keeps it: the keys of the parts set.
fn classification_detail(classification: &Classification) -> Value {
    json!({
        "category": classification.category.map(|c| c.key()),
        "cause": classification.cause.map(|c| c.key()),
        "outcome": classification.outcome.map(|c| c.key()),
    })
}

fn helsinki(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Helsinki).to_rfc3339()
}

/// The content the Ombudsman's form asks for (DOMAIN.md §7.3), as JSON.
pub fn notification_json(incident: &Incident, controller: &str) -> Value {
    let breach = incident.breach.clone().unwrap_or_default();
    let previous = incident
        .notifications
        .iter()
        .rfind(|n| matches!(n.phase, NotificationPhase::Preliminary | NotificationPhase::Complete));
    let ombudsman_clock = incident
        .clocks
        .iter()
        .find(|c| c.kind == ClockKind::OmbudsmanNotification && c.cancelled.is_none());
    json!({
        "1_type": if previous.is_some() { "supplementary" } else { "preliminary" },
        "1_previous_notice": previous.map(|n| json!({ "id": n.id, "reference_no": n.reference_no })),
        "2_controller": { "name": controller, "case": incident.diary_number.to_string(), "contact": incident.reporter },
        "3_times": {
            "occurred_at": incident.occurred_at.map(helsinki),
            "detected_at": helsinki(incident.detected_at),
            "aware_at": helsinki(incident.aware_at),
            "breach_aware_at": incident.breach_aware_at().map(helsinki),
            "due": ombudsman_clock.map(|c| helsinki(c.due)),
        },
        "4_nature": {
            "types": breach.types.iter().map(|t| t.key()).collect::<Vec<_>>(),
            "description": incident.description,
            "cause": incident.root_cause,
        },
        "5_subjects_and_data": {
            "approx_people": breach.approx_people,
            "approx_records": breach.approx_records,
            "data_categories": breach.data_categories,
            "special_categories": breach.special_categories,
            "criminal_data": breach.criminal_data,
            "personal_identity_codes": breach.personal_identity_codes,
            "minors": breach.minors,
        },
        "6_consequences_and_risk": {
            "risk": breach.current_risk().map(RiskLevel::key),
            "assessment": breach.assessments.last().map(|a| a.rationale.clone()),
        },
        "7_measures": incident.measures,
        "8_subjects_informed": {
            "informed": incident.notifications.iter().find(|n| n.phase == NotificationPhase::SubjectsInformed).map(|n| helsinki(n.sent_at)),
            "art34_exemption": breach.art34_exemption.as_ref().map(|(e, text)| json!({ "ground": e.key(), "explanation": text })),
        },
        "9_other_authorities": incident.notifications.iter().filter(|n| n.authority != "Tietosuojavaltuutetun toimisto" && n.phase != NotificationPhase::SubjectsInformed).map(|n| n.authority.clone()).collect::<Vec<_>>(),
    })
}

/// A value of the draft as a person reads it: moments in Helsinki time (`30.11.2026 klo
/// 09.15`), the vocabularies' keys in words (Finnish / English), yes and no, lists joined, a
/// previous notice by its reference — never JSON.
fn draft_text(value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(true) => "kyllä / yes".to_owned(),
        Value::Bool(false) => "ei / no".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            if let Some(words) = draft_words(s) {
                words.to_owned()
            } else if let Ok(moment) = DateTime::parse_from_rfc3339(s) {
                moment.format("%-d.%-m.%Y klo %H.%M").to_string()
            } else {
                s.clone()
            }
        }
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => items.iter().map(draft_text).collect::<Vec<_>>().join(", "),
        Value::Object(fields) => match (fields.get("reference_no"), fields.get("id")) {
            (Some(Value::String(reference)), _) => reference.clone(),
            (_, Some(Value::String(id))) => id.clone(),
            _ => fields
                .iter()
                .map(|(key, v)| format!("{key}: {}", draft_text(v)))
                .collect::<Vec<_>>()
                .join("; "),
        },
    }
}

/// The words of a vocabulary key the draft holds (breach types, risk levels, notification
/// phases, Art 34(3) grounds).
fn draft_words(key: &str) -> Option<&'static str> {
    Some(match key {
        "confidentiality" => "luottamuksellisuus / confidentiality",
        "integrity" => "eheys / integrity",
        "availability" => "saatavuus / availability",
        "none" => "ei riskiä / no risk",
        "risk" => "riski / risk",
        "high" => "korkea riski / high risk",
        "preliminary" => "alustava ilmoitus / preliminary notification",
        "supplementary" => "täydentävä ilmoitus / supplementary notification",
        "complete" => "täydellinen ilmoitus / complete notification",
        "a-unintelligible" => "a) tiedot eivät ole luettavissa / a) unintelligible to others",
        "b-risk-removed" => "b) korkea riski on poistettu / b) the high risk was removed",
        "c-disproportionate-effort" => {
            "c) kohtuuton vaiva, julkinen tiedote / c) disproportionate effort, public notice"
        }
        _ => return None,
    })
}

/// The same content as Markdown, in Finnish with English glosses.
pub fn notification_markdown(incident: &Incident, controller: &str) -> String {
    let value = notification_json(incident, controller);
    let text = |v: &Value| draft_text(v);
    let mut out = format!(
        "# Ilmoitus tietoturvaloukkauksesta – luonnos / Breach notification draft\n\nAsia / Case: {} — {}\n\n",
        incident.diary_number, incident.title
    );
    let sections = [
        (
            "1. Ilmoituksen tyyppi / Type",
            vec![
                ("tyyppi / type", &value["1_type"]),
                ("aiempi ilmoitus / previous notice", &value["1_previous_notice"]),
            ],
        ),
        (
            "2. Rekisterinpitäjä / Controller",
            vec![
                ("nimi / name", &value["2_controller"]["name"]),
                ("asia / case", &value["2_controller"]["case"]),
                ("yhteyshenkilö / contact", &value["2_controller"]["contact"]),
            ],
        ),
        (
            "3. Ajankohdat / Times",
            vec![
                ("tapahtui / occurred", &value["3_times"]["occurred_at"]),
                ("havaittu / detected", &value["3_times"]["detected_at"]),
                ("tietoisuus / aware", &value["3_times"]["aware_at"]),
                (
                    "tietoisuus henkilötietojen loukkauksesta / aware of the personal-data breach",
                    &value["3_times"]["breach_aware_at"],
                ),
                ("määräaika 72 h / due", &value["3_times"]["due"]),
            ],
        ),
        (
            "4. Loukkauksen luonne / Nature",
            vec![
                ("tyyppi / type", &value["4_nature"]["types"]),
                ("kuvaus / description", &value["4_nature"]["description"]),
                ("syy / cause", &value["4_nature"]["cause"]),
            ],
        ),
        (
            "5. Rekisteröidyt ja tiedot / Subjects and data",
            vec![
                (
                    "henkilöitä noin / people",
                    &value["5_subjects_and_data"]["approx_people"],
                ),
                (
                    "tietueita noin / records",
                    &value["5_subjects_and_data"]["approx_records"],
                ),
                ("tietoryhmät / data", &value["5_subjects_and_data"]["data_categories"]),
                (
                    "erityiset ryhmät / special",
                    &value["5_subjects_and_data"]["special_categories"],
                ),
                (
                    "henkilötunnukset / identity codes",
                    &value["5_subjects_and_data"]["personal_identity_codes"],
                ),
                ("alaikäiset / minors", &value["5_subjects_and_data"]["minors"]),
            ],
        ),
        (
            "6. Seuraukset ja riski / Consequences and risk",
            vec![
                ("riski / risk", &value["6_consequences_and_risk"]["risk"]),
                ("arvio / assessment", &value["6_consequences_and_risk"]["assessment"]),
            ],
        ),
        (
            "7. Toimenpiteet / Measures",
            vec![("toimenpiteet / measures", &value["7_measures"])],
        ),
        (
            "8. Rekisteröityjen informointi / Subjects informed",
            vec![
                ("informoitu / informed", &value["8_subjects_informed"]["informed"]),
                (
                    "poikkeus 34(3) / exemption",
                    &value["8_subjects_informed"]["art34_exemption"],
                ),
            ],
        ),
        (
            "9. Muut viranomaiset / Other authorities",
            vec![("ilmoitettu / notified", &value["9_other_authorities"])],
        ),
    ];
    for (heading, rows) in sections {
        out.push_str(&format!("## {heading}\n\n"));
        for (label, v) in rows {
            out.push_str(&format!("- {label}: {}\n", text(v)));
        }
        out.push('\n');
    }
    out
}
