//! Plan validation as TOS tools do it (DOMAIN.md §2.7): required attributes, the secrecy and
//! permanence conditions, value ranges, unique codes and ids, record types only under leaf
//! classes, plus the project's warnings.

use std::collections::{HashMap, HashSet};

use crate::code::ClassCode;
use crate::findings::{Finding, FindingList, Location};
use crate::model::{Plan, Process, RecordType, Restriction, Retention, RetentionPeriod};
use crate::values::{PersonalData, PublicityClass};

/// Top-level classes of the joint municipal task classification run from 00 to 14.
const HIGHEST_TOP_LEVEL_CLASS: u8 = 14;

/// Position of a record type inside a class's process.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordPos {
    pub class: ClassCode,
    pub phase: usize,
    pub action: usize,
    pub record: usize,
}

/// Where each element of a plan came from, so findings can name the file and line.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pub classes: HashMap<ClassCode, Location>,
    pub processes: HashMap<ClassCode, Location>,
    pub records: HashMap<RecordPos, Location>,
}

impl SourceMap {
    fn class(&self, code: &ClassCode) -> Location {
        self.classes.get(code).cloned().unwrap_or(Location::Plan)
    }
    fn process(&self, code: &ClassCode) -> Location {
        self.processes.get(code).cloned().unwrap_or_else(|| self.class(code))
    }
    fn record(&self, pos: &RecordPos) -> Location {
        self.records
            .get(pos)
            .cloned()
            .unwrap_or_else(|| self.process(&pos.class))
    }
}

/// Checks a whole plan; an empty result or warnings only means the plan may be approved.
/// At most [`crate::findings::MAX_LISTED_FINDINGS`] findings are listed, then how many more.
pub fn validate(plan: &Plan, sources: &SourceMap) -> Vec<Finding> {
    let mut findings = FindingList::default();
    if plan.meta.name.trim().is_empty() {
        findings.push(Finding::error(Location::Plan, "the plan has no name").with_field("name"));
    }
    if plan.classes.is_empty() {
        findings.push(Finding::error(Location::Plan, "the plan has no classes"));
    }
    let mut record_ids: HashMap<&str, ClassCode> = HashMap::new();
    for class in plan.classes.values() {
        let class_subject = format!("class {}", class.code);
        let class_location = sources.class(&class.code);
        let top = class.code.groups()[0];
        if top > HIGHEST_TOP_LEVEL_CLASS {
            findings.push(
                Finding::error(
                    class_location.clone(),
                    format!("top-level class {top:02} is outside 00-14"),
                )
                .with_subject(&class_subject)
                .with_field("code"),
            );
        }
        if let Some(parent) = class.code.parent()
            && !plan.classes.contains_key(&parent)
        {
            findings.push(
                Finding::error(
                    class_location.clone(),
                    format!("parent class {parent} is not in the plan"),
                )
                .with_subject(&class_subject)
                .with_field("code"),
            );
        }
        if class.title.trim().is_empty() {
            findings.push(
                Finding::error(class_location.clone(), "title is empty")
                    .with_subject(&class_subject)
                    .with_field("title"),
            );
        }
        let Some(process) = &class.process else { continue };
        if !plan.is_leaf(&class.code) {
            findings.push(
                Finding::error(
                    sources.process(&class.code),
                    "a handling process and record types are allowed only under a leaf class; this class has subclasses",
                )
                .with_subject(&class_subject)
                .with_field("process"),
            );
        }
        check_process(process, &class.code, sources, &mut findings);
        for (phase_index, phase) in process.phases.iter().enumerate() {
            for (action_index, action) in phase.actions.iter().enumerate() {
                for (record_index, record) in action.records.iter().enumerate() {
                    let pos = RecordPos {
                        class: class.code.clone(),
                        phase: phase_index,
                        action: action_index,
                        record: record_index,
                    };
                    let location = sources.record(&pos);
                    let subject = format!("class {}, record type `{}`", class.code, record.id);
                    if let Some(first_class) = record_ids.insert(&record.id, class.code.clone()) {
                        findings.push(
                            Finding::error(
                                location.clone(),
                                format!("record type id `{}` is already used in class {first_class}", record.id),
                            )
                            .with_subject(&subject)
                            .with_field("id"),
                        );
                    }
                    check_record(record, process, location, &subject, &mut findings);
                }
            }
        }
    }
    findings.into_vec()
}

fn check_process(process: &Process, code: &ClassCode, sources: &SourceMap, findings: &mut FindingList) {
    let location = sources.process(code);
    let subject = format!("class {code}, process");
    check_restriction(&process.restriction, &location, &subject, findings);
    check_retention(&process.retention, &location, &subject, findings);
    if process.record_types().next().is_none() {
        findings.push(Finding::warning(location, "the process has no record types").with_subject(subject));
    }
}

fn check_record(record: &RecordType, process: &Process, location: Location, subject: &str, findings: &mut FindingList) {
    if record.id.trim().is_empty() {
        findings.push(
            Finding::error(location.clone(), "record type id is empty")
                .with_subject(subject)
                .with_field("id"),
        );
    }
    if record.document_type.trim().is_empty() {
        findings.push(
            Finding::error(location.clone(), "record type (AsiakirjaluokkaTeksti) is required")
                .with_subject(subject)
                .with_field("type"),
        );
    }
    check_restriction(&record.restriction, &location, subject, findings);
    check_retention(&record.retention, &location, subject, findings);

    // Project warnings (DOMAIN.md §2.7).
    if let (Some(RetentionPeriod::Years(own)), Some(RetentionPeriod::Years(of_process))) =
        (record.retention.period, process.retention.period)
        && own < of_process
    {
        findings.push(
            Finding::warning(
                location.clone(),
                format!("retention {own} years is shorter than the process's {of_process} years"),
            )
            .with_subject(subject)
            .with_field("retention"),
        );
    }
    if process.retention.period == Some(RetentionPeriod::Permanent)
        && record.retention.period.is_some_and(|p| !p.is_permanent())
    {
        findings.push(
            Finding::warning(location, "the process is permanent but this record type is not")
                .with_subject(subject)
                .with_field("retention"),
        );
    }
}

fn check_restriction(restriction: &Restriction, location: &Location, subject: &str, findings: &mut FindingList) {
    let missing = |field: &str, element: &str| {
        Finding::error(location.clone(), format!("{field} ({element}) is required"))
            .with_subject(subject)
            .with_field(field)
    };
    match restriction.publicity {
        None => findings.push(missing("publicity", "JulkisuusluokkaKoodi")),
        Some(publicity) if publicity.requires_secrecy() => {
            let why = format!("required when publicity is {}", publicity.key());
            let conditional = |field: &str, element: &str| {
                Finding::error(location.clone(), format!("{field} ({element}) is {why}"))
                    .with_subject(subject)
                    .with_field(field)
            };
            if restriction.secrecy_years.is_none() {
                findings.push(conditional("secrecy_years", "SalassapitoAikaArvo"));
            }
            if restriction.secrecy_reasons.iter().all(|r| r.trim().is_empty()) {
                findings.push(conditional("secrecy_reasons", "SalassapitoPerusteTeksti"));
            }
            if restriction.secrecy_start.is_none() {
                findings.push(conditional("secrecy_start", "SalassapidonLaskentaperusteTeksti"));
            }
        }
        Some(PublicityClass::Public) if restriction.secrecy_years.is_some() => findings.push(
            Finding::warning(location.clone(), "a public record type has a secrecy period")
                .with_subject(subject)
                .with_field("secrecy_years"),
        ),
        Some(_) => {}
    }
    if restriction.secrecy_years == Some(0) {
        findings.push(
            Finding::error(location.clone(), "secrecy period must be a positive number of years")
                .with_subject(subject)
                .with_field("secrecy_years"),
        );
    }
    if restriction.personal_data.is_none() {
        findings.push(missing("personal_data", "HenkilotietoluonneKoodi"));
    }
    match restriction.personal_identity_code {
        None => findings.push(missing("personal_identity_code", "SocialSecurityNumber")),
        Some(true) if restriction.personal_data == Some(PersonalData::None) => findings.push(
            Finding::warning(
                location.clone(),
                "no personal data, yet personal identity codes are flagged",
            )
            .with_subject(subject)
            .with_field("personal_identity_code"),
        ),
        Some(_) => {}
    }
}

fn check_retention(retention: &Retention, location: &Location, subject: &str, findings: &mut FindingList) {
    match retention.period {
        None => findings.push(
            Finding::error(location.clone(), "retention (SailytysajanPituusArvo) is required")
                .with_subject(subject)
                .with_field("retention"),
        ),
        Some(RetentionPeriod::Permanent) if retention.trigger.is_some() => findings.push(
            Finding::error(
                location.clone(),
                "a permanent record has no retention start trigger; remove it",
            )
            .with_subject(subject)
            .with_field("retention_trigger"),
        ),
        Some(RetentionPeriod::Years(_)) if retention.trigger.is_none() => findings.push(
            Finding::error(
                location.clone(),
                "retention_trigger (SailytysajanLaskentaperusteTeksti) is required unless retention is permanent",
            )
            .with_subject(subject)
            .with_field("retention_trigger"),
        ),
        Some(_) => {}
    }
    if retention.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        findings.push(
            Finding::error(
                location.clone(),
                "retention_reason (SailytysajanPerusteTeksti) is required",
            )
            .with_subject(subject)
            .with_field("retention_reason"),
        );
    }
}

/// Classes whose code appears more than once in a list of codes, for sources that can repeat.
pub fn duplicate_codes<'a>(codes: impl IntoIterator<Item = &'a ClassCode>) -> Vec<ClassCode> {
    let mut seen = HashSet::new();
    let mut duplicates = Vec::new();
    for code in codes {
        if !seen.insert(code.clone()) {
            duplicates.push(code.clone());
        }
    }
    duplicates
}
