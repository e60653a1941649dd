//! `kirjuri search` and `kirjuri reindex`: full-text search from the command line.

use std::path::Path;

use kirjuri_plan::ClassCode;
use kirjuri_search::{Reader, SearchError, SearchIndex};
use kirjuri_store::AuditEvent;

use crate::data::{cli_actor, open_store};
use crate::exit::{CmdResult, bad_input, failed};

fn open_index(data: &Path) -> Result<SearchIndex, crate::exit::Failure> {
    SearchIndex::open(&data.join("index")).map_err(failed)
}

pub fn search(data: &Path, query: &str, class: Option<&str>, limit: usize, public_only: bool, json: bool) -> CmdResult {
    if !data.join("db").exists() {
        return Err(bad_input(format!("{} holds no Kirjuri database", data.display())));
    }
    let class = class
        .map(|c| ClassCode::parse(c).map_err(|e| bad_input(format!("--class: {e}"))))
        .transpose()?;
    let store = open_store(data)?;
    let index = open_index(data)?;
    index.catch_up(&store).map_err(failed)?;
    let reader = Reader {
        may_read_restricted: !public_only,
    };
    let results = index
        .search(query, reader, class.as_ref(), limit)
        .map_err(|e| match e {
            SearchError::Query(error) => bad_input(format!("query `{query}`: {error}")),
            other => failed(other),
        })?;
    // The search itself is audited: it shows titles of restricted records to the reader.
    let actor = cli_actor(None);
    let restricted: Vec<&str> = results
        .hits
        .iter()
        .filter(|h| h.restricted)
        .map(|h| h.id.as_str())
        .collect();
    store
        .audit(&AuditEvent {
            at: actor.at,
            actor: actor.name.clone(),
            action: "search".to_owned(),
            target_kind: None,
            target_id: None,
            purpose: actor.purpose.clone(),
            detail: serde_json::json!({
                "query": query,
                "class": class.as_ref().map(ToString::to_string),
                "public_only": public_only,
                "total": results.total,
                "restricted_hits_shown": restricted,
            }),
        })
        .map_err(failed)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&results).map_err(failed)?);
        return Ok(());
    }
    for hit in &results.hits {
        println!(
            "{:<24} {:<10} {}  [{}]",
            hit.diary_number, hit.publicity, hit.title, hit.id
        );
        let snippet = hit.snippet.replace("<b>", "*").replace("</b>", "*");
        if !snippet.trim().is_empty() {
            println!("    {}", snippet.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    eprintln!("{} of {} matching documents", results.hits.len(), results.total);
    Ok(())
}

pub fn reindex(data: &Path) -> CmdResult {
    if !data.join("db").exists() {
        return Err(bad_input(format!("{} holds no Kirjuri database", data.display())));
    }
    let store = open_store(data)?;
    let index = open_index(data)?;
    let started = std::time::Instant::now();
    let mut bar = None;
    let count = index
        .rebuild(&store, &mut |done, total| {
            let bar = bar.get_or_insert_with(|| crate::registry_cmd::progress_bar(total));
            if let Some(bar) = bar {
                bar.set_position(done as u64);
            }
        })
        .map_err(failed)?;
    if let Some(Some(bar)) = bar {
        bar.finish_and_clear();
    }
    eprintln!(
        "search index rebuilt: {count} documents in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
