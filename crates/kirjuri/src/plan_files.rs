//! Reads a plan folder (`retention-rules/`) from disk for `kirjuri-plan`, which does no I/O.

use std::path::{Path, PathBuf};

use kirjuri_plan::SourceFile;

use crate::exit::{Failure, bad_input};

/// Reads every `.toml` file of a plan folder, in name order. A single file is read alone.
pub fn read_plan_folder(path: &Path) -> Result<Vec<SourceFile>, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
    let mut paths: Vec<PathBuf> = if metadata.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
            let entry_path = entry.path();
            if entry_path.extension().is_some_and(|ext| ext == "toml") {
                found.push(entry_path);
            }
        }
        found
    } else {
        vec![path.to_path_buf()]
    };
    paths.sort();
    if paths.is_empty() {
        return Err(bad_input(format!("{}: no .toml plan files", path.display())));
    }
    let mut files = Vec::with_capacity(paths.len());
    for file_path in paths {
        let bytes = std::fs::read(&file_path).map_err(|e| bad_input(format!("{}: {e}", file_path.display())))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            bad_input(format!(
                "{}: not UTF-8 text (byte {})",
                file_path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        files.push(SourceFile {
            name: file_path.display().to_string(),
            text,
        });
    }
    Ok(files)
}
