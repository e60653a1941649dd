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
    run_kirjuri(data, cwd, &[], args)
}

fn run_kirjuri(data: &Path, cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(args)
        .env("KIRJURI_DATA", data)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("run kirjuri");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `kirjuri` with extra environment variables (`KIRJURI_DISK_RESERVE_BYTES`, …).
pub fn kirjuri_env(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    run_kirjuri(data, &repo_root(), env, args)
}

/// Runs `kirjuri` as the named user (`KIRJURI_ACTOR`): a second archivist, a reader.
pub fn kirjuri_as(data: &Path, actor: &str, args: &[&str]) -> Run {
    run_kirjuri(data, &repo_root(), &[("KIRJURI_ACTOR", actor)], args)
}

/// Runs a command that must succeed and parses its JSON output.
pub fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let run = kirjuri(data, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stdout))
}

/// A `kirjuri serve` child on a free loopback port; killed when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `kirjuri serve` on `data` (admin password "a long admin passphrase").
pub fn start_server(data: &Path) -> Server {
    start_server_with(data, &[], &[])
}

/// Starts `kirjuri serve` with extra arguments (e.g. `--demo`) and environment variables.
pub fn start_server_with(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .env("KIRJURI_DATA", data)
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = server_base(&mut child);
    Server { child, base }
}

/// The first line of the child's output that contains `marker`; the rest of its output is
/// drained. A child that has not printed it within a minute fails the test (it must never hang
/// the run).
pub fn first_line_with(child: &mut std::process::Child, marker: &str) -> String {
    lines_through(child, marker).pop().unwrap()
}

/// The child's output lines up to and including the first that contains `marker`; the rest of
/// its output is drained. A child that has not printed it within a minute fails the test.
pub fn lines_through(child: &mut std::process::Child, marker: &str) -> Vec<String> {
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let wanted = marker.to_owned();
    std::thread::spawn(move || {
        let mut sender = Some(sender);
        let mut lines = Vec::new();
        for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
            let Ok(line) = line else { break };
            if sender.is_none() {
                continue;
            }
            let found = line.contains(&wanted);
            lines.push(line);
            if found && let Some(sender) = sender.take() {
                let _ = sender.send(std::mem::take(&mut lines));
            }
        }
    });
    match receiver.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(lines) => lines,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the process ended before printing `{marker}`")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            let _ = child.kill();
            panic!("the process did not print `{marker}` within 60 s")
        }
    }
}

/// The address a starting `kirjuri serve` prints (`... on http://ADDRESS`), as a base URL.
pub fn server_base(child: &mut std::process::Child) -> String {
    base_in(&first_line_with(child, "on http://"))
}

/// The base URL in the line a starting `kirjuri serve` prints (`... on http://ADDRESS ...`).
pub fn base_in(line: &str) -> String {
    let rest = line.split("on http://").nth(1).unwrap();
    format!("http://{}", rest.split_whitespace().next().unwrap())
}

/// Signs in over the API and returns a bearer token.
pub fn token(base: &str, name: &str, password: &str) -> String {
    let body = serde_json::json!({ "name": name, "password": password }).to_string();
    let mut response = ureq::post(&format!("{base}/api/v1/tokens"))
        .content_type("application/json")
        .send(body.as_str())
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    value["token"].as_str().unwrap().to_owned()
}

/// An HTTP agent for tests: a 4xx or 5xx is an answer to check, not an error, and redirects are
/// not followed (their target is checked).
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// The body of an answer as text.
pub fn body(response: &mut ureq::http::Response<ureq::Body>) -> String {
    response.body_mut().read_to_string().unwrap()
}

/// Signs in through the web form; returns the session's whole `Set-Cookie` header.
pub fn session_set_cookie(agent: &ureq::Agent, base: &str, name: &str, password: &str) -> String {
    let response = agent
        .post(&format!("{base}/login"))
        .send_form([("name", name), ("password", password)])
        .unwrap();
    assert_eq!(response.status().as_u16(), 303, "sign-in of {name} redirects");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("kirjuri_session="))
        .expect("a session cookie")
}

/// Signs in through the web form; returns the session cookie as `name=value`.
pub fn session_cookie(agent: &ureq::Agent, base: &str, name: &str, password: &str) -> String {
    let set_cookie = session_set_cookie(agent, base, name, password);
    set_cookie.split(';').next().unwrap().to_owned()
}

/// The CSRF token of the first form on a page.
pub fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[at..].split('"').next().unwrap().to_owned()
}

/// GETs a page as a signed-in browser (`cookie` is `name=value`): status and body.
pub fn page_get(agent: &ureq::Agent, base: &str, cookie: &str, path: &str) -> (u16, String) {
    let mut response = agent
        .get(&format!("{base}{path}"))
        .header("cookie", cookie)
        .call()
        .unwrap();
    (response.status().as_u16(), body(&mut response))
}

/// POSTs a form as a signed-in browser: status, `Location` and body.
pub fn form_post(
    agent: &ureq::Agent,
    base: &str,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let mut response = agent
        .post(&format!("{base}{path}"))
        .header("cookie", cookie)
        .send_form(form.iter().copied())
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location, body(&mut response))
}
