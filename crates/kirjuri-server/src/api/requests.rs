//! Information requests (tietopyynnöt): registration, states, clock pauses, log reports.

use axum::extract::State;
use axum::http::StatusCode;
use kirjuri_clock::parse_start;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    #[serde(default)]
    overdue: bool,
    due_within: Option<u64>,
    assignee: Option<String>,
    state: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    all: bool,
}

#[utoipa::path(get, path = "/requests", tag = "requests", params(RequestQuery), responses((status = 200, description = "Information requests with their deadlines", body = Vec<Object>)))]
pub async fn list_requests(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<RequestQuery>,
) -> ApiResult<Json<Vec<kirjuri_requests::InfoRequest>>> {
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
    blocking(&state, move |registry| {
        Ok(Json(
            kirjuri_requests::Requests { registry }.list(&filter, helsinki_today())?,
        ))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewRequestBody {
    kind: String,
    received: String,
    requester: Option<String>,
    #[serde(default)]
    anonymous: bool,
    channel: Option<String>,
    origin: Option<String>,
    assignee: Option<String>,
    case: Option<String>,
}

#[utoipa::path(post, path = "/requests", tag = "requests", request_body = NewRequestBody, responses((status = 201, description = "The registered request with its case and deadline", body = Object)))]
pub async fn new_request(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewRequestBody>,
) -> ApiResult<(StatusCode, Json<kirjuri_requests::InfoRequest>)> {
    principal.require(Permission::WriteRequests)?;
    let origin = body
        .origin
        .as_deref()
        .map(kirjuri_requests::LogOrigin::parse)
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
        Ok(kirjuri_requests::Requests { registry }.new_request(&request, &actor)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

#[utoipa::path(get, path = "/requests/{id}", tag = "requests", params(("id" = String, Path, description = "Request id")), responses((status = 200, description = "The request", body = Object)))]
pub async fn get_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_requests::InfoRequest>> {
    principal.require(Permission::ReadRequests)?;
    blocking(&state, move |registry| {
        Ok(Json(kirjuri_requests::Requests { registry }.get(&id)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RequestTransitionBody {
    state: String,
    reason: Option<String>,
    #[serde(default)]
    legal_basis: Vec<String>,
    told_on: Option<chrono::NaiveDate>,
    justification: Option<String>,
}

#[utoipa::path(post, path = "/requests/{id}/transition", tag = "requests", params(("id" = String, Path, description = "Request id")), request_body = RequestTransitionBody, responses((status = 200, description = "The request in its new state", body = Object)))]
pub async fn transition_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<RequestTransitionBody>,
) -> ApiResult<Json<kirjuri_requests::InfoRequest>> {
    principal.require(Permission::WriteRequests)?;
    let to = kirjuri_requests::RequestState::parse(&body.state).map_err(ApiError::bad_request)?;
    let change = kirjuri_requests::TransitionRequest {
        reason: body.reason,
        legal_basis: body.legal_basis,
        told_requester_on: body.told_on,
        justification: body
            .justification
            .as_deref()
            .map(kirjuri_requests::ExtensionJustification::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
    };
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(
            kirjuri_requests::Requests { registry }.transition(&id, to, &change, &actor)?,
        ))
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
    responses((status = 200, description = "The request with its clock paused", body = Object)))]
pub async fn pause_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<PauseBody>,
) -> ApiResult<Json<kirjuri_requests::InfoRequest>> {
    principal.require(Permission::WriteRequests)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(kirjuri_requests::Requests { registry }.pause(
            &id,
            &body.reason,
            &actor,
        )?))
    })
    .await
}

#[utoipa::path(post, path = "/requests/{id}/resume", tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, description = "The request with its deadline moved by the paused days", body = Object)))]
pub async fn resume_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_requests::InfoRequest>> {
    principal.require(Permission::WriteRequests)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(kirjuri_requests::Requests { registry }.resume(&id, &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LogReportBody {
    /// Whose records: a name or identifier as it appears in the audit trail's targets.
    subject: String,
    /// Period start (date or date and time; default: all).
    from: Option<String>,
    /// Period end.
    to: Option<String>,
    /// Name the users who read the records (needs a justification).
    #[serde(default)]
    disclose_users: bool,
    justification: Option<String>,
}

/// Answers a log investigation request (lokiselvityspyyntö) from the audit trail; the report is
/// stored as a document of the request's case.
#[utoipa::path(post, path = "/requests/{id}/log-report", tag = "requests", request_body = LogReportBody,
    params(("id" = String, Path, description = "Request id (a log investigation)")),
    responses((status = 201, description = "The stored report's document id and the report", body = Object)))]
pub async fn log_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<LogReportBody>,
) -> ApiResult<(StatusCode, Json<Value>)> {
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
    blocking(&state, move |registry| {
        let (document, report) = kirjuri_requests::Requests { registry }.log_report(&id, &request, &actor)?;
        Ok((
            StatusCode::CREATED,
            Json(json!({ "document": document.id, "report": report })),
        ))
    })
    .await
}
