//! Errors as a person reads them: a refused form is shown again with its input kept and an
//! error summary at the top (GOV.UK's pattern: a list that links to each field, and the
//! message beside the field), in the page's language with the problem's code; any other error
//! of a page becomes an HTML page in the user's language instead of the API's problem+json.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::messages as m;
use super::words::Words;
use super::{Lang, page};
use crate::error::ApiError;

/// One problem with a form: the field it belongs to (its `name` and `id`), or none for the
/// form as a whole, its code and the text to show.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: Option<&'static str>,
    pub code: String,
    pub text: String,
}

impl FieldError {
    /// A problem found by the page itself (a missing field, a bad date).
    pub fn new(field: &'static str, code: &str, lang: Lang, words: Words) -> FieldError {
        FieldError {
            field: Some(field),
            code: code.to_owned(),
            text: lang.t(words).to_owned(),
        }
    }

    /// A problem the use-case refused with; it belongs to the field its message names first
    /// (`requester: ...`) when that is one of the form's `fields`.
    pub fn from_api(lang: Lang, error: &ApiError, fields: &[&'static str]) -> FieldError {
        let (_, code) = error.status_and_code();
        let detail = error.to_string();
        let field = fields.iter().copied().find(|field| {
            detail.starts_with(&format!("{field}:"))
                || detail.starts_with(&format!("`{field}`"))
                || (code == *field)
                || (code == "missing_title" && *field == "title")
                || (code == "unknown_class" && *field == "class")
                || (code == "class_without_process" && *field == "class")
                || (code == "unknown_record_type" && *field == "record_type")
                || (code == "received_in_future" && *field == "received")
                || (code == "unknown_user" && *field == "assignee")
                || (code == "reason_required" && *field == "reason")
                || (matches!(code, "not_found" | "wrong_request") && *field == "request")
                || (code == "legal_basis_required" && *field == "legal_basis")
                || (code == "unknown_ground" && *field == "legal_basis")
                || (code == "justification_required" && *field == "justification")
                || (matches!(code, "extension_too_late" | "told_on_before_receipt") && *field == "told_on")
                || (code == "month_track_too_late" && *field == "state")
                || (code == "complaint_rights_required" && *field == "complaint_rights_told")
                || (matches!(code, "bad_user_name" | "user_exists") && *field == "name")
                || (code == "weak_password" && *field == "password")
        });
        FieldError {
            field,
            code: code.to_owned(),
            text: problem_text(lang, code, &detail),
        }
    }
}

/// The text of a problem in the page's language: the catalogue's sentence for the code, with
/// the service's own (English) detail after it when the code alone does not say enough.
pub fn problem_text(lang: Lang, code: &str, detail: &str) -> String {
    match problem_words(code) {
        Some(words) => lang.t(words).to_owned(),
        None if lang == Lang::En => detail.to_owned(),
        None => format!("{} ({detail})", lang.t(m::PROBLEM_OTHER)),
    }
}

fn problem_words(code: &str) -> Option<Words> {
    Some(match code {
        "not_found" => m::PROBLEM_NOT_FOUND,
        "forbidden" => m::PROBLEM_FORBIDDEN,
        "outside_department" => m::PROBLEM_OUTSIDE_DEPARTMENT,
        "not_on_access_list" => m::PROBLEM_NOT_ON_ACCESS_LIST,
        "csrf" => m::PROBLEM_CSRF,
        "unauthorized" => m::PROBLEM_UNAUTHORIZED,
        "invalid_transition" => m::PROBLEM_INVALID_TRANSITION,
        "case_closed" => m::PROBLEM_CASE_CLOSED,
        "legal_hold" => m::PROBLEM_LEGAL_HOLD,
        "secrecy_date_in_future" => m::PROBLEM_SECRECY_DATE_IN_FUTURE,
        "death_before_document" => m::PROBLEM_DEATH_BEFORE_DOCUMENT,
        "not_event_based" => m::PROBLEM_NOT_EVENT_BASED,
        "missing_title" => m::PROBLEM_MISSING_TITLE,
        "unknown_class" => m::PROBLEM_UNKNOWN_CLASS,
        "class_without_process" => m::PROBLEM_CLASS_WITHOUT_PROCESS,
        "unknown_record_type" | "missing_record_type" => m::PROBLEM_RECORD_TYPE,
        "received_in_future" => m::PROBLEM_RECEIVED_IN_FUTURE,
        "unknown_user" => m::PROBLEM_UNKNOWN_USER,
        "reason_required" => m::PROBLEM_REASON_REQUIRED,
        "too_large" => m::PROBLEM_TOO_LARGE,
        "too_many_attempts" => m::PROBLEM_TOO_MANY,
        "internal" => m::PROBLEM_INTERNAL,
        "requester" => m::PROBLEM_REQUESTER,
        "legal_basis_required" => m::PROBLEM_LEGAL_BASIS,
        "justification_required" => m::PROBLEM_JUSTIFICATION,
        "extension_too_late" => m::PROBLEM_EXTENSION_TOO_LATE,
        "month_track_too_late" => m::PUB_PROBLEM_MONTH_TRACK_TOO_LATE,
        "unknown_ground" => m::PUB_PROBLEM_UNKNOWN_GROUND,
        "told_on_before_receipt" => m::PROBLEM_TOLD_ON_BEFORE_RECEIPT,
        "complaint_rights_required" => m::GDPR_PROBLEM_COMPLAINT_RIGHTS,
        "too_long" => m::PROBLEM_TOO_LONG,
        "too_many" => m::PROBLEM_TOO_MANY_ITEMS,
        "permanent" => m::PROBLEM_PERMANENT,
        "in_disposal" => m::PROBLEM_IN_DISPOSAL,
        "paper" => m::PROBLEM_PAPER,
        "wrong_request" => m::PROBLEM_WRONG_REQUEST,
        "bad_characters" => m::PROBLEM_BAD_CHARACTERS,
        "bad_date" => m::PROBLEM_BAD_DATE,
        "bad_query" | "bad_path" | "bad_form" => m::PROBLEM_BAD_ADDRESS,
        "no_content" => m::PROBLEM_NO_FILE,
        "bad_user_name" => m::PROBLEM_BAD_USER_NAME,
        "weak_password" => m::PROBLEM_WEAK_PASSWORD,
        "user_exists" => m::PROBLEM_USER_EXISTS,
        "last_admin" => m::PROBLEM_LAST_ADMIN,
        "managed_by_provider" => m::PROBLEM_MANAGED_BY_PROVIDER,
        "user_disabled" => m::PROBLEM_USER_DISABLED,
        _ => return None,
    })
}

/// The error summary at the top of a refused form: focusable and announced, each entry a link
/// to its field.
pub fn error_summary(lang: Lang, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            // Focused when the page loads, so it is seen and read first wherever the form is.
            div.error-summary role="alert" tabindex="-1" id="errors" autofocus {
                h2 { (lang.t(m::CHECK_THE_FORM)) }
                ul {
                    @for error in errors {
                        li {
                            @match error.field {
                                Some(field) => { a href=(format!("#{field}")) { (error.text) } }
                                None => { (error.text) }
                            }
                            " " span.code { "(" (lang.t(m::CODE)) " " code { (error.code) } ")" }
                        }
                    }
                }
            }
        }
    }
}

/// The message beside a field, when the summary has one for it (its id is the field's
/// `aria-describedby`).
pub fn field_error(errors: &[FieldError], field: &str) -> Markup {
    html! {
        @for error in errors.iter().filter(|e| e.field == Some(field)) {
            span.field-error id=(format!("{field}-error")) { (error.text) }
        }
    }
}

/// The `aria-describedby` of a field with a problem.
pub fn described_by(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .any(|e| e.field == Some(field))
        .then(|| format!("{field}-error"))
}

/// The `aria-describedby` of a field with a hint: the hint, and the problem when there is one.
pub fn described_with_hint(errors: &[FieldError], field: &str, hint: &str) -> String {
    described_by(errors, field).map_or(hint.to_owned(), |error| format!("{hint} {error}"))
}

/// Turns the problem+json answer of a page into an HTML page in the user's language that
/// names the problem and its code (API paths are left alone).
pub async fn html_errors(request: Request, next: Next) -> Response {
    let lang = super::lang_from_headers(request.headers());
    let path = request.uri().path();
    let is_page = !path.starts_with("/api/") && !matches!(path, "/health" | "/ready" | "/openapi.json");
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/problem+json"));
    if !is_page || !is_problem {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let problem: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let code = problem["code"].as_str().unwrap_or("internal").to_owned();
    let detail = problem["detail"].as_str().unwrap_or_default().to_owned();
    let status = parts.status;
    let title = if status == StatusCode::NOT_FOUND {
        lang.t(m::PAGE_NOT_FOUND)
    } else {
        lang.t(m::PAGE_ERROR)
    };
    let body = html! {
        p { (problem_text(lang, &code, &detail)) }
        p.muted { (lang.t(m::CODE)) " " code { (code) } }
        p { a href="/" { (lang.t(m::TO_THE_FRONT_PAGE)) } }
    };
    let mut answer = (status, page(lang, None, title, body)).into_response();
    for name in [header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}
