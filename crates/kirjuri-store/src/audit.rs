//! The audit trail (lokitiedot): append-only and hash-chained. Each entry holds the SHA-256
//! of the previous entry, and its own hash covers its content and that link, so altering,
//! removing or reordering any entry breaks the chain at the first bad entry.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sha256_hex;

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as the caller describes it. No document text, secrets or personal data
/// beyond the identifiers needed to answer "who looked at my data".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// The user or system principal that acted.
    pub actor: String,
    /// What was done: `case.open`, `document.read`, `search`, `export`, …
    pub action: String,
    /// The kind and id of the record acted on, if any.
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    /// Purpose of use given by the actor (käyttötarkoitus), for reads of restricted records.
    pub purpose: Option<String>,
    /// Structured detail: changed fields, old and new states, counts.
    #[serde(default)]
    pub detail: serde_json::Value,
}

impl AuditEvent {
    pub fn new(at: DateTime<Utc>, actor: &str, action: &str) -> AuditEvent {
        AuditEvent {
            at,
            actor: actor.to_owned(),
            action: action.to_owned(),
            target_kind: None,
            target_id: None,
            purpose: None,
            detail: serde_json::Value::Null,
        }
    }

    pub fn target(mut self, kind: &str, id: &str) -> AuditEvent {
        self.target_kind = Some(kind.to_owned());
        self.target_id = Some(id.to_owned());
        self
    }

    pub fn purpose(mut self, purpose: Option<&str>) -> AuditEvent {
        self.purpose = purpose.map(str::to_owned);
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> AuditEvent {
        self.detail = detail;
        self
    }
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub purpose: Option<String>,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    pub(crate) fn from_event(seq: u64, event: &AuditEvent, prev_hash: String) -> AuditEntry {
        AuditEntry {
            seq,
            at: event.at,
            actor: event.actor.clone(),
            action: event.action.clone(),
            target_kind: event.target_kind.clone(),
            target_id: event.target_id.clone(),
            purpose: event.purpose.clone(),
            detail: event.detail.clone(),
            prev_hash,
            hash: String::new(),
        }
    }
}

/// The hash of an entry: SHA-256 over its canonical JSON with an empty `hash` field.
pub fn chain_hash(entry: &AuditEntry) -> String {
    let mut unhashed = entry.clone();
    unhashed.hash = String::new();
    // Struct fields serialise in declaration order and serde_json's maps are sorted, so the
    // bytes are canonical for a given entry.
    let bytes = serde_json::to_vec(&unhashed).unwrap_or_default();
    sha256_hex(&bytes)
}

/// The first problem found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// The sequence number of the first bad entry.
    pub seq: u64,
    pub problem: String,
}

/// Result of verifying the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub entries: u64,
    pub first_break: Option<ChainBreak>,
}

/// Verifies entries given in stored order against the stored head.
pub fn verify_chain(
    entries: impl Iterator<Item = Result<AuditEntry, String>>,
    head: Option<(u64, String)>,
) -> ChainReport {
    let mut expected_seq = 1u64;
    let mut previous_hash = GENESIS_HASH.to_owned();
    let mut count = 0;
    for item in entries {
        let entry = match item {
            Ok(entry) => entry,
            Err(problem) => {
                return ChainReport {
                    entries: count,
                    first_break: Some(ChainBreak {
                        seq: expected_seq,
                        problem,
                    }),
                };
            }
        };
        let problem = if entry.seq != expected_seq {
            Some(format!(
                "expected entry {expected_seq}, found entry {} (entries removed or reordered)",
                entry.seq
            ))
        } else if entry.prev_hash != previous_hash {
            Some("its previous-hash link does not match the entry before it (removed or reordered entries)".to_owned())
        } else if chain_hash(&entry) != entry.hash {
            Some("its content does not match its hash (altered)".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            return ChainReport {
                entries: count,
                first_break: Some(ChainBreak {
                    seq: expected_seq,
                    problem,
                }),
            };
        }
        previous_hash = entry.hash.clone();
        expected_seq += 1;
        count += 1;
    }
    let last_seq = expected_seq - 1;
    let first_break = match head {
        Some((head_seq, head_hash)) if head_seq != last_seq || head_hash != previous_hash => Some(ChainBreak {
            seq: last_seq + 1,
            problem: format!(
                "the chain ends at entry {last_seq} but the head records entry {head_seq} (entries removed from the end)"
            ),
        }),
        None if last_seq > 0 => Some(ChainBreak {
            seq: 1,
            problem: "entries exist but the head is missing".to_owned(),
        }),
        _ => None,
    };
    ChainReport {
        entries: count,
        first_break,
    }
}

/// What an audit search keeps: every given part must match (the person and the record exactly,
/// ignoring case; the action as a prefix, `case.` for every case action; the time inclusive).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// A record's id (`case-3`, `doc-7`, `req-2`).
    pub target: Option<String>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl AuditFilter {
    pub fn keeps(&self, entry: &AuditEntry) -> bool {
        let same = |wanted: &Option<String>, value: Option<&str>| {
            wanted
                .as_deref()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .is_none_or(|w| value.is_some_and(|v| v.eq_ignore_ascii_case(w)))
        };
        same(&self.actor, Some(&entry.actor))
            && same(&self.target, entry.target_id.as_deref())
            && self
                .action
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .is_none_or(|a| entry.action.starts_with(a))
            && self.from.is_none_or(|from| entry.at >= from)
            && self.to.is_none_or(|to| entry.at <= to)
    }
}
