//! `kirjuri check`, `backup`, `restore` and `audit …`: what operators run.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use kirjuri_registry::Registry;

use crate::data::{load_config, open_existing_store, open_store, plan_catalog, write_file_durably};
use crate::exit::{CmdResult, Failure, bad_input, failed};

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[arg(long)]
    pub json: bool,
    /// Remove content files that no record refers to (and say which).
    #[arg(long)]
    pub repair: bool,
}

pub fn check(data: &Path, json: bool, repair: bool) -> CmdResult {
    let store = open_existing_store(data)?;
    let config = load_config(data)?.registry();
    let plans = plan_catalog(&store)?;
    let registry = Registry {
        store: &store,
        plans: &plans,
        config: &config,
    };
    let mut report = registry.check().map_err(failed)?;
    // Every record kind that refers to content says so; content none of them names is an
    // orphan. This process holds the data folder alone (sled's lock), so no upload is in
    // flight whose record is not yet committed.
    let mut referenced = registry.content_references().map_err(failed)?;
    referenced.extend(kirjuri_search::ocr::content_references(&store).map_err(failed)?);
    if repair {
        store
            .remove_unreferenced_content(&mut report, &referenced)
            .map_err(failed)?;
    } else {
        store
            .report_unreferenced_content(&mut report, &referenced)
            .map_err(failed)?;
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
    } else {
        for problem in &report.problems {
            println!("{}: {}", problem.area, problem.detail);
        }
        for orphan in &report.unreferenced_content {
            println!(
                "orphan: content {} ({} bytes) is referred to by no record; `kirjuri check --repair` removes it",
                orphan.sha256, orphan.size
            );
        }
        for removed in &report.removed_content {
            println!(
                "removed: content {} ({} bytes) was referred to by no record",
                removed.sha256, removed.size
            );
        }
        println!(
            "{} records, {} index entries, {} changes, {} audit entries, {} content files checked: {}",
            report.records,
            report.index_entries,
            report.changes,
            report.audit_entries,
            report.blobs,
            match (report.problems.len(), report.unreferenced_content.len()) {
                (0, 0) => "ok".to_owned(),
                (0, orphans) => format!("ok; {orphans} content files no record refers to"),
                (problems, _) => format!("{problems} problems"),
            }
        );
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported(1))
    }
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    #[arg(long)]
    pub out: PathBuf,
}

pub fn backup(data: &Path, out: &Path) -> CmdResult {
    let store = open_existing_store(data)?;
    let summary = kirjuri_store::backup(&store, out).map_err(failed)?;
    // The settings file travels next to the database.
    let records: u64 = summary.entries_per_tree.iter().map(|(_, n)| n).sum();
    eprintln!(
        "backup written to {}: {records} database entries, {} content files ({} bytes)",
        out.display(),
        summary.blobs,
        summary.blob_bytes
    );
    Ok(())
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    pub file: PathBuf,
}

pub fn restore(data: &Path, file: &Path) -> CmdResult {
    if !file.is_file() {
        return Err(bad_input(format!("{}: no such backup file", file.display())));
    }
    // Everything happens in a staging folder next to `data`; the data folder is touched only
    // by the final rename, after the checks passed, so a rejected restore leaves it as it was.
    let staged = kirjuri_store::restore_staged(file, data).map_err(|e| match e {
        kirjuri_store::StoreError::Conflict(message) => bad_input(message),
        other => failed(other),
    })?;
    let report = {
        let config = load_config(staged.path())?.registry();
        let store = open_store(staged.path())?;
        let plans = plan_catalog(&store)?;
        Registry {
            store: &store,
            plans: &plans,
            config: &config,
        }
        .check()
        .map_err(failed)?
    };
    if !report.problems.is_empty() {
        for problem in &report.problems {
            eprintln!("{}: {}", problem.area, problem.detail);
        }
        return Err(failed(format!(
            "the backup does not pass `kirjuri check`; {} was left as it was",
            data.display()
        )));
    }
    let summary = staged.commit().map_err(failed)?;
    eprintln!(
        "restored {} content files into {}; check passed",
        summary.blobs,
        data.display()
    );
    Ok(())
}

fn parse_bound(flag: &str, text: &str, end_of_day: bool) -> Result<DateTime<Utc>, Failure> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| bad_input(format!("{flag} `{text}` is not a date (YYYY-MM-DD) or RFC 3339 time")))?;
    let day = if end_of_day {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    use chrono::TimeZone;
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            bad_input(format!(
                "{flag} `{text}`: midnight does not exist in Europe/Helsinki on that day"
            ))
        })
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the hash chain; names the first altered, removed or reordered entry.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Export entries as JSON Lines, optionally within a time window (RFC 3339 or YYYY-MM-DD).
    Export {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn audit(data: &Path, command: AuditCommand) -> CmdResult {
    let store = open_store(data)?;
    match command {
        AuditCommand::Verify { json } => {
            let report = store.verify_audit().map_err(failed)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
            } else {
                match &report.first_break {
                    None => println!("audit chain ok: {} entries", report.entries),
                    Some(chain_break) => println!(
                        "audit chain broken at entry {}: {}",
                        chain_break.seq, chain_break.problem
                    ),
                }
            }
            if report.first_break.is_some() {
                Err(Failure::Reported(1))
            } else {
                Ok(())
            }
        }
        AuditCommand::Export { from, to, out } => {
            let from = from.as_deref().map(|f| parse_bound("--from", f, false)).transpose()?;
            let to = to.as_deref().map(|t| parse_bound("--to", t, true)).transpose()?;
            let mut lines = Vec::new();
            for entry in store.audit_entries() {
                let entry = entry.map_err(failed)?;
                if from.is_some_and(|f| entry.at < f) || to.is_some_and(|t| entry.at >= t) {
                    continue;
                }
                lines.push(serde_json::to_string(&entry).map_err(failed)?);
            }
            let mut text = lines.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            match out {
                Some(path) => write_file_durably(&path, text.as_bytes())?,
                None => std::io::stdout().write_all(text.as_bytes()).map_err(failed)?,
            }
            eprintln!("{} audit entries", lines.len());
            Ok(())
        }
    }
}
