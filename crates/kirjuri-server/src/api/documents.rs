//! Documents (asiakirjat): streamed registration, metadata, content download, erasure.

use axum::body::Body;
use axum::extract::{FromRequest as _, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kirjuri_plan::PublicityClass;
use kirjuri_registry::{Actor, Direction, NewDocument, RestrictionRequest};
use serde::Deserialize;

use crate::AppState;
use crate::api::body::DRAIN_BYTES;
use crate::api::shapes::{DirectionKey, DocumentAnswer, PublicityKey};
use crate::api::{ApiResult, actor_of, blocking, reader_of, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Record type id of the case's class in the plan (the class's only type if left out).
    record_type: Option<String>,
    title: String,
    /// The file's name (255 characters at most, no control characters).
    file_name: Option<String>,
    /// `incoming` (saapuva), `outgoing` (lähtevä) or `internal` (sisäinen).
    #[param(value_type = Option<DirectionKey>)]
    direction: Option<String>,
    /// The document's date (received or sent by its direction), `YYYY-MM-DD`.
    #[param(value_type = Option<chrono::NaiveDate>)]
    date: Option<String>,
    /// Publicity class; a departure from the plan needs `override_reason`.
    #[param(value_type = Option<PublicityKey>)]
    publicity: Option<String>,
    #[serde(default)]
    secrecy_reason: Option<String>,
    secrecy_years: Option<u32>,
    override_reason: Option<String>,
    language: Option<String>,
}

/// The direction, publicity class and date of an upload's query (the single and the batch
/// upload take the same), each error naming its field.
fn upload_fields(
    direction: Option<&str>,
    publicity: Option<&str>,
    date: Option<&str>,
) -> ApiResult<(Direction, Option<PublicityClass>, Option<chrono::NaiveDate>)> {
    let direction = Direction::parse(direction.unwrap_or("incoming")).map_err(ApiError::bad_request)?;
    let publicity = publicity
        .map(PublicityClass::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let date = date
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()
        .map_err(|_| ApiError::bad_request("date must be YYYY-MM-DD"))?;
    Ok((direction, publicity, date))
}

/// A failed write or read of a batch's spooled part: a full disk is 507, like every write.
fn spool_error(error: std::io::Error) -> ApiError {
    if kirjuri_store::is_disk_full(&error) {
        ApiError::InsufficientStorage(error.to_string())
    } else {
        ApiError::Internal(error.to_string())
    }
}

/// Refuses an upload before its body is read, so a refused one stores nothing: who may write
/// comes first (a case the caller may not write in tells them nothing of what it would
/// accept), then the record type and restriction in the case's class.
async fn check_before_body(
    state: &AppState,
    principal: &Principal,
    case_id: &str,
    document: &NewDocument,
) -> ApiResult<()> {
    let (case_id, checked, actor, writer) = (
        case_id.to_owned(),
        document.clone(),
        actor_of(principal),
        principal.clone(),
    );
    with_app(state, move |app| {
        writer.require_writes_in_case(&app.with_registry(|registry| registry.find_case(&case_id))??)?;
        app.check_registration(&case_id, &checked, &actor)?;
        Ok(())
    })
    .await
}

/// Registers a document; the request body is the file, streamed to the content store (hashed
/// once while written) before the record is committed.
#[utoipa::path(post, path = "/cases/{id}/documents", tag = "registry", params(("id" = String, Path, description = "Case id or diary number"), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file; streamed to the content store"), responses((status = 201, description = "The registered document", body = DocumentAnswer)))]
pub async fn upload_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(case_id): Path<String>,
    Query(query): Query<UploadQuery>,
    request: Request,
) -> ApiResult<(StatusCode, Json<DocumentAnswer>)> {
    principal.require(Permission::WriteDocuments)?;
    let (direction, publicity, date) = upload_fields(
        query.direction.as_deref(),
        query.publicity.as_deref(),
        query.date.as_deref(),
    )?;
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
    check_before_body(&state, &principal, &case_id, &new_document).await?;

    let mut reader = crate::api::body::limited_body(request, crate::MAX_UPLOAD_BYTES);
    let file_name = query.file_name.unwrap_or_else(|| query.title.clone());
    let (document, case) = with_app(&state, move |app| {
        let upload = kirjuri_app::Upload {
            reader: &mut reader,
            file_name: &file_name,
            media_type: &media_type,
        };
        let registered = app.register_document(&case_id, &new_document, Some(upload), &actor);
        // A body that broke off or went over the limit is the answer, not what followed.
        registered
            .map_err(|error| {
                if let Some(body_error) = reader.error() {
                    return body_error;
                }
                // Refused before the body was read (a bad file name): read what is left of a small
                // body, so closing the connection does not reset it before the client has the answer.
                let _ = std::io::copy(&mut std::io::Read::take(&mut reader, DRAIN_BYTES), &mut std::io::sink());
                ApiError::from(error)
            })
            .and_then(|document| {
                let case = app.with_registry(|registry| registry.find_case(&document.case_id))??;
                Ok((document, case))
            })
    })
    .await?;
    let answer = DocumentAnswer::from(&document).with_case(&document, &case);
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Metadata shared by every file of a batch upload: the fields of the single upload, with the
/// title optional (each document is titled by its file name; a title given is put before it).
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BatchUploadQuery {
    /// Record type id of the case's class in the plan (the class's only type if left out).
    record_type: Option<String>,
    /// Put before each file's name in its document's title (`title: name`); each document is
    /// titled by its file name without the extension when left out.
    title: Option<String>,
    /// `incoming` (saapuva), `outgoing` (lähtevä) or `internal` (sisäinen).
    #[param(value_type = Option<DirectionKey>)]
    direction: Option<String>,
    /// The documents' date (received or sent by their direction), `YYYY-MM-DD`.
    #[param(value_type = Option<chrono::NaiveDate>)]
    date: Option<String>,
    /// Publicity class; a departure from the plan needs `override_reason`.
    #[param(value_type = Option<PublicityKey>)]
    publicity: Option<String>,
    #[serde(default)]
    secrecy_reason: Option<String>,
    secrecy_years: Option<u32>,
    override_reason: Option<String>,
    language: Option<String>,
}

/// The body of a batch upload: `multipart/form-data` with one `file` part per document, in
/// order; each part's file name and content type are the document's.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // describes the form for the API description; the handler reads it as a stream
pub struct BatchUploadForm {
    /// The files, one document each, in order.
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
}

/// The documents of a batch, in the order of its files.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct BatchAnswer {
    pub documents: Vec<DocumentAnswer>,
}

/// Files of one batch upload at most.
pub const MAX_BATCH_FILES: usize = 1000;

/// Registers several documents into one case at once (a scanning batch): the files are
/// spooled, then stored and fsynced together and their records committed in one transaction
/// with one flush. Answers only when the whole batch is durable, with the documents in file
/// order; a refusal registers none of them and names the file at fault.
#[utoipa::path(post, path = "/cases/{id}/documents/batch", tag = "registry", params(("id" = String, Path, description = "Case id or diary number"), BatchUploadQuery), request_body(content = BatchUploadForm, content_type = "multipart/form-data", description = "One `file` part per document, in order"), responses((status = 201, description = "The registered documents, in file order", body = BatchAnswer)))]
pub async fn upload_batch(
    State(state): State<AppState>,
    principal: Principal,
    Path(case_id): Path<String>,
    Query(query): Query<BatchUploadQuery>,
    request: Request,
) -> ApiResult<(StatusCode, Json<BatchAnswer>)> {
    principal.require(Permission::WriteDocuments)?;
    let (direction, publicity, date) = upload_fields(
        query.direction.as_deref(),
        query.publicity.as_deref(),
        query.date.as_deref(),
    )?;
    let shared_title = query.title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let template = NewDocument {
        language: query.language.unwrap_or_else(|| "fi".to_owned()),
        restriction: RestrictionRequest {
            publicity,
            secrecy_reasons: query.secrecy_reason.into_iter().collect(),
            secrecy_years: query.secrecy_years,
            override_reason: query.override_reason,
        },
        ..NewDocument::new(
            query.record_type,
            direction,
            shared_title.clone().unwrap_or_else(|| "batch".to_owned()),
        )
        .dated(date)
    };
    let actor = actor_of(&principal);
    check_before_body(&state, &principal, &case_id, &template).await?;

    let mut form = axum::extract::Multipart::from_request(request, &state)
        .await
        .map_err(|rejection| ApiError::BadRequest {
            code: "bad_form",
            message: rejection.body_text(),
        })?;
    let mut files: Vec<SpooledPart> = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(batch_form_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            return Err(ApiError::bad_request(format!(
                "form part `{name}`: a batch has only `file` parts (the metadata goes in the query)"
            )));
        }
        if files.len() == MAX_BATCH_FILES {
            return Err(ApiError::BadRequest {
                code: "too_many",
                message: format!("file: at most {MAX_BATCH_FILES} files in one batch"),
            });
        }
        let position = files.len() + 1;
        let file_name = field
            .file_name()
            .map(str::to_owned)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("file-{position}"));
        let media_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
        let spool = SpooledPart {
            path: crate::api::body::spool_path(&state, "api-batch")?,
            file_name,
            media_type,
        };
        let mut out = tokio::fs::File::create(&spool.path).await.map_err(spool_error)?;
        while let Some(chunk) = field.chunk().await.map_err(batch_form_error)? {
            tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                .await
                .map_err(spool_error)?;
        }
        // A tokio file writes in the background: flushed, so the last chunk is in the file.
        tokio::io::AsyncWriteExt::flush(&mut out).await.map_err(spool_error)?;
        files.push(spool);
    }
    if files.is_empty() {
        return Err(ApiError::BadRequest {
            code: "no_content",
            message: "file: a batch needs at least one `file` part".to_owned(),
        });
    }
    let (documents, case) = with_app(&state, move |app| {
        let mut opened = Vec::with_capacity(files.len());
        for spooled in &files {
            opened.push(std::fs::File::open(&spooled.path).map_err(spool_error)?);
        }
        let registrations = files
            .iter()
            .zip(opened.iter_mut())
            .map(|(spooled, file)| {
                let stem = std::path::Path::new(&spooled.file_name)
                    .file_stem()
                    .map_or(spooled.file_name.clone(), |s| s.to_string_lossy().into_owned());
                let mut request = template.clone();
                request.title = match &shared_title {
                    Some(title) => format!("{title}: {stem}"),
                    None => stem,
                };
                kirjuri_app::Registration {
                    request,
                    upload: Some(kirjuri_app::Upload {
                        reader: file,
                        file_name: &spooled.file_name,
                        media_type: &spooled.media_type,
                    }),
                }
            })
            .collect();
        let documents = app.register_documents(&case_id, registrations, &actor)?;
        let case = app.with_registry(|registry| registry.find_case(&case_id))??;
        Ok((documents, case))
    })
    .await?;
    let documents = documents
        .iter()
        .map(|document| DocumentAnswer::from(document).with_case(document, &case))
        .collect();
    Ok((StatusCode::CREATED, Json(BatchAnswer { documents })))
}

/// A file of a batch spooled to `blobs/tmp`, removed when dropped.
struct SpooledPart {
    path: std::path::PathBuf,
    file_name: String,
    media_type: String,
}

impl Drop for SpooledPart {
    fn drop(&mut self) {
        // A spool left behind is swept at the next start (`blobs/tmp` is emptied then).
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A batch form's reading error: a body over the limit is 413, anything else the form's 400.
fn batch_form_error(error: axum::extract::multipart::MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::TooLarge(format!("at most {} bytes", crate::MAX_UPLOAD_BYTES));
    }
    ApiError::BadRequest {
        code: "bad_form",
        message: error.body_text(),
    }
}

#[utoipa::path(get, path = "/documents/{id}", tag = "registry", params(("id" = String, Path, description = "Document id")), responses((status = 200, description = "Document metadata (reads of restricted records are audited)", body = DocumentAnswer)))]
pub async fn get_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<DocumentAnswer>> {
    principal.require(Permission::ReadPublicDocuments)?;
    require_purpose_in_browser(&state, &principal, &id).await?;
    let reader = reader_of(&principal);
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        // A document the caller may not read does not exist for them: 404, not 403.
        let (_, case) = registry.read_document_for(&id, &reader)?;
        let document = registry.read_document(&id, &actor)?;
        Ok(Json(DocumentAnswer::from(&document).with_case(&document, &case)))
    })
    .await
}

/// The secrecy start events of a document (Publicity Act §31(2)): a field left out keeps its
/// recorded day, `null` clears it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecrecyEventsBody {
    /// The death of the person the document concerns, `YYYY-MM-DD`; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub subject_died_on: Option<Option<chrono::NaiveDate>>,
    /// The end of the client or employment relationship, `YYYY-MM-DD`; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub relationship_ended_on: Option<Option<chrono::NaiveDate>>,
}

/// A field that is present, `null` or a day, as `Some`: a field left out stays `None` (keep).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<chrono::NaiveDate>>, D::Error> {
    Option::<chrono::NaiveDate>::deserialize(deserializer).map(Some)
}

/// Records the death of the person a document concerns and the end of the relationship it
/// belongs to; the secrecy end follows from them (audited as `document.secrecy_events`).
#[utoipa::path(put, path = "/documents/{id}/secrecy-events", tag = "registry", params(("id" = String, Path, description = "Document id")), request_body = SecrecyEventsBody, responses((status = 200, description = "The document with its new secrecy end", body = DocumentAnswer)))]
pub async fn set_secrecy_events(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<SecrecyEventsBody>,
) -> ApiResult<Json<DocumentAnswer>> {
    let change = kirjuri_registry::SecrecyEventsChange {
        subject_died_on: body.subject_died_on,
        relationship_ended_on: body.relationship_ended_on,
    };
    blocking(&state, move |registry| {
        set_secrecy_events_as(registry, &principal, &id, change).map(Json)
    })
    .await
}

/// The one use-case behind the API, the case page and the CLI: the caller must write documents
/// in the document's case and read it; a day left out keeps what is recorded; the registry
/// checks the dates and audits the change.
pub fn set_secrecy_events_as(
    registry: &kirjuri_registry::Registry<'_>,
    principal: &Principal,
    id: &str,
    change: kirjuri_registry::SecrecyEventsChange,
) -> ApiResult<DocumentAnswer> {
    principal.require(Permission::WriteDocuments)?;
    let (current, case) = registry.read_document_for(id, &reader_of(principal))?;
    // Staff record these days in their own departments' cases only, as they register there.
    principal.require_writes_in_case(&case)?;
    let actor = actor_of(principal);
    let today = kirjuri_registry::helsinki_date(actor.at);
    let document = registry.set_secrecy_events(id, change.applied_to(&current), today, &actor)?;
    Ok(DocumentAnswer::from(&document).with_case(&document, &case))
}

/// Streams a document's content after checking its digest into a temporary file.
#[utoipa::path(get, path = "/documents/{id}/content", tag = "registry", params(("id" = String, Path, description = "Document id")), responses((status = 200, description = "The content, digest-checked", content_type = "application/octet-stream", body = Vec<u8>)))]
pub async fn get_content(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadPublicDocuments)?;
    require_purpose_in_browser(&state, &principal, &id).await?;
    content_response(&state, id, reader_of(&principal), actor_of(&principal)).await
}

/// A browser session reads a restricted document only with a purpose of use: the web UI asks
/// it on its form; a bare link (`/api/v1/documents/{id}/content` in the address bar) is refused
/// with a pointer to the form. API clients with a token may send `X-Purpose`.
async fn require_purpose_in_browser(state: &AppState, principal: &Principal, id: &str) -> ApiResult<()> {
    // A reader without the right gets the 404 of a record that does not exist for them, not
    // a hint that it exists.
    let reader = reader_of(principal);
    if !principal.via_session || principal.purpose.is_some() || !reader.reads_restricted_somewhere() {
        return Ok(());
    }
    let lookup = id.to_owned();
    let restricted = blocking(state, move |registry| {
        Ok(registry
            .read_document_for(&lookup, &reader)
            .is_ok_and(|(document, _)| !document.is_public()))
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
    reader: kirjuri_registry::Reader,
    actor: Actor,
) -> ApiResult<Response> {
    let spool_dir = state.store.root().join("blobs").join("tmp");
    let (document, spool) = blocking(state, move |registry| {
        let (document, _) = registry.read_document_for(&id, &reader)?;
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
    responses((status = 200, description = "The destruction record of the erased document", body = crate::api::retention::DestructionRecordAnswer)))]
pub async fn erase_document(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<EraseBody>,
) -> ApiResult<Json<crate::api::retention::DestructionRecordAnswer>> {
    principal.require(Permission::EraseRecords)?;
    let actor = actor_of(&principal);
    let reader = reader_of(&principal);
    with_app(&state, move |app| {
        let erasure = kirjuri_archive::erasure::Erasure {
            document: &id,
            reason: &body.reason,
            request: body.request.as_deref(),
        };
        Ok(Json(crate::api::retention::DestructionRecordAnswer::from(&erase_as(
            app, &reader, &erasure, &actor,
        )?)))
    })
    .await
}

/// Erases a document for a reader (the API and the web form): a document the reader may not
/// see does not exist for them, to erase either; nor does a request whose case keeps them out.
pub(crate) fn erase_as(
    app: &kirjuri_app::App,
    reader: &kirjuri_registry::Reader,
    erasure: &kirjuri_archive::erasure::Erasure<'_>,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_archive::DestructionRecord> {
    app.with_registry(|registry| -> ApiResult<()> {
        registry.read_document_for(erasure.document, reader)?;
        if let Some(request) = erasure.request {
            kirjuri_requests::Requests { registry }.get_for(request, reader)?;
        }
        Ok(())
    })??;
    Ok(app.erase(erasure, actor)?)
}
