//! One atomic write: records with their secondary-index keys, counters, change-log entries
//! and audit entries, all in a single sled transaction over several trees.
//!
//! The closure given to [`crate::Store::transact`] may run more than once (sled retries on a
//! conflict), so it must not have side effects outside the [`Tx`].

use serde::Serialize;
use serde::de::DeserializeOwned;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use crate::audit::{AuditEntry, AuditEvent, GENESIS_HASH, chain_hash};
use crate::{decode_u64, encode_u64};

pub(crate) const META: usize = 0;
pub(crate) const RECORDS: usize = 1;
pub(crate) const INDEX: usize = 2;
pub(crate) const RECORD_KEYS: usize = 3;
pub(crate) const CHANGES: usize = 4;
pub(crate) const AUDIT: usize = 5;

pub(crate) const CHANGE_SEQ_KEY: &[u8] = b"change_seq";
pub(crate) const AUDIT_HEAD_KEY: &[u8] = b"audit_head";

/// Why a transaction did not commit: a rule of the caller refused it, or stored data is bad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxError {
    /// The caller's rule refused the change; the message names the rule and the value.
    Rejected { code: &'static str, message: String },
    /// Stored bytes could not be read.
    Corrupt(String),
}

pub type TxResult<T> = Result<T, ConflictableTransactionError<TxError>>;

/// Aborts the transaction with a caller's rule.
pub fn reject<T>(code: &'static str, message: impl Into<String>) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(TxError::Rejected {
        code,
        message: message.into(),
    }))
}

fn corrupt<T>(message: String) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(TxError::Corrupt(message)))
}

/// A secondary-index entry of a record: `index` names the index (`class`, `state`, `party`,
/// `retention_end`), `key` is its sortable key. Keys hold no zero bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct IndexKey {
    pub index: String,
    pub key: String,
}

impl IndexKey {
    pub fn new(index: &str, key: impl Into<String>) -> IndexKey {
        let key: String = key.into().replace('\0', " ");
        IndexKey {
            index: index.to_owned(),
            key,
        }
    }
}

pub(crate) fn record_key(kind: &str, id: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(kind.len() + id.len() + 1);
    key.extend_from_slice(kind.as_bytes());
    key.push(0);
    key.extend_from_slice(id.as_bytes());
    key
}

pub(crate) fn index_entry_key(entry: &IndexKey, kind: &str, id: &str) -> Vec<u8> {
    let mut key = Vec::new();
    for part in [entry.index.as_str(), entry.key.as_str(), kind, id] {
        key.extend_from_slice(part.as_bytes());
        key.push(0);
    }
    key.pop();
    key
}

/// A change-log entry: which record changed, in commit order. The search index catches up
/// from these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Change {
    pub seq: u64,
    pub kind: String,
    pub id: String,
    pub op: ChangeOp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeOp {
    Put,
    Delete,
}

/// The view of the database inside one transaction.
pub struct Tx<'a> {
    pub(crate) trees: &'a [TransactionalTree],
}

impl Tx<'_> {
    /// The record `kind`/`id` as stored, if any.
    pub fn get<T: DeserializeOwned>(&self, kind: &str, id: &str) -> TxResult<Option<T>> {
        match self.trees[RECORDS].get(record_key(kind, id))? {
            Some(bytes) => match serde_json::from_slice(&bytes) {
                Ok(value) => Ok(Some(value)),
                Err(error) => corrupt(format!("{kind} {id}: {error}")),
            },
            None => Ok(None),
        }
    }

    /// Writes a record and replaces its secondary-index entries; logs the change.
    pub fn put<T: Serialize>(&self, kind: &str, id: &str, value: &T, index_keys: &[IndexKey]) -> TxResult<()> {
        let bytes = match serde_json::to_vec(value) {
            Ok(bytes) => bytes,
            Err(error) => return corrupt(format!("{kind} {id}: {error}")),
        };
        let key = record_key(kind, id);
        self.remove_index_entries(kind, id, &key)?;
        for entry in index_keys {
            self.trees[INDEX].insert(index_entry_key(entry, kind, id), &[])?;
        }
        let keys_json = serde_json::to_vec(index_keys).unwrap_or_default();
        self.trees[RECORD_KEYS].insert(key.clone(), keys_json)?;
        self.trees[RECORDS].insert(key, bytes)?;
        self.log_change(kind, id, ChangeOp::Put)
    }

    /// Removes a record and its index entries; logs the change.
    pub fn delete(&self, kind: &str, id: &str) -> TxResult<()> {
        let key = record_key(kind, id);
        self.remove_index_entries(kind, id, &key)?;
        self.trees[RECORD_KEYS].remove(key.clone())?;
        self.trees[RECORDS].remove(key)?;
        self.log_change(kind, id, ChangeOp::Delete)
    }

    fn remove_index_entries(&self, kind: &str, id: &str, key: &[u8]) -> TxResult<()> {
        if let Some(old) = self.trees[RECORD_KEYS].get(key)? {
            let old_keys: Vec<IndexKey> = match serde_json::from_slice(&old) {
                Ok(keys) => keys,
                Err(error) => return corrupt(format!("index keys of {kind} {id}: {error}")),
            };
            for entry in old_keys {
                self.trees[INDEX].remove(index_entry_key(&entry, kind, id))?;
            }
        }
        Ok(())
    }

    fn read_u64(&self, tree: usize, key: &[u8]) -> TxResult<u64> {
        match self.trees[tree].get(key)? {
            Some(bytes) => match decode_u64(&bytes) {
                Some(value) => Ok(value),
                None => corrupt(format!("counter {} is not 8 bytes", String::from_utf8_lossy(key))),
            },
            None => Ok(0),
        }
    }

    /// Increments the named counter and returns its new value (the first is 1). The counter
    /// and the records that use it commit together, so a crash leaves no gap and no reuse.
    pub fn next_counter(&self, name: &str) -> TxResult<u64> {
        let key = format!("counter/{name}").into_bytes();
        let next = self.read_u64(META, &key)? + 1;
        self.trees[META].insert(key, &encode_u64(next))?;
        Ok(next)
    }

    /// The current value of a counter (0 if never incremented), written back unchanged so that
    /// a transaction that reads it conflicts with one that increments it.
    pub fn touch_counter(&self, name: &str) -> TxResult<u64> {
        let key = format!("counter/{name}").into_bytes();
        let value = self.read_u64(META, &key)?;
        self.trees[META].insert(key, &encode_u64(value))?;
        Ok(value)
    }

    fn log_change(&self, kind: &str, id: &str, op: ChangeOp) -> TxResult<()> {
        let seq = self.read_u64(META, CHANGE_SEQ_KEY)? + 1;
        self.trees[META].insert(CHANGE_SEQ_KEY, &encode_u64(seq))?;
        let change = Change {
            seq,
            kind: kind.to_owned(),
            id: id.to_owned(),
            op,
        };
        let bytes = serde_json::to_vec(&change).unwrap_or_default();
        self.trees[CHANGES].insert(&encode_u64(seq), bytes)?;
        Ok(())
    }

    /// Appends an audit entry chained to the previous one; returns its sequence number.
    pub fn audit(&self, event: &AuditEvent) -> TxResult<u64> {
        let (previous_seq, previous_hash) = match self.trees[META].get(AUDIT_HEAD_KEY)? {
            Some(bytes) => match serde_json::from_slice::<(u64, String)>(&bytes) {
                Ok(head) => head,
                Err(error) => return corrupt(format!("audit head: {error}")),
            },
            None => (0, GENESIS_HASH.to_owned()),
        };
        let seq = previous_seq + 1;
        let mut entry = AuditEntry::from_event(seq, event, previous_hash);
        entry.hash = chain_hash(&entry);
        let bytes = serde_json::to_vec(&entry).unwrap_or_default();
        self.trees[AUDIT].insert(&encode_u64(seq), bytes)?;
        let head = serde_json::to_vec(&(seq, &entry.hash)).unwrap_or_default();
        self.trees[META].insert(AUDIT_HEAD_KEY, head)?;
        Ok(seq)
    }
}
