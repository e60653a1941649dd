//! Retention dues, disposal with approval and permanent destruction records, and the archive
//! list of permanently kept records, signed archive packages (E-ARK SIP in a BagIt bag) and
//! their verification.
//!
//! Owns what happens to records at the end of their retention, and the erasure of a record
//! that must not be kept (`erasure`). Never destroys a record without an approved proposal or
//! an erasure decision with its reason, never destroys a held one, and never destroys a
//! destruction record. Persists through `kirjuri-store` transactions only.

pub mod archive_list;
pub mod disposal;
pub mod dues;
pub mod erasure;
pub mod keys;
pub mod package;
pub mod verification;
pub mod verify;

pub use archive_list::{ArchiveListEntry, archive_list};
pub use disposal::{
    DESTRUCTION, DestructionRecord, ExecutionReport, ItemState, PROPOSAL, Proposal, ProposalItem, ProposalState,
};
pub use dues::{DueItem, due_on};
pub use verification::{PackageVerification, VERIFICATION, record_verification};
