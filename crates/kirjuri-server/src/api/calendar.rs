//! The calendar feed over HTTP: the signed-in user makes or replaces (`POST /me/calendar-feed`)
//! and revokes (`DELETE /me/calendar-feed`) the secret address of their feed; the feed itself
//! (`GET /calendar/<secret>.ics`) needs no session, since a calendar program cannot sign in.
//! The rules live in `crate::calendar` and `kirjuri_agenda`; these handlers only call them.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiResult, blocking, helsinki_today};
use crate::AppState;
use crate::auth::Principal;
use crate::calendar;
use crate::error::ApiError;

/// The feed's address, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarFeedAnswer {
    /// `<public_url>/calendar/<secret>.ics`: subscribe to it in a calendar program.
    pub url: String,
}

/// Makes (or replaces) the caller's calendar-feed secret and answers its address once: the
/// service keeps only its SHA-256 digest. The old address stops working.
#[utoipa::path(post, path = "/me/calendar-feed", tag = "auth",
    responses(
        (status = 201, description = "The feed's address, shown once", body = CalendarFeedAnswer),
        (status = 401, description = "Not signed in"),
    ))]
pub async fn create_calendar_feed(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<CalendarFeedAnswer>)> {
    let lang = crate::ui::lang_from_headers(&headers);
    let name = principal.name.clone();
    let secret = blocking(&state, move |registry| {
        Ok(calendar::create_feed(registry.store, &name, lang, &name)?)
    })
    .await?;
    let url = calendar::feed_url(&state.public_url, &secret);
    Ok((StatusCode::CREATED, Json(CalendarFeedAnswer { url })))
}

/// Revokes the caller's calendar feed: its address answers 404 from now on.
#[utoipa::path(delete, path = "/me/calendar-feed", tag = "auth",
    responses(
        (status = 204, description = "Revoked (or there was none)"),
        (status = 401, description = "Not signed in"),
    ))]
pub async fn revoke_calendar_feed(State(state): State<AppState>, principal: Principal) -> ApiResult<StatusCode> {
    let name = principal.name.clone();
    blocking(&state, move |registry| {
        Ok(calendar::revoke_feed(registry.store, &name, &name)?)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The feed: the owner's agenda as of today, with their current role and rights, as
/// `text/calendar`. An unknown or revoked secret, and a disabled user, all answer 404.
pub async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> ApiResult<Response> {
    let not_found = || ApiError::NotFound("calendar feed".to_owned());
    let secret = calendar::secret_of_file(&file).ok_or_else(not_found)?.to_owned();
    let public_url = state.public_url.clone();
    let body = blocking(&state, move |registry| {
        let Some((user, lang)) = calendar::feed_owner(registry.store, &secret)? else {
            return Err(not_found());
        };
        let items = calendar::agenda_of(registry, &user, helsinki_today())?;
        Ok(calendar::ics(&items, lang, &public_url, chrono::Utc::now()))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response())
}
