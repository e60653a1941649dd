//! Opening a document from the case page (`/ui/documents/{id}/open`): a public document is
//! sent at once; a restricted one first asks the purpose of use (käyttötarkoitus), which is
//! audited with the download.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_registry::Document;
use maud::{Markup, html};
use serde::Deserialize;

use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking};
use crate::error::ApiError;
use crate::extract::{Form, Path};

/// Purposes of use (käyttötarkoitus) offered before a restricted document opens: the value
/// recorded, its Finnish and English labels. `muu` needs the free text.
const PURPOSES: [(&str, &str, &str); 5] = [
    ("asian käsittely", "Asian käsittely", "Handling the case"),
    (
        "tietopyyntöön vastaaminen",
        "Tietopyyntöön vastaaminen",
        "Answering an information request",
    ),
    (
        "valvonta tai tarkastus",
        "Valvonta tai tarkastus",
        "Supervision or audit",
    ),
    ("arkistointi", "Arkistointi", "Archiving"),
    ("muu", "Muu (kerro alla)", "Other (say below)"),
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
        lang.t("Avaa asiakirja", "Open a document"),
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
        p { (lang.t(
            "Asiakirja on salassa pidettävä. Sen avaaminen kirjataan lokiin käyttötarkoituksineen.",
            "The document is restricted. Opening it is logged with its purpose of use.")) }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        form method="post" action=(format!("/ui/documents/{}/open", document.id)) {
            fieldset {
                legend { (lang.t("Käyttötarkoitus", "Purpose of use")) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                @for (value, fi, en) in PURPOSES {
                    label { input type="radio" name="purpose" value=(value) required; " " (lang.t(fi, en)) } br;
                }
                label { (lang.t("Tarkennus (esim. diaarinumero)", "Details (e.g. the diary number)")) br;
                    input name="detail" size="50" maxlength="400"; }
                button { (lang.t("Avaa", "Open")) }
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
    let purpose = match PURPOSES.iter().find(|(value, _, _)| *value == form.purpose.trim()) {
        Some(("muu", _, _)) if detail.is_empty() => None,
        Some(("muu", _, _)) => Some(detail.to_owned()),
        Some((value, _, _)) if detail.is_empty() => Some((*value).to_owned()),
        Some((value, _, _)) => Some(format!("{value}: {detail}")),
        None => None,
    };
    let Some(purpose) =
        purpose.filter(|p| p.chars().count() <= crate::auth::MAX_PURPOSE_CHARS && !p.chars().any(char::is_control))
    else {
        let lookup = id.clone();
        let document = blocking(&state, move |registry| readable_document(registry, &lookup, &reader)).await?;
        let message = lang.t(
            "Valitse käyttötarkoitus; jos valitset \"Muu\", kerro se tarkennuksessa (enintään 400 merkkiä).",
            "Choose the purpose of use; with \"Other\", say it in the details (at most 400 characters).",
        );
        let body = purpose_form(&user, &document, Some(message));
        return Ok((
            StatusCode::BAD_REQUEST,
            page(lang, Some(&user), lang.t("Avaa asiakirja", "Open a document"), body),
        )
            .into_response());
    };
    let mut actor = actor_of(&user.principal());
    actor.purpose = Some(purpose);
    crate::api::documents::content_response(&state, id, reader, actor).await
}
