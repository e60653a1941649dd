//! Finnish public holidays for any year (DOMAIN.md §5.3) and the two named calendars:
//! Regulation 1182/71 (EU-law periods such as the GDPR's) and the Time-limit Act 150/1930
//! (Finnish statutory periods).
//!
//! The two calendars differ in the two eves, Midsummer Eve (juhannusaatto) and Christmas Eve
//! (jouluaatto), and treat both alike: they have the same standing in Finland. Neither is a
//! public holiday (pyhäpäivä) designated by Finnish law — the church holidays are set by the
//! Church Act, May Day and Independence Day by their own acts — and both are named together in
//! the Time-limit Act 150/1930 §5 (as amended by 211/1938 and 358/1966) among the days that
//! move a statutory time limit to the next weekday. So:
//! - `FI_150_1930` moves a deadline past both eves (150/1930 §5);
//! - `FI_1182_71` keeps both as working days: Regulation 1182/71 Art 2(1) counts only the days
//!   "designated as public holidays" in the Member State, and neither eve is. This is also the
//!   reading that never makes an EU-law deadline later than the strictest reading would.
//!   Version `FI_1182_71@2025.1` moved past Midsummer Eve but not Christmas Eve (following the
//!   e-justice portal's list); deadlines stored under it keep their days and their calendar name.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// Easter Sunday by the Anonymous Gregorian computus (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The first `weekday` on or after `start`.
fn weekday_on_or_after(start: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let offset = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    start.checked_add_days(Days::new(u64::from(offset)))
}

fn shifted(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// A public holiday of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub finnish: &'static str,
    pub english: &'static str,
}

impl Holiday {
    /// Midsummer Eve or Christmas Eve: days off by the Time-limit Act 150/1930 §5, not public
    /// holidays designated by law (so not holidays under Regulation 1182/71).
    pub fn is_eve(&self) -> bool {
        matches!(self.finnish, "juhannusaatto" | "jouluaatto")
    }
}

/// Finland's public holidays of `year` that fall on fixed or computed dates, with the two eves
/// (they are on the 150/1930 list only; see [`Holiday::is_eve`]). Saturdays and Sundays are
/// not listed.
pub fn finnish_holidays(year: i32) -> Vec<Holiday> {
    let mut holidays = Vec::new();
    let mut push = |date: Option<NaiveDate>, finnish, english| {
        if let Some(date) = date {
            holidays.push(Holiday { date, finnish, english });
        }
    };
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    push(ymd(1, 1), "uudenvuodenpäivä", "New Year's Day");
    push(ymd(1, 6), "loppiainen", "Epiphany");
    let easter = easter_sunday(year);
    push(easter.and_then(|e| shifted(e, -2)), "pitkäperjantai", "Good Friday");
    push(easter, "pääsiäispäivä", "Easter Sunday");
    push(easter.and_then(|e| shifted(e, 1)), "2. pääsiäispäivä", "Easter Monday");
    push(ymd(5, 1), "vappu", "May Day");
    push(easter.and_then(|e| shifted(e, 39)), "helatorstai", "Ascension Day");
    push(easter.and_then(|e| shifted(e, 49)), "helluntaipäivä", "Whit Sunday");
    push(
        ymd(6, 19).and_then(|d| weekday_on_or_after(d, Weekday::Fri)),
        "juhannusaatto",
        "Midsummer Eve",
    );
    push(
        ymd(6, 20).and_then(|d| weekday_on_or_after(d, Weekday::Sat)),
        "juhannuspäivä",
        "Midsummer Day",
    );
    push(
        ymd(10, 31).and_then(|d| weekday_on_or_after(d, Weekday::Sat)),
        "pyhäinpäivä",
        "All Saints' Day",
    );
    push(ymd(12, 6), "itsenäisyyspäivä", "Independence Day");
    push(ymd(12, 24), "jouluaatto", "Christmas Eve");
    push(ymd(12, 25), "joulupäivä", "Christmas Day");
    push(ymd(12, 26), "tapaninpäivä", "Boxing Day");
    holidays.sort_by_key(|h| h.date);
    holidays
}

/// A calendar of working days by which a deadline that falls on a non-working day moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Calendar {
    /// Regulation (EEC, Euratom) 1182/71 Art 3(4) with Finland's public holidays (Art 2(1)):
    /// the eves are working days.
    #[serde(rename = "FI_1182_71")]
    Eu1182,
    /// Time-limit Act 150/1930 §5: Sundays and church holidays, Independence Day, May Day,
    /// Christmas Eve, Midsummer Eve and weekday Saturdays.
    #[serde(rename = "FI_150_1930")]
    Fi150,
}

impl Calendar {
    /// Name and version of the holiday data, stored with every deadline so that a corrected
    /// list never silently changes a stored one (DOMAIN.md §5.3).
    pub fn versioned_name(self) -> &'static str {
        match self {
            Calendar::Eu1182 => "FI_1182_71@2026.1",
            Calendar::Fi150 => "FI_150_1930@2025.1",
        }
    }

    /// Every versioned name a stored deadline may carry, the current one included: a deadline
    /// keeps the calendar it was computed with.
    pub const ALL_VERSIONS: &'static [&'static str] = &["FI_1182_71@2025.1", "FI_1182_71@2026.1", "FI_150_1930@2025.1"];

    /// The holiday on `date` under this calendar, if any (weekends are not holidays here).
    pub fn holiday(self, date: NaiveDate) -> Option<Holiday> {
        finnish_holidays(date.year())
            .into_iter()
            .filter(|h| !(self == Calendar::Eu1182 && h.is_eve()))
            .find(|h| h.date == date)
    }

    /// True when a deadline may end on `date`.
    pub fn is_working_day(self, date: NaiveDate) -> bool {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        !weekend && self.holiday(date).is_none()
    }

    /// `date` itself when it is a working day, else the next working day.
    pub fn roll_forward(self, date: NaiveDate) -> Option<NaiveDate> {
        let mut day = date;
        // A run of non-working days is at most a few days long (Christmas: 24–28.12).
        for _ in 0..14 {
            if self.is_working_day(day) {
                return Some(day);
            }
            day = day.succ_opt()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_known_years() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)), "latest possible");
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)), "earliest possible");
    }

    #[test]
    fn holidays_of_2025() {
        let days: Vec<(NaiveDate, &str)> = finnish_holidays(2025)
            .into_iter()
            .map(|h| (h.date, h.finnish))
            .collect();
        assert!(days.contains(&(date(2025, 4, 18), "pitkäperjantai")));
        assert!(days.contains(&(date(2025, 5, 29), "helatorstai")));
        assert!(days.contains(&(date(2025, 6, 20), "juhannusaatto")));
        assert!(days.contains(&(date(2025, 6, 21), "juhannuspäivä")));
        assert!(days.contains(&(date(2025, 11, 1), "pyhäinpäivä")));
        assert_eq!(days.len(), 15);
    }

    #[test]
    fn both_eves_differ_between_calendars_alike() {
        let eve = date(2025, 12, 24); // a Wednesday
        assert!(Calendar::Eu1182.is_working_day(eve));
        assert!(!Calendar::Fi150.is_working_day(eve));
        assert_eq!(Calendar::Fi150.roll_forward(eve), Some(date(2025, 12, 29)));
        // Midsummer Eve has the same standing: Fri 20.6.2025.
        let midsummer_eve = date(2025, 6, 20);
        assert!(Calendar::Eu1182.is_working_day(midsummer_eve));
        assert!(!Calendar::Fi150.is_working_day(midsummer_eve));
        assert_eq!(Calendar::Fi150.roll_forward(midsummer_eve), Some(date(2025, 6, 23)));
        assert_eq!(Calendar::Eu1182.roll_forward(midsummer_eve), Some(midsummer_eve));
        // Midsummer Day (a Saturday) still moves an EU-law deadline to Monday.
        assert_eq!(
            Calendar::Eu1182.roll_forward(date(2025, 6, 21)),
            Some(date(2025, 6, 23))
        );
        assert_eq!(
            Calendar::Eu1182.roll_forward(date(2025, 12, 6)),
            Some(date(2025, 12, 8))
        );
    }

    proptest! {
        #[test]
        fn easter_is_a_sunday_in_range(year in 1583i32..4000) {
            let easter = easter_sunday(year).unwrap();
            prop_assert_eq!(easter.weekday(), Weekday::Sun);
            prop_assert!(easter >= date(year, 3, 22) && easter <= date(year, 4, 25));
        }

        #[test]
        fn movable_feasts_fall_on_their_weekdays(year in 1583i32..4000) {
            let holidays = finnish_holidays(year);
            let by_name = |name: &str| holidays.iter().find(|h| h.finnish == name).unwrap().date;
            prop_assert_eq!(by_name("juhannusaatto").weekday(), Weekday::Fri);
            prop_assert_eq!(by_name("juhannuspäivä").weekday(), Weekday::Sat);
            prop_assert_eq!(by_name("pyhäinpäivä").weekday(), Weekday::Sat);
            prop_assert_eq!(by_name("helatorstai").weekday(), Weekday::Thu);
            prop_assert_eq!(holidays.len(), 15);
        }
    }
}
