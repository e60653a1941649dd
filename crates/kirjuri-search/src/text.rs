//! Document text: what text a document contributes to the index, and why a document's text
//! is (not) indexed. The stored OCR result for scanned paper, otherwise what `kirjuri-extract`
//! reads from the content file, cut at a size limit.

use kirjuri_registry::Document;
use kirjuri_store::Store;
use serde::Serialize;

use crate::ocr;

/// Largest text taken from one document (the rest is not indexed).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Why a document's text is (not) in the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum TextStatus {
    Indexed {
        /// How the text was obtained (plain, markdown, html, pdf, docx, odt, email, ocr).
        method: kirjuri_extract::Method,
        /// For OCR text: the engine's mean word confidence, 0–100.
        #[serde(skip_serializing_if = "Option::is_none")]
        ocr_confidence: Option<f32>,
    },
    /// Not indexed, with the reason shown to users.
    NotIndexed(String),
}

impl std::fmt::Display for TextStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextStatus::Indexed {
                ocr_confidence: Some(confidence),
                ..
            } => write!(f, "text indexed (OCR, confidence {confidence:.0} %)"),
            TextStatus::Indexed { method, .. } => write!(
                f,
                "text indexed ({})",
                serde_json::to_value(method)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            TextStatus::NotIndexed(reason) => write!(f, "not indexed: {reason}"),
        }
    }
}

/// The text of a document's content for indexing, and how it was obtained: the stored OCR
/// result for scanned paper, otherwise what `kirjuri-extract` reads from the content file.
pub fn document_text(store: &Store, document: &Document) -> (String, TextStatus) {
    let Some(content) = &document.content else {
        return (String::new(), TextStatus::NotIndexed("paper record".to_owned()));
    };
    match ocr::stored_text(store, &content.sha256) {
        Ok(Some(recognised)) => return recognised,
        Ok(None) => {}
        Err(error) => return (String::new(), TextStatus::NotIndexed(error.to_string())),
    }
    let path = store.blobs().path_of(&content.sha256);
    match kirjuri_extract::extract_file(&path, &content.media_type, &content.file_name) {
        kirjuri_extract::Extraction::Text { method, mut text } => {
            if text.len() > MAX_BODY_BYTES {
                let mut end = MAX_BODY_BYTES;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            (
                text,
                TextStatus::Indexed {
                    method,
                    ocr_confidence: None,
                },
            )
        }
        kirjuri_extract::Extraction::NeedsOcr { .. } => {
            let reason = match kirjuri_extract::ocr::availability() {
                Ok(_) => "OCR pending (scanned paper; the OCR worker reads it)".to_owned(),
                Err(reason) => reason,
            };
            (String::new(), TextStatus::NotIndexed(reason))
        }
        kirjuri_extract::Extraction::Failed { reason } => (String::new(), TextStatus::NotIndexed(reason)),
    }
}
