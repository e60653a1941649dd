//! Publicity Act 621/1999 rules of a document request that sit beside the common request
//! lifecycle: when the one-month track may still be chosen (§14(4)), and the year's figures of
//! the two tracks (on time against the original two-week day and against the month day, and
//! the switches to the month track by their justification).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use kirjuri_clock::Rule;
use serde::Serialize;

use crate::model::{ExtensionJustification, InfoRequest, RequestKind, StoredDeadline};
use crate::service::RequestResult;

/// The request's two-week deadline (§14(4)): the last `Publicity` deadline of its history — the
/// one stored on receipt, or that day moved by a clock pause resumed before any switch to the
/// month track (DOMAIN.md §6.2).
pub fn two_week_deadline(request: &InfoRequest) -> Option<&StoredDeadline> {
    request
        .deadline_history
        .iter()
        .rev()
        .find(|d| d.rule == Rule::Publicity)
}

/// A day as the error messages spell it: ISO and the Finnish form (`2026-12-15 (15.12.2026)`).
fn both_forms(day: NaiveDate) -> String {
    format!("{day} ({})", day.format("%-d.%-m.%Y"))
}

/// Publicity Act §14(4): the one-month limit is for requests whose special handling is
/// recognised *within* the two weeks; choosing it after the two weeks have run out would turn
/// a late answer into an on-time one. The switch is therefore refused once the two-week day
/// (the statutory day, the earlier one Kirjuri warns on — DOMAIN.md §5.2) has passed. There is
/// no "late switch": a request past its two weeks stays on its two-week clock and is reported
/// late against it.
pub fn check_month_track_switch(request: &InfoRequest, on: NaiveDate) -> RequestResult<()> {
    if request.kind != RequestKind::Publicity {
        return Ok(());
    }
    let Some(two_weeks) = two_week_deadline(request) else {
        return Ok(());
    };
    if on > two_weeks.warn_on {
        return Err(kirjuri_registry::RegistryError::Invalid {
            code: "month_track_too_late",
            message: format!(
                "the one-month track (Publicity Act 14 § 4) can be chosen only within the two weeks; \
                 they ended on {}, so a switch on {} is refused and the request stays on its two-week clock",
                both_forms(two_weeks.warn_on),
                both_forms(on)
            ),
        });
    }
    Ok(())
}

/// The key of a month-track justification, as the statistics count it.
pub fn justification_key(justification: ExtensionJustification) -> &'static str {
    match justification {
        ExtensionJustification::LargeVolume => "large-volume",
        ExtensionJustification::SpecialMeasures => "special-measures",
        ExtensionJustification::Other => "other",
    }
}

/// The year's Publicity Act figures (requests received in the year and decided in it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PublicityFigures {
    /// Document requests decided in the year (with a clock).
    pub decided: u64,
    /// Decided on or before the original two-week statutory day, whatever the track.
    pub on_time_two_weeks: u64,
    /// Of those switched to the one-month track: decided within the month (statutory day).
    pub month_track_decided: u64,
    pub on_time_month_track: u64,
    /// Switches to the one-month track of the requests received in the year, by justification.
    pub month_track_switches: BTreeMap<String, u64>,
}

impl PublicityFigures {
    pub fn compute(year: i32, all: &[InfoRequest]) -> PublicityFigures {
        let mut figures = PublicityFigures::default();
        for request in all
            .iter()
            .filter(|r| r.kind == RequestKind::Publicity && r.received_on.year() == year)
        {
            if let Some(justification) = request.extension.as_ref().and_then(|e| e.justification) {
                *figures
                    .month_track_switches
                    .entry(justification_key(justification).to_owned())
                    .or_insert(0) += 1;
            }
            let Some(decided) = request.decided_on.filter(|d| d.year() == year) else {
                continue;
            };
            let Some(two_weeks) = two_week_deadline(request) else {
                continue;
            };
            figures.decided += 1;
            figures.on_time_two_weeks += u64::from(decided <= two_weeks.due);
            if let Some(month) = request.deadline.as_ref().filter(|d| d.rule == Rule::PublicityExtended) {
                figures.month_track_decided += 1;
                figures.on_time_month_track += u64::from(decided <= month.due);
            }
        }
        figures
    }
}
