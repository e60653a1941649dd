//! Chapter 3.2, information resources (tietovarannot): the register of processing (GDPR Art 30)
//! and the processor agreements (Art 28).
//!
//! Every figure is counted over the register and the agreements as they stood at the end of
//! each year (31 December 24:00 Finnish time; the report's generation time for a year not yet
//! over), from their dated versions (`register_years`). A year before the history began has
//! "—" and a note saying when it starts; a store without any dated version has today's
//! register only, with the note that it keeps no history.

use std::collections::{BTreeMap, BTreeSet};

use kirjuri_incidents::{ProcessingRegister, ProcessorAgreement, processors_without_agreement};

use chrono::NaiveDate;
use kirjuri_words::report as r;

use super::register_years::{RegisterHistory, count_both};
use super::{Figure, Figures, Label};

/// A counting rule over the registers and agreements of a year's end, read on its last day.
type AgreementRule = dyn Fn(&[ProcessingRegister], &[ProcessorAgreement], NaiveDate) -> usize;

/// The chapter's figures, in report order.
pub(super) fn figures(history: &RegisterHistory<'_>, year: i32) -> Vec<Figure> {
    let mut figures = Figures::new();
    let mut register = |key: &str, label: Label, rule: &dyn Fn(&[ProcessingRegister]) -> usize| {
        let (value, previous, note) = count_both(history, year, true, |s| rule(&s.registers));
        figures.add_noted(key, label, value, previous, note);
    };
    register("registers", r::F_REGISTERS.into(), &registers_of_personal_data);
    register(
        "registers_special",
        r::F_REGISTERS_SPECIAL.into(),
        &registers_with_special_categories,
    );
    register(
        "registers_incomplete",
        r::F_REGISTERS_INCOMPLETE.into(),
        &registers_missing_art30_fields,
    );
    register("systems", r::F_INFORMATION_SYSTEMS.into(), &information_systems);
    for class in classes_of_either_year(history, year) {
        let label = Label::filled(r::F_REGISTERS_CLASS, &[&class]);
        register(&format!("registers_class_{class}"), label, &|registers| {
            registers_by_top_class(registers).get(&class).copied().unwrap_or(0)
        });
    }
    let mut agreement = |key: &str, label: Label, rule: &AgreementRule| {
        let (value, previous, note) = count_both(history, year, false, |s| rule(&s.registers, &s.agreements, s.day));
        figures.add_noted(key, label, value, previous, note);
    };
    agreement("agreements_valid", r::F_AGREEMENTS_VALID.into(), &|_, a, day| {
        agreements_valid_at_year_end(a, day)
    });
    agreement(
        "agreements_review_overdue",
        r::F_AGREEMENTS_REVIEW_OVERDUE.into(),
        &|_, a, day| agreements_review_overdue_at_year_end(a, day),
    );
    agreement(
        "processors_without_agreement",
        r::F_PROCESSORS_WITHOUT_AGREEMENT.into(),
        &processors_without_agreement_at_year_end,
    );
    figures.into_vec()
}

/// The top-level classes of the active entries at the end of `year` or of the year before,
/// so a class that emptied still shows its 0 beside last year's number.
fn classes_of_either_year(history: &RegisterHistory<'_>, year: i32) -> BTreeSet<String> {
    [year, year - 1]
        .into_iter()
        .filter_map(|y| {
            history
                .at_year_end(y)
                .state()
                .map(|s| registers_by_top_class(&s.registers))
        })
        .flat_map(|by_class| by_class.into_keys())
        .collect()
}

/// Entries of the register of processing (seloste, GDPR Art 30) active at the year's end (the
/// version in force then): the plan's "registers containing personal data". Inactive entries
/// are left out, as are entries first recorded after the year's end.
fn registers_of_personal_data(registers: &[ProcessingRegister]) -> usize {
    registers.iter().filter(|r| r.active).count()
}

/// Active entries that process special categories of personal data (GDPR Art 9) or data on
/// criminal convictions and offences (Art 10); an entry with both counts once.
fn registers_with_special_categories(registers: &[ProcessingRegister]) -> usize {
    registers
        .iter()
        .filter(|r| r.active && (r.special_categories || r.criminal_data))
        .count()
}

/// Active entries that lack at least one of the items of GDPR Art 30(1)(a)–(g), as
/// `ProcessingRegister::missing_letters` tells them (a blank text or a list of blanks is
/// missing); an entry missing several letters counts once.
fn registers_missing_art30_fields(registers: &[ProcessingRegister]) -> usize {
    registers
        .iter()
        .filter(|r| r.active && !r.missing_letters().is_empty())
        .count()
}

/// Distinct information systems named by active entries. Names are compared exactly as
/// written (case and spacing matter); a system used by several entries counts once.
fn information_systems(registers: &[ProcessingRegister]) -> usize {
    let mut systems: Vec<&String> = registers
        .iter()
        .filter(|r| r.active)
        .flat_map(|r| r.systems.iter())
        .collect();
    systems.sort();
    systems.dedup();
    systems.len()
}

/// Active entries by the top-level task class (tehtäväluokka, e.g. `02`) of their first erasure
/// class (Art 30(1)(f)); an entry without erasure classes goes under `—`. Only the first class
/// counts, so each entry is in exactly one class. In class order.
fn registers_by_top_class(registers: &[ProcessingRegister]) -> BTreeMap<String, usize> {
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for register in registers.iter().filter(|r| r.active) {
        let top = register
            .erasure_classes
            .first()
            .map_or("—".to_owned(), |c| c.top_level().spaced());
        *by_class.entry(top).or_default() += 1;
    }
    by_class
}

/// Processor agreements (käsittelijäsopimus, GDPR Art 28) valid on `day` (31 December of the
/// year): in the version in force at the year's end, active, starting on or before that day
/// (or with no start) and ending on or after it (or with no end), as
/// `ProcessorAgreement::is_valid_on` decides. An agreement that ends on 31 December is still
/// valid that day; one recorded after the year's end, or terminated before it, is not.
fn agreements_valid_at_year_end(agreements: &[ProcessorAgreement], day: NaiveDate) -> usize {
    agreements.iter().filter(|a| a.is_valid_on(day)).count()
}

/// Of the agreements valid on `day`, 31 December of the year (as in
/// [`agreements_valid_at_year_end`]), those whose next review (`review_due`) was before that
/// day. A review due on 31 December itself is not yet overdue; an agreement without a review
/// date is never overdue.
fn agreements_review_overdue_at_year_end(agreements: &[ProcessorAgreement], day: NaiveDate) -> usize {
    agreements
        .iter()
        .filter(|a| a.is_valid_on(day) && a.review_due.is_some_and(|review| review < day))
        .count()
}

/// Distinct processors named by the entries active at the year's end that have no agreement
/// valid on `day` (31 December) with a processor of the same name (compared without regard to
/// ASCII case), as `kirjuri_incidents::processors_without_agreement` decides; both in their
/// versions in force at the year's end. A processor used by several entries counts once.
fn processors_without_agreement_at_year_end(
    registers: &[ProcessingRegister],
    agreements: &[ProcessorAgreement],
    day: NaiveDate,
) -> usize {
    processors_without_agreement(registers, agreements, day).len()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use kirjuri_incidents::{AgreementState, parse_registers};

    use super::*;

    const HEADER: &str = "id,name,controller,department,dpo_contact,purposes,subject_categories,data_categories,special_categories,criminal_data,recipients,transfers,erasure_classes,security_measures,legal_basis,dpia,systems,processors,active\n";

    /// One entry: `special` and `criminal` as yes/no; `systems` and `processors` `;`-separated.
    fn register(
        id: &str,
        special: &str,
        criminal: &str,
        erasure: &str,
        systems: &str,
        processors: &str,
        active: &str,
    ) -> String {
        format!(
            "{id},Rekisteri {id},Laitilan kaupunki,hallintotoimi,tsv@laitila.fi,tarkoitus,asukkaat,yhteystiedot,{special},{criminal},ei luovutuksia,ei siirtoja,{erasure},pääsynhallinta,6(1)(e),,{systems},{processors},{active}\n"
        )
    }

    fn registers(rows: &[String]) -> Vec<ProcessingRegister> {
        parse_registers("registers.csv", &format!("{HEADER}{}", rows.concat())).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn agreement(
        processor: &str,
        starts_on: Option<NaiveDate>,
        ends_on: Option<NaiveDate>,
        review_due: Option<NaiveDate>,
        state: AgreementState,
    ) -> ProcessorAgreement {
        ProcessorAgreement {
            id: format!("kas-{processor}"),
            processor: processor.to_owned(),
            registers: vec![],
            signed_on: None,
            starts_on,
            ends_on,
            review_due,
            state,
            owner: "hallintotoimi".to_owned(),
            checklist: Default::default(),
        }
    }

    #[test]
    fn register_counts_leave_inactive_entries_out() {
        let registers = registers(&[
            register("a", "yes", "yes", "02 06 04", "Daisy;Populus", "Daisy Oy", "yes"),
            register("b", "no", "yes", "02 01 00;12 01 01", "Daisy", "", "yes"),
            register("c", "no", "no", "", "daisy", "", "yes"),
            register("d", "yes", "no", "12 01 01", "Muu", "", "no"),
        ]);
        assert_eq!(registers_of_personal_data(&registers), 3);
        assert_eq!(
            registers_with_special_categories(&registers),
            2,
            "a (both) once, b (Art 10)"
        );
        assert_eq!(
            registers_missing_art30_fields(&registers),
            1,
            "c has no erasure classes (f)"
        );
        assert_eq!(
            information_systems(&registers),
            3,
            "Daisy, daisy and Populus; Muu is inactive"
        );
        let by_class: Vec<(String, usize)> = registers_by_top_class(&registers).into_iter().collect();
        assert_eq!(
            by_class,
            vec![("02".to_owned(), 2), ("—".to_owned(), 1)],
            "b by its first class only; c without classes under —"
        );
    }

    #[test]
    fn an_agreement_ending_on_31_december_is_valid_at_that_year_end() {
        let agreements = [
            agreement(
                "a",
                Some(day(2020, 1, 1)),
                Some(day(2025, 12, 31)),
                None,
                AgreementState::Active,
            ),
            agreement("b", Some(day(2026, 1, 1)), None, None, AgreementState::Active),
            agreement("c", Some(day(2025, 12, 31)), None, None, AgreementState::Active),
            agreement("d", None, None, None, AgreementState::Terminated),
            agreement("e", None, None, None, AgreementState::Draft),
        ];
        assert_eq!(
            agreements_valid_at_year_end(&agreements, day(2025, 12, 31)),
            2,
            "a ends and c starts on 31.12"
        );
        assert_eq!(
            agreements_valid_at_year_end(&agreements, day(2026, 12, 31)),
            2,
            "b and c"
        );
        assert_eq!(
            agreements_valid_at_year_end(&agreements, day(2024, 12, 31)),
            1,
            "only a"
        );
    }

    #[test]
    fn a_review_due_on_31_december_is_not_yet_overdue() {
        let agreements = [
            agreement("a", None, None, Some(day(2025, 12, 31)), AgreementState::Active),
            agreement("b", None, None, Some(day(2025, 12, 30)), AgreementState::Active),
            agreement("c", None, None, None, AgreementState::Active),
            agreement("d", None, None, Some(day(2020, 1, 1)), AgreementState::Expired),
        ];
        assert_eq!(
            agreements_review_overdue_at_year_end(&agreements, day(2025, 12, 31)),
            1,
            "b only"
        );
        assert_eq!(
            agreements_review_overdue_at_year_end(&agreements, day(2026, 12, 31)),
            2,
            "a and b"
        );
        assert_eq!(agreements_review_overdue_at_year_end(&agreements, day(2024, 12, 31)), 0);
    }

    #[test]
    fn processors_are_matched_without_case_and_counted_once() {
        let registers = registers(&[
            register("a", "no", "no", "02 06 04", "X", "Daisy Oy;Webropol Oy", "yes"),
            register("b", "no", "no", "02 06 04", "X", "Webropol Oy", "yes"),
            register("c", "no", "no", "02 06 04", "X", "Vanha Oy", "no"),
        ]);
        let agreements = [agreement(
            "DAISY OY",
            None,
            Some(day(2025, 12, 31)),
            None,
            AgreementState::Active,
        )];
        assert_eq!(
            processors_without_agreement_at_year_end(&registers, &agreements, day(2025, 12, 31)),
            1,
            "Webropol Oy, once"
        );
        assert_eq!(
            processors_without_agreement_at_year_end(&registers, &agreements, day(2026, 12, 31)),
            2,
            "Daisy's agreement ended on 31.12.2025"
        );
    }
}
