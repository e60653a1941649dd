//! Helpers for end-to-end tests: run the real `kirjuri` binary in a fresh data folder.
//! Each test binary uses a different subset of these helpers.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

pub fn kirjuri(data: &Path, args: &[&str]) -> Run {
    kirjuri_in(data, &repo_root(), args)
}

pub fn kirjuri_in(data: &Path, cwd: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(args)
        .env("KIRJURI_DATA", data)
        .current_dir(cwd)
        .output()
        .expect("run kirjuri");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs a command that must succeed and parses its JSON output.
pub fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let run = kirjuri(data, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stdout))
}
