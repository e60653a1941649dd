//! Hostile inputs (issue 22): the CSV reader under every import (registers, agreements,
//! training, contracts) and the date cells. Random text and broken files (quotes left open,
//! NUL bytes, BOMs, ragged rows, huge cells) are read or refused with `file:line:` errors;
//! dates parse or say what was expected, never panic.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use chrono::{Datelike, NaiveDate};
use kirjuri_sheet::{Sheet, parse_date};
use proptest::prelude::*;

const GOOD: &str = "id,name,when\n1,Matti,15.3.2026\n2,\"Liisa, \"\"Lii\"\"\",2026-03-16\n";

fn read(text: &str) {
    match Sheet::read("a.csv", text, &["id", "name"], &["when"]) {
        Ok(sheet) => {
            for (line, record) in &sheet.rows {
                assert!(*line >= 2, "a row before the header line: {line}");
                if let Err(error) = kirjuri_sheet::optional_date(sheet.cell(record, "when")) {
                    assert!(error.contains("is not a date"), "{error}");
                }
            }
        }
        Err(errors) => mutate::assert_csv_errors("a.csv", &errors),
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn sheets_survive_random_text(text in mutate::random_text()) {
        read(&text);
    }

    #[test]
    fn sheets_survive_broken_files(changes in mutate::mutations(8)) {
        let bytes = mutate::apply(GOOD.as_bytes(), &changes, mutate::CSV_TOKENS);
        read(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn dates_parse_or_say_what_is_expected(text in mutate::random_text()) {
        if let Err(error) = parse_date(&text) {
            prop_assert!(error.contains("2026-03-15 or 15.3.2026"), "{}", error);
        }
    }

    /// Every real day, in both spellings, reads back as itself.
    #[test]
    fn real_days_round_trip(days in 0i64..200_000) {
        let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assert_eq!(parse_date(&day.format("%Y-%m-%d").to_string()), Ok(day));
        prop_assert_eq!(parse_date(&format!("{}.{}.{}", day.day(), day.month(), day.year())), Ok(day));
    }
}

/// 31.2.2026 does not exist (February 2026 has 28 days): refused, not rolled over to March;
/// 29.2.2028 does (2028 is a leap year).
#[test]
fn an_impossible_day_is_refused() {
    assert!(parse_date("31.2.2026").is_err());
    assert!(parse_date("29.2.2026").is_err());
    assert_eq!(
        parse_date("29.2.2028"),
        Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap())
    );
}
