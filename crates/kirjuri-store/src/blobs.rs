//! Content store: every file's bytes under `blobs/ab/<64 hex chars>`, named by their SHA-256.
//!
//! Write order (STYLE.md §5): a temporary file, fsync, rename into place, fsync the folder —
//! and all of that before the record that points to it is committed, so a record never points
//! at missing content. Identical content is stored once. Every read checks the digest.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::space::{DiskReserve, Room, is_disk_full};
use crate::{StoreError, StoreResult, hex};

/// How many bytes of content are written between two looks at the free space.
const SPACE_CHECK_EVERY_BYTES: u64 = 8 * 1024 * 1024;

/// A SHA-256 digest as 64 lowercase hex characters, checked when parsed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Hex(String);

impl Sha256Hex {
    pub fn parse(text: &str) -> Result<Sha256Hex, String> {
        let valid = text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if valid {
            Ok(Sha256Hex(text.to_owned()))
        } else {
            Err(format!("`{text}` is not a SHA-256 digest (64 lowercase hex)"))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Hex {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Sha256Hex::parse(&value)
    }
}

impl From<Sha256Hex> for String {
    fn from(value: Sha256Hex) -> String {
        value.0
    }
}

impl std::fmt::Display for Sha256Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Stored content: its digest and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredBlob {
    pub sha256: Sha256Hex,
    pub size: u64,
}

/// The content-addressed file store of a data folder.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
    reserve: DiskReserve,
}

fn sync_dir(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

impl BlobStore {
    pub fn open(root: &Path) -> StoreResult<BlobStore> {
        BlobStore::open_in(root, root)
    }

    /// Opens the content store at `root` inside the data folder `data_folder` (the folder a
    /// full disk's error names).
    pub fn open_in(data_folder: &Path, root: &Path) -> StoreResult<BlobStore> {
        fs::create_dir_all(root.join("tmp")).map_err(|e| io_error(root, e))?;
        Ok(BlobStore {
            root: root.to_path_buf(),
            reserve: DiskReserve::new(data_folder),
        })
    }

    /// The free-space reserve of the disk this store writes to.
    pub fn reserve(&self) -> &DiskReserve {
        &self.reserve
    }

    /// An error of writing content: a full disk is named as such (the data folder, not the file).
    fn write_error(&self, path: &Path, error: io::Error) -> StoreError {
        if is_disk_full(&error) {
            return self.reserve.full(error.to_string());
        }
        io_error(path, error)
    }

    /// A full disk met on a worker thread, named as the data folder's disk (like
    /// [`BlobStore::write_error`]); other errors unchanged.
    fn full_disk_named(&self, error: StoreError) -> StoreError {
        match error {
            StoreError::DiskFull { detail, .. } => self.reserve.full(detail),
            other => other,
        }
    }

    pub fn path_of(&self, sha256: &Sha256Hex) -> PathBuf {
        self.root.join(&sha256.as_str()[..2]).join(sha256.as_str())
    }

    pub fn contains(&self, sha256: &Sha256Hex) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Stores what `reader` yields, hashing it once while writing. Returns the digest and size
    /// after the content is durable. On any failure (the reader breaks off, a body over its
    /// limit, a full disk, a panic) the temporary file is removed, whatever the caller does.
    ///
    /// Refused with [`StoreError::DiskFull`] before a byte is written when the disk's free space
    /// is below the reserve; a long write looks again every 8 MiB and stops at half the reserve.
    pub fn put_reader(&self, reader: &mut dyn Read) -> StoreResult<StoredBlob> {
        self.reserve.ensure(Room::Records)?;
        let mut temporary = PartFile::create_in(&self.root.join("tmp")).map_err(|error| match error {
            StoreError::DiskFull { detail, .. } => self.reserve.full(detail),
            other => other,
        })?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 256 * 1024];
        let mut size = 0u64;
        let mut next_space_check = SPACE_CHECK_EVERY_BYTES;
        loop {
            let read = reader.read(&mut buffer).map_err(|e| io_error(&temporary.path, e))?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            temporary
                .file
                .write_all(&buffer[..read])
                .map_err(|e| self.write_error(&temporary.path, e))?;
            size += read as u64;
            if size >= next_space_check {
                self.reserve.ensure(Room::ContentUnderWay)?;
                next_space_check = size + SPACE_CHECK_EVERY_BYTES;
            }
        }
        // ext4 allocates at write-back: a full disk may show only here.
        temporary
            .file
            .sync_all()
            .map_err(|e| self.write_error(&temporary.path, e))?;
        let digest = Sha256Hex(hex(&hasher.finalize()));
        let target = self.path_of(&digest);
        let folder = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.root.clone());
        let result = (|| -> io::Result<()> {
            let new_folder = !folder.is_dir();
            fs::create_dir_all(&folder)?;
            if target.is_file() {
                // Identical content is already stored; keep the first copy (the guard removes
                // the temporary file).
                return Ok(());
            }
            fs::rename(&temporary.path, &target)?;
            temporary.renamed = true;
            sync_dir(&folder)?;
            // The root's entries change only when a new two-character folder appears.
            if new_folder { sync_dir(&self.root) } else { Ok(()) }
        })();
        result.map_err(|error| self.write_error(&target, error))?;
        Ok(StoredBlob { sha256: digest, size })
    }

    /// Stores a batch of contents with one durable step for all of them (group commit of a
    /// bulk ingest): each source is written to its own temporary file and hashed while written,
    /// the files are written and fsynced on a few threads at once, then renamed into place in
    /// order, and each two-character folder that received a file is fsynced once (the root too
    /// when a folder is new). Returns the digests in the order of `sources`, after every one of
    /// them is durable. The same guarantees as [`BlobStore::put_reader`]: identical content is
    /// stored once (also within the batch), and on any failure every temporary file is removed;
    /// content already renamed into place by then is an orphan that `check --repair` sweeps,
    /// never a record without content.
    pub fn put_batch(&self, sources: &mut [&mut (dyn Read + Send)]) -> StoreResult<Vec<StoredBlob>> {
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        self.reserve.ensure(Room::Records)?;
        let tmp_dir = self.root.join("tmp");
        let written = on_threads(sources, |source| write_part(&tmp_dir, &mut **source));
        // Every part is kept (and removed on drop) until all are known good: the first error
        // drops them all.
        let mut parts = Vec::with_capacity(written.len());
        for part in written {
            parts.push(part.map_err(|error| self.full_disk_named(error))?);
        }
        let mut touched: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
        let mut new_folder = false;
        let mut stored = Vec::with_capacity(parts.len());
        for part in &mut parts {
            let target = self.path_of(&part.sha256);
            let folder = target
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| self.root.clone());
            let result = (|| -> io::Result<()> {
                if !folder.is_dir() {
                    new_folder = true;
                    fs::create_dir_all(&folder)?;
                }
                if target.is_file() {
                    // Already stored (before, or earlier in this batch): keep the first copy.
                    return Ok(());
                }
                fs::rename(&part.temporary.path, &target)?;
                part.temporary.renamed = true;
                touched.insert(folder.clone());
                Ok(())
            })();
            result.map_err(|error| self.write_error(&target, error))?;
            stored.push(StoredBlob {
                sha256: part.sha256.clone(),
                size: part.size,
            });
        }
        let mut touched: Vec<PathBuf> = touched.into_iter().collect();
        for synced in on_threads(&mut touched, |folder| sync_dir(folder).map_err(|e| io_error(folder, e))) {
            synced.map_err(|error| self.full_disk_named(error))?;
        }
        if new_folder {
            sync_dir(&self.root).map_err(|e| self.write_error(&self.root, e))?;
        }
        Ok(stored)
    }

    /// Removes every file left in `blobs/tmp` by a process that ended before it could clean
    /// up (a crash, a kill, a power cut): half-written uploads (`*.part`) and spooled
    /// packages. Only [`crate::Store::open`] calls it, after sled's lock on the database is
    /// held, so no other process is writing there. Returns how many files it removed.
    pub(crate) fn remove_leftover_temporaries(&self) -> StoreResult<usize> {
        let tmp_dir = self.root.join("tmp");
        let mut removed = 0;
        let entries = fs::read_dir(&tmp_dir).map_err(|e| io_error(&tmp_dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&tmp_dir, e))?;
            let path = entry.path();
            if !entry.file_type().map_err(|e| io_error(&path, e))?.is_file() {
                continue;
            }
            match fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(io_error(&path, error)),
            }
        }
        Ok(removed)
    }

    pub fn put_bytes(&self, bytes: &[u8]) -> StoreResult<StoredBlob> {
        self.put_reader(&mut io::Cursor::new(bytes))
    }

    /// Copies the content to `out`, checking the digest; on a mismatch the error says so and
    /// the caller must discard what was written.
    ///
    /// Content that cannot be read (an I/O error of the disk) is [`StoreError::Unreadable`],
    /// naming the digest and not the path; `out` that cannot take more bytes because its disk
    /// is full is [`StoreError::DiskFull`].
    pub fn copy_verified(&self, sha256: &Sha256Hex, out: &mut dyn Write) -> StoreResult<u64> {
        let path = self.path_of(sha256);
        let unreadable = |error: io::Error| StoreError::Unreadable {
            what: format!("content {sha256}"),
            detail: error.to_string(),
        };
        let mut file = File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => StoreError::NotFound(format!("content {sha256}")),
            _ => unreadable(e),
        })?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 256 * 1024];
        let mut size = 0u64;
        loop {
            let read = file.read(&mut buffer).map_err(unreadable)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            out.write_all(&buffer[..read]).map_err(|error| {
                if is_disk_full(&error) {
                    StoreError::DiskFull {
                        place: format!("the copy of content {sha256}"),
                        detail: error.to_string(),
                    }
                } else {
                    StoreError::Io {
                        path: format!("the copy of content {sha256}"),
                        source: error,
                    }
                }
            })?;
            size += read as u64;
        }
        let actual = hex(&hasher.finalize());
        if actual != sha256.as_str() {
            return Err(StoreError::Corrupt {
                what: format!("content {sha256}"),
                detail: format!("its bytes hash to {actual}"),
            });
        }
        Ok(size)
    }

    /// Opens the content for a reader that computes the digest itself (the archive export hashes
    /// each byte once while writing it and compares the result with the address).
    pub fn open_unverified(&self, sha256: &Sha256Hex) -> StoreResult<File> {
        let path = self.path_of(sha256);
        File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => StoreError::NotFound(format!("content {sha256}")),
            _ => io_error(&path, e),
        })
    }

    /// Reads and checks the content into memory (for small files and tests).
    pub fn read_verified(&self, sha256: &Sha256Hex) -> StoreResult<Vec<u8>> {
        let mut bytes = Vec::new();
        self.copy_verified(sha256, &mut bytes)?;
        Ok(bytes)
    }

    /// Checks the digest without keeping the bytes.
    pub fn verify(&self, sha256: &Sha256Hex) -> StoreResult<u64> {
        self.copy_verified(sha256, &mut io::sink())
    }

    /// Every stored digest.
    pub fn list(&self) -> StoreResult<Vec<Sha256Hex>> {
        let mut found = Vec::new();
        let entries = fs::read_dir(&self.root).map_err(|e| io_error(&self.root, e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.len() != 2 || !entry.path().is_dir() {
                continue;
            }
            for file in fs::read_dir(entry.path())
                .map_err(|e| io_error(&entry.path(), e))?
                .flatten()
            {
                if let Ok(digest) = Sha256Hex::parse(&file.file_name().to_string_lossy()) {
                    found.push(digest);
                }
            }
        }
        found.sort();
        Ok(found)
    }

    /// Removes content (disposal, erasure) durably.
    pub fn remove(&self, sha256: &Sha256Hex) -> StoreResult<()> {
        let path = self.path_of(sha256);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(io_error(&path, error)),
        }
        if let Some(folder) = path.parent() {
            sync_dir(folder).map_err(|e| io_error(folder, e))?;
        }
        Ok(())
    }
}

/// Runs `work` on every item on a few threads at once and returns the results in item order.
/// fsync waits on the disk, not the processor, so a few more threads than cores keep the
/// device's queue busy (and the file system commits their journal entries together). A single
/// item runs on the calling thread (a single upload's reader may be bound to it).
fn on_threads<T: Send, R: Send>(
    items: &mut [T],
    work: impl Fn(&mut T) -> StoreResult<R> + Sync,
) -> Vec<StoreResult<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(4, usize::from)
        .clamp(4, 8)
        .min(items.len());
    if threads <= 1 {
        return items.iter_mut().map(&work).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks_mut(per_thread)
            .map(|chunk| scope.spawn(move || chunk.iter_mut().map(work).collect::<Vec<StoreResult<R>>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| vec![Err(StoreError::Conflict("a content writer thread panicked".to_owned()))])
            })
            .collect()
    })
}

/// One source of a batch written to its temporary file, fsynced and hashed; its file handle
/// is closed (a batch of thousands must not hold thousands of descriptors).
struct WrittenPart {
    temporary: PartPath,
    sha256: Sha256Hex,
    size: u64,
}

/// The path of a written temporary file, removed when dropped unless it was renamed.
struct PartPath {
    path: PathBuf,
    renamed: bool,
}

impl Drop for PartPath {
    fn drop(&mut self) {
        if !self.renamed {
            // As for `PartFile`: a file that cannot be removed now is swept at the next start.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Writes one source of a batch to a temporary file in `tmp_dir`, hashing it, and fsyncs it.
fn write_part(tmp_dir: &Path, reader: &mut dyn Read) -> StoreResult<WrittenPart> {
    let mut temporary = PartFile::create_in(tmp_dir)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let read = reader.read(&mut buffer).map_err(|e| io_error(&temporary.path, e))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        temporary
            .file
            .write_all(&buffer[..read])
            .map_err(|e| io_error(&temporary.path, e))?;
        size += read as u64;
    }
    temporary.file.sync_all().map_err(|e| io_error(&temporary.path, e))?;
    // From here the path guard owns the clean-up; the file handle closes with `temporary`.
    temporary.renamed = true;
    let path = std::mem::take(&mut temporary.path);
    Ok(WrittenPart {
        temporary: PartPath { path, renamed: false },
        sha256: Sha256Hex(hex(&hasher.finalize())),
        size,
    })
}

/// A temporary file in `blobs/tmp` that is removed when dropped, unless it was renamed into
/// place. Every early return and unwind of [`BlobStore::put_reader`] therefore cleans up.
struct PartFile {
    file: File,
    path: PathBuf,
    renamed: bool,
}

impl PartFile {
    fn create_in(folder: &Path) -> StoreResult<PartFile> {
        for attempt in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = folder.join(format!("{}-{nanos}-{attempt}.part", std::process::id()));
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(PartFile {
                        file,
                        path,
                        renamed: false,
                    });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(io_error(&path, error)),
            }
        }
        Err(StoreError::Conflict(format!(
            "cannot create a temporary file in {}",
            folder.display()
        )))
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.renamed {
            // Nothing to report to: the caller already has the error that brought us here,
            // and a file that cannot be removed now is swept at the next start.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A file error naming the file; a full disk is [`StoreError::DiskFull`] naming the file whose
/// disk is full.
pub(crate) fn io_error(path: &Path, error: io::Error) -> StoreError {
    if is_disk_full(&error) {
        return StoreError::DiskFull {
            place: path.display().to_string(),
            detail: error.to_string(),
        };
    }
    StoreError::Io {
        path: path.display().to_string(),
        source: error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_once_and_checks_digest_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path()).unwrap();
        let first = blobs.put_bytes(b"hankintasopimus").unwrap();
        let second = blobs.put_bytes(b"hankintasopimus").unwrap();
        assert_eq!(first, second);
        assert_eq!(blobs.list().unwrap(), vec![first.sha256.clone()]);
        assert_eq!(blobs.read_verified(&first.sha256).unwrap(), b"hankintasopimus");
        assert_eq!(first.sha256.as_str(), crate::sha256_hex(b"hankintasopimus"));

        std::fs::write(blobs.path_of(&first.sha256), b"tampered").unwrap();
        let error = blobs.read_verified(&first.sha256).unwrap_err();
        assert!(error.to_string().contains("hash to"), "{error}");
        assert_eq!(
            std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
            0,
            "no temporary files left"
        );
    }

    /// A reader that yields some bytes, then fails, as a broken or over-limit upload does.
    struct BreaksOff {
        left: usize,
    }

    impl Read for BreaksOff {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::new(io::ErrorKind::FileTooLarge, "body over the limit"));
            }
            let n = buffer.len().min(self.left);
            buffer[..n].fill(b'x');
            self.left -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_broken_upload_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path()).unwrap();
        let error = blobs.put_reader(&mut BreaksOff { left: 3 * 1024 * 1024 }).unwrap_err();
        assert!(error.to_string().contains("body over the limit"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
        assert!(blobs.list().unwrap().is_empty(), "nothing was stored");
    }

    #[test]
    fn a_batch_stores_each_content_once_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path()).unwrap();
        let earlier = blobs.put_bytes(b"jo tallennettu").unwrap();
        let contents: Vec<Vec<u8>> = (0..40)
            .map(|n| format!("liite {}", n % 30).into_bytes())
            .chain([b"jo tallennettu".to_vec(), Vec::new()])
            .collect();
        let mut cursors: Vec<io::Cursor<Vec<u8>>> = contents.iter().cloned().map(io::Cursor::new).collect();
        let mut sources: Vec<&mut (dyn Read + Send)> =
            cursors.iter_mut().map(|c| c as &mut (dyn Read + Send)).collect();
        let stored = blobs.put_batch(&mut sources).unwrap();
        assert_eq!(stored.len(), contents.len());
        for (blob, bytes) in stored.iter().zip(&contents) {
            assert_eq!(blob.sha256.as_str(), crate::sha256_hex(bytes));
            assert_eq!(blob.size, bytes.len() as u64);
            assert_eq!(&blobs.read_verified(&blob.sha256).unwrap(), bytes);
        }
        assert_eq!(stored[40], earlier, "content stored before is found, not stored again");
        assert_eq!(
            blobs.list().unwrap().len(),
            32,
            "30 distinct, the earlier one and the empty one"
        );
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
        assert!(blobs.put_batch(&mut []).unwrap().is_empty());
    }

    #[test]
    fn a_batch_with_a_broken_source_stores_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path()).unwrap();
        let mut good: Vec<io::Cursor<Vec<u8>>> = (0..9).map(|n| io::Cursor::new(vec![n as u8; 5000])).collect();
        let mut broken = BreaksOff { left: 70_000 };
        let mut sources: Vec<&mut (dyn Read + Send)> = good.iter_mut().map(|c| c as &mut (dyn Read + Send)).collect();
        sources.insert(4, &mut broken);
        let error = blobs.put_batch(&mut sources).unwrap_err();
        assert!(error.to_string().contains("body over the limit"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
        assert!(blobs.list().unwrap().is_empty(), "nothing of the batch was stored");
    }

    #[test]
    fn opening_the_store_sweeps_leftover_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(dir.path()).unwrap();
        let kept = store.blobs().put_bytes(b"diaari").unwrap();
        drop(store);
        let tmp = dir.path().join("blobs").join("tmp");
        std::fs::write(tmp.join("4242-1-0.part"), vec![0u8; 4096]).unwrap();
        std::fs::write(tmp.join("verify-4242-abc"), b"spooled package").unwrap();

        let store = crate::Store::open(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_dir(&tmp).unwrap().count(),
            0,
            "tmp is empty after start-up"
        );
        assert_eq!(store.blobs().read_verified(&kept.sha256).unwrap(), b"diaari");
    }
}
