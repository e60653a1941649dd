//! One contract and the rules on it: when its current term ends, the last day to give notice
//! so that it ends then, and the lists of contracts that need someone's attention.

use chrono::{Days, Months, NaiveDate};
use kirjuri_clock::Calendar;
use serde::{Deserialize, Serialize};

/// How a contract goes on after its first term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Renewal {
    /// Fixed term (määräaikainen): ends on its end day without notice.
    Fixed,
    /// Renews by itself for `months` at a time unless notice is given in time (jatkuu
    /// automaattisesti).
    Automatic { months: u32 },
    /// In force until notice is given (toistaiseksi voimassa): ends one notice period after the
    /// notice.
    UntilNotice,
}

impl Renewal {
    /// Reads `fixed`, `automatic:12` (months per renewal) or `until-notice`.
    pub fn parse(text: &str) -> Result<Renewal, String> {
        let text = text.trim().to_lowercase();
        match text.as_str() {
            "fixed" => Ok(Renewal::Fixed),
            "until-notice" => Ok(Renewal::UntilNotice),
            _ => match text.strip_prefix("automatic:").map(|m| m.trim().parse::<u32>()) {
                Some(Ok(months)) if (1..=120).contains(&months) => Ok(Renewal::Automatic { months }),
                _ => Err(format!(
                    "`{text}` is not a renewal term, expected `fixed`, `automatic:<months 1–120>` or `until-notice`"
                )),
            },
        }
    }

    pub fn key(self) -> String {
        match self {
            Renewal::Fixed => "fixed".to_owned(),
            Renewal::Automatic { months } => format!("automatic:{months}"),
            Renewal::UntilNotice => "until-notice".to_owned(),
        }
    }
}

/// The notice period (irtisanomisaika): notice must reach the other party this long before
/// the day the contract is to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticePeriod {
    Months(u32),
    Days(u32),
}

impl NoticePeriod {
    /// Reads `3m` / `3 kk` (months) or `90d` / `90 pv` (days).
    pub fn parse(text: &str) -> Result<NoticePeriod, String> {
        let compact: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let split = compact.find(|c: char| !c.is_ascii_digit()).unwrap_or(compact.len());
        let (number, unit) = compact.split_at(split);
        let bad = || {
            format!(
                "`{}` is not a notice period, expected e.g. `3m` (months) or `90d` (days)",
                text.trim()
            )
        };
        let number: u32 = number.parse().map_err(|_| bad())?;
        match unit {
            "m" | "kk" if (1..=60).contains(&number) => Ok(NoticePeriod::Months(number)),
            "d" | "pv" if (1..=1_830).contains(&number) => Ok(NoticePeriod::Days(number)),
            _ => Err(bad()),
        }
    }

    pub fn key(self) -> String {
        match self {
            NoticePeriod::Months(months) => format!("{months}m"),
            NoticePeriod::Days(days) => format!("{days}d"),
        }
    }

    /// The last day notice can be given for the contract to end on `end`: `end` less the
    /// period, a month counted as the same day number of the earlier month (the last day of
    /// that month when it is shorter: 31.12. less 3 months is 30.9.).
    pub fn before(self, end: NaiveDate) -> Option<NaiveDate> {
        match self {
            NoticePeriod::Months(months) => end.checked_sub_months(Months::new(months)),
            NoticePeriod::Days(days) => end.checked_sub_days(Days::new(u64::from(days))),
        }
    }

    /// The day a contract ends when notice is given on `given`.
    pub fn after(self, given: NaiveDate) -> Option<NaiveDate> {
        match self {
            NoticePeriod::Months(months) => given.checked_add_months(Months::new(months)),
            NoticePeriod::Days(days) => given.checked_add_days(Days::new(u64::from(days))),
        }
    }
}

/// The contract's value band (arvoluokka), by the national procurement threshold for goods and
/// services (Act on Public Procurement 1397/2016 §25: 60,000 euros) and the city's own bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ValueBand {
    #[default]
    Unknown,
    Under10k,
    #[serde(rename = "10k-60k")]
    From10kTo60k,
    #[serde(rename = "60k-250k")]
    From60kTo250k,
    #[serde(rename = "over-250k")]
    Over250k,
}

impl ValueBand {
    pub const ALL: &[ValueBand] = &[
        ValueBand::Unknown,
        ValueBand::Under10k,
        ValueBand::From10kTo60k,
        ValueBand::From60kTo250k,
        ValueBand::Over250k,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ValueBand::Unknown => "unknown",
            ValueBand::Under10k => "under-10k",
            ValueBand::From10kTo60k => "10k-60k",
            ValueBand::From60kTo250k => "60k-250k",
            ValueBand::Over250k => "over-250k",
        }
    }

    pub fn parse(text: &str) -> Result<ValueBand, String> {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return Ok(ValueBand::Unknown);
        }
        ValueBand::ALL
            .iter()
            .copied()
            .find(|band| band.key() == text)
            .ok_or_else(|| {
                let keys: Vec<&str> = ValueBand::ALL.iter().map(|b| b.key()).collect();
                format!("`{text}` is not a value band, expected one of: {}", keys.join(", "))
            })
    }
}

/// Where the contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContractState {
    /// Being negotiated: not yet in force.
    Draft,
    Active,
    /// Ended by its term or after notice.
    Ended,
    /// Terminated early (purettu).
    Terminated,
}

impl ContractState {
    pub const ALL: &[ContractState] = &[
        ContractState::Draft,
        ContractState::Active,
        ContractState::Ended,
        ContractState::Terminated,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ContractState::Draft => "draft",
            ContractState::Active => "active",
            ContractState::Ended => "ended",
            ContractState::Terminated => "terminated",
        }
    }

    pub fn parse(text: &str) -> Result<ContractState, String> {
        let text = text.trim().to_lowercase();
        ContractState::ALL
            .iter()
            .copied()
            .find(|s| s.key() == text)
            .ok_or_else(|| {
                format!("`{text}` is not a contract state, expected one of: draft, active, ended, terminated")
            })
    }
}

/// One contract of the city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// A short key of lower-case letters, digits and hyphens.
    pub id: String,
    /// The subject (sopimuksen kohde).
    pub title: String,
    pub counterparty: String,
    /// The counterparty's business id (Y-tunnus), when known.
    #[serde(default)]
    pub business_id: Option<String>,
    /// The named person responsible (sopimusvastaava); empty when nobody is named.
    pub owner: String,
    pub department: String,
    pub starts_on: Option<NaiveDate>,
    /// The end of the first term; `None` for a contract until notice.
    pub ends_on: Option<NaiveDate>,
    pub renewal: Renewal,
    pub notice: Option<NoticePeriod>,
    /// The day notice was given (by either party).
    #[serde(default)]
    pub notice_given_on: Option<NaiveDate>,
    /// The day the contract is next to be reviewed.
    #[serde(default)]
    pub review_due: Option<NaiveDate>,
    #[serde(default)]
    pub value_band: ValueBand,
    /// The other party processes personal data for the city (GDPR Art 28).
    pub personal_data: bool,
    /// The processor agreement (käsittelijäsopimus) of the register of processing.
    #[serde(default)]
    pub processor_agreement: Option<String>,
    /// The contract document: a document id of the registry.
    #[serde(default)]
    pub document: Option<String>,
    pub state: ContractState,
}

/// The next day notice must be given by, for the contract to end at the end of its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NoticeDay {
    /// The end of the term this notice ends the contract at.
    pub term_end: NaiveDate,
    /// The last day to give notice as the contract counts it: reminders and lists use it.
    pub last_day: NaiveDate,
    /// When `last_day` falls on a weekend or holiday, the working day notice is still in time
    /// (Time-limit Act 150/1930 §1 and §5 apply to time limits set in a legal act); the same
    /// day otherwise.
    pub moved_to: NaiveDate,
}

/// How many renewals [`Contract::notice_day`] looks ahead: 100 years of yearly renewals.
const MAX_TERMS: u32 = 1_200;

impl Contract {
    /// The next notice day on or after `today` of an active contract that renews by itself and
    /// has a notice period: the end of the first term (its end day, then each renewal) whose
    /// notice day is not yet past. `None` for a fixed-term contract or one until notice (there
    /// is no day by which notice must be given), once notice is given, or when a term or
    /// period is missing.
    pub fn notice_day(&self, today: NaiveDate) -> Option<NoticeDay> {
        if self.state != ContractState::Active || self.notice_given_on.is_some() {
            return None;
        }
        let Renewal::Automatic { months } = self.renewal else {
            return None;
        };
        let notice = self.notice?;
        let mut term_end = self.ends_on?;
        for _ in 0..MAX_TERMS {
            let last_day = notice.before(term_end)?;
            if last_day >= today {
                let moved_to = Calendar::Fi150.roll_forward(last_day)?;
                return Some(NoticeDay {
                    term_end,
                    last_day,
                    moved_to,
                });
            }
            term_end = term_end.checked_add_months(Months::new(months))?;
        }
        None
    }

    /// The day the contract ends as things stand: a fixed term's end day; after notice, the
    /// end of the term the notice was in time for (renewing) or one period after the notice
    /// (until notice); `None` when it goes on (renewing or until notice, with no notice given).
    pub fn ends(&self) -> Option<NaiveDate> {
        match (self.renewal, self.notice_given_on) {
            (Renewal::Fixed, _) => self.ends_on,
            (Renewal::UntilNotice, Some(given)) => self.notice?.after(given),
            (Renewal::Automatic { months }, Some(given)) => {
                let notice = self.notice?;
                let mut term_end = self.ends_on?;
                for _ in 0..MAX_TERMS {
                    // Notice given by the moved day is in time (150/1930 §5).
                    let moved = Calendar::Fi150.roll_forward(notice.before(term_end)?)?;
                    if given <= moved {
                        return Some(term_end);
                    }
                    term_end = term_end.checked_add_months(Months::new(months))?;
                }
                None
            }
            (_, None) => None,
        }
    }

    /// Checks the fields on their own and against each other; the error names the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        use kirjuri_registry::limits::{NAME, TITLE};
        let too_long = |field: &'static str, value: &str, max: usize| {
            (value.chars().count() > max).then(|| (field, format!("{field}: at most {max} characters")))
        };
        let good_id = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !good_id {
            return Err((
                "id",
                format!("id: `{}` must be 1–64 lower-case letters, digits or hyphens", self.id),
            ));
        }
        for (field, value) in [("title", &self.title), ("counterparty", &self.counterparty)] {
            if value.trim().is_empty() {
                return Err((field, format!("{field}: a contract needs its {field}")));
            }
        }
        for (field, value, max) in [
            ("title", self.title.as_str(), TITLE),
            ("counterparty", &self.counterparty, NAME),
            ("owner", &self.owner, NAME),
            ("department", &self.department, NAME),
            (
                "processor_agreement",
                self.processor_agreement.as_deref().unwrap_or(""),
                NAME,
            ),
            ("document", self.document.as_deref().unwrap_or(""), NAME),
        ] {
            if let Some(error) = too_long(field, value, max) {
                return Err(error);
            }
            // No line break, control character or text-direction override: these fields go
            // into lists, mails and calendar feeds as one line each.
            if let Err(error) = kirjuri_registry::limits::check_length(field, value, max) {
                return Err((field, error.to_string()));
            }
        }
        if let Some(id) = &self.business_id {
            check_business_id(id).map_err(|message| ("business_id", message))?;
        }
        if let (Some(starts), Some(ends)) = (self.starts_on, self.ends_on)
            && ends < starts
        {
            return Err((
                "ends_on",
                "ends_on: the contract cannot end before it starts".to_owned(),
            ));
        }
        match self.renewal {
            Renewal::Automatic { .. } if self.ends_on.is_none() => {
                return Err((
                    "ends_on",
                    "ends_on: a renewing contract needs the end of its first term".to_owned(),
                ));
            }
            Renewal::Automatic { .. } | Renewal::UntilNotice if self.notice.is_none() => {
                return Err((
                    "notice",
                    "notice: a renewing contract or one until notice needs its notice period".to_owned(),
                ));
            }
            Renewal::UntilNotice if self.ends_on.is_some() => {
                return Err((
                    "ends_on",
                    "ends_on: a contract until notice has no end day (give the notice day instead)".to_owned(),
                ));
            }
            _ => {}
        }
        if let (Some(given), Some(starts)) = (self.notice_given_on, self.starts_on)
            && given < starts
        {
            return Err((
                "notice_given_on",
                "notice_given_on: notice cannot be given before the contract starts".to_owned(),
            ));
        }
        if self.processor_agreement.is_some() && !self.personal_data {
            return Err((
                "processor_agreement",
                "processor_agreement: only a contract whose other party processes personal data links to a processor agreement".to_owned(),
            ));
        }
        Ok(())
    }

    /// Whether a person and a department are named as the owner.
    pub fn has_owner(&self) -> bool {
        !self.owner.trim().is_empty() && !self.department.trim().is_empty()
    }
}

/// A Finnish business id (Y-tunnus): seven digits, a hyphen and the check digit (weights
/// 7, 9, 10, 5, 8, 4, 2; remainder 0 gives 0, remainder 1 is never issued, else 11 less it).
pub fn check_business_id(id: &str) -> Result<(), String> {
    let bad = || format!("business_id: `{id}` is not a business id (Y-tunnus), expected e.g. 0201256-6");
    let (number, check) = id.split_once('-').ok_or_else(bad)?;
    let digits: Vec<u32> = number
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let check: u32 = match check.chars().collect::<Vec<_>>()[..] {
        [c] => c.to_digit(10).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if digits.len() != 7 {
        return Err(bad());
    }
    let sum: u32 = digits.iter().zip([7, 9, 10, 5, 8, 4, 2]).map(|(d, w)| d * w).sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => return Err(bad()),
        r => 11 - r,
    };
    if expected == check { Ok(()) } else { Err(bad()) }
}

/// Active contracts whose notice day (as counted, not moved) falls within `days` of `today`,
/// `today` included, soonest first.
pub fn notice_within(contracts: &[Contract], today: NaiveDate, days: u32) -> Vec<(&Contract, NoticeDay)> {
    let until = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let mut due: Vec<(&Contract, NoticeDay)> = contracts
        .iter()
        .filter_map(|c| c.notice_day(today).map(|day| (c, day)))
        .filter(|(_, day)| day.last_day <= until)
        .collect();
    due.sort_by_key(|(c, day)| (day.last_day, c.id.clone()));
    due
}

/// Active or draft contracts that name no owner person or no department.
pub fn without_owner(contracts: &[Contract]) -> Vec<&Contract> {
    contracts
        .iter()
        .filter(|c| matches!(c.state, ContractState::Active | ContractState::Draft) && !c.has_owner())
        .collect()
}

/// Contracts still marked active although they ended before `today` (by their fixed term or
/// after notice).
pub fn expired_still_active(contracts: &[Contract], today: NaiveDate) -> Vec<(&Contract, NaiveDate)> {
    contracts
        .iter()
        .filter(|c| c.state == ContractState::Active)
        .filter_map(|c| c.ends().filter(|end| *end < today).map(|end| (c, end)))
        .collect()
}

/// The processors (names as the processor agreements and the register of processing give
/// them) that no active contract has as its counterparty; names compare without case and
/// surrounding space.
pub fn processors_without_contract<'a>(contracts: &[Contract], processors: &'a [String]) -> Vec<&'a str> {
    let normal = |name: &str| name.trim().to_lowercase();
    let mut missing: Vec<&str> = processors
        .iter()
        .filter(|p| !p.trim().is_empty())
        .filter(|p| {
            !contracts
                .iter()
                .any(|c| c.state == ContractState::Active && normal(&c.counterparty) == normal(p))
        })
        .map(|p| p.trim())
        .collect();
    missing.sort_unstable();
    missing.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn renewing(ends_on: NaiveDate, months: u32, notice: NoticePeriod) -> Contract {
        Contract {
            id: "c".into(),
            title: "Palvelu".into(),
            counterparty: "Oy Ab".into(),
            business_id: None,
            owner: "Maija".into(),
            department: "Hallinto".into(),
            starts_on: Some(day(2024, 1, 1)),
            ends_on: Some(ends_on),
            renewal: Renewal::Automatic { months },
            notice: Some(notice),
            notice_given_on: None,
            review_due: None,
            value_band: ValueBand::Unknown,
            personal_data: false,
            processor_agreement: None,
            document: None,
            state: ContractState::Active,
        }
    }

    #[test]
    fn three_months_before_the_last_of_december_is_the_last_of_september() {
        assert_eq!(
            NoticePeriod::Months(3).before(day(2026, 12, 31)),
            Some(day(2026, 9, 30))
        );
        assert_eq!(NoticePeriod::Days(90).before(day(2026, 12, 31)), Some(day(2026, 10, 2)));
    }

    #[test]
    fn a_renewing_contract_moves_to_its_next_term_once_the_notice_day_passed() {
        // Term ends 31.12.2026, renews 12 months, 3 months' notice: notice by Wed 30.9.2026.
        let c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        let on = c.notice_day(day(2026, 9, 1)).unwrap();
        assert_eq!(
            (on.term_end, on.last_day, on.moved_to),
            (day(2026, 12, 31), day(2026, 9, 30), day(2026, 9, 30))
        );
        // On 1.10.2026 the day has passed: the contract runs to 31.12.2027, notice by 30.9.2027.
        let next = c.notice_day(day(2026, 10, 1)).unwrap();
        assert_eq!((next.term_end, next.last_day), (day(2027, 12, 31), day(2027, 9, 30)));
    }

    #[test]
    fn a_notice_day_on_a_holiday_moves_to_the_next_working_day_but_alerts_on_the_day() {
        // Term ends 6.3.2027, one month's notice: 6.2.2027 is a Saturday; under 150/1930 §5
        // notice is still in time on Mon 8.2.2027.
        let c = renewing(day(2027, 3, 6), 12, NoticePeriod::Months(1));
        let on = c.notice_day(day(2027, 1, 1)).unwrap();
        assert_eq!((on.last_day, on.moved_to), (day(2027, 2, 6), day(2027, 2, 8)));
        // Christmas Eve, Thu 24.12.2026, is not a working day under 150/1930 §5; nor are
        // Christmas Day, St Stephen's Day (Sat) and Sunday 27.12.: notice is in time on Mon 28.12.
        let eve = renewing(day(2027, 1, 24), 12, NoticePeriod::Months(1));
        let on = eve.notice_day(day(2026, 12, 1)).unwrap();
        assert_eq!((on.last_day, on.moved_to), (day(2026, 12, 24), day(2026, 12, 28)));
    }

    #[test]
    fn notice_given_in_time_ends_the_contract_at_the_term_end() {
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        c.notice_given_on = Some(day(2026, 9, 15));
        assert_eq!(c.ends(), Some(day(2026, 12, 31)));
        assert_eq!(c.notice_day(day(2026, 9, 15)), None);
        // Notice on 2.10.2026 is too late for 2026: the contract runs to the end of 2027.
        c.notice_given_on = Some(day(2026, 10, 2));
        assert_eq!(c.ends(), Some(day(2027, 12, 31)));
    }

    #[test]
    fn a_contract_until_notice_ends_one_period_after_the_notice() {
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(6));
        c.renewal = Renewal::UntilNotice;
        c.ends_on = None;
        assert_eq!(c.notice_day(day(2026, 1, 1)), None);
        assert_eq!(c.ends(), None);
        c.notice_given_on = Some(day(2026, 8, 31));
        assert_eq!(c.ends(), Some(day(2027, 2, 28)));
    }

    #[test]
    fn the_lists() {
        let today = day(2026, 12, 1);
        let soon = renewing(day(2027, 3, 31), 12, NoticePeriod::Months(3)); // notice by 31.12.2026
        let later = Contract {
            id: "later".into(),
            ..renewing(day(2027, 12, 31), 12, NoticePeriod::Months(3))
        };
        let ended = Contract {
            id: "ended".into(),
            renewal: Renewal::Fixed,
            ends_on: Some(day(2026, 11, 30)),
            owner: String::new(),
            ..soon.clone()
        };
        let all = vec![soon.clone(), later, ended];
        let due = notice_within(&all, today, 30);
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].1.last_day, day(2026, 12, 31));
        assert_eq!(
            without_owner(&all).iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["ended"]
        );
        assert_eq!(expired_still_active(&all, today).len(), 1);
        let processors = vec!["OY AB ".to_owned(), "Pilvi Oy".to_owned()];
        assert_eq!(processors_without_contract(&all, &processors), ["Pilvi Oy"]);
    }

    #[test]
    fn business_ids_with_their_check_digit() {
        // 0·7 + 2·9 + 0·10 + 1·5 + 2·8 + 5·4 + 6·2 = 71; 71 mod 11 = 5; check digit 11 − 5 = 6.
        assert_eq!(check_business_id("0201256-6"), Ok(()));
        assert!(check_business_id("0201256-5").is_err());
        assert!(check_business_id("201256-6").is_err());
        assert!(check_business_id("02012566").is_err());
    }

    #[test]
    fn check_names_the_field() {
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        c.ends_on = Some(day(2023, 12, 31));
        assert_eq!(c.check().unwrap_err().0, "ends_on");
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        c.notice = None;
        assert_eq!(c.check().unwrap_err().0, "notice");
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        c.processor_agreement = Some("pa-1".into());
        assert_eq!(c.check().unwrap_err().0, "processor_agreement");
        let mut c = renewing(day(2026, 12, 31), 12, NoticePeriod::Months(3));
        c.id = "Bad Id".into();
        assert_eq!(c.check().unwrap_err().0, "id");
    }

    #[test]
    fn parsing_the_terms() {
        assert_eq!(NoticePeriod::parse("3 kk"), Ok(NoticePeriod::Months(3)));
        assert_eq!(NoticePeriod::parse("90d"), Ok(NoticePeriod::Days(90)));
        assert!(NoticePeriod::parse("3 weeks").is_err());
        assert!(NoticePeriod::parse("0m").is_err());
        assert_eq!(Renewal::parse("automatic:12"), Ok(Renewal::Automatic { months: 12 }));
        assert!(Renewal::parse("automatic:0").is_err());
        assert_eq!(ValueBand::parse("10k-60k"), Ok(ValueBand::From10kTo60k));
        assert_eq!(ValueBand::parse(""), Ok(ValueBand::Unknown));
    }
}
