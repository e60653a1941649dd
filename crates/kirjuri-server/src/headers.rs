//! Security headers on every answer, and the web UI's stylesheet. Pages get a strict Content
//! Security Policy (no inline script or style: the style is the static file served here),
//! may not be framed, and send the referrer only to this site (the language switch returns to
//! the page it came from through it). Every answer carries `X-Content-Type-Options: nosniff`;
//! API answers get a policy that loads nothing and runs no script. A handler that sets its
//! own policy (content downloads: `sandbox`) keeps it.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The policy of every page: only this site's own resources, no framing, forms post here only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
     frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// The policy of stored content served for download: nothing in it may run or load anything.
pub const DOWNLOAD_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; sandbox";

/// Path of the stylesheet.
pub const STYLESHEET_PATH: &str = "/static/kirjuri.css";

const STYLESHEET: &str = include_str!("../static/kirjuri.css");

/// The policy of API answers: none is a page of this site, but the HTML reports (annual
/// report, archive list) carry their own inline style and SVG charts; no script may run.
pub const API_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

/// Adds the security headers a handler did not set itself.
pub async fn add_security_headers(request: Request, next: Next) -> Response {
    let policy = if request.uri().path().starts_with("/api/") {
        API_CONTENT_SECURITY_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        // Pages and answers hold restricted records, and some a secret shown once (a new
        // password or token): no cache keeps them. The stylesheet and script set their own.
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// The web UI's stylesheet.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}
