//! The archivists' pages: the plan and its versions, retention dues and disposal, the archive list,
//! export and verification.

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
        .route("/ui/plan", get(plan_page))
        .route("/ui/archive", get(archive_page))
}

/// Placeholder until the group's pages land (part of issue 19).
async fn plan_page(user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ReadPlan)) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    Ok(page(lang, Some(&user), lang.t(m::NAV_PLAN), html! {}))
}

/// Placeholder until the group's pages land (part of issue 19).
async fn archive_page(user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ExportArchive) || user.may(Permission::VerifyArchive)) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    Ok(page(lang, Some(&user), lang.t(m::NAV_ARCHIVE), html! {}))
}
