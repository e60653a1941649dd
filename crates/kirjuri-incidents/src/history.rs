//! Dated versions of the register of processing (GDPR Art 30) and of the processor agreements
//! (Art 28), so the annual report can count any past year's end (DOMAIN.md §9, chapter 3.2).
//!
//! Art 30(1) and Art 5(2) accountability ask the controller to be able to show what its
//! records of processing said at a given time, so a change never overwrites the past: every
//! change (API, web form, CSV import) adds a [`Version`] with the instant it took effect and
//! who made it; deactivating an entry or ending an agreement is a version like any other. The
//! current record stays where it always was (the `register` and `processor_agreement` kinds),
//! and is always the latest version, so every reader of today's state is unchanged.
//!
//! A record stored before versions were kept has no history: it counts as valid from an
//! unknown start (`valid_from: None`), and keeps that unknown-start version as its first one
//! when it is next changed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kirjuri_store::{IndexKey, Store, StoreResult, Tx, TxResult};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::registers::{AGREEMENT, ProcessingRegister, ProcessorAgreement, REGISTER};

/// The store kind of the register entries' histories (one record per entry id).
pub const REGISTER_HISTORY: &str = "register_history";
/// The store kind of the processor agreements' histories (one record per agreement id).
pub const AGREEMENT_HISTORY: &str = "agreement_history";

/// One state of a register entry or an agreement, and when it took effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version<T> {
    /// The instant this state took effect; `None` for a record stored before Kirjuri kept
    /// versions (valid from an unknown start).
    pub valid_from: Option<DateTime<Utc>>,
    /// When the version was written down: the same instant as `valid_from` for a change made
    /// now, later for an imported earlier state; `None` for the unknown-start version.
    pub recorded_at: Option<DateTime<Utc>>,
    /// Who made the change (empty for the unknown-start version).
    pub by: String,
    /// The fields that differ from the version before, by their stored names (empty for the
    /// first version).
    pub changed: Vec<String>,
    pub record: T,
}

/// Every version of one record, oldest first (an unknown start before every dated one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History<T> {
    pub id: String,
    pub versions: Vec<Version<T>>,
}

/// A record kind whose changes are kept as dated versions.
pub trait Versioned: Serialize + DeserializeOwned + Clone + PartialEq {
    /// The kind of the current record.
    const KIND: &'static str;
    /// The kind of its history.
    const HISTORY: &'static str;
    fn id(&self) -> &str;
    fn index_keys(&self) -> Vec<IndexKey>;
}

impl Versioned for ProcessingRegister {
    const KIND: &'static str = REGISTER;
    const HISTORY: &'static str = REGISTER_HISTORY;
    fn id(&self) -> &str {
        &self.id
    }
    fn index_keys(&self) -> Vec<IndexKey> {
        vec![IndexKey::new("department", self.department.to_lowercase())]
    }
}

impl Versioned for ProcessorAgreement {
    const KIND: &'static str = AGREEMENT;
    const HISTORY: &'static str = AGREEMENT_HISTORY;
    fn id(&self) -> &str {
        &self.id
    }
    fn index_keys(&self) -> Vec<IndexKey> {
        vec![IndexKey::new("processor", self.processor.to_lowercase())]
    }
}

/// Whether a version is in force at `at`: it took effect at or before `at` (an unknown start
/// is before every instant).
fn in_force<T>(version: &Version<T>, at: DateTime<Utc>) -> bool {
    version.valid_from.is_none_or(|from| from <= at)
}

/// The top-level fields in which two records differ, by their stored (serde) names.
pub fn changed_fields<T: Serialize>(before: &T, after: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = after
        .iter()
        .filter(|(name, value)| before.get(*name) != Some(value))
        .map(|(name, _)| name.clone())
        .collect();
    names.extend(before.keys().filter(|name| !after.contains_key(*name)).cloned());
    names
}

/// Adds `record` as a version taking effect at `valid_from`, in the caller's transaction, and
/// makes the latest version the current record. A record without a history keeps its stored
/// state as an unknown-start version first. A version identical to the one in force at that
/// instant is not added (nothing changed). A version dated between two others (an imported
/// earlier state) goes between them; the current record is then unchanged.
pub fn put_version<T: Versioned>(
    tx: &Tx<'_>,
    record: &T,
    valid_from: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
) -> TxResult<()> {
    let id = record.id().to_owned();
    let mut history: History<T> = tx.get(T::HISTORY, &id)?.unwrap_or(History {
        id: id.clone(),
        versions: Vec::new(),
    });
    if history.versions.is_empty()
        && let Some(old) = tx.get::<T>(T::KIND, &id)?
    {
        history.versions.push(Version {
            valid_from: None,
            recorded_at: None,
            by: String::new(),
            changed: Vec::new(),
            record: old,
        });
    }
    let at = history.versions.partition_point(|v| in_force(v, valid_from));
    if at > 0 && history.versions[at - 1].record == *record {
        return Ok(());
    }
    history.versions.insert(
        at,
        Version {
            valid_from: Some(valid_from),
            recorded_at: Some(now),
            by: by.to_owned(),
            changed: Vec::new(),
            record: record.clone(),
        },
    );
    relabel(&mut history.versions);
    tx.put(T::HISTORY, &id, &history, &[])?;
    if let Some(latest) = history.versions.last() {
        tx.put(T::KIND, &id, &latest.record, &latest.record.index_keys())?;
    }
    Ok(())
}

/// Recomputes what each version changed from the one before it.
fn relabel<T: Serialize>(versions: &mut [Version<T>]) {
    for i in 0..versions.len() {
        let changed = match i {
            0 => Vec::new(),
            _ => changed_fields(&versions[i - 1].record, &versions[i].record),
        };
        versions[i].changed = changed;
    }
}

/// The records as they stood at `at`, from the current records and their histories: a record
/// with a history is in its latest version in force at `at` (left out when its first version
/// took effect later); a record without a history counts as valid from an unknown start, so
/// it is in its current state at every instant. Sorted by id.
pub fn state_as_of<T: Versioned>(current: &[T], histories: &[History<T>], at: DateTime<Utc>) -> Vec<T> {
    let mut state: BTreeMap<String, T> = current.iter().map(|r| (r.id().to_owned(), r.clone())).collect();
    for history in histories.iter().filter(|h| !h.versions.is_empty()) {
        match history.versions.iter().rev().find(|v| in_force(v, at)) {
            Some(version) => state.insert(history.id.clone(), version.record.clone()),
            None => state.remove(&history.id),
        };
    }
    state.into_values().collect()
}

/// When the dated history begins: the earliest `valid_from` of any version, `None` when no
/// record has a dated version (every record is from before versions were kept).
pub fn history_starts<T>(histories: &[History<T>]) -> Option<DateTime<Utc>> {
    histories
        .iter()
        .flat_map(|h| h.versions.iter())
        .filter_map(|v| v.valid_from)
        .min()
}

/// The versions of one record, oldest first; a record stored before versions were kept has
/// one, from an unknown start. `None` when there is no such record.
pub fn versions_of<T: Versioned>(store: &Store, id: &str) -> StoreResult<Option<Vec<Version<T>>>> {
    if let Some(history) = store.get::<History<T>>(T::HISTORY, id)?
        && !history.versions.is_empty()
    {
        return Ok(Some(history.versions));
    }
    Ok(store.get::<T>(T::KIND, id)?.map(|record| {
        vec![Version {
            valid_from: None,
            recorded_at: None,
            by: String::new(),
            changed: Vec::new(),
            record,
        }]
    }))
}

/// Every register entry's history.
pub fn load_register_histories(store: &Store) -> StoreResult<Vec<History<ProcessingRegister>>> {
    store.list(REGISTER_HISTORY)
}

/// Every processor agreement's history.
pub fn load_agreement_histories(store: &Store) -> StoreResult<Vec<History<ProcessorAgreement>>> {
    store.list(AGREEMENT_HISTORY)
}

/// The register of processing exactly as it stood at `at` (see [`state_as_of`]).
pub fn registers_as_of(store: &Store, at: DateTime<Utc>) -> StoreResult<Vec<ProcessingRegister>> {
    Ok(state_as_of(
        &crate::load_registers(store)?,
        &load_register_histories(store)?,
        at,
    ))
}

/// The processor agreements exactly as they stood at `at` (see [`state_as_of`]).
pub fn agreements_as_of(store: &Store, at: DateTime<Utc>) -> StoreResult<Vec<ProcessorAgreement>> {
    Ok(state_as_of(
        &crate::load_agreements(store)?,
        &load_agreement_histories(store)?,
        at,
    ))
}
