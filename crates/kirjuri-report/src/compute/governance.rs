//! The training and the controls performed (`kirjuri-governance`), in the chapters the guide
//! puts them: the data-protection training of staff and elected officials in 3.3 (procedures
//! and principles; the city's plan sets training as a target), access reviews and restore tests
//! in 3.4 (data security: Act 906/2019 §15 access rights kept current, GDPR Art 32(1)(c)–(d)
//! restoring and testing), log reviews in 3.5 (monitoring: Act 906/2019 §17).
//!
//! The counting rules are the governance crate's own (`coverage_on`, `controls_in`); this
//! module only puts their answers for the report year and the year before into figures and
//! tables. The roster is read on the counting day of each year as of the report's generation
//! (31 December, or the generation day in the running year), so a stored report reads the same
//! when regenerated later. Nothing recorded at all (no one on the roster, no control in the
//! store) is "—" with a note, never 0.

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_governance::{
    Completion, ControlCount, ControlEvent, ControlKind, Coverage, Group, Person, Training, controls_in, coverage_on,
};
use kirjuri_words::{Words, report as r};

use super::{Cell, Figure, Figures, Label, Table};

/// What the training and control rules read, loaded once with the other inputs.
pub(super) struct Governance {
    pub people: Vec<Person>,
    pub trainings: Vec<Training>,
    pub completions: Vec<Completion>,
    pub controls: Vec<ControlEvent>,
}

impl Governance {
    /// Whether anything of `year` is recorded: a completion or a control performed in it.
    pub fn has_data(&self, year: i32) -> bool {
        use chrono::Datelike;
        self.completions.iter().any(|c| c.completed_on.year() == year)
            || self.controls.iter().any(|c| c.performed_on.year() == year)
    }

    /// Whether a control was performed in `year`.
    pub fn controls_in(&self, year: i32) -> bool {
        use chrono::Datelike;
        self.controls.iter().any(|c| c.performed_on.year() == year)
    }

    /// Coverage rows of `year` as of the report's generation (Helsinki day).
    fn coverage(&self, year: i32, generated_at: DateTime<Utc>) -> Vec<Coverage> {
        coverage_on(
            &self.people,
            &self.trainings,
            &self.completions,
            year,
            helsinki_day(generated_at),
        )
    }
}

fn helsinki_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive()
}

/// People on the roster and trained, over the rows that `keep`.
fn totals(rows: &[Coverage], keep: impl Fn(&Coverage) -> bool) -> (usize, usize) {
    rows.iter()
        .filter(|row| keep(row))
        .fold((0, 0), |(people, trained), row| {
            (people + row.people, trained + row.trained)
        })
}

/// The share trained, in per cent with one decimal; `None` when nobody is on the roster.
fn share((people, trained): (usize, usize)) -> Option<f64> {
    (people > 0).then(|| (trained as f64 * 1000.0 / people as f64).round() / 10.0)
}

/// Chapter 3.3's training figures, for the year and the previous: people on the roster,
/// trained, and the share trained in all and for staff and for elected officials. A year with
/// nobody on the roster has no share ("—", with the note).
pub(super) fn training_figures(governance: &Governance, year: i32, generated_at: DateTime<Utc>) -> Vec<Figure> {
    let this = governance.coverage(year, generated_at);
    let before = governance.coverage(year - 1, generated_at);
    let mut figures = Figures::new();
    let no_roster = |rows: &[Coverage]| totals(rows, |_| true).0 == 0;
    let note = (no_roster(&this) && no_roster(&before)).then_some(r::NOTE_NO_ROSTER);
    let (people, trained) = totals(&this, |_| true);
    let (people_before, trained_before) = totals(&before, |_| true);
    let count = |n: usize, rows: &[Coverage]| (!no_roster(rows)).then_some(n as f64);
    figures.add(
        "training_people",
        r::F_TRAINING_PEOPLE.into(),
        count(people, &this),
        count(people_before, &before),
        note,
    );
    figures.add(
        "training_trained",
        r::F_TRAINING_TRAINED.into(),
        count(trained, &this),
        count(trained_before, &before),
        note,
    );
    let mut share_of = |key: &str, label: Words, keep: fn(&Coverage) -> bool| {
        figures.add(
            key,
            label.into(),
            share(totals(&this, keep)),
            share(totals(&before, keep)),
            note,
        );
    };
    share_of("training_coverage_pct", r::F_TRAINING_COVERAGE, |_| true);
    share_of("training_coverage_staff_pct", r::F_TRAINING_COVERAGE_STAFF, |row| {
        row.group == Group::Staff
    });
    share_of("training_coverage_elected_pct", r::F_TRAINING_COVERAGE_ELECTED, |row| {
        row.group == Group::Elected
    });
    figures.into_vec()
}

/// Chapter 3.3's table of training coverage per department and group in the report year, with
/// the previous year's share beside it ("—" where that department's group had nobody).
pub(super) fn training_table(governance: &Governance, year: i32, generated_at: DateTime<Utc>) -> Table {
    let before = governance.coverage(year - 1, generated_at);
    let rows = governance
        .coverage(year, generated_at)
        .into_iter()
        .map(|row| {
            let previous = before
                .iter()
                .find(|b| b.department == row.department && b.group == row.group)
                .and_then(|b| share((b.people, b.trained)));
            vec![
                Cell::Text(row.department.clone()),
                Cell::Word(group_name(row.group).into()),
                Cell::Number(row.people as f64),
                Cell::Number(row.trained as f64),
                share((row.people, row.trained)).map_or(Cell::Text("—".to_owned()), Cell::Number),
                previous.map_or(Cell::Text("—".to_owned()), Cell::Number),
            ]
        })
        .collect();
    Table {
        key: "training_coverage".to_owned(),
        caption: r::T_TRAINING_COVERAGE.into(),
        columns: vec![
            r::COL_DEPARTMENT.into(),
            r::COL_GROUP.into(),
            r::COL_PEOPLE.into(),
            r::COL_TRAINED.into(),
            Label::filled(r::COL_SHARE_YEAR, &[&year.to_string()]),
            Label::filled(r::COL_SHARE_YEAR, &[&(year - 1).to_string()]),
        ],
        rows,
        empty: Some(r::NOTE_NO_ROSTER.into()),
    }
}

/// A roster group's name in the report's words.
pub fn group_name(group: Group) -> Words {
    match group {
        Group::Staff => r::GROUP_STAFF,
        Group::Elected => r::GROUP_ELECTED,
    }
}

/// The figures of the controls of `kind` for the year and the previous: performed, and of them
/// with deviations or failed. With no control of any kind in the store the figures are "—"
/// with a note (controls are not recorded here), since a zero would claim none was done.
pub(super) fn control_figures(governance: &Governance, kind: ControlKind, year: i32) -> Vec<Figure> {
    let recorded = !governance.controls.is_empty();
    let note = (!recorded).then_some(r::NOTE_NO_CONTROLS);
    let of = |y: i32| -> Option<ControlCount> {
        recorded
            .then(|| {
                controls_in(&governance.controls, y)
                    .into_iter()
                    .find(|c| c.kind == kind)
            })
            .flatten()
    };
    let (this, before) = (of(year), of(year - 1));
    let (performed, flagged) = match kind {
        ControlKind::AccessReview => (r::F_ACCESS_REVIEWS, r::F_ACCESS_REVIEWS_FLAGGED),
        ControlKind::RestoreTest => (r::F_RESTORE_TESTS, r::F_RESTORE_TESTS_FLAGGED),
        ControlKind::LogReview => (r::F_LOG_REVIEWS, r::F_LOG_REVIEWS_FLAGGED),
    };
    let key = kind.key().replace('-', "_");
    let mut figures = Figures::new();
    let total = |c: &Option<ControlCount>| c.as_ref().map(|c| c.total() as f64);
    let flagged_count = |c: &Option<ControlCount>| c.as_ref().map(|c| (c.deviations + c.failed) as f64);
    figures.add(&format!("{key}s"), performed.into(), total(&this), total(&before), note);
    figures.add(
        &format!("{key}s_flagged"),
        flagged.into(),
        flagged_count(&this),
        flagged_count(&before),
        note,
    );
    figures.into_vec()
}
