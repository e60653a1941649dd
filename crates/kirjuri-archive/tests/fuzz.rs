//! Hostile inputs (issue 22): `archive verify` reads packages from outside (zip, BagIt
//! manifests, METS, the signature). A real package truncated, with bytes flipped, entries
//! duplicated, NULs, `../` names, and random bytes give a report of problems naming the file,
//! never a panic, within bounded time; an entry declaring 1 GiB is refused without unpacking.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256; this file runs a quarter of that, a
//! package is hashed whole each case); found cases are kept in `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use std::io::Write;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use kirjuri_archive::package::{ExportProgress, ExportRequest, export_with_progress};
use kirjuri_archive::verify::verify;
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, Direction, NewDocument, OpenCase, store_content};
use proptest::prelude::*;
use proptest::test_runner::Config;

const CASE_BUDGET: Duration = Duration::from_secs(10);

const TOKENS: &[&[u8]] = &[
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"\xFF\xFF\xFF\xFF",
    b"../",
    b"data/",
    b"METS.xml",
    b"<mets:div>",
    b"<!DOCTYPE x [<!ENTITY e \"ee\">]>",
    b"\n",
    b"  ",
];

fn registrar() -> Actor {
    Actor {
        name: "kirjaaja".to_owned(),
        at: chrono::Utc::now(),
        purpose: None,
    }
}

/// A real signed package of one case with one document, made once.
fn good_package() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let f = kirjuri_registry::fixture::Fixture::new();
        let case = f
            .registry()
            .open_case(
                &OpenCase::new(ClassCode::parse("00 02 08").unwrap(), "Kuulutukset".to_owned()),
                &registrar(),
            )
            .unwrap()
            .id;
        let content = store_content(
            &f.store,
            &mut std::io::Cursor::new(b"kuulutus".to_vec()),
            "kuulutus.txt",
            "text/plain",
        )
        .unwrap();
        let request = NewDocument::new(Some("kuulutus".to_owned()), Direction::Outgoing, "Kuulutus 1");
        f.registry()
            .register_document(&case, &request, Some(content), &registrar())
            .unwrap();
        kirjuri_archive::keys::init(f.store.root()).unwrap();
        let key = kirjuri_archive::keys::load(f.store.root()).unwrap();
        let out = f.store.root().join("paketti.zip");
        let request = ExportRequest {
            cases: vec![case],
            class: None,
            permanent_only: false,
        };
        export_with_progress(
            &f.registry(),
            &request,
            "Laitilan kaupunki",
            &key,
            &out,
            chrono::Utc::now(),
            "arkistonhoitaja",
            &ExportProgress::default(),
        )
        .unwrap();
        std::fs::read(&out).unwrap()
    })
}

/// Verifies `bytes`: a report (its problems non-empty unless the package is intact), or an
/// I/O error with text; within the budget.
fn verify_checked(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.zip");
    std::fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let result = verify(&path, None);
    assert!(started.elapsed() < CASE_BUDGET, "verify took {:?}", started.elapsed());
    match result {
        Ok(report) => {
            if bytes != good_package() && report.problems.is_empty() {
                // A change the checks cannot see must be outside every hashed and parsed byte
                // (e.g. a zip comment or padding): the package still proves itself.
                assert!(report.bag.is_some(), "{report:?}");
            }
            for problem in &report.problems {
                assert!(!problem.trim().is_empty());
            }
            report.problems
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            vec![error.to_string()]
        }
    }
}

fn config() -> Config {
    Config {
        cases: (mutate::cases() / 4).max(1),
        ..mutate::config()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn verify_survives_random_bytes(bytes in mutate::random_bytes()) {
        let problems = verify_checked(&bytes);
        prop_assert!(!problems.is_empty());
    }

    #[test]
    fn verify_survives_a_broken_package(changes in mutate::mutations(4)) {
        let bytes = mutate::apply(good_package(), &changes, TOKENS);
        verify_checked(&bytes);
    }
}

/// The fixture verifies clean (else the mutations test nothing).
#[test]
fn the_fixture_is_intact() {
    assert_eq!(verify_checked(good_package()), Vec::<String>::new());
}

/// An entry named `../evil` is a problem naming it; nothing is unpacked anywhere.
#[test]
fn a_path_traversal_name_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("bag/../../evil", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    let report = verify(&path, None).unwrap();
    assert!(!report.problems.is_empty(), "{report:?}");
    assert!(!dir.path().parent().unwrap().join("evil").exists());
}

/// A 1 GiB entry of zeros deflates to about 1 MiB: a package that would unpack to a
/// thousand times its size is refused before any entry is hashed (issue 14's expansion rule:
/// at most 100 × the package plus 1 MiB).
#[test]
fn a_gibibyte_entry_is_refused_without_unpacking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("bag/data/pkg/zeros.bin", options).unwrap();
    let block = vec![0u8; 1024 * 1024];
    for _ in 0..1024 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
    let started = Instant::now();
    let report = verify(&path, None).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "refused early, not after inflating"
    );
    assert_eq!(report.payload_bytes, 0, "nothing was hashed: {report:?}");
    assert!(!report.problems.is_empty(), "{report:?}");
}
