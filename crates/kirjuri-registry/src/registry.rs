//! Registry operations on the store: open and move cases, register documents, read them (with
//! an audit entry for every read of a non-public document), legal holds, and the registry's
//! part of `kirjuri check`. Every change is one transaction with its indexes and audit entry.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kirjuri_plan::{ClassCode, Plan, PublicityClass};
use kirjuri_store::{AuditEvent, CheckReport, IndexKey, Store, StoreError, StoreResult, Tx, TxResult, reject};
use serde::Serialize;

use crate::case::{Case, CaseState, HoldLifting, LegalHold, StateChange};
use crate::diary::DiaryNumber;
use crate::document::{
    Content, Direction, Document, PhysicalItem, RestrictionRequest, RetentionStatus, effective_restriction,
    effective_retention,
};
use crate::reader::{CaseView, Reader};

pub const CASE: &str = "case";
pub const DOCUMENT: &str = "document";
/// A case's list of documents: one small record per document, in registration order.
pub const CASE_DOCUMENT: &str = "case_document";

/// Who acts, when, and for what purpose (käyttötarkoitus) — from the caller, never the clock.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub at: DateTime<Utc>,
    pub purpose: Option<String>,
}

/// Organisation settings of the registry.
#[derive(Debug, Clone)]
pub struct RegistryConfig {
    /// Diary-number prefix of the organisation, e.g. `LAI`.
    pub prefix: String,
    pub default_department: String,
}

/// Every plan version of the data folder and the one new registrations use.
#[derive(Debug, Clone)]
pub struct PlanCatalog {
    pub versions: BTreeMap<u32, Plan>,
    pub in_force: u32,
}

impl PlanCatalog {
    pub fn current(&self) -> Option<&Plan> {
        self.versions.get(&self.in_force)
    }
    fn rounding_of(&self, version: u32) -> bool {
        self.versions.get(&version).is_some_and(|p| p.meta.year_end_rounding)
    }
}

/// Everything a registry operation can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Bad input: the message names the field and the value at fault.
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    #[error("{0} not found")]
    NotFound(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for RegistryError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Rejected { code, message } => RegistryError::Invalid { code, message },
            StoreError::NotFound(what) => RegistryError::NotFound(what),
            other => RegistryError::Store(other),
        }
    }
}

pub type RegistryResult<T> = Result<T, RegistryError>;

/// The plan's publicity class for cases of a class: its handling process's.
fn class_publicity(class: &kirjuri_plan::Class) -> Option<PublicityClass> {
    class.process.as_ref().and_then(|process| process.restriction.publicity)
}

fn invalid<T>(code: &'static str, message: impl Into<String>) -> RegistryResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// Request to open a case.
#[derive(Debug, Clone)]
pub struct OpenCase {
    pub class: ClassCode,
    pub title: String,
    pub parties: Vec<String>,
    pub department: Option<String>,
    pub unit: Option<String>,
    pub assignee: Option<String>,
    /// Public title (julkinen otsikko) shown to readers without the right to a restricted
    /// case; a restricted case without one gets its class's title.
    pub public_title: Option<String>,
    /// The case's publicity class when it departs from the plan's value for the class, with
    /// the reason (required for a departure).
    pub publicity: Option<CasePublicity>,
    /// Explicit access list: the only users who may read the case (empty: by role and
    /// department).
    pub access: Vec<String>,
    /// A case of a process handled city-wide (information requests, incidents): no
    /// department reach covers it.
    pub city_wide_process: bool,
}

/// A publicity class asked for a new case, and why it departs from the plan.
#[derive(Debug, Clone)]
pub struct CasePublicity {
    pub class: PublicityClass,
    pub reason: Option<String>,
}

impl OpenCase {
    /// A request to open a case in `class` with `title`; everything else left out.
    pub fn new(class: ClassCode, title: impl Into<String>) -> OpenCase {
        OpenCase {
            class,
            title: title.into(),
            parties: Vec::new(),
            department: None,
            unit: None,
            assignee: None,
            public_title: None,
            publicity: None,
            access: Vec::new(),
            city_wide_process: false,
        }
    }
}

/// The classes whose cases are handled city-wide (information requests: 07 00 03 GDPR, 07 01 02
/// Publicity Act, 07 01 04 log investigations; 07 00 01 security incidents) — the classes the
/// requests and incidents services open their cases in (`kirjuri_requests::RequestKind::class`,
/// `kirjuri_incidents::INCIDENT_CLASS`; their tests check they are listed here). No
/// department reach covers such a case, and it is restricted by default.
pub const CITY_WIDE_PROCESS_CLASSES: &[&str] = &["07 00 01", "07 00 03", "07 01 02", "07 01 04"];

/// Whether `class` is one of [`CITY_WIDE_PROCESS_CLASSES`] (or under one).
pub fn is_city_wide_process_class(class: &ClassCode) -> bool {
    CITY_WIDE_PROCESS_CLASSES
        .iter()
        .filter_map(|code| ClassCode::parse(code).ok())
        .any(|code| class.is_within(&code))
}

/// An access list as asked: names trimmed, empty ones dropped, each name once.
fn access_list(names: &[String]) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !list.iter().any(|known| known.to_lowercase() == name.to_lowercase()) {
            list.push(name.to_owned());
        }
    }
    list
}

/// Request to register a document; content, if any, is stored first.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub record_type: Option<String>,
    pub direction: Direction,
    pub title: String,
    pub created_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub sent_on: Option<NaiveDate>,
    pub parties: Vec<String>,
    pub language: String,
    pub restriction: RestrictionRequest,
    pub physical: Option<PhysicalItem>,
    pub trigger_event_on: Option<NaiveDate>,
    /// A retention period other than the record type's; needs the override reason.
    pub retention: Option<kirjuri_plan::RetentionPeriod>,
}

impl NewDocument {
    /// A new document with the plan's metadata (no overrides), no date given (the day of
    /// registration) and no parties.
    pub fn new(record_type: Option<String>, direction: Direction, title: impl Into<String>) -> NewDocument {
        NewDocument {
            record_type,
            direction,
            title: title.into(),
            created_on: None,
            received_on: None,
            sent_on: None,
            parties: Vec::new(),
            language: "fi".to_owned(),
            restriction: RestrictionRequest::default(),
            physical: None,
            trigger_event_on: None,
            retention: None,
        }
    }

    /// Dates the document: created on `date`, and received on it when incoming or sent on it
    /// when outgoing (JHS 191: the day a document arrived or left is its registration date).
    pub fn dated(mut self, date: Option<NaiveDate>) -> NewDocument {
        self.created_on = date;
        self.received_on = if self.direction == Direction::Incoming {
            date
        } else {
            None
        };
        self.sent_on = if self.direction == Direction::Outgoing {
            date
        } else {
            None
        };
        self
    }
}

/// Filters of `case list`.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    pub class: Option<ClassCode>,
    pub party: Option<String>,
    /// The department (toimiala) that handles the case, compared ignoring case.
    pub department: Option<String>,
    /// The diary year (the year of the diary number).
    pub year: Option<i32>,
}

/// The registry over one store and the plan catalogue.
pub struct Registry<'a> {
    pub store: &'a Store,
    pub plans: &'a PlanCatalog,
    pub config: &'a RegistryConfig,
}

fn class_key(code: &ClassCode) -> String {
    format!("{}.", code.dotted())
}

/// The key a party is indexed and looked up by: Unicode NFC (an `ä` typed as `a` + combining
/// diaeresis is the same letter), runs of white space as one space, lower case. A log
/// investigation for "Aino Mäkinen" then finds "Aino  Ma\u{308}kinen" too.
/// The secrecy start events recorded on a document (`Registry::set_secrecy_events`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SecrecyEvents {
    pub subject_died_on: Option<NaiveDate>,
    pub relationship_ended_on: Option<NaiveDate>,
}

/// A change to a document's secrecy start events as the API and the CLI take it: `None` keeps
/// the recorded day, `Some(None)` clears it, `Some(Some(day))` sets it — so recording one event
/// never erases the other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SecrecyEventsChange {
    pub subject_died_on: Option<Option<NaiveDate>>,
    pub relationship_ended_on: Option<Option<NaiveDate>>,
}

impl SecrecyEventsChange {
    /// The events after this change to what `document` records.
    pub fn applied_to(self, document: &Document) -> SecrecyEvents {
        SecrecyEvents {
            subject_died_on: self.subject_died_on.unwrap_or(document.subject_died_on),
            relationship_ended_on: self.relationship_ended_on.unwrap_or(document.relationship_ended_on),
        }
    }
}

pub fn party_key(party: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let composed: String = party.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn case_index_keys(case: &Case) -> Vec<IndexKey> {
    let mut keys = vec![
        IndexKey::new("class", class_key(&case.class)),
        IndexKey::new("state", case.state.key()),
        IndexKey::new("diary", case.diary_number.to_string()),
        IndexKey::new("department", case.department.to_lowercase()),
        IndexKey::new("opened", case.opened_on.to_string()),
    ];
    keys.extend(case.parties.iter().map(|p| IndexKey::new("party", party_key(p))));
    keys
}

fn document_index_keys(document: &Document) -> Vec<IndexKey> {
    let mut keys = vec![
        IndexKey::new("class", class_key(&document.class)),
        IndexKey::new("case", document.case_id.as_str()),
        IndexKey::new("record_type", document.record_type.as_str()),
        IndexKey::new("registered", document.registered_at.format("%Y-%m-%d").to_string()),
    ];
    if let RetentionStatus::EndsOn(end) = document.retention_status {
        keys.push(IndexKey::new("retention_end", end.to_string()));
    }
    if let Some(content) = &document.content {
        keys.push(IndexKey::new("content", content.sha256.as_str()));
    }
    keys.extend(document.parties.iter().map(|p| IndexKey::new("party", party_key(p))));
    keys
}

/// The Europe/Helsinki calendar day of an instant: registry dates and diary years are local.
pub fn helsinki_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&chrono_tz::Europe::Helsinki).date_naive()
}

impl Registry<'_> {
    fn plan(&self) -> RegistryResult<&Plan> {
        self.plans
            .current()
            .ok_or_else(|| RegistryError::NotFound("an approved plan version in force".to_owned()))
    }

    fn audit_event(actor: &Actor, action: &str, kind: &str, id: &str) -> AuditEvent {
        AuditEvent::new(actor.at, &actor.name, action)
            .target(kind, id)
            .purpose(actor.purpose.as_deref())
    }

    /// Opens a case in a leaf class of the plan in force and gives it the next diary number.
    pub fn open_case(&self, request: &OpenCase, actor: &Actor) -> RegistryResult<Case> {
        let plan = self.plan()?;
        let title = request.title.trim();
        if title.is_empty() {
            return invalid("missing_title", "`title` must not be empty");
        }
        crate::limits::check_open_case(request)?;
        let Some(class) = plan.class(&request.class) else {
            return invalid(
                "unknown_class",
                format!("class {} is not in plan version {}", request.class, plan.meta.version),
            );
        };
        if class.process.is_none() {
            let leaves: Vec<String> = plan
                .classes_within(&request.class)
                .filter(|c| c.process.is_some())
                .take(8)
                .map(|c| format!("{} {}", c.code, c.title))
                .collect();
            return invalid(
                "class_without_process",
                format!(
                    "class {} ({}) has no handling process; cases open in a leaf class with record types{}",
                    class.code,
                    class.title,
                    if leaves.is_empty() {
                        String::new()
                    } else {
                        format!(", e.g. {}", leaves.join("; "))
                    }
                ),
            );
        }
        let department = request
            .department
            .clone()
            .unwrap_or_else(|| self.config.default_department.clone());
        let plan_publicity = class_publicity(class);
        // A case of an information-request or incident class is handled city-wide and is
        // restricted by default, however it is opened (the requests and incidents services, the
        // CLI, the API): the requester's or reporter's identity is personal data.
        let city_wide_process = request.city_wide_process || is_city_wide_process_class(&request.class);
        let default_restriction = if city_wide_process && request.publicity.is_none() {
            self.restricted_case_publicity(
                &request.class,
                "Tietopyyntö- tai tietoturva-asia: pyytäjän tai ilmoittajan henkilötiedot (JulkL 24 §)",
            )
        } else {
            None
        };
        let request_publicity = request.publicity.clone().or(default_restriction);
        let (publicity, publicity_override) = match &request_publicity {
            Some(asked) if Some(asked.class) != plan_publicity => {
                let Some(reason) = asked.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) else {
                    return invalid(
                        "override_reason_required",
                        format!(
                            "publicity `{}` departs from the plan's `{}` for class {}: give `publicity_reason`",
                            asked.class,
                            plan_publicity.map_or("none", |p| p.key()),
                            class.code
                        ),
                    );
                };
                (
                    asked.class,
                    Some(crate::case::PublicityOverride {
                        plan_value: plan_publicity,
                        reason: reason.to_owned(),
                        by: actor.name.clone(),
                        at: actor.at,
                    }),
                )
            }
            _ => (plan_publicity.unwrap_or(PublicityClass::NonPublic), None),
        };
        let public_title = match request.public_title.as_deref().map(str::trim) {
            Some(given) if !given.is_empty() => Some(given.to_owned()),
            _ if publicity != PublicityClass::Public => Some(class.title.clone()),
            _ => None,
        };
        let access = access_list(&request.access);
        let opened_on = helsinki_date(actor.at);
        let year = opened_on.year();
        let prefix = self.config.prefix.clone();
        let case = self.store.transact(|tx| {
            let number = tx.next_counter(&format!("diary/{prefix}/{year}"))?;
            let id = format!("case-{}", tx.next_counter("id/case")?);
            let case = Case {
                id: id.clone(),
                diary_number: DiaryNumber {
                    prefix: prefix.clone(),
                    number,
                    class: request.class.clone(),
                    year,
                },
                title: title.to_owned(),
                class: request.class.clone(),
                parties: request
                    .parties
                    .iter()
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect(),
                state: CaseState::Avattu,
                opened_on,
                decided_on: None,
                closed_on: None,
                department: department.clone(),
                unit: request.unit.clone(),
                assignee: request.assignee.clone(),
                legal_holds: Vec::new(),
                plan_version: plan.meta.version,
                history: vec![StateChange {
                    from: None,
                    to: CaseState::Avattu,
                    at: actor.at,
                    by: actor.name.clone(),
                    reason: None,
                }],
                created_by: actor.name.clone(),
                created_at: actor.at,
                publicity: Some(publicity),
                public_title: public_title.clone(),
                publicity_override: publicity_override.clone(),
                access: access.clone(),
                city_wide_process,
            };
            tx.put(CASE, &id, &case, &case_index_keys(&case))?;
            tx.audit(
                &Self::audit_event(actor, "case.open", CASE, &id).detail(serde_json::json!({
                    "diary_number": case.diary_number.to_string(), "class": case.class.spaced(),
                    "department": case.department,
                    "publicity": publicity.key(),
                    "publicity_override": case.publicity_override.as_ref().map(|o| o.reason.clone()),
                    "access": case.access,
                })),
            )?;
            Ok(case)
        })?;
        Ok(case)
    }

    /// Finds a case by its id (`case-12`) or diary number.
    pub fn find_case(&self, reference: &str) -> RegistryResult<Case> {
        let reference = reference.trim();
        if let Some(case) = self.store.get::<Case>(CASE, reference)? {
            return Ok(case);
        }
        // Neither a case id nor a diary number: no such case (404 over HTTP, as for documents).
        let diary = DiaryNumber::parse(reference)
            .map_err(|_| RegistryError::NotFound(format!("case `{reference}` (a case id or a diary number)")))?;
        let ids = self.store.scan_index("diary", &diary.to_string(), CASE)?;
        let id = ids
            .into_iter()
            .find(|_| true)
            .ok_or_else(|| RegistryError::NotFound(format!("case {diary}")))?;
        self.store
            .get::<Case>(CASE, &id)?
            .ok_or_else(|| RegistryError::NotFound(format!("case {diary}")))
    }

    /// The cases a reader may know of, each as they may see it, using an index for the first
    /// filter given. A restricted case the reader's right does not cover is listed masked
    /// (public title, no parties) and is never matched by a party filter: a party filter must
    /// not tell a reader that a person is a party to a secret case.
    pub fn list_cases(&self, filter: &CaseFilter, reader: &Reader) -> RegistryResult<Vec<CaseView>> {
        let ids: Option<Vec<String>> = if let Some(state) = filter.state {
            Some(self.store.scan_index("state", state.key(), CASE)?)
        } else if let Some(class) = &filter.class {
            Some(self.store.scan_index_prefix("class", &class_key(class), CASE)?)
        } else if let Some(party) = &filter.party {
            Some(self.store.scan_index("party", &party_key(party), CASE)?)
        } else {
            None
        };
        let cases: Vec<Case> = match ids {
            Some(ids) => {
                let mut found = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(case) = self.store.get::<Case>(CASE, &id)? {
                        found.push(case);
                    }
                }
                found
            }
            None => self.store.list::<Case>(CASE)?,
        };
        let mut cases: Vec<Case> = cases
            .into_iter()
            .filter(|c| filter.state.is_none_or(|s| c.state == s))
            .filter(|c| filter.class.as_ref().is_none_or(|code| c.class.is_within(code)))
            .filter(|c| {
                filter
                    .department
                    .as_ref()
                    .is_none_or(|d| c.department.trim().to_lowercase() == d.trim().to_lowercase())
            })
            .filter(|c| filter.year.is_none_or(|y| c.diary_number.year == y))
            .filter(|c| {
                filter.party.as_ref().is_none_or(|p| {
                    self.sees_in_full(reader, c) && c.parties.iter().any(|cp| party_key(cp) == party_key(p))
                })
            })
            .collect();
        cases.sort_by(|a, b| {
            (a.diary_number.year, a.diary_number.number).cmp(&(b.diary_number.year, b.diary_number.number))
        });
        Ok(cases.into_iter().map(|case| self.view_case(case, reader)).collect())
    }

    /// The publicity class of a case: as stored, or for a case stored before cases had one, the
    /// plan's value for its class (non-public when the plan in force no longer has the class).
    pub fn case_publicity(&self, case: &Case) -> PublicityClass {
        case.publicity.unwrap_or_else(|| {
            self.plans
                .current()
                .and_then(|plan| plan.class(&case.class))
                .and_then(class_publicity)
                .unwrap_or(PublicityClass::NonPublic)
        })
    }

    /// Publicity for a new case of `class` that must be restricted whatever the plan says
    /// (information-request and incident cases: the requester's or reporter's identity is
    /// personal data): `None` when the plan already restricts the class, else non-public with
    /// `reason` recorded as the departure from the plan.
    pub fn restricted_case_publicity(&self, class: &ClassCode, reason: &str) -> Option<CasePublicity> {
        let planned = self
            .plans
            .current()
            .and_then(|plan| plan.class(class))
            .and_then(class_publicity);
        match planned {
            Some(publicity) if publicity != PublicityClass::Public => None,
            _ => Some(CasePublicity {
                class: PublicityClass::NonPublic,
                reason: Some(reason.to_owned()),
            }),
        }
    }

    /// Whether a reader sees a case in full: a public case without an access list, or one
    /// their right covers.
    pub fn sees_in_full(&self, reader: &Reader, case: &Case) -> bool {
        (case.access.is_empty() && self.case_publicity(case) == PublicityClass::Public) || reader.covers(case)
    }

    /// Whether a reader may see a document of `case` (its metadata, content and search hit):
    /// every document of a case their right covers; otherwise a public document of a case
    /// they see in full. A public document of a restricted case is not shown to a reader
    /// without the right: it would tell them of the case.
    pub fn sees_document(&self, reader: &Reader, case: &Case, document: &Document) -> bool {
        reader.covers(case) || (document.is_public() && self.sees_in_full(reader, case))
    }

    /// A document for a reader: the document and its case, or not found when the reader may
    /// not see it (a hidden document is not told apart from a missing one).
    pub fn read_document_for(&self, id: &str, reader: &Reader) -> RegistryResult<(Document, Case)> {
        let not_found = || RegistryError::NotFound(format!("document {}", id.trim()));
        let document = self.store.get::<Document>(DOCUMENT, id.trim())?.ok_or_else(not_found)?;
        let case = self.store.get::<Case>(CASE, &document.case_id)?.ok_or_else(not_found)?;
        if !self.sees_document(reader, &case, &document) {
            return Err(not_found());
        }
        Ok((document, case))
    }

    /// Whether a record kept in case `case_id` (an information request, an incident) is hidden
    /// from the reader by the case's access list: such a record does not exist for them, as a
    /// document of that case does not.
    pub fn case_hidden_from(&self, reader: &Reader, case_id: &str) -> RegistryResult<bool> {
        Ok(self
            .store
            .get::<Case>(CASE, case_id)?
            .is_some_and(|case| !case.access.is_empty() && !reader.covers(&case)))
    }

    /// Sets or clears a case's explicit access list (an empty list: access by role and
    /// department again), with a reason; audited with the list before and after.
    pub fn set_case_access(
        &self,
        reference: &str,
        names: &[String],
        reason: &str,
        actor: &Actor,
    ) -> RegistryResult<Case> {
        if reason.trim().is_empty() {
            return invalid("missing_reason", "a change of a case's access list needs a reason");
        }
        crate::limits::check_length("reason", reason, crate::limits::TEXT)?;
        crate::limits::check_each("access", names, crate::limits::NAME)?;
        let access = access_list(names);
        let id = self.find_case(reference)?.id;
        let case = self.store.transact(|tx| {
            let Some(mut case) = tx.get::<Case>(CASE, &id)? else {
                return reject("not_found", format!("case {id} not found"));
            };
            let before = std::mem::replace(&mut case.access, access.clone());
            tx.put(CASE, &id, &case, &case_index_keys(&case))?;
            tx.audit(
                &Self::audit_event(actor, "case.access", CASE, &id).detail(serde_json::json!({
                    "before": before, "after": case.access, "reason": reason.trim(),
                })),
            )?;
            Ok(case)
        })?;
        Ok(case)
    }

    /// A case as a reader may see it: in full, or masked with its public title.
    pub fn view_case(&self, case: Case, reader: &Reader) -> CaseView {
        if self.sees_in_full(reader, &case) {
            return CaseView { case, masked: false };
        }
        let public_title = case.public_title.clone().unwrap_or_else(|| {
            self.plans
                .current()
                .and_then(|plan| plan.class(&case.class))
                .map_or_else(|| "Salassa pidettävä asia".to_owned(), |class| class.title.clone())
        });
        CaseView {
            case: case.masked(&public_title),
            masked: true,
        }
    }

    /// Moves a case to another state, refusing transitions the state table does not allow.
    pub fn transition_case(
        &self,
        reference: &str,
        to: CaseState,
        reason: Option<&str>,
        actor: &Actor,
    ) -> RegistryResult<Case> {
        crate::limits::check_optional("reason", reason, crate::limits::TEXT)?;
        let id = self.find_case(reference)?.id;
        if matches!(to, CaseState::Havitetty | CaseState::Siirretty) {
            return invalid(
                "final_state_by_process",
                format!(
                    "a case becomes {} only through {}",
                    to.key(),
                    if to == CaseState::Havitetty {
                        "an executed disposal"
                    } else {
                        "a verified archive transfer"
                    }
                ),
            );
        }
        let today = helsinki_date(actor.at);
        let plans = self.plans;
        let case = self.store.transact(|tx| {
            let Some(mut case) = tx.get::<Case>(CASE, &id)? else {
                return reject("not_found", format!("case {id} not found"));
            };
            let allowed = case.state.allowed_next();
            if !allowed.contains(&to) {
                let names: Vec<&str> = allowed.iter().map(|s| s.key()).collect();
                return reject(
                    "invalid_transition",
                    format!(
                        "case {} is {}; it can move to {}, not to {}",
                        case.diary_number,
                        case.state.key(),
                        if names.is_empty() {
                            "no other state".to_owned()
                        } else {
                            names.join(", ")
                        },
                        to.key()
                    ),
                );
            }
            let from = case.state;
            case.state = to;
            case.history.push(StateChange {
                from: Some(from),
                to,
                at: actor.at,
                by: actor.name.clone(),
                reason: reason.map(str::to_owned),
            });
            let trigger_changed = match to {
                CaseState::Paatetty => {
                    let changed = case.decided_on != Some(today);
                    case.decided_on = Some(today);
                    case.closed_on = Some(today);
                    changed
                }
                CaseState::AvattuUudelleen => {
                    // Reopening moves the trigger: recomputed when decided again (DOMAIN.md §3.2).
                    case.decided_on = None;
                    case.closed_on = None;
                    true
                }
                CaseState::Muutoksenhaku => {
                    case.closed_on = None;
                    false
                }
                _ => false,
            };
            tx.put(CASE, &id, &case, &case_index_keys(&case))?;
            if trigger_changed {
                recompute_documents(tx, &case, plans)?;
            }
            tx.audit(
                &Self::audit_event(actor, "case.transition", CASE, &id).detail(serde_json::json!({
                    "from": from.key(), "to": to.key(), "reason": reason,
                })),
            )?;
            Ok(case)
        })?;
        Ok(case)
    }

    /// Registers a document in a case. `content` (already stored) comes from the blob store;
    /// a paper record has `physical` instead. A batch of one of [`Registry::register_documents`].
    pub fn register_document(
        &self,
        case_reference: &str,
        request: &NewDocument,
        content: Option<Content>,
        actor: &Actor,
    ) -> RegistryResult<Document> {
        let mut documents = self.register_documents(case_reference, vec![(request, content)], actor)?;
        // INVARIANT: register_documents returns one document per item, and there is one.
        documents
            .pop()
            .ok_or_else(|| RegistryError::from(StoreError::Conflict("no document registered".to_owned())))
    }

    /// Registers several documents in one case at once (a scanning batch): every item is
    /// checked before anything is written, then all are committed in one transaction with one
    /// flush, ids allocated in the order given, one `document.register` audit entry each. Their
    /// content must already be durable. Nothing of a refused batch is committed.
    pub fn register_documents(
        &self,
        case_reference: &str,
        items: Vec<(&NewDocument, Option<Content>)>,
        actor: &Actor,
    ) -> RegistryResult<Vec<Document>> {
        let plan = self.plan()?;
        let case = self.find_case(case_reference)?;
        let templates = items
            .into_iter()
            .map(|(request, content)| self.document_template(plan, &case, request, content, actor))
            .collect::<RegistryResult<Vec<Document>>>()?;
        let rounding = plan.meta.year_end_rounding;
        let case_id = case.id.clone();
        let documents = self.store.transact(|tx| {
            let Some(current_case) = tx.get::<Case>(CASE, &case_id)? else {
                return reject("not_found", format!("case {case_id} not found"));
            };
            if current_case.state.is_final() {
                return reject(
                    "case_closed",
                    format!(
                        "case {} is {}; no documents can be added",
                        current_case.diary_number,
                        current_case.state.key()
                    ),
                );
            }
            let mut documents = Vec::with_capacity(templates.len());
            for template in &templates {
                let mut document = template.clone();
                document.id = format!("doc-{}", tx.next_counter("id/document")?);
                document.retention_status = document.compute_retention(&current_case, rounding);
                tx.put(DOCUMENT, &document.id, &document, &document_index_keys(&document))?;
                // The case's document list: a counter and one small key per document. A state
                // change of the case writes the same counter, so the two never interleave.
                let position = tx.next_counter(&case_documents_counter(&case_id))?;
                tx.put(CASE_DOCUMENT, &case_document_key(&case_id, position), &document.id, &[])?;
                tx.audit(
                    &Self::audit_event(actor, "document.register", DOCUMENT, &document.id).detail(serde_json::json!({
                        "case": current_case.diary_number.to_string(),
                        "record_type": document.record_type,
                        "sha256": document.content.as_ref().map(|c| c.sha256.to_string()),
                        "overrides": document.overrides.iter().map(|o| &o.field).collect::<Vec<_>>(),
                    })),
                )?;
                documents.push(document);
            }
            Ok(documents)
        })?;
        Ok(documents)
    }

    /// The document a request would register in `case`, without id: every check that can
    /// refuse it, made before anything is written.
    fn document_template(
        &self,
        plan: &Plan,
        case: &Case,
        request: &NewDocument,
        content: Option<Content>,
        actor: &Actor,
    ) -> RegistryResult<Document> {
        if case.state.is_final() {
            return invalid(
                "case_closed",
                format!(
                    "case {} is {}; no documents can be added",
                    case.diary_number,
                    case.state.key()
                ),
            );
        }
        let title = request.title.trim();
        if title.is_empty() {
            return invalid("missing_title", "the document title must not be empty");
        }
        crate::limits::check_new_document(request)?;
        if content.is_none() && request.physical.is_none() {
            return invalid(
                "no_content",
                "a document needs a file or, for paper, a storage place (`archive_room`)",
            );
        }
        let record_type = resolve_record_type(plan, &case.class, request.record_type.as_deref())?;
        let (restriction, mut overrides) =
            effective_restriction(&record_type, &request.restriction, &actor.name, actor.at).map_err(|message| {
                RegistryError::Invalid {
                    code: "restriction",
                    message,
                }
            })?;
        let override_reason = request.restriction.override_reason.as_deref();
        let (retention, retention_overrides) =
            effective_retention(&record_type, request.retention, override_reason, &actor.name, actor.at).map_err(
                |message| RegistryError::Invalid {
                    code: "retention",
                    message,
                },
            )?;
        overrides.extend(retention_overrides);
        let created_on = request
            .created_on
            .or(request.received_on)
            .unwrap_or_else(|| helsinki_date(actor.at));
        let document_template = Document {
            id: String::new(),
            case_id: case.id.clone(),
            diary_number: case.diary_number.clone(),
            class: case.class.clone(),
            record_type: record_type.record_type.id.clone(),
            record_type_name: record_type.record_type.display_name().to_owned(),
            direction: request.direction,
            title: title.to_owned(),
            created_on,
            received_on: request.received_on,
            sent_on: request.sent_on,
            parties: request.parties.clone(),
            language: request.language.clone(),
            restriction,
            retention,
            overrides,
            plan_version: plan.meta.version,
            content,
            physical: request.physical.clone(),
            trigger_event_on: request.trigger_event_on,
            retention_status: RetentionStatus::AwaitingTrigger,
            subject_died_on: None,
            relationship_ended_on: None,
            legal_holds: Vec::new(),
            registered_by: actor.name.clone(),
            registered_at: actor.at,
        };
        Ok(document_template)
    }

    /// Records (or clears, with `None`) the events a document's secrecy may run from: the death
    /// of the person it concerns (Publicity Act §31(2)) and the end of the client or employment
    /// relationship. Audited with the values before and after; a date after `today` (Helsinki)
    /// is refused. A death before the document's own date is allowed: a document about a person
    /// who has died (an estate inventory) is secret for 50 years from the death.
    pub fn set_secrecy_events(
        &self,
        id: &str,
        events: SecrecyEvents,
        today: NaiveDate,
        actor: &Actor,
    ) -> RegistryResult<Document> {
        for (field, day) in [
            ("subject_died_on", events.subject_died_on),
            ("relationship_ended_on", events.relationship_ended_on),
        ] {
            if day.is_some_and(|d| d > today) {
                return invalid(
                    "secrecy_date_in_future",
                    format!("`{field}` cannot be after today ({today})"),
                );
            }
        }
        let id = id.trim().to_owned();
        let document = self.store.transact(|tx| {
            let Some(mut document) = tx.get::<Document>(DOCUMENT, &id)? else {
                return reject("not_found", format!("document {id} not found"));
            };
            // A day is recorded only where the document's secrecy runs from that event, so a
            // date can never shorten the secrecy of a document it does not concern.
            for (field, day, recorded, event) in [
                (
                    "subject_died_on",
                    events.subject_died_on,
                    document.subject_died_on,
                    kirjuri_plan::SecrecyStart::DeathOfPerson,
                ),
                (
                    "relationship_ended_on",
                    events.relationship_ended_on,
                    document.relationship_ended_on,
                    kirjuri_plan::SecrecyStart::EndOfRelationship,
                ),
            ] {
                if day.is_some() && day != recorded && document.restriction.secrecy_start != Some(event) {
                    return reject(
                        "not_event_based",
                        format!("`{field}`: this document's secrecy does not run from that event"),
                    );
                }
            }
            let before = serde_json::json!({
                "subject_died_on": document.subject_died_on,
                "relationship_ended_on": document.relationship_ended_on,
            });
            document.subject_died_on = events.subject_died_on;
            document.relationship_ended_on = events.relationship_ended_on;
            tx.put(DOCUMENT, &id, &document, &document_index_keys(&document))?;
            tx.audit(
                &Self::audit_event(actor, "document.secrecy_events", DOCUMENT, &id).detail(serde_json::json!({
                    "before": before,
                    "after": {
                        "subject_died_on": document.subject_died_on,
                        "relationship_ended_on": document.relationship_ended_on,
                    },
                })),
            )?;
            Ok(document)
        })?;
        Ok(document)
    }

    /// Reads a document's metadata; a read of a non-public document is audited first.
    pub fn read_document(&self, id: &str, actor: &Actor) -> RegistryResult<Document> {
        let document = self
            .store
            .get::<Document>(DOCUMENT, id.trim())?
            .ok_or_else(|| RegistryError::NotFound(format!("document {id}")))?;
        if !document.is_public() {
            self.store
                .audit(&Self::audit_event(actor, "document.read", DOCUMENT, &document.id))?;
        }
        Ok(document)
    }

    /// Streams a document's content to `out`, checking its digest; every content read of a
    /// non-public document is audited before any byte leaves.
    pub fn read_content(&self, id: &str, out: &mut dyn Write, actor: &Actor) -> RegistryResult<Document> {
        let document = self
            .store
            .get::<Document>(DOCUMENT, id.trim())?
            .ok_or_else(|| RegistryError::NotFound(format!("document {id}")))?;
        let Some(content) = &document.content else {
            return invalid(
                "no_content",
                format!("document {} is a paper record with no electronic content", document.id),
            );
        };
        if !document.is_public() {
            self.store.audit(&Self::audit_event(
                actor,
                "document.content.read",
                DOCUMENT,
                &document.id,
            ))?;
        }
        self.store
            .blobs()
            .copy_verified(&content.sha256, out)
            .map_err(|error| match error {
                // The reader asked for a document: name it, not the digest.
                StoreError::Unreadable { detail, .. } => StoreError::Unreadable {
                    what: format!("the content of document {}", document.id),
                    detail,
                },
                other => other,
            })?;
        Ok(document)
    }

    /// A case with the documents the reader may see, as a case page shows it. A view that
    /// shows non-public documents (their titles, parties and types are restricted details of
    /// the case) is audited as `case.read`, with the purpose and the ids of the restricted
    /// documents shown, so a log investigation finds it like a document read.
    pub fn read_case(
        &self,
        reference: &str,
        reader: &Reader,
        actor: &Actor,
    ) -> RegistryResult<(CaseView, Vec<Document>)> {
        let case = self.find_case(reference)?;
        let documents: Vec<Document> = self
            .documents_of_case(&case.id)?
            .into_iter()
            .filter(|document| self.sees_document(reader, &case, document))
            .collect();
        let restricted_shown: Vec<&str> = documents
            .iter()
            .filter(|document| !document.is_public())
            .map(|document| document.id.as_str())
            .collect();
        // A restricted case shown in full (its title and parties) is a read of restricted data.
        let restricted_case_shown =
            (!case.access.is_empty() || self.case_publicity(&case) != PublicityClass::Public) && reader.covers(&case);
        if !restricted_shown.is_empty() || restricted_case_shown {
            self.store.audit(
                &Self::audit_event(actor, "case.read", CASE, &case.id).detail(serde_json::json!({
                    "restricted_case_shown": restricted_case_shown,
                    "restricted_documents_shown": restricted_shown,
                })),
            )?;
        }
        Ok((self.view_case(case, reader), documents))
    }

    /// Documents of a case, in registration order.
    pub fn documents_of_case(&self, case_id: &str) -> RegistryResult<Vec<Document>> {
        let mut documents = Vec::new();
        for id in self.store.scan_index("case", case_id, DOCUMENT)? {
            if let Some(document) = self.store.get::<Document>(DOCUMENT, &id)? {
                documents.push(document);
            }
        }
        documents.sort_by_key(|d| d.id.trim_start_matches("doc-").parse::<u64>().unwrap_or(0));
        Ok(documents)
    }

    /// Places a legal hold on a case (which holds its documents) or on one document.
    /// The record a legal hold is placed on or lifted from: `case` (by id or diary number) or
    /// `document` (by id). An unknown record is `NotFound`, whichever front end asks.
    pub fn hold_target(&self, target: &str, reference: &str) -> RegistryResult<(&'static str, String)> {
        match target {
            "case" => Ok((CASE, self.find_case(reference)?.id)),
            "document" => {
                let id = reference.trim();
                if self.store.get::<Document>(DOCUMENT, id)?.is_none() {
                    return Err(RegistryError::NotFound(format!("document {id}")));
                }
                Ok((DOCUMENT, id.to_owned()))
            }
            other => invalid("bad_target", format!("target `{other}`, expected case or document")),
        }
    }

    pub fn place_hold(&self, kind: &str, id: &str, reason: &str, actor: &Actor) -> RegistryResult<LegalHold> {
        if reason.trim().is_empty() {
            return invalid("missing_reason", "a legal hold needs a reason");
        }
        crate::limits::check_length("reason", reason, crate::limits::TEXT)?;
        let hold_target_kind = kind.to_owned();
        let target_id = id.to_owned();
        let hold = self.store.transact(|tx| {
            let hold = LegalHold {
                id: format!("hold-{}", tx.next_counter("id/hold")?),
                reason: reason.trim().to_owned(),
                placed_by: actor.name.clone(),
                placed_at: actor.at,
                lifted: None,
            };
            update_holds(tx, &hold_target_kind, &target_id, |holds| {
                holds.push(hold.clone());
                Ok(())
            })?;
            tx.audit(
                &Self::audit_event(actor, "legal_hold.place", &hold_target_kind, &target_id)
                    .detail(serde_json::json!({"hold": hold.id, "reason": hold.reason})),
            )?;
            Ok(hold)
        })?;
        Ok(hold)
    }

    /// Lifts a hold, with a reason; nothing is deleted by it.
    pub fn lift_hold(&self, kind: &str, id: &str, hold_id: &str, reason: &str, actor: &Actor) -> RegistryResult<()> {
        if reason.trim().is_empty() {
            return invalid("missing_reason", "lifting a legal hold needs a reason");
        }
        crate::limits::check_length("reason", reason, crate::limits::TEXT)?;
        self.store.transact(|tx| {
            update_holds(tx, kind, id, |holds| {
                let Some(hold) = holds.iter_mut().find(|h| h.id == hold_id && h.is_active()) else {
                    return Err(format!("{kind} {id} has no active hold {hold_id}"));
                };
                hold.lifted = Some(HoldLifting {
                    reason: reason.trim().to_owned(),
                    by: actor.name.clone(),
                    at: actor.at,
                });
                Ok(())
            })?;
            tx.audit(
                &Self::audit_event(actor, "legal_hold.lift", kind, id)
                    .detail(serde_json::json!({"hold": hold_id, "reason": reason})),
            )
        })?;
        Ok(())
    }

    /// The registry's checks on top of the store's: every document's content is present and
    /// intact, every document's case exists, and diary numbers are unique.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let mut report = self.store.check()?;
        let cases: Vec<Case> = self.store.list(CASE)?;
        let mut seen: HashMap<String, String> = HashMap::new();
        for case in &cases {
            if let Some(other) = seen.insert(case.diary_number.to_string(), case.id.clone()) {
                report.push(
                    "records",
                    format!(
                        "diary number {} is used by both {other} and {}",
                        case.diary_number, case.id
                    ),
                );
            }
        }
        let case_ids: std::collections::HashSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        // The store's content problems name a digest; the people who act on them need the
        // documents that hold it (a disk that fails to read one file). Only gathered when the
        // store found such a problem.
        let content_problems = report.problems.iter().any(|p| p.area == "content");
        let mut documents_of_digest: HashMap<String, Vec<String>> = HashMap::new();
        // One document at a time: a million documents are never all in memory.
        for raw in self.store.iter_raw(DOCUMENT) {
            let document: Document = raw?.decode()?;
            if content_problems && let Some(content) = &document.content {
                documents_of_digest
                    .entry(content.sha256.to_string())
                    .or_default()
                    .push(document.id.clone());
            }
            if !case_ids.contains(document.case_id.as_str()) {
                report.push(
                    "records",
                    format!("document {} points at missing case {}", document.id, document.case_id),
                );
            }
            if let Some(content) = &document.content
                && !self.store.blobs().contains(&content.sha256)
            {
                report.push(
                    "content",
                    format!("document {}: content {} is missing", document.id, content.sha256),
                );
            }
        }
        for problem in report.problems.iter_mut().filter(|p| p.area == "content") {
            let holders: Vec<&str> = documents_of_digest
                .iter()
                .filter(|(digest, _)| problem.detail.contains(digest.as_str()))
                .flat_map(|(_, ids)| ids.iter().map(String::as_str))
                .collect();
            if !holders.is_empty() && !problem.detail.starts_with("document ") {
                problem.detail = format!("document {}: {}", holders.join(", "), problem.detail);
            }
        }
        Ok(report)
    }

    /// The digest of every document's content: what the registry's records refer to in the
    /// content store. A destruction record's digest is not a reference; its content went
    /// with the document.
    pub fn content_references(&self) -> StoreResult<std::collections::HashSet<kirjuri_store::Sha256Hex>> {
        let mut references = std::collections::HashSet::new();
        for raw in self.store.iter_raw(DOCUMENT) {
            let document: Document = raw?.decode()?;
            references.extend(document.content.map(|content| content.sha256));
        }
        Ok(references)
    }
}

/// The record type a new document of `class` gets: the one named, or the only one there is.
pub fn resolve_record_type<'p>(
    plan: &'p Plan,
    class: &ClassCode,
    wanted: Option<&str>,
) -> RegistryResult<kirjuri_plan::RecordTypeRef<'p>> {
    let candidates: Vec<_> = plan.record_types().filter(|r| &r.class.code == class).collect();
    let allowed = || {
        candidates
            .iter()
            .map(|r| r.record_type.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(wanted) => match candidates.iter().find(|r| r.record_type.id == wanted) {
            Some(found) => Ok(*found),
            None => invalid(
                "unknown_record_type",
                format!("record type `{wanted}` is not in class {class}; allowed: {}", allowed()),
            ),
        },
        None if candidates.len() == 1 => Ok(candidates[0]),
        None => invalid(
            "missing_record_type",
            format!(
                "class {class} has {} record types; choose one with `record_type`: {}",
                candidates.len(),
                allowed()
            ),
        ),
    }
}

impl Registry<'_> {
    /// Checks a document request against the plan before anything is written, so a bad
    /// record type or restriction never leaves a half-done registration (a case without its
    /// documents, some files stored and others not).
    pub fn validate_new_document(&self, class: &ClassCode, request: &NewDocument, actor: &Actor) -> RegistryResult<()> {
        let plan = self.plan()?;
        let record_type = resolve_record_type(plan, class, request.record_type.as_deref())?;
        effective_restriction(&record_type, &request.restriction, &actor.name, actor.at).map_err(|message| {
            RegistryError::Invalid {
                code: "restriction",
                message,
            }
        })?;
        let override_reason = request.restriction.override_reason.as_deref();
        effective_retention(&record_type, request.retention, override_reason, &actor.name, actor.at).map_err(
            |message| RegistryError::Invalid {
                code: "retention",
                message,
            },
        )?;
        if request.title.trim().is_empty() {
            return invalid("missing_title", "the document title must not be empty");
        }
        crate::limits::check_new_document(request)
    }
}

fn update_holds(
    tx: &Tx<'_>,
    kind: &str,
    id: &str,
    change: impl Fn(&mut Vec<LegalHold>) -> Result<(), String>,
) -> TxResult<()> {
    match kind {
        CASE => {
            let Some(mut case) = tx.get::<Case>(CASE, id)? else {
                return reject("not_found", format!("case {id} not found"));
            };
            if let Err(message) = change(&mut case.legal_holds) {
                return reject("hold", message);
            }
            tx.put(CASE, id, &case, &case_index_keys(&case))
        }
        DOCUMENT => {
            let Some(mut document) = tx.get::<Document>(DOCUMENT, id)? else {
                return reject("not_found", format!("document {id} not found"));
            };
            if let Err(message) = change(&mut document.legal_holds) {
                return reject("hold", message);
            }
            tx.put(DOCUMENT, id, &document, &document_index_keys(&document))
        }
        other => reject("hold", format!("holds apply to cases and documents, not {other}")),
    }
}

/// Recomputes the retention of every document of a case after its trigger date changed, in
/// the same transaction as the case.
fn case_documents_counter(case_id: &str) -> String {
    format!("case-documents/{case_id}")
}

fn case_document_key(case_id: &str, position: u64) -> String {
    format!("{case_id}/{position:010}")
}

/// Ids of a case's documents, read inside a transaction.
pub fn case_document_ids(tx: &Tx<'_>, case_id: &str) -> TxResult<Vec<String>> {
    let count = tx.touch_counter(&case_documents_counter(case_id))?;
    let mut ids = Vec::new();
    for position in 1..=count {
        if let Some(id) = tx.get::<String>(CASE_DOCUMENT, &case_document_key(case_id, position))? {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn recompute_documents(tx: &Tx<'_>, case: &Case, plans: &PlanCatalog) -> TxResult<()> {
    for id in &case_document_ids(tx, &case.id)? {
        let Some(mut document) = tx.get::<Document>(DOCUMENT, id)? else {
            continue;
        };
        let status = document.compute_retention(case, plans.rounding_of(document.plan_version));
        if status != document.retention_status {
            document.retention_status = status;
            tx.put(DOCUMENT, id, &document, &document_index_keys(&document))?;
        }
    }
    Ok(())
}

/// Reads everything from `reader` into the blob store and describes it as content; a file
/// name that is too long or holds a control character is refused first.
pub fn store_content(store: &Store, reader: &mut dyn Read, file_name: &str, media_type: &str) -> StoreResult<Content> {
    // Checked before a byte is read, so a refused name stores nothing.
    check_content_names(file_name, media_type)?;
    let stored = store.blobs().put_reader(reader)?;
    Ok(content_of(stored, file_name, media_type))
}

/// The checks [`store_content`] makes before a byte is read: a file name that is too long or
/// holds a control character, a media type over 255 characters or with control characters.
pub fn check_content_names(file_name: &str, media_type: &str) -> StoreResult<()> {
    if let Err(RegistryError::Invalid { code, message }) = crate::limits::check_file_name(file_name) {
        return Err(StoreError::Rejected { code, message });
    }
    if media_type.len() > 255 || media_type.chars().any(char::is_control) {
        return Err(StoreError::Rejected {
            code: "bad_request",
            message: "media type: at most 255 characters, no control characters".to_owned(),
        });
    }
    Ok(())
}

/// Stored content described as a document's content.
pub fn content_of(stored: kirjuri_store::StoredBlob, file_name: &str, media_type: &str) -> Content {
    Content {
        sha256: stored.sha256,
        size: stored.size,
        media_type: media_type.to_owned(),
        file_name: file_name.to_owned(),
    }
}

/// One line of `retention due`-style listings and reports.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub diary_number: String,
    pub title: String,
    pub record_type: String,
    pub publicity: Option<String>,
    pub retention: RetentionStatus,
}

/// Moves a case into Siirretty or Hävitetty. Only archive transfer and disposal call this,
/// inside the transaction that transferred or destroyed the case's last record.
pub fn enter_final_state(tx: &Tx<'_>, case_id: &str, state: CaseState, reason: &str, actor: &Actor) -> TxResult<()> {
    if !state.is_final() {
        return reject("not_final", format!("{} is not a final state", state.key()));
    }
    let Some(mut case) = tx.get::<Case>(CASE, case_id)? else {
        return reject("not_found", format!("case {case_id} not found"));
    };
    if case.state == state {
        return Ok(());
    }
    let from = case.state;
    case.state = state;
    case.closed_on = Some(helsinki_date(actor.at));
    case.history.push(StateChange {
        from: Some(from),
        to: state,
        at: actor.at,
        by: actor.name.clone(),
        reason: Some(reason.to_owned()),
    });
    tx.put(CASE, case_id, &case, &case_index_keys(&case))?;
    tx.audit(
        &AuditEvent::new(actor.at, &actor.name, "case.transition")
            .target(CASE, case_id)
            .detail(serde_json::json!({ "from": from.key(), "to": state.key(), "reason": reason })),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_party_is_one_key_however_it_is_spelt() {
        let key = super::party_key("Aino Mäkinen");
        for spelling in [
            "aino mäkinen",
            "  Aino   Mäkinen ",
            "Aino Ma\u{308}kinen",
            "AINO\tMÄKINEN",
        ] {
            assert_eq!(super::party_key(spelling), key, "{spelling:?}");
        }
        assert_ne!(super::party_key("Aino Mäkinen-Koski"), key);
    }
}
