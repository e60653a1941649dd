//! Chapter 4, assessment and development targets (arvio ja kehittämiskohteet): management's
//! overall assessment (the chapter's assessment text), the development targets set for the
//! year, the follow-up of the previous year's targets (their status now), and the
//! observations the year's figures show: a figure of another chapter that names a shortfall
//! (registers missing Art 30 fields, agreements past review, breaches notified late, requests
//! decided late ...) and is above zero. The words are the figures' own labels from the
//! catalogue and the numbers the figures' values: nothing is invented here.

use kirjuri_words::report as r;

use super::{Cell, Chapter, Figure, Figures, Label, Table, both};
use crate::stored::{Target, TargetStatus};

/// The figures whose value above zero is an observation, with the chapter each comes from:
/// each names a shortfall against a rule (GDPR Art 30(1), Art 28(3), Art 13/14, Art 35,
/// Art 32(1)(c)-(d), Art 33(1), Art 12(3)-(4), Act 906/2019 §15 and §17, NIS2 Art 23, the
/// Publicity Act §14, the disposal and the plan). A figure a report does not have is skipped.
pub const OBSERVED: &[(&str, &str)] = &[
    ("resources", "registers_incomplete"),
    ("resources", "processors_without_agreement"),
    ("resources", "agreements_review_overdue"),
    ("procedures", "registers_without_privacy_notice"),
    ("procedures", "registers_without_dpia"),
    ("security", "access_reviews_flagged"),
    ("security", "restore_tests_flagged"),
    ("monitoring", "log_reviews_flagged"),
    ("monitoring", "notified_late"),
    ("monitoring", "nis2_late"),
    ("rights", "late_statutory"),
    ("rights", "gdpr_extensions_late"),
    ("rights", "late_gdpr_refusals"),
    ("records", "disposal_failed"),
    ("records", "cases_outside_plan"),
];

/// The chapter's figures and tables, in report order: the observations from `chapters`
/// (every chapter before this one), this year's targets and the previous year's followed up.
pub(super) fn parts(
    chapters: &[Chapter],
    targets: &[Target],
    year: i32,
    previous_year_has_data: bool,
) -> (Vec<Figure>, Vec<Table>) {
    let found = observations(chapters);
    let mut figures = Figures::new();
    let previous = previous_year_has_data.then(|| previous_observations(chapters) as f64);
    figures.add(
        "observations",
        r::F_OBSERVATIONS.into(),
        Some(found.len() as f64),
        previous,
        None,
    );
    figures.count(
        "targets",
        r::F_TARGETS.into(),
        both(year, |y| targets_of(targets, y).len()),
    );
    figures.count(
        "targets_followed_done",
        r::F_TARGETS_FOLLOWED_DONE.into(),
        both(year, |y| previous_targets_done(targets, y)),
    );
    let tables = vec![
        observations_table(&found),
        targets_table(
            "targets",
            Label::filled(r::T_TARGETS, &[&year.to_string()]),
            &targets_of(targets, year),
            chapters,
        ),
        targets_table(
            "targets_follow_up",
            Label::filled(r::T_FOLLOW_UP, &[&(year - 1).to_string()]),
            &targets_of(targets, year - 1),
            chapters,
        ),
    ];
    (figures.into_vec(), tables)
}

/// One observation: the chapter it comes from and the figure that shows it.
pub(super) struct Observation<'a> {
    pub chapter: &'a Chapter,
    pub figure: &'a Figure,
}

impl Observation<'_> {
    /// The figure's label, read on its own: a sub-line ("– review overdue") is named with the
    /// figure it belongs to, the nearest line above it in its chapter that is not a sub-line
    /// ("Valid processor agreements – review overdue").
    pub fn label(&self) -> Label {
        let sub = |text: &str| text.starts_with('–');
        if !sub(&self.figure.label.fi) {
            return self.figure.label.clone();
        }
        let position = self.chapter.figures.iter().position(|f| f.key == self.figure.key);
        let parent = position.and_then(|at| self.chapter.figures[..at].iter().rev().find(|f| !sub(&f.label.fi)));
        match parent {
            None => self.figure.label.clone(),
            Some(parent) => {
                let join = |parent: &str, own: &str| format!("{parent} {own}");
                Label {
                    fi: join(&parent.label.fi, &self.figure.label.fi),
                    sv: if parent.label.sv.is_empty() || self.figure.label.sv.is_empty() {
                        String::new()
                    } else {
                        join(&parent.label.sv, &self.figure.label.sv)
                    },
                    en: join(&parent.label.en, &self.figure.label.en),
                }
            }
        }
    }
}

/// **Observations**: each figure of [`OBSERVED`] whose value for the report year is above
/// zero, in [`OBSERVED`] order. A figure without a value (it cannot be computed) is no
/// observation.
pub(super) fn observations(chapters: &[Chapter]) -> Vec<Observation<'_>> {
    OBSERVED
        .iter()
        .filter_map(|(chapter_key, figure_key)| {
            let chapter = chapters.iter().find(|c| c.key == *chapter_key)?;
            let figure = chapter.figures.iter().find(|f| f.key == *figure_key)?;
            (figure.value? > 0.0).then_some(Observation { chapter, figure })
        })
        .collect()
}

/// The same rule on the previous year's numbers of the figures.
fn previous_observations(chapters: &[Chapter]) -> usize {
    OBSERVED
        .iter()
        .filter(|(chapter_key, figure_key)| {
            chapters
                .iter()
                .filter(|c| c.key == *chapter_key)
                .flat_map(|c| c.figures.iter())
                .any(|f| f.key == *figure_key && f.previous.is_some_and(|v| v > 0.0))
        })
        .count()
}

/// **Targets of a year**: the development targets set in the report of `year` (whatever
/// their status), in the order they were added.
pub(super) fn targets_of(targets: &[Target], year: i32) -> Vec<&Target> {
    let mut of_year: Vec<&Target> = targets.iter().filter(|t| t.year == year).collect();
    of_year.sort_by_key(|t| number_of(&t.id));
    of_year
}

/// **Previous year's targets done**: the targets set in the report of `year - 1` whose status
/// is done now (the status has no history: a target done later counts in every year's
/// follow-up read after that).
pub(super) fn previous_targets_done(targets: &[Target], year: i32) -> usize {
    targets
        .iter()
        .filter(|t| t.year == year - 1 && t.status == TargetStatus::Done)
        .count()
}

/// The number part of a target id (`2026/3` → 3), for ordering.
fn number_of(id: &str) -> u64 {
    id.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(u64::MAX)
}

fn observations_table(found: &[Observation<'_>]) -> Table {
    Table {
        key: "observations".to_owned(),
        caption: r::T_OBSERVATIONS.into(),
        columns: vec![r::COL_CHAPTER.into(), r::COL_OBSERVATION.into(), r::COL_NUMBER.into()],
        rows: found
            .iter()
            .map(|o| {
                vec![
                    Cell::Word(o.chapter.title.clone()),
                    Cell::Word(o.label()),
                    Cell::Number(o.figure.value.unwrap_or_default()),
                ]
            })
            .collect(),
        empty: Some(r::T_NO_OBSERVATIONS.into()),
    }
}

fn targets_table(key: &str, caption: Label, targets: &[&Target], chapters: &[Chapter]) -> Table {
    let chapter_title = |key: &str| match chapters.iter().find(|c| c.key == key) {
        Some(chapter) => Cell::Word(chapter.title.clone()),
        None => match super::chapter_title(key) {
            Some(words) => Cell::Word(words.into()),
            None => Cell::Text(key.to_owned()),
        },
    };
    Table {
        key: key.to_owned(),
        caption,
        columns: vec![
            r::COL_TARGET.into(),
            r::COL_CHAPTER.into(),
            r::COL_OWNER.into(),
            r::COL_DUE.into(),
            r::COL_STATUS.into(),
            r::COL_FOLLOW_UP.into(),
        ],
        rows: targets
            .iter()
            .map(|t| {
                vec![
                    Cell::Text(t.text.clone()),
                    chapter_title(&t.chapter),
                    Cell::Text(t.owner.clone()),
                    Cell::Text(t.due_year.to_string()),
                    Cell::Word(t.status.words().into()),
                    Cell::Text(t.note.clone()),
                ]
            })
            .collect(),
        empty: Some(r::T_NO_TARGETS.into()),
    }
}
