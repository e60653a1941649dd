//! The index life cycle: opening (or creating) the index of a data folder, catching up from
//! the store's change log, rebuilding from the store, purging deleted records from the segment
//! files, and the index's size (`stats`). Also the crate's error type.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use kirjuri_plan::PublicityClass;
use kirjuri_registry::{DOCUMENT, Document};
use kirjuri_store::Store;
use serde::Serialize;
use tantivy::schema::Schema;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analysis::{FINNISH, analysis_tag, analyzers, register_other_languages};
use crate::ocr;
use crate::schema::{Fields, access_principals, class_facet, day_start, schema};
use crate::text::document_text;

/// Memory the index writer may use before it writes a segment (shared by its threads); larger
/// means fewer, bigger segments and less merging during a rebuild.
const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    #[error(transparent)]
    Store(#[from] kirjuri_store::StoreError),
    #[error("search index folder {0}: {1}")]
    Io(String, std::io::Error),
}

pub type SearchResult<T> = Result<T, SearchError>;

/// The index of one data folder.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The query side of the Finnish analysis (one base form per word).
    pub(crate) query_tokenizers: TokenizerManager,
    /// The one index writer, made at the first write and kept: tantivy allows one writer per
    /// index, and one made and dropped per catch-up left its lock taken for a moment while
    /// searches that came in together each tried to take it (the soak's 500s, issue 22).
    writer: Mutex<Option<IndexWriter>>,
}

/// The slot of the index's one writer, locked for one write; the writer is taken out of it for
/// the write and put back after (see [`SearchIndex::writer`]).
type WriterSlot<'a> = MutexGuard<'a, Option<IndexWriter>>;

/// Size of the index (`kirjuri status`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct IndexStats {
    pub documents: u64,
    /// Deleted documents whose text is still in segment files (0 after each catch-up that
    /// removed records).
    pub deleted_in_files: u64,
    pub segments: usize,
}

impl SearchIndex {
    /// Opens (or creates) the index in `dir`.
    pub fn open(dir: &Path) -> SearchResult<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Io(dir.display().to_string(), e))?;
        let (schema, fields) = schema();
        let open = |schema: Schema| -> SearchResult<Index> {
            let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| SearchError::Index(e.into()))?;
            Ok(Index::open_or_create(directory, schema)?)
        };
        let index = match open(schema.clone()) {
            // An index of an earlier Kirjuri (other fields) is derived data: start it afresh;
            // the next catch-up rebuilds it from the store.
            Err(SearchError::Index(tantivy::TantivyError::SchemaError(_))) => {
                std::fs::remove_dir_all(dir).map_err(|e| SearchError::Io(dir.display().to_string(), e))?;
                std::fs::create_dir_all(dir).map_err(|e| SearchError::Io(dir.display().to_string(), e))?;
                open(schema)?
            }
            other => other?,
        };
        // A query searches the segments in parallel (a rebuild leaves one segment per indexing
        // thread), so a heavy phrase query takes the cores a quiet desk leaves idle.
        let mut index = index;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        index.set_multithread_executor(threads)?;
        let (document_side, query_side) = analyzers();
        index.tokenizers().register(FINNISH, document_side);
        register_other_languages(index.tokenizers());
        let query_tokenizers = TokenizerManager::default();
        query_tokenizers.register(FINNISH, query_side);
        register_other_languages(&query_tokenizers);
        // Manual reload: after a commit we reload, so a search sees its own writes.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            query_tokenizers,
            writer: Mutex::new(None),
        })
    }

    /// The change-log sequence number the index has applied, and the analysis it was built
    /// with (`<seq> <voikko|snowball>` in the commit payload).
    pub fn applied_seq(&self) -> SearchResult<(u64, String)> {
        let payload = self.index.load_metas()?.payload.unwrap_or_default();
        let (seq, analysis) = payload.split_once(' ').unwrap_or((&payload, ""));
        Ok((seq.parse().unwrap_or(0), analysis.to_owned()))
    }

    /// Documents, deleted documents still in segment files, and segments of the last commit.
    pub fn stats(&self) -> SearchResult<IndexStats> {
        let metas = self.index.searchable_segment_metas()?;
        Ok(IndexStats {
            documents: metas.iter().map(|m| u64::from(m.num_docs())).sum(),
            deleted_in_files: metas.iter().map(|m| u64::from(m.num_deleted_docs())).sum(),
            segments: metas.len(),
        })
    }

    /// The index's one writer, for one write at a time: made at the first call, then kept (the
    /// caller puts it back into the slot when its write is done). A write that fails half-way
    /// drops it, and the next write makes a new one.
    fn writer(&self) -> SearchResult<(WriterSlot<'_>, IndexWriter)> {
        let mut slot = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let writer = match slot.take() {
            Some(writer) => writer,
            None => self.index.writer(WRITER_MEMORY_BYTES)?,
        };
        Ok((slot, writer))
    }

    /// The index document of a record. `cases` answers the record's case without a store read
    /// when given (a rebuild reads every case once); its state, department, publicity and
    /// access list decide the record's fields and access terms.
    fn to_document(
        &self,
        store: &Store,
        document: &Document,
        cases: Option<&rustc_hash::FxHashMap<String, kirjuri_registry::Case>>,
    ) -> TantivyDocument {
        let f = self.fields;
        let (body, _) = document_text(store, document);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &document.id);
        doc.add_text(f.title, &document.title);
        let body_field = match document.language.as_str() {
            "sv" => f.body_sv,
            "en" => f.body_en,
            _ => f.body,
        };
        doc.add_text(body_field, &body);
        doc.add_text(f.language, &document.language);
        let read;
        let case = match cases {
            Some(cases) => cases.get(&document.case_id),
            None => {
                read = store
                    .get::<kirjuri_registry::Case>(kirjuri_registry::CASE, &document.case_id)
                    .ok()
                    .flatten();
                read.as_ref()
            }
        };
        if let Some(case) = case {
            doc.add_text(f.case_state, case.state.key());
        }
        for principal in access_principals(document.is_public(), case) {
            doc.add_text(f.access, principal);
        }
        doc.add_text(f.diary, document.diary_number.to_string());
        doc.add_facet(f.class, class_facet(&document.class));
        doc.add_text(f.record_type, &document.record_type);
        let publicity = document.restriction.publicity.map_or("unknown", PublicityClass::key);
        doc.add_text(f.publicity, publicity);
        for party in &document.parties {
            doc.add_text(f.parties, party);
        }
        doc.add_date(f.created, day_start(document.created_on));
        doc
    }

    /// Applies every change after the index's sequence number; one commit, with the new number
    /// as its payload. Returns how many changes were applied.
    /// An index built with the other analysis (Voikko installed or removed since) is rebuilt.
    pub fn catch_up(&self, store: &Store) -> SearchResult<usize> {
        let (from, built_with) = self.applied_seq()?;
        if from > 0 && built_with != analysis_tag() {
            return self.rebuild(store, &mut |_, _| {});
        }
        if from == 0 && store.last_change()? > 0 {
            // A new (or renewed) index over an existing store: build it in one pass.
            return self.rebuild(store, &mut |_, _| {});
        }
        let changes = store.changes_since(from)?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(0);
        };
        let (mut slot, mut writer) = self.writer()?;
        // Documents to (re)index: changed documents, and those whose content got an OCR result.
        let mut touched: Vec<String> = Vec::new();
        for change in &changes {
            if change.kind == DOCUMENT {
                touched.push(change.id.clone());
            } else if change.kind == kirjuri_registry::CASE {
                // The case's state, publicity and access list are fields of each of its
                // documents.
                touched.extend(store.scan_index("case", &change.id, DOCUMENT)?);
            } else if change.kind == ocr::OCR {
                touched.extend(store.scan_index("content", &change.id, DOCUMENT)?);
            }
        }
        touched.sort();
        touched.dedup();
        let mut removed = false;
        for id in &touched {
            // An update is a delete of the id plus an add, in one commit.
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            match store.get::<Document>(DOCUMENT, id)? {
                Some(document) => {
                    writer.add_document(self.to_document(store, &document, None))?;
                }
                None => removed = true,
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{last} {}", analysis_tag()));
        commit.commit()?;
        self.reader.reload()?;
        if removed {
            self.purge_deleted(slot, writer)?;
        } else {
            *slot = Some(writer);
        }
        Ok(changes.len())
    }

    /// Rewrites the segments that hold deleted documents and removes the old files, so the
    /// text of a destroyed or erased record (kept in the stored body and the postings until
    /// then) leaves the disk, not only the results. Costs one merge of those segments, not a
    /// rebuild. Returns how many segments were rewritten.
    fn purge_deleted(&self, slot: WriterSlot<'_>, writer: IndexWriter) -> SearchResult<usize> {
        // Background merges started by the commit finish first, so no segment is in two
        // merges at once; the slot stays locked, so no other write comes in between.
        writer.wait_merging_threads()?;
        let mut writer: IndexWriter = self.index.writer(WRITER_MEMORY_BYTES)?;
        let segments: Vec<tantivy::index::SegmentId> = self
            .index
            .searchable_segment_metas()?
            .iter()
            .filter(|meta| meta.has_deletes())
            .map(tantivy::index::SegmentMeta::id)
            .collect();
        if !segments.is_empty() {
            writer.merge(&segments).wait()?;
        }
        writer.garbage_collect_files().wait()?;
        // The merges it started finish before the answer (the text is off the disk then); the
        // next write makes the writer again.
        writer.wait_merging_threads()?;
        drop(slot);
        self.reader.reload()?;
        Ok(segments.len())
    }

    /// Rebuilds the index from the store, reporting progress as (done, total).
    ///
    /// The records are read as the rebuild goes, never all at once: this thread reads them in
    /// batches into a short queue and the workers decode and index them, so memory stays that
    /// of the index writer and a few batches, whatever the number of documents.
    pub fn rebuild(&self, store: &Store, progress: &mut dyn FnMut(usize, usize)) -> SearchResult<usize> {
        let last = store.last_change()?;
        let total = store.count(DOCUMENT)?;
        let cases: rustc_hash::FxHashMap<String, kirjuri_registry::Case> = store
            .list::<kirjuri_registry::Case>(kirjuri_registry::CASE)?
            .into_iter()
            .map(|case| (case.id.clone(), case))
            .collect();
        let cases = &cases;
        let (mut slot, mut writer) = self.writer()?;
        writer.delete_all_documents()?;
        // Decoding records and extracting their text is spread over the cores (tantivy's own
        // threads do the analysis); each worker takes the next batch from the queue.
        use std::sync::PoisonError;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        const BATCH: usize = 64;
        let done = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<kirjuri_store::RawRecord>>(threads * 2);
        let receiver = std::sync::Mutex::new(receiver);
        let writer_ref = &writer;
        let read = std::thread::scope(|scope| -> SearchResult<usize> {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (done, receiver, failed) = (&done, &receiver, &failed);
                    scope.spawn(move || -> SearchResult<()> {
                        let mut outcome = Ok(());
                        // Until the reader has sent everything (or stopped). After an error the
                        // worker only empties the queue, so the reader is never left waiting.
                        while let Ok(batch) = receiver.lock().unwrap_or_else(PoisonError::into_inner).recv() {
                            if outcome.is_err() {
                                continue;
                            }
                            outcome = batch.iter().try_for_each(|raw| -> SearchResult<()> {
                                let document: Document = raw.decode()?;
                                writer_ref.add_document(self.to_document(store, &document, Some(cases)))?;
                                Ok(())
                            });
                            if outcome.is_err() {
                                failed.store(true, Ordering::Relaxed);
                            }
                            done.fetch_add(batch.len(), Ordering::Relaxed);
                        }
                        outcome
                    })
                })
                .collect();
            // This thread reads the records and reports progress; a read error or a worker's
            // error stops the reading.
            let mut read = 0;
            let mut outcome = Ok(());
            let mut batch = Vec::with_capacity(BATCH);
            let mut last_report = std::time::Instant::now();
            for raw in store.iter_raw(DOCUMENT) {
                match raw {
                    Ok(raw) => batch.push(raw),
                    Err(error) => {
                        outcome = Err(SearchError::from(error));
                        break;
                    }
                }
                if batch.len() == BATCH {
                    read += batch.len();
                    if failed.load(Ordering::Relaxed)
                        || sender
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_err()
                    {
                        break;
                    }
                    if last_report.elapsed() >= std::time::Duration::from_millis(100) {
                        progress(done.load(Ordering::Relaxed), total.max(read));
                        last_report = std::time::Instant::now();
                    }
                }
            }
            if outcome.is_ok() && !batch.is_empty() {
                read += batch.len();
                let _ = sender.send(batch);
            }
            drop(sender);
            for worker in workers {
                worker.join().map_err(|_| {
                    SearchError::Io("index rebuild".to_owned(), std::io::Error::other("a worker panicked"))
                })??;
            }
            outcome.map(|()| read)
        })?;
        progress(read, read);
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{last} {}", analysis_tag()));
        commit.commit()?;
        // Old segments leave the disk, so removed records do not linger in files.
        writer.garbage_collect_files().wait()?;
        *slot = Some(writer);
        self.reader.reload()?;
        Ok(read)
    }
}
