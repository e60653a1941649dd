//! The contract register (sopimusrekisteri) end to end against the real binary with demo data:
//! the API's lists counted on a fixed day and a contract's next notice day, a refused field
//! named (400), the document link checked, a CSV import with a bad line refused by line and
//! column with nothing stored; the web page's list and four filters, a contract page with its
//! clock and links, add (refused then stored), edit, "notice given", the import form; the
//! auditor reads without forms, staff get 403 and no navigation link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with, token};

fn api_get(agent: &ureq::Agent, base: &str, token: &str, path: &str) -> (u16, serde_json::Value) {
    let mut response = agent
        .get(&format!("{base}/api/v1{path}"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap())
}

fn api_send(
    agent: &ureq::Agent,
    base: &str,
    token: &str,
    method: &str,
    path: &str,
    content_type: &str,
    payload: &str,
) -> (u16, serde_json::Value) {
    let url = format!("{base}/api/v1{path}");
    let request = match method {
        "PUT" => agent.put(&url),
        _ => agent.post(&url),
    };
    let mut response = request
        .header("authorization", &format!("Bearer {token}"))
        .content_type(content_type)
        .send(payload)
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap())
}

fn ids(answer: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = answer["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_contract_register_over_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let registrar = token(base, "kirjaaja", "demo-kirjaaja-2026");

    // Counted on 1.9.2026: palkat (term ends 31.12.2026, 3 months' notice, renews 12 months)
    // must be given notice by Wed 30.9.2026 — within 30 days; tyoasemat (1 month) by
    // 30.11.2026 — not yet. The rule: the term end less the notice period, a month as the
    // same day number (kirjuri-contracts NoticePeriod::before).
    let (status, within) = api_get(&agent, base, &registrar, "/contracts?notice_within=30&on=2026-09-01");
    assert_eq!(status, 200, "{within}");
    assert_eq!(ids(&within), ["palkat"], "{within}");
    let palkat = &within["contracts"][0];
    assert_eq!(palkat["next_notice"]["last_day"], "2026-09-30");
    assert_eq!(palkat["next_notice"]["moved_to"], "2026-09-30");
    assert_eq!(palkat["next_notice"]["term_end"], "2026-12-31");
    assert_eq!(palkat["next_notice"]["days_left"], 29);
    // Lumityöt ended 30.4.2026 (fixed term) and is still marked active on 1.9.2026.
    let (_, expired) = api_get(&agent, base, &registrar, "/contracts?expired=true&on=2026-09-01");
    assert_eq!(ids(&expired), ["lumityot"]);
    let (_, no_owner) = api_get(&agent, base, &registrar, "/contracts?without_owner=true");
    assert_eq!(ids(&no_owner), ["tyoasemat"]);
    // The register of processing names Webropol Oy (palaute) as a processor: no contract.
    let (_, processors) = api_get(&agent, base, &registrar, "/contracts/processors-without-contract");
    assert_eq!(processors["processors"], serde_json::json!(["Webropol Oy"]));
    // One contract with its computed notice day (today's demo: 20 days from today).
    let (status, one) = api_get(&agent, base, &registrar, "/contracts/monitoimilaitteet");
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["next_notice"]["days_left"], 20, "{one}");
    // The whole list, and today's 30-day list holds the demo's contract due in 20 days.
    let (_, all) = api_get(&agent, base, &registrar, "/contracts");
    assert_eq!(all["contracts"].as_array().unwrap().len(), 8, "{all}");
    let (_, soon) = api_get(&agent, base, &registrar, "/contracts?notice_within=30");
    assert!(ids(&soon).contains(&"monitoimilaitteet".to_owned()), "{soon}");

    // A refused field is named: a renewing contract ending before it starts.
    let bad = r#"{"id":"uusi","title":"Uusi","counterparty":"Oy","starts_on":"2026-05-01","ends_on":"2026-01-01"}"#;
    let (status, problem) = api_send(&agent, base, &registrar, "POST", "/contracts", "application/json", bad);
    assert_eq!(status, 400, "{problem}");
    assert_eq!(problem["code"], "ends_on", "{problem}");
    let bad = r#"{"id":"uusi","title":"Uusi","counterparty":"Oy","value_band":"huge"}"#;
    let (status, problem) = api_send(&agent, base, &registrar, "POST", "/contracts", "application/json", bad);
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("value_band")),
        "{problem}"
    );
    // The document must be one of the registry (and one the caller may read).
    let bad = r#"{"id":"uusi","title":"Uusi","counterparty":"Oy","document":"doc-999"}"#;
    let (status, problem) = api_send(&agent, base, &registrar, "POST", "/contracts", "application/json", bad);
    assert_eq!((status, problem["code"].as_str()), (400, Some("document")), "{problem}");
    // The processor agreement must exist.
    let bad = r#"{"id":"uusi","title":"Uusi","counterparty":"Oy","personal_data":true,"processor_agreement":"kas-9"}"#;
    let (status, problem) = api_send(&agent, base, &registrar, "POST", "/contracts", "application/json", bad);
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("processor_agreement")),
        "{problem}"
    );
    // Stored: 6 months' notice on a term ending 31.3.2027 → notice by 30.9.2026.
    let good = r#"{"id":"uusi","title":"Uusi palvelu","counterparty":"Webropol Oy","owner":"Harri Hallinto","department":"hallintotoimi","starts_on":"2025-04-01","ends_on":"2027-03-31","renewal":"automatic:12","notice":"6m","personal_data":true,"processor_agreement":"kas-2"}"#;
    let (status, created) = api_send(&agent, base, &registrar, "POST", "/contracts", "application/json", good);
    assert_eq!(status, 201, "{created}");
    let (_, processors) = api_get(&agent, base, &registrar, "/contracts/processors-without-contract");
    assert_eq!(
        processors["processors"],
        serde_json::json!([]),
        "Webropol Oy now has one"
    );
    // Notice given 15.9.2026 is in time for the term ending 31.3.2027.
    let (status, noticed) = api_send(
        &agent,
        base,
        &registrar,
        "POST",
        "/contracts/uusi/notice",
        "application/json",
        r#"{"given_on":"2026-09-15"}"#,
    );
    assert_eq!(status, 200, "{noticed}");
    assert_eq!(noticed["ends"], "2027-03-31", "{noticed}");
    assert!(noticed["next_notice"].is_null());

    // CSV import: line 3 has a bad date; nothing is stored, the line and column are named.
    let csv = "id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\n\
               tuonti-1,Tuotu 1,Oy Yksi,Maija,hallintotoimi,2026-01-01,2026-12-31,fixed,,no,active\n\
               tuonti-2,Tuotu 2,Oy Kaksi,Maija,hallintotoimi,2026-13-01,2026-12-31,fixed,,no,active\n";
    let (status, problem) = api_send(&agent, base, &registrar, "POST", "/contracts/import", "text/csv", csv);
    assert_eq!(status, 400, "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("contracts.csv:3: column `starts_on`"), "{detail}");
    let (status, _) = api_get(&agent, base, &registrar, "/contracts/tuonti-1");
    assert_eq!(status, 404, "all or nothing: line 2 was not stored either");
    let fixed = csv.replace("2026-13-01", "2026-02-01");
    let (status, imported) = api_send(
        &agent,
        base,
        &registrar,
        "POST",
        "/contracts/import",
        "text/csv",
        &fixed,
    );
    assert_eq!((status, imported["imported"].as_u64()), (201, Some(2)), "{imported}");

    // The auditor reads but may not write; staff may not read.
    let auditor = token(base, "tarkastaja", "demo-tarkastaja-2026");
    assert_eq!(api_get(&agent, base, &auditor, "/contracts").0, 200);
    let (status, _) = api_send(&agent, base, &auditor, "POST", "/contracts", "application/json", good);
    assert_eq!(status, 403);
    let staff = token(base, "tyontekija", "demo-tyontekija-2026");
    assert_eq!(api_get(&agent, base, &staff, "/contracts").0, 403);
    assert_eq!(api_get(&agent, base, &staff, "/contracts/palkat").0, 403);
}

#[test]
fn the_registrar_keeps_the_contract_register_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");

    // The list with the next notice day and the days left in words.
    let (status, page) = get(&agent, base, &cookie, "/ui/contracts");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("href=\"/ui/contracts\""), "navigation link");
    assert!(page.contains("Sopimusrekisteri"));
    assert!(page.contains("Monitoimilaitteiden leasing"));
    assert!(
        page.contains("(20 päivää jäljellä)"),
        "the demo's notice day, 20 days from today"
    );
    assert!(
        page.contains("Ei vastuuhenkilöä"),
        "tyoasemat has no owner, said in words"
    );
    // The four filters.
    let (_, notice) = get(&agent, base, &cookie, "/ui/contracts?list=notice&days=30");
    assert!(notice.contains("Irtisanomispäivä 30 päivän sisällä"));
    assert!(notice.contains("Monitoimilaitteiden leasing") && !notice.contains("Lumityöt"));
    let (_, owner) = get(&agent, base, &cookie, "/ui/contracts?list=owner");
    assert!(owner.contains("Työasemien tuki") && !owner.contains("Monitoimilaitteiden"));
    // Lumityöt ended 30.4.2026 by its fixed term and is still marked active.
    let (_, expired) = get(&agent, base, &cookie, "/ui/contracts?list=expired");
    assert!(expired.contains("Lumityöt 2025–2026") && expired.contains("30.4.2026"));
    assert!(!expired.contains("Työasemien tuki"));
    let (_, processors) = get(&agent, base, &cookie, "/ui/contracts?list=processors");
    assert!(processors.contains("Webropol Oy"), "{processors}");

    // A contract page: all fields, the document linked to its case, the agreement named.
    let (status, cleaning) = get(&agent, base, &cookie, "/ui/contracts/siivous");
    assert_eq!(status, 200, "{cleaning}");
    assert!(cleaning.contains("Puhdas Oy") && cleaning.contains("Teemu Tekninen"));
    assert!(cleaning.contains("href=\"/ui/cases/"), "the document's case");
    assert!(cleaning.contains("Siivouspalvelusopimus"), "the document's title");
    assert!(cleaning.contains("Jatkuu automaattisesti 12 kk kerrallaan"));
    assert!(cleaning.contains("60 000–250 000 €"), "the value band in words");
    let (_, daisy) = get(&agent, base, &cookie, "/ui/contracts/vaka-jarjestelma");
    assert!(
        daisy.contains("Käsittelijäsopimus") && daisy.contains("kas-1"),
        "{daisy}"
    );

    // Add: a renewing contract without its notice period is refused beside the field.
    let (_, form) = get(&agent, base, &cookie, "/ui/contracts/new");
    let csrf = csrf_of(&form);
    let fields = |notice: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", "katuvalot".to_owned()),
            ("title", "Katuvalojen huolto".to_owned()),
            ("counterparty", "Valo Oy".to_owned()),
            ("owner", "Teemu Tekninen".to_owned()),
            ("department", "tekninen toimi".to_owned()),
            ("starts_on", "2025-01-01".to_owned()),
            ("ends_on", "2027-02-28".to_owned()),
            ("renewal", "automatic".to_owned()),
            ("renewal_months", "12".to_owned()),
            ("notice", notice.to_owned()),
            ("value_band", "10k-60k".to_owned()),
            ("state", "active".to_owned()),
        ]
    };
    let form = fields("");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/contracts/new", &pairs);
    assert_eq!(status, 400, "{refused}");
    assert!(
        refused.contains("id=\"notice-error\""),
        "the error beside the field: {refused}"
    );
    assert!(refused.contains("Katuvalojen huolto"), "input kept");
    // Stored: the term ends Sun 28.2.2027, one month's notice → Thu 28.1.2027 (a working day).
    let form = fields("1 kk");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, location, _) = post(&agent, base, &cookie, "/ui/contracts/new", &pairs);
    assert_eq!(status, 303);
    assert!(location.starts_with("/ui/contracts/katuvalot?done="), "{location}");
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Sopimus lisätty"), "proven message");
    assert!(page.contains("28.1.2027"), "{page}");

    // Edit: the term moved to end Sat 6.3.2027 → notice by Sat 6.2.2027, in time on Mon
    // 8.2.2027 (Time-limit Act 150/1930 §5), explained on the page.
    let (_, form) = get(&agent, base, &cookie, "/ui/contracts/katuvalot/edit");
    assert!(form.contains("Katuvalojen huolto"), "the form holds the stored values");
    let csrf = csrf_of(&form);
    let mut edit = fields("1 kk");
    edit[0].1 = csrf;
    edit.retain(|(k, _)| *k != "id");
    edit.iter_mut().find(|(k, _)| *k == "ends_on").unwrap().1 = "2027-03-06".to_owned();
    let pairs: Vec<(&str, &str)> = edit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, location, _) = post(&agent, base, &cookie, "/ui/contracts/katuvalot/edit", &pairs);
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Sopimus tallennettu"));
    assert!(
        page.contains("6.2.2027") && page.contains("8.2.2027") && page.contains("150/1930"),
        "{page}"
    );

    // Notice given on 1.2.2027 ends the contract at the end of the term, 6.3.2027.
    let csrf = csrf_of(&page[page.find("id=\"notice\"").unwrap()..]);
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/contracts/katuvalot/notice",
        &[("csrf", &csrf), ("given_on", "2027-02-01")],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Irtisanominen kirjattu"));
    assert!(page.contains("Irtisanottu") && page.contains("1.2.2027") && page.contains("6.3.2027"));

    // Import with a bad line: the line and column named, nothing stored.
    let (_, form) = get(&agent, base, &cookie, "/ui/contracts/import");
    let csrf = csrf_of(&form);
    let csv = "id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\n\
               web-1,Verkkosivut,Sivu Oy,Harri Hallinto,hallintotoimi,2026-01-01,2026-12-31,fixed,,no,active\n\
               web-2,Intranet,Sivu Oy,Harri Hallinto,hallintotoimi,2026-01-01,2026-12-31,forever,,no,active\n";
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/contracts/import",
        &[("csrf", &csrf), ("csv", csv)],
    );
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("contracts.csv:3: column `renewal`"), "{refused}");
    assert!(refused.contains("Mitään ei tallennettu"));
    assert_eq!(
        get(&agent, base, &cookie, "/ui/contracts/web-1").0,
        404,
        "nothing stored"
    );
    let fixed = csv.replace("forever", "fixed");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/contracts/import",
        &[("csrf", &csrf), ("csv", &fixed)],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Sopimuksia tuotu") && page.contains("Verkkosivut"));

    // The auditor reads without forms; staff get 403 and no link.
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, page) = get(&agent, base, &auditor, "/ui/contracts/palkat");
    assert_eq!(status, 200);
    assert!(
        !page.contains("id=\"notice\"") && !page.contains("/edit\""),
        "no forms for the auditor"
    );
    let (_, list) = get(&agent, base, &auditor, "/ui/contracts");
    assert!(!list.contains("/ui/contracts/new"));
    assert_eq!(get(&agent, base, &auditor, "/ui/contracts/new").0, 403);
    let staff = session_cookie(&agent, base, "tyontekija", "demo-tyontekija-2026");
    assert_eq!(get(&agent, base, &staff, "/ui/contracts").0, 403);
    let (_, front) = get(&agent, base, &staff, "/ui/cases");
    assert!(
        !front.contains("href=\"/ui/contracts\""),
        "no navigation link for staff"
    );
}
