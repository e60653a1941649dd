//! Issue "Trust" §1 and §2 through the real binary: a lookup by key returns exactly that key's
//! records (case-1 is not case-10, Matti Virtanen is not Matti Virtanen-Koski), and a log
//! investigation finds every way a person's restricted records were shown: document reads,
//! case views, searches and archive exports.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri, kirjuri_as};

/// Twelve cases (case-1 … case-12), each with one restricted early-education application of
/// its own party; case-2's party is "Matti Virtanen-Koski", case-1's "Matti Virtanen".
fn twelve_cases(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    for n in 1..=12 {
        let file = dir.join(format!("hakemus-{n}.txt"));
        std::fs::write(&file, format!("Varhaiskasvatushakemus numero {n}, hakemusteksti")).unwrap();
        let party = match n {
            1 => "Matti Virtanen".to_owned(),
            2 => "Matti Virtanen-Koski".to_owned(),
            // The same person written with two spaces: one party for a log investigation.
            3 => "Matti  Virtanen".to_owned(),
            _ => format!("Hakija {n}"),
        };
        let run = kirjuri(
            &data,
            &[
                "ingest",
                file.to_str().unwrap(),
                "--class",
                "12 01 01",
                "--record-type",
                "varhaiskasvatushakemus",
                "--party",
                &party,
                "--json",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.all());
        let line: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
        assert_eq!(line["id"], format!("doc-{n}").as_str());
    }
    data
}

#[test]
fn case_show_and_export_of_case_1_hold_only_case_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = twelve_cases(dir.path());
    let shown = json(&data, &["case", "show", "case-1", "--json"]);
    let documents: Vec<&str> = shown["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(documents, vec!["doc-1"], "not the documents of case-10 … case-12");
    let diary = shown["case"]["diary_number"].as_str().unwrap().to_owned();
    let by_diary = json(&data, &["case", "show", &diary, "--json"]);
    assert_eq!(by_diary["documents"].as_array().unwrap().len(), 1);

    // The signed package of case-1 carries case-1's record and no other.
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    let out = dir.path().join("lai-1.zip");
    let export = kirjuri(
        &data,
        &[
            "archive",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--case",
            &diary,
            "--json",
        ],
    );
    assert_eq!(export.code, 0, "{}", export.all());
    let summary: serde_json::Value = serde_json::from_str(&export.stdout).unwrap();
    assert_eq!(summary["documents"], 1, "{summary}");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut records_xml = String::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        if entry.name().unwrap().ends_with("metadata/descriptive/records.xml") {
            std::io::Read::read_to_string(&mut entry, &mut records_xml).unwrap();
        }
    }
    assert!(records_xml.contains("doc-1"), "{records_xml}");
    for other in ["doc-10", "doc-11", "doc-12"] {
        assert!(!records_xml.contains(&format!("{other}<")) && !records_xml.contains(&format!("{other}\"")));
    }
    // The export's audit entry names the documents it carried.
    let audit = kirjuri(&data, &["audit", "export"]);
    let export_entry: serde_json::Value = audit
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["action"] == "archive.export")
        .expect("an archive.export entry");
    assert_eq!(export_entry["detail"]["document_ids"], serde_json::json!(["doc-1"]));
}

#[test]
fn log_investigation_finds_reads_views_searches_and_exports_of_exactly_that_person() {
    let dir = tempfile::tempdir().unwrap();
    let data = twelve_cases(dir.path());
    let reader = "virkailija.a";
    // Reads of the namesake's record (case-2) and of case-10's: none is Matti Virtanen's.
    for doc in ["doc-2", "doc-10"] {
        let run = kirjuri_as(&data, reader, &["doc", "show", doc, "--purpose", "muu asia"]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    // His record registered with a double space is his too.
    let run = kirjuri_as(&data, reader, &["doc", "show", "doc-3", "--purpose", "toinen asia"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // His own record: read, shown in its case, found by a search, exported.
    let run = kirjuri_as(&data, reader, &["doc", "show", "doc-1", "--purpose", "asian käsittely"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri_as(
        &data,
        reader,
        &["case", "show", "case-1", "--purpose", "asian valmistelu"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri_as(&data, reader, &["search", "numero", "--purpose", "haku"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    let out = dir.path().join("p.zip");
    let run = kirjuri_as(
        &data,
        reader,
        &["archive", "export", "--out", out.to_str().unwrap(), "--case", "case-1"],
    );
    assert_eq!(run.code, 0, "{}", run.all());

    json(
        &data,
        &[
            "request",
            "new",
            "log-investigation",
            "--received",
            "2026-01-05",
            "--requester",
            "Matti Virtanen",
            "--json",
        ],
    );
    let report = json(
        &data,
        &[
            "request",
            "log-report",
            "req-1",
            "--subject",
            "Matti Virtanen",
            "--json",
        ],
    );
    let hits = report["report"]["hits"].as_array().unwrap();
    let mut seen: Vec<(String, String)> = hits
        .iter()
        .map(|h| {
            (
                h["action"].as_str().unwrap().to_owned(),
                h["record"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![
            ("archive.export".to_owned(), "document doc-1".to_owned()),
            ("case.read".to_owned(), "case case-1".to_owned()),
            ("case.read".to_owned(), "document doc-1".to_owned()),
            ("document.read".to_owned(), "document doc-1".to_owned()),
            ("document.read".to_owned(), "document doc-3".to_owned()),
            ("search".to_owned(), "document doc-1".to_owned()),
            ("search".to_owned(), "document doc-3".to_owned()),
        ],
        "only Matti Virtanen's record, never doc-2 (Virtanen-Koski) or doc-10: {report}"
    );
    let purposes: Vec<&str> = hits.iter().filter_map(|h| h["purpose"].as_str()).collect();
    assert!(purposes.contains(&"asian käsittely") && purposes.contains(&"asian valmistelu"));
}
