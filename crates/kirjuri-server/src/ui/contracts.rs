//! The contract register page (sopimusrekisteri): the list with its next notice days and the
//! four lists that need attention, one contract with its notice-day clock, the add and edit
//! forms, the "notice given" form and the CSV import. The page parses and renders; the rules
//! are `kirjuri-contracts`' and reached through the API's `*_as` functions.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kirjuri_contracts::{Contract, ContractState, NoticePeriod, Renewal, ValueBand};
use maud::{Markup, html};

use super::messages as m;
use super::privacy::{Fields, problem};
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::words::{self, Words};
use super::{DoneQuery, Lang, UiUser, page};
use crate::AppState;
use crate::api::contracts::{
    ContractBody, ContractList, contract_as, contracts_as, import_contracts_as, record_notice_as, save_contract_as,
};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// A contract's state in words.
pub(super) fn state_words(state: ContractState) -> Words {
    match state {
        ContractState::Draft => m::CON_STATE_DRAFT,
        ContractState::Active => m::CON_STATE_ACTIVE,
        ContractState::Ended => m::CON_STATE_ENDED,
        ContractState::Terminated => m::CON_STATE_TERMINATED,
    }
}

/// A value band in words.
pub(super) fn band_words(band: ValueBand) -> Words {
    match band {
        ValueBand::Unknown => m::CON_BAND_UNKNOWN,
        ValueBand::Under10k => m::CON_BAND_UNDER_10K,
        ValueBand::From10kTo60k => m::CON_BAND_10K_60K,
        ValueBand::From60kTo250k => m::CON_BAND_60K_250K,
        ValueBand::Over250k => m::CON_BAND_OVER_250K,
    }
}

fn renewal_text(lang: Lang, renewal: Renewal) -> String {
    match renewal {
        Renewal::Fixed => lang.t(m::CON_RENEWAL_FIXED).to_owned(),
        Renewal::Automatic { months } => words::fill(lang.t(m::CON_RENEWAL_AUTOMATIC), &[&months.to_string()]),
        Renewal::UntilNotice => lang.t(m::CON_RENEWAL_UNTIL_NOTICE).to_owned(),
    }
}

fn notice_text(lang: Lang, notice: Option<NoticePeriod>) -> String {
    match notice {
        Some(NoticePeriod::Months(n)) => words::fill(lang.t(m::CON_NOTICE_MONTHS), &[&n.to_string()]),
        Some(NoticePeriod::Days(n)) => words::fill(lang.t(m::CON_NOTICE_DAYS), &[&n.to_string()]),
        None => "—".to_owned(),
    }
}

fn day_or_dash(lang: Lang, day: Option<NaiveDate>) -> String {
    day.map_or("—".to_owned(), |d| words::day(lang, d))
}

/// "12 days left" or "today": the clock in words, never by colour alone.
fn days_left(lang: Lang, last_day: NaiveDate, today: NaiveDate) -> String {
    match (last_day - today).num_days() {
        0 => lang.t(m::CON_TODAY).to_owned(),
        days => words::fill(lang.t(m::CON_DAYS_LEFT), &[&days.to_string()]),
    }
}

/// The next notice day of a contract as a clock: the day, the days left, the term it ends,
/// and the moved day explained when the day is a weekend or holiday (150/1930 §5).
fn notice_clock(lang: Lang, contract: &Contract, today: NaiveDate, full: bool) -> Markup {
    let Some(day) = contract.notice_day(today) else {
        return html! { (lang.t(m::CON_NO_NOTICE_DAY)) };
    };
    html! {
        strong { (words::day(lang, day.last_day)) } " (" (days_left(lang, day.last_day, today)) ")"
        @if full {
            " " (words::fill(lang.t(m::CON_FOR_TERM), &[&words::day(lang, day.term_end)]))
        }
        @if day.moved_to != day.last_day {
            br;
            (words::fill(lang.t(m::CON_MOVED), &[&words::day(lang, day.last_day), &words::day(lang, day.moved_to)]))
        }
    }
}

fn owner_cell(lang: Lang, contract: &Contract) -> Markup {
    html! {
        @if contract.owner.trim().is_empty() { strong { (lang.t(m::CON_NO_OWNER)) } }
        @else { span data-value="owner" { (contract.owner) } }
        @if !contract.department.trim().is_empty() { br; span data-value="department" { (contract.department) } }
    }
}

/// The list page's query: which list, the days of the notice list, and a proven message.
#[derive(serde::Deserialize, Default)]
pub(super) struct ListQuery {
    #[serde(default)]
    list: Option<String>,
    #[serde(default)]
    days: Option<u32>,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    proof: Option<String>,
}

const SCOPE: &str = "contracts";

/// The list's address after a change: the message names the contract, proven by the session.
fn done_address(user: &UiUser, what: &str, name: &str, to: &str) -> String {
    let message = format!("{what}|{name}");
    let proof = user.done_proof(SCOPE, &message);
    let query =
        serde_urlencoded::to_string([("done", message.as_str()), ("proof", proof.as_str())]).unwrap_or_default();
    format!("{to}?{query}")
}

fn done_notice(lang: Lang, user: &UiUser, done: &DoneQuery) -> Markup {
    let Some((what, name)) = done.proven(user, SCOPE).and_then(|d| d.split_once('|')) else {
        return html! {};
    };
    let words = match what {
        "created" => m::CON_DONE_CREATED,
        "updated" => m::CON_DONE_UPDATED,
        "notice" => m::CON_DONE_NOTICE,
        _ => m::CON_DONE_IMPORTED,
    };
    html! { p.notice role="status" { strong { (lang.t(words)) ": " span data-value="name" { (name) } } } }
}

const DEFAULT_DAYS: u32 = 30;

pub(super) async fn contracts_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<ListQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadContracts) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let today = helsinki_today();
    let days = query.days.unwrap_or(DEFAULT_DAYS).min(3650);
    let chosen = query.list.clone().unwrap_or_default();
    let list = match chosen.as_str() {
        "notice" => Some(ContractList::NoticeWithin(days)),
        "owner" => Some(ContractList::WithoutOwner),
        "expired" => Some(ContractList::Expired),
        "processors" => None,
        _ => Some(ContractList::All),
    };
    let (contracts, processors) = blocking(&state, move |registry| {
        Ok(match list {
            Some(list) => (contracts_as(registry, list, today)?, Vec::new()),
            None => (
                Vec::new(),
                kirjuri_contracts::processors_lacking_contract(registry.store)?,
            ),
        })
    })
    .await?;
    let done = DoneQuery {
        done: query.done.clone(),
        proof: query.proof.clone(),
    };
    let may_write = user.may(Permission::WriteContracts);
    let heading = match chosen.as_str() {
        "notice" => words::fill(lang.t(m::CON_LIST_NOTICE), &[&days.to_string()]),
        "owner" => lang.t(m::CON_LIST_WITHOUT_OWNER).to_owned(),
        "expired" => lang.t(m::CON_LIST_EXPIRED).to_owned(),
        "processors" => lang.t(m::CON_LIST_PROCESSORS).to_owned(),
        _ => lang.t(m::CON_LIST_ALL).to_owned(),
    };
    let body = html! {
        (done_notice(lang, &user, &done))
        @if may_write {
            p { a.button href="/ui/contracts/new" { (lang.t(m::CON_ADD)) } " " a href="/ui/contracts/import" { (lang.t(m::CON_IMPORT)) } }
        }
        nav aria-label=(lang.t(m::CON_FILTERS)) {
            ul {
                li { a href="/ui/contracts" aria-current=[(chosen.is_empty()).then_some("page")] { (lang.t(m::CON_LIST_ALL)) } }
                li { a href=(format!("/ui/contracts?list=notice&days={DEFAULT_DAYS}")) aria-current=[(chosen == "notice").then_some("page")] { (words::fill(lang.t(m::CON_LIST_NOTICE), &[&DEFAULT_DAYS.to_string()])) } }
                li { a href="/ui/contracts?list=owner" aria-current=[(chosen == "owner").then_some("page")] { (lang.t(m::CON_LIST_WITHOUT_OWNER)) } }
                li { a href="/ui/contracts?list=expired" aria-current=[(chosen == "expired").then_some("page")] { (lang.t(m::CON_LIST_EXPIRED)) } }
                li { a href="/ui/contracts?list=processors" aria-current=[(chosen == "processors").then_some("page")] { (lang.t(m::CON_LIST_PROCESSORS)) } }
            }
            form.inline method="get" action="/ui/contracts" {
                input type="hidden" name="list" value="notice";
                label for="days" { (lang.t(m::CON_DAYS)) }
                input id="days" name="days" type="number" min="0" max="3650" value=(days) size="5";
                button { (lang.t(m::CON_SHOW)) }
            }
        }
        h2 { (heading) }
        @if chosen == "processors" {
            @if processors.is_empty() { p { (lang.t(m::CON_ALL_PROCESSORS_COVERED)) } }
            @else {
                ul { @for name in &processors { li { span data-value="processor" { (name) } ": " (lang.t(m::CON_NO_ACTIVE_CONTRACT)) } } }
            }
        } @else if contracts.is_empty() {
            p.muted { (lang.t(m::CON_NONE)) }
        } @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::CON_SUBJECT)) }
                        th scope="col" { (lang.t(m::CON_COUNTERPARTY)) }
                        th scope="col" { (lang.t(m::CON_OWNER)) }
                        th scope="col" { (lang.t(m::STATE)) }
                        th scope="col" { (lang.t(m::CON_NEXT_NOTICE)) }
                        th scope="col" { (lang.t(m::CON_ENDS)) }
                    }
                    @for contract in &contracts {
                        tr {
                            td { a href=(format!("/ui/contracts/{}", contract.id)) data-value="title" { (contract.title) } }
                            td data-value="counterparty" { (contract.counterparty) }
                            td { (owner_cell(lang, contract)) }
                            td { (lang.t(state_words(contract.state))) }
                            td { (notice_clock(lang, contract, today, false)) }
                            td {
                                @match contract.ends() {
                                    Some(end) => {
                                        (words::day(lang, end))
                                        @if end < today && contract.state == ContractState::Active { br; strong { (lang.t(m::CON_LIST_EXPIRED)) } }
                                    }
                                    None => (lang.t(m::CON_GOES_ON)),
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::NAV_CONTRACTS), body))
}

/// Where the contract document is: its case and its title, when the reader may read it.
async fn document_case(
    state: &AppState,
    user: &UiUser,
    document: Option<String>,
) -> ApiResult<Option<(String, String)>> {
    let Some(document) = document else {
        return Ok(None);
    };
    let reader = reader_of(&user.principal());
    blocking(state, move |registry| {
        Ok(registry
            .read_document_for(&document, &reader)
            .ok()
            .map(|(document, case)| (case.id, document.title)))
    })
    .await
}

pub(super) async fn contract_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(done): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadContracts) {
        return Err(ApiError::Forbidden);
    }
    let contract = blocking(&state, move |registry| contract_as(registry, &id)).await?;
    contract_view(&state, &user, &contract, &done, &Fields::default(), &[]).await
}

async fn contract_view(
    state: &AppState,
    user: &UiUser,
    contract: &Contract,
    done: &DoneQuery,
    notice_fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let today = helsinki_today();
    let case = document_case(state, user, contract.document.clone()).await?;
    // The agreement opens as its edit form for those who may edit it, else on the register
    // page for those who may read it; as text for the others.
    let agreement_link = if user.may(Permission::WriteRegisters) {
        contract
            .processor_agreement
            .as_ref()
            .map(|a| format!("/ui/processors/{a}"))
    } else if user.may(Permission::ReadRegisters) {
        Some("/ui/registers".to_owned())
    } else {
        None
    };
    let may_write = user.may(Permission::WriteContracts);
    let body = html! {
        (done_notice(lang, user, done))
        p { a href="/ui/contracts" { (lang.t(m::CON_BACK)) } }
        @if may_write { p { a.button href=(format!("/ui/contracts/{}/edit", contract.id)) { (lang.t(m::CON_EDIT)) } } }
        h2 { (lang.t(m::CON_DETAILS)) }
        table {
            tr { th scope="row" { (lang.t(m::CON_ID)) } td data-value="id" { (contract.id) } }
            tr { th scope="row" { (lang.t(m::CON_COUNTERPARTY)) } td {
                span data-value="counterparty" { (contract.counterparty) }
                @if let Some(business_id) = &contract.business_id { " (" (lang.t(m::CON_BUSINESS_ID)) " " span data-value="business_id" { (business_id) } ")" }
            } }
            tr { th scope="row" { (lang.t(m::CON_OWNER)) } td { (owner_cell(lang, contract)) } }
            tr { th scope="row" { (lang.t(m::CON_SUBJECT)) } td data-value="title" { (contract.title) } }
            tr { th scope="row" { (lang.t(m::STATE)) } td { (lang.t(state_words(contract.state))) } }
            tr { th scope="row" { (lang.t(m::CON_VALUE_BAND)) } td { (lang.t(band_words(contract.value_band))) } }
            tr { th scope="row" { (lang.t(m::CON_PERSONAL_DATA)) } td {
                (if contract.personal_data { lang.t(m::YES) } else { lang.t(m::NO) })
                @if let Some(agreement) = &contract.processor_agreement {
                    " — " (lang.t(m::CON_PROCESSOR_AGREEMENT)) " "
                    @match &agreement_link {
                        Some(link) => a href=(link) data-value="agreement" { (agreement) },
                        None => span data-value="agreement" { (agreement) },
                    }
                }
            } }
            tr { th scope="row" { (lang.t(m::CON_DOCUMENT)) } td {
                @match (&contract.document, &case) {
                    (Some(document), Some((case, title))) => {
                        a href=(format!("/ui/cases/{case}")) data-value="document-title" { (title) }
                        " (" span data-value="document" { (document) } ", " (lang.t(m::CON_IN_CASE)) " " span data-value="case" { (case) } ")"
                    }
                    (Some(document), None) => span data-value="document" { (document) },
                    (None, _) => "—",
                }
            } }
        }
        h2 { (lang.t(m::CON_TERM)) }
        table {
            tr { th scope="row" { (lang.t(m::CON_STARTS_ON)) } td { (day_or_dash(lang, contract.starts_on)) } }
            tr { th scope="row" { (lang.t(m::CON_ENDS_ON)) } td { (day_or_dash(lang, contract.ends_on)) } }
            tr { th scope="row" { (lang.t(m::CON_RENEWAL)) } td { (renewal_text(lang, contract.renewal)) } }
            tr { th scope="row" { (lang.t(m::CON_NOTICE_PERIOD)) } td { (notice_text(lang, contract.notice)) } }
            tr { th scope="row" { (lang.t(m::CON_NEXT_NOTICE)) } td #notice-day { (notice_clock(lang, contract, today, true)) } }
            @if let Some(given) = contract.notice_given_on {
                tr { th scope="row" { (lang.t(m::CON_NOTICE_GIVEN)) } td { (words::day(lang, given)) } }
            }
            tr { th scope="row" { (lang.t(m::CON_ENDS)) } td {
                @match contract.ends() {
                    Some(end) => {
                        (words::day(lang, end))
                        @if end < today && contract.state == ContractState::Active { br; strong { (lang.t(m::CON_LIST_EXPIRED)) } }
                    }
                    None => (lang.t(m::CON_GOES_ON)),
                }
            } }
            tr { th scope="row" { (lang.t(m::CON_REVIEW_DUE)) } td { (day_or_dash(lang, contract.review_due)) } }
        }
        @if may_write && contract.notice_given_on.is_none() {
            h2 { (lang.t(m::CON_RECORD_NOTICE)) }
            form #notice method="post" action=(format!("/ui/contracts/{}/notice", contract.id)) {
                (error_summary(lang, errors))
                input type="hidden" name="csrf" value=(user.session.csrf);
                (date_field(lang, notice_fields, errors, "given_on", m::CON_GIVEN_ON))
                button { (lang.t(m::CON_RECORD_NOTICE)) }
            }
        }
    };
    Ok(page(lang, Some(user), &contract.title, body))
}

fn date_field(lang: Lang, fields: &Fields, errors: &[FieldError], name: &'static str, label: Words) -> Markup {
    html! {
        label for=(name) { (lang.t(label)) }
        input id=(name) name=(name) type="date" value=(fields.get(name)) aria-describedby=[described_by(errors, name)];
        (field_error(errors, name))
    }
}

fn text_field(
    lang: Lang,
    fields: &Fields,
    errors: &[FieldError],
    name: &'static str,
    label: Words,
    hint: Option<Words>,
) -> Markup {
    let hint_id = format!("{name}-hint");
    html! {
        label for=(name) { (lang.t(label)) }
        @if let Some(hint) = hint { span.hint id=(hint_id) { (lang.t(hint)) } }
        input id=(name) name=(name) value=(fields.get(name)) size="40"
            aria-describedby=[if hint.is_some() { Some(described_with_hint(errors, name, &hint_id)) } else { described_by(errors, name) }];
        (field_error(errors, name))
    }
}

/// The form's starting values from a stored contract.
fn contract_fields(contract: &Contract) -> Fields {
    let day = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    let (renewal, months) = match contract.renewal {
        Renewal::Fixed => ("fixed", String::new()),
        Renewal::Automatic { months } => ("automatic", months.to_string()),
        Renewal::UntilNotice => ("until-notice", String::new()),
    };
    let mut pairs = vec![
        ("title", contract.title.clone()),
        ("counterparty", contract.counterparty.clone()),
        ("business_id", contract.business_id.clone().unwrap_or_default()),
        ("owner", contract.owner.clone()),
        ("department", contract.department.clone()),
        ("starts_on", day(contract.starts_on)),
        ("ends_on", day(contract.ends_on)),
        ("renewal", renewal.to_owned()),
        ("renewal_months", months),
        ("notice", contract.notice.map(NoticePeriod::key).unwrap_or_default()),
        ("notice_given_on", day(contract.notice_given_on)),
        ("review_due", day(contract.review_due)),
        ("value_band", contract.value_band.key().to_owned()),
        (
            "processor_agreement",
            contract.processor_agreement.clone().unwrap_or_default(),
        ),
        ("document", contract.document.clone().unwrap_or_default()),
        ("state", contract.state.key().to_owned()),
    ];
    if contract.personal_data {
        pairs.push(("personal_data", "true".to_owned()));
    }
    Fields::of(pairs)
}

const RENEWALS: &[(&str, Words)] = &[
    ("fixed", m::CON_RENEWAL_FIXED),
    ("automatic", m::CON_RENEWAL_MONTHS),
    ("until-notice", m::CON_RENEWAL_UNTIL_NOTICE),
];

fn contract_form(
    user: &UiUser,
    id: Option<&str>,
    agreements: &[(String, String)],
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let action = id.map_or("/ui/contracts/new".to_owned(), |id| format!("/ui/contracts/{id}/edit"));
    html! {
        form #contract method="post" action=(action) {
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            fieldset {
                legend { (lang.t(m::CON_DETAILS)) }
                @if id.is_none() { (text_field(lang, fields, errors, "id", m::CON_ID, Some(m::CON_ID_HINT))) }
                (text_field(lang, fields, errors, "title", m::CON_SUBJECT, None))
                (text_field(lang, fields, errors, "counterparty", m::CON_COUNTERPARTY, None))
                (text_field(lang, fields, errors, "business_id", m::CON_BUSINESS_ID, None))
                (text_field(lang, fields, errors, "owner", m::CON_OWNER, None))
                (text_field(lang, fields, errors, "department", m::CON_DEPARTMENT, None))
                label for="state" { (lang.t(m::STATE)) }
                select id="state" name="state" aria-describedby=[described_by(errors, "state")] {
                    @for state in ContractState::ALL {
                        option value=(state.key()) selected[fields.has("state", state.key())] { (lang.t(state_words(*state))) }
                    }
                }
                (field_error(errors, "state"))
                label for="value_band" { (lang.t(m::CON_VALUE_BAND)) }
                select id="value_band" name="value_band" aria-describedby=[described_by(errors, "value_band")] {
                    @for band in ValueBand::ALL {
                        option value=(band.key()) selected[fields.has("value_band", band.key())] { (lang.t(band_words(*band))) }
                    }
                }
                (field_error(errors, "value_band"))
            }
            fieldset {
                legend { (lang.t(m::CON_TERM)) }
                (date_field(lang, fields, errors, "starts_on", m::CON_STARTS_ON))
                (date_field(lang, fields, errors, "ends_on", m::CON_ENDS_ON))
                label for="renewal" { (lang.t(m::CON_RENEWAL)) }
                select id="renewal" name="renewal" aria-describedby=[described_by(errors, "renewal")] {
                    @for (key, label) in RENEWALS {
                        option value=(key) selected[fields.has("renewal", key)] { (lang.t(*label)) }
                    }
                }
                (field_error(errors, "renewal"))
                label for="renewal_months" { (lang.t(m::CON_RENEWAL_MONTHS)) }
                input id="renewal_months" name="renewal_months" type="number" min="1" max="120" value=(fields.get("renewal_months")) size="5";
                (text_field(lang, fields, errors, "notice", m::CON_NOTICE_PERIOD, Some(m::CON_NOTICE_HINT)))
                (date_field(lang, fields, errors, "notice_given_on", m::CON_GIVEN_ON))
                (date_field(lang, fields, errors, "review_due", m::CON_REVIEW_DUE))
            }
            fieldset {
                legend { (lang.t(m::CON_PROCESSOR_AGREEMENT)) }
                label { input type="checkbox" name="personal_data" value="true" checked[fields.ticked("personal_data")]; " " (lang.t(m::CON_PERSONAL_DATA)) }
                label for="processor_agreement" { (lang.t(m::CON_PROCESSOR_AGREEMENT)) }
                select id="processor_agreement" name="processor_agreement" aria-describedby=[described_by(errors, "processor_agreement")] {
                    option value="" { "—" }
                    @for (agreement, processor) in agreements {
                        option value=(agreement) selected[fields.has("processor_agreement", agreement)] { (processor) }
                    }
                }
                (field_error(errors, "processor_agreement"))
                (text_field(lang, fields, errors, "document", m::CON_DOCUMENT, Some(m::CON_DOCUMENT_HINT)))
            }
            button { (lang.t(m::CON_SAVE)) }
        }
    }
}

async fn form_page(
    state: &AppState,
    user: &UiUser,
    existing: Option<&Contract>,
    fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let agreements = blocking(state, |registry| {
        Ok(kirjuri_incidents::load_agreements(registry.store)?
            .into_iter()
            .map(|a| (a.id, a.processor))
            .collect::<Vec<_>>())
    })
    .await?;
    let title = match existing {
        Some(contract) => format!("{}: {}", lang.t(m::CON_EDIT), contract.title),
        None => lang.t(m::CON_ADD).to_owned(),
    };
    let body = html! {
        p { a href="/ui/contracts" { (lang.t(m::CON_BACK)) } }
        (contract_form(user, existing.map(|c| c.id.as_str()), &agreements, fields, errors))
    };
    Ok(page(lang, Some(user), &title, body))
}

pub(super) async fn new_contract_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::WriteContracts) {
        return Err(ApiError::Forbidden);
    }
    let fields = Fields::of(vec![
        ("state", "active".to_owned()),
        ("renewal", "fixed".to_owned()),
        ("value_band", "unknown".to_owned()),
    ]);
    form_page(&state, &user, None, &fields, &[]).await
}

async fn load(state: &AppState, id: String) -> ApiResult<Contract> {
    blocking(state, move |registry| contract_as(registry, &id)).await
}

pub(super) async fn edit_contract_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Markup> {
    if !user.may(Permission::WriteContracts) {
        return Err(ApiError::Forbidden);
    }
    let contract = load(&state, id).await?;
    form_page(&state, &user, Some(&contract), &contract_fields(&contract), &[]).await
}

/// The form read into the API's body; a day that is not one is the form's own problem.
fn contract_body(fields: &Fields, lang: Lang) -> Result<ContractBody, FieldError> {
    let day = |name: &'static str| match fields.text(name) {
        None => Ok(None),
        Some(text) => words::read_day(&text)
            .map(Some)
            .ok_or_else(|| FieldError::new(name, "bad_date", lang, m::PROBLEM_BAD_DATE)),
    };
    let renewal = match fields.get("renewal") {
        "automatic" => format!("automatic:{}", fields.get("renewal_months").trim()),
        other => other.to_owned(),
    };
    Ok(ContractBody {
        id: fields.text("id"),
        title: fields.get("title").to_owned(),
        counterparty: fields.get("counterparty").to_owned(),
        business_id: fields.text("business_id"),
        owner: fields.get("owner").to_owned(),
        department: fields.get("department").to_owned(),
        starts_on: day("starts_on")?,
        ends_on: day("ends_on")?,
        renewal: Some(renewal),
        notice: fields.text("notice"),
        notice_given_on: day("notice_given_on")?,
        review_due: day("review_due")?,
        value_band: fields.text("value_band"),
        personal_data: fields.ticked("personal_data"),
        processor_agreement: fields.text("processor_agreement"),
        document: fields.text("document"),
        state: fields.text("state"),
    })
}

/// The form's fields are the contract's columns, one name each (errors are placed by them).
const FORM_FIELDS: &[&str] = kirjuri_contracts::import::COLUMNS;

async fn save(state: AppState, user: UiUser, id: Option<String>, fields: Fields) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteContracts)?;
    let lang = user.lang;
    let result = match contract_body(&fields, lang) {
        Err(problem) => Err(problem),
        Ok(body) => {
            let actor = actor_of(&user.principal());
            let reader = reader_of(&user.principal());
            let target = id.clone();
            match blocking(&state, move |registry| {
                save_contract_as(registry, &reader, target, body, &actor)
            })
            .await
            {
                Ok(contract) => Ok(contract),
                Err(ApiError::NotFound(what)) => return Err(ApiError::NotFound(what)),
                Err(error) => Err(problem(lang, &error, FORM_FIELDS, &[("id_taken", "id")])),
            }
        }
    };
    match result {
        Ok(contract) => {
            let what = if id.is_some() { "updated" } else { "created" };
            let to = format!("/ui/contracts/{}", contract.id);
            Ok(Redirect::to(&done_address(&user, what, &contract.title, &to)).into_response())
        }
        Err(problem) => {
            let existing = match id {
                Some(id) => Some(load(&state, id).await?),
                None => None,
            };
            let page = form_page(&state, &user, existing.as_ref(), &fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

pub(super) async fn create_contract(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save(state, user, None, fields).await
}

pub(super) async fn update_contract(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save(state, user, Some(id), fields).await
}

pub(super) async fn record_notice(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteContracts)?;
    let lang = user.lang;
    let given_on = fields.text("given_on").and_then(|t| words::read_day(&t));
    let outcome = match given_on {
        None => Err(FieldError::new("given_on", "bad_date", lang, m::PROBLEM_BAD_DATE)),
        Some(day) => {
            let actor = actor_of(&user.principal());
            let target = id.clone();
            match blocking(&state, move |registry| record_notice_as(registry, &target, day, &actor)).await {
                Ok(contract) => Ok(contract),
                Err(ApiError::NotFound(what)) => return Err(ApiError::NotFound(what)),
                Err(error) => Err(problem(lang, &error, &["given_on", "notice_given_on"], &[])),
            }
        }
    };
    match outcome {
        Ok(contract) => {
            let to = format!("/ui/contracts/{}", contract.id);
            Ok(Redirect::to(&done_address(&user, "notice", &contract.title, &to)).into_response())
        }
        Err(mut problem) => {
            if problem.field == Some("notice_given_on") || problem.field.is_none() {
                problem.field = Some("given_on");
            }
            let contract = load(&state, id).await?;
            let page = contract_view(&state, &user, &contract, &DoneQuery::default(), &fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

fn import_page(user: &UiUser, text: &str, errors: &[String]) -> Markup {
    let lang = user.lang;
    let body = html! {
        p { a href="/ui/contracts" { (lang.t(m::CON_BACK)) } }
        @if !errors.is_empty() {
            div.error-summary role="alert" #import-errors {
                p { strong { (lang.t(m::CON_IMPORT_REFUSED)) } }
                ul { @for error in errors { li data-value="error" { (error) } } }
            }
        }
        form #import method="post" action="/ui/contracts/import" {
            input type="hidden" name="csrf" value=(user.session.csrf);
            label for="csv" { (lang.t(m::CON_IMPORT_TEXT)) }
            span.hint id="csv-hint" { (lang.t(m::CON_IMPORT_HINT)) }
            textarea id="csv" name="csv" rows="12" cols="60" aria-describedby="csv-hint" { (text) }
            button { (lang.t(m::CON_IMPORT)) }
        }
    };
    page(lang, Some(user), lang.t(m::CON_IMPORT), body)
}

pub(super) async fn import_form_page(user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::WriteContracts) {
        return Err(ApiError::Forbidden);
    }
    Ok(import_page(&user, "", &[]))
}

pub(super) async fn import(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteContracts)?;
    let text = fields.get("csv").to_owned();
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let input = text.clone();
    match blocking(&state, move |registry| {
        import_contracts_as(registry, &reader, &input, &actor)
    })
    .await?
    {
        Ok(count) => {
            Ok(Redirect::to(&done_address(&user, "imported", &count.to_string(), "/ui/contracts")).into_response())
        }
        Err(errors) => Ok((StatusCode::BAD_REQUEST, import_page(&user, &text, &errors)).into_response()),
    }
}
