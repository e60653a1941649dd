//! Who is asking: the bearer token of a request, resolved to a user and role before any
//! handler runs. Principals come only from the credentials, never from request parameters.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::AppState;
use crate::error::ApiError;
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

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::Unauthorized)?;
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorized)?
            .to_owned();
        let store = state.store.clone();
        let user = tokio::task::spawn_blocking(move || user_for_token(&store, &token))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??
            .ok_or(ApiError::Unauthorized)?;
        let purpose = parts
            .headers
            .get("x-purpose")
            .and_then(|v| v.to_str().ok())
            .map(|p| p.trim().chars().take(500).collect::<String>())
            .filter(|p| !p.is_empty());
        Ok(Principal {
            name: user.name,
            role: user.role,
            purpose,
        })
    }
}
