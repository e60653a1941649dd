//! The search index handle and the use-cases around it: an audited search that sees every
//! write before it, and an OCR pass followed by an index catch-up.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, RegistryError};
use kirjuri_search::ocr::OcrRun;
use kirjuri_search::{Filters, Reader, SearchError, SearchIndex, SearchResults, Sort};
use kirjuri_store::Store;

use crate::{App, AppError, AppResult};

/// The filters of a search as a front end receives them (text; dates already read), checked
/// once for every front end. An error names the field (`class`, `case_state`, `language`,
/// `sort`, `from`/`to`) in the domain's words.
#[derive(Debug, Clone, Default)]
pub struct FilterInput<'a> {
    pub class: Option<&'a str>,
    pub record_type: Option<&'a str>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub case_state: Option<&'a str>,
    pub language: Option<&'a str>,
    /// `relevance` (default) or `date` (newest first).
    pub sort: Option<&'a str>,
}

impl FilterInput<'_> {
    pub fn parse(&self) -> AppResult<Filters> {
        let bad = |field: &str, message: String| {
            AppError::Registry(RegistryError::Invalid {
                code: "bad_filter",
                message: format!("`{field}`: {message}"),
            })
        };
        let filters = Filters {
            class: self
                .class
                .map(ClassCode::parse)
                .transpose()
                .map_err(|e| bad("class", e.to_string()))?,
            record_type: self.record_type.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            from: self.from,
            to: self.to,
            case_state: self
                .case_state
                .map(kirjuri_search::case_state_filter)
                .transpose()
                .map_err(|e| bad("case_state", e))?,
            language: self
                .language
                .map(kirjuri_search::language_filter)
                .transpose()
                .map_err(|e| bad("language", e))?,
            sort: match self.sort.map(str::trim).unwrap_or("relevance") {
                "relevance" => Sort::Relevance,
                "date" => Sort::Newest,
                other => return Err(bad("sort", format!("`{other}`: use relevance or date"))),
            },
        };
        if let (Some(from), Some(to)) = (filters.from, filters.to)
            && from > to
        {
            return Err(bad("from", format!("{from} is after `to` {to}")));
        }
        Ok(filters)
    }
}

/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// The most hits one search answers.
pub const MAX_HITS: usize = 200;

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
        reader: &Reader,
        filters: &Filters,
        limit: usize,
        actor: &Actor,
    ) -> AppResult<SearchResults> {
        if text.trim().is_empty() {
            return Err(AppError::Registry(RegistryError::Invalid {
                code: "bad_query",
                message: "`q`: the query is empty".to_owned(),
            }));
        }
        if !(1..=MAX_HITS).contains(&limit) {
            return Err(AppError::Registry(RegistryError::Invalid {
                code: "bad_query",
                message: format!("`limit` must be 1-{MAX_HITS}, not {limit}"),
            }));
        }
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
            !reader.reads_restricted_somewhere(),
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
