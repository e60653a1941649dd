//! One case (`/ui/cases/{id}`): its facts, documents, the request or incident it handles (state,
//! deadlines, history), and its forms — registering documents (in `upload`), changing the
//! case's state, and erasing a document after a confirmation page that names the record and
//! asks the decision and the reason (`/ui/cases/{id}/erase`). Also the printable case card
//! (`/ui/cases/{id}/card`).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_registry::{Case, CaseState, CaseView, Document};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{Lang, UiUser, page, words};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, reader_of, with_app};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// What the case page was sent back with after an action: each ends in a message, shown only
/// with the session's proof that its own action led here (see `UiUser::proof`).
#[derive(Deserialize, serde::Serialize, Default)]
pub(super) struct CasePageQuery {
    /// Documents just registered on the page's form (comma-separated ids).
    #[serde(skip_serializing_if = "Option::is_none")]
    registered: Option<String>,
    /// The case was just opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    opened: Option<String>,
    /// The case's state was just changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    moved: Option<String>,
    /// A document just erased (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    erased: Option<String>,
    /// A legal hold just placed on the case (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    held: Option<String>,
    /// A legal hold of the case just lifted (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    lifted: Option<String>,
    /// A document whose secrecy days were just saved (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    secrecy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proof: Option<String>,
    /// Made by the page itself (a refused form shown again), not read from an address.
    #[serde(skip)]
    trusted: bool,
}

impl CasePageQuery {
    /// The page after documents were registered (shown again by the page itself).
    pub(super) fn registered(ids: &[String]) -> CasePageQuery {
        CasePageQuery {
            registered: (!ids.is_empty()).then(|| ids.join(",")),
            trusted: true,
            ..CasePageQuery::default()
        }
    }

    fn message(&self, case_id: &str) -> String {
        let part = |value: &Option<String>| value.clone().unwrap_or_default();
        format!(
            "case:{case_id}|registered:{}|opened:{}|moved:{}|erased:{}|held:{}|lifted:{}|secrecy:{}",
            part(&self.registered),
            part(&self.opened),
            part(&self.moved),
            part(&self.erased),
            part(&self.held),
            part(&self.lifted),
            part(&self.secrecy)
        )
    }

    /// Whether the messages may be shown to this user.
    fn shown_to(&self, user: &UiUser, case_id: &str) -> bool {
        self.trusted || user.proves(&self.message(case_id), self.proof.as_deref())
    }
}

/// The case page's address after an action, with its message and the session's proof.
pub(super) fn case_done(user: &UiUser, case_id: &str, done: CaseDone) -> String {
    let mut query = CasePageQuery::default();
    match done {
        CaseDone::Opened => query.opened = Some("1".to_owned()),
        CaseDone::Moved => query.moved = Some("1".to_owned()),
        CaseDone::Registered(ids) => query.registered = Some(ids.join(",")),
        CaseDone::Erased(id) => query.erased = Some(id),
        CaseDone::Held(id) => query.held = Some(id),
        CaseDone::Lifted(id) => query.lifted = Some(id),
        CaseDone::SecrecyDays(id) => query.secrecy = Some(id),
    }
    query.proof = Some(user.proof(&query.message(case_id)));
    format!(
        "/ui/cases/{case_id}?{}",
        serde_urlencoded::to_string(&query).unwrap_or_default()
    )
}

/// What was just done on a case.
pub(super) enum CaseDone {
    Opened,
    Moved,
    Registered(Vec<String>),
    Erased(String),
    Held(String),
    Lifted(String),
    SecrecyDays(String),
}

/// Everything the case page and the card show, read once for the reader.
pub(super) struct CaseData {
    pub case: Case,
    pub masked: bool,
    pub documents: Vec<Document>,
    /// The plan's record types of the case's class: id and name.
    pub record_types: Vec<(String, String)>,
    pub class_title: Option<String>,
    /// Whether the reader's right covers the case (its restricted documents are shown).
    pub covered: bool,
    pub may_register: bool,
    pub may_move: bool,
    pub request: Option<kirjuri_requests::InfoRequest>,
    pub incident: Option<kirjuri_incidents::Incident>,
}

pub(super) async fn case_data(state: &AppState, user: &UiUser, id: String) -> ApiResult<CaseData> {
    let reader = reader_of(&user.principal());
    let may_write = user.may(Permission::WriteDocuments);
    let may_write_cases = user.may(Permission::WriteCases);
    let reads_requests = user.may(Permission::ReadRequests);
    let reads_incidents = user.may(Permission::ReadIncidents);
    let actor = actor_of(&user.principal());
    let app = state.clone();
    blocking(state, move |registry| {
        let stored = registry.find_case(&id)?;
        let covered = reader.covers(&stored);
        let may_register = may_write && reader.may_write_in(&stored);
        let may_move = may_write_cases && reader.may_write_in(&stored);
        // The view is audited (`case.read`) when it shows restricted records.
        let (CaseView { case, masked }, documents) = registry.read_case(&id, &reader, &actor)?;
        let class = registry
            .plans
            .current()
            .and_then(|plan| plan.class(&case.class).cloned());
        let record_types = class
            .as_ref()
            .and_then(|class| class.process.as_ref())
            .map(|process| {
                process
                    .record_types()
                    .map(|t| {
                        (
                            t.id.clone(),
                            t.specifier.clone().unwrap_or_else(|| t.document_type.clone()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A request's or an incident's data only for a reader whose role reads them and whose
        // right covers the case.
        let request = if reads_requests && covered {
            kirjuri_requests::Requests { registry }.in_case_for(&case.id, &reader)?
        } else {
            None
        };
        let incident = if reads_incidents && covered {
            crate::api::incidents::incidents(registry, &app).in_case_for(&case.id, &reader)?
        } else {
            None
        };
        Ok(CaseData {
            masked,
            documents,
            record_types,
            class_title: class.map(|c| c.title),
            covered,
            may_register,
            may_move,
            request,
            incident,
            case,
        })
    })
    .await
}

impl CaseData {
    fn record_type_name<'a>(&'a self, document: &'a Document) -> &'a str {
        self.record_types
            .iter()
            .find(|(id, _)| *id == document.record_type)
            .map_or(document.record_type_name.as_str(), |(_, name)| name.as_str())
    }
}

pub(super) async fn case_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(query): Query<CasePageQuery>,
) -> ApiResult<Markup> {
    let data = case_data(&state, &user, id).await?;
    Ok(render_case(
        &user,
        &data,
        &query,
        &[],
        &super::upload::UploadFields::default(),
        &SecrecyFormState::default(),
    ))
}

/// The case page; `errors` and `upload` are a refused registration's problems and fields.
pub(super) fn render_case(
    user: &UiUser,
    data: &CaseData,
    query: &CasePageQuery,
    errors: &[FieldError],
    upload: &super::upload::UploadFields,
    secrecy: &SecrecyFormState,
) -> Markup {
    let lang = user.lang;
    let case = &data.case;
    let shown = query.shown_to(user, &case.id);
    let query = if shown { query } else { &CasePageQuery::default() };
    let registered: Vec<&Document> = query
        .registered
        .as_deref()
        .map(|ids| {
            // Only documents of this case that the reader sees are named.
            ids.split(',')
                .filter_map(|id| data.documents.iter().find(|d| d.id == id.trim()))
                .collect()
        })
        .unwrap_or_default();
    let erased = query.erased.as_deref().filter(|id| {
        id.strip_prefix("doc-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    let body = html! {
        // Every action that changes something ends in a message saying what was done.
        @if query.opened.is_some() {
            p.notice role="status" { strong { (words::fill(lang.t(m::CASE_OPENED), &[&case.diary_number.to_string()])) } }
        }
        @if !registered.is_empty() {
            div.notice role="status" {
                strong { (lang.t(m::DOCUMENTS_REGISTERED)) }
                ul { @for document in &registered { li { (document.id) " — " (document.title) } } }
            }
        }
        @if query.moved.is_some() {
            p.notice role="status" { strong { (words::fill(lang.t(m::CASE_MOVED), &[words::case_state(case.state).in_lang(lang)])) } }
        }
        @if let Some(erased) = erased {
            p.notice role="status" { strong { (words::fill(lang.t(m::DOCUMENT_ERASED), &[erased])) } }
        }
        @if let Some(hold) = &query.held {
            p.notice role="status" { strong { (words::fill(lang.t(m::HOLD_PLACED), &[hold])) } }
        }
        @if let Some(hold) = &query.lifted {
            p.notice role="status" { strong { (words::fill(lang.t(m::HOLD_LIFTED), &[hold])) } }
        }
        @if let Some(document) = &query.secrecy {
            p.notice role="status" { strong { (words::fill(lang.t(m::SECRECY_EVENTS_SAVED), &[document])) } }
        }
        p { strong { (case.title) } }
        @if data.masked {
            p.muted { (lang.t(m::THIS_CASE_IS_RESTRICTED_YOU_SEE)) }
        }
        (case_facts(lang, data))
        p { a href=(format!("/ui/cases/{}/card", case.id)) { (lang.t(m::CASE_CARD)) } }
        @if let Some(request) = &data.request { (super::requests::request_summary(lang, request, true)) }
        @if let Some(incident) = &data.incident { (super::incidents::incident_summary(lang, incident)) }
        h2 { (lang.t(m::DOCUMENTS)) }
        (documents_table(lang, data, true))
        // Said to every reader without the right, whatever the case holds: no count of
        // hidden documents, which would itself tell something.
        @if !data.covered {
            p.muted { (lang.t(m::RESTRICTED_DOCUMENTS_ARE_NOT_SHOWN_TO)) }
        }
        @if data.may_register && !data.record_types.is_empty() {
            (super::upload::upload_form(user, data, errors, upload))
        }
        @if data.may_move && !case.state.allowed_next().is_empty() {
            (state_form(user, case))
        }
        @if user.may(Permission::WriteDocuments) && !data.masked {
            (secrecy_events_form(user, data, secrecy))
        }
        @if user.may(Permission::ManageHolds) && !data.masked {
            (holds_section(user, case))
        }
        (history(lang, data))
        @if user.may(Permission::EraseRecords) && !data.documents.is_empty() {
            form method="get" action=(format!("/ui/cases/{}/erase", case.id)) {
                fieldset {
                    legend { (lang.t(m::ERASE_A_DOCUMENT_DATA_PROTECTION_REGISTERED)) }
                    label for="erase-document" { (lang.t(m::DOCUMENT)) }
                    // Nothing is preselected: the record is chosen, then named on the next page.
                    select id="erase-document" name="document" required {
                        option value="" selected { (lang.t(m::CHOOSE)) }
                        @for document in &data.documents { option value=(document.id) { (document.id) " – " (document.title) } }
                    }
                    button { (lang.t(m::CONTINUE)) }
                }
            }
        }
    };
    page(lang, Some(user), &case.diary_number.to_string(), body)
}

fn case_facts(lang: Lang, data: &CaseData) -> Markup {
    let case = &data.case;
    html! {
        dl.facts {
            dt { (lang.t(m::DIARY_NUMBER)) } dd { (case.diary_number) }
            @if !data.masked {
                @if let Some(public_title) = &case.public_title { dt { (lang.t(m::PUBLIC_TITLE)) } dd { (public_title) } }
            }
            dt { (lang.t(m::CLASS_2)) } dd { (case.class) @if let Some(title) = &data.class_title { " " (title) } }
            dt { (lang.t(m::STATE)) } dd { (words::case_state(case.state).in_lang(lang)) }
            dt { (lang.t(m::DEPARTMENT)) } dd { (case.department) }
            dt { (lang.t(m::OPENED)) } dd { (words::day(lang, case.opened_on)) }
            @if let Some(decided) = case.decided_on { dt { (lang.t(m::DECIDED)) } dd { (words::day(lang, decided)) } }
            @if let Some(closed) = case.closed_on { dt { (lang.t(m::CLOSED)) } dd { (words::day(lang, closed)) } }
            @if !case.parties.is_empty() { dt { (lang.t(m::PARTIES_2)) } dd { (case.parties.join(", ")) } }
        }
    }
}

/// The case's state changes, for a reader who sees the case in full.
fn history(lang: Lang, data: &CaseData) -> Markup {
    html! {
        @if !data.masked {
            h2 { (lang.t(m::HISTORY)) }
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::WHEN)) } th scope="col" { (lang.t(m::STATE)) }
                        th scope="col" { (lang.t(m::BY)) } th scope="col" { (lang.t(m::REASON)) }
                    }
                    @for change in &data.case.history {
                        tr {
                            td { (words::moment(lang, change.at)) }
                            td { (words::case_state(change.to).in_lang(lang)) }
                            td { (change.by) }
                            td { (change.reason.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

fn documents_table(lang: Lang, data: &CaseData, links: bool) -> Markup {
    html! {
        @if data.documents.is_empty() { p.muted { (lang.t(m::NO_DOCUMENTS)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::DOCUMENT)) } th scope="col" { (lang.t(m::TITLE)) }
                        th scope="col" { (lang.t(m::RECORD_TYPE)) } th scope="col" { (lang.t(m::DIRECTION)) }
                        th scope="col" { (lang.t(m::PUBLICITY)) } th scope="col" { (lang.t(m::DATE)) }
                        th scope="col" { (lang.t(m::SECRECY_ENDS)) }
                    }
                    @for document in &data.documents {
                        tr {
                            td {
                                @if !links || document.content.is_none() { (document.id) }
                                @else if document.is_public() { a href=(format!("/api/v1/documents/{}/content", document.id)) { (document.id) } }
                                // A restricted document opens through the purpose form.
                                @else { a href=(format!("/ui/documents/{}/open", document.id)) { (document.id) } }
                            }
                            td { (document.title) }
                            // The plan's name of the record type, not its machine id.
                            td { (data.record_type_name(document)) }
                            td { (words::direction(document.direction).in_lang(lang)) }
                            td { (document.restriction.publicity.map_or(lang.t(m::UNKNOWN), |p| words::publicity(p).in_lang(lang))) }
                            td { (words::day(lang, document.created_on)) }
                            td.secrecy-end {
                                @match document.secrecy_end(&data.case) {
                                    Some(end) => (words::secrecy_end(lang, &end)),
                                    None => (lang.t(m::SECRECY_NOT_SECRET)),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn state_form(user: &UiUser, case: &Case) -> Markup {
    let lang = user.lang;
    html! {
        form method="post" action=(format!("/ui/cases/{}/state", case.id)) {
            fieldset {
                legend { (lang.t(m::CHANGE_THE_STATE)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="state" { (lang.t(m::NEW_STATE)) }
                select id="state" name="state" required {
                    @for next in case.state.allowed_next() {
                        option value=(next.key()) { (words::case_state(*next).in_lang(lang)) }
                    }
                }
                label for="state-reason" { (lang.t(m::REASON_OPTIONAL)) }
                input id="state-reason" name="reason" size="50";
                button { (lang.t(m::CHANGE_THE_STATE)) }
            }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct StateForm {
    csrf: String,
    state: String,
    #[serde(default)]
    reason: String,
}

/// Moves the case to another state (the same use-case as the API's transition).
pub(super) async fn change_state(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<StateForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteCases)?;
    let to = CaseState::parse(&form.state).map_err(ApiError::bad_request)?;
    let principal = user.principal();
    let actor = actor_of(&principal);
    let reason = Some(form.reason.trim().to_owned()).filter(|r| !r.is_empty());
    let case = blocking(&state, move |registry| {
        crate::api::cases::transition_case_as(registry, &principal, &id, to, reason.as_deref(), &actor)
    })
    .await?;
    Ok(Redirect::to(&case_done(&user, &case.id, CaseDone::Moved)).into_response())
}

/// The case's legal holds (säilytysesto) with a form to lift each, and a form to place one on
/// the whole case: a case under litigation is held whatever its records' retention (the
/// retention page holds records as they fall due).
fn holds_section(user: &UiUser, case: &Case) -> Markup {
    let lang = user.lang;
    let active: Vec<_> = case.legal_holds.iter().filter(|hold| hold.is_active()).collect();
    html! {
        section aria-labelledby="holds-heading" {
            h2 #holds-heading { (lang.t(m::LEGAL_HOLD)) }
            p.hint { (lang.t(m::HOLD_HINT)) }
            @for hold in &active {
                form method="post" action=(format!("/ui/cases/{}/holds/lift", case.id)) {
                    fieldset {
                        legend { (lang.t(m::HOLD_ACTIVE)) " " span data-value { (hold.id) } }
                        p { span data-value { (hold.reason) } " — " span data-value { (hold.placed_by) } ", " (words::moment(lang, hold.placed_at)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        input type="hidden" name="hold" value=(hold.id);
                        label for=(format!("lift-{}", hold.id)) { (lang.t(m::REASON)) }
                        input id=(format!("lift-{}", hold.id)) name="reason" required maxlength="2000";
                        button { (lang.t(m::LIFT_THE_HOLD)) }
                    }
                }
            }
            form method="post" action=(format!("/ui/cases/{}/holds", case.id)) {
                fieldset {
                    legend { (lang.t(m::PLACE_A_LEGAL_HOLD)) " " (lang.t(m::HOLD_ON_CASE)) }
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label for="hold-reason" { (lang.t(m::REASON)) }
                    input id="hold-reason" name="reason" required maxlength="2000";
                    button { (lang.t(m::PLACE_A_LEGAL_HOLD)) }
                }
            }
        }
    }
}

/// The secrecy days form as sent (kept when refused) and its problems.
#[derive(Default)]
pub(super) struct SecrecyFormState {
    pub fields: SecrecyEventsForm,
    pub errors: Vec<FieldError>,
}

#[derive(Deserialize, Default, Clone)]
pub(super) struct SecrecyEventsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    subject_died_on: String,
    #[serde(default)]
    relationship_ended_on: String,
}

/// The documents whose secrecy runs from an event a person records: the death of the person
/// the document concerns, or the end of a relationship.
fn runs_from_an_event(document: &Document) -> bool {
    use kirjuri_plan::SecrecyStart;
    document
        .restriction
        .publicity
        .is_some_and(kirjuri_plan::PublicityClass::requires_secrecy)
        && matches!(
            document.restriction.secrecy_start,
            Some(SecrecyStart::DeathOfPerson | SecrecyStart::EndOfRelationship)
        )
}

fn secrecy_events_form(user: &UiUser, data: &CaseData, state: &SecrecyFormState) -> Markup {
    let lang = user.lang;
    let documents: Vec<&Document> = data.documents.iter().filter(|d| runs_from_an_event(d)).collect();
    html! {
        @if !documents.is_empty() {
            section #secrecy-events aria-labelledby="secrecy-events-heading" {
                h3 #secrecy-events-heading { (lang.t(m::SECRECY_EVENTS)) }
                p.hint id="secrecy-hint" { (lang.t(m::SECRECY_EVENTS_HINT)) }
                @for document in &documents {
                    (secrecy_document_form(user, data, document, state))
                }
            }
        }
    }
}

/// One document's days, filled in with what is recorded (or with the refused input), so saving
/// one day never erases the other.
fn secrecy_document_form(user: &UiUser, data: &CaseData, document: &Document, state: &SecrecyFormState) -> Markup {
    let lang = user.lang;
    let refused = state.fields.document.trim() == document.id;
    let no_errors = Vec::new();
    let errors = if refused { &state.errors } else { &no_errors };
    let recorded = |day: Option<chrono::NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
    let (died, ended) = if refused {
        (
            state.fields.subject_died_on.clone(),
            state.fields.relationship_ended_on.clone(),
        )
    } else {
        (
            recorded(document.subject_died_on),
            recorded(document.relationship_ended_on),
        )
    };
    let died_id = format!("subject_died_on-{}", document.id);
    let ended_id = format!("relationship_ended_on-{}", document.id);
    html! {
        form method="post" action=(format!("/ui/cases/{}/secrecy-events", data.case.id)) {
            (error_summary(lang, errors))
            fieldset {
                legend { (document.id) " – " (document.title) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="document" value=(document.id);
                label for=(died_id) { (lang.t(m::SUBJECT_DIED_ON)) }
                input id=(died_id) name="subject_died_on" type="date" value=(died)
                    aria-describedby=(described_with_hint(errors, "subject_died_on", "secrecy-hint"));
                (field_error(errors, "subject_died_on"))
                label for=(ended_id) { (lang.t(m::RELATIONSHIP_ENDED_ON)) }
                input id=(ended_id) name="relationship_ended_on" type="date" value=(ended)
                    aria-describedby=[described_by(errors, "relationship_ended_on")];
                (field_error(errors, "relationship_ended_on"))
                button { (lang.t(m::SAVE_THE_DAYS)) }
            }
        }
    }
}

/// Saves the days a document's secrecy runs from (`set_secrecy_events_as`, the API's
/// use-case); a refused day comes back with the form kept and the problem next to the field.
pub(super) async fn save_secrecy_events(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<SecrecyEventsForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteDocuments)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    let mut day_of = |field: &'static str, text: &str| {
        if text.trim().is_empty() {
            return None;
        }
        let day = words::read_day(text);
        if day.is_none() {
            errors.push(FieldError::new(field, "bad_date", lang, m::PROBLEM_BAD_DATE));
        }
        day
    };
    // The form shows both recorded days: an emptied field clears its day.
    let events = kirjuri_registry::SecrecyEventsChange {
        subject_died_on: Some(day_of("subject_died_on", &form.subject_died_on)),
        relationship_ended_on: Some(day_of("relationship_ended_on", &form.relationship_ended_on)),
    };
    if errors.is_empty() {
        let principal = user.principal();
        let (document, case) = (form.document.clone(), id.clone());
        let saved = blocking(&state, move |registry| {
            // Only a document of the case in the address.
            let (_, of_case) = registry.read_document_for(&document, &reader_of(&principal))?;
            if registry.find_case(&case).map(|c| c.id).ok().as_deref() != Some(of_case.id.as_str()) {
                return Err(ApiError::NotFound(format!("document {}", document.trim())));
            }
            crate::api::documents::set_secrecy_events_as(registry, &principal, &document, events)
        })
        .await;
        match saved {
            Ok(_) => {
                return Ok(Redirect::to(&case_done(
                    &user,
                    &id,
                    CaseDone::SecrecyDays(form.document.trim().to_owned()),
                ))
                .into_response());
            }
            Err(error @ (ApiError::BadRequest { .. } | ApiError::Conflict { .. })) => {
                errors.push(FieldError::from_api(
                    lang,
                    &error,
                    &["subject_died_on", "relationship_ended_on", "document"],
                ));
            }
            Err(other) => return Err(other),
        }
    }
    let data = case_data(&state, &user, id).await?;
    let page = render_case(
        &user,
        &data,
        &CasePageQuery::default(),
        &[],
        &super::upload::UploadFields::default(),
        &SecrecyFormState { fields: form, errors },
    );
    Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
}

#[derive(Deserialize)]
pub(super) struct CaseHoldForm {
    csrf: String,
    #[serde(default)]
    hold: String,
    #[serde(default)]
    reason: String,
}

/// Places a legal hold on the whole case (the retention page's use-case, `place_hold_as`).
pub(super) async fn place_case_hold(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CaseHoldForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::ManageHolds)?;
    let principal = user.principal();
    let case = id.clone();
    let hold = blocking(&state, move |registry| {
        crate::api::retention::place_hold_as(registry, &principal, "case", &case, &form.reason)
    })
    .await?;
    Ok(Redirect::to(&case_done(&user, &id, CaseDone::Held(hold.id))).into_response())
}

/// Lifts a legal hold of the case, with a reason (`lift_hold_as`).
pub(super) async fn lift_case_hold(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CaseHoldForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::ManageHolds)?;
    let principal = user.principal();
    let (case, hold) = (id.clone(), form.hold.clone());
    blocking(&state, move |registry| {
        crate::api::retention::lift_hold_as(registry, &principal, "case", &case, &hold, &form.reason)
    })
    .await?;
    Ok(Redirect::to(&case_done(&user, &id, CaseDone::Lifted(form.hold))).into_response())
}

/// The printable case card (asiakortti): the case's facts, its documents and its history, with
/// a print stylesheet that leaves out the navigation.
pub(super) async fn case_card(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let data = case_data(&state, &user, id).await?;
    let case = &data.case;
    let body = html! {
        p.no-print { (lang.t(m::PRINT_HINT)) " " a href=(format!("/ui/cases/{}", case.id)) { (lang.t(m::BACK_TO_THE_CASE)) } }
        p { strong { (case.title) } }
        (case_facts(lang, &data))
        h2 { (lang.t(m::DOCUMENTS)) }
        (documents_table(lang, &data, false))
        (history(lang, &data))
        p.muted { (words::fill(lang.t(m::PRINTED_ON), &[&words::day(lang, helsinki_today())])) }
    };
    Ok(page(
        lang,
        Some(&user),
        &format!("{} {}", lang.t(m::CASE_CARD_TITLE), case.diary_number),
        body,
    ))
}

#[derive(Deserialize)]
pub(super) struct EraseQuery {
    #[serde(default)]
    document: String,
}

/// The confirmation page of an erasure: names the record and asks the decision and the reason.
pub(super) async fn erase_confirm_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(case_id): Path<String>,
    Query(query): Query<EraseQuery>,
) -> ApiResult<Response> {
    if !user.may(Permission::EraseRecords) {
        return Err(ApiError::Forbidden);
    }
    if query.document.trim().is_empty() {
        // No document chosen: back to the case (its stored id, not the path as typed).
        let reader = reader_of(&user.principal());
        let case = blocking(&state, move |registry| {
            let case = registry.find_case(&case_id)?;
            Ok(registry.view_case(case, &reader).case.id)
        })
        .await?;
        return Ok(Redirect::to(&format!("/ui/cases/{case}")).into_response());
    }
    let form = EraseForm {
        document: query.document,
        ..EraseForm::default()
    };
    erase_confirm(&state, &user, &case_id, &form, &[]).await
}

async fn erase_confirm(
    state: &AppState,
    user: &UiUser,
    case_id: &str,
    form: &EraseForm,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let lookup = form.document.clone();
    let actor = actor_of(&user.principal());
    // A document the user may not see does not exist for them, to erase either; naming a
    // restricted one on this page is a read of it (audited as `document.read`).
    let in_case = case_id.to_owned();
    let (document, case) = blocking(state, move |registry| {
        let (_, case) = registry.read_document_for(&lookup, &reader)?;
        // Only a document of the case in the address (by id or diary number).
        if registry.find_case(&in_case).map(|c| c.id).ok().as_deref() != Some(case.id.as_str()) {
            return Err(ApiError::NotFound(format!("document {}", lookup.trim())));
        }
        Ok((registry.read_document(&lookup, &actor)?, case))
    })
    .await?;
    let body = html! {
        (error_summary(lang, errors))
        p { strong { (lang.t(m::ERASE_WARNING)) } }
        dl.facts {
            dt { (lang.t(m::DOCUMENT)) } dd { (document.id) }
            dt { (lang.t(m::TITLE)) } dd { (document.title) }
            dt { (lang.t(m::RECORD_TYPE)) } dd { (document.record_type_name) }
            dt { (lang.t(m::DATE)) } dd { (words::day(lang, document.created_on)) }
            dt { (lang.t(m::CASE)) } dd { a href=(format!("/ui/cases/{}", case.id)) { (case.diary_number) } }
        }
        p.muted { (lang.t(m::THE_DOCUMENT_AND_ITS_CONTENT_ARE)) }
        form method="post" action=(format!("/ui/cases/{}/erase", case.id)) {
            fieldset {
                legend { (words::fill(lang.t(m::ERASE_DOCUMENT_NAMED), &[&document.id])) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="document" value=(document.id);
                label for="decision" { (lang.t(m::ERASURE_DECISION)) }
                span.hint id="decision-hint" { (lang.t(m::ERASURE_DECISION_HINT)) }
                input id="decision" name="decision" value=(form.decision) required size="50"
                    aria-describedby=(described_with_hint(errors, "decision", "decision-hint"));
                (field_error(errors, "decision"))
                label for="reason" { (lang.t(m::REASON)) }
                input id="reason" name="reason" value=(form.reason) required size="50" aria-describedby=[described_by(errors, "reason")];
                (field_error(errors, "reason"))
                label for="request" { (lang.t(m::ERASURE_REQUEST_OPTIONAL)) }
                input id="request" name="request" value=(form.request) size="12" aria-describedby=[described_by(errors, "request")];
                (field_error(errors, "request"))
                label { input type="checkbox" name="confirm" value="yes" required; " " (lang.t(m::ERASE_I_UNDERSTAND)) }
                (field_error(errors, "confirm"))
                button.danger { (lang.t(m::ERASE_FOR_GOOD)) }
                " " a href=(format!("/ui/cases/{}", case.id)) { (lang.t(m::CANCEL)) }
            }
        }
    };
    Ok(page(lang, Some(user), lang.t(m::CONFIRM_ERASURE), body).into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct EraseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    confirm: String,
}

/// Erases a document once the confirmation page is sent with the decision, the reason and the
/// confirmation (the same use-case as the API's and the CLI's erasure), then shows the case.
pub(super) async fn erase_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(case): Path<String>,
    Form(form): Form<EraseForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::EraseRecords)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    if form.decision.trim().is_empty() {
        errors.push(FieldError::new(
            "decision",
            "reason_required",
            lang,
            m::PROBLEM_DECISION_REQUIRED,
        ));
    }
    if form.reason.trim().is_empty() {
        errors.push(FieldError::new(
            "reason",
            "reason_required",
            lang,
            m::PROBLEM_REASON_REQUIRED,
        ));
    }
    if form.confirm != "yes" {
        errors.push(FieldError::new(
            "confirm",
            "not_confirmed",
            lang,
            m::PROBLEM_NOT_CONFIRMED,
        ));
    }
    if !errors.is_empty() {
        let answer = erase_confirm(&state, &user, &case, &form, &errors).await?;
        return Ok((axum::http::StatusCode::BAD_REQUEST, answer).into_response());
    }
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let document = form.document.clone();
    let reason = format!("{} — {}", form.decision.trim(), form.reason.trim());
    let request = Some(form.request.trim().to_owned()).filter(|r| !r.is_empty());
    let erased = with_app(&state, move |app| {
        let erasure = kirjuri_archive::erasure::Erasure {
            document: &document,
            reason: &reason,
            request: request.as_deref(),
        };
        crate::api::documents::erase_as(app, &reader, &erasure, &actor)
    })
    .await;
    match erased {
        // Back to the erased record's case (its stored id, not the path as typed).
        Ok(record) => Ok(Redirect::to(&case_done(
            &user,
            &record.case,
            CaseDone::Erased(record.document.clone()),
        ))
        .into_response()),
        // A request that does not exist (or is hidden from the user) is the form's problem; a
        // document the user may not see is not found.
        Err(ApiError::NotFound(what)) if what.starts_with("document") => Err(ApiError::NotFound(what)),
        Err(error) => {
            let errors = [FieldError::from_api(lang, &error, &["decision", "reason", "request"])];
            let answer = erase_confirm(&state, &user, &case, &form, &errors).await?;
            Ok((error.status_and_code().0, answer).into_response())
        }
    }
}

/// The address of a refused case form (its POST target), reloaded or opened again: back to the
/// case.
pub(super) async fn back_to_case(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let reader = reader_of(&user.principal());
    let case = blocking(&state, move |registry| {
        Ok(registry.view_case(registry.find_case(&id)?, &reader).case.id)
    })
    .await?;
    Ok(Redirect::to(&format!("/ui/cases/{case}")).into_response())
}
