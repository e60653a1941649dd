//! The information requests page (`/ui/requests`): open requests with their deadlines and a
//! form to register a new one; also the request table the overview shows.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::{Lang, UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::error::ApiError;
use crate::extract::Form;
use crate::users::Permission;

pub(super) fn request_table(
    lang: Lang,
    requests: &[kirjuri_requests::InfoRequest],
    today: chrono::NaiveDate,
) -> Markup {
    html! {
        @if requests.is_empty() { p.muted { (lang.t(m::NO_REQUESTS)) } }
        @else {
            table {
                tr {
                    th { (lang.t(m::DIARY_NUMBER)) } th { (lang.t(m::KIND)) }
                    th { (lang.t(m::STATE)) } th { (lang.t(m::RECEIVED)) }
                    th { (lang.t(m::DUE)) }
                }
                @for request in requests {
                    tr {
                        td { a href=(format!("/ui/cases/{}", request.case_id)) { (request.diary_number) } }
                        td { (super::words::request_kind(request.kind).in_lang(lang)) }
                        td { (super::words::request_state(request.state).in_lang(lang)) }
                        td { (super::words::day(lang, request.received_on)) }
                        @match &request.deadline {
                            Some(deadline) => {
                                // Lateness in words as well as colour.
                                td class=(if deadline.due_moved < today { "late" } else { "" }) {
                                    (super::words::day(lang, deadline.due_moved))
                                    @if deadline.due_moved < today { " " strong { (lang.t(m::OVERDUE)) } }
                                }
                            }
                            None => { td { "—" } }
                        }
                    }
                }
            }
        }
    }
}

pub(super) async fn requests_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Response> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let reader = crate::api::reader_of(&user.principal());
    let requests = blocking(&state, move |registry| {
        let filter = kirjuri_requests::RequestFilter {
            overdue: false,
            due_within_days: None,
            assignee: None,
            state: None,
            kind: None,
            include_decided: false,
        };
        Ok(kirjuri_requests::Requests { registry }.list_for(&filter, helsinki_today(), &reader)?)
    })
    .await?;
    Ok(page(
        lang,
        Some(&user),
        lang.t(m::INFORMATION_REQUESTS),
        requests_body(&user, &requests, None),
    )
    .into_response())
}

fn requests_body(user: &UiUser, requests: &[kirjuri_requests::InfoRequest], message: Option<&str>) -> Markup {
    let lang = user.lang;
    html! {
        @if let Some(message) = message { p { strong { (message) } } }
        (request_table(lang, requests, helsinki_today()))
        @if user.may(Permission::WriteRequests) {
            form method="post" action="/ui/requests" {
                fieldset {
                    legend { (lang.t(m::REGISTER_A_NEW_REQUEST)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label { (lang.t(m::KIND)) br;
                        select name="kind" {
                            @for kind in kirjuri_requests::RequestKind::ALL {
                                option value=(kind.key()) { (super::words::request_kind(*kind).in_lang(lang)) }
                            }
                        }
                    }
                    label { (lang.t(m::RECEIVED_DATE)) br; input name="received" type="date" required; }
                    label { (lang.t(m::REQUESTER)) br; input name="requester"; }
                    label { input type="checkbox" name="anonymous" value="true"; " " (lang.t(m::ANONYMOUS_PUBLICITY_ACT_REQUESTS_ONLY)) }
                    button { (lang.t(m::REGISTER)) }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct RequestForm {
    csrf: String,
    kind: String,
    received: String,
    requester: Option<String>,
    anonymous: Option<String>,
}

pub(super) async fn register_request(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<RequestForm>,
) -> ApiResult<Response> {
    user.check_csrf(&form.csrf)?;
    if !user.may(Permission::WriteRequests) {
        return Err(ApiError::Forbidden);
    }
    let request = kirjuri_requests::NewRequest {
        kind: kirjuri_requests::RequestKind::parse(&form.kind).map_err(ApiError::bad_request)?,
        received: kirjuri_clock::parse_start(&form.received)
            .map_err(|e| ApiError::bad_request(format!("received: {e}")))?,
        requester: form.requester.filter(|r| !r.trim().is_empty()),
        anonymous: form.anonymous.is_some(),
        channel: Some("web".to_owned()),
        origin: None,
        assignee: None,
        case: None,
    };
    let actor = actor_of(&user.principal());
    let stored = blocking(&state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.new_request(&request, &actor)?)
    })
    .await?;
    let _ = stored;
    Ok(Redirect::to("/ui/requests").into_response())
}
