//! Deadline rules and their arithmetic (DOMAIN.md §5): months and weeks counted as
//! Regulation 1182/71 Art 3(2)(c) and Act 150/1930 §3 say — same date in the last month, or
//! that month's last day — and the roll to the next working day under the rule's calendar.
//! Every day-based deadline keeps both the statutory day and the moved day; users are warned
//! on the earlier one.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use crate::holidays::Calendar;
use crate::time::{HELSINKI, Start};

/// A legal deadline rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Publicity Act 621/1999 §14(4): access at the latest within two weeks of receipt.
    Publicity,
    /// Publicity Act §14(4): one month when special handling is needed; needs a recorded justification.
    PublicityExtended,
    /// GDPR Art 12(3): one month of receipt.
    Gdpr,
    /// GDPR Art 12(3): extension by two further months (both readings, the earlier binds).
    GdprExtended,
    /// GDPR Art 33(1): 72 hours from awareness, elapsed time, no roll.
    Breach72h,
    /// Cybersecurity Act 124/2025 §11: early warning within 24 hours of detection.
    Nis2EarlyWarning,
    /// Cybersecurity Act 124/2025 §11: incident notification within 72 hours of detection.
    Nis2Notification,
    /// NIS2 Art 23(4)(d): final report within one month of the incident notification.
    Nis2Final,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::Publicity,
        Rule::PublicityExtended,
        Rule::Gdpr,
        Rule::GdprExtended,
        Rule::Breach72h,
        Rule::Nis2EarlyWarning,
        Rule::Nis2Notification,
        Rule::Nis2Final,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Rule::Publicity => "publicity",
            Rule::PublicityExtended => "publicity-extended",
            Rule::Gdpr => "gdpr",
            Rule::GdprExtended => "gdpr-extended",
            Rule::Breach72h => "breach-72h",
            Rule::Nis2EarlyWarning => "nis2-early-warning",
            Rule::Nis2Notification => "nis2-notification",
            Rule::Nis2Final => "nis2-final",
        }
    }

    pub fn parse(text: &str) -> Result<Rule, DeadlineError> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.key() == text.trim())
            .ok_or_else(|| DeadlineError::UnknownRule {
                given: text.to_owned(),
                allowed: Rule::ALL.iter().map(|r| r.key()).collect::<Vec<_>>().join(", "),
            })
    }

    /// The law the rule comes from.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Rule::Publicity => "JulkL 621/1999 14 § 4 mom (2 viikkoa)",
            Rule::PublicityExtended => "JulkL 621/1999 14 § 4 mom (1 kuukausi, erityiset syyt)",
            Rule::Gdpr => "GDPR 12(3) (1 kuukausi)",
            Rule::GdprExtended => "GDPR 12(3) (jatko 2 kuukautta)",
            Rule::Breach72h => "GDPR 33(1) (72 tuntia)",
            Rule::Nis2EarlyWarning => "Kyberturvallisuuslaki 124/2025 11 § (ensi-ilmoitus 24 h)",
            Rule::Nis2Notification => "Kyberturvallisuuslaki 124/2025 11 § (jatkoilmoitus 72 h)",
            Rule::Nis2Final => "NIS2 23(4)(d) (loppuraportti 1 kuukausi)",
        }
    }

    /// The calendar by which a day-based deadline moves; `None` for hour periods.
    pub fn calendar(self) -> Option<Calendar> {
        match self {
            Rule::Publicity | Rule::PublicityExtended => Some(Calendar::Fi150),
            Rule::Gdpr | Rule::GdprExtended | Rule::Nis2Final => Some(Calendar::Eu1182),
            Rule::Breach72h | Rule::Nis2EarlyWarning | Rule::Nis2Notification => None,
        }
    }

    /// Switching to this rule must be justified and the justification recorded.
    pub fn needs_justification(self) -> bool {
        matches!(self, Rule::PublicityExtended | Rule::GdprExtended)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error("unknown rule `{given}`, expected one of: {allowed}")]
    UnknownRule { given: String, allowed: String },
    #[error("rule {0} counts hours and needs a date and time, not only a date")]
    NeedsTime(&'static str),
    #[error("the deadline falls outside the supported calendar")]
    OutOfRange,
}

/// Which reading of the GDPR extension binds (DOMAIN.md §5.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExtensionReading {
    /// (i) receipt + 3 months.
    ReceiptPlusThreeMonths,
    /// (ii) the unrolled first deadline + 2 months.
    FirstDeadlinePlusTwoMonths,
    /// Both readings give the same day.
    Both,
}

/// A day-based deadline: the statutory last day and the day it moves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayDeadline {
    pub rule: Rule,
    pub from: NaiveDate,
    /// The statutory last day (unrolled).
    pub due: NaiveDate,
    /// The day the deadline moves to when `due` is not a working day; equals `due` otherwise.
    pub due_moved: NaiveDate,
    /// The day users are warned on: the earlier of the two (DOMAIN.md §5.2).
    pub warn_on: NaiveDate,
    pub calendar: &'static str,
    /// What makes `due` a non-working day, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_because: Option<String>,
    /// GDPR extension only: both readings and which binds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<ExtensionDetail>,
}

/// The two readings of the GDPR extension and the extension-notice deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionDetail {
    pub receipt_plus_three_months: NaiveDate,
    pub first_deadline_plus_two_months: NaiveDate,
    pub binding_reading: ExtensionReading,
    /// The requester must be told of the extension by the first deadline (statutory and moved).
    pub notice_due: NaiveDate,
    pub notice_due_moved: NaiveDate,
}

/// An hour-based deadline: an instant, never moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HourDeadline {
    pub rule: Rule,
    pub from: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub hours: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Deadline {
    Day(DayDeadline),
    Hour(HourDeadline),
}

impl Deadline {
    pub fn rule(&self) -> Rule {
        match self {
            Deadline::Day(day) => day.rule,
            Deadline::Hour(hour) => hour.rule,
        }
    }
}

/// `start` + `months` calendar months: the same day of the month, or the last day of the
/// final month when it is shorter (1182/71 Art 3(2)(c), 150/1930 §3).
///
/// chrono's `checked_add_months` clamps the same way; the tests pin that behaviour.
pub fn add_months_clamped(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))
}

fn add_weeks(start: NaiveDate, weeks: u64) -> Option<NaiveDate> {
    start.checked_add_days(Days::new(weeks * 7))
}

fn day_deadline(rule: Rule, from: NaiveDate, due: NaiveDate) -> Result<DayDeadline, DeadlineError> {
    let calendar = rule.calendar().ok_or(DeadlineError::OutOfRange)?;
    let due_moved = calendar.roll_forward(due).ok_or(DeadlineError::OutOfRange)?;
    let moved_because = (due_moved != due).then(|| match calendar.holiday(due) {
        Some(holiday) => format!("{} ({}) is a holiday", due, holiday.finnish),
        None => format!(
            "{} is a {}",
            due,
            if due.weekday() == chrono::Weekday::Sat {
                "Saturday"
            } else {
                "Sunday"
            }
        ),
    });
    Ok(DayDeadline {
        rule,
        from,
        due,
        due_moved,
        warn_on: due.min(due_moved),
        calendar: calendar.versioned_name(),
        moved_because,
        extension: None,
    })
}

fn hour_deadline(rule: Rule, start: Start, hours: i64) -> Result<HourDeadline, DeadlineError> {
    let Start::Instant(from) = start else {
        return Err(DeadlineError::NeedsTime(rule.key()));
    };
    // Elapsed time on UTC instants: never add hours to a local wall-clock time (DOMAIN.md §5.4).
    let due = from
        .checked_add_signed(TimeDelta::hours(hours))
        .ok_or(DeadlineError::OutOfRange)?;
    Ok(HourDeadline { rule, from, due, hours })
}

/// Computes the deadline of `rule` for a period that starts at `start`.
pub fn compute(rule: Rule, start: Start) -> Result<Deadline, DeadlineError> {
    let from = start.helsinki_date();
    let months = |n| add_months_clamped(from, n).ok_or(DeadlineError::OutOfRange);
    let deadline = match rule {
        Rule::Publicity => Deadline::Day(day_deadline(
            rule,
            from,
            add_weeks(from, 2).ok_or(DeadlineError::OutOfRange)?,
        )?),
        Rule::PublicityExtended | Rule::Gdpr | Rule::Nis2Final => Deadline::Day(day_deadline(rule, from, months(1)?)?),
        Rule::GdprExtended => {
            let first = day_deadline(Rule::Gdpr, from, months(1)?)?;
            let reading_one = months(3)?;
            // Never chain from the rolled first deadline: it can add days the law does not give.
            let reading_two = add_months_clamped(first.due, 2).ok_or(DeadlineError::OutOfRange)?;
            let binding_reading = match reading_one.cmp(&reading_two) {
                std::cmp::Ordering::Less => ExtensionReading::ReceiptPlusThreeMonths,
                std::cmp::Ordering::Greater => ExtensionReading::FirstDeadlinePlusTwoMonths,
                std::cmp::Ordering::Equal => ExtensionReading::Both,
            };
            let mut extended = day_deadline(rule, from, reading_one.min(reading_two))?;
            extended.extension = Some(ExtensionDetail {
                receipt_plus_three_months: reading_one,
                first_deadline_plus_two_months: reading_two,
                binding_reading,
                notice_due: first.due,
                notice_due_moved: first.due_moved,
            });
            Deadline::Day(extended)
        }
        Rule::Breach72h | Rule::Nis2Notification => Deadline::Hour(hour_deadline(rule, start, 72)?),
        Rule::Nis2EarlyWarning => Deadline::Hour(hour_deadline(rule, start, 24)?),
    };
    Ok(deadline)
}

/// RFC 3339 in Helsinki time with its offset, as deadlines are shown.
pub fn helsinki_rfc3339(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&HELSINKI).to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_start;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn day(rule: Rule, from: NaiveDate) -> DayDeadline {
        match compute(rule, Start::Date(from)).unwrap() {
            Deadline::Day(day) => day,
            Deadline::Hour(_) => panic!("day rule"),
        }
    }

    // DOMAIN.md §5.10, the worked examples.
    #[test]
    fn gdpr_one_month() {
        let no_31_february = day(Rule::Gdpr, date(2025, 1, 31));
        assert_eq!(
            (no_31_february.due, no_31_february.due_moved),
            (date(2025, 2, 28), date(2025, 2, 28))
        );
        let leap = day(Rule::Gdpr, date(2024, 1, 31));
        assert_eq!(leap.due, date(2024, 2, 29));
        let saturday = day(Rule::Gdpr, date(2025, 2, 15));
        assert_eq!(
            (saturday.due, saturday.due_moved),
            (date(2025, 3, 15), date(2025, 3, 17))
        );
        assert_eq!(saturday.warn_on, date(2025, 3, 15));
        let independence = day(Rule::Gdpr, date(2025, 11, 6));
        assert_eq!(
            (independence.due, independence.due_moved),
            (date(2025, 12, 6), date(2025, 12, 8))
        );
        assert_eq!(
            independence.moved_because.as_deref(),
            Some("2025-12-06 (itsenäisyyspäivä) is a holiday")
        );
    }

    #[test]
    fn gdpr_extended_takes_the_earlier_reading() {
        let end_of_january = day(Rule::GdprExtended, date(2025, 1, 31));
        let detail = end_of_january.extension.clone().unwrap();
        assert_eq!(detail.receipt_plus_three_months, date(2025, 4, 30));
        assert_eq!(detail.first_deadline_plus_two_months, date(2025, 4, 28));
        assert_eq!(detail.binding_reading, ExtensionReading::FirstDeadlinePlusTwoMonths);
        assert_eq!(
            (end_of_january.due, end_of_january.due_moved),
            (date(2025, 4, 28), date(2025, 4, 28))
        );

        let saturday = day(Rule::GdprExtended, date(2025, 2, 15));
        assert_eq!(
            saturday.due,
            date(2025, 5, 15),
            "not 19.5 by chaining from the rolled 17.3"
        );
        let detail = saturday.extension.unwrap();
        assert_eq!(detail.binding_reading, ExtensionReading::Both);
        assert_eq!(
            (detail.notice_due, detail.notice_due_moved),
            (date(2025, 3, 15), date(2025, 3, 17))
        );
    }

    #[test]
    fn publicity_two_weeks_over_christmas() {
        let christmas = day(Rule::Publicity, date(2025, 12, 10));
        assert_eq!(christmas.due, date(2025, 12, 24));
        assert_eq!(christmas.due_moved, date(2025, 12, 29));
        assert_eq!(christmas.warn_on, date(2025, 12, 24), "alert on the earlier date");
        assert_eq!(christmas.calendar, "FI_150_1930@2025.1");
        // The same day under 1182/71 is a working day.
        assert!(Calendar::Eu1182.is_working_day(date(2025, 12, 24)));
    }

    #[test]
    fn publicity_extended_and_nis2_final_are_months() {
        let extended = day(Rule::PublicityExtended, date(2025, 5, 31));
        assert_eq!(extended.due, date(2025, 6, 30));
        let final_report = day(Rule::Nis2Final, date(2025, 5, 20));
        assert_eq!(
            (final_report.due, final_report.due_moved),
            (date(2025, 6, 20), date(2025, 6, 20)),
            "Midsummer Eve is a working day under 1182/71, like Christmas Eve"
        );
        let final_report = day(Rule::Nis2Final, date(2025, 5, 21));
        assert_eq!(
            (final_report.due, final_report.due_moved),
            (date(2025, 6, 21), date(2025, 6, 23)),
            "Midsummer Day (a Saturday) moves it to Monday"
        );
        assert_eq!(final_report.calendar, "FI_1182_71@2026.1");
    }

    #[test]
    fn breach_72_hours_has_no_weekend_roll() {
        let Deadline::Hour(breach) = compute(Rule::Breach72h, parse_start("2025-03-07T16:20").unwrap()).unwrap() else {
            panic!()
        };
        assert_eq!(helsinki_rfc3339(breach.due), "2025-03-10T16:20:00+02:00");
    }

    #[test]
    fn hour_clocks_across_daylight_saving() {
        // Spring: the window ends one hour later on the local clock.
        let Deadline::Hour(spring) = compute(Rule::Breach72h, parse_start("2025-03-28T12:00").unwrap()).unwrap() else {
            panic!()
        };
        assert_eq!(helsinki_rfc3339(spring.due), "2025-03-31T13:00:00+03:00");
        // Autumn: one hour earlier.
        let Deadline::Hour(autumn) = compute(Rule::Nis2Notification, parse_start("2025-10-24T12:00").unwrap()).unwrap()
        else {
            panic!()
        };
        assert_eq!(helsinki_rfc3339(autumn.due), "2025-10-27T11:00:00+02:00");
        let Deadline::Hour(warning) =
            compute(Rule::Nis2EarlyWarning, parse_start("2025-10-25T12:00").unwrap()).unwrap()
        else {
            panic!()
        };
        assert_eq!(helsinki_rfc3339(warning.due), "2025-10-26T11:00:00+02:00");
    }

    #[test]
    fn hour_rule_needs_a_time() {
        assert_eq!(
            compute(Rule::Breach72h, Start::Date(date(2025, 3, 7))),
            Err(DeadlineError::NeedsTime("breach-72h"))
        );
        let err = Rule::parse("gdpr-1m").unwrap_err().to_string();
        assert!(
            err.contains("expected one of: publicity, publicity-extended, gdpr"),
            "{err}"
        );
    }

    #[test]
    fn chrono_month_addition_clamps() {
        // Pinned: the arithmetic above relies on it.
        assert_eq!(add_months_clamped(date(2025, 1, 31), 1), Some(date(2025, 2, 28)));
        assert_eq!(add_months_clamped(date(2024, 1, 31), 1), Some(date(2024, 2, 29)));
        assert_eq!(add_months_clamped(date(2025, 3, 31), 1), Some(date(2025, 4, 30)));
        assert_eq!(add_months_clamped(date(2025, 11, 30), 3), Some(date(2026, 2, 28)));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2200, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            (0..4)
                .find_map(|back| NaiveDate::from_ymd_opt(y, m, d - back.min(d - 1)))
                .unwrap()
        })
    }

    fn any_day_rule() -> impl Strategy<Value = Rule> {
        prop::sample::select(vec![
            Rule::Publicity,
            Rule::PublicityExtended,
            Rule::Gdpr,
            Rule::GdprExtended,
            Rule::Nis2Final,
        ])
    }

    fn days_in_month(year: i32, month: u32) -> u32 {
        let next = if month == 12 {
            date(year + 1, 1, 1)
        } else {
            date(year, month + 1, 1)
        };
        next.pred_opt().unwrap().day()
    }

    proptest! {
        #[test]
        fn month_arithmetic_keeps_the_date_or_clamps(start in any_date(), months in 0u32..=36) {
            let end = add_months_clamped(start, months).unwrap();
            let total = start.year() * 12 + start.month0() as i32 + months as i32;
            prop_assert_eq!((end.year(), end.month0() as i32), (total.div_euclid(12), total.rem_euclid(12)));
            prop_assert_eq!(end.day(), start.day().min(days_in_month(end.year(), end.month())));
        }

        #[test]
        fn roll_moves_only_past_non_working_days(rule in any_day_rule(), start in any_date()) {
            let deadline = day(rule, start);
            let calendar = rule.calendar().unwrap();
            prop_assert!(deadline.due >= start, "never before its start");
            prop_assert!(deadline.due_moved >= deadline.due);
            prop_assert!(calendar.is_working_day(deadline.due_moved));
            prop_assert_eq!(deadline.due == deadline.due_moved, calendar.is_working_day(deadline.due));
            let mut between = deadline.due;
            while between < deadline.due_moved {
                prop_assert!(!calendar.is_working_day(between));
                between = between.succ_opt().unwrap();
            }
            prop_assert_eq!(deadline.warn_on, deadline.due);
            prop_assert!((deadline.due_moved - deadline.due).num_days() <= 5);
        }

        #[test]
        fn later_start_never_gives_earlier_deadline(rule in any_day_rule(), a in any_date(), b in any_date()) {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            let (early, late) = (day(rule, early), day(rule, late));
            prop_assert!(early.due <= late.due);
            prop_assert!(early.due_moved <= late.due_moved);
        }

        #[test]
        fn extension_is_never_later_than_either_reading(start in any_date()) {
            let extended = day(Rule::GdprExtended, start);
            let detail = extended.extension.unwrap();
            prop_assert_eq!(extended.due, detail.receipt_plus_three_months.min(detail.first_deadline_plus_two_months));
            prop_assert!(extended.due > day(Rule::Gdpr, start).due);
        }

        #[test]
        fn hour_periods_are_exact_elapsed_time(seconds in 0i64..5_000_000_000) {
            let from = DateTime::<Utc>::from_timestamp(seconds, 0).unwrap();
            let Deadline::Hour(breach) = compute(Rule::Breach72h, Start::Instant(from)).unwrap() else { unreachable!() };
            prop_assert_eq!(breach.due - from, TimeDelta::hours(72));
        }
    }
}
