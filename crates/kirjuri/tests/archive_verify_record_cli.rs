//! Verified archive transfers (DOMAIN.md §9.2) end to end: `archive verify --record` records
//! the result of checking a package made in the data folder, audited (a check without it
//! records nothing); a package of another data folder is checked but not recorded; the report
//! of the year counts the package whose verification passed, with its records and bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri, repo_root};

#[test]
fn a_verified_package_is_recorded_and_counted_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    let minutes = repo_root().join("fixtures/demo/files/valtuusto-poytakirja-2026-10.txt");
    let ingest = [
        "ingest",
        minutes.to_str().unwrap(),
        "--class",
        "00.02.00",
        "--record-type",
        "valtuusto-poytakirja",
    ];
    assert_eq!(kirjuri(&data, &ingest).code, 0);
    let package = dir.path().join("package.zip");
    let export = [
        "archive",
        "export",
        "--out",
        package.to_str().unwrap(),
        "--permanent",
        "--json",
    ];
    let summary = json(&data, &export);
    assert_eq!(summary["documents"], 1);

    // Checked and recorded: passed.
    let run = kirjuri(&data, &["archive", "verify", package.to_str().unwrap(), "--record"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stderr.contains("recorded as verify-1"), "{}", run.stderr);
    // Checked without --record: nothing recorded.
    assert_eq!(
        kirjuri(&data, &["archive", "verify", package.to_str().unwrap()]).code,
        0
    );
    let audit = kirjuri(&data, &["audit", "export"]).stdout;
    assert_eq!(audit.matches("\"archive.verify\"").count(), 1, "{audit}");
    assert!(audit.contains("\"passed\":true"), "{audit}");

    // A package of another data folder: checked, not recorded.
    let other = dir.path().join("other");
    assert_eq!(kirjuri(&other, &["keys", "init"]).code, 0);
    assert_eq!(kirjuri(&other, &ingest).code, 0);
    let foreign = dir.path().join("foreign.zip");
    json(
        &other,
        &[
            "archive",
            "export",
            "--out",
            foreign.to_str().unwrap(),
            "--permanent",
            "--json",
        ],
    );
    let run = kirjuri(&data, &["archive", "verify", foreign.to_str().unwrap(), "--record"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("not a package made in this data folder"),
        "{}",
        run.stderr
    );

    // The report of this year (the package was made today, Helsinki time): one verified
    // transfer with its one record.
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y")
        .to_string();
    let report = json(&data, &["report", "--year", &year, "--format", "json"]);
    let records = report["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "records")
        .unwrap();
    let value = |key: &str| {
        records["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap_or_else(|| panic!("{key}"))["value"]
            .clone()
    };
    assert_eq!(value("archive_packages"), 1.0);
    assert_eq!(value("archive_packages_verified"), 1.0);
    assert_eq!(value("archive_verified_records"), 1.0);
    assert_eq!(
        value("archive_verified_bytes"),
        summary["payload_bytes"].as_f64().unwrap()
    );
}
