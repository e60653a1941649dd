//! The disclosure record of a document request (Publicity Act 621/1999) with the real binary:
//! `request disclose`, `request fee` (§34) and `request transfer` (§15), read back by
//! `request show` and counted by `request stats`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri};

fn ingest(data: &std::path::Path, dir: &std::path::Path, name: &str, title: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, format!("sisältö: {title}")).unwrap();
    let run = kirjuri(
        data,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--class",
            "00.02.00",
            "--record-type",
            "valtuusto-poytakirja",
            "--title",
            title,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    run.all()
}

/// Received 10.12.2025: document doc-1 disclosed in full, doc-2 in part (pages 3–4 withheld
/// under JulkL 24 § 1 mom 25 kohta); copies charged 12,00 € on 16.12.2025 (§34); a fee for an
/// e-mailed answer refused (§34(1)); an unknown document refused naming the field. A second
/// request received 10.12.2025 is transferred on 15.12.2025 to Pohjois-Savon hyvinvointialue
/// (§15) and is decided. The statistics of 2025 count one fee of 12.00 EUR and one transfer.
#[test]
fn a_document_request_records_its_disclosure_fee_and_transfer() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, dir.path(), "a.txt", "Kokouspöytäkirja 3/2025");
    ingest(&data, dir.path(), "b.txt", "Selvitys lastensuojelusta");
    for requester in ["Toimittaja", "Yhdistys ry"] {
        json(
            &data,
            &[
                "request",
                "new",
                "publicity",
                "--received",
                "2025-12-10",
                "--requester",
                requester,
                "--json",
            ],
        );
    }
    let run = kirjuri(&data, &["request", "disclose", "req-1", "--document", "doc-1"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri(
        &data,
        &[
            "request",
            "disclose",
            "req-1",
            "--document",
            "doc-2",
            "--outcome",
            "partial",
            "--withheld",
            "sivut 3–4, henkilötunnukset",
            "--ground",
            "JulkL 24 § 1 mom 25 kohta",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let unknown = kirjuri(&data, &["request", "disclose", "req-1", "--document", "doc-99"]);
    assert_ne!(unknown.code, 0);
    assert!(
        unknown.stderr.contains("document_id: no document doc-99"),
        "{}",
        unknown.all()
    );

    let fee = |delivery: &str| {
        kirjuri(
            &data,
            &[
                "request",
                "fee",
                "req-1",
                "--cents",
                "1200",
                "--basis",
                "kopiot 12 sivua",
                "--delivery",
                delivery,
                "--on",
                "2025-12-16",
            ],
        )
    };
    let emailed = fee("email");
    assert_ne!(emailed.code, 0);
    assert!(emailed.stderr.contains("delivery:"), "{}", emailed.all());
    let copies = fee("copy");
    assert_eq!(copies.code, 0, "{}", copies.all());

    let shown = kirjuri(&data, &["request", "show", "req-1"]);
    assert!(shown.stdout.contains("doc-2 partial on"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("withheld: sivut 3–4, henkilötunnukset"),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("(julkl-24-1-25)"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("12.00 EUR on 2025-12-16 (copy)"),
        "{}",
        shown.stdout
    );

    let early = kirjuri(
        &data,
        &[
            "request",
            "transfer",
            "req-2",
            "--on",
            "2025-12-09",
            "--to",
            "Pohjois-Savon hyvinvointialue",
        ],
    );
    assert_ne!(early.code, 0, "before receipt");
    assert!(early.stderr.contains("on:"), "{}", early.all());
    let run = kirjuri(
        &data,
        &[
            "request",
            "transfer",
            "req-2",
            "--on",
            "2025-12-15",
            "--to",
            "Pohjois-Savon hyvinvointialue",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let transferred = json(&data, &["request", "show", "req-2", "--json"]);
    assert_eq!(transferred["state"], "transferred");
    assert_eq!(transferred["decided_on"], "2025-12-15");
    assert_eq!(
        transferred["disclosure"]["transfer"]["authority"],
        "Pohjois-Savon hyvinvointialue"
    );

    let stats = kirjuri(&data, &["request", "stats", "--year", "2025"]);
    assert!(
        stats
            .stdout
            .contains("fees charged 1 (sum 12.00 EUR), transfers to another authority 1"),
        "{}",
        stats.stdout
    );
    let stats = json(&data, &["request", "stats", "--year", "2025", "--json"]);
    assert_eq!(stats["disclosure"]["fees_cents"], 1200);
}
