//! The annual data-governance report (tietotilinpäätös).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::api::{ApiResult, with_app};
use crate::auth::Principal;
use crate::extract::{Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `json` (default), `html`, `md` (or `markdown`) or `csv`.
    format: Option<String>,
    /// `fi` (default) or `en`.
    lang: Option<String>,
}

#[utoipa::path(get, path = "/reports/{year}", tag = "reports", params(("year" = i32, Path, description = "Calendar year"), ReportQuery), responses((status = 200, description = "The annual report (tietotilinpäätös) as JSON, HTML, Markdown or CSV", content((Object = "application/json"), (String = "text/html"), (String = "text/markdown"), (String = "text/csv")))))]
pub async fn annual_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(year): Path<i32>,
    Query(query): Query<ReportQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadReports)?;
    let format = query.format.unwrap_or_else(|| "json".to_owned());
    let lang = query.lang.unwrap_or_else(|| "fi".to_owned());
    let rendering = with_app(&state, move |app| Ok(app.annual_report(year, &format, &lang)?)).await?;
    Ok(([(header::CONTENT_TYPE, rendering.media_type)], rendering.text).into_response())
}
