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
    let report = with_app(state, move |app| Ok(app.annual_report_figures(year)?)).await?;
    let may_write = user.may(Permission::WriteReports);
    let body = html! {
        @if let Some(chapter) = done {
            @if let Some(saved) = report.chapters.iter().find(|c| c.key == chapter) {
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
                div.scroll tabindex="0" {
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
                "resources" => Some("text-resources"),
                "procedures" => Some("text-procedures"),
                "rights" => Some("text-rights"),
                "security" => Some("text-security"),
                "records" => Some("text-records"),
                _ => None,
            };
            let page = report_view(&state, &user, year, None, &fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}
