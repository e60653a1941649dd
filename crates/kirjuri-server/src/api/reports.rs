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
    /// `json` (default), `html`, `pdf` (PDF/A-2a), `md` (or `markdown`) or `csv`.
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
    /// The chapter's lists (registers in scope, development targets, observations ...).
    pub tables: Vec<ReportTableAnswer>,
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
            tables: answers(&chapter.tables),
            assessment: chapter.assessment.clone(),
        }
    }
}

/// A text of the report in Finnish, Swedish and English.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportLabelAnswer {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl From<&kirjuri_report::Label> for ReportLabelAnswer {
    fn from(label: &kirjuri_report::Label) -> Self {
        ReportLabelAnswer {
            fi: label.fi.clone(),
            sv: label.sv.clone(),
            en: label.en.clone(),
        }
    }
}

/// One cell of a report table: a text (the same in every language), a word of the report
/// (in each language), or a number (`number` set, the texts empty).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportCellAnswer {
    pub fi: String,
    pub sv: String,
    pub en: String,
    pub number: Option<f64>,
}

impl From<&kirjuri_report::Cell> for ReportCellAnswer {
    fn from(cell: &kirjuri_report::Cell) -> Self {
        let text = |t: &str| ReportCellAnswer {
            fi: t.to_owned(),
            sv: t.to_owned(),
            en: t.to_owned(),
            number: None,
        };
        match cell {
            kirjuri_report::Cell::Text(t) => text(t),
            kirjuri_report::Cell::Word(label) => ReportCellAnswer {
                fi: label.fi.clone(),
                sv: label.sv.clone(),
                en: label.en.clone(),
                number: None,
            },
            kirjuri_report::Cell::Number(n) => ReportCellAnswer {
                number: Some(*n),
                ..text("")
            },
        }
    }
}

/// A list of a chapter: caption, column headings and rows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportTableAnswer {
    pub key: String,
    pub caption: ReportLabelAnswer,
    pub columns: Vec<ReportLabelAnswer>,
    pub rows: Vec<Vec<ReportCellAnswer>>,
    /// Shown instead of an empty table.
    pub empty: Option<ReportLabelAnswer>,
}

impl From<&kirjuri_report::Table> for ReportTableAnswer {
    fn from(table: &kirjuri_report::Table) -> Self {
        ReportTableAnswer {
            key: table.key.clone(),
            caption: (&table.caption).into(),
            columns: answers(&table.columns),
            rows: table.rows.iter().map(|row| answers(row)).collect(),
            empty: table.empty.as_ref().map(Into::into),
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
    /// The approval, when the report is approved (the answer is then the stored snapshot).
    pub approval: Option<ReportApprovalAnswer>,
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
            approval: report.approval.as_ref().map(Into::into),
        }
    }
}

#[utoipa::path(get, path = "/reports/{year}", tag = "reports", params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999), ReportQuery), responses((status = 200, description = "The annual report (tietotilinpäätös) as JSON, HTML, PDF/A-2a, Markdown or CSV", content((ReportAnswer = "application/json"), (String = "text/html"), (Vec<u8> = "application/pdf"), (String = "text/markdown"), (String = "text/csv")))))]
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
    Scope,
    Resources,
    Procedures,
    Security,
    Monitoring,
    Rights,
    Records,
    Development,
}

/// The chapter an assessment belongs to (the path's second part).
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // describes the path for the API description; the handler reads the path as text
pub struct ReportChapterParam {
    /// The chapter: scope, resources, procedures, security, monitoring, rights, records or
    /// development (`kirjuri_report::CHAPTERS`).
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

/// The approval of a year's report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportApprovalAnswer {
    pub year: i32,
    /// The body that approved it ("Kaupunginhallitus").
    pub body: String,
    /// The decision's reference ("§ 45").
    pub decision: String,
    pub decided_on: chrono::NaiveDate,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl From<&kirjuri_report::Approval> for ReportApprovalAnswer {
    fn from(a: &kirjuri_report::Approval) -> Self {
        ReportApprovalAnswer {
            year: a.year,
            body: a.body.clone(),
            decision: a.decision.clone(),
            decided_on: a.decided_on,
            by: a.by.clone(),
            at: a.at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportApprovalBody {
    /// The body that approved the report ("Kaupunginhallitus").
    #[schema(min_length = 1, max_length = 200)]
    body: String,
    /// The decision's reference ("§ 45").
    #[schema(min_length = 1, max_length = 200)]
    decision: String,
    /// The day of the decision: in or after the report year, not in the future.
    decided_on: chrono::NaiveDate,
}

/// Approves the report of a year (audited `report.approve`): the report computed now, with the
/// approval on its cover, is stored as an immutable snapshot that every later download of the
/// year serves unchanged. A year is approved once (409 `already_approved`).
#[utoipa::path(post, path = "/reports/{year}/approval", tag = "reports",
    params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999)),
    request_body = ReportApprovalBody,
    responses((status = 200, description = "The stored approval", body = ReportApprovalAnswer)))]
pub async fn approve_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
    Json(body): Json<ReportApprovalBody>,
) -> ApiResult<Json<ReportApprovalAnswer>> {
    principal.require(Permission::WriteReports)?;
    let actor = actor_of(&principal);
    let approval = with_app(&state, move |app| {
        Ok(app.approve_report(year, &body.body, &body.decision, body.decided_on, &actor)?)
    })
    .await?;
    Ok(Json(ReportApprovalAnswer::from(&approval)))
}

/// The status of a development target.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportTargetStatusKey {
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// A development target of a year's report (chapter 4).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportTargetAnswer {
    /// `<year>/<number>`.
    pub id: String,
    pub year: i32,
    pub number: u64,
    pub text: String,
    /// The chapter it relates to.
    #[schema(value_type = ReportChapterKey)]
    pub chapter: String,
    pub owner: String,
    pub due_year: i32,
    #[schema(value_type = ReportTargetStatusKey)]
    pub status: String,
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl From<&kirjuri_report::Target> for ReportTargetAnswer {
    fn from(t: &kirjuri_report::Target) -> Self {
        ReportTargetAnswer {
            id: t.id.clone(),
            year: t.year,
            number: t.id.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or_default(),
            text: t.text.clone(),
            chapter: t.chapter.clone(),
            owner: t.owner.clone(),
            due_year: t.due_year,
            status: t.status.key().to_owned(),
            note: t.note.clone(),
            by: t.by.clone(),
            at: t.at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTargetBody {
    #[schema(min_length = 1, max_length = 4000)]
    text: String,
    #[schema(value_type = ReportChapterKey)]
    chapter: String,
    #[schema(min_length = 1, max_length = 200)]
    owner: String,
    /// The year it is due: the report year or later.
    #[schema(minimum = 1900, maximum = 9999)]
    due_year: i32,
    /// `planned` when left out.
    #[schema(value_type = Option<ReportTargetStatusKey>)]
    #[serde(default)]
    status: Option<String>,
    #[schema(max_length = 4000)]
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTargetChangeBody {
    #[schema(value_type = Option<ReportTargetStatusKey>)]
    #[serde(default)]
    status: Option<String>,
    /// The follow-up note (replaces the earlier one).
    #[schema(max_length = 4000)]
    #[serde(default)]
    note: Option<String>,
}

/// The development targets set in a year's report.
#[utoipa::path(get, path = "/reports/{year}/targets", tag = "reports",
    params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999)),
    responses((status = 200, description = "The year's development targets", body = Vec<ReportTargetAnswer>)))]
pub async fn list_report_targets(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
) -> ApiResult<Json<Vec<ReportTargetAnswer>>> {
    principal.require(Permission::ReadReports)?;
    let targets = with_app(&state, move |app| Ok(app.report_targets(year)?)).await?;
    Ok(Json(answers(&targets)))
}

/// Adds a development target to a year's report (audited `report.target.add`).
#[utoipa::path(post, path = "/reports/{year}/targets", tag = "reports",
    params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999)),
    request_body = ReportTargetBody,
    responses((status = 201, description = "The stored target", body = ReportTargetAnswer)))]
pub async fn add_report_target(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
    Json(body): Json<ReportTargetBody>,
) -> ApiResult<(axum::http::StatusCode, Json<ReportTargetAnswer>)> {
    principal.require(Permission::WriteReports)?;
    let actor = actor_of(&principal);
    let new = kirjuri_app::NewTarget {
        text: body.text,
        chapter: body.chapter,
        owner: body.owner,
        due_year: body.due_year,
        status: body.status,
        note: body.note,
    };
    let target = with_app(&state, move |app| Ok(app.add_report_target(year, &new, &actor)?)).await?;
    Ok((axum::http::StatusCode::CREATED, Json(ReportTargetAnswer::from(&target))))
}

/// Changes a development target's status or follow-up note (audited `report.target.change`).
#[utoipa::path(patch, path = "/reports/{year}/targets/{number}", tag = "reports",
    params(("year" = i32, Path, description = "Calendar year", minimum = 1900, maximum = 9999),
        ("number" = u64, Path, description = "The target's number in its year", minimum = 1)),
    request_body = ReportTargetChangeBody,
    responses((status = 200, description = "The changed target", body = ReportTargetAnswer)))]
pub async fn change_report_target(
    State(state): State<AppState>,
    principal: Principal,
    Path((year, number)): Path<(i32, u64)>,
    Json(body): Json<ReportTargetChangeBody>,
) -> ApiResult<Json<ReportTargetAnswer>> {
    principal.require(Permission::WriteReports)?;
    let actor = actor_of(&principal);
    let change = kirjuri_app::TargetChange {
        status: body.status,
        note: body.note,
    };
    let id = format!("{year}/{number}");
    let target = with_app(&state, move |app| Ok(app.change_report_target(&id, &change, &actor)?)).await?;
    Ok(Json(ReportTargetAnswer::from(&target)))
}
