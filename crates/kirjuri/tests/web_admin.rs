//! The admin's web pages end to end against the real binary with demo data, over HTTP (the
//! same journey runs in Chromium in `browser.rs`): the users and departments; adding a user with
//! a department and a password Kirjuri makes, which then signs in; refused names and passwords
//! kept on the form beside their field; a role changed and audited; the last admin kept; an API
//! token issued, used and revoked; a user disabled, whose session ends at once; other roles
//! refused; and the same changes over the API.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with, token};

const ADMIN_PASSWORD: &str = "a long admin passphrase";

/// The text of the first `<code class="secret" ...>` on a page (a password or token shown once).
fn secret_of(page: &str) -> String {
    let at = page.find("class=\"secret\"").expect("a secret shown");
    let rest = &page[at..];
    let start = rest.find('>').unwrap() + 1;
    rest[start..].split('<').next().unwrap().to_owned()
}

#[test]
fn the_admin_manages_users_roles_departments_and_tokens_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let admin = session_cookie(&agent, base, "admin", ADMIN_PASSWORD);

    // The users with their roles in words, and the departments with their users and cases.
    let (status, users) = get(&agent, base, &admin, "/ui/admin");
    assert_eq!(status, 200);
    assert!(
        users.contains("href=\"/ui/admin\""),
        "the admin's navigation has the users page"
    );
    assert!(
        users.contains("tietosuojavastaava</td>") || users.contains("tietosuojavastaava<"),
        "{users}"
    );
    assert!(users.contains("Kirjurin salasana"));
    assert!(users.contains("sivistystoimi"), "the departments there are");
    assert!(users.contains("(oletus)"), "the default department is marked");
    let csrf = csrf_of(&users);

    // A refused name and a weak password come back beside their field, the input kept.
    let (status, _, refused) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users",
        &[("csrf", &csrf), ("name", "x y"), ("role", "staff"), ("password", "")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"name-error\""), "{refused}");
    assert!(refused.contains("Käyttäjätunnuksessa saa olla 2–64 merkkiä"));
    assert!(refused.contains("value=\"x y\""), "the name is kept");
    let (status, _, refused) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users",
        &[
            ("csrf", &csrf),
            ("name", "liisa.laine"),
            ("role", "staff"),
            ("password", "short"),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"password-error\""), "{refused}");
    let (status, _, refused) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users",
        &[
            ("csrf", &csrf),
            ("name", "KIRJAAJA"),
            ("role", "staff"),
            ("password", ""),
        ],
    );
    assert_eq!(status, 409, "a name taken ignoring case");
    assert!(refused.contains("Tällä nimellä on jo käyttäjä"), "{refused}");

    // A staff user of a known department and a new one, with a password Kirjuri makes: shown
    // once, and it signs in.
    let (status, _, added) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users",
        &[
            ("csrf", &csrf),
            ("name", "liisa.laine"),
            ("role", "staff"),
            ("department", "sivistystoimi"),
            ("new_department", "tekninen toimi"),
            ("password", ""),
        ],
    );
    assert_eq!(status, 201, "{added}");
    assert!(added.contains("Käyttäjä lisätty: liisa.laine"), "{added}");
    let password = secret_of(&added);
    assert_eq!(password.chars().count(), 20);
    let liisa = session_cookie(&agent, base, "liisa.laine", &password);
    let (status, _) = get(&agent, base, &liisa, "/ui/admin");
    assert_eq!(status, 403, "a staff user has no users page");
    let (_, page) = get(&agent, base, &admin, "/ui/admin/users/liisa.laine");
    assert!(page.contains("sivistystoimi, tekninen toimi"), "{page}");
    assert!(!page.contains(&password), "the password is shown only once");

    // The role changed, with its message after the redirect, and audited.
    let (status, location, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/role",
        &[("csrf", &csrf), ("role", "registrar")],
    );
    assert_eq!(status, 303);
    assert!(location.contains("done=role%3Aregistrar"), "{location}");
    let (_, page) = get(&agent, base, &admin, &location);
    assert!(page.contains("Rooli muutettu: kirjaamo"), "{page}");
    let (_, page) = get(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine?done=role%3Aadmin&proof=00",
    );
    assert!(!page.contains("Rooli muutettu"), "a message needs the session's proof");

    // Departments saved from the ticks.
    let (status, location, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/departments",
        &[("csrf", &csrf), ("department", "sivistystoimi")],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &admin, &location);
    assert!(page.contains("Toimialat tallennettu."));
    assert!(!page.contains("tekninen toimi</span>"), "{page}");

    // An API token issued for her, shown once, works; revoked, it does not.
    let (status, _, issued) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/tokens",
        &[("csrf", &csrf)],
    );
    assert_eq!(status, 201);
    let api_token = secret_of(&issued);
    assert!(api_token.starts_with("kirjuri_"));
    assert!(issued.contains("Voimassa olevia tunnisteita: 1"));
    let me = |bearer: &str| {
        agent
            .get(&format!("{base}/api/v1/me"))
            .header("authorization", format!("Bearer {bearer}"))
            .call()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(me(&api_token), 200);
    let (status, location, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/tokens/revoke",
        &[("csrf", &csrf)],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &admin, &location);
    assert!(page.contains("Tunnisteita mitätöity: 1"), "{page}");
    assert_eq!(me(&api_token), 401);

    // Disabled, her session ends at once (and her tokens); enabled again, she signs in anew.
    let (status, location, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/access",
        &[("csrf", &csrf), ("disabled", "true")],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &admin, &location);
    assert!(page.contains("Käyttäjä poistettu käytöstä"), "{page}");
    let (status, _) = get(&agent, base, &liisa, "/ui/cases");
    assert_eq!(status, 303, "a disabled user's session no longer works");
    let (status, _, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/access",
        &[("csrf", &csrf), ("disabled", "false")],
    );
    assert_eq!(status, 303);
    let (status, _) = get(&agent, base, &liisa, "/ui/cases");
    assert_eq!(status, 303, "enabled again, the old session stays ended");
    session_cookie(&agent, base, "liisa.laine", &password);

    // The only admin keeps the role and stays enabled.
    for (path, field, value) in [("role", "role", "staff"), ("access", "disabled", "true")] {
        let (status, _, refused) = post(
            &agent,
            base,
            &admin,
            &format!("/ui/admin/users/admin/{path}"),
            &[("csrf", &csrf), (field, value)],
        );
        assert_eq!(status, 409, "{path}");
        assert!(refused.contains("ainoa käytössä oleva pääkäyttäjä"), "{refused}");
    }

    // Without the session's CSRF token nothing changes; other roles have no users page.
    let (status, _, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/liisa.laine/role",
        &[("csrf", "wrong"), ("role", "admin")],
    );
    assert_eq!(status, 403);
    for (name, password) in [
        ("kirjaaja", "demo-kirjaaja-2026"),
        ("tarkastaja", "demo-tarkastaja-2026"),
    ] {
        let cookie = session_cookie(&agent, base, name, password);
        let (status, page) = get(&agent, base, &cookie, "/ui/admin");
        assert_eq!(status, 403, "{name}");
        let (_, own) = get(&agent, base, &cookie, "/ui/cases");
        assert!(
            !own.contains("href=\"/ui/admin\""),
            "{name} has no link to the users page"
        );
        assert!(!page.contains("liisa.laine"), "{name} sees no user");
        let (status, _, _) = post(
            &agent,
            base,
            &cookie,
            "/ui/admin/users/liisa.laine/role",
            &[("csrf", &csrf_of(&own)), ("role", "admin")],
        );
        assert_eq!(status, 403, "{name}");
    }

    // Every change is in the audit trail.
    let bearer = token(base, "admin", ADMIN_PASSWORD);
    let mut audit = agent
        .get(&format!("{base}/api/v1/audit?target=liisa.laine&limit=100"))
        .header("authorization", format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let audit = body(&mut audit);
    for action in [
        "user.add",
        "user.role",
        "user.departments",
        "token.create",
        "token.revoke",
        "user.disable",
        "user.enable",
    ] {
        assert!(audit.contains(&format!("\"action\":\"{action}\"")), "{action}: {audit}");
    }
}

#[test]
fn roles_access_and_tokens_over_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let bearer = token(base, "admin", ADMIN_PASSWORD);
    let call = |method: &str, path: &str, json: Option<serde_json::Value>| {
        let url = format!("{base}/api/v1{path}");
        let mut response = match (method, json) {
            ("PUT", Some(json)) => agent
                .put(&url)
                .header("authorization", format!("Bearer {bearer}"))
                .content_type("application/json")
                .send(json.to_string().as_str()),
            (_, _) => agent
                .post(&url)
                .header("authorization", format!("Bearer {bearer}"))
                .send_empty(),
        }
        .unwrap();
        let status = response.status().as_u16();
        (status, body(&mut response))
    };
    let (status, answer) = call(
        "PUT",
        "/users/tyontekija/role",
        Some(serde_json::json!({"role": "registrar"})),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"role\":\"registrar\""));
    let (status, answer) = call(
        "PUT",
        "/users/tyontekija/role",
        Some(serde_json::json!({"role": "boss"})),
    );
    assert_eq!(status, 400, "{answer}");
    let (status, answer) = call("PUT", "/users/admin/role", Some(serde_json::json!({"role": "staff"})));
    assert_eq!(status, 409);
    assert!(answer.contains("\"code\":\"last_admin\""), "{answer}");
    let (status, answer) = call(
        "PUT",
        "/users/nobody/disabled",
        Some(serde_json::json!({"disabled": true})),
    );
    assert_eq!(status, 404, "{answer}");
    let (status, answer) = call("POST", "/users/tyontekija/tokens", None);
    assert_eq!(status, 201, "{answer}");
    let issued: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let issued = issued["token"].as_str().unwrap().to_owned();
    assert!(issued.starts_with("kirjuri_"));
    let (status, answer) = call(
        "PUT",
        "/users/tyontekija/disabled",
        Some(serde_json::json!({"disabled": true})),
    );
    assert_eq!(status, 200);
    assert!(answer.contains("\"disabled\":true"));
    let (status, answer) = call("POST", "/users/tyontekija/tokens", None);
    assert_eq!(status, 400, "a disabled user gets no token: {answer}");
    assert!(answer.contains("user_disabled"));
    // Enabled again, the token issued before stays revoked.
    let (status, _) = call(
        "PUT",
        "/users/tyontekija/disabled",
        Some(serde_json::json!({"disabled": false})),
    );
    assert_eq!(status, 200);
    let me = agent
        .get(&format!("{base}/api/v1/me"))
        .header("authorization", format!("Bearer {issued}"))
        .call()
        .unwrap();
    assert_eq!(me.status().as_u16(), 401);
}
