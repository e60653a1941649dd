//! Browser sessions: a random 256-bit session id in an `HttpOnly`, `SameSite=Strict`,
//! `Secure` cookie, of which only the SHA-256 is stored, with an expiry and a per-session CSRF
//! token. Forms carry the CSRF token in a hidden field; API calls made with the cookie carry it
//! in the `X-CSRF-Token` header. Nothing here logs a session id or a CSRF token.

use chrono::{DateTime, Duration, Utc};
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreResult, sha256_hex};
use serde::{Deserialize, Serialize};

use crate::users::{USER, User, random_secret};

/// The session cookie's name.
pub const COOKIE: &str = "kirjuri_session";
/// The CSRF header for API calls made with the session cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Record kind of sessions in the store.
pub const SESSION: &str = "session";
/// A session lasts a working day.
pub const LIFETIME_HOURS: i64 = 10;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    pub user: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub csrf: String,
}

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

/// Starts a session for a user who has just proved their password; returns the cookie value.
pub fn start(store: &Store, user: &User) -> StoreResult<String> {
    let id = random_secret(43);
    let now = Utc::now();
    let session = StoredSession {
        user: user.name.clone(),
        created_at: now,
        expires_at: now + Duration::hours(LIFETIME_HOURS),
        csrf: random_secret(32),
    };
    let digest = sha256_hex(id.as_bytes());
    // The user's expired sessions go with the new one, so sessions do not pile up.
    let previous = store.scan_index("user", &user.name, SESSION)?;
    store.transact(|tx| {
        for old in &previous {
            if tx
                .get::<StoredSession>(SESSION, old)?
                .is_some_and(|s| s.expires_at <= now)
            {
                tx.delete(SESSION, old)?;
            }
        }
        tx.put(SESSION, &digest, &session, &[IndexKey::new("user", &user.name)])?;
        tx.audit(&AuditEvent::new(now, &user.name, "session.start").target(USER, &user.name))
    })?;
    Ok(id)
}

/// The live session for a cookie value, if any.
pub fn find(store: &Store, id: &str) -> StoreResult<Option<Session>> {
    let Some(stored) = store.get::<StoredSession>(SESSION, &sha256_hex(id.as_bytes()))? else {
        return Ok(None);
    };
    if stored.expires_at <= Utc::now() {
        return Ok(None);
    }
    let user = store.get::<User>(USER, &stored.user)?.filter(|u| !u.disabled);
    Ok(user.map(|user| Session {
        user,
        csrf: stored.csrf,
    }))
}

/// Ends a session (sign-out).
pub fn end(store: &Store, id: &str) -> StoreResult<()> {
    let digest = sha256_hex(id.as_bytes());
    let Some(stored) = store.get::<StoredSession>(SESSION, &digest)? else {
        return Ok(());
    };
    store.transact(|tx| {
        tx.delete(SESSION, &digest)?;
        tx.audit(&AuditEvent::new(Utc::now(), &stored.user, "session.end").target(USER, &stored.user))?;
        Ok(())
    })
}

/// Compares a presented CSRF token with the session's, in constant time.
pub fn csrf_matches(session: &Session, presented: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    bool::from(session.csrf.as_bytes().ct_eq(presented.as_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use super::*;
    use crate::users::{Role, add_user};

    #[test]
    fn sessions_expire_and_expired_ones_are_swept_at_the_next_sign_in() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        add_user(&store, "liisa", Role::Registrar, "a long test password", "test").unwrap();
        let user = store.get::<User>(USER, "liisa").unwrap().unwrap();
        let first = start(&store, &user).unwrap();
        assert!(find(&store, &first).unwrap().is_some());
        // Age the first session past its expiry.
        let digest = sha256_hex(first.as_bytes());
        let mut stored = store.get::<StoredSession>(SESSION, &digest).unwrap().unwrap();
        stored.expires_at = Utc::now() - Duration::minutes(1);
        store
            .transact(|tx| tx.put(SESSION, &digest, &stored, &[IndexKey::new("user", "liisa")]))
            .unwrap();
        assert!(
            find(&store, &first).unwrap().is_none(),
            "an expired session signs nobody in"
        );
        let second = start(&store, &user).unwrap();
        assert!(store.get::<StoredSession>(SESSION, &digest).unwrap().is_none(), "swept");
        assert!(find(&store, &second).unwrap().is_some());
        end(&store, &second).unwrap();
        assert!(find(&store, &second).unwrap().is_none());
    }
}
