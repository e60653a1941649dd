//! Hostile inputs (issue 22): diary numbers as people type and paste them
//! (`PREFIX/N/CLASS/YEAR`, DOMAIN.md §4.1). Random text and broken good numbers parse or are
//! refused with an error that quotes the input and says why; a parsed number prints back as
//! itself.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use kirjuri_registry::DiaryNumber;
use proptest::prelude::*;

const GOOD: &str = "LAI/123/00.01.00/2024";
const TOKENS: &[&[u8]] = &[b"/", b".", b"0", b"99999999999999999999999", b"-1", b" ", b"\xC3\x84"];

fn parse_checked(text: &str) {
    match DiaryNumber::parse(text) {
        Ok(number) => {
            let printed = number.to_string();
            assert_eq!(
                DiaryNumber::parse(&printed).unwrap(),
                number,
                "{text:?} printed as {printed:?}"
            );
        }
        Err(error) => {
            assert_eq!(error.given, text);
            assert!(!error.why.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn diary_numbers_survive_random_text(text in mutate::random_text()) {
        parse_checked(&text);
    }

    #[test]
    fn diary_numbers_survive_broken_numbers(changes in mutate::mutations(4)) {
        let bytes = mutate::apply(GOOD.as_bytes(), &changes, TOKENS);
        parse_checked(&String::from_utf8_lossy(&bytes));
    }
}

/// LAI/0/00.01.00/2024: running numbers start at 1 (DOMAIN.md §4.1), so 0 is refused by name.
#[test]
fn a_zero_running_number_is_refused() {
    let error = DiaryNumber::parse("LAI/0/00.01.00/2024").unwrap_err();
    assert!(error.to_string().contains("`0` is not a running number"), "{error}");
}
