//! The connection to the mail server (`lettre`'s SMTP transport with rustls).

use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::config::{Security, SmtpConfig};

/// A mail ready to send: plain text in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// Where mails go: the SMTP server ([`Mailer`]); `Ok` only once the server accepted the mail.
pub trait Outbox {
    fn send(&self, mail: &Mail) -> Result<(), String>;
}

/// The SMTP server of the `[smtp]` settings.
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl Mailer {
    /// Connects nothing yet: builds the transport of checked settings (the password read from
    /// its environment variable now). Errors name the key, never the password.
    pub fn new(config: &SmtpConfig) -> Result<Mailer, String> {
        config.check()?;
        let from = config.from.parse::<Mailbox>().map_err(|e| format!("smtp.from: {e}"))?;
        let host = config.host.trim();
        let builder = match config.security {
            Security::Starttls => SmtpTransport::starttls_relay(host).map_err(|e| format!("smtp.host: {e}"))?,
            Security::Tls => SmtpTransport::relay(host).map_err(|e| format!("smtp.host: {e}"))?,
            Security::None => SmtpTransport::builder_dangerous(host),
        };
        let mut builder = builder.port(config.port()).timeout(Some(Duration::from_secs(30)));
        if let (Some(username), Some(password)) = (&config.username, config.password()?) {
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }
}

impl Outbox for Mailer {
    fn send(&self, mail: &Mail) -> Result<(), String> {
        let to = mail
            .to
            .parse::<Mailbox>()
            .map_err(|e| format!("recipient address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .map_err(|e| format!("cannot build the mail: {e}"))?;
        // lettre's errors name the server's reply, never the credentials.
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}
