//! The search page (`/ui/search`): full-text search over documents, narrowed by class, with
//! hit counts by class and snippets.

use axum::extract::State;
use kirjuri_search::Filters;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::messages as m;
use super::{UiUser, page};
use crate::AppState;
use crate::api::{ApiResult, actor_of, with_app};
use crate::error::ApiError;
use crate::extract::Query;

#[derive(Deserialize)]
pub(super) struct SearchForm {
    #[serde(default)]
    q: String,
    class: Option<String>,
}

pub(super) async fn search_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(form): Query<SearchForm>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let class_text = form.class.clone().filter(|c| !c.trim().is_empty());
    let results = if form.q.trim().is_empty() {
        None
    } else {
        let filters = Filters {
            class: class_text
                .as_deref()
                .map(kirjuri_plan::ClassCode::parse)
                .transpose()
                .map_err(|e| ApiError::bad_request(format!("class: {e}")))?,
            ..Filters::default()
        };
        let reader = crate::api::reader_of(&user.principal());
        let actor = actor_of(&user.principal());
        let text = form.q.clone();
        Some(with_app(&state, move |app| Ok(app.search(&text, &reader, &filters, 50, &actor)?)).await?)
    };
    let body = html! {
        form.filters method="get" action="/ui/search" {
            fieldset {
                legend { (lang.t(m::SEARCH_DOCUMENTS)) }
                div.field {
                    label for="q" { (lang.t(m::SEARCH_WORDS)) }
                    input id="q" name="q" type="search" value=(form.q) size="40" placeholder=(lang.t(m::E_G_SOPIMUS));
                }
                div.field {
                    label for="search-class" { (lang.t(m::CLASS_2)) }
                    input id="search-class" name="class" value=(class_text.unwrap_or_default()) size="10" placeholder=(lang.t(m::CLASS_E_G_07));
                }
                button { (lang.t(m::SEARCH_2)) }
            }
        }
        @if let Some(results) = &results {
            p { (results.total) " " (lang.t(m::HITS)) }
            @if !results.classes.is_empty() {
                p.muted {
                    (lang.t(m::BY_CLASS))
                    @for (n, count) in results.classes.iter().enumerate() {
                        @if n > 0 { ", " }
                        a href=(format!("/ui/search?q={}&class={}", urlencode(&form.q), count.class)) { (count.class) } " (" (count.count) ")"
                    }
                }
            }
            @if let kirjuri_search::Analysis::Snowball(reason) = &results.analysis {
                p.muted { (lang.t(m::SEARCH_USES_THE_SNOWBALL_STEMMER_NO)) (reason) }
            }
            div.scroll tabindex="0" {
                table {
                    @for hit in &results.hits {
                        tr {
                            td { (hit.diary_number) br; span.muted { (hit.created.map(|d| super::words::day(lang, d)).unwrap_or_default()) } }
                            td {
                                // The document opens (a restricted one through the purpose form).
                                strong { a href=(format!("/ui/documents/{}/open", hit.id)) { (hit.title) } } " " span.muted { "(" (super::words::publicity_key(&hit.publicity).in_lang(lang)) ")" }
                                // tantivy escapes the text of snippets and adds only <b> tags.
                                br; (PreEscaped(&hit.snippet))
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::SEARCH), body))
}

/// A query-string value, percent-encoded.
pub(super) fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}
