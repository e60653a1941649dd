//! Issue "Secret cases stay secret" §1 over HTTP against the real server: a restricted case
//! (a GDPR request, a social-welfare case) shows staff its public title and no parties in the
//! case list, the case page (API and web UI) and the party filter, while the registry office
//! sees it in full; a departure from the plan's publicity needs a recorded reason.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, kirjuri, session_cookie, start_server, token};

fn call(agent: &ureq::Agent, method: &str, url: &str, bearer: &str, json: Option<serde_json::Value>) -> (u16, String) {
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("authorization", format!("Bearer {bearer}"))
        .header("content-type", "application/json")
        .body(json.map(|j| j.to_string()).unwrap_or_default())
        .unwrap();
    let mut response = agent.run(request).unwrap();
    let status = response.status().as_u16();
    (status, body(&mut response))
}

#[test]
fn staff_see_a_restricted_case_by_its_public_title_and_the_registry_office_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A GDPR access request opens a restricted case; a public notice case beside it.
    let run = kirjuri(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--requester",
            "Matti Virtanen",
            "--received",
            "2026-11-02",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri(
        &data,
        &["case", "open", "--class", "00.02.08", "--title", "Kuulutukset 2026"],
    );
    assert_eq!(run.code, 0, "{}", run.all());

    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    for (name, role) in [("tyontekija", "staff"), ("kirjaaja", "registrar")] {
        let (status, answer) = call(
            &agent,
            "POST",
            &format!("{base}/api/v1/users"),
            &admin,
            Some(serde_json::json!({"name": name, "role": role, "password": format!("{name}-a long passphrase")})),
        );
        assert_eq!(status, 201, "{answer}");
    }
    let staff = token(base, "tyontekija", "tyontekija-a long passphrase");
    let registrar = token(base, "kirjaaja", "kirjaaja-a long passphrase");

    // The case list: staff see both cases, the request's by its public title only.
    for url in ["/api/v1/cases", "/api/v1/cases?class=07", "/api/v1/cases/case-1"] {
        let (status, text) = call(&agent, "GET", &format!("{base}{url}"), &staff, None);
        assert_eq!(status, 200, "{url}: {text}");
        assert!(!text.contains("Virtanen"), "{url} tells staff the requester: {text}");
        assert!(
            text.contains("Tarkastuspyyntö"),
            "{url}: the public title is shown: {text}"
        );
        assert!(text.contains("\"masked\":true"), "{url}: {text}");
    }
    let (_, list) = call(&agent, "GET", &format!("{base}/api/v1/cases"), &staff, None);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2, "the diary is public: {list}");
    assert!(list.to_string().contains("Kuulutukset 2026"), "public cases in full");

    // The party filter finds nothing for staff, the case for the registry office.
    let (_, by_party) = call(
        &agent,
        "GET",
        &format!("{base}/api/v1/cases?party=Matti%20Virtanen"),
        &staff,
        None,
    );
    assert_eq!(
        by_party.trim(),
        "[]",
        "a party filter must not reveal a restricted case"
    );
    let (_, by_party) = call(
        &agent,
        "GET",
        &format!("{base}/api/v1/cases?party=Matti%20Virtanen"),
        &registrar,
        None,
    );
    assert!(
        by_party.contains("Matti Virtanen") && by_party.contains("\"masked\":false"),
        "{by_party}"
    );
    let (_, full) = call(&agent, "GET", &format!("{base}/api/v1/cases/case-1"), &registrar, None);
    assert!(full.contains("Tarkastuspyyntö, Matti Virtanen"), "{full}");

    // The web UI: the list and the case page as staff.
    let cookie = session_cookie(&agent, base, "tyontekija", "tyontekija-a long passphrase");
    for page in ["/ui/cases", "/ui/cases/case-1"] {
        let mut response = agent
            .get(&format!("{base}{page}"))
            .header("cookie", &cookie)
            .call()
            .unwrap();
        let html = body(&mut response);
        assert!(!html.contains("Virtanen"), "{page} tells staff the requester: {html}");
        assert!(html.contains("Tarkastuspyyntö"), "{page}: {html}");
    }

    // A departure from the plan's publicity needs a reason; with one it is kept and shown.
    let open = |publicity: serde_json::Value| {
        let mut request =
            serde_json::json!({"class": "00.02.08", "title": "Kuulutus, vuokralainen N.N.", "parties": ["N.N."]});
        for (key, value) in publicity.as_object().unwrap() {
            request[key] = value.clone();
        }
        call(
            &agent,
            "POST",
            &format!("{base}/api/v1/cases"),
            &registrar,
            Some(request),
        )
    };
    let (status, refused) = open(serde_json::json!({"publicity": "non-public"}));
    assert_eq!(status, 400, "{refused}");
    assert!(
        refused.contains("override_reason_required") && refused.contains("publicity_reason"),
        "{refused}"
    );
    let (status, opened) = open(
        serde_json::json!({"publicity": "non-public", "publicity_reason": "yksityiselämän suoja", "public_title": "Kuulutus"}),
    );
    assert_eq!(status, 201, "{opened}");
    let opened: serde_json::Value = serde_json::from_str(&opened).unwrap();
    assert_eq!(opened["publicity"], "non-public");
    assert_eq!(opened["publicity_override_reason"], "yksityiselämän suoja");
    let id = opened["id"].as_str().unwrap();
    let (_, seen) = call(&agent, "GET", &format!("{base}/api/v1/cases/{id}"), &staff, None);
    assert!(!seen.contains("N.N.") && !seen.contains("yksityiselämän"), "{seen}");
    assert!(seen.contains("\"title\":\"Kuulutus\""), "{seen}");

    // An unknown query parameter is refused, not silently ignored (a misspelt filter would
    // otherwise answer every case).
    let (status, refused) = call(
        &agent,
        "GET",
        &format!("{base}/api/v1/cases?stat=vireilla"),
        &staff,
        None,
    );
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("bad_query") && refused.contains("stat"), "{refused}");
}
