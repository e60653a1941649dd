//! The sample plan of `retention-rules/` loads without findings, round-trips through JHS 191,
//! and the importer reports relaxed files' gaps with element paths instead of failing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::NaiveDate;
use kirjuri_plan::jhs191::{self, ExportOptions};
use kirjuri_plan::{ClassCode, PersonalData, Plan, PublicityClass, RetentionPeriod, Severity, SourceFile, load_plan};
use proptest::prelude::*;

fn sample_files() -> Vec<SourceFile> {
    kirjuri_plan::sample::source_files()
}

fn sample_plan() -> Plan {
    let loaded = load_plan(&sample_files());
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    loaded.plan.unwrap()
}

fn options(full: bool) -> ExportOptions {
    ExportOptions {
        today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        exported_at: "2026-11-29T10:00:00+02:00".to_owned(),
        include_information_systems: full,
    }
}

#[test]
fn sample_plan_covers_the_required_ground() {
    let plan = sample_plan();
    let top_levels: Vec<String> = plan
        .classes
        .keys()
        .filter(|c| c.depth() == 1)
        .map(|c| c.spaced())
        .collect();
    let expected: Vec<String> = (0..=14).map(|n| format!("{n:02}")).collect();
    assert_eq!(top_levels, expected, "all 00-14 top-level classes");
    assert!(plan.record_types().count() >= 60);
    for id in [
        "valtuusto-poytakirja",
        "hallitus-poytakirja",
        "viranhaltijapaatos",
        "rekrytointi-hakemus",
        "tyosopimus",
        "palkkakortti",
        "paakirja",
        "muistiotosite",
        "ostolasku",
        "hankintasopimus",
        "gdpr-access-request",
        "asiakirjapyynto",
        "lokiselvityspyynto",
        "tietoturvapoikkeama-ilmoitus",
        "tietosuojaloukkaus-ilmoitus-tsv",
        "seloste-kasittelytoimista",
        "kasittelijasopimus",
        "arkistoluettelo",
        "havitysluettelo",
    ] {
        assert!(plan.record_type(id).is_some(), "record type {id} is in the sample plan");
    }
    let minutes = plan.record_type("valtuusto-poytakirja").unwrap();
    assert_eq!(minutes.record_type.retention.period, Some(RetentionPeriod::Permanent));
    let access = plan.record_type("gdpr-access-request").unwrap();
    assert_eq!(access.class.code, ClassCode::parse("07.00.03").unwrap());
    assert_eq!(access.record_type.restriction.publicity, Some(PublicityClass::Secret));
}

#[test]
fn record_types_inherit_by_group() {
    let plan = sample_plan();
    // Recruitment: the decision overrides publicity (public) and so takes no secrecy from the process.
    let decision = plan.record_type("valintapaatos").unwrap().record_type;
    assert_eq!(decision.restriction.publicity, Some(PublicityClass::Public));
    assert_eq!(decision.restriction.secrecy_years, None);
    assert!(decision.restriction.secrecy_reasons.is_empty());
    // ...but personal data is inherited on its own.
    assert_eq!(decision.restriction.personal_data, Some(PersonalData::Personal));
    assert_eq!(
        decision.retention.trigger, None,
        "permanent: no trigger from the process"
    );
}

#[test]
fn export_then_import_gives_the_same_plan() {
    let plan = sample_plan();
    let exported = jhs191::export(&plan, &options(true)).unwrap();
    let imported = jhs191::import("export.xml", &exported.xml);
    assert!(imported.findings.is_empty(), "{:#?}", imported.findings);
    assert_eq!(imported.plan.unwrap(), plan);
}

#[test]
fn public_export_leaves_out_information_systems() {
    let plan = sample_plan();
    let exported = jhs191::export(&plan, &options(false)).unwrap();
    assert!(!exported.xml.contains("TietojarjestelmaNimi"));
    assert!(
        jhs191::export(&plan, &options(true))
            .unwrap()
            .xml
            .contains("<tos:TietojarjestelmaNimi>Kirjuri</tos:TietojarjestelmaNimi>")
    );
    assert!(exported.notes.iter().any(|n| n.contains("code 4 or 5")));
}

/// A file as a relaxed exporter writes it: no Kayttorajoitustiedot on the process, no
/// retention on one record, a legacy publicity spelling, nested actions and a foreign extension.
const RELAXED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Tos xmlns="http://skeemat.jhs-suositukset.fi/tos/2015/01/15" xmlns:hel="urn:helsinki">
  <TosTiedot id="x">
    <Nimeke><NimekeTeksti>Helsingin TOS &amp; testi</NimekeTeksti></Nimeke>
    <YhteyshenkiloNimi>Arkisto</YhteyshenkiloNimi>
    <TosVersio>3</TosVersio>
    <TilaKoodi>3</TilaKoodi>
  </TosTiedot>
  <Luokka id="a">
    <Luokitustunnus>10 03 00 01</Luokitustunnus>
    <Nimeke><NimekeTeksti>Rakennuslupamenettely</NimekeTeksti></Nimeke>
    <KasittelyprosessiTiedot id="p">
      <Sailytysaikatiedot>
        <SailytysajanPituusArvo>-1</SailytysajanPituusArvo>
        <SailytysajanPerusteTeksti>al-17413</SailytysajanPerusteTeksti>
      </Sailytysaikatiedot>
      <Toimenpidetiedot id="t1">
        <ToimenpideluokkaTeksti>Vireilletulo</ToimenpideluokkaTeksti>
        <Toimenpidetiedot id="t2">
          <ToimenpideluokkaTeksti>Hakemuksen vastaanotto</ToimenpideluokkaTeksti>
          <Toimenpidetiedot id="t3">
            <ToimenpideluokkaTeksti>Liitteiden tarkastus</ToimenpideluokkaTeksti>
            <Asiakirjatieto id="liite">
              <Kayttorajoitustiedot>
                <JulkisuusluokkaKoodi>Osittain salassapidettävä</JulkisuusluokkaKoodi>
                <HenkilotietoluonneKoodi>2</HenkilotietoluonneKoodi>
              </Kayttorajoitustiedot>
              <Sailytysaikatiedot>
                <SailytysajanPituusArvo>10</SailytysajanPituusArvo>
                <SailytysajanPerusteTeksti>oma-tarve</SailytysajanPerusteTeksti>
                <SailytysajanLaskentaperusteTeksti>Asian lopullinen ratkaisu</SailytysajanLaskentaperusteTeksti>
              </Sailytysaikatiedot>
              <AsiakirjaluokkaTeksti>Liite</AsiakirjaluokkaTeksti>
            </Asiakirjatieto>
          </Toimenpidetiedot>
        </Toimenpidetiedot>
      </Toimenpidetiedot>
      <Laajennos><hel:Jotain>x</hel:Jotain></Laajennos>
    </KasittelyprosessiTiedot>
  </Luokka>
</Tos>"#;

#[test]
fn relaxed_import_reports_what_is_missing_with_paths() {
    let imported = jhs191::import("helsinki.xml", RELAXED);
    let plan = imported.plan.expect("a relaxed file still gives a plan");
    assert_eq!(plan.meta.name, "Helsingin TOS & testi", "entities are resolved");
    let record = plan.record_type("liite").unwrap().record_type;
    assert_eq!(
        record.restriction.publicity,
        Some(PublicityClass::PartlySecret),
        "legacy spelling accepted"
    );
    // Parents of the leaf class are created with placeholders and a warning.
    assert!(plan.classes.contains_key(&ClassCode::parse("10").unwrap()));
    let messages: Vec<String> = imported.findings.iter().map(ToString::to_string).collect();
    let joined = messages.join("\n");
    assert!(
        joined.contains("/Tos[1]/Luokka[1]/KasittelyprosessiTiedot[1]: error: Kayttorajoitustiedot is missing"),
        "{joined}"
    );
    assert!(
        joined.contains("secrecy_reasons"),
        "partly secret without a ground is reported: {joined}"
    );
    assert!(
        joined.contains("Asiakirjatieto[1]"),
        "record findings carry the record's path: {joined}"
    );
    assert!(
        imported
            .findings
            .iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains("placeholder"))
    );
}

#[test]
fn malformed_xml_is_a_finding_with_a_line() {
    let imported = jhs191::import("broken.xml", "<Tos>\n<TosTiedot>\n</Tos>");
    assert!(imported.plan.is_none());
    assert!(
        imported.findings[0]
            .to_string()
            .starts_with("broken.xml:3: error: not well-formed XML"),
        "{}",
        imported.findings[0]
    );
    let wrong_root = jhs191::import("x.xml", "<Plan/>");
    assert!(wrong_root.findings[0].message.contains("expected `Tos`"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn import_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = jhs191::import("fuzz.xml", &text);
    }

    #[test]
    fn import_never_panics_on_mangled_exports(cut in 0usize..4000, insert in "[<>&;/a-zA-Z0-9 \"=]{0,12}") {
        let mut xml = RELAXED.to_owned();
        let at = cut.min(xml.len());
        let at = (0..=at).rev().find(|i| xml.is_char_boundary(*i)).unwrap_or(0);
        xml.insert_str(at, &insert);
        let _ = jhs191::import("fuzz.xml", &xml);
    }

    #[test]
    fn toml_loader_never_panics(text in "\\PC{0,300}") {
        let files = vec![SourceFile { name: "x.toml".to_owned(), text }];
        let _ = load_plan(&files);
    }
}

/// A secrecy ground outside the controlled list still imports, as another ground, with a
/// warning naming the file, the line, the field and the text (issue 20).
#[test]
fn an_unknown_secrecy_ground_is_a_warning_with_file_line_and_text() {
    let mut files = sample_files();
    let file = files
        .iter_mut()
        .find(|f| f.name.ends_with("07-tiedonhallinta.toml"))
        .unwrap();
    file.text = file.text.replacen(
        "secrecy_reasons = [\"JulkL 24 § 1 mom 7 kohta\"]",
        "secrecy_reasons = [\"JulkL 24 § 1 mom 7 kohta\", \"Kaupungin oma ohje 5 §\"]",
        1,
    );
    let loaded = load_plan(&files);
    assert!(loaded.plan.is_some(), "a warning keeps the plan");
    let warnings: Vec<_> = loaded
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .collect();
    // The process holds it, and each record type that inherits it says so too.
    assert!(!warnings.is_empty());
    assert!(
        warnings
            .iter()
            .all(|w| w.to_string().contains("Kaupungin oma ohje 5 §"))
    );
    let text = warnings[0].to_string();
    // The location is the file and the line of the record type or process that holds it.
    assert!(text.contains("07-tiedonhallinta.toml:"), "{text}");
    assert!(text.contains("secrecy_reasons"), "{text}");
    assert!(text.contains("Kaupungin oma ohje 5 §"), "{text}");
    assert!(!loaded.findings.iter().any(|f| f.severity == Severity::Error));
}
