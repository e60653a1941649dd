//! Security incidents and personal-data breaches with their legal clocks and notifications.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_incidents::{
    Art34Exemption, BreachType, Classification, ClockKind, IncidentCategory, IncidentCause, IncidentOutcome,
    IncidentState, NotificationPhase, RiskLevel, Severity, TaskStatus,
};
use kirjuri_registry::Registry;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::InstantText;
use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking, instant};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

vocabulary!(
    /// Incident severity (TheHive / DFIR-IRIS scale).
    IncidentSeverityKey, Severity, Severity::ALL, Severity::key
);
vocabulary!(
    /// Incident state: open → containment → eradication → recovery → post-incident → closed.
    IncidentStateKey, IncidentState, IncidentState::ALL, IncidentState::key
);
vocabulary!(
    /// What a breach affected (GDPR Art 4(12)).
    BreachTypeKey, BreachType, BreachType::ALL, BreachType::key
);
vocabulary!(
    /// The Finnish DPO's three risk levels of a breach.
    RiskLevelKey, RiskLevel, RiskLevel::ALL, RiskLevel::key
);
vocabulary!(
    /// GDPR Art 34(3) exemptions from telling the data subjects.
    Art34ExemptionKey, Art34Exemption, Art34Exemption::ALL, Art34Exemption::key
);
vocabulary!(
    /// Which legal clock of an incident.
    ClockKindKey, ClockKind, ClockKind::ALL, ClockKind::key
);
vocabulary!(
    /// Phase of a notification to an authority (or to the people concerned).
    NotificationPhaseKey, NotificationPhase, NotificationPhase::ALL, NotificationPhase::key
);
vocabulary!(
    /// Status of an incident task.
    TaskStatusKey, TaskStatus, TaskStatus::ALL, TaskStatus::key
);

vocabulary!(
    /// What kind of incident (NCSC-FI's classes, misdelivery and lost devices as the Data
    /// Protection Ombudsman counts them, system failures).
    IncidentCategoryKey, IncidentCategory, IncidentCategory::ALL, IncidentCategory::key
);
vocabulary!(
    /// What caused the incident (the Data Protection Ombudsman's breach form).
    IncidentCauseKey, IncidentCause, IncidentCause::ALL, IncidentCause::key
);
vocabulary!(
    /// How the incident ended.
    IncidentOutcomeKey, IncidentOutcome, IncidentOutcome::ALL, IncidentOutcome::key
);

/// An incident's category, cause and outcome (null where not set yet).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClassificationAnswer {
    pub category: Option<IncidentCategoryKey>,
    pub cause: Option<IncidentCauseKey>,
    pub outcome: Option<IncidentOutcomeKey>,
}

impl From<&Classification> for ClassificationAnswer {
    fn from(c: &Classification) -> Self {
        ClassificationAnswer {
            category: c.category.map(Into::into),
            cause: c.cause.map(Into::into),
            outcome: c.outcome.map(Into::into),
        }
    }
}

/// A classification as given: each part a key or left out.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ClassificationBody {
    #[schema(value_type = Option<IncidentCategoryKey>)]
    category: Option<String>,
    #[schema(value_type = Option<IncidentCauseKey>)]
    cause: Option<String>,
    #[schema(value_type = Option<IncidentOutcomeKey>)]
    outcome: Option<String>,
}

impl ClassificationBody {
    /// The classification, or 400 naming the field whose key is unknown.
    pub(crate) fn parse(&self) -> ApiResult<Classification> {
        fn part<T>(
            field: &'static str,
            text: Option<&str>,
            parse: fn(&str) -> Result<T, String>,
        ) -> ApiResult<Option<T>> {
            text.filter(|t| !t.trim().is_empty())
                .map(|t| parse(t).map_err(|message| ApiError::BadRequest { code: field, message }))
                .transpose()
        }
        Ok(Classification {
            category: part("category", self.category.as_deref(), IncidentCategory::parse)?,
            cause: part("cause", self.cause.as_deref(), IncidentCause::parse)?,
            outcome: part("outcome", self.outcome.as_deref(), IncidentOutcome::parse)?,
        })
    }
}

/// One event of an incident's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEventAnswer {
    pub at: DateTime<Utc>,
    pub title: String,
    pub content: Option<String>,
    pub source: Option<String>,
    /// The awareness event is flagged: it starts the Art 33 clock.
    pub flagged: bool,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

impl From<&kirjuri_incidents::TimelineEvent> for TimelineEventAnswer {
    fn from(e: &kirjuri_incidents::TimelineEvent) -> Self {
        TimelineEventAnswer {
            at: e.at,
            title: e.title.clone(),
            content: e.content.clone(),
            source: e.source.clone(),
            flagged: e.flagged,
            added_by: e.added_by.clone(),
            added_at: e.added_at,
        }
    }
}

/// A task of an incident.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentTaskAnswer {
    pub id: String,
    pub title: String,
    pub assignees: Vec<String>,
    pub due: Option<NaiveDate>,
    pub status: TaskStatusKey,
}

impl From<&kirjuri_incidents::Task> for IncidentTaskAnswer {
    fn from(t: &kirjuri_incidents::Task) -> Self {
        IncidentTaskAnswer {
            id: t.id.clone(),
            title: t.title.clone(),
            assignees: t.assignees.clone(),
            due: t.due,
            status: t.status.into(),
        }
    }
}

/// A risk assessment of a breach; a changed assessment is a new entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskAssessmentAnswer {
    pub at: DateTime<Utc>,
    pub by: String,
    pub risk: RiskLevelKey,
    pub rationale: String,
}

impl From<&kirjuri_incidents::RiskAssessment> for RiskAssessmentAnswer {
    fn from(a: &kirjuri_incidents::RiskAssessment) -> Self {
        RiskAssessmentAnswer {
            at: a.at,
            by: a.by.clone(),
            risk: a.risk.into(),
            rationale: a.rationale.clone(),
        }
    }
}

/// The personal-data breach facet of an incident (in the Art 33(5) register, notified or not).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BreachAnswer {
    pub types: Vec<BreachTypeKey>,
    pub data_categories: Vec<String>,
    pub special_categories: bool,
    pub criminal_data: bool,
    pub personal_identity_codes: bool,
    pub minors: bool,
    pub approx_people: Option<u64>,
    pub approx_records: Option<u64>,
    /// Oldest first; the last one is in force.
    pub assessments: Vec<RiskAssessmentAnswer>,
    /// `[ground, explanation]` when the people concerned are not told (GDPR Art 34(3)).
    pub art34_exemption: Option<(Art34ExemptionKey, String)>,
    /// Why the Ombudsman was not notified (risk none), for the register.
    pub not_notified_reason: Option<String>,
    /// When the controller became aware that personal data were affected: the GDPR Art 33(1)
    /// 72 hours run from here (EDPB Guidelines 9/2022). Null in breaches recorded before it was
    /// kept: the incident's `aware_at` applies.
    pub personal_data_aware_at: Option<DateTime<Utc>>,
    /// Later changes of that moment, oldest first.
    pub awareness_history: Vec<AwarenessChangeAnswer>,
}

/// A change of the moment the controller became aware of the breach, with its reason.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwarenessChangeAnswer {
    /// When the change was recorded.
    pub at: DateTime<Utc>,
    pub by: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: String,
}

impl From<&kirjuri_incidents::AwarenessChange> for AwarenessChangeAnswer {
    fn from(c: &kirjuri_incidents::AwarenessChange) -> Self {
        AwarenessChangeAnswer {
            at: c.at,
            by: c.by.clone(),
            from: c.from,
            to: c.to,
            reason: c.reason.clone(),
        }
    }
}

impl From<&kirjuri_incidents::Breach> for BreachAnswer {
    fn from(b: &kirjuri_incidents::Breach) -> Self {
        BreachAnswer {
            types: b.types.iter().copied().map(Into::into).collect(),
            data_categories: b.data_categories.clone(),
            special_categories: b.special_categories,
            criminal_data: b.criminal_data,
            personal_identity_codes: b.personal_identity_codes,
            minors: b.minors,
            approx_people: b.approx_people,
            approx_records: b.approx_records,
            assessments: answers(&b.assessments),
            art34_exemption: b
                .art34_exemption
                .as_ref()
                .map(|(ground, explanation)| ((*ground).into(), explanation.clone())),
            not_notified_reason: b.not_notified_reason.clone(),
            personal_data_aware_at: b.personal_data_aware_at,
            awareness_history: answers(&b.awareness_history),
        }
    }
}

/// A legal clock of an incident, stored as an absolute instant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentClockAnswer {
    pub kind: ClockKindKey,
    pub due: DateTime<Utc>,
    /// Day-based clocks: `[statutory day, the day it moves to]`.
    pub due_day: Option<(NaiveDate, NaiveDate)>,
    pub started_at: DateTime<Utc>,
    /// Why a later risk assessment cancelled it (kept for the history).
    pub cancelled: Option<String>,
    /// The notification that satisfied it.
    pub met_by: Option<String>,
}

impl From<&kirjuri_incidents::IncidentClock> for IncidentClockAnswer {
    fn from(c: &kirjuri_incidents::IncidentClock) -> Self {
        IncidentClockAnswer {
            kind: c.kind.into(),
            due: c.due,
            due_day: c.due_day,
            started_at: c.started_at,
            cancelled: c.cancelled.clone(),
            met_by: c.met_by.clone(),
        }
    }
}

/// A notification sent to an authority (or the communication to the people concerned).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentNotificationAnswer {
    pub id: String,
    pub authority: String,
    pub phase: NotificationPhaseKey,
    pub sent_at: DateTime<Utc>,
    pub reference_no: Option<String>,
    /// The clock's due moment it answered, if any.
    pub due: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub late_reason: Option<String>,
    /// The notification draft as it stood when the notice was sent (free-form JSON: the
    /// draft's shape at that time, see `NotificationDraftAnswer`).
    pub content_snapshot: serde_json::Value,
    pub sent_by: String,
}

impl From<&kirjuri_incidents::RegulatorNotification> for IncidentNotificationAnswer {
    fn from(n: &kirjuri_incidents::RegulatorNotification) -> Self {
        IncidentNotificationAnswer {
            id: n.id.clone(),
            authority: n.authority.clone(),
            phase: n.phase.into(),
            sent_at: n.sent_at,
            reference_no: n.reference_no.clone(),
            due: n.due,
            on_time: n.on_time,
            late_reason: n.late_reason.clone(),
            content_snapshot: n.content_snapshot.clone(),
            sent_by: n.sent_by.clone(),
        }
    }
}

/// The NIS2 supervisor's request for an intermediate report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Nis2ReportRequestAnswer {
    /// The day the authority asked.
    pub asked_on: NaiveDate,
    /// The day the authority set for the report (its own absolute day).
    pub due_on: NaiveDate,
    /// What the authority asked for.
    pub what: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl From<&kirjuri_incidents::Nis2ReportRequest> for Nis2ReportRequestAnswer {
    fn from(r: &kirjuri_incidents::Nis2ReportRequest) -> Self {
        Nis2ReportRequestAnswer {
            asked_on: r.asked_on,
            due_on: r.due_on,
            what: r.what.clone(),
            recorded_by: r.recorded_by.clone(),
            recorded_at: r.recorded_at,
        }
    }
}

/// A security incident (tietoturvapoikkeama), with its breach facet, clocks and notifications.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentAnswer {
    pub id: String,
    /// The case the incident is registered under.
    pub case_id: String,
    #[schema(
        pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$",
        example = "KIR/3/02.07.00/2026"
    )]
    pub diary_number: String,
    pub title: String,
    pub description: Option<String>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub detected_at: DateTime<Utc>,
    /// When the organisation became aware: starts the Art 33 clock.
    pub aware_at: DateTime<Utc>,
    pub reporter: String,
    pub severity: IncidentSeverityKey,
    pub state: IncidentStateKey,
    /// A false positive is not counted as an incident in the annual report.
    pub false_positive: bool,
    pub timeline: Vec<TimelineEventAnswer>,
    pub tasks: Vec<IncidentTaskAnswer>,
    pub root_cause: Option<String>,
    pub measures: Option<String>,
    /// Null unless the incident is a personal-data breach.
    pub breach: Option<BreachAnswer>,
    /// A significant incident of an operation in NIS2 scope.
    pub nis2: bool,
    /// When it was found significant: the NIS2 24- and 72-hour clocks run from here (null in
    /// incidents recorded before it was kept: the detection applies).
    pub nis2_significant_at: Option<DateTime<Utc>>,
    /// The NIS2 supervisor's requests for intermediate reports (NIS2 Art 23(4)(c)), oldest first.
    pub nis2_report_requests: Vec<Nis2ReportRequestAnswer>,
    pub clocks: Vec<IncidentClockAnswer>,
    pub notifications: Vec<IncidentNotificationAnswer>,
    /// Log investigations (request ids) that revealed this incident.
    pub linked_requests: Vec<String>,
    /// State changes, oldest first, each `[from, to, at, by]`.
    pub state_history: Vec<(IncidentStateKey, IncidentStateKey, DateTime<Utc>, String)>,
    pub created_by: String,
    /// Category, cause and outcome for the annual report (chapter 3.4).
    pub classification: ClassificationAnswer,
}

impl From<&kirjuri_incidents::Incident> for IncidentAnswer {
    fn from(i: &kirjuri_incidents::Incident) -> Self {
        IncidentAnswer {
            id: i.id.clone(),
            case_id: i.case_id.clone(),
            diary_number: i.diary_number.to_string(),
            title: i.title.clone(),
            description: i.description.clone(),
            occurred_at: i.occurred_at,
            detected_at: i.detected_at,
            aware_at: i.aware_at,
            reporter: i.reporter.clone(),
            severity: i.severity.into(),
            state: i.state.into(),
            false_positive: i.false_positive,
            timeline: answers(&i.timeline),
            tasks: answers(&i.tasks),
            root_cause: i.root_cause.clone(),
            measures: i.measures.clone(),
            breach: i.breach.as_ref().map(Into::into),
            nis2: i.nis2,
            nis2_significant_at: i.nis2_significant_at,
            nis2_report_requests: answers(&i.nis2_report_requests),
            clocks: answers(&i.clocks),
            notifications: answers(&i.notifications),
            linked_requests: i.linked_requests.clone(),
            state_history: i
                .state_history
                .iter()
                .map(|(from, to, at, by)| ((*from).into(), (*to).into(), *at, by.clone()))
                .collect(),
            created_by: i.created_by.clone(),
            classification: (&i.classification).into(),
        }
    }
}

/// The earlier notice a supplementary one follows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftPreviousNoticeAnswer {
    pub id: String,
    pub reference_no: Option<String>,
}

/// Section 2 of the draft: the controller.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftControllerAnswer {
    pub name: String,
    /// The incident's diary number.
    pub case: String,
    pub contact: String,
}

/// Section 3 of the draft: times, in Helsinki time with their offset.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftTimesAnswer {
    #[schema(format = DateTime)]
    pub occurred_at: Option<String>,
    #[schema(format = DateTime)]
    pub detected_at: String,
    #[schema(format = DateTime)]
    pub aware_at: String,
    /// When the controller became aware that personal data were affected (starts the 72 hours).
    #[schema(format = DateTime)]
    pub breach_aware_at: Option<String>,
    /// The Ombudsman's 72-hour deadline, when its clock runs.
    #[schema(format = DateTime)]
    pub due: Option<String>,
}

/// Section 4 of the draft: the nature of the breach.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftNatureAnswer {
    #[schema(value_type = Vec<BreachTypeKey>)]
    pub types: Vec<String>,
    pub description: Option<String>,
    pub cause: Option<String>,
}

/// Section 5 of the draft: the people and the data concerned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftSubjectsAndDataAnswer {
    pub approx_people: Option<u64>,
    pub approx_records: Option<u64>,
    pub data_categories: Vec<String>,
    pub special_categories: bool,
    pub criminal_data: bool,
    pub personal_identity_codes: bool,
    pub minors: bool,
}

/// Section 6 of the draft: consequences and risk (the assessment in force).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftRiskAnswer {
    #[schema(value_type = Option<RiskLevelKey>)]
    pub risk: Option<String>,
    /// The rationale of the assessment in force.
    pub assessment: Option<String>,
}

/// A GDPR Art 34(3) exemption from telling the people concerned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftExemptionAnswer {
    #[schema(value_type = Art34ExemptionKey)]
    pub ground: String,
    pub explanation: String,
}

/// Section 8 of the draft: whether the people concerned were told.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftSubjectsInformedAnswer {
    /// When they were told, if they were.
    #[schema(format = DateTime)]
    pub informed: Option<String>,
    pub art34_exemption: Option<DraftExemptionAnswer>,
}

/// The breach notification draft in the order of the Data Protection Ombudsman's form
/// (DOMAIN.md §7.3); the keys are numbered by the form's sections.
///
/// The domain (`kirjuri_incidents::notification_json`) composes the draft, and its Markdown
/// form from the same content; this type is read from it strictly (an unknown or missing key
/// is an error, never a silent change of the answer).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationDraftAnswer {
    /// `preliminary`, or `supplementary` after a preliminary or complete notice.
    #[serde(rename = "1_type")]
    #[schema(pattern = "^(preliminary|supplementary)$")]
    pub notice_type: String,
    #[serde(rename = "1_previous_notice")]
    pub previous_notice: Option<DraftPreviousNoticeAnswer>,
    #[serde(rename = "2_controller")]
    pub controller: DraftControllerAnswer,
    #[serde(rename = "3_times")]
    pub times: DraftTimesAnswer,
    #[serde(rename = "4_nature")]
    pub nature: DraftNatureAnswer,
    #[serde(rename = "5_subjects_and_data")]
    pub subjects_and_data: DraftSubjectsAndDataAnswer,
    #[serde(rename = "6_consequences_and_risk")]
    pub consequences_and_risk: DraftRiskAnswer,
    #[serde(rename = "7_measures")]
    pub measures: Option<String>,
    #[serde(rename = "8_subjects_informed")]
    pub subjects_informed: DraftSubjectsInformedAnswer,
    /// Other authorities notified (NCSC-FI, the police...).
    #[serde(rename = "9_other_authorities")]
    pub other_authorities: Vec<String>,
}

impl NotificationDraftAnswer {
    /// The draft of `incident`'s notification, from the domain's composition.
    pub fn of(incident: &kirjuri_incidents::Incident, controller: &str) -> ApiResult<Self> {
        serde_json::from_value(kirjuri_incidents::notification_json(incident, controller))
            .map_err(|e| ApiError::Internal(format!("notification draft of {}: {e}", incident.id)))
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IncidentQuery {
    /// Only incidents not closed.
    #[serde(default)]
    open: bool,
    /// Only incidents with an open clock past its due moment.
    #[serde(default)]
    overdue: bool,
}

pub(crate) fn incidents<'a>(registry: &'a Registry<'a>, state: &AppState) -> kirjuri_incidents::Incidents<'a> {
    kirjuri_incidents::Incidents {
        registry,
        controller: state.organisation.to_string(),
    }
}

/// Registers an incident (the API and the web form): the domain use-case, audited there.
pub(crate) fn new_incident_as(
    registry: &Registry<'_>,
    state: &AppState,
    request: &kirjuri_incidents::NewIncident,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_incidents::Incident> {
    Ok(incidents(registry, state).new_incident(request, actor)?)
}

/// A change to an incident's handling.
pub(crate) enum IncidentChange {
    Transition(IncidentState),
    /// With when the controller became aware that personal data were affected (default: the
    /// incident's awareness).
    MarkBreach(Option<DateTime<Utc>>),
    /// A corrected awareness moment with its reason.
    BreachAwareness(DateTime<Utc>, String),
    /// Found a significant NIS2 incident, at the moment given (default: the detection).
    MarkNis2(Option<DateTime<Utc>>),
    /// The NIS2 supervisor asked for an intermediate report.
    Nis2ReportRequest(kirjuri_incidents::Nis2ReportAsk),
    Assess(kirjuri_incidents::Assessment),
    Notify(kirjuri_incidents::Notice),
    /// Category, cause or outcome set (the parts left out are kept).
    Classify(Classification),
}

/// Changes an incident for a reader (the API and the web forms): an incident whose case keeps
/// the reader out does not exist for them.
pub(crate) fn change_incident_as(
    registry: &Registry<'_>,
    state: &AppState,
    reader: &kirjuri_registry::Reader,
    id: &str,
    change: IncidentChange,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_incidents::Incident> {
    let incidents = incidents(registry, state);
    incidents.get_for(id, reader)?;
    Ok(match change {
        IncidentChange::Transition(to) => incidents.transition(id, to, actor)?,
        IncidentChange::MarkBreach(aware_at) => incidents.mark_breach(id, aware_at, actor)?,
        IncidentChange::MarkNis2(significant_at) => incidents.mark_nis2(id, significant_at, actor)?,
        IncidentChange::Nis2ReportRequest(ask) => incidents.request_nis2_report(id, &ask, actor)?,
        IncidentChange::BreachAwareness(aware_at, reason) => {
            incidents.change_breach_awareness(id, aware_at, &reason, actor)?
        }
        IncidentChange::Assess(assessment) => incidents.assess(id, &assessment, actor)?,
        IncidentChange::Notify(notice) => incidents.notify(id, &notice, actor)?,
        IncidentChange::Classify(classification) => incidents.classify(id, &classification, actor)?,
    })
}

/// The breach a notification draft is made of, for a reader: 409 `not_a_breach` for an
/// incident that is not one.
pub(crate) fn breach_for_draft(
    registry: &Registry<'_>,
    state: &AppState,
    reader: &kirjuri_registry::Reader,
    id: &str,
) -> ApiResult<kirjuri_incidents::Incident> {
    let incident = incidents(registry, state).get_for(id, reader)?;
    if incident.breach.is_none() {
        return Err(ApiError::Conflict {
            code: "not_a_breach",
            message: format!("incident {id} is not a personal-data breach"),
        });
    }
    Ok(incident)
}

#[utoipa::path(get, path = "/incidents", tag = "incidents", params(IncidentQuery), responses((status = 200, description = "Incidents and breaches with their clocks", body = Vec<IncidentAnswer>)))]
pub async fn list_incidents(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<IncidentQuery>,
) -> ApiResult<Json<Vec<IncidentAnswer>>> {
    principal.require(Permission::ReadIncidents)?;
    let app = state.clone();
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let listed = incidents(registry, &app).list_for(query.open, query.overdue.then(chrono::Utc::now), &reader)?;
        Ok(Json(answers(&listed)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewIncidentBody {
    title: String,
    /// When the organisation became aware (starts the 72-hour clock of a breach).
    #[schema(value_type = InstantText)]
    aware_at: String,
    /// When it was detected (default: when aware).
    #[schema(value_type = Option<InstantText>)]
    detected_at: Option<String>,
    description: Option<String>,
    /// A personal-data breach.
    #[serde(default)]
    breach: bool,
    /// A significant incident of an operation in NIS2 scope.
    #[serde(default)]
    nis2: bool,
    /// When a NIS2 incident was found significant; its 24- and 72-hour clocks run from here
    /// (default: the detection).
    #[schema(value_type = Option<InstantText>)]
    nis2_significant_at: Option<String>,
    /// Default `unspecified`.
    #[schema(value_type = Option<IncidentSeverityKey>)]
    severity: Option<String>,
    /// Category, cause and outcome as far as known (each may be set later).
    #[serde(default)]
    classification: Option<ClassificationBody>,
}

#[utoipa::path(post, path = "/incidents", tag = "incidents", request_body = NewIncidentBody, responses((status = 201, description = "The registered incident", body = IncidentAnswer)))]
pub async fn new_incident(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewIncidentBody>,
) -> ApiResult<(StatusCode, Json<IncidentAnswer>)> {
    principal.require(Permission::WriteIncidents)?;
    let request = kirjuri_incidents::NewIncident {
        title: body.title,
        description: body.description,
        aware_at: instant("aware_at", &body.aware_at)?,
        detected_at: body
            .detected_at
            .as_deref()
            .map(|d| instant("detected_at", d))
            .transpose()?,
        occurred_at: None,
        reporter: Some(principal.name.clone()),
        severity: Severity::parse(body.severity.as_deref().unwrap_or("unspecified")).map_err(ApiError::bad_request)?,
        breach: body.breach,
        nis2: body.nis2,
        nis2_significant_at: body
            .nis2_significant_at
            .as_deref()
            .map(|t| instant("nis2_significant_at", t))
            .transpose()?,
        classification: body.classification.unwrap_or_default().parse()?,
    };
    let actor = actor_of(&principal);
    let app = state.clone();
    let stored = blocking(&state, move |registry| {
        new_incident_as(registry, &app, &request, &actor)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(IncidentAnswer::from(&stored))))
}

#[utoipa::path(get, path = "/incidents/{id}", tag = "incidents", params(("id" = String, Path, description = "Incident id")), responses((status = 200, description = "The incident", body = IncidentAnswer)))]
pub async fn get_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::ReadIncidents)?;
    let app = state.clone();
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let incident = incidents(registry, &app).get_for(&id, &reader)?;
        Ok(Json(IncidentAnswer::from(&incident)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IncidentTransitionBody {
    /// The new state (the answer to a disallowed one lists the allowed states).
    #[schema(value_type = IncidentStateKey)]
    state: String,
}

#[utoipa::path(post, path = "/incidents/{id}/transition", tag = "incidents", request_body = IncidentTransitionBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident in its new state", body = IncidentAnswer)))]
pub async fn transition_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<IncidentTransitionBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let to = IncidentState::parse(&body.state).map_err(ApiError::bad_request)?;
    changed(&state, &principal, id, IncidentChange::Transition(to)).await
}

/// When an incident is found to be a personal-data breach.
#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct MarkBreachBody {
    /// When the controller became aware that personal data were affected; the 72 hours run
    /// from here (default: the incident's awareness).
    #[schema(value_type = Option<InstantText>)]
    aware_at: Option<String>,
}

/// Marks an incident as a personal-data breach: the 72-hour clock starts when the controller
/// became aware that personal data were affected (GDPR Art 33(1), EDPB Guidelines 9/2022). The
/// body may be left out.
#[utoipa::path(post, path = "/incidents/{id}/breach", tag = "incidents", request_body(content = Option<MarkBreachBody>),
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with its breach facet and clocks", body = IncidentAnswer)))]
pub async fn mark_breach(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    // An empty body keeps the earlier call (no body at all) working.
    let body: MarkBreachBody = optional_json(&body)?;
    let aware_at = body.aware_at.as_deref().map(|t| instant("aware_at", t)).transpose()?;
    changed(&state, &principal, id, IncidentChange::MarkBreach(aware_at)).await
}

/// When an incident is found a significant NIS2 incident.
#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct MarkNis2Body {
    /// When it was found significant; the 24- and 72-hour clocks run from here (default: the
    /// detection).
    #[schema(value_type = Option<InstantText>)]
    significant_at: Option<String>,
}

/// Marks an incident a significant incident of an operation in NIS2 scope (opt-in): the early
/// warning (24 h) and incident notification (72 h) clocks of Cybersecurity Act 124/2025 §11 run
/// from when it was found significant. The body may be left out.
#[utoipa::path(post, path = "/incidents/{id}/nis2", tag = "incidents", request_body(content = Option<MarkNis2Body>),
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with its NIS2 clocks", body = IncidentAnswer)))]
pub async fn mark_nis2(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let body: MarkNis2Body = optional_json(&body)?;
    let significant_at = body
        .significant_at
        .as_deref()
        .map(|t| instant("significant_at", t))
        .transpose()?;
    changed(&state, &principal, id, IncidentChange::MarkNis2(significant_at)).await
}

/// The NIS2 supervisor's request for an intermediate report.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Nis2ReportRequestBody {
    /// The day the authority asked (YYYY-MM-DD).
    asked_on: NaiveDate,
    /// The day the authority set for the report (YYYY-MM-DD).
    due_on: NaiveDate,
    /// What the authority asked for.
    what: String,
}

/// Records the NIS2 supervisor's request for an intermediate report on status updates (NIS2 Art
/// 23(4)(c)): a clock due on the day the authority set, met by a notification of phase
/// `intermediate`.
#[utoipa::path(post, path = "/incidents/{id}/nis2-report-requests", tag = "incidents", request_body = Nis2ReportRequestBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the request and its clock", body = IncidentAnswer)))]
pub async fn request_nis2_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<Nis2ReportRequestBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let ask = kirjuri_incidents::Nis2ReportAsk {
        asked_on: body.asked_on,
        due_on: body.due_on,
        what: body.what,
    };
    changed(&state, &principal, id, IncidentChange::Nis2ReportRequest(ask)).await
}

/// Sets an incident's category, cause or outcome for the annual report (chapter 3.4); a part
/// left out keeps its value. Audited (`incident.classify`, old and new values).
#[utoipa::path(post, path = "/incidents/{id}/classification", tag = "incidents", request_body = ClassificationBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with its classification", body = IncidentAnswer)))]
pub async fn classify_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<ClassificationBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let classification = body.parse()?;
    changed(&state, &principal, id, IncidentChange::Classify(classification)).await
}

/// A JSON body that may be left out (empty: the defaults).
fn optional_json<T: serde::de::DeserializeOwned + Default>(body: &[u8]) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| ApiError::BadRequest {
        code: "bad_json",
        message: format!("request body: {e}"),
    })
}

/// A corrected moment of awareness of a breach.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct BreachAwarenessBody {
    /// When the controller became aware that personal data were affected.
    #[schema(value_type = InstantText)]
    aware_at: String,
    /// Why the moment changes (kept in the breach's history and the audit log).
    reason: String,
}

/// Corrects when the controller became aware of the breach: the open 72-hour clock is replaced
/// by one from the new moment; the change is kept with its reason.
#[utoipa::path(post, path = "/incidents/{id}/breach-awareness", tag = "incidents", request_body = BreachAwarenessBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the moment changed and its clocks", body = IncidentAnswer)))]
pub async fn change_breach_awareness(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<BreachAwarenessBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let aware_at = instant("aware_at", &body.aware_at)?;
    let change = IncidentChange::BreachAwareness(aware_at, body.reason);
    changed(&state, &principal, id, change).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AssessmentBody {
    /// The risk to the people concerned: none, risk or high.
    #[schema(value_type = Option<RiskLevelKey>)]
    risk: Option<String>,
    rationale: Option<String>,
    /// What the breach affected.
    #[serde(default)]
    #[schema(value_type = Vec<BreachTypeKey>)]
    types: Vec<String>,
    #[serde(default)]
    data_categories: Vec<String>,
    /// Approximate number of people concerned.
    people: Option<u64>,
    /// Approximate number of records concerned.
    records: Option<u64>,
    /// Special categories of personal data (GDPR Art 9).
    #[serde(default)]
    special: bool,
    #[serde(default)]
    minors: bool,
    /// Personal identity codes (henkilötunnukset).
    #[serde(default)]
    identity_codes: bool,
    /// Data on criminal convictions and offences (GDPR Art 10).
    #[serde(default)]
    criminal: bool,
    /// GDPR 34(3) ground for not telling the people concerned.
    #[schema(value_type = Option<Art34ExemptionKey>)]
    exemption: Option<String>,
    exemption_text: Option<String>,
}

/// Records a risk assessment of a breach; it creates or cancels the notification clocks.
#[utoipa::path(post, path = "/incidents/{id}/assessment", tag = "incidents", request_body = AssessmentBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the assessment and its clocks", body = IncidentAnswer)))]
pub async fn assess_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<AssessmentBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let assessment = kirjuri_incidents::service::AssessmentInput {
        risk: body.risk,
        rationale: body.rationale,
        types: body.types,
        data_categories: body.data_categories,
        people: body.people,
        records: body.records,
        special: body.special,
        minors: body.minors,
        identity_codes: body.identity_codes,
        criminal: body.criminal,
        exemption: body.exemption,
        exemption_text: body.exemption_text,
    }
    .parse()
    .map_err(ApiError::bad_request)?;
    changed(&state, &principal, id, IncidentChange::Assess(assessment)).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoticeBody {
    #[schema(value_type = NotificationPhaseKey)]
    phase: String,
    /// When it was sent (default now).
    #[schema(value_type = Option<InstantText>)]
    sent_at: Option<String>,
    /// Default by phase: the Data Protection Ombudsman's office, NCSC-FI, or the data subjects.
    authority: Option<String>,
    /// The authority's reference number.
    reference: Option<String>,
    /// Why it is late, when it is.
    late_reason: Option<String>,
}

/// Records a notification that was sent (to the Data Protection Ombudsman, Traficom or the
/// people concerned); a late one needs its reason.
#[utoipa::path(post, path = "/incidents/{id}/notifications", tag = "incidents", request_body = NoticeBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the notification recorded", body = IncidentAnswer)))]
pub async fn notify_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<NoticeBody>,
) -> ApiResult<Json<IncidentAnswer>> {
    principal.require(Permission::WriteIncidents)?;
    let notice = kirjuri_incidents::Notice {
        phase: NotificationPhase::parse(&body.phase).map_err(ApiError::bad_request)?,
        authority: body.authority,
        sent_at: match body.sent_at.as_deref() {
            Some(text) => instant("sent_at", text)?,
            None => chrono::Utc::now(),
        },
        reference_no: body.reference,
        late_reason: body.late_reason,
    };
    changed(&state, &principal, id, IncidentChange::Notify(notice)).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DraftQuery {
    /// `json` (default) or `md`.
    #[param(pattern = "^(json|md)$")]
    format: Option<String>,
}

/// The notification draft of a breach for the Data Protection Ombudsman's form.
#[utoipa::path(get, path = "/incidents/{id}/notification-draft", tag = "incidents", params(("id" = String, Path, description = "Incident id"), DraftQuery),
    responses((status = 200, description = "The draft", content((NotificationDraftAnswer = "application/json"), (String = "text/markdown")))))]
pub async fn notification_draft(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Query(query): Query<DraftQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse as _;
    principal.require(Permission::ReadIncidents)?;
    let markdown = match query.format.as_deref().unwrap_or("json") {
        "json" => false,
        "md" => true,
        other => return Err(ApiError::bad_request(format!("format `{other}`, expected json or md"))),
    };
    let app = state.clone();
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let incident = breach_for_draft(registry, &app, &reader, &id)?;
        Ok(if markdown {
            (
                [(axum::http::header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
                kirjuri_incidents::notification_markdown(&incident, &app.organisation),
            )
                .into_response()
        } else {
            axum::Json(NotificationDraftAnswer::of(&incident, &app.organisation)?).into_response()
        })
    })
    .await
}

/// Runs one change of an incident through the shared use-case (`change_incident_as`) as the
/// caller, and answers with the incident.
async fn changed(
    state: &AppState,
    principal: &Principal,
    id: String,
    change: IncidentChange,
) -> ApiResult<Json<IncidentAnswer>> {
    let actor = actor_of(principal);
    let app = state.clone();
    let reader = principal.reader();
    blocking(state, move |registry| {
        let incident = change_incident_as(registry, &app, &reader, &id, change, &actor)?;
        Ok(Json(IncidentAnswer::from(&incident)))
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use serde_json::json;

    use super::*;

    /// A breach with every optional part present, notified twice.
    fn full_incident() -> kirjuri_incidents::Incident {
        serde_json::from_value(json!({
            "id": "inc-1", "case_id": "case-9", "diary_number": "KIR/3/02.07.00/2026",
            "title": "Väärä vastaanottaja", "description": "kirje väärään osoitteeseen",
            "occurred_at": "2026-11-27T09:00:00Z", "detected_at": "2026-11-28T12:00:00Z",
            "aware_at": "2026-11-28T13:00:00Z", "reporter": "tietosuojavastaava",
            "severity": "high", "state": "containment", "false_positive": false,
            "timeline": [{ "at": "2026-11-28T13:00:00Z", "title": "Havaittu", "content": "soitto",
                "source": "puhelin", "flagged": true, "added_by": "tietosuojavastaava",
                "added_at": "2026-11-28T13:05:00Z" }],
            "tasks": [{ "id": "t1", "title": "Pyydä poistamaan", "assignees": ["kirjaaja"],
                "due": "2026-11-30", "status": "in-progress" }],
            "root_cause": "osoitevirhe", "measures": "ohjeistus",
            "breach": {
                "types": ["confidentiality", "integrity"], "data_categories": ["terveystiedot"],
                "special_categories": true, "criminal_data": false, "personal_identity_codes": true,
                "minors": false, "approx_people": 12, "approx_records": 40,
                "assessments": [{ "at": "2026-11-28T14:00:00Z", "by": "tietosuojavastaava",
                    "risk": "high", "rationale": "henkilötunnuksia" }],
                "art34_exemption": ["b-risk-removed", "palautettu avaamattomana"],
                "not_notified_reason": null
            },
            "nis2": true,
            "clocks": [
                { "kind": "ombudsman-72h", "due": "2026-12-01T13:00:00Z", "due_day": null,
                  "started_at": "2026-11-28T13:00:00Z", "cancelled": null, "met_by": "inc-1-n1" },
                { "kind": "nis2-final", "due": "2026-12-29T22:00:00Z",
                  "due_day": ["2026-12-29", "2026-12-30"], "started_at": "2026-11-29T10:00:00Z",
                  "cancelled": "riski poistui", "met_by": null }
            ],
            "notifications": [
                { "id": "inc-1-n1", "authority": "Tietosuojavaltuutetun toimisto", "phase": "preliminary",
                  "sent_at": "2026-11-29T10:00:00Z", "reference_no": "TSV/1/2026",
                  "due": "2026-12-01T13:00:00Z", "on_time": true, "late_reason": null,
                  "content_snapshot": { "1_type": "preliminary" }, "sent_by": "tietosuojavastaava" },
                { "id": "inc-1-n2", "authority": "NCSC-FI", "phase": "early-warning",
                  "sent_at": "2026-11-29T11:00:00Z", "reference_no": null, "due": null,
                  "on_time": null, "late_reason": "viive", "content_snapshot": null,
                  "sent_by": "tietosuojavastaava" },
                { "id": "inc-1-n3", "authority": "data subjects", "phase": "subjects-informed",
                  "sent_at": "2026-11-30T11:00:00Z", "reference_no": null, "due": null,
                  "on_time": null, "late_reason": null, "content_snapshot": {},
                  "sent_by": "tietosuojavastaava" }
            ],
            "linked_requests": ["req-4"],
            "state_history": [["open", "containment", "2026-11-28T15:00:00Z", "tietosuojavastaava"]],
            "created_by": "tietosuojavastaava",
            "classification": { "category": "misdelivery", "cause": "human-error", "outcome": "contained" }
        }))
        .unwrap()
    }

    #[test]
    fn an_incident_answers_as_it_is_stored() {
        let full = full_incident();
        assert_eq!(
            serde_json::to_value(IncidentAnswer::from(&full)).unwrap(),
            serde_json::to_value(&full).unwrap()
        );
        let mut bare = full;
        bare.description = None;
        bare.occurred_at = None;
        bare.root_cause = None;
        bare.measures = None;
        bare.breach = None;
        bare.notifications.clear();
        bare.state_history.clear();
        assert_eq!(
            serde_json::to_value(IncidentAnswer::from(&bare)).unwrap(),
            serde_json::to_value(&bare).unwrap()
        );
    }

    #[test]
    fn every_incident_vocabulary_key_is_the_stored_word() {
        fn same<D: Copy + serde::Serialize, K: serde::Serialize + From<D>>(all: &[D]) {
            for value in all {
                assert_eq!(json!(K::from(*value)), json!(value));
            }
        }
        same::<_, IncidentSeverityKey>(Severity::ALL);
        same::<_, IncidentStateKey>(IncidentState::ALL);
        same::<_, BreachTypeKey>(BreachType::ALL);
        same::<_, RiskLevelKey>(RiskLevel::ALL);
        same::<_, Art34ExemptionKey>(Art34Exemption::ALL);
        same::<_, ClockKindKey>(ClockKind::ALL);
        same::<_, NotificationPhaseKey>(NotificationPhase::ALL);
        same::<_, TaskStatusKey>(TaskStatus::ALL);
        same::<_, IncidentCategoryKey>(IncidentCategory::ALL);
        same::<_, IncidentCauseKey>(IncidentCause::ALL);
        same::<_, IncidentOutcomeKey>(IncidentOutcome::ALL);
    }

    #[test]
    fn the_draft_answers_as_the_domain_composes_it() {
        let full = full_incident();
        for incident in [full.clone(), {
            let mut first = full.clone();
            first.notifications.clear();
            first.breach = Some(kirjuri_incidents::Breach::default());
            first.occurred_at = None;
            first
        }] {
            let draft = NotificationDraftAnswer::of(&incident, "Esimerkkikaupunki").unwrap();
            assert_eq!(
                serde_json::to_value(draft).unwrap(),
                kirjuri_incidents::notification_json(&incident, "Esimerkkikaupunki")
            );
        }
    }
}
