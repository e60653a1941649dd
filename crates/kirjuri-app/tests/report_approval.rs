//! The annual report's approval and development targets as use-cases (issue 23): an approved
//! year's report is an immutable snapshot (DOMAIN.md §9.1), a target of 2025 is followed up in
//! the 2026 report, and bad input names its field with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use kirjuri_app::{App, NewTarget, TargetChange};
use kirjuri_registry::{Actor, RegistryConfig, RegistryError};
use kirjuri_store::Store;

fn app_in(dir: &Path) -> App {
    let store = Store::open(dir).unwrap();
    store
        .plan_versions()
        .unwrap()
        .add(kirjuri_plan::sample::load().plan.unwrap())
        .unwrap();
    let config = RegistryConfig {
        prefix: "LAI".to_owned(),
        default_department: "hallintotoimi".to_owned(),
    };
    App::new(store, config, "Laitilan kaupunki")
}

/// The privacy officer acting at 12:00 UTC on a day.
fn officer(y: i32, m: u32, d: u32) -> Actor {
    Actor {
        name: "tietosuojavastaava".to_owned(),
        at: Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap(),
        purpose: None,
    }
}

fn code_of<T: std::fmt::Debug>(result: kirjuri_app::AppResult<T>) -> &'static str {
    match result {
        Err(kirjuri_app::AppError::Registry(RegistryError::Invalid { code, .. })) => code,
        other => panic!("{other:?}"),
    }
}

fn markdown(app: &App, year: i32) -> String {
    String::from_utf8(app.annual_report(year, "md", "fi").unwrap().body).unwrap()
}

/// Approved by the city board on 16.3.2027 § 45 (recorded that day): the 2026 report is kept
/// as it was. A later assessment is stored but the served report (every format) is unchanged
/// and says approved; a second approval is refused (`already_approved`); the draft of 2027 is
/// still computed anew.
#[test]
fn an_approved_report_is_served_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    app.save_report_assessment(2026, "development", "Tietosuoja kehittyi.", &officer(2027, 3, 1))
        .unwrap();
    let draft = markdown(&app, 2026);
    assert!(draft.contains("Luonnos (ei hyväksytty)"), "{draft}");

    let decided = NaiveDate::from_ymd_opt(2027, 3, 16).unwrap();
    let approval = app
        .approve_report(2026, "Kaupunginhallitus", "§ 45", decided, &officer(2027, 3, 16))
        .unwrap();
    assert_eq!(approval.body, "Kaupunginhallitus");
    let approved = markdown(&app, 2026);
    assert!(
        approved.contains("Hyväksytty: Kaupunginhallitus 16.3.2027 § 45"),
        "{approved}"
    );
    assert!(approved.contains("Tietosuoja kehittyi."));

    // A change after the approval would be shown nowhere: refused, and the report does not move.
    assert_eq!(
        code_of(app.save_report_assessment(2026, "development", "Kirjoitettu myöhemmin.", &officer(2027, 4, 1))),
        "already_approved"
    );
    let target = kirjuri_app::NewTarget {
        text: "Myöhäinen tavoite".to_owned(),
        chapter: "development".to_owned(),
        owner: "tietosuojavastaava".to_owned(),
        due_year: 2027,
        status: None,
        note: None,
    };
    assert_eq!(
        code_of(app.add_report_target(2026, &target, &officer(2027, 4, 1))),
        "already_approved"
    );
    assert_eq!(markdown(&app, 2026), approved, "served unchanged");
    let figures = app.annual_report_figures(2026).unwrap();
    assert!(figures.approval.is_some());
    let pdf = app.annual_report(2026, "pdf", "sv").unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf.body).unwrap();
    assert!(text.contains("Godkänt: Kaupunginhallitus 16.3.2027 § 45"), "{text}");

    assert_eq!(
        code_of(app.approve_report(2026, "Valtuusto", "§ 12", decided, &officer(2027, 4, 2))),
        "already_approved"
    );
    let entries: Vec<_> = app.store().audit_entries().map(Result::unwrap).collect();
    assert_eq!(entries.iter().filter(|e| e.action == "report.approve").count(), 1);

    // A decision before the report year has ended, or in the future, names its field; nothing
    // stored. (2027 is not over on 16.3.2027, and a decision of 31.12.2026 is before it.)
    let early = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    assert_eq!(
        code_of(app.approve_report(2027, "Kaupunginhallitus", "§ 1", early, &officer(2027, 3, 16))),
        "decided_on"
    );
    let future = NaiveDate::from_ymd_opt(2027, 3, 17).unwrap();
    assert_eq!(
        code_of(app.approve_report(2026, "Kaupunginhallitus", "§ 1", future, &officer(2027, 3, 16))),
        "decided_on"
    );
    assert_eq!(
        code_of(app.approve_report(2027, " ", "§ 1", decided, &officer(2027, 3, 16))),
        "body"
    );
    assert!(app.report_approval(2027).unwrap().is_none());
    assert!(markdown(&app, 2027).contains("Luonnos"), "a draft is always current");
}

/// A target set in the 2025 report (due 2026) is done on 10.2.2026; the 2026 report follows it
/// up with its status now ("toteutettu") and counts it as the previous year's target done.
#[test]
fn a_target_of_2025_is_followed_up_in_2026() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let new = NewTarget {
        text: "Palautustestit neljännesvuosittain".to_owned(),
        chapter: "security".to_owned(),
        owner: "tietohallinto".to_owned(),
        due_year: 2026,
        status: None,
        note: None,
    };
    let target = app.add_report_target(2025, &new, &officer(2025, 3, 20)).unwrap();
    assert_eq!(target.id, "2025/1");
    assert_eq!(target.status.key(), "planned");
    app.change_report_target(
        "2025/1",
        &TargetChange {
            status: Some("done".to_owned()),
            note: Some("Testattu 10.2.2026".to_owned()),
        },
        &officer(2026, 2, 10),
    )
    .unwrap();
    let report = app.current_report(2026).unwrap();
    let development = report.chapters.iter().find(|c| c.key == "development").unwrap();
    let done = development
        .figures
        .iter()
        .find(|f| f.key == "targets_followed_done")
        .unwrap();
    assert_eq!(done.value, Some(1.0));
    let follow_up = development
        .tables
        .iter()
        .find(|t| t.key == "targets_follow_up")
        .unwrap();
    let row: Vec<String> = follow_up.rows[0]
        .iter()
        .map(|c| kirjuri_report::render::cell_text(kirjuri_words::Lang::Fi, c))
        .collect();
    assert_eq!(
        row,
        [
            "Palautustestit neljännesvuosittain",
            "3.4 Tietoturvallisuus ja poikkeamat",
            "tietohallinto",
            "2026",
            "toteutettu",
            "Testattu 10.2.2026"
        ]
    );
    // Bad input names its field; nothing is added.
    let bad = |change: fn(&mut NewTarget)| {
        let mut new = new.clone();
        change(&mut new);
        code_of(app.add_report_target(2025, &new, &officer(2025, 3, 20)))
    };
    assert_eq!(bad(|n| n.due_year = 2024), "due_year");
    assert_eq!(bad(|n| n.chapter = "finance".to_owned()), "chapter");
    assert_eq!(bad(|n| n.owner = String::new()), "owner");
    assert_eq!(bad(|n| n.status = Some("maybe".to_owned())), "status");
    assert_eq!(app.report_targets(2025).unwrap().len(), 1);
    assert_eq!(
        code_of(app.change_report_target(
            "2025/9",
            &TargetChange {
                status: Some("done".to_owned()),
                note: None
            },
            &officer(2026, 2, 10)
        )),
        "not_found"
    );
}
