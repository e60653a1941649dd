//! The HTTP service: axum routes, authentication and roles, problem+json errors, and the
//! middleware that every request passes (request ids, traces with sensitive headers masked,
//! body limits, time limits, a panic net).
//!
//! Only this crate knows HTTP and the JSON wire format. It decides who may do what (the role
//! matrix in [`users::allows`]) and never holds domain rules itself: it calls the registry,
//! the plan and the clock. Used only by the `kirjuri` binary.

pub mod auth;
pub mod error;
pub mod routes;
pub mod users;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, StatusCode, header};
use axum::routing::{get, post};
use kirjuri_registry::{PlanCatalog, RegistryConfig};
use kirjuri_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest upload accepted (a scanned archive box can be large).
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024 * 1024;
/// Largest JSON body.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Shared state: the store, the plan catalogue and the registry settings.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub plans: Arc<PlanCatalog>,
    pub config: Arc<RegistryConfig>,
    /// The organisation (rekisterinpitäjä) named in notifications and reports.
    pub organisation: Arc<str>,
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let api = Router::new()
        .route("/tokens", post(routes::issue_token))
        .route("/me", get(routes::me))
        .route("/plan", get(routes::plan_summary))
        .route("/plan/classes/{code}", get(routes::plan_class))
        .route("/deadlines/{rule}", get(routes::deadline))
        .route("/cases", get(routes::list_cases).post(routes::open_case))
        .route("/cases/{id}", get(routes::get_case))
        .route("/cases/{id}/transition", post(routes::transition_case))
        .route(
            "/cases/{id}/documents",
            post(routes::upload_document).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/documents/{id}", get(routes::get_document))
        .route("/documents/{id}/content", get(routes::get_content))
        .route("/audit", get(routes::audit_entries))
        .route("/audit/verify", get(routes::audit_verify))
        .route("/admin/backup", post(routes::backup))
        .route("/requests", get(routes::list_requests).post(routes::new_request))
        .route("/requests/{id}", get(routes::get_request))
        .route("/requests/{id}/transition", post(routes::transition_request))
        .route("/incidents", get(routes::list_incidents).post(routes::new_incident))
        .route("/incidents/{id}", get(routes::get_incident))
        .route("/retention/due", get(routes::retention_due))
        .route("/reports/{year}", get(routes::annual_report))
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES));
    Router::new()
        .route("/", get(routes::index))
        .route("/health", get(routes::health))
        .route("/ready", get(routes::ready))
        .nest("/api/v1", api)
        .fallback(|| async { error::ApiError::NotFound("route".to_owned()) })
        .with_state(state)
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(300),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
            header::COOKIE,
        ]))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Serves until the process is asked to stop (Ctrl-C or SIGTERM); requests in flight finish.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
