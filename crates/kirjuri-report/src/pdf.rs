//! The report as PDF (placeholder until the PDF renderer lands).

use kirjuri_words::Lang;

use crate::compute::Report;

pub fn to_pdf(_report: &Report, _lang: Lang) -> Result<Vec<u8>, String> {
    Err("pdf: not yet".to_owned())
}
