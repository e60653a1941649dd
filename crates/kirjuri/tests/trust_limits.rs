//! Issue 14 ("a complete audit trail, no way to exhaust the service") end to end against the
//! real `kirjuri serve` binary: sign-in throttling per user name and per source address (real
//! sockets bound to different loopback addresses), failed sign-ins in the audit trail and the
//! log without the password, `X-Purpose` in UTF-8, field limits in the API and the CLI, file
//! names with control characters, and the security headers of pages and downloads.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Server, agent, kirjuri, start_server_with, token};
use serde_json::Value;

/// A lockout short enough to wait out in a test.
const LOCKOUT_SECONDS: &str = "3";

/// `kirjuri serve --demo` with a short lockout and its stderr kept in a file.
fn start_logged_server(data: &Path, stderr: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["serve", "--listen", "127.0.0.1:0", "--demo"])
        .env("KIRJURI_DATA", data)
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_LOG", "warn")
        .env("KIRJURI_SIGN_IN_LOCKOUT_SECONDS", LOCKOUT_SECONDS)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(stderr).unwrap())
        .spawn()
        .unwrap();
    let base = common::server_base(&mut child);
    Server { child, base }
}

/// An HTTP answer read off a raw socket.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }
}

/// Sends one request from the loopback address `source` (the whole 127/8 is this machine),
/// so the server sees a different connecting address per source.
fn send_from(source: &str, base: &str, request_head: &str, body: &[u8]) -> Answer {
    let server: std::net::SocketAddr = base.trim_start_matches("http://").parse().unwrap();
    let source: std::net::SocketAddr = format!("{source}:0").parse().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let raw = runtime.block_on(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(source).unwrap();
        let mut stream = socket.connect(server).await.unwrap();
        let mut request = format!(
            "{request_head}\r\nHost: {server}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        stream.write_all(&request).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        raw
    });
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// `POST /api/v1/tokens` from `source`.
fn api_sign_in(source: &str, base: &str, name: &str, password: &str, extra_header: &str) -> Answer {
    let body = serde_json::json!({ "name": name, "password": password }).to_string();
    let head = format!("POST /api/v1/tokens HTTP/1.1\r\nContent-Type: application/json{extra_header}");
    send_from(source, base, &head, body.as_bytes())
}

/// The sign-in form from `source`.
fn form_sign_in(source: &str, base: &str, name: &str, password: &str) -> Answer {
    let body = format!("name={name}&password={}", password.replace(' ', "+"));
    let head = "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded";
    send_from(source, base, head, body.as_bytes())
}

fn audit_entries(base: &str) -> Vec<Value> {
    let admin = token(base, "admin", "a long admin passphrase");
    let mut response = agent()
        .get(&format!("{base}/api/v1/audit?limit=1000"))
        .header("authorization", format!("Bearer {admin}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let value: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    value["entries"].as_array().unwrap().clone()
}

#[test]
fn sign_in_is_throttled_per_user_name_and_per_source_address() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = dir.path().join("stderr.log");
    let server = start_logged_server(&dir.path().join("data"), &stderr);
    let base = server.base.as_str();

    // Five wrong passwords for the registrar: each a plain 401.
    for attempt in 0..5 {
        let wrong = api_sign_in("127.0.0.1", base, "kirjaaja", "väärä salasana", "");
        assert_eq!(wrong.status, 401, "attempt {attempt}: {}", wrong.body);
    }
    // Now even the right password is refused, over the API and on the form, from any address.
    let locked = api_sign_in("127.0.0.1", base, "kirjaaja", "demo-kirjaaja-2026", "");
    assert_eq!(locked.status, 429, "{}", locked.body);
    let retry_after: u64 = locked.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=3).contains(&retry_after), "{retry_after}");
    assert!(
        locked.body.contains("\"code\":\"too_many_attempts\""),
        "{}",
        locked.body
    );
    assert_eq!(
        locked.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    let elsewhere = api_sign_in("127.0.0.2", base, "kirjaaja", "demo-kirjaaja-2026", "");
    assert_eq!(elsewhere.status, 429, "the user's lock holds across addresses");
    let form = form_sign_in("127.0.0.2", base, "kirjaaja", "demo-kirjaaja-2026");
    assert_eq!(form.status, 429);
    assert!(form.header("retry-after").is_some());
    assert!(form.header("set-cookie").is_none(), "no session while locked out");
    assert!(
        form.body.contains("Liian monta epäonnistunutta kirjautumisyritystä"),
        "a readable Finnish message: {}",
        form.body
    );
    // Another user at the same address is not locked by the registrar's failures.
    let other = api_sign_in("127.0.0.1", base, "tarkastaja", "demo-tarkastaja-2026", "");
    assert_eq!(other.status, 200, "{}", other.body);

    // Twenty failures from one address over many names lock the address, for every name,
    // and a forged X-Forwarded-For does not get round it (the proxy is not trusted).
    for n in 0..20 {
        let wrong = api_sign_in("127.0.0.3", base, &format!("arvaus{n}"), "väärä salasana", "");
        assert_eq!(wrong.status, 401, "attempt {n}: {}", wrong.body);
    }
    let from_locked_address = api_sign_in("127.0.0.3", base, "arkistonhoitaja", "demo-arkistonhoitaja-2026", "");
    assert_eq!(from_locked_address.status, 429, "{}", from_locked_address.body);
    let forged = api_sign_in(
        "127.0.0.3",
        base,
        "arkistonhoitaja",
        "demo-arkistonhoitaja-2026",
        "\r\nX-Forwarded-For: 198.51.100.7",
    );
    assert_eq!(forged.status, 429, "X-Forwarded-For is not trusted by default");
    let other_address = api_sign_in("127.0.0.4", base, "arkistonhoitaja", "demo-arkistonhoitaja-2026", "");
    assert_eq!(other_address.status, 200, "{}", other_address.body);

    // After the lockout the right password works again, over the API and on the form.
    std::thread::sleep(std::time::Duration::from_secs(
        LOCKOUT_SECONDS.parse::<u64>().unwrap() + 1,
    ));
    let again = api_sign_in("127.0.0.1", base, "kirjaaja", "demo-kirjaaja-2026", "");
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(again.body.contains("\"token\""));
    let form_again = form_sign_in("127.0.0.2", base, "kirjaaja", "demo-kirjaaja-2026");
    assert_eq!(form_again.status, 303, "{}", form_again.body);
    let address_again = api_sign_in("127.0.0.3", base, "arkistonhoitaja", "demo-arkistonhoitaja-2026", "");
    assert_eq!(address_again.status, 200, "{}", address_again.body);

    // The OpenAPI description tells clients about the 429.
    let description = send_from("127.0.0.1", base, "GET /openapi.json HTTP/1.1", b"");
    let description: Value = serde_json::from_str(&description.body).unwrap();
    let too_many = &description["paths"]["/api/v1/tokens"]["post"]["responses"]["429"];
    assert!(too_many["headers"]["Retry-After"].is_object(), "{too_many}");
}

#[test]
fn failed_sign_ins_are_audited_and_logged_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = dir.path().join("stderr.log");
    let server = start_logged_server(&dir.path().join("data"), &stderr);
    let base = server.base.as_str();
    let secret = "Vuotava-Salasana-7781";

    let api = api_sign_in("127.0.0.5", base, "kirjaaja", secret, "");
    assert_eq!(api.status, 401);
    let form = form_sign_in("127.0.0.6", base, "tuntematon", secret);
    assert_eq!(form.status, 401);

    let entries = audit_entries(base);
    let failed: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "session.sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 2, "one entry per failure: {failed:?}");
    assert_eq!(failed[0]["detail"]["user"], "kirjaaja");
    assert_eq!(failed[0]["detail"]["address"], "127.0.0.5");
    assert_eq!(failed[0]["detail"]["via"], "api");
    assert_eq!(failed[0]["target_id"], "kirjaaja");
    assert_eq!(
        failed[1]["detail"]["user"], "tuntematon",
        "unknown names are audited too"
    );
    assert_eq!(failed[1]["detail"]["address"], "127.0.0.6");
    assert_eq!(failed[1]["detail"]["via"], "web");
    let trail = serde_json::to_string(&entries).unwrap();
    assert!(!trail.contains(secret), "the password is not in the audit trail");

    drop(server);
    let log = std::fs::read_to_string(&stderr).unwrap();
    assert!(
        log.contains("sign-in failed") && log.contains("kirjaaja") && log.contains("127.0.0.5"),
        "the failure is logged with the user and address: {log}"
    );
    assert!(!log.contains(secret), "the password is not in the log: {log}");
}

/// Finds a restricted document of the demo data (the incident report of case 4).
fn restricted_document(base: &str, auth: &str) -> String {
    let mut response = agent()
        .get(&format!("{base}/api/v1/cases/case-4"))
        .header("authorization", auth)
        .call()
        .unwrap();
    let value: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    value["documents"][0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn purpose_of_use_in_utf8_is_recorded_in_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let auth = format!("Bearer {}", token(base, "kirjaaja", "demo-kirjaaja-2026"));
    let document = restricted_document(base, &auth);
    let spellings: [&[u8]; 3] = [
        b"asian%20k%C3%A4sittely",
        b"UTF-8''asian%20k%C3%A4sittely",
        "asian käsittely".as_bytes(),
    ];
    for spelling in spellings {
        let response = agent()
            .get(&format!("{base}/api/v1/documents/{document}"))
            .header("authorization", &auth)
            .header("x-purpose", ureq::http::HeaderValue::from_bytes(spelling).unwrap())
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
    }
    let latin1 = agent()
        .get(&format!("{base}/api/v1/documents/{document}"))
        .header("authorization", &auth)
        .header(
            "x-purpose",
            ureq::http::HeaderValue::from_bytes(b"k\xe4sittely").unwrap(),
        )
        .call()
        .unwrap();
    assert_eq!(
        latin1.status().as_u16(),
        400,
        "text that is not UTF-8 is refused, not dropped"
    );

    let reads: Vec<Value> = audit_entries(base)
        .into_iter()
        .filter(|e| e["action"] == "document.read" && e["target_id"] == document.as_str())
        .collect();
    assert_eq!(reads.len(), 3, "{reads:?}");
    for read in &reads {
        assert_eq!(read["purpose"], "asian käsittely", "{read}");
    }
}

fn file_count(folder: &Path) -> usize {
    fn walk(folder: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(folder, &mut found);
    found.len()
}

#[test]
fn over_long_fields_and_bad_file_names_are_refused_by_api_and_cli() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &["--demo"], &[]);
    let base = server.base.as_str();
    let auth = format!("Bearer {}", token(base, "kirjaaja", "demo-kirjaaja-2026"));
    let agent = agent();

    // The issue's own example: a 1,024,000-character case title.
    let huge = serde_json::json!({ "class": "07 01 02", "title": "x".repeat(1_024_000) }).to_string();
    let mut refused = agent
        .post(&format!("{base}/api/v1/cases"))
        .header("authorization", &auth)
        .content_type("application/json")
        .send(huge.as_str())
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let problem: Value = serde_json::from_str(&refused.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(problem["code"], "too_long", "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("title") && detail.contains("500"), "{detail}");
    let party = serde_json::json!({ "class": "07 01 02", "title": "Asia", "parties": ["p".repeat(201)] }).to_string();
    let mut refused_party = agent
        .post(&format!("{base}/api/v1/cases"))
        .header("authorization", &auth)
        .content_type("application/json")
        .send(party.as_str())
        .unwrap();
    assert_eq!(refused_party.status().as_u16(), 400);
    assert!(
        refused_party
            .body_mut()
            .read_to_string()
            .unwrap()
            .contains("parties[0]")
    );
    let mut listed = agent
        .get(&format!("{base}/api/v1/cases"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert!(
        !listed.body_mut().read_to_string().unwrap().contains("xxxxxxxxxx"),
        "no case was opened"
    );

    // An upload whose file name holds a control character stores nothing.
    let blobs = data.join("blobs");
    let documents_before = {
        let mut case = agent
            .get(&format!("{base}/api/v1/cases/case-2"))
            .header("authorization", &auth)
            .call()
            .unwrap();
        let value: Value = serde_json::from_str(&case.body_mut().read_to_string().unwrap()).unwrap();
        value["documents"].as_array().unwrap().len()
    };
    let blobs_before = file_count(&blobs);
    for file_name in ["a%00b.txt", "rivi%0Avaihto.txt", "%1B%5B31m.txt"] {
        let mut upload = agent
            .post(&format!(
                "{base}/api/v1/cases/case-2/documents?record_type=asiakirjapyynto&title=Liite&file_name={file_name}"
            ))
            .header("authorization", &auth)
            .content_type("text/plain")
            .send("Ainutlaatuinen sisältö ohjausmerkkitestiin")
            .unwrap();
        assert_eq!(upload.status().as_u16(), 400, "{file_name}");
        let problem: Value = serde_json::from_str(&upload.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(problem["code"], "bad_file_name", "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("file_name"), "{problem}");
    }
    let mut case = agent
        .get(&format!("{base}/api/v1/cases/case-2"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    let value: Value = serde_json::from_str(&case.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(
        value["documents"].as_array().unwrap().len(),
        documents_before,
        "no document registered"
    );
    assert_eq!(file_count(&blobs), blobs_before, "no content stored");

    // The command line refuses the same title (after the service has stopped).
    drop(server);
    let long_title = "y".repeat(501);
    let cli = kirjuri(&data, &["case", "open", "--class", "07 01 02", "--title", &long_title]);
    assert_eq!(cli.code, 2, "{}", cli.all());
    assert!(
        cli.stderr.contains("title") && cli.stderr.contains("500"),
        "{}",
        cli.stderr
    );
    let fine = kirjuri(
        &data,
        &["case", "open", "--class", "07 01 02", "--title", &"y".repeat(500)],
    );
    assert_eq!(fine.code, 0, "500 characters are allowed: {}", fine.all());
}

#[test]
fn pages_and_downloads_carry_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(
        &dir.path().join("data"),
        &["--demo"],
        &[("KIRJURI_INSECURE_COOKIES", "1")],
    );
    let base = server.base.as_str();
    let agent = agent();
    let signed_in = agent
        .post(&format!("{base}/login"))
        .send_form([("name", "admin"), ("password", "a long admin passphrase")])
        .unwrap();
    assert_eq!(signed_in.status().as_u16(), 303);
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    for page in [
        "/login",
        "/",
        "/ui/search?q=sopimus",
        "/ui/cases",
        "/ui/cases/case-1",
        "/ui/requests",
        "/ui/incidents",
        "/ui/retention",
    ] {
        let mut response = agent
            .get(&format!("{base}{page}"))
            .header("cookie", &cookie)
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{page}");
        let headers = response.headers().clone();
        let csp = headers["content-security-policy"].to_str().unwrap();
        for directive in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(directive), "{page}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{page}: {csp}");
        assert_eq!(headers["x-frame-options"], "DENY", "{page}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{page}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{page}");
        assert_eq!(headers["cache-control"], "no-store", "{page}: no cache keeps a page");
        let html = response.body_mut().read_to_string().unwrap();
        // A script comes from this site's own file (the 72-hour clock's countdown), never inline.
        let inline_script = html.match_indices("<script").any(|(at, _)| {
            !html[at..]
                .split('>')
                .next()
                .unwrap_or_default()
                .contains("src=\"/static/")
        });
        assert!(
            !html.contains("<style") && !inline_script && !html.contains(" style="),
            "{page}: nothing inline that the policy would block"
        );
        assert!(html.contains("href=\"/static/kirjuri.css\""), "{page}");
    }
    let mut stylesheet = agent.get(&format!("{base}/static/kirjuri.css")).call().unwrap();
    assert_eq!(stylesheet.status().as_u16(), 200);
    assert_eq!(stylesheet.headers()["content-type"], "text/css; charset=utf-8");
    assert!(stylesheet.body_mut().read_to_string().unwrap().contains("font-family"));

    // API answers load nothing and run no script.
    let health = agent.get(&format!("{base}/api/v1/me")).call().unwrap();
    assert_eq!(health.status().as_u16(), 401);
    assert!(
        health.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert_eq!(health.headers()["x-content-type-options"], "nosniff");

    // Stored HTML is downloaded as an attachment, never rendered or sniffed.
    let auth = format!("Bearer {}", token(base, "admin", "a long admin passphrase"));
    let mut uploaded = agent
        .post(&format!(
            "{base}/api/v1/cases/case-2/documents?record_type=asiakirjapyynto&title=Liite&file_name=sivu%C3%A4.html"
        ))
        .header("authorization", &auth)
        .content_type("text/html")
        .send("<script>alert(1)</script>")
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 201);
    let document: Value = serde_json::from_str(&uploaded.body_mut().read_to_string().unwrap()).unwrap();
    let mut download = agent
        .get(&format!(
            "{base}/api/v1/documents/{}/content",
            document["id"].as_str().unwrap()
        ))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(download.status().as_u16(), 200);
    let headers = download.headers().clone();
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''sivu%C3%A4.html"),
        "{disposition}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(
        download.body_mut().read_to_string().unwrap(),
        "<script>alert(1)</script>"
    );
}
