//! The system of record: the sled database under `<data>/db`, behind [`Store`].
//!
//! Owns the on-disk schema, its version, and every durable write. A write returns only after
//! sled has flushed it, so an acknowledged write survives a crash. Only this crate names
//! sled; it knows nothing of HTTP, search or how records are displayed.

mod plan_versions;

use std::path::Path;

pub use plan_versions::{PlanVersionSummary, PlanVersions};

/// Version of the on-disk layout this build writes; a newer one is refused.
pub const SCHEMA_VERSION: u64 = 1;

const META_TREE: &str = "meta";
const SCHEMA_KEY: &[u8] = b"schema_version";

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database in {path}: {source}")]
    Open { path: String, source: sled::Error },
    #[error(
        "the data folder was written by a newer Kirjuri (schema version {found}, this build knows {SCHEMA_VERSION}); upgrade Kirjuri or restore a backup"
    )]
    NewerSchema { found: u64 },
    #[error("database error: {0}")]
    Db(#[from] sled::Error),
    #[error("stored {what} is corrupt: {detail}")]
    Corrupt { what: String, detail: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0} not found")]
    NotFound(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The opened database.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
}

impl Store {
    /// Opens (or creates) the database in `dir`, checking the schema version.
    pub fn open(dir: &Path) -> StoreResult<Store> {
        let db = sled::Config::new()
            .path(dir)
            .open()
            .map_err(|source| StoreError::Open {
                path: dir.display().to_string(),
                source,
            })?;
        let meta = db.open_tree(META_TREE)?;
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
        Ok(Store { db })
    }

    /// The plan versions kept in this data folder.
    pub fn plan_versions(&self) -> StoreResult<PlanVersions> {
        PlanVersions::open(&self.db)
    }

    /// Waits until every write so far is on disk.
    pub fn flush(&self) -> StoreResult<()> {
        self.db.flush()?;
        Ok(())
    }
}

/// Big-endian bytes, so that byte order is number order in a prefix scan.
pub(crate) fn encode_u64(value: u64) -> [u8; 8] {
    value.to_be_bytes()
}

pub(crate) fn decode_u64(bytes: &[u8]) -> Option<u64> {
    let array: [u8; 8] = bytes.try_into().ok()?;
    Some(u64::from_be_bytes(array))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let meta = store.db.open_tree(META_TREE).unwrap();
            meta.insert(SCHEMA_KEY, &(SCHEMA_VERSION + 1).to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let error = Store::open(dir.path()).err().unwrap();
        assert!(matches!(error, StoreError::NewerSchema { found } if found == SCHEMA_VERSION + 1));
        assert!(error.to_string().contains("newer Kirjuri"));
    }
}
