//! `kirjuri check` at the store level: every secondary index against its records, the change
//! log's continuity, the audit chain and every stored content digest; and content that no
//! record refers to (the callers say which content their records refer to).

use std::collections::HashSet;

use serde::Serialize;

use crate::tx::{self, IndexKey, index_entry_key};
use crate::{Sha256Hex, Store, StoreResult, decode_u64};

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `index`, `records`, `change-log`, `audit`, `content`.
    pub area: &'static str,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub records: u64,
    pub index_entries: u64,
    pub changes: u64,
    pub audit_entries: u64,
    pub blobs: u64,
    pub problems: Vec<Problem>,
    /// Content files no record refers to. Not a problem: content is stored durably before the
    /// record that refers to it is committed, so a crash (or a backup taken) in between
    /// leaves one; nothing is lost, and `--repair` removes them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreferenced_content: Vec<UnreferencedContent>,
    /// Content files `--repair` removed because no record referred to them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_content: Vec<UnreferencedContent>,
}

/// A content file that no record refers to (an orphan): left by a crash between storing
/// content and committing its record, or between destroying a record and removing its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreferencedContent {
    pub sha256: Sha256Hex,
    pub size: u64,
}

impl CheckReport {
    pub fn push(&mut self, area: &'static str, detail: impl Into<String>) {
        self.problems.push(Problem {
            area,
            detail: detail.into(),
        });
    }
}

fn describe(key: &[u8]) -> String {
    String::from_utf8_lossy(key).replace('\0', " ")
}

impl Store {
    /// Checks everything the store itself can check; callers add their own rules.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let mut report = CheckReport::default();
        let records = self.tree(tx::RECORDS)?;
        let record_keys = self.tree(tx::RECORD_KEYS)?;
        let index = self.tree(tx::INDEX)?;

        let mut expected_index: HashSet<Vec<u8>> = HashSet::new();
        for entry in records.iter() {
            let (key, _) = entry?;
            report.records += 1;
            if record_keys.get(&key)?.is_none() {
                report.push(
                    "records",
                    format!("record {} has no list of index keys", describe(&key)),
                );
            }
        }
        for entry in record_keys.iter() {
            let (key, value) = entry?;
            if records.get(&key)?.is_none() {
                report.push(
                    "index",
                    format!("index keys kept for missing record {}", describe(&key)),
                );
            }
            let Some(separator) = key.iter().position(|b| *b == 0) else {
                report.push("records", format!("malformed record key {}", describe(&key)));
                continue;
            };
            let kind = String::from_utf8_lossy(&key[..separator]).into_owned();
            let id = String::from_utf8_lossy(&key[separator + 1..]).into_owned();
            let keys: Vec<IndexKey> = match serde_json::from_slice(&value) {
                Ok(keys) => keys,
                Err(error) => {
                    report.push("index", format!("index keys of {kind} {id} unreadable: {error}"));
                    continue;
                }
            };
            for index_key in keys {
                let entry_key = index_entry_key(&index_key, &kind, &id);
                if index.get(&entry_key)?.is_none() {
                    report.push(
                        "index",
                        format!(
                            "{kind} {id} is missing from index `{}` under `{}`",
                            index_key.index, index_key.key
                        ),
                    );
                }
                expected_index.insert(entry_key);
            }
        }
        for entry in index.iter() {
            let (key, _) = entry?;
            report.index_entries += 1;
            if !expected_index.contains(key.as_ref()) {
                report.push(
                    "index",
                    format!("stale index entry {} points at no current record", describe(&key)),
                );
            }
        }

        let last_change = self.last_change()?;
        for (expected_seq, entry) in (1u64..).zip(self.tree(tx::CHANGES)?.iter()) {
            let (key, _) = entry?;
            let seq = decode_u64(&key).unwrap_or(0);
            if seq != expected_seq {
                report.push("change-log", format!("expected change {expected_seq}, found {seq}"));
                break;
            }
            report.changes += 1;
        }
        if report.changes != last_change && report.problems.iter().all(|p| p.area != "change-log") {
            report.push(
                "change-log",
                format!("the log ends at {} but the counter says {last_change}", report.changes),
            );
        }

        let chain = self.verify_audit()?;
        report.audit_entries = chain.entries;
        if let Some(chain_break) = chain.first_break {
            report.push("audit", format!("entry {}: {}", chain_break.seq, chain_break.problem));
        }

        for digest in self.blobs().list()? {
            report.blobs += 1;
            if let Err(error) = self.blobs().verify(&digest) {
                report.push("content", error.to_string());
            }
        }
        Ok(report)
    }

    /// Content files whose digest is not in `referenced`, in digest order. `referenced` must
    /// hold every digest any record refers to; the store cannot know which fields those are.
    pub fn unreferenced_content(&self, referenced: &HashSet<Sha256Hex>) -> StoreResult<Vec<UnreferencedContent>> {
        let mut found = Vec::new();
        for digest in self.blobs().list()? {
            if referenced.contains(&digest) {
                continue;
            }
            let path = self.blobs().path_of(&digest);
            let size = std::fs::metadata(&path)
                .map_err(|e| crate::blobs::io_error(&path, e))?
                .len();
            found.push(UnreferencedContent { sha256: digest, size });
        }
        Ok(found)
    }

    /// Adds a problem for each content file that no record refers to.
    pub fn report_unreferenced_content(
        &self,
        report: &mut CheckReport,
        referenced: &HashSet<Sha256Hex>,
    ) -> StoreResult<()> {
        report.unreferenced_content = self.unreferenced_content(referenced)?;
        Ok(())
    }

    /// Removes every content file whose digest is not in `referenced` and records what it
    /// removed in `report`. Content in `referenced` is never touched.
    ///
    /// Only for a process that holds the data folder alone and stores no content meanwhile
    /// (the command line: sled's lock keeps a running server out): content is stored before
    /// the record that refers to it is committed, so an upload in flight would look orphaned.
    pub fn remove_unreferenced_content(
        &self,
        report: &mut CheckReport,
        referenced: &HashSet<Sha256Hex>,
    ) -> StoreResult<()> {
        for orphan in self.unreferenced_content(referenced)? {
            self.blobs().remove(&orphan.sha256)?;
            report.blobs = report.blobs.saturating_sub(1);
            report.removed_content.push(orphan);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreferenced_content_is_reported_and_only_it_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let kept = store.blobs().put_bytes(b"referred to").unwrap();
        let orphan = store.blobs().put_bytes(b"orphan").unwrap();
        let referenced: HashSet<Sha256Hex> = [kept.sha256.clone()].into_iter().collect();

        let mut report = store.check().unwrap();
        store.report_unreferenced_content(&mut report, &referenced).unwrap();
        assert!(
            report.problems.is_empty(),
            "an orphan is not a problem: {:?}",
            report.problems
        );
        assert_eq!(
            report.unreferenced_content,
            vec![UnreferencedContent {
                sha256: orphan.sha256.clone(),
                size: 6
            }]
        );

        let mut repaired = store.check().unwrap();
        store.remove_unreferenced_content(&mut repaired, &referenced).unwrap();
        assert_eq!(
            repaired.removed_content,
            vec![UnreferencedContent {
                sha256: orphan.sha256.clone(),
                size: 6
            }]
        );
        assert!(!store.blobs().contains(&orphan.sha256));
        assert_eq!(store.blobs().read_verified(&kept.sha256).unwrap(), b"referred to");
        let mut again = store.check().unwrap();
        store.report_unreferenced_content(&mut again, &referenced).unwrap();
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert!(again.unreferenced_content.is_empty());
    }
}
