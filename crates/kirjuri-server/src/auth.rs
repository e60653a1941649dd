//! Who is asking: the bearer token or the browser session of a request, resolved to a user and
//! role before any handler runs. Principals come only from the credentials, never from request
//! parameters. A request authenticated by the session cookie that changes anything must carry
//! the session's CSRF token in `X-CSRF-Token`.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use crate::AppState;
use crate::error::ApiError;
use crate::session::{self, COOKIE, CSRF_HEADER, Session};
use crate::users::{Permission, Role, allows, user_for_token};

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    /// Purpose of use (käyttötarkoitus) from the `X-Purpose` header, recorded with audited reads.
    pub purpose: Option<String>,
}

impl Principal {
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if allows(self.role, permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn may(&self, permission: Permission) -> bool {
        allows(self.role, permission)
    }
}

/// The browser session of a request, if its cookie names a live one.
pub async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<Session>, ApiError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(id) = jar.get(COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    let store = state.store.clone();
    Ok(tokio::task::spawn_blocking(move || session::find(&store, &id))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??)
}

fn purpose_of(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get("x-purpose")
        .and_then(|v| v.to_str().ok())
        .map(|p| p.trim().chars().take(500).collect::<String>())
        .filter(|p| !p.is_empty())
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let purpose = purpose_of(parts);
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let token = header
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(ApiError::Unauthorized)?
                .to_owned();
            let store = state.store.clone();
            let user = tokio::task::spawn_blocking(move || user_for_token(&store, &token))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))??
                .ok_or(ApiError::Unauthorized)?;
            return Ok(Principal {
                name: user.name,
                role: user.role,
                purpose,
            });
        }
        let session = session_of(parts, state).await?.ok_or(ApiError::Unauthorized)?;
        if !parts.method.is_safe() {
            let presented = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !session::csrf_matches(&session, presented) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Principal {
            name: session.user.name,
            role: session.user.role,
            purpose,
        })
    }
}
