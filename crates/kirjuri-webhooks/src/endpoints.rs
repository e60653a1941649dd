//! Endpoints the admin manages: create, list, get, update, rotate the secret, delete; and the
//! delivery log. Every change is one flushed transaction with its audit entry; the audit holds
//! the endpoint's origin and event types, never its secret or the URL's path and query (which
//! some receivers use as a credential).

use chrono::{DateTime, Utc};
use kirjuri_store::{AuditEvent, Store, Tx, TxResult, reject};
use serde::{Deserialize, Serialize};

use crate::{CURSOR, ENDPOINT, EVENT_TYPES, LOG, WebhookError, WebhookResult};

/// An endpoint's shared secret. Its `Debug` never shows it, so it cannot reach a log by a
/// `{:?}`; it is serialised only into the stored record.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// 32 random bytes (256 bits) from the OS-seeded generator, as `whsec_` + 64 hex digits.
    fn generate() -> Secret {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Secret(format!(
            "whsec_{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ))
    }

    /// The secret itself: for signing, and for the one answer that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A stored endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Endpoint {
    pub id: String,
    pub url: String,
    /// Event types it receives (a subset of [`EVENT_TYPES`]).
    pub events: Vec<String>,
    pub enabled: bool,
    pub secret: Secret,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

/// An endpoint as shown to the admin: everything but the secret.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// The audit sequence number delivered up to (events after it are still to come).
    pub delivered_through: u64,
    /// Failed attempts in a row for the next event (0 when the last attempt succeeded).
    pub failing_attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// A new endpoint as the admin asks for it.
#[derive(Debug, Clone, Default)]
pub struct NewEndpoint {
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    /// Deliver the whole audit trail's events from the start, not only those after creation.
    pub from_start: bool,
}

/// A change to an endpoint: each given part replaces the stored one.
#[derive(Debug, Clone, Default)]
pub struct EndpointChange {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

/// A created endpoint, or one with a rotated secret: the only time the secret is shown.
#[derive(Debug, Clone)]
pub struct Created {
    pub endpoint: EndpointView,
    pub secret: Secret,
}

/// Where an endpoint's deliverer is: durable, written only after a 2xx (the cursor) or a
/// failure (the retry state).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cursor {
    /// The audit sequence number delivered (or skipped as not subscribed) up to.
    pub after_seq: u64,
    /// Failed attempts in a row at the event after the cursor.
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// One delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub event_id: String,
    pub event_type: String,
    /// 1 for the first attempt at this event, 2 for the first retry, …
    pub attempt: u32,
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why the attempt failed without an answer (connection refused, timeout), or a non-2xx.
    pub error: Option<String>,
    pub duration_ms: u64,
}

/// An endpoint's delivery log: the newest [`crate::LOG_KEEP`] attempts, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DeliveryLog {
    pub entries: Vec<Delivery>,
}

fn invalid<T>(field: &'static str, message: impl Into<String>) -> WebhookResult<T> {
    Err(WebhookError::Invalid {
        field,
        message: message.into(),
    })
}

/// An endpoint's URL: absolute `http` or `https` with a host, no user or password in it (a
/// credential in the URL would be shown in every list), at most 2000 characters.
fn checked_url(url: &str) -> WebhookResult<String> {
    let url = url.trim();
    if url.len() > 2000 {
        return invalid("url", "at most 2000 characters");
    }
    let parsed = match reqwest::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(error) => return invalid("url", format!("`{url}` is not a URL: {error}")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return invalid("url", format!("must be http or https, not `{}`", parsed.scheme()));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return invalid("url", "must name a host");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return invalid(
            "url",
            "must not hold a user name or password (the secret signs each delivery)",
        );
    }
    if parsed.fragment().is_some() {
        return invalid("url", "must not have a #fragment");
    }
    Ok(parsed.to_string())
}

/// Event types: at least one, each one of [`EVENT_TYPES`], without repeats (sorted).
fn checked_events(events: &[String]) -> WebhookResult<Vec<String>> {
    let mut checked: Vec<String> = Vec::new();
    for event in events {
        let event = event.trim();
        if !EVENT_TYPES.contains(&event) {
            return invalid(
                "events",
                format!(
                    "unknown event type `{event}`, expected some of: {}",
                    EVENT_TYPES.join(", ")
                ),
            );
        }
        checked.push(event.to_owned());
    }
    checked.sort();
    checked.dedup();
    if checked.is_empty() {
        return invalid("events", "name at least one event type");
    }
    Ok(checked)
}

/// `scheme://host[:port]` only: what the audit says about an endpoint's URL.
fn origin(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

fn audit(tx: &Tx<'_>, at: DateTime<Utc>, actor: &str, action: &str, endpoint: &Endpoint) -> TxResult<u64> {
    tx.audit(
        &AuditEvent::new(at, actor, action)
            .target(ENDPOINT, &endpoint.id)
            .detail(serde_json::json!({
                "origin": origin(&endpoint.url),
                "events": endpoint.events,
                "enabled": endpoint.enabled,
            })),
    )
}

fn view(endpoint: &Endpoint, cursor: &Cursor) -> EndpointView {
    EndpointView {
        id: endpoint.id.clone(),
        url: endpoint.url.clone(),
        events: endpoint.events.clone(),
        enabled: endpoint.enabled,
        created_at: endpoint.created_at,
        created_by: endpoint.created_by.clone(),
        updated_at: endpoint.updated_at,
        delivered_through: cursor.after_seq,
        failing_attempts: cursor.attempts,
        next_attempt_at: cursor.next_attempt_at,
    }
}

fn cursor_of(store: &Store, id: &str) -> WebhookResult<Cursor> {
    Ok(store.get::<Cursor>(CURSOR, id)?.unwrap_or_default())
}

/// Creates an endpoint with a new secret (shown once, in the answer). Its cursor starts at the
/// audit entry of its own creation, so it receives the events after it (`from_start`: all).
pub fn create(store: &Store, new: &NewEndpoint, actor: &str, now: DateTime<Utc>) -> WebhookResult<Created> {
    let url = checked_url(&new.url)?;
    let events = checked_events(&new.events)?;
    let secret = Secret::generate();
    let (endpoint, cursor) = store.transact(|tx| {
        let id = format!("wh-{}", tx.next_counter("webhook")?);
        let endpoint = Endpoint {
            id: id.clone(),
            url: url.clone(),
            events: events.clone(),
            enabled: new.enabled,
            secret: secret.clone(),
            created_at: now,
            created_by: actor.to_owned(),
            updated_at: None,
        };
        tx.put(ENDPOINT, &id, &endpoint, &[])?;
        let head = audit(tx, now, actor, "webhook.create", &endpoint)?;
        let cursor = Cursor {
            after_seq: if new.from_start { 0 } else { head },
            ..Cursor::default()
        };
        tx.put(CURSOR, &id, &cursor, &[])?;
        tx.put(LOG, &id, &DeliveryLog::default(), &[])?;
        Ok((endpoint, cursor))
    })?;
    Ok(Created {
        endpoint: view(&endpoint, &cursor),
        secret,
    })
}

/// Every endpoint, by id, without secrets.
pub fn list(store: &Store) -> WebhookResult<Vec<EndpointView>> {
    let mut endpoints = store.list::<Endpoint>(ENDPOINT)?;
    endpoints.sort_by_key(|e| id_number(&e.id));
    endpoints
        .iter()
        .map(|endpoint| Ok(view(endpoint, &cursor_of(store, &endpoint.id)?)))
        .collect()
}

fn id_number(id: &str) -> u64 {
    id.trim_start_matches("wh-").parse().unwrap_or(u64::MAX)
}

/// One endpoint, without its secret.
pub fn get(store: &Store, id: &str) -> WebhookResult<EndpointView> {
    let endpoint = stored(store, id)?;
    Ok(view(&endpoint, &cursor_of(store, &endpoint.id)?))
}

pub(crate) fn stored(store: &Store, id: &str) -> WebhookResult<Endpoint> {
    store
        .get::<Endpoint>(ENDPOINT, id.trim())?
        .ok_or_else(|| WebhookError::NotFound(id.trim().to_owned()))
}

fn change_stored(
    store: &Store,
    id: &str,
    actor: &str,
    action: &str,
    now: DateTime<Utc>,
    change: impl Fn(&mut Endpoint),
) -> WebhookResult<Endpoint> {
    let id = id.trim();
    let result = store.transact(|tx| {
        let Some(mut endpoint) = tx.get::<Endpoint>(ENDPOINT, id)? else {
            return reject("not_found", id);
        };
        change(&mut endpoint);
        endpoint.updated_at = Some(now);
        tx.put(ENDPOINT, id, &endpoint, &[])?;
        audit(tx, now, actor, action, &endpoint)?;
        Ok(endpoint)
    });
    match result {
        Err(kirjuri_store::StoreError::Rejected { code: "not_found", .. }) => {
            Err(WebhookError::NotFound(id.to_owned()))
        }
        other => Ok(other?),
    }
}

/// Changes an endpoint's URL, event types or whether it is enabled (audited `webhook.update`).
/// Its cursor stays: re-enabling delivers what happened while it was disabled.
pub fn update(
    store: &Store,
    id: &str,
    change: &EndpointChange,
    actor: &str,
    now: DateTime<Utc>,
) -> WebhookResult<EndpointView> {
    let url = change.url.as_deref().map(checked_url).transpose()?;
    let events = change.events.as_deref().map(checked_events).transpose()?;
    let endpoint = change_stored(store, id, actor, "webhook.update", now, |endpoint| {
        if let Some(url) = &url {
            endpoint.url = url.clone();
        }
        if let Some(events) = &events {
            endpoint.events = events.clone();
        }
        if let Some(enabled) = change.enabled {
            endpoint.enabled = enabled;
        }
    })?;
    Ok(view(&endpoint, &cursor_of(store, &endpoint.id)?))
}

/// Gives an endpoint a new secret (shown once, in the answer); the old one stops signing at
/// once (audited `webhook.rotate_secret`, without either secret).
pub fn rotate_secret(store: &Store, id: &str, actor: &str, now: DateTime<Utc>) -> WebhookResult<Created> {
    let secret = Secret::generate();
    let endpoint = change_stored(store, id, actor, "webhook.rotate_secret", now, |endpoint| {
        endpoint.secret = secret.clone();
    })?;
    Ok(Created {
        endpoint: view(&endpoint, &cursor_of(store, &endpoint.id)?),
        secret,
    })
}

/// Deletes an endpoint with its cursor and delivery log (audited `webhook.delete`).
pub fn delete(store: &Store, id: &str, actor: &str, now: DateTime<Utc>) -> WebhookResult<()> {
    let id = id.trim();
    let result = store.transact(|tx| {
        let Some(endpoint) = tx.get::<Endpoint>(ENDPOINT, id)? else {
            return reject("not_found", id);
        };
        tx.delete(ENDPOINT, id)?;
        tx.delete(CURSOR, id)?;
        tx.delete(LOG, id)?;
        audit(tx, now, actor, "webhook.delete", &endpoint)?;
        Ok(())
    });
    match result {
        Err(kirjuri_store::StoreError::Rejected { code: "not_found", .. }) => {
            Err(WebhookError::NotFound(id.to_owned()))
        }
        other => Ok(other?),
    }
}

/// An endpoint's delivery log, newest first.
pub fn deliveries(store: &Store, id: &str) -> WebhookResult<Vec<Delivery>> {
    let endpoint = stored(store, id)?;
    let mut entries = store.get::<DeliveryLog>(LOG, &endpoint.id)?.unwrap_or_default().entries;
    entries.reverse();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        // 2026-12-01 10:00 Helsinki time.
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
    }

    fn new(url: &str) -> NewEndpoint {
        NewEndpoint {
            url: url.to_owned(),
            events: vec!["case.transition".to_owned(), "incident.breach".to_owned()],
            enabled: true,
            from_start: false,
        }
    }

    /// Created 2026-12-01: a 256-bit secret shown once, never in the list or the audit; the
    /// cursor at the trail's head (no replay of history).
    #[test]
    fn a_new_endpoint_starts_at_the_head_and_shows_its_secret_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.audit(&AuditEvent::new(at(), "kirjaaja", "case.open")).unwrap();
        let created = create(&store, &new("https://hooks.example.fi/kirjuri?token=x"), "admin", at()).unwrap();
        assert_eq!(created.endpoint.id, "wh-1");
        let secret = created.secret.expose();
        assert!(secret.starts_with("whsec_") && secret.len() == 6 + 64, "{secret}");
        assert_eq!(
            created.endpoint.delivered_through, 2,
            "after case.open (1) and webhook.create (2)"
        );
        let listed = serde_json::to_string(&list(&store).unwrap()).unwrap();
        assert!(!listed.contains(secret));
        let trail: Vec<_> = store.audit_entries().map(|e| e.unwrap()).collect();
        let created_entry = serde_json::to_string(&trail[1]).unwrap();
        assert!(created_entry.contains("webhook.create") && created_entry.contains("https://hooks.example.fi"));
        assert!(!created_entry.contains(secret) && !created_entry.contains("token=x"));
        assert!(!format!("{created:?}").contains(secret));
        let rotated = rotate_secret(&store, "wh-1", "admin", at()).unwrap();
        assert_ne!(rotated.secret.expose(), secret);
    }

    /// Bad input names its field; nothing is stored.
    #[test]
    fn bad_urls_and_event_types_are_refused_by_field() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for (url, field) in [
            ("ftp://example.fi/x", "url"),
            ("not a url", "url"),
            ("https://user:pw@example.fi/", "url"),
        ] {
            match create(&store, &new(url), "admin", at()) {
                Err(WebhookError::Invalid { field: f, .. }) => assert_eq!(f, field, "{url}"),
                other => panic!("{url}: {other:?}"),
            }
        }
        let mut reads = new("https://example.fi/");
        reads.events = vec!["case.read".to_owned()];
        assert!(matches!(
            create(&store, &reads, "admin", at()),
            Err(WebhookError::Invalid { field: "events", .. })
        ));
        assert!(list(&store).unwrap().is_empty());
        assert!(matches!(
            delete(&store, "wh-9", "admin", at()),
            Err(WebhookError::NotFound(_))
        ));
    }

    /// With `from_start` the endpoint receives history from the first entry.
    #[test]
    fn from_start_replays_history() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.audit(&AuditEvent::new(at(), "kirjaaja", "case.open")).unwrap();
        let mut wanted = new("http://127.0.0.1:9/");
        wanted.from_start = true;
        assert_eq!(
            create(&store, &wanted, "admin", at())
                .unwrap()
                .endpoint
                .delivered_through,
            0
        );
    }
}
