//! The use-cases of the application layer, each tested once here with a real store in a
//! temporary folder and the sample plan of `retention-rules/`: the live plan, disposal and
//! erasure with their purge of the search index files, the audited search and the OCR pass.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use chrono::{Days, NaiveDate, Utc};
use kirjuri_app::App;

use kirjuri_registry::{Actor, Direction, NewDocument, OpenCase, RegistryConfig, store_content};
use kirjuri_search::{Filters, Reader};
use kirjuri_store::Store;

fn sample_plan() -> kirjuri_plan::Plan {
    kirjuri_plan::sample::load().plan.expect("the sample plan loads")
}

/// An application over a new store in `dir` with the sample plan as version 1.
fn app_in(dir: &Path) -> App {
    let store = Store::open(dir).unwrap();
    store.plan_versions().unwrap().add(sample_plan()).unwrap();
    let config = RegistryConfig {
        prefix: "LAI".to_owned(),
        default_department: "hallintotoimi".to_owned(),
    };
    App::new(store, config, "Laitilan kaupunki")
}

fn actor(name: &str) -> Actor {
    Actor {
        name: name.to_owned(),
        at: Utc::now(),
        purpose: None,
    }
}

/// Registers a notice (kuulutus, kept two years) dated `created_on` with `text` as content;
/// returns the document id.
fn notice(app: &App, text: &str, created_on: NaiveDate) -> String {
    register_notice(app, text, created_on, Default::default())
}

/// A notice made secret (with its ground and the reason for departing from the plan).
fn secret_notice(app: &App, text: &str, created_on: NaiveDate) -> String {
    let restriction = kirjuri_registry::RestrictionRequest {
        publicity: Some(kirjuri_plan::PublicityClass::Secret),
        secrecy_reasons: vec!["JulkL 24 § 1 mom 25 kohta".to_owned()],
        secrecy_years: None,
        override_reason: Some("sosiaalihuollon asiakkuus".to_owned()),
    };
    register_notice(app, text, created_on, restriction)
}

fn register_notice(
    app: &App,
    text: &str,
    created_on: NaiveDate,
    restriction: kirjuri_registry::RestrictionRequest,
) -> String {
    app.with_registry(|registry| {
        let case = registry
            .open_case(
                &OpenCase::new(
                    kirjuri_plan::ClassCode::parse("00 02 08").unwrap(),
                    "Kuulutukset".to_owned(),
                ),
                &actor("kirjaaja"),
            )
            .unwrap();
        let content = store_content(
            app.store(),
            &mut std::io::Cursor::new(text.as_bytes().to_vec()),
            "kuulutus.txt",
            "text/plain",
        )
        .unwrap();
        let request = NewDocument {
            record_type: Some("kuulutus".to_owned()),
            direction: Direction::Outgoing,
            title: "Kuulutus".to_owned(),
            created_on: Some(created_on),
            received_on: None,
            sent_on: None,
            parties: vec![],
            language: "fi".to_owned(),
            restriction,
            physical: None,
            trigger_event_on: None,
            retention: None,
        };
        registry
            .register_document(&case.id, &request, Some(content), &actor("kirjaaja"))
            .unwrap()
            .id
    })
    .unwrap()
}

fn hits(app: &App, word: &str) -> u64 {
    let reader = Reader::city_wide("test");
    app.search(word, &reader, &Filters::default(), 10, &actor("tarkastaja"))
        .unwrap()
        .total as u64
}

/// Whether any file of the index holds `word` (a deleted document's text lingers in segment
/// files until they are rewritten).
fn index_files_hold(dir: &Path, word: &str) -> bool {
    std::fs::read_dir(dir.join("index")).unwrap().any(|entry| {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        bytes.windows(word.len()).any(|window| window == word.as_bytes())
    })
}

#[test]
fn a_plan_approved_while_running_is_in_force_on_its_day_without_a_new_app() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let today = kirjuri_registry::helsinki_date(Utc::now());
    assert_eq!(app.plans().unwrap().in_force, 1);
    let mut draft = sample_plan();
    draft.meta.state = kirjuri_plan::PlanState::Draft;
    draft.meta.valid_from = None;
    let versions = app.store().plan_versions().unwrap();
    let version = versions.add(draft).unwrap();
    assert_eq!(app.plans().unwrap().in_force, 1, "a draft is not in force");
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap();
    versions.approve(version, tomorrow, "arkistonhoitaja", today).unwrap();
    assert_eq!(app.plans().unwrap().in_force, 1, "approved for tomorrow: not yet");
    assert_eq!(app.plans_on(tomorrow).unwrap().in_force, version, "in force on its day");
    assert_eq!(
        app.plans().unwrap().versions.len(),
        2,
        "the catalogue knows the new version"
    );
}

#[test]
fn disposal_execution_purges_the_destroyed_text_from_the_index_files() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let old = NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    notice(&app, "Kuulutus sanasta ainutkertainenmerkkijono", old);
    notice(
        &app,
        "Toinen kuulutus, pysyy hakemistossa",
        NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
    );
    assert_eq!(hits(&app, "ainutkertainenmerkkijono"), 1);
    assert!(index_files_hold(dir.path(), "ainutkertainenmerkkijono"));
    let today = kirjuri_registry::helsinki_date(Utc::now());
    let proposal = kirjuri_archive::disposal::propose(app.store(), today, None, &actor("arkistonhoitaja.a")).unwrap();
    kirjuri_archive::disposal::approve(app.store(), &proposal.id, &actor("arkistonhoitaja.b")).unwrap();
    let report = app.execute_disposal(&proposal.id, &actor("arkistonhoitaja.b")).unwrap();
    assert_eq!(report.destroyed, 1, "{report:?}");
    let destroyed = kirjuri_store::Sha256Hex::parse(&report.content_destroyed[0]).unwrap();
    assert!(!app.store().blobs().contains(&destroyed), "the content file is gone");
    assert_eq!(hits(&app, "ainutkertainenmerkkijono"), 0);
    assert!(
        !index_files_hold(dir.path(), "ainutkertainenmerkkijono"),
        "the text left the index files"
    );
    assert_eq!(app.search_index().unwrap().index.stats().unwrap().deleted_in_files, 0);
    assert_eq!(hits(&app, "hakemistossa"), 1, "the other record is still found");
}

#[test]
fn disposal_keeps_content_that_a_record_not_yet_due_shares() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let text = "Kuulutus, sama sisältö jaettusana";
    notice(&app, text, NaiveDate::from_ymd_opt(2019, 3, 1).unwrap());
    notice(&app, text, NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
    let today = kirjuri_registry::helsinki_date(Utc::now());
    let proposal = kirjuri_archive::disposal::propose(app.store(), today, None, &actor("arkistonhoitaja.a")).unwrap();
    kirjuri_archive::disposal::approve(app.store(), &proposal.id, &actor("arkistonhoitaja.b")).unwrap();
    let report = app.execute_disposal(&proposal.id, &actor("arkistonhoitaja.b")).unwrap();
    assert_eq!(report.destroyed, 1, "{report:?}");
    let shared = kirjuri_store::Sha256Hex::parse(&report.content_destroyed[0]).unwrap();
    assert!(
        app.store().blobs().contains(&shared),
        "content another record shares stays"
    );
    assert_eq!(hits(&app, "jaettusana"), 1, "still found in the record that shares it");
}

#[test]
fn erasure_purges_the_erased_text_from_the_index_files() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let today = kirjuri_registry::helsinki_date(Utc::now());
    let erased = notice(&app, "Virheellisesti kirjattu poistettavasana", today);
    assert_eq!(hits(&app, "poistettavasana"), 1);
    let erasure = kirjuri_archive::erasure::Erasure {
        document: &erased,
        reason: "kirjattu virheellisesti",
        request: None,
    };
    let record = app.erase(&erasure, &actor("tietosuojavastaava")).unwrap();
    assert_eq!(record.document, erased);
    assert_eq!(hits(&app, "poistettavasana"), 0);
    assert!(!index_files_hold(dir.path(), "poistettavasana"));
    // Refused input comes back as the domain's error, and changes nothing.
    let again = app.erase(&erasure, &actor("tietosuojavastaava")).unwrap_err();
    assert!(matches!(again, kirjuri_app::AppError::Registry(_)), "{again}");
}

#[test]
fn a_search_sees_the_writes_before_it_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let today = kirjuri_registry::helsinki_date(Utc::now());
    notice(&app, "Juuri kirjattu tuoresana", today);
    assert_eq!(hits(&app, "tuoresana"), 1, "no separate catch-up needed");
    let bad = app.search(
        "\"unclosed",
        &Reader::public_only("test"),
        &Filters::default(),
        10,
        &actor("x"),
    );
    assert!(
        matches!(
            bad,
            Err(kirjuri_app::AppError::Search(kirjuri_search::SearchError::Query(_)))
        ),
        "a query that does not parse is the caller's error: {bad:?}"
    );
    let long = app.search(
        &"sana ".repeat(300),
        &Reader::public_only("test"),
        &Filters::default(),
        10,
        &actor("x"),
    );
    assert!(
        matches!(
            long,
            Err(kirjuri_app::AppError::Registry(
                kirjuri_registry::RegistryError::Invalid { code: "too_long", .. }
            ))
        ),
        "{long:?}"
    );
    // An empty query and a limit out of range are refused here, for every front end alike.
    for (text, limit) in [("", 10), ("   ", 10), ("sana", 0), ("sana", 201)] {
        let refused = app.search(
            text,
            &Reader::public_only("test"),
            &Filters::default(),
            limit,
            &actor("x"),
        );
        assert!(
            matches!(
                refused,
                Err(kirjuri_app::AppError::Registry(
                    kirjuri_registry::RegistryError::Invalid { code: "bad_query", .. }
                ))
            ),
            "{text:?} {limit}: {refused:?}"
        );
    }
    let searches: Vec<_> = app
        .store()
        .audit_entries()
        .map(Result::unwrap)
        .filter(|entry| entry.action == "search")
        .collect();
    assert_eq!(searches.len(), 1);
    assert_eq!(searches[0].actor, "tarkastaja");
    assert_eq!(searches[0].detail["query"], "tuoresana");
    assert_eq!(searches[0].detail["total"], 1);
}

#[test]
fn an_ocr_pass_leaves_the_index_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let today = kirjuri_registry::helsinki_date(Utc::now());
    notice(&app, "Odottaa hakemistoa", today);
    let run = app.ocr_pass(5, &mut |_, _| {}).unwrap();
    assert_eq!(run.recognised, 0, "no scans here");
    let (applied, _) = app.search_index().unwrap().index.applied_seq().unwrap();
    assert_eq!(applied, app.store().last_change().unwrap(), "caught up after the pass");
}

#[test]
fn the_annual_report_checks_its_request_before_counting() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let markdown = app.annual_report(2026, "markdown", "fi").unwrap();
    assert_eq!(markdown.media_type, "text/markdown; charset=utf-8");
    assert!(
        String::from_utf8_lossy(&markdown.body).starts_with('#'),
        "{}",
        String::from_utf8_lossy(&markdown.body)
    );
    let english = app.annual_report(2026, "md", "en").unwrap();
    assert_ne!(english.body, markdown.body);
    for (year, format, lang, code) in [
        (2026, "docx", "fi", "bad_format"),
        (2026, "html", "de", "bad_lang"),
        (20260, "html", "fi", "bad_year"),
    ] {
        match app.annual_report(year, format, lang) {
            Err(kirjuri_app::AppError::Registry(kirjuri_registry::RegistryError::Invalid { code: found, .. })) => {
                assert_eq!(found, code)
            }
            other => panic!("{year} {format} {lang}: {other:?}"),
        }
    }
}

#[test]
fn retention_views_that_show_restricted_records_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let old = NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    let public = notice(&app, "Julkinen kuulutus", old);
    let secret = secret_notice(&app, "Salassa pidettävä", old);
    let today = kirjuri_registry::helsinki_date(Utc::now());
    let archivist = Actor {
        purpose: Some("hävitysesityksen valmistelu".to_owned()),
        ..actor("arkistonhoitaja.a")
    };
    let reader = kirjuri_registry::Reader::city_wide("arkistonhoitaja.a");
    let due = app.retention_due(today, None, &reader, &archivist).unwrap();
    assert_eq!(due.len(), 2);
    let proposal = kirjuri_archive::disposal::propose(app.store(), today, None, &archivist).unwrap();
    app.disposal_proposal(&proposal.id, &reader, &archivist).unwrap();
    app.disposal_proposals(&reader, &archivist).unwrap();
    let reads: Vec<_> = app
        .store()
        .audit_entries()
        .map(Result::unwrap)
        .filter(|entry| entry.action == "retention.due.read" || entry.action == "disposal.read")
        .collect();
    assert_eq!(reads.len(), 3, "{reads:?}");
    for entry in &reads {
        assert_eq!(
            entry.detail["restricted_documents_shown"],
            serde_json::json!([secret.as_str()])
        );
        assert_eq!(entry.purpose.as_deref(), Some("hävitysesityksen valmistelu"));
        assert!(
            !entry.detail.to_string().contains(&public),
            "public records are not listed"
        );
    }

    // A case's access list names who reads it, whatever the role: the archivist left out sees
    // the record listed with its title hidden, and that is no read of it.
    let case = app
        .store()
        .get::<kirjuri_registry::Document>(kirjuri_registry::DOCUMENT, &secret)
        .unwrap()
        .unwrap()
        .case_id;
    app.with_registry(|registry| {
        registry
            .set_case_access(&case, &["kirjaaja".to_owned()], "henkilöstöasia", &actor("kirjaaja"))
            .unwrap()
    })
    .unwrap();
    let due = app.retention_due(today, None, &reader, &archivist).unwrap();
    let hidden = due.iter().find(|item| item.document == secret).unwrap();
    assert_eq!(hidden.title, kirjuri_app::HIDDEN_TITLE);
    let proposal = app.disposal_proposal(&proposal.id, &reader, &archivist).unwrap();
    assert!(
        proposal
            .items
            .iter()
            .all(|item| item.document != secret || item.title == kirjuri_app::HIDDEN_TITLE)
    );
    let named = kirjuri_registry::Reader::city_wide("kirjaaja");
    let due = app.retention_due(today, None, &named, &archivist).unwrap();
    assert_ne!(
        due.iter().find(|item| item.document == secret).unwrap().title,
        kirjuri_app::HIDDEN_TITLE,
        "a reader on the list sees the title"
    );
}

/// A draft copy of the sample plan stored as the next version.
fn add_draft(app: &App) -> u32 {
    let mut draft = sample_plan();
    draft.meta.state = kirjuri_plan::PlanState::Draft;
    draft.meta.valid_from = None;
    app.store().plan_versions().unwrap().add(draft).unwrap()
}

fn plan_approvals(app: &App) -> Vec<kirjuri_store::AuditEntry> {
    app.store()
        .audit_entries()
        .map(Result::unwrap)
        .filter(|entry| entry.action == "plan.approve")
        .collect()
}

/// Security test finding: six parallel approvals of one draft with different `valid_from`
/// gave three successes, three audit entries, and a stored date other than the first
/// success's. Exactly one approval now wins; the others are conflicts; the one audit entry
/// says what was stored.
#[test]
fn of_concurrent_approvals_of_one_draft_one_is_stored_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let version = add_draft(&app);
    let at = Utc::now();
    let today = kirjuri_registry::helsinki_date(at);
    let start = std::sync::Barrier::new(6);
    let results: Vec<(
        NaiveDate,
        Result<kirjuri_store::PlanVersionSummary, kirjuri_app::AppError>,
    )> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..=6u64)
            .map(|n| {
                let (app, start) = (&app, &start);
                scope.spawn(move || {
                    let valid_from = today.checked_add_days(Days::new(n)).unwrap();
                    let approver = Actor {
                        name: format!("arkistonhoitaja.{n}"),
                        at,
                        purpose: None,
                    };
                    start.wait();
                    (valid_from, app.approve_plan(version, valid_from, None, &approver))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won: Vec<NaiveDate> = results
        .iter()
        .filter(|(_, result)| result.is_ok())
        .map(|(day, _)| *day)
        .collect();
    assert_eq!(won.len(), 1, "exactly one approval wins: {won:?}");
    for (_, result) in results.iter().filter(|(_, result)| result.is_err()) {
        assert!(
            matches!(result, Err(kirjuri_app::AppError::PlanConflict(m)) if m.contains("already approved")),
            "{result:?}"
        );
    }
    let stored = app.store().plan_versions().unwrap().get(version).unwrap().unwrap();
    assert_eq!(stored.meta.valid_from, Some(won[0]));
    let audited = plan_approvals(&app);
    assert_eq!(audited.len(), 1, "one audit entry: {audited:#?}");
    let detail = &audited[0].detail;
    assert_eq!(detail["valid_from"], won[0].to_string(), "{detail}");
    assert_eq!(
        detail["approved_by"],
        stored.meta.approved_by.clone().unwrap(),
        "{detail}"
    );
    assert_eq!(audited[0].actor, stored.meta.approved_by.unwrap());
    let day_before = won[0].pred_opt().unwrap().to_string();
    assert_eq!(
        detail["ended"],
        serde_json::json!([{ "version": 1, "valid_to": day_before }])
    );
}

/// Security test finding: an approval from a past day rewrote which plan was in force, one
/// from a day before an approved, not yet valid version hid that version, and years such as
/// +10000 and -0001 were accepted. The same rules hold for `kirjuri plan approve` and the API,
/// which both call `approve_plan`.
#[test]
fn an_approval_neither_rewrites_history_nor_hides_an_approved_version() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let at = Utc::now();
    let today = kirjuri_registry::helsinki_date(at);
    let in_days = |n: u64| today.checked_add_days(Days::new(n)).unwrap();
    let archivist = Actor {
        name: "arkistonhoitaja".to_owned(),
        at,
        purpose: None,
    };
    let second = add_draft(&app);
    let third = add_draft(&app);
    let bad_valid_from = |result: kirjuri_app::AppResult<kirjuri_store::PlanVersionSummary>| match result {
        Err(kirjuri_app::AppError::Registry(kirjuri_registry::RegistryError::Invalid { code, message })) => {
            assert_eq!(code, "bad_valid_from", "{message}");
            message
        }
        other => panic!("refused as bad_valid_from: {other:?}"),
    };
    let yesterday = today.pred_opt().unwrap();
    let message = bad_valid_from(app.approve_plan(second, yesterday, None, &archivist));
    assert!(message.contains("before the day of approval"), "{message}");
    for valid_from in [
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(-1, 1, 1).unwrap(),
    ] {
        let message = bad_valid_from(app.approve_plan(second, valid_from, None, &archivist));
        assert!(message.contains("1900-9999"), "{message}");
    }

    app.approve_plan(second, in_days(30), None, &archivist).unwrap();
    for valid_from in [today, in_days(10), in_days(30)] {
        match app.approve_plan(third, valid_from, None, &archivist) {
            Err(kirjuri_app::AppError::PlanConflict(message)) => assert!(
                message.contains(&format!("plan version {second} is approved from {}", in_days(30))),
                "{message}"
            ),
            other => panic!("{valid_from}: a conflict, not {other:?}"),
        }
    }
    assert_eq!(plan_approvals(&app).len(), 1, "refusals store and audit nothing");
    let versions = app.plan_versions().unwrap();
    assert_eq!(versions[2].state, kirjuri_plan::PlanState::Draft);

    app.approve_plan(third, in_days(40), None, &archivist).unwrap();
    for (day, expected) in [
        (today, 1),
        (in_days(29), 1),
        (in_days(30), second),
        (in_days(39), second),
        (in_days(40), third),
    ] {
        assert_eq!(app.plans_on(day).unwrap().in_force, expected, "in force on {day}");
    }
    let versions = app.plan_versions().unwrap();
    assert_eq!(versions[0].valid_to, Some(in_days(29)));
    assert_eq!(versions[1].valid_to, Some(in_days(39)));
    assert_eq!(versions[2].valid_to, None);
}

/// A batch (a folder of scans): ids in the order given, one `document.register` entry each,
/// every content stored; a batch with one refused file commits nothing, stores no content and
/// names the file; the batches before it stay.
#[test]
fn a_batch_registers_in_order_and_a_refused_batch_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let case = app
        .with_registry(|registry| {
            registry.open_case(
                &OpenCase::new(
                    kirjuri_plan::ClassCode::parse("00 02 08").unwrap(),
                    "Kuulutukset".to_owned(),
                ),
                &actor("kirjaaja"),
            )
        })
        .unwrap()
        .unwrap();
    let request = |title: &str| NewDocument::new(Some("kuulutus".to_owned()), Direction::Outgoing, title);
    let names: Vec<String> = (0..5).map(|n| format!("kuulutus-{n}.txt")).collect();
    let mut readers: Vec<std::io::Cursor<Vec<u8>>> = (0..5)
        .map(|n| std::io::Cursor::new(format!("kuulutus numero {n}").into_bytes()))
        .collect();
    let registrations = readers
        .iter_mut()
        .zip(&names)
        .map(|(reader, name)| kirjuri_app::Registration {
            request: request(name),
            upload: Some(kirjuri_app::Upload {
                reader,
                file_name: name,
                media_type: "text/plain",
            }),
        })
        .collect();
    let audit_before = app.store().verify_audit().unwrap().entries;
    let documents = app
        .register_documents(&case.diary_number.to_string(), registrations, &actor("kirjaaja"))
        .unwrap();
    let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["doc-1", "doc-2", "doc-3", "doc-4", "doc-5"]);
    for (n, document) in documents.iter().enumerate() {
        let content = document.content.as_ref().unwrap();
        assert_eq!(content.file_name, names[n]);
        assert_eq!(
            app.store().blobs().read_verified(&content.sha256).unwrap(),
            format!("kuulutus numero {n}").into_bytes()
        );
    }
    let entries: Vec<_> = app.store().audit_entries().map(Result::unwrap).collect();
    assert_eq!(entries.len() as u64, audit_before + 5);
    let registered: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "document.register")
        .map(|e| e.target_id.clone().unwrap_or_default())
        .collect();
    assert_eq!(registered, ids, "one entry per document, in order");

    // One bad file name in the middle: nothing of this batch is stored or committed.
    let blobs_before = app.store().blobs().list().unwrap().len();
    let names = ["hyvä.txt", "huono\u{7}.txt", "toinen.txt"];
    let mut readers: Vec<std::io::Cursor<Vec<u8>>> = names
        .iter()
        .map(|name| std::io::Cursor::new(format!("sisältö {name}").into_bytes()))
        .collect();
    let registrations = readers
        .iter_mut()
        .zip(names)
        .map(|(reader, name)| kirjuri_app::Registration {
            request: request("Liite"),
            upload: Some(kirjuri_app::Upload {
                reader,
                file_name: name,
                media_type: "text/plain",
            }),
        })
        .collect();
    let error = app
        .register_documents(&case.id, registrations, &actor("kirjaaja"))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("huono\u{7}.txt: "), "the file is named: {error}");
    assert_eq!(
        app.store().blobs().list().unwrap().len(),
        blobs_before,
        "no content stored"
    );
    let listed = app
        .with_registry(|registry| registry.documents_of_case(&case.id))
        .unwrap()
        .unwrap();
    assert_eq!(listed.len(), 5, "the earlier batch stays, nothing of the refused one");
}
