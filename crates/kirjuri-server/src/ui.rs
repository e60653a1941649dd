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
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, with_app};
use crate::auth::session_of;
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::session::{self, COOKIE, Session};
use crate::throttle::{SignInVia, SourceAddress, authenticate_throttled};
use crate::users::{Permission, allows};

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
            via_session: true,
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
        .route(
            "/ui/cases/{id}/documents",
            post(upload_document).layer(axum::extract::DefaultBodyLimit::max(UI_UPLOAD_BYTES)),
        )
        .route("/ui/cases/{id}/erase", post(erase_document))
        .route("/ui/documents/{id}/open", get(open_document_page).post(open_document))
        .route("/ui/requests", get(requests_page).post(register_request))
        .route("/ui/incidents", get(incidents_page))
        .route("/ui/retention", get(retention_page))
}

/// Largest file registered through the web form (larger ones go through the API or the CLI).
const UI_UPLOAD_BYTES: usize = 512 * 1024 * 1024;

fn page(lang: Lang, user: Option<&UiUser>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.t("fi", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Kirjuri" }
                link rel="stylesheet" href=(crate::headers::STYLESHEET_PATH);
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

async fn login(
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
            Some(crate::api::incidents::incidents(registry, &app).list(true, None)?)
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
        let text = form.q.clone();
        Some(with_app(&state, move |app| Ok(app.search(&text, reader, &filters, 50, &actor)?)).await?)
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
    let may_register = user.may(Permission::WriteDocuments);
    let may_erase = user.may(Permission::EraseRecords);
    let actor = actor_of(&user.principal());
    let (case, documents, record_types) = blocking(&state, move |registry| {
        // The view is audited (`case.read`) when it shows restricted documents.
        let (case, documents) = registry.read_case(&id, may_read_restricted, &actor)?;
        let record_types: Vec<(String, String)> = registry
            .plans
            .current()
            .and_then(|plan| plan.class(&case.class))
            .and_then(|class| class.process.as_ref())
            .map(|process| {
                process
                    .record_types()
                    .map(|t| {
                        (
                            t.id.clone(),
                            t.specifier.clone().unwrap_or_else(|| t.document_type.clone()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok((case, documents, record_types))
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
                    td {
                        @if document.content.is_none() { (document.id) }
                        @else if document.is_public() { a href=(format!("/api/v1/documents/{}/content", document.id)) { (document.id) } }
                        // A restricted document opens through the purpose form.
                        @else { a href=(format!("/ui/documents/{}/open", document.id)) { (document.id) } }
                    }
                    td { (document.title) }
                    // The plan's name of the record type, not its machine id.
                    td { (record_types.iter().find(|(id, _)| *id == document.record_type).map_or(document.record_type.as_str(), |(_, name)| name.as_str())) }
                    td { (document.restriction.publicity.map_or("?", |p| lang.t(p.finnish(), p.key()))) }
                    td { (document.created_on) }
                }
            }
        }
        // Said to every reader without the right, whatever the case holds: no count of
        // hidden documents, which would itself tell something.
        @if !may_read_restricted {
            p.muted { (lang.t("Salassa pidettäviä asiakirjoja ei näytetä roolillesi.", "Restricted documents are not shown to your role.")) }
        }
        @if may_register && !record_types.is_empty() {
            form method="post" action=(format!("/ui/cases/{}/documents", case.id)) enctype="multipart/form-data" {
                fieldset {
                    legend { (lang.t("Kirjaa asiakirja", "Register a document")) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t("Asiakirjatyyppi", "Record type")) br;
                        select name="record_type" {
                            @for (id, name) in &record_types { option value=(id) { (name) } }
                        }
                    }
                    label { (lang.t("Otsikko", "Title")) br; input name="title" required size="50"; }
                    label { (lang.t("Suunta", "Direction")) br;
                        select name="direction" {
                            option value="incoming" { (lang.t("saapunut", "incoming")) }
                            option value="outgoing" { (lang.t("lähtevä", "outgoing")) }
                            option value="internal" { (lang.t("sisäinen", "internal")) }
                        }
                    }
                    label { (lang.t("Tiedosto", "File")) br; input type="file" name="file" required; }
                    button { (lang.t("Kirjaa", "Register")) }
                }
            }
        }
        @if may_erase && !documents.is_empty() {
            form method="post" action=(format!("/ui/cases/{}/erase", case.id)) {
                fieldset {
                    legend { (lang.t("Poista asiakirja (tietosuoja, virheellinen kirjaus)", "Erase a document (data protection, registered by mistake)")) }
                    p.muted { (lang.t(
                        "Asiakirja ja sen sisältö poistetaan heti; hävittämisrekisteriin jää merkintä ilman otsikkoa. Kirjoita perusteeksi päätös, ei henkilötietoja.",
                        "The document and its content are removed at once; the destruction list keeps an entry without the title. Give the decision as the reason, no personal data.")) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t("Asiakirja", "Document")) br;
                        select name="document" {
                            @for document in &documents { option value=(document.id) { (document.id) " – " (document.title) } }
                        }
                    }
                    label { (lang.t("Peruste", "Reason")) br; input name="reason" required size="50"; }
                    label { (lang.t("Poistopyyntö (valinnainen)", "Erasure request (optional)")) br; input name="request" size="10" placeholder="req-1"; }
                    button { (lang.t("Poista", "Erase")) }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), &case.diary_number.to_string(), body))
}

/// A spooled upload, removed whatever happens to the request.
struct SpoolFile(std::path::PathBuf);

impl Drop for SpoolFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Registers a document from the case page's form: the fields come first and are checked
/// (CSRF, record type, restriction) before the file is streamed to the content store.
async fn upload_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(case_id): Path<String>,
    mut form: axum::extract::Multipart,
) -> ApiResult<Response> {
    if !user.may(Permission::WriteDocuments) {
        return Err(ApiError::Forbidden);
    }
    let form_error = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest {
        code: "bad_form",
        message: e.body_text(),
    };
    let mut fields: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let spool = state.store.root().join("blobs").join("tmp");
    tokio::fs::create_dir_all(&spool)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let spool = SpoolFile(spool.join(format!("ui-upload-{}", crate::users::random_secret(12))));
    let mut file_name = None;
    let mut media_type = "application/octet-stream".to_owned();
    while let Some(mut field) = form.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            // Form fields are short; only the file may be large.
            let mut value = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(form_error)? {
                value.extend_from_slice(&chunk);
                if value.len() > 64 * 1024 {
                    return Err(ApiError::bad_request(format!("{name}: longer than 64 KiB")));
                }
            }
            let value =
                String::from_utf8(value).map_err(|_| ApiError::bad_request(format!("{name}: not UTF-8 text")))?;
            fields.insert(name, value);
            continue;
        }
        user.check_csrf(fields.get("csrf").map_or("", String::as_str))?;
        file_name = Some(field.file_name().unwrap_or("liite").to_owned());
        if let Some(kind) = field.content_type() {
            media_type = kind.to_owned();
        }
        let mut out = tokio::fs::File::create(&spool.0)
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        while let Some(chunk) = field.chunk().await.map_err(form_error)? {
            tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))?;
        }
    }
    let Some(file_name) = file_name else {
        return Err(ApiError::bad_request("file: no file was sent"));
    };
    let field = |name: &str| fields.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let direction = kirjuri_registry::Direction::parse(&field("direction").unwrap_or_else(|| "incoming".to_owned()))
        .map_err(ApiError::bad_request)?;
    let title = field("title").ok_or_else(|| ApiError::bad_request("title: a document needs a title"))?;
    let request =
        kirjuri_registry::NewDocument::new(field("record_type"), direction, title).dated(Some(helsinki_today()));
    let actor = actor_of(&user.principal());
    let spooled = spool.0.clone();
    let result = with_app(&state, move |app| {
        let mut file = std::fs::File::open(&spooled).map_err(|e| ApiError::Internal(e.to_string()))?;
        let upload = kirjuri_app::Upload {
            reader: &mut file,
            file_name: &file_name,
            media_type: &media_type,
        };
        Ok(app.register_document(&case_id, &request, Some(upload), &actor)?)
    })
    .await;
    drop(spool);
    let document = result?;
    Ok(Redirect::to(&format!("/ui/cases/{}", document.case_id)).into_response())
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

#[derive(Deserialize)]
struct EraseForm {
    csrf: String,
    document: String,
    reason: String,
    #[serde(default)]
    request: Option<String>,
}

/// Erases a document from the case page's form (privacy officer), then shows the case again.
async fn erase_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(_case): Path<String>,
    Form(form): Form<EraseForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    if !user.may(Permission::EraseRecords) {
        return Err(ApiError::Forbidden);
    }
    let actor = actor_of(&user.principal());
    let record = with_app(&state, move |app| {
        let erasure = kirjuri_archive::erasure::Erasure {
            document: &form.document,
            reason: &form.reason,
            request: form.request.as_deref().map(str::trim).filter(|r| !r.is_empty()),
        };
        Ok(app.erase(&erasure, &actor)?)
    })
    .await?;
    // Back to the erased record's case (its stored id, not the path as typed).
    Ok(Redirect::to(&format!("/ui/cases/{}", record.case)).into_response())
}

/// Purposes of use (käyttötarkoitus) offered before a restricted document opens: the value
/// recorded, its Finnish and English labels. `muu` needs the free text.
const PURPOSES: [(&str, &str, &str); 5] = [
    ("asian käsittely", "Asian käsittely", "Handling the case"),
    (
        "tietopyyntöön vastaaminen",
        "Tietopyyntöön vastaaminen",
        "Answering an information request",
    ),
    (
        "valvonta tai tarkastus",
        "Valvonta tai tarkastus",
        "Supervision or audit",
    ),
    ("arkistointi", "Arkistointi", "Archiving"),
    ("muu", "Muu (kerro alla)", "Other (say below)"),
];

/// Asks the purpose of use before a restricted document opens; a public one opens at once.
async fn open_document_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let lang = user.lang;
    let may_read_restricted = user.may(Permission::ReadRestrictedDocuments);
    let lookup = id.clone();
    let document = blocking(&state, move |registry| {
        readable_document(registry, &lookup, may_read_restricted)
    })
    .await?;
    if document.is_public() {
        return Ok(Redirect::to(&format!("/api/v1/documents/{}/content", document.id)).into_response());
    }
    Ok(page(
        lang,
        Some(&user),
        lang.t("Avaa asiakirja", "Open a document"),
        purpose_form(&user, &document, None),
    )
    .into_response())
}

/// A document with content that the reader may open; any other is a 404 for them.
fn readable_document(
    registry: &kirjuri_registry::Registry<'_>,
    id: &str,
    may_read_restricted: bool,
) -> ApiResult<Document> {
    registry
        .store
        .get::<Document>(kirjuri_registry::DOCUMENT, id)?
        .filter(|d| d.content.is_some() && (d.is_public() || may_read_restricted))
        .ok_or_else(|| ApiError::NotFound(format!("document {id}")))
}

fn purpose_form(user: &UiUser, document: &Document, error: Option<&str>) -> Markup {
    let lang = user.lang;
    html! {
        // Only the id: the title is a restricted detail, shown (and audited) on the case page.
        p { strong { (document.id) } }
        p { (lang.t(
            "Asiakirja on salassa pidettävä. Sen avaaminen kirjataan lokiin käyttötarkoituksineen.",
            "The document is restricted. Opening it is logged with its purpose of use.")) }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        form method="post" action=(format!("/ui/documents/{}/open", document.id)) {
            fieldset {
                legend { (lang.t("Käyttötarkoitus", "Purpose of use")) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                @for (value, fi, en) in PURPOSES {
                    label { input type="radio" name="purpose" value=(value) required; " " (lang.t(fi, en)) } br;
                }
                label { (lang.t("Tarkennus (esim. diaarinumero)", "Details (e.g. the diary number)")) br;
                    input name="detail" size="50" maxlength="400"; }
                button { (lang.t("Avaa", "Open")) }
            }
        }
    }
}

#[derive(Deserialize)]
struct OpenForm {
    csrf: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    detail: String,
}

/// Opens a restricted document with the purpose given in the form (audited with it).
async fn open_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<OpenForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    let lang = user.lang;
    let may_read_restricted = user.may(Permission::ReadRestrictedDocuments);
    let detail = form.detail.trim();
    let purpose = match PURPOSES.iter().find(|(value, _, _)| *value == form.purpose.trim()) {
        Some(("muu", _, _)) if detail.is_empty() => None,
        Some(("muu", _, _)) => Some(detail.to_owned()),
        Some((value, _, _)) if detail.is_empty() => Some((*value).to_owned()),
        Some((value, _, _)) => Some(format!("{value}: {detail}")),
        None => None,
    };
    let Some(purpose) =
        purpose.filter(|p| p.chars().count() <= crate::auth::MAX_PURPOSE_CHARS && !p.chars().any(char::is_control))
    else {
        let lookup = id.clone();
        let document = blocking(&state, move |registry| {
            readable_document(registry, &lookup, may_read_restricted)
        })
        .await?;
        let message = lang.t(
            "Valitse käyttötarkoitus; jos valitset \"Muu\", kerro se tarkennuksessa (enintään 400 merkkiä).",
            "Choose the purpose of use; with \"Other\", say it in the details (at most 400 characters).",
        );
        let body = purpose_form(&user, &document, Some(message));
        return Ok((
            StatusCode::BAD_REQUEST,
            page(lang, Some(&user), lang.t("Avaa asiakirja", "Open a document"), body),
        )
            .into_response());
    };
    let mut actor = actor_of(&user.principal());
    actor.purpose = Some(purpose);
    crate::api::documents::content_response(&state, id, may_read_restricted, actor).await
}

async fn incidents_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let app = state.clone();
    let incidents = blocking(&state, move |registry| {
        Ok(crate::api::incidents::incidents(registry, &app).list(false, None)?)
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
    let actor = actor_of(&user.principal());
    let dues = with_app(&state, move |app| {
        Ok(app.retention_due(helsinki_today(), None, &actor)?)
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
