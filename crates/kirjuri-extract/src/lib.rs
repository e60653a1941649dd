//! Text extraction from stored files for the search index: plain text, Markdown, HTML, PDF,
//! DOCX, ODT and e-mail (.eml, with its attachments), and OCR of scanned paper (images and
//! image-only PDFs) through the Tesseract command-line tool.
//!
//! Owns the parsers and their limits. Parsers of hostile formats run in a separate worker
//! process (`use_worker`) with a time limit and a memory limit, so a PDF that panics or loops,
//! or a zip bomb inside a DOCX, costs one "not indexed: reason" and never the service. Must
//! never write anywhere but its own temporary files, never decide who may read a text, and
//! never fail a registration: a file that cannot be read is still stored by the caller.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::RwLock;
use std::time::Duration;

use serde::{Deserialize, Serialize};

mod formats;
pub mod ocr;

/// Largest file given to a parser.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;
/// Largest text kept from one file.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Largest uncompressed member read from a DOCX or ODT (a zip bomb stops here).
pub const MAX_MEMBER_BYTES: u64 = 64 * 1024 * 1024;
/// Time a worker may take for one file (`KIRJURI_EXTRACT_SECONDS` overrides it).
pub const WORKER_TIME_LIMIT: Duration = Duration::from_secs(60);

fn worker_time_limit() -> Duration {
    std::env::var("KIRJURI_EXTRACT_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(WORKER_TIME_LIMIT, Duration::from_secs)
}
/// Address space of a worker.
pub const WORKER_MEMORY_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Attachments inside attachments are followed this deep.
const MAX_EMAIL_DEPTH: usize = 3;

/// How a text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Plain,
    Markdown,
    Html,
    Pdf,
    Docx,
    Odt,
    Email,
    Ocr,
}

/// What needs OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scan {
    /// An image file (TIFF, PNG, JPEG).
    Image,
    /// A PDF without a text layer.
    Pdf,
}

/// The outcome of extracting one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Extraction {
    Text {
        method: Method,
        text: String,
    },
    /// Scanned paper: the text comes from OCR, later and elsewhere.
    NeedsOcr {
        scan: Scan,
    },
    /// Not indexed, with the reason shown to users.
    Failed {
        reason: String,
    },
}

impl Extraction {
    fn failed(reason: impl Into<String>) -> Extraction {
        Extraction::Failed { reason: reason.into() }
    }
}

/// The kind of a file, from its media type and, failing that, its name.
fn kind_of(media_type: &str, file_name: &str) -> Option<Kind> {
    let media_type = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let by_type = match media_type.as_str() {
        "text/plain" | "text/csv" => Some(Kind::Plain),
        "text/markdown" | "text/x-markdown" => Some(Kind::Markdown),
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "application/pdf" => Some(Kind::Pdf),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some(Kind::Docx),
        "application/vnd.oasis.opendocument.text" => Some(Kind::Odt),
        "message/rfc822" => Some(Kind::Email),
        "image/tiff" | "image/png" | "image/jpeg" => Some(Kind::Image),
        _ => None,
    };
    by_type.or_else(|| {
        let extension = Path::new(file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())?;
        Some(match extension.as_str() {
            "txt" | "csv" => Kind::Plain,
            "md" | "markdown" => Kind::Markdown,
            "html" | "htm" => Kind::Html,
            "pdf" => Kind::Pdf,
            "docx" => Kind::Docx,
            "odt" => Kind::Odt,
            "eml" => Kind::Email,
            "tif" | "tiff" | "png" | "jpg" | "jpeg" => Kind::Image,
            _ => return None,
        })
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Markdown,
    Html,
    Pdf,
    Docx,
    Odt,
    Email,
    Image,
}

impl Kind {
    /// Formats whose parsers are large and see hostile input run in the worker.
    fn is_risky(self) -> bool {
        matches!(self, Kind::Pdf | Kind::Docx | Kind::Odt | Kind::Email | Kind::Html)
    }
}

/// Extracts the text of bytes in this process (the worker calls this; so do callers for the
/// simple formats). Panics of a parser are caught and reported as a failure.
pub fn extract_bytes(bytes: &[u8], media_type: &str, file_name: &str) -> Extraction {
    extract_at_depth(bytes, media_type, file_name, 0)
}

fn extract_at_depth(bytes: &[u8], media_type: &str, file_name: &str, depth: usize) -> Extraction {
    let Some(kind) = kind_of(media_type, file_name) else {
        return Extraction::failed(format!("no text extraction for {media_type}"));
    };
    let result = std::panic::catch_unwind(|| match kind {
        Kind::Plain => Ok(Extraction::Text {
            method: Method::Plain,
            text: formats::plain(bytes),
        }),
        Kind::Markdown => Ok(Extraction::Text {
            method: Method::Markdown,
            text: formats::markdown(bytes),
        }),
        Kind::Html => formats::html(bytes).map(|text| Extraction::Text {
            method: Method::Html,
            text,
        }),
        Kind::Docx => formats::docx(bytes).map(|text| Extraction::Text {
            method: Method::Docx,
            text,
        }),
        Kind::Odt => formats::odt(bytes).map(|text| Extraction::Text {
            method: Method::Odt,
            text,
        }),
        Kind::Pdf => formats::pdf(bytes).map(|text| {
            if text.split_whitespace().next().is_none() {
                Extraction::NeedsOcr { scan: Scan::Pdf }
            } else {
                Extraction::Text {
                    method: Method::Pdf,
                    text,
                }
            }
        }),
        Kind::Email => Ok(formats::email(bytes, depth)),
        Kind::Image => Ok(Extraction::NeedsOcr { scan: Scan::Image }),
    });
    match result {
        Ok(Ok(Extraction::Text { method, mut text })) => {
            truncate(&mut text);
            Extraction::Text { method, text }
        }
        Ok(Ok(other)) => other,
        Ok(Err(reason)) => Extraction::failed(reason),
        Err(_) => Extraction::failed(format!("the {} parser failed on this file", kind_name(kind))),
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Plain => "text",
        Kind::Markdown => "Markdown",
        Kind::Html => "HTML",
        Kind::Pdf => "PDF",
        Kind::Docx => "DOCX",
        Kind::Odt => "ODT",
        Kind::Email => "e-mail",
        Kind::Image => "image",
    }
}

/// Cuts a text to [`MAX_TEXT_BYTES`] on a character boundary.
fn truncate(text: &mut String) {
    if text.len() > MAX_TEXT_BYTES {
        let mut end = MAX_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
}

static WORKER: RwLock<Option<PathBuf>> = RwLock::new(None);

/// Runs the risky parsers in worker processes of this executable (`EXE extract-worker FILE
/// MEDIA_TYPE NAME`, see [`worker_main`]). Without it, they run in process.
pub fn use_worker(executable: PathBuf) {
    if let Ok(mut worker) = WORKER.write() {
        *worker = Some(executable);
    }
}

/// Extracts the text of a file, isolating risky formats in a worker when one is configured.
pub fn extract_file(path: &Path, media_type: &str, file_name: &str) -> Extraction {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(error) => return Extraction::failed(format!("cannot read the file: {error}")),
    };
    if size > MAX_INPUT_BYTES {
        return Extraction::failed(format!("the file is larger than {} MiB", MAX_INPUT_BYTES / 1024 / 1024));
    }
    let risky = kind_of(media_type, file_name).is_some_and(Kind::is_risky);
    let worker = WORKER.read().ok().and_then(|w| w.clone());
    match worker {
        Some(executable) if risky => in_worker(&executable, path, media_type, file_name),
        _ => match std::fs::read(path) {
            Ok(bytes) => extract_bytes(&bytes, media_type, file_name),
            Err(error) => Extraction::failed(format!("cannot read the file: {error}")),
        },
    }
}

fn in_worker(executable: &Path, path: &Path, media_type: &str, file_name: &str) -> Extraction {
    use wait_timeout::ChildExt as _;
    let child = Command::new(executable)
        .arg("extract-worker")
        .arg(path)
        .arg(media_type)
        .arg(file_name)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => return Extraction::failed(format!("cannot start the extraction worker: {error}")),
    };
    // Read stdout on a thread so a large text cannot fill the pipe and stall the child.
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.take(MAX_TEXT_BYTES as u64 * 2 + 4096).read_to_end(&mut out);
        }
        out
    });
    let limit = worker_time_limit();
    let status = match child.wait_timeout(limit) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            // The reader thread ends when the pipe closes; a stray grandchild may hold it
            // open, so it is not waited for.
            drop(reader);
            return Extraction::failed(format!("extraction took longer than {} s", limit.as_secs()));
        }
        Err(error) => return Extraction::failed(format!("extraction worker: {error}")),
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Extraction::failed("the extraction worker stopped on this file (crash or memory limit)");
    }
    serde_json::from_slice(&out).unwrap_or_else(|_| Extraction::failed("the extraction worker gave no answer"))
}

/// The worker process: limits its own memory, extracts one file and writes the outcome as
/// JSON to standard output. Returns the exit code.
pub fn worker_main(path: &Path, media_type: &str, file_name: &str) -> i32 {
    let _ = rlimit::setrlimit(rlimit::Resource::AS, WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES);
    let outcome = match std::fs::read(path) {
        Ok(bytes) => extract_bytes(&bytes, media_type, file_name),
        Err(error) => Extraction::failed(format!("cannot read the file: {error}")),
    };
    match serde_json::to_writer(std::io::stdout().lock(), &outcome) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}
