//! The JSON API of retention: legal holds, disposal proposals (four eyes: the approver is not
//! the proposer), destruction records, the archive list, and signed archive packages (export
//! streamed back as a zip; verification of an uploaded package).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use futures_util::TryStreamExt;
use kirjuri_archive::disposal;
use kirjuri_plan::ClassCode;
use kirjuri_registry::LegalHold;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::routes::{ApiResult, actor_of, blocking, helsinki_today, with_app};
use crate::users::Permission;

fn class_param(class: Option<&str>) -> ApiResult<Option<ClassCode>> {
    class
        .map(ClassCode::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(format!("class: {e}")))
}

/// The temporary folder for spooled uploads and packages (same file system as the store).
fn spool_path(state: &AppState, what: &str) -> ApiResult<std::path::PathBuf> {
    let folder = state.store.root().join("blobs").join("tmp");
    std::fs::create_dir_all(&folder).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(folder.join(format!(
        "{what}-{}-{}",
        std::process::id(),
        crate::users::random_secret(12)
    )))
}

/// A request body as a blocking reader, cut off at a limit. It remembers why a read failed,
/// so that a body over the limit is answered 413 and a broken upload 400, whatever the code
/// that consumed the reader made of the error.
pub(crate) struct BodyReader<R> {
    inner: tokio_util::io::SyncIoBridge<R>,
    pub failure: Option<std::io::ErrorKind>,
}

pub(crate) fn limited_body(request: Request, limit: usize) -> BodyReader<impl tokio::io::AsyncRead + Unpin> {
    let body = http_body_util::Limited::new(request.into_body(), limit);
    let stream = http_body_util::BodyDataStream::new(body).map_err(|e| {
        if e.is::<http_body_util::LengthLimitError>() {
            std::io::Error::new(std::io::ErrorKind::FileTooLarge, "body over the limit")
        } else {
            std::io::Error::other(e)
        }
    });
    BodyReader {
        inner: tokio_util::io::SyncIoBridge::new(tokio_util::io::StreamReader::new(stream)),
        failure: None,
    }
}

impl<R: tokio::io::AsyncRead + Unpin> std::io::Read for BodyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| self.failure = Some(e.kind()))
    }
}

impl<R> BodyReader<R> {
    /// The error to answer when reading the body failed.
    pub fn error(&self) -> Option<ApiError> {
        self.failure.map(|kind| {
            if kind == std::io::ErrorKind::FileTooLarge {
                ApiError::TooLarge(format!("at most {} bytes", crate::MAX_UPLOAD_BYTES))
            } else {
                ApiError::bad_request(format!("request body could not be read ({kind})"))
            }
        })
    }
}

// --- Legal holds ----------------------------------------------------------------------------

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

// --- Disposal -------------------------------------------------------------------------------

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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EraseBody {
    /// Why the record is erased (kept permanently in the destruction record and the audit
    /// trail, so name the decision, not the person: no personal data here).
    reason: String,
    /// The `gdpr-erasure` request this decision answers, if any.
    #[serde(default)]
    request: Option<String>,
}

/// Erases a document outside the retention schedule (poistaminen): the decision on a GDPR
/// erasure request, or a record registered by mistake. Refused under a legal hold, for a
/// permanently preserved record and for a record in an open disposal proposal. The record's
/// text leaves the search index and its files before the answer.
#[utoipa::path(post, path = "/documents/{id}/erase", tag = "retention", request_body = EraseBody,
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The destruction record of the erased document", body = Object)))]
pub async fn erase_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<EraseBody>,
) -> ApiResult<Json<kirjuri_archive::DestructionRecord>> {
    principal.require(Permission::EraseRecords)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| {
        let erasure = kirjuri_archive::erasure::Erasure {
            document: &id,
            reason: &body.reason,
            request: body.request.as_deref(),
        };
        Ok(Json(app.erase(&erasure, &actor)?))
    })
    .await
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

// --- Archive list and packages --------------------------------------------------------------

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArchiveListQuery {
    /// `json` (default), `csv` or `html`.
    format: Option<String>,
}

#[utoipa::path(get, path = "/archive/list", tag = "archive", params(ArchiveListQuery),
    responses((status = 200, description = "The archive list (arkistoluettelo) of permanently kept records by class, series and year",
        content((Vec<Object> = "application/json"), (String = "text/csv"), (String = "text/html")))))]
pub async fn archive_list(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ArchiveListQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadRetention)?;
    let format = query.format.unwrap_or_else(|| "json".to_owned());
    if !matches!(format.as_str(), "json" | "csv" | "html") {
        return Err(ApiError::bad_request(format!(
            "format `{format}`, expected json, csv or html"
        )));
    }
    let organisation = state.organisation.to_string();
    blocking(&state, move |registry| {
        let titles = registry
            .plans
            .current()
            .map(|p| p.classes.iter().map(|(c, k)| (c.clone(), k.title.clone())).collect())
            .unwrap_or_default();
        let entries = kirjuri_archive::archive_list(registry.store, &titles)?;
        Ok(match format.as_str() {
            "csv" => (
                [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
                kirjuri_archive::archive_list::to_csv(&entries).map_err(ApiError::Internal)?,
            )
                .into_response(),
            "html" => (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                kirjuri_archive::archive_list::to_html(&entries, &organisation, &helsinki_today().to_string()),
            )
                .into_response(),
            _ => axum::Json(entries).into_response(),
        })
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExportBody {
    /// Cases by diary number or id (all their documents).
    #[serde(default)]
    cases: Vec<String>,
    /// Every document of this class and below (when no cases are given).
    class: Option<String>,
    /// Only permanently kept records.
    #[serde(default)]
    permanent: bool,
}

/// Exports a signed archive package (E-ARK SIP in a BagIt bag, zipped, minisign signature)
/// and streams it back. The export is audited.
#[utoipa::path(post, path = "/archive/exports", tag = "archive", request_body = ExportBody,
    responses((status = 200, description = "The package", content_type = "application/zip", body = Vec<u8>)))]
pub async fn export(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ExportBody>,
) -> ApiResult<Response> {
    principal.require(Permission::ExportArchive)?;
    let request = kirjuri_archive::package::ExportRequest {
        class: class_param(body.class.as_deref())?,
        cases: body.cases,
        permanent_only: body.permanent,
    };
    if request.cases.is_empty() && request.class.is_none() && !request.permanent_only {
        return Err(ApiError::bad_request(
            "say what to export: cases, a class, or permanent: true",
        ));
    }
    let path = spool_path(&state, "export")?;
    let organisation = state.organisation.to_string();
    let actor = principal.name.clone();
    let out = path.clone();
    let exported = blocking(&state, move |registry| {
        let key = kirjuri_archive::keys::load(registry.store.root()).map_err(|e| ApiError::Conflict {
            code: "no_signing_key",
            message: e.to_string(),
        })?;
        let result = kirjuri_archive::package::export(
            registry,
            &request,
            &organisation,
            &key,
            &out,
            chrono::Utc::now(),
            &actor,
        );
        if result.is_err() {
            let _ = std::fs::remove_file(&out);
        }
        Ok(result?)
    })
    .await?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .len();
    let _ = tokio::fs::remove_file(&path).await;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.zip\"", exported.objid),
            ),
        ],
        Body::from_stream(tokio_util::io::ReaderStream::new(file)),
    )
        .into_response())
}

/// Checks an uploaded package: every digest, the structure and the signature against the
/// organisation's own public key.
#[utoipa::path(post, path = "/archive/verify", tag = "archive",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The package (a zip file)"),
    responses((status = 200, description = "The report; `problems` is empty when the package is intact", body = Object)))]
pub async fn verify(State(state): State<AppState>, principal: Principal, request: Request) -> ApiResult<Json<Value>> {
    principal.require(Permission::VerifyArchive)?;
    let path = spool_path(&state, "verify")?;
    let mut reader = limited_body(request, crate::MAX_UPLOAD_BYTES);
    let spooled = path.clone();
    blocking(&state, move |registry| {
        let result = (|| -> ApiResult<Value> {
            let mut file = std::fs::File::create(&spooled).map_err(|e| ApiError::Internal(e.to_string()))?;
            if let Err(error) = std::io::copy(&mut reader, &mut file) {
                return Err(reader.error().unwrap_or_else(|| ApiError::Internal(error.to_string())));
            }
            let trusted = kirjuri_archive::keys::public_text(registry.store.root())
                .ok()
                .and_then(|text| kirjuri_archive::keys::read_public(&text).ok());
            let report = kirjuri_archive::verify::verify(&spooled, trusted.as_ref())
                .map_err(|e| ApiError::bad_request(format!("package: {e}")))?;
            Ok(json!({ "ok": report.ok(), "report": report }))
        })();
        let _ = std::fs::remove_file(&spooled);
        result.map(Json)
    })
    .await
}
