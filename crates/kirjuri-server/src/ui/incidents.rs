//! Incidents and personal-data breaches for the privacy officer: the list with the form to
//! register one (`/ui/incidents`), and one incident (`/ui/incidents/{id}`): its facts, the
//! live GDPR Art 33 72-hour clock (due moment and time left or how late, in words; a small
//! script keeps it current, the server's text is the fallback), the state transitions, marking
//! it a breach, the risk assessment, the notifications sent (to the Data Protection Ombudsman,
//! NCSC-FI or the data subjects, with day and reference) and the notification draft, shown and
//! downloadable. Every change is the API's use-case (`api::incidents::change_incident_as`).
//! The incident table of the overview and the incident summary of a case's page are here too.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use kirjuri_incidents::{
    Art34Exemption, BreachType, Classification, ClockKind, Incident, IncidentCategory, IncidentCause, IncidentOutcome,
    IncidentState, NotificationPhase, RiskLevel, Severity,
};
use maud::{Markup, html};

use super::messages as m;
use super::privacy::{CLOCK_SCRIPT_PATH, Fields, problem};
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{DoneQuery, Lang, UiUser, page, privacy, words};
use crate::AppState;
use crate::api::incidents::{IncidentChange, breach_for_draft, change_incident_as, new_incident_as};
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// A legal clock's time left (or how late), kept current by the countdown script from the
/// due moment and the words in its attributes; the server's text is what shows without it.
fn live_time_left(lang: Lang, due: DateTime<Utc>, now: DateTime<Utc>) -> Markup {
    html! {
        strong data-due=(due.to_rfc3339()) data-left=(lang.t(m::TIME_LEFT)) data-late=(lang.t(m::TIME_LATE))
            data-days=(lang.t(m::DAYS_SHORT)) class=(if due < now { "late" } else { "" }) {
            (words::time_left(lang, due, now))
        }
    }
}

pub(super) fn incident_table(lang: Lang, incidents: &[Incident]) -> Markup {
    let now = Utc::now();
    html! {
        @if incidents.is_empty() { p.muted { (lang.t(m::NO_INCIDENTS)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::DIARY_NUMBER)) } th scope="col" { (lang.t(m::TITLE)) }
                        th scope="col" { (lang.t(m::STATE)) } th scope="col" { (lang.t(m::AWARE_AT)) }
                        th scope="col" { (lang.t(m::BREACH)) }
                        th scope="col" { (lang.t(m::NEXT_DEADLINE)) }
                    }
                    @for incident in incidents {
                        tr {
                            td { a href=(format!("/ui/incidents/{}", incident.id)) { (incident.diary_number) } }
                            td { (incident.title) }
                            td { (words::incident_state(incident.state).in_lang(lang)) }
                            td { (words::moment(lang, incident.aware_at)) }
                            td { (if incident.breach.is_some() { lang.t(m::YES) } else { lang.t(m::NO) }) }
                            // The nearest open legal clock (the Art 33 72 hours for a breach): what,
                            // when, and the time left or how late it is, in words.
                            @match incident.open_clocks().min_by_key(|c| c.due) {
                                Some(clock) => {
                                    td {
                                        (words::clock(clock.kind).in_lang(lang)) br;
                                        (words::moment(lang, clock.due)) br;
                                        (live_time_left(lang, clock.due, now))
                                    }
                                }
                                None => { td { "—" } }
                            }
                        }
                    }
                }
            }
            script src=(CLOCK_SCRIPT_PATH) defer {}
        }
    }
}

pub(super) async fn incidents_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Response> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    Ok(list_page(&state, &user, &Fields::default(), &[]).await?.into_response())
}

async fn list_page(state: &AppState, user: &UiUser, fields: &Fields, errors: &[FieldError]) -> ApiResult<Markup> {
    let lang = user.lang;
    let app = state.clone();
    let reader = reader_of(&user.principal());
    let incidents = blocking(state, move |registry| {
        Ok(crate::api::incidents::incidents(registry, &app).list_for(false, None, &reader)?)
    })
    .await?;
    let body = html! {
        (incident_table(lang, &incidents))
        @if user.may(Permission::WriteIncidents) { (register_form(user, fields, errors)) }
    };
    Ok(page(lang, Some(user), lang.t(m::INCIDENTS), body))
}

/// Now in Helsinki time as a `datetime-local` field's value.
fn local_now() -> String {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A moment typed in a `datetime-local` field (`2026-11-30T10:15`), in Helsinki time.
fn read_local_moment(text: &str) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

fn register_form(user: &UiUser, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let aware = fields.text("aware_at").unwrap_or_else(local_now);
    html! {
        form #register method="post" action="/ui/incidents" {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::INC_REGISTER)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="title" { (lang.t(m::TITLE)) }
                input id="title" name="title" value=(fields.get("title")) size="50" required aria-describedby=[described_by(errors, "title")];
                (field_error(errors, "title"))
                label for="aware_at" { (lang.t(m::INC_AWARE_AT)) }
                span.hint id="aware_at-hint" { (lang.t(m::INC_AWARE_AT_HINT)) }
                input id="aware_at" name="aware_at" type="datetime-local" value=(aware) required
                    aria-describedby=(described_with_hint(errors, "aware_at", "aware_at-hint"));
                (field_error(errors, "aware_at"))
                label for="description" { (lang.t(m::INC_DESCRIPTION)) }
                textarea id="description" name="description" rows="3" cols="50" aria-describedby=[described_by(errors, "description")] { (fields.get("description")) }
                (field_error(errors, "description"))
                label for="severity" { (lang.t(m::INC_SEVERITY)) }
                select id="severity" name="severity" {
                    @for severity in Severity::ALL {
                        option value=(severity.key()) selected[fields.has("severity", severity.key())] { (privacy::severity(*severity).in_lang(lang)) }
                    }
                }
                label { input type="checkbox" name="breach" value="true" checked[fields.ticked("breach")]; " " (lang.t(m::INC_IS_BREACH)) }
                label { input type="checkbox" name="nis2" value="true" checked[fields.ticked("nis2")]; " " (lang.t(m::INC_IS_NIS2)) }
                label for="nis2_significant_at" { (lang.t(m::INC_NIS2_SIGNIFICANT_AT)) }
                span.hint id="nis2_significant_at-hint" { (lang.t(m::INC_NIS2_SIGNIFICANT_NEW_HINT)) }
                input id="nis2_significant_at" name="nis2_significant_at" type="datetime-local" value=(fields.get("nis2_significant_at"))
                    aria-describedby=(described_with_hint(errors, "nis2_significant_at", "nis2_significant_at-hint"));
                (field_error(errors, "nis2_significant_at"))
                button { (lang.t(m::REGISTER)) }
            }
        }
    }
}

/// Registers an incident from the list page's form (the API's use-case).
pub(super) async fn register_incident(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    let title = fields.text("title");
    if title.is_none() {
        errors.push(FieldError::new(
            "title",
            "missing_title",
            lang,
            m::PROBLEM_MISSING_TITLE,
        ));
    }
    let aware_at = read_local_moment(fields.get("aware_at"));
    if aware_at.is_none() {
        errors.push(FieldError::new("aware_at", "bad_date", lang, m::INC_PROBLEM_MOMENT));
    }
    let significant_at = fields.text("nis2_significant_at").map(|text| read_local_moment(&text));
    if significant_at.is_some_and(|at| at.is_none()) {
        errors.push(FieldError::new(
            "nis2_significant_at",
            "bad_date",
            lang,
            m::INC_PROBLEM_MOMENT,
        ));
    }
    let (Some(title), Some(aware_at), true) = (title, aware_at, errors.is_empty()) else {
        return list_refused(&state, &user, &fields, &errors).await;
    };
    let request = kirjuri_incidents::NewIncident {
        title,
        description: fields.text("description"),
        aware_at,
        detected_at: None,
        occurred_at: None,
        reporter: Some(user.session.user.name.clone()),
        severity: Severity::parse(fields.get("severity")).unwrap_or(Severity::Unspecified),
        breach: fields.ticked("breach"),
        nis2: fields.ticked("nis2"),
        nis2_significant_at: significant_at.flatten(),
        classification: Default::default(),
    };
    let actor = actor_of(&user.principal());
    let app = state.clone();
    let stored = blocking(&state, move |registry| {
        new_incident_as(registry, &app, &request, &actor)
    })
    .await;
    match stored {
        Ok(incident) => Ok(Redirect::to(&incident_done(&user, &incident.id, "registered")).into_response()),
        Err(error) => {
            let errors = [problem(
                lang,
                &error,
                &["title", "aware_at", "description", "nis2_significant_at"],
                &[("times", "aware_at")],
            )];
            list_refused(&state, &user, &fields, &errors).await
        }
    }
}

async fn list_refused(state: &AppState, user: &UiUser, fields: &Fields, errors: &[FieldError]) -> ApiResult<Response> {
    let page = list_page(state, user, fields, errors).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// The incident page's address after an action (`registered`, `moved`, `breach`, `assessed`,
/// `notified`).
fn incident_done(user: &UiUser, id: &str, done: &str) -> String {
    let proof = user.done_proof(&format!("incident:{id}"), done);
    format!("/ui/incidents/{id}?done={done}&proof={proof}")
}

/// Which form of the incident page a kept input and its errors belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    None,
    Transition,
    Breach,
    Nis2,
    Nis2Request,
    Assessment,
    Notification,
    Classification,
}

pub(super) async fn incident_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    let done = query.proven(&user, &format!("incident:{id}")).map(str::to_owned);
    incident_view(
        &state,
        &user,
        id,
        done.as_deref(),
        (Which::None, &Fields::default()),
        &[],
    )
    .await
}

async fn incident_view(
    state: &AppState,
    user: &UiUser,
    id: String,
    done: Option<&str>,
    kept: (Which, &Fields),
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let app = state.clone();
    let reader = reader_of(&user.principal());
    let incident = blocking(state, move |registry| {
        Ok(crate::api::incidents::incidents(registry, &app).get_for(&id, &reader)?)
    })
    .await?;
    let draft = incident
        .breach
        .is_some()
        .then(|| kirjuri_incidents::notification_markdown(&incident, &state.organisation));
    let may_write = user.may(Permission::WriteIncidents);
    let (which, fields) = kept;
    let empty = Fields::default();
    let kept_for = |form: Which| if which == form { fields } else { &empty };
    let errors_for = |form: Which| if which == form { errors } else { &[] };
    let body = html! {
        @if let Some(done) = done { (done_notice(lang, &incident, done)) }
        (error_summary(lang, errors))
        (facts(lang, &incident))
        (art33_clock(lang, &incident))
        (clocks_table(lang, &incident))
        @if may_write && !incident.nis2 { (nis2_form(user, &incident, kept_for(Which::Nis2), errors_for(Which::Nis2))) }
        @if incident.nis2 { (nis2_reports(user, &incident, may_write, kept_for(Which::Nis2Request), errors_for(Which::Nis2Request))) }
        @if may_write { (transition_form(user, &incident, kept_for(Which::Transition), errors_for(Which::Transition))) }
        @if may_write { (classification_form(user, &incident, kept_for(Which::Classification), errors_for(Which::Classification))) }
        (breach_section(user, &incident, may_write, (kept_for(Which::Breach), errors_for(Which::Breach)), kept_for(Which::Assessment), errors_for(Which::Assessment)))
        (notifications_section(user, &incident, may_write, kept_for(Which::Notification), errors_for(Which::Notification)))
        @if let Some(draft) = draft {
            section aria-labelledby="draft-heading" {
                h2 #draft-heading { (lang.t(m::INC_DRAFT)) }
                p { (lang.t(m::INC_DRAFT_HINT)) }
                p { a.button href=(format!("/ui/incidents/{}/draft.md", incident.id)) download { (lang.t(m::INC_DRAFT_DOWNLOAD)) } }
                details {
                    summary { (lang.t(m::INC_DRAFT_SHOW)) }
                    div.scroll tabindex="0" role="region" aria-label=(lang.t(m::INC_DRAFT)) { pre data-value="draft" { (draft) } }
                }
            }
        }
        (history(lang, &incident))
        script src=(CLOCK_SCRIPT_PATH) defer {}
    };
    Ok(page(
        lang,
        Some(user),
        &format!("{} {}", lang.t(m::INC_INCIDENT), incident.diary_number),
        body,
    ))
}

fn done_notice(lang: Lang, incident: &Incident, done: &str) -> Markup {
    let text = match done {
        "registered" => words::fill(lang.t(m::INC_DONE_REGISTERED), &[&incident.diary_number.to_string()]),
        "moved" => words::fill(
            lang.t(m::INC_DONE_MOVED),
            &[words::incident_state(incident.state).in_lang(lang)],
        ),
        "breach" => lang.t(m::INC_DONE_BREACH).to_owned(),
        "awareness" => lang.t(m::INC_DONE_AWARENESS).to_owned(),
        "nis2" => lang.t(m::INC_DONE_NIS2).to_owned(),
        "nis2_request" => lang.t(m::INC_DONE_NIS2_REQUEST).to_owned(),
        "assessed" => lang.t(m::INC_DONE_ASSESSED).to_owned(),
        "notified" => lang.t(m::INC_DONE_NOTIFIED).to_owned(),
        "classified" => lang.t(m::INC_DONE_CLASSIFIED).to_owned(),
        _ => return html! {},
    };
    html! { p.notice role="status" { strong { (text) } } }
}

fn facts(lang: Lang, incident: &Incident) -> Markup {
    html! {
        dl.facts {
            dt { (lang.t(m::TITLE)) } dd data-value="title" { (incident.title) }
            dt { (lang.t(m::CASE)) } dd { a href=(format!("/ui/cases/{}", incident.case_id)) { (incident.diary_number) } }
            dt { (lang.t(m::STATE)) } dd { (words::incident_state(incident.state).in_lang(lang)) }
            dt { (lang.t(m::INC_SEVERITY)) } dd { (privacy::severity(incident.severity).in_lang(lang)) }
            dt { (lang.t(m::INC_AWARE_AT)) } dd { (words::moment(lang, incident.aware_at)) }
            dt { (lang.t(m::INC_DETECTED_AT)) } dd { (words::moment(lang, incident.detected_at)) }
            dt { (lang.t(m::BREACH)) } dd { (if incident.breach.is_some() { lang.t(m::YES) } else { lang.t(m::NO) }) }
            dt { (lang.t(m::INC_CATEGORY)) } dd { (classified(lang, incident.classification.category.map(privacy::category))) }
            dt { (lang.t(m::INC_CAUSE)) } dd { (classified(lang, incident.classification.cause.map(privacy::cause))) }
            dt { (lang.t(m::INC_OUTCOME)) } dd { (classified(lang, incident.classification.outcome.map(privacy::outcome))) }
            @if let Some(significant) = incident.nis2_significant_at() {
                dt { (lang.t(m::INC_NIS2_SIGNIFICANT_AT)) } dd { (words::moment(lang, significant)) }
            }
            @if let Some(description) = &incident.description { dt { (lang.t(m::INC_DESCRIPTION)) } dd data-value="description" { (description) } }
        }
    }
}

/// A part of the classification in words, or "not set".
fn classified(lang: Lang, words: Option<super::words::Words>) -> &'static str {
    lang.t(words.unwrap_or(m::INC_NOT_CLASSIFIED))
}

/// The form to set the category, cause and outcome (chapter 3.4 of the annual report): each a
/// list of the vocabulary's words with "(as it is)" first, which keeps the stored value.
fn classification_form(user: &UiUser, incident: &Incident, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let current = &incident.classification;
    let select = |name: &'static str,
                  label: super::words::Words,
                  options: Vec<(&'static str, super::words::Words)>,
                  now: Option<&'static str>| {
        html! {
            label for=(name) { (lang.t(label)) }
            select id=(name) name=(name) aria-describedby=(described_with_hint(errors, name, "classification-hint")) {
                option value="" { (lang.t(m::INC_KEEP)) }
                @for (key, words) in options {
                    @let chosen = if fields.has(name, "") || fields.get(name).is_empty() { now == Some(key) } else { fields.has(name, key) };
                    option value=(key) selected[chosen] { (lang.t(words)) }
                }
            }
            (field_error(errors, name))
        }
    };
    html! {
        form #classification method="post" action=(format!("/ui/incidents/{}/classification", incident.id)) {
            fieldset {
                legend { (lang.t(m::INC_CLASSIFICATION)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint id="classification-hint" { (lang.t(m::INC_CLASSIFY_HINT)) }
                (select("category", m::INC_CATEGORY,
                    IncidentCategory::ALL.iter().map(|c| (c.key(), privacy::category(*c))).collect(),
                    current.category.map(IncidentCategory::key)))
                (select("cause", m::INC_CAUSE,
                    IncidentCause::ALL.iter().map(|c| (c.key(), privacy::cause(*c))).collect(),
                    current.cause.map(IncidentCause::key)))
                (select("outcome", m::INC_OUTCOME,
                    IncidentOutcome::ALL.iter().map(|o| (o.key(), privacy::outcome(*o))).collect(),
                    current.outcome.map(IncidentOutcome::key)))
                button { (lang.t(m::INC_CLASSIFY)) }
            }
        }
    }
}

/// The Art 33 clock in its own box: the due moment and the time left or how late, in words.
fn art33_clock(lang: Lang, incident: &Incident) -> Markup {
    let now = Utc::now();
    let Some(clock) = incident
        .clocks
        .iter()
        .rev()
        .find(|c| c.kind == ClockKind::OmbudsmanNotification)
    else {
        return html! {};
    };
    html! {
        section.clock aria-labelledby="clock-heading" {
            h2 #clock-heading { (lang.t(m::INC_CLOCK_HEADING)) }
            p { (words::fill(lang.t(m::INC_CLOCK_FROM), &[&words::moment(lang, clock.started_at)])) }
            p { (words::fill(lang.t(m::INC_CLOCK_DUE), &[&words::moment(lang, clock.due)])) }
            @if clock.met_by.is_some() {
                p { strong { (lang.t(m::CLOCK_MET)) } }
            } @else if clock.cancelled.is_some() {
                p { strong { (lang.t(m::CLOCK_CANCELLED)) } }
            } @else {
                p { (live_time_left(lang, clock.due, now)) }
            }
        }
    }
}

fn clocks_table(lang: Lang, incident: &Incident) -> Markup {
    let now = Utc::now();
    html! {
        @if !incident.clocks.is_empty() {
            h2 { (lang.t(m::LEGAL_CLOCKS)) }
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::INC_OBLIGATION)) } th scope="col" { (lang.t(m::DUE)) }
                        th scope="col" { (lang.t(m::SITUATION)) }
                    }
                    @for clock in &incident.clocks {
                        tr {
                            td { (words::clock(clock.kind).in_lang(lang)) }
                            td {
                                // A month clock is due by the end of its day (shown as the day) and
                                // alerts on it; the day it moves to past a weekend or holiday is said
                                // too (DOMAIN.md §5.8). Hour clocks show their moment.
                                @match clock.due_day {
                                    Some((due, moved)) => {
                                        (words::day(lang, due))
                                        @if due != moved { " " (words::fill(lang.t(m::INC_DUE_DAY_MOVED), &[&words::day(lang, moved)])) }
                                    }
                                    None => (words::moment(lang, clock.due)),
                                }
                            }
                            td {
                                @if clock.met_by.is_some() { (lang.t(m::CLOCK_MET)) }
                                @else if clock.cancelled.is_some() { (lang.t(m::CLOCK_CANCELLED)) }
                                @else { (live_time_left(lang, clock.due, now)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn transition_form(user: &UiUser, incident: &Incident, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let next = incident.state.allowed_next();
    html! {
        @if !next.is_empty() {
            form method="post" action=(format!("/ui/incidents/{}/transition", incident.id)) {
                fieldset {
                    legend { (lang.t(m::INC_MOVE)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label for="state" { (lang.t(m::NEW_STATE)) }
                    select id="state" name="state" aria-describedby=[described_by(errors, "state")] {
                        @for state in next {
                            option value=(state.key()) selected[fields.has("state", state.key())] { (words::incident_state(*state).in_lang(lang)) }
                        }
                    }
                    (field_error(errors, "state"))
                    button { (lang.t(m::INC_MOVE)) }
                }
            }
        }
    }
}

fn breach_section(
    user: &UiUser,
    incident: &Incident,
    may_write: bool,
    awareness: (&Fields, &[FieldError]),
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    html! {
        section aria-labelledby="breach-heading" {
            h2 #breach-heading { (lang.t(m::INC_BREACH_HEADING)) }
            @match &incident.breach {
                None => {
                    p { (lang.t(m::INC_NOT_A_BREACH)) }
                    @if may_write {
                        (mark_breach_form(user, incident, awareness.0, awareness.1))
                    }
                }
                Some(breach) => {
                    dl.facts {
                        dt { (lang.t(m::INC_BREACH_AWARE_AT)) }
                        dd { (incident.breach_aware_at().map_or(String::new(), |at| words::moment(lang, at))) }
                        dt { (lang.t(m::INC_RISK)) } dd { (breach.current_risk().map_or(lang.t(m::INC_NOT_ASSESSED), |r| privacy::risk(r).in_lang(lang))) }
                        dt { (lang.t(m::INC_TYPES)) } dd {
                            @if breach.types.is_empty() { "—" }
                            @for (i, kind) in breach.types.iter().enumerate() { @if i > 0 { ", " } (privacy::breach_type(*kind).in_lang(lang)) }
                        }
                        dt { (lang.t(m::INC_DATA_CATEGORIES)) } dd data-value="categories" { (if breach.data_categories.is_empty() { "—".to_owned() } else { breach.data_categories.join(", ") }) }
                        dt { (lang.t(m::INC_PEOPLE)) } dd { (breach.approx_people.map_or("—".to_owned(), |n| n.to_string())) }
                        dt { (lang.t(m::INC_RECORDS)) } dd { (breach.approx_records.map_or("—".to_owned(), |n| n.to_string())) }
                        @if let Some((ground, explanation)) = &breach.art34_exemption {
                            dt { (lang.t(m::INC_EXEMPTION)) } dd { (privacy::exemption(*ground).in_lang(lang)) ": " span data-value="exemption" { (explanation) } }
                        }
                    }
                    @if !breach.assessments.is_empty() {
                        h3 { (lang.t(m::INC_ASSESSMENTS)) }
                        div.scroll tabindex="0" {
                            table {
                                tr { th scope="col" { (lang.t(m::WHEN)) } th scope="col" { (lang.t(m::INC_RISK)) } th scope="col" { (lang.t(m::BY)) } th scope="col" { (lang.t(m::INC_RATIONALE)) } }
                                @for assessment in &breach.assessments {
                                    tr {
                                        td { (words::moment(lang, assessment.at)) }
                                        td { (privacy::risk(assessment.risk).in_lang(lang)) }
                                        td data-value="by" { (assessment.by) }
                                        td data-value="rationale" { (assessment.rationale) }
                                    }
                                }
                            }
                        }
                    }
                    (awareness_history(lang, breach))
                    @if may_write { (change_awareness_form(user, incident, awareness.0, awareness.1)) }
                    @if may_write { (assessment_form(user, incident, breach, fields, errors)) }
                }
            }
        }
    }
}

/// Marks the incident a significant NIS2 incident (opt-in), with when it was found significant.
fn nis2_form(user: &UiUser, incident: &Incident, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #mark-nis2 method="post" action=(format!("/ui/incidents/{}/nis2", incident.id)) {
            fieldset {
                legend { (lang.t(m::INC_MARK_NIS2)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="significant_at" { (lang.t(m::INC_NIS2_SIGNIFICANT_AT)) }
                span.hint id="significant_at-hint" { (lang.t(m::INC_NIS2_SIGNIFICANT_HINT)) }
                input id="significant_at" name="significant_at" type="datetime-local" value=(fields.get("significant_at"))
                    aria-describedby=(described_with_hint(errors, "significant_at", "significant_at-hint"));
                (field_error(errors, "significant_at"))
                button { (lang.t(m::INC_MARK_NIS2)) }
            }
        }
    }
}

/// The NIS2 supervisor's requests for intermediate reports (NIS2 Art 23(4)(c)) and the form to
/// record one; the rule of the progress and final reports in words (Art 23(4)(d)–(e)).
fn nis2_reports(user: &UiUser, incident: &Incident, may_write: bool, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        section #nis2-reports aria-labelledby="nis2-reports-heading" {
            h2 #nis2-reports-heading { (lang.t(m::INC_NIS2_REPORTS)) }
            p { (lang.t(m::INC_NIS2_REPORTS_RULE)) }
            @if !incident.nis2_report_requests.is_empty() {
                div.scroll tabindex="0" {
                    table #nis2-requests {
                        tr {
                            th scope="col" { (lang.t(m::INC_NIS2_ASKED_ON)) }
                            th scope="col" { (lang.t(m::INC_NIS2_DUE_ON)) }
                            th scope="col" { (lang.t(m::INC_NIS2_WHAT)) }
                        }
                        @for request in &incident.nis2_report_requests {
                            tr {
                                td { (words::day(lang, request.asked_on)) }
                                td { (words::day(lang, request.due_on)) }
                                td { span data-value="what" { (request.what) } }
                            }
                        }
                    }
                }
            }
            @if may_write && incident.state != IncidentState::Closed {
                form #nis2-request method="post" action=(format!("/ui/incidents/{}/nis2-request", incident.id)) {
                    fieldset {
                        legend { (lang.t(m::INC_NIS2_RECORD_REQUEST)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        label for="asked_on" { (lang.t(m::INC_NIS2_ASKED_ON)) }
                        input id="asked_on" name="asked_on" type="date" value=(fields.get("asked_on")) required aria-describedby=[described_by(errors, "asked_on")];
                        (field_error(errors, "asked_on"))
                        label for="due_on" { (lang.t(m::INC_NIS2_DUE_ON)) }
                        input id="due_on" name="due_on" type="date" value=(fields.get("due_on")) required aria-describedby=[described_by(errors, "due_on")];
                        (field_error(errors, "due_on"))
                        label for="what" { (lang.t(m::INC_NIS2_WHAT)) }
                        textarea id="what" name="what" rows="2" cols="50" required aria-describedby=[described_by(errors, "what")] { (fields.get("what")) }
                        (field_error(errors, "what"))
                        button { (lang.t(m::INC_NIS2_RECORD_REQUEST)) }
                    }
                }
            }
        }
    }
}

/// Marks the incident a breach, with when it became known that personal data were affected
/// (empty: the incident's awareness).
fn mark_breach_form(user: &UiUser, incident: &Incident, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #mark-breach method="post" action=(format!("/ui/incidents/{}/breach", incident.id)) {
            fieldset {
                legend { (lang.t(m::INC_MARK_BREACH)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (lang.t(m::INC_MARK_BREACH_HINT)) }
                label for="breach_aware_at" { (lang.t(m::INC_BREACH_AWARE_AT)) }
                span.hint id="breach_aware_at-hint" { (lang.t(m::INC_BREACH_AWARE_AT_HINT)) }
                input id="breach_aware_at" name="breach_aware_at" type="datetime-local" value=(fields.get("breach_aware_at"))
                    aria-describedby=(described_with_hint(errors, "breach_aware_at", "breach_aware_at-hint"));
                (field_error(errors, "breach_aware_at"))
                button { (lang.t(m::INC_MARK_BREACH)) }
            }
        }
    }
}

/// The earlier moments of awareness of the breach, with who changed them and why.
fn awareness_history(lang: Lang, breach: &kirjuri_incidents::Breach) -> Markup {
    html! {
        @if !breach.awareness_history.is_empty() {
            h3 { (lang.t(m::INC_AWARENESS_HISTORY)) }
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::INC_AWARENESS_WAS)) } th scope="col" { (lang.t(m::WHEN)) }
                        th scope="col" { (lang.t(m::BY)) } th scope="col" { (lang.t(m::INC_CHANGE_REASON)) }
                    }
                    @for change in &breach.awareness_history {
                        tr {
                            td { (words::moment(lang, change.from)) }
                            td { (words::moment(lang, change.at)) }
                            td data-value="by" { (change.by) }
                            td data-value="reason" { (change.reason) }
                        }
                    }
                }
            }
        }
    }
}

/// Corrects when it became known that personal data were affected, with the reason.
fn change_awareness_form(user: &UiUser, incident: &Incident, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let current = incident
        .breach_aware_at()
        .map(|at| {
            at.with_timezone(&chrono_tz::Europe::Helsinki)
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let value = fields.text("breach_aware_at").unwrap_or(current);
    html! {
        form #breach-awareness method="post" action=(format!("/ui/incidents/{}/breach-awareness", incident.id)) {
            fieldset {
                legend { (lang.t(m::INC_CHANGE_AWARENESS)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (lang.t(m::INC_CHANGE_AWARENESS_HINT)) }
                label for="breach_aware_at" { (lang.t(m::INC_BREACH_AWARE_AT)) }
                input id="breach_aware_at" name="breach_aware_at" type="datetime-local" value=(value) required
                    aria-describedby=[described_by(errors, "breach_aware_at")];
                (field_error(errors, "breach_aware_at"))
                label for="reason" { (lang.t(m::INC_CHANGE_REASON)) }
                input id="reason" name="reason" value=(fields.get("reason")) size="50" required
                    aria-describedby=[described_by(errors, "reason")];
                (field_error(errors, "reason"))
                button { (lang.t(m::INC_CHANGE_AWARENESS)) }
            }
        }
    }
}

fn assessment_form(
    user: &UiUser,
    incident: &Incident,
    breach: &kirjuri_incidents::Breach,
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    // A new assessment starts from what is known; a refused one keeps what was typed.
    let refused = !errors.is_empty();
    let people = if refused {
        fields.get("people").to_owned()
    } else {
        breach.approx_people.map_or(String::new(), |n| n.to_string())
    };
    let records = if refused {
        fields.get("records").to_owned()
    } else {
        breach.approx_records.map_or(String::new(), |n| n.to_string())
    };
    let categories = if refused {
        fields.get("data_categories").to_owned()
    } else {
        breach.data_categories.join("\n")
    };
    let type_ticked = |kind: BreachType| {
        if refused {
            fields.has("types", kind.key())
        } else {
            breach.types.contains(&kind)
        }
    };
    let flag = |name: &str, known: bool| if refused { fields.ticked(name) } else { known };
    html! {
        form #assessment method="post" action=(format!("/ui/incidents/{}/assessment", incident.id)) {
            fieldset {
                legend { (lang.t(m::INC_ASSESS)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="risk" { (lang.t(m::INC_RISK)) }
                // The current assessment is chosen (a careless save keeps it); before the first
                // one the officer must choose, nothing is assumed.
                select id="risk" name="risk" required aria-describedby=[described_by(errors, "risk")] {
                    option value="" selected[!refused && breach.current_risk().is_none()] { (lang.t(m::CHOOSE)) }
                    @for level in RiskLevel::ALL {
                        @let chosen = if refused { fields.has("risk", level.key()) } else { breach.current_risk() == Some(*level) };
                        option value=(level.key()) selected[chosen] { (privacy::risk(*level).in_lang(lang)) }
                    }
                }
                (field_error(errors, "risk"))
                label for="rationale" { (lang.t(m::INC_RATIONALE)) }
                span.hint id="rationale-hint" { (lang.t(m::INC_RATIONALE_HINT)) }
                textarea id="rationale" name="rationale" rows="3" cols="50" required
                    aria-describedby=(described_with_hint(errors, "rationale", "rationale-hint")) { (fields.get("rationale")) }
                (field_error(errors, "rationale"))
                fieldset {
                    legend { (lang.t(m::INC_TYPES)) }
                    @for kind in BreachType::ALL {
                        label { input type="checkbox" name="types" value=(kind.key()) checked[type_ticked(*kind)]; " " (privacy::breach_type(*kind).in_lang(lang)) }
                    }
                }
                label for="data_categories" { (lang.t(m::INC_DATA_CATEGORIES)) }
                span.hint id="data_categories-hint" { (lang.t(m::ONE_A_LINE)) }
                textarea id="data_categories" name="data_categories" rows="2" cols="40"
                    aria-describedby=(described_with_hint(errors, "data_categories", "data_categories-hint")) { (categories) }
                (field_error(errors, "data_categories"))
                label for="people" { (lang.t(m::INC_PEOPLE)) }
                input id="people" name="people" inputmode="numeric" value=(people) size="8" aria-describedby=[described_by(errors, "people")];
                (field_error(errors, "people"))
                label for="records" { (lang.t(m::INC_RECORDS)) }
                input id="records" name="records" inputmode="numeric" value=(records) size="8" aria-describedby=[described_by(errors, "records")];
                (field_error(errors, "records"))
                label { input type="checkbox" name="special" value="true" checked[flag("special", breach.special_categories)]; " " (lang.t(m::INC_SPECIAL)) }
                label { input type="checkbox" name="identity_codes" value="true" checked[flag("identity_codes", breach.personal_identity_codes)]; " " (lang.t(m::INC_IDENTITY_CODES)) }
                label { input type="checkbox" name="minors" value="true" checked[flag("minors", breach.minors)]; " " (lang.t(m::INC_MINORS)) }
                label { input type="checkbox" name="criminal" value="true" checked[flag("criminal", breach.criminal_data)]; " " (lang.t(m::INC_CRIMINAL)) }
                label for="exemption" { (lang.t(m::INC_EXEMPTION)) }
                select id="exemption" name="exemption" {
                    option value="" { (lang.t(m::INC_NO_EXEMPTION)) }
                    @for ground in Art34Exemption::ALL {
                        option value=(ground.key()) selected[fields.has("exemption", ground.key())] { (privacy::exemption(*ground).in_lang(lang)) }
                    }
                }
                label for="exemption_text" { (lang.t(m::INC_EXEMPTION_TEXT)) }
                input id="exemption_text" name="exemption_text" value=(fields.get("exemption_text")) size="50";
                button { (lang.t(m::INC_ASSESS)) }
            }
        }
    }
}

fn notifications_section(
    user: &UiUser,
    incident: &Incident,
    may_write: bool,
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let sent_at = fields.text("sent_at").unwrap_or_else(local_now);
    html! {
        section aria-labelledby="notifications-heading" {
            h2 #notifications-heading { (lang.t(m::INC_NOTIFICATIONS)) }
            @if incident.notifications.is_empty() { p.muted { (lang.t(m::INC_NO_NOTIFICATIONS)) } }
            @else {
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::INC_PHASE)) } th scope="col" { (lang.t(m::INC_SENT_AT)) }
                            th scope="col" { (lang.t(m::INC_AUTHORITY)) } th scope="col" { (lang.t(m::INC_REFERENCE)) }
                            th scope="col" { (lang.t(m::INC_ON_TIME)) }
                        }
                        @for notice in &incident.notifications {
                            tr {
                                td { (privacy::phase(notice.phase).in_lang(lang)) }
                                td { (words::moment(lang, notice.sent_at)) }
                                td data-value="authority" { (notice.authority) }
                                td data-value="reference" { (notice.reference_no.as_deref().unwrap_or("—")) }
                                td {
                                    @match notice.on_time {
                                        Some(true) => { (lang.t(m::INC_IN_TIME)) }
                                        Some(false) => { strong { (lang.t(m::INC_LATE)) } @if let Some(reason) = &notice.late_reason { ": " span data-value="late-reason" { (reason) } } }
                                        None => { "—" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if may_write {
                form #notify method="post" action=(format!("/ui/incidents/{}/notifications", incident.id)) {
                    fieldset {
                        legend { (lang.t(m::INC_RECORD_NOTIFICATION)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        label for="phase" { (lang.t(m::INC_PHASE)) }
                        select id="phase" name="phase" aria-describedby=[described_by(errors, "phase")] {
                            @for phase in NotificationPhase::ALL {
                                option value=(phase.key()) selected[fields.has("phase", phase.key())] { (privacy::phase(*phase).in_lang(lang)) }
                            }
                        }
                        (field_error(errors, "phase"))
                        label for="sent_at" { (lang.t(m::INC_SENT_AT)) }
                        input id="sent_at" name="sent_at" type="datetime-local" value=(sent_at) required aria-describedby=[described_by(errors, "sent_at")];
                        (field_error(errors, "sent_at"))
                        label for="reference" { (lang.t(m::INC_REFERENCE)) }
                        input id="reference" name="reference" value=(fields.get("reference")) size="30";
                        label for="late_reason" { (lang.t(m::INC_LATE_REASON)) }
                        span.hint id="late_reason-hint" { (lang.t(m::INC_LATE_REASON_HINT)) }
                        input id="late_reason" name="late_reason" value=(fields.get("late_reason")) size="50"
                            aria-describedby=(described_with_hint(errors, "late_reason", "late_reason-hint"));
                        (field_error(errors, "late_reason"))
                        button { (lang.t(m::INC_RECORD_NOTIFICATION)) }
                    }
                }
            }
        }
    }
}

fn history(lang: Lang, incident: &Incident) -> Markup {
    html! {
        h2 { (lang.t(m::HISTORY)) }
        @if incident.state_history.is_empty() { p.muted { (lang.t(m::NO_CHANGES_YET)) } }
        @else {
            ul {
                @for (from, to, at, by) in &incident.state_history {
                    li {
                        (words::moment(lang, *at)) ": "
                        (words::incident_state(*from).in_lang(lang)) " → " (words::incident_state(*to).in_lang(lang))
                        " (" span data-value="by" { (by) } ")"
                    }
                }
            }
        }
    }
}

/// Runs one change of the incident page's forms and answers with the page again: a redirect
/// with the message on success, the form with its input and the problem on a refusal.
async fn change(
    state: AppState,
    user: UiUser,
    id: String,
    change: Result<IncidentChange, FieldError>,
    kept: (Which, Fields),
    done: &str,
) -> ApiResult<Response> {
    let (which, fields) = kept;
    let change = match change {
        Ok(change) => change,
        Err(problem) => return change_refused(&state, &user, id, (which, &fields), &[problem]).await,
    };
    let app = state.clone();
    let reader = reader_of(&user.principal());
    let actor = actor_of(&user.principal());
    let target = id.clone();
    let changed = blocking(&state, move |registry| {
        change_incident_as(registry, &app, &reader, &target, change, &actor)
    })
    .await;
    match changed {
        Ok(incident) => Ok(Redirect::to(&incident_done(&user, &incident.id, done)).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let mut problem = problem(
                user.lang,
                &error,
                &[
                    "state",
                    "risk",
                    "rationale",
                    "data_categories",
                    "phase",
                    "sent_at",
                    "late_reason",
                    "breach_aware_at",
                    "reason",
                    "significant_at",
                    "asked_on",
                    "due_on",
                    "what",
                ],
                &[
                    ("times", "breach_aware_at"),
                    ("unchanged", "breach_aware_at"),
                    ("reason_required", "reason"),
                    ("invalid_transition", "state"),
                    ("rationale_required", "rationale"),
                    ("late_reason_required", "late_reason"),
                    ("no_preliminary", "phase"),
                    ("not_nis2", "phase"),
                    ("not_a_breach", "phase"),
                    ("too_long", "rationale"),
                    ("missing_what", "what"),
                    ("classification_empty", "category"),
                ],
            );
            // The domain refuses a state its incident cannot move to with `refused`.
            if which == Which::Transition && problem.code == "refused" {
                problem.field = Some("state");
                problem.text = user.lang.t(m::PROBLEM_INVALID_TRANSITION).to_owned();
            }
            change_refused(&state, &user, id, (which, &fields), &[problem]).await
        }
    }
}

async fn change_refused(
    state: &AppState,
    user: &UiUser,
    id: String,
    kept: (Which, &Fields),
    errors: &[FieldError],
) -> ApiResult<Response> {
    let page = incident_view(state, user, id, None, kept, errors).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// Moves the incident to its next state.
pub(super) async fn transition_incident(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let to = IncidentState::parse(fields.get("state"))
        .map(IncidentChange::Transition)
        .map_err(|_| FieldError::new("state", "invalid_transition", user.lang, m::PROBLEM_INVALID_TRANSITION));
    change(state, user, id, to, (Which::Transition, fields), "moved").await
}

/// Sets the incident's category, cause or outcome; a list left at "(as it is)" keeps its value.
pub(super) async fn classify_incident(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let wanted = read_classification(&fields, user.lang).map(IncidentChange::Classify);
    change(state, user, id, wanted, (Which::Classification, fields), "classified").await
}

/// The classification chosen in the form: an empty list is "as it is", a word not in the
/// vocabulary is refused beside its list.
fn read_classification(fields: &Fields, lang: Lang) -> Result<Classification, FieldError> {
    fn part<T>(
        fields: &Fields,
        name: &'static str,
        lang: Lang,
        parse: fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, FieldError> {
        match fields.text(name) {
            None => Ok(None),
            Some(text) => parse(&text)
                .map(Some)
                .map_err(|_| FieldError::new(name, "classification_word", lang, m::INC_PROBLEM_CLASSIFICATION_WORD)),
        }
    }
    Ok(Classification {
        category: part(fields, "category", lang, IncidentCategory::parse)?,
        cause: part(fields, "cause", lang, IncidentCause::parse)?,
        outcome: part(fields, "outcome", lang, IncidentOutcome::parse)?,
    })
}

/// The optional moment typed in `breach_aware_at`: empty is none, a bad one is refused.
fn read_breach_aware_at(fields: &Fields, lang: Lang) -> Result<Option<DateTime<Utc>>, FieldError> {
    match fields.text("breach_aware_at") {
        None => Ok(None),
        Some(text) => read_local_moment(&text)
            .map(Some)
            .ok_or_else(|| FieldError::new("breach_aware_at", "bad_date", lang, m::INC_PROBLEM_MOMENT)),
    }
}

/// Marks the incident a personal-data breach: the 72-hour clock starts when it became known
/// that personal data were affected (default: the incident's awareness).
pub(super) async fn mark_breach(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let wanted = read_breach_aware_at(&fields, user.lang).map(IncidentChange::MarkBreach);
    change(state, user, id, wanted, (Which::Breach, fields), "breach").await
}

/// Marks the incident a significant NIS2 incident, from the moment typed (default: detection).
pub(super) async fn mark_nis2(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let lang = user.lang;
    let wanted = match fields.text("significant_at") {
        None => Ok(IncidentChange::MarkNis2(None)),
        Some(text) => read_local_moment(&text)
            .map(|at| IncidentChange::MarkNis2(Some(at)))
            .ok_or_else(|| FieldError::new("significant_at", "bad_date", lang, m::INC_PROBLEM_MOMENT)),
    };
    change(state, user, id, wanted, (Which::Nis2, fields), "nis2").await
}

/// Records the NIS2 supervisor's request for an intermediate report (days typed in date fields).
pub(super) async fn request_nis2_report(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let lang = user.lang;
    let day = |name: &'static str| {
        words::read_day(fields.get(name)).ok_or_else(|| FieldError::new(name, "bad_date", lang, m::PROBLEM_BAD_DATE))
    };
    let wanted = day("asked_on").and_then(|asked_on| {
        Ok(IncidentChange::Nis2ReportRequest(kirjuri_incidents::Nis2ReportAsk {
            asked_on,
            due_on: day("due_on")?,
            what: fields.get("what").to_owned(),
        }))
    });
    change(state, user, id, wanted, (Which::Nis2Request, fields), "nis2_request").await
}

/// Corrects when it became known that personal data were affected (reason required).
pub(super) async fn change_breach_awareness(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let lang = user.lang;
    let wanted = match read_breach_aware_at(&fields, lang) {
        Ok(Some(at)) => Ok(IncidentChange::BreachAwareness(at, fields.get("reason").to_owned())),
        Ok(None) => Err(FieldError::new(
            "breach_aware_at",
            "bad_date",
            lang,
            m::INC_PROBLEM_MOMENT,
        )),
        Err(problem) => Err(problem),
    };
    change(state, user, id, wanted, (Which::Breach, fields), "awareness").await
}

/// A count typed in a field: empty is unknown.
fn read_count(fields: &Fields, name: &'static str, lang: Lang) -> Result<Option<u64>, FieldError> {
    match fields.text(name) {
        None => Ok(None),
        Some(text) => text
            .replace(' ', "")
            .parse::<u64>()
            .map(Some)
            .map_err(|_| FieldError::new(name, "bad_number", lang, m::INC_PROBLEM_NUMBER)),
    }
}

/// The assessment form read into the domain's input (parsed by the same rule as the API's).
fn read_assessment(fields: &Fields, lang: Lang) -> Result<IncidentChange, FieldError> {
    let input = kirjuri_incidents::service::AssessmentInput {
        risk: fields.text("risk"),
        rationale: fields.text("rationale"),
        types: fields.all("types"),
        data_categories: fields.lines("data_categories"),
        people: read_count(fields, "people", lang)?,
        records: read_count(fields, "records", lang)?,
        special: fields.ticked("special"),
        minors: fields.ticked("minors"),
        identity_codes: fields.ticked("identity_codes"),
        criminal: fields.ticked("criminal"),
        exemption: fields.text("exemption"),
        exemption_text: fields.text("exemption_text"),
    };
    input
        .parse()
        .map(IncidentChange::Assess)
        .map_err(|_| FieldError::new("risk", "bad_value", lang, m::INC_PROBLEM_CHOICE))
}

/// Records a risk assessment of the breach.
pub(super) async fn assess_incident(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let assessment = read_assessment(&fields, user.lang);
    change(state, user, id, assessment, (Which::Assessment, fields), "assessed").await
}

/// Records a notification that was sent, with its day and reference.
pub(super) async fn notify_incident(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteIncidents)?;
    let lang = user.lang;
    let notice = match (
        NotificationPhase::parse(fields.get("phase")),
        read_local_moment(fields.get("sent_at")),
    ) {
        (Err(_), _) => Err(FieldError::new("phase", "bad_value", lang, m::INC_PROBLEM_CHOICE)),
        (_, None) => Err(FieldError::new("sent_at", "bad_date", lang, m::INC_PROBLEM_MOMENT)),
        (Ok(phase), Some(sent_at)) => Ok(IncidentChange::Notify(kirjuri_incidents::Notice {
            phase,
            authority: None,
            sent_at,
            reference_no: fields.text("reference"),
            late_reason: fields.text("late_reason"),
        })),
    };
    change(state, user, id, notice, (Which::Notification, fields), "notified").await
}

/// The notification draft as a Markdown file to download (the API's draft, `format=md`).
pub(super) async fn draft_download(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    let app = state.clone();
    let reader = reader_of(&user.principal());
    let (name, text) = blocking(&state, move |registry| {
        let incident = breach_for_draft(registry, &app, &reader, &id)?;
        let name = format!(
            "ilmoitusluonnos-{}.md",
            incident.diary_number.to_string().replace('/', "-")
        );
        Ok((
            name,
            kirjuri_incidents::notification_markdown(&incident, &app.organisation),
        ))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        text,
    )
        .into_response())
}

/// The address of a refused incident form, reloaded: back to the incident.
pub(super) async fn back_to_incident(user: UiUser, Path(id): Path<String>) -> ApiResult<Response> {
    if !user.may(Permission::ReadIncidents) {
        return Err(ApiError::Forbidden);
    }
    Ok(Redirect::to(&format!("/ui/incidents/{}", urlencoding_id(&id))).into_response())
}

/// An id as it may stand in a path (ids are generated keys; anything else is dropped).
fn urlencoding_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// An incident's facts, legal clocks and history, as its case's page shows them.
pub(super) fn incident_summary(lang: Lang, incident: &Incident) -> Markup {
    html! {
        section aria-labelledby="incident-heading" {
            h2 #incident-heading { (lang.t(m::THE_INCIDENT)) }
            dl.facts {
                dt { (lang.t(m::STATE)) } dd { (words::incident_state(incident.state).in_lang(lang)) }
                dt { (lang.t(m::AWARE_AT)) } dd { (words::moment(lang, incident.aware_at)) }
                dt { (lang.t(m::BREACH)) } dd { (if incident.breach.is_some() { lang.t(m::YES) } else { lang.t(m::NO) }) }
            }
            (clocks_table(lang, incident))
            (history(lang, incident))
            p { a href=(format!("/ui/incidents/{}", incident.id)) { (lang.t(m::INC_HANDLE)) } }
        }
    }
}
