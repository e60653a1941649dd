//! Storing the training record and the control events in the `kirjuri_store::Store`: one
//! transaction per change, flushed before it returns (a write is acknowledged only when it is
//! on disk), each with its audit entry. A refused change is `StoreError::Rejected` with the
//! field's name as its code and at the start of its message.

use chrono::{NaiveDate, Utc};
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreError, StoreResult, reject};
use serde::Serialize;

use crate::controls::ControlEvent;
use crate::training::{Completion, Person, Training, key_problem, parse_completions, parse_roster, parse_trainings};

pub const PERSON: &str = "training_person";
pub const TRAINING: &str = "training";
pub const COMPLETION: &str = "training_completion";
pub const CONTROL: &str = "control_event";

/// Whether a save makes a new record or changes an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    Create,
    Update,
}

fn refused<T>(code: &'static str, message: impl Into<String>) -> StoreResult<T> {
    Err(StoreError::Rejected {
        code,
        message: message.into(),
    })
}

/// A name, department or system: at most 200 characters; findings and follow-up 4000.
const NAME: usize = 200;
const TEXT: usize = 4_000;

fn check_text(field: &'static str, value: &str, max: usize, required: bool) -> StoreResult<()> {
    if required && value.trim().is_empty() {
        return refused(field, format!("{field}: is required"));
    }
    if value.chars().take(max + 1).count() > max {
        return refused(field, format!("{field}: longer than {max} characters"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return refused(field, format!("{field}: contains a control character"));
    }
    Ok(())
}

/// Today in Helsinki, where the days of the record are counted.
fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Helsinki).date_naive()
}

/// The earliest day the record takes: nothing of a city's training or controls is older.
fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A day something was done: from 1900 and not after today (it records what happened).
fn check_done_on(field: &'static str, day: NaiveDate) -> StoreResult<()> {
    if day < earliest() || day > today() {
        return refused(
            field,
            format!("{field}: {day} is not a day it can have been done (1900 to today)"),
        );
    }
    Ok(())
}

fn check_key(field: &'static str, key: &str) -> StoreResult<()> {
    match key_problem(key) {
        Some(problem) => refused(field, format!("{field}: {problem}")),
        None => Ok(()),
    }
}

fn check_person(person: &Person) -> StoreResult<()> {
    check_key("id", &person.id)?;
    check_text("name", &person.name, NAME, true)?;
    check_text("department", &person.department, NAME, true)?;
    check_text("user", person.user.as_deref().unwrap_or(""), NAME, false)?;
    let latest = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX);
    for (field, day) in [("from", person.from), ("until", person.until)] {
        if let Some(day) = day
            && (day < earliest() || day > latest)
        {
            return refused(field, format!("{field}: {day} is not a day of the roster (1900–2200)"));
        }
    }
    if let (Some(from), Some(until)) = (person.from, person.until)
        && until < from
    {
        return refused("until", "until: the person cannot leave the roster before joining it");
    }
    Ok(())
}

fn check_training(training: &Training) -> StoreResult<()> {
    check_key("key", &training.key)?;
    check_text("name", &training.name, NAME, true)?;
    if !(1..=10).contains(&training.validity_years) {
        return refused("validity_years", "validity_years: must be 1–10 years");
    }
    Ok(())
}

fn check_control(event: &ControlEvent) -> StoreResult<()> {
    check_done_on("performed_on", event.performed_on)?;
    check_text("system", &event.system, NAME, true)?;
    check_text("performed_by", &event.performed_by, NAME, true)?;
    check_text("findings", &event.findings, TEXT, event.result.needs_findings())?;
    check_text("follow_up", &event.follow_up, TEXT, false)?;
    Ok(())
}

fn person_keys(person: &Person) -> [IndexKey; 1] {
    [IndexKey::new("department", person.department.to_lowercase())]
}

/// Saves a record made or edited by a person: a new one's key must be free, an edited one
/// must exist. Audited `{action}.create` / `{action}.update`.
fn save_one<T: Serialize + serde::de::DeserializeOwned>(
    store: &Store,
    kind: &'static str,
    id: &str,
    value: &T,
    keys: &[IndexKey],
    save: Save,
    actor: &str,
) -> StoreResult<()> {
    let now = Utc::now();
    let action = match save {
        Save::Create => format!("{kind}.create"),
        Save::Update => format!("{kind}.update"),
    };
    store.transact(|tx| {
        let existing: Option<T> = tx.get(kind, id)?;
        match (save, existing.is_some()) {
            (Save::Create, true) => return reject("id_taken", format!("id: `{id}` is already recorded")),
            (Save::Update, false) => return reject("not_found", format!("{kind} {id}")),
            _ => {}
        }
        tx.put(kind, id, value, keys)?;
        tx.audit(&AuditEvent::new(now, actor, &action).target(kind, id))?;
        Ok(())
    })
}

/// Adds or edits a person on the roster (audited `training_person.create`/`.update`).
pub fn save_person(store: &Store, person: &Person, save: Save, actor: &str) -> StoreResult<Person> {
    check_person(person)?;
    save_one(store, PERSON, &person.id, person, &person_keys(person), save, actor)?;
    Ok(person.clone())
}

/// Adds or edits a training (audited `training.create`/`.update`).
pub fn save_training(store: &Store, training: &Training, save: Save, actor: &str) -> StoreResult<Training> {
    check_training(training)?;
    save_one(store, TRAINING, &training.key, training, &[], save, actor)?;
    Ok(training.clone())
}

/// Records one completion; the person and the training must be on record, and the date not
/// in the future (audited `training_completion.create`). The same person, training and day
/// twice is refused.
pub fn add_completion(store: &Store, completion: &Completion, actor: &str) -> StoreResult<Completion> {
    check_done_on("completed_on", completion.completed_on)?;
    let completion = Completion::new(
        &completion.person,
        &completion.training,
        completion.completed_on,
        completion.source,
    );
    let now = Utc::now();
    store.transact(|tx| {
        if tx.get::<Person>(PERSON, &completion.person)?.is_none() {
            return reject(
                "person",
                format!("person: `{}` is not on the roster", completion.person),
            );
        }
        if tx.get::<Training>(TRAINING, &completion.training)?.is_none() {
            return reject(
                "training",
                format!("training: `{}` is not a training", completion.training),
            );
        }
        if tx.get::<Completion>(COMPLETION, &completion.id)?.is_some() {
            return reject("completed_on", "completed_on: this completion is already recorded");
        }
        tx.put(
            COMPLETION,
            &completion.id,
            &completion,
            &[IndexKey::new("person", completion.person.clone())],
        )?;
        tx.audit(
            &AuditEvent::new(now, actor, "training_completion.create")
                .target(COMPLETION, &completion.id)
                .detail(serde_json::json!({ "source": completion.source.key() })),
        )?;
        Ok(())
    })?;
    Ok(completion)
}

/// Records a control performed (`Save::Create`: a new id `control-{n}` is given) or corrects
/// one (`Save::Update`: the event's id must exist). Deviations and failures need their
/// findings. Audited `control_event.create`/`.update`.
pub fn save_control(store: &Store, event: &ControlEvent, save: Save, actor: &str) -> StoreResult<ControlEvent> {
    check_control(event)?;
    let now = Utc::now();
    store.transact(|tx| {
        let mut event = event.clone();
        let action = match save {
            Save::Create => {
                event.id = format!("control-{}", tx.next_counter(CONTROL)?);
                "control_event.create"
            }
            Save::Update => {
                if tx.get::<ControlEvent>(CONTROL, &event.id)?.is_none() {
                    return reject("not_found", format!("control event {}", event.id));
                }
                "control_event.update"
            }
        };
        tx.put(
            CONTROL,
            &event.id,
            &event,
            &[IndexKey::new("performed_on", event.performed_on.to_string())],
        )?;
        tx.audit(&AuditEvent::new(now, actor, action).target(CONTROL, &event.id))?;
        Ok(event)
    })
}

/// What an import stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub people: usize,
    pub trainings: usize,
    pub completions: usize,
}

/// Imports the CSV exports of the HR or learning system — each of `(file name, text)` is
/// optional — all or nothing: every problem of every file is reported by file, line and
/// column, and nothing is stored unless there are none. People and trainings are added or
/// replaced by their key; a completion must name a person and a training on record or in the
/// same import; a completion already recorded is kept once. Audited `training.import`.
pub fn import(
    store: &Store,
    roster: Option<(&str, &str)>,
    trainings: Option<(&str, &str)>,
    completions: Option<(&str, &str)>,
    actor: &str,
) -> Result<Imported, Vec<String>> {
    fn collect<T>(result: Result<Vec<T>, Vec<String>>, errors: &mut Vec<String>) -> Vec<T> {
        result.unwrap_or_else(|mut found| {
            errors.append(&mut found);
            Vec::new()
        })
    }
    let mut errors = Vec::new();
    let people = roster
        .map(|(file, text)| collect(parse_roster(file, text), &mut errors))
        .unwrap_or_default();
    let courses = trainings
        .map(|(file, text)| collect(parse_trainings(file, text), &mut errors))
        .unwrap_or_default();
    let done = completions
        .map(|(file, text)| collect(parse_completions(file, text), &mut errors))
        .unwrap_or_default();
    // The same rules as a person's entry over the API or the page (lengths, control
    // characters, days), named by file and key; a training key given twice is refused.
    let named = |file: Option<(&str, &str)>, key: &str, error: kirjuri_store::StoreError| {
        format!("{}: `{key}`: {error}", file.map_or("", |(file, _)| file))
    };
    for person in &people {
        if let Err(error) = check_person(person) {
            errors.push(named(roster, &person.id, error));
        }
    }
    let mut keys = std::collections::HashSet::new();
    for training in &courses {
        if let Err(error) = check_training(training) {
            errors.push(named(trainings, &training.key, error));
        }
        if !keys.insert(training.key.as_str()) {
            errors.push(format!(
                "{}: column `key`: `{}` appears twice",
                trainings.map_or("", |(file, _)| file),
                training.key
            ));
        }
    }
    for (line, completion) in &done {
        if let Err(error) = check_done_on("completed_on", completion.completed_on) {
            let file = completions.map_or("", |(file, _)| file);
            errors.push(format!("{file}:{line}: column `completed_on`: {error}"));
        }
    }
    let stored_people = load_people(store).map_err(|e| vec![e.to_string()])?;
    let stored_trainings = load_trainings(store).map_err(|e| vec![e.to_string()])?;
    let file = completions.map_or("", |(file, _)| file);
    for (line, completion) in &done {
        let known_person = people.iter().chain(&stored_people).any(|p| p.id == completion.person);
        if !known_person {
            errors.push(format!(
                "{file}:{line}: column `person`: `{}` is not on the roster",
                completion.person
            ));
        }
        let known_training = courses
            .iter()
            .chain(&stored_trainings)
            .any(|t| t.key == completion.training);
        if !known_training {
            errors.push(format!(
                "{file}:{line}: column `training`: `{}` is not a training",
                completion.training
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let now = Utc::now();
    // The audit entry names the files and the people and trainings added or replaced.
    let files: Vec<&str> = [roster, trainings, completions]
        .iter()
        .flatten()
        .map(|(file, _)| *file)
        .collect();
    let people_ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let training_keys: Vec<&str> = courses.iter().map(|t| t.key.as_str()).collect();
    let counts = Imported {
        people: people.len(),
        trainings: courses.len(),
        completions: done.len(),
    };
    store
        .transact(|tx| {
            for person in &people {
                tx.put(PERSON, &person.id, person, &person_keys(person))?;
            }
            for training in &courses {
                tx.put(TRAINING, &training.key, training, &[])?;
            }
            for (_, completion) in &done {
                if tx.get::<Completion>(COMPLETION, &completion.id)?.is_none() {
                    tx.put(
                        COMPLETION,
                        &completion.id,
                        completion,
                        &[IndexKey::new("person", completion.person.clone())],
                    )?;
                }
            }
            tx.audit(
                &AuditEvent::new(now, actor, "training.import").detail(serde_json::json!({
                    "files": files,
                    "people": people_ids,
                    "trainings": training_keys,
                    "completions": counts.completions,
                })),
            )?;
            Ok(())
        })
        .map_err(|e| vec![e.to_string()])?;
    Ok(counts)
}

pub fn load_person(store: &Store, id: &str) -> StoreResult<Option<Person>> {
    store.get(PERSON, id)
}

pub fn load_training(store: &Store, key: &str) -> StoreResult<Option<Training>> {
    store.get(TRAINING, key)
}

pub fn load_control(store: &Store, id: &str) -> StoreResult<Option<ControlEvent>> {
    store.get(CONTROL, id)
}

/// The roster, by department then name.
pub fn load_people(store: &Store) -> StoreResult<Vec<Person>> {
    let mut people: Vec<Person> = store.list(PERSON)?;
    people.sort_by(|a, b| (&a.department, &a.name).cmp(&(&b.department, &b.name)));
    Ok(people)
}

pub fn load_trainings(store: &Store) -> StoreResult<Vec<Training>> {
    store.list(TRAINING)
}

/// Completions, newest first.
pub fn load_completions(store: &Store) -> StoreResult<Vec<Completion>> {
    let mut completions: Vec<Completion> = store.list(COMPLETION)?;
    completions.sort_by(|a, b| b.completed_on.cmp(&a.completed_on).then(a.id.cmp(&b.id)));
    Ok(completions)
}

/// Control events, newest first.
pub fn load_controls(store: &Store) -> StoreResult<Vec<ControlEvent>> {
    let mut events: Vec<ControlEvent> = store.list(CONTROL)?;
    events.sort_by(|a, b| b.performed_on.cmp(&a.performed_on).then(b.id.cmp(&a.id)));
    Ok(events)
}
