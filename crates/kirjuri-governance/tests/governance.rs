//! Hand-counted cases of the two counting rules (training coverage, controls performed) and
//! the all-or-nothing import, on a real store in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::NaiveDate;
use kirjuri_governance::*;
use kirjuri_store::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(id: &str, department: &str, group: Group, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Person {
    Person {
        id: id.into(),
        name: format!("Person {id}"),
        user: None,
        department: department.into(),
        group,
        from,
        until,
    }
}

fn training(key: &str, validity_years: u32) -> Training {
    Training {
        key: key.into(),
        name: key.into(),
        topic: Topic::DataProtection,
        validity_years,
    }
}

/// Coverage rule (`coverage_on`): people on the roster on 31 Dec (or today in the running
/// year), trained = a completion valid in the year (done in it or within validity-1 years
/// before).
#[test]
fn coverage_counts_the_roster_at_year_end_and_valid_completions() {
    let roster = vec![
        // Left on 30.6.2026: not on the roster on 31.12.2026, so not counted for 2026.
        person("a", "sivistystoimi", Group::Staff, None, Some(day(2026, 6, 30))),
        // Completed 10.2.2024, validity 3: counts in 2024–2026, not 2027.
        person("b", "sivistystoimi", Group::Staff, Some(day(2020, 1, 1)), None),
        // Never trained.
        person("c", "sivistystoimi", Group::Staff, None, None),
        // Elected, completion in 2025 with a 1-year training: counts only in 2025.
        person("d", "sivistystoimi", Group::Elected, None, None),
        // Joins 1.2.2027: not on the roster at the end of 2026.
        person("e", "tekninen toimi", Group::Staff, Some(day(2027, 2, 1)), None),
    ];
    let trainings = vec![training("perus", 3), training("vuosi", 1)];
    let completions = vec![
        Completion::new("a", "perus", day(2026, 3, 1), Source::Import),
        Completion::new("b", "perus", day(2024, 2, 10), Source::Import),
        Completion::new("d", "vuosi", day(2025, 5, 5), Source::Ui),
        // A training not in the register is left out.
        Completion::new("c", "unknown", day(2026, 1, 1), Source::Api),
    ];
    let after = day(2028, 1, 15);
    let y2026 = coverage_on(&roster, &trainings, &completions, 2026, after);
    assert_eq!(
        y2026,
        vec![
            Coverage {
                department: "sivistystoimi".into(),
                group: Group::Staff,
                people: 2,
                trained: 1
            },
            Coverage {
                department: "sivistystoimi".into(),
                group: Group::Elected,
                people: 1,
                trained: 0
            },
        ]
    );
    let y2025 = coverage_on(&roster, &trainings, &completions, 2025, after);
    // 2025: a (still there), b, c staff; b trained (2024 completion valid); d trained.
    assert_eq!((y2025[0].people, y2025[0].trained), (3, 1));
    assert_eq!((y2025[1].people, y2025[1].trained), (1, 1));
    let y2027 = coverage_on(&roster, &trainings, &completions, 2027, after);
    // 2027: b's 2024 completion has run out; e has joined (tekninen toimi).
    assert_eq!((y2027[0].people, y2027[0].trained), (2, 0));
    assert_eq!(y2027[2].department, "tekninen toimi");
    assert_eq!(y2027[2].people, 1);
}

/// In the running year the roster is read today: a person who left on 30.6.2026 counts on
/// 15.6.2026, and a completion dated after today does not yet count.
#[test]
fn the_running_year_is_counted_as_of_today() {
    let roster = vec![person("a", "konserni", Group::Staff, None, Some(day(2026, 6, 30)))];
    let trainings = vec![training("perus", 3)];
    let completions = vec![Completion::new("a", "perus", day(2026, 6, 20), Source::Api)];
    assert_eq!(counting_day(2026, day(2026, 6, 15)), day(2026, 6, 15));
    let mid_june = coverage_on(&roster, &trainings, &completions, 2026, day(2026, 6, 15));
    assert_eq!((mid_june[0].people, mid_june[0].trained), (1, 0));
    let end_of_june = coverage_on(&roster, &trainings, &completions, 2026, day(2026, 6, 30));
    assert_eq!((end_of_june[0].people, end_of_june[0].trained), (1, 1));
    assert_eq!(counting_day(2025, day(2026, 6, 15)), day(2025, 12, 31));
}

fn control(kind: ControlKind, on: NaiveDate, result: ControlResult) -> ControlEvent {
    ControlEvent {
        id: String::new(),
        kind,
        system: "Kirjuri".into(),
        performed_on: on,
        performed_by: "Tiina Tietohallinto".into(),
        result,
        findings: if result == ControlResult::Ok {
            String::new()
        } else {
            "two stale accounts".into()
        },
        follow_up: String::new(),
    }
}

/// Controls rule (`controls_in`): events whose performed_on is 1.1.–31.12. of the year, per
/// kind and result, every kind listed.
#[test]
fn controls_are_counted_by_the_day_performed() {
    let events = vec![
        control(ControlKind::AccessReview, day(2026, 1, 1), ControlResult::Ok),
        control(ControlKind::AccessReview, day(2026, 12, 31), ControlResult::Deviations),
        control(ControlKind::AccessReview, day(2025, 12, 31), ControlResult::Ok),
        control(ControlKind::LogReview, day(2026, 3, 3), ControlResult::Failed),
        control(ControlKind::LogReview, day(2027, 1, 1), ControlResult::Ok),
    ];
    let counts = controls_in(&events, 2026);
    assert_eq!(
        counts,
        vec![
            ControlCount {
                kind: ControlKind::AccessReview,
                ok: 1,
                deviations: 1,
                failed: 0
            },
            ControlCount {
                kind: ControlKind::RestoreTest,
                ok: 0,
                deviations: 0,
                failed: 0
            },
            ControlCount {
                kind: ControlKind::LogReview,
                ok: 0,
                deviations: 0,
                failed: 1
            },
        ]
    );
    assert_eq!(controls_in(&events, 2025)[0].total(), 1);
}

#[test]
fn a_control_with_deviations_needs_findings_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut event = control(ControlKind::RestoreTest, day(2026, 4, 14), ControlResult::Deviations);
    event.findings = "  ".into();
    let refused = save_control(&store, &event, Save::Create, "dpo").unwrap_err();
    assert!(refused.to_string().starts_with("findings:"), "{refused}");
    event.findings = "restore took 9 h, target 4 h".into();
    let stored = save_control(&store, &event, Save::Create, "dpo").unwrap();
    assert_eq!(stored.id, "control-1");
    assert_eq!(load_controls(&store).unwrap(), vec![stored.clone()]);
    let actions: Vec<String> = store.audit_entries().map(|e| e.unwrap().action).collect();
    assert!(actions.contains(&"control_event.create".to_owned()), "{actions:?}");
}

const ROSTER: &str = "id,name,user,department,group,from,until\n\
    h1,Maija Meikäläinen,maija@laitila.fi,sivistystoimi,henkilöstö,1.1.2020,\n\
    h2,Matti Virtanen,,tekninen toimi,staff,2021-03-01,30.6.2026\n\
    v1,Liisa Valtuutettu,,konserni,luottamushenkilö,,\n";
const TRAININGS: &str = "key,name,topic,validity_years\nperus,Tietosuojan perusteet,tietosuoja,3\n";

#[test]
fn import_stores_all_and_dates_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let completions = "person,training,completed_on\nh1,perus,15.3.2026\nv1,perus,2025-11-02\n";
    let counts = import(
        &store,
        Some(("roster.csv", ROSTER)),
        Some(("trainings.csv", TRAININGS)),
        Some(("completions.csv", completions)),
        "dpo",
    )
    .unwrap();
    assert_eq!((counts.people, counts.trainings, counts.completions), (3, 1, 2));
    let people = load_people(&store).unwrap();
    let h2 = people.iter().find(|p| p.id == "h2").unwrap();
    assert_eq!(h2.until, Some(day(2026, 6, 30)));
    assert_eq!(people.iter().find(|p| p.id == "v1").unwrap().group, Group::Elected);
    let done = load_completions(&store).unwrap();
    assert_eq!(done[0].completed_on, day(2026, 3, 15));
    // The same completions again are kept once.
    import(&store, None, None, Some(("completions.csv", completions)), "dpo").unwrap();
    assert_eq!(load_completions(&store).unwrap().len(), 2);
    let actions: Vec<String> = store.audit_entries().map(|e| e.unwrap().action).collect();
    assert_eq!(actions, ["training.import", "training.import"]);
}

/// Records stored before a field existed still load: a person without user/from/until, a
/// training without validity (3 years), a control without findings or follow-up.
#[test]
fn older_records_still_load() {
    let person: Person =
        serde_json::from_str(r#"{"id":"h1","name":"Maija","department":"hallintotoimi","group":"staff"}"#).unwrap();
    assert_eq!((person.user, person.from, person.until), (None, None, None));
    let training: Training =
        serde_json::from_str(r#"{"key":"perus","name":"Perus","topic":"data-protection"}"#).unwrap();
    assert_eq!(training.validity_years, 3);
    let control: ControlEvent = serde_json::from_str(
        r#"{"id":"control-1","kind":"log-review","system":"Kirjuri","performed_on":"2026-01-02","performed_by":"Anna","result":"ok"}"#,
    )
    .unwrap();
    assert!(control.findings.is_empty() && control.follow_up.is_empty());
}

#[test]
fn import_errors_name_file_line_and_column_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let roster = "id,name,department,group,from\nh1,Maija,sivistystoimi,staff,31.2.2026\nh2,Matti,tekninen,boss,\n";
    let completions = "person,training,completed_on\nh1,perus,2026-01-01\nzz,perus,yesterday\n";
    let errors = import(
        &store,
        Some(("roster.csv", roster)),
        Some(("trainings.csv", TRAININGS)),
        Some(("completions.csv", completions)),
        "dpo",
    )
    .unwrap_err();
    assert!(
        errors.contains(&"roster.csv:2: column `from`: `31.2.2026` is not a date (2026-03-15 or 15.3.2026)".to_owned()),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("roster.csv:3: column `group`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("completions.csv:3: column `completed_on`")),
        "{errors:?}"
    );
    assert!(load_people(&store).unwrap().is_empty(), "all or nothing");
    let unknown = import(
        &store,
        None,
        None,
        Some(("c.csv", "person,training,completed_on\nh9,perus,1.1.2026\n")),
        "dpo",
    )
    .unwrap_err();
    assert_eq!(
        unknown,
        vec![
            "c.csv:2: column `person`: `h9` is not on the roster".to_owned(),
            "c.csv:2: column `training`: `perus` is not a training".to_owned(),
        ]
    );
    let header = import(&store, Some(("r.csv", "id,nimi\n")), None, None, "dpo").unwrap_err();
    assert!(
        header.iter().any(|e| e == "r.csv:1: missing column `name`"),
        "{header:?}"
    );
}

#[test]
fn a_person_is_added_once_then_edited_and_a_completion_needs_both_ends() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = person("h1", "sivistystoimi", Group::Staff, Some(day(2024, 8, 1)), None);
    save_person(&store, &p, Save::Create, "dpo").unwrap();
    assert!(save_person(&store, &p, Save::Create, "dpo").is_err());
    p.until = Some(day(2026, 6, 30));
    save_person(&store, &p, Save::Update, "dpo").unwrap();
    assert_eq!(
        load_person(&store, "h1").unwrap().unwrap().until,
        Some(day(2026, 6, 30))
    );
    p.until = Some(day(2024, 7, 31));
    let refused = save_person(&store, &p, Save::Update, "dpo").unwrap_err();
    assert!(refused.to_string().starts_with("until:"), "{refused}");
    let c = Completion::new("h1", "perus", day(2026, 3, 15), Source::Api);
    let refused = add_completion(&store, &c, "dpo").unwrap_err();
    assert!(refused.to_string().starts_with("training:"), "{refused}");
    save_training(&store, &training("perus", 3), Save::Create, "dpo").unwrap();
    add_completion(&store, &c, "dpo").unwrap();
    assert!(add_completion(&store, &c, "dpo").is_err(), "the same completion twice");
    // Every change is audited, refused ones are not.
    let actions: Vec<String> = store.audit_entries().map(|e| e.unwrap().action).collect();
    assert_eq!(
        actions,
        [
            "training_person.create",
            "training_person.update",
            "training.create",
            "training_completion.create"
        ]
    );
}

/// Days are bounded (a control or completion from 1900 to today; a roster day 1900–2200) and
/// the import runs the same checks as an entry by hand: a control on 31.12.2099 or 1.1.0001,
/// a completion of 1.1.2099 in a file, a 300-character name and a training key given twice
/// are refused, naming the field; nothing is stored.
#[test]
fn days_are_bounded_and_the_import_checks_as_an_entry_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for on in [day(2099, 12, 31), day(1, 1, 1)] {
        let error = save_control(
            &store,
            &control(ControlKind::RestoreTest, on, ControlResult::Ok),
            Save::Create,
            "tsv",
        )
        .unwrap_err();
        assert!(error.to_string().contains("performed_on"), "{error}");
    }
    let mut far = person("p-far", "hallinto", Group::Staff, Some(day(1, 1, 1)), None);
    assert!(
        save_person(&store, &far, Save::Create, "tsv")
            .unwrap_err()
            .to_string()
            .contains("from")
    );
    far.from = None;
    save_person(&store, &far, Save::Create, "tsv").unwrap();

    let long = "x".repeat(300);
    let roster = format!("id,name,department,group\np1,{long},hallinto,staff\n");
    let trainings = "key,name,topic\nperus,Perusteet,tietosuoja\nperus,Toinen,tietosuoja\n";
    let completions = "person,training,completed_on\np-far,perus,1.1.2099\n";
    let errors = import(
        &store,
        Some(("roster.csv", &roster)),
        Some(("trainings.csv", trainings)),
        Some(("completions.csv", completions)),
        "tsv",
    )
    .unwrap_err();
    let all = errors.join("\n");
    assert!(all.contains("roster.csv: `p1`: name"), "{all}");
    assert!(
        all.contains("trainings.csv: column `key`: `perus` appears twice"),
        "{all}"
    );
    assert!(all.contains("completions.csv:2: column `completed_on`"), "{all}");
    assert_eq!(load_people(&store).unwrap().len(), 1, "nothing of the import stored");
    assert!(load_trainings(&store).unwrap().is_empty());
}
