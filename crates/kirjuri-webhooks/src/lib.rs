//! Webhooks: owns the webhook endpoints the admin manages, the delivery of the outbox to them,
//! their signatures and the delivery log per endpoint.
//!
//! Must never: put a record's title, text, party or any personal or secret data in a payload
//! (ids, kinds, the event type and state names only); decide what changed (the domain crates
//! do, in their audit entries).
//!
//! ## The outbox is the audit trail (choice (a) of issue 21)
//!
//! Every state change of requests, incidents and breaches, disposals, cases and legal holds
//! already appends a hash-chained audit entry inside the change's own sled transaction
//! (`kirjuri_store::Tx::audit`). That entry *is* the outbox record: it commits with the
//! change or not at all, it is durable when the change is acknowledged (the store flushes
//! before returning), and it has a stable, gap-free sequence number. A second `outbox` tree
//! would have to be written by every one of those transactions (a new duty for every domain
//! crate, easy to forget for the next one) and would hold the same facts twice. So the
//! deliverer follows the trail from a durable cursor per endpoint and keeps only the entries
//! whose action is one of [`EVENT_TYPES`] (never reads or admin acts).
//!
//! Consequences: a crash between a change's commit and its delivery loses nothing (the cursor
//! only moves after a 2xx, in a flushed write); an event can arrive twice (at-least-once: the
//! service may die after the receiver answered 2xx and before the cursor was written), so
//! receivers de-duplicate by the event id, `<audit seq>-<first 16 hex of the entry's hash>`;
//! a new endpoint starts at the trail's head at its creation (no replay of history) unless it
//! is created with `from_start`.

mod deliver;
mod endpoints;
mod signature;

pub use deliver::{DeliverySettings, Outcome, client, deliver_due, event_id, event_of, payload_of, run};
pub use endpoints::{
    Created, Delivery, DeliveryLog, Endpoint, EndpointChange, EndpointView, NewEndpoint, Secret, create, delete,
    deliveries, get, list, rotate_secret, update,
};
pub use signature::{SIGNATURE_TOLERANCE_SECS, VerifyError, sign, signature_header, verify};

/// The record kind of an endpoint (id `wh-<n>`).
pub const ENDPOINT: &str = "webhook_endpoint";
/// The record kind of an endpoint's cursor and retry state (same id as the endpoint).
pub const CURSOR: &str = "webhook_cursor";
/// The record kind of an endpoint's delivery log (same id as the endpoint).
pub const LOG: &str = "webhook_log";
/// How many delivery attempts the log keeps per endpoint (the newest).
pub const LOG_KEEP: usize = 200;

/// The audit actions that are webhook events: state changes of requests, incidents and
/// breaches, disposals, cases and legal holds. Reads (`*.read`) and admin acts never are.
pub const EVENT_TYPES: &[&str] = &[
    "request.new",
    "request.transition",
    "request.pause",
    "request.resume",
    "request.transfer",
    "incident.new",
    "incident.transition",
    "incident.breach",
    "incident.notify",
    "incident.classify",
    "incident.assess",
    "disposal.propose",
    "disposal.approve",
    "disposal.cancel",
    "disposal.execute",
    "disposal.executed",
    "case.open",
    "case.transition",
    "legal_hold.place",
    "legal_hold.lift",
];

/// Why a webhook operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// Bad input; `field` names the field.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error("webhook endpoint {0} not found")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] kirjuri_store::StoreError),
}

pub type WebhookResult<T> = Result<T, WebhookError>;
