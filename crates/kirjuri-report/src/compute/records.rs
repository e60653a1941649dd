//! Records management (asiakirjahallinto): cases, registrations, disposal, archive transfers and
//! legal holds (DOMAIN.md §9.2, rows Retention and Archive).
//!
//! Cases are in a year by their calendar days (`opened_on`, `closed_on`, already Helsinki
//! days); registrations, destructions, archive packages and permanent records by the Helsinki
//! calendar day of their instant. Holds are read at the last second of 31 December in Helsinki
//! ([`super::years::hold_cut_off`]).

use chrono::{DateTime, Utc};
use kirjuri_archive::DestructionRecord;
use kirjuri_archive::package::ExportRecord;
use kirjuri_registry::{Case, Document, LegalHold, RetentionStatus};
use kirjuri_store::Store;

use super::years::{day_in_year, hold_cut_off, in_helsinki_year};
use kirjuri_words::report as r;

use super::{Figure, Figures, Inputs, Label, both};

/// The audit action of registering a document.
const REGISTER_ACTION: &str = "document.register";

/// The chapter's figures, in report order.
pub(super) fn figures(inputs: &Inputs, year: i32) -> Vec<Figure> {
    let cases = &inputs.cases;
    let mut figures = Figures::new();
    figures.count(
        "cases_opened",
        r::F_CASES_OPENED.into(),
        both(year, |y| cases_opened(cases, y, None)),
    );
    figures.count(
        "cases_closed",
        r::F_CASES_CLOSED.into(),
        both(year, |y| cases_closed(cases, y, None)),
    );
    for top in top_classes_of_cases(cases) {
        let class = Some(top.as_str());
        figures.count(
            &format!("cases_opened_{top}"),
            Label::filled(r::F_CASES_OPENED_CLASS, &[&top]),
            both(year, |y| cases_opened(cases, y, class)),
        );
        figures.count(
            &format!("cases_closed_{top}"),
            Label::filled(r::F_CASES_CLOSED_CLASS, &[&top]),
            both(year, |y| cases_closed(cases, y, class)),
        );
    }
    figures.count(
        "documents_registered",
        r::F_DOCUMENTS_REGISTERED.into(),
        both(year, |y| documents_registered(&inputs.registrations, y)),
    );
    let destructions = &inputs.destructions;
    figures.count(
        "records_destroyed",
        r::F_RECORDS_DESTROYED.into(),
        both(year, |y| records_destroyed(destructions, y, None)),
    );
    for top in top_classes_of_destructions(destructions) {
        let class = Some(top.as_str());
        figures.count(
            &format!("records_destroyed_{top}"),
            Label::filled(r::F_RECORDS_DESTROYED_CLASS, &[&top]),
            both(year, |y| records_destroyed(destructions, y, class)),
        );
    }
    figures.count(
        "archive_packages",
        r::F_ARCHIVE_PACKAGES.into(),
        both(year, |y| archive_packages(&inputs.exports, y)),
    );
    figures.count(
        "archive_package_records",
        r::F_ARCHIVE_PACKAGE_RECORDS.into(),
        both(year, |y| archive_package_records(&inputs.exports, y)),
    );
    figures.count(
        "permanent_records_added",
        r::F_PERMANENT_RECORDS.into(),
        both(year, |y| permanent_records_added(&inputs.documents, y)),
    );
    figures.count(
        "legal_holds_active",
        r::F_LEGAL_HOLDS.into(),
        both(year, |y| legal_holds_active_at_year_end(cases, &inputs.documents, y)),
    );
    figures.into_vec()
}

/// Whether `class` lies in the top-level class `top` (`"02"`); any class does when `top` is `None`.
fn in_top_class(class: &kirjuri_plan::ClassCode, top: Option<&str>) -> bool {
    top.is_none_or(|wanted| class.top_level().spaced() == wanted)
}

/// Cases opened (`opened_on`) in the year, in the top-level class `top` or in any class. Every
/// case counts, including those opened for requests and incidents.
fn cases_opened(cases: &[Case], year: i32, top: Option<&str>) -> usize {
    cases
        .iter()
        .filter(|c| day_in_year(c.opened_on, year) && in_top_class(&c.class, top))
        .count()
}

/// Cases whose `closed_on` is in the year, in the top-level class `top` or in any class. A case
/// is closed when it is decided (Päätetty) and not reopened or under appeal (project decision,
/// DOMAIN.md); reopening clears `closed_on`, so a case closed in one year and reopened later
/// no longer counts for that year, and a case closed twice counts in the year of the last
/// closing.
fn cases_closed(cases: &[Case], year: i32, top: Option<&str>) -> usize {
    cases
        .iter()
        .filter(|c| c.closed_on.is_some_and(|day| day_in_year(day, year)) && in_top_class(&c.class, top))
        .count()
}

/// The top-level classes of all cases of any year, each once, in class order: one pair of
/// figures each, so a class whose cases are all from other years shows zeros.
fn top_classes_of_cases(cases: &[Case]) -> Vec<String> {
    let mut tops: Vec<String> = cases.iter().map(|c| c.class.top_level().spaced()).collect();
    tops.sort();
    tops.dedup();
    tops
}

/// When each document was registered: the instants of the audit trail's `document.register`
/// entries. Read from the audit trail, not from the documents, so that destroyed records still
/// count. An audit entry that cannot be read is skipped (the store's own check reports it).
pub(super) fn registration_instants(store: &Store) -> Vec<DateTime<Utc>> {
    store
        .audit_entries()
        .filter_map(Result::ok)
        .filter(|entry| entry.action == REGISTER_ACTION)
        .map(|entry| entry.at)
        .collect()
}

/// Documents registered in the year: registrations ([`registration_instants`]) whose instant
/// falls in the year, Helsinki time, including documents destroyed since.
fn documents_registered(registrations: &[DateTime<Utc>], year: i32) -> usize {
    registrations.iter().filter(|at| in_helsinki_year(**at, year)).count()
}

/// Records destroyed in the year: destruction records (one per document destroyed in an
/// executed disposal) executed (`executed_at`) in the year, Helsinki time, in the top-level
/// class `top` or in any class.
fn records_destroyed(destructions: &[DestructionRecord], year: i32, top: Option<&str>) -> usize {
    destructions
        .iter()
        .filter(|d| in_helsinki_year(d.executed_at, year) && in_top_class(&d.class, top))
        .count()
}

/// The top-level classes of all destruction records of any year, each once, in class order.
fn top_classes_of_destructions(destructions: &[DestructionRecord]) -> Vec<String> {
    let mut tops: Vec<String> = destructions.iter().map(|d| d.class.top_level().spaced()).collect();
    tops.sort();
    tops.dedup();
    tops
}

/// Archive packages (siirtopaketti) produced in the year (`exported_at`, Helsinki time), for
/// long-term preservation; whether the archive has accepted them is not known here.
fn archive_packages(exports: &[ExportRecord], year: i32) -> usize {
    exports.iter().filter(|e| in_helsinki_year(e.exported_at, year)).count()
}

/// Documents in the archive packages produced in the year; a document sent in two packages
/// counts twice.
fn archive_package_records(exports: &[ExportRecord], year: i32) -> usize {
    exports
        .iter()
        .filter(|e| in_helsinki_year(e.exported_at, year))
        .map(|e| e.summary.documents)
        .sum()
}

/// Documents still in the store, registered (`registered_at`) in the year, Helsinki time,
/// that are kept permanently (retention status `Permanent` today).
fn permanent_records_added(documents: &[Document], year: i32) -> usize {
    documents
        .iter()
        .filter(|d| in_helsinki_year(d.registered_at, year) && d.retention_status == RetentionStatus::Permanent)
        .count()
}

/// Legal holds (säilytysesto) on cases and on documents active at the cut-off of `year`
/// ([`hold_cut_off`]): placed at or before it and not lifted by it. A case and its document
/// each with a hold count as two.
fn legal_holds_active_at_year_end(cases: &[Case], documents: &[Document], year: i32) -> usize {
    let Some(cut_off) = hold_cut_off(year) else { return 0 };
    let on_cases: usize = cases.iter().map(|c| holds_active_at(&c.legal_holds, cut_off)).sum();
    let on_documents: usize = documents.iter().map(|d| holds_active_at(&d.legal_holds, cut_off)).sum();
    on_cases + on_documents
}

/// Holds placed at or before `instant` and not lifted by then: a hold lifted at exactly
/// `instant` is no longer active.
fn holds_active_at(holds: &[LegalHold], instant: DateTime<Utc>) -> usize {
    holds
        .iter()
        .filter(|h| h.placed_at <= instant && h.lifted.as_ref().is_none_or(|lifting| lifting.at > instant))
        .count()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use kirjuri_registry::fixture::Fixture;
    use kirjuri_registry::{Actor, HoldLifting, OpenCase};

    use super::*;

    fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Helsinki
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn hold(placed_at: DateTime<Utc>, lifted_at: Option<DateTime<Utc>>) -> LegalHold {
        LegalHold {
            id: "hold-1".to_owned(),
            reason: "tarkastus".to_owned(),
            placed_by: "kirjaaja".to_owned(),
            placed_at,
            lifted: lifted_at.map(|at| HoldLifting {
                reason: "valmis".to_owned(),
                by: "kirjaaja".to_owned(),
                at,
            }),
        }
    }

    #[test]
    fn a_hold_is_read_at_the_cut_off_instant() {
        let cut_off = hold_cut_off(2025).unwrap();
        let second = chrono::Duration::seconds(1);
        assert_eq!(
            holds_active_at(&[hold(cut_off, None)], cut_off),
            1,
            "placed at the cut-off"
        );
        assert_eq!(holds_active_at(&[hold(cut_off + second, None)], cut_off), 0);
        let placed = helsinki(2025, 6, 1, 10, 0);
        assert_eq!(
            holds_active_at(&[hold(placed, Some(cut_off))], cut_off),
            0,
            "lifted at the cut-off"
        );
        assert_eq!(holds_active_at(&[hold(placed, Some(cut_off + second))], cut_off), 1);
    }

    /// The first hours of 1 January in Helsinki belong to the new year: a hold placed then is
    /// not active at the end of the old one, a hold lifted then still was.
    #[test]
    fn the_hold_cut_off_is_helsinki_midnight() {
        let cut_off = hold_cut_off(2025).unwrap();
        let placed_after_midnight = hold(helsinki(2026, 1, 1, 0, 50), None);
        assert_eq!(holds_active_at(&[placed_after_midnight], cut_off), 0);
        let placed_before_midnight = hold(helsinki(2025, 12, 31, 23, 50), None);
        assert_eq!(holds_active_at(&[placed_before_midnight], cut_off), 1);
        let lifted_after_midnight = hold(helsinki(2025, 6, 1, 10, 0), Some(helsinki(2026, 1, 1, 1, 30)));
        assert_eq!(holds_active_at(&[lifted_after_midnight], cut_off), 1);
    }

    #[test]
    fn registrations_belong_to_their_helsinki_year() {
        let registrations = [
            helsinki(2025, 1, 1, 0, 0),
            helsinki(2025, 12, 31, 23, 59),
            helsinki(2026, 1, 1, 0, 0),
        ];
        assert_eq!(documents_registered(&registrations, 2024), 0);
        assert_eq!(documents_registered(&registrations, 2025), 2);
        assert_eq!(documents_registered(&registrations, 2026), 1);
    }

    #[test]
    fn cases_count_by_their_helsinki_day_and_every_class_of_any_year_has_a_line() {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let open = |class: &str, at: DateTime<Utc>| {
            let request = OpenCase::new(class.parse().unwrap(), "Asia".to_owned());
            let clerk = Actor {
                name: "kirjaaja".to_owned(),
                at,
                purpose: None,
            };
            registry.open_case(&request, &clerk).unwrap();
        };
        open("00 02 00", helsinki(2025, 12, 31, 23, 30));
        open("02 06 04", helsinki(2026, 1, 1, 0, 30));
        open("01 01 02", helsinki(2020, 5, 5, 10, 0));
        let cases: Vec<Case> = fixture.store.list(kirjuri_registry::CASE).unwrap();
        assert_eq!(cases_opened(&cases, 2025, None), 1, "23.30 on 31.12 is still 2025");
        assert_eq!(cases_opened(&cases, 2026, None), 1);
        assert_eq!(cases_opened(&cases, 2025, Some("00")), 1);
        assert_eq!(cases_opened(&cases, 2025, Some("02")), 0);
        assert_eq!(
            top_classes_of_cases(&cases),
            vec!["00", "01", "02"],
            "01 has cases only in 2020 and still gets its line"
        );
        assert_eq!(cases_closed(&cases, 2025, None), 0);
    }
}
