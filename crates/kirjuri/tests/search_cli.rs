//! Full-text search end to end: Finnish stemming, restricted records hidden from readers
//! without the right (hits, counts and snippets), the class filter, audit, and rebuilding the
//! index from the database.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri};

fn ingest(data: &Path, class: &str, title: &str, record_type: &str, name: &str, text: &str) -> serde_json::Value {
    ingest_with(data, class, title, record_type, name, text, &[])
}

fn ingest_with(
    data: &Path,
    class: &str,
    title: &str,
    record_type: &str,
    name: &str,
    text: &str,
    extra: &[&str],
) -> serde_json::Value {
    let opened = kirjuri(data, &["case", "open", "--class", class, "--title", title]);
    assert_eq!(opened.code, 0, "{}", opened.all());
    let diary = opened.stdout.trim().to_owned();
    let file = data.parent().unwrap().join(name);
    std::fs::write(&file, text).unwrap();
    let mut args = vec![
        "ingest",
        file.to_str().unwrap(),
        "--case",
        &diary,
        "--record-type",
        record_type,
        "--title",
        title,
        "--json",
    ];
    args.extend_from_slice(extra);
    let run = kirjuri(data, &args);
    assert_eq!(run.code, 0, "{}", run.all());
    serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap()
}

fn ids(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn finnish_search_respects_access_and_survives_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let empty = kirjuri(&dir.path().join("empty"), &["search", "sopimus"]);
    assert_eq!(empty.code, 2, "{}", empty.all());
    assert!(empty.stderr.contains("holds no Kirjuri database"), "{}", empty.stderr);
    assert!(!dir.path().join("empty").exists(), "a search creates nothing");
    let public = ingest(
        &data,
        "00 02 06",
        "Päätös ruokapalvelujen hankinnasta",
        "viranhaltijapaatos",
        "paatos.txt",
        "Kaupunki hankkii ruokapalveluja varhaiskasvatukselle vuosille 2026–2028.",
    );
    let secret = ingest(
        &data,
        "07 00 03",
        "Tarkastuspyyntö, Aino Mäkinen",
        "gdpr-access-request",
        "pyynto.txt",
        "Pyydän tietoja terveystiedoistani sosiaalitoimen asiakasrekisterissä.",
    );
    let public_id = public["id"].as_str().unwrap().to_owned();
    let secret_id = secret["id"].as_str().unwrap().to_owned();
    let shown = json(&data, &["doc", "show", &secret_id, "--json"]);
    assert_ne!(
        shown["restriction"]["publicity"], "public",
        "a GDPR request is not public: {shown}"
    );

    assert_eq!(shown["search_text"]["indexed"]["method"], "plain", "{shown}");
    let pdf = ingest(
        &data,
        "00 02 06",
        "Liite: karttaote",
        "viranhaltijapaatos",
        "liite.pdf",
        "%PDF-1.4 not really a pdf",
    );
    let pdf_id = pdf["id"].as_str().unwrap().to_owned();
    let pdf_shown = json(&data, &["doc", "show", &pdf_id, "--json"]);
    let reason = pdf_shown["search_text"]["not-indexed"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("PDF: "),
        "a broken PDF is stored, not indexed: {pdf_shown}"
    );
    let human = kirjuri(&data, &["doc", "show", &pdf_id]);
    assert!(human.stdout.contains("not indexed: PDF"), "{}", human.stdout);
    assert_eq!(
        ids(&json(&data, &["search", "karttaote", "--json"])),
        vec![pdf_id],
        "the title is searchable even when the text is not"
    );

    // Stemming: the query's inflected form finds another inflection of the same word.
    let found = json(&data, &["search", "ruokapalvelujen", "--json"]);
    assert_eq!(ids(&found), vec![public_id.clone()]);
    assert!(
        found["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>ruokapalveluja</b>"),
        "{found}"
    );

    // A reader with the right sees the restricted record; one without sees nothing of it.
    let operator = json(&data, &["search", "terveystiedot", "--json"]);
    assert_eq!(ids(&operator), vec![secret_id.clone()]);
    assert_eq!(operator["hits"][0]["restricted"], true);
    let outsider = kirjuri(&data, &["search", "terveystiedot", "--public-only", "--json"]);
    assert_eq!(outsider.code, 0, "{}", outsider.all());
    let outsider_json: serde_json::Value = serde_json::from_str(&outsider.stdout).unwrap();
    assert_eq!(outsider_json["total"], 0, "the count does not reveal the record");
    assert_eq!(operator["classes"], serde_json::json!([{ "class": "07", "count": 1 }]));
    assert_eq!(
        outsider_json["classes"],
        serde_json::json!([]),
        "nor do the class counts"
    );
    for leak in ["Mäkinen", "terveystiedoistani", &secret_id] {
        assert!(!outsider.all().contains(leak), "{leak} leaked: {}", outsider.all());
    }

    // The class filter keeps to a branch of the plan.
    let in_07 = json(
        &data,
        &["search", "Tarkastuspyyntö OR ruokapalveluja", "--class", "07", "--json"],
    );
    assert_eq!(ids(&in_07), vec![secret_id.clone()]);
    let bad_class = kirjuri(&data, &["search", "x", "--class", "7x"]);
    assert_eq!(bad_class.code, 2, "{}", bad_class.all());
    assert!(bad_class.stderr.contains("--class"), "{}", bad_class.stderr);
    let bad_query = kirjuri(&data, &["search", "nosuchfield:x"]);
    assert_eq!(bad_query.code, 2, "{}", bad_query.all());
    assert!(bad_query.stderr.contains("nosuchfield"), "{}", bad_query.stderr);

    // Every search is audited, with the restricted records it showed.
    let audit = kirjuri(&data, &["audit", "export"]);
    let searches: Vec<serde_json::Value> = audit
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["action"] == "search")
        .collect();
    assert_eq!(searches.len(), 5, "{searches:?}");
    assert_eq!(searches[2]["detail"]["restricted_hits_shown"][0], secret_id.as_str());

    // The index is derived data: delete it or rebuild it and the answers stay the same.
    std::fs::remove_dir_all(data.join("index")).unwrap();
    assert_eq!(
        ids(&json(&data, &["search", "ruokapalvelu", "--json"])),
        vec![public_id.clone()]
    );
    let rebuilt = kirjuri(&data, &["reindex"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.all());
    assert!(rebuilt.stderr.contains("3 documents"), "{}", rebuilt.stderr);
    assert_eq!(
        ids(&json(&data, &["search", "terveystiedot", "--json"])),
        vec![secret_id]
    );

    // Changes after the last search are picked up from the change log.
    let second = ingest_with(
        &data,
        "00 02 06",
        "Toinen päätös",
        "viranhaltijapaatos",
        "toinen.txt",
        "Ruokapalvelun hinnantarkistus.",
        &["--date", "2025-03-01"],
    );
    let second_id = second["id"].as_str().unwrap().to_owned();
    assert_eq!(json(&data, &["search", "ruokapalvelu", "--json"])["total"], 2);

    // Filters by record type and date, and the newest first.
    let by_type = json(
        &data,
        &[
            "search",
            "ruokapalvelu OR Tarkastuspyyntö",
            "--record-type",
            "viranhaltijapaatos",
            "--json",
        ],
    );
    assert_eq!(by_type["total"], 2, "{by_type}");
    let in_2025 = json(
        &data,
        &[
            "search",
            "ruokapalvelu",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-01",
            "--json",
        ],
    );
    assert_eq!(ids(&in_2025), vec![second_id.clone()], "both ends inclusive");
    assert_eq!(in_2025["hits"][0]["created"], "2025-03-01");
    let before = json(&data, &["search", "ruokapalvelu", "--to", "2000-01-01", "--json"]);
    assert_eq!(before["total"], 0, "{before}");
    let newest = json(&data, &["search", "ruokapalvelu", "--sort", "date", "--json"]);
    assert_eq!(ids(&newest), vec![public_id.clone(), second_id], "newest first");
    assert!(newest["hits"][0]["score"].is_null(), "no score when sorted by date");
    for (args, named) in [
        (vec!["search", "x", "--from", "1.2.2026"], "--from `1.2.2026`"),
        (
            vec!["search", "x", "--from", "2026-02-02", "--to", "2026-01-01"],
            "is after --to",
        ),
        (vec!["search", "x", "--sort", "oldest"], "--sort: `oldest`"),
    ] {
        let run = kirjuri(&data, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
    }
}

/// Dates outside what the index can represent (found by schemathesis: year 8314 overflowed
/// tantivy's nanosecond timestamps) are clamped, not a crash.
#[test]
fn far_dates_in_filters_are_clamped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(
        &data,
        "07.01.02",
        "Asiakirjapyyntö",
        "asiakirjapyynto",
        "pyynto.txt",
        "Pyydän sopimuksen kopiota.",
    );
    let found = json(&data, &["search", "sopimus", "--to", "8314-10-31", "--json"]);
    assert_eq!(found["total"], 1);
    let none = json(&data, &["search", "sopimus", "--from", "9999-01-01", "--json"]);
    assert_eq!(none["total"], 0);
    let early = json(&data, &["search", "sopimus", "--to", "0001-01-01", "--json"]);
    assert_eq!(early["total"], 0);
}

/// Swedish and English documents are stemmed in their own language; language and case-state
/// filters narrow the hits, and a case's new state reaches the index at the next catch-up.
#[test]
fn languages_and_case_state_filters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let finnish = ingest(
        &data,
        "02.07.01",
        "Hankintasopimus",
        "hankintasopimus",
        "fi.txt",
        "Sopimuksen mukaan ateriat toimitetaan kouluille.",
    );
    let swedish = ingest_with(
        &data,
        "02.07.01",
        "Upphandlingsavtal",
        "hankintasopimus",
        "sv.txt",
        "Avtalen om skolmåltider gäller från januari.",
        &["--language", "sv"],
    );
    let english = ingest_with(
        &data,
        "02.07.01",
        "Service contract",
        "hankintasopimus",
        "en.txt",
        "The contracts for school meals are renewed yearly.",
        &["--language", "en"],
    );
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    assert_eq!(ids(&json(&data, &["search", "avtal", "--json"])), vec![id(&swedish)]);
    assert_eq!(
        ids(&json(&data, &["search", "skolmåltid", "--json"])),
        vec![id(&swedish)]
    );
    assert_eq!(ids(&json(&data, &["search", "contract", "--json"])), vec![id(&english)]);
    let sv_only = json(
        &data,
        &["search", "avtal OR contract OR sopimus", "--language", "sv", "--json"],
    );
    assert_eq!(ids(&sv_only), vec![id(&swedish)]);
    assert_eq!(sv_only["hits"][0]["language"], "sv");
    assert!(
        sv_only["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>Avtalen</b>"),
        "{sv_only}"
    );

    // Case state: all three cases are open; decide the Finnish one.
    let all = json(
        &data,
        &["search", "avtal OR contract OR sopimus", "--state", "avattu", "--json"],
    );
    assert_eq!(all["total"], 3, "{all}");
    let case = json(&data, &["doc", "show", &id(&finnish), "--json"])["case_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for state in ["vireilla", "valmistelussa", "ratkaistavana", "paatetty"] {
        let moved = kirjuri(&data, &["case", "transition", &case, state]);
        assert_eq!(moved.code, 0, "{}", moved.all());
    }
    let decided = json(
        &data,
        &[
            "search",
            "avtal OR contract OR sopimus",
            "--state",
            "Päätetty",
            "--json",
        ],
    );
    assert_eq!(ids(&decided), vec![id(&finnish)]);
    assert_eq!(decided["hits"][0]["case_state"], "paatetty");
    let bad = kirjuri(&data, &["search", "sopimus", "--state", "valmis"]);
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("--state"), "{}", bad.stderr);
}

/// A rebuild reads the records as it goes, in batches shared by the workers: every document of
/// a folder bigger than a few batches is indexed once, and the count is right.
#[test]
fn rebuild_indexes_every_document_of_many_batches() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("kirjeet");
    std::fs::create_dir_all(&folder).unwrap();
    let count = 300;
    for n in 0..count {
        std::fs::write(
            folder.join(format!("kirje-{n:03}.txt")),
            format!("Kirje {n} koskee yhteistä hankintaa numero {n}."),
        )
        .unwrap();
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
    let rebuilt = kirjuri(&data, &["reindex"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.all());
    assert!(
        rebuilt.stderr.contains(&format!("{count} documents")),
        "{}",
        rebuilt.stderr
    );
    let status = json(&data, &["status", "--json"]);
    assert_eq!(status["search_index"]["documents"], count, "{status}");
    assert_eq!(json(&data, &["search", "yhteistä", "--json"])["total"], count);
    assert_eq!(json(&data, &["search", "\"numero 299\"", "--json"])["total"], 1);
}
