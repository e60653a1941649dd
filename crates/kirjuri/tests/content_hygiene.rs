//! Issue 14: content the service no longer needs does not stay on disk. Broken and over-limit
//! uploads leave no `blobs/tmp/*.part` file, a start-up sweeps what a killed process left, and
//! `kirjuri check` reports content no record refers to, which `check --repair` removes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{kirjuri, start_server, token};

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Waits (at most a minute) until `condition` holds; the server finishes a failed upload on a
/// blocking thread after the socket is gone, so this is a wait for an event, not a timing.
fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting until {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts an upload of `declared` bytes to `path` on the server and returns the open socket.
fn start_upload(base: &str, path: &str, bearer: &str, declared: u64) -> TcpStream {
    let address = base.trim_start_matches("http://");
    let mut socket = TcpStream::connect(address).unwrap();
    write!(
        socket,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {bearer}\r\n\
         Content-Type: text/plain\r\nContent-Length: {declared}\r\n\r\n"
    )
    .unwrap();
    socket
}

fn open_case(base: &str, bearer: &str) -> String {
    let mut response = ureq::post(&format!("{base}/api/v1/cases"))
        .header("authorization", &format!("Bearer {bearer}"))
        .content_type("application/json")
        .send(r#"{"class":"02 06 04","title":"Ostolaskut marraskuu"}"#)
        .unwrap();
    let case: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    case["id"].as_str().unwrap().to_owned()
}

#[test]
fn broken_and_over_limit_uploads_leave_no_part_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server(&data);
    let bearer = token(&server.base, "admin", "a long admin passphrase");
    let case_id = open_case(&server.base, &bearer);
    let upload_path =
        format!("/api/v1/cases/{case_id}/documents?record_type=ostolasku&title=Lasku&file_name=lasku.txt");
    let tmp = data.join("blobs").join("tmp");
    let chunk = vec![b'x'; 1024 * 1024];

    // A client that breaks off: 8 MiB of a declared 100 MiB, then the connection closes.
    let mut socket = start_upload(&server.base, &upload_path, &bearer, 100 * 1024 * 1024);
    for _ in 0..8 {
        socket.write_all(&chunk).unwrap();
    }
    socket.flush().unwrap();
    wait_until("the upload is being written to a .part file", || {
        files_in(&tmp)
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "part"))
    });
    drop(socket);
    wait_until("the broken upload's .part file is removed", || {
        files_in(&tmp).is_empty()
    });

    // Over the 2 GiB limit: the server answers 413 and keeps nothing of the body.
    let limit: u64 = 2 * 1024 * 1024 * 1024;
    let mut socket = start_upload(&server.base, &upload_path, &bearer, limit + 16 * 1024 * 1024);
    let mut sent = 0u64;
    let mut saw_part_file = false;
    while sent < limit + 16 * 1024 * 1024 {
        if socket.write_all(&chunk).is_err() {
            break; // the server answered and closed while we were still sending
        }
        sent += chunk.len() as u64;
        if !saw_part_file && sent.is_multiple_of(256 * 1024 * 1024) {
            saw_part_file = files_in(&tmp)
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "part"));
        }
    }
    assert!(
        saw_part_file,
        "the oversized upload was spooled to a .part file while it ran"
    );
    assert!(
        sent >= limit,
        "the server read up to its limit before refusing ({sent} bytes sent)"
    );
    let _ = socket.shutdown(std::net::Shutdown::Write);
    let mut answer = String::new();
    let _ = socket.read_to_string(&mut answer);
    if !answer.is_empty() {
        assert!(
            answer.starts_with("HTTP/1.1 413"),
            "{}",
            answer.lines().next().unwrap_or("")
        );
    }
    drop(socket);
    wait_until("the oversized upload's .part file is removed", || {
        files_in(&tmp).is_empty()
    });

    // Nothing was registered and no content was stored.
    let mut response = ureq::get(&format!("{}/api/v1/cases/{case_id}", server.base))
        .header("authorization", &format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let case = response.body_mut().read_to_string().unwrap();
    assert!(!case.contains("lasku.txt"), "no document was registered: {case}");
    let stored: Vec<PathBuf> = files_in(&data.join("blobs"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tmp"))
        .collect();
    assert!(stored.is_empty(), "no content was stored: {stored:?}");
}

#[test]
fn a_part_file_left_by_a_killed_process_is_gone_after_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server(&data);
    drop(server);
    let tmp = data.join("blobs").join("tmp");
    let leftover = tmp.join("31337-123456-0.part");
    std::fs::write(&leftover, vec![0u8; 1024 * 1024]).unwrap();

    let server = start_server(&data);
    assert!(!leftover.exists(), "the start-up removed {}", leftover.display());
    assert!(files_in(&tmp).is_empty());
    drop(server);
}

/// Opens a case and registers one text file in `data`; returns the content digest.
fn ingest_one(data: &Path, file: &Path, text: &str) -> (String, String) {
    let open = kirjuri(
        data,
        &["case", "open", "--class", "07 00 03", "--title", "Tarkastuspyyntö"],
    );
    assert_eq!(open.code, 0, "{}", open.all());
    let diary = open.stdout.trim().to_owned();
    std::fs::write(file, text).unwrap();
    let run = kirjuri(
        data,
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
    assert_eq!(run.code, 0, "{}", run.all());
    let line: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    (
        line["id"].as_str().unwrap().to_owned(),
        line["sha256"].as_str().unwrap().to_owned(),
    )
}

fn content_file(data: &Path, digest: &str) -> PathBuf {
    data.join("blobs").join(&digest[..2]).join(digest)
}

#[test]
fn check_reports_orphan_content_and_repair_removes_only_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (document, kept) = ingest_one(&data, &dir.path().join("pyynto.txt"), "Pyydän kaikki tietoni.");

    // An orphan as a crash between storing content and committing its record leaves one: a
    // correctly named, intact content file that no record refers to. It is made by another
    // data folder, so its name is its real digest.
    let other = dir.path().join("other");
    let (_, orphan) = ingest_one(&other, &dir.path().join("orpo.txt"), "Kukaan ei viittaa tähän.");
    assert_ne!(orphan, kept);
    std::fs::create_dir_all(content_file(&data, &orphan).parent().unwrap()).unwrap();
    std::fs::copy(content_file(&other, &orphan), content_file(&data, &orphan)).unwrap();

    let check = kirjuri(&data, &["check"]);
    assert_eq!(
        check.code,
        0,
        "an orphan is reported, not a failure (a crash between storing content and its record leaves one): {}",
        check.all()
    );
    assert!(
        check.stdout.contains(&format!("orphan: content {orphan} (")),
        "the orphan is named by its digest: {}",
        check.stdout
    );
    assert!(
        !check.stdout.contains(&kept),
        "referenced content is no orphan: {}",
        check.stdout
    );
    assert!(content_file(&data, &orphan).exists(), "a plain check removes nothing");

    let repair = kirjuri(&data, &["check", "--repair"]);
    assert_eq!(repair.code, 0, "{}", repair.all());
    assert!(
        repair.stdout.contains(&format!("removed: content {orphan} (")),
        "the repair says what it removed: {}",
        repair.stdout
    );
    assert!(!content_file(&data, &orphan).exists(), "the orphan is gone");
    assert!(content_file(&data, &kept).exists(), "referenced content stays");
    let out = dir.path().join("out.txt");
    let get = kirjuri(&data, &["doc", "get", &document, "--out", out.to_str().unwrap()]);
    assert_eq!(get.code, 0, "{}", get.all());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "Pyydän kaikki tietoni.");

    let again = kirjuri(&data, &["check", "--json"]);
    assert_eq!(again.code, 0, "{}", again.all());
    let report: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["blobs"], 1);
}
