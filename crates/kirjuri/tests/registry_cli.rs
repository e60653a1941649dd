//! The registry desk end to end on a fresh data folder: cases, ingest, documents, holds,
//! audit, check, backup and restore — and bad input that writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri};

fn open_case(data: &Path, class: &str, title: &str) -> String {
    let run = kirjuri(
        data,
        &[
            "case",
            "open",
            "--class",
            class,
            "--title",
            title,
            "--party",
            "Matti Virtanen",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    run.stdout.trim().to_owned()
}

fn audit_count(data: &Path) -> usize {
    let run = kirjuri(data, &["audit", "export"]);
    run.stdout.lines().count()
}

#[test]
fn case_flow_with_diary_numbers_and_states() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = open_case(&data, "07 00 03", "Tarkastuspyyntö");
    let second = open_case(&data, "07.01.02", "Asiakirjapyyntö");
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(first, format!("LAI/1/07.00.03/{year}"));
    assert_eq!(
        second,
        format!("LAI/2/07.01.02/{year}"),
        "one running series for the organisation"
    );

    let refused = kirjuri(&data, &["case", "transition", &first, "paatetty"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("it can move to vireilla, not to paatetty"),
        "{}",
        refused.stderr
    );
    for state in ["vireilla", "valmistelussa", "ratkaistavana", "paatetty"] {
        assert_eq!(kirjuri(&data, &["case", "transition", &first, state]).code, 0);
    }
    let destroyed = kirjuri(&data, &["case", "transition", &first, "havitetty"]);
    assert_eq!(destroyed.code, 2);
    assert!(destroyed.stderr.contains("only through an executed disposal"));

    let shown = json(&data, &["case", "show", &first, "--json"]);
    assert_eq!(shown["case"]["state"], "paatetty");
    assert!(shown["case"]["decided_on"].is_string());
    assert_eq!(shown["case"]["history"].as_array().unwrap().len(), 5);

    let by_state = json(&data, &["case", "list", "--state", "paatetty", "--json"]);
    assert_eq!(by_state.as_array().unwrap().len(), 1);
    let by_class = json(&data, &["case", "list", "--class", "07", "--json"]);
    assert_eq!(
        by_class.as_array().unwrap().len(),
        2,
        "class 07 covers 07 00 03 and 07 01 02"
    );
    let by_party = json(&data, &["case", "list", "--party", "matti virtanen", "--json"]);
    assert_eq!(by_party.as_array().unwrap().len(), 2);

    let unknown_class = kirjuri(&data, &["case", "open", "--class", "07 99 99", "--title", "x"]);
    assert_eq!(unknown_class.code, 2);
    assert!(unknown_class.stderr.contains("class 07 99 99 is not in plan version 1"));
    let non_leaf = kirjuri(&data, &["case", "open", "--class", "07", "--title", "x"]);
    assert_eq!(non_leaf.code, 2);
    assert!(
        non_leaf.stderr.contains("has no handling process"),
        "{}",
        non_leaf.stderr
    );
    assert_eq!(
        open_case(&data, "07 00 01", "Poikkeama"),
        format!("LAI/3/07.00.01/{year}"),
        "refusals used no number"
    );
}

#[test]
fn ingest_documents_content_and_audited_reads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("saapuneet");
    std::fs::create_dir_all(folder.join("liitteet")).unwrap();
    std::fs::write(folder.join("pyynto.txt"), "Pyydän kaikki tietoni.").unwrap();
    std::fs::write(folder.join("liitteet/henkilotodistus.txt"), "kopio").unwrap();
    std::fs::write(folder.join("liitteet/sama.txt"), "kopio").unwrap();
    let diary = open_case(&data, "07 00 03", "Tarkastuspyyntö");

    let run = kirjuri(
        &data,
        &[
            "ingest",
            folder.to_str().unwrap(),
            "--case",
            &diary,
            "--record-type",
            "gdpr-access-request",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "one document per file, folders walked recursively");
    assert_eq!(lines[1]["sha256"], lines[2]["sha256"], "identical content");
    let blob_files = walk_count(&data.join("blobs"));
    assert_eq!(blob_files, 2, "identical content is stored once");

    let id = lines[0]["id"].as_str().unwrap();
    let document = json(&data, &["doc", "show", id, "--json"]);
    assert_eq!(
        document["restriction"]["publicity"], "secret",
        "inherited from the record type"
    );
    assert_eq!(document["retention"]["period"], 10);
    assert_eq!(document["plan_version"], 1);
    assert_eq!(
        document["retention_status"]["status"], "awaiting-trigger",
        "case not decided yet"
    );

    let before = audit_count(&data);
    let out = dir.path().join("out.txt");
    assert_eq!(
        kirjuri(
            &data,
            &[
                "doc",
                "get",
                id,
                "--out",
                out.to_str().unwrap(),
                "--purpose",
                "asian käsittely"
            ]
        )
        .code,
        0
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "Pyydän kaikki tietoni.");
    let entries = kirjuri(&data, &["audit", "export"]).stdout;
    assert_eq!(
        audit_count(&data),
        before + 1,
        "the content read of a secret document is audited"
    );
    assert!(
        entries
            .lines()
            .last()
            .unwrap()
            .contains("\"purpose\":\"asian käsittely\"")
    );

    // Tampered content is detected on read and by check.
    let digest = document["content"]["sha256"].as_str().unwrap();
    std::fs::write(data.join("blobs").join(&digest[..2]).join(digest), "muutettu").unwrap();
    let tampered = kirjuri(&data, &["doc", "get", id, "--out", out.to_str().unwrap()]);
    assert_eq!(tampered.code, 1);
    assert!(tampered.stderr.contains("hash to"), "{}", tampered.stderr);
    let check = kirjuri(&data, &["check"]);
    assert_eq!(check.code, 1);
    assert!(check.stdout.contains("content"), "{}", check.stdout);
}

fn walk_count(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().unwrap() != "tmp" {
            count += walk_count(&path);
        } else if path.is_file() {
            count += 1;
        }
    }
    count
}

#[test]
fn bad_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "x").unwrap();
    let diary = open_case(&data, "00 02 06", "Päätös");
    let audit_before = audit_count(&data);
    let cases: &[&[&str]] = &[
        &["ingest", "/nonexistent.txt", "--case", &diary],
        &[
            "ingest",
            file.to_str().unwrap(),
            "--case",
            &diary,
            "--record-type",
            "no-such-type",
        ],
        &["ingest", file.to_str().unwrap(), "--case", "LAI/99/00.02.06/2020"],
        &[
            "ingest",
            file.to_str().unwrap(),
            "--case",
            &diary,
            "--record-type",
            "viranhaltijapaatos",
            "--publicity",
            "secret",
        ],
        &[
            "ingest",
            file.to_str().unwrap(),
            "--case",
            &diary,
            "--record-type",
            "viranhaltijapaatos",
            "--publicity",
            "secret",
            "--override-reason",
            "terveystietoja",
        ],
        &["ingest", file.to_str().unwrap(), "--class", "00 02 06"],
        &[
            "ingest",
            file.to_str().unwrap(),
            "--class",
            "00 02 06",
            "--record-type",
            "viranhaltijapaatos",
            "--publicity",
            "topsecret",
        ],
    ];
    let expected = [
        "/nonexistent.txt",
        "record type `no-such-type` is not in class 00 02 06; allowed: viranhaltijapaatos, paatosluettelo",
        "not found",
        "publicity differs from record type `viranhaltijapaatos`",
        "needs a secrecy ground",
        "choose one with --record-type",
        "unknown publicity class `topsecret`",
    ];
    for (args, needle) in cases.iter().zip(expected) {
        let run = kirjuri(&data, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains(needle),
            "{args:?}: expected `{needle}` in {}",
            run.stderr
        );
    }
    assert_eq!(audit_count(&data), audit_before, "no change was recorded");
    let cases = json(&data, &["case", "list", "--json"]);
    assert_eq!(
        cases.as_array().unwrap().len(),
        1,
        "no case was opened by a refused --class ingest"
    );
    assert!(
        !data
            .join("blobs")
            .read_dir()
            .unwrap()
            .any(|e| e.unwrap().file_name().len() == 2),
        "no content stored"
    );
}

#[test]
fn paper_records_and_holds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = kirjuri(
        &data,
        &[
            "ingest",
            "--class",
            "01 02 01",
            "--record-type",
            "palkkakortti",
            "--title",
            "Palkkakortit 1985",
            "--archive-room",
            "Arkisto B",
            "--shelf",
            "4",
            "--box",
            "12",
            "--trigger-date",
            "1999-12-31",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let line: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let id = line["id"].as_str().unwrap();
    let document = json(&data, &["doc", "show", id, "--json"]);
    assert_eq!(document["physical"]["archive_room"], "Arkisto B");
    assert_eq!(document["physical"]["box"], "12");
    assert!(document["content"].is_null());
    assert_eq!(
        document["retention_status"]["date"], "2050-01-01",
        "50 years from end of employment, rounded to the next new year"
    );
    let get = kirjuri(
        &data,
        &["doc", "get", id, "--out", dir.path().join("x").to_str().unwrap()],
    );
    assert_eq!(get.code, 2);
    assert!(get.stderr.contains("paper record"));

    let hold = kirjuri(
        &data,
        &["hold", "place", "--doc", id, "--reason", "eläkeasian selvitys"],
    );
    assert_eq!(hold.code, 0, "{}", hold.all());
    let hold_id = hold.stdout.trim().to_owned();
    let held = json(&data, &["doc", "show", id, "--json"]);
    assert_eq!(held["legal_holds"][0]["reason"], "eläkeasian selvitys");
    assert_eq!(
        kirjuri(
            &data,
            &["hold", "lift", "--doc", id, "--hold", &hold_id, "--reason", ""]
        )
        .code,
        2
    );
    assert_eq!(
        kirjuri(
            &data,
            &[
                "hold",
                "lift",
                "--doc",
                id,
                "--hold",
                &hold_id,
                "--reason",
                "selvitetty"
            ]
        )
        .code,
        0
    );
    let lifted = json(&data, &["doc", "show", id, "--json"]);
    assert_eq!(lifted["legal_holds"][0]["lifted"]["reason"], "selvitetty");
    assert_eq!(
        kirjuri(
            &data,
            &["hold", "lift", "--doc", id, "--hold", &hold_id, "--reason", "again"]
        )
        .code,
        2
    );
}

#[test]
fn backup_restore_and_audit_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("sopimus.txt");
    std::fs::write(&file, "Hankintasopimus").unwrap();
    let run = kirjuri(
        &data,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--class",
            "02 07 01",
            "--record-type",
            "hankintasopimus",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let backup = dir.path().join("backup.zip");
    assert_eq!(kirjuri(&data, &["backup", "--out", backup.to_str().unwrap()]).code, 0);

    let restored = dir.path().join("restored");
    let run = kirjuri(&restored, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(kirjuri(&restored, &["check"]).code, 0);
    let out = dir.path().join("out.txt");
    assert_eq!(
        kirjuri(&restored, &["doc", "get", "doc-1", "--out", out.to_str().unwrap()]).code,
        0
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "Hankintasopimus");
    let again = kirjuri(&restored, &["restore", backup.to_str().unwrap()]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("not empty"));

    assert_eq!(kirjuri(&data, &["audit", "verify"]).code, 0);
    // Alter one stored audit entry directly in the database.
    {
        let store = kirjuri_store::Store::open(&data).unwrap();
        let audit = store.raw_tree("audit").unwrap();
        let (key, value) = audit.iter().next().unwrap().unwrap();
        let mut entry: serde_json::Value = serde_json::from_slice(&value).unwrap();
        entry["actor"] = serde_json::json!("someone else");
        audit.insert(key, serde_json::to_vec(&entry).unwrap()).unwrap();
        store.flush().unwrap();
    }
    let verify = kirjuri(&data, &["audit", "verify"]);
    assert_eq!(verify.code, 1);
    assert!(
        verify.stdout.contains("audit chain broken at entry 1"),
        "{}",
        verify.stdout
    );
    assert_eq!(kirjuri(&data, &["check"]).code, 1);
}

/// A hold on a record that does not exist is refused the same way from the CLI as over the
/// API (one `Registry::hold_target`), naming the record, and writes nothing.
#[test]
fn a_hold_on_an_unknown_record_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    open_case(&data, "07 00 03", "Tarkastuspyyntö");
    let before = audit_count(&data);
    let document = kirjuri(&data, &["hold", "place", "--doc", "doc-99", "--reason", "valitus"]);
    assert_eq!(document.code, 2, "{}", document.all());
    assert!(
        document.stderr.contains("document doc-99 not found"),
        "{}",
        document.stderr
    );
    let case = kirjuri(
        &data,
        &["hold", "place", "--case", "LAI/99/07.00.03/2026", "--reason", "valitus"],
    );
    assert_eq!(case.code, 2, "{}", case.all());
    assert!(case.stderr.contains("LAI/99"), "{}", case.stderr);
    assert_eq!(audit_count(&data), before, "nothing written");
}

/// A folder with one bad file name registers nothing and opens no case (exit 2, the file
/// named); an unknown case is "not found", not a malformed reference; revoking the tokens of a
/// user who does not exist is an error, not "revoked 0".
#[test]
fn bad_input_writes_nothing_and_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    open_case(&data, "07 00 03", "Tarkastuspyyntö");
    let folder = dir.path().join("skannatut");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "ensimmäinen").unwrap();
    std::fs::write(folder.join("b\u{1}huono.txt"), "toinen").unwrap();
    std::fs::write(folder.join("c.txt"), "kolmas").unwrap();
    let before = audit_count(&data);
    let run = kirjuri(
        &data,
        &[
            "ingest",
            folder.to_str().unwrap(),
            "--class",
            "07.01.02",
            "--record-type",
            "asiakirjapyynto",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("huono.txt") && run.stderr.contains("control characters"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("opened case"), "no case opened: {}", run.stderr);
    assert_eq!(audit_count(&data), before, "nothing written");
    let cases = json(&data, &["case", "list", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 1);

    let unknown = kirjuri(&data, &["case", "show", "case-999"]);
    assert_eq!(unknown.code, 2, "{}", unknown.all());
    assert!(
        unknown.stderr.contains("case `case-999`") && unknown.stderr.contains("not found"),
        "{}",
        unknown.stderr
    );

    let revoke = kirjuri(&data, &["token", "revoke", "nosuchuser"]);
    assert_eq!(revoke.code, 2, "{}", revoke.all());
    assert!(revoke.stderr.contains("no user `nosuchuser`"), "{}", revoke.stderr);
}
