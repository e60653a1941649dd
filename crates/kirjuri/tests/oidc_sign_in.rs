//! Sign-in through a real OpenID provider, end to end: `tests/oidc/provider.mjs` runs the
//! certified `oidc-provider` package under node on loopback with Kirjuri registered as a client;
//! the real `kirjuri serve` is configured for it; an HTTP client that keeps cookies drives the
//! browser's part — Kirjuri's redirect, the provider's login and consent forms, the callback,
//! the session — and the roles come from the groups claim.
//!
//! Negative cases, each a test: a wrong audience, a wrong issuer, an expired ID token and a bad
//! signature come from the provider run in a misbehaving `--mode`; a replayed `state` and a wrong
//! `nonce` from tampering with the redirects the client follows; a user without a mapped group;
//! a group removed between two sign-ins.
//!
//! The provider needs node and `npm ci` in `tests/oidc/`. Without them these tests are skipped
//! with a note, unless `KIRJURI_REQUIRE_OIDC` is set (CI sets it after installing them).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

const CLIENT_ID: &str = "kirjuri";
const CLIENT_SECRET: &str = "kirjuri-test-secret-do-not-log";
const ADMIN_PASSWORD: &str = "a long admin passphrase";

fn provider_folder() -> PathBuf {
    common::repo_root().join("tests/oidc")
}

/// Whether node and the provider's modules are there; without them the test is skipped,
/// unless `KIRJURI_REQUIRE_OIDC` makes that a failure.
fn provider_available() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = provider_folder()
        .join("node_modules/oidc-provider/package.json")
        .exists();
    if node && modules {
        return true;
    }
    assert!(
        std::env::var_os("KIRJURI_REQUIRE_OIDC").is_none(),
        "KIRJURI_REQUIRE_OIDC is set but the test provider cannot run (node: {node}, \
         tests/oidc/node_modules: {modules}); run `npm ci` in tests/oidc"
    );
    eprintln!("note: skipped: the test OpenID provider needs node and `npm ci` in tests/oidc");
    false
}

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The test accounts: name → groups (the provider reads the file at every sign-in).
fn write_accounts(path: &Path, accounts: &[(&str, &[&str])]) {
    let mut value = serde_json::Map::new();
    for (name, groups) in accounts {
        value.insert(
            (*name).to_owned(),
            serde_json::json!({ "name": format!("Test {name}"), "groups": groups }),
        );
    }
    std::fs::write(path, serde_json::Value::Object(value).to_string()).unwrap();
}

/// The provider and Kirjuri, both on loopback.
struct Setup {
    _provider: Running,
    _kirjuri: Running,
    _dir: tempfile::TempDir,
    issuer: String,
    base: String,
    accounts: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Setup {
    /// Starts the provider in `mode` and Kirjuri configured for it, with local password
    /// sign-in for the break-glass `admin` only, and RP-initiated logout.
    fn start(mode: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let accounts = dir.path().join("accounts.json");
        write_accounts(
            &accounts,
            &[
                ("liisa", &["g-registry"]),
                ("arto", &["g-archive", "g-registry"]),
                ("ulla", &["g-unmapped"]),
            ],
        );
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut provider = Command::new("node")
            .arg(provider_folder().join("provider.mjs"))
            .args(["--port", "0", "--mode", mode, "--client-id", CLIENT_ID])
            .args(["--client-secret", CLIENT_SECRET])
            .arg("--accounts")
            .arg(&accounts)
            .args(["--redirect-uri", &format!("{base}/oidc/callback")])
            .args(["--post-logout-redirect-uri", &format!("{base}/login")])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let line = common::first_line_with(&mut provider, "issuer ");
        let provider = Running(provider);
        let issuer = line.trim_start_matches("issuer ").trim().to_owned();

        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let secret_file = dir.path().join("client-secret");
        std::fs::write(&secret_file, format!("{CLIENT_SECRET}\n")).unwrap();
        let config = format!(
            r#"organisation = "Laitilan kaupunki"
diary_prefix = "LAI"
default_department = "hallintotoimi"

[oidc]
issuer = "{issuer}"
client_id = "{CLIENT_ID}"
client_secret_file = "{secret}"
redirect_url = "{base}/oidc/callback"
end_session = true
post_logout_redirect_url = "{base}/login"
local_sign_in = "break-glass-only"
break_glass = ["admin"]

[[oidc.mappings]]
group = "g-archive"
role = "archivist"
departments = ["keskushallinto"]

[[oidc.mappings]]
group = "g-registry"
role = "registrar"
departments = ["hallintotoimi"]
"#,
            secret = secret_file.display()
        );
        std::fs::write(data.join("config.toml"), config).unwrap();
        let mut kirjuri = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("KIRJURI_DATA", &data)
            .env("KIRJURI_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("KIRJURI_INSECURE_COOKIES", "1")
            .env("KIRJURI_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        common::first_line_with(&mut kirjuri, "on http://");
        let setup = Setup {
            _provider: provider,
            _kirjuri: Running(kirjuri),
            _dir: dir,
            issuer,
            base,
            accounts,
        };
        // A local account that is not a break-glass one.
        let created = Client::new()
            .post(format!("{}/api/v1/users", setup.base))
            .bearer_auth(setup.admin_token())
            .header("content-type", "application/json")
            .body(r#"{"name":"paikallinen","role":"registrar","password":"a long local password"}"#)
            .send()
            .unwrap();
        assert_eq!(created.status().as_u16(), 201);
        setup
    }

    fn set_groups(&self, accounts: &[(&str, &[&str])]) {
        write_accounts(&self.accounts, accounts);
    }

    /// The admin's bearer token (a break-glass account keeps its password).
    fn admin_token(&self) -> String {
        common::token(&self.base, "admin", ADMIN_PASSWORD)
    }

    /// The whole audit trail as text.
    fn audit(&self) -> String {
        let token = self.admin_token();
        let response = Client::new()
            .get(format!("{}/api/v1/audit?limit=1000", self.base))
            .bearer_auth(token)
            .send()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        response.text().unwrap()
    }

    fn users(&self) -> serde_json::Value {
        let token = self.admin_token();
        Client::new()
            .get(format!("{}/api/v1/users", self.base))
            .bearer_auth(token)
            .send()
            .unwrap()
            .text()
            .map(|text| serde_json::from_str(&text).unwrap())
            .unwrap()
    }
}

/// A browser: keeps cookies, follows nothing by itself.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// Where a sign-in through the provider ended.
struct Ended {
    status: u16,
    body: String,
    /// The callback URL the provider sent the browser to.
    callback: Option<String>,
    /// The `Set-Cookie` headers of the callback's answer.
    callback_cookies: Vec<String>,
}

fn absolute(current: &reqwest::Url, location: &str) -> String {
    current.join(location).unwrap().to_string()
}

/// The action of the page's form (the provider's login or consent form).
fn form_action(html: &str) -> String {
    let at = html.find("action=\"").expect("a form") + "action=\"".len();
    html[at..].split('"').next().unwrap().replace("&amp;", "&")
}

/// Signs in as `login` the way a browser does: from Kirjuri's `/login/oidc` through the
/// provider's login and consent forms back to the callback. `tamper` may change any URL the
/// browser is sent to before it goes there.
fn sign_in_with(browser: &Client, base: &str, login: &str, tamper: &dyn Fn(String) -> String) -> Ended {
    let mut response: Response = browser.get(format!("{base}/login/oidc")).send().unwrap();
    let mut callback = None;
    for _ in 0..20 {
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let location = response.headers()["location"].to_str().unwrap().to_owned();
            let next = tamper(absolute(response.url(), &location));
            if next.contains("/oidc/callback") {
                callback = Some(next.clone());
            }
            response = browser.get(&next).send().unwrap();
            continue;
        }
        let url = response.url().clone();
        let cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let body = response.text().unwrap();
        if body.contains("name=\"prompt\" value=\"login\"") {
            response = browser
                .post(absolute(&url, &form_action(&body)))
                .form(&[("prompt", "login"), ("login", login), ("password", "any password")])
                .send()
                .unwrap();
            continue;
        }
        if body.contains("name=\"prompt\" value=\"consent\"") {
            response = browser
                .post(absolute(&url, &form_action(&body)))
                .form(&[("prompt", "consent")])
                .send()
                .unwrap();
            continue;
        }
        return Ended {
            status,
            body,
            callback,
            callback_cookies: cookies,
        };
    }
    panic!("the sign-in did not end within 20 steps");
}

fn sign_in(browser: &Client, base: &str, login: &str) -> Ended {
    sign_in_with(browser, base, login, &|url| url)
}

/// `GET /api/v1/me` with the browser's session: (status, body).
fn me(browser: &Client, base: &str) -> (u16, serde_json::Value) {
    let response = browser.get(format!("{base}/api/v1/me")).send().unwrap();
    let status = response.status().as_u16();
    let text = response.text().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

/// Replaces one query parameter of a URL (or removes it with `None`).
fn with_parameter(url: &str, name: &str, value: Option<&str>) -> String {
    let mut parsed = reqwest::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| key != name)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    {
        let mut query = parsed.query_pairs_mut();
        query.clear();
        for (key, existing) in &pairs {
            query.append_pair(key, existing);
        }
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    parsed.to_string()
}

fn refused_with(ended: &Ended, reason: &str) {
    assert_eq!(ended.status, 403, "{}", ended.body);
    assert!(ended.body.contains(reason), "expected reason {reason}: {}", ended.body);
}

#[test]
fn sign_in_through_the_provider_gives_the_role_of_the_groups() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let base = setup.base.as_str();
    let browser = browser();

    // The sign-in page offers the city account; local passwords only for break-glass accounts.
    let login_page = browser.get(format!("{base}/login")).send().unwrap().text().unwrap();
    assert!(login_page.contains("Kirjaudu kaupungin tunnuksella"), "{login_page}");
    assert!(login_page.contains("href=\"/login/oidc\""));

    let ended = sign_in(&browser, base, "liisa");
    assert_eq!(ended.status, 200, "{}", ended.body);
    assert!(
        ended.body.contains("url=/"),
        "the page moves on to the front page: {}",
        ended.body
    );
    let session_cookie = ended
        .callback_cookies
        .iter()
        .find(|c| c.starts_with("kirjuri_session="))
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session_cookie.contains(attribute), "{session_cookie}");
    }
    let (status, who) = me(&browser, base);
    assert_eq!(status, 200);
    assert_eq!(who["name"], "liisa");
    assert_eq!(who["role"], "registrar");
    // The same browser session as a password sign-in: pages with the CSRF token.
    let front = browser.get(format!("{base}/")).send().unwrap().text().unwrap();
    assert!(front.contains("liisa (kirjaamo)"), "{front}");
    assert!(front.contains("name=\"csrf\""));

    // Two mapped groups: the first mapping in the file gives the role, the departments are the
    // union.
    let other = self::browser();
    assert_eq!(sign_in(&other, base, "arto").status, 200);
    let (_, who) = me(&other, base);
    assert_eq!(who["role"], "archivist");
    let users = setup.users();
    let arto = users.as_array().unwrap().iter().find(|u| u["name"] == "arto").unwrap();
    assert_eq!(
        arto["departments"],
        serde_json::json!(["keskushallinto", "hallintotoimi"])
    );
    assert_eq!(arto["sign_in"], "oidc");

    // Local passwords: off for everyone but the break-glass accounts, on the form and the API.
    let local = Client::builder().redirect(Policy::none()).build().unwrap();
    let form = local
        .post(format!("{base}/login"))
        .form(&[("name", "paikallinen"), ("password", "whatever password")])
        .send()
        .unwrap();
    assert_eq!(form.status().as_u16(), 403);
    assert!(form.text().unwrap().contains("poissa käytöstä"));
    let api = local
        .post(format!("{base}/api/v1/tokens"))
        .header("content-type", "application/json")
        .body(serde_json::json!({"name": "paikallinen", "password": "whatever password"}).to_string())
        .send()
        .unwrap();
    assert_eq!(api.status().as_u16(), 401);
    assert!(!setup.admin_token().is_empty(), "the break-glass account signs in");

    // Audited, and no secret in the audit trail.
    let audit = setup.audit();
    assert!(audit.contains("user.oidc_create"));
    assert!(audit.contains("session.oidc_sign_in"));
    assert!(!audit.contains(CLIENT_SECRET));
    let callback = ended.callback.unwrap();
    let code = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    assert!(!audit.contains(&code), "the code is never audited");

    // Sign-out ends the local session and sends the browser to the provider's end-session
    // endpoint (RP-initiated logout).
    let csrf_at = front.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    let csrf = front[csrf_at..].split('"').next().unwrap();
    let out = browser
        .post(format!("{base}/logout"))
        .form(&[("csrf", csrf)])
        .send()
        .unwrap();
    assert_eq!(out.status().as_u16(), 200);
    let page = out.text().unwrap();
    let end_session = format!("{}/session/end", setup.issuer);
    assert!(page.contains(&end_session), "{page}");
    assert!(page.contains("client_id=kirjuri"), "{page}");
    assert_eq!(me(&browser, base).0, 401, "the session has ended");
}

#[test]
fn wrong_audience_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("wrong-audience");
    let browser = browser();
    refused_with(&sign_in(&browser, &setup.base, "liisa"), "id_token_audience");
    assert_eq!(me(&browser, &setup.base).0, 401);
    assert!(setup.audit().contains("id_token_audience"));
}

#[test]
fn wrong_issuer_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("wrong-issuer");
    let browser = browser();
    // The authorization response names its issuer (RFC 9207): another than discovered.
    refused_with(&sign_in(&browser, &setup.base, "liisa"), "issuer_mismatch");
    // Without that parameter, the ID token's `iss` is checked.
    let without_iss = |url: String| {
        if url.contains("/oidc/callback") {
            with_parameter(&url, "iss", None)
        } else {
            url
        }
    };
    refused_with(
        &sign_in_with(&browser, &setup.base, "liisa", &without_iss),
        "id_token_issuer",
    );
    assert_eq!(me(&browser, &setup.base).0, 401);
}

#[test]
fn expired_id_token_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("expired");
    let browser = browser();
    refused_with(&sign_in(&browser, &setup.base, "liisa"), "id_token_expired");
    assert_eq!(me(&browser, &setup.base).0, 401);
}

#[test]
fn bad_signature_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("bad-signature");
    let browser = browser();
    refused_with(&sign_in(&browser, &setup.base, "liisa"), "id_token_signature");
    assert_eq!(me(&browser, &setup.base).0, 401);
}

#[test]
fn replayed_state_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let browser = browser();
    let ended = sign_in(&browser, &setup.base, "liisa");
    assert_eq!(ended.status, 200, "{}", ended.body);
    let callback = ended.callback.unwrap();
    // The same callback again, from the same browser: the state was used up.
    let replay = browser.get(&callback).send().unwrap();
    assert_eq!(replay.status().as_u16(), 403);
    assert!(replay.text().unwrap().contains("unknown_state"));
    let audit = setup.audit();
    assert!(audit.contains("unknown_state"), "the replay is audited");
}

#[test]
fn callback_from_another_browser_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let victim = browser();
    // The victim's browser is sent to the callback; the attacker's browser goes there instead.
    let attacker = browser();
    let stolen = std::cell::Cell::new(false);
    let ended = sign_in_with(&victim, &setup.base, "liisa", &|url| {
        if url.contains("/oidc/callback") {
            let answer = attacker.get(&url).send().unwrap();
            let status = answer.status().as_u16();
            let body = answer.text().unwrap();
            assert_eq!(status, 403, "{body}");
            assert!(body.contains("browser_mismatch"), "{body}");
            stolen.set(true);
        }
        url
    });
    assert!(stolen.get());
    // The begun sign-in was used up by the refused attempt: the victim starts again.
    assert_eq!(ended.status, 403);
    assert_eq!(me(&attacker, &setup.base).0, 401);
}

#[test]
fn wrong_nonce_is_refused() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let browser = browser();
    let other_nonce = |url: String| {
        if url.contains("/auth?") {
            with_parameter(&url, "nonce", Some("a-nonce-kirjuri-never-made"))
        } else {
            url
        }
    };
    refused_with(
        &sign_in_with(&browser, &setup.base, "liisa", &other_nonce),
        "id_token_nonce",
    );
    assert_eq!(me(&browser, &setup.base).0, 401);
}

#[test]
fn user_without_a_mapped_group_gets_no_access() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let browser = browser();
    let ended = sign_in(&browser, &setup.base, "ulla");
    refused_with(&ended, "no_mapped_group");
    assert!(ended.body.contains("Ei käyttöoikeutta"), "{}", ended.body);
    assert!(ended.body.contains("ei ole Kirjurin käyttöoikeutta"));
    assert_eq!(me(&browser, &setup.base).0, 401);
    let audit = setup.audit();
    assert!(audit.contains("session.oidc_refused"));
    assert!(audit.contains("no_mapped_group"));
}

#[test]
fn group_removed_between_two_sign_ins_removes_the_right() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let base = setup.base.as_str();
    let first = browser();
    assert_eq!(sign_in(&first, base, "arto").status, 200);
    assert_eq!(me(&first, base).1["role"], "archivist");

    // The archive group is removed: the next sign-in gives the registrar role, and the session
    // still open elsewhere no longer has the archivist's rights.
    setup.set_groups(&[("arto", &["g-registry"])]);
    let second = browser();
    assert_eq!(sign_in(&second, base, "arto").status, 200);
    assert_eq!(me(&second, base).1["role"], "registrar");
    assert_eq!(me(&first, base).1["role"], "registrar", "the older session follows");
    let retention = first.get(format!("{base}/api/v1/retention/due")).send().unwrap();
    assert_eq!(retention.status().as_u16(), 403, "no archivist's rights left");

    // The last mapped group is removed: no access, and every session of the user ends.
    setup.set_groups(&[("arto", &[])]);
    let third = browser();
    refused_with(&sign_in(&third, base, "arto"), "no_mapped_group");
    assert_eq!(me(&first, base).0, 401);
    assert_eq!(me(&second, base).0, 401);
    let users = setup.users();
    let arto = users.as_array().unwrap().iter().find(|u| u["name"] == "arto").unwrap();
    assert_eq!(arto["disabled"], true);

    // The group is given back: access again, audited as a change of rights.
    setup.set_groups(&[("arto", &["g-archive"])]);
    let fourth = browser();
    assert_eq!(sign_in(&fourth, base, "arto").status, 200);
    assert_eq!(me(&fourth, base).1["role"], "archivist");
    let audit = setup.audit();
    assert_eq!(audit.matches("user.rights_change").count(), 3, "{audit}");
}

#[test]
fn refused_callbacks_are_throttled_per_address() {
    if !provider_available() {
        return;
    }
    let setup = Setup::start("normal");
    let client = browser();
    let mut statuses = Vec::new();
    for _ in 0..50 {
        let answer = client
            .get(format!("{}/oidc/callback?error=x", setup.base))
            .send()
            .unwrap();
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses[0], 403);
    assert!(statuses[10..].iter().all(|status| *status == 429), "{statuses:?}");
    // With a state of its own and a garbage code: refused before the token endpoint, too.
    let begun = client.get(format!("{}/login/oidc", setup.base)).send().unwrap();
    let location = begun.headers()["location"].to_str().unwrap().to_owned();
    let state = reqwest::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(name, _)| name == "state")
        .map(|(_, value)| value.into_owned())
        .unwrap();
    let answer = client
        .get(format!("{}/oidc/callback?state={state}&code=garbage", setup.base))
        .send()
        .unwrap();
    assert_eq!(answer.status().as_u16(), 429);
    assert!(answer.headers().contains_key("retry-after"));
    let audit = setup.audit();
    let audited = audit.matches("provider_error").count();
    assert!((1..=5).contains(&audited), "{audited} audit entries");
    assert!(!audit.contains("token_exchange_failed"));
}
