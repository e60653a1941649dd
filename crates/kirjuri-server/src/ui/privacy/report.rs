//! The annual data-governance report (tietotilinpäätös, `/ui/report?year=`): each chapter's
//! figures beside the previous year's, management's assessment under each chapter with the
//! form to write it (`App::save_report_assessment`, the CLI's `report-text` and the API's
//! `PUT /reports/{year}/assessments/{chapter}`), and the report to download in the formats
//! the use-case renders (`App::annual_report`: HTML, PDF, Markdown, CSV, JSON; Finnish, Swedish
//! or English). Every label is the report's own, from the shared catalogue
//! (`kirjuri_words::report`), so the page and the downloads say the same.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::super::messages as m;
use super::super::messages::report as r;
use super::super::problems::{FieldError, described_with_hint, error_summary, field_error};
use super::super::words;
use super::super::{Lang, UiUser, page};
use super::{Fields, problem};
use crate::AppState;
use crate::api::{ApiResult, actor_of, helsinki_today, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Query};
use crate::users::Permission;
use kirjuri_report::TargetStatus;

/// The formats offered for download, with their file extensions.
const FORMATS: [(&str, &str); 5] = [
    ("pdf", "pdf"),
    ("html", "html"),
    ("md", "md"),
    ("csv", "csv"),
    ("json", "json"),
];

#[derive(Deserialize, Default)]
pub(super) struct ReportQuery {
    #[serde(default)]
    year: Option<String>,
    /// A download: the format (`html`, `md`, `csv`, `json`).
    #[serde(default)]
    format: Option<String>,
    /// A download's language (`fi`, `sv`, `en`).
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    proof: Option<String>,
}

/// A figure as a person reads it in the page's language ("—" when there is none).
fn number(lang: Lang, value: Option<f64>) -> String {
    kirjuri_report::render::number(lang, value)
}

pub(super) async fn report_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<ReportQuery>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadReports) {
        return Err(ApiError::Forbidden);
    }
    let year = match query.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => chrono::Datelike::year(&helsinki_today()),
        Some(text) => text.parse::<i32>().map_err(|_| ApiError::BadRequest {
            code: "bad_year",
            message: format!("year `{text}` is not a year"),
        })?,
    };
    if let Some(format) = query.format.as_deref() {
        let lang = query.lang.clone().unwrap_or_else(|| user.lang.code().to_owned());
        return download(&state, year, format, &lang).await;
    }
    let done = query
        .done
        .filter(|done| user.proves(&format!("report:{year}|{done}"), query.proof.as_deref()));
    let page = report_view(&state, &user, year, done.as_deref(), &Fields::default(), &[]).await?;
    Ok(page.into_response())
}

/// The report in a format to save, named by its year.
async fn download(state: &AppState, year: i32, format: &str, lang: &str) -> ApiResult<Response> {
    let extension = FORMATS
        .iter()
        .find(|(key, _)| *key == format)
        .map(|(_, ext)| *ext)
        .ok_or_else(|| ApiError::BadRequest {
            code: "bad_format",
            message: format!("format `{format}`, expected pdf, html, md, csv or json"),
        })?;
    let (format, lang) = (format.to_owned(), lang.to_owned());
    let rendering = with_app(state, move |app| Ok(app.annual_report(year, &format, &lang)?)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, rendering.media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tietotilinpaatos-{year}.{extension}\""),
            ),
        ],
        rendering.body,
    )
        .into_response())
}

async fn report_view(
    state: &AppState,
    user: &UiUser,
    year: i32,
    done: Option<&str>,
    fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let (report, targets) = with_app(state, move |app| {
        let mut targets = app.report_targets(year - 1)?;
        targets.extend(app.report_targets(year)?);
        Ok((app.annual_report_figures(year)?, targets))
    })
    .await?;
    // An approved year is its snapshot: no assessment or target forms (the domain refuses them).
    let may_write = user.may(Permission::WriteReports) && report.approval.is_none();
    let body = html! {
        @if let Some(chapter) = done {
            @if chapter == "target" {
                p.notice role="status" { strong { (lang.t(m::REP_DONE_TARGET)) } }
            } @else if chapter == "approved" {
                p.notice role="status" { strong { (lang.t(m::REP_DONE_APPROVED)) } }
            } @else if let Some(saved) = report.chapters.iter().find(|c| c.key == chapter) {
                p.notice role="status" { strong { (words::fill(lang.t(m::REP_DONE_SAVED), &[saved.title.in_lang(lang)])) } }
            }
        }
        (error_summary(lang, errors))
        form method="get" action="/ui/report" {
            label for="year" { (lang.t(m::REP_YEAR)) }
            input id="year" name="year" type="number" min="1900" max="9999" value=(year);
            button { (lang.t(m::REP_SHOW)) }
        }
        p { (words::fill(lang.t(m::REP_GENERATED), &[&words::moment(lang, report.generated_at)])) }
        (approval_section(user, &report, may_write, fields, errors))
        (lacking_section(lang, &report))
        section aria-labelledby="download-heading" {
            h2 #download-heading { (lang.t(m::REP_DOWNLOAD)) }
            ul {
                @for (format, _) in FORMATS {
                    @for (code, name) in [("fi", m::REP_IN_FINNISH), ("sv", m::REP_IN_SWEDISH), ("en", m::REP_IN_ENGLISH)] {
                        li { a href=(format!("/ui/report?year={year}&format={format}&lang={code}")) download {
                            (words::fill(lang.t(m::REP_DOWNLOAD_AS), &[&format.to_uppercase(), lang.t(name)]))
                        } }
                    }
                }
            }
        }
        @for chapter in &report.chapters {
            section aria-labelledby=(format!("chapter-{}", chapter.key)) {
                h2 id=(format!("chapter-{}", chapter.key)) { (chapter.title.in_lang(lang)) }
                @if let Some(note) = kirjuri_report::render::empty_chapter_note(&report, chapter, lang) {
                    p.notice data-value="empty-chapter" { (note) }
                }
                @if !chapter.figures.is_empty() { div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::REP_FIGURE)) }
                            th scope="col" { (year) }
                            th scope="col" { (year - 1) }
                            th scope="col" { (lang.t(r::CHANGE)) }
                        }
                        @for figure in &chapter.figures {
                            tr {
                                th scope="row" { (figure.label.in_lang(lang)) }
                                td { (number(lang, figure.value)) }
                                td { (number(lang, figure.previous)) @if let Some(note) = &figure.note { br; span.muted data-value="note" { (note.in_lang(lang)) } } }
                                td { (kirjuri_report::render::change(lang, figure)) }
                            }
                        }
                    }
                } }
                @for table in &chapter.tables {
                    (list_table(lang, table))
                }
                @if chapter.key == "development" && may_write {
                    (targets_section(user, year, &targets, fields, errors))
                }
                h3 { (lang.t(m::REP_ASSESSMENT)) }
                @match &chapter.assessment {
                    Some(text) => { p data-value="assessment" { (text) } }
                    None => { p.muted { (lang.t(m::REP_NO_ASSESSMENT)) } }
                }
                @if may_write { (assessment_form(user, year, chapter, fields, errors)) }
            }
        }
    };
    Ok(page(
        lang,
        Some(user),
        &format!("{} {year}", lang.t(m::NAV_REPORT)),
        body,
    ))
}

fn assessment_form(
    user: &UiUser,
    year: i32,
    chapter: &kirjuri_report::Chapter,
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let this = fields.get("chapter") == chapter.key;
    let id = format!("text-{}", chapter.key);
    let hint = format!("{id}-hint");
    let text = if this {
        fields.get("text").to_owned()
    } else {
        chapter.assessment.clone().unwrap_or_default()
    };
    let errors: &[FieldError] = if this { errors } else { &[] };
    html! {
        form method="post" action="/ui/report" {
            input type="hidden" name="csrf" value=(user.session.csrf);
            input type="hidden" name="year" value=(year);
            input type="hidden" name="chapter" value=(chapter.key);
            label for=(id) { (lang.t(m::REP_WRITE_ASSESSMENT)) }
            span.hint id=(hint) { (lang.t(m::REP_ASSESSMENT_HINT)) }
            textarea id=(id) name="text" rows="4" cols="60" aria-describedby=(described_with_hint(errors, &id, &hint)) { (text) }
            (field_error(errors, &id))
            button { (lang.t(m::REP_SAVE_ASSESSMENT)) }
        }
    }
}

/// Saves management's assessment of a chapter (the application layer's use-case).
pub(super) async fn save_assessment(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteReports)?;
    let year = fields
        .get("year")
        .trim()
        .parse::<i32>()
        .map_err(|_| ApiError::BadRequest {
            code: "bad_year",
            message: "year: not a year".to_owned(),
        })?;
    let chapter = fields.get("chapter").to_owned();
    let text = fields.get("text").to_owned();
    let actor = actor_of(&user.principal());
    let key = chapter.clone();
    let saved = with_app(&state, move |app| {
        Ok(app.save_report_assessment(year, &key, &text, &actor)?)
    })
    .await;
    match saved {
        Ok(_) => {
            let proof = user.proof(&format!("report:{year}|{chapter}"));
            Ok(Redirect::to(&format!("/ui/report?year={year}&done={chapter}&proof={proof}")).into_response())
        }
        Err(error) => {
            // The text field of the chapter's own form carries the problem.
            let mut problem = problem(user.lang, &error, &["text"], &[("too_long", "text")]);
            problem.field = match chapter.as_str() {
                "scope" => Some("text-scope"),
                "resources" => Some("text-resources"),
                "procedures" => Some("text-procedures"),
                "security" => Some("text-security"),
                "monitoring" => Some("text-monitoring"),
                "rights" => Some("text-rights"),
                "records" => Some("text-records"),
                "development" => Some("text-development"),
                _ => None,
            };
            let page = report_view(&state, &user, year, None, &fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

/// A list of a chapter (registers in scope, targets, observations): caption, column headings,
/// the first cell of a row as its header; an empty list shows its `empty` text. Names from the
/// store are wrapped with `data-value` (stored free text, not the page's words).
fn list_table(lang: Lang, table: &kirjuri_report::Table) -> Markup {
    use kirjuri_report::Cell;
    let cell = |cell: &Cell| match cell {
        Cell::Text(text) => html! { span data-value="stored" { (text) } },
        other => html! { (kirjuri_report::render::cell_text(lang, other)) },
    };
    html! {
        @if let Some(empty) = kirjuri_report::render::empty_text(table, lang) {
            h3 { (table.caption.in_lang(lang)) }
            p.muted { (empty) }
        } @else {
            div.scroll tabindex="0" {
                table id=(format!("table-{}", table.key)) {
                    caption { (table.caption.in_lang(lang)) }
                    tr { @for column in &table.columns { th scope="col" { (column.in_lang(lang)) } } }
                    @for row in &table.rows {
                        tr {
                            @for (i, c) in row.iter().enumerate() {
                                @if i == 0 { th scope="row" { (cell(c)) } } @else { td { (cell(c)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The report's status (draft or approved, from the same words as the cover) and, for a
/// draft of a year that is over, the approval form.
fn approval_section(
    user: &UiUser,
    report: &kirjuri_report::Report,
    may_write: bool,
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let this = fields.get("form") == "approve";
    let errors: &[FieldError] = if this { errors } else { &[] };
    let value = |name: &str| {
        if this {
            fields.get(name).to_owned()
        } else {
            String::new()
        }
    };
    html! {
        section aria-labelledby="approval-heading" {
            h2 #approval-heading { (lang.t(m::REP_STATUS_HEADING)) }
            p #report-status { strong { (lang.t(r::STATUS)) ": " } (kirjuri_report::render::status_text(report, lang)) }
            @if may_write && report.approval.is_none() && !year_is_over(report.year) {
                p #approval-later { (lang.t(m::REP_APPROVAL_AFTER_YEAR)) }
            } @else if may_write && report.approval.is_none() {
                form method="post" action="/ui/report/approve" {
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    input type="hidden" name="form" value="approve";
                    input type="hidden" name="year" value=(report.year);
                    p.hint #approve-hint { (lang.t(m::REP_APPROVE_HINT)) }
                    label for="approval-body" { (lang.t(m::REP_APPROVAL_BODY)) }
                    input #approval-body name="body" type="text" value=(value("body")) aria-describedby=(described_with_hint(errors, "approval-body", "approve-hint"));
                    (field_error(errors, "approval-body"))
                    label for="approval-decision" { (lang.t(m::REP_APPROVAL_DECISION)) }
                    input #approval-decision name="decision" type="text" value=(value("decision")) aria-describedby=(described_with_hint(errors, "approval-decision", "approve-hint"));
                    (field_error(errors, "approval-decision"))
                    label for="approval-on" { (lang.t(m::REP_APPROVAL_ON)) }
                    input #approval-on name="decided_on" type="date" value=(value("decided_on")) aria-describedby=(described_with_hint(errors, "approval-on", "approve-hint"));
                    (field_error(errors, "approval-on"))
                    button { (lang.t(m::REP_APPROVE)) }
                }
            }
        }
    }
}

/// The chapters that still lack management's assessment, so the writer sees what is left.
fn lacking_section(lang: Lang, report: &kirjuri_report::Report) -> Markup {
    let lacking: Vec<&kirjuri_report::Chapter> = report.chapters.iter().filter(|c| c.assessment.is_none()).collect();
    html! {
        section aria-labelledby="lacking-heading" {
            h2 #lacking-heading { (lang.t(m::REP_LACKING)) }
            @if lacking.is_empty() {
                p { (lang.t(m::REP_LACKING_NONE)) }
            } @else {
                ul #lacking {
                    @for chapter in lacking {
                        li { a href=(format!("#chapter-{}", chapter.key)) { (chapter.title.in_lang(lang)) } }
                    }
                }
            }
        }
    }
}

/// The status words of a target.
fn status_words(status: TargetStatus) -> kirjuri_words::Words {
    status.words()
}

/// The forms of chapter 4's targets: add one to this year, and change the status and note of
/// this year's and the previous year's (the follow-up).
fn targets_section(
    user: &UiUser,
    year: i32,
    targets: &[kirjuri_report::Target],
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let this = fields.get("form") == "target";
    let add_errors: &[FieldError] = if this { errors } else { &[] };
    let value = |name: &str, default: String| if this { fields.get(name).to_owned() } else { default };
    let chosen_chapter = value("chapter", "development".to_owned());
    html! {
        h3 #targets-heading { (lang.t(m::REP_TARGETS_HEADING)) }
        @for target in targets {
            @let id = target.id.replace('/', "-");
            @let number = target.id.rsplit('/').next().unwrap_or_default();
            form.target-change method="post" action="/ui/report/targets/change" {
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="year" value=(year);
                input type="hidden" name="target_year" value=(target.year);
                input type="hidden" name="number" value=(number);
                p { strong { (words::fill(lang.t(m::REP_TARGETS_OF), &[&target.year.to_string()])) ": " } span data-value="target" { (target.text) } }
                label for=(format!("status-{id}")) { (lang.t(m::REP_TARGET_STATUS)) }
                select id=(format!("status-{id}")) name="status" {
                    @for status in TargetStatus::ALL {
                        option value=(status.key()) selected[status == target.status] { (lang.t(status_words(status))) }
                    }
                }
                label for=(format!("note-{id}")) { (lang.t(m::REP_TARGET_NOTE)) }
                input id=(format!("note-{id}")) name="note" type="text" value=(target.note);
                button { (lang.t(m::REP_TARGET_CHANGE)) }
            }
        }
        form #target-add method="post" action="/ui/report/targets" {
            input type="hidden" name="csrf" value=(user.session.csrf);
            input type="hidden" name="form" value="target";
            input type="hidden" name="year" value=(year);
            h4 { (words::fill(lang.t(m::REP_TARGET_ADD), &[&year.to_string()])) }
            label for="target-text" { (lang.t(m::REP_TARGET_TEXT)) }
            textarea #target-text name="text" rows="2" cols="60" aria-describedby=(described_with_hint(add_errors, "target-text", "targets-heading")) { (value("text", String::new())) }
            (field_error(add_errors, "target-text"))
            label for="target-chapter" { (lang.t(m::REP_TARGET_CHAPTER)) }
            select #target-chapter name="chapter" {
                @for key in kirjuri_report::CHAPTERS {
                    @if let Some(title) = kirjuri_report::chapter_title(key) {
                        option value=(key) selected[*key == chosen_chapter] { (lang.t(title)) }
                    }
                }
            }
            (field_error(add_errors, "target-chapter"))
            label for="target-owner" { (lang.t(m::REP_TARGET_OWNER)) }
            input #target-owner name="owner" type="text" value=(value("owner", String::new())) aria-describedby=(described_with_hint(add_errors, "target-owner", "targets-heading"));
            (field_error(add_errors, "target-owner"))
            label for="target-due" { (lang.t(m::REP_TARGET_DUE)) }
            input #target-due name="due_year" type="number" min=(year) max="9999" value=(value("due_year", (year + 1).to_string())) aria-describedby=(described_with_hint(add_errors, "target-due", "targets-heading"));
            (field_error(add_errors, "target-due"))
            button { (lang.t(m::REP_TARGET_SAVE)) }
        }
    }
}

fn form_year(fields: &Fields, name: &str) -> ApiResult<i32> {
    fields
        .get(name)
        .trim()
        .parse::<i32>()
        .map_err(|_| ApiError::BadRequest {
            code: "bad_year",
            message: format!("{name}: not a year"),
        })
}

/// The answer to a report form: a 303 to the page with a proven notice, or the page again
/// (400) with the input kept and the problem next to its field.
async fn answer<T>(
    state: &AppState,
    user: &UiUser,
    year: i32,
    done: &str,
    fields: &Fields,
    result: ApiResult<T>,
    codes: &[(&str, &'static str)],
) -> ApiResult<Response> {
    match result {
        Ok(_) => {
            let proof = user.proof(&format!("report:{year}|{done}"));
            Ok(Redirect::to(&format!("/ui/report?year={year}&done={done}&proof={proof}")).into_response())
        }
        Err(error) => {
            let mut problem = problem(user.lang, &error, &[], codes);
            if problem.field.is_some() && problem.code != "too_long" {
                problem.text = format!("{} ({})", user.lang.t(m::REP_PROBLEM_FIELD), problem.text);
            }
            let page = report_view(state, user, year, None, fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

/// Adds a development target (the application layer's use-case).
pub(super) async fn add_target(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteReports)?;
    let year = form_year(&fields, "year")?;
    let new = kirjuri_app::NewTarget {
        text: fields.get("text").to_owned(),
        chapter: fields.get("chapter").to_owned(),
        owner: fields.get("owner").to_owned(),
        // A due year that is no number is refused by the rule (before the report year).
        due_year: fields.get("due_year").trim().parse().unwrap_or(0),
        status: None,
        note: None,
    };
    let actor = actor_of(&user.principal());
    let result = with_app(&state, move |app| Ok(app.add_report_target(year, &new, &actor)?)).await;
    let codes = [
        ("text", "target-text"),
        ("too_long", "target-text"),
        ("chapter", "target-chapter"),
        ("owner", "target-owner"),
        ("due_year", "target-due"),
    ];
    answer(&state, &user, year, "target", &fields, result, &codes).await
}

/// Changes a target's status and note (the application layer's use-case).
pub(super) async fn change_target(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteReports)?;
    let year = form_year(&fields, "year")?;
    let target_year = form_year(&fields, "target_year")?;
    let id = format!("{target_year}/{}", fields.get("number").trim());
    let change = kirjuri_app::TargetChange {
        status: Some(fields.get("status").to_owned()),
        note: Some(fields.get("note").to_owned()),
    };
    let actor = actor_of(&user.principal());
    let result = with_app(&state, move |app| Ok(app.change_report_target(&id, &change, &actor)?)).await;
    answer(&state, &user, year, "target", &fields, result, &[]).await
}

/// Approves the year's report (the application layer's use-case).
pub(super) async fn approve(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteReports)?;
    let year = form_year(&fields, "year")?;
    let (body, decision) = (fields.get("body").to_owned(), fields.get("decision").to_owned());
    let on = chrono::NaiveDate::parse_from_str(fields.get("decided_on").trim(), "%Y-%m-%d");
    let actor = actor_of(&user.principal());
    let result = match on {
        Ok(on) => {
            with_app(&state, move |app| {
                Ok(app.approve_report(year, &body, &decision, on, &actor)?)
            })
            .await
        }
        Err(_) => Err(ApiError::BadRequest {
            code: "decided_on",
            message: "decided_on: not a date".to_owned(),
        }),
    };
    let codes = [
        ("body", "approval-body"),
        ("decision", "approval-decision"),
        ("decided_on", "approval-on"),
        ("too_long", "approval-body"),
        ("already_approved", "approval-body"),
    ];
    answer(&state, &user, year, "approved", &fields, result, &codes).await
}

/// Whether `year` has ended in Helsinki: only then may its report be approved.
fn year_is_over(year: i32) -> bool {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    chrono::Datelike::year(&today) > year
}
