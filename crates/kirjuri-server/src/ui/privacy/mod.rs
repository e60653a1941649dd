//! The privacy officer's pages: incidents and breaches, the register of processing and processor
//! agreements, log investigations and the annual report.

use axum::Router;
use axum::routing::get;
use maud::{Markup, html};

use super::messages as m;
use super::{UiUser, page};
use crate::AppState;
use crate::api::ApiResult;
use crate::error::ApiError;
use crate::users::Permission;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui/registers", get(registers_page))
        .route("/ui/report", get(report_page))
}

/// Placeholder until the group's pages land (part of issue 19).
async fn registers_page(user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ReadRegisters)) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    Ok(page(lang, Some(&user), lang.t(m::NAV_REGISTERS), html! {}))
}

/// Placeholder until the group's pages land (part of issue 19).
async fn report_page(user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ReadReports)) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    Ok(page(lang, Some(&user), lang.t(m::NAV_REPORT), html! {}))
}
