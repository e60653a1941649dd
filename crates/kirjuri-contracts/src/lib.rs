//! The contract register (sopimusrekisteri): the city's contracts with their counterparty,
//! named owner and department, term, notice period and the last day to give notice, renewal
//! terms, value band, and the link to the processor agreement (GDPR Art 28) when the other
//! party processes personal data. Lists what needs attention: notice days coming up,
//! contracts without an owner, expired contracts still marked active, processors without a
//! contract. Contracts can be imported from CSV; an import is all or nothing and every bad
//! cell is named by file, line and column.
//!
//! Owns the contract records and their notice-day rule. Must never: store the contract
//! document itself (that is a record in the registry, registered under its plan class; a
//! contract only names it), or decide who may read a contract (the application does).

pub mod contract;
pub mod import;
pub mod store;

pub use contract::{
    Contract, ContractState, NoticeDay, NoticePeriod, Renewal, ValueBand, expired_still_active, notice_within,
    processors_without_contract, without_owner,
};
pub use import::parse_contracts;
pub use store::{
    CONTRACT, Save, import_contracts, load_contract, load_contracts, processors_lacking_contract, record_notice,
    save_contract,
};
