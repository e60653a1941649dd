//! Hostile inputs (issue 22): the JHS 191 import, the TOML plan files and class codes take
//! files from outside. Whatever they hold — random bytes, or the sample plan truncated, with
//! bytes flipped, NULs, Latin-1 bytes, duplicated keys, deep nesting, very long lines — the
//! readers never panic, answer within a bounded time, and every finding names its file and a
//! line (TOML) or an element path (XML).
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`. `bench/fuzz.sh` runs them longer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kirjuri_plan::jhs191::{self, ExportOptions};
use kirjuri_plan::{ClassCode, Finding, Location, SourceFile, load_plan};
use proptest::prelude::*;

/// Longest one case may take in a debug build on a shared 2-core machine.
const CASE_BUDGET: Duration = Duration::from_secs(5);

const XML_TOKENS: &[&[u8]] = &[
    b"<Luokka>",
    b"</Luokka>",
    b"<a>",
    b"<![CDATA[",
    b"]]>",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b"&undefined;",
    b"<!DOCTYPE x [<!ENTITY e \"ee\">]>",
    b" xmlns:x=\"urn:x\" x:a=\"1\"",
    b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    b"\"",
    b"'",
    b"<",
    b">",
    b"\n",
    b"\xC3\xA4",
];

const TOML_TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"[[record_type]]\n",
    b"code = \"07 00 03\"\n",
    b"retention = 9999999999999999999999\n",
    b"name = \"x\"\n",
    b"= ",
    b"\"\"\"",
    b"\\u0000",
    b"{ a = { b = ",
    b"\n",
    b"#",
    b"1979-05-27T07:32:00Z",
];

fn export_sample() -> &'static str {
    static XML: OnceLock<String> = OnceLock::new();
    XML.get_or_init(|| {
        let plan = kirjuri_plan::sample::load().plan.unwrap();
        let options = ExportOptions {
            today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            exported_at: "2026-11-29T10:00:00+02:00".to_owned(),
            include_information_systems: true,
        };
        jhs191::export(&plan, &options).unwrap().xml
    })
}

/// Every finding names where it is: a file and a line from 1, or a file and an element path.
fn assert_located(findings: &[Finding], files: &[&str]) {
    for finding in findings {
        match &finding.location {
            Location::File { file, line } => {
                assert!(
                    files.contains(&file.as_str()),
                    "finding names an unknown file: {finding:?}"
                );
                assert!(*line >= 1, "finding without a line: {finding:?}");
            }
            Location::Xml { file, path } => {
                assert!(
                    files.contains(&file.as_str()),
                    "finding names an unknown file: {finding:?}"
                );
                assert!(!path.is_empty(), "finding without an element path: {finding:?}");
            }
            Location::Plan => {}
        }
        assert!(!finding.message.is_empty());
    }
}

fn import_checked(xml: &str) {
    let started = Instant::now();
    let imported = jhs191::import("tos.xml", xml);
    assert!(started.elapsed() < CASE_BUDGET, "import took {:?}", started.elapsed());
    assert_located(&imported.findings, &["tos.xml"]);
    if imported.plan.is_none() {
        assert!(!imported.findings.is_empty(), "no plan and no finding saying why");
    }
}

fn load_checked(files: &[SourceFile]) {
    let started = Instant::now();
    let loaded = load_plan(files);
    assert!(started.elapsed() < CASE_BUDGET, "load took {:?}", started.elapsed());
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_located(&loaded.findings, &names);
    if loaded.plan.is_none() {
        assert!(!loaded.findings.is_empty(), "no plan and no finding saying why");
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn jhs191_import_survives_random_text(text in mutate::random_text()) {
        import_checked(&text);
    }

    #[test]
    fn jhs191_import_survives_a_broken_export(changes in mutate::mutations(6)) {
        let bytes = mutate::apply(export_sample().as_bytes(), &changes, XML_TOKENS);
        import_checked(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn toml_plan_survives_random_text(text in mutate::random_text(), which in any::<prop::sample::Index>()) {
        let mut files = kirjuri_plan::sample::source_files();
        let i = which.index(files.len());
        files[i].text = text;
        load_checked(&files);
    }

    #[test]
    fn toml_plan_survives_broken_files(changes in mutate::mutations(6), which in any::<prop::sample::Index>()) {
        let mut files = kirjuri_plan::sample::source_files();
        let i = which.index(files.len());
        let bytes = mutate::apply(files[i].text.as_bytes(), &changes, TOML_TOKENS);
        files[i].text = String::from_utf8_lossy(&bytes).into_owned();
        load_checked(&files);
    }

    #[test]
    fn class_codes_parse_or_say_why(text in mutate::random_text()) {
        if let Err(error) = ClassCode::parse(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

/// Deep nesting is refused with the depth named, not by running out of stack (JHS 191 files
/// nest classes at most six deep; the reader's limit is 64).
#[test]
fn deeply_nested_xml_is_refused_early() {
    let xml = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let started = Instant::now();
    let imported = jhs191::import("deep.xml", &xml);
    assert!(started.elapsed() < CASE_BUDGET);
    assert!(imported.plan.is_none());
    assert!(
        imported
            .findings
            .iter()
            .any(|f| f.location.to_string().starts_with("deep.xml")),
        "{:?}",
        imported.findings
    );
}

/// The same plan file twice: the duplicate is a finding naming a file and line, not a panic.
#[test]
fn a_duplicated_plan_file_is_a_finding() {
    let mut files = kirjuri_plan::sample::source_files();
    let copy = files[1].clone();
    files.push(copy);
    let loaded = load_plan(&files);
    assert_located(
        &loaded.findings,
        &files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
    );
}

/// Found by fuzzing (2026-12-01): a class file holding only `"\r "` (a carriage return without
/// a line feed) gave a finding with an empty message, because the toml crate has no text for
/// that error. The finding now says what is wrong, at line 1 of that file.
#[test]
fn a_lone_carriage_return_is_named() {
    let mut files = kirjuri_plan::sample::source_files();
    files[0].text = "\r ".to_owned();
    let name = files[0].name.clone();
    let loaded = load_plan(&files);
    let finding = loaded
        .findings
        .iter()
        .find(|f| f.location.to_string() == format!("{name}:1"))
        .expect("a finding at line 1");
    assert!(finding.message.contains("not valid TOML"), "{finding:?}");
}
