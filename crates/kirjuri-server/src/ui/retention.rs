//! The retention page (`/ui/retention`): the records whose retention ends by a chosen day
//! (default today) with their legal holds (säilytysesto) and the disposal proposals they are
//! in; an archivist picks records (or all due) for a disposal proposal, places a legal hold
//! with a reason and lifts one. Every change is a use-case of `api::retention` (the same the
//! API calls); the page only reads the form and shows what the use-case answered.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kirjuri_archive::DueItem;
use maud::{Markup, html};
use serde::Deserialize;

use super::disposal::problem;
use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{Lang, UiUser, page, words};
use crate::AppState;
use crate::api::retention::{lift_hold_as, place_hold_as};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Query};
use crate::users::Permission;

/// The page's address: the chosen day, and after an action what was done with its proof.
#[derive(Deserialize, Default)]
pub(super) struct RetentionQuery {
    #[serde(default)]
    on: String,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    hold: Option<String>,
    #[serde(default)]
    proof: Option<String>,
}

impl RetentionQuery {
    /// What was done (`held`, `lifted`) and the hold, when this session's own action led here.
    fn done(&self, user: &UiUser) -> Option<(&str, &str)> {
        let done = self.done.as_deref()?;
        let hold = self.hold.as_deref().unwrap_or_default();
        user.proves(&done_message(done, hold), self.proof.as_deref())
            .then_some((done, hold))
    }
}

fn done_message(done: &str, hold: &str) -> String {
    format!("retention|{done}|{hold}")
}

/// The page's address after a hold was placed or lifted, with the session's proof.
fn retention_done(user: &UiUser, on: NaiveDate, done: &str, hold: &str) -> String {
    let proof = user.proof(&done_message(done, hold));
    format!("/ui/retention?on={on}&done={done}&hold={hold}&proof={proof}")
}

/// The hold forms' fields, kept when one is refused.
#[derive(Deserialize, Default)]
pub(super) struct HoldFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    on: String,
    /// Placing: the due record (document id); lifting: the hold's target id.
    #[serde(default)]
    document: String,
    /// Placing: `document` or `case`; lifting: the hold's target kind.
    #[serde(default)]
    target: String,
    /// Lifting: the hold.
    #[serde(default)]
    hold: String,
    #[serde(default)]
    reason: String,
}

pub(super) async fn retention_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<RetentionQuery>,
) -> ApiResult<Response> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let (day, errors) = match query.on.trim() {
        "" => (helsinki_today(), Vec::new()),
        text => match words::read_day(text) {
            Some(day) => (day, Vec::new()),
            None => (
                helsinki_today(),
                vec![FieldError::new("on", "bad_date", lang, m::PROBLEM_BAD_DATE)],
            ),
        },
    };
    let view = View {
        day,
        day_text: if query.on.trim().is_empty() {
            day.to_string()
        } else {
            query.on.clone()
        },
        done: query.done(&user).map(|(done, hold)| (done.to_owned(), hold.to_owned())),
        hold_fields: HoldFields::default(),
        lift_fields: HoldFields::default(),
        chosen: Vec::new(),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let markup = retention_view(&state, &user, &view, &errors).await?;
    Ok((status, markup).into_response())
}

/// What the page shows besides the dues: the day, a message, and the refused form's input.
struct View {
    day: NaiveDate,
    day_text: String,
    done: Option<(String, String)>,
    hold_fields: HoldFields,
    lift_fields: HoldFields,
    /// The records chosen on a refused propose form.
    chosen: Vec<String>,
}

async fn retention_view(state: &AppState, user: &UiUser, view: &View, errors: &[FieldError]) -> ApiResult<Markup> {
    let lang = user.lang;
    let actor = actor_of(&user.principal());
    let reader = crate::api::reader_of(&user.principal());
    let day = view.day;
    // Shows restricted titles: an audited read (`retention.due.read`).
    let mut dues = with_app(state, move |app| Ok(app.retention_due(day, None, &reader, &actor)?)).await?;
    // The longest overdue first, then in the order they were registered.
    dues.sort_by_key(|item| (item.retention_end, registration_order(&item.document)));
    let may_propose = user.may(Permission::ManageDisposal);
    let may_hold = user.may(Permission::ManageHolds);
    let eligible = dues.iter().filter(|item| item.is_eligible()).count();
    let body = html! {
        @if let Some((done, hold)) = &view.done {
            p.notice role="status" {
                strong {
                    @if done == "held" { (words::fill(lang.t(m::HOLD_PLACED), &[hold])) }
                    @else { (words::fill(lang.t(m::HOLD_LIFTED), &[hold])) }
                }
            }
        }
        (error_summary(lang, errors))
        p { (lang.t(m::RETENTION_PAGE_INTRO)) }
        form.filters method="get" action="/ui/retention" {
            label for="on" { (lang.t(m::RETENTION_ENDS_BY)) }
            input id="on" name="on" type="date" value=(view.day_text) aria-describedby=[described_by(errors, "on")];
            (field_error(errors, "on"))
            button { (lang.t(m::SHOW_THE_DUES)) }
        }
        h2 id="dues-heading" { (words::fill(lang.t(m::DUE_BY_DAY), &[&words::day(lang, day), &dues.len().to_string()])) }
        @if dues.is_empty() {
            p.muted { (lang.t(m::NOTHING_DUE_BY_THE_DAY)) }
        } @else {
            (dues_table(user, &dues, view))
            (holds_list(user, day, &dues, &view.lift_fields, errors))
            @if may_propose {
                (propose_form(user, day, eligible))
            }
            @if may_hold {
                (hold_form(user, day, &dues, &view.hold_fields, errors))
            }
        }
        p { a href="/ui/disposal" { (lang.t(m::TO_THE_DISPOSAL_PROPOSALS)) } }
    };
    Ok(page(lang, Some(user), lang.t(m::RETENTION_AND_DISPOSAL), body))
}

/// The dues: a checkbox for each record that may be proposed (it belongs to the propose form
/// below the table), its holds and the proposal it is in.
fn dues_table(user: &UiUser, dues: &[DueItem], view: &View) -> Markup {
    let lang = user.lang;
    let may_propose = user.may(Permission::ManageDisposal);
    html! {
        div.scroll tabindex="0" id="documents" {
            table aria-labelledby="dues-heading" {
                tr {
                    @if may_propose { th scope="col" { (lang.t(m::CHOOSE)) } }
                    th scope="col" { (lang.t(m::DIARY_NUMBER)) } th scope="col" { (lang.t(m::TITLE)) }
                    th scope="col" { (lang.t(m::CLASS_2)) } th scope="col" { (lang.t(m::RETENTION_ENDED)) }
                    th scope="col" { (lang.t(m::PAPER_LOCATION)) }
                    th scope="col" { (lang.t(m::LEGAL_HOLD)) } th scope="col" { (lang.t(m::IN_PROPOSAL)) }
                }
                @for item in dues {
                    tr {
                        @if may_propose {
                            td {
                                @if item.is_eligible() {
                                    input type="checkbox" name="documents" value=(item.document) form="propose"
                                        checked[view.chosen.contains(&item.document)]
                                        id=(format!("pick-{}", item.document))
                                        aria-label=(words::fill(lang.t(m::CHOOSE_RECORD), &[&item.diary_number, record_title(lang, &item.title)]));
                                } @else { "—" }
                            }
                        }
                        td { a href=(format!("/ui/cases/{}", item.case)) { (item.diary_number) } }
                        td data-value { (record_title(lang, &item.title)) }
                        td data-value { (item.class) }
                        td { (words::day(lang, item.retention_end)) }
                        td {
                            @match &item.paper {
                                Some(paper) => { (paper_place(lang, paper)) }
                                None => { (lang.t(m::RECORD_ELECTRONIC)) }
                            }
                        }
                        td { (holds_cell(lang, item)) }
                        td {
                            @if let Some(proposal) = &item.in_proposal {
                                a href=(format!("/ui/disposal/{proposal}")) data-value { (proposal) }
                            } @else { "—" }
                        }
                    }
                }
            }
        }
    }
}

/// A document id's number (`doc-12` → 12), so `doc-9` comes before `doc-10`.
fn registration_order(document: &str) -> u64 {
    document.trim_start_matches("doc-").parse().unwrap_or(u64::MAX)
}

/// Where a paper record is kept, in words.
pub(super) fn paper_place(lang: Lang, paper: &kirjuri_registry::PhysicalItem) -> String {
    words::fill(
        lang.t(m::PAPER_AT),
        &[
            &paper.archive_room,
            paper.shelf.as_deref().unwrap_or("—"),
            paper.box_label.as_deref().unwrap_or("—"),
        ],
    )
}

/// One active hold as the due list gives it (`hold-1: reason`, `hold-2 (case): reason`): its
/// id, whether it is on the case, and its reason.
fn hold_parts(text: &str) -> (&str, bool, &str) {
    let (head, reason) = text.split_once(": ").unwrap_or((text, ""));
    match head.strip_suffix(" (case)") {
        Some(id) => (id, true, reason),
        None => (head, false, reason),
    }
}

/// A record's active holds in its row, in words (the forms to lift them are in the holds list
/// below the table, where a phone reaches them without scrolling the table sideways).
fn holds_cell(lang: Lang, item: &DueItem) -> Markup {
    html! {
        @if item.holds.is_empty() { "—" }
        @for text in &item.holds {
            @let (hold, on_case, reason) = hold_parts(text);
            div.hold {
                strong { (lang.t(m::HOLD_ACTIVE)) } " "
                @if on_case { (lang.t(m::HOLD_ON_CASE)) } @else { (lang.t(m::HOLD_ON_RECORD)) }
                ": " span data-value { (reason) } " " span.muted data-value { "(" (hold) ")" }
            }
        }
    }
}

/// The active holds on the due records, each with its reason and a form to lift it (with a
/// reason of its own).
fn holds_list(user: &UiUser, day: NaiveDate, dues: &[DueItem], lift: &HoldFields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let held: Vec<&DueItem> = dues.iter().filter(|item| !item.holds.is_empty()).collect();
    let count: usize = held.iter().map(|item| item.holds.len()).sum();
    html! {
        @if !held.is_empty() {
            h2 #holds { (lang.t(m::ACTIVE_HOLDS)) " (" (count) ")" }
            ul.holds {
                @for item in &held {
                    @for text in &item.holds {
                        @let (hold, on_case, reason) = hold_parts(text);
                        @let refused = lift.hold == hold;
                        li {
                            (item.diary_number) " " span data-value { (record_title(lang, &item.title)) }
                            br;
                            @if on_case { (lang.t(m::HOLD_ON_CASE)) } @else { (lang.t(m::HOLD_ON_RECORD)) }
                            ": " span data-value { (reason) } " " span.muted data-value { "(" (hold) ")" }
                            @if user.may(Permission::ManageHolds) {
                                form method="post" action="/ui/retention/holds/lift" {
                                    input type="hidden" name="csrf" value=(user.session.csrf);
                                    input type="hidden" name="on" value=(day.to_string());
                                    input type="hidden" name="hold" value=(hold);
                                    input type="hidden" name="target" value=(if on_case { "case" } else { "document" });
                                    input type="hidden" name="document" value=(if on_case { &item.case } else { &item.document });
                                    @let id = if refused { "lift-reason".to_owned() } else { format!("lift-reason-{hold}-{}", item.document) };
                                    label for=(id) { (words::fill(lang.t(m::REASON_FOR_LIFTING), &[hold])) }
                                    input id=(id) name="reason" value=(if refused { lift.reason.as_str() } else { "" }) size="30"
                                        aria-describedby=[if refused { described_by(errors, "lift-reason") } else { None }];
                                    @if refused { (field_error(errors, "lift-reason")) }
                                    button { (lang.t(m::LIFT_THE_HOLD)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Proposing: the chosen records (the table's checkboxes) or every eligible due record.
fn propose_form(user: &UiUser, day: NaiveDate, eligible: usize) -> Markup {
    let lang = user.lang;
    html! {
        form #propose method="post" action="/ui/disposal/proposals" {
            fieldset {
                legend { (lang.t(m::PROPOSE_A_DISPOSAL)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="on" value=(day.to_string());
                p.hint { (words::fill(lang.t(m::PROPOSE_HINT), &[&eligible.to_string()])) }
                @if eligible > 0 {
                    button name="scope" value="chosen" { (lang.t(m::PROPOSE_THE_CHOSEN)) }
                    " "
                    button name="scope" value="all" { (lang.t(m::PROPOSE_ALL_DUE)) }
                }
            }
        }
    }
}

/// Placing a legal hold on a due record or its whole case, with a reason.
fn hold_form(user: &UiUser, day: NaiveDate, dues: &[DueItem], fields: &HoldFields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #place-hold method="post" action="/ui/retention/holds" {
            fieldset {
                legend { (lang.t(m::PLACE_A_LEGAL_HOLD)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="on" value=(day.to_string());
                p.hint { (lang.t(m::HOLD_HINT)) }
                label for="hold-document" { (lang.t(m::HOLD_RECORD)) }
                select id="hold-document" name="document" aria-describedby=[described_by(errors, "hold-document")] {
                    option value="" { (lang.t(m::CHOOSE)) }
                    @for item in dues {
                        option value=(item.document) selected[item.document == fields.document] {
                            (item.diary_number) " — " (record_title(lang, &item.title))
                        }
                    }
                }
                (field_error(errors, "hold-document"))
                fieldset {
                    legend { (lang.t(m::HOLD_TARGET)) }
                    label { input type="radio" name="target" value="document" checked[fields.target != "case"]; " " (lang.t(m::HOLD_THE_RECORD)) }
                    label { input type="radio" name="target" value="case" checked[fields.target == "case"]; " " (lang.t(m::HOLD_THE_WHOLE_CASE)) }
                }
                label for="hold-reason" { (lang.t(m::REASON)) }
                span.hint id="hold-reason-hint" { (lang.t(m::HOLD_REASON_HINT)) }
                input id="hold-reason" name="reason" value=(fields.reason) size="50"
                    aria-describedby=(described_with_hint(errors, "hold-reason", "hold-reason-hint"));
                (field_error(errors, "hold-reason"))
                button { (lang.t(m::PLACE_THE_HOLD)) }
            }
        }
    }
}

/// The day a hold form was sent from (today when it is missing or unreadable).
fn form_day(text: &str) -> NaiveDate {
    words::read_day(text).unwrap_or_else(helsinki_today)
}

/// Places a legal hold (the use-case of `POST /api/v1/holds`).
pub(super) async fn place_hold(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<HoldFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageHolds)?;
    let lang = user.lang;
    let day = form_day(&fields.on);
    let mut errors = Vec::new();
    if fields.document.trim().is_empty() {
        errors.push(FieldError::new(
            "hold-document",
            "missing_record",
            lang,
            m::PROBLEM_CHOOSE_A_RECORD,
        ));
    }
    if fields.reason.trim().is_empty() {
        errors.push(FieldError::new(
            "hold-reason",
            "reason_required",
            lang,
            m::PROBLEM_REASON_REQUIRED,
        ));
    }
    if !errors.is_empty() {
        return hold_refused(&state, &user, day, fields, HoldFields::default(), &errors).await;
    }
    let principal = user.principal();
    let (document, target, reason) = (fields.document.clone(), fields.target.clone(), fields.reason.clone());
    let placed = blocking(&state, move |registry| {
        // A case hold is placed on the record's case.
        let (kind, reference) = if target == "case" {
            let document = registry
                .store
                .get::<kirjuri_registry::Document>(kirjuri_registry::DOCUMENT, &document)?;
            ("case", document.map(|d| d.case_id).unwrap_or_default())
        } else {
            ("document", document.clone())
        };
        place_hold_as(registry, &principal, kind, &reference, &reason)
    })
    .await;
    match placed {
        Ok(hold) => Ok(Redirect::to(&retention_done(&user, day, "held", &hold.id)).into_response()),
        Err(error @ (ApiError::Forbidden | ApiError::Csrf)) => Err(error),
        Err(error) => {
            let errors = [problem(lang, &error, "hold-reason")];
            hold_refused(&state, &user, day, fields, HoldFields::default(), &errors).await
        }
    }
}

/// Lifts a legal hold with a reason (the use-case of `POST /api/v1/holds/{hold}/lift`).
pub(super) async fn lift_hold(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<HoldFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageHolds)?;
    let lang = user.lang;
    let day = form_day(&fields.on);
    if fields.reason.trim().is_empty() {
        let errors = [FieldError::new(
            "lift-reason",
            "reason_required",
            lang,
            m::PROBLEM_REASON_REQUIRED,
        )];
        return hold_refused(&state, &user, day, HoldFields::default(), fields, &errors).await;
    }
    let principal = user.principal();
    let (target, id, hold, reason) = (
        fields.target.clone(),
        fields.document.clone(),
        fields.hold.clone(),
        fields.reason.clone(),
    );
    let lifted = blocking(&state, move |registry| {
        lift_hold_as(registry, &principal, &target, &id, &hold, &reason)
    })
    .await;
    match lifted {
        Ok(()) => Ok(Redirect::to(&retention_done(&user, day, "lifted", &fields.hold)).into_response()),
        Err(error @ (ApiError::Forbidden | ApiError::Csrf)) => Err(error),
        Err(error) => {
            let errors = [problem(lang, &error, "lift-reason")];
            hold_refused(&state, &user, day, HoldFields::default(), fields, &errors).await
        }
    }
}

async fn hold_refused(
    state: &AppState,
    user: &UiUser,
    day: NaiveDate,
    hold_fields: HoldFields,
    lift_fields: HoldFields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let view = View {
        day,
        day_text: day.to_string(),
        done: None,
        hold_fields,
        lift_fields,
        chosen: Vec::new(),
    };
    let markup = retention_view(state, user, &view, errors).await?;
    Ok((StatusCode::BAD_REQUEST, markup).into_response())
}

/// The page again after a refused proposal (400): the chosen records stay chosen, the
/// refusal in words at the top.
pub(super) async fn propose_refused(
    state: &AppState,
    user: &UiUser,
    day: NaiveDate,
    chosen: Vec<String>,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let view = View {
        day,
        day_text: day.to_string(),
        done: None,
        hold_fields: HoldFields::default(),
        lift_fields: HoldFields::default(),
        chosen,
    };
    let markup = retention_view(state, user, &view, errors).await?;
    Ok((StatusCode::BAD_REQUEST, markup).into_response())
}

/// The address of a hold form, reloaded or opened again: back to the page.
pub(super) async fn back_to_retention() -> Redirect {
    Redirect::to("/ui/retention")
}

/// A record's title as a list shows it: the use-case hides the title of a record whose case's
/// access list leaves the reader out (`kirjuri_app::HIDDEN_TITLE`), said here in words.
pub(super) fn record_title(lang: super::Lang, title: &str) -> &str {
    if title == kirjuri_app::HIDDEN_TITLE {
        lang.t(m::RESTRICTED)
    } else {
        title
    }
}
