//! Computing the report's figures for a calendar year (Europe/Helsinki) and the year before.
//!
//! Every figure is produced by one named counting rule: a function whose doc comment says which
//! records it counts, which dates put a record in the year and what it leaves out. The rules
//! live with their chapter of the Data Protection Ombudsman's guide (DOMAIN.md §9):
//! `resources` (3.2 information resources), `rights` (3.6 data subjects' rights),
//! `security` (3.4 security and incidents), `monitoring` (3.5 monitoring and supervision:
//! log investigations, notifications to the authorities) and `records` (records management).
//! What "in the year" means for an instant or a calendar day is defined once, in `years`.
//!
//! Each chapter module has one `figures` function that lists the chapter's figures in report
//! order with their labels and asks each rule for the report year and the year before;
//! [`compute`] reads the store once and puts the chapters together.

mod development;
mod governance;
mod monitoring;
mod procedures;
mod records;
mod register_years;
mod resources;
mod rights;
mod scope;
mod security;

pub use development::OBSERVED;

pub use rights::request_kind;
pub use security::{
    breach_type_name, category_name, cause_name, outcome_name, risk_name, severity_name, severity_of_key,
};
mod years;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kirjuri_archive::disposal::{PROPOSAL, Proposal};
use kirjuri_archive::package::{EXPORT, ExportRecord};
use kirjuri_archive::{DESTRUCTION, DestructionRecord};
use kirjuri_governance::ControlKind;
use kirjuri_incidents::{
    History, Incident, ProcessingRegister, ProcessorAgreement, load_agreement_histories, load_agreements,
    load_register_histories, load_registers,
};
use kirjuri_registry::{CASE, Case, DOCUMENT, Document};
use kirjuri_requests::{InfoRequest, REQUEST};
use kirjuri_store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

use kirjuri_words::report::{self as r, fill};
use kirjuri_words::{Lang, Words};

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

/// A label of the report in Finnish, Swedish and English, taken from the catalogue
/// (`kirjuri_words::report`) when the figure is computed, so a stored report reads the same
/// later.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Label {
    pub fi: String,
    /// Empty in a report stored before the report spoke Swedish.
    #[serde(default)]
    pub sv: String,
    pub en: String,
}

impl Label {
    /// The label in `lang` (Finnish when a stored report has no Swedish).
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv if self.sv.is_empty() => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }

    /// A catalogue template (`– class {}`) with the same values in every language.
    pub fn filled(template: Words, values: &[&str]) -> Label {
        Label::each(|lang| fill(lang.t(template), values))
    }

    /// A catalogue template with a vocabulary word (`– severity: {}`), each in its language.
    pub fn named(template: Words, value: Words) -> Label {
        Label::each(|lang| fill(lang.t(template), &[lang.t(value)]))
    }

    fn each(text: impl Fn(Lang) -> String) -> Label {
        Label {
            fi: text(Lang::Fi),
            sv: text(Lang::Sv),
            en: text(Lang::En),
        }
    }
}

impl From<Words> for Label {
    fn from(words: Words) -> Label {
        Label::each(|lang| lang.t(words).to_owned())
    }
}

/// One number of the report, beside the previous year's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Figure {
    pub key: String,
    #[serde(flatten)]
    pub label: Label,
    pub value: Option<f64>,
    /// `None` when it cannot be computed, or when the previous year has no data at all
    /// ([`Report::previous_year_has_data`]): shown as "—", never as 0.
    pub previous: Option<f64>,
    /// Why the figure (or the previous year's) cannot be computed, instead of a zero.
    pub note: Option<Label>,
}

impl Figure {
    /// The change from the previous year; `None` when either year has no number.
    pub fn change(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Chapter {
    pub key: String,
    #[serde(flatten)]
    pub title: Label,
    pub figures: Vec<Figure>,
    /// Lists the chapter shows besides its figures (the registers in scope, training coverage
    /// per department, the registers that lack a DPIA ...), in report order.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// Management's assessment and development targets (free text), if written.
    pub assessment: Option<String>,
}

impl Chapter {
    /// Whether the chapter has nothing to show: no figure with a number, no table with a row
    /// and no assessment. The report then says so and how to write the assessment.
    pub fn lacks_content(&self) -> bool {
        self.assessment.is_none()
            && self.figures.iter().all(|f| f.value.is_none())
            && self.tables.iter().all(|t| t.rows.is_empty())
    }
}

/// A list in a chapter: a caption, column headings and rows of cells. Cells hold names from
/// the store (register, system, department) or numbers already formatted; labels that are
/// words of the report come from the catalogue as [`Label`]s.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Table {
    pub key: String,
    pub caption: Label,
    pub columns: Vec<Label>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown instead of an empty table ("no register lacks a DPIA").
    pub empty: Option<Label>,
}

/// One cell of a [`Table`]: text from the store, a catalogue word, or a number.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Word(Label),
    Number(f64),
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
    /// Requests decided per month (January first), this year and the previous.
    #[serde(default)]
    pub decided_per_month: [u64; 12],
    #[serde(default)]
    pub decided_per_month_previous: [u64; 12],
    /// Security incidents per month of becoming aware (January first), this year and the
    /// previous.
    #[serde(default)]
    pub incidents_per_month: [u64; 12],
    #[serde(default)]
    pub incidents_per_month_previous: [u64; 12],
    /// Requests with a legal clock decided in the year, on time and late, per type of request.
    #[serde(default)]
    pub deadlines: Vec<DeadlineRow>,
    /// Whether anything at all happened in the previous year (a request, an incident, a case, a
    /// registration, a destruction or an archive package dated in it). When not, every
    /// previous-year number is `None` ("—") rather than a misleading 0.
    #[serde(default = "yes")]
    pub previous_year_has_data: bool,
    /// The approval of the report, when it has been approved (the cover says "Luonnos"
    /// otherwise). Set only on the stored snapshot of an approved report.
    #[serde(default)]
    pub approval: Option<crate::stored::Approval>,
}

fn yes() -> bool {
    true
}

/// Deadline performance of one type of request in the report year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeadlineRow {
    /// `publicity`, `gdpr` or `log`.
    pub key: String,
    pub label: Label,
    pub on_time: u64,
    pub late: u64,
}

/// The title of a chapter by its key (the keys of [`crate::CHAPTERS`]).
pub fn chapter_title(key: &str) -> Option<Words> {
    Some(match key {
        "scope" => r::CH_SCOPE,
        "resources" => r::CH_RESOURCES,
        "procedures" => r::CH_PROCEDURES,
        "security" => r::CH_SECURITY,
        "monitoring" => r::CH_MONITORING,
        "rights" => r::CH_RIGHTS,
        "records" => r::CH_RECORDS,
        "development" => r::CH_DEVELOPMENT,
        _ => return None,
    })
}

/// Computes the report for `year`: each figure for `year` and for `year - 1`, the chapters
/// in the guide's order ([`crate::CHAPTERS`]); a chapter nothing is computed for yet carries
/// only its assessment.
pub fn compute(store: &Store, year: i32, organisation: &str, generated_at: DateTime<Utc>) -> StoreResult<Report> {
    let inputs = Inputs::load(store)?;
    let assessments = load_assessments(store)?;
    let previous_year_has_data = inputs.has_data(year - 1);
    let history = inputs.register_history(generated_at);
    let chapter = |key: &str, (figures, tables): (Vec<Figure>, Vec<Table>)| Chapter {
        key: key.to_owned(),
        title: chapter_title(key).map(Label::from).unwrap_or_default(),
        figures,
        tables,
        assessment: assessments.get(&format!("{year}/{key}")).cloned(),
    };
    let plan = store
        .plan_versions()?
        .in_force(scope::plan_day(year, generated_at))?
        .map(|plan| (plan.meta.name, plan.meta.version));
    // The register as it stood at the year's end (none known when the history began later).
    let in_scope: Vec<ProcessingRegister> = history
        .at_year_end(year)
        .state()
        .map(|state| state.registers.clone())
        .unwrap_or_default();
    let scope = scope::Scope {
        organisation,
        year,
        generated_at,
        registers: &in_scope,
        plan,
    };
    let mut computed: BTreeMap<&str, (Vec<Figure>, Vec<Table>)> = BTreeMap::new();
    // The register's and the training's chapters: "—" for a previous year with nothing dated
    // at all (their own notes say when the history or the roster starts).
    computed.insert("scope", unless(previous_year_has_data, scope::parts(&scope)));
    computed.insert(
        "resources",
        unless(previous_year_has_data, (resources::figures(&history, year), Vec::new())),
    );
    let mut procedures_figures = procedures::figures(&history, year);
    procedures_figures.extend(governance::training_figures(&inputs.governance, year, generated_at));
    let mut procedures_tables = procedures::tables(&history, year);
    procedures_tables.push(governance::training_table(&inputs.governance, year, generated_at));
    computed.insert(
        "procedures",
        unless(previous_year_has_data, (procedures_figures, procedures_tables)),
    );
    // The previous year's numbers of each source are "—" unless that source has something
    // dated in it: requests, incidents, records or controls recorded in 2026 only do not make
    // 2025 a year of zeros.
    let before = year - 1;
    let requests_before = inputs.requests_in(before);
    let incidents_before = inputs.incidents_in(before);
    let controls_before = inputs.governance.controls_in(before);
    computed.insert(
        "rights",
        unless(requests_before, (rights::figures(&inputs.requests, year), Vec::new())),
    );
    computed.insert(
        "security",
        (
            [
                unless(
                    incidents_before,
                    (security::figures(&inputs.incidents, year), Vec::new()),
                )
                .0,
                unless(
                    controls_before,
                    (
                        governance::control_figures(&inputs.governance, ControlKind::AccessReview, year),
                        Vec::new(),
                    ),
                )
                .0,
                unless(
                    controls_before,
                    (
                        governance::control_figures(&inputs.governance, ControlKind::RestoreTest, year),
                        Vec::new(),
                    ),
                )
                .0,
            ]
            .concat(),
            unless(
                incidents_before,
                (Vec::new(), security::tables(&inputs.incidents, year)),
            )
            .1,
        ),
    );
    computed.insert(
        "monitoring",
        (
            [
                unless(
                    requests_before || incidents_before,
                    (
                        monitoring::figures(&inputs.requests, &inputs.incidents, year),
                        Vec::new(),
                    ),
                )
                .0,
                unless(
                    controls_before,
                    (
                        governance::control_figures(&inputs.governance, ControlKind::LogReview, year),
                        Vec::new(),
                    ),
                )
                .0,
            ]
            .concat(),
            monitoring::tables(&inputs.incidents, year),
        ),
    );
    computed.insert(
        "records",
        unless(inputs.records_in(before), (records::figures(&inputs, year), Vec::new())),
    );
    let mut chapters: Vec<Chapter> = crate::CHAPTERS
        .iter()
        .filter(|key| **key != "development")
        .map(|key| chapter(key, computed.remove(key).unwrap_or_default()))
        .collect();
    // Chapter 4 is computed last: its observations read the other chapters' figures.
    let development = development::parts(&chapters, &inputs.targets, year, previous_year_has_data);
    chapters.push(chapter("development", unless(previous_year_has_data, development)));
    Ok(Report {
        year,
        organisation: organisation.to_owned(),
        generated_at,
        chapters,
        requests_per_month: rights::requests_per_month(&inputs.requests, year),
        requests_per_month_previous: rights::requests_per_month(&inputs.requests, year - 1),
        incidents_by_severity: security::incidents_by_severity(&inputs.incidents, year),
        decided_per_month: rights::decided_per_month(&inputs.requests, year),
        decided_per_month_previous: rights::decided_per_month(&inputs.requests, year - 1),
        incidents_per_month: security::incidents_per_month(&inputs.incidents, year),
        incidents_per_month_previous: security::incidents_per_month(&inputs.incidents, year - 1),
        deadlines: rights::deadlines(&inputs.requests, year),
        previous_year_has_data,
        approval: None,
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
    /// Recorded verifications of the packages made here (DOMAIN.md §9.2, archive).
    verifications: Vec<kirjuri_archive::PackageVerification>,
    /// Disposal proposals of every state (DOMAIN.md §9.2, retention).
    proposals: Vec<Proposal>,
    /// Every version of the information-management plan, for the plan in force on a day
    /// (`kirjuri_store::in_force_among`).
    plans: Vec<kirjuri_plan::Plan>,
    /// The dated versions of the register entries and agreements (`kirjuri_incidents::history`).
    register_histories: Vec<History<ProcessingRegister>>,
    agreement_histories: Vec<History<ProcessorAgreement>>,
    /// When each document was registered, from the audit trail (see
    /// [`records::registration_instants`]).
    registrations: Vec<DateTime<Utc>>,
    /// Development targets of every year (chapter 4).
    targets: Vec<crate::stored::Target>,
    /// The training roster, trainings, completions and the controls performed.
    governance: governance::Governance,
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
            verifications: store.list(kirjuri_archive::VERIFICATION)?,
            proposals: store.list(PROPOSAL)?,
            plans: store.plan_versions()?.all()?,
            register_histories: load_register_histories(store)?,
            agreement_histories: load_agreement_histories(store)?,
            registrations: records::registration_instants(store),
            targets: store.list(crate::stored::TARGET)?,
            governance: governance::Governance {
                people: kirjuri_governance::load_people(store)?,
                trainings: kirjuri_governance::load_trainings(store)?,
                completions: kirjuri_governance::load_completions(store)?,
                controls: kirjuri_governance::load_controls(store)?,
            },
        })
    }
}

impl Inputs {
    /// The register and agreements with their histories, read at each year's end.
    fn register_history(&self, generated_at: DateTime<Utc>) -> register_years::RegisterHistory<'_> {
        register_years::RegisterHistory {
            registers: &self.registers,
            agreements: &self.agreements,
            register_histories: &self.register_histories,
            agreement_histories: &self.agreement_histories,
            generated_at,
        }
    }

    /// Whether anything is dated in `year`: a request received or decided, an incident known,
    /// a case opened or closed, a document registered, a record destroyed, a package made.
    /// A register or agreements history that began in the year or before counts too (the
    /// register as it stood at the year's end is data of the year); a state from an unknown
    /// start (stored before versions were kept) does not. A training completed or a control
    /// performed in the year counts as well.
    fn has_data(&self, year: i32) -> bool {
        self.requests_in(year)
            || self.incidents_in(year)
            || self.records_in(year)
            || history_began_by(&self.register_histories, year)
            || history_began_by(&self.agreement_histories, year)
            || self.governance.has_data(year)
    }

    /// A request received or decided in `year`.
    fn requests_in(&self, year: i32) -> bool {
        use years::day_in_year;
        self.requests
            .iter()
            .any(|r| day_in_year(r.received_on, year) || r.decided_on.is_some_and(|d| day_in_year(d, year)))
    }

    /// An incident the organisation became aware of in `year`.
    fn incidents_in(&self, year: i32) -> bool {
        self.incidents.iter().any(|i| years::in_helsinki_year(i.aware_at, year))
    }

    /// A case opened or closed, a document registered, a record destroyed or a package made in
    /// `year`.
    fn records_in(&self, year: i32) -> bool {
        use years::{day_in_year, in_helsinki_year};
        self.cases
            .iter()
            .any(|c| day_in_year(c.opened_on, year) || c.closed_on.is_some_and(|d| day_in_year(d, year)))
            || self.registrations.iter().any(|at| in_helsinki_year(*at, year))
            || self.destructions.iter().any(|d| in_helsinki_year(d.executed_at, year))
            || self.exports.iter().any(|e| in_helsinki_year(e.exported_at, year))
    }
}

/// A chapter's part with its previous-year numbers and table column cleared ("—", never 0)
/// unless `has_previous`: the source it counts has something dated in the previous year.
fn unless(has_previous: bool, (mut figures, mut tables): (Vec<Figure>, Vec<Table>)) -> (Vec<Figure>, Vec<Table>) {
    if !has_previous {
        for figure in &mut figures {
            figure.previous = None;
        }
        for table in &mut tables {
            without_previous_year(table);
        }
    }
    (figures, tables)
}

/// Whether the dated history began by the end of `year` (Helsinki).
fn history_began_by<T>(histories: &[History<T>], year: i32) -> bool {
    kirjuri_incidents::history_starts(histories).is_some_and(|at| {
        use chrono::Datelike;
        at.with_timezone(&chrono_tz::Europe::Helsinki).year() <= year
    })
}

/// Management's assessment texts by `<year>/<chapter key>`.
fn load_assessments(store: &Store) -> StoreResult<BTreeMap<String, String>> {
    Ok(store
        .list::<Assessment>(ASSESSMENT)?
        .into_iter()
        .map(|a| (a.key, a.text))
        .collect())
}

/// A table of counts split by a vocabulary, for the report year and the year before: the
/// columns are the vocabulary's heading, the year and the previous year; one row per value,
/// `(name, (this year, previous year))`, in the vocabulary's order.
fn counts_table(key: &str, caption: Words, heading: Words, year: i32, rows: Vec<(Label, (usize, usize))>) -> Table {
    // A year heading is a number, the same in every language.
    let year_label = |y: i32| Label {
        fi: y.to_string(),
        sv: y.to_string(),
        en: y.to_string(),
    };
    Table {
        key: key.to_owned(),
        caption: caption.into(),
        columns: vec![heading.into(), year_label(year), year_label(year - 1)],
        rows: rows
            .into_iter()
            .map(|(name, (value, previous))| {
                vec![
                    Cell::Word(name),
                    Cell::Number(value as f64),
                    Cell::Number(previous as f64),
                ]
            })
            .collect(),
        empty: None,
    }
}

/// A table of [`counts_table`] when the previous year has no data at all: its column shows
/// "—", never 0 (issue 23), as the figures' previous values are `None`.
fn without_previous_year(table: &mut Table) {
    let Some(last) = table.columns.len().checked_sub(1) else {
        return;
    };
    let previous_year_column = table.columns.len() == 3 && table.columns[last].fi.parse::<i32>().is_ok();
    if !previous_year_column {
        return;
    }
    for row in &mut table.rows {
        if let Some(cell) = row.get_mut(last) {
            *cell = Cell::Text("—".to_owned());
        }
    }
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

    fn add(&mut self, key: &str, label: Label, value: Option<f64>, previous: Option<f64>, note: Option<Words>) {
        self.add_noted(key, label, value, previous, note.map(Label::from));
    }

    /// A figure whose note is a filled label ("the history starts on 1.1.2025").
    fn add_noted(&mut self, key: &str, label: Label, value: Option<f64>, previous: Option<f64>, note: Option<Label>) {
        self.figures.push(Figure {
            key: key.to_owned(),
            label,
            value,
            previous,
            note,
        });
    }

    /// A count for the report year and the year before (as [`both`] returns them).
    fn count(&mut self, key: &str, label: Label, (value, previous): (usize, usize)) {
        self.add(key, label, Some(value as f64), Some(previous as f64), None);
    }

    fn into_vec(self) -> Vec<Figure> {
        self.figures
    }
}
