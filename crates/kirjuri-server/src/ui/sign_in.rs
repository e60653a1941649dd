//! The sign-in page (`/login`), signing out (`/logout`) and the language switch
//! (`/lang/{lang}`): the pages a browser reaches without a session, and the session cookie.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maud::{Markup, html};
use serde::Deserialize;

use super::{LANG_COOKIE, Lang, UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, blocking};
use crate::error::ApiError;
use crate::extract::{Form, Path};
use crate::session::{self, COOKIE};
use crate::throttle::{SignInVia, SourceAddress, authenticate_throttled};

pub(super) async fn login_page(headers: HeaderMap) -> Markup {
    login_form(Lang::from_headers(&headers), None)
}

fn login_form(lang: Lang, error: Option<&str>) -> Markup {
    page(
        lang,
        None,
        lang.t("Kirjaudu", "Sign in"),
        html! {
            @if let Some(error) = error { p.error { (error) } }
            form method="post" action="/login" {
                label { (lang.t("Käyttäjätunnus", "User name")) br; input name="name" autocomplete="username" required; }
                label { (lang.t("Salasana", "Password")) br; input name="password" type="password" autocomplete="current-password" required; }
                button { (lang.t("Kirjaudu", "Sign in")) }
            }
        },
    )
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
    let lang = Lang::from_headers(&headers);
    let secure = state.secure_cookies;
    let user = match authenticate_throttled(&state, form.name, form.password, address, SignInVia::Web).await {
        Ok(user) => user,
        Err(ApiError::TooManyAttempts { retry_after_secs }) => return Ok(locked_out(lang, retry_after_secs)),
        Err(error) => return Err(error),
    };
    let started = match user {
        Some(user) => Some(blocking(&state, move |registry| Ok(session::start(registry.store, &user)?)).await?),
        None => None,
    };
    let Some(id) = started else {
        let message = lang.t("Väärä käyttäjätunnus tai salasana.", "Wrong user name or password.");
        return Ok((StatusCode::UNAUTHORIZED, login_form(lang, Some(message))).into_response());
    };
    let cookie = Cookie::build((COOKIE, id))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .path("/")
        .build();
    Ok((CookieJar::new().add(cookie), Redirect::to("/")).into_response())
}

/// The sign-in form with a 429 and `Retry-After` while the name or address is locked out.
fn locked_out(lang: Lang, retry_after_secs: u64) -> Response {
    let minutes = retry_after_secs.div_ceil(60);
    let message = match lang {
        Lang::Fi => {
            format!("Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen {minutes} minuutin kuluttua.")
        }
        Lang::En => format!("Too many failed sign-ins. Try again in {minutes} minutes."),
    };
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, retry_after_secs.to_string())],
        login_form(lang, Some(&message)),
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
    Ok((jar.remove(Cookie::build(COOKIE).path("/")), Redirect::to("/login")).into_response())
}

pub(super) async fn set_lang(Path(lang): Path<String>, jar: CookieJar, headers: HeaderMap) -> Response {
    let value = if lang == "en" { "en" } else { "fi" };
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
