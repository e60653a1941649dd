//! Issue "Secret cases stay secret" §2 through the real binary and the real server: users get
//! departments at the command line, a department-scoped staff member reads and registers only
//! in their departments, a case's access list narrows it to the named people, and the
//! access-rights report (CLI and API, CSV/JSON/HTML) tells who may read what.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, json, kirjuri, start_server};

fn get(agent: &ureq::Agent, url: &str, bearer: &str) -> (u16, String) {
    let mut response = agent
        .get(url)
        .header("authorization", format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    (status, body(&mut response))
}

fn post(agent: &ureq::Agent, url: &str, bearer: &str, json: &serde_json::Value) -> (u16, String) {
    let mut response = agent
        .post(url)
        .header("authorization", format!("Bearer {bearer}"))
        .content_type("application/json")
        .send(json.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    (status, body(&mut response))
}

#[test]
fn departments_access_lists_and_the_access_rights_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Two restricted cases: a social-welfare case of sosiaalitoimi, a GDPR request case of
    // hallintotoimi (the default department).
    let welfare = json(
        &data,
        &[
            "case",
            "open",
            "--class",
            "05 01 01",
            "--title",
            "Toimeentulotuki, Liisa Laine",
            "--party",
            "Liisa Laine",
            "--department",
            "sosiaalitoimi",
            "--json",
        ],
    );
    let welfare_diary = welfare["diary_number"].as_str().unwrap().to_owned();
    let run = kirjuri(
        &data,
        &[
            "ingest",
            "fixtures/demo/files/tarkastuspyynto-virtanen.txt",
            "--case",
            &welfare_diary,
            "--record-type",
            "toimeentulotukihakemus",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    // Users: a social worker (staff of sosiaalitoimi), a teacher (staff of sivistystoimi).
    for (name, department) in [("sosiaalityontekija", "sosiaalitoimi"), ("opettaja", "sivistystoimi")] {
        let run = kirjuri(
            &data,
            &["user", "add", name, "--role", "staff", "--department", department],
        );
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let run = kirjuri(
        &data,
        &[
            "user",
            "departments",
            "opettaja",
            "--department",
            "sivistystoimi",
            "--department",
            "nuorisotoimi",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("sivistystoimi, nuorisotoimi"), "{}", run.stdout);
    let run = kirjuri(&data, &["user", "departments", "nobody", "--department", "x"]);
    assert_eq!(run.code, 2, "an unknown user is refused: {}", run.all());

    let run = kirjuri(&data, &["user", "add", "kirjaaja", "--role", "registrar"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri(&data, &["user", "departments", "opettaja"]);
    assert!(
        run.stdout.contains("sivistystoimi, nuorisotoimi"),
        "shown, not cleared: {}",
        run.stdout
    );

    // The case access list at the command line: needs a reason, names existing users.
    let run = kirjuri(
        &data,
        &[
            "case",
            "access",
            &welfare_diary,
            "--user",
            "kirjaja",
            "--reason",
            "kirjoitusvirhe",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("no user `kirjaja`"), "{}", run.stderr);
    let run = kirjuri(
        &data,
        &["case", "access", &welfare_diary, "--user", "sosiaalityontekija"],
    );
    assert_ne!(run.code, 0, "no reason: {}", run.all());
    let run = kirjuri(
        &data,
        &[
            "case",
            "access",
            &welfare_diary,
            "--user",
            "sosiaalityontekija",
            "--user",
            "kirjaaja",
            "--reason",
            "asiakkuus salassa pidettävä",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("only sosiaalityontekija, kirjaaja may read it"),
        "{}",
        run.stdout
    );

    // The access-rights report, CSV by default: per user, per restricted class.
    let run = kirjuri(&data, &["access", "report"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .starts_with("section,subject,role_or_publicity,departments,reach,grants_or_readers\r\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "user,sosiaalityontekija,staff,sosiaalitoimi,departments,{welfare_diary}"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("user,opettaja,staff,sivistystoimi; nuorisotoimi,departments,"),
        "{}",
        run.stdout
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("class,05 01 01"))
        .expect("the welfare class");
    assert!(
        line.contains(&format!("{welfare_diary} only: sosiaalityontekija, kirjaaja")),
        "{line}"
    );
    assert!(line.contains("sosiaalitoimi: sosiaalityontekija"), "{line}");
    let report = json(&data, &["access", "report", "--format", "json"]);
    assert!(
        report["restricted_classes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["class"] == "07 00 03")
    );
    let html = dir.path().join("report.html");
    let run = kirjuri(
        &data,
        &["access", "report", "--format", "html", "--out", html.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("Käyttöoikeusraportti (access-rights report)")
    );
    let run = kirjuri(&data, &["access", "report", "--format", "pdf"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--format must be json, csv or html"),
        "{}",
        run.stderr
    );

    // A request whose case carries an access list: the operator at the command line reads it
    // only as someone on the list.
    let request = json(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--requester",
            "Liisa Laine",
            "--received",
            "2026-11-02",
            "--json",
        ],
    );
    let request_case = request["case_id"].as_str().unwrap().to_owned();
    let run = kirjuri(
        &data,
        &[
            "case",
            "access",
            &request_case,
            "--user",
            "kirjaaja",
            "--reason",
            "arkaluonteinen",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let request_id = request["id"].as_str().unwrap();
    let hidden = common::kirjuri_as(&data, "tietosuoja-operaattori", &["request", "show", request_id]);
    assert_ne!(hidden.code, 0, "{}", hidden.all());
    assert!(!hidden.all().contains("Liisa Laine"), "{}", hidden.all());
    let listed = common::kirjuri_as(&data, "tietosuoja-operaattori", &["request", "list"]);
    assert!(!listed.all().contains(request_id), "{}", listed.all());
    assert_eq!(listed.code, 0, "{}", listed.all());
    let shown = common::kirjuri_as(&data, "kirjaaja", &["request", "show", request_id]);
    assert_eq!(shown.code, 0, "{}", shown.all());
    assert!(shown.all().contains("Liisa Laine"), "{}", shown.all());
    let listed = common::kirjuri_as(&data, "kirjaaja", &["request", "list"]);
    assert!(listed.all().contains(request_id), "{}", listed.all());

    // Over HTTP: the social worker on the list reads the case; the teacher (another
    // department) and a privacy officer (city-wide, not on the list) see it masked.
    let run = kirjuri(&data, &["user", "add", "tietosuoja", "--role", "privacy-officer"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let cli_token = |name: &str| {
        let run = kirjuri(&data, &["token", "create", name]);
        assert_eq!(run.code, 0, "{}", run.all());
        run.stdout.trim().to_owned()
    };
    let (worker, teacher, privacy) = (
        cli_token("sosiaalityontekija"),
        cli_token("opettaja"),
        cli_token("tietosuoja"),
    );
    let server = start_server(&data);
    let base = server.base.as_str();
    let agent = agent();
    let case_url = format!("{base}/api/v1/cases/{}", welfare["id"].as_str().unwrap());
    let (status, seen) = get(&agent, &case_url, &worker);
    let seen: serde_json::Value = serde_json::from_str(&seen).unwrap();
    assert_eq!(status, 200);
    assert_eq!(seen["case"]["title"], "Toimeentulotuki, Liisa Laine");
    assert_eq!(seen["documents"].as_array().unwrap().len(), 1);
    for reader in [&teacher, &privacy] {
        let (_, masked) = get(&agent, &case_url, reader);
        let masked: serde_json::Value = serde_json::from_str(&masked).unwrap();
        assert_eq!(masked["case"]["masked"], true, "{masked}");
        assert_eq!(masked["case"]["parties"], serde_json::json!([]));
        assert_eq!(masked["documents"], serde_json::json!([]));
        let (_, hits) = get(&agent, &format!("{base}/api/v1/search?q=henkilötiedot"), reader);
        assert!(hits.contains("\"total\":0"), "{hits}");
    }
    let (_, hits) = get(&agent, &format!("{base}/api/v1/search?q=henkilötiedot"), &worker);
    assert!(hits.contains("\"total\":1"), "{hits}");

    // Registering: the teacher in their own department, not in the social services'.
    let open = |department: &str| serde_json::json!({"class": "00 02 06", "title": "Päätös", "department": department});
    let (status, refused) = post(
        &agent,
        &format!("{base}/api/v1/cases"),
        &teacher,
        &open("sosiaalitoimi"),
    );
    assert_eq!(status, 403, "{refused}");
    assert!(refused.contains("outside_department"), "{refused}");
    let (status, opened) = post(&agent, &format!("{base}/api/v1/cases"), &teacher, &open("nuorisotoimi"));
    assert_eq!(status, 201, "{opened}");

    // The report over the API: for the privacy officer, not for staff.
    let (status, csv) = get(&agent, &format!("{base}/api/v1/access/report?format=csv"), &privacy);
    assert_eq!(status, 200);
    assert!(csv.contains("user,opettaja,staff"), "{csv}");
    assert_eq!(get(&agent, &format!("{base}/api/v1/access/report"), &teacher).0, 403);
    drop(server);
}
