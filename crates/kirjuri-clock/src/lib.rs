//! Legal clocks: Finnish holiday calendars and every deadline rule Kirjuri counts
//! (Publicity Act 621/1999 §14, GDPR Art 12(3) and 33, NIS2 / Cybersecurity Act 124/2025 §11),
//! following the counting rules of Regulation 1182/71 and the Time-limit Act 150/1930
//! (DOMAIN.md §5).
//!
//! Pure functions: no I/O, and the clock is never read — the start of every period comes in
//! as an argument. Day-based periods are counted on Europe/Helsinki dates; hour periods on
//! UTC instants, so a 72-hour window is right across daylight-saving changes.

pub mod holidays;
pub mod rules;
pub mod time;

pub use holidays::{Calendar, Holiday, easter_sunday, finnish_holidays};
pub use rules::{
    DayDeadline, Deadline, DeadlineError, ExtensionDetail, ExtensionReading, HourDeadline, Rule, add_months_clamped,
    compute, helsinki_rfc3339,
};
pub use time::{HELSINKI, Start, StartError, parse_instant, parse_start};
