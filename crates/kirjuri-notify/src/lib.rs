//! Reminder mail: composing and sending the immediate breach-clock mails and the daily digest
//! over SMTP, and remembering durably what was sent.
//!
//! This crate owns: the `[smtp]` settings and the connection to the mail server (`lettre`,
//! never hand-written SMTP), the mail texts in the recipient's language, the breach-clock
//! thresholds (GDPR Art 33(1): 72 hours; mails when the clock starts and when 48 h and 12 h are
//! left) and the "sent" markers in the store.
//!
//! It must never: decide what is due for a person (that is `kirjuri-agenda`, the single place
//! that decides it; the digest only formats its buckets); put a secret title or personal data
//! beyond the public title of a case in a mail (only public titles, diary numbers and links);
//! write the SMTP password anywhere (it is read from the environment variable the settings
//! name, and no error or log line holds it).
//!
//! Delivery is at-least-once: the marker of a mail is written after the SMTP server accepted
//! it, so a crash between the two sends that mail again after a restart, and no mail is lost.

pub mod breach;
pub mod catalogue;
pub mod config;
pub mod digest;
pub mod mailer;
pub mod sent;

pub use breach::{BreachAlert, Threshold, breach_alerts, send_breach_alerts, threshold_reached};
pub use config::{Security, SmtpConfig};
pub use digest::{DigestOutcome, digest_day, digest_mail, send_digest};
pub use mailer::{Mail, Mailer, Outbox};

use kirjuri_words::Lang;

/// A person reminders may go to: a user of the service with their mail address and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The user name (markers and the audit trail name the user, never the address).
    pub name: String,
    pub email: Option<String>,
    pub language: Lang,
    /// A privacy officer (tietosuojavastaava) gets every breach-clock mail.
    pub privacy_officer: bool,
}

/// What one round of sending did: mails accepted by the server and mails that failed (tried
/// again at the next round).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

impl Round {
    pub fn add(&mut self, other: Round) {
        self.sent += other.sent;
        self.failed += other.failed;
    }
}

/// A link into the service: `public_url` (the `[service] public_url` setting) and a path.
pub fn link(public_url: &str, path: &str) -> String {
    format!("{}{}", public_url.trim_end_matches('/'), path)
}
