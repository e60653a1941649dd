//! Queries: searching the index for a reader (access applied inside the query, so hits, counts
//! and snippets never reveal what the reader may not see), the filters and sort order, the
//! results with their snippets and class counts, and the audit event of a search.

use std::ops::Bound;

use chrono::NaiveDate;
use kirjuri_plan::ClassCode;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Order, TantivyDocument, Term};

use crate::analysis::{Analysis, analysis};
use crate::index::{SearchIndex, SearchResult};
use crate::schema::{PUBLIC, class_facet, day_start, reader_principals};

/// Who is reading: the registry's reader (name and reach), so the index applies the same
/// rule as case pages and document reads.
pub use kirjuri_registry::Reader;

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
    /// Searches titles, bodies and parties; only records the reader may see are considered, so
    /// the count, the hits and the snippets agree with the reader's rights.
    pub fn search(&self, text: &str, reader: &Reader, filters: &Filters, limit: usize) -> SearchResult<SearchResults> {
        let f = self.fields;
        let parser = QueryParser::new(
            self.index.schema(),
            vec![f.title, f.body, f.body_sv, f.body_en, f.parties],
            self.query_tokenizers.clone(),
        );
        let user_query = parser.parse_query(text)?;
        let principals: Vec<Term> = reader_principals(reader)
            .iter()
            .map(|principal| Term::from_field_text(f.access, principal))
            .collect();
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
                restricted: !doc.get_all(f.access).any(|v| v.as_str() == Some(PUBLIC)),
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
