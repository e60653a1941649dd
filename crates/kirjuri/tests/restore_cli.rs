//! Issue 14: a rejected `kirjuri restore` leaves the target folder as it was. The restore is
//! written into a staging folder next to the target and renamed into place only after the
//! backup's digests and `kirjuri check` passed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::kirjuri;

/// Every file under `folder` with its bytes, by relative path (folders as empty entries).
fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(root: &Path, folder: &Path, into: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                into.insert(relative, None);
                walk(root, &path, into);
            } else {
                into.insert(relative, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(folder, folder, &mut files);
    files
}

/// Names in `parent` that look like a restore's staging folder.
fn staging_folders(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".restore-"))
        .collect()
}

fn replace_bytes(bytes: &mut [u8], needle: &[u8], with: &[u8]) {
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the needle is in the backup");
    bytes[at..at + with.len()].copy_from_slice(with);
}

#[test]
fn a_rejected_restore_leaves_the_target_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let open = kirjuri(
        &data,
        &["case", "open", "--class", "07 00 03", "--title", "Tarkastuspyyntö"],
    );
    assert_eq!(open.code, 0, "{}", open.all());
    let diary = open.stdout.trim().to_owned();
    let file = dir.path().join("pyynto.txt");
    let text = "Pyydän kaikki minusta tallennetut tiedot.";
    std::fs::write(&file, text).unwrap();
    let ingest = kirjuri(
        &data,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--case",
            &diary,
            "--record-type",
            "gdpr-access-request",
            "--json",
        ],
    );
    assert_eq!(ingest.code, 0, "{}", ingest.all());
    let document: serde_json::Value = serde_json::from_str(ingest.stdout.lines().next().unwrap()).unwrap();
    let document_id = document["id"].as_str().unwrap().to_owned();
    let backup = dir.path().join("backup.zip");
    let run = kirjuri(&data, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let good = std::fs::read(&backup).unwrap();

    // Corrupt: the content file's bytes changed inside the zip (content is stored, not
    // deflated), so the database trees restore first and the content fails its check.
    let mut corrupt_bytes = good.clone();
    replace_bytes(&mut corrupt_bytes, text.as_bytes(), b"Muutettu");
    let corrupt = dir.path().join("corrupt.zip");
    std::fs::write(&corrupt, &corrupt_bytes).unwrap();
    // Truncated: a copy cut off half-way.
    let truncated = dir.path().join("truncated.zip");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();

    let targets = dir.path().join("targets");
    std::fs::create_dir_all(&targets).unwrap();

    // An empty target folder stays empty, whichever way the backup is bad.
    let empty = targets.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for bad in [&corrupt, &truncated] {
        let run = kirjuri(&empty, &["restore", bad.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{} is rejected: {}", bad.display(), run.all());
        assert!(
            snapshot(&empty).is_empty(),
            "{} left {:?}",
            bad.display(),
            snapshot(&empty).keys()
        );
        assert!(staging_folders(&targets).is_empty(), "{:?}", staging_folders(&targets));
    }
    let missing = targets.join("missing");
    let run = kirjuri(&missing, &["restore", corrupt.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        !missing.exists(),
        "a missing target is not created by a rejected restore"
    );

    // A folder with content is byte-for-byte as it was.
    let occupied = targets.join("occupied");
    std::fs::create_dir_all(occupied.join("notes")).unwrap();
    std::fs::write(occupied.join("config.toml"), "organisation = \"Laitilan kaupunki\"\n").unwrap();
    std::fs::write(occupied.join("notes/keep.txt"), "operator's notes").unwrap();
    let before = snapshot(&occupied);
    for bad in [&corrupt, &truncated, &backup] {
        let run = kirjuri(&occupied, &["restore", bad.to_str().unwrap()]);
        assert_ne!(run.code, 0, "{}: {}", bad.display(), run.all());
        assert_eq!(snapshot(&occupied), before, "{} changed the folder", bad.display());
        assert!(staging_folders(&targets).is_empty());
    }

    // The good backup still restores, into the folder the bad ones left empty.
    let run = kirjuri(&empty, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(staging_folders(&targets).is_empty());
    let check = kirjuri(&empty, &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
    let out = dir.path().join("out.txt");
    let get = kirjuri(&empty, &["doc", "get", &document_id, "--out", out.to_str().unwrap()]);
    assert_eq!(get.code, 0, "{}", get.all());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
}
