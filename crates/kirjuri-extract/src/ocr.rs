//! OCR of scanned paper with the Tesseract command-line tool (Debian `tesseract-ocr` with
//! `tesseract-ocr-fin` and `tesseract-ocr-swe`); image-only PDFs are first rendered to page
//! images with `pdftoppm` (Debian `poppler-utils`). Both run as separate processes with a time
//! limit. The text comes with the engine's mean word confidence (0–100).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{MAX_TEXT_BYTES, Scan};

/// Time one page may take.
const PAGE_TIME_LIMIT: Duration = Duration::from_secs(120);
/// Pages of a scanned PDF that are read at most.
const MAX_PAGES: usize = 200;

/// OCR output of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrText {
    pub text: String,
    /// Mean confidence of the recognised words, 0–100.
    pub confidence: f32,
    /// Tesseract languages used, e.g. `fin+swe`.
    pub languages: String,
    pub pages: usize,
}

/// Why OCR cannot run here, or `None` when it can: the languages it would use.
pub fn availability() -> Result<String, String> {
    let output = Command::new("tesseract")
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| "OCR not available (Tesseract is not installed)".to_owned())?;
    let listed = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    let languages: Vec<&str> = ["fin", "swe"]
        .into_iter()
        .filter(|l| listed.lines().any(|line| line.trim() == *l))
        .collect();
    if languages.is_empty() {
        return Err("OCR not available (Tesseract has no Finnish or Swedish model)".to_owned());
    }
    Ok(languages.join("+"))
}

fn run(command: &mut Command, what: &str) -> Result<Vec<u8>, String> {
    use wait_timeout::ChildExt as _;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{what}: {e}"))?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(stdout, &mut out);
        }
        out
    });
    match child
        .wait_timeout(PAGE_TIME_LIMIT)
        .map_err(|e| format!("{what}: {e}"))?
    {
        Some(status) if status.success() => Ok(reader.join().unwrap_or_default()),
        Some(status) => Err(format!("{what} failed ({status})")),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("{what} took longer than {} s", PAGE_TIME_LIMIT.as_secs()))
        }
    }
}

/// Recognises the text of an image or an image-only PDF.
pub fn recognise(path: &Path, scan: Scan) -> Result<OcrText, String> {
    let languages = availability()?;
    let scratch = tempfile::tempdir().map_err(|e| format!("OCR scratch folder: {e}"))?;
    let pages: Vec<std::path::PathBuf> = match scan {
        Scan::Image => vec![path.to_owned()],
        Scan::Pdf => {
            let prefix = scratch.path().join("page");
            run(
                Command::new("pdftoppm")
                    .args(["-r", "300", "-gray", "-png", "-l", &MAX_PAGES.to_string()])
                    .arg(path)
                    .arg(&prefix),
                "pdftoppm",
            )
            .map_err(|e| {
                if e.contains("No such file") {
                    "OCR not available for PDFs (pdftoppm is not installed)".to_owned()
                } else {
                    e
                }
            })?;
            let mut rendered: Vec<_> = std::fs::read_dir(scratch.path())
                .map_err(|e| format!("OCR scratch folder: {e}"))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .collect();
            rendered.sort();
            rendered
        }
    };
    let mut text = String::new();
    let mut confidences: Vec<f32> = Vec::new();
    for page in &pages {
        let tsv = run(
            Command::new("tesseract")
                .arg(page)
                .arg("stdout")
                .args(["-l", &languages, "tsv"]),
            "tesseract",
        )?;
        read_tsv(&String::from_utf8_lossy(&tsv), &mut text, &mut confidences);
        text.push('\n');
        if text.len() > MAX_TEXT_BYTES {
            break;
        }
    }
    let confidence = if confidences.is_empty() {
        0.0
    } else {
        confidences.iter().sum::<f32>() / confidences.len() as f32
    };
    Ok(OcrText {
        text,
        confidence,
        languages,
        pages: pages.len(),
    })
}

/// Appends the words of Tesseract's TSV output (one line of text per recognised line) and
/// collects their confidences.
fn read_tsv(tsv: &str, text: &mut String, confidences: &mut Vec<f32>) {
    let mut last_line: Option<(u32, u32, u32)> = None;
    for row in tsv.lines().skip(1) {
        let columns: Vec<&str> = row.split('\t').collect();
        if columns.len() < 12 || columns[0] != "5" {
            continue;
        }
        let word = columns[11].trim();
        let Ok(confidence) = columns[10].parse::<f32>() else {
            continue;
        };
        if word.is_empty() || confidence < 0.0 {
            continue;
        }
        let line = (
            columns[2].parse().unwrap_or(0),
            columns[3].parse().unwrap_or(0),
            columns[4].parse().unwrap_or(0),
        );
        if last_line.is_some_and(|l| l != line) {
            text.push('\n');
        } else if last_line.is_some() {
            text.push(' ');
        }
        last_line = Some(line);
        text.push_str(word);
        confidences.push(confidence);
    }
}

#[cfg(test)]
mod tests {
    use super::read_tsv;

    #[test]
    fn tsv_words_lines_and_confidence() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90.5\tRakennuslupa\n\
            5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80.5\tmyönnetään\n\
            4\t1\t1\t1\t2\t0\t0\t0\t1\t1\t-1\t\n\
            5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tLaitila\n";
        let mut text = String::new();
        let mut confidences = Vec::new();
        read_tsv(tsv, &mut text, &mut confidences);
        assert_eq!(text, "Rakennuslupa myönnetään\nLaitila");
        assert_eq!(confidences, [90.5, 80.5, 70.0]);
    }
}
