//! The registry (kirjaamo): cases with diary numbers and their life-cycle states, documents
//! with metadata inherited from the plan, paper records, legal holds, and reads that leave an
//! audit entry.
//!
//! Owns the meaning of cases and documents and the rules for changing them; persists through
//! `kirjuri-store` transactions only. Never reads the clock or decides who may read what:
//! time, actor and purpose come in with every call, and the caller decides a person's rights
//! (the role matrix). What a reader may see is applied here, inside every list and view made
//! for a person (`Reader`): a restricted case's title and parties and restricted documents
//! never leave the registry for a reader whose right does not cover them.

pub mod case;
pub mod diary;
pub mod document;
#[cfg(feature = "fixture")]
pub mod fixture;
pub mod limits;
pub mod reader;
pub mod registry;

pub use case::{Case, CaseState, HoldLifting, LegalHold, PublicityOverride, StateChange};
pub use diary::{DiaryNumber, DiaryNumberError, is_valid_prefix};
pub use document::{Content, Direction, Document, MetadataOverride, PhysicalItem, RestrictionRequest, RetentionStatus};
pub use reader::{CaseView, Reader, RestrictedReach, same_department};
pub use registry::{
    Actor, CASE, CITY_WIDE_PROCESS_CLASSES, CaseFilter, CasePublicity, DOCUMENT, NewDocument, OpenCase, PlanCatalog,
    Registry, RegistryConfig, RegistryError, RegistryResult, SecrecyEvents, SecrecyEventsChange, case_document_ids,
    check_content_names, content_of, enter_final_state, helsinki_date, is_city_wide_process_class, party_key,
    resolve_record_type, store_content,
};
