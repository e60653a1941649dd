//! Writing a plan as strict JHS 191 XML (`Skeema_TOS_kooste.xsd`): what does the export put
//! where — one `Luokka` per class with a process, nested `Toimenpidetiedot`, `Asiakirjatieto`
//! per record type — and which Kirjuri-only facts travel in `Laajennos` extension elements.

use std::io;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::code::ClassCode;
use crate::model::{Class, Phase, Plan, PlanMeta, Process, RecordType, Restriction, Retention, RetentionPeriod};
use crate::values::{PersonalData, PlanState, PublicityClass};

use super::{KIRJURI_NS, LIST_SEPARATOR, TOS_NS};

/// Options of an export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Today's date, for the plan's state code (in use or superseded).
    pub today: NaiveDate,
    /// The export time written into `LisatiedotTeksti`, e.g. `2026-11-29T10:00:00+02:00`.
    pub exported_at: String,
    /// Information-system names are left out of public exports (DOMAIN.md §2.8).
    pub include_information_systems: bool,
}

/// An exported plan and what the export had to change to fit the strict schema.
#[derive(Debug, Clone)]
pub struct Exported {
    pub xml: String,
    pub notes: Vec<String>,
}

/// The plan cannot be written as strict JHS 191.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the plan has no class with a handling process; JHS 191 needs at least one Luokka")]
    NoProcess,
    #[error("class {0}: the process has no phases; JHS 191 needs at least one Toimenpidetiedot")]
    NoPhases(ClassCode),
    #[error("cannot write XML: {0}")]
    Write(#[from] io::Error),
}

type W = Writer<Vec<u8>>;

fn text_element(writer: &mut W, name: &str, text: &str) -> io::Result<()> {
    writer.create_element(name).write_text_content(BytesText::new(text))?;
    Ok(())
}

fn optional_text(writer: &mut W, name: &str, text: Option<&str>) -> io::Result<()> {
    match text {
        Some(value) if !value.trim().is_empty() => text_element(writer, name, value),
        _ => Ok(()),
    }
}

fn nimeke(writer: &mut W, title: &str) -> io::Result<()> {
    writer
        .create_element("tos:Nimeke")
        .write_inner_content(|w| text_element(w, "tos:NimekeTeksti", title))?;
    Ok(())
}

/// JHS 191 `TilaKoodi` of a plan version (DOMAIN.md §2.4, project decision): drafts 1,
/// approved and valid today 3, approved but no longer valid 5, approved but not yet valid 2.
pub fn state_code(meta: &PlanMeta, today: NaiveDate) -> u8 {
    match meta.state {
        PlanState::Draft | PlanState::SentForReview | PlanState::WaitingForApproval => 1,
        PlanState::Approved => {
            if meta.valid_to.is_some_and(|to| to < today) {
                5
            } else if meta.valid_from.is_some_and(|from| from > today) {
                2
            } else {
                3
            }
        }
    }
}

/// Writes the plan as strict JHS 191 XML.
pub fn export(plan: &Plan, options: &ExportOptions) -> Result<Exported, ExportError> {
    let with_process: Vec<(&Class, &Process)> = plan
        .classes
        .values()
        .filter_map(|c| c.process.as_ref().map(|p| (c, p)))
        .collect();
    if with_process.is_empty() {
        return Err(ExportError::NoProcess);
    }
    if let Some((class, _)) = with_process.iter().find(|(_, p)| p.phases.is_empty()) {
        return Err(ExportError::NoPhases(class.code.clone()));
    }
    let mut notes = Vec::new();
    let widened = plan
        .record_types()
        .filter(|r| r.record_type.restriction.personal_data.is_some_and(|p| p.code() > 3))
        .count()
        + with_process
            .iter()
            .filter(|(_, p)| p.restriction.personal_data.is_some_and(|pd| pd.code() > 3))
            .count();
    if widened > 0 {
        notes.push(format!(
            "{widened} processes or record types have personal-data code 4 or 5; written as 3 (strict schema), the exact code is kept in Laajennos"
        ));
    }
    if !options.include_information_systems {
        notes.push("information-system names left out (public export)".to_owned());
    }

    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let meta = &plan.meta;
    writer
        .create_element("tos:Tos")
        .with_attribute(("xmlns:tos", TOS_NS))
        .with_attribute(("xmlns:k", KIRJURI_NS))
        .write_inner_content(|w| {
            write_tos_tiedot(w, meta, options)?;
            for (index, (class, process)) in with_process.iter().enumerate() {
                write_luokka(w, class, process, index, options)?;
            }
            write_classification_extension(w, plan)
        })?;
    let xml = String::from_utf8(writer.into_inner()).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(Exported { xml, notes })
}

fn write_tos_tiedot(w: &mut W, meta: &PlanMeta, options: &ExportOptions) -> io::Result<()> {
    let id = format!("tos-v{}", meta.version);
    w.create_element("tos:TosTiedot")
        .with_attribute(("tos:id", id.as_str()))
        .write_inner_content(|w| {
            nimeke(w, &meta.name)?;
            text_element(w, "tos:YhteyshenkiloNimi", &meta.contact)?;
            text_element(w, "tos:TosVersio", &meta.version.to_string())?;
            text_element(w, "tos:TilaKoodi", &state_code(meta, options.today).to_string())?;
            optional_text(w, "tos:OrganisaatioNimi", meta.organisation.as_deref())?;
            optional_text(w, "tos:LaatijaNimi", meta.author.as_deref())?;
            optional_text(w, "tos:HyvaksyjaNimi", meta.approved_by.as_deref())?;
            optional_text(
                w,
                "tos:HyvaksyttyPvm",
                meta.approved_on.map(|d| d.to_string()).as_deref(),
            )?;
            optional_text(
                w,
                "tos:VoimassaoloAlkaaPvm",
                meta.valid_from.map(|d| d.to_string()).as_deref(),
            )?;
            optional_text(
                w,
                "tos:VoimassaoloPaattyyPvm",
                meta.valid_to.map(|d| d.to_string()).as_deref(),
            )?;
            let lisatiedot = format!(
                "JHS 191 XML {} Kirjuri, plan version {}",
                options.exported_at, meta.version
            );
            text_element(w, "tos:LisatiedotTeksti", &lisatiedot)?;
            w.create_element("tos:Laajennos").write_inner_content(|w| {
                let mut plan_element = w
                    .create_element("k:Suunnitelma")
                    .with_attribute(("tila", meta.state.key()))
                    .with_attribute((
                        "vuodenvaihdepyoristys",
                        if meta.year_end_rounding { "true" } else { "false" },
                    ));
                if let Some(description) = &meta.description {
                    plan_element = plan_element.with_attribute(("kuvaus", description.as_str()));
                }
                plan_element.write_empty()?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn write_luokka(w: &mut W, class: &Class, process: &Process, index: usize, options: &ExportOptions) -> io::Result<()> {
    let id = format!("luokka-{}", class.code.dotted());
    w.create_element("tos:Luokka")
        .with_attribute(("tos:id", id.as_str()))
        .write_inner_content(|w| {
            text_element(w, "tos:Luokitustunnus", &class.code.spaced())?;
            nimeke(w, &class.title)?;
            optional_text(w, "tos:LuokitusKuvausTeksti", class.description.as_deref())?;
            write_process(w, class, process, options)?;
            if let Some(title_en) = &class.title_en {
                w.create_element("tos:Laajennos").write_inner_content(|w| {
                    w.create_element("k:Luokka")
                        .with_attribute(("nimekeEn", title_en.as_str()))
                        .write_empty()?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let _ = index;
    Ok(())
}

fn systems_text(systems: &[String], options: &ExportOptions) -> Option<String> {
    if !options.include_information_systems || systems.is_empty() {
        return None;
    }
    Some(systems.join(LIST_SEPARATOR))
}

fn write_process(w: &mut W, class: &Class, process: &Process, options: &ExportOptions) -> io::Result<()> {
    let id = format!("prosessi-{}", class.code.dotted());
    let details = &process.details;
    w.create_element("tos:KasittelyprosessiTiedot")
        .with_attribute(("tos:id", id.as_str()))
        .write_inner_content(|w| {
            optional_text(
                w,
                "tos:TietojarjestelmaNimi",
                systems_text(&details.information_systems, options).as_deref(),
            )?;
            write_restriction(w, &process.restriction)?;
            write_retention(w, &process.retention)?;
            for (phase_index, phase) in process.phases.iter().enumerate() {
                write_phase(w, class, phase, phase_index, options)?;
            }
            if !details.subjects.is_empty() {
                w.create_element("tos:Asiasanat").write_inner_content(|w| {
                    for subject in &details.subjects {
                        text_element(w, "tos:AsiasanaTeksti", subject)?;
                    }
                    Ok(())
                })?;
            }
            optional_text(w, "tos:PaatietoryhmatTeksti", details.data_group.as_deref())?;
            optional_text(w, "tos:ProsessinOmistajaNimi", details.process_owner.as_deref())?;
            let extras = [
                ("nimeke", process.title.as_deref()),
                ("sailytyspaikka", details.storage_location.as_deref()),
                ("sailytysjarjestys", details.storage_order.as_deref()),
                ("sailytysvastuu", details.storage_accountable.as_deref()),
                ("suojeluluokka", details.protection_class.as_deref()),
                ("lisatiedot", details.additional_information.as_deref()),
            ];
            if extras.iter().any(|(_, v)| v.is_some()) {
                w.create_element("tos:Laajennos").write_inner_content(|w| {
                    let mut element = w.create_element("k:Prosessi");
                    for (name, value) in extras {
                        if let Some(value) = value {
                            element = element.with_attribute((name, value));
                        }
                    }
                    element.write_empty()?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_phase(w: &mut W, class: &Class, phase: &Phase, phase_index: usize, options: &ExportOptions) -> io::Result<()> {
    let id = format!("vaihe-{}-{}", class.code.dotted(), phase_index + 1);
    w.create_element("tos:Toimenpidetiedot")
        .with_attribute(("tos:id", id.as_str()))
        .write_inner_content(|w| {
            text_element(w, "tos:ToimenpideluokkaTeksti", phase.phase_type.key())?;
            for (action_index, action) in phase.actions.iter().enumerate() {
                let action_id = format!(
                    "toimenpide-{}-{}-{}",
                    class.code.dotted(),
                    phase_index + 1,
                    action_index + 1
                );
                w.create_element("tos:Toimenpidetiedot")
                    .with_attribute(("tos:id", action_id.as_str()))
                    .write_inner_content(|w| {
                        text_element(w, "tos:ToimenpideluokkaTeksti", &action.action_type)?;
                        optional_text(w, "tos:ToimenpiteenKuvausTeksti", action.description.as_deref())?;
                        for record in &action.records {
                            write_record(w, record, options)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_record(w: &mut W, record: &RecordType, options: &ExportOptions) -> io::Result<()> {
    w.create_element("tos:Asiakirjatieto")
        .with_attribute(("tos:id", record.id.as_str()))
        .write_inner_content(|w| {
            write_restriction(w, &record.restriction)?;
            write_retention(w, &record.retention)?;
            text_element(w, "tos:AsiakirjaluokkaTeksti", &record.document_type)?;
            optional_text(w, "tos:AsiakirjaluokkaTarkenneTeksti", record.specifier.as_deref())?;
            optional_text(
                w,
                "tos:TietojarjestelmaNimi",
                systems_text(&record.information_systems, options).as_deref(),
            )?;
            let has_rules = record.publicity_change.is_some()
                || record.dispose_previous_versions.is_some()
                || record.storage_location.is_some();
            if has_rules {
                w.create_element("tos:Kasittelysaannot").write_inner_content(|w| {
                    optional_text(w, "tos:JulkisuusluokkaMuutosTeksti", record.publicity_change.as_deref())?;
                    optional_text(
                        w,
                        "tos:AiempienVersioidenPoistoTeksti",
                        record.dispose_previous_versions.as_deref(),
                    )?;
                    optional_text(w, "tos:SailytyspaikkaTeksti", record.storage_location.as_deref())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_restriction(w: &mut W, restriction: &Restriction) -> io::Result<()> {
    w.create_element("tos:Kayttorajoitustiedot").write_inner_content(|w| {
        // Validation guarantees publicity and personal data; a draft that lacks them is written
        // with the most protective values so the strict schema still holds, and the Laajennos
        // records that they were missing.
        let publicity = restriction.publicity.unwrap_or(PublicityClass::Secret);
        text_element(w, "tos:JulkisuusluokkaKoodi", &publicity.code().to_string())?;
        optional_text(
            w,
            "tos:SuojaustasoKoodi",
            restriction.protection_level.map(|p| p.code().to_string()).as_deref(),
        )?;
        optional_text(
            w,
            "tos:TurvallisuusluokkaKoodi",
            restriction.security_class.map(|s| s.code().to_string()).as_deref(),
        )?;
        let personal_data = restriction.personal_data.unwrap_or(PersonalData::Sensitive);
        text_element(
            w,
            "tos:HenkilotietoluonneKoodi",
            &personal_data.strict_jhs_code().to_string(),
        )?;
        optional_text(
            w,
            "tos:SalassapitoAikaArvo",
            restriction.secrecy_years.map(|y| y.to_string()).as_deref(),
        )?;
        let reasons = restriction.secrecy_reasons.join(LIST_SEPARATOR);
        optional_text(w, "tos:SalassapitoPerusteTeksti", Some(reasons.as_str()))?;
        optional_text(
            w,
            "tos:SalassapidonLaskentaperusteTeksti",
            restriction.secrecy_start.map(|s| s.finnish()),
        )?;
        w.create_element("tos:Laajennos").write_inner_content(|w| {
            let mut element = w.create_element("k:Rajoitus");
            let personal_data_code = restriction.personal_data.map(|p| p.code().to_string());
            if let Some(code) = &personal_data_code {
                element = element.with_attribute(("henkilotietoluonne", code.as_str()));
            }
            if restriction.publicity.is_some() {
                element = element.with_attribute(("julkisuusluokkaAnnettu", "true"));
            }
            if let Some(flag) = restriction.personal_identity_code {
                element = element.with_attribute(("henkilotunnus", if flag { "true" } else { "false" }));
            }
            if let Some(parts) = &restriction.secret_parts {
                element = element.with_attribute(("salassapidettavatOsat", parts.as_str()));
            }
            element.write_empty()?;
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

fn write_retention(w: &mut W, retention: &Retention) -> io::Result<()> {
    w.create_element("tos:Sailytysaikatiedot").write_inner_content(|w| {
        let period = retention.period.map_or(-1, RetentionPeriod::to_jhs);
        text_element(w, "tos:SailytysajanPituusArvo", &period.to_string())?;
        text_element(
            w,
            "tos:SailytysajanPerusteTeksti",
            retention.reason.as_deref().unwrap_or(""),
        )?;
        optional_text(
            w,
            "tos:SailytysajanLaskentaperusteTeksti",
            retention.trigger.map(|t| t.finnish()),
        )?;
        if retention.period.is_none() {
            w.create_element("tos:Laajennos").write_inner_content(|w| {
                w.create_element("k:Sailytys")
                    .with_attribute(("pituusPuuttuu", "true"))
                    .write_empty()?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_classification_extension(w: &mut W, plan: &Plan) -> io::Result<()> {
    let without_process: Vec<&Class> = plan.classes.values().filter(|c| c.process.is_none()).collect();
    if without_process.is_empty() {
        return Ok(());
    }
    w.create_element("tos:Laajennos").write_inner_content(|w| {
        w.create_element("k:Luokitus").write_inner_content(|w| {
            for class in without_process {
                let mut element = w
                    .create_element("k:Luokka")
                    .with_attribute(("luokitustunnus", class.code.spaced().as_str()))
                    .with_attribute(("nimeke", class.title.as_str()));
                if let Some(title_en) = &class.title_en {
                    element = element.with_attribute(("nimekeEn", title_en.as_str()));
                }
                if let Some(description) = &class.description {
                    element = element.with_attribute(("kuvaus", description.as_str()));
                }
                element.write_empty()?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}
