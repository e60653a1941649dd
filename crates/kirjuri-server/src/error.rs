//! One error type for the HTTP layer, answered as RFC 9457 `application/problem+json` with a
//! stable machine-readable `code`. Codes are public API: never rename one.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kirjuri_registry::RegistryError;
use kirjuri_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("sign in or send a bearer token")]
    Unauthorized,
    #[error("your role does not allow this")]
    Forbidden,
    /// The role allows the act, but not in this department (a department-scoped user).
    #[error("{0}")]
    OutsideDepartment(String),
    /// The case carries an access list that does not name the caller.
    #[error(
        "only the users on the case's access list may write in it or change the list (the admin may change the list)"
    )]
    NotOnAccessList,
    #[error("the request is too large: {0}")]
    TooLarge(String),
    #[error("the form or request lacks the session's CSRF token")]
    Csrf,
    #[error("{0} not found")]
    NotFound(String),
    #[error("too many failed sign-ins, try again in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A plan that cannot be imported or approved, with every finding.
    #[error("{message}")]
    InvalidPlan {
        message: String,
        findings: Vec<kirjuri_plan::Finding>,
    },
    /// The disk holding the data folder is full (or below its reserve): nothing was stored.
    /// The detail is ours; the store's error (with the folder's path) goes to the log only.
    #[error(
        "the disk holding the data folder is full; nothing was stored: reading and searching go on, new writes are refused until the administrator frees space"
    )]
    InsufficientStorage(String),
    /// A document's content could not be read from the disk (an I/O error): the record and the
    /// rest of the case are served; the detail names the document, never a path.
    #[error(
        "the content of document {document} cannot be read from the disk; the rest of the record is served; the administrator's `kirjuri check` names it"
    )]
    ContentUnreadable { document: String, cause: String },
    #[error("internal error: {0}")]
    Internal(String),
}

/// Every code with its status, for the documentation and the tests.
pub const ERROR_CODES: &[(&str, u16)] = &[
    ("bad_request", 400),
    ("unknown_class", 400),
    ("class_without_process", 400),
    ("unknown_record_type", 400),
    ("missing_record_type", 400),
    ("missing_title", 400),
    ("restriction", 400),
    ("no_content", 400),
    ("bad_case_reference", 400),
    ("bad_json", 400),
    ("bad_query", 400),
    ("bad_path", 400),
    ("bad_form", 400),
    ("unsupported_media_type", 400),
    ("bad_user_name", 400),
    ("weak_password", 400),
    ("too_long", 400),
    ("too_many", 400),
    ("purpose_required", 400),
    ("bad_characters", 400),
    ("bad_file_name", 400),
    ("bad_purpose", 400),
    ("unauthorized", 401),
    ("csrf", 403),
    ("forbidden", 403),
    ("outside_department", 403),
    ("not_on_access_list", 403),
    ("not_found", 404),
    ("invalid_transition", 409),
    ("final_state_by_process", 409),
    ("case_closed", 409),
    ("conflict", 409),
    ("user_exists", 409),
    ("unknown_user", 400),
    ("managed_by_provider", 409),
    ("last_admin", 409),
    ("user_disabled", 400),
    ("legal_hold", 409),
    ("permanent", 409),
    ("in_disposal", 409),
    ("paper", 409),
    ("reason_required", 400),
    ("override_reason_required", 400),
    ("received_in_future", 400),
    ("wrong_kind", 400),
    ("times", 400),
    ("bad_year", 400),
    ("bad_format", 400),
    ("requester", 400),
    ("bad_date", 400),
    ("invalid_plan", 400),
    ("bad_valid_from", 400),
    ("wrong_request", 400),
    ("too_large", 413),
    ("too_many_attempts", 429),
    ("internal", 500),
    ("content_unreadable", 500),
    ("insufficient_storage", 507),
];

/// RFC 9457 problem details, as every error is answered.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    code: &'static str,
    /// For `invalid_plan`: every finding, with its `location` and the line as the CLI prints it
    /// (`text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<crate::api::plan::PlanFindingAnswer>>,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            code: "bad_request",
            message: message.into(),
        }
    }

    pub(crate) fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            ApiError::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::OutsideDepartment(_) => (StatusCode::FORBIDDEN, "outside_department"),
            ApiError::NotOnAccessList => (StatusCode::FORBIDDEN, "not_on_access_list"),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            ApiError::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            ApiError::InvalidPlan { .. } => (StatusCode::BAD_REQUEST, "invalid_plan"),
            ApiError::InsufficientStorage(_) => (StatusCode::INSUFFICIENT_STORAGE, "insufficient_storage"),
            ApiError::ContentUnreadable { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "content_unreadable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl From<RegistryError> for ApiError {
    fn from(error: RegistryError) -> ApiError {
        match error {
            RegistryError::Invalid { code, message } => match code {
                "invalid_transition"
                | "final_state_by_process"
                | "case_closed"
                | "user_exists"
                | "managed_by_provider"
                | "last_admin"
                | "legal_hold"
                | "permanent"
                | "in_disposal"
                | "already_approved" => ApiError::Conflict { code, message },
                "not_found" => ApiError::NotFound(message),
                _ => ApiError::BadRequest { code, message },
            },
            RegistryError::NotFound(what) => ApiError::NotFound(what),
            RegistryError::Store(error) => ApiError::from_store_fault(error),
        }
    }
}

impl From<kirjuri_app::AppError> for ApiError {
    fn from(error: kirjuri_app::AppError) -> ApiError {
        match error {
            kirjuri_app::AppError::Registry(error) => ApiError::from(error),
            kirjuri_app::AppError::PlanErrors { message, findings } => ApiError::InvalidPlan { message, findings },
            kirjuri_app::AppError::PlanConflict(message) => ApiError::Conflict {
                code: "conflict",
                message,
            },
            kirjuri_app::AppError::Search(kirjuri_search::SearchError::Query(error)) => ApiError::BadRequest {
                code: "bad_query",
                message: format!("q: {error}"),
            },
            kirjuri_app::AppError::Search(kirjuri_search::SearchError::Store(error)) => {
                ApiError::from_store_fault(error)
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl ApiError {
    /// A store error that is no fault of the request: a full disk is 507, content that cannot
    /// be read is named by its document, anything else is internal.
    fn from_store_fault(error: StoreError) -> ApiError {
        match error {
            error if error.is_disk_full() => ApiError::InsufficientStorage(error.to_string()),
            StoreError::Unreadable { ref what, .. } => match what.strip_prefix("the content of document ") {
                Some(document) => ApiError::ContentUnreadable {
                    document: document.to_owned(),
                    cause: error.to_string(),
                },
                None => ApiError::Internal(error.to_string()),
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        ApiError::from(RegistryError::from(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let detail = if let ApiError::InsufficientStorage(cause) | ApiError::ContentUnreadable { cause, .. } = &self {
            // Our own words for the client (no path); the store's, with the path, for the log.
            tracing::error!(error = %cause, code, "request failed");
            self.to_string()
        } else if status.is_server_error() {
            tracing::error!(error = %self, code, "request failed");
            "internal error, see the server log with this request id".to_owned()
        } else {
            self.to_string()
        };
        let retry_after = match self {
            ApiError::TooManyAttempts { retry_after_secs } => Some(retry_after_secs.to_string()),
            _ => None,
        };
        let findings = match &self {
            ApiError::InvalidPlan { findings, .. } => Some(findings.iter().map(Into::into).collect()),
            _ => None,
        };
        let title = status.canonical_reason().unwrap_or("error");
        let body = Problem {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            detail,
            code,
            findings,
        };
        let mut response = (status, [(header::CONTENT_TYPE, "application/problem+json")], Json(body)).into_response();
        if let Some(seconds) = retry_after.and_then(|s| header::HeaderValue::from_str(&s).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, seconds);
        }
        response
    }
}

/// The answer to a handler that panicked: a problem+json 500 without the panic's text (it may
/// hold personal data); the panic itself is logged with the request id.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    ApiError::Internal(format!("handler panicked: {message}")).into_response()
}
