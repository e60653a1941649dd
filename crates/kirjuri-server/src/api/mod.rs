//! The JSON API under `/api/v1`, one module per resource. Every handler states its
//! permission first, parses, calls the application layer (`kirjuri-app`) or a domain service
//! on the blocking pool (sled, fsync, hashing, argon2), and answers with a type of its own
//! (never a stored record as is), so the API and the stored data can change apart.

pub mod admin;
pub mod archive;
pub mod auth;
pub mod body;
pub mod calendar;
pub mod cases;
pub mod contracts;
pub mod documents;
pub mod gdpr_identity;
pub mod governance;
pub mod incidents;
pub mod plan;
pub mod registers;
pub mod reports;
pub mod request_disclosure;
pub mod requests;
pub mod retention;
pub mod search;
pub mod shapes;
pub mod webhooks;

use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, Registry};

use crate::AppState;
use crate::auth::Principal;
use crate::error::ApiError;

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// Runs blocking work with a registry over the plan in force today (chosen at each request,
/// so a plan version approved while the service runs is used at once).
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Registry<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let app = state.app.clone();
    tokio::task::spawn_blocking(move || app.with_registry(work)?)
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// Runs blocking work with the application layer (for use-cases that span several crates).
pub(crate) async fn with_app<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&kirjuri_app::App) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let app = state.app.clone();
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// The reader a list or view is made for: the role's right to restricted records decides how
/// far it reaches (city-wide for the roles that have it).
pub(crate) fn reader_of(principal: &Principal) -> kirjuri_registry::Reader {
    principal.reader()
}

pub(crate) fn actor_of(principal: &Principal) -> Actor {
    Actor {
        name: principal.name.clone(),
        at: chrono::Utc::now(),
        purpose: principal.purpose.clone(),
    }
}

pub(crate) fn helsinki_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

pub(crate) fn instant(field: &str, text: &str) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    kirjuri_clock::parse_instant(text).map_err(|e| ApiError::bad_request(format!("{field}: {e}")))
}

fn class_param(class: Option<&str>) -> ApiResult<Option<ClassCode>> {
    class
        .map(ClassCode::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(format!("class: {e}")))
}
