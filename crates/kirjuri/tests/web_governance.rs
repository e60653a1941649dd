//! The training and control page end to end against the real binary with demo data, over
//! HTTP: coverage per department counted by the domain's rule for a past year (hand-counted
//! from `fixtures/demo/training-*.csv`), the controls of the year, a control refused without
//! its findings (400, input kept, the error beside the field) then recorded (303 with a proven
//! message), a person added and an edit refused, a completion recorded; the auditor reads
//! without forms; staff gets 403 and no navigation link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with};

#[test]
fn the_privacy_officer_keeps_training_and_controls_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");

    // Coverage rule for 2025 (roster on 31.12.2025, completions valid in 2025), hand-counted
    // from the demo CSVs: hallintotoimi staff 5 on the roster (Pekka Nieminen leaves only on
    // 30.6.2026), trained 3 (10.2.2024 and 20.1.2023 with validity 3 still count in 2025;
    // 2.2.2026 and 15.3.2026 do not yet); all 18 on the roster, 9 trained (Päivi Rantanen
    // left on 31.5.2025 and Elina Saarinen joins on 1.8.2026: neither counted).
    let (status, page) = get(&agent, base, &cookie, "/ui/governance?year=2025");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("href=\"/ui/governance\""), "navigation link");
    assert!(page.contains("31.12.2025"), "the counting day is named");
    assert!(page.contains("60 %: 3 / 5"), "hallintotoimi staff 2025: {page}");
    assert!(page.contains("50 %: 9 / 18"), "total 2025: {page}");
    // Controls rule for 2025: one restore test failed (12.11.2025), in words.
    assert!(
        page.contains("Palkkahallinto") && page.contains("Epäonnistui"),
        "{page}"
    );

    // A control with deviations without findings is refused beside the field, input kept.
    let csrf = csrf_of(&page);
    let control = |findings: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("kind", "log-review".to_owned()),
            ("system", "Varhaiskasvatusjärjestelmä".to_owned()),
            ("performed_on", "2025-12-15".to_owned()),
            ("performed_by", "Anna Aaltonen".to_owned()),
            ("result", "deviations".to_owned()),
            ("findings", findings.to_owned()),
        ]
    };
    let form = control("");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/governance/controls?year=2025", &pairs);
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("id=\"findings-error\""), "{refused}");
    assert!(
        refused.contains("Kirjaa havainnot, kun tulos on poikkeamia"),
        "the catalogue's sentence"
    );
    assert!(refused.contains("Varhaiskasvatusjärjestelmä"), "input kept");
    let form = control("Kolme katselua ilman kirjattua perustetta.");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, location, _) = post(&agent, base, &cookie, "/ui/governance/controls?year=2025", &pairs);
    assert_eq!(status, 303);
    assert!(
        location.contains("year=2025") && location.contains("done=control"),
        "{location}"
    );
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Valvontatoimi kirjattu"), "proven message");
    assert!(page.contains("Kolme katselua ilman kirjattua perustetta."));

    // A person added to the roster; an edit that leaves before joining is refused.
    let (status, location, page) = post(
        &agent,
        base,
        &cookie,
        "/ui/governance/people",
        &[
            ("csrf", &csrf),
            ("id", "l-90"),
            ("name", "Eero Esimerkki"),
            ("department", "tekninen toimi"),
            ("group", "elected"),
            ("from", "2025-06-01"),
        ],
    );
    assert_eq!(status, 303, "{page}");
    assert!(location.contains("done=person"), "{location}");
    let (status, edit) = get(&agent, base, &cookie, "/ui/governance/people/l-90");
    assert_eq!(status, 200);
    assert!(edit.contains("Eero Esimerkki"));
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/governance/people/l-90",
        &[
            ("csrf", &csrf),
            ("name", "Eero Esimerkki"),
            ("department", "tekninen toimi"),
            ("group", "elected"),
            ("from", "2025-06-01"),
            ("until", "2025-05-31"),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"until-error\""), "{refused}");
    assert!(
        refused.contains("ennen kuin hän on tullut siihen"),
        "the catalogue's sentence"
    );

    // A completion on 1.9.2025 of the 4-year training: tekninen toimi's elected officials
    // become 1 of 2 trained in 2025.
    let (status, location, page) = post(
        &agent,
        base,
        &cookie,
        "/ui/governance/completions?year=2025",
        &[
            ("csrf", &csrf),
            ("person", "l-90"),
            ("training", "luottamus-2025"),
            ("completed_on", "2025-09-01"),
        ],
    );
    assert_eq!(status, 303, "{page}");
    let (_, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Suoritus kirjattu"));
    assert!(page.contains("50 %: 1 / 2"), "tekninen toimi elected 2025: {page}");

    // The auditor reads without forms; staff is refused and has no link.
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, page) = get(&agent, base, &auditor, "/ui/governance?year=2025");
    assert_eq!(status, 200);
    assert!(page.contains("60 %: 3 / 5") && !page.contains("form id=\"control\""));
    let staff = session_cookie(&agent, base, "tyontekija", "demo-tyontekija-2026");
    let (status, _) = get(&agent, base, &staff, "/ui/governance");
    assert_eq!(status, 403);
    let (_, front) = get(&agent, base, &staff, "/ui/cases");
    assert!(!front.contains("href=\"/ui/governance\""));
    let staff_csrf = csrf_of(&front);
    let (status, _, _) = post(
        &agent,
        base,
        &staff,
        "/ui/governance/controls",
        &[("csrf", &staff_csrf), ("kind", "log-review")],
    );
    assert_eq!(status, 403);
}
