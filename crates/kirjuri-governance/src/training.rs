//! The data-protection training record: who is on the roster (staff and elected officials,
//! by department), which trainings there are, who completed which and when — and the counting
//! rule for the annual report's training coverage (DOMAIN.md §9; the city's information-
//! management plan sets data-protection training as a target, and GDPR Art 39(1)(b) gives the
//! data-protection officer the task of monitoring "awareness-raising and training of staff").

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use kirjuri_sheet::Sheet;
pub use kirjuri_sheet::parse_date;

/// The group a person on the roster belongs to: the plan names both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Henkilöstö: employees and office holders.
    Staff,
    /// Luottamushenkilö: council and board members.
    Elected,
}

impl Group {
    pub const ALL: &'static [Group] = &[Group::Staff, Group::Elected];

    pub fn key(self) -> &'static str {
        match self {
            Group::Staff => "staff",
            Group::Elected => "elected",
        }
    }

    /// The key, or the Finnish word an HR system writes.
    pub fn parse(text: &str) -> Result<Group, String> {
        match text.trim().to_lowercase().as_str() {
            "staff" | "henkilöstö" | "henkilosto" => Ok(Group::Staff),
            "elected" | "luottamushenkilö" | "luottamushenkilo" => Ok(Group::Elected),
            other => Err(format!("unknown group `{other}`, expected one of: staff, elected")),
        }
    }
}

/// What a training is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// Tietosuoja.
    DataProtection,
    /// Tietoturva.
    InformationSecurity,
}

impl Topic {
    pub const ALL: &'static [Topic] = &[Topic::DataProtection, Topic::InformationSecurity];

    pub fn key(self) -> &'static str {
        match self {
            Topic::DataProtection => "data-protection",
            Topic::InformationSecurity => "information-security",
        }
    }

    pub fn parse(text: &str) -> Result<Topic, String> {
        match text.trim().to_lowercase().as_str() {
            "data-protection" | "tietosuoja" => Ok(Topic::DataProtection),
            "information-security" | "tietoturva" => Ok(Topic::InformationSecurity),
            other => Err(format!(
                "unknown topic `{other}`, expected one of: data-protection, information-security"
            )),
        }
    }
}

/// Where a completion was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Imported from the HR or learning system's CSV.
    Import,
    Api,
    /// Entered on the web page.
    Ui,
    /// Entered with `kirjuri training add`.
    Cli,
}

impl Source {
    pub fn key(self) -> &'static str {
        match self {
            Source::Import => "import",
            Source::Api => "api",
            Source::Ui => "ui",
            Source::Cli => "cli",
        }
    }
}

/// A person on the training roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The key the HR system knows the person by (a completion names it).
    pub id: String,
    pub name: String,
    /// User name or e-mail, when the person has one.
    #[serde(default)]
    pub user: Option<String>,
    /// Department (toimiala); elected officials by their organ's department or "luottamushenkilöt".
    pub department: String,
    pub group: Group,
    /// First day on the roster (none: since before the record began).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day on the roster (none: still there).
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl Person {
    /// Whether the person was on the roster on `day` (both ends inclusive).
    pub fn on_roster(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| until >= day)
    }
}

/// Default validity of a completion, in calendar years (the year done and the two after).
pub const DEFAULT_VALIDITY_YEARS: u32 = 3;

fn default_validity() -> u32 {
    DEFAULT_VALIDITY_YEARS
}

/// A training of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    pub key: String,
    pub name: String,
    pub topic: Topic,
    /// A completion counts in the year it was done and the `validity_years - 1` years after.
    #[serde(default = "default_validity")]
    pub validity_years: u32,
}

impl Training {
    /// Whether a completion on `done` still counts in `year` (see [`coverage_on`]).
    pub fn valid_in(&self, done: NaiveDate, year: i32) -> bool {
        let first = done.year();
        let validity = i32::try_from(self.validity_years.max(1)).unwrap_or(i32::MAX);
        year >= first && year - first < validity
    }
}

/// One person's completion of one training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// `{person}-{training}-{date}`: importing the same line twice records it once.
    pub id: String,
    pub person: String,
    pub training: String,
    pub completed_on: NaiveDate,
    pub source: Source,
}

impl Completion {
    pub fn new(person: &str, training: &str, completed_on: NaiveDate, source: Source) -> Completion {
        Completion {
            id: format!("{person}-{training}-{completed_on}"),
            person: person.to_owned(),
            training: training.to_owned(),
            completed_on,
            source,
        }
    }
}

/// One row of the coverage table: a department's group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub department: String,
    pub group: Group,
    /// People on the roster on the counting day.
    pub people: usize,
    /// Of them, those with a completion valid in the year.
    pub trained: usize,
}

/// The day the roster is read for `year`: 31 December, or `today` while the year is running
/// (a person who left in March of the current year is no longer there to be counted).
pub fn counting_day(year: i32, today: NaiveDate) -> NaiveDate {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    if today.year() == year { today.min(end) } else { end }
}

/// **Training coverage** for `year`, counted as of today in Helsinki (see [`coverage_on`]).
pub fn coverage(roster: &[Person], trainings: &[Training], completions: &[Completion], year: i32) -> Vec<Coverage> {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    coverage_on(roster, trainings, completions, year, today)
}

/// **Training coverage** (koulutuskattavuus) for `year`, per department and group:
///
/// - *people*: the persons on the roster on the counting day — 31 December of `year`, or
///   `today` when `year` is the current year ([`counting_day`]); a person is on the roster when
///   their `from` is on or before that day and their `until` on or after it (someone who left
///   on 30.6.2026 is not counted for 2026);
/// - *trained*: of them, those with at least one completion that is valid in `year`: a
///   completion of a training of the register (either topic), done on or before the counting
///   day, counts in the calendar year it was done and the `validity_years - 1` years after
///   (10.2.2024 with validity 3 counts in 2024, 2025 and 2026, not in 2027).
///
/// Left out: people not on the roster on the counting day, completions of a training that is
/// not in the register, and completions naming a person not on the roster. Rows are sorted by
/// department, then staff before elected; a department's group with nobody on the roster has
/// no row.
pub fn coverage_on(
    roster: &[Person],
    trainings: &[Training],
    completions: &[Completion],
    year: i32,
    today: NaiveDate,
) -> Vec<Coverage> {
    let day = counting_day(year, today);
    let trainings: BTreeMap<&str, &Training> = trainings.iter().map(|t| (t.key.as_str(), t)).collect();
    let trained: HashSet<&str> = completions
        .iter()
        .filter(|c| c.completed_on <= day)
        .filter(|c| {
            trainings
                .get(c.training.as_str())
                .is_some_and(|t| t.valid_in(c.completed_on, year))
        })
        .map(|c| c.person.as_str())
        .collect();
    let mut rows: BTreeMap<(String, Group), Coverage> = BTreeMap::new();
    for person in roster.iter().filter(|p| p.on_roster(day)) {
        let row = rows
            .entry((person.department.clone(), person.group))
            .or_insert_with(|| Coverage {
                department: person.department.clone(),
                group: person.group,
                people: 0,
                trained: 0,
            });
        row.people += 1;
        if trained.contains(person.id.as_str()) {
            row.trained += 1;
        }
    }
    rows.into_values().collect()
}

/// The roster CSV's columns: `id`, `name`, `department`, `group` (`staff`/`henkilöstö` or
/// `elected`/`luottamushenkilö`) required; `user`, `from`, `until` optional.
pub const ROSTER_COLUMNS: (&[&str], &[&str]) = (&["id", "name", "department", "group"], &["user", "from", "until"]);
/// The trainings CSV's columns: `key`, `name`, `topic` (`data-protection`/`tietosuoja` or
/// `information-security`/`tietoturva`) required; `validity_years` optional (default 3).
pub const TRAINING_COLUMNS: (&[&str], &[&str]) = (&["key", "name", "topic"], &["validity_years"]);
/// The completions CSV's columns: `person` (a roster id), `training` (a training key),
/// `completed_on` (`2026-03-15` or `15.3.2026`).
pub const COMPLETION_COLUMNS: (&[&str], &[&str]) = (&["person", "training", "completed_on"], &[]);

/// A key as the HR system and a completion name it: 1–64 of letters, digits, `-`, `_`, `.`.
pub(crate) fn key_problem(key: &str) -> Option<String> {
    let good = !key.is_empty()
        && key.chars().count() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    (!good).then(|| format!("`{key}` is not a key (1–64 letters, digits, `-`, `_`, `.`)"))
}

/// Parses a roster CSV; every bad cell is reported, nothing is half-read.
pub fn parse_roster(file: &str, text: &str) -> Result<Vec<Person>, Vec<String>> {
    let sheet = Sheet::read(file, text, ROSTER_COLUMNS.0, ROSTER_COLUMNS.1)?;
    let mut errors = Vec::new();
    let mut people = Vec::new();
    let mut seen = HashSet::new();
    for (line, record) in &sheet.rows {
        let cell = |c: &str| sheet.cell(record, c);
        let mut date = |c: &str| {
            if cell(c).is_empty() {
                return None;
            }
            parse_date(cell(c))
                .map_err(|message| errors.push(sheet.fail(*line, c, message)))
                .ok()
        };
        let from = date("from");
        let until = date("until");
        if let Some(problem) = key_problem(cell("id")) {
            errors.push(sheet.fail(*line, "id", problem));
        } else if !seen.insert(cell("id").to_owned()) {
            errors.push(sheet.fail(*line, "id", format!("id `{}` appears twice", cell("id"))));
        }
        for column in ["name", "department"] {
            if cell(column).is_empty() {
                errors.push(sheet.fail(*line, column, "is empty"));
            }
        }
        let group = Group::parse(cell("group")).unwrap_or_else(|message| {
            errors.push(sheet.fail(*line, "group", message));
            Group::Staff
        });
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            errors.push(sheet.fail(*line, "until", "the person cannot leave before joining"));
        }
        people.push(Person {
            id: cell("id").to_owned(),
            name: cell("name").to_owned(),
            user: Some(cell("user").to_owned()).filter(|u| !u.is_empty()),
            department: cell("department").to_owned(),
            group,
            from,
            until,
        });
    }
    if errors.is_empty() { Ok(people) } else { Err(errors) }
}

/// Parses a trainings CSV.
pub fn parse_trainings(file: &str, text: &str) -> Result<Vec<Training>, Vec<String>> {
    let sheet = Sheet::read(file, text, TRAINING_COLUMNS.0, TRAINING_COLUMNS.1)?;
    let mut errors = Vec::new();
    let mut trainings = Vec::new();
    for (line, record) in &sheet.rows {
        let cell = |c: &str| sheet.cell(record, c);
        if let Some(problem) = key_problem(cell("key")) {
            errors.push(sheet.fail(*line, "key", problem));
        }
        if cell("name").is_empty() {
            errors.push(sheet.fail(*line, "name", "is empty"));
        }
        let topic = Topic::parse(cell("topic")).unwrap_or_else(|message| {
            errors.push(sheet.fail(*line, "topic", message));
            Topic::DataProtection
        });
        let validity_years = match cell("validity_years") {
            "" => DEFAULT_VALIDITY_YEARS,
            text => match text.parse::<u32>() {
                Ok(years) if (1..=10).contains(&years) => years,
                _ => {
                    errors.push(sheet.fail(*line, "validity_years", format!("`{text}` is not 1–10 years")));
                    DEFAULT_VALIDITY_YEARS
                }
            },
        };
        trainings.push(Training {
            key: cell("key").to_owned(),
            name: cell("name").to_owned(),
            topic,
            validity_years,
        });
    }
    if errors.is_empty() { Ok(trainings) } else { Err(errors) }
}

/// Parses a completions CSV. Whether the person and the training exist is checked when the
/// import is stored (they may come in the same import).
pub fn parse_completions(file: &str, text: &str) -> Result<Vec<(u64, Completion)>, Vec<String>> {
    let sheet = Sheet::read(file, text, COMPLETION_COLUMNS.0, COMPLETION_COLUMNS.1)?;
    let mut errors = Vec::new();
    let mut completions = Vec::new();
    for (line, record) in &sheet.rows {
        let cell = |c: &str| sheet.cell(record, c);
        for column in ["person", "training"] {
            if let Some(problem) = key_problem(cell(column)) {
                errors.push(sheet.fail(*line, column, problem));
            }
        }
        match parse_date(cell("completed_on")) {
            Ok(day) => completions.push((
                *line,
                Completion::new(cell("person"), cell("training"), day, Source::Import),
            )),
            Err(message) => errors.push(sheet.fail(*line, "completed_on", message)),
        }
    }
    if errors.is_empty() {
        Ok(completions)
    } else {
        Err(errors)
    }
}
