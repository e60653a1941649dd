//! The training coverage (chapter 3.3) and the controls performed (access reviews and restore
//! tests in 3.4, log reviews in 3.5) counted by hand over a fixture of 2025 and 2026 stored
//! through `kirjuri-governance` on a real store (issue 23).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kirjuri_governance::{
    Completion, ControlEvent, ControlKind, ControlResult, Group, Person, Save, Source, Topic, Training, add_completion,
    save_control, save_person, save_training,
};
use kirjuri_registry::fixture::Fixture;
use kirjuri_report::{Cell, Figure, Report};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn person(id: &str, department: &str, group: Group, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Person {
    Person {
        id: id.to_owned(),
        name: format!("Henkilö {id}"),
        user: None,
        department: department.to_owned(),
        group,
        from,
        until,
    }
}

fn control(kind: ControlKind, on: NaiveDate, result: ControlResult) -> ControlEvent {
    ControlEvent {
        id: String::new(),
        kind,
        system: "Populus".to_owned(),
        performed_on: on,
        performed_by: "Pekka Pääkäyttäjä".to_owned(),
        result,
        findings: if result == ControlResult::Ok {
            String::new()
        } else {
            "kaksi vanhentunutta tunnusta".to_owned()
        },
        follow_up: String::new(),
    }
}

/// The roster, trainings, completions and controls:
/// - p1 hallinto, staff: data-protection basics (valid 3 years) on 10.2.2024: valid 2024–2026;
/// - p2 hallinto, staff, left 30.6.2026: security course (valid 1 year) on 5.5.2025: 2025 only;
/// - p3 hallinto, elected: nothing;
/// - p4 sivistys, staff, from 1.8.2026: basics on 1.9.2026;
/// - p5 sivistys, elected: security course on 3.3.2025: 2025 only;
/// - access reviews 15.3.2026 ok and 20.9.2026 with deviations; restore tests 10.11.2025 ok
///   and 1.6.2026 failed; log reviews 31.12.2025 ok and 1.1.2026 with deviations.
fn report_of(year: i32) -> Report {
    let fixture = Fixture::new();
    let store = &fixture.store;
    let actor = "tietosuojavastaava";
    for training in [
        Training {
            key: "perus".to_owned(),
            name: "Tietosuojan perusteet".to_owned(),
            topic: Topic::DataProtection,
            validity_years: 3,
        },
        Training {
            key: "tietoturva".to_owned(),
            name: "Tietoturvan vuosikoulutus".to_owned(),
            topic: Topic::InformationSecurity,
            validity_years: 1,
        },
    ] {
        save_training(store, &training, Save::Create, actor).unwrap();
    }
    for person in [
        person("p1", "hallinto", Group::Staff, None, None),
        person("p2", "hallinto", Group::Staff, None, Some(day(2026, 6, 30))),
        person("p3", "hallinto", Group::Elected, None, None),
        person("p4", "sivistys", Group::Staff, Some(day(2026, 8, 1)), None),
        person("p5", "sivistys", Group::Elected, None, None),
    ] {
        save_person(store, &person, Save::Create, actor).unwrap();
    }
    for (who, what, on) in [
        ("p1", "perus", day(2024, 2, 10)),
        ("p2", "tietoturva", day(2025, 5, 5)),
        ("p4", "perus", day(2026, 9, 1)),
        ("p5", "tietoturva", day(2025, 3, 3)),
    ] {
        add_completion(store, &Completion::new(who, what, on, Source::Api), actor).unwrap();
    }
    for event in [
        control(ControlKind::AccessReview, day(2026, 3, 15), ControlResult::Ok),
        control(ControlKind::AccessReview, day(2026, 9, 20), ControlResult::Deviations),
        control(ControlKind::RestoreTest, day(2025, 11, 10), ControlResult::Ok),
        control(ControlKind::RestoreTest, day(2026, 6, 1), ControlResult::Failed),
        control(ControlKind::LogReview, day(2025, 12, 31), ControlResult::Ok),
        control(ControlKind::LogReview, day(2026, 1, 1), ControlResult::Deviations),
    ] {
        save_control(store, &event, Save::Create, actor).unwrap();
    }
    // Made on 20.1.2027: both years are over, each roster read on its 31 December.
    kirjuri_report::compute(store, year, "Laitilan kaupunki", at(2027, 1, 20, 10)).unwrap()
}

fn figure<'r>(report: &'r Report, chapter: &str, key: &str) -> &'r Figure {
    let chapter = report.chapters.iter().find(|c| c.key == chapter).unwrap();
    chapter
        .figures
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{key}"))
}

fn pair(report: &Report, chapter: &str, key: &str) -> (Option<f64>, Option<f64>) {
    let figure = figure(report, chapter, key);
    (figure.value, figure.previous)
}

#[test]
fn training_coverage_of_2026_beside_2025_is_hand_counted() {
    let report = report_of(2026);
    // 31.12.2026: p1, p3, p4, p5 on the roster (p2 left 30.6.2026); trained p1 (2024, valid
    // to 2026) and p4. 31.12.2025: p1, p2, p3, p5 (p4 not yet); trained p1, p2, p5.
    assert_eq!(pair(&report, "procedures", "training_people"), (Some(4.0), Some(4.0)));
    assert_eq!(pair(&report, "procedures", "training_trained"), (Some(2.0), Some(3.0)));
    assert_eq!(
        pair(&report, "procedures", "training_coverage_pct"),
        (Some(50.0), Some(75.0))
    );
    // Staff: p1, p4 of 2 (2026); p1, p2 of 2 (2025). Elected: p3, p5 none (2026); p5 of 2.
    assert_eq!(
        pair(&report, "procedures", "training_coverage_staff_pct"),
        (Some(100.0), Some(100.0))
    );
    assert_eq!(
        pair(&report, "procedures", "training_coverage_elected_pct"),
        (Some(0.0), Some(50.0))
    );
    assert_eq!(figure(&report, "procedures", "training_coverage_pct").note, None);

    let procedures = report.chapters.iter().find(|c| c.key == "procedures").unwrap();
    let table = procedures.tables.iter().find(|t| t.key == "training_coverage").unwrap();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Cell::Text(text) => text.clone(),
                    Cell::Word(label) => label.fi.clone(),
                    Cell::Number(n) => n.to_string(),
                })
                .collect()
        })
        .collect();
    let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        [
            row(&["hallinto", "henkilöstö", "1", "1", "100", "100"]),
            row(&["hallinto", "luottamushenkilöt", "1", "0", "0", "0"]),
            // p4 joined in 2026: no share for 2025.
            row(&["sivistys", "henkilöstö", "1", "1", "100", "—"]),
            row(&["sivistys", "luottamushenkilöt", "1", "0", "0", "100"]),
        ]
    );
    assert_eq!(table.columns[4].fi, "Osuus 2026 (%)");
}

#[test]
fn controls_of_2026_beside_2025_are_hand_counted() {
    let report = report_of(2026);
    assert_eq!(pair(&report, "security", "access_reviews"), (Some(2.0), Some(0.0)));
    assert_eq!(
        pair(&report, "security", "access_reviews_flagged"),
        (Some(1.0), Some(0.0))
    );
    assert_eq!(pair(&report, "security", "restore_tests"), (Some(1.0), Some(1.0)));
    assert_eq!(
        pair(&report, "security", "restore_tests_flagged"),
        (Some(1.0), Some(0.0))
    );
    // 31.12.2025 counts in 2025, 1.1.2026 in 2026.
    assert_eq!(pair(&report, "monitoring", "log_reviews"), (Some(1.0), Some(1.0)));
    assert_eq!(
        pair(&report, "monitoring", "log_reviews_flagged"),
        (Some(1.0), Some(0.0))
    );
    // Chapter 4 observes each control with deviations or failed.
    let development = report.chapters.iter().find(|c| c.key == "development").unwrap();
    let observations = development.tables.iter().find(|t| t.key == "observations").unwrap();
    let observed: Vec<String> = observations
        .rows
        .iter()
        .filter_map(|row| match row.get(1) {
            Some(Cell::Word(label)) => Some(label.en.clone()),
            _ => None,
        })
        .collect();
    // Each sub-line is named with the figure it belongs to.
    assert_eq!(
        observed,
        [
            "Access reviews performed – with deviations or failed",
            "Backup restore tests performed – with deviations or failed",
            "Log reviews performed – with deviations or failed",
        ]
    );
}

#[test]
fn nothing_recorded_is_a_dash_with_a_note_not_zero() {
    let fixture = Fixture::new();
    let report = kirjuri_report::compute(&fixture.store, 2026, "Laitilan kaupunki", at(2027, 1, 20, 10)).unwrap();
    for (chapter, key) in [
        ("procedures", "training_coverage_pct"),
        ("procedures", "training_people"),
        ("security", "restore_tests"),
        ("monitoring", "log_reviews"),
    ] {
        let figure = figure(&report, chapter, key);
        assert_eq!((figure.value, figure.previous), (None, None), "{key}");
        assert!(figure.note.is_some(), "{key}");
    }
}

/// Controls and training recorded in 2025 do not make 2025 a year of zero requests, incidents
/// or cases: each source's previous-year number is "—" unless that source has something dated
/// in 2025 (the fixture has no request, incident or case at all).
#[test]
fn another_source_of_the_previous_year_does_not_turn_dashes_into_zeros() {
    let report = report_of(2026);
    assert!(report.previous_year_has_data, "controls and completions of 2025");
    assert_eq!(pair(&report, "rights", "decided"), (Some(0.0), None));
    assert_eq!(pair(&report, "security", "incidents"), (Some(0.0), None));
    assert_eq!(pair(&report, "records", "cases_opened"), (Some(0.0), None));
    assert_eq!(pair(&report, "security", "restore_tests"), (Some(1.0), Some(1.0)));
}
