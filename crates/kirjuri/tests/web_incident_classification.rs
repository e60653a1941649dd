//! An incident's category, cause and outcome (chapter 3.4 of the annual report) end to end
//! against the real binary with demo data: set over the API at registration and later, shown in
//! words on the incident page and changed with its form; refused input comes back 400 naming
//! the field, nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with};

/// A JSON call to the API with a bearer token: status and answer.
fn api(agent: &ureq::Agent, base: &str, token: &str, path: &str, sent: serde_json::Value) -> (u16, serde_json::Value) {
    let mut response = agent
        .post(&format!("{base}/api/v1{path}"))
        .header("authorization", &format!("Bearer {token}"))
        .content_type("application/json")
        .send(sent.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap())
}

/// Registered over the API on 9.11.2026 at 15.00 (Helsinki) as a lost device, its cause added
/// later (human error) with the category kept; an unknown outcome is a 400 naming `outcome`.
/// On the page the category and cause are in Finnish words; the outcome is set with the form
/// (303 and a proven notice); an unknown word and an empty form come back 400 with the error
/// beside the list, and the stored values unchanged.
#[test]
fn an_incident_is_classified_over_the_api_and_on_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (status, created) = api(
        &agent,
        base,
        &token,
        "/incidents",
        serde_json::json!({
            "title": "Kannettava tietokone kadonnut junassa",
            "aware_at": "2026-11-09T15:00:00+02:00",
            "breach": true,
            "classification": { "category": "lost-device" }
        }),
    );
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["classification"]["category"], "lost-device");
    assert!(created["classification"]["outcome"].is_null());
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/incidents/{id}/classification");
    let (status, classified) = api(
        &agent,
        base,
        &token,
        &path,
        serde_json::json!({ "cause": "human-error" }),
    );
    assert_eq!(status, 200, "{classified}");
    assert_eq!(
        classified["classification"],
        serde_json::json!({ "category": "lost-device", "cause": "human-error", "outcome": null })
    );
    let (status, refused) = api(&agent, base, &token, &path, serde_json::json!({ "outcome": "gone" }));
    assert_eq!(status, 400, "{refused}");
    assert!(refused.to_string().contains("outcome"), "{refused}");

    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let page_path = format!("/ui/incidents/{id}");
    let (status, page) = get(&agent, base, &cookie, &page_path);
    assert_eq!(status, 200);
    assert!(page.contains("Kadonnut tai varastettu laite"), "{page}");
    assert!(page.contains("Inhimillinen virhe"), "{page}");
    assert!(page.contains("form id=\"classification\""), "{page}");
    assert!(!page.contains(">lost-device<"), "no key on the page");
    let csrf = csrf_of(&page);
    let form = format!("/ui/incidents/{id}/classification");

    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &form,
        &[
            ("csrf", &csrf),
            ("category", ""),
            ("cause", ""),
            ("outcome", "contained"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    assert!(location.contains("done=classified&proof="), "{location}");
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Luokittelu tallennettu."), "{page}");
    assert!(
        page.contains("Rajattu") && page.contains("Kadonnut tai varastettu laite"),
        "the category is kept: {page}"
    );

    let (status, _, page) = post(
        &agent,
        base,
        &cookie,
        &form,
        &[("csrf", &csrf), ("category", "virus"), ("cause", ""), ("outcome", "")],
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("id=\"category-error\">Valitse jokin luettelon vaihtoehdoista."),
        "{page}"
    );
    let (status, _, page) = post(
        &agent,
        base,
        &cookie,
        &form,
        &[("csrf", &csrf), ("category", ""), ("cause", ""), ("outcome", "")],
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("id=\"category-error\">Valitse luokka, syy tai lopputulos."),
        "{page}"
    );
    let (_, page) = get(&agent, base, &cookie, &page_path);
    assert!(page.contains("Rajattu"), "nothing written by the refused forms: {page}");

    // A reader without the right to write incidents gets no form and a 403 on a post.
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, page) = get(&agent, base, &auditor, &page_path);
    if status == 200 {
        assert!(!page.contains("form id=\"classification\""));
    }
    let (status, _, _) = post(
        &agent,
        base,
        &auditor,
        &form,
        &[("csrf", &csrf), ("outcome", "resolved")],
    );
    assert_eq!(status, 403);
}
