//! The web UI in a real browser (STYLE.md §9): the scripts of `tests/browser/` — Playwright
//! driving Debian's Chromium, axe-core on every page — each against its own real
//! `kirjuri serve --demo` on a free port and a fresh data folder:
//!
//! - `sweep.mjs`: every page each demo user reaches from the navigation (one level deep) and the
//!   public pages, in every language at 1280 and 390 px: axe's WCAG 2.1 A/AA rules, reflow,
//!   `<html lang>`, no machine key;
//! - `keyboard.mjs`: keyboard-only sign-in, the skip link, visible focus, registering a document;
//! - `journeys.mjs`: one journey per user group (`tests/browser/journeys/`).
//!
//! Screenshots and an `index.html` listing them go to `$CARGO_TARGET_DIR/browser-artifacts`
//! (or `target/browser-artifacts`), emptied when the first of these tests starts.
//! `KIRJURI_BROWSER_LANGS` (default `fi,sv,en`) picks the UI languages.
//!
//! Needs `/usr/bin/chromium` (Debian's `chromium`), node, and `npm ci` in `tests/browser`;
//! without them each test says why and passes, unless `KIRJURI_REQUIRE_BROWSER` is set (CI
//! sets it after installing them). The scripts run one at a time: each is a Chromium and a
//! server, and CI has two cores.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

/// One script at a time (see the module comment).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
static EMPTY_ARTIFACTS: Once = Once::new();

/// A script that has not finished by then is stopped and fails (it must never hang the run).
const SCRIPT_LIMIT: Duration = Duration::from_secs(900);

fn scripts_folder() -> PathBuf {
    common::repo_root().join("tests/browser")
}

/// Whether Chromium, node and the scripts' modules are there; without them the test is skipped,
/// unless `KIRJURI_REQUIRE_BROWSER` makes that a failure.
fn browser_available() -> bool {
    let chromium = std::path::Path::new("/usr/bin/chromium").exists();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = ["playwright-core", "axe-core"].iter().all(|module| {
        scripts_folder()
            .join("node_modules")
            .join(module)
            .join("package.json")
            .exists()
    });
    if chromium && node && modules {
        return true;
    }
    let missing = format!(
        "/usr/bin/chromium: {}, node: {}, tests/browser/node_modules: {}",
        if chromium {
            "yes"
        } else {
            "missing (apt-get install chromium)"
        },
        if node {
            "yes"
        } else {
            "missing (apt-get install nodejs npm)"
        },
        if modules {
            "yes"
        } else {
            "missing (npm ci in tests/browser)"
        },
    );
    assert!(
        std::env::var_os("KIRJURI_REQUIRE_BROWSER").is_none(),
        "KIRJURI_REQUIRE_BROWSER is set but the browser tests cannot run: {missing}"
    );
    eprintln!("note: browser test skipped: {missing}");
    false
}

/// The artifacts folder, emptied once per run of this test binary.
fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| common::repo_root().join("target"), PathBuf::from);
    let folder = target.join("browser-artifacts");
    EMPTY_ARTIFACTS.call_once(|| {
        let _ = std::fs::remove_dir_all(&folder);
    });
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// Starts `kirjuri serve --demo` on a fresh data folder; returns the server and the demo users
/// it printed as `name:password` pairs.
fn demo_server(data: &std::path::Path) -> (common::Server, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .env("KIRJURI_DATA", data)
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_INSECURE_COOKIES", "1") // plain http on loopback
        .env("KIRJURI_LOG", "warn")
        // The journeys send the public form more often than a person would in an hour.
        .env("KIRJURI_PUBLIC_FORM_PER_HOUR", "1000")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = common::lines_through(&mut child, "on http://");
    let base = common::base_in(lines.last().unwrap());
    // "demo users (...):" then one line per user: name, role, password, departments.
    let users: Vec<String> = lines
        .iter()
        .skip_while(|line| !line.starts_with("demo users"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (name, _role, password) = (words.next()?, words.next()?, words.next()?);
            Some(format!("{name}:{password}"))
        })
        .collect();
    assert!(users.len() >= 5, "the demo printed its users: {lines:#?}");
    (common::Server { child, base }, users)
}

/// Runs `node tests/browser/SCRIPT BASE` against a fresh demo server; fails with the script's
/// output unless it exits 0.
fn run_script(script: &str) {
    if !browser_available() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let artifacts = artifacts();
    let dir = tempfile::tempdir().unwrap();
    let (server, users) = demo_server(&dir.path().join("data"));
    let started = Instant::now();
    let output_path = dir.path().join("output.txt");
    let output = std::fs::File::create(&output_path).unwrap();
    let mut node = Command::new("node")
        .arg(script)
        .arg(&server.base)
        .current_dir(scripts_folder())
        .env("KIRJURI_BROWSER_ARTIFACTS", &artifacts)
        .env("KIRJURI_BROWSER_USERS", users.join(","))
        .stdout(output.try_clone().unwrap())
        .stderr(output)
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = node.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > SCRIPT_LIMIT {
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let printed = std::fs::read_to_string(&output_path).unwrap_or_default();
    drop(server);
    eprintln!("{printed}");
    eprintln!(
        "{script}: {:.1} s; screenshots: {}",
        started.elapsed().as_secs_f64(),
        artifacts.join("index.html").display()
    );
    let Some(status) = status else {
        panic!(
            "{script} did not finish within {} s:\n{printed}",
            SCRIPT_LIMIT.as_secs()
        );
    };
    assert!(status.success(), "{script} failed ({status}):\n{printed}");
}

#[test]
fn every_page_in_every_language_and_width_passes_axe_and_reflow() {
    run_script("sweep.mjs");
}

#[test]
fn keyboard_only_sign_in_skip_link_focus_and_registration() {
    run_script("keyboard.mjs");
}

#[test]
fn user_journeys_in_every_language_and_width() {
    run_script("journeys.mjs");
}
