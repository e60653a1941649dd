//! The overview page (`/`): what needs doing — the user's own deadlines ("my deadlines", from
//! `kirjuri_agenda`, the one place that decides them), request deadlines of the next 14 days,
//! open incidents and retention dues, each shown only to a role that may read them.

use axum::extract::State;
use kirjuri_registry::CaseFilter;
use maud::{Markup, html};

use super::calendar::agenda_table;
use super::incidents::incident_table;
use super::messages as m;
use super::requests::request_table;
use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, blocking, helsinki_today, reader_of};
use crate::users::Permission;

pub(super) async fn overview(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    let lang = user.lang;
    let may_requests = user.may(Permission::ReadRequests);
    let may_incidents = user.may(Permission::ReadIncidents);
    let may_retention = user.may(Permission::ReadRetention);
    let app = state.clone();
    let reader = reader_of(&user.principal());
    let me = user.session.user.clone();
    let (mine, requests, incidents, dues, cases) = blocking(&state, move |registry| {
        let today = helsinki_today();
        let mine = crate::calendar::agenda_of(registry, &me, today)?;
        let requests = if may_requests {
            let filter = kirjuri_requests::RequestFilter {
                overdue: false,
                due_within_days: Some(14),
                assignee: None,
                state: None,
                kind: None,
                include_decided: false,
            };
            Some(kirjuri_requests::Requests { registry }.list_for(&filter, today, &reader)?)
        } else {
            None
        };
        let incidents = if may_incidents {
            Some(crate::api::incidents::incidents(registry, &app).list_for(true, None, &reader)?)
        } else {
            None
        };
        let dues = if may_retention {
            Some(kirjuri_archive::due_on(registry.store, today, None)?.len())
        } else {
            None
        };
        let cases = registry.list_cases(&CaseFilter::default(), &reader)?.len();
        Ok((mine, requests, incidents, dues, cases))
    })
    .await?;
    let today = helsinki_today();
    let body = html! {
        p { (lang.t(m::CASES_IN_THE_REGISTRY)) strong { (cases) } }
        form method="get" action="/ui/search" {
            label for="q" { (lang.t(m::SEARCH_DOCUMENTS)) }
            input id="q" name="q" type="search" size="40";
            button { (lang.t(m::SEARCH_2)) }
        }
        h2 { (lang.t(m::MY_DEADLINES)) }
        (agenda_table(lang, &mine))
        p { a href="/ui/calendar" { (lang.t(m::CALENDAR_PAGE)) } }
        @if let Some(requests) = &requests {
            h2 { (lang.t(m::REQUEST_DEADLINES_NEXT_14_DAYS)) }
            (request_table(lang, requests, today))
        }
        @if let Some(incidents) = &incidents {
            h2 { (lang.t(m::OPEN_INCIDENTS)) }
            (incident_table(lang, incidents))
        }
        @if let Some(dues) = dues {
            h2 { (lang.t(m::RETENTION_ENDED)) }
            p { a href="/ui/retention" { (dues) " " (lang.t(m::RECORDS)) } }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::OVERVIEW), body))
}
