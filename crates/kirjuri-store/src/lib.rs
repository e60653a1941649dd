//! The system of record: the sled database under `<data>/db` and the content store under
//! `<data>/blobs`, behind [`Store`].
//!
//! Owns the on-disk schema and its version, every durable write, the secondary indexes, the
//! change log that derived data catches up from, the hash-chained audit trail, and the data
//! folder's disk-use figures (`disk_use`: what sled holds against its files). A write
//! returns only after sled has flushed it, so an acknowledged write survives a crash; a write
//! is refused before it starts when the disk is below its free-space reserve (`space`). Only
//! this crate names sled; it knows nothing of HTTP, search or how records are displayed.

mod audit;
mod backup;
mod blobs;
mod check;
mod disk_use;
mod plan_versions;
mod space;
mod tx;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

pub use audit::{AuditEntry, AuditEvent, AuditFilter, ChainBreak, ChainReport, GENESIS_HASH, chain_hash, verify_chain};
pub use backup::{BackupSummary, StagedRestore, backup, restore, restore_staged};
pub use blobs::{BlobStore, Sha256Hex, StoredBlob};
pub use check::{CheckReport, Problem, UnreferencedContent};
pub use disk_use::{DiskUse, FolderUse, TreeUse, folder_use, ratio};
pub use plan_versions::{Approval, PlanVersionSummary, PlanVersions, in_force_among};
pub use space::{DiskReserve, MIN_DEFAULT_RESERVE_BYTES, Room, is_disk_full};
pub use tx::{Change, ChangeOp, IndexKey, Tx, TxError, TxResult, reject};

/// Version of the on-disk layout this build writes; a newer one is refused.
pub const SCHEMA_VERSION: u64 = 1;

const SCHEMA_KEY: &[u8] = b"schema_version";
/// Trees that take part in transactions, in the order of the `tx` constants.
const TX_TREES: [&str; 6] = ["meta", "records", "index", "record_keys", "changes", "audit"];
const PLAN_TREE: &str = "plan_versions";
/// Every tree a backup holds.
pub(crate) const ALL_TREES: [&str; 7] = ["meta", "records", "index", "record_keys", "changes", "audit", PLAN_TREE];

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database in {path}: {source}")]
    Open { path: String, source: sled::Error },
    #[error(
        "the data folder {path} is in use by another Kirjuri process (a running `kirjuri serve`?); stop it, or use its HTTP API"
    )]
    InUse { path: String },
    #[error(
        "the data folder was written by a newer Kirjuri (schema version {found}, this build knows {SCHEMA_VERSION}); upgrade Kirjuri or restore a backup"
    )]
    NewerSchema { found: u64 },
    #[error("database error: {0}")]
    Db(#[from] sled::Error),
    #[error("file error on {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("stored {what} is corrupt: {detail}")]
    Corrupt { what: String, detail: String },
    #[error("{message}")]
    Rejected { code: &'static str, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0} not found")]
    NotFound(String),
    /// The disk is full, or free space is below the reserve (see `space`): nothing was written.
    #[error("the disk holding {place} is full ({detail}); free space on it and try again")]
    DiskFull { place: String, detail: String },
    /// Stored content could not be read from the disk (an I/O error, not a wrong digest).
    #[error("cannot read {what} from the disk: {detail}")]
    Unreadable { what: String, detail: String },
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// Whether the error is a full disk, however it reached us (the reserve, `ENOSPC` from a
    /// file, or from sled).
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::DiskFull { .. } => true,
            StoreError::Db(error) => space::is_sled_disk_full(error),
            StoreError::Io { source, .. } => is_disk_full(source),
            _ => false,
        }
    }
}

struct Inner {
    /// The open database; opened again in place after a full disk (see
    /// `Store::reopen_after_full_disk`). `None` only while a reopen failed (the disk was
    /// still full); the next use tries again.
    sled: RwLock<Option<Arc<Sled>>>,
    /// Set when sled reported a full disk: sled 0.34 keeps that error and fails every later
    /// write until the database is opened again.
    needs_reopen: AtomicBool,
    blobs: BlobStore,
    root: PathBuf,
    /// Writers hold it shared; a backup holds it exclusively so its copy is consistent.
    write_gate: RwLock<()>,
    /// Group commit: concurrent writers share one flush (see [`GroupCommit`]).
    group_commit: GroupCommit,
}

/// Group commit (a flush combiner). Every transaction commits without flushing and takes a
/// ticket (`written`); it returns only when a flush that *started after* its commit has
/// finished (`durable` has reached its ticket). One waiting writer flushes for all: whoever
/// finds no flush running starts one covering every ticket taken so far; the others sleep on
/// the condition variable and wake up durable, or start the next flush themselves. Under load,
/// N concurrent writers cost about one fsync instead of N; alone, a writer costs what it did.
#[derive(Default)]
struct GroupCommit {
    state: Mutex<FlushState>,
    flushed: Condvar,
    /// Each writer flushes on its own, as before group commit (only the benchmark that
    /// compares the two sets it: `benches/group_commit.rs`).
    flush_each: std::sync::atomic::AtomicBool,
}

#[derive(Default)]
struct FlushState {
    /// Tickets handed out: transactions committed (not necessarily on disk).
    written: u64,
    /// Every ticket up to this one is on disk.
    durable: u64,
    /// A flush is running (by some writer, for every ticket up to its start).
    flushing: bool,
}

impl GroupCommit {
    fn lock(&self) -> std::sync::MutexGuard<'_, FlushState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A ticket for a transaction that has just committed.
    fn ticket(&self) -> u64 {
        let mut state = self.lock();
        state.written += 1;
        state.written
    }

    /// Returns when every write up to `ticket` is on disk, flushing `db` if no one else is.
    /// A failed flush is returned to the writer that ran it; the others try again themselves,
    /// so each gets its own answer and none is acknowledged without a successful flush.
    fn wait_durable(&self, db: &sled::Db, ticket: u64) -> Result<(), sled::Error> {
        if self.flush_each.load(std::sync::atomic::Ordering::Relaxed) {
            db.flush()?;
            return Ok(());
        }
        let mut state = self.lock();
        loop {
            if state.durable >= ticket {
                return Ok(());
            }
            if state.flushing {
                state = self
                    .flushed
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                continue;
            }
            // Every ticket up to `covered` committed before this flush starts, so sled's flush
            // (all writes made before the call) makes them durable.
            let covered = state.written;
            state.flushing = true;
            drop(state);
            let flushed = db.flush();
            state = self.lock();
            state.flushing = false;
            if flushed.is_ok() {
                state.durable = state.durable.max(covered);
            }
            self.flushed.notify_all();
            flushed?;
        }
    }
}

/// sled's handles of one opening of the database.
struct Sled {
    db: sled::Db,
    trees: Vec<sled::Tree>,
}

impl Sled {
    /// Opens `<root>/db`. sled lets go of its lock on the folder when its background flusher
    /// has ended, a moment after the last handle is dropped; so a folder found locked is tried
    /// again for up to a second before it counts as in use.
    fn open(root: &Path) -> StoreResult<Sled> {
        let db_path = root.join("db");
        let give_up_at = std::time::Instant::now() + std::time::Duration::from_secs(1);
        let db = loop {
            match sled::Config::new().path(&db_path).open() {
                Ok(db) => break db,
                Err(sled::Error::Io(io)) if io.to_string().contains("could not acquire lock") => {
                    if std::time::Instant::now() >= give_up_at {
                        return Err(StoreError::InUse {
                            path: root.display().to_string(),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(source) => {
                    return Err(StoreError::Open {
                        path: db_path.display().to_string(),
                        source,
                    });
                }
            }
        };
        let trees = TX_TREES
            .iter()
            .map(|name| db.open_tree(name))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Sled { db, trees })
    }
}

/// The opened data folder.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

/// Lowercase hex of bytes (sha2 0.11 digests have no `LowerHex`).
pub fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// SHA-256 of bytes as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

impl Store {
    /// Opens (or creates) the store of a data folder: `<root>/db` and `<root>/blobs`.
    ///
    /// sled lets go of its lock on the folder when its background flusher has ended, a moment
    /// after the last handle is dropped; so a folder found locked is tried again for up to a
    /// second before it counts as in use (a restore that checks its staged store, then moves
    /// it, reopens within that moment).
    pub fn open(root: &Path) -> StoreResult<Store> {
        let Sled { db, trees } = Sled::open(root)?;
        let meta = &trees[0];
        match meta.get(SCHEMA_KEY)? {
            Some(bytes) => {
                let found = decode_u64(&bytes).ok_or_else(|| StoreError::Corrupt {
                    what: "schema version".to_owned(),
                    detail: format!("{} bytes", bytes.len()),
                })?;
                if found > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema { found });
                }
            }
            None => {
                meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())?;
                db.flush()?;
            }
        }
        let blobs = BlobStore::open_in(root, &root.join("blobs"))?;
        // sled's lock is held from here on, so whatever lies in blobs/tmp was left by a
        // process that ended before cleaning up (issue 14).
        blobs.remove_leftover_temporaries()?;
        Ok(Store {
            inner: Arc::new(Inner {
                sled: RwLock::new(Some(Arc::new(Sled { db, trees }))),
                needs_reopen: AtomicBool::new(false),
                blobs,
                root: root.to_path_buf(),
                write_gate: RwLock::new(()),
                group_commit: GroupCommit::default(),
            }),
        })
    }

    pub fn root(&self) -> &Path {
        &self.inner.root
    }

    pub fn blobs(&self) -> &BlobStore {
        &self.inner.blobs
    }

    /// The plan versions kept in this data folder.
    pub fn plan_versions(&self) -> StoreResult<PlanVersions> {
        PlanVersions::open(&self.sled()?.db, PLAN_TREE)
    }

    /// Runs `work` as one atomic transaction and returns only when it is on disk: when this
    /// returns `Ok`, every write of the transaction is durable. Concurrent writers share one
    /// flush (group commit), so many small transactions at once cost about one fsync.
    ///
    /// Refused with [`StoreError::DiskFull`] before anything is written when the disk's free
    /// space is below the reserve (see [`DiskReserve`]).
    pub fn transact<T>(&self, work: impl Fn(&Tx<'_>) -> TxResult<T>) -> StoreResult<T> {
        self.inner.blobs.reserve().ensure(Room::Records)?;
        self.reopen_after_full_disk()?;
        self.transact_within_reserve(work)
    }

    /// [`Store::transact`] without the reserve check: for the audit entries of reads, which
    /// may use part of the reserve.
    fn transact_within_reserve<T>(&self, work: impl Fn(&Tx<'_>) -> TxResult<T>) -> StoreResult<T> {
        let (value, ticket, sled) = {
            let _shared = self
                .inner
                .write_gate
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let sled = self.sled()?;
            let trees: Vec<&sled::Tree> = sled.trees.iter().collect();
            let result = trees.as_slice().transaction(|views| work(&Tx { trees: views }));
            let value = result.map_err(|error| match error {
                TransactionError::Abort(TxError::Rejected { code, message }) => StoreError::Rejected { code, message },
                TransactionError::Abort(TxError::Corrupt(detail)) => StoreError::Corrupt {
                    what: "record".to_owned(),
                    detail,
                },
                TransactionError::Storage(error) => self.storage_error(error),
            })?;
            // The ticket is taken after the commit, so a flush that starts later covers it.
            (value, self.inner.group_commit.ticket(), sled)
        };
        self.inner
            .group_commit
            .wait_durable(&sled.db, ticket)
            .map_err(|error| self.storage_error(error))?;
        Ok(value)
    }

    /// A sled error as the store reports it: a full disk is named as such.
    fn storage_error(&self, error: sled::Error) -> StoreError {
        if space::is_sled_disk_full(&error) {
            self.inner.needs_reopen.store(true, Ordering::SeqCst);
            return self.inner.blobs.reserve().full(format!("sled: {error}"));
        }
        StoreError::Db(error)
    }

    /// The database as opened now; opened again first when a reopen after a full disk has not
    /// succeeded yet (the disk was still full then).
    fn sled(&self) -> StoreResult<Arc<Sled>> {
        // A reader may come before any write after sled met a full disk: it reopens too, when
        // no transaction (not even one of this thread) holds the write gate.
        if self.inner.needs_reopen.load(Ordering::SeqCst)
            && let Ok(_exclusive) = self.inner.write_gate.try_write()
        {
            self.reopen_with_gate_held()?;
        }
        if let Some(sled) = self
            .inner
            .sled
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
        {
            return Ok(sled);
        }
        let mut slot = self.inner.sled.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(sled) = slot.clone() {
            return Ok(sled);
        }
        // Nobody holds a handle of the current opening: there is none, so no write gate is
        // needed to open it.
        let reopened = Arc::new(self.open_again()?);
        *slot = Some(reopened.clone());
        Ok(reopened)
    }

    /// Opens the sled database again, with a full disk named as such.
    fn open_again(&self) -> StoreResult<Sled> {
        Sled::open(&self.inner.root).map_err(|error| match error {
            // Our own old handles, not another process: a reader still holds one.
            StoreError::InUse { .. } => self
                .inner
                .blobs
                .reserve()
                .full("the database is being opened again after a full disk, try again".to_owned()),
            StoreError::Open { source, .. } if space::is_sled_disk_full(&source) => self
                .inner
                .blobs
                .reserve()
                .full(format!("opening the database again: {source}")),
            other => other,
        })
    }

    /// After sled met a full disk, opens the database again in place: sled 0.34 keeps the I/O
    /// error and fails every later write, even once space is freed, until it is reopened (found
    /// by experiment, issue 22). Runs before a write, holding the write gate so that no
    /// transaction is under way; what sled acknowledged before the error is on disk and comes
    /// back with it. When the disk is still full, the next use of the store tries again.
    fn reopen_after_full_disk(&self) -> StoreResult<()> {
        if !self.inner.needs_reopen.load(Ordering::SeqCst) {
            return Ok(());
        }
        let _exclusive = self.exclusive();
        self.reopen_with_gate_held()
    }

    /// The reopen itself; the caller holds the write gate exclusively.
    fn reopen_with_gate_held(&self) -> StoreResult<()> {
        if !self.inner.needs_reopen.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        let mut slot = self.inner.sled.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        // The old handles must be gone before the folder can be locked again; a reader that
        // still holds one lets go within the second `Sled::open` waits.
        drop(slot.take());
        *slot = Some(Arc::new(self.open_again()?));
        Ok(())
    }

    /// The free-space reserve of the data folder's disk.
    pub fn disk_reserve(&self) -> &DiskReserve {
        self.inner.blobs.reserve()
    }

    /// Reads one record.
    pub fn get<T: DeserializeOwned>(&self, kind: &str, id: &str) -> StoreResult<Option<T>> {
        match self.sled()?.trees[tx::RECORDS].get(tx::record_key(kind, id))? {
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| StoreError::Corrupt {
                    what: format!("{kind} {id}"),
                    detail: e.to_string(),
                }),
            None => Ok(None),
        }
    }

    /// Every record of a kind, in id order.
    pub fn list<T: DeserializeOwned>(&self, kind: &str) -> StoreResult<Vec<T>> {
        self.list_raw(kind)?.iter().map(RawRecord::decode).collect()
    }

    /// How many records of a kind there are (keys only; nothing is collected).
    pub fn count(&self, kind: &str) -> StoreResult<usize> {
        let mut prefix = kind.as_bytes().to_vec();
        prefix.push(0);
        let mut count = 0;
        for key in self.sled()?.trees[tx::RECORDS].scan_prefix(&prefix).keys() {
            key?;
            count += 1;
        }
        Ok(count)
    }

    /// Every record of a kind in id order, not yet decoded: callers with many records decode
    /// them on several threads (the index rebuild).
    pub fn list_raw(&self, kind: &str) -> StoreResult<Vec<RawRecord>> {
        self.iter_raw(kind).collect()
    }

    /// Every record of a kind in id order, not decoded, read as the caller goes: nothing is
    /// collected, so a caller that visits a million records (the index rebuild, the OCR
    /// worker, `check`) holds only the records it is working on.
    pub fn iter_raw(&self, kind: &str) -> impl Iterator<Item = StoreResult<RawRecord>> + use<> {
        let mut prefix = kind.as_bytes().to_vec();
        prefix.push(0);
        let (scan, unopened) = match self.sled() {
            Ok(sled) => (Some(sled.trees[tx::RECORDS].scan_prefix(&prefix)), None),
            Err(error) => (None, Some(error)),
        };
        unopened
            .map(Err)
            .into_iter()
            .chain(scan.into_iter().flatten().map(|entry| {
                let (key, bytes) = entry?;
                Ok(RawRecord { key, bytes })
            }))
    }

    /// Ids of records of `kind` whose `index` key is exactly `key`, in id order.
    ///
    /// The scan runs over `index \0 key \0 kind \0`, with the key terminated, so the
    /// lookup of `case-1` never returns the records of `case-10` and `anna` never those of
    /// `anna.k`. A lookup by key must return exactly that key's records: this is the only
    /// lookup for ids, users, cases, parties and proposals.
    pub fn scan_index(&self, index: &str, key: &str, kind: &str) -> StoreResult<Vec<String>> {
        let key = IndexKey::new(index, key);
        let mut prefix = Vec::with_capacity(index.len() + key.key.len() + kind.len() + 3);
        for part in [index, key.key.as_str(), kind] {
            prefix.extend_from_slice(part.as_bytes());
            prefix.push(0);
        }
        let mut ids = Vec::new();
        for entry in self.sled()?.trees[tx::INDEX].scan_prefix(&prefix) {
            let (entry_key, _) = entry?;
            ids.push(String::from_utf8_lossy(&entry_key[prefix.len()..]).into_owned());
        }
        Ok(ids)
    }

    /// Ids of records of `kind` whose `index` key *begins with* `key_prefix`, in key order.
    ///
    /// Only for keys that are hierarchical by design, where a prefix is what is meant: class
    /// codes stored as `07.00.01.`, looked up as `07.`. Never use it for an id or a name.
    pub fn scan_index_prefix(&self, index: &str, key_prefix: &str, kind: &str) -> StoreResult<Vec<String>> {
        let mut prefix = index.as_bytes().to_vec();
        prefix.push(0);
        prefix.extend_from_slice(key_prefix.as_bytes());
        self.collect_index(self.sled()?.trees[tx::INDEX].scan_prefix(prefix), kind)
    }

    /// Ids of records of `kind` whose `index` key lies in `from..to` (to exclusive), in key
    /// order: a range scan, not a full scan.
    pub fn scan_index_range(&self, index: &str, from: &str, to: &str, kind: &str) -> StoreResult<Vec<String>> {
        let start = format!("{index}\0{from}").into_bytes();
        let end = format!("{index}\0{to}").into_bytes();
        self.collect_index(self.sled()?.trees[tx::INDEX].range(start..end), kind)
    }

    fn collect_index(&self, iter: sled::Iter, kind: &str) -> StoreResult<Vec<String>> {
        let mut ids = Vec::new();
        for entry in iter {
            let (key, _) = entry?;
            let parts: Vec<&[u8]> = key.split(|b| *b == 0).collect();
            if parts.len() == 4 && parts[2] == kind.as_bytes() {
                ids.push(String::from_utf8_lossy(parts[3]).into_owned());
            }
        }
        Ok(ids)
    }

    /// Changes after `seq`, oldest first.
    pub fn changes_since(&self, seq: u64) -> StoreResult<Vec<Change>> {
        let mut changes = Vec::new();
        for entry in self.sled()?.trees[tx::CHANGES].range(encode_u64(seq.saturating_add(1))..) {
            let (_, bytes) = entry?;
            changes.push(serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                what: "change log".to_owned(),
                detail: e.to_string(),
            })?);
        }
        Ok(changes)
    }

    /// The last change-log sequence number.
    pub fn last_change(&self) -> StoreResult<u64> {
        Ok(self.sled()?.trees[tx::META]
            .get(tx::CHANGE_SEQ_KEY)?
            .and_then(|b| decode_u64(&b))
            .unwrap_or(0))
    }

    /// Appends one audit entry on its own (reads, searches, exports); flushed on return. It may
    /// use part of the disk's reserve, so reads stay audited while records are refused.
    pub fn audit(&self, event: &AuditEvent) -> StoreResult<u64> {
        self.inner.blobs.reserve().ensure(Room::AuditOfRead)?;
        self.reopen_after_full_disk()?;
        self.transact_within_reserve(|tx| tx.audit(event))
    }

    /// Audit entries with `seq` in `from..=to`, in order.
    pub fn audit_entries(&self) -> impl Iterator<Item = Result<AuditEntry, String>> + '_ {
        let (entries, unopened) = match self.sled() {
            Ok(sled) => (Some(sled.trees[tx::AUDIT].iter()), None),
            Err(error) => (None, Some(Err(error.to_string()))),
        };
        unopened.into_iter().chain(entries.into_iter().flatten().map(|entry| {
            let (key, bytes) = entry.map_err(|e| e.to_string())?;
            serde_json::from_slice::<AuditEntry>(&bytes)
                .map_err(|e| format!("entry at key {:?} is not readable: {e}", decode_u64(&key)))
        }))
    }

    /// At most `limit` audit entries with `seq` greater than `after`, oldest first (a reader
    /// that follows the trail from a cursor, such as the webhook deliverer).
    pub fn audit_after(&self, after: u64, limit: usize) -> Result<Vec<AuditEntry>, String> {
        let mut found = Vec::new();
        let sled = self.sled().map_err(|error| error.to_string())?;
        for entry in sled.trees[tx::AUDIT].range(encode_u64(after.saturating_add(1))..) {
            let (key, bytes) = entry.map_err(|e| e.to_string())?;
            found.push(
                serde_json::from_slice::<AuditEntry>(&bytes)
                    .map_err(|e| format!("entry at key {:?} is not readable: {e}", decode_u64(&key)))?,
            );
            if found.len() >= limit {
                break;
            }
        }
        Ok(found)
    }

    /// The newest `limit` entries the filter keeps, newest first.
    pub fn search_audit(&self, filter: &AuditFilter, limit: usize) -> Result<Vec<AuditEntry>, String> {
        let mut found = Vec::new();
        let sled = self.sled().map_err(|error| error.to_string())?;
        for entry in sled.trees[tx::AUDIT].iter().rev() {
            let (key, bytes) = entry.map_err(|e| e.to_string())?;
            let entry = serde_json::from_slice::<AuditEntry>(&bytes)
                .map_err(|e| format!("entry at key {:?} is not readable: {e}", decode_u64(&key)))?;
            if filter.keeps(&entry) {
                found.push(entry);
                if found.len() >= limit {
                    break;
                }
            }
        }
        Ok(found)
    }

    fn audit_head(&self) -> StoreResult<Option<(u64, String)>> {
        match self.sled()?.trees[tx::META].get(tx::AUDIT_HEAD_KEY)? {
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| StoreError::Corrupt {
                    what: "audit head".to_owned(),
                    detail: e.to_string(),
                }),
            None => Ok(None),
        }
    }

    /// Verifies the audit chain and names the first bad entry.
    pub fn verify_audit(&self) -> StoreResult<ChainReport> {
        Ok(verify_chain(self.audit_entries(), self.audit_head()?))
    }

    /// Turns group commit off (every transaction then flushes on its own, as before group
    /// commit) or back on. For the benchmark that compares the two; nothing else calls it.
    #[doc(hidden)]
    pub fn set_flush_each(&self, flush_each: bool) {
        self.inner
            .group_commit
            .flush_each
            .store(flush_each, std::sync::atomic::Ordering::Relaxed);
    }

    /// Waits until every write so far is on disk.
    pub fn flush(&self) -> StoreResult<()> {
        self.sled()?.db.flush().map_err(|error| self.storage_error(error))?;
        Ok(())
    }

    pub(crate) fn db(&self) -> StoreResult<sled::Db> {
        Ok(self.sled()?.db.clone())
    }

    pub(crate) fn exclusive(&self) -> std::sync::RwLockWriteGuard<'_, ()> {
        self.inner
            .write_gate
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn tree(&self, index: usize) -> StoreResult<sled::Tree> {
        Ok(self.sled()?.trees[index].clone())
    }

    /// Direct access for tests that must tamper with stored bytes.
    #[doc(hidden)]
    pub fn raw_tree(&self, name: &str) -> StoreResult<sled::Tree> {
        Ok(self.sled()?.db.open_tree(name)?)
    }
}

/// Big-endian bytes, so that byte order is number order in a prefix scan.
pub fn encode_u64(value: u64) -> [u8; 8] {
    value.to_be_bytes()
}

/// A stored record read but not yet decoded (see `Store::list_raw`).
pub struct RawRecord {
    key: sled::IVec,
    bytes: sled::IVec,
}

impl RawRecord {
    /// Decodes the record; a record that does not decode is reported with its kind and id.
    pub fn decode<T: DeserializeOwned>(&self) -> StoreResult<T> {
        serde_json::from_slice(&self.bytes).map_err(|e| StoreError::Corrupt {
            what: String::from_utf8_lossy(&self.key).replace('\0', " "),
            detail: e.to_string(),
        })
    }
}

pub fn decode_u64(bytes: &[u8]) -> Option<u64> {
    let array: [u8; 8] = bytes.try_into().ok()?;
    Some(u64::from_be_bytes(array))
}

/// Turns a sled abort of ours into a store error (for code that composes transactions).
pub fn abort_error(error: ConflictableTransactionError<TxError>) -> StoreError {
    match error {
        ConflictableTransactionError::Abort(TxError::Rejected { code, message }) => {
            StoreError::Rejected { code, message }
        }
        ConflictableTransactionError::Abort(TxError::Corrupt(detail)) => StoreError::Corrupt {
            what: "record".to_owned(),
            detail,
        },
        ConflictableTransactionError::Storage(error) => StoreError::Db(error),
        ConflictableTransactionError::Conflict => StoreError::Conflict("transaction conflict".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(action: &str) -> AuditEvent {
        AuditEvent::new(
            chrono::Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            "tester",
            action,
        )
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store
                .tree(tx::META)
                .unwrap()
                .insert(SCHEMA_KEY, &(SCHEMA_VERSION + 1).to_be_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        let error = Store::open(dir.path()).err().unwrap();
        assert!(matches!(error, StoreError::NewerSchema { found } if found == SCHEMA_VERSION + 1));
        assert!(error.to_string().contains("newer Kirjuri"));
    }

    #[test]
    fn indexes_follow_the_record() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .transact(|tx| {
                tx.put(
                    "case",
                    "c1",
                    &serde_json::json!({"state": "open"}),
                    &[IndexKey::new("state", "open")],
                )
            })
            .unwrap();
        assert_eq!(store.scan_index("state", "open", "case").unwrap(), vec!["c1"]);
        store
            .transact(|tx| {
                tx.put(
                    "case",
                    "c1",
                    &serde_json::json!({"state": "decided"}),
                    &[IndexKey::new("state", "decided")],
                )
            })
            .unwrap();
        assert!(
            store.scan_index("state", "open", "case").unwrap().is_empty(),
            "old key removed"
        );
        assert!(
            store.scan_index("state", "dec", "case").unwrap().is_empty(),
            "exact, not a prefix"
        );
        assert_eq!(store.scan_index("state", "decided", "case").unwrap(), vec!["c1"]);
        assert_eq!(store.changes_since(0).unwrap().len(), 2);
        assert_eq!(store.changes_since(1).unwrap()[0].seq, 2);
        assert!(store.check().unwrap().problems.is_empty());
    }

    #[test]
    fn rejected_transaction_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let result: StoreResult<()> = store.transact(|tx| {
            tx.next_counter("diary/LAI/2026")?;
            tx.put("case", "c1", &1, &[])?;
            reject("invalid_state", "no")
        });
        assert!(matches!(
            result,
            Err(StoreError::Rejected {
                code: "invalid_state",
                ..
            })
        ));
        assert_eq!(store.get::<i32>("case", "c1").unwrap(), None);
        let next = store.transact(|tx| tx.next_counter("diary/LAI/2026")).unwrap();
        assert_eq!(next, 1, "the aborted transaction used no number");
    }

    #[test]
    fn audit_chain_detects_alteration_removal_and_reorder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for n in 0..5 {
            store.audit(&event(&format!("action.{n}"))).unwrap();
        }
        assert_eq!(
            store.verify_audit().unwrap(),
            ChainReport {
                entries: 5,
                first_break: None
            }
        );
        let audit = store.tree(tx::AUDIT).unwrap();

        let original_3 = audit.get(encode_u64(3)).unwrap().unwrap();
        let mut altered: AuditEntry = serde_json::from_slice(&original_3).unwrap();
        altered.actor = "someone else".to_owned();
        audit
            .insert(encode_u64(3), serde_json::to_vec(&altered).unwrap())
            .unwrap();
        let report = store.verify_audit().unwrap();
        assert_eq!(report.first_break.as_ref().unwrap().seq, 3);
        assert!(report.first_break.unwrap().problem.contains("altered"));
        audit.insert(encode_u64(3), original_3.clone()).unwrap();

        audit.remove(encode_u64(2)).unwrap();
        assert_eq!(store.verify_audit().unwrap().first_break.unwrap().seq, 2);
        let original_2: AuditEntry = serde_json::from_slice(&original_3).unwrap();
        let _ = original_2;

        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for n in 0..4 {
            store.audit(&event(&format!("action.{n}"))).unwrap();
        }
        let audit = store.tree(tx::AUDIT).unwrap();
        let two = audit.get(encode_u64(2)).unwrap().unwrap();
        let three = audit.get(encode_u64(3)).unwrap().unwrap();
        audit.insert(encode_u64(2), three).unwrap();
        audit.insert(encode_u64(3), two).unwrap();
        assert_eq!(store.verify_audit().unwrap().first_break.unwrap().seq, 2, "reordered");

        audit.remove(encode_u64(4)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for n in 0..3 {
            store.audit(&event(&format!("action.{n}"))).unwrap();
        }
        store.tree(tx::AUDIT).unwrap().remove(encode_u64(3)).unwrap();
        let tail = store.verify_audit().unwrap().first_break.unwrap();
        assert_eq!(tail.seq, 3);
        assert!(tail.problem.contains("removed from the end"));
    }

    /// Writers on several threads at once share flushes (group commit): every one returns
    /// with its entry stored, the chain stays whole, and entries reopened from disk are all there.
    #[test]
    fn concurrent_writers_share_flushes_and_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let seqs: Vec<u64> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8)
                .map(|thread| {
                    let store = store.clone();
                    scope.spawn(move || {
                        (0..40)
                            .map(|n| store.audit(&event(&format!("search.{thread}.{n}"))).unwrap())
                            .collect::<Vec<u64>>()
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
        });
        let mut sorted = seqs.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (1..=320).collect::<Vec<u64>>(), "each writer got its own entry");
        {
            let state = store.inner.group_commit.lock();
            assert_eq!(state.written, 320);
            assert_eq!(state.durable, 320, "every ticket was flushed");
            assert!(!state.flushing);
        }
        drop(store);
        let reopened = Store::open(dir.path()).unwrap();
        assert_eq!(
            reopened.verify_audit().unwrap(),
            ChainReport {
                entries: 320,
                first_break: None
            }
        );
    }

    fn put_keyed(store: &Store, kind: &str, id: &str, index: &str, key: &str) {
        store
            .transact(|tx| tx.put(kind, id, &serde_json::json!({"key": key}), &[IndexKey::new(index, key)]))
            .unwrap();
    }

    #[test]
    fn a_lookup_by_key_returns_only_that_key() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Keys that begin alike: case ids, user names, proposals, person names.
        for (id, index, key) in [
            ("d1", "case", "case-1"),
            ("d10", "case", "case-10"),
            ("d19", "case", "case-19"),
            ("t1", "user", "anna"),
            ("t2", "user", "anna.k"),
            ("t3", "user", "annabel"),
            ("r1", "proposal", "disp-1"),
            ("r10", "proposal", "disp-10"),
            ("p1", "party", "matti virtanen"),
            ("p2", "party", "matti virtanen-koski"),
        ] {
            put_keyed(&store, "thing", id, index, key);
        }
        put_keyed(&store, "other", "o1", "case", "case-1");
        assert_eq!(store.scan_index("case", "case-1", "thing").unwrap(), vec!["d1"]);
        assert_eq!(store.scan_index("user", "anna", "thing").unwrap(), vec!["t1"]);
        assert_eq!(store.scan_index("proposal", "disp-1", "thing").unwrap(), vec!["r1"]);
        assert_eq!(
            store.scan_index("party", "matti virtanen", "thing").unwrap(),
            vec!["p1"]
        );
        assert!(store.scan_index("case", "case-", "thing").unwrap().is_empty());
        assert_eq!(
            store.scan_index("case", "case-1", "other").unwrap(),
            vec!["o1"],
            "kind is exact too"
        );
        // A prefix lookup is a separately named function, meant for class codes.
        assert_eq!(
            store.scan_index_prefix("case", "case-1", "thing").unwrap(),
            vec!["d1", "d10", "d19"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Random keys, several records per key, some keys prefixes of others: the lookup of
        /// each key returns exactly its records.
        #[test]
        fn every_key_looks_up_exactly_its_records(
            keys in proptest::collection::btree_set("[a-c]{1,4}[-.]?[0-9]{0,2}", 1..12),
            per_key in proptest::collection::vec(1usize..4, 12),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let keys: Vec<String> = keys.into_iter().collect();
            let mut expected: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            let mut serial = 0;
            for (n, key) in keys.iter().enumerate() {
                for _ in 0..per_key[n] {
                    serial += 1;
                    let id = format!("r{serial:04}");
                    put_keyed(&store, "record", &id, "owner", key);
                    expected.entry(key.clone()).or_default().push(id);
                }
            }
            for key in &keys {
                let found = store.scan_index("owner", key, "record").unwrap();
                proptest::prop_assert_eq!(&found, &expected[key], "key {}", key);
            }
        }
    }
}
