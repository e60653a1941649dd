//! The service log cannot be forged through input: a user name with a line break, escape
//! sequences or direction overrides is written escaped on one line, and a log written to a
//! file carries no colour codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::process::{Command, Stdio};

#[test]
fn a_user_name_cannot_forge_a_log_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("serve.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("KIRJURI_DATA", dir.path().join("data"))
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let base = common::server_base(&mut child);
    let forged = "nobody\n2026-11-30T13:00:00.000000Z  INFO kirjuri::serve_cmd: admin signed in\u{1b}[2J\u{202e}";
    let mut response = common::agent()
        .post(&format!("{base}/api/v1/tokens"))
        .content_type("application/json")
        .send(
            serde_json::json!({"name": forged, "password": "wrong password"})
                .to_string()
                .as_str(),
        )
        .unwrap();
    assert_eq!(response.status().as_u16(), 401, "{}", common::body(&mut response));
    let _ = child.kill();
    let _ = child.wait();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("sign-in failed"), "the failure is logged: {text}");
    assert!(
        !text.lines().any(|l| l.starts_with("2026-11-30T13:00:00")),
        "a forged line: {text}"
    );
    assert!(!text.contains('\u{1b}'), "escape sequences reach the log: {text:?}");
    assert!(
        !text.contains('\u{202e}'),
        "a direction override reaches the log: {text:?}"
    );
}
