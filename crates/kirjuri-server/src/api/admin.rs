//! Service status, users, the audit trail and backups.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::{Permission, Role};
use crate::{AppState, users};

vocabulary!(
    /// A user's role (DOMAIN.md §1): what a person does decides what they may see and change.
    RoleKey, Role, Role::ALL, Role::key
);

/// A user as clients see it (never the password hash).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserAnswer {
    pub name: String,
    pub role: RoleKey,
    pub created_at: DateTime<Utc>,
    pub disabled: bool,
    /// Departments (toimialat) from the provider's groups; not yet enforced (issue 15).
    pub departments: Vec<String>,
    /// How the user signs in: `local` (password) or `oidc` (the organisation's provider).
    #[schema(pattern = "^(local|oidc)$")]
    pub sign_in: String,
    /// Where reminders are mailed (none: no mail).
    pub email: Option<String>,
    /// The language of the user's mail: `fi`, `sv` or `en`.
    #[schema(pattern = "^(fi|sv|en)$")]
    pub language: String,
}

impl From<&users::UserView> for UserAnswer {
    fn from(user: &users::UserView) -> Self {
        UserAnswer {
            name: user.name.clone(),
            role: user.role.into(),
            created_at: user.created_at,
            disabled: user.disabled,
            departments: user.departments.clone(),
            sign_in: user.sign_in.to_owned(),
            email: user.email.clone(),
            language: user.language.to_owned(),
        }
    }
}

/// How many of a user's tokens were revoked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokensRevokedAnswer {
    pub user: String,
    pub revoked: usize,
}

/// The first problem found in the audit chain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainBreakAnswer {
    /// The sequence number of the first bad entry.
    pub seq: u64,
    pub problem: String,
}

/// The audit chain check: how many entries were checked and the first break, if any.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditCheckAnswer {
    pub entries: u64,
    /// `null` when the chain is whole.
    pub first_break: Option<ChainBreakAnswer>,
}

impl From<&kirjuri_store::ChainReport> for AuditCheckAnswer {
    fn from(report: &kirjuri_store::ChainReport) -> Self {
        AuditCheckAnswer {
            entries: report.entries,
            first_break: report.first_break.as_ref().map(|b| ChainBreakAnswer {
                seq: b.seq,
                problem: b.problem.clone(),
            }),
        }
    }
}

/// One entry of the audit trail, chained to the one before by its hash.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntryAnswer {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// The user or system principal that acted.
    pub actor: String,
    /// What was done: `case.open`, `document.read`, `search`, `export`, …
    pub action: String,
    /// The kind and id of the record acted on, if any.
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    /// Purpose of use given by the actor (käyttötarkoitus), for reads of restricted records.
    pub purpose: Option<String>,
    /// Structured detail of the action (any JSON value: changed fields, states, counts).
    pub detail: Value,
    /// SHA-256 of the entry before (64 zeros for the first).
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub prev_hash: String,
    /// SHA-256 of this entry's canonical JSON.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub hash: String,
}

impl From<&kirjuri_store::AuditEntry> for AuditEntryAnswer {
    fn from(entry: &kirjuri_store::AuditEntry) -> Self {
        AuditEntryAnswer {
            seq: entry.seq,
            at: entry.at,
            actor: entry.actor.clone(),
            action: entry.action.clone(),
            target_kind: entry.target_kind.clone(),
            target_id: entry.target_id.clone(),
            purpose: entry.purpose.clone(),
            detail: entry.detail.clone(),
            prev_hash: entry.prev_hash.clone(),
            hash: entry.hash.clone(),
        }
    }
}

/// Audit entries in sequence order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntriesAnswer {
    pub entries: Vec<AuditEntryAnswer>,
}

/// How many entries of one database tree a backup holds: `[tree, entries]`.
#[derive(Debug, Clone)]
pub struct TreeEntriesAnswer {
    pub tree: String,
    pub entries: u64,
}

impl Serialize for TreeEntriesAnswer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.tree, self.entries).serialize(serializer)
    }
}

impl utoipa::PartialSchema for TreeEntriesAnswer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ArrayItems, ObjectBuilder, Type};
        ArrayBuilder::new()
            .items(ArrayItems::False)
            .prefix_items([
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Tree"))
                    .build(),
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .description(Some("Entries"))
                    .build(),
            ])
            .min_items(Some(2))
            .max_items(Some(2))
            .description(Some("A database tree and how many entries of it the backup holds"))
            .into()
    }
}

impl ToSchema for TreeEntriesAnswer {}

/// What a backup holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BackupSummaryAnswer {
    /// The backup format, e.g. `kirjuri-backup/1`.
    pub format: String,
    pub schema_version: u64,
    pub entries_per_tree: Vec<TreeEntriesAnswer>,
    pub blobs: u64,
    pub blob_bytes: u64,
}

impl From<&kirjuri_store::BackupSummary> for BackupSummaryAnswer {
    fn from(summary: &kirjuri_store::BackupSummary) -> Self {
        BackupSummaryAnswer {
            format: summary.format.clone(),
            schema_version: summary.schema_version,
            entries_per_tree: summary
                .entries_per_tree
                .iter()
                .map(|(tree, entries)| TreeEntriesAnswer {
                    tree: tree.clone(),
                    entries: *entries,
                })
                .collect(),
            blobs: summary.blobs,
            blob_bytes: summary.blob_bytes,
        }
    }
}

/// A backup written to the data folder.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BackupAnswer {
    /// Where the backup file is, on the server.
    pub file: String,
    pub summary: BackupSummaryAnswer,
}

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

#[utoipa::path(get, path = "/audit/verify", tag = "admin", responses((status = 200, description = "The audit chain check", body = AuditCheckAnswer)))]
pub async fn audit_verify(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<AuditCheckAnswer>> {
    principal.require(Permission::ReadAudit)?;
    blocking(&state, |registry| {
        Ok(Json(AuditCheckAnswer::from(&registry.store.verify_audit()?)))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries after this sequence number (default 0: from the first).
    #[serde(default)]
    after: u64,
    /// At most this many entries (default 100; more than 1000 is read as 1000).
    limit: Option<usize>,
    /// Only this person's entries (user name, ignoring case).
    actor: Option<String>,
    /// Only entries about this record (`case-3`, `doc-7`, `req-2`).
    target: Option<String>,
    /// Only actions starting with this (`case.` for every case action).
    action: Option<String>,
}

#[utoipa::path(get, path = "/audit", tag = "admin", params(AuditQuery), responses((status = 200, description = "Audit entries after a sequence number", body = AuditEntriesAnswer)))]
pub async fn audit_entries(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Json<AuditEntriesAnswer>> {
    principal.require(Permission::ReadAudit)?;
    let limit = query.limit.unwrap_or(100).min(1000);
    // The same filter as the audit page's (`/ui/audit`).
    let filter = kirjuri_store::AuditFilter {
        actor: query.actor.clone(),
        target: query.target.clone(),
        action: query.action.clone(),
        from: None,
        to: None,
    };
    blocking(&state, move |registry| {
        let mut entries = Vec::new();
        for entry in registry.store.audit_entries() {
            let entry = entry.map_err(ApiError::Internal)?;
            if entry.seq > query.after && filter.keeps(&entry) {
                entries.push(entry);
            }
            if entries.len() >= limit {
                break;
            }
        }
        Ok(Json(AuditEntriesAnswer {
            entries: answers(&entries),
        }))
    })
    .await
}

/// Writes a consistent backup of the running service to `<data>/backups/` (writers wait while
/// the database is copied) and returns where it is.
#[utoipa::path(post, path = "/admin/backup", tag = "admin", responses((status = 201, description = "A consistent backup written to the data folder", body = BackupAnswer)))]
pub async fn backup(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<(StatusCode, Json<BackupAnswer>)> {
    principal.require(Permission::Backup)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        // The backup goes to the data folder's own disk: never into the reserve kept for the
        // store (a full disk answers 507 before a byte is written).
        registry.store.disk_reserve().ensure(kirjuri_store::Room::Records)?;
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
            Json(BackupAnswer {
                file: path.display().to_string(),
                summary: (&summary).into(),
            }),
        ))
    })
    .await
}

#[utoipa::path(get, path = "/users", tag = "admin",
    responses((status = 200, description = "Users and their roles", body = Vec<UserAnswer>)))]
pub async fn list_users(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Vec<UserAnswer>>> {
    principal.require(Permission::ManageUsers)?;
    blocking(&state, |registry| {
        Ok(Json(answers(&users::list_users(registry.store)?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    /// 2-64 characters of letters, digits and . _ - @
    #[schema(pattern = "^[A-Za-z0-9._@-]{2,64}$")]
    name: String,
    /// staff, registrar, archivist, privacy-officer, auditor or admin
    #[schema(value_type = RoleKey)]
    role: String,
    /// At least 12 characters.
    #[schema(min_length = 12)]
    password: String,
    /// Departments (toimialat) the user works for: a `staff` user reads restricted records and
    /// registers only in these.
    #[serde(default)]
    departments: Vec<String>,
}

#[utoipa::path(post, path = "/users", tag = "admin", request_body = NewUserBody,
    responses((status = 201, description = "The new user", body = UserAnswer)))]
pub async fn add_user(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewUserBody>,
) -> ApiResult<(StatusCode, Json<UserAnswer>)> {
    principal.require(Permission::ManageUsers)?;
    let role = Role::parse(&body.role).map_err(ApiError::bad_request)?;
    let actor = principal.name.clone();
    let user = blocking(&state, move |registry| {
        Ok(users::add_user_in(
            registry.store,
            &body.name,
            role,
            &body.departments,
            &body.password,
            &actor,
        )?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(UserAnswer::from(&user))))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentsBody {
    departments: Vec<String>,
}

#[utoipa::path(put, path = "/users/{name}/departments", tag = "admin", request_body = DepartmentsBody,
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "The user with the new departments (audited as `user.departments`)", body = UserAnswer)))]
pub async fn set_departments(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
    Json(body): Json<DepartmentsBody>,
) -> ApiResult<Json<UserAnswer>> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        Ok(Json(UserAnswer::from(&users::set_departments(
            registry.store,
            &name,
            &body.departments,
            &actor,
        )?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    /// Where reminders are mailed; an empty text removes the address, leaving it out keeps it.
    #[serde(default)]
    #[schema(max_length = 254)]
    email: Option<String>,
    /// The language of the user's mail: `fi`, `sv` or `en`; leaving it out keeps it.
    #[serde(default)]
    #[schema(pattern = "^(fi|sv|en)$")]
    language: Option<String>,
}

/// Sets where a user's reminders are mailed and in which language (audited as `user.contact`).
#[utoipa::path(put, path = "/users/{name}/contact", tag = "admin", request_body = ContactBody,
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "The user with the new address and language (audited as `user.contact`)", body = UserAnswer)))]
pub async fn set_contact(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
    Json(body): Json<ContactBody>,
) -> ApiResult<Json<UserAnswer>> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        let language = body.language.as_deref().map(users::parse_language).transpose()?;
        Ok(Json(UserAnswer::from(&users::set_contact(
            registry.store,
            &name,
            body.email.as_deref(),
            language,
            &actor,
        )?)))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AccessReportQuery {
    /// `json` (the default), `csv` or `html`.
    format: Option<String>,
}

/// The access-rights report (käyttöoikeusraportti): per user their role, departments, reach
/// and explicit grants; per restricted class who may read it.
#[utoipa::path(get, path = "/access/report", tag = "admin", params(AccessReportQuery),
    responses((status = 200, description = "The access-rights report (JSON; CSV or HTML with `format`)", body = crate::access::AccessReport)))]
pub async fn access_report(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<AccessReportQuery>,
) -> ApiResult<Response> {
    if !(principal.may(Permission::ManageUsers) || principal.may(Permission::ReadAudit)) {
        return Err(ApiError::Forbidden);
    }
    let format = query.format.unwrap_or_else(|| "json".to_owned()).to_lowercase();
    if !["json", "csv", "html"].contains(&format.as_str()) {
        return Err(ApiError::BadRequest {
            code: "bad_query",
            message: format!("`format` must be json, csv or html, not `{format}`"),
        });
    }
    let organisation = state.app.organisation().to_owned();
    let report = blocking(&state, move |registry| {
        Ok(crate::access::report(registry.store, registry, &organisation)?)
    })
    .await?;
    Ok(match format.as_str() {
        "csv" => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            crate::access::to_csv(&report),
        )
            .into_response(),
        "html" => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            crate::access::to_html(&report),
        )
            .into_response(),
        _ => Json(report).into_response(),
    })
}

#[utoipa::path(post, path = "/users/{name}/tokens/revoke", tag = "admin",
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "How many tokens were revoked", body = TokensRevokedAnswer)))]
pub async fn revoke_user_tokens(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
) -> ApiResult<Json<TokensRevokedAnswer>> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        let revoked = users::revoke_tokens(registry.store, &name, &actor)?;
        Ok(Json(TokensRevokedAnswer { user: name, revoked }))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    #[schema(value_type = RoleKey)]
    role: String,
}

/// Changes a local user's role (audited as `user.role`); a user of the identity provider gets
/// theirs from its groups (409 `managed_by_provider`), and the last enabled admin keeps the
/// role (409 `last_admin`).
#[utoipa::path(put, path = "/users/{name}/role", tag = "admin", request_body = RoleBody,
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "The user with the new role", body = UserAnswer)))]
pub async fn set_role(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
    Json(body): Json<RoleBody>,
) -> ApiResult<Json<UserAnswer>> {
    principal.require(Permission::ManageUsers)?;
    let role = Role::parse(&body.role).map_err(ApiError::bad_request)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        Ok(Json(UserAnswer::from(&users::set_role(
            registry.store,
            &name,
            role,
            &actor,
        )?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisabledBody {
    /// `true` disables the user (no sign-in, session or token works), `false` enables them.
    disabled: bool,
}

/// Disables a local user or enables one again (audited as `user.disable` / `user.enable`).
#[utoipa::path(put, path = "/users/{name}/disabled", tag = "admin", request_body = DisabledBody,
    params(("name" = String, Path, description = "User name")),
    responses((status = 200, description = "The user", body = UserAnswer)))]
pub async fn set_disabled(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
    Json(body): Json<DisabledBody>,
) -> ApiResult<Json<UserAnswer>> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        Ok(Json(UserAnswer::from(&users::set_disabled(
            registry.store,
            &name,
            body.disabled,
            &actor,
        )?)))
    })
    .await
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NewTokenAnswer {
    pub user: String,
    /// The token, shown this once (only its digest is stored).
    pub token: String,
}

/// Issues an API token for a user (an integration's account), audited as `token.create` with a
/// prefix of its digest; the token itself is in this answer only.
#[utoipa::path(post, path = "/users/{name}/tokens", tag = "admin",
    params(("name" = String, Path, description = "User name")),
    responses((status = 201, description = "The new token, shown once", body = NewTokenAnswer)))]
pub async fn create_user_token(
    State(state): State<AppState>,
    principal: Principal,
    Path(name): Path<String>,
) -> ApiResult<(StatusCode, Json<NewTokenAnswer>)> {
    principal.require(Permission::ManageUsers)?;
    let actor = principal.name.clone();
    blocking(&state, move |registry| {
        let token = users::create_token(registry.store, &name, &actor)?;
        Ok((StatusCode::CREATED, Json(NewTokenAnswer { user: name, token })))
    })
    .await
}
