//! Durable "sent" markers: one record per mail the SMTP server accepted, written after it
//! accepted it (at-least-once: a crash between the two sends the mail again, none is lost).

use chrono::{DateTime, Utc};
use kirjuri_store::{AuditEvent, Store, StoreResult};
use serde::{Deserialize, Serialize};

/// The store kind of the markers.
pub const MAIL_SENT: &str = "mail_sent";

/// A mail that was sent: its key (what it was about), to whom (the user name) and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMarker {
    pub key: String,
    pub recipient: String,
    pub sent_at: DateTime<Utc>,
}

/// Whether the mail `key` was sent.
pub fn was_sent(store: &Store, key: &str) -> StoreResult<bool> {
    Ok(store.get::<SentMarker>(MAIL_SENT, key)?.is_some())
}

/// Records that the mail `key` to `recipient` was accepted by the server, audited as
/// `mail.sent` (the user name, never the address).
pub fn mark_sent(store: &Store, key: &str, recipient: &str, at: DateTime<Utc>) -> StoreResult<()> {
    let marker = SentMarker {
        key: key.to_owned(),
        recipient: recipient.to_owned(),
        sent_at: at,
    };
    store.transact(|tx| {
        tx.put(MAIL_SENT, key, &marker, &[])?;
        tx.audit(
            &AuditEvent::new(at, "reminders", "mail.sent")
                .target(MAIL_SENT, key)
                .detail(serde_json::json!({"recipient": recipient})),
        )?;
        Ok(())
    })
}

/// Every marker (for tests and the operator).
pub fn all_sent(store: &Store) -> StoreResult<Vec<SentMarker>> {
    store.list::<SentMarker>(MAIL_SENT)
}
