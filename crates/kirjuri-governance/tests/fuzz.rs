//! Hostile inputs (issue 22): the training CSV imports (roster, trainings, completions).
//! Random text and broken versions of good files are read or refused with `file:line:`
//! errors; never a panic.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use kirjuri_governance::training::{parse_completions, parse_roster, parse_trainings};
use proptest::prelude::*;

const ROSTER: &str = "id,name,user,department,group,from,until\n\
    h1,Maija Meikäläinen,maija@laitila.fi,sivistystoimi,henkilöstö,1.1.2020,\n\
    h2,Matti Virtanen,,tekninen toimi,staff,2021-03-01,30.6.2026\n";
const TRAININGS: &str = "key,name,topic,validity_years\nperus,Tietosuojan perusteet,tietosuoja,3\n";
const COMPLETIONS: &str = "person,training,completed_on\nh1,perus,15.3.2026\nh2,perus,2025-11-02\n";

fn parse(which: usize, text: &str) {
    let errors = match which % 3 {
        0 => parse_roster("r.csv", text).err(),
        1 => parse_trainings("r.csv", text).err(),
        _ => parse_completions("r.csv", text).err(),
    };
    if let Some(errors) = errors {
        mutate::assert_csv_errors("r.csv", &errors);
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn training_files_survive_random_text(which in 0usize..3, text in mutate::random_text()) {
        parse(which, &text);
    }

    #[test]
    fn training_files_survive_broken_files(which in 0usize..3, changes in mutate::mutations(8)) {
        let good = [ROSTER, TRAININGS, COMPLETIONS][which];
        let tokens: Vec<&[u8]> = mutate::CSV_TOKENS.iter().copied().chain([&b"999999999999"[..], b"tietoturva"]).collect();
        let bytes = mutate::apply(good.as_bytes(), &changes, &tokens);
        parse(which, &String::from_utf8_lossy(&bytes));
    }
}

/// The fixtures themselves are good (else the mutations test nothing).
#[test]
fn the_fixtures_are_good() {
    assert_eq!(parse_roster("r.csv", ROSTER).unwrap().len(), 2);
    assert_eq!(parse_trainings("r.csv", TRAININGS).unwrap().len(), 1);
    assert_eq!(parse_completions("r.csv", COMPLETIONS).unwrap().len(), 2);
}
