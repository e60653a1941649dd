//! Hostile inputs (issue 22): the contracts CSV import. Random text and broken versions of a
//! good file are read or refused with `file:line:` errors naming the column; never a panic.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use kirjuri_contracts::parse_contracts;
use proptest::prelude::*;

const GOOD: &str = "id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state,value_band,review_due\n\
it-tuki,IT-tuki,Tuki Oy,Pekka,Hallinto,2024-01-01,2026-12-31,automatic:12,3m,no,active,,\n\
vuokra,Toimitilan vuokra,Kiinteistö Oy,,Tekninen,1.6.2020,,until-notice,6 kk,ei,active,,1.1.2027\n";

const TOKENS: &[&[u8]] = &[
    b"automatic:",
    b"until-notice",
    b"999999999999m",
    b"0 kk",
    b"automatic:0",
    b"ended",
];

fn parse(text: &str) {
    if let Err(errors) = parse_contracts("sopimukset.csv", text) {
        mutate::assert_csv_errors("sopimukset.csv", &errors);
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn contracts_survive_random_text(text in mutate::random_text()) {
        parse(&text);
    }

    #[test]
    fn contracts_survive_broken_files(changes in mutate::mutations(8), extra in any::<bool>()) {
        let tokens: Vec<&[u8]> = if extra { TOKENS.to_vec() } else { mutate::CSV_TOKENS.to_vec() };
        let bytes = mutate::apply(GOOD.as_bytes(), &changes, &tokens);
        parse(&String::from_utf8_lossy(&bytes));
    }
}

/// The fixture itself is good (else the mutations test nothing).
#[test]
fn the_fixture_is_good() {
    assert_eq!(parse_contracts("sopimukset.csv", GOOD).unwrap().len(), 2);
}
