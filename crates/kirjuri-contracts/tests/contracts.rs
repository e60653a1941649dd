//! The contract register on a real store in a temporary folder: saving, refusing, importing
//! all or nothing, and the audit trail.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::NaiveDate;
use kirjuri_contracts::{
    Contract, ContractState, NoticePeriod, Renewal, Save, ValueBand, import_contracts, load_contract, load_contracts,
    notice_within, parse_contracts, save_contract,
};
use kirjuri_registry::RegistryError;
use kirjuri_store::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cleaning() -> Contract {
    Contract {
        id: "siivous-2025".into(),
        title: "Koulujen siivouspalvelut".into(),
        counterparty: "Puhdas Oy".into(),
        business_id: Some("0201256-6".into()),
        owner: "Maija Meikäläinen".into(),
        department: "Sivistystoimi".into(),
        starts_on: Some(day(2025, 1, 1)),
        ends_on: Some(day(2026, 12, 31)),
        renewal: Renewal::Automatic { months: 12 },
        notice: Some(NoticePeriod::Months(3)),
        notice_given_on: None,
        review_due: Some(day(2026, 11, 15)),
        value_band: ValueBand::From60kTo250k,
        personal_data: false,
        processor_agreement: None,
        document: None,
        state: ContractState::Active,
    }
}

#[test]
fn a_contract_is_saved_audited_and_refused_with_the_field_named() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open(folder.path()).unwrap();
    save_contract(&store, &cleaning(), Save::Create, "tietosuojavastaava").unwrap();
    assert_eq!(load_contract(&store, "siivous-2025").unwrap(), Some(cleaning()));

    let again = save_contract(&store, &cleaning(), Save::Create, "tietosuojavastaava").unwrap_err();
    assert!(
        matches!(again, RegistryError::Invalid { code: "id_taken", .. }),
        "{again:?}"
    );

    let mut linked = cleaning();
    linked.personal_data = true;
    linked.processor_agreement = Some("ei-ole".into());
    let error = save_contract(&store, &linked, Save::Update, "tietosuojavastaava").unwrap_err();
    assert!(
        matches!(
            error,
            RegistryError::Invalid {
                code: "processor_agreement",
                ..
            }
        ),
        "{error:?}"
    );
    // Refused: nothing changed.
    assert_eq!(load_contract(&store, "siivous-2025").unwrap(), Some(cleaning()));

    let actions: Vec<String> = store.audit_entries().map(|e| e.unwrap().action).collect();
    assert_eq!(actions, ["contracts.create"]);
}

#[test]
fn an_import_is_all_or_nothing_and_names_file_line_and_column() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open(folder.path()).unwrap();
    let good = "id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\n\
                it-tuki,IT-tuki,Tuki Oy,Pekka,Hallinto,2024-01-01,2026-12-31,automatic:12,3m,no,active\n\
                vuokra,Toimitilan vuokra,Kiinteistö Oy,,Tekninen,1.6.2020,,until-notice,6 kk,ei,active\n";
    let contracts = parse_contracts("sopimukset.csv", good).unwrap();
    assert_eq!(contracts.len(), 2);
    assert_eq!(contracts[1].starts_on, Some(day(2020, 6, 1)));
    import_contracts(&store, &contracts, "tietosuojavastaava", "sopimukset.csv").unwrap();
    assert_eq!(load_contracts(&store).unwrap().len(), 2);
    // The same file again adds nothing and overwrites nothing: the id is named.
    let again = import_contracts(&store, &contracts, "tietosuojavastaava", "sopimukset.csv").unwrap_err();
    assert!(
        again.to_string().contains("`it-tuki` is already in the register"),
        "{again}"
    );
    assert_eq!(load_contracts(&store).unwrap().len(), 2);
    // On Tue 1.9.2026 the IT support's notice day, Wed 30.9.2026, is within 30 days.
    let all = load_contracts(&store).unwrap();
    let due = notice_within(&all, day(2026, 9, 1), 30);
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].0.id.as_str(), due[0].1.last_day), ("it-tuki", day(2026, 9, 30)));

    let bad = "id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\n\
               a,A,A Oy,,,2024-01-01,2023-12-31,fixed,,no,active\n\
               b,B,B Oy,,,31.2.2024,,automatic:12,3m,maybe,active\n";
    let errors = parse_contracts("uudet.csv", bad).unwrap_err();
    assert!(
        errors.contains(&"uudet.csv:2: column `ends_on`: ends_on: the contract cannot end before it starts".to_owned()),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("uudet.csv:3: column `starts_on`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("uudet.csv:3: column `personal_data`")),
        "{errors:?}"
    );
    let missing = parse_contracts("x.csv", "id,title\n").unwrap_err();
    assert!(
        missing.contains(&"x.csv:1: missing column `counterparty`".to_owned()),
        "{missing:?}"
    );
    // Nothing of a bad file is stored.
    assert_eq!(load_contracts(&store).unwrap().len(), 2);
}

/// Notice given on 15.9.2026, in time for the term ending 31.12.2026 (three months: by
/// 30.9.2026): the contract ends then; audited `contracts.notice` with before and after; an
/// unknown contract is refused and nothing changes.
#[test]
fn notice_is_recorded_once_in_its_own_transaction() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open(folder.path()).unwrap();
    save_contract(&store, &cleaning(), Save::Create, "tietosuojavastaava").unwrap();
    let noticed =
        kirjuri_contracts::record_notice(&store, "siivous-2025", day(2026, 9, 15), "hallintojohtaja").unwrap();
    assert_eq!(noticed.ends(), Some(day(2026, 12, 31)));
    assert_eq!(load_contract(&store, "siivous-2025").unwrap(), Some(noticed));
    let error = kirjuri_contracts::record_notice(&store, "siivous-2052", day(2026, 9, 15), "x").unwrap_err();
    assert!(
        matches!(error, RegistryError::Invalid { code: "not_found", .. }),
        "{error:?}"
    );
    let notice = store
        .audit_entries()
        .map(|e| e.unwrap())
        .find(|e| e.action == "contracts.notice")
        .unwrap();
    assert_eq!(notice.detail["before"]["notice_given_on"], serde_json::Value::Null);
    assert_eq!(notice.detail["after"]["notice_given_on"], "2026-09-15");
    assert_eq!(
        kirjuri_contracts::processors_lacking_contract(&store).unwrap(),
        Vec::<String>::new()
    );
}
