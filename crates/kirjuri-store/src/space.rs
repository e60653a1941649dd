//! Free space on the disk that holds the data folder: a reserve that writes may not use, so
//! that sled never meets a full disk in the middle of its log (issue 22).
//!
//! Before a transaction commits and before content is written, the free space is read
//! (`statvfs`, through fs4) and compared with the reserve. Below it, the write is refused with
//! [`StoreError::DiskFull`] before anything is written: nothing half-done, nothing to undo.
//! The audit entries of reads and searches may use three quarters of the reserve, so people
//! keep reading and searching (and every read is still audited) while new records are
//! refused. A content file being written may use half of it: a large upload stops at that
//! line rather than at the last byte. Whatever still meets the real end of the disk (another
//! program filled it) fails with the same error, mapped from `ENOSPC`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{StoreError, StoreResult};

/// The smallest default reserve: sled's log segments, a burst of audit entries and the search
/// index's next commit fit well inside it.
pub const MIN_DEFAULT_RESERVE_BYTES: u64 = 64 * 1024 * 1024;

/// What the space is wanted for; each may go down to a different part of the reserve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {
    /// A record, a document, any change: needs the whole reserve free.
    Records,
    /// The content file of a write already under way: may use half of the reserve.
    ContentUnderWay,
    /// The audit entry of a read, a search or an export: may use three quarters of it.
    AuditOfRead,
}

/// The reserve of one data folder; clones share the setting.
#[derive(Debug, Clone)]
pub struct DiskReserve {
    /// The data folder (any path on its file system answers `statvfs`).
    folder: PathBuf,
    /// The reserve in bytes; 0 means the default, max(64 MiB, 1 % of the file system).
    configured: Arc<AtomicU64>,
}

impl DiskReserve {
    pub(crate) fn new(folder: &Path) -> DiskReserve {
        DiskReserve {
            folder: folder.to_path_buf(),
            configured: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Sets the reserve in bytes (`KIRJURI_DISK_RESERVE_BYTES`); `None` restores the default.
    pub fn set(&self, bytes: Option<u64>) {
        self.configured.store(bytes.unwrap_or(0), Ordering::Relaxed);
    }

    /// The free space a write must leave, and the free space there is now.
    pub fn measure(&self) -> StoreResult<(u64, u64)> {
        let stats = fs4::statvfs(&self.folder).map_err(|source| StoreError::Io {
            path: self.folder.display().to_string(),
            source,
        })?;
        let reserve = match self.configured.load(Ordering::Relaxed) {
            0 => MIN_DEFAULT_RESERVE_BYTES.max(stats.total_space() / 100),
            bytes => bytes,
        };
        Ok((reserve, stats.available_space()))
    }

    /// Refuses with [`StoreError::DiskFull`] when less than the part of the reserve that
    /// `room` must leave is free.
    pub fn ensure(&self, room: Room) -> StoreResult<()> {
        let (reserve, available) = self.measure()?;
        let must_leave = match room {
            Room::Records => reserve,
            Room::ContentUnderWay => reserve / 2,
            Room::AuditOfRead => reserve / 4,
        };
        if available >= must_leave {
            return Ok(());
        }
        Err(self.full(format!(
            "{} free, {} kept in reserve",
            megabytes(available),
            megabytes(reserve)
        )))
    }

    /// The error of a full disk under this data folder, with what was measured.
    pub(crate) fn full(&self, detail: String) -> StoreError {
        StoreError::DiskFull {
            place: format!("the data folder {}", self.folder.display()),
            detail,
        }
    }
}

/// Whether an I/O error says the disk (or the user's quota on it) is full.
pub fn is_disk_full(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// Whether a sled error is an I/O error of a full disk.
pub(crate) fn is_sled_disk_full(error: &sled::Error) -> bool {
    matches!(error, sled::Error::Io(io) if is_disk_full(io))
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserve_larger_than_the_disk_refuses_records_but_not_small_reserves() {
        let dir = tempfile::tempdir().unwrap();
        let reserve = DiskReserve::new(dir.path());
        reserve.set(Some(u64::MAX));
        let error = reserve.ensure(Room::Records).unwrap_err();
        assert!(matches!(error, StoreError::DiskFull { .. }), "{error}");
        assert!(
            error.to_string().contains("the disk holding the data folder"),
            "{error}"
        );
        assert!(error.to_string().contains("kept in reserve"), "{error}");
        reserve.set(Some(1));
        reserve.ensure(Room::Records).unwrap();
        reserve.ensure(Room::AuditOfRead).unwrap();
    }

    #[test]
    fn the_default_reserve_is_at_least_64_mib() {
        let dir = tempfile::tempdir().unwrap();
        let (reserve, _) = DiskReserve::new(dir.path()).measure().unwrap();
        assert!(reserve >= MIN_DEFAULT_RESERVE_BYTES);
    }
}
