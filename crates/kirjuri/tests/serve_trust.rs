//! Issue "Trust" §1 and §2 over HTTP against the real server: a lookup by key returns exactly
//! that key's records (case-1 is not case-10 for the API, the case page and the archive export;
//! anna is not anna.k for token revocation), a view of a case that shows restricted documents is
//! audited with its purpose, and the web UI asks the purpose before a restricted document opens.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{agent, body, kirjuri, session_cookie, start_server, token};

fn get_json(agent: &ureq::Agent, url: &str, bearer: &str) -> (u16, serde_json::Value) {
    let mut response = agent
        .get(url)
        .header("authorization", format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    let text = body(&mut response);
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

fn post_json(agent: &ureq::Agent, url: &str, bearer: &str, value: serde_json::Value) -> (u16, serde_json::Value) {
    let mut response = agent
        .post(url)
        .header("authorization", format!("Bearer {bearer}"))
        .content_type("application/json")
        .send(value.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    let text = body(&mut response);
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

fn add_user(agent: &ureq::Agent, base: &str, admin: &str, name: &str, role: &str) -> String {
    let password = format!("{name}-a long passphrase");
    let (status, answer) = post_json(
        agent,
        &format!("{base}/api/v1/users"),
        admin,
        serde_json::json!({"name": name, "role": role, "password": password}),
    );
    assert_eq!(status, 201, "{answer}");
    password
}

fn audit_entries(data: &Path) -> Vec<serde_json::Value> {
    let run = kirjuri(data, &["audit", "export"]);
    assert_eq!(run.code, 0, "{}", run.all());
    run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Twelve public notices, one per case (case-1 … case-12, doc-1 … doc-12), and a restricted
/// application in case-10 (doc-13); a signing key.
fn twelve_cases(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let file = dir.join("kuulutus.txt");
    for n in 1..=12 {
        std::fs::write(&file, format!("Kuulutus numero {n}")).unwrap();
        let run = kirjuri(
            &data,
            &[
                "ingest",
                file.to_str().unwrap(),
                "--class",
                "00.02.08",
                "--title",
                &format!("Kuulutus {n}"),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.all());
    }
    std::fs::write(&file, "Varhaiskasvatushakemus, salassa pidettävä").unwrap();
    let run = kirjuri(
        &data,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--case",
            "case-10",
            "--publicity",
            "secret",
            "--secrecy-reason",
            "JulkL 24 § 1 mom 25 kohta",
            "--override-reason",
            "sosiaalihuollon asiakkuus",
            "--title",
            "Hakemus",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("doc-13"), "{}", run.stdout);
    assert_eq!(kirjuri(&data, &["keys", "init"]).code, 0);
    data
}

fn document_ids(case: &serde_json::Value) -> Vec<String> {
    case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn case_1_is_not_case_10_for_the_api_the_case_page_and_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = twelve_cases(dir.path());
    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let staff_password = add_user(&agent, base, &admin, "tyontekija", "staff");
    let registrar_password = add_user(&agent, base, &admin, "kirjaaja", "registrar");
    add_user(&agent, base, &admin, "arkistonhoitaja", "archivist");
    let staff = token(base, "tyontekija", &staff_password);
    let registrar = token(base, "kirjaaja", &registrar_password);

    for bearer in [&staff, &registrar] {
        let (status, case) = get_json(&agent, &format!("{base}/api/v1/cases/case-1"), bearer);
        assert_eq!(status, 200);
        assert_eq!(document_ids(&case), vec!["doc-1"], "not case-10's documents: {case}");
    }
    // A registrar sees case-10's restricted application; staff do not.
    let (_, case_10) = get_json(&agent, &format!("{base}/api/v1/cases/case-10"), &registrar);
    assert_eq!(document_ids(&case_10), vec!["doc-10", "doc-13"]);
    let (_, case_10) = get_json(&agent, &format!("{base}/api/v1/cases/case-10"), &staff);
    assert_eq!(document_ids(&case_10), vec!["doc-10"]);

    // The case page of case-1, signed in through the form as staff.
    let cookie = session_cookie(&agent, base, "tyontekija", &staff_password);
    let mut page = agent
        .get(&format!("{base}/ui/cases/case-1"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let html = body(&mut page);
    assert!(html.contains("Kuulutus 1<"), "{html}");
    for other in ["doc-10", "doc-11", "doc-12", "doc-13", "Kuulutus 10", "Hakemus"] {
        assert!(!html.contains(other), "case-1's page shows {other}");
    }

    // The archive export of case-1 over the API carries doc-1 alone.
    let archivist = token(base, "arkistonhoitaja", "arkistonhoitaja-a long passphrase");
    let mut response = agent
        .post(&format!("{base}/api/v1/archive/exports"))
        .header("authorization", format!("Bearer {archivist}"))
        .content_type("application/json")
        .send(serde_json::json!({"cases": ["case-1"]}).to_string().as_str())
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let bytes = response.body_mut().read_to_vec().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut records_xml = String::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        if entry.name().unwrap().ends_with("metadata/descriptive/records.xml") {
            std::io::Read::read_to_string(&mut entry, &mut records_xml).unwrap();
        }
    }
    assert!(records_xml.contains("Kuulutus 1<"), "{records_xml}");
    assert!(
        !records_xml.contains("doc-13") && !records_xml.contains("Hakemus"),
        "{records_xml}"
    );
    drop(server);
    let export = audit_entries(&data)
        .into_iter()
        .find(|e| e["action"] == "archive.export")
        .unwrap();
    assert_eq!(export["detail"]["document_ids"], serde_json::json!(["doc-1"]));
}

#[test]
fn revoking_anna_s_tokens_leaves_anna_k_and_annabel_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let mut tokens = Vec::new();
    for (name, role) in [("anna", "staff"), ("anna.k", "staff"), ("annabel", "registrar")] {
        let password = add_user(&agent, base, &admin, name, role);
        tokens.push(token(base, name, &password));
    }
    let me = |bearer: &str| get_json(&agent, &format!("{base}/api/v1/me"), bearer).0;
    let (status, answer) = post_json(
        &agent,
        &format!("{base}/api/v1/users/anna/tokens/revoke"),
        &admin,
        serde_json::json!({}),
    );
    assert_eq!(status, 200);
    assert_eq!(answer["revoked"], 1, "{answer}");
    assert_eq!(me(&tokens[0]), 401, "anna's token is revoked");
    assert_eq!(me(&tokens[1]), 200, "anna.k's token still works");
    assert_eq!(me(&tokens[2]), 200, "annabel's token still works");

    // anna revoking her own tokens touches only hers.
    let anna = token(base, "anna", "anna-a long passphrase");
    let (status, answer) = post_json(
        &agent,
        &format!("{base}/api/v1/tokens/revoke"),
        &anna,
        serde_json::json!({}),
    );
    assert_eq!(status, 200);
    assert_eq!(answer["revoked"], 1, "{answer}");
    assert_eq!(me(&anna), 401);
    assert_eq!(me(&tokens[1]), 200, "anna.k's token still works");
    assert_eq!(me(&tokens[2]), 200, "annabel's token still works");
    drop(server);
    let revocations: Vec<serde_json::Value> = audit_entries(&data)
        .into_iter()
        .filter(|e| e["action"] == "token.revoke")
        .collect();
    assert_eq!(revocations.len(), 2);
    assert!(revocations.iter().all(|e| e["target_id"] == "anna"));
}

#[test]
fn restricted_case_views_are_audited_and_the_ui_asks_the_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let data = twelve_cases(dir.path());
    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let registrar_password = add_user(&agent, base, &admin, "kirjaaja", "registrar");
    let staff_password = add_user(&agent, base, &admin, "tyontekija", "staff");
    let registrar = token(base, "kirjaaja", &registrar_password);
    let staff = token(base, "tyontekija", &staff_password);

    // A view of case-10 with its restricted application is audited with the purpose (UTF-8,
    // percent-encoded); the same view for staff shows nothing restricted and is not.
    let mut response = agent
        .get(&format!("{base}/api/v1/cases/case-10"))
        .header("authorization", format!("Bearer {registrar}"))
        .header("x-purpose", "asian%20k%C3%A4sittely")
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{}", body(&mut response));
    assert_eq!(get_json(&agent, &format!("{base}/api/v1/cases/case-10"), &staff).0, 200);
    assert_eq!(
        get_json(&agent, &format!("{base}/api/v1/cases/case-1"), &registrar).0,
        200
    );

    // The web UI: the restricted document's link leads to a purpose form, not to the content.
    let cookie = session_cookie(&agent, base, "kirjaaja", &registrar_password);
    let mut page = agent
        .get(&format!("{base}/ui/cases/case-10"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    let html = body(&mut page);
    assert!(html.contains("href=\"/ui/documents/doc-13/open\""), "{html}");
    assert!(
        html.contains("<td>Kuulutus</td>") && !html.contains("<td>kuulutus</td>"),
        "record types by their plan name, not the machine id: {html}"
    );
    assert!(
        html.contains("href=\"/api/v1/documents/doc-10/content\""),
        "public: direct"
    );
    let mut form = agent
        .get(&format!("{base}/ui/documents/doc-13/open"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(form.status().as_u16(), 200);
    let form_html = body(&mut form);
    assert!(form_html.contains("Käyttötarkoitus"), "{form_html}");
    assert!(
        !form_html.contains("Hakemus"),
        "the form shows the id, not the restricted title"
    );
    // The bare API link from the browser session is refused without a purpose (404 would
    // hide nothing here: the reader may read it); with X-Purpose it opens.
    let mut bare = agent
        .get(&format!("{base}/api/v1/documents/doc-13/content"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(bare.status().as_u16(), 400);
    assert!(body(&mut bare).contains("purpose_required"));
    let metadata = agent
        .get(&format!("{base}/api/v1/documents/doc-13"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(metadata.status().as_u16(), 400, "metadata too");
    let at = form_html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    let csrf = form_html[at..].split('"').next().unwrap().to_owned();
    // No purpose: the form again with the message, nothing read.
    let mut refused = agent
        .post(&format!("{base}/ui/documents/doc-13/open"))
        .header("cookie", &cookie)
        .send_form([("csrf", csrf.as_str()), ("purpose", "muu"), ("detail", "")])
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    assert!(body(&mut refused).contains("Valitse käyttötarkoitus"));
    let forged = agent
        .post(&format!("{base}/ui/documents/doc-13/open"))
        .header("cookie", &cookie)
        .send_form([("csrf", "forged"), ("purpose", "asian käsittely"), ("detail", "")])
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let mut opened = agent
        .post(&format!("{base}/ui/documents/doc-13/open"))
        .header("cookie", &cookie)
        .send_form([
            ("csrf", csrf.as_str()),
            ("purpose", "tietopyyntöön vastaaminen"),
            ("detail", "req-7"),
        ])
        .unwrap();
    assert_eq!(opened.status().as_u16(), 200);
    assert!(
        opened.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(body(&mut opened), "Varhaiskasvatushakemus, salassa pidettävä");
    // Staff cannot open it at all: for them it does not exist.
    let staff_cookie = session_cookie(&agent, base, "tyontekija", &staff_password);
    let hidden = agent
        .get(&format!("{base}/ui/documents/doc-13/open"))
        .header("cookie", &staff_cookie)
        .call()
        .unwrap();
    assert_eq!(hidden.status().as_u16(), 404);
    drop(server);

    let entries = audit_entries(&data);
    let case_reads: Vec<&serde_json::Value> = entries.iter().filter(|e| e["action"] == "case.read").collect();
    assert_eq!(
        case_reads.len(),
        2,
        "the API view and the page view of case-10: {case_reads:?}"
    );
    assert_eq!(case_reads[0]["target_id"], "case-10");
    assert_eq!(case_reads[0]["purpose"], "asian käsittely");
    assert_eq!(
        case_reads[0]["detail"]["restricted_documents_shown"],
        serde_json::json!(["doc-13"])
    );
    let read = entries
        .iter()
        .find(|e| e["action"] == "document.content.read" && e["target_id"] == "doc-13")
        .expect("the content read is audited");
    assert_eq!(read["purpose"], "tietopyyntöön vastaaminen: req-7");
    assert_eq!(read["actor"], "kirjaaja");
}

/// Errors in the domain's words: the domain names the field (`title`), the API passes the
/// field name on, the command line shows its flag (`--title`); neither sees the other's terms.
#[test]
fn domain_errors_name_the_field_each_front_end_in_its_own_terms() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cli = kirjuri(&data, &["case", "open", "--class", "07.00.03", "--title", " "]);
    assert_eq!(cli.code, 2, "{}", cli.all());
    assert!(cli.stderr.contains("--title must not be empty"), "{}", cli.stderr);
    let server = start_server(&data);
    let base = server.base.as_str();
    let admin = token(base, "admin", "a long admin passphrase");
    let (status, answer) = post_json(
        &agent(),
        &format!("{base}/api/v1/cases"),
        &admin,
        serde_json::json!({"class": "07.00.03", "title": " "}),
    );
    assert_eq!(status, 400, "{answer}");
    let detail = answer["detail"].as_str().unwrap();
    assert!(detail.contains("`title` must not be empty"), "{detail}");
    assert!(!detail.contains("--"), "no command-line flags over the API: {detail}");
    // An unknown case is not found (404), like an unknown document, not a malformed request.
    let (status, answer) = get_json(&agent(), &format!("{base}/api/v1/cases/case-999"), &admin);
    assert_eq!(status, 404, "{answer}");
}

/// The attacker's long and crafted values (issue "Trust" §3, field limits): erasure reasons,
/// disposal reasons, log-report subjects and search queries are bounded like titles; titles
/// refuse control characters and text-direction overrides; a case takes at most 100 parties.
/// Each refusal is a 400 naming the field, and nothing is written.
#[test]
fn crafted_and_overlong_values_are_refused_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("kuulutus.txt");
    std::fs::write(&file, "Kuulutus").unwrap();
    assert_eq!(
        kirjuri(&data, &["ingest", file.to_str().unwrap(), "--class", "00.02.08"]).code,
        0
    );
    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let refused = |path: &str, body: serde_json::Value, field: &str| {
        let (status, answer) = post_json(&agent, &format!("{base}/api/v1{path}"), &admin, body);
        assert_eq!(status, 400, "{path}: {answer}");
        let detail = answer["detail"].as_str().unwrap_or_default();
        assert!(
            detail.starts_with(field),
            "{path}: the field `{field}` is named: {answer}"
        );
    };
    let long = "A".repeat(200_000);
    refused("/documents/doc-1/erase", serde_json::json!({"reason": long}), "reason");
    refused(
        "/cases",
        serde_json::json!({"class": "07.00.03", "title": "a\u{0}b\r\n=HYPERLINK(1)\u{202e}"}),
        "title",
    );
    let parties: Vec<String> = (0..101).map(|n| format!("Osapuoli {n}")).collect();
    refused(
        "/cases",
        serde_json::json!({"class": "07.00.03", "title": "Monta osapuolta", "parties": parties}),
        "parties",
    );
    let (status, answer) = get_json(
        &agent,
        &format!("{base}/api/v1/search?q={}", "sana+".repeat(300)),
        &admin,
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer["detail"].as_str().unwrap().starts_with("q:"), "{answer}");
    // The document is still there, and no case was opened.
    assert_eq!(
        get_json(&agent, &format!("{base}/api/v1/documents/doc-1"), &admin).0,
        200
    );
    let (_, cases) = get_json(&agent, &format!("{base}/api/v1/cases"), &admin);
    assert_eq!(cases.as_array().unwrap().len(), 1, "{cases}");
}
