//! The disposal pages (hävittäminen): the proposals (`/ui/disposal`), proposing from the dues
//! of the retention page, one proposal (`/ui/disposal/{id}`) with its review (an item removed
//! with a reason), approval by a second archivist, execution, confirmation of paper records
//! destroyed by hand, cancellation, and the destruction list (hävitysluettelo) as CSV.
//!
//! Every rule is the use-case's (`kirjuri_archive::disposal`, `kirjuri_app`, `api::retention`):
//! four eyes, nothing destroyed before its retention ends or while held. The page shows who
//! proposed, and the use-case's refusals in words.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kirjuri_archive::disposal::{ItemState, Proposal, ProposalItem, ProposalState};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, error_summary, field_error};
use super::retention::{paper_place, propose_refused};
use super::{Lang, UiUser, page, words};
use crate::AppState;
use crate::api::retention::{NewProposal, destruction_csv_download, destruction_list_as, propose_as};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui/disposal", get(proposals_page))
        .route("/ui/disposal/proposals", get(back_to_list).post(propose))
        .route("/ui/disposal/destruction-list", get(destruction_list))
        .route("/ui/disposal/{id}", get(proposal_page))
        .route("/ui/disposal/{id}/destruction-list", get(proposal_destruction_list))
        .route("/ui/disposal/{id}/remove", get(back_to_proposal).post(remove_item))
        .route("/ui/disposal/{id}/approve", get(back_to_proposal).post(approve))
        .route("/ui/disposal/{id}/execute", get(back_to_proposal).post(execute))
        .route(
            "/ui/disposal/{id}/confirm-paper",
            get(back_to_proposal).post(confirm_paper),
        )
        .route("/ui/disposal/{id}/cancel", get(back_to_proposal).post(cancel))
        .route(
            "/ui/retention/holds",
            get(super::retention::back_to_retention).post(super::retention::place_hold),
        )
        .route(
            "/ui/retention/holds/lift",
            get(super::retention::back_to_retention).post(super::retention::lift_hold),
        )
}

/// The words of a disposal refusal, by the use-case's code; any other problem as the shared
/// catalogue says it. The problem belongs to `field` (the form's own field).
pub(super) fn problem(lang: Lang, error: &ApiError, field: &'static str) -> FieldError {
    let (_, code) = error.status_and_code();
    let words = match code {
        "own_proposal" => Some(m::PROBLEM_OWN_PROPOSAL),
        "disposal" => Some(m::PROBLEM_DISPOSAL_STATE),
        "not_approved" => Some(m::PROBLEM_NOT_APPROVED),
        "execution_started" => Some(m::PROBLEM_EXECUTION_STARTED),
        "not_awaiting" => Some(m::PROBLEM_NOT_AWAITING_PAPER),
        "method_required" => Some(m::PROBLEM_METHOD_REQUIRED),
        "not_yet_due" | "not_due" => Some(m::PROBLEM_NOT_YET_DUE),
        "nothing_due" => Some(m::PROBLEM_NOTHING_DUE),
        "not_eligible" => Some(m::PROBLEM_NOT_ELIGIBLE),
        "documents_required" => Some(m::PROBLEM_CHOOSE_RECORDS),
        "missing_reason" | "reason_required" => Some(m::PROBLEM_REASON_REQUIRED),
        _ => None,
    };
    let mut problem = FieldError::from_api(lang, error, &[]);
    if let Some(words) = words {
        problem.text = lang.t(words).to_owned();
    }
    problem.field = Some(field);
    problem
}

fn proposal_state(state: ProposalState) -> words::Words {
    match state {
        ProposalState::Pending => m::PROPOSAL_PENDING,
        ProposalState::Approved => m::PROPOSAL_APPROVED,
        ProposalState::Executed => m::PROPOSAL_EXECUTED,
        ProposalState::ExecutionFailed => m::PROPOSAL_EXECUTION_FAILED,
        ProposalState::Restored => m::PROPOSAL_RESTORED,
    }
}

fn item_state(state: ItemState) -> words::Words {
    match state {
        ItemState::Pending => m::ITEM_PENDING,
        ItemState::Removed => m::ITEM_REMOVED,
        ItemState::Destroyed => m::ITEM_DESTROYED,
        ItemState::AwaitingPaperConfirmation => m::ITEM_AWAITING_PAPER,
        ItemState::Failed => m::ITEM_FAILED,
    }
}

/// An item's note in words: the use-case writes a hold found at execution and a retention not
/// yet ended in English (`legal hold at execution: …`, `not yet due (ends 2027-01-01)`); a
/// removal's reason is the archivist's own text.
fn note_text(lang: Lang, note: &str) -> String {
    if let Some(reason) = note.strip_prefix("legal hold at execution: ") {
        return words::fill(lang.t(m::NOTE_HELD_AT_EXECUTION), &[reason]);
    }
    if let Some(end) = note
        .strip_prefix("not yet due (ends ")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(words::read_day)
    {
        return words::fill(lang.t(m::NOTE_NOT_YET_DUE), &[&words::day(lang, end)]);
    }
    note.to_owned()
}

fn counts(proposal: &Proposal, state: ItemState) -> usize {
    proposal.items.iter().filter(|item| item.state == state).count()
}

/// The proposals, newest first, with the way to propose (the retention page) and the whole
/// destruction list.
pub(super) async fn proposals_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let actor = actor_of(&user.principal());
    let reader = crate::api::reader_of(&user.principal());
    let mut proposals = with_app(&state, move |app| Ok(app.disposal_proposals(&reader, &actor)?)).await?;
    proposals.reverse();
    let body = html! {
        p { (lang.t(m::DISPOSAL_INTRO)) }
        @if user.may(Permission::ManageDisposal) {
            p { a href="/ui/retention" { (lang.t(m::PROPOSE_FROM_THE_DUES)) } }
        }
        h2 id="proposals-heading" { (lang.t(m::DISPOSAL_PROPOSALS)) " (" (proposals.len()) ")" }
        @if proposals.is_empty() {
            p.muted { (lang.t(m::NO_PROPOSALS)) }
        } @else {
            div.scroll tabindex="0" {
                table aria-labelledby="proposals-heading" {
                    tr {
                        th scope="col" { (lang.t(m::PROPOSAL_ID)) } th scope="col" { (lang.t(m::STATE)) }
                        th scope="col" { (lang.t(m::PROPOSAL_DUE_ON)) } th scope="col" { (lang.t(m::PROPOSED_BY)) }
                        th scope="col" { (lang.t(m::APPROVED_BY)) } th scope="col" { (lang.t(m::RECORDS_IN_PROPOSAL)) }
                    }
                    @for proposal in &proposals {
                        tr {
                            td { a href=(format!("/ui/disposal/{}", proposal.id)) data-value { (proposal.id) } }
                            td { (lang.t(proposal_state(proposal.state))) }
                            td { (words::day(lang, proposal.due_on)) }
                            td data-value { (proposal.proposed_by) }
                            td data-value { (proposal.approved_by.as_deref().unwrap_or("—")) }
                            td { (words::fill(lang.t(m::ITEM_COUNTS), &[
                                &proposal.items.len().to_string(),
                                &counts(proposal, ItemState::Destroyed).to_string(),
                                &counts(proposal, ItemState::Removed).to_string(),
                            ])) }
                        }
                    }
                }
            }
        }
        h2 { (lang.t(m::DESTRUCTION_LIST)) }
        p { (lang.t(m::DESTRUCTION_LIST_HINT)) }
        p { a href="/ui/disposal/destruction-list" download { (lang.t(m::DOWNLOAD_THE_WHOLE_LIST)) } }
    };
    Ok(page(lang, Some(&user), lang.t(m::NAV_DISPOSAL), body))
}

/// Proposes a disposal from the retention page: the chosen records (`scope=chosen` with the
/// table's `documents`) or every eligible due record (`scope=all`), due on the page's day.
pub(super) async fn propose(
    State(state): State<AppState>,
    user: UiUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    user.check_form(&value("csrf"), Permission::ManageDisposal)?;
    let lang = user.lang;
    let day = words::read_day(&value("on")).unwrap_or_else(helsinki_today);
    let chosen: Vec<String> = pairs
        .iter()
        .filter(|(key, _)| key == "documents")
        .map(|(_, value)| value.clone())
        .collect();
    let all = value("scope") == "all";
    if !all && chosen.is_empty() {
        let errors = [FieldError::new(
            "documents",
            "documents_required",
            lang,
            m::PROBLEM_CHOOSE_RECORDS,
        )];
        return propose_refused(&state, &user, day, chosen, &errors).await;
    }
    let new = NewProposal {
        day,
        class: None,
        documents: (!all).then(|| chosen.clone()),
    };
    let principal = user.principal();
    let proposed = blocking(&state, move |registry| propose_as(registry, &principal, &new)).await;
    match proposed {
        Ok(proposal) => Ok(Redirect::to(&proposal_done(&user, &proposal.id, "proposed", "")).into_response()),
        Err(error @ (ApiError::Forbidden | ApiError::Csrf)) => Err(error),
        Err(error) => {
            let errors = [problem(lang, &error, "documents")];
            propose_refused(&state, &user, day, chosen, &errors).await
        }
    }
}

/// What the proposal page was sent back with after an action, shown with the session's proof.
#[derive(Deserialize, Default)]
pub(super) struct ProposalQuery {
    #[serde(default)]
    done: Option<String>,
    /// The execution run's counts, `destroyed-paper-held-notyet-failed`.
    #[serde(default)]
    counts: Option<String>,
    #[serde(default)]
    proof: Option<String>,
}

fn done_message(id: &str, done: &str, counts: &str) -> String {
    format!("disposal:{id}|{done}|{counts}")
}

/// The proposal page's address after an action, with the session's proof.
fn proposal_done(user: &UiUser, id: &str, done: &str, counts: &str) -> String {
    let proof = user.proof(&done_message(id, done, counts));
    format!("/ui/disposal/{id}?done={done}&counts={counts}&proof={proof}")
}

impl ProposalQuery {
    fn done(&self, user: &UiUser, id: &str) -> Option<(String, String)> {
        let done = self.done.as_deref()?;
        let counts = self.counts.as_deref().unwrap_or_default();
        user.proves(&done_message(id, done, counts), self.proof.as_deref())
            .then(|| (done.to_owned(), counts.to_owned()))
    }
}

/// The fields of the proposal page's forms, kept when one is refused.
#[derive(Deserialize, Default)]
pub(super) struct ItemFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// Which form a refusal belongs to, so its input and message are shown there.
#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Refused {
    #[default]
    None,
    Remove,
    Paper,
    Cancel,
}

pub(super) async fn proposal_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<ProposalQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let done = query.done(&user, &id);
    proposal_view(&state, &user, id, done, Refused::None, &ItemFields::default(), &[]).await
}

async fn proposal_view(
    state: &AppState,
    user: &UiUser,
    id: String,
    done: Option<(String, String)>,
    refused: Refused,
    fields: &ItemFields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let actor = actor_of(&user.principal());
    let reader = crate::api::reader_of(&user.principal());
    // Shows restricted titles: an audited read (`disposal.read`).
    let proposal = with_app(state, move |app| Ok(app.disposal_proposal(&id, &reader, &actor)?)).await?;
    let may_manage = user.may(Permission::ManageDisposal);
    let open = matches!(proposal.state, ProposalState::Pending | ProposalState::Approved);
    let body = html! {
        @if let Some((done, counts)) = &done { (done_notice(lang, &proposal, done, counts)) }
        (error_summary(lang, errors))
        (facts(lang, &proposal))
        h2 id="items-heading" { (lang.t(m::RECORDS_IN_PROPOSAL)) " (" (proposal.items.len()) ")" }
        (items_table(user, &proposal, refused, fields, errors))
        @if may_manage && proposal.state == ProposalState::Pending {
            (approve_form(user, &proposal))
        }
        @if may_manage && matches!(proposal.state, ProposalState::Approved | ProposalState::ExecutionFailed)
            && proposal.items.iter().any(|i| matches!(i.state, ItemState::Pending | ItemState::Failed)) {
            (execute_form(user, &proposal, errors))
        }
        // Once a record is destroyed or its paper sent to be shredded, there is no going back
        // (the use-case refuses, `execution_started`): no cancel form is offered.
        @if may_manage && open && !proposal.items.iter().any(|i| matches!(i.state, ItemState::Destroyed | ItemState::AwaitingPaperConfirmation)) {
            (cancel_form(user, &proposal, refused, fields, errors))
        }
        @if counts(&proposal, ItemState::Destroyed) > 0 {
            h2 { (lang.t(m::DESTRUCTION_LIST)) }
            p { a href=(format!("/ui/disposal/{}/destruction-list", proposal.id)) download {
                (words::fill(lang.t(m::DOWNLOAD_THE_LIST_OF), &[&proposal.id]))
            } }
        }
        p { a href="/ui/disposal" { (lang.t(m::TO_THE_DISPOSAL_PROPOSALS)) } }
    };
    Ok(page(
        lang,
        Some(user),
        &words::fill(lang.t(m::PROPOSAL_TITLE), &[&proposal.id]),
        body,
    ))
}

fn done_notice(lang: Lang, proposal: &Proposal, done: &str, counts: &str) -> Markup {
    let text = match done {
        "proposed" => words::fill(lang.t(m::PROPOSED_DONE), &[&proposal.items.len().to_string()]),
        "removed" => lang.t(m::REMOVED_DONE).to_owned(),
        "approved" => lang.t(m::APPROVED_DONE).to_owned(),
        "confirmed" => lang.t(m::PAPER_CONFIRMED_DONE).to_owned(),
        "cancelled" => lang.t(m::CANCELLED_DONE).to_owned(),
        "executed" => {
            let numbers: Vec<&str> = counts.split('-').collect();
            words::fill(lang.t(m::EXECUTED_DONE), &numbers)
        }
        _ => return html! {},
    };
    html! { p.notice role="status" { strong { (text) } } }
}

fn facts(lang: Lang, proposal: &Proposal) -> Markup {
    html! {
        dl.facts {
            dt { (lang.t(m::STATE)) } dd { (lang.t(proposal_state(proposal.state))) }
            dt { (lang.t(m::PROPOSAL_DUE_ON)) } dd { (words::day(lang, proposal.due_on)) }
            dt { (lang.t(m::PROPOSED_BY)) } dd { span data-value { (proposal.proposed_by) } " (" (words::moment(lang, proposal.proposed_at)) ")" }
            dt { (lang.t(m::APPROVED_BY)) } dd {
                @match (&proposal.approved_by, proposal.approved_at) {
                    (Some(by), Some(at)) => { span data-value { (by) } " (" (words::moment(lang, at)) ")" }
                    _ => { (lang.t(m::NOT_YET_APPROVED)) }
                }
            }
            @if let Some(at) = proposal.executed_at {
                dt { (lang.t(m::EXECUTED_AT)) } dd { (words::moment(lang, at)) }
            }
            @if let Some(reason) = &proposal.cancel_reason {
                dt { (lang.t(m::CANCEL_REASON)) } dd data-value { (reason) }
            }
        }
    }
}

fn items_table(
    user: &UiUser,
    proposal: &Proposal,
    refused: Refused,
    fields: &ItemFields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    html! {
        div.scroll tabindex="0" {
            table aria-labelledby="items-heading" {
                tr {
                    th scope="col" { (lang.t(m::DIARY_NUMBER)) } th scope="col" { (lang.t(m::TITLE)) }
                    th scope="col" { (lang.t(m::RETENTION_ENDED)) } th scope="col" { (lang.t(m::PAPER_LOCATION)) }
                    th scope="col" { (lang.t(m::STATE)) } th scope="col" { (lang.t(m::ITEM_NOTE)) }
                    th scope="col" { (lang.t(m::ITEM_ACTION)) }
                }
                @for item in &proposal.items {
                    tr {
                        td { (item.diary_number) }
                        td data-value { (super::retention::record_title(lang, &item.title)) }
                        td { (words::day(lang, item.retention_end)) }
                        td { @match &item.paper { Some(paper) => { (paper_place(lang, paper)) } None => { (lang.t(m::RECORD_ELECTRONIC)) } } }
                        td { (lang.t(item_state(item.state))) }
                        td data-value { (item.note.as_deref().map(|n| note_text(lang, n)).unwrap_or_default()) }
                        td { (item_action(user, proposal, item, refused, fields, errors)) }
                    }
                }
            }
        }
    }
}

/// An item's form: removing a pending one before execution (with a reason), confirming a paper
/// one destroyed by hand (with the method).
fn item_action(
    user: &UiUser,
    proposal: &Proposal,
    item: &ProposalItem,
    refused: Refused,
    fields: &ItemFields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let may_manage = user.may(Permission::ManageDisposal);
    let open = matches!(proposal.state, ProposalState::Pending | ProposalState::Approved);
    let this = fields.document == item.document;
    html! {
        @if may_manage && open && item.state == ItemState::Pending {
            @let kept = this && refused == Refused::Remove;
            @let id = if kept { "remove-reason".to_owned() } else { format!("remove-reason-{}", item.document) };
            form method="post" action=(format!("/ui/disposal/{}/remove", proposal.id)) {
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="document" value=(item.document);
                label for=(id) { (words::fill(lang.t(m::REASON_FOR_REMOVING), &[&item.diary_number])) }
                input id=(id) name="reason" size="20" value=(if kept { fields.reason.as_str() } else { "" })
                    aria-describedby=[if kept { described_by(errors, "remove-reason") } else { None }];
                @if kept { (field_error(errors, "remove-reason")) }
                button { (lang.t(m::REMOVE_FROM_PROPOSAL)) }
            }
        } @else if may_manage && item.state == ItemState::AwaitingPaperConfirmation {
            @let kept = this && refused == Refused::Paper;
            @let id = if kept { "paper-method".to_owned() } else { format!("paper-method-{}", item.document) };
            form method="post" action=(format!("/ui/disposal/{}/confirm-paper", proposal.id)) {
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="document" value=(item.document);
                label for=(id) { (words::fill(lang.t(m::PAPER_METHOD_FOR), &[&item.diary_number])) }
                input id=(id) name="method" size="20" value=(if kept { fields.method.as_str() } else { "" })
                    aria-describedby=[if kept { described_by(errors, "paper-method") } else { None }];
                @if kept { (field_error(errors, "paper-method")) }
                button { (lang.t(m::CONFIRM_PAPER_DESTROYED)) }
            }
        } @else if let Some(record) = &item.destruction_record {
            span data-value { (record) }
        } @else { "—" }
    }
}

fn approve_form(user: &UiUser, proposal: &Proposal) -> Markup {
    let lang = user.lang;
    let own = proposal.proposed_by == user.session.user.name;
    html! {
        form #approve method="post" action=(format!("/ui/disposal/{}/approve", proposal.id)) {
            fieldset {
                legend { (lang.t(m::APPROVE_THE_PROPOSAL)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (words::fill(lang.t(m::APPROVE_HINT), &[&proposal.proposed_by])) }
                @if own { p { strong { (lang.t(m::YOU_PROPOSED_THIS)) } } }
                button { (lang.t(m::APPROVE_THE_PROPOSAL)) }
            }
        }
    }
}

fn execute_form(user: &UiUser, proposal: &Proposal, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let waiting = proposal
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Pending | ItemState::Failed))
        .count();
    html! {
        form #execute method="post" action=(format!("/ui/disposal/{}/execute", proposal.id)) {
            fieldset {
                legend { (lang.t(m::EXECUTE_THE_PROPOSAL)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (lang.t(m::EXECUTE_HINT)) }
                label {
                    input id="confirm" type="checkbox" name="confirm" value="yes" required aria-describedby=[described_by(errors, "confirm")];
                    " " (words::fill(lang.t(m::EXECUTE_I_UNDERSTAND), &[&waiting.to_string(), &proposal.id]))
                }
                (field_error(errors, "confirm"))
                button { (lang.t(m::EXECUTE_THE_PROPOSAL)) }
            }
        }
    }
}

fn cancel_form(
    user: &UiUser,
    proposal: &Proposal,
    refused: Refused,
    fields: &ItemFields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    html! {
        form #cancel method="post" action=(format!("/ui/disposal/{}/cancel", proposal.id)) {
            fieldset {
                legend { (lang.t(m::CANCEL_THE_PROPOSAL)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (lang.t(m::CANCEL_HINT)) }
                label for="cancel-reason" { (lang.t(m::REASON)) }
                input id="cancel-reason" name="reason" size="40" value=(if refused == Refused::Cancel { fields.reason.as_str() } else { "" })
                    aria-describedby=[described_by(errors, "cancel-reason")];
                (field_error(errors, "cancel-reason"))
                button { (lang.t(m::CANCEL_THE_PROPOSAL)) }
            }
        }
    }
}

/// The proposal page again with a refusal (400), the input kept in its form.
async fn refused_view(
    state: &AppState,
    user: &UiUser,
    id: String,
    refused: Refused,
    fields: &ItemFields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let markup = proposal_view(state, user, id, None, refused, fields, errors).await?;
    Ok((StatusCode::BAD_REQUEST, markup).into_response())
}

/// A use-case's answer: on success the page with its message; a refusal shown on the page
/// with the problem at `field`; a refused right, CSRF or an unknown proposal as an error page.
async fn answer(
    state: &AppState,
    user: &UiUser,
    id: String,
    outcome: ApiResult<String>,
    refused: Refused,
    fields: &ItemFields,
    field: &'static str,
) -> ApiResult<Response> {
    match outcome {
        Ok(address) => Ok(Redirect::to(&address).into_response()),
        Err(error @ (ApiError::Forbidden | ApiError::Csrf | ApiError::NotFound(_))) => Err(error),
        Err(error) => {
            let errors = [problem(user.lang, &error, field)];
            refused_view(state, user, id, refused, fields, &errors).await
        }
    }
}

/// Takes a record out of the proposal with a reason (review).
pub(super) async fn remove_item(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<ItemFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageDisposal)?;
    if fields.reason.trim().is_empty() {
        let errors = [FieldError::new(
            "remove-reason",
            "reason_required",
            user.lang,
            m::PROBLEM_REASON_REQUIRED,
        )];
        return refused_view(&state, &user, id, Refused::Remove, &fields, &errors).await;
    }
    let actor = actor_of(&user.principal());
    let (target, document, reason) = (id.clone(), fields.document.clone(), fields.reason.clone());
    let outcome = blocking(&state, move |registry| {
        Ok(kirjuri_archive::disposal::remove_item(
            registry.store,
            &target,
            &document,
            &reason,
            &actor,
        )?)
    })
    .await
    .map(|proposal| proposal_done(&user, &proposal.id, "removed", ""));
    answer(&state, &user, id, outcome, Refused::Remove, &fields, "remove-reason").await
}

#[derive(Deserialize)]
pub(super) struct CsrfOnly {
    csrf: String,
}

/// Approves the proposal; the use-case refuses its proposer (four eyes).
pub(super) async fn approve(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::ManageDisposal)?;
    let actor = actor_of(&user.principal());
    let target = id.clone();
    let outcome = blocking(&state, move |registry| {
        Ok(kirjuri_archive::disposal::approve(registry.store, &target, &actor)?)
    })
    .await
    .map(|proposal| proposal_done(&user, &proposal.id, "approved", ""));
    answer(
        &state,
        &user,
        id,
        outcome,
        Refused::None,
        &ItemFields::default(),
        "approve",
    )
    .await
}

/// Executes the approved proposal, after the archivist confirmed it with the proposal named.
pub(super) async fn execute(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<ItemFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageDisposal)?;
    if fields.confirm.as_deref() != Some("yes") {
        let errors = [FieldError::new(
            "confirm",
            "confirm_required",
            user.lang,
            m::PROBLEM_CONFIRM_EXECUTION,
        )];
        return refused_view(&state, &user, id, Refused::None, &fields, &errors).await;
    }
    let actor = actor_of(&user.principal());
    let target = id.clone();
    let outcome = with_app(&state, move |app| Ok(app.execute_disposal(&target, &actor)?))
        .await
        .map(|report| {
            let counts = format!(
                "{}-{}-{}-{}-{}",
                report.destroyed,
                report.awaiting_paper,
                report.kept_for_hold.len(),
                report.not_yet_due.len(),
                report.failed.len()
            );
            proposal_done(&user, &report.proposal.id, "executed", &counts)
        });
    answer(&state, &user, id, outcome, Refused::None, &fields, "confirm").await
}

/// Confirms a paper record destroyed by hand, with the method.
pub(super) async fn confirm_paper(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<ItemFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageDisposal)?;
    if fields.method.trim().is_empty() {
        let errors = [FieldError::new(
            "paper-method",
            "method_required",
            user.lang,
            m::PROBLEM_METHOD_REQUIRED,
        )];
        return refused_view(&state, &user, id, Refused::Paper, &fields, &errors).await;
    }
    let actor = actor_of(&user.principal());
    let (target, document, method) = (id.clone(), fields.document.clone(), fields.method.clone());
    let outcome = with_app(&state, move |app| {
        Ok(app.confirm_paper_destruction(&target, &document, &method, &actor)?)
    })
    .await
    .map(|proposal| proposal_done(&user, &proposal.id, "confirmed", ""));
    answer(&state, &user, id, outcome, Refused::Paper, &fields, "paper-method").await
}

/// Cancels the proposal with a reason; its records return to normal life.
pub(super) async fn cancel(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<ItemFields>,
) -> ApiResult<Response> {
    user.check_form(&fields.csrf, Permission::ManageDisposal)?;
    if fields.reason.trim().is_empty() {
        let errors = [FieldError::new(
            "cancel-reason",
            "reason_required",
            user.lang,
            m::PROBLEM_REASON_REQUIRED,
        )];
        return refused_view(&state, &user, id, Refused::Cancel, &fields, &errors).await;
    }
    let actor = actor_of(&user.principal());
    let (target, reason) = (id.clone(), fields.reason.clone());
    let outcome = blocking(&state, move |registry| {
        Ok(kirjuri_archive::disposal::cancel(
            registry.store,
            &target,
            &reason,
            &actor,
        )?)
    })
    .await
    .map(|proposal| proposal_done(&user, &proposal.id, "cancelled", ""));
    answer(&state, &user, id, outcome, Refused::Cancel, &fields, "cancel-reason").await
}

/// The whole destruction list as CSV (the use-case of `GET /api/v1/disposal/destroyed`).
pub(super) async fn destruction_list(State(state): State<AppState>, user: UiUser) -> ApiResult<Response> {
    download(&state, &user, None).await
}

/// One proposal's destruction list as CSV.
pub(super) async fn proposal_destruction_list(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    download(&state, &user, Some(id)).await
}

async fn download(state: &AppState, user: &UiUser, proposal: Option<String>) -> ApiResult<Response> {
    if !user.may(Permission::ReadRetention) {
        return Err(ApiError::Forbidden);
    }
    let principal = user.principal();
    blocking(state, move |registry| {
        let records = destruction_list_as(registry, &principal, proposal.as_deref())?;
        destruction_csv_download(&records, proposal.as_deref())
    })
    .await
}

/// The address of a proposal's form, reloaded or opened again: back to the proposal.
pub(super) async fn back_to_proposal(Path(id): Path<String>) -> Redirect {
    let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    Redirect::to(&format!("/ui/disposal/{id}"))
}

pub(super) async fn back_to_list() -> Redirect {
    Redirect::to("/ui/disposal")
}
