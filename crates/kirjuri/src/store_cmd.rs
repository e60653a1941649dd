//! `kirjuri disk-use`: how much disk the data folder takes, against what it holds.

use std::path::Path;

use clap::Args;
use kirjuri_store::{folder_use, ratio};

use crate::data::open_existing_store;
use crate::exit::{CmdResult, failed};

#[derive(Args, Debug)]
pub struct DiskUseArgs {
    #[arg(long)]
    pub json: bool,
}

/// Reads every database tree once; a big database takes a few seconds per million entries.
pub fn disk_use(data: &Path, json: bool) -> CmdResult {
    let store = open_existing_store(data)?;
    let used = store.disk_use().map_err(failed)?;
    let index = folder_use(&data.join("index")).map_err(failed)?;
    if json {
        let mut report = serde_json::to_value(&used).map_err(failed)?;
        report["index"] = serde_json::to_value(index).map_err(failed)?;
        report["db_per_logical_byte"] = serde_json::json!(used.db_per_logical_byte());
        println!("{}", serde_json::to_string_pretty(&report).map_err(failed)?);
        return Ok(());
    }
    let mib = |bytes: u64| bytes as f64 / 1024.0 / 1024.0;
    println!("{:<16} {:>10} {:>10} {:>10}", "tree", "entries", "key MiB", "value MiB");
    for tree in &used.trees {
        println!(
            "{:<16} {:>10} {:>10.1} {:>10.1}",
            tree.name,
            tree.entries,
            mib(tree.key_bytes),
            mib(tree.value_bytes)
        );
    }
    println!(
        "database: holds {:.1} MiB of keys and values; its files take {:.1} MiB ({:.1} MiB allocated), {:.2}× what it holds",
        mib(used.logical_bytes),
        mib(used.db.apparent_bytes),
        mib(used.db.allocated_bytes),
        used.db_per_logical_byte()
    );
    println!(
        "content files: {} files, {:.1} MiB ({:.1} MiB allocated, {:.2}×)",
        used.blobs.files,
        mib(used.blobs.apparent_bytes),
        mib(used.blobs.allocated_bytes),
        ratio(used.blobs.allocated_bytes, used.blobs.apparent_bytes)
    );
    println!(
        "search index: {} files, {:.1} MiB ({:.1} MiB allocated)",
        index.files,
        mib(index.apparent_bytes),
        mib(index.allocated_bytes)
    );
    Ok(())
}
