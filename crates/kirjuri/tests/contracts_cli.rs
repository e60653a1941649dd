//! The contract register (sopimusrekisteri) with the real binary: a CSV import from the
//! city's earlier contract tool, refused lines named, a contract added by hand, notice given,
//! and the attention lists counted on a fixed day.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::kirjuri;

const CSV: &str = "id,title,counterparty,business_id,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\n\
it-tuki,Työasemien tuki,Tuki Oy,0201256-6,Pekka Virtanen,Hallinto,2024-01-01,2026-12-31,automatic:12,3m,no,active\n\
vuokra,Toimitilan vuokra,Kiinteistö Oy,,,Tekninen toimi,1.6.2020,,until-notice,6 kk,ei,active\n\
lumityot,Lumityöt 2025,Aura Oy,,Liisa Laine,Tekninen toimi,2025-01-01,2026-11-15,fixed,,no,active\n";

/// On Tue 1.9.2026: the IT support's notice day (term to 31.12.2026, three months) is Wed
/// 30.9.2026, within 30 days; the lease names no owner; the snow contract ended 15.11.2026 is
/// not yet expired on 1.9. but is on 1.12.2026.
#[test]
fn contracts_imported_listed_and_given_notice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Any command creates the data folder.
    assert_eq!(kirjuri(&data, &["contract", "list"]).code, 0);

    let bad = dir.path().join("huono.csv");
    std::fs::write(
        &bad,
        CSV.replace(
            "2024-01-01,2026-12-31,automatic:12,3m",
            "2024-01-01,2026-12-31,automatic:12,",
        ),
    )
    .unwrap();
    let run = kirjuri(&data, &["contract", "import", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("huono.csv:2: column `notice`"), "{}", run.all());
    let run = kirjuri(&data, &["contract", "list"]);
    assert!(
        run.stderr.contains("0 contracts"),
        "nothing of a bad file is stored: {}",
        run.all()
    );

    let good = dir.path().join("sopimukset.csv");
    std::fs::write(&good, CSV).unwrap();
    let run = kirjuri(&data, &["contract", "import", good.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("imported 3 contracts"), "{}", run.all());

    let run = kirjuri(
        &data,
        &["contract", "list", "--notice-within", "30", "--on", "2026-09-01"],
    );
    assert!(run.stdout.contains("it-tuki"), "{}", run.all());
    assert!(
        run.stdout
            .contains("notice by 2026-09-30 for the term ending 2026-12-31"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("1 contracts"), "{}", run.all());

    let run = kirjuri(&data, &["contract", "list", "--without-owner"]);
    assert!(
        run.stdout.contains("vuokra") && !run.stdout.contains("it-tuki"),
        "{}",
        run.all()
    );

    let run = kirjuri(&data, &["contract", "list", "--expired", "--on", "2026-09-01"]);
    assert!(run.stderr.contains("0 contracts"), "{}", run.all());
    let run = kirjuri(&data, &["contract", "list", "--expired", "--on", "2026-12-01"]);
    assert!(
        run.stdout.contains("lumityot") && run.stdout.contains("ended 2026-11-15"),
        "{}",
        run.all()
    );

    // Notice given on 15.9.2026, in time: the contract ends with its term on 31.12.2026.
    let run = kirjuri(&data, &["contract", "notice", "it-tuki", "--given-on", "2026-09-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("the contract ends 2026-12-31"), "{}", run.all());
    let run = kirjuri(
        &data,
        &["contract", "list", "--notice-within", "30", "--on", "2026-09-01"],
    );
    assert!(run.stderr.contains("0 contracts"), "{}", run.all());

    // A contract added by hand: a Saturday notice day moves to Monday (150/1930 §5).
    let run = kirjuri(
        &data,
        &[
            "contract",
            "add",
            "--id",
            "kopiokoneet",
            "--title",
            "Kopiokoneiden leasing",
            "--counterparty",
            "Kopio Oy",
            "--owner",
            "Liisa Laine",
            "--department",
            "Hallinto",
            "--starts-on",
            "2024-03-06",
            "--ends-on",
            "2027-03-06",
            "--renewal",
            "automatic:12",
            "--notice",
            "1m",
            "--value-band",
            "10k-60k",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri(&data, &["contract", "show", "kopiokoneet"]);
    assert!(
        run.stdout.contains("notice by 2027-02-06 (moved 2027-02-08)"),
        "{}",
        run.all()
    );

    let run = kirjuri(
        &data,
        &[
            "contract",
            "add",
            "--id",
            "x",
            "--title",
            "X",
            "--counterparty",
            "X Oy",
            "--business-id",
            "1234567-8",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("business_id"), "{}", run.all());
}
