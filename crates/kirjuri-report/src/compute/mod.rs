//! Computing the report's figures for a calendar year (Europe/Helsinki) and the year before.
//!
//! Every figure is produced by one named counting rule: a function whose doc comment says which
//! records it counts, which dates put a record in the year and what it leaves out. The rules
//! live with their chapter of the Data Protection Ombudsman's guide (DOMAIN.md §9):
//! `resources` (3.2 information resources), `rights` (3.6 data subjects' rights),
//! `security` (3.4 and 3.5 security and incidents) and `records` (records management).
//! What "in the year" means for an instant or a calendar day is defined once, in `years`.
//!
//! Each chapter module has one `figures` function that lists the chapter's figures in report
//! order with their labels and asks each rule for the report year and the year before;
//! [`compute`] reads the store once and puts the chapters together.

mod records;
mod resources;
mod rights;
mod security;
mod years;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kirjuri_archive::package::{EXPORT, ExportRecord};
use kirjuri_archive::{DESTRUCTION, DestructionRecord};
use kirjuri_incidents::{Incident, ProcessingRegister, ProcessorAgreement, load_agreements, load_registers};
use kirjuri_registry::{CASE, Case, DOCUMENT, Document};
use kirjuri_requests::{InfoRequest, REQUEST};
use kirjuri_store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

use crate::ASSESSMENT;

/// Management's assessment of one chapter of one year (free text), stored by the caller.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Assessment {
    /// `<year>/<chapter key>`.
    pub key: String,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One number of the report, beside the previous year's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Figure {
    pub key: String,
    pub fi: String,
    pub en: String,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    /// Why the figure (or the previous year's) cannot be computed, instead of a zero.
    pub note: Option<String>,
}

impl Figure {
    pub fn change(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Chapter {
    pub key: String,
    pub fi: String,
    pub en: String,
    pub figures: Vec<Figure>,
    /// Management's assessment and development targets (free text), if written.
    pub assessment: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub year: i32,
    pub organisation: String,
    pub generated_at: DateTime<Utc>,
    pub chapters: Vec<Chapter>,
    /// Requests received per month (January first), this year and the previous.
    pub requests_per_month: [u64; 12],
    pub requests_per_month_previous: [u64; 12],
    /// Incidents by severity (this year).
    pub incidents_by_severity: BTreeMap<String, u64>,
}

/// Computes the report for `year`: each figure for `year` and for `year - 1`.
pub fn compute(store: &Store, year: i32, organisation: &str, generated_at: DateTime<Utc>) -> StoreResult<Report> {
    let inputs = Inputs::load(store)?;
    let assessments = load_assessments(store)?;
    let chapter = |key: &str, fi: &str, en: &str, figures: Vec<Figure>| Chapter {
        key: key.to_owned(),
        fi: fi.to_owned(),
        en: en.to_owned(),
        figures,
        assessment: assessments.get(&format!("{year}/{key}")).cloned(),
    };
    let chapters = vec![
        chapter(
            "resources",
            "Tietovarannot",
            "Information resources",
            resources::figures(&inputs.registers, &inputs.agreements, year),
        ),
        chapter(
            "rights",
            "Rekisteröityjen oikeuksien toteutuminen",
            "Data subjects' rights",
            rights::figures(&inputs.requests, year),
        ),
        chapter(
            "security",
            "Tietoturvallisuus ja poikkeamat",
            "Security and incidents",
            security::figures(&inputs.incidents, year),
        ),
        chapter(
            "records",
            "Asiakirjahallinto",
            "Records management",
            records::figures(&inputs, year),
        ),
    ];
    Ok(Report {
        year,
        organisation: organisation.to_owned(),
        generated_at,
        chapters,
        requests_per_month: rights::requests_per_month(&inputs.requests, year),
        requests_per_month_previous: rights::requests_per_month(&inputs.requests, year - 1),
        incidents_by_severity: security::incidents_by_severity(&inputs.incidents, year),
    })
}

/// Everything the counting rules read, loaded from the store once. Every list holds every
/// record of its kind, of every year; the rules pick the year.
struct Inputs {
    requests: Vec<InfoRequest>,
    incidents: Vec<Incident>,
    cases: Vec<Case>,
    /// Documents still in the store (a destroyed document is gone from here; see
    /// `registrations` and `destructions`).
    documents: Vec<Document>,
    destructions: Vec<DestructionRecord>,
    exports: Vec<ExportRecord>,
    registers: Vec<ProcessingRegister>,
    agreements: Vec<ProcessorAgreement>,
    /// When each document was registered, from the audit trail (see
    /// [`records::registration_instants`]).
    registrations: Vec<DateTime<Utc>>,
}

impl Inputs {
    fn load(store: &Store) -> StoreResult<Inputs> {
        Ok(Inputs {
            requests: store.list(REQUEST)?,
            incidents: store.list(kirjuri_incidents::INCIDENT)?,
            cases: store.list(CASE)?,
            documents: store.list(DOCUMENT)?,
            destructions: store.list(DESTRUCTION)?,
            exports: store.list(EXPORT)?,
            registers: load_registers(store)?,
            agreements: load_agreements(store)?,
            registrations: records::registration_instants(store),
        })
    }
}

/// Management's assessment texts by `<year>/<chapter key>`.
fn load_assessments(store: &Store) -> StoreResult<BTreeMap<String, String>> {
    Ok(store
        .list::<Assessment>(ASSESSMENT)?
        .into_iter()
        .map(|a| (a.key, a.text))
        .collect())
}

/// A rule's answer for the report year and for the year before, in that order.
fn both<T>(year: i32, rule: impl Fn(i32) -> T) -> (T, T) {
    (rule(year), rule(year - 1))
}

/// The figures of one chapter, in report order.
struct Figures {
    figures: Vec<Figure>,
}

impl Figures {
    fn new() -> Figures {
        Figures { figures: Vec::new() }
    }

    fn add(&mut self, key: &str, fi: &str, en: &str, value: Option<f64>, previous: Option<f64>, note: Option<&str>) {
        self.figures.push(Figure {
            key: key.to_owned(),
            fi: fi.to_owned(),
            en: en.to_owned(),
            value,
            previous,
            note: note.map(str::to_owned),
        });
    }

    /// A count for the report year and the year before (as [`both`] returns them).
    fn count(&mut self, key: &str, fi: &str, en: &str, (value, previous): (usize, usize)) {
        self.add(key, fi, en, Some(value as f64), Some(previous as f64), None);
    }

    fn into_vec(self) -> Vec<Figure> {
        self.figures
    }
}
