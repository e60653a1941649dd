//! Storing contracts: one made or edited by a person, or a whole CSV import in one
//! transaction. Every write is durable when it returns (`Store::transact` flushes) and audited.

use chrono::NaiveDate;
use chrono::Utc;
use kirjuri_incidents::registers::AGREEMENT;
use kirjuri_incidents::{load_agreements, load_registers};
use kirjuri_registry::{DOCUMENT, RegistryError, RegistryResult};
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreResult, Tx, TxResult, reject};

use crate::contract::{Contract, processors_without_contract};

pub const CONTRACT: &str = "contract";

/// Whether a save makes a new contract or changes an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    Create,
    Update,
}

/// Stores one contract made or edited by a person (the API, the web form, the CLI): a new
/// contract's id must be free, an edited one must exist; the processor agreement and the
/// contract document it names must exist. Audited `contracts.create` or `contracts.update`
/// with the state before and after.
pub fn save_contract(store: &Store, contract: &Contract, save: Save, actor: &str) -> RegistryResult<Contract> {
    contract
        .check()
        .map_err(|(code, message)| RegistryError::Invalid { code, message })?;
    let now = Utc::now();
    let action = match save {
        Save::Create => "contracts.create",
        Save::Update => "contracts.update",
    };
    store.transact(|tx| {
        let existing: Option<Contract> = tx.get(CONTRACT, &contract.id)?;
        match (save, existing.is_some()) {
            (Save::Create, true) => return reject("id_taken", format!("id: `{}` is already a contract", contract.id)),
            (Save::Update, false) => return reject("not_found", format!("contract {}", contract.id)),
            _ => {}
        }
        check_links(tx, contract)?;
        put(tx, contract)?;
        tx.audit(
            &AuditEvent::new(now, actor, action)
                .target(CONTRACT, &contract.id)
                .detail(serde_json::json!({ "before": existing, "after": contract })),
        )?;
        Ok(())
    })?;
    Ok(contract.clone())
}

/// Stores every contract of an import in one transaction (all or nothing): an import only
/// adds, and an id already in the register refuses the whole import. Audited
/// `contracts.import` with the source, the count and the ids added.
pub fn import_contracts(store: &Store, contracts: &[Contract], actor: &str, source: &str) -> RegistryResult<usize> {
    for contract in contracts {
        contract.check().map_err(|(code, message)| RegistryError::Invalid {
            code,
            message: format!("{}: {message}", contract.id),
        })?;
    }
    let now = Utc::now();
    store.transact(|tx| {
        for contract in contracts {
            // An import only adds: a contract already in the register is changed on its page or
            // with `contract set`, never overwritten by a row that may lack its fields.
            if tx.get::<serde_json::Value>(CONTRACT, &contract.id)?.is_some() {
                return reject(
                    "contract_exists",
                    format!(
                        "id: contract `{}` is already in the register; an import only adds contracts (change it on its page or with `kirjuri contract set`)",
                        contract.id
                    ),
                );
            }
            check_links(tx, contract)?;
            put(tx, contract)?;
        }
        tx.audit(
            &AuditEvent::new(now, actor, "contracts.import")
                .detail(serde_json::json!({
                    "source": source,
                    "contracts": contracts.len(),
                    "ids": contracts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                })),
        )?;
        Ok(())
    })?;
    Ok(contracts.len())
}

/// The processor agreement and the document a contract names must exist.
fn check_links(tx: &Tx<'_>, contract: &Contract) -> TxResult<()> {
    if let Some(agreement) = &contract.processor_agreement
        && tx.get::<serde_json::Value>(AGREEMENT, agreement)?.is_none()
    {
        return reject(
            "processor_agreement",
            format!("processor_agreement: `{agreement}` is not a processor agreement of the register"),
        );
    }
    if let Some(document) = &contract.document
        && tx.get::<serde_json::Value>(DOCUMENT, document)?.is_none()
    {
        return reject(
            "document",
            format!("document: `{document}` is not a registered document"),
        );
    }
    Ok(())
}

fn put(tx: &Tx<'_>, contract: &Contract) -> TxResult<()> {
    tx.put(
        CONTRACT,
        &contract.id,
        contract,
        &[
            IndexKey::new("counterparty", contract.counterparty.to_lowercase()),
            IndexKey::new("department", contract.department.to_lowercase()),
        ],
    )
}

/// One contract.
pub fn load_contract(store: &Store, id: &str) -> StoreResult<Option<Contract>> {
    store.get(CONTRACT, id)
}

/// Every contract, by id.
pub fn load_contracts(store: &Store) -> StoreResult<Vec<Contract>> {
    store.list(CONTRACT)
}

/// Records that notice was given on `given_on` (by either party), in one transaction with its
/// audit entry `contracts.notice` (the state before and after): the contract then ends at the
/// end of the term the notice was in time for, or one notice period later (`Contract::ends`).
pub fn record_notice(store: &Store, id: &str, given_on: NaiveDate, actor: &str) -> RegistryResult<Contract> {
    let now = Utc::now();
    let contract = store.transact(|tx| {
        let Some(before) = tx.get::<Contract>(CONTRACT, id)? else {
            return reject("not_found", format!("contract {id}"));
        };
        let mut after = before.clone();
        after.notice_given_on = Some(given_on);
        if let Err((code, message)) = after.check() {
            return reject(code, message);
        }
        put(tx, &after)?;
        tx.audit(
            &AuditEvent::new(now, actor, "contracts.notice")
                .target(CONTRACT, id)
                .detail(serde_json::json!({ "before": before, "after": after })),
        )?;
        Ok(after)
    })?;
    Ok(contract)
}

/// The processors of the processor agreements and of the active entries of the register of
/// processing that no active contract has as its counterparty.
pub fn processors_lacking_contract(store: &Store) -> StoreResult<Vec<String>> {
    let mut names: Vec<String> = load_agreements(store)?.into_iter().map(|a| a.processor).collect();
    names.extend(
        load_registers(store)?
            .into_iter()
            .filter(|r| r.active)
            .flat_map(|r| r.processors),
    );
    let contracts = load_contracts(store)?;
    Ok(processors_without_contract(&contracts, &names)
        .into_iter()
        .map(str::to_owned)
        .collect())
}
