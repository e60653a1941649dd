//! Chapter 3.6, data subjects' rights (rekisteröityjen oikeuksien toteutuminen): GDPR
//! requests, Publicity Act 621/1999 requests and log investigations.
//!
//! Every figure except the appeals comes from `kirjuri_requests::YearStatistics`, which counts
//! the requests *received* in the year: a request is in the year by its `received_on`, the
//! Helsinki calendar day it arrived anywhere in the organisation (DOMAIN.md §5.4). Of those, a
//! request is decided in the year when its `decided_on` falls in the same year. So a request
//! received in December and decided in January counts as open at the end of its own year and
//! as decided in neither year.

use chrono::Datelike;
use kirjuri_requests::{InfoRequest, RequestKind, RequestState, YearStatistics};

use super::years::day_in_year;
use kirjuri_words::{Lang, Words, report as r};

use super::{DeadlineRow, Figure, Figures, Label, both};

/// The note on the on-time shares when this year has nothing to divide by.
const NO_DECISIONS_WITH_CLOCK: Words = r::NOTE_NO_DECISIONS_WITH_CLOCK;
/// The note on the lead times when this year has none.
const NONE_DECIDED: Words = r::NOTE_NONE_DECIDED;

/// A request kind's name in the report (the catalogue's words, never the key).
pub fn request_kind(kind: RequestKind) -> Words {
    match kind {
        RequestKind::GdprAccess => r::KIND_GDPR_ACCESS,
        RequestKind::GdprRectification => r::KIND_GDPR_RECTIFICATION,
        RequestKind::GdprErasure => r::KIND_GDPR_ERASURE,
        RequestKind::GdprRestriction => r::KIND_GDPR_RESTRICTION,
        RequestKind::GdprPortability => r::KIND_GDPR_PORTABILITY,
        RequestKind::GdprObjection => r::KIND_GDPR_OBJECTION,
        RequestKind::Publicity => r::KIND_PUBLICITY,
        RequestKind::LogInvestigation => r::KIND_LOG_INVESTIGATION,
    }
}

/// The three types of request the deadline chart compares: Publicity Act requests (621/1999
/// §14), GDPR requests (Art 12(3)) and log investigations (Act 906/2019 §17 / Art 15).
const REQUEST_TYPES: [(&str, Words); 3] = [
    ("publicity", r::TYPE_PUBLICITY),
    ("gdpr", r::TYPE_GDPR),
    ("log", r::TYPE_LOG),
];

fn request_type(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Publicity => "publicity",
        RequestKind::LogInvestigation => "log",
        _ => "gdpr",
    }
}

/// Deadline performance per type of request: of the requests with a legal clock received and
/// decided in `year` (`YearStatistics::with_clock_decided`), those decided on or before the day
/// the deadline moves to when its last day is not a working day (`on_time_moved`; Time-limit
/// Act 150/1930 §5, Regulation 1182/71) and the rest, late. The same rule as the figure
/// "on time, moved day", split by type.
pub(super) fn deadlines(requests: &[InfoRequest], year: i32) -> Vec<DeadlineRow> {
    REQUEST_TYPES
        .iter()
        .map(|(key, label)| {
            let of_type: Vec<InfoRequest> = requests
                .iter()
                .filter(|r| request_type(r.kind) == *key)
                .cloned()
                .collect();
            let stats = YearStatistics::compute(year, &of_type);
            DeadlineRow {
                key: (*key).to_owned(),
                label: (*label).into(),
                on_time: stats.on_time_moved,
                late: stats.with_clock_decided.saturating_sub(stats.on_time_moved),
            }
        })
        .collect()
}

/// Requests decided in each month of `year` (January first), by `decided_on`, whenever they
/// were received.
pub(super) fn decided_per_month(requests: &[InfoRequest], year: i32) -> [u64; 12] {
    let mut months = [0; 12];
    for day in requests.iter().filter_map(|r| r.decided_on) {
        if day_in_year(day, year) {
            months[day.month0() as usize] += 1;
        }
    }
    months
}

/// The chapter's figures, in report order.
pub(super) fn figures(requests: &[InfoRequest], year: i32) -> Vec<Figure> {
    let this_year = YearStatistics::compute(year, requests);
    let previous_year = YearStatistics::compute(year - 1, requests);
    let pair = |rule: &dyn Fn(&YearStatistics) -> usize| (rule(&this_year), rule(&previous_year));
    let mut figures = Figures::new();
    for kind in RequestKind::ALL {
        figures.count(
            &format!("received_{}", kind.key()),
            Label::named(r::F_RECEIVED_KIND, request_kind(*kind)),
            pair(&|s| received(s, *kind)),
        );
    }
    figures.count("decided", r::F_DECIDED.into(), pair(&decided));
    figures.count(
        "open_at_year_end",
        r::F_OPEN_AT_YEAR_END.into(),
        pair(&open_at_year_end),
    );
    let no_decisions_with_clock = (this_year.with_clock_decided == 0).then_some(NO_DECISIONS_WITH_CLOCK);
    figures.add(
        "on_time_statutory_pct",
        r::F_ON_TIME_STATUTORY.into(),
        on_time_statutory_pct(&this_year),
        on_time_statutory_pct(&previous_year),
        no_decisions_with_clock,
    );
    figures.add(
        "on_time_moved_pct",
        r::F_ON_TIME_MOVED.into(),
        on_time_moved_pct(&this_year),
        on_time_moved_pct(&previous_year),
        no_decisions_with_clock,
    );
    figures.count(
        "late_statutory",
        r::F_LATE_STATUTORY.into(),
        pair(&late_against_statutory_day),
    );
    figures.add(
        "lead_time_median_days",
        r::F_LEAD_TIME_MEDIAN.into(),
        lead_time_median_days(&this_year),
        lead_time_median_days(&previous_year),
        lead_time_median_days(&this_year).is_none().then_some(NONE_DECIDED),
    );
    figures.add(
        "lead_time_p90_days",
        r::F_LEAD_TIME_P90.into(),
        lead_time_p90_days(&this_year),
        lead_time_p90_days(&previous_year),
        lead_time_p90_days(&this_year).is_none().then_some(NONE_DECIDED),
    );
    figures.count("extensions", r::F_EXTENSIONS.into(), pair(&extensions));
    figures.count(
        "gdpr_extensions_in_time",
        r::F_GDPR_EXTENSIONS_IN_TIME.into(),
        both(year, |y| gdpr_extensions_told(requests, y, true)),
    );
    figures.count(
        "gdpr_extensions_late",
        r::F_GDPR_EXTENSIONS_LATE.into(),
        both(year, |y| gdpr_extensions_told(requests, y, false)),
    );
    figures.count("paused", r::F_PAUSED.into(), pair(&paused));
    publicity_tracks(&mut figures, &this_year, &previous_year);
    figures.count(
        "late_gdpr_refusals",
        r::F_LATE_GDPR_REFUSALS.into(),
        pair(&late_gdpr_refusals),
    );
    for basis in refusal_bases(&this_year, &previous_year) {
        figures.count(
            &format!("refused_{basis}"),
            refused_label(basis),
            pair(&|s| refusals(s, basis)),
        );
    }
    figures.count("referrals", r::F_REFERRALS.into(), pair(&referrals_requested));
    figures.count(
        "appealable_decisions",
        r::F_APPEALABLE.into(),
        pair(&appealable_decisions),
    );
    figures.count("appeals", r::F_APPEALS.into(), both(year, |y| appeals(requests, y)));
    figures.into_vec()
}

/// A refusal category in words: a secrecy ground of the list by its citation and name (never
/// its key), "other" as other grounds, a GDPR basis as recorded.
fn refused_label(basis: &str) -> Label {
    let name = |lang: Lang| -> String {
        if basis == kirjuri_requests::publicity::OTHER_GROUND {
            return lang.t(r::R_OTHER_GROUND).to_owned();
        }
        match kirjuri_plan::secrecy_grounds::by_key(basis) {
            Some(ground) => format!("{} {}", ground.citation, ground.name(lang.code())),
            None => basis.to_owned(),
        }
    };
    let each = |lang: Lang| r::fill(lang.t(r::F_REFUSED_BASIS), &[&name(lang)]);
    Label {
        fi: each(Lang::Fi),
        sv: each(Lang::Sv),
        en: each(Lang::En),
    }
}

/// The month-track justifications with the report's labels (DOMAIN.md §5.5).
const JUSTIFICATIONS: [(&str, Words); 3] = [
    ("large-volume", r::J_LARGE_VOLUME),
    ("special-measures", r::J_SPECIAL_MEASURES),
    ("other", r::J_OTHER_REASON),
];
/// Publicity Act §14(4) figures: document requests decided in the year on time against their
/// original two-week day whatever their track (so a switch to the month track never turns a
/// late answer into an on-time one), those on the month track on time against the month, and
/// the switches to the month track by justification.
fn publicity_tracks(figures: &mut Figures, this_year: &YearStatistics, previous_year: &YearStatistics) {
    let pair = |rule: &dyn Fn(&YearStatistics) -> u64| (rule(this_year) as usize, rule(previous_year) as usize);
    figures.count(
        "publicity_decided",
        r::F_PUBLICITY_DECIDED.into(),
        pair(&|s| s.publicity.decided),
    );
    figures.count(
        "publicity_on_time_two_weeks",
        r::F_PUBLICITY_ON_TIME_TWO_WEEKS.into(),
        pair(&|s| s.publicity.on_time_two_weeks),
    );
    figures.count(
        "publicity_month_track_decided",
        r::F_PUBLICITY_MONTH_TRACK_DECIDED.into(),
        pair(&|s| s.publicity.month_track_decided),
    );
    figures.count(
        "publicity_on_time_month",
        r::F_PUBLICITY_ON_TIME_MONTH.into(),
        pair(&|s| s.publicity.on_time_month_track),
    );
    for (key, justification) in JUSTIFICATIONS {
        figures.count(
            &format!("publicity_month_track_{key}"),
            Label::named(r::F_MONTH_TRACK_SWITCHES, justification),
            pair(&|s| s.publicity.month_track_switches.get(key).copied().unwrap_or(0)),
        );
    }
    disclosure_figures(figures, this_year, previous_year);
}

/// Publicity Act §34 and §15: fees charged in the year (number and sum in euros, by the day
/// charged) and document requests transferred to another authority (by the transfer day).
fn disclosure_figures(figures: &mut Figures, this_year: &YearStatistics, previous_year: &YearStatistics) {
    let pair = |rule: &dyn Fn(&YearStatistics) -> u64| (rule(this_year) as usize, rule(previous_year) as usize);
    figures.count(
        "publicity_fees_charged",
        r::F_PUBLICITY_FEES_CHARGED.into(),
        pair(&|s| s.disclosure.fees_charged),
    );
    let euros = |s: &YearStatistics| s.disclosure.fees_cents as f64 / 100.0;
    figures.add(
        "publicity_fees_sum_eur",
        r::F_PUBLICITY_FEES_SUM.into(),
        Some(euros(this_year)),
        Some(euros(previous_year)),
        None,
    );
    figures.count(
        "publicity_transfers",
        r::F_PUBLICITY_TRANSFERS.into(),
        pair(&|s| s.disclosure.transfers),
    );
}

/// Requests of `kind` received in the year (all of them, decided or not, whatever their
/// outcome).
fn received(stats: &YearStatistics, kind: RequestKind) -> usize {
    stats.received_by_kind.get(kind.key()).copied().unwrap_or(0) as usize
}

/// GDPR requests received in the year (`received_on`) that were extended, and whose data
/// subject was told of the extension in time (`in_time`: on or before the original one-month
/// day, GDPR Art 12(3), `kirjuri_requests::gdpr::extension_told_in_time`) or late. Requests
/// without an extension and document requests (Publicity Act §14(4) has no such notice rule)
/// are in neither.
fn gdpr_extensions_told(requests: &[InfoRequest], year: i32, in_time: bool) -> usize {
    requests
        .iter()
        .filter(|r| day_in_year(r.received_on, year))
        .filter(|r| kirjuri_requests::gdpr::extension_told_in_time(r) == Some(in_time))
        .count()
}

/// Requests received in the year and decided (`decided_on`) in the same year, whatever the
/// decision. Requests received in an earlier year and decided in this one are not counted.
fn decided(stats: &YearStatistics) -> usize {
    stats.decided as usize
}

/// Requests received in the year that were not decided by 31 December of it: never decided,
/// or decided in a later year. Requests received in earlier years and still open are not
/// counted.
fn open_at_year_end(stats: &YearStatistics) -> usize {
    stats.open_at_year_end as usize
}

/// Of the requests received and decided in the year that have a legal clock, the share decided
/// on or before the statutory (unrolled) last day, in per cent to one decimal. A decision on the
/// last day itself is on time. `None` when no such request was decided in the year.
fn on_time_statutory_pct(stats: &YearStatistics) -> Option<f64> {
    stats.on_time_share_statutory.map(percent_one_decimal)
}

/// As [`on_time_statutory_pct`], against the day the deadline moves to when its last day is
/// not a working day: under the Time-limit Act 150/1930 §5 for Publicity Act clocks, under
/// Regulation 1182/71 for GDPR clocks (DOMAIN.md §5.1, §5.2).
fn on_time_moved_pct(stats: &YearStatistics) -> Option<f64> {
    stats.on_time_share_moved.map(percent_one_decimal)
}

/// A share (0..=1) as per cent rounded to one decimal, halves away from zero.
fn percent_one_decimal(share: f64) -> f64 {
    (share * 1000.0).round() / 10.0
}

/// Of the requests received and decided in the year that have a legal clock, those decided
/// after the statutory last day, even if on or before the moved day.
fn late_against_statutory_day(stats: &YearStatistics) -> usize {
    (stats.with_clock_decided - stats.on_time_statutory) as usize
}

/// Median of the lead times, in days from `received_on` to `decided_on`, of the requests
/// received and decided in the year, with or without a legal clock; the mean of the two middle
/// ones for an even count. `None` when none was decided.
fn lead_time_median_days(stats: &YearStatistics) -> Option<f64> {
    stats.median_lead_time_days
}

/// The 90th percentile (nearest rank) of the same lead times as [`lead_time_median_days`].
/// `None` when none was decided.
fn lead_time_p90_days(stats: &YearStatistics) -> Option<f64> {
    stats.p90_lead_time_days.map(|days| days as f64)
}

/// Requests received in the year whose deadline was extended, whenever: a GDPR extension (Art
/// 12(3); DOMAIN.md §5.6) or a Publicity Act request moved to the one-month track (§5.5).
fn extensions(stats: &YearStatistics) -> usize {
    stats.extensions as usize
}

/// GDPR requests received in the year whose refusal reached the person after the one-month day
/// (Art 12(4): a refusal within one month of receipt even when the request was extended).
fn late_gdpr_refusals(stats: &YearStatistics) -> usize {
    stats.late_gdpr_refusals as usize
}

/// Requests received in the year whose clock was paused at least once (an audited exception,
/// DOMAIN.md §6.2), whenever; a request paused twice counts once.
fn paused(stats: &YearStatistics) -> usize {
    stats.paused as usize
}

/// The legal bases cited in refusals of either year, each once, in text order: one figure each,
/// so a basis used only last year still shows with this year's zero.
fn refusal_bases<'s>(this_year: &'s YearStatistics, previous_year: &'s YearStatistics) -> Vec<&'s str> {
    let mut bases: Vec<&str> = this_year
        .refusals_by_legal_basis
        .keys()
        .chain(previous_year.refusals_by_legal_basis.keys())
        .map(String::as_str)
        .collect();
    bases.sort();
    bases.dedup();
    bases
}

/// Citations of the legal basis `basis` in the refusals of requests received in the year: each
/// request adds every basis recorded on it (`refusal_legal_basis`, kept from the refusal and
/// from a later appealable decision), so one request may add more than one.
fn refusals(stats: &YearStatistics, basis: &str) -> usize {
    stats.refusals_by_legal_basis.get(basis).copied().unwrap_or(0) as usize
}

/// Requests received in the year in which the requester asked for the matter to be referred to
/// the authority for a decision after a refusal (Publicity Act 621/1999 §14(3); DOMAIN.md
/// §5.5), whenever they asked.
fn referrals_requested(stats: &YearStatistics) -> usize {
    stats.referrals_requested as usize
}

/// Requests received in the year that got the authority's appealable decision (valituskelpoinen
/// päätös, Publicity Act §14(3); DOMAIN.md §5.5), whenever it was issued.
fn appealable_decisions(stats: &YearStatistics) -> usize {
    stats.appealable_decisions as usize
}

/// Requests received in the year (`received_on`) that have been appealed, at any time since:
/// any transition to the appealed state in their history. The appeal's own date does not matter.
fn appeals(requests: &[InfoRequest], year: i32) -> usize {
    requests
        .iter()
        .filter(|r| day_in_year(r.received_on, year) && r.history.iter().any(|t| t.to == RequestState::Appealed))
        .count()
}

/// Requests of every kind received in each month of `year` (January first), by `received_on`.
pub(super) fn requests_per_month(requests: &[InfoRequest], year: i32) -> [u64; 12] {
    let mut months = [0u64; 12];
    for request in requests.iter().filter(|r| day_in_year(r.received_on, year)) {
        months[request.received_on.month0() as usize] += 1;
    }
    months
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use kirjuri_clock::Start;
    use kirjuri_registry::Actor;
    use kirjuri_registry::fixture::Fixture;
    use kirjuri_requests::{NewRequest, Requests, TransitionRequest};

    use super::*;

    fn statistics(with_clock_decided: u64, on_time_statutory: u64) -> YearStatistics {
        let share = |n: u64| (with_clock_decided > 0).then(|| n as f64 / with_clock_decided as f64);
        YearStatistics {
            year: 2025,
            received_by_kind: BTreeMap::new(),
            decided: with_clock_decided,
            open_at_year_end: 0,
            on_time_statutory,
            on_time_moved: on_time_statutory,
            with_clock_decided,
            on_time_share_statutory: share(on_time_statutory),
            on_time_share_moved: share(on_time_statutory),
            median_lead_time_days: None,
            p90_lead_time_days: None,
            extensions: 0,
            refusals_by_legal_basis: BTreeMap::new(),
            referrals_requested: 0,
            appealable_decisions: 0,
            paused: 0,
            log_investigations_by_origin: BTreeMap::new(),
            publicity: kirjuri_requests::PublicityFigures::default(),
            late_gdpr_refusals: 0,
            disclosure: kirjuri_requests::DisclosureFigures::default(),
        }
    }

    #[test]
    fn on_time_shares_are_per_cent_to_one_decimal() {
        assert_eq!(on_time_statutory_pct(&statistics(3, 2)), Some(66.7));
        assert_eq!(on_time_statutory_pct(&statistics(3, 1)), Some(33.3));
        assert_eq!(on_time_statutory_pct(&statistics(8, 1)), Some(12.5));
        assert_eq!(on_time_moved_pct(&statistics(1, 1)), Some(100.0));
        assert_eq!(on_time_statutory_pct(&statistics(0, 0)), None, "nothing to divide by");
        assert_eq!(late_against_statutory_day(&statistics(3, 2)), 1);
        assert_eq!(late_against_statutory_day(&statistics(0, 0)), 0);
    }

    #[test]
    fn refusal_bases_of_either_year_are_listed_once_in_order() {
        let mut this_year = statistics(0, 0);
        this_year.refusals_by_legal_basis = BTreeMap::from([("b".to_owned(), 1), ("a".to_owned(), 2)]);
        let mut previous_year = statistics(0, 0);
        previous_year.refusals_by_legal_basis = BTreeMap::from([("c".to_owned(), 1), ("a".to_owned(), 1)]);
        assert_eq!(refusal_bases(&this_year, &previous_year), vec!["a", "b", "c"]);
        assert_eq!(refusals(&this_year, "c"), 0);
        assert_eq!(refusals(&previous_year, "c"), 1);
    }

    fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Helsinki
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn clerk(at: DateTime<Utc>) -> Actor {
        Actor {
            name: "kirjaaja".to_owned(),
            at,
            purpose: None,
        }
    }

    /// Where a request went and when.
    type Steps<'a> = &'a [(RequestState, DateTime<Utc>)];

    /// Publicity Act requests, each received at its instant and taken through its steps.
    fn requests(received_and_steps: &[(DateTime<Utc>, Steps<'_>)]) -> Vec<InfoRequest> {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let requests = Requests { registry: &registry };
        for (received, steps) in received_and_steps {
            let new = NewRequest {
                kind: RequestKind::Publicity,
                received: Start::Instant(*received),
                requester: Some("Testi Henkilö".to_owned()),
                anonymous: false,
                channel: None,
                origin: None,
                assignee: None,
                case: None,
            };
            let id = requests.new_request(&new, &clerk(*received)).unwrap().id;
            for (state, at) in *steps {
                let change = TransitionRequest {
                    legal_basis: vec!["JulkL 24 § 1 mom 32 kohta".to_owned()],
                    ..Default::default()
                };
                requests.transition(&id, *state, &change, &clerk(*at)).unwrap();
            }
        }
        fixture.store.list(kirjuri_requests::REQUEST).unwrap()
    }

    #[test]
    fn a_request_received_at_2330_on_31_december_is_a_december_request() {
        let all = requests(&[
            (helsinki(2025, 12, 31, 23, 30), &[]),
            (helsinki(2026, 1, 1, 0, 30), &[]),
        ]);
        let december = requests_per_month(&all, 2025);
        assert_eq!(december, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(requests_per_month(&all, 2026), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let received_on: Vec<NaiveDate> = all.iter().map(|r| r.received_on).collect();
        assert!(received_on.contains(&NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()));
    }

    #[test]
    fn an_appeal_counts_in_the_year_the_request_was_received() {
        // Received in December 2025; refused, decided and appealed in January 2026.
        let appealed = [
            (RequestState::InProgress, helsinki(2025, 12, 30, 10, 0)),
            (RequestState::Refused, helsinki(2026, 1, 2, 10, 0)),
            (RequestState::ReferralOffered, helsinki(2026, 1, 2, 11, 0)),
            (RequestState::ReferralRequested, helsinki(2026, 1, 5, 10, 0)),
            (RequestState::DecisionIssued, helsinki(2026, 1, 9, 10, 0)),
            (RequestState::Appealed, helsinki(2026, 1, 20, 10, 0)),
        ];
        let refused_only = &appealed[..3];
        let all = requests(&[
            (helsinki(2025, 12, 29, 10, 0), &appealed),
            (helsinki(2025, 12, 29, 10, 0), refused_only),
        ]);
        assert_eq!(appeals(&all, 2025), 1, "received in 2025, whatever happened in 2026");
        assert_eq!(appeals(&all, 2026), 0);
    }
}
