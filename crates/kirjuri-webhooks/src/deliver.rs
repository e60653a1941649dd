//! Delivery: per endpoint, in audit order, one event at a time; the cursor moves only after a
//! 2xx. A failure is logged and retried after an exponential backoff with jitter; each
//! endpoint has its own worker thread, so a dead or slow endpoint never holds up another one
//! or the service.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use kirjuri_store::{AuditEntry, Store};
use serde_json::{Value, json};

use crate::endpoints::{Cursor, Delivery, DeliveryLog, Endpoint};
use crate::{CURSOR, ENDPOINT, EVENT_TYPES, LOG, LOG_KEEP, WebhookResult, signature_header};

/// How deliveries are paced. From the environment by [`DeliverySettings::from_env`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliverySettings {
    /// The wait after the first failed attempt; it doubles with each further failure.
    pub backoff_base: Duration,
    /// The longest wait between attempts.
    pub backoff_cap: Duration,
    /// How long one attempt may take (connect, send, answer).
    pub timeout: Duration,
    /// How often an idle endpoint looks for new events.
    pub poll: Duration,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(10 * 60),
            timeout: Duration::from_secs(10),
            poll: Duration::from_millis(500),
        }
    }
}

impl DeliverySettings {
    /// `KIRJURI_WEBHOOK_BACKOFF_MS` (first retry wait, default 1000),
    /// `KIRJURI_WEBHOOK_BACKOFF_CAP_MS` (default 600000: 10 minutes) and
    /// `KIRJURI_WEBHOOK_TIMEOUT_MS` (per attempt, default 10000). A bad value names the variable.
    pub fn from_env() -> Result<DeliverySettings, String> {
        let mut settings = DeliverySettings::default();
        let millis = |name: &str| -> Result<Option<Duration>, String> {
            match std::env::var(name) {
                Ok(value) => value
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| *ms > 0)
                    .map(|ms| Some(Duration::from_millis(ms)))
                    .ok_or_else(|| format!("{name}: expected a whole number of milliseconds above 0, got `{value}`")),
                Err(_) => Ok(None),
            }
        };
        if let Some(base) = millis("KIRJURI_WEBHOOK_BACKOFF_MS")? {
            settings.backoff_base = base;
            settings.backoff_cap = settings.backoff_cap.max(base);
        }
        if let Some(cap) = millis("KIRJURI_WEBHOOK_BACKOFF_CAP_MS")? {
            settings.backoff_cap = cap.max(settings.backoff_base);
        }
        if let Some(timeout) = millis("KIRJURI_WEBHOOK_TIMEOUT_MS")? {
            settings.timeout = timeout;
        }
        Ok(settings)
    }

    /// The wait before attempt `failures + 1`: base × 2^(failures − 1), at most the cap, times
    /// `jitter` in [0.5, 1] ("equal jitter", so endpoints that failed together spread out).
    pub fn retry_delay(&self, failures: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(failures.saturating_sub(1).min(30));
        let full = self.backoff_base.saturating_mul(doubling).min(self.backoff_cap);
        full.mul_f64(jitter.clamp(0.5, 1.0))
    }
}

/// What one delivery step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to deliver now.
    Idle,
    /// The event with this id was delivered (2xx).
    Delivered(String),
    /// The attempt failed; the next is due then.
    Failed(DateTime<Utc>),
    /// A retry is due later.
    Waiting(DateTime<Utc>),
    /// The endpoint was deleted or disabled: its worker stops.
    Gone,
}

/// The event id of an audit entry: its sequence number and the first 16 hex digits of its
/// hash. Stable across retries and restarts, so a receiver de-duplicates by it.
pub fn event_id(entry: &AuditEntry) -> String {
    format!("{}-{}", entry.seq, entry.hash.get(..16).unwrap_or(&entry.hash))
}

/// The webhook event type of an audit entry, if it is one ([`EVENT_TYPES`]).
pub fn event_of(entry: &AuditEntry) -> Option<&'static str> {
    EVENT_TYPES.iter().copied().find(|t| *t == entry.action)
}

/// A state name as the domain crates write it (`decision_issued`, `in-progress`): only such
/// keys are copied into a payload, never free text that happens to sit in the same field.
fn state_key(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str).filter(|s| {
        (1..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    })
}

/// The JSON body for an entry: id, type, when, the target's kind and id, and the state's
/// from/to when the entry names them. Nothing else of the entry (no titles, parties, reasons,
/// no actor: the actor is personal data).
pub fn payload_of(entry: &AuditEntry) -> Value {
    let mut payload = json!({
        "id": event_id(entry),
        "type": entry.action,
        "occurred_at": entry.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "target": {
            "kind": entry.target_kind,
            "id": entry.target_id,
        },
    });
    let from = state_key(entry.detail.get("from"));
    let to = state_key(entry.detail.get("to"));
    if (from.is_some() || to.is_some())
        && let Some(object) = payload.as_object_mut()
    {
        object.insert("state".to_owned(), json!({ "from": from, "to": to }));
    }
    payload
}

/// The HTTP client of the deliverer: the per-attempt timeout, no redirects (a redirect is a
/// failed attempt: the admin set the URL), rustls for https.
pub fn client(settings: &DeliverySettings) -> Result<reqwest::blocking::Client, String> {
    reqwest::blocking::Client::builder()
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Kirjuri-Webhooks/1")
        .build()
        .map_err(|e| format!("webhook HTTP client: {}", describe(&e)))
}

/// A transport error in words, without the URL (its query may be a credential).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let Some(mut innermost) = std::error::Error::source(error) else {
        return kind.to_owned();
    };
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    format!("{kind}: {innermost}")
}

/// Sends one event: `(status, error)`.
fn post(client: &reqwest::blocking::Client, endpoint: &Endpoint, entry: &AuditEntry) -> (Option<u16>, Option<String>) {
    let body = payload_of(entry).to_string();
    let timestamp = Utc::now().timestamp();
    let signature = signature_header(endpoint.secret.expose(), timestamp, body.as_bytes());
    let sent = client
        .post(&endpoint.url)
        .header("content-type", "application/json")
        .header("Kirjuri-Event-Id", event_id(entry))
        .header("Kirjuri-Timestamp", timestamp.to_string())
        .header("Kirjuri-Signature", signature)
        .body(body)
        .send();
    match sent {
        Ok(response) if response.status().is_success() => (Some(response.status().as_u16()), None),
        Ok(response) => (
            Some(response.status().as_u16()),
            Some(format!("the receiver answered {}", response.status())),
        ),
        Err(error) => (None, Some(describe(&error))),
    }
}

/// Delivers the next due event of one endpoint, if any: skips entries that are not events it
/// subscribes to, POSTs the first one that is, and records the attempt with the new cursor in
/// one flushed transaction.
pub fn deliver_due(
    store: &Store,
    client: &reqwest::blocking::Client,
    settings: &DeliverySettings,
    endpoint_id: &str,
) -> WebhookResult<Outcome> {
    let Some(endpoint) = store.get::<Endpoint>(ENDPOINT, endpoint_id)? else {
        return Ok(Outcome::Gone);
    };
    if !endpoint.enabled {
        return Ok(Outcome::Gone);
    }
    let cursor = store.get::<Cursor>(CURSOR, endpoint_id)?.unwrap_or_default();
    let now = Utc::now();
    if let Some(due) = cursor.next_attempt_at
        && due > now
    {
        return Ok(Outcome::Waiting(due));
    }
    let entries = store
        .audit_after(cursor.after_seq, 500)
        .map_err(|detail| kirjuri_store::StoreError::Corrupt {
            what: "audit trail".to_owned(),
            detail,
        })?;
    let next = entries
        .iter()
        .find(|entry| event_of(entry).is_some_and(|t| endpoint.events.iter().any(|e| e == t)));
    let Some(entry) = next else {
        // Nothing subscribed among these: move past them.
        if let Some(last) = entries.last() {
            let skipped = Cursor {
                after_seq: last.seq,
                ..Cursor::default()
            };
            save(store, endpoint_id, &skipped, None)?;
        }
        return Ok(Outcome::Idle);
    };
    let attempt = cursor.attempts + 1;
    let started = Instant::now();
    let (status, error) = post(client, &endpoint, entry);
    let delivery = Delivery {
        event_id: event_id(entry),
        event_type: entry.action.clone(),
        attempt,
        at: now,
        status,
        error: error.clone(),
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    };
    if error.is_none() {
        let delivered = Cursor {
            after_seq: entry.seq,
            ..Cursor::default()
        };
        save(store, endpoint_id, &delivered, Some(delivery))?;
        return Ok(Outcome::Delivered(event_id(entry)));
    }
    let jitter = 0.5 + rand::random::<f64>() * 0.5;
    let wait = settings.retry_delay(attempt, jitter);
    let retry_at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
    tracing::warn!(
        endpoint = %endpoint.id,
        event = %delivery.event_id,
        attempt,
        status = ?delivery.status,
        error = delivery.error.as_deref().unwrap_or(""),
        retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
        "webhook delivery failed"
    );
    let failed = Cursor {
        after_seq: entry.seq - 1,
        attempts: attempt,
        next_attempt_at: Some(retry_at),
    };
    save(store, endpoint_id, &failed, Some(delivery))?;
    Ok(Outcome::Failed(retry_at))
}

/// Writes the cursor and appends to the log, unless the endpoint was deleted meanwhile.
fn save(store: &Store, endpoint_id: &str, cursor: &Cursor, delivery: Option<Delivery>) -> WebhookResult<()> {
    store.transact(|tx| {
        if tx.get::<Endpoint>(ENDPOINT, endpoint_id)?.is_none() {
            return Ok(());
        }
        tx.put(CURSOR, endpoint_id, cursor, &[])?;
        if let Some(delivery) = &delivery {
            let mut log = tx.get::<DeliveryLog>(LOG, endpoint_id)?.unwrap_or_default();
            log.entries.push(delivery.clone());
            let excess = log.entries.len().saturating_sub(LOG_KEEP);
            log.entries.drain(..excess);
            tx.put(LOG, endpoint_id, &log, &[])?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One endpoint's worker: delivers until the endpoint is deleted or disabled.
fn endpoint_worker(store: &Store, settings: &DeliverySettings, endpoint_id: &str) {
    let client = match client(settings) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "webhook deliveries wait");
            return;
        }
    };
    loop {
        match deliver_due(store, &client, settings, endpoint_id) {
            Ok(Outcome::Delivered(_)) => {}
            Ok(Outcome::Gone) => return,
            Ok(Outcome::Idle | Outcome::Failed(_) | Outcome::Waiting(_)) => std::thread::sleep(settings.poll),
            Err(error) => {
                tracing::warn!(endpoint = %endpoint_id, %error, "webhook deliverer");
                std::thread::sleep(settings.poll);
            }
        }
    }
}

/// The deliverer of `kirjuri serve`: never returns. Each enabled endpoint gets a worker thread
/// of its own (started within a poll interval of its creation or enabling).
pub fn run(store: Store, settings: DeliverySettings) {
    let running: Arc<Mutex<HashSet<String>>> = Arc::default();
    loop {
        match crate::list(&store) {
            Ok(endpoints) => {
                for endpoint in endpoints.into_iter().filter(|e| e.enabled) {
                    let mut started = running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    if !started.insert(endpoint.id.clone()) {
                        continue;
                    }
                    let (store, running, id) = (store.clone(), running.clone(), endpoint.id.clone());
                    let spawned = std::thread::Builder::new()
                        .name(format!("webhook-{id}"))
                        .spawn(move || {
                            endpoint_worker(&store, &settings, &id);
                            running
                                .lock()
                                .unwrap_or_else(|poisoned| poisoned.into_inner())
                                .remove(&id);
                        });
                    if let Err(error) = spawned {
                        started.remove(&endpoint.id);
                        tracing::error!(%error, "webhook worker not started");
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "webhook endpoints not readable"),
        }
        std::thread::sleep(settings.poll);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use chrono::TimeZone;

    /// 1 s doubling to the 10-minute cap: the 1st retry after 0.5–1 s, the 5th after 8–16 s,
    /// the 20th after 5–10 min.
    #[test]
    fn backoff_doubles_to_a_cap_with_jitter() {
        let settings = DeliverySettings::default();
        assert_eq!(settings.retry_delay(1, 1.0), Duration::from_secs(1));
        assert_eq!(settings.retry_delay(1, 0.5), Duration::from_millis(500));
        assert_eq!(settings.retry_delay(5, 1.0), Duration::from_secs(16));
        assert_eq!(settings.retry_delay(20, 1.0), Duration::from_secs(600));
        assert_eq!(settings.retry_delay(20, 0.0), Duration::from_secs(300));
        assert_eq!(settings.retry_delay(u32::MAX, 1.0), Duration::from_secs(600));
    }

    fn entry(action: &str, detail: Value) -> AuditEntry {
        AuditEntry {
            seq: 42,
            at: Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap(),
            actor: "kirjaaja".to_owned(),
            action: action.to_owned(),
            target_kind: Some("request".to_owned()),
            target_id: Some("req-7".to_owned()),
            purpose: Some("asian käsittely".to_owned()),
            detail,
            prev_hash: "0".repeat(64),
            hash: "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12".to_owned(),
        }
    }

    /// A request moved on 2026-12-01 10:00 (Helsinki): the payload holds ids, kinds, the type
    /// and state names only; the reason, actor and purpose stay out.
    #[test]
    fn a_payload_holds_ids_and_state_names_only() {
        let moved = entry(
            "request.transition",
            json!({"from": "received", "to": "decision_issued", "reason": "Aino Mäkisen pyyntö", "legal_basis": "JulkL 24 §"}),
        );
        let payload = payload_of(&moved);
        assert_eq!(
            payload,
            json!({
                "id": "42-ab12cd34ef56ab12",
                "type": "request.transition",
                "occurred_at": "2026-12-01T08:00:00Z",
                "target": {"kind": "request", "id": "req-7"},
                "state": {"from": "received", "to": "decision_issued"},
            })
        );
        let text = payload.to_string();
        for private in ["Aino", "kirjaaja", "asian", "JulkL"] {
            assert!(!text.contains(private), "{private} in {text}");
        }
        // Free text in a state field is not a state name.
        let odd = payload_of(&entry("case.transition", json!({"to": "Aino Mäkinen"})));
        assert!(odd.get("state").is_none(), "{odd}");
        assert!(
            payload_of(&entry("request.new", json!({"title": "x"})))
                .get("state")
                .is_none()
        );
    }

    /// Reads and admin acts are never events.
    #[test]
    fn only_state_changes_are_events() {
        assert_eq!(
            event_of(&entry("incident.breach", Value::Null)),
            Some("incident.breach")
        );
        for action in ["request.read", "case.read", "webhook.create", "user.add", "search"] {
            assert_eq!(event_of(&entry(action, Value::Null)), None, "{action}");
        }
    }
}
