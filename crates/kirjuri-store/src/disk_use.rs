//! The data folder's disk use (`kirjuri disk-use`): what sled holds (entries, key and value
//! bytes per tree) against the size of its files, and the size of the content files, each
//! apparent (the bytes in the files) and allocated (the file system's blocks: a 2 KB file
//! takes a 4 KB block on ext4).

use std::path::Path;

use serde::Serialize;

use crate::blobs::io_error;
use crate::{Store, StoreResult};

/// What one sled tree holds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TreeUse {
    pub name: String,
    pub entries: u64,
    pub key_bytes: u64,
    pub value_bytes: u64,
}

/// Files under a folder: how many, their bytes, and the blocks the file system gave them.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct FolderUse {
    pub files: u64,
    pub apparent_bytes: u64,
    pub allocated_bytes: u64,
}

/// The disk use of a data folder's database and content files.
#[derive(Debug, Clone, Serialize)]
pub struct DiskUse {
    pub trees: Vec<TreeUse>,
    /// Keys and values of every tree: the logical bytes sled holds.
    pub logical_bytes: u64,
    /// sled's own figure for its files.
    pub sled_size_on_disk: u64,
    /// `<data>/db`.
    pub db: FolderUse,
    /// `<data>/blobs` (the content files).
    pub blobs: FolderUse,
}

impl DiskUse {
    /// The database's files per logical byte it holds (its space amplification).
    pub fn db_per_logical_byte(&self) -> f64 {
        ratio(self.db.apparent_bytes, self.logical_bytes)
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The files under `dir` (recursively), apparent and allocated sizes.
pub fn folder_use(dir: &Path) -> StoreResult<FolderUse> {
    use std::os::unix::fs::MetadataExt;
    let mut total = FolderUse::default();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(io_error(&dir, error)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&dir, e))?;
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).map_err(|e| io_error(&path, e))?;
            if meta.is_dir() {
                pending.push(path);
            } else {
                total.files += 1;
                total.apparent_bytes += meta.len();
                // st_blocks counts 512-byte units whatever the file system's block size.
                total.allocated_bytes += meta.blocks() * 512;
            }
        }
    }
    Ok(total)
}

impl Store {
    /// Reads every tree once (keys and values, nothing kept) and sizes the folders.
    pub fn disk_use(&self) -> StoreResult<DiskUse> {
        let db = self.db()?;
        let mut trees = Vec::new();
        for name in db.tree_names() {
            let tree = db.open_tree(&name)?;
            let mut used = TreeUse {
                name: String::from_utf8_lossy(&name).into_owned(),
                entries: 0,
                key_bytes: 0,
                value_bytes: 0,
            };
            for entry in tree.iter() {
                let (key, value) = entry?;
                used.entries += 1;
                used.key_bytes += key.len() as u64;
                used.value_bytes += value.len() as u64;
            }
            trees.push(used);
        }
        let logical_bytes = trees.iter().map(|t| t.key_bytes + t.value_bytes).sum();
        Ok(DiskUse {
            trees,
            logical_bytes,
            sled_size_on_disk: db.size_on_disk()?,
            db: folder_use(&self.root().join("db"))?,
            blobs: folder_use(&self.root().join("blobs"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_the_trees_hold_and_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.blobs().put_bytes(&[7u8; 2000]).unwrap();
        store
            .transact(|tx| tx.put("case", "c1", &serde_json::json!({"title": "x".repeat(1000)}), &[]))
            .unwrap();
        let used = store.disk_use().unwrap();
        let records = used.trees.iter().find(|t| t.name == "records").unwrap();
        assert_eq!(records.entries, 1);
        assert_eq!(records.key_bytes, "case\0c1".len() as u64);
        assert!(records.value_bytes > 1000);
        assert!(
            used.logical_bytes > records.key_bytes + records.value_bytes,
            "meta, changes, audit too"
        );
        assert_eq!(used.blobs.files, 1);
        assert_eq!(used.blobs.apparent_bytes, 2000);
        assert!(used.blobs.allocated_bytes >= 2000, "{:?}", used.blobs);
        assert!(used.db.apparent_bytes > 0 && used.db_per_logical_byte() > 0.0);
    }
}
