//! `kirjuri search` and `kirjuri reindex`: full-text search from the command line.

use std::path::Path;

use chrono::NaiveDate;
use clap::Args;
use kirjuri_search::{Filters, Reader, SearchError, SearchIndex};

use crate::data::{cli_actor, open_existing_store};
use crate::exit::{CmdResult, Failure, bad_input, failed};

fn open_index(data: &Path) -> Result<SearchIndex, Failure> {
    SearchIndex::open(&data.join("index")).map_err(failed)
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words, "phrases", AND / OR / -exclusion; `title:word` limits to a field.
    pub query: String,
    /// Only documents of this class (and its subclasses), e.g. `07 01`.
    #[arg(long)]
    pub class: Option<String>,
    /// Only documents of this record type (asiakirjatyyppi), e.g. `viranhaltijapaatos`.
    #[arg(long)]
    pub record_type: Option<String>,
    /// Documents dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Documents dated on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Only documents whose case is in this state, e.g. `vireilla` or `Päätetty`.
    #[arg(long)]
    pub state: Option<String>,
    /// Only documents in this language: fi, sv or en.
    #[arg(long)]
    pub language: Option<String>,
    /// relevance (default) or date (newest first).
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Search as a user without the right to read restricted records.
    #[arg(long)]
    pub public_only: bool,
    /// Purpose of use (käyttötarkoitus), recorded with the search in the audit trail.
    #[arg(long)]
    pub purpose: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(data: &Path, args: SearchArgs) -> CmdResult {
    let filters = filters(FilterFlags {
        class: args.class.as_deref(),
        record_type: args.record_type.as_deref(),
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        state: args.state.as_deref(),
        language: args.language.as_deref(),
        sort: &args.sort,
    })?;
    let reader = SearchAs {
        public_only: args.public_only,
        purpose: args.purpose.as_deref(),
    };
    search(data, &args.query, &filters, args.limit, reader, args.json)
}

/// The search flags as given on the command line.
struct FilterFlags<'a> {
    pub class: Option<&'a str>,
    pub record_type: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub state: Option<&'a str>,
    pub language: Option<&'a str>,
    pub sort: &'a str,
}

/// The search filters from the command line's flags: the dates are read here (with their flag
/// named), everything else is checked once, by the application layer, for every front end.
fn filters(flags: FilterFlags<'_>) -> Result<Filters, Failure> {
    let day = |flag: &str, text: Option<&str>| -> Result<Option<NaiveDate>, Failure> {
        text.map(|t| {
            NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                .map_err(|_| bad_input(format!("{flag} `{t}` is not a date (YYYY-MM-DD)")))
        })
        .transpose()
    };
    kirjuri_app::FilterInput {
        class: flags.class,
        record_type: flags.record_type,
        from: day("--from", flags.from)?,
        to: day("--to", flags.to)?,
        case_state: flags.state,
        language: flags.language,
        sort: Some(flags.sort),
    }
    .parse()
    .map_err(crate::data::app_failure)
}

/// Who searches from the command line: with or without the right to restricted records, and
/// the purpose recorded in the audit entry.
struct SearchAs<'a> {
    pub public_only: bool,
    pub purpose: Option<&'a str>,
}

fn search(data: &Path, query: &str, filters: &Filters, limit: usize, searcher: SearchAs<'_>, json: bool) -> CmdResult {
    let app = crate::data::open_existing_app(data)?;
    // The search is audited: it shows titles of restricted records to the reader.
    let actor = cli_actor(searcher.purpose);
    let reader = if searcher.public_only {
        Reader::public_only(actor.name.clone())
    } else {
        Reader::city_wide(actor.name.clone())
    };
    let results = app
        .search(query, &reader, filters, limit, &actor)
        .map_err(|error| match error {
            kirjuri_app::AppError::Search(SearchError::Query(error)) => bad_input(format!("query `{query}`: {error}")),
            other => crate::data::app_failure(other),
        })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&results).map_err(failed)?);
        return Ok(());
    }
    for hit in &results.hits {
        let date = hit.created.map(|d| d.to_string()).unwrap_or_default();
        println!(
            "{:<24} {date:<10} {:<13} {}  [{}]",
            hit.diary_number, hit.publicity, hit.title, hit.id
        );
        let snippet = hit.snippet.replace("<b>", "*").replace("</b>", "*");
        if !snippet.trim().is_empty() {
            println!("    {}", snippet.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    eprintln!("{} of {} matching documents", results.hits.len(), results.total);
    if !results.classes.is_empty() {
        let counts: Vec<String> = results
            .classes
            .iter()
            .map(|c| format!("{} ({})", c.class, c.count))
            .collect();
        eprintln!("by class: {}", counts.join(", "));
    }
    if let kirjuri_search::Analysis::Snowball(reason) = &results.analysis {
        eprintln!("note: Finnish search uses the Snowball stemmer, not Voikko: {reason}");
    }
    Ok(())
}

pub fn reindex(data: &Path) -> CmdResult {
    let app = crate::data::open_existing_app(data)?;
    let index = app.search_index().map_err(crate::data::app_failure)?;
    let started = std::time::Instant::now();
    let count = with_progress(|progress| index.rebuild(app.store(), progress)).map_err(failed)?;
    eprintln!(
        "search index rebuilt: {count} documents in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A progress bar over (done, total) callbacks, drawn only on a terminal.
fn with_progress<T>(work: impl FnOnce(&mut dyn FnMut(usize, usize)) -> T) -> T {
    let mut bar = None;
    let result = work(&mut |done, total| {
        let bar = bar.get_or_insert_with(|| crate::registry_cmd::progress_bar(total));
        if let Some(bar) = bar {
            bar.set_position(done as u64);
        }
    });
    if let Some(Some(bar)) = bar {
        bar.finish_and_clear();
    }
    result
}

#[derive(Args, Debug)]
pub struct OcrArgs {
    /// At most this many files in this run.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
}

pub fn ocr(data: &Path, limit: usize) -> CmdResult {
    let app = crate::data::open_existing_app(data)?;
    if let Err(reason) = kirjuri_extract::ocr::availability() {
        return Err(failed(format!(
            "{reason}; install tesseract-ocr, tesseract-ocr-fin and tesseract-ocr-swe (and poppler-utils for scanned PDFs)"
        )));
    }
    let started = std::time::Instant::now();
    let run = with_progress(|progress| app.ocr_pass(limit, progress)).map_err(crate::data::app_failure)?;
    eprintln!(
        "OCR: examined {} files: {} recognised, {} failed, {} had text already; {} still waiting; in {:.1} s; search index up to date",
        run.examined,
        run.recognised,
        run.failed,
        run.not_needed,
        run.waiting,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    #[arg(long)]
    pub json: bool,
}

pub fn status(data: &Path, json: bool) -> CmdResult {
    let store = open_existing_store(data)?;
    let index = open_index(data)?;
    let last_change = store.last_change().map_err(failed)?;
    let (applied, built_with) = index.applied_seq().map_err(failed)?;
    let stats = index.stats().map_err(failed)?;
    let count = |kind: &str| store.count(kind).map_err(failed);
    let analysis = kirjuri_search::analysis();
    let ocr = kirjuri_extract::ocr::availability();
    let waiting = match &ocr {
        Ok(_) => kirjuri_search::ocr::pending(&store).map_err(failed)?.len(),
        Err(_) => 0,
    };
    let key = kirjuri_archive::keys::public_text(data)
        .ok()
        .and_then(|text| kirjuri_archive::keys::read_public(&text).ok())
        .and_then(|key| kirjuri_archive::keys::key_id(&key).ok());
    let report = serde_json::json!({
        "data_folder": data.display().to_string(),
        "cases": count(kirjuri_registry::CASE)?,
        "documents": count(kirjuri_registry::DOCUMENT)?,
        "last_change": last_change,
        "search_index": {
            "applied_change": applied,
            "behind_by": last_change.saturating_sub(applied),
            "built_with": built_with,
            "documents": stats.documents,
            "deleted_in_files": stats.deleted_in_files,
            "segments": stats.segments,
        },
        "finnish_analysis": analysis,
        "ocr": match &ocr {
            Ok(languages) => serde_json::json!({ "available": true, "languages": languages, "waiting": waiting }),
            Err(reason) => serde_json::json!({ "available": false, "reason": reason }),
        },
        "signing_key": key,
    });
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
        return Ok(());
    }
    println!("Data folder (tietokansio): {}", data.display());
    println!("Cases / documents: {} / {}", report["cases"], report["documents"]);
    println!(
        "Search index: change {applied} of {last_change}{}",
        if applied >= last_change {
            " (up to date)"
        } else {
            " (catches up on the next search or start)"
        }
    );
    println!(
        "Search index: {} documents in {} segments, {} deleted still in files",
        stats.documents, stats.segments, stats.deleted_in_files
    );
    match &analysis {
        kirjuri_search::Analysis::Voikko => println!("Finnish analysis: Voikko (lemmas and compound parts)"),
        kirjuri_search::Analysis::Snowball(reason) => {
            println!("Finnish analysis: Snowball stemmer, not Voikko: {reason}");
        }
    }
    match &ocr {
        Ok(languages) => println!("OCR: Tesseract ({languages}), {waiting} scanned files waiting"),
        Err(reason) => println!("OCR: {reason}"),
    }
    match key {
        Some(id) => println!("Archive signing key: {id}"),
        None => println!("Archive signing key: none (kirjuri keys init)"),
    }
    Ok(())
}
