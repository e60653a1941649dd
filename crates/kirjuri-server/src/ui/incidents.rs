//! The incidents page (`/ui/incidents`): security incidents and personal-data breaches;
//! also the incident table the overview shows.

use axum::extract::State;
use maud::{Markup, html};

use super::messages as m;
use super::{Lang, UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, blocking};
use crate::error::ApiError;
use crate::users::Permission;

pub(super) fn incident_table(lang: Lang, incidents: &[kirjuri_incidents::Incident]) -> Markup {
    let now = chrono::Utc::now();
    html! {
        @if incidents.is_empty() { p.muted { (lang.t(m::NO_INCIDENTS)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th { (lang.t(m::DIARY_NUMBER)) } th { (lang.t(m::TITLE)) }
                        th { (lang.t(m::STATE)) } th { (lang.t(m::AWARE_AT)) }
                        th { (lang.t(m::BREACH)) }
                        th { (lang.t(m::NEXT_DEADLINE)) }
                    }
                    @for incident in incidents {
                        tr {
                            td { a href=(format!("/ui/cases/{}", incident.case_id)) { (incident.diary_number) } }
                            td { (incident.title) }
                            td { (super::words::incident_state(incident.state).in_lang(lang)) }
                            td { (super::words::moment(lang, incident.aware_at)) }
                            td { (if incident.breach.is_some() { lang.t(m::YES) } else { lang.t(m::NO) }) }
                            // The nearest open legal clock (the Art 33 72 hours for a breach): what,
                            // when, and the time left or how late it is, in words.
                            @match incident.open_clocks().min_by_key(|c| c.due) {
                                Some(clock) => {
                                    td class=(if clock.due < now { "late" } else { "" }) {
                                        (super::words::clock(clock.kind).in_lang(lang)) br;
                                        (super::words::moment(lang, clock.due)) br;
                                        strong { (super::words::time_left(lang, clock.due, now)) }
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
}

pub(super) async fn incidents_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let app = state.clone();
    let reader = crate::api::reader_of(&user.principal());
    let incidents = blocking(&state, move |registry| {
        Ok(crate::api::incidents::incidents(registry, &app).list_for(false, None, &reader)?)
    })
    .await?;
    Ok(page(
        lang,
        Some(&user),
        lang.t(m::INCIDENTS),
        incident_table(lang, &incidents),
    ))
}

/// An incident's facts, legal clocks and history, as its case's page shows them.
pub(super) fn incident_summary(lang: Lang, incident: &kirjuri_incidents::Incident) -> Markup {
    let now = chrono::Utc::now();
    html! {
        section aria-labelledby="incident-heading" {
            h2 #incident-heading { (lang.t(m::THE_INCIDENT)) }
            dl.facts {
                dt { (lang.t(m::STATE)) } dd { (super::words::incident_state(incident.state).in_lang(lang)) }
                dt { (lang.t(m::AWARE_AT)) } dd { (super::words::moment(lang, incident.aware_at)) }
                dt { (lang.t(m::BREACH)) } dd { (if incident.breach.is_some() { lang.t(m::YES) } else { lang.t(m::NO) }) }
            }
            @if !incident.clocks.is_empty() {
                h3 { (lang.t(m::LEGAL_CLOCKS)) }
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::DEADLINE)) } th scope="col" { (lang.t(m::DUE)) }
                            th scope="col" { (lang.t(m::SITUATION)) }
                        }
                        @for clock in &incident.clocks {
                            tr {
                                td { (super::words::clock(clock.kind).in_lang(lang)) }
                                td { (super::words::moment(lang, clock.due)) }
                                td class=(if clock.met_by.is_none() && clock.cancelled.is_none() && clock.due < now { "late" } else { "" }) {
                                    @if clock.met_by.is_some() { (lang.t(m::CLOCK_MET)) }
                                    @else if clock.cancelled.is_some() { (lang.t(m::CLOCK_CANCELLED)) }
                                    @else { strong { (super::words::time_left(lang, clock.due, now)) } }
                                }
                            }
                        }
                    }
                }
            }
            @if !incident.state_history.is_empty() {
                h3 { (lang.t(m::HISTORY)) }
                ul {
                    @for (from, to, at, by) in &incident.state_history {
                        li {
                            (super::words::moment(lang, *at)) ": "
                            (super::words::incident_state(*from).in_lang(lang)) " → " (super::words::incident_state(*to).in_lang(lang))
                            " (" (by) ")"
                        }
                    }
                }
            }
        }
    }
}
