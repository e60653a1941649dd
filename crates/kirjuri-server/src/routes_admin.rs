//! The JSON API beyond the registry core: search, users and tokens, request clock pauses,
//! incident transitions, and the registers of processing activities and processors.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kirjuri_search::Reader;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::routes::{ApiResult, actor_of, blocking, incidents, with_app};
use crate::users::{self, Permission, Role};

// --- Search ---------------------------------------------------------------------------------

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The query: words (all must match), "a phrase", OR, -excluded.
    q: String,
    /// Class code; `07` matches everything under 07.
    class: Option<String>,
    record_type: Option<String>,
    /// First day (YYYY-MM-DD), inclusive.
    from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD), inclusive.
    to: Option<NaiveDate>,
    /// Only documents whose case is in this state (e.g. `vireilla`, `paatetty`).
    case_state: Option<String>,
    /// Only documents in this language (`fi`, `sv`, `en`).
    language: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    sort: Option<String>,
    /// At most this many hits (1-200, default 20).
    limit: Option<usize>,
}

/// Full-text search. Hits, counts and snippets only ever cover what the caller may read;
/// the search is audited.
#[utoipa::path(get, path = "/search", tag = "search", params(SearchQuery),
    responses((status = 200, description = "Hits with highlighted snippets", body = Object)))]
pub async fn search(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadPublicDocuments)?;
    if query.q.trim().is_empty() {
        return Err(ApiError::bad_request("q: the query is empty"));
    }
    let filters = kirjuri_app::FilterInput {
        class: query.class.as_deref(),
        record_type: query.record_type.as_deref(),
        from: query.from,
        to: query.to,
        case_state: query.case_state.as_deref(),
        language: query.language.as_deref(),
        sort: query.sort.as_deref(),
    }
    .parse()?;
    let limit = query.limit.unwrap_or(20);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_request("limit must be 1-200"));
    }
    let reader = Reader {
        may_read_restricted: principal.may(Permission::ReadRestrictedDocuments),
    };
    let actor = actor_of(&principal);
    let text = query.q;
    with_app(&state, move |app| {
        let results = app.search(&text, reader, &filters, limit, &actor)?;
        Ok(Json(
            serde_json::to_value(&results).map_err(|e| ApiError::Internal(e.to_string()))?,
        ))
    })
    .await
}

// --- Users and tokens -----------------------------------------------------------------------

#[utoipa::path(get, path = "/users", tag = "admin",
    responses((status = 200, description = "Users and their roles", body = Vec<Object>)))]
pub async fn list_users(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Vec<users::UserView>>> {
    principal.require(Permission::ManageUsers)?;
    blocking(&state, |registry| Ok(Json(users::list_users(registry.store)?))).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    /// 2-64 characters of letters, digits and . _ - @
    name: String,
    /// staff, registrar, archivist, privacy-officer, auditor or admin
    role: String,
    /// At least 12 characters.
    password: String,
}

#[utoipa::path(post, path = "/users", tag = "admin", request_body = NewUserBody,
    responses((status = 201, description = "The new user", body = Object)))]
pub async fn add_user(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewUserBody>,
) -> ApiResult<(StatusCode, Json<users::UserView>)> {
    principal.require(Permission::ManageUsers)?;
    let role = Role::parse(&body.role).map_err(ApiError::bad_request)?;
    let actor = principal.name.clone();
    let user = blocking(&state, move |registry| {
        Ok(users::add_user(
            registry.store,
            &body.name,
            role,
            &body.password,
            &actor,
        )?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

#[utoipa::path(post, path = "/users/{name}/tokens/revoke", tag = "admin",
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "How many tokens were revoked", body = Object)))]
pub async fn revoke_user_tokens(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        if registry.store.get::<users::User>(users::USER, &name)?.is_none() {
            return Err(ApiError::NotFound(format!("user {name}")));
        }
        let revoked = users::revoke_tokens(registry.store, &name, &actor)?;
        Ok(Json(json!({ "user": name, "revoked": revoked })))
    })
    .await
}

/// Revokes every token of the caller (sign-out everywhere for API clients).
#[utoipa::path(post, path = "/tokens/revoke", tag = "auth",
    responses((status = 200, description = "How many tokens were revoked", body = Object)))]
pub async fn revoke_own_tokens(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    let name = principal.name.clone();
    blocking(&state, move |registry| {
        let revoked = users::revoke_tokens(registry.store, &name, &name)?;
        Ok(Json(json!({ "user": name, "revoked": revoked })))
    })
    .await
}

// --- Request clocks and incident states -----------------------------------------------------

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
pub struct IncidentTransitionBody {
    /// The new state (the answer to a disallowed one lists the allowed states).
    state: String,
}

#[utoipa::path(post, path = "/incidents/{id}/transition", tag = "incidents", request_body = IncidentTransitionBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident in its new state", body = Object)))]
pub async fn transition_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<IncidentTransitionBody>,
) -> ApiResult<Json<kirjuri_incidents::Incident>> {
    principal.require(Permission::WriteIncidents)?;
    let to = kirjuri_incidents::IncidentState::parse(&body.state).map_err(ApiError::bad_request)?;
    let actor = actor_of(&principal);
    let app = state.clone();
    blocking(&state, move |registry| {
        Ok(Json(incidents(registry, &app).transition(&id, to, &actor)?))
    })
    .await
}

// --- Registers ------------------------------------------------------------------------------

#[utoipa::path(get, path = "/registers", tag = "registers",
    responses((status = 200, description = "The register of processing activities (GDPR Art 30) with completeness", body = Object)))]
pub async fn list_registers(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let completeness = kirjuri_incidents::completeness(&registers);
        Ok(Json(json!({ "registers": registers, "completeness": completeness })))
    })
    .await
}

#[utoipa::path(get, path = "/processors", tag = "registers",
    responses((status = 200, description = "Processor agreements and processors without a valid one", body = Object)))]
pub async fn list_processors(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let agreements = kirjuri_incidents::load_agreements(registry.store)?;
        let today = crate::routes::helsinki_today();
        let missing = kirjuri_incidents::processors_without_agreement(&registers, &agreements, today);
        Ok(Json(
            json!({ "agreements": agreements, "without_valid_agreement": missing }),
        ))
    })
    .await
}

// --- Breach assessment, notifications, log reports ------------------------------------------

/// Marks an incident as a personal-data breach: the 72-hour clock starts from awareness.
#[utoipa::path(post, path = "/incidents/{id}/breach", tag = "incidents",
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with its breach facet and clocks", body = Object)))]
pub async fn mark_breach(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_incidents::Incident>> {
    principal.require(Permission::WriteIncidents)?;
    let actor = actor_of(&principal);
    let app = state.clone();
    blocking(&state, move |registry| {
        Ok(Json(incidents(registry, &app).mark_breach(&id, &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AssessmentBody {
    /// low, medium or high
    risk: Option<String>,
    rationale: Option<String>,
    /// confidentiality, integrity, availability
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    data_categories: Vec<String>,
    people: Option<u64>,
    records: Option<u64>,
    #[serde(default)]
    special: bool,
    #[serde(default)]
    minors: bool,
    #[serde(default)]
    identity_codes: bool,
    #[serde(default)]
    criminal: bool,
    /// GDPR 34(3): a-unintelligible, b-risk-removed or c-disproportionate-effort
    exemption: Option<String>,
    exemption_text: Option<String>,
}

/// Records a risk assessment of a breach; it creates or cancels the notification clocks.
#[utoipa::path(post, path = "/incidents/{id}/assessment", tag = "incidents", request_body = AssessmentBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the assessment and its clocks", body = Object)))]
pub async fn assess_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<AssessmentBody>,
) -> ApiResult<Json<kirjuri_incidents::Incident>> {
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
    let actor = actor_of(&principal);
    let app = state.clone();
    blocking(&state, move |registry| {
        Ok(Json(incidents(registry, &app).assess(&id, &assessment, &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoticeBody {
    /// preliminary, supplementary, complete, early-warning, notification, final or subjects-informed
    phase: String,
    /// When it was sent (default now); without an offset, Europe/Helsinki.
    sent_at: Option<String>,
    authority: Option<String>,
    reference: Option<String>,
    /// Why it is late, when it is.
    late_reason: Option<String>,
}

/// Records a notification that was sent (to the Data Protection Ombudsman, Traficom or the
/// people concerned); a late one needs its reason.
#[utoipa::path(post, path = "/incidents/{id}/notifications", tag = "incidents", request_body = NoticeBody,
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with the notification recorded", body = Object)))]
pub async fn notify_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<NoticeBody>,
) -> ApiResult<Json<kirjuri_incidents::Incident>> {
    principal.require(Permission::WriteIncidents)?;
    let notice = kirjuri_incidents::Notice {
        phase: kirjuri_incidents::NotificationPhase::parse(&body.phase).map_err(ApiError::bad_request)?,
        authority: body.authority,
        sent_at: match body.sent_at.as_deref() {
            Some(text) => crate::routes::instant("sent_at", text)?,
            None => chrono::Utc::now(),
        },
        reference_no: body.reference,
        late_reason: body.late_reason,
    };
    let actor = actor_of(&principal);
    let app = state.clone();
    blocking(&state, move |registry| {
        Ok(Json(incidents(registry, &app).notify(&id, &notice, &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DraftQuery {
    /// `json` (default) or `md`.
    format: Option<String>,
}

/// The notification draft of a breach for the Data Protection Ombudsman's form.
#[utoipa::path(get, path = "/incidents/{id}/notification-draft", tag = "incidents", params(("id" = String, Path, description = "Incident id"), DraftQuery),
    responses((status = 200, description = "The draft", content((Object = "application/json"), (String = "text/markdown")))))]
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
    blocking(&state, move |registry| {
        let incident = incidents(registry, &app).get(&id)?;
        if incident.breach.is_none() {
            return Err(ApiError::Conflict {
                code: "not_a_breach",
                message: format!("incident {id} is not a personal-data breach"),
            });
        }
        Ok(if markdown {
            (
                [(axum::http::header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
                kirjuri_incidents::notification_markdown(&incident, &app.organisation),
            )
                .into_response()
        } else {
            axum::Json(kirjuri_incidents::notification_json(&incident, &app.organisation)).into_response()
        })
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
