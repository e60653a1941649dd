//! The retention page (`/ui/retention`): records whose retention has ended, with their legal
//! holds and disposal proposals.

use axum::extract::State;
use maud::{Markup, html};

use super::messages as m;
use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, helsinki_today, with_app};
use crate::error::ApiError;
use crate::users::Permission;

pub(super) async fn retention_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let actor = actor_of(&user.principal());
    let dues = with_app(&state, move |app| {
        Ok(app.retention_due(helsinki_today(), None, &actor)?)
    })
    .await?;
    let body = html! {
        p { (lang.t(m::RECORDS_WHOSE_RETENTION_ENDED_TODAY_OR)) }
        @if dues.is_empty() {
            p.muted { (lang.t(m::NO_RECORD_S_RETENTION_HAS_ENDED)) }
        } @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th { (lang.t(m::DIARY_NUMBER)) } th { (lang.t(m::TITLE)) }
                        th { (lang.t(m::CLASS_2)) } th { (lang.t(m::ENDED)) }
                        th { (lang.t(m::LEGAL_HOLD)) } th { (lang.t(m::IN_PROPOSAL)) }
                    }
                    @for item in &dues {
                        tr {
                            td { a href=(format!("/ui/cases/{}", item.case)) { (item.diary_number) } }
                            td { (item.title) @if item.paper.is_some() { " " span.muted { (lang.t(m::PAPER)) } } }
                            td { (item.class) }
                            td { (super::words::day(lang, item.retention_end)) }
                            td { (item.holds.join(", ")) }
                            td { (item.in_proposal.clone().unwrap_or_default()) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::RETENTION_AND_DISPOSAL), body))
}
