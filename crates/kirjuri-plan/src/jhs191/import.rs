//! Reading JHS 191 XML, tolerantly: how does a file another TOS tool wrote become a plan, and
//! what is missing or wrong in it — reported as findings carrying the element's path, never a
//! panic.
//!
//! Elements are matched by namespace URI and local name ([`tree`]), so the prefixes a file
//! uses, or a default namespace, make no difference; an element of another namespace with a
//! JHS 191 name is reported and ignored, never read as the JHS 191 element.

mod tree;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::code::ClassCode;
use crate::findings::{Finding, FindingList, Location};
use crate::model::{
    Action, Class, Phase, Plan, PlanMeta, Process, ProcessDetails, RecordType, Restriction, Retention, RetentionPeriod,
};
use crate::validate::{RecordPos, SourceMap, validate};
use crate::values::{
    ActionClass, PersonalData, PlanState, ProtectionLevel, PublicityClass, RetentionTrigger, SecrecyStart,
    SecurityClass, UnknownValue, document_type,
};

use super::TOS_NS;
use tree::{Document, Element, MAX_LISTED_MISPLACED, Namespace, shortened};

/// The result of an import: the plan when one could be built, and every finding.
#[derive(Debug)]
pub struct Imported {
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
}

/// Most bytes of text the import copies from processes into the record types that inherit
/// their restriction and retention, per byte of the file, plus [`INHERITED_TEXT_FLOOR_BYTES`]:
/// the copies are not in the file, so without a cap a long retention reason over many short
/// `Asiakirjatieto` elements would multiply the file's size (project decision: real files
/// copy far less than eight times their size).
const INHERITED_TEXT_PER_FILE_BYTE: usize = 8;
const INHERITED_TEXT_FLOOR_BYTES: usize = 4 * 1024 * 1024;

struct Importer<'a> {
    file: &'a str,
    findings: FindingList,
    sources: SourceMap,
    /// Bytes of text copied into record types from their process so far, and the most allowed.
    inherited_text_bytes: usize,
    max_inherited_text_bytes: usize,
}

impl Importer<'_> {
    fn at(&self, node: &Element) -> Location {
        Location::Xml {
            file: self.file.to_owned(),
            path: node.path(),
        }
    }

    fn error(&mut self, node: &Element, message: impl Into<String>) {
        let finding = Finding::error(self.at(node), message);
        self.findings.push(finding);
    }

    fn warning(&mut self, node: &Element, message: impl Into<String>) {
        let finding = Finding::warning(self.at(node), message);
        self.findings.push(finding);
    }

    fn value<T>(
        &mut self,
        parent: &Element,
        element: &str,
        parse: impl Fn(&str) -> Result<T, UnknownValue>,
    ) -> Option<T> {
        let node = parent.child(element)?;
        let text = node.text.trim();
        if text.is_empty() {
            return None;
        }
        match parse(text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.error(node, error.to_string());
                None
            }
        }
    }

    /// Whether `bytes` more of a process's text may be copied into the record type at `node`;
    /// past the file's allowance an error (once) refuses the file.
    fn may_inherit(&mut self, node: &Element, bytes: usize) -> bool {
        let within_before = self.inherited_text_bytes <= self.max_inherited_text_bytes;
        self.inherited_text_bytes = self.inherited_text_bytes.saturating_add(bytes);
        if self.inherited_text_bytes <= self.max_inherited_text_bytes {
            return true;
        }
        if within_before {
            let message = format!(
                "the file is too large: its record types inherit more than {} bytes of text from their processes \
                 ({INHERITED_TEXT_PER_FILE_BYTE} times the file's size and {} MiB); give the record types their own \
                 Kayttorajoitustiedot and Sailytysaikatiedot",
                self.max_inherited_text_bytes,
                INHERITED_TEXT_FLOOR_BYTES >> 20
            );
            self.error(node, message);
        }
        false
    }

    fn integer(&mut self, parent: &Element, element: &str) -> Option<i64> {
        let node = parent.child(element)?;
        match node.text.trim().parse::<i64>() {
            Ok(value) => Some(value),
            Err(_) => {
                self.error(node, format!("{element} `{}` is not a whole number", node.text.trim()));
                None
            }
        }
    }
}

/// The document's root when it is JHS 191's `Tos`, after warning about a file without
/// namespaces and about elements of other namespaces where JHS 191 allows none (the first
/// [`MAX_LISTED_MISPLACED`] one by one, then how many more); otherwise `None`, with an error
/// that names the root element.
fn jhs191_root<'d>(importer: &mut Importer<'_>, document: &'d Document) -> Option<&'d Element> {
    let root = &document.root;
    if !root.is_tos("Tos") {
        let message = if root.local_name == "Tos" {
            format!(
                "the root element `{}` on line {} is in {}, expected `Tos` in the JHS 191 namespace `{TOS_NS}`",
                shortened(&root.written_name),
                root.line,
                describe_namespace(&root.namespace)
            )
        } else {
            format!(
                "the root element is `{}`, expected `Tos` (JHS 191)",
                shortened(&root.local_name)
            )
        };
        importer.error(root, message);
        return None;
    }
    if document.unqualified {
        importer.warning(
            root,
            format!("the file declares no namespace; its elements are read as JHS 191 (`{TOS_NS}`)"),
        );
    }
    for foreign in &document.misplaced {
        let message = format!(
            "`{}` on line {} is in {}, not JHS 191 (`{TOS_NS}`); the element is ignored",
            foreign.written_name,
            foreign.line,
            describe_namespace(&foreign.namespace)
        );
        let location = Location::Xml {
            file: importer.file.to_owned(),
            path: foreign.path.clone(),
        };
        importer.findings.push(Finding::warning(location, message));
    }
    if document.unlisted_misplaced > 0 {
        importer.warning(
            root,
            format!(
                "{} more elements of other namespaces where JHS 191 allows none are ignored (the first {MAX_LISTED_MISPLACED} are listed)",
                document.unlisted_misplaced
            ),
        );
    }
    Some(root)
}

/// "namespace `<uri>`" or "no namespace", for messages.
fn describe_namespace(namespace: &Namespace) -> String {
    match namespace.uri() {
        Some(uri) => format!("namespace `{}`", shortened(uri)),
        None => "no namespace".to_owned(),
    }
}

fn split_list(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split(';')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// Reads a JHS 191 file. `file` is the name shown in findings.
pub fn import(file: &str, xml: &str) -> Imported {
    let mut importer = Importer {
        file,
        findings: FindingList::default(),
        sources: SourceMap::default(),
        inherited_text_bytes: 0,
        max_inherited_text_bytes: xml
            .len()
            .saturating_mul(INHERITED_TEXT_PER_FILE_BYTE)
            .saturating_add(INHERITED_TEXT_FLOOR_BYTES),
    };
    let document = match tree::parse(xml) {
        Ok(document) => document,
        Err(error) => {
            let finding = Finding::error(
                Location::File {
                    file: file.to_owned(),
                    line: error.line,
                },
                format!("not well-formed XML: {}", error.message),
            );
            return Imported {
                plan: None,
                findings: vec![finding],
            };
        }
    };
    let Some(root) = jhs191_root(&mut importer, &document) else {
        return Imported {
            plan: None,
            findings: importer.findings.into_vec(),
        };
    };
    let meta = read_meta(&mut importer, root);
    let mut classes: BTreeMap<ClassCode, Class> = BTreeMap::new();
    for luokka in root.children_named("Luokka") {
        let Some(code_text) = luokka.child_text("Luokitustunnus") else {
            importer.error(luokka, "Luokitustunnus is missing; the class is skipped");
            continue;
        };
        let code = match ClassCode::parse(&code_text) {
            Ok(code) => code,
            Err(error) => {
                importer.error(luokka, error.to_string());
                continue;
            }
        };
        if classes.contains_key(&code) {
            importer.error(luokka, format!("class code {code} appears twice"));
            continue;
        }
        let title = read_title(luokka).unwrap_or_else(|| {
            importer.error(luokka, "Nimeke is missing");
            String::new()
        });
        let title_en = luokka
            .kirjuri_extension("Luokka")
            .and_then(|k| k.attribute("nimekeEn"))
            .map(str::to_owned);
        let process = luokka
            .child("KasittelyprosessiTiedot")
            .map(|p| read_process(&mut importer, &code, p));
        importer.sources.classes.insert(code.clone(), importer.at(luokka));
        let class = Class {
            code: code.clone(),
            title,
            title_en,
            description: luokka.child_text("LuokitusKuvausTeksti"),
            process,
        };
        classes.insert(code, class);
    }
    // Classes without a process travel in Kirjuri's classification extension.
    let extension = root.kirjuri_extension("Luokitus");
    for k_luokka in extension.iter().flat_map(|e| e.kirjuri_children("Luokka")) {
        let Some(code) = k_luokka
            .attribute("luokitustunnus")
            .and_then(|c| ClassCode::parse(c).ok())
        else {
            importer.error(k_luokka, "luokitustunnus is missing or not a class code");
            continue;
        };
        if classes.contains_key(&code) {
            continue;
        }
        importer.sources.classes.insert(code.clone(), importer.at(k_luokka));
        let class = Class {
            code: code.clone(),
            title: k_luokka.attribute("nimeke").unwrap_or_default().to_owned(),
            title_en: k_luokka.attribute("nimekeEn").map(str::to_owned),
            description: k_luokka.attribute("kuvaus").map(str::to_owned),
            process: None,
        };
        classes.insert(code, class);
    }
    // Strict files from other tools hold only leaf classes: create the missing parents.
    let codes: Vec<ClassCode> = classes.keys().cloned().collect();
    for code in codes {
        let mut parent = code.parent();
        while let Some(parent_code) = parent {
            if !classes.contains_key(&parent_code) {
                importer.findings.push(
                    Finding::warning(
                        Location::Xml {
                            file: file.to_owned(),
                            path: root.path(),
                        },
                        format!(
                            "parent class {parent_code} of {code} is not in the file; created with a placeholder title"
                        ),
                    )
                    .with_field("title"),
                );
                let placeholder = Class {
                    code: parent_code.clone(),
                    title: format!("Luokka {parent_code}"),
                    title_en: None,
                    description: None,
                    process: None,
                };
                classes.insert(parent_code.clone(), placeholder);
            }
            parent = parent_code.parent();
        }
    }
    if classes.is_empty() {
        importer.error(root, "the file has no Luokka elements");
    }
    let plan = Plan { meta, classes };
    let mut findings = importer.findings.into_vec();
    findings.extend(validate(&plan, &importer.sources));
    Imported {
        plan: Some(plan),
        findings,
    }
}

/// Bytes of text in a restriction, as a record type that inherits it copies them.
fn restriction_text_bytes(restriction: &Restriction) -> usize {
    let secret_parts = restriction.secret_parts.as_ref().map_or(0, String::len);
    secret_parts + restriction.secrecy_reasons.iter().map(String::len).sum::<usize>()
}

fn read_title(node: &Element) -> Option<String> {
    let nimeke = node.child("Nimeke")?;
    nimeke.child_text("NimekeTeksti").or_else(|| {
        let languages: Vec<&Element> = nimeke.children_named("NimekeKielella").collect();
        let finnish = languages
            .iter()
            .find(|n| n.attribute("kieliKoodi").is_some_and(|k| k.starts_with("fi")));
        finnish.or(languages.first()).and_then(|n| n.child_text("NimekeTeksti"))
    })
}

fn parse_date(importer: &mut Importer<'_>, parent: &Element, element: &str) -> Option<NaiveDate> {
    let node = parent.child(element)?;
    let text = node.text.trim();
    // xs:date may carry a time-zone suffix; the date part is what counts.
    let date_part = text.get(..10).unwrap_or(text);
    match NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            importer.error(node, format!("{element} `{text}` is not a date (YYYY-MM-DD)"));
            None
        }
    }
}

fn read_meta(importer: &mut Importer<'_>, root: &Element) -> PlanMeta {
    let empty = Element::default();
    let tiedot = match root.child("TosTiedot") {
        Some(node) => {
            importer.sources.plan = Some(importer.at(node));
            node
        }
        None => {
            importer.error(root, "TosTiedot is missing");
            &empty
        }
    };
    let name = read_title(tiedot).unwrap_or_else(|| {
        importer.error(tiedot, "Nimeke is missing");
        String::new()
    });
    let version = tiedot
        .child_text("TosVersio")
        .and_then(|v| v.split(['.', ' ']).next().and_then(|n| n.parse::<u32>().ok()))
        .unwrap_or(1);
    let extension = tiedot.kirjuri_extension("Suunnitelma");
    let state_from_code = match tiedot.child_text("TilaKoodi").as_deref() {
        Some("3") | Some("5") | Some("2") => PlanState::Approved,
        _ => PlanState::Draft,
    };
    let state = extension
        .and_then(|e| e.attribute("tila"))
        .and_then(|s| PlanState::parse(s).ok())
        .unwrap_or(state_from_code);
    PlanMeta {
        name,
        organisation: tiedot.child_text("OrganisaatioNimi"),
        contact: tiedot.child_text("YhteyshenkiloNimi").unwrap_or_default(),
        version,
        state,
        valid_from: parse_date(importer, tiedot, "VoimassaoloAlkaaPvm"),
        valid_to: parse_date(importer, tiedot, "VoimassaoloPaattyyPvm"),
        year_end_rounding: extension.and_then(|e| e.attribute("vuodenvaihdepyoristys")) == Some("true"),
        author: tiedot.child_text("LaatijaNimi"),
        approved_by: tiedot.child_text("HyvaksyjaNimi"),
        approved_on: parse_date(importer, tiedot, "HyvaksyttyPvm"),
        description: extension.and_then(|e| e.attribute("kuvaus")).map(str::to_owned),
    }
}

fn read_restriction(importer: &mut Importer<'_>, parent: &Element) -> Restriction {
    let Some(node) = parent.child("Kayttorajoitustiedot") else {
        importer.error(parent, "Kayttorajoitustiedot is missing (publicity and personal data)");
        return Restriction::default();
    };
    let extension = node.kirjuri_extension("Rajoitus");
    let publicity_given = extension.is_none_or(|e| e.attribute("julkisuusluokkaAnnettu") == Some("true"));
    let publicity = importer
        .value(node, "JulkisuusluokkaKoodi", PublicityClass::parse)
        .filter(|_| publicity_given);
    let strict_personal_data = importer.value(node, "HenkilotietoluonneKoodi", PersonalData::parse);
    let exact_personal_data = extension
        .and_then(|e| e.attribute("henkilotietoluonne"))
        .and_then(|c| PersonalData::parse(c).ok());
    let secrecy_years = importer.integer(node, "SalassapitoAikaArvo").and_then(|years| {
        u32::try_from(years).ok().or_else(|| {
            importer.error(node, format!("SalassapitoAikaArvo {years} is negative"));
            None
        })
    });
    Restriction {
        publicity,
        secret_parts: extension
            .and_then(|e| e.attribute("salassapidettavatOsat"))
            .map(str::to_owned),
        secrecy_years,
        secrecy_reasons: split_list(node.child_text("SalassapitoPerusteTeksti")),
        secrecy_start: importer.value(node, "SalassapidonLaskentaperusteTeksti", SecrecyStart::parse),
        protection_level: importer.value(node, "SuojaustasoKoodi", ProtectionLevel::parse),
        security_class: importer.value(node, "TurvallisuusluokkaKoodi", SecurityClass::parse),
        personal_data: exact_personal_data.or(strict_personal_data),
        personal_identity_code: extension
            .and_then(|e| e.attribute("henkilotunnus"))
            .map(|v| v == "true"),
    }
}

fn read_retention(importer: &mut Importer<'_>, parent: &Element) -> Retention {
    let Some(node) = parent.child("Sailytysaikatiedot") else {
        importer.error(
            parent,
            "Sailytysaikatiedot is missing (retention period, reason and trigger)",
        );
        return Retention::default();
    };
    let period_missing = node
        .kirjuri_extension("Sailytys")
        .and_then(|e| e.attribute("pituusPuuttuu"))
        == Some("true");
    let period =
        importer
            .integer(node, "SailytysajanPituusArvo")
            .and_then(|value| match RetentionPeriod::from_jhs(value) {
                Ok(period) => Some(period),
                Err(message) => {
                    importer.error(node, message);
                    None
                }
            });
    Retention {
        period: period.filter(|_| !period_missing),
        trigger: importer.value(node, "SailytysajanLaskentaperusteTeksti", RetentionTrigger::parse),
        reason: node.child_text("SailytysajanPerusteTeksti"),
    }
}

fn read_process(importer: &mut Importer<'_>, code: &ClassCode, node: &Element) -> Process {
    importer.sources.processes.insert(code.clone(), importer.at(node));
    let extension = node.kirjuri_extension("Prosessi");
    let extra = |name: &str| extension.and_then(|e| e.attribute(name)).map(str::to_owned);
    let restriction = read_restriction(importer, node);
    let retention = read_retention(importer, node);
    let mut phases = Vec::new();
    for (phase_index, phase_node) in node.children_named("Toimenpidetiedot").enumerate() {
        let phase_type = importer
            .value(phase_node, "ToimenpideluokkaTeksti", ActionClass::parse)
            .unwrap_or_else(|| {
                if phase_node.child("ToimenpideluokkaTeksti").is_none() {
                    importer.error(
                        phase_node,
                        "ToimenpideluokkaTeksti is missing; the phase is read as valmistelu",
                    );
                }
                ActionClass::Valmistelu
            });
        let mut actions = Vec::new();
        // Records directly under a phase form an action of the phase's own type.
        let direct: Vec<&Element> = phase_node.children_named("Asiakirjatieto").collect();
        if !direct.is_empty() {
            let action_type = phase_node
                .child_text("ToimenpideluokkaTeksti")
                .unwrap_or_else(|| phase_type.key().to_owned());
            actions.push(read_action(
                importer,
                code,
                phase_index,
                actions.len(),
                action_type,
                None,
                &direct,
                &restriction,
                &retention,
            ));
        }
        for action_node in phase_node.children_named("Toimenpidetiedot") {
            collect_actions(
                importer,
                code,
                phase_index,
                action_node,
                &mut actions,
                &restriction,
                &retention,
            );
        }
        phases.push(Phase { phase_type, actions });
    }
    if phases.is_empty() {
        importer.warning(node, "the process has no Toimenpidetiedot (phases)");
    }
    let subjects = node
        .children_named("Asiasanat")
        .flat_map(|a| a.children_named("AsiasanaTeksti"))
        .map(|s| s.text.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    Process {
        title: extra("nimeke"),
        restriction,
        retention,
        details: ProcessDetails {
            information_systems: split_list(node.child_text("TietojarjestelmaNimi")),
            process_owner: node.child_text("ProsessinOmistajaNimi"),
            data_group: node.child_text("PaatietoryhmatTeksti"),
            subjects,
            storage_location: extra("sailytyspaikka"),
            storage_order: extra("sailytysjarjestys"),
            storage_accountable: extra("sailytysvastuu"),
            protection_class: extra("suojeluluokka"),
            additional_information: extra("lisatiedot"),
        },
        phases,
    }
}

/// Nested actions (JHS 191 allows recursion) are flattened into the phase's action list.
fn collect_actions(
    importer: &mut Importer<'_>,
    code: &ClassCode,
    phase_index: usize,
    node: &Element,
    actions: &mut Vec<Action>,
    restriction: &Restriction,
    retention: &Retention,
) {
    let action_type = node.child_text("ToimenpideluokkaTeksti").unwrap_or_else(|| {
        importer.error(node, "ToimenpideluokkaTeksti is missing");
        String::new()
    });
    let records: Vec<&Element> = node.children_named("Asiakirjatieto").collect();
    let description = node.child_text("ToimenpiteenKuvausTeksti");
    let action = read_action(
        importer,
        code,
        phase_index,
        actions.len(),
        action_type,
        description,
        &records,
        restriction,
        retention,
    );
    actions.push(action);
    for nested in node.children_named("Toimenpidetiedot") {
        collect_actions(importer, code, phase_index, nested, actions, restriction, retention);
    }
}

#[allow(clippy::too_many_arguments)]
fn read_action(
    importer: &mut Importer<'_>,
    code: &ClassCode,
    phase_index: usize,
    action_index: usize,
    action_type: String,
    description: Option<String>,
    record_nodes: &[&Element],
    process_restriction: &Restriction,
    process_retention: &Retention,
) -> Action {
    let mut records = Vec::new();
    for (record_index, record_node) in record_nodes.iter().enumerate() {
        let pos = RecordPos {
            class: code.clone(),
            phase: phase_index,
            action: action_index,
            record: record_index,
        };
        importer.sources.records.insert(pos, importer.at(record_node));
        let id = record_node.attribute("id").map(str::to_owned).unwrap_or_else(|| {
            format!(
                "{}-{}-{}-{}",
                code.dotted(),
                phase_index + 1,
                action_index + 1,
                record_index + 1
            )
        });
        let document_type = match record_node.child_text("AsiakirjaluokkaTeksti") {
            Some(text) => match document_type(&text) {
                Ok(found) => found.to_owned(),
                Err(error) => {
                    importer.error(record_node, error.to_string());
                    text
                }
            },
            None => String::new(),
        };
        // JHS 191: the TOS system fills record attributes the file leaves out from the process.
        let restriction = if record_node.child("Kayttorajoitustiedot").is_some() {
            read_restriction(importer, record_node)
        } else if importer.may_inherit(record_node, restriction_text_bytes(process_restriction)) {
            process_restriction.clone()
        } else {
            Restriction::default()
        };
        let retention = if record_node.child("Sailytysaikatiedot").is_some() {
            read_retention(importer, record_node)
        } else if importer.may_inherit(record_node, process_retention.reason.as_ref().map_or(0, String::len)) {
            process_retention.clone()
        } else {
            Retention::default()
        };
        let rules = record_node.child("Kasittelysaannot");
        records.push(RecordType {
            id,
            document_type,
            specifier: record_node.child_text("AsiakirjaluokkaTarkenneTeksti"),
            restriction,
            retention,
            information_systems: split_list(record_node.child_text("TietojarjestelmaNimi")),
            publicity_change: rules.and_then(|r| r.child_text("JulkisuusluokkaMuutosTeksti")),
            dispose_previous_versions: rules.and_then(|r| r.child_text("AiempienVersioidenPoistoTeksti")),
            storage_location: rules.and_then(|r| r.child_text("SailytyspaikkaTeksti")),
        });
    }
    Action {
        action_type,
        description,
        records,
    }
}
