//! The annual data-governance report (tietotilinpäätös) as every front end asks for it: the
//! year, the language and the format checked before anything is counted.

use kirjuri_registry::RegistryError;
use kirjuri_report::{Rendering, ReportFormat};

use crate::{App, AppResult};

fn invalid(code: &'static str, message: String) -> RegistryError {
    RegistryError::Invalid { code, message }
}

impl App {
    /// Computes the report of `year` and renders it in `format` (`html`, `md`/`markdown`,
    /// `json`, `csv`) and `lang` (`fi`, `en`).
    pub fn annual_report(&self, year: i32, format: &str, lang: &str) -> AppResult<Rendering> {
        if !(1900..=9999).contains(&year) {
            return Err(invalid("bad_year", format!("year {year} is not a year")).into());
        }
        let format = ReportFormat::parse(format).map_err(|message| invalid("bad_format", message))?;
        if !matches!(lang.trim(), "fi" | "en") {
            return Err(invalid("bad_lang", format!("lang `{lang}`, expected fi or en")).into());
        }
        let report = kirjuri_report::compute(&self.store, year, &self.organisation, chrono::Utc::now())?;
        Ok(kirjuri_report::render(&report, format, lang).map_err(|message| invalid("bad_lang", message))?)
    }
}
