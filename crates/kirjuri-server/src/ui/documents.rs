//! Opening a document from the case page (`/ui/documents/{id}/open`): a public document is
//! sent at once; a restricted one first asks the purpose of use (käyttötarkoitus), which is
//! audited with the download.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_registry::Document;
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking};
use crate::error::ApiError;
use crate::extract::{Form, Path};

/// Purposes of use (käyttötarkoitus) offered before a restricted document opens: the value
/// recorded, and its label. `muu` needs the free text.
const PURPOSES: [(&str, super::words::Words); 5] = [
    ("asian käsittely", m::PURPOSE_HANDLING),
    ("tietopyyntöön vastaaminen", m::PURPOSE_REQUEST),
    ("valvonta tai tarkastus", m::PURPOSE_AUDIT),
    ("arkistointi", m::PURPOSE_ARCHIVING),
    ("muu", m::PURPOSE_OTHER),
];

/// Asks the purpose of use before a restricted document opens; a public one opens at once.
pub(super) async fn open_document_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let lang = user.lang;
    let reader = crate::api::reader_of(&user.principal());
    let lookup = id.clone();
    let document = blocking(&state, move |registry| readable_document(registry, &lookup, &reader)).await?;
    if document.is_public() {
        return Ok(Redirect::to(&format!("/api/v1/documents/{}/content", document.id)).into_response());
    }
    Ok(page(
        lang,
        Some(&user),
        lang.t(m::OPEN_A_DOCUMENT),
        purpose_form(&user, &document, None),
    )
    .into_response())
}

/// A document with content that the reader may open; any other is a 404 for them.
fn readable_document(
    registry: &kirjuri_registry::Registry<'_>,
    id: &str,
    reader: &kirjuri_registry::Reader,
) -> ApiResult<Document> {
    let (document, _) = registry.read_document_for(id, reader)?;
    if document.content.is_none() {
        return Err(ApiError::NotFound(format!("document {id}")));
    }
    Ok(document)
}

fn purpose_form(user: &UiUser, document: &Document, error: Option<&str>) -> Markup {
    let lang = user.lang;
    html! {
        // Only the id: the title is a restricted detail, shown (and audited) on the case page.
        p { strong { (document.id) } }
        p { (lang.t(m::THE_DOCUMENT_IS_RESTRICTED_OPENING_IT)) }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        form method="post" action=(format!("/ui/documents/{}/open", document.id)) {
            fieldset {
                legend { (lang.t(m::PURPOSE_OF_USE)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                @for (value, label) in PURPOSES {
                    label { input type="radio" name="purpose" value=(value) required; " " (lang.t(label)) } br;
                }
                label { (lang.t(m::DETAILS_E_G_THE_DIARY_NUMBER)) br;
                    input name="detail" size="50" maxlength="400"; }
                button { (lang.t(m::OPEN)) }
            }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct OpenForm {
    csrf: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    detail: String,
}

/// Opens a restricted document with the purpose given in the form (audited with it).
pub(super) async fn open_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<OpenForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    let lang = user.lang;
    let reader = crate::api::reader_of(&user.principal());
    let detail = form.detail.trim();
    let purpose = match PURPOSES.iter().find(|(value, _)| *value == form.purpose.trim()) {
        Some(("muu", _)) if detail.is_empty() => None,
        Some(("muu", _)) => Some(detail.to_owned()),
        Some((value, _)) if detail.is_empty() => Some((*value).to_owned()),
        Some((value, _)) => Some(format!("{value}: {detail}")),
        None => None,
    };
    let Some(purpose) =
        purpose.filter(|p| p.chars().count() <= crate::auth::MAX_PURPOSE_CHARS && !p.chars().any(char::is_control))
    else {
        let lookup = id.clone();
        let document = blocking(&state, move |registry| readable_document(registry, &lookup, &reader)).await?;
        let message = lang.t(m::CHOOSE_THE_PURPOSE_OF_USE_WITH);
        let body = purpose_form(&user, &document, Some(message));
        return Ok((
            StatusCode::BAD_REQUEST,
            page(lang, Some(&user), lang.t(m::OPEN_A_DOCUMENT), body),
        )
            .into_response());
    };
    let mut actor = actor_of(&user.principal());
    actor.purpose = Some(purpose);
    crate::api::documents::content_response(&state, id, reader, actor).await
}
