//! The retention page (`/ui/retention`): records whose retention has ended, with their legal
//! holds and disposal proposals.

use axum::extract::State;
use maud::{Markup, html};

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
        p { (lang.t("Tallenteet, joiden säilytysaika on päättynyt tänään tai aiemmin.", "Records whose retention ended today or earlier.")) }
        @if dues.is_empty() {
            p.muted { (lang.t("Yhdenkään tallenteen säilytysaika ei ole päättynyt.", "No record's retention has ended.")) }
        } @else {
            table {
                tr {
                    th { (lang.t("Diaarinumero", "Diary number")) } th { (lang.t("Otsikko", "Title")) }
                    th { (lang.t("Luokka", "Class")) } th { (lang.t("Päättyi", "Ended")) }
                    th { (lang.t("Säilytysesto", "Legal hold")) } th { (lang.t("Esityksessä", "In proposal")) }
                }
                @for item in &dues {
                    tr {
                        td { a href=(format!("/ui/cases/{}", item.case)) { (item.diary_number) } }
                        td { (item.title) @if item.paper.is_some() { " " span.muted { (lang.t("(paperi)", "(paper)")) } } }
                        td { (item.class) }
                        td { (super::words::day(lang, item.retention_end)) }
                        td { (item.holds.join(", ")) }
                        td { (item.in_proposal.clone().unwrap_or_default()) }
                    }
                }
            }
        }
    };
    Ok(page(
        lang,
        Some(&user),
        lang.t("Säilytys ja hävittäminen", "Retention and disposal"),
        body,
    ))
}
