//! Dated versions of the register of processing (GDPR Art 30) and the processor agreements
//! (Art 28): every change keeps the earlier state, and `*_as_of` gives exactly the state at an
//! instant (DOMAIN.md §9, chapter 3.2 counted at each year's end).
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use chrono::{DateTime, TimeZone, Utc};
use kirjuri_incidents::{
    AgreementState, ProcessingRegister, Save, agreements_as_of, history_starts, load_register, load_register_histories,
    parse_agreement_rows, parse_register_rows, registers_as_of, save_register, store_imported_rows, versions_of,
};
use kirjuri_store::{IndexKey, Store};

const REGISTERS: &str = "id,name,controller,department,dpo_contact,purposes,subject_categories,data_categories,special_categories,criminal_data,recipients,transfers,erasure_classes,security_measures,legal_basis,dpia,systems,processors,active,valid_from\n";
const AGREEMENTS: &str =
    "id,processor,registers,signed_on,starts_on,ends_on,review_due,state,owner,checklist,valid_from\n";

fn row(id: &str, name: &str, active: &str, valid_from: &str) -> String {
    format!(
        "{id},{name},Laitilan kaupunki,sivistystoimi,tsv@laitila.fi,tarkoitus,lapset,yhteystiedot,no,no,Kela,ei siirtoja,12 01 01,lokitus,6(1)(c),,Daisy,Daisy Oy,{active},{valid_from}\n"
    )
}

/// The instant just before midnight Finnish time at the end of 31 December of `year`.
fn year_end(year: i32) -> DateTime<Utc> {
    kirjuri_incidents::helsinki_start_of(chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap()).unwrap()
        - chrono::Duration::nanoseconds(1)
}

fn import(store: &Store, registers: &str, agreements: &str) {
    let registers = parse_register_rows("registers.csv", &format!("{REGISTERS}{registers}")).unwrap();
    let agreements = parse_agreement_rows("agreements.csv", &format!("{AGREEMENTS}{agreements}")).unwrap();
    store_imported_rows(store, &registers, &agreements, "tietosuojavastaava", "test").unwrap();
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn an_entry_deactivated_on_15_june_2026_is_active_at_the_end_of_2025_not_of_2026() {
    let (_dir, store) = store();
    // Last year's state loaded with valid_from, then the deactivation of 15.6.2026 (00:00
    // Finnish time is 21:00 UTC the day before, summer time UTC+3).
    import(
        &store,
        &[
            row("vaka", "Varhaiskasvatus", "yes", "2025-01-01"),
            row("vaka", "Varhaiskasvatus", "no", "2026-06-15"),
        ]
        .concat(),
        "",
    );
    let at_2025 = registers_as_of(&store, year_end(2025)).unwrap();
    assert_eq!(at_2025.len(), 1);
    assert!(
        at_2025[0].active,
        "in force at 31.12.2025 24:00: the version of 1.1.2025"
    );
    let at_2026 = registers_as_of(&store, year_end(2026)).unwrap();
    assert!(
        !at_2026[0].active,
        "deactivated on 15.6.2026: a new version, the past kept"
    );
    let before = registers_as_of(&store, Utc.with_ymd_and_hms(2024, 12, 31, 21, 59, 59).unwrap()).unwrap();
    assert!(
        before.is_empty(),
        "no version existed before 1.1.2025 00:00 Helsinki (22:00 UTC)"
    );
    let just_at = registers_as_of(&store, Utc.with_ymd_and_hms(2026, 6, 14, 21, 0, 0).unwrap()).unwrap();
    assert!(
        !just_at[0].active,
        "15.6.2026 00:00 Helsinki is 14.6. 21:00 UTC: the new version is in force"
    );
    // The current record is the latest version.
    assert!(!load_register(&store, "vaka").unwrap().unwrap().active);
    let versions = versions_of::<ProcessingRegister>(&store, "vaka").unwrap().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].changed, vec!["active".to_owned()], "what changed, by field");
    assert_eq!(versions[1].by, "tietosuojavastaava");
    assert_eq!(
        history_starts(&load_register_histories(&store).unwrap()),
        Some(Utc.with_ymd_and_hms(2024, 12, 31, 22, 0, 0).unwrap()),
        "the history starts on 1.1.2025 00:00 Finnish time"
    );
}

#[test]
fn an_agreement_signed_on_1_march_2026_is_valid_at_the_end_of_2026_not_of_2025() {
    let (_dir, store) = store();
    import(
        &store,
        &row("vaka", "Varhaiskasvatus", "yes", "2025-01-01"),
        "kas-1,Daisy Oy,vaka,2026-03-01,2026-03-01,,,active,sivistystoimi,security,2026-03-01\n",
    );
    assert!(agreements_as_of(&store, year_end(2025)).unwrap().is_empty());
    let at_2026 = agreements_as_of(&store, year_end(2026)).unwrap();
    assert_eq!(at_2026.len(), 1);
    assert_eq!(at_2026[0].state, AgreementState::Active);
}

#[test]
fn importing_an_earlier_state_adds_history_under_todays_record() {
    let (_dir, store) = store();
    import(&store, &row("hr", "Henkilöstörekisteri", "yes", "2026-02-01"), "");
    // Loaded afterwards: the state of 1.1.2025, before Kirjuri.
    import(&store, &row("hr", "Palkkarekisteri", "yes", "2025-01-01"), "");
    assert_eq!(
        load_register(&store, "hr").unwrap().unwrap().name,
        "Henkilöstörekisteri",
        "today's record stays the latest version"
    );
    assert_eq!(
        registers_as_of(&store, year_end(2025)).unwrap()[0].name,
        "Palkkarekisteri"
    );
    let versions = versions_of::<ProcessingRegister>(&store, "hr").unwrap().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].changed, vec!["name".to_owned()]);
}

#[test]
fn an_entry_stored_before_versions_counts_from_an_unknown_start_and_keeps_that_state() {
    let (_dir, store) = store();
    let mut old = parse_register_rows("r.csv", &format!("{REGISTERS}{}", row("vanha", "Vanha", "yes", "")))
        .unwrap()
        .remove(0)
        .record;
    // Stored as before versions were kept: the record alone.
    store
        .transact(|tx| {
            tx.put(
                "register",
                "vanha",
                &old,
                &[IndexKey::new("department", "sivistystoimi")],
            )
        })
        .unwrap();
    assert_eq!(
        registers_as_of(&store, year_end(2020)).unwrap().len(),
        1,
        "valid from an unknown start"
    );
    assert_eq!(
        versions_of::<ProcessingRegister>(&store, "vanha").unwrap().unwrap()[0].valid_from,
        None
    );
    old.active = false;
    save_register(&store, &old, Save::Update, "tietosuojavastaava").unwrap();
    let versions = versions_of::<ProcessingRegister>(&store, "vanha").unwrap().unwrap();
    assert_eq!(versions.len(), 2, "the old state kept as the unknown-start version");
    assert_eq!(versions[0].valid_from, None);
    assert!(versions[0].record.active);
    assert!(versions[1].valid_from.is_some());
    assert!(
        registers_as_of(&store, year_end(2020)).unwrap()[0].active,
        "2020: the old state"
    );
}

#[test]
fn two_rows_of_one_id_need_distinct_valid_from_and_none_in_the_future() {
    let twice = format!(
        "{REGISTERS}{}{}",
        row("vaka", "V", "yes", "2025-01-01"),
        row("vaka", "V", "no", "2025-01-01")
    );
    let errors = parse_register_rows("registers.csv", &twice).unwrap_err();
    assert!(
        errors.iter().any(|e| e.starts_with("registers.csv:3: column `id`")),
        "{errors:?}"
    );
    let future = format!("{REGISTERS}{}", row("vaka", "V", "yes", "2999-01-01"));
    let errors = parse_register_rows("registers.csv", &future).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("registers.csv:2: column `valid_from`")),
        "{errors:?}"
    );
}
