//! The register of processing activities (seloste käsittelytoimista, GDPR Art 30) and the
//! processor agreements (käsittelijäsopimus, Art 28), with the completeness check, review dates
//! and the processors that lack a valid agreement (DOMAIN.md §8). Both can be imported from CSV;
//! an import is all or nothing and every bad cell is named by file, line and column.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_plan::ClassCode;
use kirjuri_sheet::Sheet;
use kirjuri_store::{AuditEvent, Store, StoreError, StoreResult};
use serde::{Deserialize, Serialize};

pub const REGISTER: &str = "register";
pub const AGREEMENT: &str = "processor_agreement";

/// One entry of the Art 30(1) register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingRegister {
    pub id: String,
    pub name: String,
    /// (a) controller and its contact details.
    pub controller: String,
    pub department: String,
    /// (a) the data-protection officer's contact.
    pub dpo_contact: String,
    /// (b) purposes of processing.
    pub purposes: Vec<String>,
    /// (c) categories of data subjects and of personal data.
    pub subject_categories: Vec<String>,
    pub data_categories: Vec<String>,
    pub special_categories: bool,
    pub criminal_data: bool,
    /// (d) recipients ("ei luovutuksia" when none).
    pub recipients: Vec<String>,
    /// (e) third-country transfers ("ei siirtoja" when none).
    pub transfers: Vec<String>,
    /// (f) erasure time limits: the plan classes whose retention applies.
    pub erasure_classes: Vec<ClassCode>,
    /// (g) technical and organisational security measures.
    pub security_measures: String,
    pub legal_basis: String,
    /// DPIA status where Art 9/10 data are processed.
    pub dpia: String,
    pub systems: Vec<String>,
    /// Processors used (names as in the agreements).
    pub processors: Vec<String>,
    pub active: bool,
    /// The privacy notice given to the data subjects (GDPR Art 13/14): its link or reference;
    /// empty when none is recorded.
    #[serde(default)]
    pub privacy_notice: String,
    /// The day the privacy notice was published.
    #[serde(default)]
    pub privacy_notice_published: Option<NaiveDate>,
}

impl ProcessingRegister {
    /// The Art 30(1) letters this entry lacks.
    pub fn missing_letters(&self) -> Vec<char> {
        let blank = |text: &str| text.trim().is_empty();
        let none = |items: &[String]| items.iter().all(|i| blank(i));
        let mut missing = Vec::new();
        if blank(&self.controller) || blank(&self.dpo_contact) {
            missing.push('a');
        }
        if none(&self.purposes) {
            missing.push('b');
        }
        if none(&self.subject_categories) || none(&self.data_categories) {
            missing.push('c');
        }
        if none(&self.recipients) {
            missing.push('d');
        }
        if none(&self.transfers) {
            missing.push('e');
        }
        if self.erasure_classes.is_empty() {
            missing.push('f');
        }
        if blank(&self.security_measures) {
            missing.push('g');
        }
        missing
    }

    /// Art 9/10 data processed without a recorded DPIA status.
    pub fn lacks_dpia(&self) -> bool {
        (self.special_categories || self.criminal_data) && self.dpia.trim().is_empty()
    }

    /// No privacy notice (GDPR Art 13/14) is recorded for the entry.
    pub fn lacks_privacy_notice(&self) -> bool {
        self.privacy_notice.trim().is_empty()
    }
}

/// The Art 28(3) checklist items (DOMAIN.md §8.2).
pub const ART28_CHECKLIST: &[(&str, &str)] = &[
    ("subject-and-duration", "subject matter and duration"),
    ("nature-and-purpose", "nature and purpose"),
    ("data-types", "types of personal data"),
    ("subject-categories", "categories of data subjects"),
    (
        "documented-instructions",
        "processing only on documented instructions (28(3)(a))",
    ),
    ("confidentiality", "confidentiality of personnel (28(3)(b))"),
    ("security", "Art 32 security (28(3)(c))"),
    (
        "sub-processors",
        "sub-processors: prior authorisation, same obligations (28(3)(d))",
    ),
    ("data-subject-rights", "assistance with data-subject rights (28(3)(e))"),
    (
        "assistance-32-36",
        "assistance with Arts 32-36 incl. breach notice (28(3)(f))",
    ),
    ("deletion-or-return", "deletion or return at the end (28(3)(g))"),
    ("audits", "audits and information (28(3)(h))"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementState {
    Draft,
    Active,
    Expired,
    Terminated,
}

impl AgreementState {
    pub fn parse(text: &str) -> Result<AgreementState, String> {
        match text.trim() {
            "draft" => Ok(AgreementState::Draft),
            "active" => Ok(AgreementState::Active),
            "expired" => Ok(AgreementState::Expired),
            "terminated" => Ok(AgreementState::Terminated),
            other => Err(format!(
                "unknown agreement state `{other}`, expected one of: draft, active, expired, terminated"
            )),
        }
    }
}

/// A controller-processor agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessorAgreement {
    pub id: String,
    pub processor: String,
    pub registers: Vec<String>,
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    pub state: AgreementState,
    pub owner: String,
    /// Art 28(3) items the agreement covers.
    pub checklist: BTreeMap<String, bool>,
}

impl ProcessorAgreement {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.state == AgreementState::Active
            && self.starts_on.is_none_or(|s| s <= day)
            && self.ends_on.is_none_or(|e| e >= day)
    }

    pub fn missing_checklist_items(&self) -> Vec<&'static str> {
        ART28_CHECKLIST
            .iter()
            .filter(|(key, _)| !self.checklist.get(*key).copied().unwrap_or(false))
            .map(|(key, _)| *key)
            .collect()
    }
}

/// A register entry and what it lacks, for `register check`.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    pub id: String,
    pub name: String,
    pub missing_art30: Vec<char>,
    pub lacks_dpia: bool,
}

pub fn completeness(registers: &[ProcessingRegister]) -> Vec<Completeness> {
    registers
        .iter()
        .filter(|r| r.active)
        .map(|r| Completeness {
            id: r.id.clone(),
            name: r.name.clone(),
            missing_art30: r.missing_letters(),
            lacks_dpia: r.lacks_dpia(),
        })
        .filter(|c| !c.missing_art30.is_empty() || c.lacks_dpia)
        .collect()
}

/// Processors named in active registers without a valid agreement on `day`.
pub fn processors_without_agreement(
    registers: &[ProcessingRegister],
    agreements: &[ProcessorAgreement],
    day: NaiveDate,
) -> Vec<(String, Vec<String>)> {
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for register in registers.iter().filter(|r| r.active) {
        for processor in &register.processors {
            let covered = agreements
                .iter()
                .any(|a| a.processor.eq_ignore_ascii_case(processor) && a.is_valid_on(day));
            if !covered {
                missing.entry(processor.clone()).or_default().push(register.id.clone());
            }
        }
    }
    missing.into_iter().collect()
}

/// Agreements whose review is due on or before `until`.
pub fn reviews_due(agreements: &[ProcessorAgreement], until: NaiveDate) -> Vec<&ProcessorAgreement> {
    let mut due: Vec<&ProcessorAgreement> = agreements
        .iter()
        .filter(|a| matches!(a.state, AgreementState::Active | AgreementState::Draft))
        .filter(|a| a.review_due.is_some_and(|d| d <= until))
        .collect();
    due.sort_by_key(|a| a.review_due);
    due
}

const REGISTER_COLUMNS: &[&str] = &[
    "id",
    "name",
    "controller",
    "department",
    "dpo_contact",
    "purposes",
    "subject_categories",
    "data_categories",
    "special_categories",
    "criminal_data",
    "recipients",
    "transfers",
    "erasure_classes",
    "security_measures",
    "legal_basis",
    "dpia",
    "systems",
    "processors",
    "active",
];

/// Columns a registers CSV may leave out: the privacy notice (GDPR Art 13/14) and the instant
/// the row's state took effect (to load an earlier year's state).
const REGISTER_OPTIONAL: &[&str] = &["privacy_notice", "privacy_notice_published", "valid_from"];

/// Columns an agreements CSV may leave out.
const AGREEMENT_OPTIONAL: &[&str] = &["valid_from"];

/// One imported row: the record and, when the file says, the instant its state took effect
/// (`valid_from`; the import's own instant when blank).
#[derive(Debug, Clone, PartialEq)]
pub struct Dated<T> {
    pub record: T,
    pub valid_from: Option<DateTime<Utc>>,
}

/// A `valid_from` cell: a day (`2025-01-01`, from 00:00 Finnish time that day) or an RFC 3339
/// instant; never in the future (`now`), since a version records what was in force.
fn valid_from_cell(cell: &str, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let at = match DateTime::parse_from_rfc3339(cell) {
        Ok(at) => at.with_timezone(&Utc),
        Err(_) => {
            let day = NaiveDate::parse_from_str(cell, "%Y-%m-%d")
                .map_err(|_| format!("`{cell}` is not a day (YYYY-MM-DD) or an RFC 3339 instant"))?;
            helsinki_start_of(day).ok_or_else(|| format!("`{cell}` has no start in Finnish time"))?
        }
    };
    if at > now {
        return Err(format!(
            "`{cell}` is in the future: a version records what was in force"
        ));
    }
    Ok(Some(at))
}

/// 00:00 Finnish time (Europe/Helsinki) on `day`, as an instant.
pub fn helsinki_start_of(day: NaiveDate) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Two rows of one id are two versions only when their `valid_from` instants differ (a blank
/// one is the import's instant).
fn duplicate_ids<T>(rows: &[Dated<T>], id: impl Fn(&T) -> &str, lines: &[u64], sheet: &Sheet) -> Vec<String> {
    let mut seen: BTreeMap<&str, Vec<Option<DateTime<Utc>>>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (row, line) in rows.iter().zip(lines) {
        let key = id(&row.record);
        if key.is_empty() {
            continue;
        }
        let earlier = seen.entry(key).or_default();
        if earlier.contains(&row.valid_from) {
            errors.push(sheet.fail(
                *line,
                "id",
                format!("id `{key}` appears twice (two versions of one id need distinct valid_from)"),
            ));
        }
        earlier.push(row.valid_from);
    }
    errors
}

const AGREEMENT_COLUMNS: &[&str] = &[
    "id",
    "processor",
    "registers",
    "signed_on",
    "starts_on",
    "ends_on",
    "review_due",
    "state",
    "owner",
    "checklist",
];

/// Parses a registers CSV; every problem is reported, nothing is half-read.
pub fn parse_registers(file: &str, text: &str) -> Result<Vec<ProcessingRegister>, Vec<String>> {
    Ok(parse_register_rows(file, text)?
        .into_iter()
        .map(|row| row.record)
        .collect())
}

/// Parses a registers CSV with each row's `valid_from` (optional column): one id may appear
/// on several rows when each names a distinct `valid_from`, its versions.
pub fn parse_register_rows(file: &str, text: &str) -> Result<Vec<Dated<ProcessingRegister>>, Vec<String>> {
    let sheet = Sheet::read(file, text, REGISTER_COLUMNS, REGISTER_OPTIONAL)?;
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut registers = Vec::new();
    for (line, record) in &sheet.rows {
        let cell = |c: &str| sheet.cell(record, c);
        let mut flag = |c: &str| match kirjuri_sheet::yes_no(cell(c)) {
            Ok(value) => value,
            Err(message) => {
                errors.push(sheet.fail(*line, c, message));
                false
            }
        };
        let special = flag("special_categories");
        let criminal = flag("criminal_data");
        let active = if cell("active").trim().is_empty() {
            true
        } else {
            flag("active")
        };
        let mut classes = Vec::new();
        for code in kirjuri_sheet::list(cell("erasure_classes")) {
            match ClassCode::parse(&code) {
                Ok(class) => classes.push(class),
                Err(error) => errors.push(sheet.fail(*line, "erasure_classes", error)),
            }
        }
        if cell("id").trim().is_empty() || cell("name").trim().is_empty() {
            errors.push(sheet.fail(*line, "id", "every register needs an id and a name"));
        }
        let privacy_notice_published =
            kirjuri_sheet::optional_date(cell("privacy_notice_published")).unwrap_or_else(|message| {
                errors.push(sheet.fail(*line, "privacy_notice_published", message));
                None
            });
        let valid_from = valid_from_cell(cell("valid_from"), now).unwrap_or_else(|message| {
            errors.push(sheet.fail(*line, "valid_from", message));
            None
        });
        let record = ProcessingRegister {
            id: cell("id").trim().to_owned(),
            name: cell("name").trim().to_owned(),
            controller: cell("controller").to_owned(),
            department: cell("department").to_owned(),
            dpo_contact: cell("dpo_contact").to_owned(),
            purposes: kirjuri_sheet::list(cell("purposes")),
            subject_categories: kirjuri_sheet::list(cell("subject_categories")),
            data_categories: kirjuri_sheet::list(cell("data_categories")),
            special_categories: special,
            criminal_data: criminal,
            recipients: kirjuri_sheet::list(cell("recipients")),
            transfers: kirjuri_sheet::list(cell("transfers")),
            erasure_classes: classes,
            security_measures: cell("security_measures").to_owned(),
            legal_basis: cell("legal_basis").to_owned(),
            dpia: cell("dpia").to_owned(),
            systems: kirjuri_sheet::list(cell("systems")),
            processors: kirjuri_sheet::list(cell("processors")),
            active,
            privacy_notice: cell("privacy_notice").trim().to_owned(),
            privacy_notice_published,
        };
        registers.push(Dated { record, valid_from });
    }
    let lines: Vec<u64> = sheet.rows.iter().map(|(line, _)| *line).collect();
    errors.extend(duplicate_ids(&registers, |r| &r.id, &lines, &sheet));
    if errors.is_empty() { Ok(registers) } else { Err(errors) }
}

/// Parses a processor-agreements CSV.
pub fn parse_agreements(file: &str, text: &str) -> Result<Vec<ProcessorAgreement>, Vec<String>> {
    Ok(parse_agreement_rows(file, text)?
        .into_iter()
        .map(|row| row.record)
        .collect())
}

/// Parses a processor-agreements CSV with each row's `valid_from` (optional column), as
/// [`parse_register_rows`] does.
pub fn parse_agreement_rows(file: &str, text: &str) -> Result<Vec<Dated<ProcessorAgreement>>, Vec<String>> {
    let sheet = Sheet::read(file, text, AGREEMENT_COLUMNS, AGREEMENT_OPTIONAL)?;
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut agreements = Vec::new();
    for (line, record) in &sheet.rows {
        let cell = |c: &str| sheet.cell(record, c);
        let mut date = |c: &str| match kirjuri_sheet::optional_date(cell(c)) {
            Ok(value) => value,
            Err(message) => {
                errors.push(sheet.fail(*line, c, message));
                None
            }
        };
        let signed_on = date("signed_on");
        let starts_on = date("starts_on");
        let ends_on = date("ends_on");
        let review_due = date("review_due");
        let state = AgreementState::parse(cell("state")).unwrap_or_else(|message| {
            errors.push(sheet.fail(*line, "state", message));
            AgreementState::Draft
        });
        let mut checklist = BTreeMap::new();
        for item in kirjuri_sheet::list(cell("checklist")) {
            if ART28_CHECKLIST.iter().any(|(key, _)| *key == item) {
                checklist.insert(item, true);
            } else {
                let allowed: Vec<&str> = ART28_CHECKLIST.iter().map(|(k, _)| *k).collect();
                errors.push(sheet.fail(
                    *line,
                    "checklist",
                    format!("unknown item `{item}`, expected: {}", allowed.join(", ")),
                ));
            }
        }
        if cell("id").trim().is_empty() || cell("processor").trim().is_empty() {
            errors.push(sheet.fail(*line, "id", "every agreement needs an id and a processor"));
        }
        let valid_from = valid_from_cell(cell("valid_from"), now).unwrap_or_else(|message| {
            errors.push(sheet.fail(*line, "valid_from", message));
            None
        });
        let record = ProcessorAgreement {
            id: cell("id").trim().to_owned(),
            processor: cell("processor").trim().to_owned(),
            registers: kirjuri_sheet::list(cell("registers")),
            signed_on,
            starts_on,
            ends_on,
            review_due,
            state,
            owner: cell("owner").to_owned(),
            checklist,
        };
        agreements.push(Dated { record, valid_from });
    }
    let lines: Vec<u64> = sheet.rows.iter().map(|(line, _)| *line).collect();
    errors.extend(duplicate_ids(&agreements, |a| &a.id, &lines, &sheet));
    if errors.is_empty() { Ok(agreements) } else { Err(errors) }
}

/// Stores registers and agreements in one transaction (all or nothing), each as a version
/// taking effect now.
pub fn store_imported(
    store: &Store,
    registers: &[ProcessingRegister],
    agreements: &[ProcessorAgreement],
    actor: &str,
    source: &str,
) -> StoreResult<()> {
    let now_dated = |record| Dated {
        record,
        valid_from: None,
    };
    let registers: Vec<_> = registers.iter().cloned().map(now_dated).collect();
    let agreements: Vec<_> = agreements
        .iter()
        .cloned()
        .map(|record| Dated {
            record,
            valid_from: None,
        })
        .collect();
    store_imported_rows(store, &registers, &agreements, actor, source)
}

/// Stores imported rows in one transaction (all or nothing): each row is a version of its
/// record taking effect at its `valid_from` (the import's instant when blank), so a file of
/// last year's state adds history under today's records instead of replacing them. Audited
/// `registers.import`.
pub fn store_imported_rows(
    store: &Store,
    registers: &[Dated<ProcessingRegister>],
    agreements: &[Dated<ProcessorAgreement>],
    actor: &str,
    source: &str,
) -> StoreResult<()> {
    let now = Utc::now();
    store.transact(|tx| {
        for row in registers {
            crate::history::put_version(tx, &row.record, row.valid_from.unwrap_or(now), actor, now)?;
        }
        for row in agreements {
            crate::history::put_version(tx, &row.record, row.valid_from.unwrap_or(now), actor, now)?;
        }
        tx.audit(
            &AuditEvent::new(now, actor, "registers.import").detail(serde_json::json!({
                "source": source, "registers": registers.len(), "agreements": agreements.len(),
            })),
        )?;
        Ok(())
    })
}

/// Whether a save makes a new entry or changes an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    Create,
    Update,
}

fn refused<T>(code: &'static str, message: impl Into<String>) -> kirjuri_registry::RegistryResult<T> {
    Err(kirjuri_registry::RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// An entry's id: what a link, an agreement's `registers` and the CSV import name it by, so a
/// short key of lower-case letters, digits and hyphens.
fn check_id(id: &str) -> kirjuri_registry::RegistryResult<()> {
    let good = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if good {
        Ok(())
    } else {
        refused(
            "id",
            format!("id: `{id}` is not a key of lower-case letters, digits and hyphens (at most 64)"),
        )
    }
}

/// Checks the length and the characters of each free-text field of a register entry.
fn check_register(register: &ProcessingRegister) -> kirjuri_registry::RegistryResult<()> {
    use kirjuri_registry::limits::{NAME, TEXT, TITLE, check_each, check_length};
    check_id(&register.id)?;
    if register.name.trim().is_empty() {
        return refused("name", "name: a register entry needs its name");
    }
    check_length("name", &register.name, TITLE)?;
    for (field, value, max) in [
        ("controller", &register.controller, TEXT),
        ("department", &register.department, NAME),
        ("dpo_contact", &register.dpo_contact, TEXT),
        ("security_measures", &register.security_measures, TEXT),
        ("legal_basis", &register.legal_basis, TEXT),
        ("dpia", &register.dpia, TEXT),
        ("privacy_notice", &register.privacy_notice, TEXT),
    ] {
        check_length(field, value, max)?;
    }
    for (field, values) in [
        ("purposes", &register.purposes),
        ("subject_categories", &register.subject_categories),
        ("data_categories", &register.data_categories),
        ("recipients", &register.recipients),
        ("transfers", &register.transfers),
        ("systems", &register.systems),
        ("processors", &register.processors),
    ] {
        check_each(field, values, NAME)?;
    }
    Ok(())
}

/// Stores one register entry made or edited by a person (the API and the web form; the CSV
/// import is [`store_imported`]): a new entry's id must be free, an edited one must exist.
/// Audited `registers.create` or `registers.update`.
pub fn save_register(
    store: &Store,
    register: &ProcessingRegister,
    save: Save,
    actor: &str,
) -> kirjuri_registry::RegistryResult<ProcessingRegister> {
    check_register(register)?;
    let now = Utc::now();
    let action = match save {
        Save::Create => "registers.create",
        Save::Update => "registers.update",
    };
    store.transact(|tx| {
        let existing: Option<ProcessingRegister> = tx.get(REGISTER, &register.id)?;
        match (save, existing.is_some()) {
            (Save::Create, true) => {
                return kirjuri_store::reject("id_taken", format!("id: `{}` is already in the register", register.id));
            }
            (Save::Update, false) => {
                return kirjuri_store::reject("not_found", format!("register entry {}", register.id));
            }
            _ => {}
        }
        crate::history::put_version(tx, register, now, actor, now)?;
        tx.audit(&AuditEvent::new(now, actor, action).target(REGISTER, &register.id))?;
        Ok(())
    })?;
    Ok(register.clone())
}

/// Stores one processor agreement made or edited by a person, as [`save_register`] does an
/// entry (audited `agreements.create` or `agreements.update`). Checklist keys are the
/// Art 28(3) items of [`ART28_CHECKLIST`].
pub fn save_agreement(
    store: &Store,
    agreement: &ProcessorAgreement,
    save: Save,
    actor: &str,
) -> kirjuri_registry::RegistryResult<ProcessorAgreement> {
    use kirjuri_registry::limits::{NAME, check_each, check_length};
    check_id(&agreement.id)?;
    if agreement.processor.trim().is_empty() {
        return refused("processor", "processor: an agreement needs its processor");
    }
    check_length("processor", &agreement.processor, NAME)?;
    check_length("owner", &agreement.owner, NAME)?;
    check_each("registers", &agreement.registers, NAME)?;
    if let Some(key) = agreement
        .checklist
        .keys()
        .find(|key| !ART28_CHECKLIST.iter().any(|(known, _)| known == key))
    {
        return refused("checklist", format!("checklist: unknown Art 28(3) item `{key}`"));
    }
    if let (Some(starts), Some(ends)) = (agreement.starts_on, agreement.ends_on)
        && ends < starts
    {
        return refused("ends_on", "ends_on: the agreement cannot end before it starts");
    }
    let now = Utc::now();
    let action = match save {
        Save::Create => "agreements.create",
        Save::Update => "agreements.update",
    };
    store.transact(|tx| {
        let existing: Option<ProcessorAgreement> = tx.get(AGREEMENT, &agreement.id)?;
        match (save, existing.is_some()) {
            (Save::Create, true) => {
                return kirjuri_store::reject("id_taken", format!("id: `{}` is already an agreement", agreement.id));
            }
            (Save::Update, false) => {
                return kirjuri_store::reject("not_found", format!("processor agreement {}", agreement.id));
            }
            _ => {}
        }
        for register in &agreement.registers {
            if tx.get::<ProcessingRegister>(REGISTER, register)?.is_none() {
                return kirjuri_store::reject(
                    "registers",
                    format!("registers: `{register}` is not an entry of the register"),
                );
            }
        }
        crate::history::put_version(tx, agreement, now, actor, now)?;
        tx.audit(&AuditEvent::new(now, actor, action).target(AGREEMENT, &agreement.id))?;
        Ok(())
    })?;
    Ok(agreement.clone())
}

/// One register entry.
pub fn load_register(store: &Store, id: &str) -> Result<Option<ProcessingRegister>, StoreError> {
    store.get(REGISTER, id)
}

/// One processor agreement.
pub fn load_agreement(store: &Store, id: &str) -> Result<Option<ProcessorAgreement>, StoreError> {
    store.get(AGREEMENT, id)
}

pub fn load_registers(store: &Store) -> Result<Vec<ProcessingRegister>, StoreError> {
    store.list(REGISTER)
}

pub fn load_agreements(store: &Store) -> Result<Vec<ProcessorAgreement>, StoreError> {
    store.list(AGREEMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name,controller,department,dpo_contact,purposes,subject_categories,data_categories,special_categories,criminal_data,recipients,transfers,erasure_classes,security_measures,legal_basis,dpia,systems,processors,active\n";

    #[test]
    fn completeness_names_missing_letters() {
        let csv = format!(
            "{HEADER}vaka,Varhaiskasvatus,Laitilan kaupunki,sivistystoimi,tietosuojavastaava@laitila.fi,varhaiskasvatus,lapset;huoltajat,yhteystiedot;hetu,yes,no,Kela,ei siirtoja,12 01 01,,6(1)(c),,Daisy,Daisy Oy,yes\n"
        );
        let registers = parse_registers("r.csv", &csv).unwrap();
        let findings = completeness(&registers);
        assert_eq!(findings[0].missing_art30, vec!['g']);
        assert!(findings[0].lacks_dpia, "special categories without a DPIA status");
    }

    #[test]
    fn bad_cells_are_named_by_line_and_column() {
        let csv = format!("{HEADER}x,X,c,d,e,p,s,d,maybe,no,r,t,7.0.1,g,l,,s,,yes\n");
        let errors = parse_registers("registers.csv", &csv).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e == "registers.csv:2: column `special_categories`: `maybe` is not yes/no"),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("registers.csv:2: column `erasure_classes`")),
            "{errors:?}"
        );
        let unknown = parse_registers("r.csv", "id,nimi\n").unwrap_err();
        assert!(unknown[0].contains("missing column `name`"));
    }

    #[test]
    fn processors_without_valid_agreement() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let csv = format!("{HEADER}vaka,V,c,d,e,p,s,d,no,no,r,t,12 01 01,g,l,,s,Daisy Oy;Pilvi Oy,yes\n");
        let registers = parse_registers("r.csv", &csv).unwrap();
        let agreements = parse_agreements(
            "a.csv",
            "id,processor,registers,signed_on,starts_on,ends_on,review_due,state,owner,checklist\nk1,Daisy Oy,vaka,2024-01-01,2024-01-01,2027-12-31,2026-05-01,active,sivistystoimi,security;audits\n",
        )
        .unwrap();
        let missing = processors_without_agreement(&registers, &agreements, day);
        assert_eq!(missing, vec![("Pilvi Oy".to_owned(), vec!["vaka".to_owned()])]);
        assert_eq!(reviews_due(&agreements, day).len(), 1);
        assert_eq!(agreements[0].missing_checklist_items().len(), 10);
    }

    #[test]
    fn a_register_entry_is_created_once_and_edited() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let csv = format!("{HEADER}vaka,V,c,d,e,p,s,d,no,no,r,t,12 01 01,g,l,,s,,yes\n");
        let mut entry = parse_registers("r.csv", &csv).unwrap().remove(0);
        save_register(&store, &entry, Save::Create, "dpo").unwrap();
        let again = save_register(&store, &entry, Save::Create, "dpo").unwrap_err();
        assert!(again.to_string().starts_with("id:"), "{again}");
        entry.name = "Varhaiskasvatus".into();
        save_register(&store, &entry, Save::Update, "dpo").unwrap();
        assert_eq!(load_register(&store, "vaka").unwrap().unwrap().name, "Varhaiskasvatus");
        entry.id = "Bad Id".into();
        assert!(save_register(&store, &entry, Save::Create, "dpo").is_err());
    }
}
