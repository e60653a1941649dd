//! Chapter 3.2, information resources (tietovarannot): the register of processing (GDPR Art 30)
//! and the processor agreements (Art 28).
//!
//! The register of processing keeps no history of earlier years, so its figures are today's
//! whatever the report's year, with a note and no previous-year number. Agreements are read on
//! 31 December of each year, but against their state today (active, expired, terminated): the
//! state has no history either.

use std::collections::BTreeMap;

use kirjuri_incidents::{ProcessingRegister, ProcessorAgreement, processors_without_agreement};

use super::years::year_end;
use kirjuri_words::{Words, report as r};

use super::{Figure, Figures, Label, both};

/// The note on every figure of the register of processing.
const NO_HISTORY: Words = r::NOTE_NO_HISTORY;

/// The chapter's figures, in report order.
pub(super) fn figures(registers: &[ProcessingRegister], agreements: &[ProcessorAgreement], year: i32) -> Vec<Figure> {
    let mut figures = Figures::new();
    let mut today_only = |key: &str, label: Label, value: usize| {
        figures.add(key, label, Some(value as f64), None, Some(NO_HISTORY));
    };
    today_only(
        "registers",
        r::F_REGISTERS.into(),
        registers_of_personal_data(registers),
    );
    today_only(
        "registers_special",
        r::F_REGISTERS_SPECIAL.into(),
        registers_with_special_categories(registers),
    );
    today_only(
        "registers_incomplete",
        r::F_REGISTERS_INCOMPLETE.into(),
        registers_missing_art30_fields(registers),
    );
    today_only(
        "systems",
        r::F_INFORMATION_SYSTEMS.into(),
        information_systems(registers),
    );
    for (class, count) in registers_by_top_class(registers) {
        today_only(
            &format!("registers_class_{class}"),
            Label::filled(r::F_REGISTERS_CLASS, &[&class]),
            count,
        );
    }
    figures.count(
        "agreements_valid",
        r::F_AGREEMENTS_VALID.into(),
        both(year, |y| agreements_valid_at_year_end(agreements, y)),
    );
    figures.count(
        "agreements_review_overdue",
        r::F_AGREEMENTS_REVIEW_OVERDUE.into(),
        both(year, |y| agreements_review_overdue_at_year_end(agreements, y)),
    );
    figures.count(
        "processors_without_agreement",
        r::F_PROCESSORS_WITHOUT_AGREEMENT.into(),
        both(year, |y| {
            processors_without_agreement_at_year_end(registers, agreements, y)
        }),
    );
    figures.into_vec()
}

/// Entries of the register of processing (seloste, GDPR Art 30) marked active today: the plan's
/// "registers containing personal data". Inactive entries are left out.
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

/// Processor agreements (käsittelijäsopimus, GDPR Art 28) valid on 31 December of `year`:
/// active today, starting on or before that day (or with no start) and ending on or after it
/// (or with no end), as `ProcessorAgreement::is_valid_on` decides. An agreement that ends on
/// 31 December is still valid that day. An agreement that has since expired or been
/// terminated is not counted for any year.
fn agreements_valid_at_year_end(agreements: &[ProcessorAgreement], year: i32) -> usize {
    let day = year_end(year);
    agreements.iter().filter(|a| a.is_valid_on(day)).count()
}

/// Of the agreements valid on 31 December of `year` (as in
/// [`agreements_valid_at_year_end`]), those whose next review (`review_due`) was before that
/// day. A review due on 31 December itself is not yet overdue; an agreement without a review
/// date is never overdue.
fn agreements_review_overdue_at_year_end(agreements: &[ProcessorAgreement], year: i32) -> usize {
    let day = year_end(year);
    agreements
        .iter()
        .filter(|a| a.is_valid_on(day) && a.review_due.is_some_and(|review| review < day))
        .count()
}

/// Distinct processors named by active entries of the register of processing that have no
/// agreement valid on 31 December of `year` with a processor of the same name (compared
/// without regard to ASCII case), as `kirjuri_incidents::processors_without_agreement`
/// decides. A processor used by several entries counts once.
fn processors_without_agreement_at_year_end(
    registers: &[ProcessingRegister],
    agreements: &[ProcessorAgreement],
    year: i32,
) -> usize {
    processors_without_agreement(registers, agreements, year_end(year)).len()
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
            agreements_valid_at_year_end(&agreements, 2025),
            2,
            "a ends and c starts on 31.12"
        );
        assert_eq!(agreements_valid_at_year_end(&agreements, 2026), 2, "b and c");
        assert_eq!(agreements_valid_at_year_end(&agreements, 2024), 1, "only a");
    }

    #[test]
    fn a_review_due_on_31_december_is_not_yet_overdue() {
        let agreements = [
            agreement("a", None, None, Some(day(2025, 12, 31)), AgreementState::Active),
            agreement("b", None, None, Some(day(2025, 12, 30)), AgreementState::Active),
            agreement("c", None, None, None, AgreementState::Active),
            agreement("d", None, None, Some(day(2020, 1, 1)), AgreementState::Expired),
        ];
        assert_eq!(agreements_review_overdue_at_year_end(&agreements, 2025), 1, "b only");
        assert_eq!(agreements_review_overdue_at_year_end(&agreements, 2026), 2, "a and b");
        assert_eq!(agreements_review_overdue_at_year_end(&agreements, 2024), 0);
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
            processors_without_agreement_at_year_end(&registers, &agreements, 2025),
            1,
            "Webropol Oy, once"
        );
        assert_eq!(
            processors_without_agreement_at_year_end(&registers, &agreements, 2026),
            2,
            "Daisy's agreement ended on 31.12.2025"
        );
    }
}
