//! The admin's pages: users, their roles and departments, and API tokens.

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
    Router::new().route("/ui/admin", get(users_page))
}

/// Placeholder until the group's pages land (part of issue 19).
async fn users_page(user: UiUser) -> ApiResult<Markup> {
    if !(user.may(Permission::ManageUsers)) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    Ok(page(lang, Some(&user), lang.t(m::NAV_ADMIN), html! {}))
}
