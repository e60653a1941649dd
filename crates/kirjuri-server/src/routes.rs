//! The JSON API under `/api/v1`: plan, deadlines, cases, documents (streamed upload and
//! download), audit, and tokens. Every handler states its permission first; blocking work
//! (sled, fsync, hashing, argon2) runs on the blocking pool.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kirjuri_clock::{Deadline, Rule, compute, helsinki_rfc3339, parse_start};
use kirjuri_plan::{ClassCode, PublicityClass};
use kirjuri_registry::{
    Actor, Case, CaseFilter, CaseState, Direction, Document, NewDocument, OpenCase, Registry, RestrictionRequest,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::throttle::{SignInVia, SourceAddress, authenticate_throttled};
use crate::users::{Permission, create_token};

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// How much of an unread request body is read and dropped before a refusal is answered.
const DRAIN_BYTES: u64 = 1024 * 1024;

/// Runs blocking work with a registry over the plan in force today (chosen at each request,
/// so a plan version approved while the service runs is used at once).
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Registry<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let app = state.app.clone();
    tokio::task::spawn_blocking(move || app.with_registry(work)?)
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// Runs blocking work with the application layer (for use-cases that span several crates).
pub(crate) async fn with_app<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&kirjuri_app::App) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let app = state.app.clone();
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

pub(crate) fn actor_of(principal: &Principal) -> Actor {
    Actor {
        name: principal.name.clone(),
        at: chrono::Utc::now(),
        purpose: principal.purpose.clone(),
    }
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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    name: String,
    password: String,
}

/// A new bearer token.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Token {
    token: String,
    token_type: &'static str,
}

/// The signed-in user.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Me {
    name: String,
    #[schema(value_type = String)]
    role: crate::users::Role,
}

/// Exchanges a user name and password for a bearer token.
///
/// Failed sign-ins are counted per user name and per source address: after 5 failures of a
/// name (20 from an address) within 15 minutes both are refused with 429 and `Retry-After`,
/// even with the right password, for a minute that doubles with every further lockout (at
/// most an hour). Every failure leaves a `session.sign_in_failed` audit entry.
#[utoipa::path(post, path = "/tokens", tag = "auth", request_body = SignIn, responses(
    (status = 200, description = "A new bearer token, shown once", body = Token),
    (status = 429, description = "Too many failed sign-ins for this user name or address (`too_many_attempts`); \
        try again after `Retry-After` seconds", body = crate::error::Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds until a sign-in may be tried again")))
))]
pub async fn issue_token(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(sign_in): Json<SignIn>,
) -> ApiResult<Json<Token>> {
    let user = authenticate_throttled(&state, sign_in.name, sign_in.password, address, SignInVia::Api)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let store = state.store.clone();
    let token =
        tokio::task::spawn_blocking(move || -> ApiResult<String> { Ok(create_token(&store, &user.name, &user.name)?) })
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(Token {
        token,
        token_type: "Bearer",
    }))
}

#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, description = "The signed-in user", body = Me)))]
pub async fn me(principal: Principal) -> Json<Me> {
    Json(Me {
        name: principal.name,
        role: principal.role,
    })
}

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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    state: Option<String>,
    class: Option<String>,
    party: Option<String>,
    diary: Option<String>,
}

#[utoipa::path(get, path = "/cases", tag = "registry", params(CaseQuery), responses((status = 200, description = "Cases (asiat)", body = Vec<Object>)))]
pub async fn list_cases(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<CaseQuery>,
) -> ApiResult<Json<Vec<Case>>> {
    principal.require(Permission::ReadCases)?;
    let filter = CaseFilter {
        state: query
            .state
            .as_deref()
            .map(CaseState::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
        class: query
            .class
            .as_deref()
            .map(ClassCode::parse)
            .transpose()
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
        party: query.party,
    };
    let diary = query.diary;
    blocking(&state, move |registry| match diary {
        Some(diary) => Ok(vec![registry.find_case(&diary)?]),
        None => Ok(registry.list_cases(&filter)?),
    })
    .await
    .map(Json)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OpenCaseBody {
    class: String,
    title: String,
    #[serde(default)]
    parties: Vec<String>,
    department: Option<String>,
    unit: Option<String>,
    assignee: Option<String>,
}

#[utoipa::path(post, path = "/cases", tag = "registry", request_body = OpenCaseBody, responses((status = 201, description = "The registered case with its diary number", body = Object)))]
pub async fn open_case(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<OpenCaseBody>,
) -> ApiResult<(StatusCode, Json<Case>)> {
    principal.require(Permission::WriteCases)?;
    let class = ClassCode::parse(&body.class).map_err(|e| ApiError::bad_request(format!("class: {e}")))?;
    let request = OpenCase {
        class,
        title: body.title,
        parties: body.parties,
        department: body.department,
        unit: body.unit,
        assignee: body.assignee,
    };
    let actor = actor_of(&principal);
    let case = blocking(&state, move |registry| Ok(registry.open_case(&request, &actor)?)).await?;
    Ok((StatusCode::CREATED, Json(case)))
}

#[utoipa::path(get, path = "/cases/{id}", tag = "registry", params(("id" = String, Path, description = "Case id or diary number")), responses((status = 200, description = "The case and the documents the caller may see (a view that shows restricted documents is audited as `case.read`, with `X-Purpose`)", body = Object)))]
pub async fn get_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadCases)?;
    let may_read_restricted = principal.may(Permission::ReadRestrictedDocuments);
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let (case, documents) = registry.read_case(&id, may_read_restricted, &actor)?;
        Ok(Json(json!({ "case": case, "documents": documents })))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TransitionBody {
    state: String,
    reason: Option<String>,
}

#[utoipa::path(post, path = "/cases/{id}/transition", tag = "registry", params(("id" = String, Path, description = "Case id or diary number")), request_body = TransitionBody, responses((status = 200, description = "The case in its new state", body = Object)))]
pub async fn transition_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<TransitionBody>,
) -> ApiResult<Json<Case>> {
    principal.require(Permission::WriteCases)?;
    let to = CaseState::parse(&body.state).map_err(ApiError::bad_request)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        Ok(Json(registry.transition_case(
            &id,
            to,
            body.reason.as_deref(),
            &actor,
        )?))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    record_type: Option<String>,
    title: String,
    file_name: Option<String>,
    direction: Option<String>,
    date: Option<String>,
    publicity: Option<String>,
    #[serde(default)]
    secrecy_reason: Option<String>,
    secrecy_years: Option<u32>,
    override_reason: Option<String>,
    language: Option<String>,
}

/// Registers a document; the request body is the file, streamed to the content store (hashed
/// once while written) before the record is committed.
#[utoipa::path(post, path = "/cases/{id}/documents", tag = "registry", params(("id" = String, Path, description = "Case id or diary number"), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file; streamed to the content store"), responses((status = 201, description = "The registered document", body = Object)))]
pub async fn upload_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(case_id): Path<String>,
    Query(query): Query<UploadQuery>,
    request: Request,
) -> ApiResult<(StatusCode, Json<Document>)> {
    principal.require(Permission::WriteDocuments)?;
    let direction =
        Direction::parse(query.direction.as_deref().unwrap_or("incoming")).map_err(ApiError::bad_request)?;
    let publicity = query
        .publicity
        .as_deref()
        .map(PublicityClass::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let date = query
        .date
        .as_deref()
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()
        .map_err(|_| ApiError::bad_request("date must be YYYY-MM-DD"))?;
    let media_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let new_document = NewDocument {
        language: query.language.unwrap_or_else(|| "fi".to_owned()),
        restriction: RestrictionRequest {
            publicity,
            secrecy_reasons: query.secrecy_reason.into_iter().collect(),
            secrecy_years: query.secrecy_years,
            override_reason: query.override_reason,
        },
        ..NewDocument::new(query.record_type, direction, query.title.clone()).dated(date)
    };
    let actor = actor_of(&principal);
    // Refuse before reading the body: a bad record type or restriction stores nothing.
    let case_for_check = case_id.clone();
    let checked = new_document.clone();
    let check_actor = actor.clone();
    with_app(&state, move |app| {
        Ok(app.check_registration(&case_for_check, &checked, &check_actor)?)
    })
    .await?;

    let mut reader = crate::routes_archive::limited_body(request, crate::MAX_UPLOAD_BYTES);
    let file_name = query.file_name.unwrap_or_else(|| query.title.clone());
    let document = with_app(&state, move |app| {
        let upload = kirjuri_app::Upload {
            reader: &mut reader,
            file_name: &file_name,
            media_type: &media_type,
        };
        let registered = app.register_document(&case_id, &new_document, Some(upload), &actor);
        // A body that broke off or went over the limit is the answer, not what followed.
        registered.map_err(|error| {
            if let Some(body_error) = reader.error() {
                return body_error;
            }
            // Refused before the body was read (a bad file name): read what is left of a small
            // body, so closing the connection does not reset it before the client has the answer.
            let _ = std::io::copy(&mut std::io::Read::take(&mut reader, DRAIN_BYTES), &mut std::io::sink());
            error.into()
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(document)))
}

#[utoipa::path(get, path = "/documents/{id}", tag = "registry", params(("id" = String, Path, description = "Document id")), responses((status = 200, description = "Document metadata (reads of restricted records are audited)", body = Object)))]
pub async fn get_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<Document>> {
    principal.require(Permission::ReadPublicDocuments)?;
    let may_read_restricted = principal.may(Permission::ReadRestrictedDocuments);
    require_purpose_in_browser(&state, &principal, &id).await?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let visible = registry.store.get::<Document>(kirjuri_registry::DOCUMENT, &id)?;
        // A document the caller may not read does not exist for them: 404, not 403.
        match visible {
            Some(document) if document.is_public() || may_read_restricted => {
                Ok(Json(registry.read_document(&id, &actor)?))
            }
            _ => Err(ApiError::NotFound(format!("document {id}"))),
        }
    })
    .await
}

/// Streams a document's content after checking its digest into a temporary file.
#[utoipa::path(get, path = "/documents/{id}/content", tag = "registry", params(("id" = String, Path, description = "Document id")), responses((status = 200, description = "The content, digest-checked", content_type = "application/octet-stream", body = Vec<u8>)))]
pub async fn get_content(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadPublicDocuments)?;
    let may_read_restricted = principal.may(Permission::ReadRestrictedDocuments);
    require_purpose_in_browser(&state, &principal, &id).await?;
    content_response(&state, id, may_read_restricted, actor_of(&principal)).await
}

/// A browser session reads a restricted document only with a purpose of use: the web UI asks
/// it on its form; a bare link (`/api/v1/documents/{id}/content` in the address bar) is refused
/// with a pointer to the form. API clients with a token may send `X-Purpose`.
async fn require_purpose_in_browser(state: &AppState, principal: &Principal, id: &str) -> ApiResult<()> {
    // A reader without the right gets the 404 of a record that does not exist for them, not
    // a hint that it exists.
    let may_read_restricted = principal.may(Permission::ReadRestrictedDocuments);
    if !principal.via_session || principal.purpose.is_some() || !may_read_restricted {
        return Ok(());
    }
    let lookup = id.to_owned();
    let restricted = blocking(state, move |registry| {
        Ok(registry
            .store
            .get::<Document>(kirjuri_registry::DOCUMENT, &lookup)?
            .is_some_and(|d| !d.is_public()))
    })
    .await?;
    if restricted {
        return Err(ApiError::BadRequest {
            code: "purpose_required",
            message: format!("a restricted document opens with a purpose of use: /ui/documents/{id}/open"),
        });
    }
    Ok(())
}

/// A document's content as a download for a reader: a document the reader may not read is a
/// 404; a read of a non-public one is audited (with the actor's purpose) before any byte
/// leaves. The API and the web UI's purpose form both answer through this.
pub(crate) async fn content_response(
    state: &AppState,
    id: String,
    may_read_restricted: bool,
    actor: Actor,
) -> ApiResult<Response> {
    let spool_dir = state.store.root().join("blobs").join("tmp");
    let (document, spool) = blocking(state, move |registry| {
        let document = registry
            .store
            .get::<Document>(kirjuri_registry::DOCUMENT, &id)?
            .filter(|d| d.is_public() || may_read_restricted)
            .ok_or_else(|| ApiError::NotFound(format!("document {id}")))?;
        // An unnamed file (O_TMPFILE, or unlinked at once where that is missing): no copy of
        // the content can outlive the request, even when the client goes away mid-copy and
        // this future is dropped while the copy runs on.
        let mut spool = tempfile::tempfile_in(&spool_dir).map_err(|e| ApiError::Internal(e.to_string()))?;
        registry.read_content(&id, &mut spool, &actor)?;
        std::io::Seek::rewind(&mut spool).map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok((document, spool))
    })
    .await?;
    let file = tokio::fs::File::from_std(spool);
    let content = document
        .content
        .as_ref()
        .ok_or_else(|| ApiError::NotFound("content".to_owned()))?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    // Stored content is never shown inline: an attachment, not sniffed, and sandboxed should
    // a browser render it anyway.
    let media_type = header::HeaderValue::from_str(&content.media_type)
        .unwrap_or(header::HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CONTENT_LENGTH, header::HeaderValue::from(content.size)),
            (header::CONTENT_DISPOSITION, attachment_disposition(&content.file_name)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                header::HeaderValue::from_static("nosniff"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                header::HeaderValue::from_static(crate::headers::DOWNLOAD_CONTENT_SECURITY_POLICY),
            ),
        ],
        body,
    )
        .into_response())
}

/// `Content-Disposition: attachment` with an ASCII `filename` and the exact name as RFC 8187
/// `filename*`; whatever a stored name holds (older records may have control characters),
/// the header is always valid.
pub(crate) fn attachment_disposition(file_name: &str) -> header::HeaderValue {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    let value = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    header::HeaderValue::from_str(&value).unwrap_or(header::HeaderValue::from_static("attachment"))
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

// --- Information requests -------------------------------------------------------------------

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

pub(crate) fn helsinki_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
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

// --- Incidents ------------------------------------------------------------------------------

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

pub(crate) fn instant(field: &str, text: &str) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    kirjuri_clock::parse_instant(text).map_err(|e| ApiError::bad_request(format!("{field}: {e}")))
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

// --- Retention and the annual report --------------------------------------------------------

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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `json` (default), `html`, `md` (or `markdown`) or `csv`.
    format: Option<String>,
    /// `fi` (default) or `en`.
    lang: Option<String>,
}

#[utoipa::path(get, path = "/reports/{year}", tag = "reports", params(("year" = i32, Path, description = "Calendar year"), ReportQuery), responses((status = 200, description = "The annual report (tietotilinpäätös) as JSON, HTML, Markdown or CSV", content((Object = "application/json"), (String = "text/html"), (String = "text/markdown"), (String = "text/csv")))))]
pub async fn annual_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
    Query(query): Query<ReportQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadReports)?;
    let format = query.format.unwrap_or_else(|| "json".to_owned());
    let lang = query.lang.unwrap_or_else(|| "fi".to_owned());
    let rendering = with_app(&state, move |app| Ok(app.annual_report(year, &format, &lang)?)).await?;
    Ok(([(header::CONTENT_TYPE, rendering.media_type)], rendering.text).into_response())
}
