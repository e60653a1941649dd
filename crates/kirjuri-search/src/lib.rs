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
//!
//! Where things are:
//! - `schema`: the fields of an index document and how values are written into them.
//! - `analysis`: the Finnish (Voikko or Snowball), Swedish and English analyzers.
//! - `text`: what text a document contributes (`document_text`, `TextStatus`).
//! - `index`: the index life cycle: open, catch-up, rebuild, stats (`SearchIndex`).
//! - `query`: search, filters, results, snippets and the audit event of a search.
//! - `ocr`: the OCR worker's queue and stored results; `voikko`: the libvoikko binding.

mod analysis;
mod index;
pub mod ocr;
mod query;
mod schema;
mod text;
mod voikko;

pub use analysis::{Analysis, FINNISH, analysis};
pub use index::{IndexStats, SearchError, SearchIndex, SearchResult};
pub use query::{
    ClassCount, Filters, Hit, Reader, SearchResults, Sort, audit_event, case_state_filter, language_filter,
};
pub use text::{TextStatus, document_text};
pub use voikko::Voikko;
