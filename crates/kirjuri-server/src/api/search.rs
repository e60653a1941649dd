//! Full-text search over what the caller may read.

use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{CaseStateKey, answers};
use crate::api::{ApiResult, actor_of, reader_of, with_app};
use crate::auth::Principal;
use crate::extract::{Json, Query};
use crate::users::Permission;

/// Order of the hits: by relevance, or by the document's date, newest first.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SearchSortKey {
    Relevance,
    Date,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The query: words (all must match), "a phrase", OR, -excluded. At most 1000 characters,
    /// not only white space.
    #[param(min_length = 1, max_length = 1000, pattern = r"\S")]
    q: String,
    /// Class code; `07` matches everything under 07.
    #[param(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$")]
    class: Option<String>,
    /// Record type id of the plan, e.g. `asiakirjapyynto`.
    #[param(max_length = 200)]
    record_type: Option<String>,
    /// First day (YYYY-MM-DD), inclusive.
    from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD), inclusive; not before `from`.
    to: Option<NaiveDate>,
    /// Only documents whose case is in this state (e.g. `vireilla`, `paatetty`).
    #[param(value_type = Option<CaseStateKey>)]
    case_state: Option<String>,
    /// Only documents in this language: a two-letter code (`fi`, `sv`, `en`).
    #[param(pattern = "^[A-Za-z]{2}$")]
    language: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    #[param(value_type = Option<SearchSortKey>, inline)]
    sort: Option<String>,
    /// At most this many hits (1-200, default 20).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<usize>,
}

/// Which Finnish analysis is in use: `"Voikko"` (lemmas and compound parts), or
/// `{"Snowball": reason}` (stems only, with the reason Voikko is not in use).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub enum SearchAnalysisAnswer {
    Voikko,
    Snowball(String),
}

impl From<&kirjuri_search::Analysis> for SearchAnalysisAnswer {
    fn from(analysis: &kirjuri_search::Analysis) -> Self {
        match analysis {
            kirjuri_search::Analysis::Voikko => SearchAnalysisAnswer::Voikko,
            kirjuri_search::Analysis::Snowball(reason) => SearchAnalysisAnswer::Snowball(reason.clone()),
        }
    }
}

/// Matching documents in one top-level class (tehtäväluokka).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchClassCountAnswer {
    /// Top-level class code, e.g. `07`.
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$", example = "07")]
    pub class: String,
    pub count: usize,
}

impl From<&kirjuri_search::ClassCount> for SearchClassCountAnswer {
    fn from(count: &kirjuri_search::ClassCount) -> Self {
        SearchClassCountAnswer {
            class: count.class.clone(),
            count: count.count,
        }
    }
}

/// One matching document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHitAnswer {
    /// Document id.
    pub id: String,
    pub title: String,
    pub diary_number: String,
    /// Record type id of the plan.
    pub record_type: String,
    /// Publicity class key (`public`, `partly-secret` …), or `unknown` when the record has none.
    pub publicity: String,
    /// Not public: the reader was allowed restricted records.
    pub restricted: bool,
    /// The document's date.
    pub created: Option<NaiveDate>,
    /// BM25 relevance; `null` when sorted by date.
    pub score: Option<f32>,
    /// HTML with `<b>` around matched terms (the text escaped).
    pub snippet: String,
    /// The state of the document's case (a case state key).
    pub case_state: String,
    /// Language code of the document.
    pub language: String,
}

impl From<&kirjuri_search::Hit> for SearchHitAnswer {
    fn from(hit: &kirjuri_search::Hit) -> Self {
        SearchHitAnswer {
            id: hit.id.clone(),
            title: hit.title.clone(),
            diary_number: hit.diary_number.clone(),
            record_type: hit.record_type.clone(),
            publicity: hit.publicity.clone(),
            restricted: hit.restricted,
            created: hit.created,
            score: hit.score,
            snippet: hit.snippet.clone(),
            case_state: hit.case_state.clone(),
            language: hit.language.clone(),
        }
    }
}

/// Search results: only what the caller may read is counted, listed and shown in snippets.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchAnswer {
    pub analysis: SearchAnalysisAnswer,
    /// Every matching document the caller may read (the hits are the first `limit`).
    pub total: usize,
    /// Matching documents per top-level class, counted like `total`.
    pub classes: Vec<SearchClassCountAnswer>,
    pub hits: Vec<SearchHitAnswer>,
}

impl From<&kirjuri_search::SearchResults> for SearchAnswer {
    fn from(results: &kirjuri_search::SearchResults) -> Self {
        SearchAnswer {
            analysis: (&results.analysis).into(),
            total: results.total,
            classes: answers(&results.classes),
            hits: answers(&results.hits),
        }
    }
}

/// Full-text search. Hits, counts and snippets only ever cover what the caller may read;
/// the search is audited.
#[utoipa::path(get, path = "/search", tag = "search", params(SearchQuery),
    responses((status = 200, description = "Hits with highlighted snippets", body = SearchAnswer)))]
pub async fn search(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<SearchAnswer>> {
    principal.require(Permission::ReadPublicDocuments)?;
    let filters = kirjuri_app::FilterInput {
        class: query.class.as_deref(),
        record_type: query.record_type.as_deref(),
        from: query.from,
        to: query.to,
        case_state: query.case_state.as_deref(),
        language: query.language.as_deref(),
        sort: query.sort.as_deref(),
    }
    .parse()?;
    // The empty query and the limit are checked once, in `App::search`.
    let limit = query.limit.unwrap_or(20);
    let reader = reader_of(&principal);
    let actor = actor_of(&principal);
    let text = query.q;
    with_app(&state, move |app| {
        let results = app.search(&text, &reader, &filters, limit, &actor)?;
        Ok(Json(SearchAnswer::from(&results)))
    })
    .await
}
