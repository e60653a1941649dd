//! The export's progress on a real store in a temporary folder: the content files and bytes to
//! write are known before the first is written, and when the export ends every one of them is
//! counted as written (what the archivist's export page shows while a package is made).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use kirjuri_archive::package::{ExportProgress, ExportRequest, export_with_progress};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, Direction, NewDocument, OpenCase, store_content};

fn registrar() -> Actor {
    Actor {
        name: "kirjaaja".to_owned(),
        at: chrono::Utc::now(),
        purpose: None,
    }
}

#[test]
fn the_progress_counts_every_content_file_and_byte() {
    let f = kirjuri_registry::fixture::Fixture::new();
    let case = f
        .registry()
        .open_case(
            &OpenCase::new(ClassCode::parse("00 02 08").unwrap(), "Kuulutukset".to_owned()),
            &registrar(),
        )
        .unwrap()
        .id;
    let mut bytes = 0u64;
    for (title, text) in [
        ("Kuulutus 1", "ensimmäinen kuulutus"),
        ("Kuulutus 2", "toinen, pidempi kuulutus"),
    ] {
        let content = store_content(
            &f.store,
            &mut std::io::Cursor::new(text.as_bytes().to_vec()),
            "kuulutus.txt",
            "text/plain",
        )
        .unwrap();
        bytes += content.size;
        let request = NewDocument::new(Some("kuulutus".to_owned()), Direction::Outgoing, title);
        f.registry()
            .register_document(&case, &request, Some(content), &registrar())
            .unwrap();
    }
    kirjuri_archive::keys::init(f.store.root()).unwrap();
    let key = kirjuri_archive::keys::load(f.store.root()).unwrap();
    let out = f.store.root().join("paketti.zip");
    let request = ExportRequest {
        cases: vec![case],
        class: None,
        permanent_only: false,
    };
    let progress = ExportProgress::default();
    assert_eq!(progress.snapshot(), (0, 0, 0, 0), "nothing counted before the export");
    let summary = export_with_progress(
        &f.registry(),
        &request,
        "Laitilan kaupunki",
        &key,
        &out,
        chrono::Utc::now(),
        "arkistonhoitaja",
        &progress,
    )
    .unwrap();
    assert_eq!(summary.content_files, 2);
    assert_eq!(progress.snapshot(), (2, 2, bytes, bytes));
    assert!(out.exists());
}
