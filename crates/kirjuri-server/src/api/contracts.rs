//! The contract register (sopimusrekisteri): list with the lists that need attention, one
//! contract with its next notice day, create, change, record notice, CSV import. Every rule
//! (the notice-day clock, the checks, the links, the audit) lives in `kirjuri-contracts`; the
//! handlers and the web page parse, call the `*_as` functions here and render.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use kirjuri_contracts::{Contract, ContractState, NoticeDay, NoticePeriod, Renewal, Save, ValueBand};
use kirjuri_registry::{Reader, Registry, RegistryError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::vocabulary;
use crate::api::{ApiResult, actor_of, blocking, helsinki_today, reader_of};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

vocabulary!(
    /// Where a contract stands.
    ContractStateKey,
    ContractState,
    ContractState::ALL,
    ContractState::key
);
vocabulary!(
    /// The contract's value band (arvoluokka); 60k is the national procurement threshold for
    /// goods and services (1397/2016 §25).
    ValueBandKey,
    ValueBand,
    ValueBand::ALL,
    ValueBand::key
);

/// The next notice day of a renewing contract: notice given by `moved_to` ends the contract
/// at `term_end`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoticeDayAnswer {
    /// The end of the term the notice ends the contract at.
    pub term_end: NaiveDate,
    /// The last day to give notice as the contract counts it.
    pub last_day: NaiveDate,
    /// The working day notice is still in time when `last_day` is a weekend or holiday
    /// (Time-limit Act 150/1930 §5); `last_day` otherwise.
    pub moved_to: NaiveDate,
    /// Days from `on` to `last_day` (0 on the day itself).
    pub days_left: i64,
}

impl NoticeDayAnswer {
    fn new(day: NoticeDay, on: NaiveDate) -> NoticeDayAnswer {
        NoticeDayAnswer {
            term_end: day.term_end,
            last_day: day.last_day,
            moved_to: day.moved_to,
            days_left: (day.last_day - on).num_days(),
        }
    }
}

/// One contract with what follows from it on the day asked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractAnswer {
    pub id: String,
    /// The subject (sopimuksen kohde).
    pub title: String,
    pub counterparty: String,
    /// The counterparty's business id (Y-tunnus).
    pub business_id: Option<String>,
    /// The named person responsible (sopimusvastaava); empty when nobody is named.
    pub owner: String,
    pub department: String,
    pub starts_on: Option<NaiveDate>,
    /// The end of the first term.
    pub ends_on: Option<NaiveDate>,
    /// `fixed`, `automatic:<months>` or `until-notice`.
    #[schema(pattern = "^(fixed|until-notice|automatic:[0-9]{1,3})$")]
    pub renewal: String,
    /// The notice period: `3m` (months) or `90d` (days).
    pub notice: Option<String>,
    pub notice_given_on: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    pub value_band: ValueBandKey,
    /// The other party processes personal data for the city (GDPR Art 28).
    pub personal_data: bool,
    /// The processor agreement's id.
    pub processor_agreement: Option<String>,
    /// The contract document's id in the registry.
    pub document: Option<String>,
    pub state: ContractStateKey,
    /// The day the contract ends as things stand (`null` while it goes on).
    pub ends: Option<NaiveDate>,
    /// The next notice day (`null` for a fixed term, a contract until notice, once notice is
    /// given, or when it is not active).
    pub next_notice: Option<NoticeDayAnswer>,
}

impl ContractAnswer {
    pub(crate) fn new(contract: &Contract, on: NaiveDate) -> ContractAnswer {
        ContractAnswer {
            id: contract.id.clone(),
            title: contract.title.clone(),
            counterparty: contract.counterparty.clone(),
            business_id: contract.business_id.clone(),
            owner: contract.owner.clone(),
            department: contract.department.clone(),
            starts_on: contract.starts_on,
            ends_on: contract.ends_on,
            renewal: contract.renewal.key(),
            notice: contract.notice.map(NoticePeriod::key),
            notice_given_on: contract.notice_given_on,
            review_due: contract.review_due,
            value_band: contract.value_band.into(),
            personal_data: contract.personal_data,
            processor_agreement: contract.processor_agreement.clone(),
            document: contract.document.clone(),
            state: contract.state.into(),
            ends: contract.ends(),
            next_notice: contract.notice_day(on).map(|day| NoticeDayAnswer::new(day, on)),
        }
    }
}

/// Contracts as listed on a day.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractsAnswer {
    /// The day counted from.
    pub on: NaiveDate,
    pub contracts: Vec<ContractAnswer>,
}

/// Processors with no active contract.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessorsWithoutContractAnswer {
    /// Names as the processor agreements and the register of processing give them.
    pub processors: Vec<String>,
}

/// How many contracts an import stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractImportAnswer {
    pub imported: usize,
}

/// Which contracts to list; at most one filter.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ContractsQuery {
    /// Only contracts whose last day to give notice falls within this many days of `on`.
    #[param(minimum = 0, maximum = 3650)]
    pub notice_within: Option<u32>,
    /// Only active or draft contracts that name no owner or no department.
    #[serde(default)]
    pub without_owner: bool,
    /// Only contracts still marked active although they ended before `on`.
    #[serde(default)]
    pub expired: bool,
    /// Count as if today were this day (default: today in Helsinki).
    pub on: Option<NaiveDate>,
}

/// The lists a query can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContractList {
    All,
    NoticeWithin(u32),
    WithoutOwner,
    Expired,
}

impl ContractsQuery {
    fn list(&self) -> ApiResult<ContractList> {
        match (self.notice_within, self.without_owner, self.expired) {
            (None, false, false) => Ok(ContractList::All),
            (Some(days), false, false) if days <= 3650 => Ok(ContractList::NoticeWithin(days)),
            (Some(_), false, false) => Err(ApiError::BadRequest {
                code: "notice_within",
                message: "notice_within: at most 3650 days".to_owned(),
            }),
            (None, true, false) => Ok(ContractList::WithoutOwner),
            (None, false, true) => Ok(ContractList::Expired),
            _ => Err(ApiError::BadRequest {
                code: "bad_query",
                message: "give at most one of notice_within, without_owner and expired".to_owned(),
            }),
        }
    }
}

/// The contracts of one list on day `on`, in the domain crate's order.
pub(crate) fn contracts_as(registry: &Registry<'_>, list: ContractList, on: NaiveDate) -> ApiResult<Vec<Contract>> {
    let all = kirjuri_contracts::load_contracts(registry.store)?;
    let chosen: Vec<Contract> = match list {
        ContractList::All => all.clone(),
        ContractList::NoticeWithin(days) => kirjuri_contracts::notice_within(&all, on, days)
            .into_iter()
            .map(|(c, _)| c.clone())
            .collect(),
        ContractList::WithoutOwner => kirjuri_contracts::without_owner(&all).into_iter().cloned().collect(),
        ContractList::Expired => kirjuri_contracts::expired_still_active(&all, on)
            .into_iter()
            .map(|(c, _)| c.clone())
            .collect(),
    };
    Ok(chosen)
}

#[utoipa::path(get, path = "/contracts", tag = "contracts", params(ContractsQuery),
    responses((status = 200, description = "Contracts, or one list that needs attention, with their next notice day", body = ContractsAnswer)))]
pub async fn list_contracts(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ContractsQuery>,
) -> ApiResult<Json<ContractsAnswer>> {
    principal.require(Permission::ReadContracts)?;
    let list = query.list()?;
    let on = query.on.unwrap_or_else(helsinki_today);
    blocking(&state, move |registry| {
        let contracts = contracts_as(registry, list, on)?;
        Ok(Json(ContractsAnswer {
            on,
            contracts: contracts.iter().map(|c| ContractAnswer::new(c, on)).collect(),
        }))
    })
    .await
}

#[utoipa::path(get, path = "/contracts/processors-without-contract", tag = "contracts",
    responses((status = 200, description = "Processors of the processor agreements and the register of processing with no active contract", body = ProcessorsWithoutContractAnswer)))]
pub async fn processors_without_contract(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<ProcessorsWithoutContractAnswer>> {
    principal.require(Permission::ReadContracts)?;
    blocking(&state, |registry| {
        Ok(Json(ProcessorsWithoutContractAnswer {
            processors: kirjuri_contracts::processors_lacking_contract(registry.store)?,
        }))
    })
    .await
}

pub(crate) fn contract_as(registry: &Registry<'_>, id: &str) -> ApiResult<Contract> {
    kirjuri_contracts::load_contract(registry.store, id.trim())?
        .ok_or_else(|| ApiError::NotFound(format!("contract {}", id.trim())))
}

#[utoipa::path(get, path = "/contracts/{id}", tag = "contracts",
    params(("id" = String, Path, description = "Contract id")),
    responses((status = 200, description = "The contract with its next notice day", body = ContractAnswer)))]
pub async fn get_contract(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<ContractAnswer>> {
    principal.require(Permission::ReadContracts)?;
    blocking(&state, move |registry| {
        let contract = contract_as(registry, &id)?;
        Ok(Json(ContractAnswer::new(&contract, helsinki_today())))
    })
    .await
}

/// A contract as sent to create or change it (every field again for a change).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractBody {
    /// For a new contract: 1–64 lower-case letters, digits or hyphens.
    #[serde(default)]
    #[schema(pattern = "^[a-z0-9-]{1,64}$")]
    pub id: Option<String>,
    pub title: String,
    pub counterparty: String,
    /// Y-tunnus, e.g. `0201256-6`.
    #[serde(default)]
    #[schema(pattern = "^[0-9]{7}-[0-9]$")]
    pub business_id: Option<String>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// `fixed` (default), `automatic:<months 1–120>` or `until-notice`.
    #[serde(default)]
    #[schema(pattern = "^(fixed|until-notice|automatic:[0-9]{1,3})$")]
    pub renewal: Option<String>,
    /// `3m` (months) or `90d` (days).
    #[serde(default)]
    #[schema(pattern = "^[0-9]{1,4} ?(m|kk|d|pv)$")]
    pub notice: Option<String>,
    #[serde(default)]
    pub notice_given_on: Option<NaiveDate>,
    #[serde(default)]
    pub review_due: Option<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<ValueBandKey>)]
    pub value_band: Option<String>,
    #[serde(default)]
    pub personal_data: bool,
    #[serde(default)]
    pub processor_agreement: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
    /// `active` by default.
    #[serde(default)]
    #[schema(value_type = Option<ContractStateKey>)]
    pub state: Option<String>,
}

fn refused(field: &'static str, message: String) -> ApiError {
    ApiError::BadRequest {
        code: field,
        message: format!("{field}: {message}"),
    }
}

fn filled(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl ContractBody {
    /// The contract the body describes; a word that is not of the vocabulary names its field.
    pub(crate) fn into_contract(self, id: String) -> ApiResult<Contract> {
        let renewal = Renewal::parse(self.renewal.as_deref().unwrap_or("fixed")).map_err(|e| refused("renewal", e))?;
        let notice = filled(self.notice)
            .map(|n| NoticePeriod::parse(&n))
            .transpose()
            .map_err(|e| refused("notice", e))?;
        let value_band =
            ValueBand::parse(self.value_band.as_deref().unwrap_or("")).map_err(|e| refused("value_band", e))?;
        let state = ContractState::parse(self.state.as_deref().unwrap_or("active")).map_err(|e| refused("state", e))?;
        Ok(Contract {
            id,
            title: self.title.trim().to_owned(),
            counterparty: self.counterparty.trim().to_owned(),
            business_id: filled(self.business_id),
            owner: self.owner.trim().to_owned(),
            department: self.department.trim().to_owned(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            renewal,
            notice,
            notice_given_on: self.notice_given_on,
            review_due: self.review_due,
            value_band,
            personal_data: self.personal_data,
            processor_agreement: filled(self.processor_agreement),
            document: filled(self.document),
            state,
        })
    }
}

/// Creates (`id` `None`) or changes a contract for a reader: the contract document it names
/// must be one the reader may read (a document they may not read does not exist for them);
/// the domain crate checks the rest and audits.
pub(crate) fn save_contract_as(
    registry: &Registry<'_>,
    reader: &Reader,
    id: Option<String>,
    body: ContractBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Contract> {
    let (save, id) = match id {
        Some(id) => (Save::Update, id.trim().to_owned()),
        None => (Save::Create, body.id.clone().unwrap_or_default().trim().to_owned()),
    };
    let contract = body.into_contract(id)?;
    if let Some(document) = &contract.document {
        match registry.read_document_for(document, reader) {
            Ok(_) => {}
            Err(RegistryError::NotFound(_)) => {
                return Err(refused(
                    "document",
                    format!("`{document}` is not a registered document you may read"),
                ));
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok(kirjuri_contracts::save_contract(
        registry.store,
        &contract,
        save,
        &actor.name,
    )?)
}

#[utoipa::path(post, path = "/contracts", tag = "contracts", request_body = ContractBody,
    responses(
        (status = 201, description = "The new contract", body = ContractAnswer),
        (status = 400, description = "A refused field, named in `code` and the detail", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn create_contract(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ContractBody>,
) -> ApiResult<(StatusCode, Json<ContractAnswer>)> {
    principal.require(Permission::WriteContracts)?;
    let actor = actor_of(&principal);
    let reader = reader_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_contract_as(registry, &reader, None, body, &actor)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ContractAnswer::new(&stored, helsinki_today())),
    ))
}

#[utoipa::path(put, path = "/contracts/{id}", tag = "contracts", request_body = ContractBody,
    params(("id" = String, Path, description = "Contract id")),
    responses(
        (status = 200, description = "The contract as changed", body = ContractAnswer),
        (status = 400, description = "A refused field, named in `code` and the detail", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn update_contract(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<ContractBody>,
) -> ApiResult<Json<ContractAnswer>> {
    principal.require(Permission::WriteContracts)?;
    let actor = actor_of(&principal);
    let reader = reader_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_contract_as(registry, &reader, Some(id), body, &actor)
    })
    .await?;
    Ok(Json(ContractAnswer::new(&stored, helsinki_today())))
}

/// The day notice was given (by either party).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeBody {
    pub given_on: NaiveDate,
}

pub(crate) fn record_notice_as(
    registry: &Registry<'_>,
    id: &str,
    given_on: NaiveDate,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Contract> {
    Ok(kirjuri_contracts::record_notice(
        registry.store,
        id.trim(),
        given_on,
        &actor.name,
    )?)
}

#[utoipa::path(post, path = "/contracts/{id}/notice", tag = "contracts", request_body = NoticeBody,
    params(("id" = String, Path, description = "Contract id")),
    responses((status = 200, description = "The contract with the notice recorded and the day it ends", body = ContractAnswer)))]
pub async fn record_notice(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<NoticeBody>,
) -> ApiResult<Json<ContractAnswer>> {
    principal.require(Permission::WriteContracts)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        record_notice_as(registry, &id, body.given_on, &actor)
    })
    .await?;
    Ok(Json(ContractAnswer::new(&stored, helsinki_today())))
}

/// The name an import through the API or the web form is audited and reported under.
pub(crate) const IMPORT_FILE: &str = "contracts.csv";

/// A CSV import (all or nothing): the count stored, or every problem by line and column
/// (`contracts.csv:3: column `ends_on`: …`) with nothing stored.
pub(crate) fn import_contracts_as(
    registry: &Registry<'_>,
    reader: &Reader,
    text: &str,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Result<usize, Vec<String>>> {
    let contracts = match kirjuri_contracts::parse_contracts(IMPORT_FILE, text) {
        Ok(contracts) => contracts,
        Err(errors) => return Ok(Err(errors)),
    };
    // As for one contract: a row may link only a document the importer may read.
    let mut unreadable = Vec::new();
    for contract in &contracts {
        if let Some(document) = &contract.document {
            match registry.read_document_for(document, reader) {
                Ok(_) => {}
                Err(RegistryError::NotFound(_)) => unreadable.push(format!(
                    "{IMPORT_FILE}: {}: column `document`: `{document}` is not a registered document you may read",
                    contract.id
                )),
                Err(other) => return Err(other.into()),
            }
        }
    }
    if !unreadable.is_empty() {
        return Ok(Err(unreadable));
    }
    match kirjuri_contracts::import_contracts(registry.store, &contracts, &actor.name, IMPORT_FILE) {
        Ok(count) => Ok(Ok(count)),
        Err(RegistryError::Invalid { message, .. }) => Ok(Err(vec![format!("{IMPORT_FILE}: {message}")])),
        Err(other) => Err(other.into()),
    }
}

/// Largest CSV import (a city's contract tool exports a few thousand rows).
const MAX_IMPORT_BYTES: usize = 8 << 20;

#[utoipa::path(post, path = "/contracts/import", tag = "contracts",
    request_body(content = String, content_type = "text/csv", description = "A contracts CSV as from the city's earlier contract tool (columns by name)"),
    responses(
        (status = 201, description = "Every contract of the file added (an id already in the register refuses the import)", body = ContractImportAnswer),
        (status = 400, description = "Nothing stored; the detail names every bad line and column", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn import_contracts(
    State(state): State<AppState>,
    principal: Principal,
    request: Request,
) -> ApiResult<(StatusCode, Json<ContractImportAnswer>)> {
    principal.require(Permission::WriteContracts)?;
    let bytes = axum::body::to_bytes(request.into_body(), MAX_IMPORT_BYTES)
        .await
        .map_err(|_| {
            ApiError::TooLarge(format!(
                "a contracts file may be at most {} MiB",
                MAX_IMPORT_BYTES >> 20
            ))
        })?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::BadRequest {
        code: "bad_format",
        message: format!("{IMPORT_FILE}: the file is not UTF-8 text"),
    })?;
    let actor = actor_of(&principal);
    let reader = reader_of(&principal);
    let outcome = blocking(&state, move |registry| {
        import_contracts_as(registry, &reader, &text, &actor)
    })
    .await?;
    match outcome {
        Ok(imported) => Ok((StatusCode::CREATED, Json(ContractImportAnswer { imported }))),
        Err(errors) => Err(ApiError::BadRequest {
            code: "bad_format",
            message: errors.join("\n"),
        }),
    }
}
