//! Finnish relevance: 42 municipal documents and 25 base-form queries whose relevant documents
//! were marked by hand (inflected and compound forms on purpose), in
//! `fixtures/search-relevance/`. Runs the real binary with Voikko and with Snowball only, and
//! prints recall and precision side by side (`cargo test --test search_relevance -- --nocapture`).
//!
//! Voikko is a system library; where it is missing the Voikko half is skipped with a note,
//! unless `KIRJURI_REQUIRE_VOIKKO` is set (CI sets it after installing libvoikko1 and voikko-fi).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::repo_root;

fn kirjuri(data: &Path, snowball_only: bool, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kirjuri"));
    command.args(args).env("KIRJURI_DATA", data);
    if snowball_only {
        command.env("KIRJURI_NO_VOIKKO", "1");
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

struct Score {
    analysis: String,
    recall: f64,
    precision: f64,
    misses: Vec<String>,
}

fn evaluate(dir: &Path, snowball_only: bool) -> Score {
    let data = dir.join(if snowball_only { "snowball" } else { "voikko" });
    let fixtures = repo_root().join("fixtures/search-relevance");
    let case = kirjuri(
        &data,
        snowball_only,
        &["case", "open", "--class", "00 02 06", "--title", "Relevanssiaineisto"],
    );
    let mut names: BTreeMap<String, String> = BTreeMap::new(); // document id -> file stem
    let mut files: Vec<_> = std::fs::read_dir(fixtures.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (n, file) in files.iter().enumerate() {
        let title = format!("Asiakirja {}", n + 1);
        let out = kirjuri(
            &data,
            snowball_only,
            &[
                "ingest",
                file.to_str().unwrap(),
                "--case",
                case.trim(),
                "--record-type",
                "viranhaltijapaatos",
                "--title",
                &title,
                "--json",
            ],
        );
        let document: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap().to_owned();
        names.insert(document["id"].as_str().unwrap().to_owned(), stem);
    }
    let set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("queries.json")).unwrap()).unwrap();
    let (mut relevant_total, mut found_relevant, mut retrieved_total) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut analysis = String::new();
    for entry in set["queries"].as_array().unwrap() {
        let query = entry["query"].as_str().unwrap();
        let relevant: BTreeSet<&str> = entry["relevant"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let out = kirjuri(&data, snowball_only, &["search", query, "--limit", "100", "--json"]);
        let results: serde_json::Value = serde_json::from_str(&out).unwrap();
        analysis = results["analysis"].to_string();
        let retrieved: BTreeSet<&str> = results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| names[h["id"].as_str().unwrap()].as_str())
            .collect();
        relevant_total += relevant.len();
        retrieved_total += retrieved.len();
        found_relevant += retrieved.intersection(&relevant).count();
        for missed in relevant.difference(&retrieved) {
            misses.push(format!("{query}: missed {missed}"));
        }
        for extra in retrieved.difference(&relevant) {
            misses.push(format!("{query}: extra {extra}"));
        }
    }
    Score {
        analysis,
        recall: found_relevant as f64 / relevant_total as f64,
        precision: if retrieved_total == 0 {
            1.0
        } else {
            found_relevant as f64 / retrieved_total as f64
        },
        misses,
    }
}

#[test]
fn voikko_finds_inflected_and_compound_forms() {
    let dir = tempfile::tempdir().unwrap();
    let snowball = evaluate(dir.path(), true);
    let voikko = evaluate(dir.path(), false);
    println!("| analysis | recall | precision |\n|---|---|---|");
    for score in [&snowball, &voikko] {
        println!("| {} | {:.2} | {:.2} |", score.analysis, score.recall, score.precision);
    }
    for score in [&snowball, &voikko] {
        println!("{}: {}", score.analysis, score.misses.join("; "));
    }
    assert!(snowball.analysis.contains("Snowball"), "{}", snowball.analysis);
    if !voikko.analysis.contains("Voikko") {
        assert!(
            std::env::var_os("KIRJURI_REQUIRE_VOIKKO").is_none(),
            "Voikko is required here but not in use: {}",
            voikko.analysis
        );
        eprintln!("note: Voikko is not installed, so only Snowball was measured");
        return;
    }
    assert!(voikko.recall >= 0.95, "Voikko recall {:.2}", voikko.recall);
    assert!(
        voikko.precision >= snowball.precision,
        "Voikko precision {:.2} below Snowball's {:.2}",
        voikko.precision,
        snowball.precision
    );
}
