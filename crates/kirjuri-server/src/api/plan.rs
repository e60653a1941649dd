//! The information-management plan (TOS) in force, its versions (import and approval while
//! the service runs; the plan in force is chosen at each request), and legal deadlines.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use chrono::NaiveDate;
use kirjuri_app::PlanSource;
use kirjuri_clock::{Deadline, Rule, compute, helsinki_rfc3339, parse_start};
use kirjuri_plan::ClassCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::api::{ApiResult, actor_of, with_app};
use crate::auth::Principal;
use crate::error::{ApiError, finding_json};
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[utoipa::path(get, path = "/plan", tag = "plan", responses((status = 200, description = "The plan in force: metadata and classes", body = Object)))]
pub async fn plan_summary(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadPlan)?;
    let plans = with_app(&state, |app| Ok(app.plans()?)).await?;
    let plan = plans
        .current()
        .ok_or_else(|| ApiError::NotFound("plan in force".to_owned()))?;
    let classes: Vec<Value> = plan
        .classes
        .values()
        .map(|c| {
            json!({
                "code": c.code, "title": c.title, "title_en": c.title_en,
                "record_types": c.process.as_ref().map_or(0, |p| p.record_types().count()),
            })
        })
        .collect();
    Ok(Json(json!({ "meta": plan.meta, "classes": classes })))
}

#[utoipa::path(get, path = "/plan/classes/{code}", tag = "plan", params(("code" = String, Path, description = "Class code, e.g. `07 00 03` or `07.00.03`")), responses((status = 200, description = "One class with its process and record types", body = Object)))]
pub async fn plan_class(
    State(state): State<AppState>,
    principal: Principal,
    Path(code): Path<String>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadPlan)?;
    let code = ClassCode::parse(&code).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let plans = with_app(&state, |app| Ok(app.plans()?)).await?;
    let plan = plans
        .current()
        .ok_or_else(|| ApiError::NotFound("plan in force".to_owned()))?;
    let class = plan
        .class(&code)
        .ok_or_else(|| ApiError::NotFound(format!("class {code}")))?;
    Ok(Json(
        serde_json::to_value(class).map_err(|e| ApiError::Internal(e.to_string()))?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// The start: a date (YYYY-MM-DD) or a date and time; without an offset, Europe/Helsinki.
    from: String,
}

#[utoipa::path(get, path = "/deadlines/{rule}", tag = "plan", params(("rule" = String, Path, description = "Rule: publicity, publicity-extended, gdpr, gdpr-extended, breach-72h, nis2-early-warning, nis2-notification, nis2-final"), DeadlineQuery), responses((status = 200, description = "The deadline, the moved day and the calendar", body = Object)))]
pub async fn deadline(
    principal: Principal,
    Path(rule): Path<String>,
    Query(query): Query<DeadlineQuery>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ComputeDeadlines)?;
    let rule = Rule::parse(&rule).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let start = parse_start(&query.from).map_err(|e| ApiError::bad_request(format!("from: {e}")))?;
    let deadline = compute(rule, start).map_err(|e| ApiError::bad_request(format!("from: {e}")))?;
    Ok(Json(match deadline {
        Deadline::Day(day) => json!({
            "rule": rule.key(), "from": day.from.to_string(), "due": day.due.to_string(),
            "due_moved": day.due_moved.to_string(), "warn_on": day.warn_on.to_string(),
            "calendar": day.calendar, "extension": day.extension,
        }),
        Deadline::Hour(hour) => json!({
            "rule": rule.key(), "from": helsinki_rfc3339(hour.from), "due": helsinki_rfc3339(hour.due),
            "due_moved": helsinki_rfc3339(hour.due), "hours": hour.hours,
        }),
    }))
}

/// Largest plan file accepted: the sample plan's full JHS 191 export is about 240 KB; a large
/// organisation's plan is some megabytes.
pub const MAX_PLAN_BYTES: usize = 32 * 1024 * 1024;

/// The media types a JHS 191 file may be sent as (or none).
const XML_TYPES: &[&str] = &["application/xml", "text/xml"];

#[utoipa::path(get, path = "/plan/versions", tag = "plan", responses(
    (status = 200, description = "Every plan version, oldest first: number, name, state, validity, counts", body = Vec<Object>)))]
pub async fn list_versions(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadPlan)?;
    let versions = with_app(&state, |app| Ok(app.plan_versions()?)).await?;
    Ok(Json(json!(versions)))
}

/// Imports a JHS 191 XML file (as `kirjuri plan export --format jhs191` writes it) as the next
/// draft plan version. Errors refuse it and store nothing (400 `invalid_plan` with every
/// finding, each with its `location` and `text` as `kirjuri plan import` prints it); warnings
/// come back with the new version. The TOML plan is a folder of files: `kirjuri plan load`.
#[utoipa::path(post, path = "/plan/versions", tag = "plan",
    request_body(content = String, content_type = "application/xml", description = "A JHS 191 XML file (`application/xml` or `text/xml`), at most 32 MiB"),
    responses(
        (status = 201, description = "The new draft version and the warnings: `{version, state, findings}`", body = Object),
        (status = 400, description = "The file has errors (`invalid_plan`, with `findings`); nothing was stored", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 32 MiB", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn import_version(
    State(state): State<AppState>,
    principal: Principal,
    request: Request,
) -> ApiResult<(StatusCode, Json<Value>)> {
    principal.require(Permission::ManagePlan)?;
    if let Some(value) = request.headers().get(header::CONTENT_TYPE) {
        let media_type = value.to_str().unwrap_or_default();
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !XML_TYPES.contains(&essence.as_str()) {
            return Err(ApiError::BadRequest {
                code: "unsupported_media_type",
                message: format!(
                    "a plan is sent as JHS 191 XML ({}), not `{media_type}`",
                    XML_TYPES.join(" or ")
                ),
            });
        }
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_PLAN_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(format!("a plan file may be at most {} MiB", MAX_PLAN_BYTES >> 20)))?;
    let actor = actor_of(&principal);
    let imported = with_app(&state, move |app| {
        let source = PlanSource::Jhs191 {
            name: "plan.xml",
            bytes: &bytes,
        };
        Ok(app.import_plan(&source, &actor)?)
    })
    .await?;
    let findings: Vec<Value> = imported.findings.iter().map(finding_json).collect();
    Ok((
        StatusCode::CREATED,
        Json(json!({ "version": imported.version, "state": "draft", "findings": findings })),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The first day the version is in force (YYYY-MM-DD); the version in force before it
    /// ends the day before.
    #[schema(value_type = String, format = Date)]
    valid_from: NaiveDate,
}

/// Approves a draft plan version from `valid_from` on (as `kirjuri plan approve`); the approver
/// recorded is the signed-in user. A version with validation errors is refused with its
/// findings (400 `invalid_plan`); an approved one with 409.
#[utoipa::path(post, path = "/plan/versions/{version}/approve", tag = "plan",
    params(("version" = u32, Path, description = "Plan version number")),
    request_body = Approval,
    responses(
        (status = 200, description = "The approved version: number, name, state, validity, counts", body = Object),
        (status = 400, description = "The version has validation errors (`invalid_plan`, with `findings`)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The version is already approved", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn approve_version(
    State(state): State<AppState>,
    principal: Principal,
    Path(version): Path<u32>,
    Json(approval): Json<Approval>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ManagePlan)?;
    let actor = actor_of(&principal);
    let approved = with_app(&state, move |app| {
        Ok(app.approve_plan(version, approval.valid_from, None, &actor)?)
    })
    .await?;
    Ok(Json(json!(approved)))
}
