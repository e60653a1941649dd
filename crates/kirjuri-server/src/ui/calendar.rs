//! The calendar page (`/ui/calendar`): make, show once, replace and revoke the secret address
//! of the user's calendar feed; and the table of "my deadlines" (`kirjuri_agenda`) that the
//! overview shows.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};

use super::messages as m;
use super::{DoneQuery, Lang, UiUser, page, words};
use crate::AppState;
use crate::api::{ApiResult, blocking, helsinki_today};
use crate::calendar::{self, StoredFeed};
use kirjuri_agenda::{AgendaItem, Buckets, Due};

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/ui/calendar", get(calendar_page))
        .route("/ui/calendar/feed", get(back_to_calendar).post(create_feed))
        .route("/ui/calendar/revoke", get(back_to_calendar).post(revoke_feed))
}

#[derive(serde::Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

const SCOPE: &str = "calendar";

async fn calendar_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(done): Query<DoneQuery>,
) -> ApiResult<Markup> {
    let feed = feed_of(&state, &user).await?;
    let revoked = done.proven(&user, SCOPE) == Some("revoked");
    Ok(calendar_view(&user, feed.as_ref(), None, revoked))
}

async fn feed_of(state: &AppState, user: &UiUser) -> ApiResult<Option<StoredFeed>> {
    let name = user.session.user.name.clone();
    blocking(state, move |registry| Ok(calendar::feed_of(registry.store, &name)?)).await
}

/// Makes or replaces the feed's secret; the answer shows its address once (it is in no
/// address of the service and no redirect).
async fn create_feed(State(state): State<AppState>, user: UiUser, Form(form): Form<CsrfForm>) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    let name = user.session.user.name.clone();
    let lang = user.lang;
    let secret = blocking(&state, move |registry| {
        Ok(calendar::create_feed(registry.store, &name, lang, &name)?)
    })
    .await?;
    let url = calendar::feed_url(&state.public_url, &secret);
    let feed = feed_of(&state, &user).await?;
    Ok((
        StatusCode::CREATED,
        calendar_view(&user, feed.as_ref(), Some(&url), false),
    )
        .into_response())
}

async fn revoke_feed(State(state): State<AppState>, user: UiUser, Form(form): Form<CsrfForm>) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    let name = user.session.user.name.clone();
    blocking(&state, move |registry| {
        Ok(calendar::revoke_feed(registry.store, &name, &name)?)
    })
    .await?;
    let proof = user.done_proof(SCOPE, "revoked");
    Ok(Redirect::to(&format!("/ui/calendar?done=revoked&proof={proof}")).into_response())
}

async fn back_to_calendar(_user: UiUser) -> Redirect {
    Redirect::to("/ui/calendar")
}

fn calendar_view(user: &UiUser, feed: Option<&StoredFeed>, shown: Option<&str>, revoked: bool) -> Markup {
    let lang = user.lang;
    let csrf = &user.session.csrf;
    let body = html! {
        @if revoked {
            p.notice role="status" { (lang.t(m::CALENDAR_REVOKED)) }
        }
        p { (lang.t(m::CALENDAR_INTRO)) }
        @if let Some(url) = shown {
            section.notice role="status" {
                p { strong { (lang.t(m::CALENDAR_URL_ONCE)) } }
                label for="feed-url" { (lang.t(m::CALENDAR_URL_LABEL)) }
                input id="feed-url" type="text" readonly value=(url) size="60" data-value=(url);
            }
        }
        p { (lang.t(m::CALENDAR_SECRET_WARNING)) }
        p { (lang.t(m::CALENDAR_OUTLOOK_HOWTO)) }
        @match feed {
            Some(feed) => {
                p { (lang.t(m::CALENDAR_FEED_SINCE)) " " (words::moment(lang, feed.created_at)) "." }
                form method="post" action="/ui/calendar/feed" {
                    input type="hidden" name="csrf" value=(csrf);
                    button { (lang.t(m::CALENDAR_REPLACE)) }
                }
                form method="post" action="/ui/calendar/revoke" {
                    input type="hidden" name="csrf" value=(csrf);
                    button { (lang.t(m::CALENDAR_REVOKE)) }
                }
            }
            None => {
                p { (lang.t(m::CALENDAR_NO_FEED)) }
                form method="post" action="/ui/calendar/feed" {
                    input type="hidden" name="csrf" value=(csrf);
                    button { (lang.t(m::CALENDAR_CREATE)) }
                }
            }
        }
    };
    page(lang, Some(user), lang.t(m::CALENDAR_PAGE), body)
}

/// "My deadlines": the agenda as a table, each row with its kind, public title (a link to its
/// page), due day or moment and where it stands (overdue, today, this week, later) in words.
pub(super) fn agenda_table(lang: Lang, items: &[AgendaItem]) -> Markup {
    let today = helsinki_today();
    let buckets = Buckets::of(items, today);
    let when = |item: &AgendaItem| {
        let id = (item.kind, &item.id);
        let within = |list: &[AgendaItem]| list.iter().any(|i| (i.kind, &i.id) == id);
        if within(&buckets.overdue) {
            m::AGENDA_OVERDUE
        } else if within(&buckets.today) {
            m::AGENDA_TODAY
        } else if within(&buckets.this_week) {
            m::AGENDA_THIS_WEEK
        } else {
            m::AGENDA_LATER
        }
    };
    html! {
        @if items.is_empty() {
            p { (lang.t(m::MY_DEADLINES_NONE)) }
        } @else {
            div.scroll tabindex="0" role="region" aria-label=(lang.t(m::MY_DEADLINES)) {
            table.agenda {
                thead { tr {
                    th scope="col" { (lang.t(m::AGENDA_WHAT)) }
                    th scope="col" { (lang.t(m::TITLE)) }
                    th scope="col" { (lang.t(m::AGENDA_DUE)) }
                    th scope="col" { (lang.t(m::AGENDA_WHEN)) }
                } }
                tbody {
                    @for item in items {
                        tr {
                            td { (words::agenda_kind(item.kind).in_lang(lang)) }
                            td {
                                a href=(item.link) data-value=(item.title) {
                                    @if let Some(count) = item.count {
                                        (count) " " (lang.t(m::AGENDA_RECORDS_AWAITING_DISPOSAL))
                                    } @else {
                                        (item.title)
                                    }
                                }
                            }
                            td { (due_text(lang, item.due)) }
                            td { (lang.t(when(item))) }
                        }
                    }
                }
            }
            }
        }
    }
}

fn due_text(lang: Lang, due: Due) -> String {
    match due {
        Due::Day(day) => words::day(lang, day),
        Due::Instant(at) => words::moment(lang, at),
    }
}
