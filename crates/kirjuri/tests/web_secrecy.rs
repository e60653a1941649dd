//! Issue 20, secrecy periods over HTTP against the real server: the API's document JSON and
//! the case page show when secrecy ends and by which rule (Publicity Act §31), the death of
//! the person is recorded through the API and the case page's form (a refused day comes back
//! 400 with the input kept and the problem next to the field), and the archive page has the
//! "salassapito päättyy" column.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post, kirjuri, page_get, session_cookie, start_server, token};

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

fn ingest(data: &std::path::Path, dir: &std::path::Path, name: &str, args: &[&str]) {
    let file = dir.join(format!("{name}.txt"));
    std::fs::write(&file, format!("Asiakirja {name}")).unwrap();
    let mut all = vec!["ingest", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = kirjuri(data, &all);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn secrecy_ends_on_the_api_the_case_page_and_the_archive_page() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // doc-1: §24(1) item 7, dated 1.6.2024 → 1.6.2049 (25 years, §31(1)).
    ingest(
        &data,
        dir.path(),
        "poikkeama",
        &[
            "--class",
            "07 00 01",
            "--record-type",
            "tietoturvapoikkeama-ilmoitus",
            "--date",
            "2024-06-01",
        ],
    );
    // doc-2 and doc-3: §24(1) item 30 (private life), dated 15.3.2020, no death known →
    // 15.3.2120 (100 years, §31(2)); kept permanently, so on the archive list.
    ingest(
        &data,
        dir.path(),
        "todistus",
        &[
            "--class",
            "12 02 01",
            "--record-type",
            "paattotodistus",
            "--date",
            "2020-03-15",
        ],
    );
    ingest(
        &data,
        dir.path(),
        "toinen",
        &[
            "--class",
            "12 02 01",
            "--record-type",
            "paattotodistus",
            "--date",
            "2020-03-15",
        ],
    );

    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    for (name, role) in [("kirjaaja", "registrar"), ("arkistonhoitaja", "archivist")] {
        let (status, answer) = call(
            &agent,
            "POST",
            &format!("{base}/api/v1/users"),
            &admin,
            Some(serde_json::json!({"name": name, "role": role, "password": format!("{name}-a long passphrase")})),
        );
        assert_eq!(status, 201, "{answer}");
    }
    let registrar = token(base, "kirjaaja", "kirjaaja-a long passphrase");

    // The API: the end day and the rule.
    let (status, text) = call(
        &agent,
        "GET",
        &format!("{base}/api/v1/documents/doc-1"),
        &registrar,
        None,
    );
    assert_eq!(status, 200, "{text}");
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["secrecy_ends_on"], "2049-06-01", "{document}");
    assert_eq!(
        document["secrecy_rule"],
        "25 years from the date of the document 1.6.2024"
    );
    let (_, text) = call(
        &agent,
        "GET",
        &format!("{base}/api/v1/documents/doc-3"),
        &registrar,
        None,
    );
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["secrecy_ends_on"], "2120-03-15", "{document}");
    // A death recorded through the API: 3.4.2025 + 50 years → 3.4.2075 (§31(2)).
    let (status, text) = call(
        &agent,
        "PUT",
        &format!("{base}/api/v1/documents/doc-3/secrecy-events"),
        &registrar,
        Some(serde_json::json!({"subject_died_on": "2025-04-03"})),
    );
    assert_eq!(status, 200, "{text}");
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["secrecy_ends_on"], "2075-04-03", "{document}");
    assert_eq!(document["secrecy_rule"], "50 years after death 3.4.2025");
    // A field left out keeps its day (`null` clears it): clearing the relationship end alone
    // keeps the recorded death.
    let (status, text) = call(
        &agent,
        "PUT",
        &format!("{base}/api/v1/documents/doc-3/secrecy-events"),
        &registrar,
        Some(serde_json::json!({"relationship_ended_on": null})),
    );
    assert_eq!(status, 200, "{text}");
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        document["secrecy_ends_on"], "2075-04-03",
        "the death is kept: {document}"
    );
    // A day of an event the document's secrecy does not run from is refused: it could only
    // shorten the secrecy of a document it does not concern.
    let (status, text) = call(
        &agent,
        "PUT",
        &format!("{base}/api/v1/documents/doc-3/secrecy-events"),
        &registrar,
        Some(serde_json::json!({"relationship_ended_on": "2019-01-01"})),
    );
    assert_eq!(status, 400, "{text}");
    assert!(
        text.contains("not_event_based") && text.contains("relationship_ended_on"),
        "{text}"
    );
    // A death in the future is refused and names the field.
    let (status, text) = call(
        &agent,
        "PUT",
        &format!("{base}/api/v1/documents/doc-3/secrecy-events"),
        &registrar,
        Some(serde_json::json!({"subject_died_on": "2999-01-01"})),
    );
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("subject_died_on"), "{text}");

    // The case page of doc-2: the day and the rule in words, in Finnish.
    let cookie = session_cookie(&agent, base, "kirjaaja", "kirjaaja-a long passphrase");
    let case_of_doc2 = document_case(&agent, base, &registrar, "doc-2");
    let path = format!("/ui/cases/{case_of_doc2}");
    let (status, page) = page_get(&agent, base, &cookie, &path);
    assert_eq!(status, 200);
    assert!(page.contains("Salassapito päättyy"), "{page}");
    assert!(
        page.contains("15.3.2120 (100 vuotta asiakirjan päivämäärästä, kuolinpäivä ei tiedossa)"),
        "{page}"
    );
    assert!(!page.contains("julkl-24-1"), "no ground key on a page");
    // A day that is not a day comes back 400, the input kept, the problem next to the field.
    let csrf = csrf_of(&page);
    let (status, _, refused) = form_post(
        &agent,
        base,
        &cookie,
        &format!("{path}/secrecy-events"),
        &[("csrf", &csrf), ("document", "doc-2"), ("subject_died_on", "31.2.2025")],
    );
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("value=\"31.2.2025\""), "input kept: {refused}");
    assert!(refused.contains("Anna päivä muodossa pp.kk.vvvv."), "{refused}");
    // A death on 3.4.2025 recorded on the page: 303 to the case with a proven message.
    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        &format!("{path}/secrecy-events"),
        &[
            ("csrf", &csrf),
            ("document", "doc-2"),
            ("subject_died_on", "2025-04-03"),
        ],
    );
    assert_eq!(status, 303);
    let (_, page) = page_get(&agent, base, &cookie, &location);
    assert!(page.contains("salassapidon päivät tallennettu"), "{page}");
    assert!(page.contains("3.4.2075 (50 vuotta kuolemasta 3.4.2025)"), "{page}");
    // The document's own form shows the recorded day, so saving another day never erases it.
    assert!(
        page.contains("id=\"subject_died_on-doc-2\" name=\"subject_died_on\" type=\"date\" value=\"2025-04-03\""),
        "{page}"
    );

    // The archive page: the series' last secrecy end.
    let archivist = session_cookie(&agent, base, "arkistonhoitaja", "arkistonhoitaja-a long passphrase");
    let (status, page) = page_get(&agent, base, &archivist, "/ui/archive");
    assert_eq!(status, 200);
    assert!(page.contains("Salassapito päättyy"), "{page}");
    assert!(page.contains("3.4.2075"), "{page}");
}

/// The case id of a document, read through the API.
fn document_case(agent: &ureq::Agent, base: &str, bearer: &str, document: &str) -> String {
    let (_, text) = call(
        agent,
        "GET",
        &format!("{base}/api/v1/documents/{document}"),
        bearer,
        None,
    );
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    document["case_id"].as_str().unwrap().to_owned()
}
