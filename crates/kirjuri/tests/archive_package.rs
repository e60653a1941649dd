//! Signed archive packages end to end: keys, export, our own verify, and tampering caught.
//! (CI also runs the public validators on an export: see .ci/run.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{json, kirjuri, repo_root};

/// Copies a zip, changing one byte of the first entry whose name contains `needle`.
fn tamper(source: &Path, target: &Path, needle: &str) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    let mut changed = false;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if !changed && name.contains(needle) {
            bytes[0] ^= 0x20; // same size, different content
            changed = true;
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
    assert!(changed, "no entry contains {needle}");
}

#[test]
fn export_verify_and_detect_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let no_key = kirjuri(
        &data,
        &[
            "archive",
            "export",
            "--out",
            dir.path().join("x.zip").to_str().unwrap(),
            "--permanent",
        ],
    );
    assert_eq!(no_key.code, 2);
    assert!(no_key.stderr.contains("kirjuri keys init"), "{}", no_key.stderr);
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 2, "keys are never overwritten");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("keys/minisign.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "secret key readable by the owner only");
    }
    let files = repo_root().join("fixtures/demo/files");
    let minutes = files.join("valtuusto-poytakirja-2026-10.txt");
    let contract = files.join("hankintasopimus-ruokapalvelut.md");
    assert_eq!(
        kirjuri(
            &data,
            &[
                "ingest",
                minutes.to_str().unwrap(),
                "--class",
                "00.02.00",
                "--record-type",
                "valtuusto-poytakirja"
            ]
        )
        .code,
        0
    );
    assert_eq!(
        kirjuri(
            &data,
            &[
                "ingest",
                contract.to_str().unwrap(),
                "--class",
                "02.07.01",
                "--record-type",
                "hankintasopimus"
            ]
        )
        .code,
        0
    );
    assert_eq!(
        kirjuri(
            &data,
            &[
                "ingest",
                "--class",
                "01.02.01",
                "--record-type",
                "palkkakortti",
                "--title",
                "Palkkakortit",
                "--archive-room",
                "Arkisto B"
            ]
        )
        .code,
        0
    );

    let package = dir.path().join("package.zip");
    let summary = json(
        &data,
        &[
            "archive",
            "export",
            "--out",
            package.to_str().unwrap(),
            "--permanent",
            "--json",
        ],
    );
    assert_eq!(summary["documents"], 1, "only the permanent minutes");
    let by_case = dir.path().join("case.zip");
    let case_summary = json(
        &data,
        &[
            "archive",
            "export",
            "--out",
            by_case.to_str().unwrap(),
            "--case",
            "LAI/2/02.07.01/2026",
            "--json",
        ],
    );
    assert_eq!(case_summary["content_files"], 1);

    let public_key = dir.path().join("org.pub");
    let key_text = kirjuri(&data, &["keys", "export-public"]).stdout;
    assert!(key_text.starts_with("untrusted comment: minisign public key"));
    std::fs::write(&public_key, &key_text).unwrap();
    let ok = json(
        &data,
        &[
            "archive",
            "verify",
            package.to_str().unwrap(),
            "--key",
            public_key.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(ok["problems"].as_array().unwrap().len(), 0, "{ok}");
    assert_eq!(ok["key_id"], summary["key_id"]);
    assert!(
        ok["trusted_comment"]
            .as_str()
            .unwrap()
            .contains(summary["objid"].as_str().unwrap())
    );

    // A record file changed after signing: the signature still verifies, the digests do not.
    let changed = dir.path().join("changed.zip");
    tamper(&package, &changed, "representations/rep1/data/");
    let run = kirjuri(
        &data,
        &[
            "archive",
            "verify",
            changed.to_str().unwrap(),
            "--key",
            public_key.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("does not match manifest-sha256.txt"),
        "{}",
        run.stdout
    );
    // bag-info edited: the tag manifest catches it.
    let info = dir.path().join("info.zip");
    tamper(&package, &info, "bag-info.txt");
    let run = kirjuri(
        &data,
        &[
            "archive",
            "verify",
            info.to_str().unwrap(),
            "--key",
            public_key.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("bag-info.txt: does not match tagmanifest-sha256.txt"),
        "{}",
        run.stdout
    );
    // A re-signed package from another key fails against the trusted key.
    let other = dir.path().join("other");
    assert_eq!(kirjuri(&other, &["keys", "init"]).code, 0);
    let other_key = dir.path().join("other.pub");
    std::fs::write(&other_key, kirjuri(&other, &["keys", "export-public"]).stdout).unwrap();
    let run = kirjuri(
        &data,
        &[
            "archive",
            "verify",
            package.to_str().unwrap(),
            "--key",
            other_key.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Kirjuri-Signing-Key-Id"), "{}", run.stdout);

    let audit = kirjuri(&data, &["audit", "export"]).stdout;
    assert!(audit.contains("archive.export"), "every export is audited");
}
