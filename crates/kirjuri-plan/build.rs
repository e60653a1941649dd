//! Embeds the sample plan of `retention-rules/` (`kirjuri_plan::sample`): the plan a new data
//! folder starts with, and the fixture of every test that needs a real plan.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules_dir = manifest_dir.join("../../retention-rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&rules_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("/// The sample plan files of `retention-rules/`, embedded at build time.\n");
    code.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = rules_dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("sample_plan.rs");
    if let Err(error) = std::fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}
