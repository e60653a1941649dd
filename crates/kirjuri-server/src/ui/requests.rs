//! Information requests: the work queue (`/ui/requests`: mine, due today, this week, overdue,
//! all open) with the statutory day and the day it moves to, the form to register a request
//! (which answers with its diary number and both days), and one request
//! (`/ui/requests/{id}`: its deadlines, pauses, extension and history, with the forms that move
//! it on, pause or resume its clock and extend it with a reason). The request summary on a
//! request case's page is here too.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kirjuri_requests::{ExtensionJustification, InfoRequest, RequestFilter, RequestKind, RequestState};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{DoneQuery, Lang, UiUser, page, words};
use crate::AppState;
use crate::api::requests::{RequestChange, change_request_as, new_request_as};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// A request's deadline cell: the warning day (the statutory day, the earlier of the two,
/// DOMAIN.md §5.2) with the day it moves to under 150/1930 §5 beside it ("24.12.2025 (siirtyy
/// 29.12.2025)"), and lateness counted from the warning day, in words as well as colour.
pub(super) fn deadline_text(lang: Lang, request: &InfoRequest, today: NaiveDate) -> Markup {
    if let Some(referral) = request.pending_referral() {
        return referral_target_text(lang, referral.target.due, today);
    }
    html! {
        @match &request.deadline {
            Some(deadline) => {
                @let open = !request.state.is_decided();
                @let late = open && deadline.warn_on < today;
                span class=(if late { "late" } else { "" }) {
                    (words::day(lang, deadline.warn_on))
                    @if deadline.due_moved != deadline.warn_on {
                        " " span.muted { (words::fill(lang.t(m::PUB_MOVES_TO), &[&words::day(lang, deadline.due_moved)])) }
                    }
                    @if late {
                        " " strong { (words::fill(lang.t(m::DAYS_LATE), &[&(today - deadline.warn_on).num_days().to_string()])) }
                    } @else if open && deadline.warn_on == today {
                        " " strong { (lang.t(m::DUE_TODAY)) }
                    }
                }
            }
            None => { "—" }
        }
    }
}

/// The target day of the authority's decision after a referral (§14(3)), lateness in words.
fn referral_target_text(lang: Lang, target: NaiveDate, today: NaiveDate) -> Markup {
    let late = target < today;
    html! {
        span class=(if late { "late" } else { "" }) {
            (words::fill(lang.t(m::PUB_DECISION_BY), &[&words::day(lang, target)]))
            @if late {
                " " strong { (words::fill(lang.t(m::DAYS_LATE), &[&(today - target).num_days().to_string()])) }
            } @else if target == today {
                " " strong { (lang.t(m::DUE_TODAY)) }
            }
        }
    }
}

pub(super) fn request_table(lang: Lang, requests: &[InfoRequest], today: NaiveDate) -> Markup {
    html! {
        @if requests.is_empty() { p.muted { (lang.t(m::NO_REQUESTS)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::DIARY_NUMBER)) } th scope="col" { (lang.t(m::KIND)) }
                        th scope="col" { (lang.t(m::STATE)) } th scope="col" { (lang.t(m::RECEIVED)) }
                        th scope="col" { (lang.t(m::PUB_DUE_DAY)) }
                        th scope="col" { (lang.t(m::ASSIGNEE)) }
                    }
                    @for request in requests {
                        tr {
                            td { a href=(format!("/ui/requests/{}", request.id)) { (request.diary_number) } }
                            td { (words::request_kind(request.kind).in_lang(lang)) }
                            td {
                                (words::request_state(request.state).in_lang(lang))
                                @if request.is_paused() { " " span.muted { (lang.t(m::CLOCK_PAUSED)) } }
                            }
                            td { (words::day(lang, request.received_on)) }
                            td { (deadline_text(lang, request, today)) }
                            td { (request.assignee.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    }
}

/// The work queue's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Queue {
    All,
    Mine,
    Today,
    Week,
    Overdue,
}

impl Queue {
    const ALL: [Queue; 5] = [Queue::All, Queue::Mine, Queue::Today, Queue::Week, Queue::Overdue];

    fn key(self) -> &'static str {
        match self {
            Queue::All => "all",
            Queue::Mine => "mine",
            Queue::Today => "today",
            Queue::Week => "week",
            Queue::Overdue => "overdue",
        }
    }

    fn name(self) -> words::Words {
        match self {
            Queue::All => m::QUEUE_ALL,
            Queue::Mine => m::QUEUE_MINE,
            Queue::Today => m::QUEUE_TODAY,
            Queue::Week => m::QUEUE_WEEK,
            Queue::Overdue => m::QUEUE_OVERDUE,
        }
    }

    fn parse(key: &str) -> Queue {
        Queue::ALL.into_iter().find(|q| q.key() == key).unwrap_or(Queue::All)
    }

    /// Whether a request from the filter's range belongs to the view: the range and the views
    /// are both over the warning day (the earlier of the statutory and the moved day,
    /// DOMAIN.md §5.2), so a request due 24.12 is overdue on 25.12 even if it moves to 29.12.
    fn keeps(self, request: &InfoRequest, today: NaiveDate) -> bool {
        let warn = request.alert_day();
        match self {
            Queue::All | Queue::Mine => true,
            Queue::Today => warn == Some(today),
            Queue::Week => warn.is_some_and(|day| day >= today && (day - today).num_days() <= 7),
            Queue::Overdue => warn.is_some_and(|day| day < today),
        }
    }

    /// The registry filter of the view: the deadline and overdue views are the service's own
    /// filters; "mine" is the assignee.
    fn filter(self, user: &str) -> RequestFilter {
        RequestFilter {
            overdue: self == Queue::Overdue,
            due_within_days: match self {
                Queue::Today => Some(0),
                Queue::Week => Some(7),
                _ => None,
            },
            assignee: (self == Queue::Mine).then(|| user.to_owned()),
            state: None,
            kind: None,
            include_decided: false,
        }
    }
}

#[derive(Deserialize, Default)]
pub(super) struct QueueQuery {
    #[serde(default)]
    queue: String,
}

pub(super) async fn requests_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<QueueQuery>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    let queue = Queue::parse(&query.queue);
    let page = queue_page(&state, &user, queue, &RequestFields::default(), &[]).await?;
    Ok(page.into_response())
}

async fn queue_page(
    state: &AppState,
    user: &UiUser,
    queue: Queue,
    fields: &RequestFields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let filter = queue.filter(&user.session.user.name);
    let mut requests = blocking(state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.list_for(&filter, helsinki_today(), &reader)?)
    })
    .await?;
    requests.retain(|request| queue.keeps(request, helsinki_today()));
    let body = html! {
        nav.tabs aria-label=(lang.t(m::WORK_QUEUE)) {
            ul {
                @for view in Queue::ALL {
                    li {
                        a href=(format!("/ui/requests?queue={}", view.key())) aria-current=[(view == queue).then_some("page")] {
                            (lang.t(view.name()))
                        }
                    }
                }
            }
        }
        h2 { (lang.t(queue.name())) " (" (requests.len()) ")" }
        (request_table(lang, &requests, helsinki_today()))
        @if user.may(Permission::WriteRequests) {
            (register_form(user, fields, errors))
        }
    };
    Ok(page(lang, Some(user), lang.t(m::INFORMATION_REQUESTS), body))
}

/// The registration form's fields, kept when it is refused.
#[derive(Deserialize, Default)]
pub(super) struct RequestFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    received: String,
    #[serde(default)]
    requester: String,
    #[serde(default)]
    anonymous: Option<String>,
    #[serde(default)]
    assignee: String,
}

fn register_form(user: &UiUser, fields: &RequestFields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let received = if fields.received.is_empty() {
        helsinki_today().to_string()
    } else {
        fields.received.clone()
    };
    html! {
        form #register method="post" action="/ui/requests" {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::REGISTER_A_NEW_REQUEST)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="kind" { (lang.t(m::KIND)) }
                select id="kind" name="kind" aria-describedby=[described_by(errors, "kind")] {
                    @for kind in RequestKind::ALL {
                        option value=(kind.key()) selected[kind.key() == fields.kind] { (words::request_kind(*kind).in_lang(lang)) }
                    }
                }
                (field_error(errors, "kind"))
                label for="received" { (lang.t(m::RECEIVED_DATE)) }
                input id="received" name="received" type="date" value=(received) required aria-describedby=[described_by(errors, "received")];
                (field_error(errors, "received"))
                label for="requester" { (lang.t(m::REQUESTER)) }
                input id="requester" name="requester" value=(fields.requester) size="40" aria-describedby=[described_by(errors, "requester")];
                (field_error(errors, "requester"))
                label { input type="checkbox" name="anonymous" value="true" checked[fields.anonymous.is_some()]; " " (lang.t(m::ANONYMOUS_PUBLICITY_ACT_REQUESTS_ONLY)) }
                label for="assignee" { (lang.t(m::ASSIGNEE_OPTIONAL)) }
                input id="assignee" name="assignee" value=(fields.assignee) size="20" aria-describedby=[described_by(errors, "assignee")];
                (field_error(errors, "assignee"))
                button { (lang.t(m::REGISTER)) }
            }
        }
    }
}

pub(super) async fn register_request(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<RequestFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::WriteRequests)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    let kind = RequestKind::parse(&fields.kind).ok();
    if kind.is_none() {
        errors.push(FieldError::new("kind", "wrong_kind", lang, m::PROBLEM_CHOOSE_A_KIND));
    }
    let received = words::read_day(&fields.received).map(kirjuri_clock::Start::Date);
    if received.is_none() {
        errors.push(FieldError::new("received", "bad_date", lang, m::PROBLEM_BAD_DATE));
    }
    let (Some(kind), Some(received)) = (kind, received) else {
        return refused(&state, &user, &fields, &errors).await;
    };
    let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    let request = kirjuri_requests::NewRequest {
        kind,
        received,
        requester: text(&fields.requester),
        anonymous: fields.anonymous.is_some(),
        channel: Some("web".to_owned()),
        origin: None,
        assignee: text(&fields.assignee),
        case: None,
    };
    let principal = user.principal();
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        new_request_as(registry, &principal, &request, &actor)
    })
    .await;
    match stored {
        Ok(stored) => Ok(Redirect::to(&request_done(&user, &stored.id, "registered")).into_response()),
        Err(error) => {
            let errors = [FieldError::from_api(
                lang,
                &error,
                &["kind", "received", "requester", "assignee"],
            )];
            refused(&state, &user, &fields, &errors).await
        }
    }
}

async fn refused(
    state: &AppState,
    user: &UiUser,
    fields: &RequestFields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let page = queue_page(state, user, Queue::All, fields, errors).await?;
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}

/// A request's facts and deadlines, as the request page and its case's page show them.
pub(super) fn request_summary(lang: Lang, request: &InfoRequest, link: bool) -> Markup {
    html! {
        section aria-labelledby="request-heading" {
            h2 #request-heading { (lang.t(m::THE_REQUEST)) }
            dl.facts {
                dt { (lang.t(m::KIND)) } dd { (words::request_kind(request.kind).in_lang(lang)) }
                dt { (lang.t(m::STATE)) } dd {
                    (words::request_state(request.state).in_lang(lang))
                    @if request.is_paused() { " " strong { (lang.t(m::CLOCK_PAUSED)) } }
                }
                dt { (lang.t(m::RECEIVED)) } dd { (words::day(lang, request.received_on)) }
                dt { (lang.t(m::REQUESTER)) } dd { (request.requester.as_deref().unwrap_or(lang.t(m::ANONYMOUS))) }
                dt { (lang.t(m::ASSIGNEE)) } dd { (request.assignee.as_deref().unwrap_or("—")) }
                @if let Some(deadline) = &request.deadline {
                    dt { (lang.t(m::PUB_DUE_DAY)) } dd {
                        (deadline_text(lang, request, helsinki_today()))
                        @if deadline.due_moved != deadline.due { " " span.muted { (lang.t(m::MOVED_DAY_HINT)) } }
                    }
                }
                @if let Some(two_weeks) = kirjuri_requests::publicity::two_week_deadline(request).filter(|_| request.extension.is_some()) {
                    dt { (lang.t(m::PUB_TWO_WEEK_DAY)) } dd { (words::day(lang, two_weeks.due)) }
                }
                @if let Some(extension) = &request.extension {
                    dt { (lang.t(m::EXTENSION)) } dd { (extension.reason) " (" (words::fill(lang.t(m::TOLD_ON), &[&words::day(lang, extension.told_requester_on)])) ")" }
                }
                @if let Some(decided) = request.decided_on { dt { (lang.t(m::DECIDED)) } dd { (words::day(lang, decided)) } }
                @if !request.refusal_legal_basis.is_empty() {
                    dt { (lang.t(m::PUB_REFUSAL_GROUNDS)) } dd { (grounds_text(lang, &request.refusal_legal_basis)) }
                }
                @for other in &request.refusal_other_ground {
                    dt { (lang.t(m::PUB_OTHER_GROUNDS)) } dd { span data-value { (other) } }
                }
                @if let Some(clock) = &request.referral { (referral_facts(lang, clock)) }
            }
            @if link { p { a href=(format!("/ui/requests/{}", request.id)) { (lang.t(m::HANDLE_THE_REQUEST)) } } }
        }
    }
}

/// Publicity Act §14(3): the decision's target day (late in words while pending past it) and
/// the day the appealable decision was issued, on time or late against the target.
fn referral_facts(lang: Lang, clock: &kirjuri_requests::ReferralClock) -> Markup {
    let late = clock.days_late(helsinki_today());
    html! {
        dt { (lang.t(m::PUB_DECISION_TARGET)) } dd {
            (words::day(lang, clock.target.due))
            @if clock.decision_issued_on.is_none() && late > 0 {
                " " strong.late { (words::fill(lang.t(m::PUB_LATE_BY), &[&late.to_string()])) }
            }
        }
        @if let Some(issued) = clock.decision_issued_on {
            dt { (lang.t(m::PUB_DECISION_DAY)) } dd {
                (words::day(lang, issued)) " ("
                @if late > 0 { strong { (words::fill(lang.t(m::PUB_LATE_BY), &[&late.to_string()])) } }
                @else { (lang.t(m::PUB_ON_TIME)) }
                ")"
            }
        }
    }
}

/// The appeal instructions (valitusosoitus) generated for the decision, as stored with it and
/// registered in the request's case.
fn appeal_section(lang: Lang, request: &InfoRequest) -> Markup {
    let Some(appeal) = request.referral.as_ref().and_then(|c| c.appeal.as_ref()) else {
        return html! {};
    };
    html! {
        section aria-labelledby="appeal-heading" {
            h2 #appeal-heading { (lang.t(m::PUB_APPEAL_INSTRUCTIONS)) }
            @if let Some(document) = &appeal.document_id {
                p { (lang.t(m::PUB_APPEAL_DOCUMENT)) ": " a href=(format!("/ui/cases/{}", request.case_id)) { (document) } }
            }
            div.appeal data-value {
                @for paragraph in appeal.text.split("\n\n") { p { (paragraph) } }
            }
        }
    }
}

/// A document request's grounds (DOMAIN.md §6.4 `refusal_legal_basis`): a select of the
/// secrecy-grounds list (name in the page's language, citation beside it) and an optional
/// ground outside the list as text ("other ground").
fn grounds_fields(lang: Lang, fields: &ChangeFields, errors: &[FieldError]) -> Markup {
    html! {
        label for="legal_basis" { (lang.t(m::PUB_GROUND)) }
        select id="legal_basis" name="ground" aria-describedby=[described_by(errors, "legal_basis")] {
            option value="" { (lang.t(m::CHOOSE)) }
            @for ground in kirjuri_plan::secrecy_grounds::all() {
                option value=(ground.key) selected[ground.key == fields.ground] { (ground.name(lang.code())) " — " (ground.citation) }
            }
        }
        (field_error(errors, "legal_basis"))
        label for="other_ground" { (lang.t(m::PUB_OTHER_GROUND)) }
        span.hint id="other-ground-hint" { (lang.t(m::PUB_OTHER_GROUND_HINT)) }
        input id="other_ground" name="other_ground" value=(fields.other_ground) size="40"
            aria-describedby=(described_with_hint(errors, "other_ground", "other-ground-hint"));
        (field_error(errors, "other_ground"))
    }
}

/// Recorded grounds in words: a ground of the list by its citation and name, never its key;
/// anything else (a GDPR article, old free text) as recorded.
fn grounds_text(lang: Lang, grounds: &[String]) -> Markup {
    html! {
        @for (n, basis) in grounds.iter().enumerate() {
            @if n > 0 { ", " }
            @match kirjuri_plan::secrecy_grounds::by_key(basis) {
                Some(ground) => { (ground.citation) " " (ground.name(lang.code())) }
                None => { span data-value { (basis) } }
            }
        }
    }
}

/// The request page's address after an action (`registered`, `moved`, `paused`, `resumed`).
pub(super) fn request_done(user: &UiUser, id: &str, done: &str) -> String {
    let proof = user.done_proof(&format!("request:{id}"), done);
    format!("/ui/requests/{id}?done={done}&proof={proof}")
}

pub(super) async fn request_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    request_view(&state, &user, id, &query, &ChangeFields::default(), &[]).await
}

async fn request_view(
    state: &AppState,
    user: &UiUser,
    id: String,
    query: &DoneQuery,
    fields: &ChangeFields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let actor = actor_of(&user.principal());
    // Shown in full (the requester's name): an audited read (`request.read`).
    let request = blocking(state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.read_for(&id, &reader, &actor)?)
    })
    .await?;
    let may_write = user.may(Permission::WriteRequests);
    let today = helsinki_today();
    // The one-month track is offered only while it may be chosen (§14(4)).
    let next: Vec<RequestState> = request
        .state
        .allowed_next(request.kind)
        .into_iter()
        .filter(|to| {
            *to != RequestState::Extended
                || kirjuri_requests::publicity::check_month_track_switch(&request, today).is_ok()
        })
        .collect();
    let done = query.proven(user, &format!("request:{}", request.id));
    let disclosure = super::request_disclosure::section(state, user, &request, done).await?;
    let body = html! {
        @if done == Some("registered") {
            div.notice role="status" {
                strong { (words::fill(lang.t(m::REQUEST_REGISTERED), &[&request.diary_number.to_string()])) }
                @if let Some(deadline) = &request.deadline {
                    p { (words::fill(lang.t(m::REQUEST_DEADLINES), &[&words::day(lang, deadline.due), &words::day(lang, deadline.due_moved)])) }
                }
            }
        }
        @if done == Some("moved") {
            p.notice role="status" { strong { (words::fill(lang.t(m::REQUEST_MOVED), &[words::request_state(request.state).in_lang(lang)])) } }
        }
        @if done == Some("paused") { p.notice role="status" { strong { (lang.t(m::CLOCK_WAS_PAUSED)) } } }
        @if done == Some("resumed") { p.notice role="status" { strong { (lang.t(m::CLOCK_WAS_RESUMED)) } } }
        (error_summary(lang, errors))
        p { (lang.t(m::CASE)) ": " a href=(format!("/ui/cases/{}", request.case_id)) { (request.diary_number) } }
        (request_summary(lang, &request, false))
        (appeal_section(lang, &request))
        (disclosure)
        (super::privacy::log_investigation::section(user, &request, done))
        @if may_write && !next.is_empty() {
            form method="post" action=(format!("/ui/requests/{}/transition", request.id)) {
                fieldset {
                    legend { (lang.t(m::MOVE_THE_REQUEST)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label for="state" { (lang.t(m::NEW_STATE)) }
                    select id="state" name="state" aria-describedby=[described_by(errors, "state")] {
                        @for state in &next {
                            option value=(state.key()) selected[state.key() == fields.state] { (words::request_state(*state).in_lang(lang)) }
                        }
                    }
                    (field_error(errors, "state"))
                    label for="reason" { (lang.t(m::REASON)) }
                    span.hint id="reason-hint" { (lang.t(m::TRANSITION_REASON_HINT)) }
                    input id="reason" name="reason" value=(fields.reason) size="50"
                        aria-describedby=(described_with_hint(errors, "reason", "reason-hint"));
                    (field_error(errors, "reason"))
                    @if request.kind == RequestKind::Publicity {
                        (grounds_fields(lang, fields, errors))
                    } @else {
                        label for="legal_basis" { (lang.t(m::LEGAL_BASIS)) }
                        input id="legal_basis" name="legal_basis" value=(fields.legal_basis) size="40" aria-describedby=[described_by(errors, "legal_basis")];
                        (field_error(errors, "legal_basis"))
                    }
                    @if next.contains(&RequestState::Extended) {
                        fieldset {
                            legend { (lang.t(m::FOR_AN_EXTENSION)) }
                            label for="told_on" { (lang.t(m::TOLD_REQUESTER_ON)) }
                            input id="told_on" name="told_on" type="date" value=(fields.told_on) aria-describedby=[described_by(errors, "told_on")];
                            (field_error(errors, "told_on"))
                            @if request.kind == RequestKind::Publicity {
                                p.hint { (lang.t(m::PUB_MONTH_TRACK_HINT)) }
                                label for="justification" { (lang.t(m::EXTENSION_JUSTIFICATION)) }
                                select id="justification" name="justification" aria-describedby=[described_by(errors, "justification")] {
                                    option value="" { (lang.t(m::CHOOSE)) }
                                    @for (key, name) in [("large-volume", m::JUSTIFICATION_VOLUME), ("special-measures", m::JUSTIFICATION_SPECIAL), ("other", m::JUSTIFICATION_OTHER)] {
                                        option value=(key) selected[key == fields.justification] { (lang.t(name)) }
                                    }
                                }
                                (field_error(errors, "justification"))
                            }
                        }
                    }
                    (super::privacy::gdpr_request::refusal_fields(lang, &request, &next, (fields.complaint_rights_told == "true", &fields.told_on), errors))
                    button { (lang.t(m::MOVE_THE_REQUEST)) }
                }
            }
        }
        (super::privacy::gdpr_request::refusal_record(lang, &request))
        (super::privacy::gdpr_request::identity_section(user, &request, (may_write, done), &fields.identity, errors))
        @if may_write && !request.state.is_decided() {
            @if request.is_paused() {
                form method="post" action=(format!("/ui/requests/{}/resume", request.id)) {
                    fieldset {
                        legend { (lang.t(m::RESUME_THE_CLOCK)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        p.hint { (lang.t(m::RESUME_HINT)) }
                        button { (lang.t(m::RESUME_THE_CLOCK)) }
                    }
                }
            } @else {
                form method="post" action=(format!("/ui/requests/{}/pause", request.id)) {
                    fieldset {
                        legend { (lang.t(m::PAUSE_THE_CLOCK)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        label for="pause-reason" { (lang.t(m::REASON)) }
                        span.hint id="pause-reason-hint" { (lang.t(m::PAUSE_HINT)) }
                        input id="pause-reason" name="reason" value=(fields.pause_reason) required size="50"
                            aria-describedby=(described_with_hint(errors, "pause-reason", "pause-reason-hint"));
                        (field_error(errors, "pause-reason"))
                        button { (lang.t(m::PAUSE_THE_CLOCK)) }
                    }
                }
            }
        }
        @if !request.pauses.is_empty() {
            h2 { (lang.t(m::PAUSES)) }
            ul {
                @for pause in &request.pauses {
                    li {
                        (words::day(lang, pause.from)) " – " (pause.to.map_or(String::new(), |to| words::day(lang, to)))
                        ": " (pause.reason) " (" (pause.by) ")"
                    }
                }
            }
        }
        @if request.deadline_history.len() > 1 {
            h2 { (lang.t(m::DEADLINE_HISTORY)) }
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::WHEN)) } th scope="col" { (lang.t(m::STATUTORY_DAY)) }
                        th scope="col" { (lang.t(m::MOVED_DAY)) } th scope="col" { (lang.t(m::BY)) } th scope="col" { (lang.t(m::REASON)) }
                    }
                    @for deadline in &request.deadline_history {
                        tr {
                            td { (words::moment(lang, deadline.set_at)) } td { (words::day(lang, deadline.due)) }
                            td { (words::day(lang, deadline.due_moved)) } td { (deadline.set_by) } td { (words::deadline_reason(lang, &deadline.reason)) }
                        }
                    }
                }
            }
        }
        h2 { (lang.t(m::HISTORY)) }
        @if request.history.is_empty() { p.muted { (lang.t(m::NO_CHANGES_YET)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::WHEN)) } th scope="col" { (lang.t(m::STATE)) }
                        th scope="col" { (lang.t(m::BY)) } th scope="col" { (lang.t(m::REASON)) }
                    }
                    @for change in &request.history {
                        tr {
                            td { (words::moment(lang, change.at)) }
                            td { (words::request_state(change.from).in_lang(lang)) " → " (words::request_state(change.to).in_lang(lang)) }
                            td { (change.by) }
                            td { (change.reason.as_deref().unwrap_or("")) @if !change.legal_basis.is_empty() { " (" (grounds_text(lang, &change.legal_basis)) ")" } }
                        }
                    }
                }
            }
        }
    };
    Ok(page(
        lang,
        Some(user),
        &format!("{} {}", lang.t(m::REQUEST), request.diary_number),
        body,
    ))
}

/// The fields of the request page's forms, kept when one is refused.
#[derive(Deserialize, Default)]
pub(in crate::ui) struct ChangeFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    legal_basis: String,
    /// A document request's ground: a key of the secrecy-grounds list.
    #[serde(default)]
    ground: String,
    #[serde(default)]
    other_ground: String,
    #[serde(default)]
    told_on: String,
    #[serde(default)]
    justification: String,
    /// A GDPR refusal: the complaint-rights confirmation (`true` when ticked).
    #[serde(default)]
    complaint_rights_told: String,
    /// The pause form's reason (sent as `reason`, kept apart).
    #[serde(skip)]
    pause_reason: String,
    /// The identity-check form's input (GDPR 12(6)), kept on a refusal.
    #[serde(skip)]
    pub(super) identity: super::privacy::gdpr_request::IdentityFields,
}

/// Moves a request on (the same use-case as the API's transition).
pub(super) async fn transition_request(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<ChangeFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::WriteRequests)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    let to = RequestState::parse(&fields.state).ok();
    if to.is_none() {
        errors.push(FieldError::new(
            "state",
            "invalid_transition",
            lang,
            m::PROBLEM_INVALID_TRANSITION,
        ));
    }
    let told_on = match fields.told_on.trim() {
        "" => None,
        day => match words::read_day(day).ok_or(()) {
            Ok(day) => Some(day),
            Err(_) => {
                errors.push(FieldError::new("told_on", "bad_date", lang, m::PROBLEM_BAD_DATE));
                None
            }
        },
    };
    let justification = match fields.justification.trim() {
        "" => None,
        key => ExtensionJustification::parse(key).ok(),
    };
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        return change_refused(&state, &user, id, &fields, &errors).await;
    };
    let text = fields.reason.trim();
    let change = kirjuri_requests::TransitionRequest {
        reason: Some(text.to_owned()).filter(|r| !r.is_empty()),
        legal_basis: fields
            .legal_basis
            .split([',', ';'])
            .chain(std::iter::once(fields.ground.as_str()))
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_owned)
            .collect(),
        other_ground: Some(fields.other_ground.trim().to_owned()).filter(|g| !g.is_empty()),
        told_requester_on: told_on,
        justification,
        publicity: (*state.publicity).clone(),
        complaint_rights_told: fields.complaint_rights_told == "true",
    };
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let target = id.clone();
    let changed = blocking(&state, move |registry| {
        change_request_as(
            registry,
            &reader,
            &target,
            RequestChange::Transition(to, change),
            &actor,
        )
    })
    .await;
    match changed {
        Ok(request) => Ok(Redirect::to(&request_done(&user, &request.id, "moved")).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let errors = [FieldError::from_api(
                lang,
                &error,
                &[
                    "state",
                    "reason",
                    "legal_basis",
                    "other_ground",
                    "told_on",
                    "justification",
                    "told_on",
                    "justification",
                    "complaint_rights_told",
                ],
            )];
            change_refused(&state, &user, id, &fields, &errors).await
        }
    }
}

#[derive(Deserialize)]
pub(super) struct PauseForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// Pauses a request's clock with a reason (an audited exception).
pub(super) async fn pause_request(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<PauseForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteRequests)?;
    let lang = user.lang;
    let fields = ChangeFields {
        pause_reason: form.reason.clone(),
        ..ChangeFields::default()
    };
    if form.reason.trim().is_empty() {
        let errors = [FieldError::new(
            "pause-reason",
            "reason_required",
            lang,
            m::PROBLEM_REASON_REQUIRED,
        )];
        return change_refused(&state, &user, id, &fields, &errors).await;
    }
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let target = id.clone();
    let reason = form.reason.trim().to_owned();
    let changed = blocking(&state, move |registry| {
        change_request_as(registry, &reader, &target, RequestChange::Pause(reason), &actor)
    })
    .await;
    match changed {
        Ok(request) => Ok(Redirect::to(&request_done(&user, &request.id, "paused")).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let mut problem = FieldError::from_api(lang, &error, &[]);
            problem.field = Some("pause-reason");
            change_refused(&state, &user, id, &fields, &[problem]).await
        }
    }
}

#[derive(Deserialize)]
pub(super) struct CsrfOnly {
    csrf: String,
}

/// Resumes a paused clock: the deadline moves by the paused days.
pub(super) async fn resume_request(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteRequests)?;
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let request = blocking(&state, move |registry| {
        change_request_as(registry, &reader, &id, RequestChange::Resume, &actor)
    })
    .await?;
    Ok(Redirect::to(&request_done(&user, &request.id, "resumed")).into_response())
}

pub(super) async fn change_refused(
    state: &AppState,
    user: &UiUser,
    id: String,
    fields: &ChangeFields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let page = request_view(state, user, id, &DoneQuery::default(), fields, errors).await?;
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}

/// The address of a refused request form (its POST target), reloaded or opened again: back to
/// the request.
pub(super) async fn back_to_request(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    let reader = reader_of(&user.principal());
    let request = blocking(&state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.get_for(&id, &reader)?.id)
    })
    .await?;
    Ok(Redirect::to(&format!("/ui/requests/{request}")).into_response())
}
