//! The public request form (`/asiointi`, no sign-in): the city's e-service for a Publicity Act
//! request for documents (anonymous allowed, JulkL 13 §) or a data subject's GDPR request, a
//! log investigation among them (name and contact details; the registry office checks the
//! identity before answering). It
//! registers the request with its diary number and legal deadline by the same use-case as the
//! registry office's form, files the person's text as the request document of its case, and
//! answers with a receipt to print. Submissions are limited per source address. This is the
//! only page that writes without a sign-in.

use std::time::Instant;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kirjuri_registry::Actor;
use kirjuri_requests::{InfoRequest, RequestKind};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{Lang, page, words};
use crate::AppState;
use crate::api::{ApiResult, with_app};
use crate::error::ApiError;
use crate::extract::Form;
use crate::throttle::SourceAddress;

/// The name the public e-service writes under in the registry and the audit trail.
pub const E_SERVICE_ACTOR: &str = "verkkoasiointi";

/// Longest description of what is asked.
const MAX_DESCRIPTION_CHARS: usize = 4000;

/// The kinds the public may send: documents first, then the data subject's rights under the
/// GDPR, including a log investigation (who has read my data; a manager's investigation goes
/// through the registry office).
fn public_kinds() -> impl Iterator<Item = RequestKind> {
    std::iter::once(RequestKind::Publicity).chain(RequestKind::ALL.iter().copied().filter(|kind| kind.is_gdpr()))
}

#[derive(Deserialize, Default)]
pub(super) struct PublicForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    anonymous: Option<String>,
    #[serde(default)]
    description: String,
}

pub(super) async fn public_form_page(headers: axum::http::HeaderMap) -> Markup {
    let lang = super::lang_from_headers(&headers);
    form_page(lang, &PublicForm::default(), &[])
}

fn form_page(lang: Lang, form: &PublicForm, errors: &[FieldError]) -> Markup {
    let body = html! {
        p { (lang.t(m::PUBLIC_INTRO)) }
        (error_summary(lang, errors))
        form method="post" action="/asiointi" {
            fieldset aria-describedby=[described_by(errors, "kind")] {
                legend { (lang.t(m::WHAT_DO_YOU_ASK)) }
                @for (index, kind) in public_kinds().enumerate() {
                    label {
                        input type="radio" name="kind" value=(kind.key()) required
                            id=[(index == 0).then_some("kind")]
                            checked[kind.key() == form.kind || (form.kind.is_empty() && index == 0)];
                        " " (words::request_kind(kind).in_lang(lang))
                    }
                }
                (field_error(errors, "kind"))
            }
            label for="description" { (lang.t(m::PUBLIC_DESCRIPTION)) }
            span.hint id="description-hint" { (lang.t(m::PUBLIC_DESCRIPTION_HINT)) }
            textarea id="description" name="description" rows="6" cols="60" required maxlength=(MAX_DESCRIPTION_CHARS)
                aria-describedby=(described_with_hint(errors, "description", "description-hint")) { (form.description) }
            (field_error(errors, "description"))
            fieldset {
                legend { (lang.t(m::WHO_ASKS)) }
                p.hint { (lang.t(m::WHO_ASKS_HINT)) }
                label for="name" { (lang.t(m::YOUR_NAME)) }
                input id="name" name="name" value=(form.name) size="40" autocomplete="name" aria-describedby=[described_by(errors, "name")];
                (field_error(errors, "name"))
                label for="contact" { (lang.t(m::YOUR_CONTACT)) }
                span.hint id="contact-hint" { (lang.t(m::YOUR_CONTACT_HINT)) }
                input id="contact" name="contact" value=(form.contact) size="40"
                    aria-describedby=(described_with_hint(errors, "contact", "contact-hint"));
                (field_error(errors, "contact"))
                label { input type="checkbox" name="anonymous" value="true" checked[form.anonymous.is_some()]; " " (lang.t(m::ANONYMOUS_PUBLICITY_ACT_REQUESTS_ONLY)) }
            }
            p.muted { (lang.t(m::PUBLIC_PRIVACY_NOTE)) }
            button { (lang.t(m::SEND_THE_REQUEST)) }
        }
    };
    page(lang, None, lang.t(m::PUBLIC_TITLE_PAGE), body)
}

/// Checks the form; the request to register, or the problems with the fields.
fn check(lang: Lang, form: &PublicForm) -> Result<(RequestKind, Option<String>, bool), Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = public_kinds().find(|k| k.key() == form.kind.trim());
    let name = Some(form.name.trim().to_owned()).filter(|n| !n.is_empty());
    let anonymous = form.anonymous.is_some();
    if kind.is_none() {
        errors.push(FieldError::new("kind", "wrong_kind", lang, m::PROBLEM_CHOOSE_A_KIND));
    }
    let description = form.description.trim();
    if description.is_empty() {
        errors.push(FieldError::new(
            "description",
            "missing_description",
            lang,
            m::PROBLEM_DESCRIPTION,
        ));
    } else if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.push(FieldError::new(
            "description",
            "too_long",
            lang,
            m::PROBLEM_DESCRIPTION_TOO_LONG,
        ));
    }
    match kind {
        Some(RequestKind::Publicity) => {
            if anonymous && name.is_some() {
                errors.push(FieldError::new(
                    "name",
                    "requester",
                    lang,
                    m::PROBLEM_ANONYMOUS_WITH_NAME,
                ));
            } else if !anonymous && name.is_none() {
                errors.push(FieldError::new("name", "requester", lang, m::PROBLEM_NAME_OR_ANONYMOUS));
            }
        }
        Some(_) => {
            if anonymous {
                errors.push(FieldError::new(
                    "name",
                    "requester",
                    lang,
                    m::PROBLEM_GDPR_NOT_ANONYMOUS,
                ));
            } else if name.is_none() {
                errors.push(FieldError::new("name", "requester", lang, m::PROBLEM_NAME_REQUIRED));
            }
            if form.contact.trim().is_empty() {
                errors.push(FieldError::new("contact", "contact", lang, m::PROBLEM_CONTACT_REQUIRED));
            }
        }
        None => {}
    }
    // One line each, no control or text-direction characters (they would forge lines of the
    // registered request document or reverse what a clerk reads); the description keeps its
    // line breaks.
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    for (field, value) in [("name", form.name.as_str()), ("contact", form.contact.as_str())] {
        if value.chars().count() > 200 {
            errors.push(FieldError::new(field, "too_long", lang, m::PROBLEM_TOO_LONG_FIELD));
        } else if value.chars().any(|c| c.is_control() || bidi(c)) {
            errors.push(FieldError::new(
                field,
                "bad_characters",
                lang,
                m::PROBLEM_BAD_CHARACTERS,
            ));
        }
    }
    if description
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || bidi(c))
    {
        errors.push(FieldError::new(
            "description",
            "bad_characters",
            lang,
            m::PROBLEM_BAD_CHARACTERS,
        ));
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok((kind, name, anonymous)),
        _ => Err(errors),
    }
}

pub(super) async fn send_public_request(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: axum::http::HeaderMap,
    Form(form): Form<PublicForm>,
) -> ApiResult<Response> {
    let lang = super::lang_from_headers(&headers);
    let (kind, name, anonymous) = match check(lang, &form) {
        Ok(checked) => checked,
        Err(errors) => return Ok((StatusCode::BAD_REQUEST, form_page(lang, &form, &errors)).into_response()),
    };
    // Counted only once the form is whole, so a person correcting a mistake is not held back.
    if let Err(wait) = state.public_form.admit(address, Instant::now()) {
        let errors = [FieldError::new("kind", "too_many_attempts", lang, m::PROBLEM_TOO_MANY)];
        let mut answer = (StatusCode::TOO_MANY_REQUESTS, form_page(lang, &form, &errors)).into_response();
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            answer.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(answer);
    }
    let now = chrono::Utc::now();
    let actor = Actor {
        name: E_SERVICE_ACTOR.to_owned(),
        at: now,
        purpose: None,
    };
    let request = kirjuri_requests::NewRequest {
        kind,
        received: kirjuri_clock::Start::Instant(now),
        requester: name.clone(),
        anonymous,
        channel: Some("e-service".to_owned()),
        origin: None,
        assignee: None,
        case: None,
    };
    // The person's own words, as received, are the request document of the case.
    let text = format!(
        "{}\n\n{}: {}\n{}: {}\n{}: {}\n\n{}\n",
        words::request_kind(kind).fi,
        m::YOUR_NAME.fi,
        name.as_deref().unwrap_or(m::ANONYMOUS.fi),
        m::YOUR_CONTACT.fi,
        form.contact.trim(),
        m::RECEIVED.fi,
        words::moment(Lang::Fi, now),
        form.description.trim(),
    );
    let title = words::request_kind(kind).fi;
    let registered = with_app(&state, move |app| {
        let mut bytes = text.as_bytes();
        let upload = kirjuri_app::Upload {
            reader: &mut bytes,
            file_name: "pyynto.txt",
            media_type: "text/plain; charset=utf-8",
        };
        Ok(app.receive_request(&request, upload, title, &actor)?)
    })
    .await;
    match registered {
        // To the receipt's own address, so a reload shows it again instead of sending again.
        Ok(stored) => Ok(axum::response::Redirect::to(&format!(
            "/asiointi/kuitti/{}",
            receipt_token(&state, &stored.id)
        ))
        .into_response()),
        Err(error @ ApiError::Internal(_)) => Err(error),
        Err(error) => {
            let errors = [FieldError::from_api(
                lang,
                &error,
                &["kind", "name", "contact", "description"],
            )];
            Ok((error.status_and_code().0, form_page(lang, &form, &errors)).into_response())
        }
    }
}

/// A receipt's address: the request id and its HMAC under the process's receipt key, so only
/// the person who sent the form has it.
fn receipt_token(state: &AppState, id: &str) -> String {
    format!("{id}.{}", receipt_mac(state, id))
}

fn receipt_mac(state: &AppState, id: &str) -> String {
    super::mac_hex(state.receipt_key.as_bytes(), id)
}

/// The receipt page (`/asiointi/kuitti/{token}`); any other token is not found.
pub(super) async fn receipt_page(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    crate::extract::Path(token): crate::extract::Path<String>,
) -> ApiResult<Markup> {
    let lang = super::lang_from_headers(&headers);
    let not_found = || ApiError::NotFound("receipt".to_owned());
    let (id, mac) = token.split_once('.').ok_or_else(not_found)?;
    let expected = receipt_mac(&state, id);
    if expected.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(mac.as_bytes(), expected.as_bytes())) {
        return Err(not_found());
    }
    let id = id.to_owned();
    let request = crate::api::blocking(&state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.get(&id)?)
    })
    .await?;
    Ok(receipt(lang, &state.organisation, &request))
}

/// The receipt: what was registered, its diary number and the day the answer is due, to print
/// or keep, at an address only the sender has.
fn receipt(lang: Lang, organisation: &str, request: &InfoRequest) -> Markup {
    let body = html! {
        div.notice role="status" { strong { (lang.t(m::PUBLIC_RECEIVED)) } }
        dl.facts {
            dt { (lang.t(m::AUTHORITY)) } dd { (organisation) }
            dt { (lang.t(m::DIARY_NUMBER)) } dd { strong { (request.diary_number) } }
            dt { (lang.t(m::KIND)) } dd { (words::request_kind(request.kind).in_lang(lang)) }
            dt { (lang.t(m::RECEIVED)) } dd { (words::moment(lang, request.received_at)) }
            @if let Some(deadline) = &request.deadline {
                dt { (lang.t(m::ANSWER_DUE)) } dd { (words::day(lang, deadline.due_moved)) }
                @if deadline.due_moved != deadline.due {
                    dt { (lang.t(m::STATUTORY_DAY)) } dd { (words::day(lang, deadline.due)) " " span.muted { (lang.t(m::MOVED_DAY_HINT)) } }
                }
            }
        }
        p { (if request.kind.is_gdpr() { lang.t(m::PUBLIC_NEXT_GDPR) } else { lang.t(m::PUBLIC_NEXT_PUBLICITY) }) }
        p { (lang.t(m::PUBLIC_KEEP_RECEIPT)) }
        p.no-print { a href="/asiointi" { (lang.t(m::SEND_ANOTHER)) } }
    };
    page(lang, None, lang.t(m::RECEIPT), body)
}
