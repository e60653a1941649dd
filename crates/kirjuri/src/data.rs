//! The data folder: opening the store, first-time set-up with the embedded sample plan,
//! today's date in Europe/Helsinki and durable file writes.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use kirjuri_plan::{Plan, SourceFile, has_errors, load_plan};
use kirjuri_store::Store;

use crate::exit::{Failure, bad_input, failed};

include!(concat!(env!("OUT_DIR"), "/embedded_plan.rs"));

/// Today's date in Europe/Helsinki, where every day-based rule is counted.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

/// Opens the store of a data folder, creating the folder when it does not exist.
pub fn open_store(data: &Path) -> Result<Store, Failure> {
    std::fs::create_dir_all(data).map_err(|e| failed(format!("cannot create data folder {}: {e}", data.display())))?;
    Store::open(&data.join("db")).map_err(|e| failed(e))
}

/// The sample plan compiled into the binary.
pub fn embedded_plan() -> Result<Plan, Failure> {
    let files: Vec<SourceFile> = EMBEDDED_PLAN
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("retention-rules/{name}"),
            text: (*text).to_owned(),
        })
        .collect();
    let loaded = load_plan(&files);
    match loaded.plan {
        Some(plan) if !has_errors(&loaded.findings) => Ok(plan),
        _ => Err(failed(
            "the embedded sample plan does not validate; run `kirjuri plan check`",
        )),
    }
}

/// On an empty data folder, stores the embedded sample plan as version 1.
pub fn ensure_plan(store: &Store) -> Result<(), Failure> {
    let versions = store.plan_versions().map_err(failed)?;
    if versions.is_empty() {
        versions.add(embedded_plan()?).map_err(failed)?;
    }
    Ok(())
}

/// Writes a file durably: temporary file in the same folder, fsync, rename, fsync the folder.
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| bad_input(format!("{}: not a file name", path.display())))?;
    let temporary = folder.join(format!(".{}.tmp-{}", file_name.to_string_lossy(), std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        std::fs::File::open(&folder)?.sync_all()
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(format!("cannot write {}: {e}", path.display()))
    })
}
