//! The case pages: the list of cases (`/ui/cases`), one case with its documents
//! (`/ui/cases/{id}`), and the case page's forms — registering a document with its file
//! (`/ui/cases/{id}/documents`) and erasing one (`/ui/cases/{id}/erase`).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_registry::{CaseFilter, CaseView};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, reader_of, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

pub(super) async fn cases_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let mut cases = blocking(&state, move |registry| {
        Ok(registry.list_cases(
            &CaseFilter {
                state: None,
                class: None,
                party: None,
            },
            &reader,
        )?)
    })
    .await?;
    cases.reverse();
    let body = html! {
        table {
            tr {
                th { (lang.t(m::DIARY_NUMBER)) } th { (lang.t(m::TITLE)) }
                th { (lang.t(m::STATE)) } th { (lang.t(m::OPENED)) }
            }
            @for CaseView { case, masked } in cases.iter().take(500) {
                tr {
                    td { a href=(format!("/ui/cases/{}", case.id)) { (case.diary_number) } }
                    td {
                        (case.title)
                        @if *masked { " " span.muted { (lang.t(m::RESTRICTED)) } }
                    }
                    td { (super::words::case_state(case.state).in_lang(lang)) }
                    td { (case.opened_on) }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::CASES), body))
}

/// What the case page was sent back with after an action.
#[derive(Deserialize)]
pub(super) struct CasePageQuery {
    /// The document just registered on the page's form.
    registered: Option<String>,
}

pub(super) async fn case_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<CasePageQuery>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let may_write = user.may(Permission::WriteDocuments);
    let may_erase = user.may(Permission::EraseRecords);
    let actor = actor_of(&user.principal());
    let (case, masked, documents, record_types, covered, may_register) = blocking(&state, move |registry| {
        // Whether the reader's right covers the case (its restricted documents are shown), and
        // whether they may register in its department.
        let stored = registry.find_case(&id)?;
        let covered = reader.covers(&stored);
        let may_register = may_write && reader.may_write_in(&stored);
        // The view is audited (`case.read`) when it shows restricted records.
        let (CaseView { case, masked }, documents) = registry.read_case(&id, &reader, &actor)?;
        let record_types: Vec<(String, String)> = registry
            .plans
            .current()
            .and_then(|plan| plan.class(&case.class))
            .and_then(|class| class.process.as_ref())
            .map(|process| {
                process
                    .record_types()
                    .map(|t| {
                        (
                            t.id.clone(),
                            t.specifier.clone().unwrap_or_else(|| t.document_type.clone()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok((case, masked, documents, record_types, covered, may_register))
    })
    .await?;
    let body = html! {
        // Every action that changes something ends in a message saying what was done; only a
        // document of this case that the reader sees is named.
        @if let Some(registered) = query.registered.as_deref().filter(|r| documents.iter().any(|d| d.id == *r)) {
            p.notice role="status" { strong { (lang.t(m::DOCUMENT_REGISTERED)) (registered) } }
        }
        p { strong { (case.title) } }
        @if masked {
            p.muted { (lang.t(m::THIS_CASE_IS_RESTRICTED_YOU_SEE)) }
        }
        p { (lang.t(m::CLASS)) (case.class) " · " (super::words::case_state(case.state).in_lang(lang))
            " · " (lang.t(m::OPENED_2)) (case.opened_on) }
        @if !case.parties.is_empty() { p { (lang.t(m::PARTIES)) (case.parties.join(", ")) } }
        h2 { (lang.t(m::DOCUMENTS)) }
        table {
            tr {
                th { "ID" } th { (lang.t(m::TITLE)) } th { (lang.t(m::RECORD_TYPE)) }
                th { (lang.t(m::PUBLICITY)) } th { (lang.t(m::DATE)) }
            }
            @for document in &documents {
                tr {
                    td {
                        @if document.content.is_none() { (document.id) }
                        @else if document.is_public() { a href=(format!("/api/v1/documents/{}/content", document.id)) { (document.id) } }
                        // A restricted document opens through the purpose form.
                        @else { a href=(format!("/ui/documents/{}/open", document.id)) { (document.id) } }
                    }
                    td { (document.title) }
                    // The plan's name of the record type, not its machine id.
                    td { (record_types.iter().find(|(id, _)| *id == document.record_type).map_or(document.record_type.as_str(), |(_, name)| name.as_str())) }
                    td { (document.restriction.publicity.map_or("?", |p| super::words::publicity(p).in_lang(lang))) }
                    td { (document.created_on) }
                }
            }
        }
        // Said to every reader without the right, whatever the case holds: no count of
        // hidden documents, which would itself tell something.
        @if !covered {
            p.muted { (lang.t(m::RESTRICTED_DOCUMENTS_ARE_NOT_SHOWN_TO)) }
        }
        @if may_register && !record_types.is_empty() {
            form method="post" action=(format!("/ui/cases/{}/documents", case.id)) enctype="multipart/form-data" {
                fieldset {
                    legend { (lang.t(m::REGISTER_A_DOCUMENT)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t(m::RECORD_TYPE)) br;
                        select name="record_type" {
                            @for (id, name) in &record_types { option value=(id) { (name) } }
                        }
                    }
                    label { (lang.t(m::TITLE)) br; input name="title" required size="50"; }
                    label { (lang.t(m::DIRECTION)) br;
                        select name="direction" {
                            option value="incoming" { (lang.t(m::INCOMING)) }
                            option value="outgoing" { (lang.t(m::OUTGOING)) }
                            option value="internal" { (lang.t(m::INTERNAL)) }
                        }
                    }
                    label { (lang.t(m::FILE)) br; input type="file" name="file" required; }
                    button { (lang.t(m::REGISTER)) }
                }
            }
        }
        @if may_erase && !documents.is_empty() {
            form method="post" action=(format!("/ui/cases/{}/erase", case.id)) {
                fieldset {
                    legend { (lang.t(m::ERASE_A_DOCUMENT_DATA_PROTECTION_REGISTERED)) }
                    p.muted { (lang.t(m::THE_DOCUMENT_AND_ITS_CONTENT_ARE)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t(m::DOCUMENT)) br;
                        select name="document" {
                            @for document in &documents { option value=(document.id) { (document.id) " – " (document.title) } }
                        }
                    }
                    label { (lang.t(m::REASON)) br; input name="reason" required size="50"; }
                    label { (lang.t(m::ERASURE_REQUEST_OPTIONAL)) br; input name="request" size="10" placeholder="req-1"; }
                    button { (lang.t(m::ERASE)) }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), &case.diary_number.to_string(), body))
}

/// A spooled upload, removed whatever happens to the request.
struct SpoolFile(std::path::PathBuf);

impl Drop for SpoolFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Registers a document from the case page's form: the fields come first and are checked
/// (CSRF, record type, restriction) before the file is streamed to the content store.
pub(super) async fn upload_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(case_id): Path<String>,
    mut form: axum::extract::Multipart,
) -> ApiResult<Response> {
    if !user.may(Permission::WriteDocuments) {
        return Err(ApiError::Forbidden);
    }
    // A department-scoped user registers only in their own departments: refused before the
    // file is read.
    let principal = user.principal();
    let lookup = case_id.clone();
    blocking(&state, move |registry| {
        principal.require_writes_in_case(&registry.find_case(&lookup)?)
    })
    .await?;
    let form_error = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest {
        code: "bad_form",
        message: e.body_text(),
    };
    let mut fields: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let spool = state.store.root().join("blobs").join("tmp");
    tokio::fs::create_dir_all(&spool)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let spool = SpoolFile(spool.join(format!("ui-upload-{}", crate::users::random_secret(12))));
    let mut file_name = None;
    let mut media_type = "application/octet-stream".to_owned();
    while let Some(mut field) = form.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            // Form fields are short; only the file may be large.
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
        file_name = Some(field.file_name().unwrap_or("liite").to_owned());
        if let Some(kind) = field.content_type() {
            media_type = kind.to_owned();
        }
        let mut out = tokio::fs::File::create(&spool.0)
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        while let Some(chunk) = field.chunk().await.map_err(form_error)? {
            tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))?;
        }
    }
    let Some(file_name) = file_name else {
        return Err(ApiError::bad_request("file: no file was sent"));
    };
    let field = |name: &str| fields.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let direction = kirjuri_registry::Direction::parse(&field("direction").unwrap_or_else(|| "incoming".to_owned()))
        .map_err(ApiError::bad_request)?;
    let title = field("title").ok_or_else(|| ApiError::bad_request("title: a document needs a title"))?;
    let request =
        kirjuri_registry::NewDocument::new(field("record_type"), direction, title).dated(Some(helsinki_today()));
    let actor = actor_of(&user.principal());
    let spooled = spool.0.clone();
    let result = with_app(&state, move |app| {
        let mut file = std::fs::File::open(&spooled).map_err(|e| ApiError::Internal(e.to_string()))?;
        let upload = kirjuri_app::Upload {
            reader: &mut file,
            file_name: &file_name,
            media_type: &media_type,
        };
        Ok(app.register_document(&case_id, &request, Some(upload), &actor)?)
    })
    .await;
    drop(spool);
    let document = result?;
    Ok(Redirect::to(&format!("/ui/cases/{}?registered={}", document.case_id, document.id)).into_response())
}

#[derive(Deserialize)]
pub(super) struct EraseForm {
    csrf: String,
    document: String,
    reason: String,
    #[serde(default)]
    request: Option<String>,
}

/// Erases a document from the case page's form (privacy officer), then shows the case again.
pub(super) async fn erase_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(_case): Path<String>,
    Form(form): Form<EraseForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    if !user.may(Permission::EraseRecords) {
        return Err(ApiError::Forbidden);
    }
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let record = with_app(&state, move |app| {
        // A document the user may not see does not exist for them, to erase either.
        app.with_registry(|registry| registry.read_document_for(&form.document, &reader))??;
        let erasure = kirjuri_archive::erasure::Erasure {
            document: &form.document,
            reason: &form.reason,
            request: form.request.as_deref().map(str::trim).filter(|r| !r.is_empty()),
        };
        Ok(app.erase(&erasure, &actor)?)
    })
    .await?;
    // Back to the erased record's case (its stored id, not the path as typed).
    Ok(Redirect::to(&format!("/ui/cases/{}", record.case)).into_response())
}
