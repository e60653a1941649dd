//! The HTTP service: axum routes, authentication and roles, problem+json errors, and the
//! middleware that every request passes (request ids, traces with sensitive headers masked,
//! body limits, time limits, a panic net).
//!
//! Only this crate knows HTTP and the JSON wire format. It decides who may do what (the role
//! matrix in [`users::allows`]) and never holds domain rules itself: it calls the registry,
//! the plan and the clock. Used only by the `kirjuri` binary.

pub mod access;
pub mod api;
pub mod auth;
pub mod calendar;
pub mod error;
pub mod extract;
pub mod headers;
pub mod oidc;
pub mod openapi;
pub mod session;
pub mod throttle;
pub mod ui;
pub mod users;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, StatusCode, header};
use axum::routing::get;
use kirjuri_app::App;
use kirjuri_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Largest upload accepted (a scanned archive box can be large).
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024 * 1024;
/// Largest JSON or form body.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Shared state: the application (store, live plan catalogue, registry settings, search
/// index) and what only HTTP needs.
#[derive(Clone)]
pub struct AppState {
    /// The application layer: every use-case that more than one front end runs.
    pub app: Arc<App>,
    /// The same store as `app.store()`, at hand for handlers.
    pub store: Store,
    /// The organisation (rekisterinpitäjä) named in notifications and reports.
    pub organisation: Arc<str>,
    /// Whether session cookies carry the `Secure` attribute (off only for plain-HTTP tests).
    pub secure_cookies: bool,
    /// Failed sign-ins per user name and address (in memory, bounded).
    pub sign_in: Arc<throttle::SignInThrottle>,
    /// Sign-in through the organisation's OpenID provider, when `[oidc]` is configured.
    pub oidc: Option<Arc<oidc::Oidc>>,
    /// Submissions of the public request form per address (in memory, bounded).
    pub public_form: Arc<throttle::SubmissionLimit>,
    /// The key of the public form's receipt addresses (random at each start: a receipt is
    /// printed or kept at once, its address need not outlive the process).
    pub receipt_key: Arc<str>,
    /// The data folder's Publicity Act settings (`[publicity]` of `config.toml`): the decision
    /// target after a referral and the appeal court.
    pub publicity: Arc<kirjuri_requests::PublicitySettings>,
    /// The service's address as its users reach it (`[service] public_url` of `config.toml`):
    /// the calendar feed's links and its shown address start with it.
    pub public_url: Arc<str>,
}

impl AppState {
    /// State over an opened application.
    pub fn new(app: App) -> AppState {
        AppState {
            store: app.store().clone(),
            organisation: Arc::from(app.organisation()),
            app: Arc::new(app),
            secure_cookies: true,
            sign_in: Arc::new(throttle::SignInThrottle::default()),
            oidc: None,
            public_form: Arc::new(throttle::SubmissionLimit::default()),
            receipt_key: Arc::from(users::random_secret(32)),
            publicity: Arc::new(kirjuri_requests::PublicitySettings::default()),
            public_url: Arc::from(calendar::DEFAULT_PUBLIC_URL),
        }
    }
}

/// The JSON API with its OpenAPI description, before nesting under `/api/v1`. Every route
/// is registered through `routes!`, so the description cannot miss one.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(api::auth::issue_token))
        .routes(routes!(api::auth::revoke_own_tokens))
        .routes(routes!(api::auth::me))
        .routes(routes!(
            api::calendar::create_calendar_feed,
            api::calendar::revoke_calendar_feed
        ))
        .routes(routes!(api::plan::plan_summary))
        .routes(routes!(api::plan::plan_class))
        .routes(routes!(api::plan::list_versions, api::plan::import_version))
        .routes(routes!(api::plan::approve_version))
        .routes(routes!(api::plan::deadline))
        .routes(routes!(api::cases::list_cases, api::cases::open_case))
        .routes(routes!(api::cases::get_case))
        .routes(routes!(api::cases::transition_case))
        .routes(routes!(api::cases::set_access))
        .routes(routes!(api::documents::upload_document))
        .merge(
            // A batch of scans is one multipart body: the upload limit, not the JSON one.
            OpenApiRouter::new()
                .routes(routes!(api::documents::upload_batch))
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .routes(routes!(api::documents::get_document))
        .routes(routes!(api::documents::set_secrecy_events))
        .routes(routes!(api::documents::get_content))
        .routes(routes!(api::documents::erase_document))
        .routes(routes!(api::retention::place_hold))
        .routes(routes!(api::retention::lift_hold))
        .routes(routes!(api::search::search))
        .routes(routes!(api::admin::audit_entries))
        .routes(routes!(api::admin::audit_verify))
        .routes(routes!(api::admin::backup))
        .routes(routes!(api::webhooks::list_webhooks, api::webhooks::create_webhook))
        .routes(routes!(api::webhooks::event_types))
        .routes(routes!(
            api::webhooks::get_webhook,
            api::webhooks::update_webhook,
            api::webhooks::delete_webhook
        ))
        .routes(routes!(api::webhooks::rotate_webhook_secret))
        .routes(routes!(api::webhooks::webhook_deliveries))
        .routes(routes!(api::admin::list_users, api::admin::add_user))
        .routes(routes!(api::admin::revoke_user_tokens))
        .routes(routes!(api::admin::set_departments))
        .routes(routes!(api::admin::set_contact))
        .routes(routes!(api::admin::set_role))
        .routes(routes!(api::admin::set_disabled))
        .routes(routes!(api::admin::create_user_token))
        .routes(routes!(api::admin::access_report))
        .routes(routes!(api::requests::list_requests, api::requests::new_request))
        .routes(routes!(api::requests::get_request))
        .routes(routes!(api::requests::transition_request))
        .routes(routes!(api::requests::pause_request))
        .routes(routes!(api::gdpr_identity::verify_identity))
        .routes(routes!(api::requests::resume_request))
        .routes(routes!(api::request_disclosure::record_disclosure))
        .routes(routes!(api::request_disclosure::record_fee))
        .routes(routes!(api::request_disclosure::record_transfer))
        .routes(routes!(api::incidents::list_incidents, api::incidents::new_incident))
        .routes(routes!(api::incidents::get_incident))
        .routes(routes!(api::incidents::transition_incident))
        .routes(routes!(api::incidents::mark_breach))
        .routes(routes!(api::incidents::change_breach_awareness))
        .routes(routes!(api::incidents::classify_incident))
        .routes(routes!(api::incidents::mark_nis2))
        .routes(routes!(api::incidents::request_nis2_report))
        .routes(routes!(api::incidents::assess_incident))
        .routes(routes!(api::incidents::notify_incident))
        .routes(routes!(api::incidents::notification_draft))
        .routes(routes!(api::requests::log_report))
        .routes(routes!(api::registers::list_registers, api::registers::create_register))
        .routes(routes!(api::registers::update_register))
        .routes(routes!(api::registers::register_versions))
        .routes(routes!(api::registers::agreement_versions))
        .routes(routes!(
            api::registers::list_processors,
            api::registers::create_agreement
        ))
        .routes(routes!(api::registers::update_agreement))
        .routes(routes!(api::contracts::list_contracts, api::contracts::create_contract))
        .routes(routes!(api::contracts::processors_without_contract))
        .routes(routes!(api::contracts::import_contracts))
        .routes(routes!(api::contracts::get_contract, api::contracts::update_contract))
        .routes(routes!(api::contracts::record_notice))
        .routes(routes!(api::governance::training_register))
        .routes(routes!(api::governance::training_coverage))
        .routes(routes!(api::governance::create_person))
        .routes(routes!(api::governance::update_person))
        .routes(routes!(api::governance::create_training))
        .routes(routes!(api::governance::update_training))
        .routes(routes!(api::governance::create_completion))
        .routes(routes!(api::governance::list_controls, api::governance::create_control))
        .routes(routes!(api::governance::update_control))
        .routes(routes!(api::retention::retention_due))
        .routes(routes!(api::retention::list_proposals, api::retention::propose))
        .routes(routes!(api::retention::get_proposal))
        .routes(routes!(api::retention::remove_item))
        .routes(routes!(api::retention::approve))
        .routes(routes!(api::retention::cancel))
        .routes(routes!(api::retention::execute))
        .routes(routes!(api::retention::confirm_paper))
        .routes(routes!(api::retention::destruction_records))
        .routes(routes!(api::archive::archive_list))
        .routes(routes!(api::archive::export))
        .routes(routes!(api::archive::verify))
        .routes(routes!(api::reports::annual_report))
        .routes(routes!(api::reports::put_report_assessment))
        .routes(routes!(api::reports::approve_report))
        .routes(routes!(
            api::reports::list_report_targets,
            api::reports::add_report_target
        ))
        .routes(routes!(api::reports::change_report_target))
}

/// The OpenAPI 3.1 description served at `/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, api) = OpenApiRouter::<AppState>::new()
        .nest("/api/v1", api())
        .split_for_parts();
    openapi::finish(api)
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let (api_router, description) = OpenApiRouter::new().nest("/api/v1", api()).split_for_parts();
    let description = Arc::new(openapi::finish(description));
    Router::new()
        .merge(api_router)
        .merge(ui::router())
        .route("/health", get(api::admin::health))
        .route("/calendar/{file}", get(api::calendar::calendar_feed))
        .route(headers::STYLESHEET_PATH, get(headers::stylesheet))
        .route("/ready", get(api::admin::ready))
        .route(
            "/openapi.json",
            get(move || {
                let description = Arc::clone(&description);
                async move { axum::Json(description.as_ref().clone()) }
            }),
        )
        .fallback(|| async { error::ApiError::NotFound("route".to_owned()) })
        .with_state(state)
        // A page's error (the fallback's too) is a page in the user's language; the API's stays
        // problem+json.
        .layer(axum::middleware::from_fn(ui::problems::html_errors))
        .layer(axum::middleware::from_fn(read_small_bodies_first))
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(300),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
            header::COOKIE,
            header::SET_COOKIE,
        ]))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        // Outermost, so timeouts and the panic net's answers carry the headers too.
        .layer(axum::middleware::from_fn(headers::add_security_headers))
}

/// Largest body read in full before the handler runs (see [`read_small_bodies_first`]).
const SMALL_BODY_BYTES: usize = 64 * 1024;

/// Reads a small request body (declared at most 64 KiB) before the handler runs. A request
/// refused before its body is read (no CSRF token, a bad file name, a role without the right)
/// would otherwise leave bytes unread, and the connection is then closed under the client —
/// which can lose the answer or break the next request on that connection. Large uploads stay
/// streamed.
async fn read_small_bodies_first(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<usize>().ok());
    if !declared.is_some_and(|length| length > 0 && length <= SMALL_BODY_BYTES) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, SMALL_BODY_BYTES).await {
        Ok(bytes) => {
            next.run(axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Err(_) => error::ApiError::bad_request("the request body could not be read").into_response(),
    }
}

/// The span of one request: method, path and request id. Never the query string (it holds
/// search words, party names and dates of birth) and never a header value.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        // A calendar feed's path is its secret: never logged.
        path = calendar::redacted_path(request.uri().path()),
        request_id,
    )
}

/// Serves until the process is asked to stop (Ctrl-C or SIGTERM); requests in flight finish.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    // The socket address is what sign-in throttling counts per source.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
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
