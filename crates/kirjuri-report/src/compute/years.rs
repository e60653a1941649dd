//! What "in the year" means for the counting rules: the report's year is a calendar year in
//! Finnish time (Europe/Helsinki), DOMAIN.md §9.1.
//!
//! Records carry two kinds of time. Instants (`DateTime<Utc>`: an incident's `aware_at`, an
//! audit entry's `at`) are put in a year by their Helsinki calendar day, so the year starts at
//! 22:00 UTC on 31 December. Calendar days (`NaiveDate`: a case's `opened_on`, a request's
//! `received_on`) are already Helsinki days (`kirjuri_registry::helsinki_date`) and are put in a
//! year as they are.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Whether an instant falls in the Helsinki calendar year `year`: from 1 January 00:00 to
/// 31 December 24:00, Finnish time.
pub(super) fn in_helsinki_year(at: DateTime<Utc>, year: i32) -> bool {
    at.with_timezone(&chrono_tz::Europe::Helsinki).year() == year
}

/// Whether a calendar day (already a Helsinki day) falls in `year`.
pub(super) fn day_in_year(day: NaiveDate, year: i32) -> bool {
    day.year() == year
}

/// 31 December of `year`: the day on which "at year end" figures are read.
pub(super) fn year_end(year: i32) -> NaiveDate {
    // A year beyond chrono's range has no 31 December; such a report counts nothing.
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN)
}

/// The instant at which legal holds are read "at year end": the last second of 31 December of
/// `year` in Helsinki (23:59:59 Finnish time, 21:59:59 UTC), so a hold placed in the first hours
/// of 1 January belongs to the new year, as every other instant of the report does.
pub(super) fn hold_cut_off(year: i32) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let last_second = year_end(year).and_hms_opt(23, 59, 59)?;
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&last_second)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The last instant of `year` in Helsinki (31 December 24:00 Finnish time, less a
/// nanosecond): the instant at which the register of processing and the processor agreements
/// are read "at year end", so a change at 00:00 on 1 January belongs to the new year.
pub(super) fn year_end_instant(year: i32) -> Option<DateTime<Utc>> {
    let next = NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?;
    Some(kirjuri_incidents::helsinki_start_of(next)? - chrono::Duration::nanoseconds(1))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
    }

    #[test]
    fn an_instant_belongs_to_its_helsinki_year() {
        // Helsinki is UTC+2 in winter: the year turns at 22:00 UTC on 31 December.
        assert!(
            in_helsinki_year(utc(2025, 12, 31, 21, 59, 59), 2025),
            "23.59.59 on 31.12"
        );
        assert!(!in_helsinki_year(utc(2025, 12, 31, 21, 59, 59), 2026));
        assert!(in_helsinki_year(utc(2025, 12, 31, 22, 0, 0), 2026), "00.00 on 1.1");
        assert!(!in_helsinki_year(utc(2025, 12, 31, 22, 0, 0), 2025));
        assert!(in_helsinki_year(utc(2025, 1, 1, 0, 0, 0), 2025), "02.00 on 1.1");
    }

    #[test]
    fn a_calendar_day_belongs_to_its_year() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(day_in_year(day(2025, 12, 31), 2025));
        assert!(!day_in_year(day(2025, 12, 31), 2026));
        assert!(day_in_year(day(2026, 1, 1), 2026));
        assert!(!day_in_year(day(2026, 1, 1), 2025));
    }

    #[test]
    fn the_year_end_instant_is_just_before_midnight_in_helsinki() {
        // 1.1.2026 00:00 Finnish time is 31.12.2025 22:00 UTC.
        let end = year_end_instant(2025).unwrap();
        assert!(end < utc(2025, 12, 31, 22, 0, 0));
        assert!(end > utc(2025, 12, 31, 21, 59, 59));
    }

    #[test]
    fn year_end_is_the_last_day_and_the_hold_cut_off_its_last_second_in_helsinki() {
        assert_eq!(year_end(2025), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(hold_cut_off(2025), Some(utc(2025, 12, 31, 21, 59, 59)));
        assert_eq!(
            hold_cut_off(2025).map(|t| t.with_timezone(&chrono_tz::Europe::Helsinki).to_rfc3339()),
            Some("2025-12-31T23:59:59+02:00".to_owned()),
            "the last second of the year in Helsinki, not two hours into the next"
        );
    }
}
