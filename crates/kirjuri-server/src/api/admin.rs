//! Service status, users, the audit trail and backups.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::{ApiResult, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::{Permission, Role};
use crate::{AppState, users};

pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn ready(State(state): State<AppState>) -> Response {
    let app = state.app.clone();
    let in_force = tokio::task::spawn_blocking(move || {
        app.store().last_change().ok()?;
        app.plans().ok().map(|plans| plans.in_force)
    })
    .await
    .ok()
    .flatten();
    if let Some(version) = in_force {
        Json(json!({ "status": "ready", "plan_version": version })).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "not ready" }))).into_response()
    }
}

#[utoipa::path(get, path = "/audit/verify", tag = "admin", responses((status = 200, description = "The audit chain check", body = Object)))]
pub async fn audit_verify(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadAudit)?;
    blocking(&state, |registry| {
        Ok(Json(
            serde_json::to_value(registry.store.verify_audit()?).unwrap_or_default(),
        ))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[serde(default)]
    after: u64,
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/audit", tag = "admin", params(AuditQuery), responses((status = 200, description = "Audit entries after a sequence number", body = Object)))]
pub async fn audit_entries(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadAudit)?;
    let limit = query.limit.unwrap_or(100).min(1000);
    blocking(&state, move |registry| {
        let mut entries = Vec::new();
        for entry in registry.store.audit_entries() {
            let entry = entry.map_err(ApiError::Internal)?;
            if entry.seq > query.after {
                entries.push(entry);
            }
            if entries.len() >= limit {
                break;
            }
        }
        Ok(Json(json!({ "entries": entries })))
    })
    .await
}

/// Writes a consistent backup of the running service to `<data>/backups/` (writers wait while
/// the database is copied) and returns where it is.
#[utoipa::path(post, path = "/admin/backup", tag = "admin", responses((status = 201, description = "A consistent backup written to the data folder", body = Object)))]
pub async fn backup(State(state): State<AppState>, principal: Principal) -> ApiResult<(StatusCode, Json<Value>)> {
    principal.require(Permission::Backup)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        let folder = registry.store.root().join("backups");
        std::fs::create_dir_all(&folder).map_err(|e| ApiError::Internal(e.to_string()))?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let path = folder.join(format!("kirjuri-backup-{stamp}.zip"));
        let summary = kirjuri_store::backup(registry.store, &path)?;
        registry.store.audit(
            &kirjuri_store::AuditEvent::new(chrono::Utc::now(), &actor, "backup").detail(
                json!({ "file": path.file_name().map(|n| n.to_string_lossy().into_owned()), "blobs": summary.blobs }),
            ),
        )?;
        Ok((
            StatusCode::CREATED,
            Json(json!({ "file": path.display().to_string(), "summary": summary })),
        ))
    })
    .await
}

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
