//! The web UI, in Finnish and English: sign-in, an overview of what needs doing (request
//! deadlines, open incidents, retention dues), search, cases with their documents,
//! information requests (with a form to register one) and incidents. Server-rendered HTML
//! (maud escapes every value); the same role matrix as the API decides what each page shows.
//! Forms carry the session's CSRF token; the session cookie is `HttpOnly`, `SameSite=Strict`
//! and `Secure`.
//!
//! One module per page group: `sign_in` (sign-in, sign-out, language), `overview` (the front
//! page), `search`, `cases` (the case list, a case and its forms), `documents` (opening a
//! document, with the purpose form), `requests`, `incidents` and `retention`. This module holds
//! the router, the page frame and what every page shares: the language and the signed-in user
//! with its CSRF check.

mod admin;
mod archivist;
mod audit;
mod calendar;
mod case_page;
mod cases;
mod contracts;
mod disposal;
mod documents;
mod incidents;
pub mod messages;
mod overview;
mod privacy;
pub(crate) mod problems;
mod public;
mod request_disclosure;
mod requests;
mod retention;
mod search;
mod sign_in;
mod upload;
pub mod words;

pub(crate) use sign_in::local_sign_in_allowed;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::{DOCTYPE, Markup, html};

use self::messages as m;
use crate::AppState;
use crate::api::ApiResult;
use crate::auth::session_of;
use crate::error::ApiError;
use crate::session::{self, Session};
use crate::users::{Permission, allows};

/// The UI's language, from `?lang=` (remembered in a cookie) or Finnish: the catalogue's own
/// type (`kirjuri_words::Lang`), shared with the annual report.
pub use kirjuri_words::Lang;

const LANG_COOKIE: &str = "kirjuri_lang";

/// The language the browser chose (its cookie), or Finnish.
pub(crate) fn lang_from_headers(headers: &HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    jar.get(LANG_COOKIE)
        .and_then(|cookie| Lang::parse(cookie.value()))
        .unwrap_or(Lang::Fi)
}

/// A signed-in browser and its language; pages without one redirect to the sign-in page.
pub struct UiUser {
    pub session: Session,
    pub lang: Lang,
}

impl UiUser {
    fn may(&self, permission: Permission) -> bool {
        allows(self.session.user.role, permission)
    }

    fn principal(&self) -> crate::auth::Principal {
        crate::auth::Principal {
            name: self.session.user.name.clone(),
            role: self.session.user.role,
            purpose: None,
            via_session: true,
            departments: self.session.user.departments.clone(),
        }
    }

    /// Checks a submitted form: its CSRF token, then that the role allows what it does.
    fn check_form(&self, csrf: &str, permission: Permission) -> ApiResult<()> {
        self.check_csrf(csrf)?;
        if self.may(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// A proof that this session's own action led to a page's message: a redirect after an
    /// action carries it, so a link made by someone else cannot show a message that nothing was
    /// done for ("document erased", "case opened"). HMAC-SHA-256 of the message under the
    /// session's CSRF secret.
    fn proof(&self, message: &str) -> String {
        mac_hex(self.session.csrf.as_bytes(), message)
    }

    /// The proof for a `DoneQuery`: that this session did `done` about `scope`.
    fn done_proof(&self, scope: &str, done: &str) -> String {
        self.proof(&format!("{scope}|{done}"))
    }

    /// Whether `proof` is this session's proof of `message`.
    fn proves(&self, message: &str, proof: Option<&str>) -> bool {
        let expected = self.proof(message);
        proof.is_some_and(|proof| {
            !expected.is_empty() && subtle::ConstantTimeEq::ct_eq(proof.as_bytes(), expected.as_bytes()).into()
        })
    }

    /// Checks the CSRF token of a submitted form.
    fn check_csrf(&self, presented: &str) -> ApiResult<()> {
        if session::csrf_matches(&self.session, presented) {
            Ok(())
        } else {
            Err(ApiError::Csrf)
        }
    }
}

impl FromRequestParts<AppState> for UiUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = lang_from_headers(&parts.headers);
        match session_of(parts, state).await {
            Ok(Some(session)) => Ok(UiUser { session, lang }),
            Ok(None) => Err(Redirect::to("/login").into_response()),
            Err(error) => Err(error.into_response()),
        }
    }
}

/// What a page was sent back with after an action (`?done=…&proof=…`): the message is shown
/// only with the session's proof that its own action about the page's `scope` led here (a link
/// made by someone else shows nothing). `UiUser::done_proof` makes the proof.
#[derive(serde::Deserialize, Default)]
pub(super) struct DoneQuery {
    #[serde(default)]
    pub done: Option<String>,
    #[serde(default)]
    pub proof: Option<String>,
}

impl DoneQuery {
    /// What was done, when this session's own action about `scope` led here.
    pub(super) fn proven(&self, user: &UiUser, scope: &str) -> Option<&str> {
        let done = self.done.as_deref()?;
        user.proves(&format!("{scope}|{done}"), self.proof.as_deref())
            .then_some(done)
    }
}

/// HMAC-SHA-256 of `message` under `key`, its first 16 bytes in hex (empty for an unusable key).
fn mac_hex(key: &[u8], message: &str) -> String {
    use hmac::{KeyInit, Mac};
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(overview::overview))
        .route("/login", get(sign_in::login_page).post(sign_in::login))
        .route("/login/oidc", get(sign_in::begin_oidc))
        .route(crate::oidc::config::CALLBACK_PATH, get(sign_in::oidc_callback))
        .route("/logout", post(sign_in::logout))
        .route("/lang/{lang}", get(sign_in::set_lang))
        .route("/accessibility", get(accessibility_statement))
        .route("/ui/search", get(search::search_page))
        .route("/ui/cases", get(cases::cases_page))
        .route("/ui/cases/new", get(cases::new_case_page).post(cases::open_case))
        .route("/ui/cases/{id}", get(case_page::case_page))
        .route("/ui/cases/{id}/card", get(case_page::case_card))
        .route(
            "/ui/cases/{id}/state",
            get(case_page::back_to_case).post(case_page::change_state),
        )
        .route(
            "/ui/cases/{id}/documents",
            get(case_page::back_to_case)
                .post(upload::upload_document)
                .layer(axum::extract::DefaultBodyLimit::max(UI_UPLOAD_BYTES)),
        )
        .route(
            "/ui/cases/{id}/holds",
            get(case_page::back_to_case).post(case_page::place_case_hold),
        )
        .route(
            "/ui/cases/{id}/holds/lift",
            get(case_page::back_to_case).post(case_page::lift_case_hold),
        )
        .route(
            "/ui/cases/{id}/erase",
            get(case_page::erase_confirm_page).post(case_page::erase_document),
        )
        .route(
            "/ui/cases/{id}/secrecy-events",
            get(case_page::back_to_case).post(case_page::save_secrecy_events),
        )
        .route(
            "/ui/documents/{id}/open",
            get(documents::open_document_page).post(documents::open_document),
        )
        .route(
            "/ui/requests",
            get(requests::requests_page).post(requests::register_request),
        )
        .route("/ui/requests/{id}", get(requests::request_page))
        // The address of a refused form, reloaded or opened again, goes back to its page.
        .route(
            "/ui/requests/{id}/transition",
            get(requests::back_to_request).post(requests::transition_request),
        )
        .route(
            "/ui/requests/{id}/pause",
            get(requests::back_to_request).post(requests::pause_request),
        )
        .route(
            "/ui/requests/{id}/identity",
            get(requests::back_to_request).post(privacy::gdpr_request::verify_identity),
        )
        .route(
            "/ui/requests/{id}/resume",
            get(requests::back_to_request).post(requests::resume_request),
        )
        .route(
            "/ui/requests/{id}/disclosures",
            get(requests::back_to_request).post(request_disclosure::record_document),
        )
        .route(
            "/ui/requests/{id}/fees",
            get(requests::back_to_request).post(request_disclosure::record_fee),
        )
        .route(
            "/ui/requests/{id}/transfer",
            get(requests::back_to_request).post(request_disclosure::record_transfer),
        )
        .route(
            "/asiointi",
            get(public::public_form_page).post(public::send_public_request),
        )
        .route("/asiointi/kuitti/{token}", get(public::receipt_page))
        .route(
            "/ui/incidents",
            get(incidents::incidents_page).post(incidents::register_incident),
        )
        .route("/ui/incidents/{id}", get(incidents::incident_page))
        .route(
            "/ui/incidents/{id}/transition",
            get(incidents::back_to_incident).post(incidents::transition_incident),
        )
        .route(
            "/ui/incidents/{id}/breach",
            get(incidents::back_to_incident).post(incidents::mark_breach),
        )
        .route(
            "/ui/incidents/{id}/nis2",
            get(incidents::back_to_incident).post(incidents::mark_nis2),
        )
        .route(
            "/ui/incidents/{id}/nis2-request",
            get(incidents::back_to_incident).post(incidents::request_nis2_report),
        )
        .route(
            "/ui/incidents/{id}/breach-awareness",
            get(incidents::back_to_incident).post(incidents::change_breach_awareness),
        )
        .route(
            "/ui/incidents/{id}/classification",
            get(incidents::back_to_incident).post(incidents::classify_incident),
        )
        .route(
            "/ui/incidents/{id}/assessment",
            get(incidents::back_to_incident).post(incidents::assess_incident),
        )
        .route(
            "/ui/incidents/{id}/notifications",
            get(incidents::back_to_incident).post(incidents::notify_incident),
        )
        .route("/ui/incidents/{id}/draft.md", get(incidents::draft_download))
        .route("/ui/retention", get(retention::retention_page))
        .route("/ui/audit", get(audit::audit_page))
        .merge(archivist::routes())
        .merge(disposal::routes())
        .merge(privacy::routes())
        .route("/ui/contracts", get(contracts::contracts_page))
        .route(
            "/ui/contracts/new",
            get(contracts::new_contract_page).post(contracts::create_contract),
        )
        .route(
            "/ui/contracts/import",
            get(contracts::import_form_page).post(contracts::import),
        )
        .route("/ui/contracts/{id}", get(contracts::contract_page))
        .route(
            "/ui/contracts/{id}/edit",
            get(contracts::edit_contract_page).post(contracts::update_contract),
        )
        .route("/ui/contracts/{id}/notice", post(contracts::record_notice))
        .merge(admin::routes())
        .merge(calendar::routes())
}

/// Largest file registered through the web form (larger ones go through the API or the CLI).
const UI_UPLOAD_BYTES: usize = 512 * 1024 * 1024;

fn page(lang: Lang, user: Option<&UiUser>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Kirjuri" }
                link rel="stylesheet" href=(crate::headers::STYLESHEET_PATH);
            }
            body {
                // A skip link, the first thing a keyboard reaches (WCAG 2.4.1).
                a.skip href="#main" { (lang.t(m::SKIP_TO_CONTENT)) }
                header {
                    strong { a href="/" { "Kirjuri" } }
                    @if let Some(user) = user {
                        a href="/ui/search" { (lang.t(m::SEARCH)) }
                        a href="/ui/cases" { (lang.t(m::CASES)) }
                        @if user.may(Permission::ReadRequests) { a href="/ui/requests" { (lang.t(m::REQUESTS)) } }
                        @if user.may(Permission::ReadIncidents) { a href="/ui/incidents" { (lang.t(m::INCIDENTS)) } }
                        @if user.may(Permission::ReadRetention) { a href="/ui/retention" { (lang.t(m::RETENTION)) } }
                        @if user.may(Permission::ReadRetention) { a href="/ui/disposal" { (lang.t(m::NAV_DISPOSAL)) } }
                        @if user.may(Permission::ReadPlan) { a href="/ui/plan" { (lang.t(m::NAV_PLAN)) } }
                        @if user.may(Permission::ExportArchive) || user.may(Permission::VerifyArchive) { a href="/ui/archive" { (lang.t(m::NAV_ARCHIVE)) } }
                        @if user.may(Permission::ReadRegisters) { a href="/ui/registers" { (lang.t(m::NAV_REGISTERS)) } }
                        @if user.may(Permission::ReadGovernance) { a href="/ui/governance" { (lang.t(m::NAV_GOVERNANCE)) } }
                        @if user.may(Permission::ReadContracts) { a href="/ui/contracts" { (lang.t(m::NAV_CONTRACTS)) } }
                        @if user.may(Permission::ReadReports) { a href="/ui/report" { (lang.t(m::NAV_REPORT)) } }
                        @if user.may(Permission::ReadAudit) { a href="/ui/audit" { (lang.t(m::AUDIT_TRAIL)) } }
                        @if user.may(Permission::ManageUsers) { a href="/ui/admin" { (lang.t(m::NAV_ADMIN)) } }
                        a href="/ui/calendar" { (lang.t(m::NAV_CALENDAR)) }
                        span { (user.session.user.name) " (" (words::role(user.session.user.role).in_lang(lang)) ")" }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(user.session.csrf);
                            button { (lang.t(m::SIGN_OUT)) }
                        }
                    }
                    // The other languages, each named in itself (and marked as such for a screen reader).
                    @for other in Lang::ALL.into_iter().filter(|other| *other != lang) {
                        a href=(format!("/lang/{}", other.code())) lang=(other.code()) { (other.own_name()) }
                    }
                }
                main id="main" { h1 { (title) } (body) }
                footer {
                    a href="/asiointi" { (lang.t(m::PUBLIC_TITLE_PAGE)) }
                    " · "
                    a href="/accessibility" { (lang.t(m::ACCESSIBILITY_STATEMENT)) }
                }
            }
        }
    }
}

/// The accessibility statement (saavutettavuusseloste) that Act 306/2019 asks of a public
/// body's digital service: public, no sign-in. It says what is known not to meet WCAG 2.1 AA
/// yet, and is kept true as the UI grows.
async fn accessibility_statement(headers: axum::http::HeaderMap) -> Markup {
    let lang = lang_from_headers(&headers);
    let body = html! {
        p { (lang.t(m::KIRJURI_AIMS_TO_MEET_THE_ACT)) }
        h2 { (lang.t(m::COMPLIANCE)) }
        p { (lang.t(m::THE_SERVICE_PARTLY_MEETS_THE_REQUIREMENTS)) }
        h2 { (lang.t(m::KNOWN_GAPS)) }
        ul {
            li { (lang.t(m::WIDE_TABLES_SCROLL_SIDEWAYS_ON_A)) }
            li { (lang.t(m::GAP_PART_TWO)) }
        }
        h2 { (lang.t(m::FEEDBACK)) }
        p { (lang.t(m::FEEDBACK_ON_ACCESSIBILITY_GAPS_GOES_TO)) }
    };
    page(lang, None, lang.t(m::ACCESSIBILITY_STATEMENT), body)
}
