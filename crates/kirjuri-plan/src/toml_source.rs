//! The plan as human-editable TOML (`retention-rules/`): one `plan.toml` with the plan-wide
//! data and one file per top-level class. Parsing reports every problem with its file and
//! line; nothing here reads the disk — the caller hands in the files' names and text.
//!
//! A record type inherits the process's restriction and retention attributes where it leaves
//! them out (JHS 191: "TOS-järjestelmän tehtävä on täyttää kyseiset tiedot"). Inheritance is
//! by group: a record that sets any publicity or secrecy field takes none of that group from
//! the process, and likewise for the retention fields, so a mixed, contradictory set never
//! arises.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::code::ClassCode;
use crate::findings::{Finding, Location};
use crate::model::{
    Action, Class, Phase, Plan, PlanMeta, Process, ProcessDetails, RecordType, Restriction, Retention, RetentionPeriod,
};
use crate::validate::{RecordPos, SourceMap, validate};
use crate::values::{
    ActionClass, PersonalData, PlanState, ProtectionLevel, PublicityClass, RetentionTrigger, SecrecyStart,
    SecurityClass, document_type,
};

/// Name of the file that holds the plan-wide data.
pub const PLAN_FILE: &str = "plan.toml";

/// One file of a plan folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in findings, e.g. `retention-rules/07-tiedonhallinta.toml`.
    pub name: String,
    pub text: String,
}

/// The result of reading a plan folder: the plan when it could be built, and every finding.
#[derive(Debug)]
pub struct LoadedPlan {
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFileDef {
    plan: PlanMetaDef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanMetaDef {
    name: String,
    organisation: Option<String>,
    contact: String,
    version: u32,
    state: PlanState,
    valid_from: Option<TomlDate>,
    valid_to: Option<TomlDate>,
    #[serde(default)]
    year_end_rounding: bool,
    author: Option<String>,
    approved_by: Option<String>,
    approved_on: Option<TomlDate>,
    description: Option<String>,
}

/// A date written either as a TOML date (`2025-01-01`) or as a string (`"2025-01-01"`).
struct TomlDate(NaiveDate);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Either::deserialize(deserializer)? {
            Either::Toml(datetime) => datetime.to_string(),
            Either::Text(text) => text,
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(TomlDate)
            .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFileDef {
    code: String,
    title: String,
    title_en: Option<String>,
    description: Option<String>,
    #[serde(default)]
    class: Vec<Spanned<ClassDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassDef {
    code: String,
    title: String,
    title_en: Option<String>,
    description: Option<String>,
    process: Option<Spanned<ProcessDef>>,
    #[serde(default)]
    record: Vec<Spanned<RecordDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessDef {
    title: Option<String>,
    publicity: Option<PublicityClass>,
    secret_parts: Option<String>,
    secrecy_years: Option<u32>,
    secrecy_reasons: Option<Vec<String>>,
    secrecy_start: Option<SecrecyStart>,
    protection_level: Option<ProtectionLevel>,
    security_class: Option<SecurityClass>,
    personal_data: Option<PersonalData>,
    personal_identity_code: Option<bool>,
    retention: Option<RetentionPeriod>,
    retention_trigger: Option<RetentionTrigger>,
    retention_reason: Option<String>,
    #[serde(default)]
    information_systems: Vec<String>,
    process_owner: Option<String>,
    data_group: Option<String>,
    #[serde(default)]
    subjects: Vec<String>,
    storage_location: Option<String>,
    storage_order: Option<String>,
    storage_accountable: Option<String>,
    protection_class: Option<String>,
    additional_information: Option<String>,
}

#[derive(Default, Clone)]
struct RestrictionDef {
    publicity: Option<PublicityClass>,
    secret_parts: Option<String>,
    secrecy_years: Option<u32>,
    secrecy_reasons: Option<Vec<String>>,
    secrecy_start: Option<SecrecyStart>,
    protection_level: Option<ProtectionLevel>,
    security_class: Option<SecurityClass>,
    personal_data: Option<PersonalData>,
    personal_identity_code: Option<bool>,
}

#[derive(Default, Clone)]
struct RetentionDef {
    retention: Option<RetentionPeriod>,
    retention_trigger: Option<RetentionTrigger>,
    retention_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordDef {
    id: String,
    phase: ActionClass,
    action: Option<String>,
    #[serde(rename = "type")]
    document_type: String,
    specifier: Option<String>,
    publicity: Option<PublicityClass>,
    secret_parts: Option<String>,
    secrecy_years: Option<u32>,
    secrecy_reasons: Option<Vec<String>>,
    secrecy_start: Option<SecrecyStart>,
    protection_level: Option<ProtectionLevel>,
    security_class: Option<SecurityClass>,
    personal_data: Option<PersonalData>,
    personal_identity_code: Option<bool>,
    retention: Option<RetentionPeriod>,
    retention_trigger: Option<RetentionTrigger>,
    retention_reason: Option<String>,
    #[serde(default)]
    information_systems: Vec<String>,
    publicity_change: Option<String>,
    dispose_previous_versions: Option<String>,
    storage_location: Option<String>,
}

macro_rules! attribute_groups {
    ($def:ty) => {
        impl $def {
            fn restriction(&self) -> RestrictionDef {
                RestrictionDef {
                    publicity: self.publicity,
                    secret_parts: self.secret_parts.clone(),
                    secrecy_years: self.secrecy_years,
                    secrecy_reasons: self.secrecy_reasons.clone(),
                    secrecy_start: self.secrecy_start,
                    protection_level: self.protection_level,
                    security_class: self.security_class,
                    personal_data: self.personal_data,
                    personal_identity_code: self.personal_identity_code,
                }
            }
            fn retention(&self) -> RetentionDef {
                RetentionDef {
                    retention: self.retention,
                    retention_trigger: self.retention_trigger,
                    retention_reason: self.retention_reason.clone(),
                }
            }
        }
    };
}
attribute_groups!(ProcessDef);
attribute_groups!(RecordDef);

/// Reads a plan folder's files into one plan version and validates it.
pub fn load_plan(files: &[SourceFile]) -> LoadedPlan {
    let mut findings = Vec::new();
    let mut sources = SourceMap::default();
    let mut meta = None;
    let mut classes: BTreeMap<ClassCode, Class> = BTreeMap::new();

    let plan_files: Vec<&SourceFile> = files.iter().filter(|f| is_plan_file(&f.name)).collect();
    match plan_files.as_slice() {
        [] => findings.push(Finding::error(
            Location::Plan,
            format!("no {PLAN_FILE} with the plan-wide data (name, version, state) was found"),
        )),
        [file] => match toml::from_str::<PlanFileDef>(&file.text) {
            Ok(def) => {
                meta = Some(plan_meta(def.plan));
                sources.plan = Some(Location::File {
                    file: file.name.clone(),
                    line: 1,
                });
            }
            Err(error) => findings.push(toml_error(file, &error)),
        },
        [_, extra, ..] => findings.push(Finding::error(
            Location::File {
                file: extra.name.clone(),
                line: 1,
            },
            format!("more than one {PLAN_FILE}"),
        )),
    }

    for file in files.iter().filter(|f| !is_plan_file(&f.name)) {
        let def = match toml::from_str::<ClassFileDef>(&file.text) {
            Ok(def) => def,
            Err(error) => {
                findings.push(toml_error(file, &error));
                continue;
            }
        };
        read_class_file(file, def, &mut classes, &mut sources, &mut findings);
    }

    let Some(meta) = meta else {
        return LoadedPlan { plan: None, findings };
    };
    let plan = Plan { meta, classes };
    findings.extend(validate(&plan, &sources));
    LoadedPlan {
        plan: Some(plan),
        findings,
    }
}

fn is_plan_file(name: &str) -> bool {
    name == PLAN_FILE || name.ends_with(&format!("/{PLAN_FILE}"))
}

fn plan_meta(def: PlanMetaDef) -> PlanMeta {
    PlanMeta {
        name: def.name,
        organisation: def.organisation,
        contact: def.contact,
        version: def.version,
        state: def.state,
        valid_from: def.valid_from.map(|d| d.0),
        valid_to: def.valid_to.map(|d| d.0),
        year_end_rounding: def.year_end_rounding,
        author: def.author,
        approved_by: def.approved_by,
        approved_on: def.approved_on.map(|d| d.0),
        description: def.description,
    }
}

fn line_of(text: &str, byte_offset: usize) -> usize {
    let end = byte_offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

fn toml_error(file: &SourceFile, error: &toml::de::Error) -> Finding {
    let line = error.span().map(|span| line_of(&file.text, span.start)).unwrap_or(1);
    let mut message = error.message().trim().replace('\n', " ");
    if message.is_empty() {
        // The toml crate gives no text for some errors (a lone carriage return, found by
        // fuzzing): the finding must still say what is wrong.
        message = "this is not valid TOML (a stray character, e.g. a carriage return without a line feed)".to_owned();
    }
    Finding::error(
        Location::File {
            file: file.name.clone(),
            line,
        },
        message,
    )
}

fn read_class_file(
    file: &SourceFile,
    def: ClassFileDef,
    classes: &mut BTreeMap<ClassCode, Class>,
    sources: &mut SourceMap,
    findings: &mut Vec<Finding>,
) {
    let at_line = |line: usize| Location::File {
        file: file.name.clone(),
        line,
    };
    let top_code = match ClassCode::parse(&def.code) {
        Ok(code) if code.depth() == 1 => code,
        Ok(code) => {
            findings.push(
                Finding::error(
                    at_line(1),
                    format!("`{code}` is not a top-level class; a file holds one top-level class"),
                )
                .with_field("code"),
            );
            return;
        }
        Err(error) => {
            findings.push(Finding::error(at_line(1), error.to_string()).with_field("code"));
            return;
        }
    };
    let top_line = file
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("code"))
        .map_or(1, |i| i + 1);
    let top_class = Class {
        code: top_code.clone(),
        title: def.title,
        title_en: def.title_en,
        description: def.description,
        process: None,
    };
    insert_class(top_class, at_line(top_line), classes, sources, findings);

    for spanned in def.class {
        let line = line_of(&file.text, spanned.span().start);
        let class_def = spanned.into_inner();
        let code = match ClassCode::parse(&class_def.code) {
            Ok(code) => code,
            Err(error) => {
                findings.push(Finding::error(at_line(line), error.to_string()).with_field("code"));
                continue;
            }
        };
        if !code.is_within(&top_code) || code == top_code {
            findings.push(
                Finding::error(
                    at_line(line),
                    format!("class {code} does not belong below top-level class {top_code} of this file"),
                )
                .with_field("code"),
            );
            continue;
        }
        let process = match class_def.process {
            Some(spanned_process) => {
                let process_line = line_of(&file.text, spanned_process.span().start);
                sources.processes.insert(code.clone(), at_line(process_line));
                let process_def = spanned_process.into_inner();
                let records = read_records(file, &code, &process_def, class_def.record, findings);
                Some(build_process(process_def, records, &code, sources))
            }
            None => {
                if let Some(first) = class_def.record.first() {
                    findings.push(
                        Finding::error(
                            at_line(line_of(&file.text, first.span().start)),
                            format!("class {code} has record types but no [class.process] with the process attributes"),
                        )
                        .with_field("process"),
                    );
                }
                None
            }
        };
        let class = Class {
            code,
            title: class_def.title,
            title_en: class_def.title_en,
            description: class_def.description,
            process,
        };
        insert_class(class, at_line(line), classes, sources, findings);
    }
}

fn insert_class(
    class: Class,
    location: Location,
    classes: &mut BTreeMap<ClassCode, Class>,
    sources: &mut SourceMap,
    findings: &mut Vec<Finding>,
) {
    if let Some(first) = sources.classes.get(&class.code) {
        findings.push(
            Finding::error(
                location,
                format!("class code {} is already defined at {first}", class.code),
            )
            .with_field("code"),
        );
        return;
    }
    sources.classes.insert(class.code.clone(), location);
    classes.insert(class.code.clone(), class);
}

/// A record placed in its phase and action, before grouping.
struct PlacedRecord {
    phase: ActionClass,
    action: String,
    record: RecordType,
    location: Location,
}

fn read_records(
    file: &SourceFile,
    code: &ClassCode,
    process: &ProcessDef,
    defs: Vec<Spanned<RecordDef>>,
    findings: &mut Vec<Finding>,
) -> Vec<PlacedRecord> {
    let mut placed = Vec::new();
    for spanned in defs {
        let line = line_of(&file.text, spanned.span().start);
        let location = Location::File {
            file: file.name.clone(),
            line,
        };
        let def = spanned.into_inner();
        let canonical_type = match document_type(&def.document_type) {
            Ok(found) => found.to_owned(),
            Err(error) => {
                findings.push(
                    Finding::error(location.clone(), error.to_string())
                        .with_subject(format!("class {code}, record type `{}`", def.id))
                        .with_field("type"),
                );
                def.document_type.clone()
            }
        };
        let restriction = inherit_restriction(&def.restriction(), &process.restriction());
        let retention = inherit_retention(&def.retention(), &process.retention());
        let action = def.action.clone().unwrap_or_else(|| def.phase.finnish().to_owned());
        let information_systems = if def.information_systems.is_empty() {
            process.information_systems.clone()
        } else {
            def.information_systems
        };
        placed.push(PlacedRecord {
            phase: def.phase,
            action,
            record: RecordType {
                id: def.id,
                document_type: canonical_type,
                specifier: def.specifier,
                restriction,
                retention,
                information_systems,
                publicity_change: def.publicity_change,
                dispose_previous_versions: def.dispose_previous_versions,
                storage_location: def.storage_location,
            },
            location,
        });
    }
    placed
}

fn restriction_group_set(def: &RestrictionDef) -> bool {
    def.publicity.is_some()
        || def.secret_parts.is_some()
        || def.secrecy_years.is_some()
        || def.secrecy_reasons.is_some()
        || def.secrecy_start.is_some()
}

fn to_restriction(def: &RestrictionDef) -> Restriction {
    Restriction {
        publicity: def.publicity,
        secret_parts: def.secret_parts.clone(),
        secrecy_years: def.secrecy_years,
        secrecy_reasons: def.secrecy_reasons.clone().unwrap_or_default(),
        secrecy_start: def.secrecy_start,
        protection_level: def.protection_level,
        security_class: def.security_class,
        personal_data: def.personal_data,
        personal_identity_code: def.personal_identity_code,
    }
}

fn inherit_restriction(own: &RestrictionDef, of_process: &RestrictionDef) -> Restriction {
    let publicity_source = if restriction_group_set(own) { own } else { of_process };
    let mut restriction = to_restriction(publicity_source);
    restriction.protection_level = own.protection_level.or(of_process.protection_level);
    restriction.security_class = own.security_class.or(of_process.security_class);
    restriction.personal_data = own.personal_data.or(of_process.personal_data);
    restriction.personal_identity_code = own.personal_identity_code.or(of_process.personal_identity_code);
    restriction
}

fn to_retention(def: &RetentionDef) -> Retention {
    Retention {
        period: def.retention,
        trigger: def.retention_trigger,
        reason: def.retention_reason.clone(),
    }
}

fn inherit_retention(own: &RetentionDef, of_process: &RetentionDef) -> Retention {
    let own_set = own.retention.is_some() || own.retention_trigger.is_some() || own.retention_reason.is_some();
    to_retention(if own_set { own } else { of_process })
}

fn build_process(def: ProcessDef, records: Vec<PlacedRecord>, code: &ClassCode, sources: &mut SourceMap) -> Process {
    Process {
        title: def.title.clone(),
        restriction: to_restriction(&def.restriction()),
        retention: to_retention(&def.retention()),
        details: ProcessDetails {
            information_systems: def.information_systems,
            process_owner: def.process_owner,
            data_group: def.data_group,
            subjects: def.subjects,
            storage_location: def.storage_location,
            storage_order: def.storage_order,
            storage_accountable: def.storage_accountable,
            protection_class: def.protection_class,
            additional_information: def.additional_information,
        },
        phases: group_phases(records, code, sources),
    }
}

/// Groups records into phases and actions in the order they first appear.
fn group_phases(records: Vec<PlacedRecord>, code: &ClassCode, sources: &mut SourceMap) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    for placed in records {
        let phase_index = match phases.iter().position(|p| p.phase_type == placed.phase) {
            Some(index) => index,
            None => {
                phases.push(Phase {
                    phase_type: placed.phase,
                    actions: Vec::new(),
                });
                phases.len() - 1
            }
        };
        let phase = &mut phases[phase_index];
        let action_index = match phase.actions.iter().position(|a| a.action_type == placed.action) {
            Some(index) => index,
            None => {
                phase.actions.push(Action {
                    action_type: placed.action.clone(),
                    description: None,
                    records: Vec::new(),
                });
                phase.actions.len() - 1
            }
        };
        let records = &mut phase.actions[action_index].records;
        let pos = RecordPos {
            class: code.clone(),
            phase: phase_index,
            action: action_index,
            record: records.len(),
        };
        sources.records.insert(pos, placed.location);
        records.push(placed.record);
    }
    phases
}
