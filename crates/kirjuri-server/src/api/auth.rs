//! Bearer tokens: sign-in with a password, the signed-in user, sign-out everywhere.

use axum::extract::State;
use serde::Deserialize;

use crate::api::admin::{RoleKey, TokensRevokedAnswer};
use crate::api::{ApiResult, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::Json;
use crate::throttle::{SignInVia, SourceAddress, authenticate_throttled};
use crate::users::create_token;
use crate::{AppState, users};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    name: String,
    password: String,
}

/// A new bearer token.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Token {
    token: String,
    /// Always `Bearer`.
    #[schema(pattern = "^Bearer$")]
    token_type: &'static str,
}

/// The signed-in user.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Me {
    name: String,
    role: RoleKey,
}

/// Exchanges a user name and password for a bearer token.
///
/// Failed sign-ins are counted per user name and per source address: after 5 failures of a
/// name (20 from an address) within 15 minutes both are refused with 429 and `Retry-After`,
/// even with the right password, for a minute that doubles with every further lockout (at
/// most an hour). Every failure leaves a `session.sign_in_failed` audit entry. When the service
/// signs people in through the organisation's OpenID provider with
/// `local_sign_in = "break-glass-only"`, only the break-glass accounts get a token here (401
/// for everyone else); tokens made by an administrator (`kirjuri token create`) are unchanged.
#[utoipa::path(post, path = "/tokens", tag = "auth", request_body = SignIn, responses(
    (status = 200, description = "A new bearer token, shown once", body = Token),
    (status = 429, description = "Too many failed sign-ins for this user name or address (`too_many_attempts`); \
        try again after `Retry-After` seconds", body = crate::error::Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds until a sign-in may be tried again")))
))]
pub async fn issue_token(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(sign_in): Json<SignIn>,
) -> ApiResult<Json<Token>> {
    if !crate::ui::local_sign_in_allowed(&state, &sign_in.name) {
        // With `local_sign_in = "break-glass-only"` only the break-glass accounts get a token
        // for a password; refused before any password check, logged and not audited.
        tracing::warn!(
            via = "api",
            "local sign-in refused: only break-glass accounts sign in with a password"
        );
        return Err(ApiError::Unauthorized);
    }
    let user = authenticate_throttled(&state, sign_in.name, sign_in.password, address, SignInVia::Api)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let store = state.store.clone();
    let token =
        tokio::task::spawn_blocking(move || -> ApiResult<String> { Ok(create_token(&store, &user.name, &user.name)?) })
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(Token {
        token,
        token_type: "Bearer",
    }))
}

#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, description = "The signed-in user", body = Me)))]
pub async fn me(principal: Principal) -> Json<Me> {
    Json(Me {
        name: principal.name,
        role: principal.role.into(),
    })
}

/// Revokes every token of the caller (sign-out everywhere for API clients).
#[utoipa::path(post, path = "/tokens/revoke", tag = "auth",
    responses((status = 200, description = "How many tokens were revoked", body = TokensRevokedAnswer)))]
pub async fn revoke_own_tokens(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<TokensRevokedAnswer>> {
    let name = principal.name.clone();
    blocking(&state, move |registry| {
        let revoked = users::revoke_tokens(registry.store, &name, &name)?;
        Ok(Json(TokensRevokedAnswer { user: name, revoked }))
    })
    .await
}
