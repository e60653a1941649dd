//! The plan pages: the classes of the plan in force (or of any version) as a tree with a
//! search (`/ui/plan`), one class with its handling process and record types
//! (`/ui/plan/classes/{code}`), the version list with the JHS 191 import form
//! (`/ui/plan/versions`) and one version with its import findings and the approval form
//! (`/ui/plan/versions/{n}`). Import and approval call `App::import_plan` and
//! `App::approve_plan`, the use-cases of `POST /api/v1/plan/versions` and `kirjuri plan`.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kirjuri_app::PlanSource;
use kirjuri_plan::{Class, ClassCode, Finding, Location, Plan, PlanState, RecordType, Restriction, Retention};
use kirjuri_registry::PlanCatalog;
use kirjuri_store::PlanVersionSummary;
use maud::{Markup, html};
use serde::Deserialize;

use super::super::messages as m;
use super::super::problems::{FieldError, described_with_hint, error_summary, field_error};
use super::super::upload::form_error;
use super::super::words::{self, fill};
use super::super::{DoneQuery, Lang, UiUser, page};
use super::terms;
use crate::AppState;
use crate::api::{ApiResult, actor_of, helsinki_today, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// Largest plan file the form takes: the API's limit.
pub(super) const MAX_PLAN_BYTES: usize = crate::api::plan::MAX_PLAN_BYTES;

/// The findings of the imports of this process's life, by importer and version, so the
/// version page can show them after the redirect that follows the import. Only the count is
/// stored for good (in the audit trail); a draft's findings are for the person who imported it.
static IMPORT_FINDINGS: LazyLock<Mutex<FindingsByImport>> = LazyLock::new(Default::default);

/// Findings by importer and version.
type FindingsByImport = HashMap<(String, u32), Vec<Finding>>;

/// How many imports' findings are kept.
const KEPT_IMPORTS: usize = 64;

fn remember_findings(user: &str, version: u32, findings: Vec<Finding>) {
    let mut kept = IMPORT_FINDINGS.lock().unwrap_or_else(PoisonError::into_inner);
    if kept.len() >= KEPT_IMPORTS {
        kept.clear();
    }
    kept.insert((user.to_owned(), version), findings);
}

fn findings_of(user: &str, version: u32) -> Option<Vec<Finding>> {
    IMPORT_FINDINGS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&(user.to_owned(), version))
        .cloned()
}

/// Every version of the plan (the catalogue of the day, cached by the application).
async fn catalog(state: &AppState) -> ApiResult<std::sync::Arc<PlanCatalog>> {
    with_app(state, |app| Ok(app.plans()?)).await
}

/// The plan a page shows: the asked version, or the one in force.
fn chosen(catalog: &PlanCatalog, version: Option<u32>) -> ApiResult<&Plan> {
    match version {
        Some(number) => catalog
            .versions
            .get(&number)
            .ok_or_else(|| ApiError::NotFound(format!("plan version {number}"))),
        None => catalog
            .current()
            .ok_or_else(|| ApiError::NotFound("plan in force".to_owned())),
    }
}

/// The link to a class, in the version being browsed.
fn class_link(code: &ClassCode, version: Option<u32>) -> String {
    match version {
        Some(number) => format!("/ui/plan/classes/{}?version={number}", code.dotted()),
        None => format!("/ui/plan/classes/{}", code.dotted()),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct PlanQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    version: Option<u32>,
}

pub(super) async fn plan_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<PlanQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadPlan) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let catalog = catalog(&state).await?;
    let plan = chosen(&catalog, query.version)?;
    let search = query.q.trim().to_lowercase();
    let body = html! {
        @if query.version.is_some() {
            p.notice role="status" {
                (fill(lang.t(m::PLAN_SHOWING_VERSION), &[&plan.meta.version.to_string()]))
                " (" (terms::plan_state(plan.meta.state).in_lang(lang)) "). "
                a href="/ui/plan" { (lang.t(m::PLAN_TO_PLAN_IN_FORCE)) }
            }
        }
        (plan_facts(lang, plan))
        p { a href="/ui/plan/versions" { (lang.t(m::PLAN_VERSIONS)) } }
        h2 { (lang.t(m::PLAN_CLASSES)) }
        form method="get" action="/ui/plan" role="search" {
            @if let Some(number) = query.version { input type="hidden" name="version" value=(number); }
            label for="q" { (lang.t(m::PLAN_FIND_CLASS)) }
            input id="q" name="q" type="search" value=(query.q) size="30";
            " " button { (lang.t(m::PLAN_FIND)) }
        }
        @if search.is_empty() {
            (class_tree(lang, plan, None, query.version))
        } @else {
            (search_results(lang, plan, &search, query.version))
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::NAV_PLAN), body))
}

/// The plan's identity: name, version, state, validity and approval.
fn plan_facts(lang: Lang, plan: &Plan) -> Markup {
    let meta = &plan.meta;
    html! {
        dl.facts {
            dt { (lang.t(m::PLAN_NAME)) } dd { span data-value { (meta.name) } }
            dt { (lang.t(m::PLAN_VERSION)) } dd { (meta.version) " — " (terms::plan_state(meta.state).in_lang(lang)) }
            dt { (lang.t(m::PLAN_VALID_FROM)) } dd { (optional_day(lang, meta.valid_from)) }
            @if let Some(to) = meta.valid_to { dt { (lang.t(m::PLAN_VALID_TO)) } dd { (words::day(lang, to)) } }
            dt { (lang.t(m::PLAN_APPROVED_BY)) } dd { span data-value { (meta.approved_by.as_deref().unwrap_or("—")) } }
            dt { (lang.t(m::PLAN_APPROVED_ON)) } dd { (optional_day(lang, meta.approved_on)) }
        }
    }
}

fn optional_day(lang: Lang, day: Option<NaiveDate>) -> String {
    day.map_or_else(|| "—".to_owned(), |day| words::day(lang, day))
}

/// Whether `code` is a top-level entry of the tree: no parent, or a parent the plan lacks.
fn is_root(plan: &Plan, code: &ClassCode) -> bool {
    code.parent().is_none_or(|parent| !plan.classes.contains_key(&parent))
}

/// The classes below `parent` (the top level for none) as nested lists, so the tree reads as
/// headings of a table of contents by screen reader and keyboard, without a script.
fn class_tree(lang: Lang, plan: &Plan, parent: Option<&ClassCode>, version: Option<u32>) -> Markup {
    let children: Vec<&Class> = plan
        .classes
        .values()
        .filter(|class| match parent {
            None => is_root(plan, &class.code),
            Some(parent) => class.code.parent().as_ref() == Some(parent),
        })
        .collect();
    html! {
        @if !children.is_empty() {
            ul.tree {
                @for class in children {
                    li {
                        (class_entry(lang, class, version))
                        (class_tree(lang, plan, Some(&class.code), version))
                    }
                }
            }
        }
    }
}

/// One class as a link: code, title and how many record types its process has.
fn class_entry(lang: Lang, class: &Class, version: Option<u32>) -> Markup {
    let record_types = class.process.as_ref().map_or(0, |p| p.record_types().count());
    html! {
        a href=(class_link(&class.code, version)) { (class.code.spaced()) " " span data-value { (class.title) } }
        @if record_types > 0 {
            " " span.muted { "(" (fill(lang.t(m::PLAN_RECORD_TYPE_COUNT), &[&record_types.to_string()])) ")" }
        }
    }
}

/// Whether a class matches the search: its code (spaced or dotted), title or one of its
/// record types' names.
fn matches(class: &Class, search: &str) -> bool {
    class.code.spaced().contains(search)
        || class.code.dotted().contains(search)
        || class.title.to_lowercase().contains(search)
        || class
            .title_en
            .as_deref()
            .is_some_and(|t| t.to_lowercase().contains(search))
        || class.process.iter().flat_map(|p| p.record_types()).any(|r| {
            r.display_name().to_lowercase().contains(search) || r.document_type.to_lowercase().contains(search)
        })
}

fn search_results(lang: Lang, plan: &Plan, search: &str, version: Option<u32>) -> Markup {
    let found: Vec<&Class> = plan.classes.values().filter(|c| matches(c, search)).collect();
    html! {
        @if found.is_empty() {
            p role="status" { (lang.t(m::PLAN_NOTHING_FOUND)) }
        } @else {
            p role="status" { (fill(lang.t(m::PLAN_FOUND), &[&found.len().to_string()])) }
            ul {
                @for class in found { li { (class_entry(lang, class, version)) } }
            }
        }
    }
}

pub(super) async fn class_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Query(query): Query<PlanQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadPlan) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let code = ClassCode::parse(&code).map_err(|_| ApiError::NotFound(format!("class {code}")))?;
    let catalog = catalog(&state).await?;
    let plan = chosen(&catalog, query.version)?;
    let class = plan
        .class(&code)
        .ok_or_else(|| ApiError::NotFound(format!("class {code}")))?;
    let parent = code.parent().and_then(|parent| plan.class(&parent));
    let title = format!("{} {}", class.code.spaced(), class.title);
    let body = html! {
        @if query.version.is_some() {
            p.notice role="status" {
                (fill(lang.t(m::PLAN_SHOWING_VERSION), &[&plan.meta.version.to_string()]))
                " (" (terms::plan_state(plan.meta.state).in_lang(lang)) ")."
            }
        }
        nav aria-label=(lang.t(m::PLAN_PARENT_CLASS)) {
            p {
                a href=(match query.version { Some(n) => format!("/ui/plan?version={n}"), None => "/ui/plan".to_owned() }) { (lang.t(m::PLAN_CLASSES)) }
                @if let Some(parent) = parent {
                    " › " a href=(class_link(&parent.code, query.version)) { (parent.code.spaced()) " " span data-value { (parent.title) } }
                }
            }
        }
        @if let Some(description) = &class.description { p data-value { (description) } }
        @let below: Vec<&Class> = plan.classes.values().filter(|c| c.code.parent().as_ref() == Some(&code)).collect();
        @if !below.is_empty() {
            h2 { (lang.t(m::PLAN_SUBCLASSES)) }
            ul { @for sub in below { li { (class_entry(lang, sub, query.version)) } } }
        }
        h2 { (lang.t(m::PLAN_PROCESS)) }
        @match &class.process {
            None => { p { (lang.t(m::PLAN_NO_PROCESS)) } }
            Some(process) => {
                dl.facts {
                    @if let Some(title) = &process.title { dt { (lang.t(m::PLAN_NAME)) } dd data-value { (title) } }
                    @if let Some(owner) = &process.details.process_owner { dt { (lang.t(m::PLAN_PROCESS_OWNER)) } dd data-value { (owner) } }
                    @if !process.details.information_systems.is_empty() {
                        dt { (lang.t(m::PLAN_INFORMATION_SYSTEMS)) } dd data-value { (process.details.information_systems.join(", ")) }
                    }
                    dt { (lang.t(m::PLAN_RETENTION)) } dd { (retention_text(lang, &process.retention)) }
                    dt { (lang.t(m::PLAN_PUBLICITY)) } dd { (publicity_text(lang, &process.restriction)) }
                    dt { (lang.t(m::PLAN_PERSONAL_DATA)) } dd { (personal_text(lang, &process.restriction)) }
                }
                h2 { (lang.t(m::PLAN_RECORD_TYPES)) }
                (record_type_table(lang, process))
            }
        }
    };
    Ok(page(lang, Some(&user), &title, body))
}

/// Every record type of a process with its phase and action: retention period and trigger,
/// publicity and secrecy ground, personal data, in words.
fn record_type_table(lang: Lang, process: &kirjuri_plan::Process) -> Markup {
    let rows: Vec<(&kirjuri_plan::Phase, &kirjuri_plan::Action, &RecordType)> = process
        .phases
        .iter()
        .flat_map(|phase| {
            phase
                .actions
                .iter()
                .flat_map(move |action| action.records.iter().map(move |record| (phase, action, record)))
        })
        .collect();
    html! {
        @if rows.is_empty() { p { (lang.t(m::PLAN_NO_RECORD_TYPES)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::RECORD_TYPE)) }
                        th scope="col" { (lang.t(m::PLAN_PHASE)) " / " (lang.t(m::PLAN_ACTION)) }
                        th scope="col" { (lang.t(m::PLAN_RETENTION)) }
                        th scope="col" { (lang.t(m::PLAN_TRIGGER)) }
                        th scope="col" { (lang.t(m::PLAN_PUBLICITY)) }
                        th scope="col" { (lang.t(m::PLAN_SECRECY_GROUND)) }
                        th scope="col" { (lang.t(m::PLAN_PERSONAL_DATA)) }
                    }
                    @for (phase, action, record) in rows {
                        tr {
                            th scope="row" { span data-value { (record.display_name()) } }
                            td { (terms::action_class(phase.phase_type).in_lang(lang)) " / " span data-value { (action.action_type) } }
                            td {
                                (terms::retention_period(lang, record.retention.period))
                                @if let Some(reason) = &record.retention.reason { br; span.muted data-value { (reason) } }
                            }
                            td { (trigger_text(lang, &record.retention)) }
                            td { (publicity_text(lang, &record.restriction)) }
                            td { (secrecy_text(lang, &record.restriction)) }
                            td { (personal_text(lang, &record.restriction)) }
                        }
                    }
                }
            }
        }
    }
}

fn retention_text(lang: Lang, retention: &Retention) -> String {
    let period = terms::retention_period(lang, retention.period);
    match retention.trigger {
        Some(trigger) => format!("{period} ({})", terms::retention_trigger(trigger).in_lang(lang)),
        None => period,
    }
}

fn trigger_text(lang: Lang, retention: &Retention) -> &'static str {
    match retention.trigger {
        Some(trigger) => terms::retention_trigger(trigger).in_lang(lang),
        None if retention.period.is_some_and(|p| p.is_permanent()) => "—",
        None => lang.t(m::NOT_GIVEN),
    }
}

fn publicity_text(lang: Lang, restriction: &Restriction) -> &'static str {
    restriction
        .publicity
        .map_or(lang.t(m::NOT_GIVEN), |class| words::publicity(class).in_lang(lang))
}

/// The secrecy ground (legal references, as the plan gives them), the period and its start.
fn secrecy_text(lang: Lang, restriction: &Restriction) -> Markup {
    html! {
        @if restriction.secrecy_reasons.is_empty() && restriction.secrecy_years.is_none() { "—" }
        @else {
            // A ground of the controlled list by its name and citation; another one as written.
            @for (i, reason) in restriction.secrecy_reasons.iter().enumerate() {
                @if i > 0 { "; " }
                @match kirjuri_plan::secrecy_grounds::parse(reason) {
                    Ok(ground) => { span.ground { (terms::secrecy_ground(ground).in_lang(lang)) } " (" span data-value { (ground.citation) } ")" }
                    Err(_) => { span data-value { (reason) } " (" (lang.t(m::PLAN_OTHER_GROUND)) ")" }
                }
            }
            @if let Some(years) = restriction.secrecy_years {
                " (" (fill(lang.t(m::PLAN_SECRECY_YEARS), &[&years.to_string()]))
                @if let Some(start) = restriction.secrecy_start {
                    ", " (fill(lang.t(m::PLAN_SECRECY_FROM), &[terms::secrecy_start(start).in_lang(lang)]))
                    @if start == kirjuri_plan::SecrecyStart::DeathOfPerson {
                        ", " (lang.t(m::PLAN_SECRECY_DEATH_UNKNOWN))
                    }
                }
                ")"
            }
        }
    }
}

fn personal_text(lang: Lang, restriction: &Restriction) -> String {
    let nature = restriction.personal_data.map_or(lang.t(m::NOT_GIVEN), |nature| {
        terms::personal_data(nature).in_lang(lang)
    });
    if restriction.personal_identity_code == Some(true) {
        format!("{nature}; {}", lang.t(m::PLAN_PERSONAL_IDENTITY_CODES))
    } else {
        nature.to_owned()
    }
}

// ---- Versions, import and approval ----

pub(super) async fn versions_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadPlan) {
        return Err(ApiError::Forbidden);
    }
    versions_view(&state, &user, &[], &[]).await
}

async fn versions_view(
    state: &AppState,
    user: &UiUser,
    errors: &[FieldError],
    refused: &[Finding],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let versions = with_app(state, |app| Ok(app.plan_versions()?)).await?;
    let body = html! {
        p { a href="/ui/plan" { (lang.t(m::PLAN_IN_FORCE)) } }
        (version_table(lang, &versions))
        @if user.may(Permission::ManagePlan) {
            form #import method="post" action="/ui/plan/versions" enctype="multipart/form-data" {
                (error_summary(lang, errors))
                fieldset {
                    legend { (lang.t(m::PLAN_IMPORT)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label for="file" { (lang.t(m::PLAN_FILE)) }
                    span.hint id="file-hint" { (lang.t(m::PLAN_FILE_HINT)) }
                    input id="file" name="file" type="file" accept=".xml,application/xml,text/xml" required
                        aria-describedby=(described_with_hint(errors, "file", "file-hint"));
                    (field_error(errors, "file"))
                    button { (lang.t(m::PLAN_IMPORT_BUTTON)) }
                }
            }
            @if !refused.is_empty() {
                section aria-labelledby="findings-heading" {
                    h2 #findings-heading { (lang.t(m::PLAN_FINDINGS)) }
                    p { strong { (lang.t(m::PLAN_REFUSED)) } }
                    (findings_table(lang, refused))
                }
            }
        }
    };
    Ok(page(lang, Some(user), lang.t(m::PLAN_VERSIONS), body))
}

fn version_table(lang: Lang, versions: &[PlanVersionSummary]) -> Markup {
    html! {
        div.scroll tabindex="0" {
            table {
                tr {
                    th scope="col" { (lang.t(m::PLAN_VERSION)) } th scope="col" { (lang.t(m::PLAN_NAME)) }
                    th scope="col" { (lang.t(m::PLAN_STATE)) } th scope="col" { (lang.t(m::PLAN_VALID_FROM)) }
                    th scope="col" { (lang.t(m::PLAN_VALID_TO)) } th scope="col" { (lang.t(m::PLAN_APPROVED_BY)) }
                    th scope="col" { (lang.t(m::PLAN_APPROVED_ON)) } th scope="col" { (lang.t(m::PLAN_CLASS_COUNT)) }
                    th scope="col" { (lang.t(m::PLAN_RECORD_TYPE_COLUMN)) }
                }
                @for version in versions.iter().rev() {
                    tr {
                        th scope="row" { a href=(format!("/ui/plan/versions/{}", version.version)) { (version.version) } }
                        td data-value { (version.name) }
                        td { (terms::plan_state(version.state).in_lang(lang)) }
                        td { (optional_day(lang, version.valid_from)) }
                        td { (optional_day(lang, version.valid_to)) }
                        td data-value { (version.approved_by.as_deref().unwrap_or("—")) }
                        td { (optional_day(lang, version.approved_on)) }
                        td { (version.classes) }
                        td { (version.record_types) }
                    }
                }
            }
        }
    }
}

/// The findings of an import or a refused approval: severity in words, the place in the file,
/// what it concerns and the importer's (English) explanation. A list rather than a table, so a
/// long explanation reflows on a phone.
fn findings_table(lang: Lang, findings: &[Finding]) -> Markup {
    html! {
        @if findings.is_empty() { p { (lang.t(m::PLAN_NO_FINDINGS)) } }
        @else {
            p.muted { (lang.t(m::PLAN_FINDINGS_IN_ENGLISH)) }
            ol.findings {
                @for finding in findings {
                    li {
                        strong { (terms::severity(finding.severity).in_lang(lang)) } ": "
                        span lang="en" data-value { (finding.message) }
                        dl.facts {
                            dt { (lang.t(m::FINDING_PLACE)) } dd { (place(lang, &finding.location)) }
                            @if let Some(subject) = &finding.subject { dt { (lang.t(m::FINDING_SUBJECT)) } dd data-value { (subject) } }
                            @if let Some(field) = &finding.field { dt { (lang.t(m::FINDING_FIELD)) } dd data-value { (field) } }
                        }
                    }
                }
            }
        }
    }
}

fn place(lang: Lang, location: &Location) -> Markup {
    html! {
        @match location {
            Location::File { file, line } => { span data-value { (fill(lang.t(m::FINDING_LINE), &[file, &line.to_string()])) } }
            Location::Xml { file, path } => { span data-value { (file) } " " code data-value { (path) } }
            Location::Plan => { (lang.t(m::FINDING_WHOLE_PLAN)) }
        }
    }
}

/// The import form's upload: the CSRF token, then the file (read into memory up to the API's
/// limit: a plan is parsed whole anyway).
pub(super) async fn import_plan(
    State(state): State<AppState>,
    user: UiUser,
    mut form: axum::extract::Multipart,
) -> ApiResult<Response> {
    if !user.may(Permission::ManagePlan) {
        return Err(ApiError::Forbidden);
    }
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(form_error)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(form_error)?,
            "file" => {
                user.check_csrf(&csrf)?;
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(form_error)?;
                if !name.is_empty() && !bytes.is_empty() {
                    file = Some((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    user.check_form(&csrf, Permission::ManagePlan)?;
    let lang = user.lang;
    let Some((name, bytes)) = file else {
        let errors = [FieldError::new("file", "no_content", lang, m::PROBLEM_PLAN_FILE)];
        return refused_import(&state, &user, &errors, &[]).await;
    };
    let actor = actor_of(&user.principal());
    let imported = with_app(&state, move |app| {
        let source = PlanSource::Jhs191 {
            name: &name,
            bytes: &bytes,
        };
        Ok(app.import_plan(&source, &actor)?)
    })
    .await;
    match imported {
        Ok(imported) => {
            let version = imported.version;
            remember_findings(&user.session.user.name, version, imported.findings);
            Ok(Redirect::to(&version_done(&user, version, "imported")).into_response())
        }
        Err(ApiError::InvalidPlan { findings, .. }) => {
            let errors = [FieldError {
                field: Some("file"),
                code: "invalid_plan".to_owned(),
                text: lang.t(m::PLAN_REFUSED).to_owned(),
            }];
            refused_import(&state, &user, &errors, &findings).await
        }
        Err(error) => {
            let mut problem = FieldError::from_api(lang, &error, &["file"]);
            problem.field = Some("file");
            refused_import(&state, &user, &[problem], &[]).await
        }
    }
}

async fn refused_import(
    state: &AppState,
    user: &UiUser,
    errors: &[FieldError],
    findings: &[Finding],
) -> ApiResult<Response> {
    let page = versions_view(state, user, errors, findings).await?;
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}

/// The version page's address after an action (`imported`, `approved`), with the proof that
/// this session's own action led there.
fn version_done(user: &UiUser, version: u32, done: &str) -> String {
    let proof = user.done_proof(&format!("plan-version:{version}"), done);
    format!("/ui/plan/versions/{version}?done={done}&proof={proof}")
}

/// The approval form's fields, kept when it is refused.
#[derive(Deserialize, Default)]
pub(super) struct ApproveFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    valid_from: String,
}

pub(super) async fn version_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(version): Path<u32>,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadPlan) {
        return Err(ApiError::Forbidden);
    }
    version_view(&state, &user, version, &query, &ApproveFields::default(), &[], &[]).await
}

async fn version_view(
    state: &AppState,
    user: &UiUser,
    version: u32,
    query: &DoneQuery,
    fields: &ApproveFields,
    errors: &[FieldError],
    refused: &[Finding],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let versions = with_app(state, |app| Ok(app.plan_versions()?)).await?;
    let summary = versions
        .iter()
        .find(|v| v.version == version)
        .ok_or_else(|| ApiError::NotFound(format!("plan version {version}")))?;
    let done = query.proven(user, &format!("plan-version:{version}"));
    let imported_findings = (done == Some("imported"))
        .then(|| findings_of(&user.session.user.name, version))
        .flatten();
    let title = fill(lang.t(m::PLAN_VERSION_N), &[&version.to_string()]);
    let body = html! {
        @if done == Some("imported") {
            div.notice role="status" { (fill(lang.t(m::PLAN_IMPORTED), &[&version.to_string()])) }
        } @else if done == Some("approved") {
            div.notice role="status" {
                (fill(lang.t(m::PLAN_APPROVED), &[&version.to_string(), &optional_day(lang, summary.valid_from)]))
            }
        }
        p { a href="/ui/plan/versions" { (lang.t(m::PLAN_ALL_VERSIONS)) } " · "
            a href=(format!("/ui/plan?version={version}")) { (lang.t(m::PLAN_BROWSE_VERSION)) } }
        dl.facts {
            dt { (lang.t(m::PLAN_NAME)) } dd data-value { (summary.name) }
            dt { (lang.t(m::PLAN_STATE)) } dd { (terms::plan_state(summary.state).in_lang(lang)) }
            dt { (lang.t(m::PLAN_VALID_FROM)) } dd { (optional_day(lang, summary.valid_from)) }
            dt { (lang.t(m::PLAN_VALID_TO)) } dd { (optional_day(lang, summary.valid_to)) }
            dt { (lang.t(m::PLAN_APPROVED_BY)) } dd data-value { (summary.approved_by.as_deref().unwrap_or("—")) }
            dt { (lang.t(m::PLAN_APPROVED_ON)) } dd { (optional_day(lang, summary.approved_on)) }
            dt { (lang.t(m::PLAN_CLASS_COUNT)) } dd { (summary.classes) }
            dt { (lang.t(m::PLAN_RECORD_TYPE_COLUMN)) } dd { (summary.record_types) }
        }
        @if let Some(findings) = &imported_findings {
            section aria-labelledby="findings-heading" {
                h2 #findings-heading { (lang.t(m::PLAN_FINDINGS)) }
                (findings_table(lang, findings))
                p.muted { (lang.t(m::FINDINGS_SHOWN_ONCE)) }
            }
        }
        @if summary.state == PlanState::Approved {
            // A refused second approval has no form to show its problem on.
            (error_summary(lang, errors))
            p { (lang.t(m::PLAN_ALREADY_APPROVED)) }
        } @else if user.may(Permission::ManagePlan) {
            (approve_form(user, version, &versions, fields, errors))
            @if !refused.is_empty() {
                section aria-labelledby="approval-findings" {
                    h2 #approval-findings { (lang.t(m::PLAN_FINDINGS)) }
                    (findings_table(lang, refused))
                }
            }
        }
    };
    Ok(page(lang, Some(user), &title, body))
}

/// The first day a new approval can take: today, or the day after the latest start of an
/// approved version when that is later (a suggestion only; the use-case decides).
fn suggested_day(versions: &[PlanVersionSummary]) -> NaiveDate {
    let latest = versions
        .iter()
        .filter(|v| v.state == PlanState::Approved)
        .filter_map(|v| v.valid_from)
        .max();
    let today = helsinki_today();
    latest
        .and_then(|day| day.succ_opt())
        .map_or(today, |next| next.max(today))
}

fn approve_form(
    user: &UiUser,
    version: u32,
    versions: &[PlanVersionSummary],
    fields: &ApproveFields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let day = if fields.valid_from.is_empty() {
        suggested_day(versions).to_string()
    } else {
        fields.valid_from.clone()
    };
    html! {
        form #approve method="post" action=(format!("/ui/plan/versions/{version}/approve")) {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::PLAN_APPROVE)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="valid_from" { (lang.t(m::PLAN_APPROVE_DAY)) }
                span.hint id="valid_from-hint" { (lang.t(m::PLAN_APPROVE_HINT)) }
                input id="valid_from" name="valid_from" type="date" value=(day) required
                    aria-describedby=(described_with_hint(errors, "valid_from", "valid_from-hint"));
                (field_error(errors, "valid_from"))
                button { (lang.t(m::PLAN_APPROVE_BUTTON)) }
            }
        }
    }
}

pub(super) async fn approve_version(
    State(state): State<AppState>,
    user: UiUser,
    Path(version): Path<u32>,
    Form(fields): Form<ApproveFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManagePlan)?;
    let lang = user.lang;
    let Some(valid_from) = words::read_day(&fields.valid_from) else {
        let errors = [FieldError::new(
            "valid_from",
            "bad_valid_from",
            lang,
            m::PROBLEM_VALID_FROM,
        )];
        return refused_approval(&state, &user, version, &fields, &errors, &[]).await;
    };
    let actor = actor_of(&user.principal());
    let approved = with_app(&state, move |app| {
        Ok(app.approve_plan(version, valid_from, None, &actor)?)
    })
    .await;
    match approved {
        Ok(_) => Ok(Redirect::to(&version_done(&user, version, "approved")).into_response()),
        Err(ApiError::InvalidPlan { findings, .. }) => {
            let errors = [FieldError {
                field: None,
                code: "invalid_plan".to_owned(),
                text: lang.t(m::PROBLEM_INVALID_PLAN).to_owned(),
            }];
            refused_approval(&state, &user, version, &fields, &errors, &findings).await
        }
        Err(error) => {
            let (_, code) = error.status_and_code();
            let words = match code {
                "bad_valid_from" => Some(m::PROBLEM_VALID_FROM),
                "conflict" => Some(m::PROBLEM_VALID_FROM_CONFLICT),
                _ => None,
            };
            let Some(words) = words else { return Err(error) };
            let errors = [FieldError::new("valid_from", code, lang, words)];
            refused_approval(&state, &user, version, &fields, &errors, &[]).await
        }
    }
}

async fn refused_approval(
    state: &AppState,
    user: &UiUser,
    version: u32,
    fields: &ApproveFields,
    errors: &[FieldError],
    findings: &[Finding],
) -> ApiResult<Response> {
    let page = version_view(state, user, version, &DoneQuery::default(), fields, errors, findings).await?;
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}
