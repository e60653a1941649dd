//! Issue 20, secrecy periods through the real binary: `doc show` carries the secrecy end
//! and its rule (Publicity Act §31; leap-day rule of DOMAIN.md §3.1), `doc
//! secrecy-events` records a death, the archive list has the "salassapito päättyy" column and
//! the exported package's `records.xml` carries the end day, the rule and the ground's key.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri};

fn ingest(data: &Path, dir: &Path, name: &str, extra: &[&str]) -> String {
    let file = dir.join(format!("{name}.txt"));
    std::fs::write(&file, format!("Asiakirja {name}")).unwrap();
    let mut args = vec!["ingest", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push("--json");
    let run = kirjuri(data, &args);
    assert_eq!(run.code, 0, "{}", run.all());
    let line: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    line["id"].as_str().unwrap().to_owned()
}

#[test]
fn secrecy_ends_are_shown_recorded_listed_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // §24(1) item 7 (security arrangements), dated Sat 1.6.2024: 25 years → 1.6.2049 (§31(1)).
    let item7 = ingest(
        &data,
        dir.path(),
        "poikkeama",
        &[
            "--class",
            "07 00 01",
            "--record-type",
            "tietoturvapoikkeama-ilmoitus",
            "--date",
            "2024-06-01",
        ],
    );
    let shown = json(&data, &["doc", "show", &item7, "--json"]);
    assert_eq!(shown["secrecy_ends_on"], "2049-06-01", "{shown}");
    assert_eq!(shown["secrecy_rule"], "25 years from the date of the document 1.6.2024");

    // Mon 29.2.2016 with a 5-year secrecy → Mon 1.3.2021 (leap-day rule, DOMAIN.md §3.1).
    let leap = ingest(
        &data,
        dir.path(),
        "karkauspaiva",
        &[
            "--class",
            "07 00 01",
            "--record-type",
            "tietoturvapoikkeama-ilmoitus",
            "--date",
            "2016-02-29",
            "--secrecy-years",
            "5",
            "--override-reason",
            "lyhyempi salassapito päätöksellä",
        ],
    );
    let shown = json(&data, &["doc", "show", &leap, "--json"]);
    assert_eq!(shown["secrecy_ends_on"], "2021-03-01", "{shown}");

    // §24(1) item 30 (pupil records, private life, kept permanently), dated 15.3.2020, no
    // death known → 15.3.2120, "100 years" (§31(2)).
    let pupil = ingest(
        &data,
        dir.path(),
        "todistus",
        &[
            "--class",
            "12 02 01",
            "--record-type",
            "paattotodistus",
            "--date",
            "2020-03-15",
        ],
    );
    let shown = json(&data, &["doc", "show", &pupil, "--json"]);
    assert_eq!(shown["secrecy_ends_on"], "2120-03-15", "{shown}");
    assert_eq!(
        shown["secrecy_rule"],
        "100 years from the document date, death not known"
    );
    let list = kirjuri(&data, &["archive", "list", "--format", "csv"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert!(
        list.stdout.lines().next().unwrap().contains("secrecy_ends_on"),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("2120-03-15"), "{}", list.stdout);

    // A death on 3.4.2025 recorded → 3.4.2075, "50 years after death" (§31(2)); audited.
    let recorded = json(
        &data,
        &["doc", "secrecy-events", &pupil, "--died-on", "2025-04-03", "--json"],
    );
    assert_eq!(recorded["secrecy_ends_on"], "2075-04-03", "{recorded}");
    assert_eq!(recorded["secrecy_rule"], "50 years after death 3.4.2025");
    assert_eq!(recorded["subject_died_on"], "2025-04-03");
    let audit = kirjuri(&data, &["audit", "export"]);
    assert!(audit.stdout.contains("document.secrecy_events"), "{}", audit.stdout);
    // A death in the future is refused, naming the field; nothing changes.
    let refused = kirjuri(&data, &["doc", "secrecy-events", &pupil, "--died-on", "2999-01-01"]);
    assert_ne!(refused.code, 0);
    assert!(refused.all().contains("subject_died_on"), "{}", refused.all());
    let html = kirjuri(&data, &["archive", "list", "--format", "html"]);
    assert!(html.stdout.contains("Salassapito päättyy"), "{}", html.stdout);
    assert!(html.stdout.contains("3.4.2075"), "{}", html.stdout);

    // The package of the pupil's case: the end day, the rule and the ground's key.
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    let case = shown["diary_number"].as_str().unwrap().to_owned();
    let out = dir.path().join("paketti.zip");
    let export = kirjuri(
        &data,
        &["archive", "export", "--out", out.to_str().unwrap(), "--case", &case],
    );
    assert_eq!(export.code, 0, "{}", export.all());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut records_xml = String::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        if entry.name().unwrap().ends_with("metadata/descriptive/records.xml") {
            std::io::Read::read_to_string(&mut entry, &mut records_xml).unwrap();
        }
    }
    assert!(
        records_xml.contains("<k:SecurityPeriodEnd>2075-04-03</k:SecurityPeriodEnd>"),
        "{records_xml}"
    );
    assert!(
        records_xml.contains("<k:SecurityPeriodRule>50 years after death 3.4.2025</k:SecurityPeriodRule>"),
        "{records_xml}"
    );
    assert!(
        records_xml.contains("<k:SecurityReason key=\"julkl-24-1-30\">JulkL 24 § 1 mom 30 kohta</k:SecurityReason>"),
        "{records_xml}"
    );
    assert!(records_xml.contains("<k:SecurityPeriodStart>Henkilön kuolema</k:SecurityPeriodStart>"));
}
