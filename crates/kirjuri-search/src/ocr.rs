//! OCR results of scanned paper, kept in the store per content digest (record kind `ocr`):
//! the recognised text as a content file, the engine's confidence, or why OCR failed. The
//! OCR worker ([`run_pending`]) runs outside every request (the service runs it on a
//! background thread, `kirjuri ocr` from the command line); each result is a change, so the
//! index's next catch-up re-indexes the documents with that content.

use chrono::{DateTime, Utc};
use kirjuri_registry::DOCUMENT;
use kirjuri_store::{AuditEvent, IndexKey, Sha256Hex, Store, StoreResult};
use serde::{Deserialize, Serialize};

use crate::TextStatus;

/// Record kind of OCR results; the id is the content digest.
pub const OCR: &str = "ocr";

/// The OCR result of one content file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrRecord {
    pub sha256: String,
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub outcome: OcrOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum OcrOutcome {
    Done {
        /// Digest of the recognised text, stored as a content file.
        text_sha256: String,
        confidence: f32,
        languages: String,
        pages: usize,
    },
    Failed {
        reason: String,
    },
    /// The file was examined and needs no OCR: a PDF with a text layer, or one no parser can
    /// read (its reason comes from extraction). Kept so that it is examined once, not on every
    /// run of the worker.
    NotNeeded,
}

/// The stored OCR result for a content digest.
pub fn stored(store: &Store, sha256: &Sha256Hex) -> StoreResult<Option<OcrRecord>> {
    store.get::<OcrRecord>(OCR, sha256.as_str())
}

/// The indexable text of a content file's OCR result; `None` when there is no result or the
/// file needs no OCR (its text then comes from extraction).
pub fn stored_text(store: &Store, sha256: &Sha256Hex) -> StoreResult<Option<(String, TextStatus)>> {
    let Some(record) = stored(store, sha256)? else {
        return Ok(None);
    };
    Ok(match &record.outcome {
        OcrOutcome::NotNeeded => None,
        OcrOutcome::Failed { reason } => Some((String::new(), TextStatus::NotIndexed(format!("OCR failed: {reason}")))),
        OcrOutcome::Done {
            text_sha256,
            confidence,
            ..
        } => {
            let text = Sha256Hex::parse(text_sha256)
                .map_err(kirjuri_store::StoreError::Conflict)
                .and_then(|digest| store.blobs().read_verified(&digest));
            Some(match text {
                Ok(bytes) => (
                    String::from_utf8_lossy(&bytes).into_owned(),
                    TextStatus::Indexed {
                        method: kirjuri_extract::Method::Ocr,
                        ocr_confidence: Some(*confidence),
                    },
                ),
                Err(error) => (String::new(), TextStatus::NotIndexed(format!("OCR text: {error}"))),
            })
        }
    })
}

/// What one OCR run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OcrRun {
    /// Files looked at (images and PDFs without an OCR record).
    pub examined: usize,
    pub recognised: usize,
    pub failed: usize,
    /// PDFs with a text layer (or unreadable ones): marked, never examined again.
    pub not_needed: usize,
    /// Files left for the next run (over the run's limit).
    pub waiting: usize,
}

/// The one field of a document the OCR worker looks at (the rest is skipped, not decoded).
#[derive(Deserialize)]
struct DocumentContent {
    #[serde(default)]
    content: Option<kirjuri_registry::Content>,
}

/// Content files that may be scans (images, PDFs) and have no OCR record yet. Reads metadata
/// only; one entry per content file.
fn candidates(store: &Store) -> StoreResult<Vec<(Sha256Hex, String, String)>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    // One record at a time, and only its content decoded: the service runs this every few
    // seconds, over every document.
    for raw in store.iter_raw(DOCUMENT) {
        let document: DocumentContent = raw?.decode()?;
        let Some(content) = &document.content else { continue };
        let media = content.media_type.as_str();
        let maybe_scan = media.starts_with("image/")
            || media == "application/pdf"
            || content.file_name.to_ascii_lowercase().ends_with(".pdf");
        if maybe_scan && seen.insert(content.sha256.as_str().to_owned()) && stored(store, &content.sha256)?.is_none() {
            out.push((
                content.sha256.clone(),
                content.media_type.clone(),
                content.file_name.clone(),
            ));
        }
    }
    Ok(out)
}

/// Scans waiting for OCR (extracts each candidate to tell a scan from a PDF with text).
pub fn pending(store: &Store) -> StoreResult<Vec<(Sha256Hex, kirjuri_extract::Scan)>> {
    let mut out = Vec::new();
    for (sha256, media_type, file_name) in candidates(store)? {
        let path = store.blobs().path_of(&sha256);
        if let kirjuri_extract::Extraction::NeedsOcr { scan } =
            kirjuri_extract::extract_file(&path, &media_type, &file_name)
        {
            out.push((sha256, scan));
        }
    }
    Ok(out)
}

/// Examines up to `limit` candidate files: a scan is recognised and its result stored (text as
/// a content file, record, audit entry, one transaction each); a file that needs no OCR is
/// marked so, so that later runs skip it. Does nothing when OCR is not available.
pub fn run_pending(store: &Store, limit: usize, progress: &mut dyn FnMut(usize, usize)) -> StoreResult<OcrRun> {
    let mut run = OcrRun::default();
    if kirjuri_extract::ocr::availability().is_err() {
        return Ok(run);
    }
    let candidates = candidates(store)?;
    let total = candidates.len().min(limit);
    run.waiting = candidates.len().saturating_sub(limit);
    for (n, (sha256, media_type, file_name)) in candidates.into_iter().take(limit).enumerate() {
        run.examined += 1;
        let path = store.blobs().path_of(&sha256);
        let outcome = match kirjuri_extract::extract_file(&path, &media_type, &file_name) {
            kirjuri_extract::Extraction::NeedsOcr { scan } => match kirjuri_extract::ocr::recognise(&path, scan) {
                Ok(text) => {
                    let stored_text = store.blobs().put_bytes(text.text.as_bytes())?;
                    run.recognised += 1;
                    OcrOutcome::Done {
                        text_sha256: stored_text.sha256.as_str().to_owned(),
                        confidence: text.confidence,
                        languages: text.languages,
                        pages: text.pages,
                    }
                }
                Err(reason) => {
                    run.failed += 1;
                    OcrOutcome::Failed { reason }
                }
            },
            _ => {
                run.not_needed += 1;
                OcrOutcome::NotNeeded
            }
        };
        let record = OcrRecord {
            sha256: sha256.as_str().to_owned(),
            at: Utc::now(),
            outcome,
        };
        store.transact(|tx| {
            tx.put(
                OCR,
                sha256.as_str(),
                &record,
                &[IndexKey::new("ocr_at", record.at.format("%Y-%m-%d").to_string())],
            )?;
            tx.audit(
                &AuditEvent::new(record.at, "system:ocr", "ocr")
                    .target(OCR, sha256.as_str())
                    .detail(serde_json::json!({
                        "outcome": match &record.outcome {
                            OcrOutcome::Done { .. } => "done",
                            OcrOutcome::Failed { .. } => "failed",
                            OcrOutcome::NotNeeded => "not-needed",
                        },
                        "confidence": match &record.outcome {
                            OcrOutcome::Done { confidence, .. } => Some(*confidence),
                            _ => None,
                        },
                    })),
            )?;
            Ok(())
        })?;
        progress(n + 1, total);
    }
    Ok(run)
}

/// The content OCR records refer to: the recognised file each is keyed by, and its text.
pub fn content_references(store: &Store) -> StoreResult<std::collections::HashSet<Sha256Hex>> {
    let mut referenced = std::collections::HashSet::new();
    for record in store.list::<OcrRecord>(OCR)? {
        referenced.extend(Sha256Hex::parse(&record.sha256).ok());
        if let OcrOutcome::Done { text_sha256, .. } = &record.outcome {
            referenced.extend(Sha256Hex::parse(text_sha256).ok());
        }
    }
    Ok(referenced)
}

/// Removes OCR results (record and text) of content no document refers to any more, after a
/// disposal destroyed the documents: recognised text must not outlive its record. A text file
/// goes only when nothing else still refers to the same bytes: no document's content (someone
/// may have registered the recognised text as a document of its own) and no OCR record that
/// stays (as its recognised file or its text — two scans may read the same).
pub fn forget_unreferenced(store: &Store) -> StoreResult<usize> {
    let mut still_referenced = std::collections::HashSet::new();
    let mut forgotten = Vec::new();
    for record in store.list::<OcrRecord>(OCR)? {
        if !store.scan_index("content", &record.sha256, DOCUMENT)?.is_empty() {
            still_referenced.insert(record.sha256.clone());
            if let OcrOutcome::Done { text_sha256, .. } = &record.outcome {
                still_referenced.insert(text_sha256.clone());
            }
            continue;
        }
        store.transact(|tx| {
            tx.delete(OCR, &record.sha256)?;
            tx.audit(&AuditEvent::new(Utc::now(), "system:ocr", "ocr.forget").target(OCR, &record.sha256))?;
            Ok(())
        })?;
        forgotten.push(record);
    }
    for record in &forgotten {
        if let OcrOutcome::Done { text_sha256, .. } = &record.outcome
            && !still_referenced.contains(text_sha256)
            && store.scan_index("content", text_sha256, DOCUMENT)?.is_empty()
            && let Ok(digest) = Sha256Hex::parse(text_sha256)
        {
            store.blobs().remove(&digest)?;
        }
    }
    Ok(forgotten.len())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

    use super::*;

    fn put(store: &Store, bytes: &str) -> Sha256Hex {
        store.blobs().put_bytes(bytes.as_bytes()).unwrap().sha256
    }

    fn recognised(store: &Store, scan: &Sha256Hex, text: &Sha256Hex) {
        let record = OcrRecord {
            sha256: scan.as_str().to_owned(),
            at: Utc::now(),
            outcome: OcrOutcome::Done {
                text_sha256: text.as_str().to_owned(),
                confidence: 90.0,
                languages: "fin".to_owned(),
                pages: 1,
            },
        };
        store.transact(|tx| tx.put(OCR, scan.as_str(), &record, &[])).unwrap();
    }

    /// A document record whose content is `content` (only the `content` index matters here).
    fn document(store: &Store, id: &str, content: &Sha256Hex) {
        store
            .transact(|tx| {
                tx.put(
                    DOCUMENT,
                    id,
                    &serde_json::json!({ "id": id }),
                    &[IndexKey::new("content", content.as_str())],
                )
            })
            .unwrap();
    }

    #[test]
    fn forgetting_ocr_keeps_text_that_anything_else_still_refers_to() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (kept_scan, gone_scan) = (put(&store, "scan kept"), put(&store, "scan gone"));
        let (registered_scan, lone_scan) = (put(&store, "scan 3"), put(&store, "scan 4"));
        let shared_text = put(&store, "the same text read from two scans");
        let registered_text = put(&store, "text someone registered as a document");
        let lone_text = put(&store, "text of nothing else");
        // Two scans read the same text; only one of them is still a document's content.
        recognised(&store, &kept_scan, &shared_text);
        recognised(&store, &gone_scan, &shared_text);
        document(&store, "doc-1", &kept_scan);
        // The recognised text of a destroyed scan was registered as a document of its own.
        recognised(&store, &registered_scan, &registered_text);
        document(&store, "doc-2", &registered_text);
        // Text nothing else refers to.
        recognised(&store, &lone_scan, &lone_text);

        assert_eq!(
            forget_unreferenced(&store).unwrap(),
            3,
            "the records of the destroyed scans go"
        );
        assert!(stored(&store, &kept_scan).unwrap().is_some());
        for gone in [&gone_scan, &registered_scan, &lone_scan] {
            assert!(stored(&store, gone).unwrap().is_none());
        }
        assert!(store.blobs().contains(&shared_text), "another OCR record's text stays");
        assert!(store.blobs().contains(&registered_text), "a document's content stays");
        assert!(!store.blobs().contains(&lone_text), "text nothing refers to goes");
        assert_eq!(
            stored_text(&store, &kept_scan).unwrap().unwrap().0,
            "the same text read from two scans"
        );
    }
}
