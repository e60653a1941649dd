//! The `[smtp]` block of the data folder's `config.toml`.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (RFC 3207), port 587 by default.
    #[default]
    Starttls,
    /// TLS from the first byte (RFC 8314 implicit TLS), port 465 by default.
    Tls,
    /// No encryption: only for a mail server on the same machine (loopback).
    None,
}

impl Security {
    /// The word of `config.toml` (`starttls`, `tls`, `none`).
    pub fn key(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }
}

/// The mail server reminders go through. Without an `[smtp]` block no reminder is mailed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    /// Default: 587 for starttls, 465 for tls, 25 for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default)]
    pub security: Security,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The name of the environment variable that holds the password: the password itself is
    /// never in the file, and never in a log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// The sender, e.g. `Kirjuri <kirjuri@laitila.fi>`.
    pub from: String,
    /// The hour (Europe/Helsinki, 0-23) of the daily digest; default 7.
    #[serde(default = "default_digest_hour")]
    pub digest_hour: u32,
}

fn default_digest_hour() -> u32 {
    7
}

/// Whether `host` is this machine (a name or an address on loopback).
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl SmtpConfig {
    /// The port used: the one set, else the security's standard port.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        })
    }

    /// Checks the settings; an error names the key (`smtp.<key>`) and never holds the password.
    pub fn check(&self) -> Result<(), String> {
        if self.host.trim().is_empty() {
            return Err("smtp.host: the mail server's name is empty".to_owned());
        }
        if self.security == Security::None && !is_loopback(&self.host) {
            return Err(format!(
                "smtp.security = \"none\" is allowed only for a loopback host (localhost, 127.0.0.1, ::1): \
                 `{}` needs \"starttls\" or \"tls\"",
                self.host.trim()
            ));
        }
        if self.digest_hour > 23 {
            return Err(format!("smtp.digest_hour: {} is not an hour 0-23", self.digest_hour));
        }
        if self.port == Some(0) {
            return Err("smtp.port: 0 is not a port".to_owned());
        }
        self.from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| format!("smtp.from: `{}` is not a mail address: {e}", self.from))?;
        if self.username.is_some() && self.password_env.is_none() {
            return Err(
                "smtp.password_env: a username needs the name of the environment variable holding its password"
                    .to_owned(),
            );
        }
        if self.password_env.is_some() && self.username.is_none() {
            return Err("smtp.username: password_env is set but no username".to_owned());
        }
        self.password()?;
        Ok(())
    }

    /// The password from the environment variable `password_env` names, if one is named.
    pub(crate) fn password(&self) -> Result<Option<String>, String> {
        let Some(variable) = &self.password_env else {
            return Ok(None);
        };
        match std::env::var(variable) {
            Ok(password) if !password.is_empty() => Ok(Some(password)),
            _ => Err(format!(
                "smtp.password_env: the environment variable `{variable}` is not set (it holds the SMTP password)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn config(text: &str) -> SmtpConfig {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn no_encryption_only_on_loopback() {
        let local =
            config("host = \"127.0.0.1\"\nport = 2525\nsecurity = \"none\"\nfrom = \"kirjuri@laitila.invalid\"");
        assert_eq!(local.check(), Ok(()));
        assert_eq!(local.digest_hour, 7, "the default hour");
        let remote = config("host = \"smtp.laitila.fi\"\nsecurity = \"none\"\nfrom = \"kirjuri@laitila.invalid\"");
        let error = remote.check().unwrap_err();
        assert!(
            error.starts_with("smtp.security") && error.contains("loopback"),
            "{error}"
        );
        let tls = config("host = \"smtp.laitila.fi\"\nsecurity = \"tls\"\nfrom = \"kirjuri@laitila.invalid\"");
        assert_eq!(tls.port(), 465);
        assert_eq!(config("host = \"smtp.laitila.fi\"\nfrom = \"a@b.fi\"").port(), 587);
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let hour = config("host = \"localhost\"\nfrom = \"a@b.fi\"\ndigest_hour = 24");
        assert!(hour.check().unwrap_err().starts_with("smtp.digest_hour"));
        let from = config("host = \"localhost\"\nfrom = \"not an address\"");
        assert!(from.check().unwrap_err().starts_with("smtp.from"));
        let missing = config(
            "host = \"localhost\"\nfrom = \"a@b.fi\"\nusername = \"kirjuri\"\npassword_env = \"KIRJURI_TEST_UNSET_SMTP_PASSWORD\"",
        );
        let error = missing.check().unwrap_err();
        assert!(error.starts_with("smtp.password_env") && error.contains("KIRJURI_TEST_UNSET_SMTP_PASSWORD"));
        assert!(toml::from_str::<SmtpConfig>("host = \"x\"\nfrom = \"a@b.fi\"\nsecurity = \"ssl\"").is_err());
    }
}
