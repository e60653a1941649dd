//! Retention dues, disposal with four-eyes approval and destruction records, paper records
//! confirmed by hand, holds re-checked at execution, and the archive list.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri, kirjuri_as};

fn ingest(data: &Path, file: &Path, args: &[&str]) -> String {
    let mut all = vec!["ingest", file.to_str().unwrap()];
    all.extend_from_slice(args);
    all.push("--json");
    let run = kirjuri(data, &all);
    assert_eq!(run.code, 0, "{}", run.all());
    let line: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    line["id"].as_str().unwrap().to_owned()
}

#[test]
fn dues_disposal_and_destruction_records() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = dir.path().join("vanha.txt");
    let shared = dir.path().join("jaettu.txt");
    std::fs::write(&old, "Kuulutus 2020").unwrap();
    std::fs::write(&shared, "Sama sisältö").unwrap();
    let due = ingest(&data, &old, &["--class", "00.02.08", "--date", "2020-01-15"]);
    let held = ingest(&data, &shared, &["--class", "00.02.08", "--date", "2020-02-01"]);
    let recent = ingest(
        &data,
        &old,
        &["--class", "00.02.08", "--date", "2026-01-02", "--title", "tuore"],
    );
    let permanent = ingest(
        &data,
        &shared,
        &[
            "--class",
            "00.02.00",
            "--record-type",
            "valtuusto-poytakirja",
            "--date",
            "2001-01-01",
        ],
    );
    let run = kirjuri(
        &data,
        &[
            "ingest",
            "--class",
            "01.02.01",
            "--record-type",
            "palkkakortti",
            "--title",
            "Palkkakortit 1955",
            "--archive-room",
            "Arkisto B",
            "--box",
            "3",
            "--trigger-date",
            "1960-12-31",
            "--json",
        ],
    );
    let paper: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let paper = paper["id"].as_str().unwrap().to_owned();

    let dues = json(&data, &["retention", "due", "--on", "2026-06-01", "--json"]);
    let ids: Vec<&str> = dues
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["document"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&due.as_str()) && ids.contains(&held.as_str()) && ids.contains(&paper.as_str()));
    assert!(!ids.contains(&recent.as_str()), "not due before its end");
    assert!(!ids.contains(&permanent.as_str()), "permanent records never fall due");
    let by_class = json(
        &data,
        &["retention", "due", "--on", "2026-06-01", "--class", "01", "--json"],
    );
    assert_eq!(by_class.as_array().unwrap().len(), 1);

    assert_eq!(
        kirjuri(&data, &["hold", "place", "--doc", &held, "--reason", "oikaisuvaatimus"]).code,
        0
    );
    let proposal = kirjuri_as(
        &data,
        "arkistonhoitaja.a",
        &["disposal", "propose", "--on", "2026-06-01", "--json"],
    );
    assert_eq!(proposal.code, 0, "{}", proposal.all());
    let proposal: serde_json::Value = serde_json::from_str(&proposal.stdout).unwrap();
    let items: Vec<&str> = proposal["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["document"].as_str().unwrap())
        .collect();
    assert!(!items.contains(&held.as_str()), "held records stay out");
    assert!(items.contains(&due.as_str()) && items.contains(&paper.as_str()));
    let id = proposal["id"].as_str().unwrap();

    // The proposer cannot approve; executing before approval is refused.
    let own = kirjuri_as(&data, "arkistonhoitaja.a", &["disposal", "approve", id]);
    assert_eq!(own.code, 2);
    assert!(own.stderr.contains("another archivist must approve"), "{}", own.stderr);
    assert_eq!(
        kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "execute", id]).code,
        2
    );
    assert_eq!(
        kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "approve", id]).code,
        0
    );
    let digest = json(&data, &["doc", "show", &due, "--json"])["content"]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();

    let hit_ids = |data: &Path| -> Vec<String> {
        let found = json(data, &["search", "kuulutus", "--json"]);
        let hits = found["hits"].as_array().unwrap();
        hits.iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
    };
    assert!(hit_ids(&data).contains(&due), "indexed before destruction");
    let executed = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "execute", id, "--json"]);
    assert_eq!(executed.code, 0, "{}", executed.all());
    let report: serde_json::Value = serde_json::from_str(&executed.stdout).unwrap();
    assert_eq!(report["destroyed"], 1);
    assert_eq!(report["awaiting_paper"], 1);
    assert_eq!(
        report["proposal"]["state"], "approved",
        "not executed while paper waits"
    );
    assert_eq!(kirjuri(&data, &["doc", "show", &due]).code, 2, "the record is gone");
    // Executed in part (one destroyed, the paper sent to be shredded), it cannot be cancelled:
    // its records would return to normal life after their destruction began.
    let cancel = kirjuri(&data, &["disposal", "cancel", id, "--reason", "muutettiin mieltä"]);
    assert_eq!(cancel.code, 2, "{}", cancel.all());
    assert!(
        cancel.stderr.contains("can no longer be cancelled"),
        "{}",
        cancel.stderr
    );
    assert_eq!(
        hit_ids(&data),
        vec![recent.clone()],
        "a destroyed record leaves the search index"
    );
    // Identical content is stored once: `recent` has the same bytes, so the file stays.
    assert!(
        data.join("blobs").join(&digest[..2]).join(&digest).exists(),
        "content shared with a live record stays"
    );

    let paper_done = kirjuri(
        &data,
        &[
            "disposal",
            "confirm-paper",
            id,
            "--doc",
            &paper,
            "--method",
            "tietosuojajäte",
        ],
    );
    assert_eq!(paper_done.code, 0, "{}", paper_done.all());
    let final_state = json(&data, &["disposal", "show", id, "--json"]);
    assert_eq!(final_state["state"], "executed");

    let list = json(&data, &["disposal", "export", id, "--format", "json"]);
    let records = list.as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["document"], due.as_str());
    assert_eq!(records[0]["sha256"], digest.as_str());
    assert_eq!(records[0]["approved_by"], "arkistonhoitaja.b");
    assert_eq!(records[1]["method"], "paper: tietosuojajäte");
    let csv = kirjuri(&data, &["disposal", "export", id, "--format", "csv"]);
    assert!(
        csv.stdout.starts_with("id,document,case,diary_number"),
        "{}",
        csv.stdout
    );

    // Each ingest above opened its own case; the two whose only record was destroyed are now
    // destroyed too (Hävitetty), the others are not.
    let cases = json(&data, &["case", "list", "--state", "havitetty", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 2);
    assert_eq!(kirjuri(&data, &["check"]).code, 0);
    let audit = kirjuri(&data, &["audit", "export"]).stdout;
    assert!(audit.contains("document.destroy") && audit.contains("disposal.approve"));

    let archive = kirjuri(&data, &["archive", "list", "--format", "csv"]);
    assert!(
        archive
            .stdout
            .contains("00 02 00,Kaupunginvaltuuston päätöksenteko,valtuusto-poytakirja,Pöytäkirja,2001,1,1,0"),
        "{}",
        archive.stdout
    );
    let html = kirjuri(&data, &["archive", "list", "--format", "html"]);
    assert!(html.stdout.contains("<h1>Arkistoluettelo"));
}

#[test]
fn holds_are_rechecked_and_proposals_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let first = ingest(&data, &file, &["--class", "00.02.08", "--date", "2020-01-15"]);
    let id = kirjuri_as(&data, "a", &["disposal", "propose", "--on", "2026-06-01", "--json"]);
    let id: serde_json::Value = serde_json::from_str(&id.stdout).unwrap();
    let id = id["id"].as_str().unwrap().to_owned();
    assert_eq!(kirjuri_as(&data, "b", &["disposal", "approve", &id]).code, 0);
    // A hold placed after approval still stops destruction.
    assert_eq!(
        kirjuri(&data, &["hold", "place", "--doc", &first, "--reason", "tietopyyntö"]).code,
        0
    );
    let run = kirjuri_as(&data, "b", &["disposal", "execute", &id, "--json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["destroyed"], 0);
    assert_eq!(report["kept_for_hold"].as_array().unwrap().len(), 1);
    assert_eq!(kirjuri(&data, &["doc", "show", &first]).code, 0, "still there");

    let second = ingest(
        &data,
        &file,
        &["--class", "00.02.08", "--date", "2020-03-01", "--title", "b"],
    );
    let proposal = kirjuri_as(&data, "a", &["disposal", "propose", "--on", "2026-06-01", "--json"]);
    let proposal: serde_json::Value = serde_json::from_str(&proposal.stdout).unwrap();
    let pid = proposal["id"].as_str().unwrap().to_owned();
    assert_eq!(kirjuri(&data, &["disposal", "cancel", &pid, "--reason", ""]).code, 2);
    assert_eq!(
        kirjuri(&data, &["disposal", "cancel", &pid, "--reason", "arvioidaan uudelleen"]).code,
        0
    );
    let dues = json(&data, &["retention", "due", "--on", "2026-06-01", "--json"]);
    let entry = dues
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == second.as_str())
        .unwrap();
    assert!(
        entry["in_proposal"].is_null(),
        "a cancelled proposal releases its records"
    );

    // Content no other record shares leaves the disk with its record.
    let unique = dir.path().join("ainoa.txt");
    std::fs::write(&unique, "vain tämä asiakirja").unwrap();
    let only = ingest(
        &data,
        &unique,
        &["--class", "00.02.08", "--date", "2019-05-05", "--title", "ainoa"],
    );
    let digest = json(&data, &["doc", "show", &only, "--json"])["content"]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let blob = data.join("blobs").join(&digest[..2]).join(&digest);
    assert!(blob.exists());
    let third = kirjuri_as(
        &data,
        "a",
        &[
            "disposal",
            "propose",
            "--on",
            "2026-06-01",
            "--class",
            "00.02.08",
            "--json",
        ],
    );
    let third: serde_json::Value = serde_json::from_str(&third.stdout).unwrap();
    let tid = third["id"].as_str().unwrap().to_owned();
    for item in third["items"].as_array().unwrap() {
        let document = item["document"].as_str().unwrap();
        if document != only {
            assert_eq!(
                kirjuri_as(
                    &data,
                    "a",
                    &[
                        "disposal",
                        "remove",
                        &tid,
                        "--doc",
                        document,
                        "--reason",
                        "ei tällä kertaa"
                    ]
                )
                .code,
                0
            );
        }
    }
    assert_eq!(kirjuri_as(&data, "b", &["disposal", "approve", &tid]).code, 0);
    assert_eq!(kirjuri_as(&data, "b", &["disposal", "execute", &tid]).code, 0);
    assert!(!blob.exists(), "unshared content is removed");
    assert_eq!(
        kirjuri(&data, &["doc", "show", &second]).code,
        0,
        "removed items are untouched"
    );
    assert_eq!(kirjuri(&data, &["check"]).code, 0);
}

/// Every file under the folder that contains the bytes.
fn files_containing(folder: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).unwrap().windows(needle.len()).any(|w| w == needle) {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn erasure_removes_the_record_its_content_and_its_text_from_the_index_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A word that exists only in the record to erase, with enough text around it that the
    // index keeps it verbatim in its files before the erasure (checked below).
    let secret = "Zyxwvutsalaisuus";
    let file = dir.path().join("virheellinen.txt");
    std::fs::write(
        &file,
        format!("Väärälle viranomaiselle lähetetty hakemus. Hakijan tunniste {secret} ja osoitetiedot."),
    )
    .unwrap();
    let other = dir.path().join("muu.txt");
    std::fs::write(&other, "Kuulutus rakennusluvasta").unwrap();
    let wrong = ingest(&data, &file, &["--class", "00.02.08", "--date", "2026-03-02"]);
    let kept = ingest(&data, &other, &["--class", "00.02.08", "--date", "2026-03-02"]);
    let permanent = ingest(
        &data,
        &other,
        &[
            "--class",
            "00.02.00",
            "--record-type",
            "valtuusto-poytakirja",
            "--date",
            "2026-03-02",
        ],
    );
    let digest = json(&data, &["doc", "show", &wrong, "--json"])["content"]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let blob = data.join("blobs").join(&digest[..2]).join(&digest);
    let hits = |word: &str| json(&data, &["search", word, "--json"])["total"].as_u64().unwrap();
    assert_eq!(hits(secret), 1);
    assert!(
        !files_containing(&data.join("index"), secret.as_bytes()).is_empty(),
        "the word is in the index files before the erasure (else the check below proves nothing)"
    );

    // Refusals leave everything as it was.
    let blank = kirjuri(&data, &["doc", "erase", &wrong, "--reason", "  "]);
    assert_eq!(blank.code, 2);
    assert!(blank.stderr.contains("reason"), "{}", blank.stderr);
    let hold = kirjuri(
        &data,
        &["hold", "place", "--doc", &wrong, "--reason", "valitus vireillä"],
    );
    assert_eq!(hold.code, 0, "{}", hold.all());
    let held = kirjuri(&data, &["doc", "erase", &wrong, "--reason", "virheellinen kirjaus"]);
    assert_eq!(held.code, 2);
    assert!(held.stderr.contains("legal hold"), "{}", held.stderr);
    let lift = kirjuri(
        &data,
        &[
            "hold",
            "lift",
            "--doc",
            &wrong,
            "--hold",
            hold.stdout.trim(),
            "--reason",
            "ratkaistu",
        ],
    );
    assert_eq!(lift.code, 0, "{}", lift.all());
    let kept_forever = kirjuri(&data, &["doc", "erase", &permanent, "--reason", "pyyntö"]);
    assert_eq!(kept_forever.code, 2);
    assert!(
        kept_forever.stderr.contains("preserved permanently"),
        "{}",
        kept_forever.stderr
    );
    let paper = kirjuri(
        &data,
        &[
            "ingest",
            "--class",
            "00.02.08",
            "--title",
            "Paperinen kuulutus",
            "--archive-room",
            "Arkisto B",
            "--json",
        ],
    );
    assert_eq!(paper.code, 0, "{}", paper.all());
    let paper: serde_json::Value = serde_json::from_str(paper.stdout.trim()).unwrap();
    let on_paper = kirjuri(
        &data,
        &["doc", "erase", paper["id"].as_str().unwrap(), "--reason", "pyyntö"],
    );
    assert_eq!(on_paper.code, 2);
    assert!(on_paper.stderr.contains("paper record"), "{}", on_paper.stderr);
    let publicity = json(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--received",
            "2026-03-03",
            "--anonymous",
            "--json",
        ],
    );
    let not_erasure = kirjuri(
        &data,
        &[
            "doc",
            "erase",
            &wrong,
            "--reason",
            "pyyntö",
            "--request",
            publicity["id"].as_str().unwrap(),
        ],
    );
    assert_eq!(not_erasure.code, 2);
    assert!(
        not_erasure.stderr.contains("not gdpr-erasure"),
        "{}",
        not_erasure.stderr
    );
    assert_eq!(kirjuri(&data, &["doc", "show", &wrong]).code, 0, "still there");
    assert!(blob.exists());

    let request = json(
        &data,
        &[
            "request",
            "new",
            "gdpr-erasure",
            "--received",
            "2026-03-03",
            "--requester",
            "Hakija",
            "--json",
        ],
    );
    let request = request["id"].as_str().unwrap();
    let erased = json(
        &data,
        &[
            "doc",
            "erase",
            &wrong,
            "--reason",
            "lähetetty väärälle viranomaiselle",
            "--request",
            request,
            "--json",
        ],
    );
    assert_eq!(erased["document"], wrong.as_str());
    assert_eq!(erased["title"], "(poistettu / erased)", "the title is not kept");
    assert_eq!(erased["proposal"], request);
    assert_eq!(erased["method"], "erasure: lähetetty väärälle viranomaiselle");
    assert_eq!(erased["sha256"], digest.as_str());

    assert_eq!(kirjuri(&data, &["doc", "show", &wrong]).code, 2, "the record is gone");
    assert!(!blob.exists(), "its content file is removed");
    assert_eq!(hits(secret), 0);
    assert_eq!(
        hits("kuulutus"),
        3,
        "the other records (two files, one paper) stay searchable"
    );
    assert!(
        files_containing(&data.join("index"), secret.as_bytes()).is_empty(),
        "the erased text is gone from the index files, not only from the results"
    );
    let status = json(&data, &["status", "--json"]);
    assert_eq!(status["search_index"]["deleted_in_files"], 0);
    assert_eq!(status["search_index"]["documents"], 3);
    assert_eq!(status["documents"], 3, "the store counts the same records");
    assert_eq!(status["search_index"]["behind_by"], 0);
    assert_eq!(
        kirjuri(&data, &["doc", "show", &kept]).code,
        0,
        "the other records are untouched"
    );

    let list = kirjuri(&data, &["disposal", "export", "--format", "csv"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert!(
        list.stdout.contains("erasure: lähetetty väärälle viranomaiselle"),
        "{}",
        list.stdout
    );
    assert!(!list.stdout.contains(secret));
    let audit = kirjuri(&data, &["audit", "export"]);
    assert!(audit.stdout.contains("\"document.erase\""), "{}", audit.stdout);
    assert_eq!(kirjuri(&data, &["audit", "verify"]).code, 0);
    let again = kirjuri(&data, &["doc", "erase", &wrong, "--reason", "uudelleen"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("no document"), "{}", again.stderr);
}

/// Issue "Trust" §1b: an invoice registered today (retention 6 years) put in a proposal for a
/// day years ahead, approved, and executed today must not be destroyed; executed on the day its
/// retention ends (the actor's time is the clock), it is.
#[test]
fn execution_destroys_only_what_is_due_on_the_day_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("lasku.txt");
    std::fs::write(&file, "Ostolasku 4711, toimistotarvikkeet").unwrap();
    let invoice = ingest(&data, &file, &["--class", "02.06.04", "--record-type", "ostolasku"]);
    let shown = json(&data, &["doc", "show", &invoice, "--json"]);
    assert_eq!(shown["retention_status"]["status"], "ends-on", "{shown}");
    let end = shown["retention_status"]["date"].as_str().unwrap().to_owned();
    let end_day = chrono::NaiveDate::parse_from_str(&end, "%Y-%m-%d").unwrap();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    assert!(end_day > today + chrono::Days::new(365 * 5), "six years ahead: {end}");
    let look_ahead = (end_day + chrono::Days::new(365)).to_string();

    let proposal = kirjuri_as(
        &data,
        "arkistonhoitaja.a",
        &["disposal", "propose", "--on", &look_ahead, "--json"],
    );
    assert_eq!(proposal.code, 0, "{}", proposal.all());
    let proposal: serde_json::Value = serde_json::from_str(&proposal.stdout).unwrap();
    let id = proposal["id"].as_str().unwrap().to_owned();
    assert!(
        proposal["items"].to_string().contains(&invoice),
        "a proposal may look ahead"
    );
    let approve = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "approve", &id]);
    assert_eq!(approve.code, 0, "{}", approve.all());

    // Executed today: nothing is destroyed; the record stays in the proposal, reported.
    let run = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "execute", &id]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains(&format!("not yet due {invoice} (ends {end})")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("destroyed 0,"), "{}", run.stdout);
    let still = json(&data, &["doc", "show", &invoice, "--json"]);
    assert_eq!(still["id"], invoice.as_str(), "the invoice is still there");
    let listed = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "show", &id, "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(listed["state"], "approved", "waits for the day: {listed}");
    assert_eq!(listed["items"][0]["state"], "pending");
    assert_eq!(listed["items"][0]["note"], format!("not yet due (ends {end})").as_str());
    let destroyed = kirjuri(&data, &["disposal", "export", &id, "--format", "json"]);
    assert_eq!(destroyed.code, 0, "{}", destroyed.all());
    assert_eq!(destroyed.stdout.trim(), "[]", "no destruction record");
    let json_run = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "execute", &id, "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json_run.stdout).unwrap();
    assert_eq!(report["destroyed"], 0);
    assert_eq!(report["not_yet_due"][0][0], invoice.as_str());
    assert_eq!(report["not_yet_due"][0][1], end.as_str());

    // The day before the end: still kept. On the day it ends: destroyed.
    let store = kirjuri_store::Store::open(&data).unwrap();
    let at = |day: chrono::NaiveDate| kirjuri_registry::Actor {
        name: "arkistonhoitaja.b".to_owned(),
        at: day.and_hms_opt(10, 0, 0).unwrap().and_utc(),
        purpose: None,
    };
    let day_before = kirjuri_archive::disposal::execute(&store, &id, &at(end_day.pred_opt().unwrap())).unwrap();
    assert_eq!(day_before.destroyed, 0);
    assert_eq!(day_before.not_yet_due, vec![(invoice.clone(), end_day)]);
    assert!(
        store
            .get::<serde_json::Value>(kirjuri_registry::DOCUMENT, &invoice)
            .unwrap()
            .is_some()
    );
    let on_the_day = kirjuri_archive::disposal::execute(&store, &id, &at(end_day)).unwrap();
    assert_eq!(on_the_day.destroyed, 1, "{on_the_day:?}");
    assert!(on_the_day.not_yet_due.is_empty());
    assert_eq!(
        on_the_day.proposal.state,
        kirjuri_archive::disposal::ProposalState::Executed
    );
    assert!(
        store
            .get::<serde_json::Value>(kirjuri_registry::DOCUMENT, &invoice)
            .unwrap()
            .is_none()
    );
    drop(store);
    let records = json(&data, &["disposal", "export", &id, "--format", "json"]);
    assert_eq!(records.as_array().unwrap().len(), 1);
    assert_eq!(records[0]["document"], invoice.as_str());
}

/// Issue "Trust" §1: the destruction list of disp-1 holds only disp-1's records, not disp-10's;
/// an unknown proposal is an error, not an empty list.
#[test]
fn destruction_list_of_a_proposal_is_exactly_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("kuulutus.txt");
    let mut documents = Vec::new();
    for n in 0..10 {
        std::fs::write(&file, format!("Kuulutus numero {n}")).unwrap();
        documents.push(ingest(&data, &file, &["--class", "00.02.08", "--date", "2019-03-01"]));
    }
    // Ten proposals of one record each: disp-1 … disp-10.
    let mut proposals = Vec::new();
    for (n, document) in documents.iter().enumerate() {
        let run = kirjuri_as(
            &data,
            "arkistonhoitaja.a",
            &["disposal", "propose", "--on", "2026-06-01", "--json"],
        );
        assert_eq!(run.code, 0, "{}", run.all());
        let proposal: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let id = proposal["id"].as_str().unwrap().to_owned();
        // Keep only this round's record (the rest go to later proposals).
        for other in &documents[n + 1..] {
            let removed = kirjuri_as(
                &data,
                "arkistonhoitaja.a",
                &[
                    "disposal",
                    "remove",
                    &id,
                    "--doc",
                    other,
                    "--reason",
                    "seuraavaan esitykseen",
                ],
            );
            assert_eq!(removed.code, 0, "{}", removed.all());
        }
        assert_eq!(
            kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "approve", &id]).code,
            0
        );
        let executed = kirjuri_as(&data, "arkistonhoitaja.b", &["disposal", "execute", &id]);
        assert_eq!(executed.code, 0, "{}", executed.all());
        assert!(executed.stdout.contains("destroyed 1,"), "{}", executed.stdout);
        proposals.push((id, document.clone()));
    }
    assert_eq!(proposals[0].0, "disp-1");
    assert_eq!(proposals[9].0, "disp-10");
    let first = json(&data, &["disposal", "export", "disp-1", "--format", "json"]);
    let first: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["document"].as_str().unwrap())
        .collect();
    assert_eq!(
        first,
        vec![documents[0].as_str()],
        "only disp-1's record, not disp-10's"
    );
    let unknown = kirjuri(&data, &["disposal", "export", "disp-99"]);
    assert_ne!(unknown.code, 0, "{}", unknown.all());
    assert!(unknown.stderr.contains("disp-99"), "{}", unknown.stderr);
    assert!(unknown.stdout.is_empty());
}
