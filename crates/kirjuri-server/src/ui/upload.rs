//! Registering documents from the case page (`/ui/cases/{id}/documents`): one or several files
//! at once (chosen or dropped on the file field), incoming, outgoing or internal. The fields
//! come first and are checked (CSRF, the department) before any file is streamed to a spool
//! file; each file is then registered by the same use-case as the API and the CLI. A refusal
//! shows the case page again with the problem on the form and the fields kept.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::case_page::{CaseData, CasePageQuery, case_data, render_case};
use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{UiUser, words};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, with_app};
use crate::error::ApiError;
use crate::extract::Path;
use crate::users::Permission;

/// The registration form's fields, kept when it is refused (a browser never keeps a file).
#[derive(Default)]
pub(super) struct UploadFields {
    pub record_type: String,
    pub title: String,
    pub direction: String,
    /// The day received or sent (today when empty).
    pub date: String,
    /// The sender of an incoming document, the recipient of an outgoing one.
    pub party: String,
}

pub(super) fn upload_form(user: &UiUser, data: &CaseData, errors: &[FieldError], fields: &UploadFields) -> Markup {
    let lang = user.lang;
    let directions = [
        ("incoming", words::direction(kirjuri_registry::Direction::Incoming)),
        ("outgoing", words::direction(kirjuri_registry::Direction::Outgoing)),
        ("internal", words::direction(kirjuri_registry::Direction::Internal)),
    ];
    html! {
        form #register method="post" action=(format!("/ui/cases/{}/documents", data.case.id)) enctype="multipart/form-data" {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::REGISTER_DOCUMENTS)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="record_type" { (lang.t(m::RECORD_TYPE)) }
                select id="record_type" name="record_type" aria-describedby=[described_by(errors, "record_type")] {
                    @for (id, name) in &data.record_types { option value=(id) selected[*id == fields.record_type] { (name) } }
                }
                (field_error(errors, "record_type"))
                label for="direction" { (lang.t(m::DIRECTION)) }
                select id="direction" name="direction" {
                    @for (key, name) in directions {
                        option value=(key) selected[key == fields.direction] { (lang.t(name)) }
                    }
                }
                label for="date" { (lang.t(m::DOCUMENT_DATE)) }
                span.hint id="date-hint" { (lang.t(m::DOCUMENT_DATE_HINT)) }
                input id="date" name="date" type="date" value=(fields.date)
                    aria-describedby=(described_with_hint(errors, "date", "date-hint"));
                (field_error(errors, "date"))
                label for="party" { (lang.t(m::SENDER_OR_RECIPIENT)) }
                input id="party" name="party" value=(fields.party) size="40" aria-describedby=[described_by(errors, "party")];
                (field_error(errors, "party"))
                label for="title" { (lang.t(m::TITLE)) }
                span.hint id="title-hint" { (lang.t(m::UPLOAD_TITLE_HINT)) }
                input id="title" name="title" value=(fields.title) size="50"
                    aria-describedby=(described_with_hint(errors, "title", "title-hint"));
                (field_error(errors, "title"))
                label for="file" { (lang.t(m::FILES)) }
                span.hint id="file-hint" { (lang.t(m::FILES_HINT)) }
                // The file field is the drop zone: files dropped on it are chosen (no script).
                input.dropzone id="file" type="file" name="file" multiple required
                    aria-describedby=(described_with_hint(errors, "file", "file-hint"));
                (field_error(errors, "file"))
                button { (lang.t(m::REGISTER)) }
            }
        }
    }
}

/// A spooled upload, removed whatever happens to the request.
pub(super) struct SpoolFile(pub(super) std::path::PathBuf);

impl Drop for SpoolFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A multipart form's reading error, as the form's problem.
pub(super) fn form_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::BadRequest {
        code: "bad_form",
        message: e.body_text(),
    }
}

/// Writes a file field of a form to `spool` (removed when dropped) and returns it.
pub(super) async fn spool_field(
    field: &mut axum::extract::multipart::Field<'_>,
    spool: std::path::PathBuf,
) -> ApiResult<SpoolFile> {
    let spool = SpoolFile(spool);
    let mut out = tokio::fs::File::create(&spool.0)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    while let Some(chunk) = field.chunk().await.map_err(form_error)? {
        tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    // A tokio file writes in the background: until flushed, the last chunk may not be in the
    // file yet when it is read (a document registered cut short, an intact package found
    // broken).
    tokio::io::AsyncWriteExt::flush(&mut out)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(spool)
}

/// One file of the form, spooled.
struct Spooled {
    file: SpoolFile,
    name: String,
    media_type: String,
}

/// Fields other than files the registration form may have.
const MAX_FIELDS: usize = 8;

/// Files registered through the web form at once.
const MAX_FILES: usize = 20;

pub(super) async fn upload_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(case_id): Path<String>,
    mut form: axum::extract::Multipart,
) -> ApiResult<Response> {
    if !user.may(Permission::WriteDocuments) {
        return Err(ApiError::Forbidden);
    }
    // A department-scoped user registers only in their own departments: refused before a
    // file is read.
    let principal = user.principal();
    let lookup = case_id.clone();
    blocking(&state, move |registry| {
        principal.require_writes_in_case(&registry.find_case(&lookup)?)
    })
    .await?;
    let mut fields: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let spool_dir = state.store.root().join("blobs").join("tmp");
    tokio::fs::create_dir_all(&spool_dir)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut files: Vec<Spooled> = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            // A handful of short fields; the token comes first and is checked as soon as a
            // field follows it, so a form without it is read no further.
            if fields.len() >= MAX_FIELDS {
                return Err(ApiError::BadRequest {
                    code: "too_many",
                    message: format!("the form has more than {MAX_FIELDS} fields"),
                });
            }
            if !fields.is_empty() {
                user.check_csrf(fields.get("csrf").map_or("", String::as_str))?;
            }
            // Form fields are short; only a file may be large.
            let mut value = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(form_error)? {
                value.extend_from_slice(&chunk);
                if value.len() > 64 * 1024 {
                    return Err(ApiError::bad_request(format!("{name}: longer than 64 KiB")));
                }
            }
            let value =
                String::from_utf8(value).map_err(|_| ApiError::bad_request(format!("{name}: not UTF-8 text")))?;
            fields.insert(name, value);
            continue;
        }
        user.check_csrf(fields.get("csrf").map_or("", String::as_str))?;
        // An empty file field is sent as a part without a file name.
        let Some(file_name) = field.file_name().map(str::to_owned).filter(|n| !n.is_empty()) else {
            continue;
        };
        if files.len() == MAX_FILES {
            return Err(ApiError::BadRequest {
                code: "too_many",
                message: format!("file: at most {MAX_FILES} files at once"),
            });
        }
        let media_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
        let spool = spool_field(
            &mut field,
            spool_dir.join(format!("ui-upload-{}", crate::users::random_secret(12))),
        )
        .await?;
        files.push(Spooled {
            file: spool,
            name: file_name,
            media_type,
        });
    }
    // A form without a file part has had its token checked by no part yet.
    user.check_csrf(fields.get("csrf").map_or("", String::as_str))?;
    let field = |name: &str| fields.get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
    let kept = UploadFields {
        record_type: field("record_type"),
        title: field("title"),
        direction: field("direction"),
        date: field("date"),
        party: field("party"),
    };
    let lang = user.lang;
    if files.is_empty() {
        let errors = [FieldError::new("file", "no_content", lang, m::PROBLEM_NO_FILE)];
        return refused(&state, &user, case_id, &errors, &kept, &[]).await;
    }
    let direction = kirjuri_registry::Direction::parse(if kept.direction.is_empty() {
        "incoming"
    } else {
        &kept.direction
    })
    .map_err(ApiError::bad_request)?;
    let date = match kept.date.as_str() {
        "" => helsinki_today(),
        text => match words::read_day(text) {
            Some(day) if day <= helsinki_today() => day,
            _ => {
                let errors = [FieldError::new("date", "bad_date", lang, m::PROBLEM_BAD_DOCUMENT_DATE)];
                return refused(&state, &user, case_id, &errors, &kept, &[]).await;
            }
        },
    };
    let party = Some(kept.party.clone()).filter(|p| !p.is_empty());
    let several = files.len() > 1;
    let actor = actor_of(&user.principal());
    let record_type = Some(kept.record_type.clone()).filter(|r| !r.is_empty());
    let title = kept.title.clone();
    let target = case_id.clone();
    // Each file is its own document; the first refusal stops the rest, and the page says which
    // were registered before it.
    let (registered, failure) = with_app(&state, move |app| {
        let mut registered = Vec::new();
        for spooled in &files {
            let stem = std::path::Path::new(&spooled.name)
                .file_stem()
                .map_or(spooled.name.clone(), |s| s.to_string_lossy().into_owned());
            let document_title = match (title.is_empty(), several) {
                (true, _) => stem,
                (false, false) => title.clone(),
                (false, true) => format!("{title}: {stem}"),
            };
            let mut request =
                kirjuri_registry::NewDocument::new(record_type.clone(), direction, document_title).dated(Some(date));
            request.parties = party.iter().cloned().collect();
            let result = std::fs::File::open(&spooled.file.0)
                .map_err(|e| ApiError::Internal(e.to_string()))
                .and_then(|mut file| {
                    let upload = kirjuri_app::Upload {
                        reader: &mut file,
                        file_name: &spooled.name,
                        media_type: &spooled.media_type,
                    };
                    Ok(app.register_document(&target, &request, Some(upload), &actor)?)
                });
            match result {
                Ok(document) => registered.push((document.id, document.case_id)),
                Err(error) => return Ok((registered, Some((spooled.name.clone(), error)))),
            }
        }
        Ok((registered, None))
    })
    .await?;
    match failure {
        // Back to the stored case (its id, not the path as typed), the documents named.
        None => {
            let stored = registered.first().map_or(case_id.clone(), |(_, case)| case.clone());
            let ids = registered.into_iter().map(|(id, _)| id).collect();
            let address = super::case_page::case_done(&user, &stored, super::case_page::CaseDone::Registered(ids));
            Ok(Redirect::to(&format!("{address}#register")).into_response())
        }
        Some((file, error)) => {
            let mut problem = FieldError::from_api(lang, &error, &["record_type", "title", "file"]);
            if problem.field.is_none() {
                problem.field = Some("file");
            }
            problem.text = format!("{file}: {}", problem.text);
            let ids: Vec<String> = registered.into_iter().map(|(id, _)| id).collect();
            refused(&state, &user, case_id, &[problem], &kept, &ids).await
        }
    }
}

/// The case page again with the registration's problems on its form (and the documents
/// registered before the refusal named).
async fn refused(
    state: &AppState,
    user: &UiUser,
    case_id: String,
    errors: &[FieldError],
    kept: &UploadFields,
    registered: &[String],
) -> ApiResult<Response> {
    let data = case_data(state, user, case_id).await?;
    let query = CasePageQuery::registered(registered);
    let page = render_case(
        user,
        &data,
        &query,
        errors,
        kept,
        &super::case_page::SecrecyFormState::default(),
    );
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}
