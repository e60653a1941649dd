//! Hostile inputs (issue 22): the register of processing and processor agreement CSV
//! imports. Random text and broken versions of good files are read or refused with
//! `file:line:` errors; never a panic.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use kirjuri_incidents::{parse_agreement_rows, parse_register_rows};
use proptest::prelude::*;

const REGISTERS: &str = "id,name,controller,department,dpo_contact,purposes,subject_categories,data_categories,special_categories,criminal_data,recipients,transfers,erasure_classes,security_measures,legal_basis,dpia,systems,processors,active,valid_from\n\
r1,Oppilasrekisteri,Laitilan kaupunki,sivistystoimi,tsv@laitila.fi,tarkoitus,lapset,yhteystiedot,no,no,Kela,ei siirtoja,12 01 01,lokitus,6(1)(c),,Daisy,Daisy Oy,yes,2026-01-01\n";
const AGREEMENTS: &str = "id,processor,registers,signed_on,starts_on,ends_on,review_due,state,owner,checklist,valid_from\n\
a1,Daisy Oy,r1,1.12.2025,1.1.2026,,1.1.2027,active,Pekka,,2026-01-01\n";

fn parse(registers: bool, text: &str) {
    let errors = if registers {
        parse_register_rows("x.csv", text).err()
    } else {
        parse_agreement_rows("x.csv", text).err()
    };
    if let Some(errors) = errors {
        mutate::assert_csv_errors("x.csv", &errors);
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn register_files_survive_random_text(registers in any::<bool>(), text in mutate::random_text()) {
        parse(registers, &text);
    }

    #[test]
    fn register_files_survive_broken_files(registers in any::<bool>(), changes in mutate::mutations(8)) {
        let good = if registers { REGISTERS } else { AGREEMENTS };
        let bytes = mutate::apply(good.as_bytes(), &changes, mutate::CSV_TOKENS);
        parse(registers, &String::from_utf8_lossy(&bytes));
    }
}

/// The fixtures themselves are good (else the mutations test nothing).
#[test]
fn the_fixtures_are_good() {
    assert_eq!(parse_register_rows("x.csv", REGISTERS).unwrap().len(), 1);
    assert_eq!(parse_agreement_rows("x.csv", AGREEMENTS).map(|a| a.len()), Ok(1));
}
