//! Full-text search over what the caller may read.

use axum::extract::State;
use chrono::NaiveDate;
use kirjuri_search::Reader;
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::api::{ApiResult, actor_of, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The query: words (all must match), "a phrase", OR, -excluded.
    q: String,
    /// Class code; `07` matches everything under 07.
    class: Option<String>,
    record_type: Option<String>,
    /// First day (YYYY-MM-DD), inclusive.
    from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD), inclusive.
    to: Option<NaiveDate>,
    /// Only documents whose case is in this state (e.g. `vireilla`, `paatetty`).
    case_state: Option<String>,
    /// Only documents in this language (`fi`, `sv`, `en`).
    language: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    sort: Option<String>,
    /// At most this many hits (1-200, default 20).
    limit: Option<usize>,
}

/// Full-text search. Hits, counts and snippets only ever cover what the caller may read;
/// the search is audited.
#[utoipa::path(get, path = "/search", tag = "search", params(SearchQuery),
    responses((status = 200, description = "Hits with highlighted snippets", body = Object)))]
pub async fn search(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadPublicDocuments)?;
    if query.q.trim().is_empty() {
        return Err(ApiError::bad_request("q: the query is empty"));
    }
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
    let limit = query.limit.unwrap_or(20);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_request("limit must be 1-200"));
    }
    let reader = Reader {
        may_read_restricted: principal.may(Permission::ReadRestrictedDocuments),
    };
    let actor = actor_of(&principal);
    let text = query.q;
    with_app(&state, move |app| {
        let results = app.search(&text, reader, &filters, limit, &actor)?;
        Ok(Json(
            serde_json::to_value(&results).map_err(|e| ApiError::Internal(e.to_string()))?,
        ))
    })
    .await
}
