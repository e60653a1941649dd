//! The sample plan of `retention-rules/`, compiled in: what `kirjuri serve` on an empty data
//! folder starts with, and the one plan fixture of the tests. Embedded at build time, so
//! reading it is no I/O.

use crate::{LoadedPlan, SourceFile, load_plan};

include!(concat!(env!("OUT_DIR"), "/sample_plan.rs"));

/// The sample plan's files, named `retention-rules/<file>` as findings report them.
pub fn source_files() -> Vec<SourceFile> {
    FILES
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("retention-rules/{name}"),
            text: (*text).to_owned(),
        })
        .collect()
}

/// The sample plan, loaded and validated (its findings beside it).
pub fn load() -> LoadedPlan {
    load_plan(&source_files())
}
