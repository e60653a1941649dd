//! Records management (asiakirjahallinto): cases, registrations, disposal, archive transfers and
//! legal holds (DOMAIN.md §9.2, rows Retention and Archive).
//!
//! Cases are in a year by their calendar days (`opened_on`, `closed_on`, already Helsinki
//! days); registrations, destructions, archive packages and permanent records by the Helsinki
//! calendar day of their instant. Holds are read at the last second of 31 December in Helsinki
//! ([`super::years::hold_cut_off`]).

use chrono::{DateTime, Utc};
use kirjuri_archive::DestructionRecord;
use kirjuri_archive::PackageVerification;
use kirjuri_archive::disposal::{Proposal, ProposalState};
use kirjuri_archive::package::ExportRecord;
use kirjuri_plan::Plan;
use kirjuri_registry::{Case, Document, LegalHold, RetentionStatus};
use kirjuri_store::Store;
use kirjuri_store::in_force_among;

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
    verified_figures(&mut figures, &inputs.exports, &inputs.verifications, year);
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
    disposal_figures(&mut figures, &inputs.proposals, year);
    plan_figures(&mut figures, cases, &inputs.plans, year);
    figures.into_vec()
}

/// Verified archive transfers (DOMAIN.md §9.2, archive): the packages of the year whose
/// verification passed, with their records and bytes.
fn verified_figures(figures: &mut Figures, exports: &[ExportRecord], verifications: &[PackageVerification], year: i32) {
    let verified = |y: i32| verified_packages(exports, verifications, y);
    figures.count(
        "archive_packages_verified",
        r::F_ARCHIVE_PACKAGES_VERIFIED.into(),
        both(year, |y| verified(y).len()),
    );
    figures.count(
        "archive_verified_records",
        r::F_ARCHIVE_VERIFIED_RECORDS.into(),
        both(year, |y| verified(y).iter().map(|e| e.summary.documents).sum()),
    );
    let bytes = |y: i32| verified(y).iter().map(|e| e.summary.payload_bytes).sum::<u64>() as f64;
    figures.add(
        "archive_verified_bytes",
        r::F_ARCHIVE_VERIFIED_BYTES.into(),
        Some(bytes(year)),
        Some(bytes(year - 1)),
        None,
    );
}

/// Archive packages made in the year (`exported_at`, Helsinki time) with at least one recorded
/// verification that passed (`kirjuri_archive::record_verification`: every digest, the
/// structure and the signature held), whenever it was checked. A package never checked, or
/// only with problems found, is not a verified transfer.
fn verified_packages<'a>(
    exports: &'a [ExportRecord],
    verifications: &[PackageVerification],
    year: i32,
) -> Vec<&'a ExportRecord> {
    exports
        .iter()
        .filter(|e| in_helsinki_year(e.exported_at, year))
        .filter(|e| verifications.iter().any(|v| v.objid == e.summary.objid && v.passed))
        .collect()
}

/// Disposal proposals (DOMAIN.md §9.2, retention): those made in the year, and of them the
/// approved, executed, rejected or cancelled, and failed ones, as they stand when the report is
/// computed.
fn disposal_figures(figures: &mut Figures, proposals: &[Proposal], year: i32) {
    figures.count(
        "disposal_proposed",
        r::F_DISPOSAL_PROPOSED.into(),
        both(year, |y| proposals_made(proposals, y).count()),
    );
    let in_state = |y: i32, states: &[ProposalState]| {
        proposals_made(proposals, y)
            .filter(|p| states.contains(&p.state))
            .count()
    };
    figures.count(
        "disposal_approved",
        r::F_DISPOSAL_APPROVED.into(),
        both(year, |y| proposals_approved(proposals, y)),
    );
    figures.count(
        "disposal_executed",
        r::F_DISPOSAL_EXECUTED.into(),
        both(year, |y| in_state(y, &[ProposalState::Executed])),
    );
    figures.count(
        "disposal_rejected",
        r::F_DISPOSAL_REJECTED.into(),
        both(year, |y| in_state(y, &[ProposalState::Restored])),
    );
    figures.count(
        "disposal_failed",
        r::F_DISPOSAL_FAILED.into(),
        both(year, |y| in_state(y, &[ProposalState::ExecutionFailed])),
    );
}

/// Disposal proposals made in the year: `proposed_at` in the year, Helsinki time, whatever
/// became of them. Each is counted in the year it was made, in the state it is in today:
/// executed (every record destroyed), restored (cancelled or rejected before execution: the
/// records returned to normal life), execution failed (some records could not be destroyed,
/// not resumed yet), or still pending or approved (in no state figure).
fn proposals_made(proposals: &[Proposal], year: i32) -> impl Iterator<Item = &Proposal> {
    proposals.iter().filter(move |p| in_helsinki_year(p.proposed_at, year))
}

/// Proposals made in the year that an archivist approved (four eyes), whatever happened after:
/// executed, failed, still waiting for paper confirmations, or cancelled after approval.
fn proposals_approved(proposals: &[Proposal], year: i32) -> usize {
    proposals_made(proposals, year)
        .filter(|p| p.approved_at.is_some())
        .count()
}

/// Plan coverage (DOMAIN.md §9.2): how well the information-management plan covers the cases
/// opened in the year.
fn plan_figures(figures: &mut Figures, cases: &[Case], plans: &[Plan], year: i32) {
    let this_year = plan_coverage_pct(cases, plans, year);
    figures.add(
        "plan_coverage_pct",
        r::F_PLAN_COVERAGE.into(),
        this_year,
        plan_coverage_pct(cases, plans, year - 1),
        this_year.is_none().then_some(r::NOTE_NO_CASES_OPENED),
    );
    figures.count(
        "cases_outside_plan",
        r::F_CASES_OUTSIDE_PLAN.into(),
        both(year, |y| cases_outside_plan(cases, plans, y)),
    );
    figures.count(
        "cases_superseded_plan",
        r::F_CASES_SUPERSEDED_PLAN.into(),
        both(year, |y| cases_on_superseded_plan(cases, plans, y)),
    );
}

/// Whether the class of `case` exists in the plan version in force on the day it was opened
/// (`kirjuri_store::in_force_among`: the latest approved version valid that day). A case
/// opened on a day no version was in force is not covered.
fn covered_by_plan(case: &Case, plans: &[Plan]) -> bool {
    in_force_among(plans, case.opened_on).is_some_and(|plan| plan.class(&case.class).is_some())
}

/// Of the cases opened in the year (`opened_on`), the share in per cent (one decimal) whose
/// class is [`covered_by_plan`]. `None` when no case was opened in the year.
fn plan_coverage_pct(cases: &[Case], plans: &[Plan], year: i32) -> Option<f64> {
    let opened: Vec<&Case> = cases.iter().filter(|c| day_in_year(c.opened_on, year)).collect();
    if opened.is_empty() {
        return None;
    }
    let covered = opened.iter().filter(|c| covered_by_plan(c, plans)).count();
    Some((covered as f64 * 1000.0 / opened.len() as f64).round() / 10.0)
}

/// Cases opened in the year whose class is not [`covered_by_plan`].
fn cases_outside_plan(cases: &[Case], plans: &[Plan], year: i32) -> usize {
    cases
        .iter()
        .filter(|c| day_in_year(c.opened_on, year) && !covered_by_plan(c, plans))
        .count()
}

/// Cases opened in the year under a plan version other than the one in force on their
/// opening day (`plan_version`, kept from registration): registered on a superseded version,
/// or on a version not yet in force. A day with no version in force counts every case.
fn cases_on_superseded_plan(cases: &[Case], plans: &[Plan], year: i32) -> usize {
    cases
        .iter()
        .filter(|c| day_in_year(c.opened_on, year))
        .filter(|c| in_force_among(plans, c.opened_on).map(|p| p.meta.version) != Some(c.plan_version))
        .count()
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
