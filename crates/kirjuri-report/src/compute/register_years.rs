//! The register of processing (GDPR Art 30) and the processor agreements (Art 28) as they stood
//! at the end of a year, from their dated versions (`kirjuri_incidents::history`), for the
//! chapters that count them (3.2 `resources`, 3.3 `procedures`).
//!
//! A year is read at 31 December 24:00 Finnish time, or at the report's generation time when
//! that is earlier (the current year). A year whose end comes before the history began (the
//! earliest dated version) has no figures: it is "—" with a note saying when the history
//! starts. A store without any dated version (everything stored before versions were kept)
//! has only today's state, as before.

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_incidents::{History, ProcessingRegister, ProcessorAgreement, state_as_of};
use kirjuri_words::report as r;

use super::Label;
use super::years::{year_end, year_end_instant};

/// The registers and agreements with their histories, and when the report was made.
pub(super) struct RegisterHistory<'a> {
    pub registers: &'a [ProcessingRegister],
    pub agreements: &'a [ProcessorAgreement],
    pub register_histories: &'a [History<ProcessingRegister>],
    pub agreement_histories: &'a [History<ProcessorAgreement>],
    pub generated_at: DateTime<Utc>,
}

/// The register and the agreements at one year's end.
pub(super) struct YearState {
    pub registers: Vec<ProcessingRegister>,
    pub agreements: Vec<ProcessorAgreement>,
    /// The Helsinki day on which agreements are read (31 December, or the generation day).
    pub day: NaiveDate,
}

impl YearState {
    /// The entries active in this state (an inactive entry is kept as history only).
    pub fn active(&self) -> impl Iterator<Item = &ProcessingRegister> {
        self.registers.iter().filter(|r| r.active)
    }
}

/// What is known of a year's end.
pub(super) enum AtYearEnd {
    /// Read from the dated versions.
    Dated(YearState),
    /// No record has a dated version: today's state (the agreements still read on the year's
    /// last day, as before versions were kept).
    TodayOnly(YearState),
    /// The history begins after this year's end, on the given instant.
    BeforeHistory(DateTime<Utc>),
}

impl AtYearEnd {
    /// The state, when there is one.
    pub fn state(&self) -> Option<&YearState> {
        match self {
            AtYearEnd::Dated(state) | AtYearEnd::TodayOnly(state) => Some(state),
            AtYearEnd::BeforeHistory(_) => None,
        }
    }
}

impl RegisterHistory<'_> {
    /// The earliest dated version of any entry or agreement.
    pub fn starts(&self) -> Option<DateTime<Utc>> {
        [
            kirjuri_incidents::history_starts(self.register_histories),
            kirjuri_incidents::history_starts(self.agreement_histories),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// The instant `year` is read at: its last instant in Helsinki, or the report's generation
    /// when that is earlier.
    fn read_at(&self, year: i32) -> DateTime<Utc> {
        year_end_instant(year).map_or(self.generated_at, |end| end.min(self.generated_at))
    }

    /// The register and agreements at the end of `year`.
    pub fn at_year_end(&self, year: i32) -> AtYearEnd {
        let Some(starts) = self.starts() else {
            return AtYearEnd::TodayOnly(YearState {
                registers: self.registers.to_vec(),
                agreements: self.agreements.to_vec(),
                day: year_end(year),
            });
        };
        let at = self.read_at(year);
        if starts > at {
            return AtYearEnd::BeforeHistory(starts);
        }
        AtYearEnd::Dated(YearState {
            registers: state_as_of(self.registers, self.register_histories, at),
            agreements: state_as_of(self.agreements, self.agreement_histories, at),
            day: at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive(),
        })
    }
}

/// The value and previous-year value of a count over the state at each year's end, and the
/// note: today's figure when there is no history, or when the history starts when a year has
/// none. `today_has_no_previous`: a figure of the register itself, which had no previous year
/// before versions were kept (agreements were read at each year's end even then).
pub(super) fn count_both(
    history: &RegisterHistory<'_>,
    year: i32,
    today_has_no_previous: bool,
    rule: impl Fn(&YearState) -> usize,
) -> (Option<f64>, Option<f64>, Option<Label>) {
    let this = history.at_year_end(year);
    let before = history.at_year_end(year - 1);
    let value = this.state().map(|s| rule(s) as f64);
    let mut previous = before.state().map(|s| rule(s) as f64);
    let note = match (&this, &before) {
        (AtYearEnd::TodayOnly(_), _) if today_has_no_previous => {
            previous = None;
            Some(Label::from(r::NOTE_NO_HISTORY))
        }
        (AtYearEnd::BeforeHistory(starts), _) | (_, AtYearEnd::BeforeHistory(starts)) => {
            Some(history_starts_note(*starts))
        }
        _ => None,
    };
    (value, previous, note)
}

/// "The history of the register starts on 1.1.2025" (the Helsinki day of the first version).
pub(super) fn history_starts_note(starts: DateTime<Utc>) -> Label {
    let day = starts.with_timezone(&chrono_tz::Europe::Helsinki).date_naive();
    Label::filled(r::NOTE_HISTORY_STARTS, &[&day.format("%-d.%-m.%Y").to_string()])
}
