//! JHS 191 import matches elements by namespace URI and local name: the sample plan's export,
//! rewritten with other prefixes or default namespaces, imports to the same plan; elements of
//! other namespaces are never read as JHS 191 or Kirjuri elements; namespace errors name the
//! line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::NaiveDate;
use kirjuri_plan::jhs191::{self, ExportOptions, KIRJURI_NS, TOS_NS};
use kirjuri_plan::{ClassCode, Finding, Plan, PlanState, Severity, load_plan};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{Namespace, QName, ResolveResult};
use quick_xml::{NsReader, Writer};

fn sample_plan() -> Plan {
    let loaded = load_plan(&kirjuri_plan::sample::source_files());
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    loaded.plan.unwrap()
}

fn export(plan: &Plan) -> String {
    let options = ExportOptions {
        today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        exported_at: "2026-11-29T10:00:00+02:00".to_owned(),
        include_information_systems: true,
    };
    jhs191::export(plan, &options).unwrap().xml
}

/// How a rewritten file writes the names of one namespace.
#[derive(Debug, Clone, Copy)]
enum Binding {
    Prefix(&'static str),
    /// Unprefixed, with `xmlns="…"` declared where needed.
    Default,
}

impl Binding {
    fn qualify(self, local_name: &str) -> String {
        match self {
            Binding::Prefix(prefix) => format!("{prefix}:{local_name}"),
            Binding::Default => local_name.to_owned(),
        }
    }
}

/// Which namespace URI and binding the rewritten file gives to what the export wrote in the
/// JHS 191 and the Kirjuri namespace.
#[derive(Debug, Clone, Copy)]
struct Rebinding {
    tos: Binding,
    tos_uri: &'static str,
    kirjuri: Binding,
    kirjuri_uri: &'static str,
}

impl Rebinding {
    fn names(tos: Binding, kirjuri: Binding) -> Rebinding {
        Rebinding {
            tos,
            tos_uri: TOS_NS,
            kirjuri,
            kirjuri_uri: KIRJURI_NS,
        }
    }
}

/// Rewrites an export's element and attribute names with quick-xml: each name is resolved by
/// namespace and written again under the new binding; text, escapes and layout pass through.
fn rebind(xml: &str, rebinding: Rebinding) -> String {
    let mut reader = NsReader::from_str(xml);
    let mut writer = Writer::new(Vec::new());
    let mut is_root = true;
    loop {
        let event = reader.read_event().unwrap();
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let (namespace, local_name) = reader.resolver().resolve_element(start.name());
                let is_kirjuri = namespace == ResolveResult::Bound(Namespace(KIRJURI_NS));
                let binding = if is_kirjuri {
                    rebinding.kirjuri
                } else {
                    assert_eq!(namespace, ResolveResult::Bound(Namespace(TOS_NS)), "{start:?}");
                    rebinding.tos
                };
                let mut rewritten = BytesStart::new(binding.qualify(local_name.as_ref()));
                if is_root {
                    declare(&mut rewritten, rebinding.tos, rebinding.tos_uri);
                    if let Binding::Prefix(_) = rebinding.kirjuri {
                        declare(&mut rewritten, rebinding.kirjuri, rebinding.kirjuri_uri);
                    }
                    is_root = false;
                }
                if is_kirjuri && matches!(rebinding.kirjuri, Binding::Default) {
                    declare(&mut rewritten, Binding::Default, rebinding.kirjuri_uri);
                }
                for attribute in start.attributes() {
                    let attribute = attribute.unwrap();
                    if attribute.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (namespace, local_name) = reader.resolver().resolve_attribute(attribute.key);
                    let key = match namespace {
                        ResolveResult::Unbound => local_name.as_ref().to_owned(),
                        // `tos:id`: an unprefixed attribute has no namespace, which the import
                        // accepts on JHS 191 elements as relaxed files write it.
                        ResolveResult::Bound(Namespace(TOS_NS)) => rebinding.tos.qualify(local_name.as_ref()),
                        other => panic!("unexpected attribute namespace {other:?}"),
                    };
                    rewritten.push_attribute(Attribute {
                        key: QName(&key),
                        value: attribute.value.clone(),
                    });
                }
                let rewritten = match event {
                    Event::Start(_) => Event::Start(rewritten),
                    _ => Event::Empty(rewritten),
                };
                writer.write_event(rewritten).unwrap();
            }
            Event::End(ref end) => {
                let (namespace, local_name) = reader.resolver().resolve_element(end.name());
                let binding = if namespace == ResolveResult::Bound(Namespace(KIRJURI_NS)) {
                    rebinding.kirjuri
                } else {
                    rebinding.tos
                };
                let name = binding.qualify(local_name.as_ref());
                writer.write_event(Event::End(BytesEnd::new(name))).unwrap();
            }
            Event::Eof => break,
            other => writer.write_event(other).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

fn declare(start: &mut BytesStart<'_>, binding: Binding, uri: &str) {
    let key = match binding {
        Binding::Prefix(prefix) => format!("xmlns:{prefix}"),
        Binding::Default => "xmlns".to_owned(),
    };
    start.push_attribute((key.as_str(), uri));
}

fn messages(findings: &[Finding]) -> String {
    findings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn other_prefixes_and_default_namespaces_import_the_same_plan() {
    let plan = sample_plan();
    let exported = export(&plan);
    assert!(exported.contains("<tos:Luokka tos:id=") && exported.contains("<k:Suunnitelma "));
    let variants = [
        (
            "other prefixes",
            Rebinding::names(Binding::Prefix("jhs"), Binding::Prefix("kirjuri")),
        ),
        (
            "swapped prefixes",
            Rebinding::names(Binding::Prefix("k"), Binding::Prefix("tos")),
        ),
        (
            "JHS 191 as default namespace",
            Rebinding::names(Binding::Default, Binding::Prefix("ext")),
        ),
        (
            "both as default namespaces",
            Rebinding::names(Binding::Default, Binding::Default),
        ),
    ];
    for (variant, rebinding) in variants {
        let rewritten = rebind(&exported, rebinding);
        match rebinding.tos {
            Binding::Prefix(prefix) => assert!(rewritten.contains(&format!("<{prefix}:Luokka {prefix}:id="))),
            Binding::Default => assert!(rewritten.contains("<Luokka id=") && !rewritten.contains("<tos:")),
        }
        let imported = jhs191::import("rewritten.xml", &rewritten);
        assert!(
            imported.findings.is_empty(),
            "{variant}: {}",
            messages(&imported.findings)
        );
        assert_eq!(imported.plan.as_ref(), Some(&plan), "{variant}");
    }
}

#[test]
fn findings_point_at_the_same_paths_whatever_the_prefixes() {
    let mut plan = sample_plan();
    // A draft without a publicity class on one record type: the export writes the most
    // protective value and notes the gap in Laajennos; the import reports it at the record.
    let record = plan
        .classes
        .values_mut()
        .filter_map(|c| c.process.as_mut())
        .flat_map(|p| p.phases.iter_mut())
        .flat_map(|p| p.actions.iter_mut())
        .flat_map(|a| a.records.iter_mut())
        .next()
        .unwrap();
    record.restriction.publicity = None;
    let exported = export(&plan);
    let original = jhs191::import("plan.xml", &exported);
    assert!(
        original.findings.iter().any(|f| f.message.contains("publicity")),
        "{}",
        messages(&original.findings)
    );
    for rebinding in [
        Rebinding::names(Binding::Prefix("a"), Binding::Prefix("b")),
        Rebinding::names(Binding::Default, Binding::Default),
    ] {
        let imported = jhs191::import("plan.xml", &rebind(&exported, rebinding));
        assert_eq!(imported.findings, original.findings, "{rebinding:?}");
        assert_eq!(imported.plan, original.plan, "{rebinding:?}");
    }
}

#[test]
fn kirjuri_extension_in_another_namespace_is_not_read_as_kirjuri() {
    let plan = sample_plan();
    let rebinding = Rebinding {
        kirjuri_uri: "urn:someone-else:1",
        ..Rebinding::names(Binding::Prefix("tos"), Binding::Prefix("k"))
    };
    let imported = jhs191::import("other.xml", &rebind(&export(&plan), rebinding));
    let imported_plan = imported.plan.expect("the JHS 191 part still gives a plan");
    // Classes without a process travel only in Kirjuri's extension: now they are placeholders.
    let top = ClassCode::parse("00").unwrap();
    assert_eq!(imported_plan.classes[&top].title, "Luokka 00");
    assert_ne!(plan.classes[&top].title, "Luokka 00");
    // The plan's rounding rule and description travel only in the Suunnitelma extension.
    assert!(plan.meta.year_end_rounding && plan.meta.description.is_some());
    assert!(!imported_plan.meta.year_end_rounding);
    assert_eq!(imported_plan.meta.description, None);
    assert!(
        imported
            .findings
            .iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains("placeholder"))
    );
    assert!(
        !imported.findings.iter().any(|f| f.message.contains("is ignored")),
        "Laajennos may hold anyone's elements: {}",
        messages(&imported.findings)
    );
}

#[test]
fn a_root_in_another_namespace_is_refused_with_its_line() {
    let rebinding = Rebinding {
        tos_uri: "urn:not-jhs-191",
        ..Rebinding::names(Binding::Prefix("tos"), Binding::Prefix("k"))
    };
    let imported = jhs191::import("other.xml", &rebind(&export(&sample_plan()), rebinding));
    assert!(imported.plan.is_none());
    assert_eq!(imported.findings.len(), 1, "{}", messages(&imported.findings));
    assert_eq!(
        imported.findings[0].to_string(),
        format!(
            "other.xml: /Q{{urn:not-jhs-191}}Tos[1]: error: the root element `tos:Tos` on line 2 is in namespace \
             `urn:not-jhs-191`, expected `Tos` in the JHS 191 namespace `{TOS_NS}`"
        )
    );
}

/// A namespaced file with JHS 191 names in the wrong namespace: a whole `x:Luokka`, a `Luokka`
/// that redeclares the default namespace, a foreign `Luokitustunnus` and a foreign `TilaKoodi`.
const FOREIGN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Tos xmlns="http://skeemat.jhs-suositukset.fi/tos/2015/01/15" xmlns:x="urn:other">
  <TosTiedot>
    <Nimeke><NimekeTeksti>Testi</NimekeTeksti></Nimeke>
    <YhteyshenkiloNimi>Arkisto</YhteyshenkiloNimi>
    <x:TilaKoodi>3</x:TilaKoodi>
  </TosTiedot>
  <Luokka>
    <Luokitustunnus>01</Luokitustunnus>
    <Nimeke><NimekeTeksti>Henkilöstöasiat</NimekeTeksti></Nimeke>
  </Luokka>
  <x:Luokka>
    <Luokitustunnus>02</Luokitustunnus>
    <Nimeke><NimekeTeksti>Vieras</NimekeTeksti></Nimeke>
  </x:Luokka>
  <Luokka xmlns="urn:other">
    <Luokitustunnus>03</Luokitustunnus>
    <Nimeke><NimekeTeksti>Vieras oletus</NimekeTeksti></Nimeke>
  </Luokka>
  <Luokka>
    <x:Luokitustunnus>04</x:Luokitustunnus>
    <Nimeke><NimekeTeksti>Vieras tunnus</NimekeTeksti></Nimeke>
  </Luokka>
</Tos>"#;

#[test]
fn a_foreign_element_with_a_jhs_name_is_not_taken_for_one() {
    let imported = jhs191::import("foreign.xml", FOREIGN);
    let plan = imported.plan.expect("the JHS 191 part gives a plan");
    let codes: Vec<String> = plan.classes.keys().map(ClassCode::spaced).collect();
    assert_eq!(codes, ["01"], "only the JHS 191 Luokka with a JHS 191 Luokitustunnus");
    assert_eq!(plan.meta.state, PlanState::Draft, "x:TilaKoodi is not TilaKoodi");
    let joined = messages(&imported.findings);
    for expected in [
        "foreign.xml: /Tos[1]/TosTiedot[1]/Q{urn:other}TilaKoodi[1]: warning: `x:TilaKoodi` on line 6 is in \
         namespace `urn:other`, not JHS 191",
        "foreign.xml: /Tos[1]/Q{urn:other}Luokka[1]: warning: `x:Luokka` on line 12 is in namespace `urn:other`, \
         not JHS 191",
        "foreign.xml: /Tos[1]/Q{urn:other}Luokka[2]: warning: `Luokka` on line 16 is in namespace `urn:other`, \
         not JHS 191",
        "foreign.xml: /Tos[1]/Luokka[2]/Q{urn:other}Luokitustunnus[1]: warning: `x:Luokitustunnus` on line 21 is in \
         namespace `urn:other`, not JHS 191",
        "foreign.xml: /Tos[1]/Luokka[2]: error: Luokitustunnus is missing; the class is skipped",
    ] {
        assert!(joined.contains(expected), "missing {expected:?} in\n{joined}");
    }
    assert!(!joined.contains("Vieras"), "{joined}");
}

#[test]
fn a_file_without_any_namespace_is_still_read_with_a_warning() {
    let unqualified = FOREIGN
        .replace(r#" xmlns="http://skeemat.jhs-suositukset.fi/tos/2015/01/15""#, "")
        .replace(r#"<Luokka xmlns="urn:other">"#, "<x:Luokka>")
        .replace(
            "</Luokka>\n  <Luokka>\n    <x:Luokitustunnus>",
            "</x:Luokka>\n  <Luokka>\n    <x:Luokitustunnus>",
        );
    let imported = jhs191::import("plain.xml", &unqualified);
    let plan = imported.plan.expect("an unqualified file gives a plan");
    let codes: Vec<String> = plan.classes.keys().map(ClassCode::spaced).collect();
    assert_eq!(codes, ["01"]);
    assert_eq!(
        imported.findings[0].to_string(),
        format!(
            "plain.xml: /Tos[1]: warning: the file declares no namespace; its elements are read as JHS 191 (`{TOS_NS}`)"
        )
    );
}

#[test]
fn namespace_errors_are_findings_with_a_line() {
    let undeclared =
        format!("<tos:Tos xmlns:tos=\"{TOS_NS}\">\n<tos:TosTiedot>\n<k:Suunnitelma/>\n</tos:TosTiedot>\n</tos:Tos>");
    let imported = jhs191::import("broken.xml", &undeclared);
    assert!(imported.plan.is_none());
    assert_eq!(
        imported.findings[0].to_string(),
        "broken.xml:3: error: not well-formed XML: the namespace prefix `k` of `k:Suunnitelma` is not declared"
    );
    let mismatched =
        format!("<tos:Tos xmlns:tos=\"{TOS_NS}\" xmlns:t=\"{TOS_NS}\">\n\n<tos:TosTiedot>\n</t:TosTiedot>\n</tos:Tos>");
    let imported = jhs191::import("broken.xml", &mismatched);
    assert!(imported.plan.is_none());
    let message = imported.findings[0].to_string();
    assert!(
        message.starts_with("broken.xml:4: error: not well-formed XML") && message.contains("t:TosTiedot"),
        "an end tag must repeat the start tag's name, prefix included: {message}"
    );
}
