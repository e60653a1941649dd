//! Security incidents and personal-data breaches with their legal clocks and notifications.

use axum::extract::State;
use axum::http::StatusCode;
use kirjuri_registry::Registry;
use serde::Deserialize;

use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, instant};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentQuery {
    #[serde(default)]
    open: bool,
    #[serde(default)]
    overdue: bool,
}

pub(crate) fn incidents<'a>(registry: &'a Registry<'a>, state: &AppState) -> kirjuri_incidents::Incidents<'a> {
    kirjuri_incidents::Incidents {
        registry,
        controller: state.organisation.to_string(),
    }
}

#[utoipa::path(get, path = "/incidents", tag = "incidents", params(IncidentQuery), responses((status = 200, description = "Incidents and breaches with their clocks", body = Vec<Object>)))]
pub async fn list_incidents(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<IncidentQuery>,
) -> ApiResult<Json<Vec<kirjuri_incidents::Incident>>> {
    principal.require(Permission::ReadIncidents)?;
    let app = state.clone();
    blocking(&state, move |registry| {
        Ok(Json(
            incidents(registry, &app).list(query.open, query.overdue.then(chrono::Utc::now))?,
        ))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewIncidentBody {
    title: String,
    aware_at: String,
    detected_at: Option<String>,
    description: Option<String>,
    #[serde(default)]
    breach: bool,
    #[serde(default)]
    nis2: bool,
    severity: Option<String>,
}

#[utoipa::path(post, path = "/incidents", tag = "incidents", request_body = NewIncidentBody, responses((status = 201, description = "The registered incident", body = Object)))]
pub async fn new_incident(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewIncidentBody>,
) -> ApiResult<(StatusCode, Json<kirjuri_incidents::Incident>)> {
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
        severity: kirjuri_incidents::Severity::parse(body.severity.as_deref().unwrap_or("unspecified"))
            .map_err(ApiError::bad_request)?,
        breach: body.breach,
        nis2: body.nis2,
    };
    let actor = actor_of(&principal);
    let app = state.clone();
    let stored = blocking(&state, move |registry| {
        Ok(incidents(registry, &app).new_incident(&request, &actor)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

#[utoipa::path(get, path = "/incidents/{id}", tag = "incidents", params(("id" = String, Path, description = "Incident id")), responses((status = 200, description = "The incident", body = Object)))]
pub async fn get_incident(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_incidents::Incident>> {
    principal.require(Permission::ReadIncidents)?;
    let app = state.clone();
    blocking(&state, move |registry| Ok(Json(incidents(registry, &app).get(&id)?))).await
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
            Some(text) => crate::api::instant("sent_at", text)?,
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
