//! Information requests (tietopyynnöt): registration, states, clock pauses, log reports.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_clock::parse_start;
use kirjuri_requests::{ExtensionJustification, LogOrigin};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{DayOrInstantText, DeadlineRuleKey, answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;
use kirjuri_registry::{Actor, Registry};

vocabulary!(
    /// What an information request asks for.
    RequestKindKey, kirjuri_requests::RequestKind, kirjuri_requests::RequestKind::ALL, kirjuri_requests::RequestKind::key
);
vocabulary!(
    /// Information request state (DOMAIN.md §6.4).
    RequestStateKey, kirjuri_requests::RequestState, kirjuri_requests::RequestState::ALL, kirjuri_requests::RequestState::key
);
vocabulary!(
    /// Where a log investigation came from: a data subject or a manager.
    LogOriginKey,
    LogOrigin,
    &[LogOrigin::DataSubject, LogOrigin::Manager],
    log_origin_key
);
vocabulary!(
    /// Why the Publicity Act's one-month limit is used.
    ExtensionJustificationKey,
    ExtensionJustification,
    &[
        ExtensionJustification::LargeVolume,
        ExtensionJustification::SpecialMeasures,
        ExtensionJustification::Other
    ],
    extension_justification_key
);

fn log_origin_key(origin: LogOrigin) -> &'static str {
    match origin {
        LogOrigin::DataSubject => "data-subject",
        LogOrigin::Manager => "manager",
    }
}

fn extension_justification_key(justification: ExtensionJustification) -> &'static str {
    match justification {
        ExtensionJustification::LargeVolume => "large-volume",
        ExtensionJustification::SpecialMeasures => "special-measures",
        ExtensionJustification::Other => "other",
    }
}

/// A deadline as stored when it was set: absolute dates, never recomputed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestDeadlineAnswer {
    pub rule: DeadlineRuleKey,
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

impl From<&kirjuri_requests::StoredDeadline> for RequestDeadlineAnswer {
    fn from(d: &kirjuri_requests::StoredDeadline) -> Self {
        RequestDeadlineAnswer {
            rule: d.rule.into(),
            due: d.due,
            due_moved: d.due_moved,
            warn_on: d.warn_on,
            calendar: d.calendar.clone(),
            set_at: d.set_at,
            set_by: d.set_by.clone(),
            reason: d.reason.clone(),
        }
    }
}

/// One state change of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestTransitionAnswer {
    pub from: RequestStateKey,
    pub to: RequestStateKey,
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
}

impl From<&kirjuri_requests::RequestTransition> for RequestTransitionAnswer {
    fn from(t: &kirjuri_requests::RequestTransition) -> Self {
        RequestTransitionAnswer {
            from: t.from.into(),
            to: t.to.into(),
            at: t.at,
            by: t.by.clone(),
            reason: t.reason.clone(),
            legal_basis: t.legal_basis.clone(),
        }
    }
}

/// An audited clock pause; `to` is null while the clock stands still.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClockPauseAnswer {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub reason: String,
    pub by: String,
}

impl From<&kirjuri_requests::ClockPause> for ClockPauseAnswer {
    fn from(p: &kirjuri_requests::ClockPause) -> Self {
        ClockPauseAnswer {
            from: p.from,
            to: p.to,
            reason: p.reason.clone(),
            by: p.by.clone(),
        }
    }
}

/// The extension of a request's deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestExtensionAnswer {
    pub reason: String,
    /// The day the requester was told of the extension.
    pub told_requester_on: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<ExtensionJustificationKey>,
}

impl From<&kirjuri_requests::Extension> for RequestExtensionAnswer {
    fn from(e: &kirjuri_requests::Extension) -> Self {
        RequestExtensionAnswer {
            reason: e.reason.clone(),
            told_requester_on: e.told_requester_on,
            justification: e.justification.map(Into::into),
        }
    }
}

/// An internal target day, stored when set (calendar days, no roll).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetDeadlineAnswer {
    pub due: NaiveDate,
    /// The configured number of days it was set with.
    pub days: u32,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
    pub reason: String,
}

impl From<&kirjuri_requests::TargetDeadline> for TargetDeadlineAnswer {
    fn from(t: &kirjuri_requests::TargetDeadline) -> Self {
        TargetDeadlineAnswer {
            due: t.due,
            days: t.days,
            set_at: t.set_at,
            set_by: t.set_by.clone(),
            reason: t.reason.clone(),
        }
    }
}

/// Appeal instructions (valitusosoitus) of an appealable decision (Publicity Act §33).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppealInstructionsAnswer {
    /// The administrative court (Finnish name).
    pub court: String,
    pub court_sv: String,
    pub decision_on: NaiveDate,
    /// The appeal period in days.
    pub appeal_days: u32,
    /// The instructions in Finnish and Swedish.
    pub text: String,
    /// The document of the request's case holding the decision with the instructions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
}

impl From<&kirjuri_requests::AppealInstructions> for AppealInstructionsAnswer {
    fn from(a: &kirjuri_requests::AppealInstructions) -> Self {
        AppealInstructionsAnswer {
            court: a.court.clone(),
            court_sv: a.court_sv.clone(),
            decision_on: a.decision_on,
            appeal_days: a.appeal_days,
            text: a.text.clone(),
            document_id: a.document_id.clone(),
        }
    }
}

/// Publicity Act §14(3): the clock of the authority's decision after a referral request, and
/// the decision with its appeal instructions once issued.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralClockAnswer {
    pub requested_on: NaiveDate,
    /// The target day in force.
    pub target: TargetDeadlineAnswer,
    /// Every target ever set, oldest first.
    pub history: Vec<TargetDeadlineAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_issued_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal: Option<AppealInstructionsAnswer>,
}

impl From<&kirjuri_requests::ReferralClock> for ReferralClockAnswer {
    fn from(c: &kirjuri_requests::ReferralClock) -> Self {
        ReferralClockAnswer {
            requested_on: c.requested_on,
            target: (&c.target).into(),
            history: answers(&c.history),
            decision_issued_on: c.decision_issued_on,
            appeal: c.appeal.as_ref().map(Into::into),
        }
    }
}

/// An information request (tietopyyntö) with its deadline and history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InfoRequestAnswer {
    pub id: String,
    pub kind: RequestKindKey,
    /// The case the request is registered under.
    pub case_id: String,
    #[schema(
        pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$",
        example = "KIR/12/07.00.03/2026"
    )]
    pub diary_number: String,
    /// Arrival in any part of the organisation.
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    /// Null when the requester stays anonymous (Publicity Act §13).
    pub requester: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<LogOriginKey>,
    pub state: RequestStateKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// The deadline in force; null for requests without a legal clock.
    pub deadline: Option<RequestDeadlineAnswer>,
    /// Every deadline ever set, oldest first (the current one last).
    pub deadline_history: Vec<RequestDeadlineAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<RequestExtensionAnswer>,
    pub pauses: Vec<ClockPauseAnswer>,
    /// Grounds of a refusal or decision: for a document request, keys of the secrecy-grounds
    /// list (e.g. `julkl-24-1-25`).
    pub refusal_legal_basis: Vec<String>,
    /// Grounds outside the list, as free text ("other ground").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refusal_other_ground: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<NaiveDate>,
    pub history: Vec<RequestTransitionAnswer>,
    pub created_by: String,
    /// Publicity Act §14(3): the decision clock after a referral request, and the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<ReferralClockAnswer>,
    /// A document request's disclosure record: documents, fees (§34), transfer (§15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<crate::api::request_disclosure::DisclosureAnswer>,
    /// A refused GDPR request: the Art 12(4) record (one-month day, day sent, late or not,
    /// complaint rights told).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gdpr_refusal: Option<Art12RefusalAnswer>,
    /// GDPR requests: how the identity was checked (Art 12(6)), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identity_verifications: Vec<crate::api::gdpr_identity::IdentityVerificationAnswer>,
    /// Warnings about the request, e.g. a GDPR refusal sent after the one-month day (Art
    /// 12(4)), naming that day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// How a GDPR request was refused (Art 12(4)).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Art12RefusalAnswer {
    /// The original one-month day from receipt; an extension does not move it for a refusal.
    pub one_month_day: NaiveDate,
    /// The day the refusal was sent to the person.
    pub told_on: NaiveDate,
    /// Sent after the one-month day.
    pub late: bool,
    /// The refusal told the person of their right to complain to the Data Protection Ombudsman
    /// and to go to court.
    pub complaint_rights_told: bool,
}

impl From<&kirjuri_requests::Art12Refusal> for Art12RefusalAnswer {
    fn from(r: &kirjuri_requests::Art12Refusal) -> Self {
        Art12RefusalAnswer {
            one_month_day: r.one_month_day,
            told_on: r.told_on,
            late: r.late,
            complaint_rights_told: r.complaint_rights_told,
        }
    }
}

impl From<&kirjuri_requests::InfoRequest> for InfoRequestAnswer {
    fn from(r: &kirjuri_requests::InfoRequest) -> Self {
        InfoRequestAnswer {
            id: r.id.clone(),
            kind: r.kind.into(),
            case_id: r.case_id.clone(),
            diary_number: r.diary_number.to_string(),
            received_at: r.received_at,
            received_on: r.received_on,
            requester: r.requester.clone(),
            channel: r.channel.clone(),
            origin: r.origin.map(Into::into),
            state: r.state.into(),
            assignee: r.assignee.clone(),
            deadline: r.deadline.as_ref().map(Into::into),
            deadline_history: answers(&r.deadline_history),
            extension: r.extension.as_ref().map(Into::into),
            pauses: answers(&r.pauses),
            refusal_legal_basis: r.refusal_legal_basis.clone(),
            refusal_other_ground: r.refusal_other_ground.clone(),
            decided_on: r.decided_on,
            history: answers(&r.history),
            created_by: r.created_by.clone(),
            referral: r.referral.as_ref().map(Into::into),
            disclosure: (!r.disclosure.is_empty()).then(|| (&r.disclosure).into()),
            gdpr_refusal: r.gdpr_refusal.as_ref().map(Into::into),
            identity_verifications: answers(&r.identity_verifications),
            warnings: kirjuri_requests::gdpr::late_refusal_warning(r).into_iter().collect(),
        }
    }
}

/// One audit-trail entry of a log report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogHitAnswer {
    pub at: DateTime<Utc>,
    pub system: String,
    pub action: String,
    pub record: String,
    pub purpose: Option<String>,
    /// Null (withheld) unless disclosure was justified.
    pub user: Option<String>,
}

impl From<&kirjuri_requests::LogHit> for LogHitAnswer {
    fn from(h: &kirjuri_requests::LogHit) -> Self {
        LogHitAnswer {
            at: h.at,
            system: h.system.clone(),
            action: h.action.clone(),
            record: h.record.clone(),
            purpose: h.purpose.clone(),
            user: h.user.clone(),
        }
    }
}

/// A log investigation's report (lokiselvitys).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogReportContentAnswer {
    /// The request id.
    pub request: String,
    pub subject: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub users_disclosed: bool,
    pub disclosure_justification: Option<String>,
    pub hits: Vec<LogHitAnswer>,
}

impl From<&kirjuri_requests::LogReport> for LogReportContentAnswer {
    fn from(r: &kirjuri_requests::LogReport) -> Self {
        LogReportContentAnswer {
            request: r.request.clone(),
            subject: r.subject.clone(),
            from: r.from,
            to: r.to,
            users_disclosed: r.users_disclosed,
            disclosure_justification: r.disclosure_justification.clone(),
            hits: answers(&r.hits),
        }
    }
}

/// The stored report's document id and the report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogReportAnswer {
    /// The document of the request's case that holds the report.
    pub document: String,
    pub report: LogReportContentAnswer,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// Only requests past their deadline.
    #[serde(default)]
    overdue: bool,
    /// Only requests due within this many days.
    due_within: Option<u64>,
    assignee: Option<String>,
    #[param(value_type = Option<RequestStateKey>)]
    state: Option<String>,
    #[param(value_type = Option<RequestKindKey>)]
    kind: Option<String>,
    /// Include decided requests.
    #[serde(default)]
    all: bool,
}

#[utoipa::path(get, path = "/requests", tag = "requests", params(RequestQuery), responses((status = 200, description = "Information requests with their deadlines", body = Vec<InfoRequestAnswer>)))]
pub async fn list_requests(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<RequestQuery>,
) -> ApiResult<Json<Vec<InfoRequestAnswer>>> {
    principal.require(Permission::ReadRequests)?;
    let filter = kirjuri_requests::RequestFilter {
        overdue: query.overdue,
        due_within_days: query.due_within,
        assignee: query.assignee,
        state: query
            .state
            .as_deref()
            .map(kirjuri_requests::RequestState::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
        kind: query
            .kind
            .as_deref()
            .map(kirjuri_requests::RequestKind::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
        include_decided: query.all,
    };
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let requests = kirjuri_requests::Requests { registry }.list_for(&filter, helsinki_today(), &reader)?;
        Ok(Json(answers(&requests)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewRequestBody {
    #[schema(value_type = RequestKindKey)]
    kind: String,
    /// When the request arrived (a day or a moment).
    #[schema(value_type = DayOrInstantText)]
    received: String,
    requester: Option<String>,
    #[serde(default)]
    anonymous: bool,
    channel: Option<String>,
    /// For a log investigation: who asks.
    #[schema(value_type = Option<LogOriginKey>)]
    origin: Option<String>,
    assignee: Option<String>,
    /// An existing case (id or diary number) to register the request under.
    case: Option<String>,
}

#[utoipa::path(post, path = "/requests", tag = "requests", request_body = NewRequestBody, responses((status = 201, description = "The registered request with its case and deadline", body = InfoRequestAnswer)))]
pub async fn new_request(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewRequestBody>,
) -> ApiResult<(StatusCode, Json<InfoRequestAnswer>)> {
    principal.require(Permission::WriteRequests)?;
    let origin = body
        .origin
        .as_deref()
        .map(LogOrigin::parse)
        .transpose()
        .map_err(ApiError::bad_request)?;
    let request = kirjuri_requests::NewRequest {
        kind: kirjuri_requests::RequestKind::parse(&body.kind).map_err(ApiError::bad_request)?,
        received: parse_start(&body.received).map_err(|e| ApiError::bad_request(format!("received: {e}")))?,
        requester: body.requester,
        anonymous: body.anonymous,
        channel: body.channel,
        origin,
        assignee: body.assignee,
        case: body.case,
    };
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        new_request_as(registry, &principal, &request, &actor)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(InfoRequestAnswer::from(&stored))))
}

/// Registers a request for `principal` (the API and the web form); a request filed into an
/// existing case is a write in that case, and its assignee must be a user.
pub(crate) fn new_request_as(
    registry: &Registry<'_>,
    principal: &Principal,
    request: &kirjuri_requests::NewRequest,
    actor: &Actor,
) -> ApiResult<kirjuri_requests::InfoRequest> {
    if let Some(case) = &request.case {
        principal.require_writes_in_case(&registry.find_case(case)?)?;
    }
    // An assignee is a user (400 `unknown_user` otherwise), as on an access list.
    if let Some(assignee) = &request.assignee {
        crate::users::known_user_names(registry.store, std::slice::from_ref(assignee))?;
    }
    Ok(kirjuri_requests::Requests { registry }.new_request(request, actor)?)
}

/// A change to a request's handling.
pub(crate) enum RequestChange {
    Transition(kirjuri_requests::RequestState, kirjuri_requests::TransitionRequest),
    Pause(String),
    Resume,
    /// How the identity was checked (GDPR 12(6)): method, result, note.
    VerifyIdentity(
        kirjuri_requests::gdpr::IdentityMethod,
        kirjuri_requests::gdpr::IdentityResult,
        Option<String>,
    ),
}

/// Changes a request for a reader (the API and the web forms): a request whose case keeps the
/// reader out does not exist for them.
pub(crate) fn change_request_as(
    registry: &Registry<'_>,
    reader: &kirjuri_registry::Reader,
    id: &str,
    change: RequestChange,
    actor: &Actor,
) -> ApiResult<kirjuri_requests::InfoRequest> {
    let requests = kirjuri_requests::Requests { registry };
    requests.get_for(id, reader)?;
    Ok(match change {
        RequestChange::Transition(to, change) => requests.transition(id, to, &change, actor)?,
        RequestChange::Pause(reason) => requests.pause(id, &reason, actor)?,
        RequestChange::Resume => requests.resume(id, actor)?,
        RequestChange::VerifyIdentity(method, result, note) => {
            requests.verify_identity(id, method, result, note.as_deref(), actor)?
        }
    })
}

#[utoipa::path(get, path = "/requests/{id}", tag = "requests", params(("id" = String, Path, description = "Request id")), responses((status = 200, description = "The request", body = InfoRequestAnswer)))]
pub async fn get_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::ReadRequests)?;
    let reader = principal.reader();
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let request = kirjuri_requests::Requests { registry }.read_for(&id, &reader, &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RequestTransitionBody {
    /// The new state (the answer to a disallowed one lists the allowed states).
    #[schema(value_type = RequestStateKey)]
    state: String,
    reason: Option<String>,
    /// The legal basis of a refusal or decision: for a document request, secrecy grounds by
    /// key or citation (`julkl-24-1-32` or `JulkL 24 § 1 mom 32 kohta`, stored as the key); for
    /// a GDPR request e.g. `GDPR 12(5)`.
    #[serde(default)]
    legal_basis: Vec<String>,
    /// A document request's ground outside the secrecy-grounds list, as free text.
    other_ground: Option<String>,
    /// For an extension: the day the requester was told.
    told_on: Option<NaiveDate>,
    /// For a Publicity Act extension: why the one-month limit is used.
    #[schema(value_type = Option<ExtensionJustificationKey>)]
    justification: Option<String>,
    /// Refusing a GDPR request: the refusal told the person of their right to complain to the
    /// Data Protection Ombudsman and to go to court (GDPR 12(4)); required (400
    /// `complaint_rights_required` without it). For a refusal, `told_on` is the day it was sent.
    #[serde(default)]
    complaint_rights_told: bool,
}

#[utoipa::path(post, path = "/requests/{id}/transition", tag = "requests", params(("id" = String, Path, description = "Request id")), request_body = RequestTransitionBody, responses((status = 200, description = "The request in its new state", body = InfoRequestAnswer)))]
pub async fn transition_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<RequestTransitionBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::WriteRequests)?;
    let to = kirjuri_requests::RequestState::parse(&body.state).map_err(ApiError::bad_request)?;
    let change = kirjuri_requests::TransitionRequest {
        reason: body.reason,
        legal_basis: body.legal_basis,
        told_requester_on: body.told_on,
        justification: body
            .justification
            .as_deref()
            .map(ExtensionJustification::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
        other_ground: body.other_ground,
        publicity: (*state.publicity).clone(),
        complaint_rights_told: body.complaint_rights_told,
    };
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let request = change_request_as(registry, &reader, &id, RequestChange::Transition(to, change), &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PauseBody {
    /// Why the clock stops (e.g. waiting for the requester's clarification).
    reason: String,
}

#[utoipa::path(post, path = "/requests/{id}/pause", tag = "requests", request_body = PauseBody,
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, description = "The request with its clock paused", body = InfoRequestAnswer)))]
pub async fn pause_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<PauseBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::WriteRequests)?;
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let request = change_request_as(registry, &reader, &id, RequestChange::Pause(body.reason), &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}

#[utoipa::path(post, path = "/requests/{id}/resume", tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, description = "The request with its deadline moved by the paused days", body = InfoRequestAnswer)))]
pub async fn resume_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::WriteRequests)?;
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let request = change_request_as(registry, &reader, &id, RequestChange::Resume, &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LogReportBody {
    /// Whose records: a name or identifier as it appears in the audit trail's targets.
    subject: String,
    /// Period start (a day or a moment; default: all).
    #[schema(value_type = Option<DayOrInstantText>)]
    from: Option<String>,
    /// Period end (a day or a moment).
    #[schema(value_type = Option<DayOrInstantText>)]
    to: Option<String>,
    /// Name the users who read the records (needs a justification).
    #[serde(default)]
    disclose_users: bool,
    justification: Option<String>,
}

/// Runs a log investigation for a reader (the API and the request page): a request whose case
/// keeps the reader out does not exist for them; the report is stored as a document of the
/// request's case.
pub(crate) fn log_report_as(
    registry: &Registry<'_>,
    reader: &kirjuri_registry::Reader,
    id: &str,
    request: &kirjuri_requests::LogReportRequest,
    actor: &Actor,
) -> ApiResult<(kirjuri_registry::Document, kirjuri_requests::LogReport)> {
    let requests = kirjuri_requests::Requests { registry };
    requests.get_for(id, reader)?;
    Ok(requests.log_report(id, request, actor)?)
}

/// Answers a log investigation request (lokiselvityspyyntö) from the audit trail; the report is
/// stored as a document of the request's case.
#[utoipa::path(post, path = "/requests/{id}/log-report", tag = "requests", request_body = LogReportBody,
    params(("id" = String, Path, description = "Request id (a log investigation)")),
    responses((status = 201, description = "The stored report's document id and the report", body = LogReportAnswer)))]
pub async fn log_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<LogReportBody>,
) -> ApiResult<(StatusCode, Json<LogReportAnswer>)> {
    principal.require(Permission::WriteRequests)?;
    principal.require(Permission::ReadAudit)?;
    let day = |field: &str, text: Option<String>| {
        text.map(|t| {
            kirjuri_clock::parse_start(&t)
                .map(kirjuri_clock::Start::instant)
                .map_err(|e| ApiError::bad_request(format!("{field}: {e}")))
        })
        .transpose()
    };
    let request = kirjuri_requests::LogReportRequest {
        subject: body.subject,
        from: day("from", body.from)?,
        to: day("to", body.to)?,
        disclose_users: body.disclose_users,
        disclose_users_justification: body.justification,
    };
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let (document, report) = log_report_as(registry, &reader, &id, &request, &actor)?;
        Ok((
            StatusCode::CREATED,
            Json(LogReportAnswer {
                document: document.id,
                report: LogReportContentAnswer::from(&report),
            }),
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use serde_json::json;

    use super::*;

    /// A request with every optional part present.
    fn full_request() -> kirjuri_requests::InfoRequest {
        let deadline = |rule: &str, due: &str| {
            json!({
                "rule": rule, "due": due, "due_moved": "2026-12-28", "warn_on": "2026-12-24",
                "calendar": "fi", "set_at": "2026-11-27T10:00:00Z", "set_by": "kirjaaja", "reason": "received"
            })
        };
        serde_json::from_value(json!({
            "id": "req-1", "kind": "log-investigation", "case_id": "case-1",
            "diary_number": "KIR/12/07.01.04/2026",
            "received_at": "2026-11-27T10:00:00Z", "received_on": "2026-11-27",
            "requester": "Matti Virtanen", "channel": "email", "origin": "data-subject",
            "state": "extended", "assignee": "kirjaaja",
            "deadline": deadline("gdpr-extended", "2027-02-27"),
            "deadline_history": [deadline("gdpr", "2026-12-27"), deadline("gdpr-extended", "2027-02-27")],
            "extension": { "reason": "paljon asiakirjoja", "told_requester_on": "2026-12-01", "justification": "large-volume" },
            "pauses": [
                { "from": "2026-11-28", "to": "2026-11-30", "reason": "täsmennys", "by": "kirjaaja" },
                { "from": "2026-12-02", "to": null, "reason": "täsmennys", "by": "kirjaaja" }
            ],
            "refusal_legal_basis": ["GDPR 12(5)"],
            "decided_on": "2026-12-20",
            "history": [
                { "from": "received", "to": "in-progress", "at": "2026-11-27T11:00:00Z", "by": "kirjaaja" },
                { "from": "in-progress", "to": "extended", "at": "2026-11-28T11:00:00Z", "by": "kirjaaja",
                  "reason": "laaja", "legal_basis": ["GDPR 12(3)"] }
            ],
            "created_by": "kirjaaja",
            "referral": {
                "requested_on": "2026-12-07",
                "target": { "due": "2026-12-21", "days": 14, "set_at": "2026-12-07T10:00:00Z", "set_by": "kirjaaja", "reason": "referral requested" },
                "history": [{ "due": "2026-12-21", "days": 14, "set_at": "2026-12-07T10:00:00Z", "set_by": "kirjaaja", "reason": "referral requested" }],
                "decision_issued_on": "2026-12-18",
                "appeal": { "court": "Turun hallinto-oikeus", "court_sv": "Åbo förvaltningsdomstol", "decision_on": "2026-12-18",
                            "appeal_days": 30, "text": "VALITUSOSOITUS", "document_id": "doc-9" }
            },
            "gdpr_refusal": { "one_month_day": "2026-12-28", "told_on": "2026-12-20", "late": false,
                "complaint_rights_told": true }
        }))
        .unwrap()
    }

    #[test]
    fn a_request_answers_as_it_is_stored() {
        let full = full_request();
        assert_eq!(
            serde_json::to_value(InfoRequestAnswer::from(&full)).unwrap(),
            serde_json::to_value(&full).unwrap()
        );
        let mut bare = full;
        bare.requester = None;
        bare.channel = None;
        bare.origin = None;
        bare.assignee = None;
        bare.deadline = None;
        bare.extension = None;
        bare.decided_on = None;
        bare.referral = None;
        bare.kind = kirjuri_requests::RequestKind::Publicity;
        bare.history.truncate(1);
        bare.gdpr_refusal = None;
        assert_eq!(
            serde_json::to_value(InfoRequestAnswer::from(&bare)).unwrap(),
            serde_json::to_value(&bare).unwrap()
        );
    }

    #[test]
    fn every_request_vocabulary_key_is_the_stored_word() {
        for kind in kirjuri_requests::RequestKind::ALL {
            assert_eq!(json!(RequestKindKey(*kind)), json!(kind));
        }
        for state in kirjuri_requests::RequestState::ALL {
            assert_eq!(json!(RequestStateKey(*state)), json!(state));
        }
        // The rules a request's clock can run under (the schema lists every rule by its key).
        for kind in kirjuri_requests::RequestKind::ALL {
            let (first, extended) = kind.rules();
            for rule in [first, extended] {
                assert_eq!(json!(DeadlineRuleKey(rule)), json!(rule), "{rule:?}");
            }
        }
        for origin in LogOriginKey::keys() {
            assert_eq!(json!(LogOriginKey(LogOrigin::parse(origin).unwrap())), json!(origin));
            assert_eq!(json!(LogOrigin::parse(origin).unwrap()), json!(origin));
        }
        for justification in ExtensionJustificationKey::keys() {
            let parsed = ExtensionJustification::parse(justification).unwrap();
            assert_eq!(json!(ExtensionJustificationKey(parsed)), json!(parsed));
        }
    }

    #[test]
    fn a_log_report_answers_as_before() {
        let report = kirjuri_requests::LogReport {
            request: "req-1".to_owned(),
            subject: "Matti Virtanen".to_owned(),
            from: Some("2026-01-01T00:00:00Z".parse().unwrap()),
            to: None,
            users_disclosed: false,
            disclosure_justification: None,
            hits: vec![kirjuri_requests::LogHit {
                at: "2026-03-01T08:00:00Z".parse().unwrap(),
                system: "Kirjuri".to_owned(),
                action: "case.read".to_owned(),
                record: "case-1".to_owned(),
                purpose: Some("asian käsittely".to_owned()),
                user: None,
            }],
        };
        let answer = LogReportAnswer {
            document: "doc-1".to_owned(),
            report: LogReportContentAnswer::from(&report),
        };
        assert_eq!(
            serde_json::to_value(answer).unwrap(),
            json!({ "document": "doc-1", "report": report })
        );
    }
}
