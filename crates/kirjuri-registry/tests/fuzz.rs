//! Hostile inputs (issue 22): diary numbers as people type and paste them
//! (`PREFIX/N/CLASS/YEAR`, DOMAIN.md §4.1). Random text and broken good numbers parse or are
//! refused with an error that quotes the input and says why; a parsed number prints back as
//! itself.
//!
//!
//! Uploads: the file name and content type a multipart upload or the API hands to
//! [`store_content`] (the one place both front ends store an upload) are checked before a
//! byte is read: names with control characters, text-direction overrides, `../`, NULs or
//! thousands of characters are refused naming `file_name`, and a refused upload stores
//! nothing. (The multipart framing itself is `axum`/`multer`'s and is not fuzzed here.)
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use kirjuri_registry::{DiaryNumber, store_content};
use kirjuri_store::{Store, StoreError};
use proptest::prelude::*;

const GOOD: &str = "LAI/123/00.01.00/2024";
const TOKENS: &[&[u8]] = &[b"/", b".", b"0", b"99999999999999999999999", b"-1", b" ", b"\xC3\x84"];

fn parse_checked(text: &str) {
    match DiaryNumber::parse(text) {
        Ok(number) => {
            let printed = number.to_string();
            assert_eq!(
                DiaryNumber::parse(&printed).unwrap(),
                number,
                "{text:?} printed as {printed:?}"
            );
        }
        Err(error) => {
            assert_eq!(error.given, text);
            assert!(!error.why.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    #[test]
    fn diary_numbers_survive_random_text(text in mutate::random_text()) {
        parse_checked(&text);
    }

    #[test]
    fn diary_numbers_survive_broken_numbers(changes in mutate::mutations(4)) {
        let bytes = mutate::apply(GOOD.as_bytes(), &changes, TOKENS);
        parse_checked(&String::from_utf8_lossy(&bytes));
    }
}

const NAME_TOKENS: &[&[u8]] = &[
    b"../",
    b"..\\",
    b"/etc/passwd",
    b"\0",
    b"\r\n",
    b"\xE2\x80\xAE", // U+202E, right-to-left override
    b"\xEF\xBB\xBF",
    b"\"",
    b";",
    b"%00",
    b"CON",
    b"a",
];

fn upload_checked(store: &Store, name: &str, media_type: &str, body: &[u8]) {
    let before = store.blobs().list().unwrap().len();
    match store_content(store, &mut std::io::Cursor::new(body), name, media_type) {
        Ok(content) => {
            assert_eq!(content.file_name, name);
            assert!(!name.chars().any(char::is_control), "{name:?} accepted");
            assert!(!name.trim().is_empty());
            assert_eq!(content.size, body.len() as u64);
        }
        Err(StoreError::Rejected { message, .. }) => {
            assert!(
                message.starts_with("file_name") || message.starts_with("media type"),
                "{message}"
            );
            assert_eq!(
                store.blobs().list().unwrap().len(),
                before,
                "a refused upload stored content"
            );
        }
        Err(other) => panic!("{name:?} / {media_type:?}: {other}"),
    }
}

#[test]
fn uploads_check_names_and_types_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let strategy = (
        prop_oneof![
            mutate::random_text(),
            mutate::mutations(4).prop_map(|c| String::from_utf8_lossy(&mutate::apply(
                b"lausunto 2026.pdf",
                &c,
                NAME_TOKENS
            ))
            .into_owned()),
        ],
        prop_oneof![
            Just("application/pdf".to_owned()),
            mutate::random_text(),
            "[a-z/]{200,400}",
        ],
        mutate::random_bytes(),
    );
    let mut runner = proptest::test_runner::TestRunner::new(mutate::config());
    runner
        .run(&strategy, |(name, media_type, body)| {
            upload_checked(&store, &name, &media_type, &body);
            Ok(())
        })
        .unwrap();
}

/// `../../etc/passwd` is a name like any other: the content is stored by its digest, never
/// at a path made of the name, so the name is kept as given and nothing lands outside.
#[test]
fn a_traversal_name_never_becomes_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let content = store_content(
        &store,
        &mut std::io::Cursor::new(b"x".to_vec()),
        "../../x",
        "text/plain",
    )
    .unwrap();
    assert_eq!(content.file_name, "../../x");
    assert!(!dir.path().join("x").exists());
    let nul = store_content(
        &store,
        &mut std::io::Cursor::new(b"x".to_vec()),
        "a\0.pdf",
        "text/plain",
    );
    assert!(
        matches!(
            nul,
            Err(StoreError::Rejected {
                code: "bad_file_name",
                ..
            })
        ),
        "{nul:?}"
    );
}

/// LAI/0/00.01.00/2024: running numbers start at 1 (DOMAIN.md §4.1), so 0 is refused by name.
#[test]
fn a_zero_running_number_is_refused() {
    let error = DiaryNumber::parse("LAI/0/00.01.00/2024").unwrap_err();
    assert!(error.to_string().contains("`0` is not a running number"), "{error}");
}
