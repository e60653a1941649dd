//! The sign-in page (`/login`), sign-in through the organisation's OpenID provider
//! (`/login/oidc`, and its callback `/oidc/callback`), signing out (`/logout`) and the language
//! switch (`/lang/{lang}`): the pages a browser reaches without a session, and the session
//! cookie.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Html;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::{LANG_COOKIE, Lang, UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, blocking};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::oidc::accounts::{self, Outcome};
use crate::oidc::{CallbackQuery, FLOW_COOKIE, LocalSignIn, Refusal};
use crate::session::{self, COOKIE};
use crate::throttle::{SignInVia, SourceAddress, authenticate_throttled};
use crate::users::SignInMethod;

pub(super) async fn login_page(State(state): State<AppState>, headers: HeaderMap) -> Markup {
    login_form(&state, super::lang_from_headers(&headers), None)
}

/// How the sign-in page offers local passwords.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LocalForm {
    /// No OpenID provider: the password form is the way in.
    Only,
    /// Beside the city account.
    Also,
    /// Only for the break-glass accounts.
    BreakGlass,
}

fn local_form(state: &AppState) -> LocalForm {
    match &state.oidc {
        None => LocalForm::Only,
        Some(oidc) if oidc.settings.local_sign_in == LocalSignIn::BreakGlassOnly => LocalForm::BreakGlass,
        Some(_) => LocalForm::Also,
    }
}

fn login_form(state: &AppState, lang: Lang, error: Option<&str>) -> Markup {
    let local = local_form(state);
    page(
        lang,
        None,
        lang.t(m::SIGN_IN),
        html! {
            @if let Some(error) = error { p.error { (error) } }
            @if local != LocalForm::Only {
                p { a.button href="/login/oidc" { (lang.t(m::SIGN_IN_WITH_THE_CITY_ACCOUNT)) } }
                h2 { (match local {
                    LocalForm::BreakGlass => lang.t(m::LOCAL_ACCOUNT_EMERGENCY_USE_ONLY),
                    _ => lang.t(m::LOCAL_ACCOUNT),
                }) }
            }
            form method="post" action="/login" {
                label { (lang.t(m::USER_NAME)) br; input name="name" autocomplete="username" required; }
                label { (lang.t(m::PASSWORD)) br; input name="password" type="password" autocomplete="current-password" required; }
                button { (lang.t(m::SIGN_IN)) }
            }
        },
    )
}

/// Whether a local account may sign in with its password: always without an OpenID provider;
/// with one, as `local_sign_in` says (the break-glass accounts only, or all).
pub(crate) fn local_sign_in_allowed(state: &AppState, name: &str) -> bool {
    state
        .oidc
        .as_ref()
        .is_none_or(|oidc| oidc.settings.local_sign_in_allowed(name))
}

#[derive(Deserialize)]
pub(super) struct SignInForm {
    name: String,
    password: String,
}

pub(super) async fn login(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> ApiResult<Response> {
    let lang = super::lang_from_headers(&headers);
    let secure = state.secure_cookies;
    if !local_sign_in_allowed(&state, &form.name) {
        // Refused before any password check; logged, not audited (anyone can send this).
        tracing::warn!(
            via = "web",
            "local sign-in refused: only break-glass accounts sign in with a password"
        );
        let message = lang.t(m::SIGNING_IN_WITH_A_LOCAL_ACCOUNT);
        return Ok((StatusCode::FORBIDDEN, login_form(&state, lang, Some(message))).into_response());
    }
    let user = match authenticate_throttled(&state, form.name, form.password, address, SignInVia::Web).await {
        Ok(user) => user,
        Err(ApiError::TooManyAttempts { retry_after_secs }) => return Ok(locked_out(&state, lang, retry_after_secs)),
        Err(error) => return Err(error),
    };
    let started = match user {
        Some(user) => Some(blocking(&state, move |registry| Ok(session::start(registry.store, &user)?)).await?),
        None => None,
    };
    let Some(id) = started else {
        let message = lang.t(m::WRONG_USER_NAME_OR_PASSWORD);
        return Ok((StatusCode::UNAUTHORIZED, login_form(&state, lang, Some(message))).into_response());
    };
    Ok((CookieJar::new().add(session_cookie(id, secure)), Redirect::to("/")).into_response())
}

fn session_cookie(id: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE, id))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .path("/")
        .build()
}

/// Begins a sign-in through the OpenID provider: the browser goes to the provider with a
/// fresh `state`, `nonce` and PKCE challenge, carrying a cookie that binds the sign-in to it.
pub(super) async fn begin_oidc(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let lang = super::lang_from_headers(&headers);
    let Some(oidc) = state.oidc.clone() else {
        return Err(ApiError::NotFound("route".to_owned()));
    };
    let begun = match oidc.begin(address).await {
        Ok(begun) => begun,
        Err(refusal) => return Ok(oidc_failed(lang, refusal, StatusCode::BAD_GATEWAY)),
    };
    // Lax, not Strict: the provider's redirect back is a navigation from another site. No
    // expiry of its own: the begun sign-in it points to lives ten minutes on the server.
    let cookie = Cookie::build((FLOW_COOKIE, begun.binding))
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Lax)
        .path("/oidc")
        .build();
    Ok((CookieJar::new().add(cookie), Redirect::to(&begun.authorize_url)).into_response())
}

/// The provider's redirect back: the sign-in is finished (state, code, ID token checked), the
/// user created or brought in line with the groups, and the same browser session as a password
/// sign-in starts. Every outcome is audited; every refused callback is counted by the throttle
/// per address and, while the address is locked out, callbacks are refused (429) and only
/// logged.
pub(super) async fn oidc_callback(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    jar: CookieJar,
    Query(query): Query<CallbackQuery>,
) -> ApiResult<Response> {
    let lang = super::lang_from_headers(&headers);
    let Some(oidc) = state.oidc.clone() else {
        return Err(ApiError::NotFound("route".to_owned()));
    };
    let shown_address = address.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
    // Every refused callback counts against the address (anyone can send one, with or without
    // a state of their own): while the address is locked out, or while the callbacks in
    // flight would reach the limit, the callback is refused with 429 and only logged: no
    // audit entry, and no call to the provider's token endpoint.
    let key = format!("oidc-callback:{shown_address}");
    let attempt = match state.sign_in.begin(&key, address, std::time::Instant::now()) {
        Ok(attempt) => attempt,
        Err(locked) => {
            tracing::warn!(
                address = %shown_address,
                retry_after = locked.retry_after_secs,
                "oidc callback refused while the address is locked out"
            );
            return Ok(callback_locked_out(lang, locked.retry_after_secs));
        }
    };
    let binding = jar.get(FLOW_COOKIE).map(|cookie| cookie.value().to_owned());
    let jar = jar.remove(Cookie::build(FLOW_COOKIE).path("/oidc"));
    let identity = match oidc.finish(&query, binding.as_deref()).await {
        Ok(identity) => {
            attempt.succeeded(std::time::Instant::now());
            identity
        }
        Err(refusal) => {
            tracing::warn!(reason = refusal.reason, address = %shown_address, "oidc sign-in refused");
            let _ = attempt.failed(std::time::Instant::now());
            let store = state.store.clone();
            let shown = shown_address.clone();
            tokio::task::spawn_blocking(move || accounts::audit_refusal(&store, refusal, &shown))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))??;
            return Ok((jar, oidc_failed(lang, refusal, StatusCode::FORBIDDEN)).into_response());
        }
    };
    let settings = oidc.settings.clone();
    let outcome = blocking(&state, move |registry| {
        let outcome = accounts::sign_in(registry.store, &settings, &identity, &shown_address)?;
        Ok(match outcome {
            Outcome::SignedIn(user) => Ok(session::start(registry.store, &user)?),
            Outcome::Refused(refusal) => Err(refusal),
        })
    })
    .await?;
    match outcome {
        Ok(id) => {
            let jar = jar.add(session_cookie(id, state.secure_cookies));
            Ok((jar, continue_page(lang)).into_response())
        }
        Err(refusal) => Ok((jar, no_access(lang, refusal)).into_response()),
    }
}

/// The answer of a finished sign-in: the session cookie is `SameSite=Strict`, which a browser
/// does not send on the rest of a redirect chain that began at the provider, so the browser
/// moves on to the front page from this page of our own.
fn continue_page(lang: Lang) -> Response {
    let body = html! {
        (maud::DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="refresh" content="0;url=/";
                title { (lang.t(m::SIGNED_IN)) " — Kirjuri" }
                link rel="stylesheet" href=(crate::headers::STYLESHEET_PATH);
            }
            body { main { p { a href="/" { (lang.t(m::CONTINUE_TO_KIRJURI)) } } } }
        }
    };
    (StatusCode::OK, Html(body.into_string())).into_response()
}

/// The page of a person the provider signed in but who has no mapped group: no access.
fn no_access(lang: Lang, refusal: Refusal) -> Response {
    let overage = refusal.reason == "groups_overage";
    let body = page(
        lang,
        None,
        lang.t(m::NO_ACCESS),
        html! {
            p { (lang.t(m::YOU_SIGNED_IN_WITH_THE_CITY)) }
            @if overage {
                p { (lang.t(m::YOU_BELONG_TO_TOO_MANY_GROUPS)) }
            }
            p { (lang.t(m::IF_YOU_NEED_ACCESS_ASK_YOUR)) code { (refusal.reason) } }
        },
    );
    (StatusCode::FORBIDDEN, body).into_response()
}

/// The page of a sign-in through the provider that failed its checks.
fn oidc_failed(lang: Lang, refusal: Refusal, status: StatusCode) -> Response {
    let body = page(
        lang,
        None,
        lang.t(m::SIGN_IN_FAILED),
        html! {
            p { (lang.t(m::SIGNING_IN_WITH_THE_CITY_ACCOUNT)) }
            p { (lang.t(m::REFERENCE)) code { (refusal.reason) } }
            p { a href="/login" { (lang.t(m::TO_THE_SIGN_IN_PAGE)) } }
        },
    );
    (status, body).into_response()
}

/// A callback refused with 429 and `Retry-After` while its address is locked out.
fn callback_locked_out(lang: Lang, retry_after_secs: u64) -> Response {
    let mut response = oidc_failed(
        lang,
        Refusal {
            reason: "too_many_attempts",
        },
        StatusCode::TOO_MANY_REQUESTS,
    );
    if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The sign-in form with a 429 and `Retry-After` while the name or address is locked out.
fn locked_out(state: &AppState, lang: Lang, retry_after_secs: u64) -> Response {
    let minutes = retry_after_secs.div_ceil(60);
    let message = super::words::fill(lang.t(m::TOO_MANY_SIGN_INS), &[&minutes.to_string()]);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, retry_after_secs.to_string())],
        login_form(state, lang, Some(&message)),
    )
        .into_response()
}

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    csrf: String,
}

pub(super) async fn logout(
    State(state): State<AppState>,
    user: UiUser,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    if let Some(id) = jar.get(COOKIE).map(|c| c.value().to_owned()) {
        blocking(&state, move |registry| Ok(session::end(registry.store, &id)?)).await?;
    }
    let jar = jar.remove(Cookie::build(COOKIE).path("/"));
    // RP-initiated logout: a user of the provider also leaves the provider's session, when
    // configured. Through a page of our own: the page's CSP (`form-action 'self'`) would stop
    // the form's redirect to another site.
    let provider_sign_out = match (&state.oidc, &user.session.user.sign_in) {
        (Some(oidc), SignInMethod::Oidc { .. }) => oidc.end_session_url().await,
        _ => None,
    };
    let Some(url) = provider_sign_out else {
        return Ok((jar, Redirect::to("/login")).into_response());
    };
    let lang = user.lang;
    let body = html! {
        (maud::DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="refresh" content=(format!("0;url={url}"));
                title { (lang.t(m::SIGNED_OUT)) " — Kirjuri" }
                link rel="stylesheet" href=(crate::headers::STYLESHEET_PATH);
            }
            body { main {
                p { (lang.t(m::YOU_HAVE_SIGNED_OUT_OF_KIRJURI)) }
                p { a href=(url) { (lang.t(m::SIGN_OUT_OF_THE_CITY_ACCOUNT)) } }
            } }
        }
    };
    Ok((jar, Html(body.into_string())).into_response())
}

pub(super) async fn set_lang(Path(lang): Path<String>, jar: CookieJar, headers: HeaderMap) -> Response {
    let value = Lang::parse(&lang).unwrap_or(Lang::Fi).code();
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.find("://")
                .and_then(|i| r[i + 3..].find('/').map(|j| r[i + 3 + j..].to_owned()))
        })
        // Only a path of this site: no `//host`, and no backslash or control character
        // (browsers read `/\host` and `/<tab>/host` as another host too).
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(char::is_control))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = Cookie::build((LANG_COOKIE, value))
        .path("/")
        .same_site(SameSite::Lax)
        .permanent()
        .build();
    (jar.add(cookie), Redirect::to(&back)).into_response()
}
