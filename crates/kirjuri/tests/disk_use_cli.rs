//! `kirjuri disk-use`: what the database holds against its files, the content files and the
//! search index, on a real data folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri};

#[test]
fn reports_what_the_database_holds_and_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let missing = kirjuri(&dir.path().join("nothing"), &["disk-use"]);
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(
        missing.stderr.contains("holds no Kirjuri database"),
        "{}",
        missing.stderr
    );

    let folder = dir.path().join("files");
    std::fs::create_dir_all(&folder).unwrap();
    let sizes = [2000usize, 3000, 100];
    for (n, size) in sizes.iter().enumerate() {
        std::fs::write(folder.join(format!("kirje-{n}.txt")), "ä".repeat(size / 2)).unwrap();
    }
    let opened = kirjuri(&data, &["case", "open", "--class", "00 02 06", "--title", "Kirjeet"]);
    assert_eq!(opened.code, 0, "{}", opened.all());
    let case = opened.stdout.trim().to_owned();
    let ingested = kirjuri(
        &data,
        &[
            "ingest",
            folder.to_str().unwrap(),
            "--case",
            &case,
            "--record-type",
            "viranhaltijapaatos",
        ],
    );
    assert_eq!(ingested.code, 0, "{}", ingested.all());
    assert_eq!(kirjuri(&data, &["reindex"]).code, 0);

    let used = json(&data, &["disk-use", "--json"]);
    assert_eq!(used["blobs"]["files"], 3, "{used}");
    assert_eq!(used["blobs"]["apparent_bytes"], sizes.iter().sum::<usize>(), "{used}");
    assert!(used["blobs"]["allocated_bytes"].as_u64().unwrap() >= 5100, "{used}");
    let tree = |name: &str| {
        used["trees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no tree {name}: {used}"))
            .clone()
    };
    // The case and its three documents, each a record with its change and audit entry.
    assert!(tree("records")["entries"].as_u64().unwrap() >= 4, "{used}");
    assert!(tree("audit")["entries"].as_u64().unwrap() >= 4, "{used}");
    let logical = used["logical_bytes"].as_u64().unwrap();
    assert!(logical > 3 * 300, "{used}");
    assert!(used["db"]["apparent_bytes"].as_u64().unwrap() > 0, "{used}");
    assert!(used["db_per_logical_byte"].as_f64().unwrap() > 0.0, "{used}");
    assert!(used["index"]["files"].as_u64().unwrap() > 0, "{used}");

    let text = kirjuri(&data, &["disk-use"]);
    assert_eq!(text.code, 0, "{}", text.all());
    assert!(text.stdout.contains("database: holds"), "{}", text.stdout);
    assert!(text.stdout.contains("content files: 3 files"), "{}", text.stdout);
}
