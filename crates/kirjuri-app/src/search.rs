//! The search index handle and the use-cases around it: an audited search that sees every
//! write before it, and an OCR pass followed by an index catch-up.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use kirjuri_registry::Actor;
use kirjuri_search::ocr::OcrRun;
use kirjuri_search::{Filters, Reader, SearchError, SearchIndex, SearchResults};
use kirjuri_store::Store;

use crate::{App, AppResult};

/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// The search index and the lock that lets one writer at a time catch it up.
pub struct Search {
    pub index: SearchIndex,
    writer: Mutex<()>,
    /// The store change the index is known to have applied (0: not known yet), so that a
    /// search with nothing new to apply does not read the index's metadata from disk.
    applied: AtomicU64,
}

impl Search {
    /// Opens (or creates) the index in `folder`.
    pub fn open(folder: &Path) -> Result<Search, SearchError> {
        Ok(Search {
            index: SearchIndex::open(folder)?,
            writer: Mutex::new(()),
            applied: AtomicU64::new(0),
        })
    }

    /// Applies the store's new changes to the index (one writer at a time); returns how many
    /// records it applied.
    pub fn catch_up(&self, store: &Store) -> Result<usize, SearchError> {
        let last = store.last_change()?;
        if last != 0 && self.applied.load(Ordering::Acquire) == last {
            return Ok(0);
        }
        let _guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let applied = self.index.catch_up(store)?;
        // Everything up to `last` (read before the catch-up) is in the index now.
        self.applied.fetch_max(last, Ordering::AcqRel);
        Ok(applied)
    }

    /// Rebuilds the index from the store, reporting (done, total).
    pub fn rebuild(&self, store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<usize, SearchError> {
        let _guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let rebuilt = self.index.rebuild(store, progress)?;
        self.applied.store(0, Ordering::Release);
        Ok(rebuilt)
    }
}

impl App {
    /// A search as every front end runs it: the index catches up first (a search sees the
    /// writes before it), the reader's access applies inside the query, and the search is
    /// audited with the query, the filters and the restricted records it showed.
    pub fn search(
        &self,
        text: &str,
        reader: Reader,
        filters: &Filters,
        limit: usize,
        actor: &Actor,
    ) -> AppResult<SearchResults> {
        // The query is written into the append-only audit trail: bounded like any free text.
        kirjuri_registry::limits::check_length("q", text, MAX_QUERY_CHARS)?;
        kirjuri_registry::limits::check_optional(
            "record_type",
            filters.record_type.as_deref(),
            kirjuri_registry::limits::NAME,
        )?;
        let search = self.search_index()?;
        search.catch_up(&self.store)?;
        let results = search.index.search(text, reader, filters, limit)?;
        self.store.audit(&kirjuri_search::audit_event(
            actor,
            text,
            filters,
            !reader.may_read_restricted,
            &results,
        ))?;
        Ok(results)
    }

    /// Recognises up to `limit` waiting scans (nothing when Tesseract is not installed), then
    /// brings the index up to date so their text is found at once. The service runs this every
    /// few seconds; `kirjuri ocr` runs it once.
    pub fn ocr_pass(&self, limit: usize, progress: &mut dyn FnMut(usize, usize)) -> AppResult<OcrRun> {
        let run = kirjuri_search::ocr::run_pending(&self.store, limit, progress)?;
        self.search_index()?.catch_up(&self.store)?;
        Ok(run)
    }
}
