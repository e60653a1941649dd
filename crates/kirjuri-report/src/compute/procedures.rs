//! Chapter 3.3, procedures and principles of processing (käsittelyn menettelytavat ja
//! periaatteet), from the register of processing (GDPR Art 30) as it stood at each year's end
//! (`register_years`): the legal bases (Art 6(1), Art 9(2)), the privacy notices (Art 13/14),
//! the impact assessments where Art 9/10 data are processed (Art 35) and the Art 30(1) points
//! the entries lack.
//!
//! The training coverage of the chapter (the guide's "training") comes from the training
//! register and is added by its own module.

use std::collections::BTreeSet;

use kirjuri_incidents::ProcessingRegister;
use kirjuri_words::{Words, report as r};

use super::register_years::{AtYearEnd, RegisterHistory, YearState, count_both, history_starts_note};
use super::{Cell, Figure, Figures, Label, Table};

/// The chapter's figures, in report order.
pub(super) fn figures(history: &RegisterHistory<'_>, year: i32) -> Vec<Figure> {
    let mut figures = Figures::new();
    let mut count = |key: &str, label: Words, rule: fn(&YearState) -> usize| {
        let (value, previous, note) = count_both(history, year, true, rule);
        figures.add_noted(key, label.into(), value, previous, note);
    };
    count("registers_without_privacy_notice", r::F_REGISTERS_WITHOUT_NOTICE, |s| {
        registers_without_privacy_notice(s).len()
    });
    count("registers_without_dpia", r::F_REGISTERS_WITHOUT_DPIA, |s| {
        registers_without_dpia(s).len()
    });
    count("registers_missing_art30", r::F_REGISTERS_MISSING_ART30, |s| {
        registers_missing_art30(s).len()
    });
    figures.into_vec()
}

/// The chapter's lists: registers by legal basis (both years), and the registers of the report
/// year's end that lack a privacy notice, a DPIA or Art 30(1) points, named.
pub(super) fn tables(history: &RegisterHistory<'_>, year: i32) -> Vec<Table> {
    let this = history.at_year_end(year);
    let before = history.at_year_end(year - 1);
    let none_yet = match &this {
        AtYearEnd::BeforeHistory(starts) => Some(history_starts_note(*starts)),
        _ => None,
    };
    let named = |key: &str, caption: Words, empty: Words, rows: &dyn Fn(&YearState) -> Vec<Vec<Cell>>| Table {
        key: key.to_owned(),
        caption: caption.into(),
        columns: vec![r::COL_REGISTER.into(), r::COL_DEPARTMENT.into()],
        rows: this.state().map(rows).unwrap_or_default(),
        empty: Some(none_yet.clone().unwrap_or_else(|| empty.into())),
    };
    let name_and_department = |registers: Vec<&ProcessingRegister>| -> Vec<Vec<Cell>> {
        registers
            .into_iter()
            .map(|r| vec![Cell::Text(r.name.clone()), Cell::Text(r.department.clone())])
            .collect()
    };
    let mut missing = named(
        "registers_missing_art30",
        r::T_MISSING_ART30,
        r::T_MISSING_ART30_EMPTY,
        &|s| {
            registers_missing_art30(s)
                .into_iter()
                .map(|(register, letters)| {
                    vec![
                        Cell::Text(register.name.clone()),
                        Cell::Text(register.department.clone()),
                        Cell::Text(letters.iter().map(|l| format!("{l})")).collect::<Vec<_>>().join(" ")),
                    ]
                })
                .collect()
        },
    );
    missing.columns.push(r::COL_MISSING_POINTS.into());
    vec![
        legal_bases_table(&this, &before, year, none_yet.clone()),
        named(
            "registers_without_privacy_notice",
            r::T_WITHOUT_NOTICE,
            r::T_WITHOUT_NOTICE_EMPTY,
            &|s| name_and_department(registers_without_privacy_notice(s)),
        ),
        named(
            "registers_without_dpia",
            r::T_WITHOUT_DPIA,
            r::T_WITHOUT_DPIA_EMPTY,
            &|s| name_and_department(registers_without_dpia(s)),
        ),
        missing,
    ]
}

/// A legal basis as the register's free text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Basis {
    /// GDPR Art 6(1), by its letter `a`–`f`.
    Art6(char),
    /// GDPR Art 9(2): a condition for processing special categories.
    Art9,
    /// Text that names no basis recognised here.
    Other,
    /// No text.
    NotStated,
}

impl Basis {
    fn words(self) -> Words {
        match self {
            Basis::Art6('a') => r::BASIS_A,
            Basis::Art6('b') => r::BASIS_B,
            Basis::Art6('c') => r::BASIS_C,
            Basis::Art6('d') => r::BASIS_D,
            Basis::Art6('e') => r::BASIS_E,
            Basis::Art6(_) => r::BASIS_F,
            Basis::Art9 => r::BASIS_ART9,
            Basis::Other => r::BASIS_OTHER,
            Basis::NotStated => r::BASIS_NOT_STATED,
        }
    }
}

/// The legal bases a register entry's `legal_basis` text names, as the city writes them:
/// `6(1)(c)` (spaces allowed, `6.1 c` too), further letters after it joined by `ja`, `and`,
/// `och`, `,` or `/` (`6(1)(b) ja (c)`), and `9(2)` anywhere (`9(2)(h)`). A text that names
/// none of these is [`Basis::Other`] (a national act alone, say); a blank one
/// [`Basis::NotStated`].
pub(super) fn legal_bases(text: &str) -> BTreeSet<Basis> {
    let compact: String = text.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return BTreeSet::from([Basis::NotStated]);
    }
    let mut bases = BTreeSet::new();
    for prefix in ["6(1)", "6.1."] {
        for (at, _) in compact.match_indices(prefix) {
            let mut rest = &compact[at + prefix.len()..];
            loop {
                if let Some(letter) = art6_letter(rest) {
                    bases.insert(Basis::Art6(letter.0));
                    rest = &rest[letter.1..];
                    continue;
                }
                match ["ja", "and", "och", ",", "/"]
                    .iter()
                    .find(|joint| rest.starts_with(*joint))
                {
                    Some(joint) if art6_letter(&rest[joint.len()..]).is_some() => rest = &rest[joint.len()..],
                    _ => break,
                }
            }
        }
    }
    if compact.contains("9(2)") || compact.contains("9.2") {
        bases.insert(Basis::Art9);
    }
    if bases.is_empty() {
        bases.insert(Basis::Other);
    }
    bases
}

/// An Art 6(1) letter at the start of `text`, `(c)` or `c`, and the characters it takes.
fn art6_letter(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('('), Some(letter @ 'a'..='f'), Some(')')) => Some((letter, 3)),
        (Some(letter @ 'a'..='f'), next, _) if !next.is_some_and(|c| c.is_alphanumeric()) => Some((letter, 1)),
        _ => None,
    }
}

/// Entries active at the year's end by the legal bases their text names ([`legal_bases`]); an
/// entry resting on several bases counts under each. In basis order.
fn registers_by_legal_basis(state: &YearState) -> Vec<(Basis, usize)> {
    let mut counts: std::collections::BTreeMap<Basis, usize> = Default::default();
    for register in state.active() {
        for basis in legal_bases(&register.legal_basis) {
            *counts.entry(basis).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

/// The legal-basis table: a row for each basis found at either year's end, with the count at
/// each ("—" for a year before the history).
fn legal_bases_table(this: &AtYearEnd, before: &AtYearEnd, year: i32, none_yet: Option<Label>) -> Table {
    let this_counts = this.state().map(registers_by_legal_basis);
    let before_counts = before.state().map(registers_by_legal_basis);
    let bases: BTreeSet<Basis> = this_counts
        .iter()
        .chain(before_counts.iter())
        .flatten()
        .map(|(basis, _)| *basis)
        .collect();
    let cell = |counts: &Option<Vec<(Basis, usize)>>, basis: Basis| match counts {
        Some(counts) => Cell::Number(counts.iter().find(|(b, _)| *b == basis).map_or(0, |(_, n)| *n) as f64),
        None => Cell::Text("—".to_owned()),
    };
    Table {
        key: "registers_by_legal_basis".to_owned(),
        caption: r::T_LEGAL_BASES.into(),
        columns: vec![
            r::COL_LEGAL_BASIS.into(),
            Label::filled(r::COL_AT_YEAR_END, &[&year.to_string()]),
            Label::filled(r::COL_AT_YEAR_END, &[&(year - 1).to_string()]),
        ],
        rows: bases
            .into_iter()
            .map(|basis| {
                vec![
                    Cell::Word(basis.words().into()),
                    cell(&this_counts, basis),
                    cell(&before_counts, basis),
                ]
            })
            .collect(),
        empty: Some(none_yet.unwrap_or_else(|| r::NO_DATA.into())),
    }
}

/// Entries active at the year's end without a privacy notice (GDPR Art 13/14: the information
/// given to data subjects) recorded: a blank link or reference, whatever the publication day.
/// By name.
fn registers_without_privacy_notice(state: &YearState) -> Vec<&ProcessingRegister> {
    sorted(state.active().filter(|r| r.lacks_privacy_notice()).collect())
}

/// Entries active at the year's end that process special categories (GDPR Art 9) or criminal
/// data (Art 10) without a recorded DPIA status (Art 35), as
/// `ProcessingRegister::lacks_dpia` decides; entries without such data are left out. By name.
fn registers_without_dpia(state: &YearState) -> Vec<&ProcessingRegister> {
    sorted(state.active().filter(|r| r.lacks_dpia()).collect())
}

/// Entries active at the year's end lacking at least one Art 30(1) point, with the letters, as
/// `ProcessingRegister::missing_letters` decides. By name.
fn registers_missing_art30(state: &YearState) -> Vec<(&ProcessingRegister, Vec<char>)> {
    sorted(state.active().filter(|r| !r.missing_letters().is_empty()).collect())
        .into_iter()
        .map(|r| (r, r.missing_letters()))
        .collect()
}

fn sorted(mut registers: Vec<&ProcessingRegister>) -> Vec<&ProcessingRegister> {
    registers.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    registers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(text: &str) -> Vec<Basis> {
        legal_bases(text).into_iter().collect()
    }

    #[test]
    fn legal_bases_are_read_from_the_text_as_the_city_writes_them() {
        assert_eq!(bases("6(1)(c) ja varhaiskasvatuslaki 540/2018"), vec![Basis::Art6('c')]);
        assert_eq!(bases("6(1)(b) ja (c)"), vec![Basis::Art6('b'), Basis::Art6('c')]);
        assert_eq!(bases("6 (1) (e)"), vec![Basis::Art6('e')]);
        assert_eq!(bases("6.1. a"), vec![Basis::Art6('a')]);
        assert_eq!(bases("6(1)(c), 9(2)(h)"), vec![Basis::Art6('c'), Basis::Art9]);
        assert_eq!(bases("kuntalaki 410/2015"), vec![Basis::Other]);
        assert_eq!(
            bases("6(1)(c) ja kuntalaki"),
            vec![Basis::Art6('c')],
            "`ja k…` is no letter"
        );
        assert_eq!(bases("  "), vec![Basis::NotStated]);
    }
}
