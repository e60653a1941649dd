//! Plan validation as TOS tools do it (DOMAIN.md §2.7): required attributes, the secrecy and
//! permanence conditions, value ranges, unique codes and ids, record types only under leaf
//! classes, plus the project's warnings — and, for every text field, the character rule of
//! [`crate::text`] (no control characters, no invisible formatting characters). Every plan
//! source (JHS 191, the TOML files) and every approval goes through [`validate`].

use std::collections::{HashMap, HashSet};

use crate::code::ClassCode;
use crate::findings::{Finding, FindingList, Location};
use crate::model::{Action, Class, Plan, PlanMeta, Process, RecordType, Restriction, Retention, RetentionPeriod};
use crate::text::{escaped, first_refused_char};
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
    /// Where the plan-wide data is (`plan.toml`, `TosTiedot`).
    pub plan: Option<Location>,
    pub classes: HashMap<ClassCode, Location>,
    pub processes: HashMap<ClassCode, Location>,
    pub records: HashMap<RecordPos, Location>,
}

impl SourceMap {
    fn plan(&self) -> Location {
        self.plan.clone().unwrap_or(Location::Plan)
    }
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
    check_meta_text(&plan.meta, sources, &mut findings);
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
        check_class_text(class, &class_location, &class_subject, &mut findings);
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
                let action_subject = format!(
                    "class {}, phase {}, action {}",
                    class.code,
                    phase_index + 1,
                    action_index + 1
                );
                check_action_text(action, &sources.process(&class.code), &action_subject, &mut findings);
                for (record_index, record) in action.records.iter().enumerate() {
                    let pos = RecordPos {
                        class: class.code.clone(),
                        phase: phase_index,
                        action: action_index,
                        record: record_index,
                    };
                    let location = sources.record(&pos);
                    let subject = format!("class {}, record type `{}`", class.code, escaped(&record.id));
                    if let Some(first_class) = record_ids.insert(&record.id, class.code.clone()) {
                        findings.push(
                            Finding::error(
                                location.clone(),
                                format!(
                                    "record type id `{}` is already used in class {first_class}",
                                    escaped(&record.id)
                                ),
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
    check_process_text(process, &location, &subject, findings);
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
    check_record_text(record, process, &location, subject, findings);
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
    check_secrecy_grounds(restriction, location, subject, findings);
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

/// A text field's lines: names, titles and codes are one line; descriptions and reasons may
/// hold line breaks and tabs.
#[derive(Clone, Copy)]
enum Lines {
    One,
    Many,
}

/// An error when `value` of `field` holds a character [`crate::text`] refuses, naming the
/// character by its code point and its position (the value itself is not repeated).
fn check_text(findings: &mut FindingList, location: &Location, subject: &str, field: &str, value: &str, lines: Lines) {
    let Some((position, refused)) = first_refused_char(value, matches!(lines, Lines::Many)) else {
        return;
    };
    let kind = if refused.is_control() {
        "a control character"
    } else {
        "an invisible formatting character"
    };
    let message = format!(
        "{field} holds {kind} (U+{:04X} at character {position}); control characters and invisible \
         formatting characters (text-direction controls, zero-width spaces) are not allowed",
        u32::from(refused)
    );
    findings.push(
        Finding::error(location.clone(), message)
            .with_subject(subject)
            .with_field(field),
    );
}

fn check_optional_text(
    findings: &mut FindingList,
    location: &Location,
    subject: &str,
    field: &str,
    value: Option<&str>,
    lines: Lines,
) {
    if let Some(value) = value {
        check_text(findings, location, subject, field, value, lines);
    }
}

/// [`check_text`] for each item of a list, named `field[n]` (1-based).
fn check_each_text(findings: &mut FindingList, location: &Location, subject: &str, field: &str, values: &[String]) {
    for (index, value) in values.iter().enumerate() {
        check_text(
            findings,
            location,
            subject,
            &format!("{field}[{}]", index + 1),
            value,
            Lines::One,
        );
    }
}

fn check_meta_text(meta: &PlanMeta, sources: &SourceMap, findings: &mut FindingList) {
    let location = sources.plan();
    let subject = "plan";
    check_text(findings, &location, subject, "name", &meta.name, Lines::One);
    let optional_lines = [
        ("organisation", meta.organisation.as_deref()),
        ("author", meta.author.as_deref()),
        ("approved_by", meta.approved_by.as_deref()),
    ];
    for (field, value) in optional_lines {
        check_optional_text(findings, &location, subject, field, value, Lines::One);
    }
    check_text(findings, &location, subject, "contact", &meta.contact, Lines::One);
    check_optional_text(
        findings,
        &location,
        subject,
        "description",
        meta.description.as_deref(),
        Lines::Many,
    );
}

fn check_class_text(class: &Class, location: &Location, subject: &str, findings: &mut FindingList) {
    check_text(findings, location, subject, "title", &class.title, Lines::One);
    check_optional_text(
        findings,
        location,
        subject,
        "title_en",
        class.title_en.as_deref(),
        Lines::One,
    );
    check_optional_text(
        findings,
        location,
        subject,
        "description",
        class.description.as_deref(),
        Lines::Many,
    );
}

/// Grounds outside the controlled list (`secrecy_grounds`) are kept as "other" text, with a
/// warning naming the text, so that the city's existing plans still import while a typo never
/// becomes a new statistics category unnoticed.
fn check_secrecy_grounds(restriction: &Restriction, location: &Location, subject: &str, findings: &mut FindingList) {
    for reason in restriction.secrecy_reasons.iter().filter(|r| !r.trim().is_empty()) {
        if crate::secrecy_grounds::parse(reason).is_err() {
            findings.push(
                Finding::warning(
                    location.clone(),
                    format!(
                        "secrecy ground `{}` is not in the list of grounds; kept as another ground",
                        reason.trim()
                    ),
                )
                .with_subject(subject)
                .with_field("secrecy_reasons"),
            );
        }
    }
}

fn check_restriction_text(restriction: &Restriction, location: &Location, subject: &str, findings: &mut FindingList) {
    check_optional_text(
        findings,
        location,
        subject,
        "secret_parts",
        restriction.secret_parts.as_deref(),
        Lines::Many,
    );
    check_each_text(
        findings,
        location,
        subject,
        "secrecy_reasons",
        &restriction.secrecy_reasons,
    );
}

fn check_retention_text(retention: &Retention, location: &Location, subject: &str, findings: &mut FindingList) {
    check_optional_text(
        findings,
        location,
        subject,
        "retention_reason",
        retention.reason.as_deref(),
        Lines::Many,
    );
}

fn check_process_text(process: &Process, location: &Location, subject: &str, findings: &mut FindingList) {
    let details = &process.details;
    check_restriction_text(&process.restriction, location, subject, findings);
    check_retention_text(&process.retention, location, subject, findings);
    check_each_text(
        findings,
        location,
        subject,
        "information_systems",
        &details.information_systems,
    );
    check_each_text(findings, location, subject, "subjects", &details.subjects);
    let one_line = [
        ("title", process.title.as_deref()),
        ("process_owner", details.process_owner.as_deref()),
        ("storage_location", details.storage_location.as_deref()),
        ("storage_order", details.storage_order.as_deref()),
        ("storage_accountable", details.storage_accountable.as_deref()),
        ("protection_class", details.protection_class.as_deref()),
    ];
    for (field, value) in one_line {
        check_optional_text(findings, location, subject, field, value, Lines::One);
    }
    let many_lines = [
        ("data_group", details.data_group.as_deref()),
        ("additional_information", details.additional_information.as_deref()),
    ];
    for (field, value) in many_lines {
        check_optional_text(findings, location, subject, field, value, Lines::Many);
    }
}

fn check_action_text(action: &Action, location: &Location, subject: &str, findings: &mut FindingList) {
    check_text(findings, location, subject, "action", &action.action_type, Lines::One);
    check_optional_text(
        findings,
        location,
        subject,
        "action_description",
        action.description.as_deref(),
        Lines::Many,
    );
}

/// The record type's own text; a restriction or retention equal to its process's is the
/// process's (inherited), already checked there.
fn check_record_text(
    record: &RecordType,
    process: &Process,
    location: &Location,
    subject: &str,
    findings: &mut FindingList,
) {
    check_text(findings, location, subject, "id", &record.id, Lines::One);
    check_text(findings, location, subject, "type", &record.document_type, Lines::One);
    if record.restriction != process.restriction {
        check_restriction_text(&record.restriction, location, subject, findings);
    }
    if record.retention != process.retention {
        check_retention_text(&record.retention, location, subject, findings);
    }
    check_each_text(
        findings,
        location,
        subject,
        "information_systems",
        &record.information_systems,
    );
    let one_line = [
        ("specifier", record.specifier.as_deref()),
        ("publicity_change", record.publicity_change.as_deref()),
        ("dispose_previous_versions", record.dispose_previous_versions.as_deref()),
        ("storage_location", record.storage_location.as_deref()),
    ];
    for (field, value) in one_line {
        check_optional_text(findings, location, subject, field, value, Lines::One);
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
