//! The archive pages: the archive list of permanently kept records (`/ui/archive`), the export
//! of a signed package as a job whose page shows its progress and then offers the package for
//! download (`/ui/archive/exports/{id}`), and the verification of an uploaded package
//! (`/ui/archive/verify`). The export runs `api::archive::export_as` and the check
//! `api::archive::verify_package`, the use-cases of `POST /api/v1/archive/exports` and
//! `POST /api/v1/archive/verify`; the export is recorded and audited (`archive.export`) there.
//!
//! A job lives in this process's memory (with its package in the spool folder): a page that
//! needs no script shows its state and progress each time it is loaded, and only the person
//! who started it sees it.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use kirjuri_archive::package::{ExportProgress, ExportRequest, ExportSummary};
use kirjuri_archive::verify::VerifyReport;
use maud::{Markup, html};
use serde::Deserialize;

use super::super::messages as m;
use super::super::problems::{FieldError, described_with_hint, error_summary, field_error, problem_text};
use super::super::upload::{SpoolFile, form_error, spool_field};
use super::super::words::{self, fill};
use super::super::{DoneQuery, Lang, UiUser, page};
use crate::AppState;
use crate::api::archive::{archive_list_as, export_as, export_request, verify_package};
use crate::api::body::spool_path;
use crate::api::{ApiResult, blocking};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// An export started from the page: who started it, what it exports, how far it has got and
/// how it ended.
struct ExportJob {
    id: String,
    owner: String,
    started: DateTime<Utc>,
    request: ExportRequest,
    path: PathBuf,
    progress: Arc<ExportProgress>,
    /// The package's summary, or the problem's code and detail.
    outcome: Mutex<Option<Result<ExportSummary, (String, String)>>>,
}

impl ExportJob {
    fn outcome(&self) -> Option<Result<ExportSummary, (String, String)>> {
        self.outcome.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// The jobs of this process, oldest first.
static JOBS: LazyLock<Mutex<Vec<Arc<ExportJob>>>> = LazyLock::new(Default::default);

/// How many jobs (and their packages) are kept for each person; their oldest finished one goes
/// first.
const KEPT_JOBS_EACH: usize = 8;

/// How many exports one person may have running at once (each reads every chosen record).
const RUNNING_JOBS_EACH: usize = 2;

/// Adds a job of its owner, making room among their own finished jobs (one person's exports
/// never push out another's); refused while the owner already has `RUNNING_JOBS_EACH` running.
fn add_job(job: Arc<ExportJob>) -> ApiResult<()> {
    let mut jobs = JOBS.lock().unwrap_or_else(PoisonError::into_inner);
    let owner = job.owner.clone();
    let running = jobs
        .iter()
        .filter(|j| j.owner == owner && j.outcome().is_none())
        .count();
    if running >= RUNNING_JOBS_EACH {
        return Err(ApiError::Conflict {
            code: "exports_running",
            message: format!("`permanent`: {running} exports of yours are still running; wait for one to finish"),
        });
    }
    while jobs.iter().filter(|j| j.owner == owner).count() >= KEPT_JOBS_EACH {
        let Some(oldest) = jobs.iter().position(|j| j.owner == owner && j.outcome().is_some()) else {
            break;
        };
        let gone = jobs.remove(oldest);
        let _ = std::fs::remove_file(&gone.path);
    }
    jobs.push(job);
    Ok(())
}

/// A job of `owner` by id (another person's job is not found).
fn job_of(owner: &str, id: &str) -> ApiResult<Arc<ExportJob>> {
    JOBS.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|job| job.id == id && job.owner == owner)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("export {id}")))
}

fn jobs_of(owner: &str) -> Vec<Arc<ExportJob>> {
    JOBS.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .filter(|job| job.owner == owner)
        .rev()
        .cloned()
        .collect()
}

/// The export form's fields, kept when it is refused.
#[derive(Deserialize, Default)]
pub(super) struct ExportFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    permanent: Option<String>,
    #[serde(default)]
    class: String,
    #[serde(default)]
    cases: String,
}

pub(super) async fn archive_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ExportArchive) || user.may(Permission::VerifyArchive)) {
        return Err(ApiError::Forbidden);
    }
    archive_view(&state, &user, &ExportFields::default(), &[]).await
}

async fn archive_view(
    state: &AppState,
    user: &UiUser,
    fields: &ExportFields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let list = if user.may(Permission::ReadRetention) {
        Some(archive_list(state).await?)
    } else {
        None
    };
    let body = html! {
        @if let Some(list) = &list { (archive_list_section(lang, list)) }
        @if user.may(Permission::ExportArchive) {
            (export_form(user, fields, errors))
            (my_exports(lang, &user.session.user.name))
        }
        @if user.may(Permission::VerifyArchive) { (verify_form(user, &[])) }
    };
    Ok(page(lang, Some(user), lang.t(m::NAV_ARCHIVE), body))
}

/// The archive list over the plan in force: the same listing as `GET /api/v1/archive/list`.
async fn archive_list(state: &AppState) -> ApiResult<Vec<kirjuri_archive::ArchiveListEntry>> {
    blocking(state, archive_list_as).await
}

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    #[serde(default)]
    format: String,
}

/// The archive list as a file to keep or hand over: CSV, or the printable HTML list, as the
/// API writes them (`kirjuri_archive::archive_list`).
pub(super) async fn archive_list_file(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<ListQuery>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let entries = archive_list(&state).await?;
    let today = crate::api::helsinki_today().to_string();
    let (kind, name, body) = match query.format.as_str() {
        "csv" => (
            "text/csv; charset=utf-8",
            "arkistoluettelo.csv",
            kirjuri_archive::archive_list::to_csv(&entries).map_err(ApiError::Internal)?,
        ),
        "html" => (
            "text/html; charset=utf-8",
            "arkistoluettelo.html",
            kirjuri_archive::archive_list::to_html(&entries, &state.organisation, &today),
        ),
        other => return Err(ApiError::bad_request(format!("format `{other}`, expected csv or html"))),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response())
}

fn archive_list_section(lang: Lang, entries: &[kirjuri_archive::ArchiveListEntry]) -> Markup {
    html! {
        section aria-labelledby="list-heading" {
            h2 #list-heading { (lang.t(m::ARCHIVE_LIST)) }
            p { (lang.t(m::ARCHIVE_LIST_INTRO)) }
            @if entries.is_empty() { p.muted { (lang.t(m::ARCHIVE_LIST_EMPTY)) } }
            @else {
                p {
                    a href="/ui/archive/list?format=csv" download { (lang.t(m::ARCHIVE_LIST_CSV)) }
                    " · "
                    a href="/ui/archive/list?format=html" download { (lang.t(m::ARCHIVE_LIST_HTML)) }
                }
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::PLAN_CLASS)) } th scope="col" { (lang.t(m::ARCHIVE_SERIES)) }
                            th scope="col" { (lang.t(m::ARCHIVE_YEAR)) } th scope="col" { (lang.t(m::ARCHIVE_RECORDS)) }
                            th scope="col" { (lang.t(m::ARCHIVE_ELECTRONIC)) } th scope="col" { (lang.t(m::ARCHIVE_PAPER)) }
                            th scope="col" { (lang.t(m::ARCHIVE_PAPER_PLACES)) } th scope="col" { (lang.t(m::ARCHIVE_DIARY_RANGE)) }
                            th scope="col" { (lang.t(m::ARCHIVE_SECRECY_ENDS)) }
                        }
                        @for entry in entries {
                            tr {
                                td { a href=(format!("/ui/plan/classes/{}", entry.class.dotted())) { (entry.class.spaced()) } " " span data-value { (entry.class_title) } }
                                td data-value { (entry.series_name) }
                                td { (entry.year) }
                                td { (entry.records) }
                                td { (entry.electronic) }
                                td { (entry.paper) }
                                td data-value { (entry.paper_locations.join("; ")) }
                                td { span data-value { (entry.first_diary_number) } " – " span data-value { (entry.last_diary_number) } }
                                td {
                                    @match entry.secrecy_ends_on {
                                        Some(day) => (words::day(lang, day)),
                                        None => @if entry.secrecy_open == 0 { (lang.t(m::ARCHIVE_SECRECY_NONE)) },
                                    }
                                    @if entry.secrecy_open > 0 {
                                        " " (lang.t(m::ARCHIVE_SECRECY_OPEN)) " " (entry.secrecy_open)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn export_form(user: &UiUser, fields: &ExportFields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #export method="post" action="/ui/archive/exports" {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::EXPORT_PACKAGE)) }
                p.hint { (lang.t(m::EXPORT_INTRO)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label {
                    input id="permanent" type="checkbox" name="permanent" value="true" checked[fields.permanent.is_some()]
                        aria-describedby=[super::super::problems::described_by(errors, "permanent")];
                    " " (lang.t(m::EXPORT_PERMANENT))
                }
                (field_error(errors, "permanent"))
                label for="class" { (lang.t(m::EXPORT_CLASS)) }
                span.hint id="class-hint" { (lang.t(m::EXPORT_CLASS_HINT)) }
                input id="class" name="class" value=(fields.class) size="12" aria-describedby=(described_with_hint(errors, "class", "class-hint"));
                (field_error(errors, "class"))
                label for="cases" { (lang.t(m::EXPORT_CASES)) }
                span.hint id="cases-hint" { (lang.t(m::EXPORT_CASES_HINT)) }
                textarea id="cases" name="cases" rows="3" cols="30" aria-describedby=(described_with_hint(errors, "cases", "cases-hint")) { (fields.cases) }
                (field_error(errors, "cases"))
                button { (lang.t(m::EXPORT_START)) }
            }
        }
    }
}

fn my_exports(lang: Lang, owner: &str) -> Markup {
    let jobs = jobs_of(owner);
    html! {
        section aria-labelledby="exports-heading" {
            h2 #exports-heading { (lang.t(m::EXPORT_MINE)) }
            @if jobs.is_empty() { p.muted { (lang.t(m::EXPORT_NONE)) } }
            @else {
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::EXPORT_STARTED_AT)) } th scope="col" { (lang.t(m::EXPORT_CONTENTS)) }
                            th scope="col" { (lang.t(m::EXPORT_STATE)) }
                        }
                        @for job in &jobs {
                            tr {
                                th scope="row" { a href=(format!("/ui/archive/exports/{}", job.id)) { (words::moment(lang, job.started)) } }
                                td { (what_text(lang, &job.request)) }
                                td { (state_text(lang, job)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What an export takes, in words.
fn what_text(lang: Lang, request: &ExportRequest) -> String {
    let mut parts = Vec::new();
    if request.permanent_only {
        parts.push(lang.t(m::EXPORT_WHAT_PERMANENT).to_owned());
    }
    if let Some(class) = &request.class {
        parts.push(fill(lang.t(m::EXPORT_WHAT_CLASS), &[&class.spaced()]));
    }
    if !request.cases.is_empty() {
        parts.push(fill(lang.t(m::EXPORT_WHAT_CASES), &[&request.cases.len().to_string()]));
    }
    parts.join(", ")
}

fn state_text(lang: Lang, job: &ExportJob) -> &'static str {
    match job.outcome() {
        None => lang.t(m::EXPORT_RUNNING),
        Some(Ok(_)) => lang.t(m::EXPORT_DONE),
        Some(Err(_)) => lang.t(m::EXPORT_FAILED),
    }
}

/// Starts an export job: the selection is checked by the same function as the API's, then the
/// export runs on the blocking pool while the browser is sent to the job's page.
pub(super) async fn start_export(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<ExportFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ExportArchive)?;
    let lang = user.lang;
    let cases: Vec<String> = fields
        .cases
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let class = Some(fields.class.trim()).filter(|c| !c.is_empty());
    let request = match export_request(cases, class, fields.permanent.is_some()) {
        Ok(request) => request,
        Err(error) => {
            let detail = error.to_string();
            let problem = if detail.starts_with("class:") {
                FieldError::new("class", "bad_request", lang, m::PROBLEM_EXPORT_CLASS)
            } else {
                FieldError::new("permanent", "bad_request", lang, m::PROBLEM_NOTHING_TO_EXPORT)
            };
            let page = archive_view(&state, &user, &fields, &[problem]).await?;
            return Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response());
        }
    };
    let job = Arc::new(ExportJob {
        id: crate::users::random_secret(12),
        owner: user.session.user.name.clone(),
        started: Utc::now(),
        request,
        path: spool_path(&state, "ui-export")?,
        progress: Arc::new(ExportProgress::default()),
        outcome: Mutex::new(None),
    });
    if let Err(error) = add_job(job.clone()) {
        let problem = FieldError::new("permanent", "exports_running", lang, m::PROBLEM_EXPORTS_RUNNING);
        let page = archive_view(&state, &user, &fields, &[problem]).await?;
        return Ok((error.status_and_code().0, page).into_response());
    }
    let organisation = state.organisation.to_string();
    let running = job.clone();
    let worker = state.clone();
    tokio::spawn(async move {
        let task = running.clone();
        let result = blocking(&worker, move |registry| {
            export_as(
                registry,
                &task.request,
                &organisation,
                &task.owner,
                &task.path,
                &task.progress,
            )
        })
        .await;
        let outcome = result.map_err(|error| {
            let (_, code) = error.status_and_code();
            (code.to_owned(), error.to_string())
        });
        *running.outcome.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
    });
    let proof = user.done_proof(&format!("export:{}", job.id), "started");
    Ok(Redirect::to(&format!("/ui/archive/exports/{}?done=started&proof={proof}", job.id)).into_response())
}

/// A size in kilobytes or megabytes with one decimal, in the page's language (a decimal comma
/// in Finnish and Swedish).
fn megabytes(lang: Lang, bytes: u64) -> String {
    let text = if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1_000.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    };
    if lang == Lang::En { text } else { text.replace('.', ",") }
}

pub(super) async fn export_page(
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ExportArchive) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let job = job_of(&user.session.user.name, &id)?;
    let started = query.proven(&user, &format!("export:{id}")) == Some("started");
    let (files_done, files_total, bytes_done, bytes_total) = job.progress.snapshot();
    let outcome = job.outcome();
    // A finished export shows a full bar even when it had no content files.
    let (value, max) = match (&outcome, files_total) {
        (Some(Ok(_)), 0) => (1, 1),
        _ => (files_done, files_total.max(1)),
    };
    let progress_text = fill(
        lang.t(m::EXPORT_PROGRESS_TEXT),
        &[
            &files_done.to_string(),
            &files_total.to_string(),
            &megabytes(lang, bytes_done),
            &megabytes(lang, bytes_total),
        ],
    );
    let body = html! {
        @if started { div.notice role="status" { (lang.t(m::EXPORT_STARTED)) } }
        dl.facts {
            dt { (lang.t(m::EXPORT_STARTED_AT)) } dd { (words::moment(lang, job.started)) }
            dt { (lang.t(m::EXPORT_CONTENTS)) } dd { (what_text(lang, &job.request)) }
            dt { (lang.t(m::EXPORT_STATE)) } dd { strong #export-state { (state_text(lang, &job)) } }
        }
        label for="export-progress" { (lang.t(m::EXPORT_PROGRESS)) }
        progress #export-progress value=(value) max=(max) { (progress_text) }
        p { (progress_text) }
        @match &outcome {
            None => {
                p { (lang.t(m::EXPORT_RUNNING_HINT)) }
                p { a href=(format!("/ui/archive/exports/{id}")) { (lang.t(m::EXPORT_REFRESH)) } }
            }
            Some(Ok(summary)) => {
                p { (lang.t(m::EXPORT_DONE_TEXT)) }
                dl.facts {
                    dt { (lang.t(m::EXPORT_PACKAGE_ID)) } dd { code data-value { (summary.objid) } }
                    dt { (lang.t(m::EXPORT_CASES_N)) } dd { (summary.cases) }
                    dt { (lang.t(m::EXPORT_DOCUMENTS_N)) } dd { (summary.documents) }
                    dt { (lang.t(m::EXPORT_FILES_N)) } dd { (summary.content_files) }
                    dt { (lang.t(m::EXPORT_SIZE)) } dd { (megabytes(lang, summary.payload_bytes)) }
                    dt { (lang.t(m::EXPORT_KEY)) } dd { code data-value { (summary.key_id) } }
                }
                p { a.button href=(format!("/ui/archive/exports/{id}/package")) download=(format!("{}.zip", summary.objid)) { (lang.t(m::EXPORT_DOWNLOAD)) } }
            }
            Some(Err((code, detail))) => {
                div.error-summary role="alert" {
                    p { strong { (lang.t(m::EXPORT_FAILED)) } ": " (problem_text(lang, code, detail)) }
                    p.muted { (lang.t(m::CODE)) " " code { (code) } }
                }
            }
        }
        p { a href="/ui/archive" { (lang.t(m::NAV_ARCHIVE)) } }
    };
    Ok(page(lang, Some(&user), lang.t(m::EXPORT_JOB), body))
}

/// The finished package, streamed as an attachment to the person who exported it.
pub(super) async fn download_package(user: UiUser, Path(id): Path<String>) -> ApiResult<Response> {
    if !user.may(Permission::ExportArchive) {
        return Err(ApiError::Forbidden);
    }
    let job = job_of(&user.session.user.name, &id)?;
    let Some(Ok(summary)) = job.outcome() else {
        return Err(ApiError::NotFound(format!("package of export {id}")));
    };
    let file = tokio::fs::File::open(&job.path)
        .await
        .map_err(|_| ApiError::NotFound(format!("package of export {id}")))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .len();
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.zip\"", summary.objid),
            ),
        ],
        Body::from_stream(tokio_util::io::ReaderStream::new(file)),
    )
        .into_response())
}

fn verify_form(user: &UiUser, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #verify method="post" action="/ui/archive/verify" enctype="multipart/form-data" {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::VERIFY_PACKAGE)) }
                p.hint { (lang.t(m::VERIFY_INTRO)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="package" { (lang.t(m::VERIFY_FILE)) }
                input id="package" name="package" type="file" accept=".zip,application/zip" required
                    aria-describedby=[super::super::problems::described_by(errors, "package")];
                (field_error(errors, "package"))
                button { (lang.t(m::VERIFY_BUTTON)) }
            }
        }
    }
}

/// Checks an uploaded package and shows what was found. Nothing is stored, so the answer is the
/// result page itself (no redirect).
pub(super) async fn verify_upload(
    State(state): State<AppState>,
    user: UiUser,
    mut form: axum::extract::Multipart,
) -> ApiResult<Response> {
    if !user.may(Permission::VerifyArchive) {
        return Err(ApiError::Forbidden);
    }
    let mut csrf = String::new();
    let mut upload: Option<(String, SpoolFile)> = None;
    while let Some(mut field) = form.next_field().await.map_err(form_error)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(form_error)?,
            "package" => {
                user.check_csrf(&csrf)?;
                let name = field.file_name().unwrap_or_default().to_owned();
                if name.is_empty() {
                    continue;
                }
                let spool = spool_field(&mut field, spool_path(&state, "ui-verify")?).await?;
                upload = Some((name, spool));
            }
            _ => {}
        }
    }
    user.check_form(&csrf, Permission::VerifyArchive)?;
    let lang = user.lang;
    let Some((name, spool)) = upload else {
        let errors = [FieldError::new("package", "no_content", lang, m::PROBLEM_PACKAGE_FILE)];
        let body = verify_form(&user, &errors);
        let page = page(lang, Some(&user), lang.t(m::VERIFY_PACKAGE), body);
        return Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response());
    };
    let path = spool.0.clone();
    let actor = crate::api::actor_of(&user.principal());
    let report = blocking(&state, move |registry| verify_package(registry, &path, &actor)).await;
    // The problems name the file as the server spooled it; the page names it as uploaded.
    let spooled = spool.0.display().to_string();
    drop(spool);
    // A file that is not a readable package is a failed check, shown as such.
    let report = match report {
        Ok(report) => report,
        Err(ApiError::BadRequest { message, .. }) => VerifyReport {
            bag: None,
            files: 0,
            payload_bytes: 0,
            key_id: None,
            key_source: None,
            trusted_comment: None,
            problems: vec![message],
        },
        Err(error) => return Err(error),
    };
    let report = VerifyReport {
        problems: report.problems.iter().map(|p| p.replace(&spooled, &name)).collect(),
        ..report
    };
    let body = html! {
        (verify_result(lang, &name, &report))
        (verify_form(&user, &[]))
        p { a href="/ui/archive" { (lang.t(m::NAV_ARCHIVE)) } }
    };
    Ok(page(lang, Some(&user), lang.t(m::VERIFY_RESULT), body).into_response())
}

/// The verdict in words, the facts of the package and every problem found.
fn verify_result(lang: Lang, name: &str, report: &VerifyReport) -> Markup {
    let key_source = match report.key_source.as_deref() {
        Some("given") => lang.t(m::VERIFY_KEY_GIVEN),
        Some(source) if source.starts_with("package") => lang.t(m::VERIFY_KEY_PACKAGE),
        _ => lang.t(m::VERIFY_KEY_NONE),
    };
    html! {
        section aria-labelledby="result-heading" {
            h2 #result-heading { (lang.t(m::VERIFY_RESULT)) }
            @if report.ok() {
                div.notice role="status" { strong { "✓ " (lang.t(m::VERIFY_INTACT)) } }
            } @else {
                div.error-summary role="alert" {
                    strong { "✗ " (fill(lang.t(m::VERIFY_BROKEN), &[&report.problems.len().to_string()])) }
                }
            }
            dl.facts {
                dt { (lang.t(m::VERIFY_FILE_NAME)) } dd data-value { (name) }
                @if let Some(bag) = &report.bag { dt { (lang.t(m::EXPORT_PACKAGE_ID)) } dd { code data-value { (bag) } } }
                dt { (lang.t(m::VERIFY_FILES)) } dd { (report.files) }
                dt { (lang.t(m::VERIFY_PAYLOAD)) } dd { (megabytes(lang, report.payload_bytes)) }
                dt { (lang.t(m::VERIFY_KEY)) } dd {
                    (key_source)
                    @if let Some(key) = &report.key_id { " (" code data-value { (key) } ")" }
                }
                @if let Some(comment) = &report.trusted_comment { dt { (lang.t(m::VERIFY_SIGNED_NOTE)) } dd data-value { (comment) } }
            }
            @if !report.problems.is_empty() {
                h3 { (lang.t(m::VERIFY_PROBLEMS)) }
                p.muted { (lang.t(m::VERIFY_PROBLEMS_IN_ENGLISH)) }
                ul lang="en" { @for problem in &report.problems { li data-value { (problem) } } }
            }
        }
    }
}
