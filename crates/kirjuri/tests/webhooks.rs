//! Webhooks end to end (issue 21): the real `kirjuri serve --demo`, a real HTTP receiver on
//! loopback that checks every signature and timestamp, the receiver going down and coming back,
//! and the service SIGKILLed between changes and their delivery. Delivery is at-least-once:
//! the receiver de-duplicates by event id and the test checks that nothing is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// What the receiver saw: verified events by id (body), and refused deliveries.
#[derive(Default)]
struct Seen {
    events: BTreeMap<String, Value>,
    /// Every verified POST, duplicates included.
    posts: usize,
    refused: Vec<String>,
}

/// A webhook receiver on a fixed loopback port that can stop listening and start again.
struct Receiver {
    port: u16,
    secret: Arc<Mutex<String>>,
    seen: Arc<Mutex<Seen>>,
    running: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
}

impl Receiver {
    fn new() -> Receiver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Receiver {
            port,
            secret: Arc::default(),
            seen: Arc::default(),
            running: None,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/kirjuri-hook", self.port)
    }

    fn up(&mut self) {
        assert!(self.running.is_none());
        // std sets SO_REUSEADDR on Unix, so the same port binds again after a stop.
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, secret, seen) = (stop.clone(), self.secret.clone(), self.seen.clone());
        let handle = std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => handle(stream, &secret, &seen),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(e) => panic!("accept: {e}"),
                }
            }
            // The listener is dropped here: connections are refused from now on.
        });
        self.running = Some((stop, handle));
    }

    fn down(&mut self) {
        if let Some((stop, handle)) = self.running.take() {
            stop.store(true, Ordering::SeqCst);
            handle.join().unwrap();
        }
    }

    fn ids(&self) -> BTreeSet<String> {
        self.seen.lock().unwrap().events.keys().cloned().collect()
    }

    /// Waits until every id in `wanted` has arrived.
    fn wait_for(&self, wanted: &BTreeSet<String>, what: &str) {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let ids = self.ids();
            if wanted.is_subset(&ids) {
                return;
            }
            assert!(
                Instant::now() < until,
                "{what}: missing {:?} (received {ids:?})",
                wanted.difference(&ids).collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Reads one HTTP/1.1 request, checks it as the documentation tells a receiver to, answers
/// 204 (or 401 for a bad signature).
fn handle(mut stream: TcpStream, secret: &Mutex<String>, seen: &Mutex<Seen>) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut headers = BTreeMap::new();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("POST /kirjuri-hook "), "{line}");
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':').unwrap();
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    let length: usize = headers["content-length"].parse().unwrap();
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let now = chrono::Utc::now().timestamp();
    let checked = kirjuri_webhooks::verify(
        &secret.lock().unwrap(),
        headers.get("kirjuri-timestamp").map_or("", String::as_str),
        headers.get("kirjuri-signature").map_or("", String::as_str),
        &body,
        now,
    );
    let status = match checked {
        Ok(()) => {
            let event: Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(event["id"], headers["kirjuri-event-id"].as_str());
            let mut seen = seen.lock().unwrap();
            seen.posts += 1;
            seen.events.insert(headers["kirjuri-event-id"].clone(), event);
            "204 No Content"
        }
        Err(error) => {
            seen.lock().unwrap().refused.push(error.to_string());
            "401 Unauthorized"
        }
    };
    let _ = stream.write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes());
}

/// `kirjuri serve` with its log (stderr, at info) kept in a file, fast retries for the test.
fn serve(data: &Path, log: &Path, demo: bool) -> (Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kirjuri"));
    command.args(["serve", "--listen", "127.0.0.1:0"]);
    if demo {
        command.arg("--demo");
    }
    let log_file = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    let mut child = command
        .env("KIRJURI_DATA", data)
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_LOG", "info")
        .env("KIRJURI_WEBHOOK_BACKOFF_MS", "100")
        .env("KIRJURI_WEBHOOK_BACKOFF_CAP_MS", "800")
        .env("KIRJURI_WEBHOOK_TIMEOUT_MS", "2000")
        .stdout(Stdio::piped())
        .stderr(log_file)
        .spawn()
        .unwrap();
    let base = common::server_base(&mut child);
    (child, base)
}

fn call(method: &str, base: &str, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let agent = common::agent();
    let url = format!("{base}/api/v1{path}");
    let auth = format!("Bearer {token}");
    let mut response = match (method, body) {
        ("GET", _) => agent.get(&url).header("authorization", &auth).call().unwrap(),
        ("DELETE", _) => agent.delete(&url).header("authorization", &auth).call().unwrap(),
        (_, Some(body)) => agent
            .post(&url)
            .header("authorization", &auth)
            .content_type("application/json")
            .send(body.to_string().as_str())
            .unwrap(),
        (_, None) => agent.post(&url).header("authorization", &auth).send_empty().unwrap(),
    };
    let status = response.status().as_u16();
    let text = common::body(&mut response);
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn ok(method: &str, base: &str, token: &str, path: &str, body: Option<Value>) -> Value {
    let (status, answer) = call(method, base, token, path, body);
    assert!((200..300).contains(&status), "{method} {path}: {status} {answer}");
    answer
}

/// The ids of the webhook events in the audit trail after `after` (as the admin reads it).
fn events_after(base: &str, admin: &str, after: u64) -> BTreeMap<String, String> {
    let trail = ok("GET", base, admin, &format!("/audit?after={after}&limit=1000"), None);
    trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| kirjuri_webhooks::EVENT_TYPES.contains(&e["action"].as_str().unwrap()))
        .map(|e| {
            let id = format!("{}-{}", e["seq"], &e["hash"].as_str().unwrap()[..16]);
            (id, e["action"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn head(base: &str, admin: &str) -> u64 {
    let mut last = 0;
    loop {
        let trail = ok("GET", base, admin, &format!("/audit?after={last}&limit=1000"), None);
        match trail["entries"].as_array().unwrap().last() {
            Some(entry) => last = entry["seq"].as_u64().unwrap(),
            None => return last,
        }
    }
}

/// Every type in `types` is among the events (a registered request also opens its case, so
/// there can be more).
fn assert_has(events: &BTreeMap<String, String>, types: &[&str]) {
    for wanted in types {
        assert!(events.values().any(|t| t == wanted), "{wanted} not in {events:?}");
    }
}

/// The scenario of issue 21, on 2026-12-01 (the day the test was written; the service stamps
/// events with the real time): a request registered and moved, an incident marked a breach,
/// a case opened and moved, a disposal proposed; the receiver down and back; the service
/// SIGKILLed with events undelivered. Every event arrives, each signature checks out, the
/// delivery log shows failures and successes, and the secret is nowhere but in the one answer.
#[test]
fn every_event_arrives_signed_through_receiver_outages_and_a_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let log = dir.path().join("server.log");
    let (mut server, base) = serve(&data, &log, true);
    let admin = common::token(&base, "admin", "a long admin passphrase");
    let registrar = common::token(&base, "kirjaaja", "demo-kirjaaja-2026");
    let privacy = common::token(&base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let archivist = common::token(&base, "arkistonhoitaja", "demo-arkistonhoitaja-2026");
    let mut receiver = Receiver::new();

    // Only the admin manages endpoints (403 for every other role, also for reading).
    let new = json!({ "url": receiver.url(), "events": kirjuri_webhooks::EVENT_TYPES });
    for token in [&registrar, &privacy, &archivist] {
        assert_eq!(call("POST", &base, token, "/admin/webhooks", Some(new.clone())).0, 403);
        assert_eq!(call("GET", &base, token, "/admin/webhooks", None).0, 403);
    }
    // Bad input names its field; nothing is created.
    let (status, refused) = call(
        "POST",
        &base,
        &admin,
        "/admin/webhooks",
        Some(json!({ "url": "ftp://example.fi/", "events": ["case.open"] })),
    );
    assert_eq!(status, 400, "{refused}");
    assert!(refused["detail"].as_str().unwrap().starts_with("url:"), "{refused}");

    // The demo's own endpoint (the city's integration platform) is there, disabled.
    let demo = ok("GET", &base, &admin, "/admin/webhooks", None);
    assert_eq!(
        demo[0]["url"], "https://integraatiot.laitila.fi/kirjuri/tapahtumat",
        "{demo}"
    );
    assert_eq!(demo[0]["enabled"], false, "{demo}");
    let created = ok("POST", &base, &admin, "/admin/webhooks", Some(new));
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("whsec_") && secret.len() == 70,
        "256 bits in hex: {secret}"
    );
    let id = created["endpoint"]["id"].as_str().unwrap().to_owned();
    // It starts at the head: the demo's history is not replayed.
    let start = created["endpoint"]["delivered_through"].as_u64().unwrap();
    assert!(
        start > 10,
        "the demo data is in the trail before the endpoint: {created}"
    );
    *receiver.secret.lock().unwrap() = secret.clone();
    receiver.up();

    // 1. Receiver up: a request registered and moved arrives.
    let request = ok(
        "POST",
        &base,
        &registrar,
        "/requests",
        Some(json!({"kind": "publicity", "received": "2026-12-01", "anonymous": true})),
    );
    let request_id = request["id"].as_str().unwrap().to_owned();
    ok(
        "POST",
        &base,
        &registrar,
        &format!("/requests/{request_id}/transition"),
        Some(json!({"state": "in-progress"})),
    );
    let phase1 = events_after(&base, &admin, start);
    assert_has(&phase1, &["request.new", "request.transition"]);
    receiver.wait_for(&phase1.keys().cloned().collect(), "receiver up");
    let moved = receiver
        .seen
        .lock()
        .unwrap()
        .events
        .values()
        .find(|e| e["type"] == "request.transition")
        .cloned()
        .unwrap();
    assert_eq!(moved["target"], json!({"kind": "request", "id": request_id}));
    assert_eq!(moved["state"]["to"], "in-progress", "{moved}");

    // 2. Receiver down: an incident recorded and marked a breach wait, fail and are retried…
    receiver.down();
    let head_before = head(&base, &admin);
    let incident = ok(
        "POST",
        &base,
        &privacy,
        "/incidents",
        Some(json!({"title": "Kadonnut muistitikku Ainolta", "aware_at": "2026-12-01T08:00", "breach": false})),
    );
    let incident_id = incident["id"].as_str().unwrap().to_owned();
    ok(
        "POST",
        &base,
        &privacy,
        &format!("/incidents/{incident_id}/breach"),
        None,
    );
    let phase2 = events_after(&base, &admin, head_before);
    assert_has(&phase2, &["incident.new", "incident.breach"]);
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let log = ok("GET", &base, &admin, &format!("/admin/webhooks/{id}/deliveries"), None);
        let failures = log.as_array().unwrap().iter().filter(|d| !d["error"].is_null()).count();
        if failures >= 2 {
            break;
        }
        assert!(Instant::now() < until, "no failed attempts logged: {log}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // … and arrive once it is back.
    receiver.up();
    receiver.wait_for(&phase2.keys().cloned().collect(), "receiver back");

    // 3. Receiver down, changes, SIGKILL before they can be delivered, restart, receiver up.
    receiver.down();
    let head_before = head(&base, &admin);
    let case = ok(
        "POST",
        &base,
        &registrar,
        "/cases",
        Some(json!({"class": "07 01 02", "title": "Rakennuslupa, Mäkisen tontti"})),
    );
    let case_id = case["id"].as_str().unwrap().to_owned();
    ok(
        "POST",
        &base,
        &registrar,
        &format!("/cases/{case_id}/transition"),
        Some(json!({"state": "vireilla"})),
    );
    ok(
        "POST",
        &base,
        &archivist,
        "/disposal/proposals",
        Some(json!({"on": "2300-01-01"})),
    );
    let phase3 = events_after(&base, &admin, head_before);
    assert_has(&phase3, &["case.open", "case.transition", "disposal.propose"]);
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    assert!(phase3.keys().all(|event| !receiver.ids().contains(event)));
    let (mut server, base) = serve(&data, &log, false);
    let admin = common::token(&base, "admin", "a long admin passphrase");
    receiver.up();
    receiver.wait_for(&phase3.keys().cloned().collect(), "after SIGKILL and restart");

    // Everything arrived, nothing else (reads and admin acts are no events), every delivery
    // verified; duplicates (at-least-once) are allowed and de-duplicated by id.
    let wanted: BTreeSet<String> = phase1
        .keys()
        .chain(phase2.keys())
        .chain(phase3.keys())
        .cloned()
        .collect();
    let seen = receiver.seen.lock().unwrap();
    assert_eq!(seen.events.keys().cloned().collect::<BTreeSet<_>>(), wanted);
    assert!(seen.posts >= wanted.len());
    assert!(seen.refused.is_empty(), "{:?}", seen.refused);
    // No titles or names in a payload: ids, kinds, types and state names only.
    let bodies = serde_json::to_string(&seen.events).unwrap();
    for private in ["Ainolta", "muistitikku", "Mäkisen", "kirjaaja", "tietosuojavastaava"] {
        assert!(!bodies.contains(private), "{private} in a payload: {bodies}");
    }
    let breach = seen.events.values().find(|e| e["type"] == "incident.breach").unwrap();
    assert_eq!(breach["target"], json!({"kind": "incident", "id": incident_id}));
    drop(seen);

    // The delivery log: failed attempts (no answer) and successful ones (204), newest first.
    let log_answer = ok("GET", &base, &admin, &format!("/admin/webhooks/{id}/deliveries"), None);
    let attempts = log_answer.as_array().unwrap();
    assert!(
        attempts.iter().any(|d| d["status"] == 204 && d["error"].is_null()),
        "{log_answer}"
    );
    assert!(
        attempts
            .iter()
            .any(|d| d["status"].is_null() && d["error"].as_str().unwrap().contains("connect")),
        "{log_answer}"
    );
    assert!(
        attempts.iter().any(|d| d["attempt"].as_u64() > Some(1)),
        "retries: {log_answer}"
    );
    let listed = ok("GET", &base, &admin, "/admin/webhooks", None);
    let one = ok("GET", &base, &admin, &format!("/admin/webhooks/{id}"), None);
    assert_eq!(one["failing_attempts"], 0, "{one}");
    server.kill().unwrap();
    server.wait().unwrap();
    let server_log = std::fs::read_to_string(&log).unwrap();
    // The CLI reads the same log from the stopped service's data folder.
    let cli_log = common::kirjuri(&data, &["webhook", "deliveries", &id]);
    assert_eq!(cli_log.code, 0, "{}", cli_log.all());
    assert!(cli_log.stdout.contains("  204  "), "{}", cli_log.stdout);
    assert!(!cli_log.all().contains(&secret));
    assert!(
        server_log.contains("webhook delivery failed"),
        "the failures are logged"
    );
    for (place, text) in [
        ("list", listed.to_string()),
        ("endpoint", one.to_string()),
        ("delivery log", log_answer.to_string()),
        ("server log", server_log),
    ] {
        assert!(!text.contains(&secret), "the secret appears in the {place}");
    }
}

/// Rotating the secret: the old one stops signing at once; deleting removes the endpoint and
/// its log; both are audited without the secret.
#[test]
fn rotate_update_and_delete_over_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let server = common::start_server(dir.path());
    let base = server.base.clone();
    let admin = common::token(&base, "admin", "a long admin passphrase");
    let created = ok(
        "POST",
        &base,
        &admin,
        "/admin/webhooks",
        Some(json!({"url": "https://hooks.example.fi/in", "events": ["case.open"], "enabled": false})),
    );
    let first = created["secret"].as_str().unwrap().to_owned();
    let rotated = ok("POST", &base, &admin, "/admin/webhooks/wh-1/rotate-secret", None);
    let second = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(first, second);
    let agent = common::agent();
    let mut response = agent
        .put(&format!("{base}/api/v1/admin/webhooks/wh-1"))
        .header("authorization", &format!("Bearer {admin}"))
        .content_type("application/json")
        .send(r#"{"events":["case.open","incident.breach"]}"#)
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let updated: Value = serde_json::from_str(&common::body(&mut response)).unwrap();
    assert_eq!(updated["events"], json!(["case.open", "incident.breach"]));
    assert!(updated.get("secret").is_none());
    assert_eq!(call("DELETE", &base, &admin, "/admin/webhooks/wh-1", None).0, 204);
    assert_eq!(call("GET", &base, &admin, "/admin/webhooks/wh-1", None).0, 404);
    let trail = ok("GET", &base, &admin, "/audit?action=webhook.", None).to_string();
    for action in [
        "webhook.create",
        "webhook.rotate_secret",
        "webhook.update",
        "webhook.delete",
    ] {
        assert!(trail.contains(action), "{action} audited: {trail}");
    }
    assert!(!trail.contains(&first) && !trail.contains(&second));
}

/// The CLI on a data folder: add prints the secret once; list never shows it; a bad URL is
/// bad input (exit 2) naming the field.
#[test]
fn the_cli_adds_lists_and_shows_deliveries() {
    let dir = tempfile::tempdir().unwrap();
    let added = common::kirjuri(
        dir.path(),
        &[
            "webhook",
            "add",
            "--url",
            "https://hooks.example.fi/kirjuri",
            "--events",
            "all",
        ],
    );
    assert_eq!(added.code, 0, "{}", added.all());
    let secret = added
        .stdout
        .split("secret (shown once): ")
        .nth(1)
        .unwrap()
        .trim()
        .to_owned();
    assert!(secret.starts_with("whsec_") && secret.len() == 70, "{secret}");
    let listed = common::kirjuri(dir.path(), &["webhook", "list"]);
    assert!(
        listed
            .stdout
            .starts_with("wh-1  enabled  https://hooks.example.fi/kirjuri"),
        "{}",
        listed.stdout
    );
    assert!(!listed.all().contains(&secret));
    let listed = common::json(dir.path(), &["webhook", "list", "--json"]);
    assert_eq!(
        listed[0]["events"].as_array().unwrap().len(),
        kirjuri_webhooks::EVENT_TYPES.len()
    );
    let bad = common::kirjuri(
        dir.path(),
        &["webhook", "add", "--url", "ftp://x.fi/", "--events", "case.open"],
    );
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("url:"), "{}", bad.stderr);
    assert_eq!(
        common::json(dir.path(), &["webhook", "deliveries", "wh-1", "--json"]),
        json!([])
    );
    assert_eq!(common::kirjuri(dir.path(), &["webhook", "deliveries", "wh-9"]).code, 2);
}
