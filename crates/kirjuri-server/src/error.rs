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
    #[error("{0} not found")]
    NotFound(String),
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
    ("unauthorized", 401),
    ("forbidden", 403),
    ("not_found", 404),
    ("invalid_transition", 409),
    ("final_state_by_process", 409),
    ("case_closed", 409),
    ("conflict", 409),
    ("internal", 500),
];

#[derive(Serialize)]
struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    code: &'static str,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            code: "bad_request",
            message: message.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            ApiError::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl From<RegistryError> for ApiError {
    fn from(error: RegistryError) -> ApiError {
        match error {
            RegistryError::Invalid { code, message } => match code {
                "invalid_transition" | "final_state_by_process" | "case_closed" => ApiError::Conflict { code, message },
                "not_found" => ApiError::NotFound(message),
                _ => ApiError::BadRequest { code, message },
            },
            RegistryError::NotFound(what) => ApiError::NotFound(what),
            RegistryError::Store(error) => ApiError::Internal(error.to_string()),
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
        let detail = if status.is_server_error() {
            tracing::error!(error = %self, code, "request failed");
            "internal error, see the server log with this request id".to_owned()
        } else {
            self.to_string()
        };
        let title = status.canonical_reason().unwrap_or("error");
        let body = Problem {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            detail,
            code,
        };
        (status, [(header::CONTENT_TYPE, "application/problem+json")], Json(body)).into_response()
    }
}
