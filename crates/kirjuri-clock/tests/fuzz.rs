//! Hostile inputs (issue 22): the clock inputs people type (start dates and instants, rule
//! keys). Random text and mutated good inputs parse or are refused with an error quoting the
//! input; every rule's deadline from any parseable start, even at the ends of chrono's
//! calendar, is computed or refused as out of range, never a panic.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use kirjuri_clock::{Rule, Start, compute, parse_instant, parse_start};
use proptest::prelude::*;

const GOOD: &[&str] = &[
    "2025-03-07",
    "2025-03-07T16:20",
    "2025-03-07 16:20:00",
    "2025-03-07T14:20:00Z",
    "2025-03-07T14:20:00+02:00",
    "2026-03-29T03:30",
];

const TOKENS: &[&[u8]] = &[
    b"-",
    b":",
    b"T",
    b"Z",
    b"+99:99",
    b"9999999999",
    b"-262144",
    b"+262143",
    b".999999999",
];

fn every_rule_from(start: Start) {
    for rule in Rule::ALL {
        // A clear error (out of range, an hour clock given only a date) or a deadline.
        if let Err(error) = compute(*rule, start) {
            assert!(!error.to_string().is_empty(), "{rule:?} from {start:?}");
        }
    }
}

fn parse_checked(text: &str) {
    match parse_start(text) {
        Ok(start) => every_rule_from(start),
        Err(error) => assert!(
            error.to_string().contains(text.trim()),
            "error does not quote the input: {error}"
        ),
    }
    if let Err(error) = parse_instant(text) {
        assert!(error.to_string().contains(text.trim()), "{error}");
    }
    if let Err(error) = Rule::parse(text) {
        assert!(
            error.to_string().contains("publicity"),
            "the error lists the rules: {error}"
        );
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn clock_inputs_survive_random_text(text in mutate::random_text()) {
        parse_checked(&text);
    }

    #[test]
    fn clock_inputs_survive_broken_dates(which in 0usize..6, changes in mutate::mutations(4)) {
        let bytes = mutate::apply(GOOD[which].as_bytes(), &changes, TOKENS);
        parse_checked(&String::from_utf8_lossy(&bytes));
    }

    /// Any day chrono can hold, as a date and as its midnight instant.
    #[test]
    fn every_rule_survives_any_day(days in i64::from(NaiveDate::MIN.num_days_from_ce())..=i64::from(NaiveDate::MAX.num_days_from_ce())) {
        let Some(day) = NaiveDate::from_num_days_from_ce_opt(days as i32) else { return Ok(()); };
        every_rule_from(Start::Date(day));
        if let Some(instant) = day.and_hms_opt(12, 0, 0).map(|t| Utc.from_utc_datetime(&t)) {
            every_rule_from(Start::Instant(instant));
        }
    }
}

/// The last days chrono holds: a deadline past them is out of range, not a panic.
#[test]
fn the_end_of_the_calendar_is_out_of_range() {
    every_rule_from(Start::Date(NaiveDate::MAX));
    every_rule_from(Start::Date(NaiveDate::MIN));
    // 7.3.2025 (a Friday): the publicity clock (JulkL 14 § 4: two weeks) is due Fri 21.3.2025.
    let start = parse_start("2025-03-07").unwrap();
    assert!(compute(Rule::Publicity, start).is_ok());
}
