//! The `[oidc]` section of the data folder's `config.toml`: the provider, Kirjuri's client
//! registration, whether local passwords still sign in, and the mappings from the provider's
//! groups or app roles to a Kirjuri role and departments.
//!
//! Mappings go from the most to the least privileged: when several match, the first one in the
//! file gives the role, and the departments are the union of every matching mapping's.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::users::Role;

/// The client secret: never printed, logged or serialised.
#[derive(Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Secret(…)")
    }
}

/// Who may still sign in with a local password when OpenID Connect is configured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocalSignIn {
    /// Every local account (the default: switch it off once the provider works).
    #[default]
    All,
    /// Only the accounts named in `break_glass`.
    BreakGlassOnly,
}

/// One mapping: a group object id or an app-role value of the provider to a Kirjuri role and
/// departments. Exactly one of `group` and `app_role` is given.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// A group object id in the `groups` claim (Entra: the group's Object ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// An app-role value in the `roles` claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_role: Option<String>,
    /// The Kirjuri role: staff, registrar, archivist, privacy-officer, auditor or admin.
    pub role: Role,
    #[serde(default)]
    pub departments: Vec<String>,
}

/// The `[oidc]` settings as written in `config.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// The issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`
    /// (Entra: `https://login.microsoftonline.com/<tenant id>/v2.0`).
    pub issuer: String,
    /// The application (client) id registered at the provider.
    pub client_id: String,
    /// The client secret itself (prefer `client_secret_file` or `client_secret_env`).
    #[serde(default, skip_serializing)]
    pub client_secret: Option<Secret>,
    /// A file that holds the client secret (trailing white space is ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_file: Option<PathBuf>,
    /// The name of an environment variable that holds the client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_env: Option<String>,
    /// Where the provider sends the browser back: `https://<Kirjuri's address>/oidc/callback`.
    pub redirect_url: String,
    /// Scopes asked for besides `openid`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Sign-out also ends the provider's session (RP-initiated logout).
    #[serde(default)]
    pub end_session: bool,
    /// Where the provider sends the browser after its sign-out (registered at the provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_logout_redirect_url: Option<String>,
    #[serde(default)]
    pub local_sign_in: LocalSignIn,
    /// Local accounts that keep password sign-in under `local_sign_in = "break-glass-only"`.
    #[serde(default)]
    pub break_glass: Vec<String>,
    /// Groups or app roles → role and departments, from the most to the least privileged.
    #[serde(default)]
    pub mappings: Vec<Mapping>,
}

fn default_scopes() -> Vec<String> {
    vec!["profile".to_owned(), "email".to_owned()]
}

/// The settings checked and the client secret read: what the service runs with.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub redirect_url: String,
    pub scopes: Vec<String>,
    pub end_session: bool,
    pub post_logout_redirect_url: Option<String>,
    pub local_sign_in: LocalSignIn,
    pub break_glass: Vec<String>,
    pub mappings: Vec<Mapping>,
}

/// The path the provider sends the browser back to.
pub const CALLBACK_PATH: &str = "/oidc/callback";

impl OidcConfig {
    /// Checks the settings and reads the client secret from where it is kept. Errors name the
    /// key, never the secret.
    pub fn settings(&self) -> Result<OidcSettings, String> {
        let sources = [
            self.client_secret.is_some(),
            self.client_secret_file.is_some(),
            self.client_secret_env.is_some(),
        ];
        if sources.iter().filter(|given| **given).count() > 1 {
            return Err("oidc: give only one of client_secret, client_secret_file and client_secret_env".to_owned());
        }
        let client_secret = if let Some(secret) = &self.client_secret {
            Some(secret.clone())
        } else if let Some(path) = &self.client_secret_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("oidc.client_secret_file {}: {e}", path.display()))?;
            Some(Secret::new(text.trim_end()))
        } else if let Some(variable) = &self.client_secret_env {
            let text = std::env::var(variable)
                .map_err(|_| format!("oidc.client_secret_env: the environment variable {variable} is not set"))?;
            Some(Secret::new(text.trim_end()))
        } else {
            // A confidential web client (Entra's "Web" platform) authenticates with a secret:
            // without one every sign-in would fail at the code exchange, so say so at start.
            return Err(
                "oidc: give the client secret: one of client_secret_file, client_secret_env or client_secret"
                    .to_owned(),
            );
        };
        if client_secret.as_ref().is_some_and(|s| s.expose().is_empty()) {
            return Err("oidc: the client secret is empty".to_owned());
        }
        for (key, url) in [("issuer", &self.issuer), ("redirect_url", &self.redirect_url)] {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("oidc.{key}: `{url}` is not an http(s) URL"));
            }
        }
        if !self.redirect_url.ends_with(CALLBACK_PATH) {
            return Err(format!(
                "oidc.redirect_url: `{}` must end with {CALLBACK_PATH}",
                self.redirect_url
            ));
        }
        if self.client_id.trim().is_empty() {
            return Err("oidc.client_id is empty".to_owned());
        }
        for (index, mapping) in self.mappings.iter().enumerate() {
            if mapping.group.is_some() == mapping.app_role.is_some() {
                return Err(format!(
                    "oidc.mappings[{index}]: give exactly one of `group` and `app_role`"
                ));
            }
        }
        if self.local_sign_in == LocalSignIn::BreakGlassOnly && self.break_glass.is_empty() {
            tracing::warn!("oidc: local_sign_in is break-glass-only and no break_glass account is named");
        }
        Ok(OidcSettings {
            issuer: self.issuer.clone(),
            client_id: self.client_id.clone(),
            client_secret,
            redirect_url: self.redirect_url.clone(),
            scopes: self.scopes.clone(),
            end_session: self.end_session,
            post_logout_redirect_url: self.post_logout_redirect_url.clone(),
            local_sign_in: self.local_sign_in,
            break_glass: self.break_glass.clone(),
            mappings: self.mappings.clone(),
        })
    }
}

/// What the mappings grant for a set of claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub role: Role,
    pub departments: Vec<String>,
}

impl OidcSettings {
    /// Whether a local account may sign in with its password.
    pub fn local_sign_in_allowed(&self, name: &str) -> bool {
        match self.local_sign_in {
            LocalSignIn::All => true,
            LocalSignIn::BreakGlassOnly => self.break_glass.iter().any(|allowed| allowed == name.trim()),
        }
    }

    /// The role of the first matching mapping and the departments of all matching ones, in
    /// the order of the file; `None` when no mapping matches.
    pub fn access_for(&self, groups: &[String], app_roles: &[String]) -> Option<Access> {
        let matching: Vec<&Mapping> = self
            .mappings
            .iter()
            .filter(|mapping| {
                mapping.group.as_ref().is_some_and(|group| groups.contains(group))
                    || mapping.app_role.as_ref().is_some_and(|role| app_roles.contains(role))
            })
            .collect();
        let first = matching.first()?;
        let mut departments: Vec<String> = Vec::new();
        for department in matching.iter().flat_map(|mapping| &mapping.departments) {
            if !departments.contains(department) {
                departments.push(department.clone());
            }
        }
        Some(Access {
            role: first.role,
            departments,
        })
    }

    /// Whether any mapping is by app role (the groups-overage case can then still be decided).
    pub fn maps_app_roles(&self) -> bool {
        self.mappings.iter().any(|mapping| mapping.app_role.is_some())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use super::*;

    fn config(text: &str) -> OidcConfig {
        toml::from_str(text).unwrap()
    }

    const BASE: &str = r#"
issuer = "https://login.example.test/tenant/v2.0"
client_id = "kirjuri"
client_secret = "not-a-real-secret"
redirect_url = "https://kirjuri.example.test/oidc/callback"
local_sign_in = "break-glass-only"
break_glass = ["admin"]

[[mappings]]
group = "g-archive"
role = "archivist"
departments = ["keskushallinto"]

[[mappings]]
app_role = "Kirjuri.Registrar"
role = "registrar"
departments = ["sivistystoimi", "keskushallinto"]

[[mappings]]
group = "g-staff"
role = "staff"
departments = ["tekninen"]
"#;

    #[test]
    fn the_first_matching_mapping_gives_the_role_and_all_matching_ones_the_departments() {
        let settings = config(BASE).settings().unwrap();
        let groups = vec!["g-staff".to_owned(), "g-archive".to_owned()];
        let roles = vec!["Kirjuri.Registrar".to_owned()];
        let access = settings.access_for(&groups, &roles).unwrap();
        assert_eq!(access.role, Role::Archivist);
        assert_eq!(access.departments, ["keskushallinto", "sivistystoimi", "tekninen"]);
        let access = settings.access_for(&["g-staff".to_owned()], &[]).unwrap();
        assert_eq!(access.role, Role::Staff);
        assert_eq!(settings.access_for(&["other".to_owned()], &[]), None);
        assert_eq!(settings.access_for(&[], &[]), None);
    }

    #[test]
    fn break_glass_only_keeps_only_the_named_local_accounts() {
        let settings = config(BASE).settings().unwrap();
        assert!(settings.local_sign_in_allowed("admin"));
        assert!(!settings.local_sign_in_allowed("kirjaaja"));
        let all = config(&BASE.replace("\"break-glass-only\"", "\"all\""))
            .settings()
            .unwrap();
        assert!(all.local_sign_in_allowed("kirjaaja"));
    }

    #[test]
    fn the_secret_is_never_printed_and_settings_errors_name_the_key() {
        let settings = config(BASE).settings().unwrap();
        assert!(!format!("{settings:?}").contains("not-a-real-secret"));
        let two_sources = BASE.replace(
            "client_secret = \"not-a-real-secret\"",
            "client_secret = \"x\"\nclient_secret_env = \"X\"",
        );
        assert!(config(&two_sources).settings().unwrap_err().contains("only one"));
        // No secret at all stops the start instead of failing every sign-in later.
        let no_secret = BASE.replace("client_secret = \"not-a-real-secret\"", "");
        assert!(
            config(&no_secret)
                .settings()
                .unwrap_err()
                .contains("client_secret_file")
        );
        let bad_redirect = BASE.replace("/oidc/callback", "/elsewhere");
        assert!(config(&bad_redirect).settings().unwrap_err().contains("redirect_url"));
        let both = BASE.replace("group = \"g-staff\"", "group = \"g-staff\"\napp_role = \"x\"");
        assert!(config(&both).settings().unwrap_err().contains("mappings[2]"));
    }
}
