//! Webhook endpoints and their delivery logs (admin only). The rules live in
//! `kirjuri-webhooks`; these handlers check the permission, parse and answer. An endpoint's
//! secret is in the answer to its creation and to a rotation, and nowhere else.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiResult, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::users::Permission;
use kirjuri_webhooks::WebhookError;

impl From<WebhookError> for ApiError {
    fn from(error: WebhookError) -> ApiError {
        match error {
            WebhookError::Invalid { .. } => ApiError::BadRequest {
                code: "bad_webhook",
                message: error.to_string(),
            },
            WebhookError::NotFound(id) => ApiError::NotFound(format!("webhook endpoint {id}")),
            WebhookError::Store(error) => ApiError::from(error),
        }
    }
}

/// A webhook endpoint (never its secret).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookAnswer {
    /// `wh-<n>`
    pub id: String,
    pub url: String,
    /// The event types it receives, e.g. `request.transition`, `incident.breach`.
    pub events: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// The audit sequence number delivered (or passed as not subscribed) up to.
    pub delivered_through: u64,
    /// Failed attempts in a row at the next event (0 when the last attempt succeeded).
    pub failing_attempts: u32,
    /// When the next attempt is due after a failure.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

impl From<&kirjuri_webhooks::EndpointView> for WebhookAnswer {
    fn from(view: &kirjuri_webhooks::EndpointView) -> Self {
        WebhookAnswer {
            id: view.id.clone(),
            url: view.url.clone(),
            events: view.events.clone(),
            enabled: view.enabled,
            created_at: view.created_at,
            created_by: view.created_by.clone(),
            updated_at: view.updated_at,
            delivered_through: view.delivered_through,
            failing_attempts: view.failing_attempts,
            next_attempt_at: view.next_attempt_at,
        }
    }
}

/// An endpoint with its secret: shown once, at creation or rotation. Keep it: it signs every
/// delivery (`Kirjuri-Signature: v1=<hex HMAC-SHA256(secret, "<Kirjuri-Timestamp>.<body>")>`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookSecretAnswer {
    pub endpoint: WebhookAnswer,
    /// `whsec_` and 64 hex digits (256 random bits).
    #[schema(pattern = "^whsec_[0-9a-f]{64}$")]
    pub secret: String,
}

impl From<&kirjuri_webhooks::Created> for WebhookSecretAnswer {
    fn from(created: &kirjuri_webhooks::Created) -> Self {
        WebhookSecretAnswer {
            endpoint: WebhookAnswer::from(&created.endpoint),
            secret: created.secret.expose().to_owned(),
        }
    }
}

/// One delivery attempt.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeliveryAnswer {
    /// `<audit seq>-<16 hex of the entry's hash>`, also sent as `Kirjuri-Event-Id`.
    pub event_id: String,
    pub event_type: String,
    /// 1 for the first attempt at the event, 2 for the first retry, …
    pub attempt: u32,
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why the attempt failed (no answer, timeout or a non-2xx); `null` when delivered.
    pub error: Option<String>,
    pub duration_ms: u64,
}

impl From<&kirjuri_webhooks::Delivery> for DeliveryAnswer {
    fn from(delivery: &kirjuri_webhooks::Delivery) -> Self {
        DeliveryAnswer {
            event_id: delivery.event_id.clone(),
            event_type: delivery.event_type.clone(),
            attempt: delivery.attempt,
            at: delivery.at,
            status: delivery.status,
            error: delivery.error.clone(),
            duration_ms: delivery.duration_ms,
        }
    }
}

/// A new endpoint.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhookBody {
    /// An absolute http or https URL, without a user name or password.
    #[schema(max_length = 2000)]
    url: String,
    /// Event types to receive (see `GET /admin/webhooks/event-types`).
    events: Vec<String>,
    /// Default true.
    #[serde(default)]
    enabled: Option<bool>,
    /// Deliver every past event of the audit trail too (default false: only events after
    /// the endpoint's creation).
    #[serde(default)]
    from_start: bool,
}

/// A change to an endpoint: the given fields replace the stored ones.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookChangeBody {
    #[serde(default)]
    #[schema(max_length = 2000)]
    url: Option<String>,
    #[serde(default)]
    events: Option<Vec<String>>,
    #[serde(default)]
    enabled: Option<bool>,
}

#[utoipa::path(get, path = "/admin/webhooks/event-types", tag = "admin",
    responses((status = 200, description = "The event types an endpoint can receive", body = Vec<String>)))]
pub async fn event_types(principal: Principal) -> ApiResult<Json<Vec<String>>> {
    principal.require(Permission::ManageWebhooks)?;
    Ok(Json(
        kirjuri_webhooks::EVENT_TYPES.iter().map(|t| (*t).to_owned()).collect(),
    ))
}

#[utoipa::path(get, path = "/admin/webhooks", tag = "admin",
    responses((status = 200, description = "Webhook endpoints (never their secrets)", body = Vec<WebhookAnswer>)))]
pub async fn list_webhooks(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Vec<WebhookAnswer>>> {
    principal.require(Permission::ManageWebhooks)?;
    with_app(&state, |app| {
        let endpoints = kirjuri_webhooks::list(app.store())?;
        Ok(Json(endpoints.iter().map(WebhookAnswer::from).collect()))
    })
    .await
}

#[utoipa::path(post, path = "/admin/webhooks", tag = "admin", request_body = NewWebhookBody,
    responses((status = 201, description = "The new endpoint with its secret, shown this once (audited as `webhook.create`)", body = WebhookSecretAnswer)))]
pub async fn create_webhook(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<NewWebhookBody>,
) -> ApiResult<(StatusCode, Json<WebhookSecretAnswer>)> {
    principal.require(Permission::ManageWebhooks)?;
    let actor = principal.name.clone();
    let new = kirjuri_webhooks::NewEndpoint {
        url: body.url,
        events: body.events,
        enabled: body.enabled.unwrap_or(true),
        from_start: body.from_start,
    };
    with_app(&state, move |app| {
        let created = kirjuri_webhooks::create(app.store(), &new, &actor, Utc::now())?;
        Ok((StatusCode::CREATED, Json(WebhookSecretAnswer::from(&created))))
    })
    .await
}

#[utoipa::path(get, path = "/admin/webhooks/{id}", tag = "admin",
    params(("id" = String, Path, description = "Endpoint id, e.g. wh-1")),
    responses((status = 200, description = "The endpoint (never its secret)", body = WebhookAnswer)))]
pub async fn get_webhook(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<WebhookAnswer>> {
    principal.require(Permission::ManageWebhooks)?;
    with_app(&state, move |app| {
        Ok(Json(WebhookAnswer::from(&kirjuri_webhooks::get(app.store(), &id)?)))
    })
    .await
}

#[utoipa::path(put, path = "/admin/webhooks/{id}", tag = "admin", request_body = WebhookChangeBody,
    params(("id" = String, Path, description = "Endpoint id, e.g. wh-1")),
    responses((status = 200, description = "The changed endpoint (audited as `webhook.update`)", body = WebhookAnswer)))]
pub async fn update_webhook(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<WebhookChangeBody>,
) -> ApiResult<Json<WebhookAnswer>> {
    principal.require(Permission::ManageWebhooks)?;
    let actor = principal.name.clone();
    let change = kirjuri_webhooks::EndpointChange {
        url: body.url,
        events: body.events,
        enabled: body.enabled,
    };
    with_app(&state, move |app| {
        let view = kirjuri_webhooks::update(app.store(), &id, &change, &actor, Utc::now())?;
        Ok(Json(WebhookAnswer::from(&view)))
    })
    .await
}

#[utoipa::path(delete, path = "/admin/webhooks/{id}", tag = "admin",
    params(("id" = String, Path, description = "Endpoint id, e.g. wh-1")),
    responses((status = 204, description = "Deleted with its delivery log (audited as `webhook.delete`)")))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    principal.require(Permission::ManageWebhooks)?;
    let actor = principal.name.clone();
    with_app(&state, move |app| {
        kirjuri_webhooks::delete(app.store(), &id, &actor, Utc::now())?;
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

#[utoipa::path(post, path = "/admin/webhooks/{id}/rotate-secret", tag = "admin",
    params(("id" = String, Path, description = "Endpoint id, e.g. wh-1")),
    responses((status = 200, description = "The endpoint with its new secret, shown this once; the old one stops signing at once (audited as `webhook.rotate_secret`)", body = WebhookSecretAnswer)))]
pub async fn rotate_webhook_secret(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<WebhookSecretAnswer>> {
    principal.require(Permission::ManageWebhooks)?;
    let actor = principal.name.clone();
    with_app(&state, move |app| {
        let rotated = kirjuri_webhooks::rotate_secret(app.store(), &id, &actor, Utc::now())?;
        Ok(Json(WebhookSecretAnswer::from(&rotated)))
    })
    .await
}

#[utoipa::path(get, path = "/admin/webhooks/{id}/deliveries", tag = "admin",
    params(("id" = String, Path, description = "Endpoint id, e.g. wh-1")),
    responses((status = 200, description = "The endpoint's delivery attempts, newest first (the newest 200 are kept)", body = Vec<DeliveryAnswer>)))]
pub async fn webhook_deliveries(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<DeliveryAnswer>>> {
    principal.require(Permission::ManageWebhooks)?;
    with_app(&state, move |app| {
        let log = kirjuri_webhooks::deliveries(app.store(), &id)?;
        Ok(Json(log.iter().map(DeliveryAnswer::from).collect()))
    })
    .await
}
