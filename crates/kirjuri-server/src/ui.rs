//! The web UI, in Finnish and English: sign-in, an overview of what needs doing (request
//! deadlines, open incidents, retention dues), search, cases with their documents,
//! information requests (with a form to register one) and incidents. Server-rendered HTML
//! (maud escapes every value); the same role matrix as the API decides what each page shows.
//! Forms carry the session's CSRF token; the session cookie is `HttpOnly`, `SameSite=Strict`
//! and `Secure`.

use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use kirjuri_registry::{CaseFilter, Document};
use kirjuri_search::{Filters, Reader};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::session_of;
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::routes::{ApiResult, actor_of, blocking, helsinki_today};
use crate::session::{self, COOKIE, Session};
use crate::users::{Permission, allows, authenticate};

/// The UI's language, from `?lang=` (remembered in a cookie) or Finnish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fi,
    En,
}

const LANG_COOKIE: &str = "kirjuri_lang";

impl Lang {
    fn from_headers(headers: &HeaderMap) -> Lang {
        let jar = CookieJar::from_headers(headers);
        match jar.get(LANG_COOKIE).map(Cookie::value) {
            Some("en") => Lang::En,
            _ => Lang::Fi,
        }
    }

    /// Picks the Finnish or the English text.
    fn t<'a>(self, fi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fi => fi,
            Lang::En => en,
        }
    }
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
        }
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
        let lang = Lang::from_headers(&parts.headers);
        match session_of(parts, state).await {
            Ok(Some(session)) => Ok(UiUser { session, lang }),
            Ok(None) => Err(Redirect::to("/login").into_response()),
            Err(error) => Err(error.into_response()),
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/lang/{lang}", get(set_lang))
        .route("/ui/search", get(search_page))
        .route("/ui/cases", get(cases_page))
        .route("/ui/cases/{id}", get(case_page))
        .route("/ui/requests", get(requests_page).post(register_request))
        .route("/ui/incidents", get(incidents_page))
        .route("/ui/retention", get(retention_page))
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b}\
header{background:#003580;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}\
header a{color:#fff}main{max-width:72rem;margin:1rem auto;padding:0 1rem}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}\
.late{color:#b00020;font-weight:bold}.muted{color:#666}.error{color:#b00020}form.inline{display:inline}\
fieldset{border:1px solid #ccc;margin:1rem 0}label{display:block;margin:.3rem 0}b{background:#fff3b0}";

fn page(lang: Lang, user: Option<&UiUser>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.t("fi", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Kirjuri" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    strong { a href="/" { "Kirjuri" } }
                    @if let Some(user) = user {
                        a href="/ui/search" { (lang.t("Haku", "Search")) }
                        a href="/ui/cases" { (lang.t("Asiat", "Cases")) }
                        @if user.may(Permission::ReadRequests) { a href="/ui/requests" { (lang.t("Tietopyynnöt", "Requests")) } }
                        @if user.may(Permission::ReadIncidents) { a href="/ui/incidents" { (lang.t("Poikkeamat", "Incidents")) } }
                        @if user.may(Permission::ReadRetention) { a href="/ui/retention" { (lang.t("Säilytys", "Retention")) } }
                        span { (user.session.user.name) " (" (user.session.user.role.key()) ")" }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(user.session.csrf);
                            button { (lang.t("Kirjaudu ulos", "Sign out")) }
                        }
                    }
                    a href=(format!("/lang/{}", lang.t("en", "fi"))) { (lang.t("In English", "Suomeksi")) }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

// --- Sign-in --------------------------------------------------------------------------------

async fn login_page(headers: HeaderMap) -> Markup {
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
struct SignInForm {
    name: String,
    password: String,
}

async fn login(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<SignInForm>) -> ApiResult<Response> {
    let lang = Lang::from_headers(&headers);
    let secure = state.secure_cookies;
    let started = blocking(&state, move |registry| {
        let Some(user) = authenticate(registry.store, &form.name, &form.password)? else {
            return Ok(None);
        };
        Ok(Some(session::start(registry.store, &user)?))
    })
    .await?;
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

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
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

async fn set_lang(Path(lang): Path<String>, jar: CookieJar, headers: HeaderMap) -> Response {
    let value = if lang == "en" { "en" } else { "fi" };
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.find("://")
                .and_then(|i| r[i + 3..].find('/').map(|j| r[i + 3 + j..].to_owned()))
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = Cookie::build((LANG_COOKIE, value))
        .path("/")
        .same_site(SameSite::Lax)
        .permanent()
        .build();
    (jar.add(cookie), Redirect::to(&back)).into_response()
}

// --- Pages ----------------------------------------------------------------------------------

async fn overview(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    let lang = user.lang;
    let may_requests = user.may(Permission::ReadRequests);
    let may_incidents = user.may(Permission::ReadIncidents);
    let may_retention = user.may(Permission::ReadRetention);
    let app = state.clone();
    let (requests, incidents, dues, cases) = blocking(&state, move |registry| {
        let today = helsinki_today();
        let requests = if may_requests {
            let filter = kirjuri_requests::RequestFilter {
                overdue: false,
                due_within_days: Some(14),
                assignee: None,
                state: None,
                kind: None,
                include_decided: false,
            };
            Some(kirjuri_requests::Requests { registry }.list(&filter, today)?)
        } else {
            None
        };
        let incidents = if may_incidents {
            Some(crate::routes::incidents(registry, &app).list(true, None)?)
        } else {
            None
        };
        let dues = if may_retention {
            Some(kirjuri_archive::due_on(registry.store, today, None)?.len())
        } else {
            None
        };
        let cases = registry
            .list_cases(&CaseFilter {
                state: None,
                class: None,
                party: None,
            })?
            .len();
        Ok((requests, incidents, dues, cases))
    })
    .await?;
    let today = helsinki_today();
    let body = html! {
        p { (lang.t("Asioita rekisterissä: ", "Cases in the registry: ")) strong { (cases) } }
        form method="get" action="/ui/search" {
            input name="q" placeholder=(lang.t("Hae asiakirjoista", "Search documents")) size="40";
            button { (lang.t("Hae", "Search")) }
        }
        @if let Some(requests) = &requests {
            h2 { (lang.t("Tietopyyntöjen määräajat (14 päivää)", "Request deadlines (next 14 days)")) }
            (request_table(lang, requests, today))
        }
        @if let Some(incidents) = &incidents {
            h2 { (lang.t("Avoimet poikkeamat", "Open incidents")) }
            (incident_table(lang, incidents))
        }
        @if let Some(dues) = dues {
            h2 { (lang.t("Säilytysaika päättynyt", "Retention ended")) }
            p { a href="/ui/retention" { (dues) " " (lang.t("tallennetta", "records")) } }
        }
    };
    Ok(page(lang, Some(&user), lang.t("Yleiskatsaus", "Overview"), body))
}

fn request_table(lang: Lang, requests: &[kirjuri_requests::InfoRequest], today: chrono::NaiveDate) -> Markup {
    html! {
        @if requests.is_empty() { p.muted { (lang.t("Ei pyyntöjä.", "No requests.")) } }
        @else {
            table {
                tr {
                    th { (lang.t("Diaarinumero", "Diary number")) } th { (lang.t("Laji", "Kind")) }
                    th { (lang.t("Tila", "State")) } th { (lang.t("Saapunut", "Received")) }
                    th { (lang.t("Määräaika", "Due")) }
                }
                @for request in requests {
                    tr {
                        td { a href=(format!("/ui/cases/{}", request.case_id)) { (request.diary_number) } }
                        td { (lang.t(request.kind.finnish(), request.kind.key())) }
                        td { (request.state.key()) }
                        td { (request.received_on) }
                        @match &request.deadline {
                            Some(deadline) => {
                                td class=(if deadline.due_moved < today { "late" } else { "" }) { (deadline.due_moved) }
                            }
                            None => { td { "—" } }
                        }
                    }
                }
            }
        }
    }
}

fn incident_table(lang: Lang, incidents: &[kirjuri_incidents::Incident]) -> Markup {
    html! {
        @if incidents.is_empty() { p.muted { (lang.t("Ei poikkeamia.", "No incidents.")) } }
        @else {
            table {
                tr {
                    th { (lang.t("Diaarinumero", "Diary number")) } th { (lang.t("Otsikko", "Title")) }
                    th { (lang.t("Tila", "State")) } th { (lang.t("Tietoon", "Aware at")) }
                    th { (lang.t("Tietosuojaloukkaus", "Breach")) }
                }
                @for incident in incidents {
                    tr {
                        td { (incident.diary_number) }
                        td { (incident.title) }
                        td { (incident.state.key()) }
                        td { (kirjuri_clock::helsinki_rfc3339(incident.aware_at)) }
                        td { (if incident.breach.is_some() { lang.t("kyllä", "yes") } else { lang.t("ei", "no") }) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
struct SearchForm {
    #[serde(default)]
    q: String,
    class: Option<String>,
}

async fn search_page(State(state): State<AppState>, user: UiUser, Query(form): Query<SearchForm>) -> ApiResult<Markup> {
    let lang = user.lang;
    let class_text = form.class.clone().filter(|c| !c.trim().is_empty());
    let results = if form.q.trim().is_empty() {
        None
    } else {
        let filters = Filters {
            class: class_text
                .as_deref()
                .map(kirjuri_plan::ClassCode::parse)
                .transpose()
                .map_err(|e| ApiError::bad_request(format!("class: {e}")))?,
            ..Filters::default()
        };
        let reader = Reader {
            may_read_restricted: user.may(Permission::ReadRestrictedDocuments),
        };
        let actor = actor_of(&user.principal());
        let app = state.clone();
        let text = form.q.clone();
        Some(
            blocking(&state, move |registry| {
                crate::routes_admin::audited_search(&app, registry, &text, reader, &filters, 50, &actor)
            })
            .await?,
        )
    };
    let body = html! {
        form method="get" action="/ui/search" {
            input name="q" value=(form.q) size="40" placeholder=(lang.t("esim. sopimus", "e.g. sopimus"));
            " " input name="class" value=(class_text.unwrap_or_default()) size="10" placeholder=(lang.t("luokka, esim. 07", "class, e.g. 07"));
            " " button { (lang.t("Hae", "Search")) }
        }
        @if let Some(results) = &results {
            p { (results.total) " " (lang.t("osumaa", "hits")) }
            @if !results.classes.is_empty() {
                p.muted {
                    (lang.t("Tehtäväluokittain: ", "By class: "))
                    @for (n, count) in results.classes.iter().enumerate() {
                        @if n > 0 { ", " }
                        a href=(format!("/ui/search?q={}&class={}", urlencode(&form.q), count.class)) { (count.class) } " (" (count.count) ")"
                    }
                }
            }
            @if let kirjuri_search::Analysis::Snowball(reason) = &results.analysis {
                p.muted { (lang.t("Haku käyttää Snowball-vartalonpoistoa (ei Voikkoa): ", "Search uses the Snowball stemmer (no Voikko): ")) (reason) }
            }
            table {
                @for hit in &results.hits {
                    tr {
                        td { (hit.diary_number) br; span.muted { (hit.created.map(|d| d.to_string()).unwrap_or_default()) } }
                        td {
                            strong { (hit.title) } " " span.muted { "(" (hit.publicity) ")" }
                            // tantivy escapes the text of snippets and adds only <b> tags.
                            br; (PreEscaped(&hit.snippet))
                        }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t("Haku", "Search"), body))
}

/// A query-string value, percent-encoded.
fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}

async fn cases_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    let lang = user.lang;
    let mut cases = blocking(&state, |registry| {
        Ok(registry.list_cases(&CaseFilter {
            state: None,
            class: None,
            party: None,
        })?)
    })
    .await?;
    cases.reverse();
    let body = html! {
        table {
            tr {
                th { (lang.t("Diaarinumero", "Diary number")) } th { (lang.t("Otsikko", "Title")) }
                th { (lang.t("Tila", "State")) } th { (lang.t("Avattu", "Opened")) }
            }
            @for case in cases.iter().take(500) {
                tr {
                    td { a href=(format!("/ui/cases/{}", case.id)) { (case.diary_number) } }
                    td { (case.title) }
                    td { (lang.t(case.state.finnish(), case.state.english())) }
                    td { (case.opened_on) }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t("Asiat", "Cases"), body))
}

async fn case_page(State(state): State<AppState>, user: UiUser, Path(id): Path<String>) -> ApiResult<Markup> {
    let lang = user.lang;
    let may_read_restricted = user.may(Permission::ReadRestrictedDocuments);
    let (case, documents, hidden) = blocking(&state, move |registry| {
        let case = registry.find_case(&id)?;
        let all = registry.documents_of_case(&case.id)?;
        let total = all.len();
        let visible: Vec<Document> = all
            .into_iter()
            .filter(|d| may_read_restricted || d.is_public())
            .collect();
        let hidden = total - visible.len();
        Ok((case, visible, hidden))
    })
    .await?;
    let body = html! {
        p { strong { (case.title) } }
        p { (lang.t("Luokka ", "Class ")) (case.class) " · " (lang.t(case.state.finnish(), case.state.english()))
            " · " (lang.t("avattu ", "opened ")) (case.opened_on) }
        @if !case.parties.is_empty() { p { (lang.t("Osapuolet: ", "Parties: ")) (case.parties.join(", ")) } }
        h2 { (lang.t("Asiakirjat", "Documents")) }
        table {
            tr {
                th { "ID" } th { (lang.t("Otsikko", "Title")) } th { (lang.t("Asiakirjatyyppi", "Record type")) }
                th { (lang.t("Julkisuus", "Publicity")) } th { (lang.t("Päiväys", "Date")) }
            }
            @for document in &documents {
                tr {
                    td { @if document.content.is_some() { a href=(format!("/api/v1/documents/{}/content", document.id)) { (document.id) } } @else { (document.id) } }
                    td { (document.title) }
                    td { (document.record_type) }
                    td { (document.restriction.publicity.map_or("?", kirjuri_plan::PublicityClass::key)) }
                    td { (document.created_on) }
                }
            }
        }
        @if hidden > 0 {
            p.muted { (hidden) (lang.t(" salassa pidettävää asiakirjaa ei näytetä roolillesi.", " restricted documents are not shown to your role.")) }
        }
    };
    Ok(page(lang, Some(&user), &case.diary_number.to_string(), body))
}

async fn requests_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Response> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let requests = blocking(&state, |registry| {
        let filter = kirjuri_requests::RequestFilter {
            overdue: false,
            due_within_days: None,
            assignee: None,
            state: None,
            kind: None,
            include_decided: false,
        };
        Ok(kirjuri_requests::Requests { registry }.list(&filter, helsinki_today())?)
    })
    .await?;
    Ok(page(
        lang,
        Some(&user),
        lang.t("Tietopyynnöt", "Information requests"),
        requests_body(&user, &requests, None),
    )
    .into_response())
}

fn requests_body(user: &UiUser, requests: &[kirjuri_requests::InfoRequest], message: Option<&str>) -> Markup {
    let lang = user.lang;
    html! {
        @if let Some(message) = message { p { strong { (message) } } }
        (request_table(lang, requests, helsinki_today()))
        @if user.may(Permission::WriteRequests) {
            form method="post" action="/ui/requests" {
                fieldset {
                    legend { (lang.t("Kirjaa uusi pyyntö", "Register a new request")) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t("Laji", "Kind")) br;
                        select name="kind" {
                            @for kind in ["publicity", "gdpr-access", "gdpr-rectification", "gdpr-erasure", "gdpr-restriction", "gdpr-portability", "gdpr-objection", "log-investigation"] {
                                option value=(kind) { (kind) }
                            }
                        }
                    }
                    label { (lang.t("Saapunut (päivä)", "Received (date)")) br; input name="received" type="date" required; }
                    label { (lang.t("Pyytäjä", "Requester")) br; input name="requester"; }
                    label { input type="checkbox" name="anonymous" value="true"; " " (lang.t("Nimetön (vain asiakirjapyyntö)", "Anonymous (Publicity Act requests only)")) }
                    button { (lang.t("Kirjaa", "Register")) }
                }
            }
        }
    }
}

#[derive(Deserialize)]
struct RequestForm {
    csrf: String,
    kind: String,
    received: String,
    requester: Option<String>,
    anonymous: Option<String>,
}

async fn register_request(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<RequestForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    if !user.may(Permission::WriteRequests) {
        return Err(ApiError::Forbidden);
    }
    let request = kirjuri_requests::NewRequest {
        kind: kirjuri_requests::RequestKind::parse(&form.kind).map_err(ApiError::bad_request)?,
        received: kirjuri_clock::parse_start(&form.received)
            .map_err(|e| ApiError::bad_request(format!("received: {e}")))?,
        requester: form.requester.filter(|r| !r.trim().is_empty()),
        anonymous: form.anonymous.is_some(),
        channel: Some("web".to_owned()),
        origin: None,
        assignee: None,
        case: None,
    };
    let actor = actor_of(&user.principal());
    let stored = blocking(&state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.new_request(&request, &actor)?)
    })
    .await?;
    let _ = stored;
    Ok(Redirect::to("/ui/requests").into_response())
}

async fn incidents_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let app = state.clone();
    let incidents = blocking(&state, move |registry| {
        Ok(crate::routes::incidents(registry, &app).list(false, None)?)
    })
    .await?;
    Ok(page(
        lang,
        Some(&user),
        lang.t("Poikkeamat", "Incidents"),
        incident_table(lang, &incidents),
    ))
}

async fn retention_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let dues = blocking(&state, |registry| {
        Ok(kirjuri_archive::due_on(registry.store, helsinki_today(), None)?)
    })
    .await?;
    let body = html! {
        p { (lang.t("Tallenteet, joiden säilytysaika on päättynyt tänään tai aiemmin.", "Records whose retention ended today or earlier.")) }
        table {
            tr {
                th { (lang.t("Diaarinumero", "Diary number")) } th { (lang.t("Otsikko", "Title")) }
                th { (lang.t("Luokka", "Class")) } th { (lang.t("Päättyi", "Ended")) }
                th { (lang.t("Säilytysesto", "Legal hold")) } th { (lang.t("Esityksessä", "In proposal")) }
            }
            @for item in &dues {
                tr {
                    td { (item.diary_number) }
                    td { (item.title) @if item.paper.is_some() { " " span.muted { (lang.t("(paperi)", "(paper)")) } } }
                    td { (item.class) }
                    td { (item.retention_end) }
                    td { (item.holds.join(", ")) }
                    td { (item.in_proposal.clone().unwrap_or_default()) }
                }
            }
        }
    };
    Ok(page(
        lang,
        Some(&user),
        lang.t("Säilytys ja hävittäminen", "Retention and disposal"),
        body,
    ))
}
