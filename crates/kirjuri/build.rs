//! Embeds the demo data of `fixtures/demo/` into the binary, so that `kirjuri serve --demo`
//! works anywhere (the sample plan is embedded by `kirjuri-plan`: `kirjuri_plan::sample`).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut code = String::new();
    let demo_dir = manifest_dir.join("../../fixtures/demo");
    println!("cargo:rerun-if-changed={}", demo_dir.display());
    let _ = writeln!(code, "/// The demo data of `fixtures/demo/`, embedded at build time.");
    for (constant, file) in [
        ("DEMO_JSON", "demo.json"),
        ("DEMO_REGISTERS_CSV", "registers.csv"),
        ("DEMO_AGREEMENTS_CSV", "agreements.csv"),
        ("DEMO_ROSTER_CSV", "training-roster.csv"),
        ("DEMO_TRAININGS_CSV", "trainings.csv"),
        ("DEMO_COMPLETIONS_CSV", "training-completions.csv"),
    ] {
        let path = demo_dir.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "pub const {constant}: &str = include_str!({:?});",
            path.display().to_string()
        );
    }
    let mut demo_files: Vec<String> = std::fs::read_dir(demo_dir.join("files"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    demo_files.sort();
    code.push_str("pub const DEMO_FILES: &[(&str, &[u8])] = &[\n");
    for name in &demo_files {
        let path = demo_dir.join("files").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded_plan.rs");
    if let Err(error) = std::fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}
