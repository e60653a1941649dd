//! Text extraction and OCR end to end with the real binary on the files of
//! `fixtures/extraction/` (made by its `make.py`): DOCX, ODT, HTML (scripts left out), e-mail
//! with a DOCX attachment and a text PDF are searchable by their words; a zip bomb, a broken
//! PDF and a truncated DOCX are stored with a visible "not indexed: reason" and leave the
//! service (and the next files) unharmed; scanned paper (PNG, image-only PDF) waits for OCR,
//! and after `kirjuri ocr` is found, marked as OCR with the engine's confidence.
//!
//! The OCR part needs Tesseract with the Finnish model (Debian tesseract-ocr,
//! tesseract-ocr-fin, tesseract-ocr-swe, poppler-utils); without it the test checks the
//! "OCR not available" status instead, unless KIRJURI_REQUIRE_OCR=1 (CI) makes it a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::Path;

use common::{json, kirjuri, repo_root};

fn ingest(data: &Path, file: &str) -> String {
    let path = repo_root().join("fixtures/extraction").join(file);
    let run = kirjuri(
        data,
        &[
            "ingest",
            path.to_str().unwrap(),
            "--class",
            "08.01.01",
            "--record-type",
            "liikennesuunnitelma",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{file}: {}", run.all());
    let value: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    value["id"].as_str().unwrap().to_owned()
}

fn found(data: &Path, query: &str) -> Vec<String> {
    json(data, &["search", query, "--json"])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn text_status(data: &Path, id: &str) -> serde_json::Value {
    json(data, &["doc", "show", id, "--json"])["search_text"].clone()
}

#[test]
fn formats_hostile_files_and_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // Hostile files first: each is stored, and the index survives them.
    let bomb = ingest(&data, "pommi.docx");
    let broken = ingest(&data, "rikki.pdf");
    let truncated = ingest(&data, "katkaistu.docx");

    let docx = ingest(&data, "liikennesuunnitelma.docx");
    let odt = ingest(&data, "kirjastoauto.odt");
    let html = ingest(&data, "uimahalli.html");
    let eml = ingest(&data, "muistutus.eml");
    let pdf = ingest(&data, "tarjouspyynto.pdf");

    assert_eq!(
        found(&data, "pyöräkaista"),
        [docx.as_str()],
        "DOCX body, inflected in the file"
    );
    assert_eq!(found(&data, "kyläkoulu"), [odt.as_str()], "ODT body");
    assert_eq!(found(&data, "huoltokatko"), [html.as_str()], "HTML body");
    assert!(found(&data, "salainen").is_empty(), "script text is not indexed");
    assert_eq!(found(&data, "asemakaavaluonnos"), [eml.as_str()], "e-mail body");
    assert_eq!(
        found(&data, "viheralue"),
        [eml.as_str()],
        "the e-mail's DOCX attachment"
    );
    assert_eq!(found(&data, "liisa.laine@example.fi"), [eml.as_str()], "the sender");
    assert_eq!(found(&data, "koulukuljetus"), [pdf.as_str()], "PDF text layer");
    for (id, method) in [
        (&docx, "docx"),
        (&odt, "odt"),
        (&html, "html"),
        (&eml, "email"),
        (&pdf, "pdf"),
    ] {
        assert_eq!(text_status(&data, id)["indexed"]["method"], method, "{id}");
    }

    let reason = |id: &str| {
        text_status(&data, id)["not-indexed"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        reason(&bomb).contains("unpacks to more than 64 MiB"),
        "{}",
        reason(&bomb)
    );
    assert!(reason(&broken).starts_with("PDF"), "{}", reason(&broken));
    assert!(
        reason(&truncated).starts_with("DOCX: not a valid package"),
        "{}",
        reason(&truncated)
    );
    let human = kirjuri(&data, &["doc", "show", &bomb]);
    assert!(
        human.stdout.contains("Search (haku): not indexed: DOCX"),
        "{}",
        human.stdout
    );
    assert_eq!(
        kirjuri(&data, &["check"]).code,
        0,
        "the hostile files left the data folder intact"
    );

    // Scanned paper.
    let png = ingest(&data, "skannattu.png");
    let scanned_pdf = ingest(&data, "skannattu.pdf");
    let ocr_here = std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "fin"));
    if !ocr_here {
        assert!(
            std::env::var("KIRJURI_REQUIRE_OCR").is_err(),
            "KIRJURI_REQUIRE_OCR is set but Tesseract with Finnish is not installed"
        );
        assert!(reason(&png).starts_with("OCR not available"), "{}", reason(&png));
        eprintln!("Tesseract with the Finnish model is not installed: OCR part skipped");
        return;
    }
    assert!(reason(&png).starts_with("OCR pending"), "{}", reason(&png));
    assert!(
        reason(&scanned_pdf).starts_with("OCR pending"),
        "{}",
        reason(&scanned_pdf)
    );
    assert!(found(&data, "poikkeamislupa").is_empty());
    let status = json(&data, &["status", "--json"]);
    assert_eq!(status["ocr"]["waiting"], 2, "{status}");

    let run = kirjuri(&data, &["ocr"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // The two scans are recognised; the two other PDFs (a text layer, an unreadable one) are
    // marked once, so that the worker does not parse them again on every run.
    assert!(
        run.stderr
            .contains("examined 4 files: 2 recognised, 0 failed, 2 had text already"),
        "{}",
        run.stderr
    );
    let again = kirjuri(&data, &["ocr"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(again.stderr.contains("examined 0 files"), "{}", again.stderr);
    // Marked "no OCR needed", they keep the text and the reason that extraction gives.
    assert_eq!(text_status(&data, &pdf)["indexed"]["method"], "pdf");
    assert!(reason(&broken).starts_with("PDF"), "{}", reason(&broken));
    let mut hits = found(&data, "poikkeamislupa");
    hits.sort();
    let mut expected = vec![png.clone(), scanned_pdf.clone()];
    expected.sort();
    assert_eq!(hits, expected, "OCR text is searchable (lemma of `myönnetään` too)");
    for id in [&png, &scanned_pdf] {
        let shown = text_status(&data, id);
        assert_eq!(shown["indexed"]["method"], "ocr", "{shown}");
        let confidence = shown["indexed"]["ocr_confidence"].as_f64().unwrap();
        assert!(confidence > 50.0, "confidence {confidence}");
    }
    assert!(
        found(&data, "myöntää").len() == 2,
        "Voikko lemmatises OCR text like any other"
    );
    assert_eq!(json(&data, &["status", "--json"])["ocr"]["waiting"], 0);
    assert_eq!(kirjuri(&data, &["check"]).code, 0);
}
