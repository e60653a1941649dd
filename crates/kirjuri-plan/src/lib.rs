//! The information-management plan (tiedonohjaussuunnitelma, TOS): class codes, the
//! classification tree with processes, phases, actions and record types, the attribute value
//! sets, validation, retention arithmetic, the two interchange forms — the TOML plan files of
//! `retention-rules/` and JHS 191 XML — and the rule of which characters a text field may hold
//! (`text`, which the registry uses too).
//!
//! Every other Kirjuri crate reads the plan through these types. This crate does no I/O
//! beyond parsing the text it is handed and never reads the clock: dates come in as
//! arguments.

pub mod code;
pub mod findings;
pub mod jhs191;
pub mod model;
pub mod retention;
pub mod sample;
pub mod secrecy;
pub mod secrecy_grounds;
pub mod text;
pub mod toml_source;
pub mod validate;
pub mod values;

pub use code::{ClassCode, ClassCodeError};
pub use findings::{Finding, Location, Severity, has_errors};
pub use model::{
    Action, Class, Phase, Plan, PlanMeta, Process, ProcessDetails, RecordType, RecordTypeRef, Restriction, Retention,
    RetentionPeriod,
};
pub use retention::{RetentionEnd, add_years_keeping_leap_day, retention_ends_on, secrecy_ends_on};
pub use secrecy::{SecrecyDates, SecrecyEnd, SecrecyRule, secrecy_end};
pub use secrecy_grounds::{SecrecyGround, SecrecyPeriod};
pub use toml_source::{LoadedPlan, SourceFile, load_plan};
pub use values::{
    ActionClass, PersonalData, PlanState, ProtectionLevel, PublicityClass, RetentionTrigger, SecrecyStart,
    SecurityClass, TriggerSource,
};
