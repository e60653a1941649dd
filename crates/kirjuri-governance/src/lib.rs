//! The staff and elected officials' data-protection training record (roster, trainings,
//! completions, and coverage per department) and the security controls performed — access
//! reviews, restore tests, log reviews — so the annual data-governance report (DOMAIN.md §9)
//! counts them instead of a person writing the numbers in by hand.
//!
//! Must never: decide anyone's access (a completed training is a record, not a permission), or
//! show a person's training to someone without the right (the front ends check the caller's
//! role before calling in; names of people are personal data). Persistence only through
//! `kirjuri-store` transactions, every change audited.

pub mod controls;
pub mod store;
pub mod training;

pub use controls::{ControlCount, ControlEvent, ControlKind, ControlResult, controls_in};
pub use store::{
    COMPLETION, CONTROL, Imported, PERSON, Save, TRAINING, add_completion, import, load_completions, load_control,
    load_controls, load_people, load_person, load_training, load_trainings, save_control, save_person, save_training,
};
pub use training::{
    Completion, Coverage, Group, Person, Source, Topic, Training, counting_day, coverage, coverage_on,
    parse_completions, parse_date, parse_roster, parse_trainings,
};
