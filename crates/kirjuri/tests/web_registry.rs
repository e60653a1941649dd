//! The registry office's web pages and the public request form end to end against the real
//! binary with demo data, over HTTP (the same journeys run in Chromium in `browser.rs`): a case
//! opened from the form lands in the register and its filters; a refused form comes back with
//! the input kept and the problem's code; several files register at once; a state change and a
//! request's transitions, pause and extension end in a message; the work queue's views; the
//! public form registers a request with a receipt, refuses an anonymous GDPR request on the
//! form, and is limited per address; nothing else is public.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with};

#[test]
fn the_registry_office_works_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");

    // Opening a case: the class picker narrows with a search; a form without a title comes back
    // with what was typed, the problem beside the field and its code.
    let (status, form) = get(&agent, base, &cookie, "/ui/cases/new?q=hankin");
    assert_eq!(status, 200);
    assert!(form.contains("02 07 01 Hankintamenettely"), "{form}");
    assert!(!form.contains("00 02 06"), "the search narrows the picker");
    // A city-wide user picks the department from those there are (no typo makes a new one).
    assert!(
        form.contains("<select id=\"department\"") && form.contains("<option value=\"sivistystoimi\""),
        "{form}"
    );
    let csrf = csrf_of(&form);
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/cases/new",
        &[
            ("csrf", &csrf),
            ("class", "02 07 01"),
            ("title", " "),
            ("parties", "Kuljetus Oy"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("Tarkista lomake") && refused.contains("missing_title"),
        "{refused}"
    );
    assert!(refused.contains("Kuljetus Oy"), "the parties are kept");
    assert!(!refused.contains("\"detail\":"), "no JSON on a page");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/cases/new",
        &[
            ("csrf", &csrf),
            ("class", "02 07 01"),
            ("title", "Koulukuljetusten hankinta"),
            ("parties", "Kuljetus Oy\nLaitilan kaupunki"),
            ("public_title", ""),
            ("department", ""),
        ],
    );
    assert_eq!(status, 303);
    assert!(location.contains("?opened=1&proof="), "{location}");
    let (_, case_page) = get(&agent, base, &cookie, &location);
    assert!(case_page.contains("Asia avattu: LAI/"), "{case_page}");
    // The message needs this session's proof: a link made by someone else shows none.
    let forged = location.split("&proof=").next().unwrap().to_owned();
    assert!(!get(&agent, base, &cookie, &forged).1.contains("Asia avattu"));
    let other = session_cookie(&agent, base, "arkistonhoitaja", "demo-arkistonhoitaja-2026");
    assert!(
        !get(&agent, base, &other, &location).1.contains("Asia avattu"),
        "another session's proof"
    );
    assert!(case_page.contains("Kuljetus Oy, Laitilan kaupunki"));
    let case_path = location.split('?').next().unwrap().to_owned();
    let diary = case_page
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();

    // The register: filters by class, year, state and party; paging says what is shown.
    let (_, register) = get(
        &agent,
        base,
        &cookie,
        "/ui/cases?class=02+07&year=2026&party=Kuljetus+Oy",
    );
    assert!(
        register.contains(&diary) && register.contains("Näytetään 1–1 / 1 asiaa"),
        "{register}"
    );
    let (_, register) = get(&agent, base, &cookie, "/ui/cases?state=paatetty&class=02+07+01");
    assert!(!register.contains(&diary) && register.contains("Rajauksia vastaavia asioita ei ole"));
    let (status, register) = get(&agent, base, &cookie, "/ui/cases?class=zz&year=12");
    assert_eq!(status, 200);
    assert!(
        register.contains("bad_class") && register.contains("bad_year"),
        "{register}"
    );

    // Two files at once, each its own document; the message names both.
    let boundary = "kirjurirajaus";
    let mut multipart = String::new();
    for (name, value) in [
        ("csrf", csrf.as_str()),
        ("record_type", "tarjous"),
        ("title", "Tarjous"),
        ("direction", "incoming"),
        ("date", "27.11.2026"),
        ("party", "Kuljetus Oy"),
    ] {
        multipart.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    for (file, text) in [
        ("kuljetus-oy.txt", "Tarjous koulukuljetuksista"),
        ("taksi-ab.txt", "Anbud om skolskjutsar"),
    ] {
        multipart.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\nContent-Type: text/plain\r\n\r\n{text}\r\n"
        ));
    }
    multipart.push_str(&format!("--{boundary}--\r\n"));
    let uploaded = agent
        .post(&format!("{base}{case_path}/documents"))
        .header("cookie", &cookie)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(multipart.as_str())
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 303);
    let location = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let (_, after) = get(&agent, base, &cookie, &location);
    assert!(
        after.contains("Tarjous: kuljetus-oy") && after.contains("Tarjous: taksi-ab"),
        "{after}"
    );
    assert!(after.contains("Asiakirjat kirjattu:"));
    assert!(
        after.contains("<td>27.11.2026</td>"),
        "the day received as typed: {after}"
    );
    // No file: refused on the form, the title kept.
    let empty = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nPidä tämä\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
    );
    let mut refused = agent
        .post(&format!("{base}{case_path}/documents"))
        .header("cookie", &cookie)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(empty.as_str())
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let refused = body(&mut refused);
    assert!(
        refused.contains("no_content") && refused.contains("Pidä tämä"),
        "{refused}"
    );

    // A state change ends in a message; the card prints the history.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("{case_path}/state"),
        &[
            ("csrf", &csrf),
            ("state", "vireilla"),
            ("reason", "Tarjoukset saapuneet"),
        ],
    );
    assert_eq!(status, 303);
    let (_, moved) = get(&agent, base, &cookie, &location);
    assert!(moved.contains("Asian tila muutettu: Vireillä"), "{moved}");
    let (_, card) = get(&agent, base, &cookie, &format!("{case_path}/card"));
    assert!(card.contains("Asiakortti") && card.contains("Tarjoukset saapuneet") && card.contains("Tarjous: taksi-ab"));

    // A request: registered with its diary number and both days at once.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf),
            ("kind", "publicity"),
            ("received", "2026-11-30"),
            ("requester", ""),
            ("anonymous", "true"),
            ("assignee", "kirjaaja"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, registered) = get(&agent, base, &cookie, &location);
    assert!(registered.contains("Pyyntö kirjattu: LAI/"), "{registered}");
    assert!(
        registered.contains("Lakisääteinen määräpäivä 14.12.2026, siirtynyt määräpäivä 14.12.2026"),
        "{registered}"
    );
    let request_path = location.split('?').next().unwrap().to_owned();
    // Mine: the request assigned to the registrar is in the queue.
    let request_diary = registered
        .split("<h1>Pyyntö ")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let (_, mine) = get(&agent, base, &cookie, "/ui/requests?queue=mine");
    assert!(
        mine.contains(&request_diary) && mine.contains("aria-current=\"page\""),
        "{mine}"
    );
    let (_, overdue) = get(&agent, base, &cookie, "/ui/requests?queue=overdue");
    assert!(!overdue.contains(&request_diary), "not overdue");
    // A GDPR request without a requester: refused on the form with the input kept.
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf),
            ("kind", "gdpr-access"),
            ("received", "2026-11-30"),
            ("requester", ""),
            ("assignee", "ei-ketaan"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("Tarkista lomake") && refused.contains("ei-ketaan"),
        "{refused}"
    );

    // Pause, resume, in progress, extension with a reason: each ends in a message.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("{request_path}/pause"),
        &[("csrf", &csrf), ("reason", "Odotetaan täsmennystä")],
    );
    assert_eq!(status, 303);
    assert!(
        get(&agent, base, &cookie, &location)
            .1
            .contains("Määräaika keskeytetty.")
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("{request_path}/resume"),
        &[("csrf", &csrf)],
    );
    assert_eq!(status, 303);
    assert!(get(&agent, base, &cookie, &location).1.contains("Määräaika jatkuu"));
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        &format!("{request_path}/transition"),
        &[("csrf", &csrf), ("state", "in-progress")],
    );
    assert_eq!(status, 303);
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &format!("{request_path}/transition"),
        &[("csrf", &csrf), ("state", "granted"), ("told_on", "30.11.")],
    );
    assert_eq!(status, 400, "a bad day is the form's problem");
    assert!(refused.contains("bad_date"), "{refused}");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("{request_path}/transition"),
        &[
            ("csrf", &csrf),
            ("state", "extended"),
            ("reason", "Paljon asiakirjoja"),
            ("justification", "large-volume"),
            ("told_on", ""),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, extended) = get(&agent, base, &cookie, &location);
    assert!(
        extended.contains("Pyyntö siirretty vaiheeseen: Määräaikaa jatkettu"),
        "{extended}"
    );
    assert!(extended.contains("Jatkettu: Paljon asiakirjoja") && extended.contains("Vastaanotettu → Käsittelyssä"));

    // Showing a request in full (the requester's name) is an audited read.
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let mut audit = agent
        .get(&format!("{base}/api/v1/audit?limit=1000"))
        .header("authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    let audit = body(&mut audit);
    let request_id = request_path.rsplit('/').next().unwrap();
    assert!(
        audit.contains("\"request.read\"") && audit.contains(&format!("\"{request_id}\"")),
        "the request page's read is audited"
    );

    // The audit trail in the browser (auditor): filtered by person and action, newest first;
    // the chain verified. The API takes the same filter.
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, trail) = get(
        &agent,
        base,
        &auditor,
        "/ui/audit?actor=KIRJAAJA&action=request.&target=&from=&to=",
    );
    assert_eq!(status, 200);
    assert!(trail.contains(request_id) && trail.contains("request.pause"), "{trail}");
    assert!(!trail.contains("<code>case.open</code>"), "only the actions asked for");
    let (_, checked) = get(&agent, base, &auditor, "/ui/audit?verify=1");
    assert!(checked.contains("Lokiketju on eheä"), "{checked}");
    let (_, bad_day) = get(&agent, base, &auditor, "/ui/audit?from=30.13.2026");
    assert!(bad_day.contains("bad_date"), "{bad_day}");
    assert_eq!(
        get(&agent, base, &cookie, "/ui/audit").0,
        403,
        "the registrar does not read the trail"
    );
    let mut filtered = agent
        .get(&format!(
            "{base}/api/v1/audit?limit=1000&actor=kirjaaja&action=request.pause"
        ))
        .header("authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    let filtered: serde_json::Value = serde_json::from_str(&body(&mut filtered)).unwrap();
    let filtered = filtered["entries"].as_array().unwrap();
    assert_eq!(filtered.len(), 1, "{filtered:?}");
    assert_eq!(filtered[0]["action"], "request.pause");

    // An unknown case is an HTML page in the user's language with the code, not JSON.
    let (status, missing) = get(&agent, base, &cookie, "/ui/cases/case-9999");
    assert_eq!(status, 404);
    assert!(
        missing.contains("<html lang=\"fi\"") && missing.contains("not_found"),
        "{missing}"
    );
    let (_, swedish) = get(
        &agent,
        base,
        &format!("{cookie}; kirjuri_lang=sv"),
        "/ui/cases/case-9999",
    );
    assert!(
        swedish.contains("<html lang=\"sv\"") && swedish.contains("Hittades inte"),
        "{swedish}"
    );
}

#[test]
fn the_public_request_form_registers_and_answers_with_a_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    // A sent form answers with its receipt's own address (a reload shows it, sends nothing).
    let send = |form: &[(&str, &str)]| {
        let mut response = agent
            .post(&format!("{base}/asiointi"))
            .send_form(form.iter().copied())
            .unwrap();
        if response.status().as_u16() == 303 {
            let location = response.headers()["location"].to_str().unwrap().to_owned();
            assert!(location.starts_with("/asiointi/kuitti/req-"), "{location}");
            let mut receipt = agent.get(&format!("{base}{location}")).call().unwrap();
            return (receipt.status().as_u16(), body(&mut receipt));
        }
        (response.status().as_u16(), body(&mut response))
    };

    let mut page = agent.get(&format!("{base}/asiointi")).call().unwrap();
    assert_eq!(page.status().as_u16(), 200, "public, no sign-in");
    let page = body(&mut page);
    assert!(page.contains("Tietopyyntö kaupungille") && !page.contains("Kirjaudu ulos"));

    // An anonymous GDPR request is refused on the form; what was written is kept.
    let (status, refused) = send(&[
        ("kind", "gdpr-access"),
        ("description", "Kaikki minusta tallennetut tiedot"),
        ("anonymous", "true"),
    ]);
    assert_eq!(status, 400);
    assert!(
        refused.contains("requester") && refused.contains("Kaikki minusta tallennetut tiedot"),
        "{refused}"
    );
    assert!(refused.contains("contact"), "the contact is asked too: {refused}");

    // An anonymous request for documents: the receipt names its diary number and due day.
    let (status, receipt) = send(&[
        ("kind", "publicity"),
        ("description", "Valtuuston pöytäkirja 27.10.2026"),
        ("anonymous", "true"),
    ]);
    assert_eq!(status, 200, "{receipt}");
    assert!(
        receipt.contains("Pyyntösi on vastaanotettu ja kirjattu") && receipt.contains("LAI/"),
        "{receipt}"
    );
    assert!(receipt.contains("Vastaus viimeistään"));
    // A GDPR request with a name and contact details.
    let (status, receipt) = send(&[
        ("kind", "gdpr-access"),
        ("name", "Maija Meikäläinen"),
        ("contact", "maija@example.fi"),
        ("description", "Kaikki minusta tallennetut tiedot"),
    ]);
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("tarkistaa henkilöllisyytesi"));
    let diary = receipt
        .split("<strong>LAI/")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();

    // The registry office sees it, registered by the e-service with the person's text as its
    // request document.
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let (_, queue) = get(&agent, base, &cookie, "/ui/requests");
    assert!(queue.contains(&format!("LAI/{diary}")), "{queue}");
    let token = common::token(base, "kirjaaja", "demo-kirjaaja-2026");
    // The API refuses an assignee who is not a user, as the registry office's form does.
    let mut unknown = agent
        .post(&format!("{base}/api/v1/requests"))
        .header("authorization", format!("Bearer {token}"))
        .content_type("application/json")
        .send(r#"{"kind":"publicity","received":"2026-11-30","anonymous":true,"assignee":"ei-ketaan"}"#)
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 400);
    assert!(body(&mut unknown).contains("unknown_user"));
    let mut requests = agent
        .get(&format!("{base}/api/v1/requests"))
        .header("authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    let requests: serde_json::Value = serde_json::from_str(&body(&mut requests)).unwrap();
    let mine = requests
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["diary_number"].as_str().unwrap().ends_with(&diary))
        .unwrap();
    assert_eq!(mine["requester"], "Maija Meikäläinen");
    assert_eq!(mine["channel"], "e-service");
    let case = mine["case_id"].as_str().unwrap();
    let (_, case_page) = get(&agent, base, &cookie, &format!("/ui/cases/{case}"));
    assert!(
        case_page.contains("Tarkastuspyyntö") && case_page.contains("Saapunut"),
        "{case_page}"
    );

    // Limited per address: ten whole forms an hour, then 429 with Retry-After, on the form.
    let mut limited = None;
    for _ in 0..12 {
        let mut response = agent
            .post(&format!("{base}/asiointi"))
            .send_form([
                ("kind", "publicity"),
                ("description", "Talousarvio 2027"),
                ("anonymous", "true"),
            ])
            .unwrap();
        if response.status().as_u16() == 429 {
            let retry = response
                .headers()
                .get("retry-after")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            limited = Some((retry, body(&mut response)));
            break;
        }
        assert_eq!(response.status().as_u16(), 303);
    }
    let (retry, page) = limited.expect("the limit is met within twelve sends");
    assert!(retry.parse::<u64>().unwrap() > 0);
    assert!(
        page.contains("too_many_attempts") && page.contains("Talousarvio 2027"),
        "{page}"
    );

    // A receipt's address is the sender's only: a guessed one is not found.
    for path in [
        "/asiointi/kuitti/req-1",
        "/asiointi/kuitti/req-1.00112233445566778899aabbccddeeff",
    ] {
        let response = agent.get(&format!("{base}{path}")).call().unwrap();
        assert_eq!(response.status().as_u16(), 404, "{path}");
    }
    // A forged line in the contact field is refused.
    let (status, refused) = send(&[
        ("kind", "gdpr-access"),
        ("name", "Maija Meikäläinen"),
        ("contact", "maija@example.fi\nHenkilötunnus: 010101-123X"),
        ("description", "Tiedot"),
    ]);
    assert_eq!(status, 400);
    assert!(refused.contains("bad_characters"), "{refused}");

    // Nothing else is public.
    for path in ["/", "/ui/cases", "/ui/requests", "/ui/cases/new", "/ui/requests/req-1"] {
        let response = agent.get(&format!("{base}{path}")).call().unwrap();
        assert_eq!(response.status().as_u16(), 303, "{path}");
    }
}
