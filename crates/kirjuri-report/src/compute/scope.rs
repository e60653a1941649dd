//! Chapter 3.1, the scope of the report (tietotilinpäätöksen kattavuus): which organisation,
//! which period, which registers, systems and departments the report covers, and the
//! information-management plan (TOS) it counts against.
//!
//! The registers are the active entries of the register of processing (GDPR Art 30) as they
//! stood at the end of the year (its dated versions, `register_years`; today's state when no
//! version is dated); the systems and departments are those the active entries name. The scope
//! describes the report year only: its figures have no previous-year number.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_incidents::ProcessingRegister;
use kirjuri_words::{Words, report as r};

use super::{Cell, Figure, Figures, Label, Table};

/// What the scope is computed from.
pub(super) struct Scope<'a> {
    pub organisation: &'a str,
    pub year: i32,
    /// The cut-off: the moment the report was generated.
    pub generated_at: DateTime<Utc>,
    pub registers: &'a [ProcessingRegister],
    /// The plan in force at the end of the year (or at the cut-off, if earlier): name and
    /// version.
    pub plan: Option<(String, u32)>,
}

/// The chapter's figures and tables, in report order.
pub(super) fn parts(scope: &Scope<'_>) -> (Vec<Figure>, Vec<Table>) {
    let included = registers_in_scope(scope.registers);
    let systems = systems_in_scope(&included);
    let departments = departments_in_scope(&included);
    let mut figures = Figures::new();
    // The scope is of the report year only: no previous-year number, and nothing to note.
    let note = None;
    figures.add(
        "scope_registers",
        r::F_SCOPE_REGISTERS.into(),
        Some(included.len() as f64),
        None,
        note,
    );
    figures.add(
        "scope_systems",
        r::F_SCOPE_SYSTEMS.into(),
        Some(systems.len() as f64),
        None,
        note,
    );
    figures.add(
        "scope_departments",
        r::F_SCOPE_DEPARTMENTS.into(),
        Some(departments.len() as f64),
        None,
        note,
    );
    let tables = vec![
        facts(scope),
        registers_table(&included),
        count_table(
            "scope_systems",
            r::T_SCOPE_SYSTEMS,
            r::COL_SYSTEM,
            &systems,
            r::T_NO_SYSTEMS,
        ),
        count_table(
            "scope_departments",
            r::T_SCOPE_DEPARTMENTS,
            r::COL_DEPARTMENT,
            &departments,
            r::T_NO_REGISTERS,
        ),
    ];
    (figures.into_vec(), tables)
}

/// **Registers in scope**: the active entries of the register of processing, by name. An
/// entry marked inactive (a register no longer kept) is left out.
pub(super) fn registers_in_scope(registers: &[ProcessingRegister]) -> Vec<&ProcessingRegister> {
    let mut included: Vec<&ProcessingRegister> = registers.iter().filter(|r| r.active).collect();
    included.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    included
}

/// **Systems in scope**: each information system an included register names (spaces around
/// a name ignored, an empty name left out), with how many included registers name it.
pub(super) fn systems_in_scope(included: &[&ProcessingRegister]) -> BTreeMap<String, usize> {
    let mut systems = BTreeMap::new();
    for register in included {
        let mut named: Vec<&str> = register
            .systems
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        named.sort_unstable();
        named.dedup();
        for system in named {
            *systems.entry(system.to_owned()).or_insert(0) += 1;
        }
    }
    systems
}

/// **Departments in scope**: each department that keeps an included register, with how many
/// it keeps. A register with no department is left out of this list (not of the registers).
pub(super) fn departments_in_scope(included: &[&ProcessingRegister]) -> BTreeMap<String, usize> {
    let mut departments = BTreeMap::new();
    for register in included {
        let department = register.department.trim();
        if !department.is_empty() {
            *departments.entry(department.to_owned()).or_insert(0) += 1;
        }
    }
    departments
}

/// The organisation, the period (the calendar year), the cut-off and the plan in force.
fn facts(scope: &Scope<'_>) -> Table {
    let year = scope.year;
    let period = Label {
        fi: format!("1.1.{year}–31.12.{year}"),
        sv: format!("1.1.{year}–31.12.{year}"),
        en: format!("1 January – 31 December {year}"),
    };
    let cut_off = scope.generated_at.with_timezone(&chrono_tz::Europe::Helsinki);
    let cut_off = Label {
        fi: cut_off.format("%-d.%-m.%Y klo %H.%M").to_string(),
        sv: cut_off.format("%-d.%-m.%Y kl. %H.%M").to_string(),
        en: cut_off.format("%-d %B %Y %H:%M").to_string(),
    };
    let plan = match &scope.plan {
        Some((name, version)) => Cell::Word(Label::filled(r::SCOPE_PLAN_VERSION, &[name, &version.to_string()])),
        None => Cell::Word(r::SCOPE_NO_PLAN.into()),
    };
    Table {
        key: "scope_facts".to_owned(),
        caption: r::T_SCOPE_FACTS.into(),
        columns: vec![r::COL_ITEM.into(), r::COL_VALUE.into()],
        rows: vec![
            vec![
                Cell::Word(r::SCOPE_ORGANISATION.into()),
                Cell::Text(scope.organisation.to_owned()),
            ],
            vec![Cell::Word(r::SCOPE_PERIOD.into()), Cell::Word(period)],
            vec![Cell::Word(r::SCOPE_CUT_OFF.into()), Cell::Word(cut_off)],
            vec![Cell::Word(r::SCOPE_PLAN.into()), plan],
        ],
        empty: None,
    }
}

/// The included registers: name, department and systems.
fn registers_table(included: &[&ProcessingRegister]) -> Table {
    Table {
        key: "scope_registers".to_owned(),
        caption: r::T_SCOPE_REGISTERS.into(),
        columns: vec![r::COL_REGISTER.into(), r::COL_DEPARTMENT.into(), r::COL_SYSTEMS.into()],
        rows: included
            .iter()
            .map(|register| {
                vec![
                    Cell::Text(register.name.clone()),
                    Cell::Text(register.department.clone()),
                    Cell::Text(register.systems.join(", ")),
                ]
            })
            .collect(),
        empty: Some(r::T_NO_REGISTERS.into()),
    }
}

/// A list of names with the number of included registers each has.
fn count_table(key: &str, caption: Words, column: Words, counts: &BTreeMap<String, usize>, empty: Words) -> Table {
    Table {
        key: key.to_owned(),
        caption: caption.into(),
        columns: vec![column.into(), r::COL_REGISTERS.into()],
        rows: counts
            .iter()
            .map(|(name, count)| vec![Cell::Text(name.clone()), Cell::Number(*count as f64)])
            .collect(),
        empty: Some(empty.into()),
    }
}

/// The day the plan is read on: 31 December of the year, or the cut-off day if that is
/// earlier (a report of the running year counts against the plan in force now).
pub(super) fn plan_day(year: i32, generated_at: DateTime<Utc>) -> NaiveDate {
    let cut_off = generated_at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive();
    super::years::year_end(year).min(cut_off)
}
