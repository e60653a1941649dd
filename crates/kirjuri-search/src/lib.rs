//! Full-text search over records: the schema, the Finnish analyzer, catching up from the
//! store's change log, and access-filtered queries.
//!
//! Derived data only. Everything under `<data>/index/` can be deleted and rebuilt from the
//! store (`kirjuri reindex`), so nothing here is the only copy of anything. Each commit stores
//! the last applied change-log sequence number, and opening the index replays what came after.
//! The caller says what the reader may see; this crate never decides who may read a record,
//! but it applies that decision inside the query, so hits, counts and snippets never reveal a
//! record the reader may not see. A destroyed record leaves the results at the next catch-up;
//! its text leaves the segment files at the next merge or rebuild (`kirjuri disposal execute`
//! rebuilds the index when it destroyed anything).
//!
//! Current analysis: the Snowball Finnish stemmer, with no ASCII folding (ä and ö matter).
//! Lemmatisation and compound splitting with Voikko are still to come.

use std::ops::Bound;
use std::path::Path;

use chrono::NaiveDate;

use kirjuri_plan::{ClassCode, PublicityClass};
use kirjuri_registry::{DOCUMENT, Document};
use kirjuri_store::{ChangeOp, Store};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::RangeQuery;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

/// The analyzer of Finnish text fields.
pub const FINNISH: &str = "kirjuri_fi";
/// Principal of public records; restricted ones carry `restricted`.
const PUBLIC: &str = "public";
const RESTRICTED: &str = "restricted";
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
    body: Field,
    diary: Field,
    class: Field,
    record_type: Field,
    publicity: Field,
    access: Field,
    parties: Field,
    created: Field,
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
        diary: builder.add_text_field("diary", STRING | STORED),
        class: builder.add_facet_field("class", FacetOptions::default()),
        record_type: builder.add_text_field("record_type", STRING | STORED),
        publicity: builder.add_text_field("publicity", STRING | STORED),
        access: builder.add_text_field("access", STRING | STORED),
        parties: builder.add_text_field("parties", finnish),
        created: builder.add_date_field("created", INDEXED | FAST | STORED),
    };
    (builder.build(), fields)
}

fn finnish_analyzer() -> TextAnalyzer {
    // No AsciiFoldingFilter before the stemmer: its rules depend on ä and ö.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Finnish))
        .build()
}

/// The index of one data folder.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// Why a document's text is (not) in the index.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub enum TextStatus {
    Indexed,
    /// Not indexed, with the reason shown to users.
    NotIndexed(String),
}

/// Whether a document's text can be indexed, judged from its metadata (the title and parties
/// are always indexed).
pub fn text_status(document: &Document) -> TextStatus {
    match &document.content {
        None => TextStatus::NotIndexed("paper record".to_owned()),
        Some(content) if !matches!(content.media_type.as_str(), "text/plain" | "text/markdown" | "text/csv") => {
            TextStatus::NotIndexed(format!(
                "text extraction for {} is not available yet",
                content.media_type
            ))
        }
        Some(_) => TextStatus::Indexed,
    }
}

/// Reads the text of a document's content for indexing: plain text and Markdown today.
pub fn document_text(store: &Store, document: &Document) -> (String, TextStatus) {
    let status = text_status(document);
    let (Some(content), TextStatus::Indexed) = (&document.content, &status) else {
        return (String::new(), status);
    };
    match store.blobs().read_verified(&content.sha256) {
        Ok(mut bytes) => {
            bytes.truncate(MAX_BODY_BYTES);
            (String::from_utf8_lossy(&bytes).into_owned(), TextStatus::Indexed)
        }
        Err(error) => (String::new(), TextStatus::NotIndexed(error.to_string())),
    }
}

/// Who is reading: whether restricted (non-public) records are visible to them.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub may_read_restricted: bool,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    /// Opens (or creates) the index in `dir`.
    pub fn open(dir: &Path) -> SearchResult<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Io(dir.display().to_string(), e))?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| SearchError::Index(e.into()))?;
        let index = Index::open_or_create(directory, schema)?;
        index.tokenizers().register(FINNISH, finnish_analyzer());
        // Manual reload: after a commit we reload, so a search sees its own writes.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, fields })
    }

    /// The change-log sequence number the index has applied.
    pub fn applied_seq(&self) -> SearchResult<u64> {
        Ok(self
            .index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    fn writer(&self) -> SearchResult<IndexWriter> {
        Ok(self.index.writer(50_000_000)?)
    }

    fn to_document(&self, store: &Store, document: &Document) -> TantivyDocument {
        let f = self.fields;
        let (body, _) = document_text(store, document);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &document.id);
        doc.add_text(f.title, &document.title);
        doc.add_text(f.body, &body);
        doc.add_text(f.diary, document.diary_number.to_string());
        let path: String = document.class.groups().iter().map(|g| format!("/{g:02}")).collect();
        doc.add_facet(f.class, Facet::from(path.as_str()));
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
    pub fn catch_up(&self, store: &Store) -> SearchResult<usize> {
        let from = self.applied_seq()?;
        let changes = store.changes_since(from)?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(0);
        };
        let mut writer = self.writer()?;
        for change in changes.iter().filter(|c| c.kind == DOCUMENT) {
            // An update is a delete of the id plus an add, in one commit.
            writer.delete_term(Term::from_field_text(self.fields.id, &change.id));
            if change.op == ChangeOp::Put
                && let Some(document) = store.get::<Document>(DOCUMENT, &change.id)?
            {
                writer.add_document(self.to_document(store, &document))?;
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&last.to_string());
        commit.commit()?;
        self.reader.reload()?;
        Ok(changes.len())
    }

    /// Rebuilds the index from the store, reporting progress as (done, total).
    pub fn rebuild(&self, store: &Store, progress: &mut dyn FnMut(usize, usize)) -> SearchResult<usize> {
        let documents: Vec<Document> = store.list(DOCUMENT)?;
        let last = store.last_change()?;
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        for (n, document) in documents.iter().enumerate() {
            writer.add_document(self.to_document(store, document))?;
            progress(n + 1, documents.len());
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&last.to_string());
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
        let parser = QueryParser::for_index(&self.index, vec![f.title, f.body, f.parties]);
        let user_query = parser.parse_query(text)?;
        let mut principals = vec![Term::from_field_text(f.access, PUBLIC)];
        if reader.may_read_restricted {
            principals.push(Term::from_field_text(f.access, RESTRICTED));
        }
        let allowed: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(principals)), 0.0));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user_query), (Occur::Must, allowed)];
        if let Some(class) = &filters.class {
            let path: String = class.groups().iter().map(|g| format!("/{g:02}")).collect();
            let term = Term::from_facet(f.class, &Facet::from(path.as_str()));
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if let Some(record_type) = &filters.record_type {
            let term = Term::from_field_text(f.record_type, record_type);
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
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
        let (top, total): (Vec<(Option<f32>, DocAddress)>, usize) = match filters.sort {
            Sort::Relevance => {
                let (top, total) = searcher.search(&query, &(top_docs.order_by_score(), Count))?;
                (
                    top.into_iter().map(|(score, address)| (Some(score), address)).collect(),
                    total,
                )
            }
            Sort::Newest => {
                let collector = top_docs.order_by_fast_field::<tantivy::DateTime>("created", Order::Desc);
                let (top, total) = searcher.search(&query, &(collector, Count))?;
                (top.into_iter().map(|(_, address)| (None, address)).collect(), total)
            }
        };
        let mut snippets = tantivy::snippet::SnippetGenerator::create(&searcher, &query, f.body)?;
        snippets.set_max_num_chars(200);
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
                snippet: snippets.snippet_from_doc(&doc).to_html(),
            });
        }
        Ok(SearchResults { total, hits })
    }
}

fn day_start(day: NaiveDate) -> tantivy::DateTime {
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
    pub sort: Sort,
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first by date.
    Newest,
}
