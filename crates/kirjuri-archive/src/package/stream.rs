//! How are the package's bytes written? The zip being built (`Package`, which hashes every
//! entry it adds), the write-behind flusher, and the streaming of record content files from the
//! content store into stored zip entries, each byte read once and hashed once.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::Ordering;

use chrono::SecondsFormat;
use kirjuri_registry::{Document, Registry, RegistryError, RegistryResult};
use kirjuri_store::{StoreError, hex};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::io_err;
use super::xml::FileRef;

/// A thread that calls `fdatasync` on the package file while it is being written.
pub(super) struct WriteBehind {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WriteBehind {
    pub(super) fn start(file: File) -> WriteBehind {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("package-write-behind".to_owned())
            .spawn(move || {
                while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(250));
                    // Errors show at the final sync_all, which must succeed.
                    let _ = file.sync_data();
                }
            })
            .ok();
        WriteBehind { stop, thread }
    }

    pub(super) fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Reader threads that read and hash content files while the writer zips.
const READERS: usize = 2;

/// What a reader thread hands to the zip writer.
enum Chunk {
    /// The next content file begins (its index in the list of documents with content).
    Start(usize),
    Bytes(Vec<u8>),
    /// The file ended: its digest and size as read.
    End {
        sha256: String,
        size: u64,
    },
}

/// Reads until the buffer is full or the source ends.
fn read_full(source: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

pub(super) struct Entry {
    /// Path relative to the bag root (`data/<OBJID>/…` for payload).
    pub(super) path: String,
    pub(super) sha256: String,
    pub(super) size: u64,
}

/// Writes into the zip while hashing and counting.
struct Hashing<'a, W: Write> {
    inner: &'a mut W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.size += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('.');
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The zip being written: every entry lies under `<OBJID>/`, and every payload entry (`data/…`)
/// is remembered with its digest and size for the BagIt manifest.
pub(super) struct Package<'a, W: Write + io::Seek> {
    pub(super) zip: zip::ZipWriter<W>,
    pub(super) objid: String,
    pub(super) entries: Vec<Entry>,
    pub(super) out: &'a Path,
    /// Where the content files written so far are counted.
    pub(super) progress: &'a super::ExportProgress,
    pub(super) stored: SimpleFileOptions,
    pub(super) deflated: SimpleFileOptions,
}

impl<W: Write + io::Seek> Package<'_, W> {
    /// Adds a file under the bag root; payload paths start with `data/`.
    pub(super) fn add(&mut self, bag_path: &str, bytes: &[u8]) -> RegistryResult<(String, u64)> {
        let name = format!("{}/{bag_path}", self.objid);
        self.zip
            .start_file(name, self.deflated)
            .map_err(|e| io_err(self.out, e))?;
        let mut hashing = Hashing {
            inner: &mut self.zip,
            hasher: Sha256::new(),
            size: 0,
        };
        hashing.write_all(bytes).map_err(|e| io_err(self.out, e))?;
        let sha256 = hex(&hashing.hasher.finalize());
        let size = hashing.size;
        if bag_path.starts_with("data/") {
            self.entries.push(Entry {
                path: bag_path.to_owned(),
                sha256: sha256.clone(),
                size,
            });
        }
        Ok((sha256, size))
    }
}

/// Writes the record content files into the representation's `data/` folder, in the order of
/// `documents`, and returns them by document id as METS and PREMIS describe them.
///
/// Every byte is read once and hashed once: reader threads read content files in 1 MiB chunks
/// and hash them, the main thread writes the same chunks into stored zip entries (CRC32 and
/// write). The bounded channels keep at most a few chunks per reader in memory, whatever the
/// package size.
pub(super) fn write_content_files<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    registry: &Registry<'_>,
    documents: &[Document],
    rep: &str,
) -> RegistryResult<BTreeMap<String, FileRef>> {
    let objid = package.objid.clone();
    let out = package.out;
    let mut files: BTreeMap<String, FileRef> = BTreeMap::new();
    let with_content: Vec<&Document> = documents.iter().filter(|d| d.content.is_some()).collect();
    let progress = package.progress;
    progress.files_total.store(with_content.len(), Ordering::Relaxed);
    let bytes_total = with_content
        .iter()
        .filter_map(|d| d.content.as_ref())
        .map(|c| c.size)
        .sum();
    progress.bytes_total.store(bytes_total, Ordering::Relaxed);
    let blobs = registry.store.blobs();
    let with_content = &with_content;
    std::thread::scope(|scope| -> RegistryResult<()> {
        // Two reader threads take alternate files (hashing is the costly part and a file is
        // hashed by one thread from start to end); the writer takes the files in order, each
        // from its reader's bounded channel.
        let mut receivers = Vec::with_capacity(READERS);
        let mut readers = Vec::with_capacity(READERS);
        for lane in 0..READERS {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Chunk>(8);
            receivers.push(receiver);
            readers.push(scope.spawn(move || -> RegistryResult<()> {
                for (index, document) in with_content.iter().enumerate().skip(lane).step_by(READERS) {
                    let Some(content) = &document.content else { continue };
                    let mut source = blobs.open_unverified(&content.sha256)?;
                    let mut hasher = Sha256::new();
                    let mut size = 0u64;
                    if sender.send(Chunk::Start(index)).is_err() {
                        return Ok(());
                    }
                    loop {
                        let mut buffer = vec![0u8; 1 << 20];
                        let read = read_full(&mut source, &mut buffer).map_err(|e| io_err(out, e))?;
                        if read == 0 {
                            break;
                        }
                        buffer.truncate(read);
                        hasher.update(&buffer);
                        size += read as u64;
                        if sender.send(Chunk::Bytes(buffer)).is_err() {
                            return Ok(());
                        }
                    }
                    let sha256 = hex(&hasher.finalize());
                    // The digest computed while reading must equal the content address.
                    if sha256 != content.sha256.as_str() {
                        return Err(RegistryError::Store(StoreError::Corrupt {
                            what: format!("content {} of {}", content.sha256, document.id),
                            detail: format!("its bytes hash to {sha256}; nothing was exported"),
                        }));
                    }
                    if sender.send(Chunk::End { sha256, size }).is_err() {
                        return Ok(());
                    }
                }
                Ok(())
            }));
        }
        let mut current: Option<(&Document, String)> = None;
        let mut write_error = None;
        // The chunks in package order: file i comes from reader i % READERS.
        let mut next_file = 0usize;
        let ordered = std::iter::from_fn(|| {
            if next_file >= with_content.len() {
                return None;
            }
            let chunk = receivers[next_file % READERS].recv().ok()?;
            if matches!(chunk, Chunk::End { .. }) {
                next_file += 1;
            }
            Some(chunk)
        });
        for chunk in ordered {
            let step = (|| -> RegistryResult<()> {
                match chunk {
                    Chunk::Start(index) => {
                        let document = with_content[index];
                        let content = document
                            .content
                            .as_ref()
                            .ok_or_else(|| io_err(out, "content vanished"))?;
                        let href = format!("data/{}/{}", document.id, safe_name(&content.file_name));
                        package
                            .zip
                            .start_file(format!("{objid}/{rep}/{href}"), package.stored)
                            .map_err(|e| io_err(out, e))?;
                        current = Some((document, href));
                    }
                    Chunk::Bytes(bytes) => {
                        package.zip.write_all(&bytes).map_err(|e| io_err(out, e))?;
                        progress.bytes_done.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    }
                    Chunk::End { sha256, size } => {
                        let (document, href) = current.take().ok_or_else(|| io_err(out, "chunk order"))?;
                        let content = document
                            .content
                            .as_ref()
                            .ok_or_else(|| io_err(out, "content vanished"))?;
                        package.entries.push(Entry {
                            path: format!("{rep}/{href}"),
                            sha256: sha256.clone(),
                            size,
                        });
                        let registered = document.registered_at.to_rfc3339_opts(SecondsFormat::Secs, true);
                        let file = FileRef {
                            id: format!("file-{}", document.id),
                            href,
                            mime: content.media_type.clone(),
                            size,
                            sha256,
                            created: registered,
                        };
                        files.insert(document.id.clone(), file);
                        progress.files_done.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Ok(())
            })();
            if let Err(error) = step {
                write_error = Some(error);
                break;
            }
        }
        // A reader blocked on a full channel ends when its receiver goes.
        drop(receivers);
        let mut read_result = Ok(());
        for reader in readers {
            let result = reader.join().map_err(|_| io_err(out, "a reader thread panicked"))?;
            if read_result.is_ok() {
                read_result = result;
            }
        }
        if let Some(error) = write_error {
            return Err(error);
        }
        read_result
    })?;
    Ok(files)
}
