//! The annual data-governance report (tietotilinpäätös).
//!
//! The JSON form answers with [`ReportAnswer`], built field by field from `kirjuri_report`'s
//! `Report`; HTML, Markdown and CSV are the report crate's own renderings.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use kirjuri_report::ReportFormat;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::answers;
use crate::api::{ApiResult, actor_of, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

/// A format of the annual report (`md` and `markdown` are the same).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormatKey {
    Json,
    Html,
    Md,
    Markdown,
    Csv,
    Pdf,
}

/// The language of the report's labels.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportLangKey {
    Fi,
    Sv,
    En,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `json` (default), `html`, `pdf` (PDF/A-2b), `md` (or `markdown`) or `csv`.
    #[param(value_type = Option<ReportFormatKey>, inline)]
    format: Option<String>,
    /// `fi` (default), `sv` or `en`.
    #[param(value_type = Option<ReportLangKey>, inline)]
    lang: Option<String>,
}

/// One number of the report, beside the previous year's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportFigureAnswer {
    pub key: String,
    /// The label in Finnish.
    pub fi: String,
    /// The label in Swedish.
    pub sv: String,
    /// The label in English.
    pub en: String,
    pub value: Option<f64>,
    /// The previous year's value.
    pub previous: Option<f64>,
    /// Why the figure (or the previous year's) cannot be computed, instead of a zero
    /// ("suomeksi / in English").
    pub note: Option<String>,
}

impl From<&kirjuri_report::Figure> for ReportFigureAnswer {
    fn from(figure: &kirjuri_report::Figure) -> Self {
        ReportFigureAnswer {
            key: figure.key.clone(),
            fi: figure.label.fi.clone(),
            sv: figure.label.sv.clone(),
            en: figure.label.en.clone(),
            value: figure.value,
            previous: figure.previous,
            note: figure.note.as_ref().map(|n| format!("{} / {}", n.fi, n.en)),
        }
    }
}

/// One chapter of the report with its figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportChapterAnswer {
    pub key: String,
    /// The title in Finnish.
    pub fi: String,
    /// The title in Swedish.
    pub sv: String,
    /// The title in English.
    pub en: String,
    pub figures: Vec<ReportFigureAnswer>,
    /// Management's assessment and development targets (free text), if written.
    pub assessment: Option<String>,
}

impl From<&kirjuri_report::Chapter> for ReportChapterAnswer {
    fn from(chapter: &kirjuri_report::Chapter) -> Self {
        ReportChapterAnswer {
            key: chapter.key.clone(),
            fi: chapter.title.fi.clone(),
            sv: chapter.title.sv.clone(),
            en: chapter.title.en.clone(),
            figures: answers(&chapter.figures),
            assessment: chapter.assessment.clone(),
        }
    }
}

/// The annual report (tietotilinpäätös) of a calendar year, each figure beside the previous
/// year's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportAnswer {
    pub year: i32,
    pub organisation: String,
    pub generated_at: DateTime<Utc>,
    pub chapters: Vec<ReportChapterAnswer>,
    /// Requests received per month (January first), this year.
    #[schema(min_items = 12, max_items = 12)]
    pub requests_per_month: Vec<u64>,
    /// Requests received per month (January first), the previous year.
    #[schema(min_items = 12, max_items = 12)]
    pub requests_per_month_previous: Vec<u64>,
    /// This year's incidents per severity key, every severity present (zero when unused).
    pub incidents_by_severity: BTreeMap<String, u64>,
    /// False when nothing at all is dated in the previous year: every previous-year figure is
    /// then null ("—"), never 0.
    pub previous_year_has_data: bool,
}

impl From<&kirjuri_report::Report> for ReportAnswer {
    fn from(report: &kirjuri_report::Report) -> Self {
        ReportAnswer {
            year: report.year,
            organisation: report.organisation.clone(),
            generated_at: report.generated_at,
            chapters: answers(&report.chapters),
            requests_per_month: report.requests_per_month.to_vec(),
            requests_per_month_previous: report.requests_per_month_previous.to_vec(),
            incidents_by_severity: report.incidents_by_severity.clone(),
            previous_year_has_data: report.previous_year_has_data,
        }
    }
}

#[utoipa::path(get, path = "/reports/{year}", tag = "reports", params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999), ReportQuery), responses((status = 200, description = "The annual report (tietotilinpäätös) as JSON, HTML, PDF/A-2b, Markdown or CSV", content((ReportAnswer = "application/json"), (String = "text/html"), (Vec<u8> = "application/pdf"), (String = "text/markdown"), (String = "text/csv")))))]
pub async fn annual_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
    Query(query): Query<ReportQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadReports)?;
    let format = query.format.unwrap_or_else(|| "json".to_owned());
    let lang = query.lang.unwrap_or_else(|| "fi".to_owned());
    let format = ReportFormat::parse(&format).map_err(|message| ApiError::BadRequest {
        code: "bad_format",
        message,
    })?;
    if format == ReportFormat::Json {
        // The answer is built from the computed figures, so its fields are this module's own.
        kirjuri_report::parse_lang(&lang).map_err(|message| ApiError::BadRequest {
            code: "bad_lang",
            message,
        })?;
        let report = with_app(&state, move |app| Ok(app.annual_report_figures(year)?)).await?;
        return Ok(Json(ReportAnswer::from(&report)).into_response());
    }
    let key = format.extension();
    let rendering = with_app(&state, move |app| Ok(app.annual_report(year, key, &lang)?)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, rendering.media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"tietotilinpaatos-{year}.{key}\""),
            ),
        ],
        rendering.body,
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportAssessmentBody {
    /// Management's assessment and development targets of the chapter (replaces an earlier one).
    #[schema(min_length = 1, max_length = 4000)]
    text: String,
}

/// A chapter of the annual report.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportChapterKey {
    Resources,
    Rights,
    Security,
    Records,
}

/// The chapter an assessment belongs to (the path's second part).
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // describes the path for the API description; the handler reads the path as text
pub struct ReportChapterParam {
    /// The chapter: resources, rights, security or records.
    #[param(value_type = ReportChapterKey, inline)]
    chapter: String,
}

/// Management's assessment of one chapter of one year, as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportAssessmentAnswer {
    /// `<year>/<chapter>`.
    pub key: String,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl From<&kirjuri_report::Assessment> for ReportAssessmentAnswer {
    fn from(a: &kirjuri_report::Assessment) -> Self {
        ReportAssessmentAnswer {
            key: a.key.clone(),
            text: a.text.clone(),
            by: a.by.clone(),
            at: a.at,
        }
    }
}

/// Writes management's assessment of a chapter of a year's report (audited `report.assessment`;
/// a later text replaces the earlier one).
#[utoipa::path(put, path = "/reports/{year}/assessments/{chapter}", tag = "reports",
    params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999),
        ReportChapterParam),
    request_body = ReportAssessmentBody,
    responses((status = 200, description = "The stored assessment", body = ReportAssessmentAnswer)))]
pub async fn put_report_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Path((year, chapter)): Path<(i32, String)>,
    Json(body): Json<ReportAssessmentBody>,
) -> ApiResult<Json<ReportAssessmentAnswer>> {
    principal.require(Permission::WriteReports)?;
    let actor = actor_of(&principal);
    let stored = with_app(&state, move |app| {
        Ok(app.save_report_assessment(year, &chapter, &body.text, &actor)?)
    })
    .await?;
    Ok(Json(ReportAssessmentAnswer::from(&stored)))
}
