//! Findings of a security test, end to end against the real `kirjuri serve` binary: a download
//! the client breaks off leaves no copy of the content on disk; a burst of concurrent wrong
//! passwords gets no more password checks than the limit; an over-long `due_within` is not a
//! server error; the language switch sends nobody to another site.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{agent, kirjuri, start_server_with, token};
use serde_json::Value;

/// A lockout short enough to wait out in a test.
const LOCKOUT_SECONDS: u64 = 3;

fn address(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

/// Every file under `folder` (none if it is missing).
fn files_under(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Bytes that do not compress, so the content is stored at its full size.
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
}

#[test]
fn a_broken_off_download_leaves_no_copy_of_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &["--demo"], &[]);
    let base = server.base.as_str();
    let auth = format!("Bearer {}", token(base, "admin", "a long admin passphrase"));
    let content = noise(40 * 1024 * 1024);
    let mut uploaded = agent()
        .post(&format!(
            "{base}/api/v1/cases/case-2/documents?record_type=asiakirjapyynto&title=Iso+liite&file_name=iso.bin"
        ))
        .header("authorization", &auth)
        .content_type("application/octet-stream")
        .send(&content[..])
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 201);
    let document: Value = serde_json::from_str(&uploaded.body_mut().read_to_string().unwrap()).unwrap();
    let id = document["id"].as_str().unwrap().to_owned();
    let spool = data.join("blobs").join("tmp");
    assert_eq!(
        files_under(&spool),
        Vec::<std::path::PathBuf>::new(),
        "nothing spooled before"
    );

    // A whole download still brings the whole content.
    let started = Instant::now();
    let mut whole = agent()
        .get(&format!("{base}/api/v1/documents/{id}/content"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(whole.status().as_u16(), 200);
    let mut received = Vec::new();
    whole.body_mut().as_reader().read_to_end(&mut received).unwrap();
    let took = started.elapsed();
    assert!(
        received == content,
        "the download is the content ({} bytes)",
        received.len()
    );

    // Downloads broken off: while the content is being copied (closed before any answer,
    // at a few points in the copy) and after the first few kilobytes of the answer.
    let request = format!(
        "GET /api/v1/documents/{id}/content HTTP/1.1\r\nHost: {}\r\nAuthorization: {auth}\r\n\r\n",
        address(base)
    );
    for wait_ms in [30, 100, 250, 500] {
        let mut stream = TcpStream::connect(address(base)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        drop(stream);
    }
    let mut stream = TcpStream::connect(address(base)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut first = vec![0u8; 8 * 1024];
    stream.read_exact(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first).starts_with("HTTP/1.1 200"));
    drop(stream);

    // Long enough for every copy begun to have finished: no copy of the content stays.
    std::thread::sleep((took * 3).max(Duration::from_secs(2)));
    assert_eq!(
        files_under(&spool),
        Vec::<std::path::PathBuf>::new(),
        "no copy of the content outlives its request"
    );
    // The server is still well and the content still whole.
    let mut again = agent()
        .get(&format!("{base}/api/v1/documents/{id}/content"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(again.status().as_u16(), 200);
    let mut received = Vec::new();
    again.body_mut().as_reader().read_to_end(&mut received).unwrap();
    assert_eq!(received.len(), content.len());
    assert!(files_under(&spool).is_empty());
}

fn sign_in(base: &str, name: &str, password: &str) -> (u16, Option<String>) {
    let body = serde_json::json!({ "name": name, "password": password }).to_string();
    let response = agent()
        .post(&format!("{base}/api/v1/tokens"))
        .content_type("application/json")
        .send(body.as_str())
        .unwrap();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status().as_u16(), retry_after)
}

#[test]
fn twenty_wrong_passwords_at_once_get_at_most_five_checks() {
    let dir = tempfile::tempdir().unwrap();
    let lockout = LOCKOUT_SECONDS.to_string();
    let server = start_server_with(
        &dir.path().join("data"),
        &["--demo"],
        &[("KIRJURI_SIGN_IN_LOCKOUT_SECONDS", lockout.as_str())],
    );
    let base = server.base.clone();

    let barrier = std::sync::Arc::new(std::sync::Barrier::new(20));
    let threads: Vec<_> = (0..20)
        .map(|n| {
            let base = base.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                sign_in(&base, "kirjaaja", &format!("väärä salasana {n}"))
            })
        })
        .collect();
    let answers: Vec<(u16, Option<String>)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let wrong = answers.iter().filter(|(status, _)| *status == 401).count();
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    assert_eq!(wrong + refused, 20, "only 401 and 429: {answers:?}");
    assert!((1..=5).contains(&wrong), "at most the limit of checks: {answers:?}");
    assert!(
        answers.iter().all(|(status, retry)| *status != 429 || retry.is_some()),
        "every 429 says when to retry: {answers:?}"
    );

    // The right password while locked out is refused, without being checked.
    let (locked, retry_after) = sign_in(&base, "kirjaaja", "demo-kirjaaja-2026");
    assert_eq!(locked, 429);
    let retry_after: u64 = retry_after.unwrap().parse().unwrap();
    assert!(
        (1..=LOCKOUT_SECONDS).contains(&retry_after),
        "one lockout of the first length, not one step per failure: {retry_after}"
    );

    // Only the checks that ran are in the audit trail.
    let admin = token(&base, "admin", "a long admin passphrase");
    let mut response = agent()
        .get(&format!("{base}/api/v1/audit?limit=1000"))
        .header("authorization", format!("Bearer {admin}"))
        .call()
        .unwrap();
    let trail: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let failed = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "session.sign_in_failed" && e["detail"]["user"] == "kirjaaja")
        .count();
    assert_eq!(failed, wrong, "one audited failure per password checked");
    assert!(failed <= 5);

    // After the lockout the right password works.
    std::thread::sleep(Duration::from_secs(LOCKOUT_SECONDS + 1));
    let (status, _) = sign_in(&base, "kirjaaja", "demo-kirjaaja-2026");
    assert_eq!(status, 200);
}

#[test]
fn an_enormous_due_within_is_not_a_server_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &["--demo"], &[]);
    let base = server.base.as_str();
    let auth = format!("Bearer {}", token(base, "admin", "a long admin passphrase"));
    let list = |query: &str| -> (u16, String) {
        let mut response = agent()
            .get(&format!("{base}/api/v1/requests?{query}"))
            .header("authorization", &auth)
            .call()
            .unwrap();
        (
            response.status().as_u16(),
            response.body_mut().read_to_string().unwrap(),
        )
    };
    let (status, largest) = list("due_within=18446744073709551615");
    assert_eq!(status, 200, "{largest}");
    let (status, century) = list("due_within=36500");
    assert_eq!(status, 200, "{century}");
    let largest: Value = serde_json::from_str(&largest).unwrap();
    let century: Value = serde_json::from_str(&century).unwrap();
    assert_eq!(largest, century, "every open deadline, as for a long range");
    let (status, body) = list("due_within=18446744073709551616");
    assert_eq!(status, 400, "a number past the range is the caller's error: {body}");
    // The command line takes the same number.
    drop(server);
    let run = kirjuri(
        &data,
        &["request", "list", "--due-within", "18446744073709551615", "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
}

/// `GET /lang/en` with a raw `Referer` (a tab cannot go through an HTTP client's checks).
fn switch_language(base: &str, referer: &str) -> String {
    let mut stream = TcpStream::connect(address(base)).unwrap();
    let request = format!(
        "GET /lang/en HTTP/1.1\r\nHost: {}\r\nReferer: {referer}\r\nConnection: close\r\n\r\n",
        address(base)
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    answer
        .lines()
        .find_map(|line| line.strip_prefix("location: "))
        .unwrap_or_else(|| panic!("a Location: {answer}"))
        .to_owned()
}

#[test]
fn the_language_switch_goes_back_only_to_a_path_of_this_site() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &[], &[]);
    let base = server.base.as_str();
    assert_eq!(
        switch_language(base, &format!("{base}/ui/cases?page=2")),
        "/ui/cases?page=2"
    );
    for evil in [
        "/\\evil.example",
        "/\t/evil.example",
        "//evil.example",
        "/\\\\evil.example",
    ] {
        assert_eq!(
            switch_language(base, &format!("http://kirjuri.example{evil}")),
            "/",
            "{evil:?}"
        );
    }
}
