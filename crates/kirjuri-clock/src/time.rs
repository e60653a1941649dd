//! Reading the start of a period: a date, or a date and time. A value without an offset is
//! Europe/Helsinki local time (DOMAIN.md §5.4).

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The time zone every day-based clock is counted in.
pub const HELSINKI: Tz = chrono_tz::Europe::Helsinki;

/// The start of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A calendar day in Europe/Helsinki (receipt of a request).
    Date(NaiveDate),
    /// An instant (awareness of a breach).
    Instant(DateTime<Utc>),
}

impl Start {
    /// The instant of the start; a day starts at its Europe/Helsinki midnight.
    pub fn instant(self) -> DateTime<Utc> {
        match self {
            Start::Instant(instant) => instant,
            Start::Date(date) => {
                let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
                // Midnight always exists in Helsinki (the clocks change at 03:00 and 04:00).
                HELSINKI
                    .from_local_datetime(&midnight)
                    .earliest()
                    .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
            }
        }
    }

    /// The Europe/Helsinki calendar day of the start.
    pub fn helsinki_date(self) -> NaiveDate {
        match self {
            Start::Date(date) => date,
            Start::Instant(instant) => instant.with_timezone(&HELSINKI).date_naive(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error(
        "`{0}` is not a date or time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (Europe/Helsinki) or RFC 3339 with an offset"
    )]
    Unreadable(String),
    #[error("`{0}` does not exist in Europe/Helsinki (the clocks jump forward at the daylight-saving change)")]
    NonexistentLocalTime(String),
    #[error("`{0}` is only a date; this needs a date and time (YYYY-MM-DDTHH:MM, Europe/Helsinki)")]
    DateWithoutTime(String),
}

/// Reads an instant the way [`parse_start`] does, refusing a bare date: for moments that
/// start hour-based clocks (becoming aware of a breach, sending a notification), where a day
/// alone would silently mean its midnight.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, StartError> {
    match parse_start(text)? {
        Start::Instant(instant) => Ok(instant),
        Start::Date(_) => Err(StartError::DateWithoutTime(text.trim().to_owned())),
    }
}

/// Reads `2025-03-07`, `2025-03-07T16:20`, `2025-03-07 16:20:00` (Helsinki time) or
/// `2025-03-07T14:20:00Z` / `…+02:00`. An ambiguous local time (the hour repeated when
/// daylight saving ends) is read as the earlier instant, which gives the earlier deadline.
pub fn parse_start(text: &str) -> Result<Start, StartError> {
    let trimmed = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Ok(Start::Date(date));
    }
    if let Ok(with_offset) = DateTime::<FixedOffset>::parse_from_rfc3339(trimmed) {
        return Ok(Start::Instant(with_offset.with_timezone(&Utc)));
    }
    let local_formats = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ];
    let local = local_formats
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(trimmed, format).ok())
        .ok_or_else(|| StartError::Unreadable(trimmed.to_owned()))?;
    match HELSINKI.from_local_datetime(&local) {
        LocalResult::Single(instant) => Ok(Start::Instant(instant.with_timezone(&Utc))),
        LocalResult::Ambiguous(earlier, _) => Ok(Start::Instant(earlier.with_timezone(&Utc))),
        LocalResult::None => Err(StartError::NonexistentLocalTime(trimmed.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_is_helsinki() {
        let Start::Instant(instant) = parse_start("2025-03-07T16:20").unwrap() else {
            panic!()
        };
        assert_eq!(instant.to_rfc3339(), "2025-03-07T14:20:00+00:00");
        let Start::Instant(summer) = parse_start("2025-07-01 12:00").unwrap() else {
            panic!()
        };
        assert_eq!(summer.to_rfc3339(), "2025-07-01T09:00:00+00:00");
    }

    #[test]
    fn forms_and_errors() {
        assert_eq!(
            parse_start("2025-01-31").unwrap(),
            Start::Date(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap())
        );
        assert!(matches!(
            parse_start("2025-03-07T16:20:00+02:00"),
            Ok(Start::Instant(_))
        ));
        assert!(matches!(parse_start("31.1.2025"), Err(StartError::Unreadable(_))));
        assert!(matches!(parse_start("2025-02-30"), Err(StartError::Unreadable(_))));
        // 30.3.2025 03:30 does not exist in Helsinki (clocks go from 03:00 to 04:00).
        assert!(matches!(
            parse_start("2025-03-30T03:30"),
            Err(StartError::NonexistentLocalTime(_))
        ));
        // 26.10.2025 03:30 happens twice; the earlier (EEST, UTC+3) is taken.
        let Start::Instant(ambiguous) = parse_start("2025-10-26T03:30").unwrap() else {
            panic!()
        };
        assert_eq!(ambiguous.to_rfc3339(), "2025-10-26T00:30:00+00:00");
    }
}
