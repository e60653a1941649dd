//! Retention dues, legal holds (säilytysesto), disposal proposals (four eyes) and
//! destruction records.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use kirjuri_archive::disposal;
use kirjuri_plan::ClassCode;
use kirjuri_registry::LegalHold;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, class_param, helsinki_today, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    on: Option<chrono::NaiveDate>,
    class: Option<String>,
}

#[utoipa::path(get, path = "/retention/due", tag = "retention", params(DueQuery), responses((status = 200, description = "Records whose retention ends on or before the day", body = Vec<Object>)))]
pub async fn retention_due(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<DueQuery>,
) -> ApiResult<Json<Vec<kirjuri_archive::DueItem>>> {
    principal.require(Permission::ReadRetention)?;
    let class = query
        .class
        .as_deref()
        .map(ClassCode::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let day = query.on.unwrap_or_else(helsinki_today);
    let actor = actor_of(&principal);
    with_app(&state, move |app| {
        Ok(Json(app.retention_due(day, class.as_ref(), &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HoldBody {
    /// `case` (holds all its documents) or `document`.
    target: String,
    /// Case id or diary number, or document id.
    id: String,
    reason: String,
}

/// Places a legal hold (säilytysesto): the record stays out of disposal until it is lifted.
#[utoipa::path(post, path = "/holds", tag = "retention", request_body = HoldBody,
    responses((status = 201, description = "The hold", body = Object)))]
pub async fn place_hold(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<HoldBody>,
) -> ApiResult<(StatusCode, Json<LegalHold>)> {
    principal.require(Permission::ManageHolds)?;
    let actor = actor_of(&principal);
    let hold = blocking(&state, move |registry| {
        let (kind, id) = registry.hold_target(&body.target, &body.id)?;
        Ok(registry.place_hold(kind, &id, &body.reason, &actor)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(hold)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LiftBody {
    /// `case` or `document`.
    target: String,
    id: String,
    reason: String,
}

#[utoipa::path(post, path = "/holds/{hold}/lift", tag = "retention", request_body = LiftBody,
    params(("hold" = String, Path, description = "Hold id")),
    responses((status = 200, description = "The hold is lifted", body = Object)))]
pub async fn lift_hold(
    State(state): State<AppState>,
    principal: Principal,
    Path(hold): Path<String>,
    Json(body): Json<LiftBody>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ManageHolds)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let (kind, id) = registry.hold_target(&body.target, &body.id)?;
        registry.lift_hold(kind, &id, &hold, &body.reason, &actor)?;
        Ok(Json(json!({ "hold": hold, "lifted": true })))
    })
    .await
}

#[utoipa::path(get, path = "/disposal/proposals", tag = "retention",
    responses((status = 200, description = "Disposal proposals (hävitysesitykset)", body = Vec<Object>)))]
pub async fn list_proposals(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<kirjuri_archive::Proposal>>> {
    principal.require(Permission::ReadRetention)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| Ok(Json(app.disposal_proposals(&actor)?))).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProposeBody {
    /// Records due on or before this day (default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<NaiveDate>,
    /// Only this class and below.
    class: Option<String>,
}

#[utoipa::path(post, path = "/disposal/proposals", tag = "retention", request_body = ProposeBody,
    responses((status = 201, description = "The proposal with its items", body = Object)))]
pub async fn propose(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ProposeBody>,
) -> ApiResult<(StatusCode, Json<kirjuri_archive::Proposal>)> {
    principal.require(Permission::ManageDisposal)?;
    let class = class_param(body.class.as_deref())?;
    let day = body.on.unwrap_or_else(helsinki_today);
    let actor = actor_of(&principal);
    let proposal = blocking(&state, move |registry| {
        Ok(disposal::propose(registry.store, day, class.as_ref(), &actor)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(proposal)))
}

#[utoipa::path(get, path = "/disposal/proposals/{id}", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The proposal", body = Object)))]
pub async fn get_proposal(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_archive::Proposal>> {
    principal.require(Permission::ReadRetention)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| Ok(Json(app.disposal_proposal(&id, &actor)?))).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RemoveItemBody {
    /// The document to keep out of this proposal.
    document: String,
    reason: String,
}

#[utoipa::path(post, path = "/disposal/proposals/{id}/remove", tag = "retention", request_body = RemoveItemBody,
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The proposal without the item", body = Object)))]
pub async fn remove_item(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<RemoveItemBody>,
) -> ApiResult<Json<kirjuri_archive::Proposal>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(disposal::remove_item(
            registry.store,
            &id,
            &body.document,
            &body.reason,
            &actor,
        )?))
    })
    .await
}

/// Approves a proposal; the approver must be another archivist than the proposer.
#[utoipa::path(post, path = "/disposal/proposals/{id}/approve", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The approved proposal", body = Object)))]
pub async fn approve(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_archive::Proposal>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(disposal::approve(registry.store, &id, &actor)?))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CancelBody {
    reason: String,
}

#[utoipa::path(post, path = "/disposal/proposals/{id}/cancel", tag = "retention", request_body = CancelBody,
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The cancelled proposal", body = Object)))]
pub async fn cancel(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<CancelBody>,
) -> ApiResult<Json<kirjuri_archive::Proposal>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(disposal::cancel(registry.store, &id, &body.reason, &actor)?))
    })
    .await
}

/// Executes an approved proposal (or resumes a failed run); destroyed text leaves the search
/// index at once.
#[utoipa::path(post, path = "/disposal/proposals/{id}/execute", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "What was destroyed, kept for a hold, awaits paper confirmation or failed", body = Object)))]
pub async fn execute(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<kirjuri_archive::ExecutionReport>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| Ok(Json(app.execute_disposal(&id, &actor)?))).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DestroyedQuery {
    /// Only the records of this proposal.
    proposal: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

#[utoipa::path(get, path = "/disposal/destroyed", tag = "retention", params(DestroyedQuery),
    responses((status = 200, description = "Destruction records (the permanent trace of destroyed records)",
        content((Vec<Object> = "application/json"), (String = "text/csv")))))]
pub async fn destruction_records(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<DestroyedQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadRetention)?;
    let csv = match query.format.as_deref().unwrap_or("json") {
        "json" => false,
        "csv" => true,
        other => return Err(ApiError::bad_request(format!("format `{other}`, expected json or csv"))),
    };
    blocking(&state, move |registry| {
        let records = disposal::destruction_records(registry.store, query.proposal.as_deref())?;
        if csv {
            let text = disposal::destruction_csv(&records).map_err(ApiError::Internal)?;
            Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response())
        } else {
            Ok(axum::Json(records).into_response())
        }
    })
    .await
}
