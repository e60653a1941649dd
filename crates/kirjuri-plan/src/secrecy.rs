//! When does a secret record's secrecy end, and by which rule? (Publicity Act 621/1999 §31,
//! DOMAIN.md §2.10 and §3.1.) The one place that turns a record's secrecy period, its start
//! event and the event dates recorded for it into an end day; the registry, the pages, the
//! API, the CLI, the archive list and the transfer package all ask this function.
//!
//! - Start event "death of the person" (§31(2)): the period runs from the recorded death;
//!   when no death is recorded the secrecy lasts 100 years from the document date.
//! - Start event "end of the client or employment relationship": no end day until the end
//!   of the relationship is recorded.
//! - Any other start event: period years from that event's day.
//!
//! The day arithmetic is `secrecy_ends_on` (leap-day rule of DOMAIN.md §3.1).

use chrono::NaiveDate;
use serde::Serialize;

use crate::retention::secrecy_ends_on;
use crate::values::SecrecyStart;

/// §31(2): secrecy of a private-life document whose subject's death is not known.
pub const YEARS_IF_DEATH_UNKNOWN: u32 = 100;

/// The dates a secrecy start event may take its day from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecrecyDates {
    /// The document's own date (asiakirjan päivämäärä).
    pub document_date: Option<NaiveDate>,
    /// The day the document arrived, if it did.
    pub arrival_date: Option<NaiveDate>,
    /// The day the case was decided, if it has been.
    pub case_decision_date: Option<NaiveDate>,
    /// The recorded death of the person the document concerns.
    pub death_date: Option<NaiveDate>,
    /// The recorded end of the client or employment relationship.
    pub relationship_end_date: Option<NaiveDate>,
}

/// Which rule gave the end day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum SecrecyRule {
    /// N years from the start event's day (§31(1) or the plan's period).
    FromStart {
        years: u32,
        start: SecrecyStart,
        start_date: NaiveDate,
    },
    /// N years after the recorded death of the person (§31(2)).
    AfterDeath { years: u32, death_date: NaiveDate },
    /// 100 years from the document date because no death is recorded (§31(2)).
    DeathNotKnown { years: u32, document_date: NaiveDate },
}

/// The end of a record's secrecy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum SecrecyEnd {
    /// Secrecy ends at the start of this day (Europe/Helsinki), by this rule.
    On { ends_on: NaiveDate, rule: SecrecyRule },
    /// The start event has not been recorded (e.g. the relationship has not ended, the case
    /// is undecided): no end day yet.
    AwaitingEvent { years: u32, start: SecrecyStart },
}

impl SecrecyEnd {
    /// The end day, if known.
    pub fn ends_on(&self) -> Option<NaiveDate> {
        match self {
            SecrecyEnd::On { ends_on, .. } => Some(*ends_on),
            SecrecyEnd::AwaitingEvent { .. } => None,
        }
    }

    /// The rule in plain English, for the API and the CLI ("50 years after death 3.4.2031").
    /// Pages word it from their catalogue instead.
    pub fn describe_en(&self) -> String {
        match self {
            SecrecyEnd::On { rule, .. } => match rule {
                SecrecyRule::FromStart {
                    years,
                    start,
                    start_date,
                } => {
                    format!(
                        "{years} years from the {} {}",
                        start.english(),
                        finnish_day(*start_date)
                    )
                }
                SecrecyRule::AfterDeath { years, death_date } => {
                    format!("{years} years after death {}", finnish_day(*death_date))
                }
                SecrecyRule::DeathNotKnown { years, .. } => {
                    format!("{years} years from the document date, death not known")
                }
            },
            SecrecyEnd::AwaitingEvent { years, start } => {
                format!(
                    "{years} years from the {}, which has not been recorded",
                    start.english()
                )
            }
        }
    }
}

/// A day as Finnish practice writes it: 3.4.2031.
pub fn finnish_day(day: NaiveDate) -> String {
    day.format("%-d.%-m.%Y").to_string()
}

/// The end of secrecy of a record kept secret for `years` from `start`. `None` when the day
/// falls outside the supported calendar or the start event's day can never be known (no
/// document date for a document-date start).
pub fn secrecy_end(years: u32, start: SecrecyStart, dates: &SecrecyDates) -> Option<SecrecyEnd> {
    let on = |rule: SecrecyRule, from: NaiveDate, years: u32| {
        secrecy_ends_on(from, years)
            .ok()
            .map(|ends_on| SecrecyEnd::On { ends_on, rule })
    };
    let awaiting = Some(SecrecyEnd::AwaitingEvent { years, start });
    match start {
        SecrecyStart::DeathOfPerson => match (dates.death_date, dates.document_date) {
            (Some(death_date), _) => on(SecrecyRule::AfterDeath { years, death_date }, death_date, years),
            (None, Some(document_date)) => on(
                SecrecyRule::DeathNotKnown {
                    years: YEARS_IF_DEATH_UNKNOWN,
                    document_date,
                },
                document_date,
                YEARS_IF_DEATH_UNKNOWN,
            ),
            (None, None) => awaiting,
        },
        _ => {
            let start_date = match start {
                SecrecyStart::CaseDecision => dates.case_decision_date,
                SecrecyStart::DocumentArrival => dates.arrival_date.or(dates.document_date),
                SecrecyStart::EndOfRelationship => dates.relationship_end_date,
                SecrecyStart::DocumentDate | SecrecyStart::DocumentCompletion | SecrecyStart::DeathOfPerson => {
                    dates.document_date
                }
            };
            match start_date {
                Some(start_date) => on(
                    SecrecyRule::FromStart {
                        years,
                        start,
                        start_date,
                    },
                    start_date,
                    years,
                ),
                None => awaiting,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dated(document_date: NaiveDate) -> SecrecyDates {
        SecrecyDates {
            document_date: Some(document_date),
            ..SecrecyDates::default()
        }
    }

    #[test]
    fn leap_day_document_with_five_years() {
        // Mon 29.2.2016 + 5 years → Mon 1.3.2021 (leap-day rule, DOMAIN.md §3.1).
        let end = secrecy_end(5, SecrecyStart::DocumentDate, &dated(day(2016, 2, 29))).unwrap();
        assert_eq!(end.ends_on(), Some(day(2021, 3, 1)));
        assert_eq!(end.describe_en(), "5 years from the date of the document 29.2.2016");
    }

    #[test]
    fn private_life_without_a_known_death_lasts_100_years() {
        // §24(1) item 25 document dated 15.3.2020, no death known → 15.3.2120 (§31(2)).
        let end = secrecy_end(50, SecrecyStart::DeathOfPerson, &dated(day(2020, 3, 15))).unwrap();
        assert_eq!(end.ends_on(), Some(day(2120, 3, 15)));
        assert_eq!(end.describe_en(), "100 years from the document date, death not known");
    }

    #[test]
    fn private_life_with_a_recorded_death_lasts_50_years_after_it() {
        // Same document, death recorded on 3.4.2031 → 3.4.2081 (§31(2)).
        let dates = SecrecyDates {
            death_date: Some(day(2031, 4, 3)),
            ..dated(day(2020, 3, 15))
        };
        let end = secrecy_end(50, SecrecyStart::DeathOfPerson, &dates).unwrap();
        assert_eq!(end.ends_on(), Some(day(2081, 4, 3)));
        assert_eq!(end.describe_en(), "50 years after death 3.4.2031");
    }

    #[test]
    fn general_ground_lasts_25_years_from_the_document_date() {
        // §24(1) item 7 document dated 1.6.2024 → 1.6.2049 (§31(1)).
        let end = secrecy_end(25, SecrecyStart::DocumentDate, &dated(day(2024, 6, 1))).unwrap();
        assert_eq!(end.ends_on(), Some(day(2049, 6, 1)));
    }

    #[test]
    fn relationship_end_must_be_recorded() {
        // Employment ended 31.12.2030 + 50 years → 31.12.2080; before that: no end day.
        let waiting = secrecy_end(50, SecrecyStart::EndOfRelationship, &dated(day(2024, 6, 1))).unwrap();
        assert_eq!(waiting.ends_on(), None);
        let dates = SecrecyDates {
            relationship_end_date: Some(day(2030, 12, 31)),
            ..dated(day(2024, 6, 1))
        };
        let end = secrecy_end(50, SecrecyStart::EndOfRelationship, &dates).unwrap();
        assert_eq!(end.ends_on(), Some(day(2080, 12, 31)));
    }

    #[test]
    fn case_decision_start_waits_for_the_decision() {
        // Decided 10.1.2025 + 25 years → 10.1.2050.
        let dates = SecrecyDates {
            case_decision_date: Some(day(2025, 1, 10)),
            ..dated(day(2024, 6, 1))
        };
        assert_eq!(
            secrecy_end(25, SecrecyStart::CaseDecision, &dates).unwrap().ends_on(),
            Some(day(2050, 1, 10))
        );
        assert_eq!(
            secrecy_end(25, SecrecyStart::CaseDecision, &dated(day(2024, 6, 1)))
                .unwrap()
                .ends_on(),
            None
        );
    }
}
