//! Backup and restore in a neutral format: a zip with a manifest, one JSON Lines file per
//! database tree (keys and values as hex) and the content files. The same format moves a data
//! folder to another storage backend.
//!
//! Consistency: the backup holds the store's write gate exclusively, so no transaction commits
//! while it copies; writers wait (a small city's database copies in seconds).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;

use crate::blobs::io_error;
use crate::{ALL_TREES, SCHEMA_VERSION, Sha256Hex, Store, StoreError, StoreResult, hex};

const MANIFEST: &str = "kirjuri-backup.json";
const FORMAT: &str = "kirjuri-backup/1";
/// Largest content file a restore accepts (a claim in the zip is checked while reading).
const MAX_BLOB_BYTES: u64 = 64 * 1024 * 1024 * 1024;
/// Longest line of a tree's JSON Lines file a restore reads: one record as hex, far above any
/// record the store writes (a document's metadata is a few kilobytes). Without a cap a
/// hostile backup with a multi-gigabyte line (a few megabytes compressed) would be read
/// into memory whole before it could be refused.
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupSummary {
    pub format: String,
    pub schema_version: u64,
    pub entries_per_tree: Vec<(String, u64)>,
    pub blobs: u64,
    pub blob_bytes: u64,
}

#[derive(Serialize, Deserialize)]
struct Line {
    k: String,
    v: String,
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn zip_error(path: &Path, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: format!("backup {}", path.display()),
        detail: error.to_string(),
    }
}

/// An error of writing the backup: a full disk names the backup's disk, not a zip fault.
fn backup_write_error(out: &Path, error: zip::result::ZipError) -> StoreError {
    match error {
        zip::result::ZipError::Io(io) => io_error(out, io),
        other => zip_error(out, other),
    }
}

/// Writes a consistent backup of `store` to `out` (written to a temporary name, fsynced and
/// renamed, so a failed backup never leaves a half file under the final name, and the
/// temporary file is removed). A full disk under `out` is [`StoreError::DiskFull`] naming it.
pub fn backup(store: &Store, out: &Path) -> StoreResult<BackupSummary> {
    let temporary = out.with_extension("partial");
    let written = write_backup(store, out, &temporary);
    if written.is_err() {
        // The error that brought us here is what the caller needs; a temporary file that
        // cannot be removed now is named by nothing and harms nothing.
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

fn write_backup(store: &Store, out: &Path, temporary: &Path) -> StoreResult<BackupSummary> {
    let _exclusive = store.exclusive();
    store.flush()?;
    let file = File::create(temporary).map_err(|e| io_error(temporary, e))?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true)
        .last_modified_time(zip::DateTime::default());
    let deflated = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    let mut entries_per_tree = Vec::new();
    for name in ALL_TREES {
        let tree = store.db()?.open_tree(name)?;
        zip.start_file(format!("db/{name}.jsonl"), deflated)
            .map_err(|e| backup_write_error(out, e))?;
        let mut count = 0u64;
        for entry in tree.iter() {
            let (key, value) = entry?;
            let line = serde_json::to_string(&Line {
                k: hex(&key),
                v: hex(&value),
            })
            .unwrap_or_default();
            writeln!(zip, "{line}").map_err(|e| io_error(out, e))?;
            count += 1;
        }
        entries_per_tree.push((name.to_owned(), count));
    }
    let mut blobs = 0u64;
    let mut blob_bytes = 0u64;
    for digest in store.blobs().list()? {
        zip.start_file(format!("blobs/{}/{}", &digest.as_str()[..2], digest), stored)
            .map_err(|e| backup_write_error(out, e))?;
        blob_bytes += store
            .blobs()
            .copy_verified(&digest, &mut zip)
            .map_err(|error| match error {
                StoreError::DiskFull { detail, .. } => StoreError::DiskFull {
                    place: out.display().to_string(),
                    detail,
                },
                other => other,
            })?;
        blobs += 1;
    }
    let summary = BackupSummary {
        format: FORMAT.to_owned(),
        schema_version: SCHEMA_VERSION,
        entries_per_tree,
        blobs,
        blob_bytes,
    };
    zip.start_file(MANIFEST, deflated)
        .map_err(|e| backup_write_error(out, e))?;
    zip.write_all(&serde_json::to_vec_pretty(&summary).unwrap_or_default())
        .map_err(|e| io_error(out, e))?;
    let writer = zip.finish().map_err(|e| backup_write_error(out, e))?;
    let file = writer.into_inner().map_err(|e| io_error(out, e.into_error()))?;
    file.sync_all().map_err(|e| io_error(temporary, e))?;
    std::fs::rename(temporary, out).map_err(|e| io_error(out, e))?;
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        File::open(folder)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error(folder, e))?;
    }
    Ok(summary)
}

/// Restores a backup into `root`, which must not exist or be empty. Every content digest is
/// checked while it is written, and the restored store must pass [`Store::check`]; only then
/// does it move into place. A rejected restore leaves `root` as it was.
pub fn restore(backup_file: &Path, root: &Path) -> StoreResult<BackupSummary> {
    let staged = restore_staged(backup_file, root)?;
    {
        let store = Store::open(staged.path())?;
        let report = store.check()?;
        if let Some(problem) = report.problems.first() {
            return Err(zip_error(
                backup_file,
                format!(
                    "the restored store does not pass the check ({} problems; first: {}: {})",
                    report.problems.len(),
                    problem.area,
                    problem.detail
                ),
            ));
        }
    }
    staged.commit()
}

/// A restore written into a staging folder next to its target (`.<name>.restore-<pid>`, on
/// the same file system, so the final move is one rename). [`StagedRestore::commit`] moves it
/// into place; dropped without that, the staging folder is removed and the target was never
/// touched.
#[derive(Debug)]
pub struct StagedRestore {
    staging: PathBuf,
    target: PathBuf,
    summary: BackupSummary,
    committed: bool,
}

impl StagedRestore {
    /// The staging folder: open a [`Store`] on it to run further checks before committing
    /// (and drop that store first).
    pub fn path(&self) -> &Path {
        &self.staging
    }

    pub fn summary(&self) -> &BackupSummary {
        &self.summary
    }

    /// Moves the staging folder onto the target (an empty target folder is replaced by the
    /// same rename) and makes the move durable.
    pub fn commit(mut self) -> StoreResult<BackupSummary> {
        std::fs::rename(&self.staging, &self.target).map_err(|e| io_error(&self.target, e))?;
        self.committed = true;
        let parent = parent_folder(&self.target);
        File::open(&parent)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error(&parent, e))?;
        Ok(self.summary.clone())
    }
}

impl Drop for StagedRestore {
    fn drop(&mut self) {
        if !self.committed {
            // The caller already has the error that brought us here; a folder that cannot be
            // removed now is named `.<name>.restore-<pid>` next to the target.
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Restores a backup into a staging folder next to `root` (which must not exist or be empty)
/// and returns it uncommitted, for the caller's own checks. See [`restore`].
pub fn restore_staged(backup_file: &Path, root: &Path) -> StoreResult<StagedRestore> {
    if root.exists() {
        let mut entries = std::fs::read_dir(root).map_err(|e| io_error(root, e))?;
        if entries.next().is_some() {
            return Err(StoreError::Conflict(format!(
                "{} is not empty; restore only into an empty data folder",
                root.display()
            )));
        }
    }
    let parent = parent_folder(root);
    let Some(name) = root.file_name() else {
        return Err(StoreError::Conflict(format!(
            "{} names no folder to restore into",
            root.display()
        )));
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let staging = parent.join(format!(".{}.restore-{}", name.to_string_lossy(), std::process::id()));
    if staging.exists() {
        // Left by an earlier process with our id: ours by name, and never in place.
        std::fs::remove_dir_all(&staging).map_err(|e| io_error(&staging, e))?;
    }
    let mut staged = StagedRestore {
        staging,
        target: root.to_path_buf(),
        summary: BackupSummary {
            format: String::new(),
            schema_version: 0,
            entries_per_tree: Vec::new(),
            blobs: 0,
            blob_bytes: 0,
        },
        committed: false,
    };
    staged.summary = restore_into(backup_file, &staged.staging)?;
    Ok(staged)
}

/// The next line of a tree's JSON Lines file without its line end, `None` at the end; a line
/// longer than [`MAX_LINE_BYTES`] or not UTF-8 is refused with the entry and line named.
fn next_line(
    reader: &mut impl BufRead,
    backup_file: &Path,
    entry_name: &str,
    line_number: usize,
) -> StoreResult<Option<String>> {
    let mut bytes = Vec::new();
    let read = reader
        .take(MAX_LINE_BYTES + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| io_error(backup_file, e))?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    } else if read as u64 > MAX_LINE_BYTES {
        return Err(zip_error(
            backup_file,
            format!("{entry_name} line {line_number}: longer than {MAX_LINE_BYTES} bytes"),
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| zip_error(backup_file, format!("{entry_name} line {line_number}: {e}")))
}

/// Writes the backup's trees and content into a new store at `root`.
fn restore_into(backup_file: &Path, root: &Path) -> StoreResult<BackupSummary> {
    let file = File::open(backup_file).map_err(|e| io_error(backup_file, e))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| zip_error(backup_file, e))?;
    let summary: BackupSummary = {
        let manifest = archive
            .by_name(MANIFEST)
            .map_err(|e| zip_error(backup_file, format!("{MANIFEST}: {e}")))?;
        serde_json::from_reader(manifest.take(1024 * 1024)).map_err(|e| zip_error(backup_file, e))?
    };
    if summary.format != FORMAT {
        return Err(zip_error(backup_file, format!("unknown format `{}`", summary.format)));
    }
    if summary.schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: summary.schema_version,
        });
    }
    let store = Store::open(root)?;
    for name in ALL_TREES {
        let tree = store.db()?.open_tree(name)?;
        tree.clear()?;
        let entry_name = format!("db/{name}.jsonl");
        let entry = archive
            .by_name(&entry_name)
            .map_err(|e| zip_error(backup_file, format!("{entry_name}: {e}")))?;
        let mut reader = BufReader::new(entry);
        let mut line_number = 0;
        while let Some(line) = next_line(&mut reader, backup_file, &entry_name, line_number + 1)? {
            let parsed: Line = serde_json::from_str(&line)
                .map_err(|e| zip_error(backup_file, format!("{entry_name} line {}: {e}", line_number + 1)))?;
            let (Some(key), Some(value)) = (unhex(&parsed.k), unhex(&parsed.v)) else {
                return Err(zip_error(
                    backup_file,
                    format!("{entry_name} line {}: not hex", line_number + 1),
                ));
            };
            tree.insert(key, value)?;
            line_number += 1;
        }
    }
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| zip_error(backup_file, e))?;
        let Some(name) = entry.enclosed_name() else {
            return Err(zip_error(backup_file, format!("entry {index} has an unsafe path")));
        };
        let Some(digest_text) = name
            .strip_prefix("blobs")
            .ok()
            .and_then(|rest| rest.file_name())
            .map(|f| f.to_string_lossy().into_owned())
        else {
            continue;
        };
        let digest = Sha256Hex::parse(&digest_text).map_err(|e| zip_error(backup_file, e))?;
        let mut limited = (&mut entry).take(MAX_BLOB_BYTES);
        let stored = store.blobs().put_reader(&mut limited)?;
        if stored.sha256 != digest {
            store.blobs().remove(&stored.sha256)?;
            return Err(zip_error(
                backup_file,
                format!("content {digest} in the backup hashes to {}", stored.sha256),
            ));
        }
    }
    store.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AuditEvent, IndexKey};

    #[test]
    fn backup_and_restore_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a")).unwrap();
        let blob = store.blobs().put_bytes(b"sopimus").unwrap();
        store
            .transact(|tx| {
                tx.put(
                    "document",
                    "d1",
                    &serde_json::json!({"sha256": blob.sha256}),
                    &[IndexKey::new("class", "07.00.03")],
                )?;
                tx.audit(&AuditEvent::new(chrono::Utc::now(), "tester", "document.register"))
            })
            .unwrap();
        let file = dir.path().join("backup.zip");
        let summary = backup(&store, &file).unwrap();
        assert_eq!(summary.blobs, 1);
        drop(store);

        let restored_root = dir.path().join("b");
        restore(&file, &restored_root).unwrap();
        let restored = Store::open(&restored_root).unwrap();
        assert_eq!(
            restored.get::<serde_json::Value>("document", "d1").unwrap().unwrap()["sha256"],
            blob.sha256.as_str()
        );
        assert_eq!(
            restored.scan_index_prefix("class", "07", "document").unwrap(),
            vec!["d1"]
        );
        assert_eq!(restored.blobs().read_verified(&blob.sha256).unwrap(), b"sopimus");
        let report = restored.check().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.audit_entries, 1);

        let error = restore(&file, &restored_root).unwrap_err();
        assert!(error.to_string().contains("not empty"));
    }
}
