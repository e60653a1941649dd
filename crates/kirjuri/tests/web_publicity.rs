//! Publicity Act 621/1999 document requests end to end against the real binary with demo data,
//! over HTTP: the work queue and the request page alert on the statutory day (the earlier of the
//! statutory and the moved day, DOMAIN.md §5.2) and say lateness in words, and the API lists the
//! request as overdue from that day.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use chrono::NaiveDate;
use common::{agent, body, csrf_of, form_post, page_get, session_cookie, start_server_with, token};

fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

/// Received Wed 10.12.2025: statutory day Wed 24.12.2025, moved under 150/1930 §5 to Mon
/// 29.12.2025. Today (a real day after 29.12.2025) it is late, counted from 24.12.2025.
#[test]
fn a_request_is_late_from_its_statutory_day_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");

    let (status, queue) = page_get(&agent, base, &cookie, "/ui/requests");
    assert_eq!(status, 200);
    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf_of(&queue)),
            ("kind", "publicity"),
            ("received", "2025-12-10"),
            ("requester", "Toimittaja Tiina Tutkiva"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let id = location
        .trim_start_matches("/ui/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let days_late = (today() - NaiveDate::from_ymd_opt(2025, 12, 24).unwrap()).num_days();
    let late = format!("myöhässä {days_late} vrk");

    // The request page: the due day is 24.12.2025, the moved day beside it, lateness in words.
    let (status, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("Määräpäivä"), "{page}");
    assert!(
        page.contains("24.12.2025 <span class=\"muted\">(siirtyy 29.12.2025)</span>"),
        "{page}"
    );
    assert!(page.contains(&late), "days late from 24.12.2025: {late}\n{page}");

    // The overdue queue holds it, with the same words.
    let (_, overdue) = page_get(&agent, base, &cookie, "/ui/requests?queue=overdue");
    let row = overdue
        .split("<tr>")
        .find(|row| row.contains(&format!("/ui/requests/{id}\"")))
        .expect("the request in the overdue queue");
    assert!(
        row.contains("24.12.2025") && row.contains("(siirtyy 29.12.2025)"),
        "{row}"
    );
    assert!(row.contains(&late), "{row}");

    // The API's overdue list flags it on its warning day, 24.12.2025.
    let bearer = token(base, "kirjaaja", "demo-kirjaaja-2026");
    let mut response = agent
        .get(&format!("{base}/api/v1/requests?overdue=true"))
        .header("authorization", &format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    let found = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("the request among the overdue");
    assert_eq!(found["deadline"]["warn_on"], "2025-12-24");
    assert_eq!(found["deadline"]["due_moved"], "2025-12-29");
    // Sorted by warning day: nothing listed before it warns later than it.
    let warn_days: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["deadline"]["warn_on"].as_str())
        .collect();
    let mut sorted = warn_days.clone();
    sorted.sort_unstable();
    assert_eq!(warn_days, sorted);
}

/// POSTs JSON with a bearer token: status and parsed answer.
fn api_post(base: &str, bearer: &str, path: &str, json: serde_json::Value) -> (u16, serde_json::Value) {
    let mut response = agent()
        .post(&format!("{base}/api/v1{path}"))
        .header("authorization", &format!("Bearer {bearer}"))
        .content_type("application/json")
        .send(json.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    let text = body(&mut response);
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// §14(3) over the API and on the page: received today and refused, the referral requested
/// today gets the default 14-day target (today + 14), and the decision issued today is on time
/// and carries the appeal instructions naming the default court, Turun hallinto-oikeus, and
/// the 30-day appeal period; the request page shows the target, the decision day and the
/// instructions.
#[test]
fn the_decision_with_appeal_instructions_is_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let bearer = token(base, "kirjaaja", "demo-kirjaaja-2026");
    let received = today().format("%Y-%m-%d").to_string();
    let (status, request) = api_post(
        base,
        &bearer,
        "/requests",
        serde_json::json!({ "kind": "publicity", "received": received, "requester": "Toimittaja" }),
    );
    assert_eq!(status, 201, "{request}");
    let id = request["id"].as_str().unwrap().to_owned();
    let basis = serde_json::json!(["JulkL 24 § 1 mom 25 kohta"]);
    for (state, legal_basis) in [
        ("in-progress", serde_json::json!([])),
        ("refused", basis.clone()),
        ("referral-offered", serde_json::json!([])),
        ("referral-requested", serde_json::json!([])),
        ("decision-issued", basis.clone()),
    ] {
        let (status, answer) = api_post(
            base,
            &bearer,
            &format!("/requests/{id}/transition"),
            serde_json::json!({ "state": state, "legal_basis": legal_basis }),
        );
        assert_eq!(status, 200, "{state}: {answer}");
    }
    let mut response = agent()
        .get(&format!("{base}/api/v1/requests/{id}"))
        .header("authorization", &format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let stored: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    let target = today() + chrono::Days::new(14);
    assert_eq!(
        stored["referral"]["target"]["due"],
        target.format("%Y-%m-%d").to_string().as_str()
    );
    assert_eq!(stored["referral"]["decision_issued_on"], received.as_str());
    assert_eq!(stored["referral"]["appeal"]["court"], "Turun hallinto-oikeus");
    assert_eq!(stored["referral"]["appeal"]["appeal_days"], 30);

    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let (status, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{id}"));
    assert_eq!(status, 200);
    let day = |d: NaiveDate| d.format("%-d.%-m.%Y").to_string();
    assert!(page.contains("Päätöksen tavoitepäivä"), "{page}");
    assert!(page.contains(&day(target)), "{page}");
    assert!(page.contains(&format!("{} (ajallaan)", day(today()))), "{page}");
    assert!(page.contains("Valitusosoitus"), "{page}");
    assert!(page.contains("Valitusviranomainen: Turun hallinto-oikeus"), "{page}");
    assert!(page.contains("30 päivän kuluessa"), "{page}");
}

/// The disclosure record through the request page's forms: a request received 10.12.2025
/// discloses a demo document in full and another in part (pages 3–4 withheld under JulkL 24 §
/// 1 mom 25 kohta), charges 12,00 € for copies on 16.12.2025 (§34); a fee for an e-mailed
/// answer comes back 400 with the input kept and the error beside the field; an unknown
/// document is refused beside its field; a second request is transferred on 15.12.2025 to
/// Pohjois-Savon hyvinvointialue (§15). Read back from the page (grounds in words, no keys)
/// and from the API.
#[test]
fn the_disclosure_record_through_the_request_page() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let bearer = token(base, "kirjaaja", "demo-kirjaaja-2026");
    let api = |path: &str| -> serde_json::Value {
        let mut response = agent
            .get(&format!("{base}/api/v1{path}"))
            .header("authorization", &format!("Bearer {bearer}"))
            .call()
            .unwrap();
        serde_json::from_str(&body(&mut response)).unwrap()
    };
    // The demo's document request carries a record: two documents the registrar may read.
    let demo = api("/requests/req-10");
    let documents = demo["disclosure"]["documents"].as_array().unwrap().clone();
    assert_eq!(documents.len(), 2, "{demo}");
    let (a, b) = (
        documents[0]["document_id"].as_str().unwrap().to_owned(),
        documents[1]["document_id"].as_str().unwrap().to_owned(),
    );
    let (_, demo_page) = page_get(&agent, base, &cookie, "/ui/requests/req-10");
    assert!(demo_page.contains("Luovutus"), "{demo_page}");

    let (_, queue) = page_get(&agent, base, &cookie, "/ui/requests");
    let mut ids = Vec::new();
    for requester in ["Toimittaja Tiina Tutkiva", "Yhdistys Kaksi ry"] {
        let (status, location, _) = form_post(
            &agent,
            base,
            &cookie,
            "/ui/requests",
            &[
                ("csrf", &csrf_of(&queue)),
                ("kind", "publicity"),
                ("received", "2025-12-10"),
                ("requester", requester),
            ],
        );
        assert_eq!(status, 303, "{location}");
        ids.push(
            location
                .trim_start_matches("/ui/requests/")
                .split('?')
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    let (first, second) = (ids[0].clone(), ids[1].clone());
    let (_, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{first}"));
    let csrf = csrf_of(&page);
    let post = |path: &str, form: &[(&str, &str)]| {
        form_post(&agent, base, &cookie, &format!("/ui/requests/{first}/{path}"), form)
    };

    let (status, location, _) = post(
        "disclosures",
        &[("csrf", &csrf), ("document_id", &a), ("outcome", "disclosed")],
    );
    assert_eq!(status, 303, "{location}");
    assert!(location.contains("done=disclosed"), "{location}");
    let (status, location, _) = post(
        "disclosures",
        &[
            ("csrf", &csrf),
            ("document_id", &b),
            ("outcome", "partial"),
            ("withheld", "sivut 3–4, henkilötunnukset"),
            ("grounds", "julkl-24-1-25"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    // An unknown document: 400, the id kept, the error beside the field.
    let (status, _, refused) = post(
        "disclosures",
        &[("csrf", &csrf), ("document_id", "doc-9999"), ("outcome", "disclosed")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("value=\"doc-9999\""), "{refused}");
    assert!(refused.contains("id=\"document_id-error\""), "{refused}");
    // §34(1): no fee for an answer sent by e-mail.
    let (status, _, refused) = post(
        "fees",
        &[
            ("csrf", &csrf),
            ("amount", "12,00"),
            ("basis", "kopiot"),
            ("delivery", "email"),
            ("on", "2025-12-16"),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"delivery-error\""), "{refused}");
    assert!(refused.contains("value=\"12,00\""), "{refused}");
    let (status, location, _) = post(
        "fees",
        &[
            ("csrf", &csrf),
            ("amount", "12,00"),
            ("basis", "kopiot 12 sivua"),
            ("delivery", "copy"),
            ("on", "2025-12-16"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (status, page) = page_get(&agent, base, &cookie, &location);
    assert_eq!(status, 200);
    assert!(page.contains("Maksu kirjattiin."), "{page}");
    assert!(page.contains("12,00 €") && page.contains("16.12.2025"), "{page}");
    assert!(
        page.contains("Annettu osittain") && page.contains("sivut 3–4, henkilötunnukset"),
        "{page}"
    );
    assert!(
        page.contains("Sosiaalihuollon asiakkuus") || page.contains("JulkL 24 § 1 mom. 25 k."),
        "{page}"
    );
    assert!(!page.contains(">julkl-24-1-25<"), "no key as text");

    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        &format!("/ui/requests/{second}/transfer"),
        &[
            ("csrf", &csrf),
            ("on", "2025-12-15"),
            ("authority", "Pohjois-Savon hyvinvointialue"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, page) = page_get(&agent, base, &cookie, &location);
    assert!(
        page.contains("Pohjois-Savon hyvinvointialue") && page.contains("15.12.2025"),
        "{page}"
    );
    assert!(page.contains("Siirretty toiselle viranomaiselle"), "{page}");

    let stored = api(&format!("/requests/{first}"));
    assert_eq!(
        stored["disclosure"]["documents"][1]["grounds"][0], "julkl-24-1-25",
        "{stored}"
    );
    assert_eq!(stored["disclosure"]["fees"][0]["amount_cents"], 1200);
    let transferred = api(&format!("/requests/{second}"));
    assert_eq!(transferred["state"], "transferred");
    assert_eq!(transferred["decided_on"], "2025-12-15");

    // A later reader with fewer rights: document A's case gets an access list naming only the
    // admin, so the registrar sees "a document you have no access to" without its title.
    let document = api(&format!("/documents/{a}"));
    let title = document["title"].as_str().unwrap().to_owned();
    let case = document["case_id"].as_str().unwrap().to_owned();
    let (_, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{first}"));
    assert!(page.contains(&title), "readable: listed with its title");
    let admin = token(base, "admin", "a long admin passphrase");
    let response = agent
        .put(&format!("{base}/api/v1/cases/{case}/access"))
        .header("authorization", &format!("Bearer {admin}"))
        .header("content-type", "application/json")
        .send(r#"{"access":["admin"],"reason":"henkilöstöasia"}"#)
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let (_, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{first}"));
    assert!(page.contains("asiakirja, johon sinulla ei ole pääsyä"), "{page}");
    assert!(!page.contains(&title), "no title of a document the reader may not see");
}
