//! The Kirjuri user of a person the provider signed in: created at the first sign-in, its role
//! and departments brought in line with the groups claim at every sign-in, and its access taken
//! away when no mapped group is left — its sessions end and its API tokens are revoked, in the
//! same transaction. Every sign-in, refusal and change of rights leaves an audit entry
//! (`session.oidc_sign_in`, `session.oidc_refused`, `user.oidc_create`, `user.rights_change`).
//!
//! The user is found by the provider's issuer and subject (`sub`), never by name or e-mail:
//! a renamed person stays the same user, and a local account with the same name is never
//! taken over.

use chrono::Utc;
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreResult, reject, sha256_hex};

use super::config::OidcSettings;
use super::{Identity, Refusal};
use crate::session::{SESSION, StoredSession};
use crate::users::{SignInMethod, StoredToken, TOKEN, USER, User, valid_user_name};

/// The index of OIDC users by issuer and subject.
const SUBJECT_INDEX: &str = "oidc_subject";

/// What a sign-in through the provider ended in.
#[derive(Debug)]
pub enum Outcome {
    /// Signed in with the user's current rights.
    SignedIn(User),
    /// Refused: no mapped group (or groups overage without a mapped app role); the user's
    /// earlier access, if any, is gone.
    Refused(Refusal),
}

fn subject_key(issuer: &str, subject: &str) -> String {
    sha256_hex(format!("{issuer}\n{subject}").as_bytes())
}

/// A user name for a new OIDC user: the preferred name when it is a valid one and free,
/// else it with a short suffix from the subject, else `oidc-<suffix>`.
fn new_user_name(store: &Store, identity: &Identity, key: &str) -> StoreResult<String> {
    let suffix = &key[..8];
    let preferred = identity
        .preferred_name
        .as_deref()
        .map(str::trim)
        .filter(|name| valid_user_name(name) && name.len() <= 55);
    if let Some(name) = preferred {
        // Free ignoring case: access lists name users without regard to case.
        if crate::users::find_user_ignoring_case(store, name)?.is_none() {
            return Ok(name.to_owned());
        }
        return Ok(format!("{name}-{suffix}"));
    }
    Ok(format!("oidc-{suffix}"))
}

/// Signs in the person the provider vouched for, under the settings' mappings.
pub fn sign_in(store: &Store, settings: &OidcSettings, identity: &Identity, address: &str) -> StoreResult<Outcome> {
    let key = subject_key(&identity.issuer, &identity.subject);
    let existing = store.scan_index(SUBJECT_INDEX, &key, USER)?;
    let existing_name = existing.first().cloned();
    let mut access = settings.access_for(&identity.groups, &identity.app_roles);
    let mut refusal = Refusal {
        reason: "no_mapped_group",
    };
    if identity.groups_overage {
        // The groups did not fit in the token; without them a group mapping cannot be judged.
        // App roles still decide; group mappings are not guessed (see deploy/OPERATIONS.md).
        access = settings.access_for(&[], &identity.app_roles);
        refusal = Refusal {
            reason: "groups_overage",
        };
    }
    let name = match &existing_name {
        Some(name) => name.clone(),
        None => new_user_name(store, identity, &key)?,
    };
    let sessions = store.scan_index("user", &name, SESSION)?;
    let tokens = store.scan_index("user", &name, TOKEN)?;
    let now = Utc::now();
    store.transact(|tx| {
        let stored = match &existing_name {
            Some(name) => tx.get::<User>(USER, name)?,
            None => None,
        };
        if existing_name.is_none() && tx.get::<User>(USER, &name)?.is_some() {
            return reject("user_exists", format!("user `{name}` already exists"));
        }
        let refused_event = |user: Option<&str>| {
            AuditEvent::new(now, user.unwrap_or("anonymous"), "session.oidc_refused")
                .target(USER, user.unwrap_or("-"))
                .detail(serde_json::json!({
                    "reason": refusal.reason,
                    "address": address,
                    "groups_overage": identity.groups_overage,
                }))
        };
        let Some(access) = &access else {
            // No access. A user that had some loses it now: disabled, sessions ended, tokens
            // revoked.
            if let Some(mut user) = stored {
                if !user.disabled {
                    let before = serde_json::json!({"role": user.role.key(), "departments": user.departments});
                    user.disabled = true;
                    tx.put(USER, &user.name, &user, &user_index(&user, &key))?;
                    let mut ended = 0;
                    for session in &sessions {
                        if tx.get::<StoredSession>(SESSION, session)?.is_some() {
                            tx.delete(SESSION, session)?;
                            ended += 1;
                        }
                    }
                    let mut revoked = 0;
                    for digest in &tokens {
                        if let Some(mut token) = tx.get::<StoredToken>(TOKEN, digest)?
                            && token.revoked_at.is_none()
                        {
                            token.revoked_at = Some(now);
                            tx.put(TOKEN, digest, &token, &[IndexKey::new("user", &user.name)])?;
                            revoked += 1;
                        }
                    }
                    tx.audit(
                        &AuditEvent::new(now, "oidc", "user.rights_change")
                            .target(USER, &user.name)
                            .detail(serde_json::json!({
                                "before": before,
                                "after": "no access",
                                "reason": refusal.reason,
                                "sessions_ended": ended,
                                "tokens_revoked": revoked,
                            })),
                    )?;
                }
                tx.audit(&refused_event(Some(&user.name)))?;
            } else {
                tx.audit(&refused_event(None))?;
            }
            return Ok(Outcome::Refused(refusal));
        };
        let user = match stored {
            None => {
                let user = User {
                    name: name.clone(),
                    role: access.role,
                    password_hash: String::new(),
                    created_at: now,
                    disabled: false,
                    departments: access.departments.clone(),
                    sign_in: SignInMethod::Oidc {
                        issuer: identity.issuer.clone(),
                        subject: identity.subject.clone(),
                    },
                    email: identity
                        .email
                        .as_deref()
                        .and_then(|e| crate::users::checked_email(e).ok()),
                    language: crate::users::Lang::Fi,
                };
                tx.put(USER, &name, &user, &user_index(&user, &key))?;
                tx.audit(
                    &AuditEvent::new(now, "oidc", "user.oidc_create")
                        .target(USER, &name)
                        .detail(serde_json::json!({
                            "issuer": identity.issuer,
                            "role": user.role.key(),
                            "departments": user.departments,
                        })),
                )?;
                user
            }
            Some(mut user) => {
                // The provider's address fills an empty one (an address set by the admin stays).
                if user.email.is_none()
                    && let Some(email) = identity
                        .email
                        .as_deref()
                        .and_then(|e| crate::users::checked_email(e).ok())
                {
                    user.email = Some(email);
                    tx.put(USER, &user.name, &user, &user_index(&user, &key))?;
                    tx.audit(
                        &AuditEvent::new(now, "oidc", "user.contact")
                            .target(USER, &user.name)
                            .detail(serde_json::json!({"after": {"email": user.email}})),
                    )?;
                }
                let changed = user.disabled || user.role != access.role || user.departments != access.departments;
                if changed {
                    let before = if user.disabled {
                        serde_json::json!("no access")
                    } else {
                        serde_json::json!({"role": user.role.key(), "departments": user.departments})
                    };
                    user.disabled = false;
                    user.role = access.role;
                    user.departments = access.departments.clone();
                    tx.put(USER, &user.name, &user, &user_index(&user, &key))?;
                    tx.audit(
                        &AuditEvent::new(now, "oidc", "user.rights_change")
                            .target(USER, &user.name)
                            .detail(serde_json::json!({
                                "before": before,
                                "after": {"role": user.role.key(), "departments": user.departments},
                            })),
                    )?;
                }
                user
            }
        };
        tx.audit(
            &AuditEvent::new(now, &user.name, "session.oidc_sign_in")
                .target(USER, &user.name)
                .detail(serde_json::json!({
                    "address": address,
                    "role": user.role.key(),
                    "departments": user.departments,
                })),
        )?;
        Ok(Outcome::SignedIn(user))
    })
}

fn user_index(user: &User, key: &str) -> [IndexKey; 2] {
    [
        IndexKey::new("role", user.role.key()),
        IndexKey::new(SUBJECT_INDEX, key),
    ]
}

/// Audits a refusal that came before any person was known (a bad state, a token that failed
/// its checks): the reason code and the address, nothing of the request.
pub fn audit_refusal(store: &Store, refusal: Refusal, address: &str) -> StoreResult<()> {
    let event = AuditEvent::new(Utc::now(), "anonymous", "session.oidc_refused").detail(serde_json::json!({
        "reason": refusal.reason,
        "address": address,
    }));
    store.audit(&event).map(|_| ())
}
