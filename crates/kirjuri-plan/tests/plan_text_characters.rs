//! Security test finding: a plan carried control characters (NUL, \x01, ESC), text-direction
//! overrides (U+202E) and other invisible formatting characters in its text fields into the
//! API, the UI, CSV and the archive package's `records.xml` (then not well-formed XML). Plan
//! validation, which every source (JHS 191, the TOML files) and every approval goes through,
//! now refuses them with an error that names the field and where it is.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::NaiveDate;
use kirjuri_plan::jhs191::{self, ExportOptions};
use kirjuri_plan::validate::{SourceMap, validate};
use kirjuri_plan::{ClassCode, Finding, Location, Plan, SourceFile, has_errors, load_plan};

fn sample_plan() -> Plan {
    let loaded = load_plan(&kirjuri_plan::sample::source_files());
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    loaded.plan.unwrap()
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.is_error()).collect()
}

/// The class `00 01 00` of the sample plan: a leaf with a process, phases, actions and records.
fn leaf() -> ClassCode {
    ClassCode::parse("00 01 00").unwrap()
}

type Change = fn(&mut Plan, String);

/// Every text field of a plan, by its name in findings, with a way to set it.
fn text_fields() -> Vec<(&'static str, Change)> {
    fn class(plan: &mut Plan) -> &mut kirjuri_plan::Class {
        plan.classes.get_mut(&leaf()).unwrap()
    }
    fn process(plan: &mut Plan) -> &mut kirjuri_plan::Process {
        class(plan).process.as_mut().unwrap()
    }
    fn action(plan: &mut Plan) -> &mut kirjuri_plan::Action {
        &mut process(plan).phases[0].actions[0]
    }
    fn record(plan: &mut Plan) -> &mut kirjuri_plan::RecordType {
        &mut action(plan).records[0]
    }
    vec![
        ("name", |p, v| p.meta.name = v),
        ("organisation", |p, v| p.meta.organisation = Some(v)),
        ("contact", |p, v| p.meta.contact = v),
        ("author", |p, v| p.meta.author = Some(v)),
        ("approved_by", |p, v| p.meta.approved_by = Some(v)),
        ("description", |p, v| p.meta.description = Some(v)),
        ("title", |p, v| class(p).title = v),
        ("title_en", |p, v| class(p).title_en = Some(v)),
        ("description", |p, v| class(p).description = Some(v)),
        ("title", |p, v| process(p).title = Some(v)),
        ("secret_parts", |p, v| process(p).restriction.secret_parts = Some(v)),
        ("secrecy_reasons[1]", |p, v| {
            process(p).restriction.secrecy_reasons = vec![v]
        }),
        ("retention_reason", |p, v| process(p).retention.reason = Some(v)),
        ("information_systems[1]", |p, v| {
            process(p).details.information_systems = vec![v]
        }),
        ("process_owner", |p, v| process(p).details.process_owner = Some(v)),
        ("data_group", |p, v| process(p).details.data_group = Some(v)),
        ("subjects[1]", |p, v| process(p).details.subjects = vec![v]),
        ("storage_location", |p, v| process(p).details.storage_location = Some(v)),
        ("storage_order", |p, v| process(p).details.storage_order = Some(v)),
        ("storage_accountable", |p, v| {
            process(p).details.storage_accountable = Some(v)
        }),
        ("protection_class", |p, v| process(p).details.protection_class = Some(v)),
        ("additional_information", |p, v| {
            process(p).details.additional_information = Some(v)
        }),
        ("action", |p, v| action(p).action_type = v),
        ("action_description", |p, v| action(p).description = Some(v)),
        ("id", |p, v| record(p).id = v),
        ("type", |p, v| record(p).document_type = v),
        ("specifier", |p, v| record(p).specifier = Some(v)),
        ("secret_parts", |p, v| record(p).restriction.secret_parts = Some(v)),
        ("secrecy_reasons[1]", |p, v| {
            record(p).restriction.secrecy_reasons = vec![v]
        }),
        ("retention_reason", |p, v| record(p).retention.reason = Some(v)),
        ("information_systems[1]", |p, v| record(p).information_systems = vec![v]),
        ("publicity_change", |p, v| record(p).publicity_change = Some(v)),
        ("dispose_previous_versions", |p, v| {
            record(p).dispose_previous_versions = Some(v)
        }),
        ("storage_location", |p, v| record(p).storage_location = Some(v)),
    ]
}

#[test]
fn every_text_field_is_held_to_the_character_rule() {
    let plan = sample_plan();
    for (field, change) in text_fields() {
        for bad in [
            "Arkisto\0",
            "a\u{1}b",
            "\u{1B}[2J",
            "e\u{202E}gpj.exe",
            "Hal\u{200B}linto",
        ] {
            let mut changed = plan.clone();
            change(&mut changed, bad.to_owned());
            let findings = validate(&changed, &SourceMap::default());
            let refused: Vec<&Finding> = errors(&findings)
                .into_iter()
                .filter(|f| f.field.as_deref() == Some(field) && f.message.contains("not allowed"))
                .collect();
            assert_eq!(refused.len(), 1, "{field} = {bad:?}: {findings:#?}");
            let text = refused[0].to_string();
            assert!(text.contains("U+"), "the character is named by its code point: {text}");
            assert!(
                !text.contains('\u{1B}') && !text.contains('\0') && !text.contains('\u{202E}'),
                "the finding does not repeat it: {text:?}"
            );
        }
    }
}

#[test]
fn line_breaks_only_in_descriptions_and_reasons() {
    let plan = sample_plan();
    let fields = text_fields();
    let set = |field: &str, value: &str| {
        let mut changed = plan.clone();
        for (name, change) in &fields {
            if *name == field {
                change(&mut changed, value.to_owned());
                break;
            }
        }
        errors(&validate(&changed, &SourceMap::default()))
            .into_iter()
            .map(|f| f.field.clone().unwrap_or_default())
            .collect::<Vec<String>>()
    };
    assert_eq!(set("retention_reason", "KuntaL 12 §\n\tArkL 8 §"), Vec::<String>::new());
    assert_eq!(set("additional_information", "rivi 1\r\nrivi 2"), Vec::<String>::new());
    assert_eq!(set("title", "Hallinto\nja johto"), ["title"]);
    assert_eq!(set("type", "Päätös\t"), ["type"]);
}

fn export_sample() -> String {
    let options = ExportOptions {
        today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        exported_at: "2026-11-29T10:00:00+02:00".to_owned(),
        include_information_systems: true,
    };
    jhs191::export(&sample_plan(), &options).unwrap().xml
}

#[test]
fn a_jhs191_file_with_such_characters_is_refused_naming_the_element() {
    let xml = export_sample();
    let title = &sample_plan().classes[&leaf()].title;
    let original = format!(">{title}<");
    assert_eq!(xml.matches(&original).count(), 1, "the class title is written once");
    for (written, code_point) in [
        ("\u{1B}[31m", "U+001B"),
        ("&#x202E;", "U+202E"),
        ("\u{7}", "U+0007"),
        ("&#x200F;", "U+200F"),
    ] {
        let hostile = xml.replace(&original, &format!(">{title}{written}<"));
        let imported = jhs191::import("plan.xml", &hostile);
        assert!(has_errors(&imported.findings), "{written:?} is refused");
        let refused: Vec<&Finding> = errors(&imported.findings);
        assert_eq!(refused.len(), 1, "{written:?}: {refused:#?}");
        let finding = refused[0];
        assert_eq!(finding.field.as_deref(), Some("title"));
        assert_eq!(finding.subject.as_deref(), Some("class 00 01 00"));
        let Location::Xml { file, path } = &finding.location else {
            panic!("an element path: {finding:?}");
        };
        assert_eq!(file, "plan.xml");
        assert!(path.starts_with("/Tos[1]/Luokka["), "{path}");
        assert!(finding.message.contains(code_point), "{}", finding.message);
    }
}

#[test]
fn a_toml_plan_with_such_characters_is_refused_naming_file_and_line() {
    let mut files: Vec<SourceFile> = kirjuri_plan::sample::source_files();
    let file = files
        .iter_mut()
        .find(|f| f.name.ends_with("00-hallintoasiat.toml"))
        .unwrap();
    let line = file
        .text
        .lines()
        .position(|l| l == r#"title = "Hallinto- ja johtosäännöt""#)
        .unwrap()
        + 1;
    file.text = file.text.replace(
        r#"title = "Hallinto- ja johtosäännöt""#,
        r#"title = "Hallinto- ja johtosäännöt\u202Etxt.exe""#,
    );
    let loaded = load_plan(&files);
    let refused = errors(&loaded.findings);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(refused[0].field.as_deref(), Some("title"));
    let Location::File { file, line: found } = &refused[0].location else {
        panic!("a file and line: {:?}", refused[0]);
    };
    assert!(file.ends_with("00-hallintoasiat.toml"), "{file}");
    assert!(
        (line.saturating_sub(2)..=line).contains(found),
        "line {found}, the class starts near line {line}"
    );
}

#[test]
fn the_plan_wide_data_is_checked_where_it_is() {
    let xml = export_sample();
    let name = sample_plan().meta.name;
    let hostile = xml.replacen(&format!(">{name}<"), &format!(">{name}\u{1}<"), 1);
    let imported = jhs191::import("plan.xml", &hostile);
    let refused = errors(&imported.findings);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(refused[0].field.as_deref(), Some("name"));
    let Location::Xml { path, .. } = &refused[0].location else {
        panic!("{:?}", refused[0]);
    };
    assert_eq!(path, "/Tos[1]/TosTiedot[1]");
}
