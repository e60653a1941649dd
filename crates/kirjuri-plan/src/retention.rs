//! Retention arithmetic (DOMAIN.md §3.1): end = trigger date + N years, with the plan's
//! leap-day rule and optional year-end rounding; permanent records never end.
//!
//! Deliberately different from the month clamping of legal clocks (`kirjuri-clock`): a
//! retention period that starts on 29 February ends on 1 March in a common year, so a record
//! is kept one day longer rather than one day shorter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::RetentionPeriod;

/// When a record's retention ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "date", rename_all = "kebab-case")]
pub enum RetentionEnd {
    /// Kept forever (pysyvä säilytys); never falls due.
    Permanent,
    /// Eligible for disposal from the start of this day (Europe/Helsinki).
    On(NaiveDate),
}

/// The computed date lies outside the calendar chrono can represent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("retention end of {start} + {years} years is outside the supported calendar")]
pub struct DateOutOfRange {
    pub start: NaiveDate,
    pub years: u32,
}

/// `start` + `years` calendar years; 29 February becomes 1 March when the target year is
/// not a leap year (project decision, DOMAIN.md §3.1, as Lupapiste computes it).
pub fn add_years_keeping_leap_day(start: NaiveDate, years: u32) -> Result<NaiveDate, DateOutOfRange> {
    let out_of_range = || DateOutOfRange { start, years };
    let target_year = i32::try_from(years)
        .ok()
        .and_then(|y| start.year().checked_add(y))
        .ok_or_else(out_of_range)?;
    if let Some(same_day) = NaiveDate::from_ymd_opt(target_year, start.month(), start.day()) {
        return Ok(same_day);
    }
    // Only 29 February can be missing in the target year.
    NaiveDate::from_ymd_opt(target_year, 3, 1).ok_or_else(out_of_range)
}

/// The retention end of a record whose trigger happened on `trigger_date`.
///
/// With `year_end_rounding`, a record becomes due on 1 January after the calendar year in
/// which the unrounded end falls, so that a year's disposals form one batch; rounding never
/// makes a record due earlier.
pub fn retention_ends_on(
    trigger_date: NaiveDate,
    period: RetentionPeriod,
    year_end_rounding: bool,
) -> Result<RetentionEnd, DateOutOfRange> {
    let years = match period {
        RetentionPeriod::Permanent => return Ok(RetentionEnd::Permanent),
        RetentionPeriod::Years(years) => years,
    };
    let end = add_years_keeping_leap_day(trigger_date, years)?;
    if !year_end_rounding {
        return Ok(RetentionEnd::On(end));
    }
    let next_new_year = end
        .year()
        .checked_add(1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .ok_or(DateOutOfRange {
            start: trigger_date,
            years,
        })?;
    Ok(RetentionEnd::On(next_new_year))
}

/// The end of a secrecy period: same leap-day rule as retention (DOMAIN.md §3.1).
pub fn secrecy_ends_on(start: NaiveDate, years: u32) -> Result<NaiveDate, DateOutOfRange> {
    add_years_keeping_leap_day(start, years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn leap_day_moves_to_first_of_march() {
        // DOMAIN.md §5.10: secrecy start 29.2.2016 + 5 years → 1.3.2021.
        assert_eq!(secrecy_ends_on(date(2016, 2, 29), 5).unwrap(), date(2021, 3, 1));
        // Into a leap year the day exists.
        assert_eq!(
            add_years_keeping_leap_day(date(2016, 2, 29), 4).unwrap(),
            date(2020, 2, 29)
        );
    }

    #[test]
    fn plain_years_and_zero() {
        let end = retention_ends_on(date(2024, 5, 17), RetentionPeriod::Years(10), false).unwrap();
        assert_eq!(end, RetentionEnd::On(date(2034, 5, 17)));
        let zero = retention_ends_on(date(2024, 5, 17), RetentionPeriod::Years(0), false).unwrap();
        assert_eq!(zero, RetentionEnd::On(date(2024, 5, 17)), "N = 0 is due on T itself");
    }

    #[test]
    fn permanent_never_ends() {
        let end = retention_ends_on(date(2024, 5, 17), RetentionPeriod::Permanent, true).unwrap();
        assert_eq!(end, RetentionEnd::Permanent);
    }

    #[test]
    fn rounding_to_next_new_year() {
        let end = retention_ends_on(date(2024, 5, 17), RetentionPeriod::Years(6), true).unwrap();
        assert_eq!(end, RetentionEnd::On(date(2031, 1, 1)));
        // An end on 1 January itself still moves to the next 1 January.
        let new_year = retention_ends_on(date(2020, 1, 1), RetentionPeriod::Years(1), true).unwrap();
        assert_eq!(new_year, RetentionEnd::On(date(2022, 1, 1)));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2200, 1u32..=366).prop_map(|(y, ordinal)| {
            NaiveDate::from_yo_opt(y, ordinal).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
        })
    }

    proptest! {
        #[test]
        fn end_is_never_before_trigger(start in any_date(), years in 0u32..=999, rounding: bool) {
            let RetentionEnd::On(end) = retention_ends_on(start, RetentionPeriod::Years(years), rounding).unwrap() else {
                unreachable!("years are never permanent");
            };
            prop_assert!(end >= start);
        }

        #[test]
        fn rounding_never_earlier(start in any_date(), years in 0u32..=120) {
            let plain = retention_ends_on(start, RetentionPeriod::Years(years), false).unwrap();
            let rounded = retention_ends_on(start, RetentionPeriod::Years(years), true).unwrap();
            let (RetentionEnd::On(plain), RetentionEnd::On(rounded)) = (plain, rounded) else { unreachable!() };
            prop_assert!(rounded > plain);
            prop_assert_eq!(rounded.ordinal(), 1);
            prop_assert_eq!(rounded.year(), plain.year() + 1);
        }

        #[test]
        fn later_trigger_never_ends_earlier(a in any_date(), b in any_date(), years in 0u32..=120) {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(add_years_keeping_leap_day(early, years).unwrap() <= add_years_keeping_leap_day(late, years).unwrap());
        }

        #[test]
        fn same_month_and_day_unless_leap_day(start in any_date(), years in 0u32..=120) {
            let end = add_years_keeping_leap_day(start, years).unwrap();
            prop_assert_eq!(end.year(), start.year() + years as i32);
            if start.month() == 2 && start.day() == 29 && end.day() != 29 {
                prop_assert_eq!((end.month(), end.day()), (3, 1));
            } else {
                prop_assert_eq!((end.month(), end.day()), (start.month(), start.day()));
            }
        }
    }
}
