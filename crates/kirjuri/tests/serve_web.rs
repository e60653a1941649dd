//! The web UI and browser sessions end to end against the real binary with demo data: sign-in
//! sets an HttpOnly, SameSite=Strict, Secure session cookie; pages are Finnish or English;
//! a form or API call without the session's CSRF token is refused and changes nothing; what a
//! page shows follows the role (restricted documents hidden from staff); sign-out ends the
//! session on the server. Also: /openapi.json is OpenAPI 3.1 and lists every API route, and
//! malformed input is answered with problem+json.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, start_server_with};

/// Signs in through the form; returns the session cookie (`name=value`) after checking its
/// attributes.
fn sign_in(agent: &ureq::Agent, base: &str, name: &str, password: &str) -> String {
    let set_cookie = common::session_set_cookie(agent, base, name, password);
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(set_cookie.contains(attribute), "cookie lacks {attribute}: {set_cookie}");
    }
    set_cookie.split(';').next().unwrap().to_owned()
}

#[test]
fn browser_sessions_csrf_and_pages_by_role() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();

    // Not signed in: pages redirect to the sign-in page, the API answers 401 problem+json.
    let overview = agent.get(&format!("{base}/")).call().unwrap();
    assert_eq!(overview.status().as_u16(), 303);
    assert_eq!(overview.headers()["location"], "/login");
    let mut login = agent.get(&format!("{base}/login")).call().unwrap();
    assert!(body(&mut login).contains("Kirjaudu"));
    let wrong = agent
        .post(&format!("{base}/login"))
        .send_form([("name", "kirjaaja"), ("password", "not the password")])
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());

    // The registrar signs in; the overview shows request deadlines in Finnish.
    let cookie = sign_in(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let mut page = agent.get(&format!("{base}/")).header("cookie", &cookie).call().unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = body(&mut page);
    assert!(html.contains("Tietopyyntöjen määräajat"), "{html}");
    // English on request (remembered in a cookie).
    let mut english = agent
        .get(&format!("{base}/"))
        .header("cookie", format!("{cookie}; kirjuri_lang=en"))
        .call()
        .unwrap();
    assert!(body(&mut english).contains("Request deadlines"));

    // Registering a request through the form: without the CSRF token it is refused and
    // nothing is stored; with it the request is registered.
    let mut requests_page = agent
        .get(&format!("{base}/ui/requests"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let requests_html = body(&mut requests_page);
    let csrf = csrf_of(&requests_html);
    let before = requests_html.matches("<tr>").count();
    let forged = agent
        .post(&format!("{base}/ui/requests"))
        .header("cookie", &cookie)
        .send_form([
            ("csrf", "forged"),
            ("kind", "publicity"),
            ("received", "2026-11-27"),
            ("requester", "Väärennys"),
        ])
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let registered = agent
        .post(&format!("{base}/ui/requests"))
        .header("cookie", &cookie)
        .send_form([
            ("csrf", csrf.as_str()),
            ("kind", "publicity"),
            ("received", "2026-11-27"),
            ("requester", "Lomakkeen kautta"),
        ])
        .unwrap();
    assert_eq!(registered.status().as_u16(), 303);
    let mut after_page = agent
        .get(&format!("{base}/ui/requests"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let after = body(&mut after_page);
    assert_eq!(after.matches("<tr>").count(), before + 1, "exactly one new request");

    // Registering a document on a case page (multipart form): found by search at once.
    let mut case_page = agent
        .get(&format!("{base}/ui/cases/case-1"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let case_html = body(&mut case_page);
    assert!(case_html.contains("Kirjaa asiakirjoja"), "the registrar gets the form");
    assert!(
        !case_html.contains("Poista asiakirja"),
        "only the privacy officer may erase"
    );
    let boundary = "kirjurirajaus";
    let mut multipart = String::new();
    for (name, value) in [
        ("csrf", csrf.as_str()),
        ("record_type", "gdpr-identity-check"),
        ("title", "Henkilöllisyyden tarkistus"),
        ("direction", "internal"),
    ] {
        multipart.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    multipart.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tarkistus.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nHenkilöllisyys tarkistettiin passista kirjaamon tiskillä.\r\n--{boundary}--\r\n"
    ));
    let uploaded = agent
        .post(&format!("{base}/ui/cases/case-1/documents"))
        .header("cookie", &cookie)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(multipart.as_str())
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 303);
    // Back on the case page with a message naming the new document.
    let location = uploaded.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/ui/cases/case-1?registered=doc-"), "{location}");
    let mut case_after = agent
        .get(&format!("{base}{location}"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let case_after = body(&mut case_after);
    assert!(case_after.contains("Henkilöllisyyden tarkistus"));
    assert!(
        case_after.contains("Asiakirjat kirjattu:") && case_after.contains("doc-"),
        "{case_after}"
    );
    let mut found = agent
        .get(&format!("{base}/ui/search?q=passi"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert!(
        body(&mut found).contains("Henkilöllisyyden tarkistus"),
        "searchable at once"
    );
    let forged_upload = agent
        .post(&format!("{base}/ui/cases/case-1/documents"))
        .header("cookie", &cookie)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(multipart.replace(csrf.as_str(), "forged").as_str())
        .unwrap();
    assert_eq!(forged_upload.status().as_u16(), 403);

    // The JSON API with the session cookie: reads work, writes need the X-CSRF-Token header.
    let mut me = agent
        .get(&format!("{base}/api/v1/me"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert!(body(&mut me).contains("registrar"));
    let case = r#"{"class":"07 01 02","title":"Evästeellä"}"#;
    let mut no_header = agent
        .post(&format!("{base}/api/v1/cases"))
        .header("cookie", &cookie)
        .content_type("application/json")
        .send(case)
        .unwrap();
    assert_eq!(no_header.status().as_u16(), 403);
    assert!(body(&mut no_header).contains("\"code\":\"csrf\""));
    let with_header = agent
        .post(&format!("{base}/api/v1/cases"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .content_type("application/json")
        .send(case)
        .unwrap();
    assert_eq!(with_header.status().as_u16(), 201);

    // Staff see public documents only: the search page and a case page hide restricted ones.
    let staff = sign_in(&agent, base, "tyontekija", "demo-tyontekija-2026");
    let mut staff_requests = agent
        .get(&format!("{base}/ui/requests"))
        .header("cookie", &staff)
        .call()
        .unwrap();
    assert_eq!(staff_requests.status().as_u16(), 403);
    assert!(body(&mut staff_requests).contains("forbidden"));
    let mut registrar_search = agent
        .get(&format!("{base}/ui/search?q=henkilötunnus"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let mut staff_search = agent
        .get(&format!("{base}/ui/search?q=henkilötunnus"))
        .header("cookie", &staff)
        .call()
        .unwrap();
    let registrar_html = body(&mut registrar_search);
    let staff_html = body(&mut staff_search);
    // Both find the public register description; only the registrar the secret incident report.
    assert!(registrar_html.contains("Tietoturvapoikkeamailmoitus"));
    assert!(registrar_html.contains("<p>2 osumaa</p>"), "{registrar_html}");
    assert!(!staff_html.contains("Tietoturvapoikkeamailmoitus"));
    assert!(
        staff_html.contains("<p>1 osumaa</p>"),
        "staff count only what they see: {staff_html}"
    );

    // Sign-out ends the session on the server: the old cookie no longer works.
    let signed_out = agent
        .post(&format!("{base}/logout"))
        .header("cookie", &cookie)
        .send_form([("csrf", csrf.as_str())])
        .unwrap();
    assert_eq!(signed_out.status().as_u16(), 303);
    let stale = agent
        .get(&format!("{base}/api/v1/me"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(stale.status().as_u16(), 401);

    // The API description and malformed input.
    let mut description = agent.get(&format!("{base}/openapi.json")).call().unwrap();
    let description: serde_json::Value = serde_json::from_str(&body(&mut description)).unwrap();
    assert_eq!(description["openapi"], "3.1.0");
    for path in [
        "/api/v1/search",
        "/api/v1/disposal/proposals",
        "/api/v1/archive/exports",
        "/api/v1/users",
    ] {
        assert!(description["paths"][path].is_object(), "{path} is described");
    }
    let admin = common::token(base, "admin", "a long admin passphrase");
    let mut malformed = agent
        .post(&format!("{base}/api/v1/cases"))
        .header("authorization", format!("Bearer {admin}"))
        .content_type("application/json")
        .send("{not json")
        .unwrap();
    assert_eq!(malformed.status().as_u16(), 400);
    assert_eq!(malformed.headers()["content-type"], "application/problem+json");
    assert!(body(&mut malformed).contains("\"code\":\"bad_json\""));
}

/// A breach handled end to end over the API by the privacy officer: registered, assessed
/// (high risk), notified, drafted; and a log investigation answered from the audit trail.
#[test]
fn breach_and_log_investigation_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &["--demo"], &[]);
    let base = server.base.as_str();
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let auth = format!("Bearer {token}");
    let agent = agent();
    let post = |path: &str, json: &str| {
        let mut response = agent
            .post(&format!("{base}{path}"))
            .header("authorization", &auth)
            .content_type("application/json")
            .send(json)
            .unwrap();
        let status = response.status().as_u16();
        let value: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
        (status, value)
    };
    let (status, incident) = post(
        "/api/v1/incidents",
        r#"{"title":"Väärä vastaanottaja","aware_at":"2026-11-28T15:00","breach":true}"#,
    );
    assert_eq!(status, 201, "{incident}");
    let id = incident["id"].as_str().unwrap().to_owned();
    let (status, assessed) = post(
        &format!("/api/v1/incidents/{id}/assessment"),
        r#"{"risk":"high","rationale":"henkilötunnuksia","types":["confidentiality"],"people":12,"identity_codes":true}"#,
    );
    assert_eq!(status, 200, "{assessed}");
    assert_eq!(assessed["breach"]["assessments"][0]["risk"], "high", "{assessed}");
    assert_eq!(assessed["breach"]["approx_people"], 12);
    let (status, bad) = post(&format!("/api/v1/incidents/{id}/assessment"), r#"{"risk":"huge"}"#);
    assert_eq!(status, 400);
    assert!(bad["detail"].as_str().unwrap().contains("huge"), "{bad}");
    let (status, notified) = post(
        &format!("/api/v1/incidents/{id}/notifications"),
        r#"{"phase":"preliminary","authority":"Tietosuojavaltuutettu","sent_at":"2026-11-29T10:00"}"#,
    );
    assert_eq!(status, 200, "{notified}");
    assert!(notified.to_string().contains("Tietosuojavaltuutettu"), "{notified}");
    let mut draft = agent
        .get(&format!("{base}/api/v1/incidents/{id}/notification-draft?format=md"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(draft.status().as_u16(), 200);
    assert!(body(&mut draft).contains("Väärä vastaanottaja"));

    // A log investigation: the report is stored as a document of the request's case.
    let (status, request) = post(
        "/api/v1/requests",
        r#"{"kind":"log-investigation","received":"2026-11-27","requester":"Matti Virtanen","origin":"data-subject"}"#,
    );
    assert_eq!(status, 201, "{request}");
    let request_id = request["id"].as_str().unwrap().to_owned();
    let (status, report) = post(
        &format!("/api/v1/requests/{request_id}/log-report"),
        r#"{"subject":"Matti Virtanen","from":"2026-01-01"}"#,
    );
    assert_eq!(status, 201, "{report}");
    assert!(report["document"].as_str().unwrap().starts_with("doc-"), "{report}");

    // Erasure on a GDPR erasure request: a document sent to the wrong authority is erased; the
    // registrar may not erase; afterwards the record, its text and its search hits are gone.
    let (status, case) = post("/api/v1/cases", r#"{"class":"07 01 02","title":"Väärin kohdistettu"}"#);
    assert_eq!(status, 201, "{case}");
    let mut uploaded = agent
        .post(&format!(
            "{base}/api/v1/cases/{}/documents?record_type=asiakirjapyynto&title=Pyynt%C3%B6&file_name=a.txt",
            case["id"].as_str().unwrap()
        ))
        .header("authorization", &auth)
        .content_type("text/plain")
        .send("Qwertyvirheellinen kirje toiselle viranomaiselle")
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 201);
    let document: serde_json::Value = serde_json::from_str(&body(&mut uploaded)).unwrap();
    let document = document["id"].as_str().unwrap().to_owned();
    let search = |auth: &str| -> u64 {
        let mut found = agent
            .get(&format!("{base}/api/v1/search?q=qwertyvirheellinen"))
            .header("authorization", auth)
            .call()
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(&body(&mut found)).unwrap();
        value["total"].as_u64().unwrap()
    };
    assert_eq!(search(&auth), 1);
    let (status, erasure_request) = post(
        "/api/v1/requests",
        r#"{"kind":"gdpr-erasure","received":"2026-11-27","requester":"Matti Virtanen"}"#,
    );
    assert_eq!(status, 201, "{erasure_request}");
    let erase_body = serde_json::json!({
        "reason": "lähetetty väärälle viranomaiselle",
        "request": erasure_request["id"],
    })
    .to_string();
    let registrar = format!("Bearer {}", common::token(base, "kirjaaja", "demo-kirjaaja-2026"));
    let refused = agent
        .post(&format!("{base}/api/v1/documents/{document}/erase"))
        .header("authorization", &registrar)
        .content_type("application/json")
        .send(erase_body.as_str())
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let (status, record) = post(&format!("/api/v1/documents/{document}/erase"), &erase_body);
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["title"], "(poistettu / erased)");
    assert_eq!(search(&auth), 0, "gone from search at once");
    let gone = agent
        .get(&format!("{base}/api/v1/documents/{document}"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(gone.status().as_u16(), 404);
    let (status, again) = post(&format!("/api/v1/documents/{document}/erase"), &erase_body);
    assert_eq!(status, 404, "{again}");

    // The same from the case page's form, signed in as the privacy officer.
    let case_id = case["id"].as_str().unwrap().to_owned();
    let mut second = agent
        .post(&format!(
            "{base}/api/v1/cases/{case_id}/documents?record_type=asiakirjapyynto&title=Toinen&file_name=b.txt"
        ))
        .header("authorization", &auth)
        .content_type("text/plain")
        .send("Toinen väärin kohdistettu kirje")
        .unwrap();
    let second: serde_json::Value = serde_json::from_str(&body(&mut second)).unwrap();
    let second = second["id"].as_str().unwrap().to_owned();
    let cookie = sign_in(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let page = |cookie: &str| {
        let mut response = agent
            .get(&format!("{base}/ui/cases/{case_id}"))
            .header("cookie", cookie)
            .call()
            .unwrap();
        body(&mut response)
    };
    let html = page(&cookie);
    assert!(html.contains("Poista asiakirja") && html.contains(&second), "{html}");
    let csrf = csrf_of(&html);
    // The first step names the record and asks the decision and the reason.
    let mut confirm = agent
        .get(&format!("{base}/ui/cases/{case_id}/erase?document={second}"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(confirm.status().as_u16(), 200);
    let confirm = body(&mut confirm);
    assert!(
        confirm.contains(&second) && confirm.contains("Poista pysyvästi"),
        "{confirm}"
    );
    let form = |csrf: &str, confirmed: &str| {
        agent
            .post(&format!("{base}/ui/cases/{case_id}/erase"))
            .header("cookie", &cookie)
            .send_form([
                ("csrf", csrf),
                ("document", second.as_str()),
                ("decision", "tietosuojavastaavan päätös 3/2026"),
                ("reason", "kirjattu virheellisesti"),
                ("request", ""),
                ("confirm", confirmed),
            ])
            .unwrap()
    };
    assert_eq!(form("forged", "yes").status().as_u16(), 403);
    assert!(page(&cookie).contains(&second), "a forged form erases nothing");
    let mut unconfirmed = form(&csrf, "");
    assert_eq!(unconfirmed.status().as_u16(), 400);
    let unconfirmed = body(&mut unconfirmed);
    assert!(
        unconfirmed.contains("Tarkista lomake") && unconfirmed.contains("kirjattu virheellisesti"),
        "the refusal is on the form, the reason kept: {unconfirmed}"
    );
    assert!(page(&cookie).contains(&second), "an unconfirmed form erases nothing");
    let erased = form(&csrf, "yes");
    assert_eq!(erased.status().as_u16(), 303);
    let location = erased.headers().get("location").unwrap().to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("/ui/cases/{case_id}?erased={second}&proof=")),
        "{location}"
    );
    assert!(!page(&cookie).contains(&second), "gone from the case page");
}
