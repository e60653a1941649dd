//! Full-text search over records: the schema, the Finnish analyzer, catching up from the
//! store's change log, and access-filtered queries.
//!
//! Derived data only. Everything under `<data>/index/` can be deleted and rebuilt from the
//! store (`kirjuri reindex`), so nothing here is the only copy of anything. Each commit stores
//! the last applied change-log sequence number, and opening the index replays what came after.
//! The caller says what the reader may see; this crate never decides who may read a record,
//! but it applies that decision inside the query, so hits, counts and snippets never reveal a
//! record the reader may not see. A destroyed or erased record leaves the results and the
//! segment files at the next catch-up (the segments holding it are rewritten without it).
//!
//! Finnish analysis: Voikko lemmas and compound parts through a runtime-loaded libvoikko
//! (see `voikko`), with the Snowball stemmer for words Voikko does not know and for machines
//! without Voikko. No ASCII folding (ä and ö matter). An index built with the other analysis is
//! rebuilt on the next catch-up.

use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use kirjuri_plan::{ClassCode, PublicityClass};
use kirjuri_registry::{DOCUMENT, Document};
use kirjuri_store::Store;
use serde::Serialize;

pub mod ocr;
mod voikko;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::RangeQuery;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
    TokenizerManager,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};
pub use voikko::Voikko;

/// The analyzer of Finnish text fields.
pub const FINNISH: &str = "kirjuri_fi";
/// Principal of public records; restricted ones carry `restricted`.
const PUBLIC: &str = "public";
const RESTRICTED: &str = "restricted";
/// Memory the index writer may use before it writes a segment (shared by its threads); larger
/// means fewer, bigger segments and less merging during a rebuild.
const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;
/// Largest text taken from one document (the rest is not indexed).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    /// The text of Finnish documents (and of any language without its own analysis).
    body: Field,
    /// Swedish and English documents, with their Snowball stemmers.
    body_sv: Field,
    body_en: Field,
    diary: Field,
    class: Field,
    record_type: Field,
    publicity: Field,
    access: Field,
    parties: Field,
    created: Field,
    /// The state of the document's case (JHS 191 key, e.g. `vireilla`).
    case_state: Field,
    /// ISO 639-1 language of the document (`fi`, `sv`, `en`, ...).
    language: Field,
}

/// Analyzers of the Swedish and English bodies.
const SWEDISH: &str = "kirjuri_sv";
const ENGLISH: &str = "kirjuri_en";

fn stemmed(tokenizer: &str) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored()
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let finnish = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FINNISH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", finnish.clone()),
        body: builder.add_text_field("body_fi", finnish.clone()),
        body_sv: builder.add_text_field("body_sv", stemmed(SWEDISH)),
        body_en: builder.add_text_field("body_en", stemmed(ENGLISH)),
        diary: builder.add_text_field("diary", STRING | STORED),
        class: builder.add_facet_field("class", FacetOptions::default()),
        record_type: builder.add_text_field("record_type", STRING | STORED),
        publicity: builder.add_text_field("publicity", STRING | STORED),
        access: builder.add_text_field("access", STRING | STORED),
        parties: builder.add_text_field("parties", finnish),
        created: builder.add_date_field("created", INDEXED | FAST | STORED),
        case_state: builder.add_text_field("case_state", STRING | STORED),
        language: builder.add_text_field("language", STRING | STORED),
    };
    (builder.build(), fields)
}

fn snowball() -> TextAnalyzer {
    snowball_for(Language::Finnish)
}

fn snowball_for(language: Language) -> TextAnalyzer {
    // No AsciiFoldingFilter before the stemmer: its rules depend on ä, ö and å.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .build()
}

/// Registers the Swedish and English analyzers (the same on both sides of a search).
fn register_other_languages(manager: &TokenizerManager) {
    manager.register(SWEDISH, snowball_for(Language::Swedish));
    manager.register(ENGLISH, snowball_for(Language::English));
}

/// Which Finnish analysis is in use, said once at start-up and in `kirjuri search --json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub enum Analysis {
    /// Voikko lemmas and compound parts; Snowball for words Voikko does not know.
    Voikko,
    /// Snowball stems only, with the reason Voikko is not in use.
    Snowball(String),
}

/// Finnish words to index terms. With Voikko, the document side indexes every base form and
/// compound part at the word's position, and the query side looks up one base form per word,
/// so `sopimus` finds `hankintasopimuksen`. Without Voikko, or for a word it does not know,
/// the Snowball stem is used on both sides.
///
/// Indexing speed lives here: the terms of each word form are computed once per tokenizer (one
/// per indexing thread, so no lock) and kept under both the form as written and its lower-case
/// form, so most words cost one hash lookup and no allocation; the token stream copies each
/// term into one reused token.
#[derive(Clone)]
struct FinnishTokenizer {
    voikko: Option<Arc<Voikko>>,
    query_side: bool,
    fallback: TextAnalyzer,
    /// Word form (as written, and lower-cased) to its entry in `terms`.
    cache: rustc_hash::FxHashMap<Box<str>, u32>,
    /// The index terms of each cached word form.
    terms: Vec<Box<[String]>>,
    /// The words of the text being tokenized: byte offsets and entry in `terms` (reused).
    words: Vec<(usize, usize, u32)>,
    lower: String,
}

const TOKEN_CACHE_LIMIT: usize = 100_000;
/// Longer words are not indexed (tantivy's `RemoveLongFilter` limit of the Snowball path).
const LONGEST_WORD: usize = 60;

impl FinnishTokenizer {
    fn new(voikko: Option<Arc<Voikko>>, query_side: bool) -> FinnishTokenizer {
        FinnishTokenizer {
            voikko,
            query_side,
            fallback: snowball(),
            cache: rustc_hash::FxHashMap::default(),
            terms: Vec::new(),
            words: Vec::new(),
            lower: String::new(),
        }
    }

    /// The entry of a word form, analysing it on the first sight.
    fn entry(&mut self, word: &str) -> u32 {
        if let Some(&entry) = self.cache.get(word) {
            return entry;
        }
        self.lower.clear();
        if word.is_ascii() {
            self.lower.push_str(word);
            self.lower.make_ascii_lowercase();
        } else {
            self.lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let entry = match self.cache.get(self.lower.as_str()) {
            Some(&entry) => entry,
            None => {
                let mut terms = self.voikko.as_ref().map(|v| v.terms(&self.lower)).unwrap_or_default();
                if self.query_side {
                    terms.truncate(1);
                }
                if terms.is_empty() {
                    let mut stemmed = self.fallback.token_stream(&self.lower);
                    if stemmed.advance() {
                        terms.push(stemmed.token().text.clone());
                    }
                }
                let entry = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
                self.terms.push(terms.into_boxed_slice());
                self.cache.insert(self.lower.as_str().into(), entry);
                entry
            }
        };
        if word != self.lower {
            self.cache.insert(word.into(), entry);
        }
        entry
    }
}

/// Letters and digits make words (as tantivy's `SimpleTokenizer`), with ASCII and the Finnish
/// and Swedish letters answered without the Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, 'ä' | 'ö' | 'å' | 'Ä' | 'Ö' | 'Å') || c.is_alphanumeric()
    }
}

/// The tokens of one text: each word's terms at the word's position, copied one at a time
/// into the same token.
struct FinnishTokenStream<'a> {
    words: &'a [(usize, usize, u32)],
    terms: &'a [Box<[String]>],
    /// Next word, and next term of the current word.
    word: usize,
    term: usize,
    token: Token,
}

impl TokenStream for FinnishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(&(from, to, entry)) = self.words.get(self.word) {
            let terms = &self.terms[entry as usize];
            if let Some(term) = terms.get(self.term) {
                self.token.text.clear();
                self.token.text.push_str(term);
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position = self.word;
                self.token.position_length = 1;
                self.term += 1;
                return true;
            }
            self.word += 1;
            self.term = 0;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for FinnishTokenizer {
    type TokenStream<'a> = FinnishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FinnishTokenStream<'a> {
        if self.cache.len() >= TOKEN_CACHE_LIMIT {
            self.cache.clear();
            self.terms.clear();
        }
        let mut words = std::mem::take(&mut self.words);
        words.clear();
        let mut start = None;
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (is_word_char(c), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    start = None;
                    if at - from <= LONGEST_WORD {
                        let entry = self.entry(&text[from..at]);
                        words.push((from, at, entry));
                    }
                }
                _ => {}
            }
        }
        self.words = words;
        FinnishTokenStream {
            words: &self.words,
            terms: &self.terms,
            word: 0,
            term: 0,
            token: Token::default(),
        }
    }
}

/// Loads Voikko once per process (the dictionary is large); the reason is kept when it fails.
fn shared_voikko() -> &'static Result<Arc<Voikko>, String> {
    static VOIKKO: OnceLock<Result<Arc<Voikko>, String>> = OnceLock::new();
    VOIKKO.get_or_init(|| {
        if std::env::var_os("KIRJURI_NO_VOIKKO").is_some() {
            return Err("turned off with KIRJURI_NO_VOIKKO".to_owned());
        }
        Voikko::load().map(Arc::new)
    })
}

/// The analysis this process uses.
pub fn analysis() -> Analysis {
    match shared_voikko() {
        Ok(_) => Analysis::Voikko,
        Err(reason) => Analysis::Snowball(reason.clone()),
    }
}

fn analysis_tag() -> &'static str {
    if shared_voikko().is_ok() { "voikko" } else { "snowball" }
}

fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
    let voikko = shared_voikko().as_ref().ok().cloned();
    (
        TextAnalyzer::from(FinnishTokenizer::new(voikko.clone(), false)),
        TextAnalyzer::from(FinnishTokenizer::new(voikko, true)),
    )
}

/// The index of one data folder.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The query side of the Finnish analysis (one base form per word).
    query_tokenizers: TokenizerManager,
}

/// Why a document's text is (not) in the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum TextStatus {
    Indexed {
        /// How the text was obtained (plain, markdown, html, pdf, docx, odt, email, ocr).
        method: kirjuri_extract::Method,
        /// For OCR text: the engine's mean word confidence, 0–100.
        #[serde(skip_serializing_if = "Option::is_none")]
        ocr_confidence: Option<f32>,
    },
    /// Not indexed, with the reason shown to users.
    NotIndexed(String),
}

impl std::fmt::Display for TextStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextStatus::Indexed {
                ocr_confidence: Some(confidence),
                ..
            } => write!(f, "text indexed (OCR, confidence {confidence:.0} %)"),
            TextStatus::Indexed { method, .. } => write!(
                f,
                "text indexed ({})",
                serde_json::to_value(method)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            TextStatus::NotIndexed(reason) => write!(f, "not indexed: {reason}"),
        }
    }
}

/// The text of a document's content for indexing, and how it was obtained: the stored OCR
/// result for scanned paper, otherwise what `kirjuri-extract` reads from the content file.
pub fn document_text(store: &Store, document: &Document) -> (String, TextStatus) {
    let Some(content) = &document.content else {
        return (String::new(), TextStatus::NotIndexed("paper record".to_owned()));
    };
    match ocr::stored_text(store, &content.sha256) {
        Ok(Some(recognised)) => return recognised,
        Ok(None) => {}
        Err(error) => return (String::new(), TextStatus::NotIndexed(error.to_string())),
    }
    let path = store.blobs().path_of(&content.sha256);
    match kirjuri_extract::extract_file(&path, &content.media_type, &content.file_name) {
        kirjuri_extract::Extraction::Text { method, mut text } => {
            if text.len() > MAX_BODY_BYTES {
                let mut end = MAX_BODY_BYTES;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            (
                text,
                TextStatus::Indexed {
                    method,
                    ocr_confidence: None,
                },
            )
        }
        kirjuri_extract::Extraction::NeedsOcr { .. } => {
            let reason = match kirjuri_extract::ocr::availability() {
                Ok(_) => "OCR pending (scanned paper; the OCR worker reads it)".to_owned(),
                Err(reason) => reason,
            };
            (String::new(), TextStatus::NotIndexed(reason))
        }
        kirjuri_extract::Extraction::Failed { reason } => (String::new(), TextStatus::NotIndexed(reason)),
    }
}

/// Size of the index (`kirjuri status`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct IndexStats {
    pub documents: u64,
    /// Deleted documents whose text is still in segment files (0 after each catch-up that
    /// removed records).
    pub deleted_in_files: u64,
    pub segments: usize,
}

/// Who is reading: whether restricted (non-public) records are visible to them.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub may_read_restricted: bool,
}

/// Matching documents in one top-level class.
#[derive(Debug, Clone, Serialize)]
pub struct ClassCount {
    /// Two-digit top-level class code, e.g. `07`.
    pub class: String,
    pub count: usize,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub diary_number: String,
    pub record_type: String,
    pub publicity: String,
    /// Not public: the reader was allowed restricted records.
    pub restricted: bool,
    /// The document's date.
    pub created: Option<NaiveDate>,
    /// BM25 relevance; absent when sorted by date.
    pub score: Option<f32>,
    /// HTML with `<b>` around matched terms (text escaped by tantivy).
    pub snippet: String,
    /// The state of the document's case.
    pub case_state: String,
    pub language: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The Finnish analysis in use.
    pub analysis: Analysis,
    pub total: usize,
    /// Matching documents per top-level class (tehtäväluokka), counted like `total`: only
    /// what the reader may see.
    pub classes: Vec<ClassCount>,
    pub hits: Vec<Hit>,
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

    fn writer(&self) -> SearchResult<IndexWriter> {
        Ok(self.index.writer(WRITER_MEMORY_BYTES)?)
    }

    /// The index document of a record. `case_states` answers the state of a case without a
    /// store read when given (a rebuild reads every case once).
    fn to_document(
        &self,
        store: &Store,
        document: &Document,
        case_states: Option<&rustc_hash::FxHashMap<String, &'static str>>,
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
        let state = match case_states {
            Some(states) => states.get(&document.case_id).copied(),
            None => store
                .get::<kirjuri_registry::Case>(kirjuri_registry::CASE, &document.case_id)
                .ok()
                .flatten()
                .map(|case| case.state.key()),
        };
        if let Some(state) = state {
            doc.add_text(f.case_state, state);
        }
        doc.add_text(f.diary, document.diary_number.to_string());
        doc.add_facet(f.class, class_facet(&document.class));
        doc.add_text(f.record_type, &document.record_type);
        let publicity = document.restriction.publicity.map_or("unknown", PublicityClass::key);
        doc.add_text(f.publicity, publicity);
        doc.add_text(f.access, if document.is_public() { PUBLIC } else { RESTRICTED });
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
        let mut writer = self.writer()?;
        // Documents to (re)index: changed documents, and those whose content got an OCR result.
        let mut touched: Vec<String> = Vec::new();
        for change in &changes {
            if change.kind == DOCUMENT {
                touched.push(change.id.clone());
            } else if change.kind == kirjuri_registry::CASE {
                // The case's state is a field of each of its documents.
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
            self.purge_deleted(writer)?;
        }
        Ok(changes.len())
    }

    /// Rewrites the segments that hold deleted documents and removes the old files, so the
    /// text of a destroyed or erased record (kept in the stored body and the postings until
    /// then) leaves the disk, not only the results. Costs one merge of those segments, not a
    /// rebuild. Returns how many segments were rewritten.
    fn purge_deleted(&self, writer: IndexWriter) -> SearchResult<usize> {
        // Background merges started by the commit finish first, so no segment is in two
        // merges at once.
        writer.wait_merging_threads()?;
        let mut writer = self.writer()?;
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
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(segments.len())
    }

    /// Rebuilds the index from the store, reporting progress as (done, total).
    pub fn rebuild(&self, store: &Store, progress: &mut dyn FnMut(usize, usize)) -> SearchResult<usize> {
        let last = store.last_change()?;
        // Read undecoded; the workers decode (most of the reading cost) in parallel.
        let documents = store.list_raw(DOCUMENT)?;
        let case_states: rustc_hash::FxHashMap<String, &'static str> = store
            .list::<kirjuri_registry::Case>(kirjuri_registry::CASE)?
            .into_iter()
            .map(|case| (case.id, case.state.key()))
            .collect();
        let case_states = &case_states;
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        // Decoding records and extracting their text is spread over the cores (tantivy's own
        // threads do the analysis); each worker takes the next batch, so none idles while
        // another has a long tail. This thread reports progress.
        use std::sync::atomic::{AtomicUsize, Ordering};
        const BATCH: usize = 64;
        let done = AtomicUsize::new(0);
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let writer_ref = &writer;
        let documents = &documents;
        std::thread::scope(|scope| -> SearchResult<()> {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (done, next) = (&done, &next);
                    scope.spawn(move || -> SearchResult<()> {
                        loop {
                            let from = next.fetch_add(BATCH, Ordering::Relaxed);
                            let Some(batch) = documents.get(from..documents.len().min(from + BATCH)) else {
                                return Ok(());
                            };
                            if batch.is_empty() {
                                return Ok(());
                            }
                            for raw in batch {
                                let document: Document = raw.decode()?;
                                writer_ref.add_document(self.to_document(store, &document, Some(case_states)))?;
                            }
                            done.fetch_add(batch.len(), Ordering::Relaxed);
                        }
                    })
                })
                .collect();
            while !workers.iter().all(std::thread::ScopedJoinHandle::is_finished) {
                progress(done.load(Ordering::Relaxed), documents.len());
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            for worker in workers {
                worker.join().map_err(|_| {
                    SearchError::Io("index rebuild".to_owned(), std::io::Error::other("a worker panicked"))
                })??;
            }
            Ok(())
        })?;
        progress(documents.len(), documents.len());
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{last} {}", analysis_tag()));
        commit.commit()?;
        // Old segments leave the disk, so removed records do not linger in files.
        writer.garbage_collect_files().wait()?;
        self.reader.reload()?;
        Ok(documents.len())
    }

    /// Searches titles, bodies and parties; only records the reader may see are considered, so
    /// the count, the hits and the snippets agree with the reader's rights.
    pub fn search(&self, text: &str, reader: Reader, filters: &Filters, limit: usize) -> SearchResult<SearchResults> {
        let f = self.fields;
        let parser = QueryParser::new(
            self.index.schema(),
            vec![f.title, f.body, f.body_sv, f.body_en, f.parties],
            self.query_tokenizers.clone(),
        );
        let user_query = parser.parse_query(text)?;
        let mut principals = vec![Term::from_field_text(f.access, PUBLIC)];
        if reader.may_read_restricted {
            principals.push(Term::from_field_text(f.access, RESTRICTED));
        }
        let allowed: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(principals)), 0.0));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user_query), (Occur::Must, allowed)];
        if let Some(class) = &filters.class {
            let term = Term::from_facet(f.class, &class_facet(class));
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if let Some(record_type) = &filters.record_type {
            let term = Term::from_field_text(f.record_type, record_type);
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        for (field, value) in [(f.case_state, &filters.case_state), (f.language, &filters.language)] {
            if let Some(value) = value {
                let term = Term::from_field_text(field, value);
                clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |day: Option<NaiveDate>, inclusive: bool| match day {
                None => Bound::Unbounded,
                Some(day) => {
                    let term = Term::from_field_date_for_search(f.created, day_start(day));
                    if inclusive {
                        Bound::Included(term)
                    } else {
                        Bound::Excluded(term)
                    }
                }
            };
            let to_exclusive = filters.to.and_then(|d| d.succ_opt());
            let range = RangeQuery::new(bound(filters.from, true), bound(to_exclusive, false));
            clauses.push((Occur::Must, Box::new(range)));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top_docs = TopDocs::with_limit(limit.clamp(1, 1000));
        // One pass collects the top hits, the count and the counts by top-level class.
        let mut by_class = tantivy::collector::FacetCollector::for_field("class");
        by_class.add_facet("/");
        let (top, total, counts): (Vec<(Option<f32>, DocAddress)>, usize, _) = match filters.sort {
            Sort::Relevance => {
                let (top, total, counts) = searcher.search(&query, &(top_docs.order_by_score(), Count, by_class))?;
                (
                    top.into_iter().map(|(score, address)| (Some(score), address)).collect(),
                    total,
                    counts,
                )
            }
            Sort::Newest => {
                let collector = top_docs.order_by_fast_field::<tantivy::DateTime>("created", Order::Desc);
                let (top, total, counts) = searcher.search(&query, &(collector, Count, by_class))?;
                (
                    top.into_iter().map(|(_, address)| (None, address)).collect(),
                    total,
                    counts,
                )
            }
        };
        // One snippet generator per body field, made when a hit in that language first needs it.
        let mut snippets: [Option<tantivy::snippet::SnippetGenerator>; 3] = [None, None, None];
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_owned();
            let created = doc
                .get_first(f.created)
                .and_then(|v| v.as_datetime())
                .and_then(|t| chrono::DateTime::from_timestamp(t.into_timestamp_secs(), 0))
                .map(|t| t.date_naive());
            hits.push(Hit {
                id: text_of(f.id),
                title: text_of(f.title),
                diary_number: text_of(f.diary),
                record_type: text_of(f.record_type),
                publicity: text_of(f.publicity),
                restricted: text_of(f.access) == RESTRICTED,
                created,
                score,
                snippet: {
                    // The snippet of the body field of the document's language.
                    let (slot, field) = match text_of(f.language).as_str() {
                        "sv" => (1, f.body_sv),
                        "en" => (2, f.body_en),
                        _ => (0, f.body),
                    };
                    if snippets[slot].is_none() {
                        let mut generator = tantivy::snippet::SnippetGenerator::create(&searcher, &query, field)?;
                        generator.set_max_num_chars(200);
                        snippets[slot] = Some(generator);
                    }
                    snippets[slot]
                        .as_ref()
                        .map(|g| g.snippet_from_doc(&doc).to_html())
                        .unwrap_or_default()
                },
                case_state: text_of(f.case_state),
                language: text_of(f.language),
            });
        }
        // Counts by top-level class over the same (access-filtered) query.
        let classes = counts
            .get("/")
            .map(|(facet, count)| ClassCount {
                class: facet.to_path().join(" "),
                count: count as usize,
            })
            .collect();
        Ok(SearchResults {
            analysis: analysis(),
            total,
            classes,
            hits,
        })
    }
}

/// `07 00 03` as the facet `/07/00/03`, so a filter on `/07` matches everything under it.
fn class_facet(class: &ClassCode) -> Facet {
    let path: String = class.groups().iter().map(|g| format!("/{g:02}")).collect();
    Facet::from(path.as_str())
}

/// Midnight UTC of a day as a tantivy date. tantivy keeps nanoseconds in an i64, so days are
/// clamped to 1700-01-01 ..= 2262-01-01 (a filter date beyond them selects the same records).
fn day_start(day: NaiveDate) -> tantivy::DateTime {
    let earliest = NaiveDate::from_ymd_opt(1700, 1, 1).unwrap_or(NaiveDate::MIN);
    let latest = NaiveDate::from_ymd_opt(2262, 1, 1).unwrap_or(NaiveDate::MAX);
    let day = day.clamp(earliest, latest);
    tantivy::DateTime::from_timestamp_secs(day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()))
}

/// Narrowing and ordering of a search.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// The class and everything under it.
    pub class: Option<ClassCode>,
    pub record_type: Option<String>,
    /// Registration date range, both ends inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only documents whose case is in this state (JHS 191 key, e.g. `vireilla`).
    pub case_state: Option<String>,
    /// Only documents in this language (`fi`, `sv`, `en`).
    pub language: Option<String>,
    pub sort: Sort,
}

/// A case-state filter value: the JHS 191 key of a state given by key or Finnish name.
pub fn case_state_filter(text: &str) -> Result<String, String> {
    kirjuri_registry::CaseState::parse(text).map(|state| state.key().to_owned())
}

/// A language filter value: `fi`, `sv` or `en` (the languages with their own analysis; other
/// languages are indexed as Finnish text and can be filtered by their code too).
pub fn language_filter(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_lowercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(format!("`{text}` is not a two-letter language code (fi, sv, en)"))
    }
}

/// The audit entry of a search: it shows titles of restricted records to the reader, so the
/// query, the filters and the restricted hits shown are recorded.
pub fn audit_event(
    actor: &kirjuri_registry::Actor,
    query: &str,
    filters: &Filters,
    public_only: bool,
    results: &SearchResults,
) -> kirjuri_store::AuditEvent {
    let restricted: Vec<&str> = results
        .hits
        .iter()
        .filter(|h| h.restricted)
        .map(|h| h.id.as_str())
        .collect();
    kirjuri_store::AuditEvent {
        at: actor.at,
        actor: actor.name.clone(),
        action: "search".to_owned(),
        target_kind: None,
        target_id: None,
        purpose: actor.purpose.clone(),
        detail: serde_json::json!({
            "query": query,
            "class": filters.class.as_ref().map(ToString::to_string),
            "record_type": filters.record_type,
            "from": filters.from,
            "to": filters.to,
            "case_state": filters.case_state,
            "language": filters.language,
            "public_only": public_only,
            "total": results.total,
            "restricted_hits_shown": restricted,
        }),
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first by date.
    Newest,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(tokenizer: &mut FinnishTokenizer, text: &str) -> Vec<(usize, String, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.position, t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn words_positions_and_case_forms() {
        // Snowball only (no Voikko handle), so the test is the same on every machine.
        let mut tokenizer = FinnishTokenizer::new(None, false);
        let long = "a".repeat(LONGEST_WORD + 1);
        let text = format!("Päätös, päätöksen {long} 2026 Ärrä-ölö");
        let out = tokens(&mut tokenizer, &text);
        let words: Vec<(usize, &str)> = out.iter().map(|(p, w, _, _)| (*p, w.as_str())).collect();
        // The over-long word is skipped without a position; ä and ö stay in the terms and
        // split no word; a hyphen does.
        assert_eq!(words.len(), 5, "{words:?}");
        assert_eq!(words[0].0, 0);
        assert_eq!(words[2].0, 2, "2026 follows päätöksen");
        assert!(
            words.iter().all(|(_, w)| !w.contains(['A', 'Ä', 'P'])),
            "lower-cased: {words:?}"
        );
        assert!(words[0].1.starts_with("päätö"), "{words:?}");
        assert_eq!(&text[out[0].2..out[0].3], "Päätös");
        assert_eq!((words[3].1, words[4].1), ("är", "ölö"), "Snowball stems, ä and ö kept");
        // The capitalised and the lower-case form share one analysis, and a second text
        // gets the same terms from the cache.
        let again = tokens(&mut tokenizer, "päätös PÄÄTÖS");
        assert_eq!(again[0].1, words[0].1);
        assert_eq!(again[1].1, words[0].1);
        assert_eq!(tokenizer.terms.len(), 5, "one analysis per distinct lower-case word");
    }

    #[test]
    fn the_cache_starts_afresh_at_its_limit() {
        let mut tokenizer = FinnishTokenizer::new(None, true);
        let text: String = (0..TOKEN_CACHE_LIMIT + 10).map(|n| format!("sana{n} ")).collect();
        assert_eq!(tokens(&mut tokenizer, &text).len(), TOKEN_CACHE_LIMIT + 10);
        let out = tokens(&mut tokenizer, "Sopimuksen");
        assert_eq!(out.len(), 1);
        assert_eq!(tokenizer.terms.len(), 1, "cleared before the new text");
    }
}
