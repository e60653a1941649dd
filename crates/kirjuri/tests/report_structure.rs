//! The annual report's structure end to end (issue 23), on the demo data: the report page
//! lists the chapters still lacking an assessment, shows 3.1 scope and chapter 4 with the
//! demo's development targets (2025's followed up), adds a target (a refused one comes back
//! with the input kept and the error at its field), and approves the 2026 report: from then on
//! every download of 2026 is the approved snapshot, unchanged by a later assessment. The CLI
//! does the same with `report-target` and `report-approve`.

mod common;

use common::{agent, csrf_of, form_post, kirjuri, page_get, session_cookie, start_server_with, token};

fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn the_report_page_manages_targets_and_approves_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(dir.path(), &["--demo"], &[]);
    let base = &server.base;
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");

    let (status, page) = page_get(&agent, base, &cookie, "/ui/report?year=2026");
    assert_eq!(status, 200);
    for expected in [
        "Luvut, joista arvio puuttuu",
        "3.1 Tietotilinpäätöksen kattavuus",
        "Varhaiskasvatuksen asiakasrekisteri",
        "4 Arvio ja kehittämiskohteet",
        // The demo's 2025 target, done in 2026, followed up in the 2026 report.
        "Edellisen vuoden (2025) kehittämiskohteiden seuranta",
        "Käsittelytoimien selosteet täydennetään kaikilta 30 artiklan kohdilta",
        "toteutettu",
        "Luonnos (ei hyväksytty)",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    // 3.3 has no assessment in the demo: it is listed as lacking one.
    let lacking = &page[page.find("id=\"lacking\"").unwrap()..];
    let lacking = &lacking[..lacking.find("</ul>").unwrap()];
    assert!(
        lacking.contains("3.3 Käsittelyn menettelytavat ja periaatteet"),
        "{lacking}"
    );
    assert!(
        !lacking.contains("3.1 "),
        "the demo's scope has its assessment: {lacking}"
    );

    // A target without its text: 400, the owner kept, the error at the text.
    let csrf = csrf_of(&page);
    let (status, _, refused) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/report/targets",
        &[
            ("csrf", &csrf),
            ("form", "target"),
            ("year", "2026"),
            ("text", " "),
            ("chapter", "security"),
            ("owner", "tietohallinto"),
            ("due_year", "2027"),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"target-text-error\""), "{refused}");
    assert!(refused.contains("value=\"tietohallinto\""), "input kept");
    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/report/targets",
        &[
            ("csrf", &csrf),
            ("form", "target"),
            ("year", "2026"),
            ("text", "Lokien seuranta automatisoidaan"),
            ("chapter", "monitoring"),
            ("owner", "tietohallinto"),
            ("due_year", "2027"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, page) = page_get(&agent, base, &cookie, &location);
    assert!(page.contains("Kehittämiskohde tallennettu."), "{page}");
    assert!(page.contains("Lokien seuranta automatisoidaan"));

    // 2025 approved today by the city board (a year is approved once it is over): the cover
    // says so, and the download is the snapshot.
    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/report/approve",
        &[
            ("csrf", &csrf),
            ("form", "approve"),
            ("year", "2025"),
            ("body", "Kaupunginhallitus"),
            ("decision", "§ 45"),
            ("decided_on", &today()),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, page) = page_get(&agent, base, &cookie, &location);
    assert!(page.contains("Hyväksytty: Kaupunginhallitus"), "{page}");
    assert!(!page.contains("id=\"approval-body\""), "no second approval form");
    let (_, approved) = page_get(&agent, base, &cookie, "/ui/report?year=2025&format=md&lang=fi");
    assert!(approved.contains("Hyväksytty: Kaupunginhallitus"), "{approved}");
    // A later assessment would be shown nowhere: refused, and the approved report does not change.
    let (status, _, page) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/report",
        &[
            ("csrf", &csrf),
            ("year", "2025"),
            ("chapter", "procedures"),
            ("text", "Kirjoitettu hyväksynnän jälkeen."),
        ],
    );
    assert_ne!(status, 303, "{page}");
    let (_, again) = page_get(&agent, base, &cookie, "/ui/report?year=2025&format=md&lang=fi");
    assert_eq!(again, approved, "the approved report is served unchanged");

    // The API answers the snapshot, with its approval and tables; the auditor reads it but
    // sees no forms.
    let auth = format!("Bearer {}", token(base, "tarkastaja", "demo-tarkastaja-2026"));
    let mut response = agent
        .get(&format!("{base}/api/v1/reports/2025"))
        .header("authorization", &auth)
        .call()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&common::body(&mut response)).unwrap();
    assert_eq!(json["approval"]["body"], "Kaupunginhallitus");
    assert_eq!(json["chapters"][0]["key"], "scope");
    assert_eq!(json["chapters"][0]["tables"][0]["key"], "scope_facts");
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, page) = page_get(&agent, base, &auditor, "/ui/report?year=2025");
    assert_eq!(status, 200);
    assert!(
        !page.contains("id=\"target-add\"") && page.contains("Hyväksytty"),
        "{page}"
    );
    drop(server);

    // The CLI: the targets of 2026 (two of the demo's and the one added above), a status
    // change, and a second approval refused.
    let list = kirjuri(dir.path(), &["report-target", "list", "--year", "2026"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert_eq!(list.stdout.lines().count(), 3, "{}", list.stdout);
    assert!(
        list.stdout.contains("2026/3\tplanned\tmonitoring\t2027"),
        "{}",
        list.stdout
    );
    let set = kirjuri(
        dir.path(),
        &[
            "report-target",
            "set",
            "--year",
            "2026",
            "--number",
            "3",
            "--status",
            "in_progress",
        ],
    );
    assert_eq!(set.code, 0, "{}", set.all());
    let bad = kirjuri(
        dir.path(),
        &[
            "report-target",
            "set",
            "--year",
            "2026",
            "--number",
            "3",
            "--status",
            "maybe",
        ],
    );
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("status"), "{}", bad.all());
    let add = kirjuri(
        dir.path(),
        &[
            "report-target",
            "add",
            "--year",
            "2026",
            "--text",
            "Seloste ruotsiksi",
            "--chapter",
            "scope",
            "--owner",
            "kirjaamo",
            "--due-year",
            "2025",
        ],
    );
    assert_ne!(add.code, 0, "due before the report year");
    assert!(add.stderr.contains("due_year"), "{}", add.all());
    let again = kirjuri(
        dir.path(),
        &[
            "report-approve",
            "--year",
            "2025",
            "--body",
            "Valtuusto",
            "--decision",
            "§ 12",
            "--on",
            &today(),
        ],
    );
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("already approved"), "{}", again.all());
    let md = kirjuri(dir.path(), &["report", "--year", "2025", "--format", "md"]);
    assert!(md.stdout.contains("Hyväksytty: Kaupunginhallitus"), "{}", md.all());
    // 2026 is not over: its approval is refused, naming the decision day.
    let early = kirjuri(
        dir.path(),
        &[
            "report-approve",
            "--year",
            "2026",
            "--body",
            "Valtuusto",
            "--decision",
            "§ 12",
            "--on",
            &today(),
        ],
    );
    assert_ne!(early.code, 0);
    assert!(
        early.stderr.contains("decided_on") || early.stderr.contains("--on"),
        "{}",
        early.all()
    );
}
