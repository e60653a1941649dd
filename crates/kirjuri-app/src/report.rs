//! The annual data-governance report (tietotilinpäätös) as every front end asks for it: the
//! year, the language and the format checked before anything is counted; and management's
//! assessment of a chapter (the text the report shows under it), stored and audited once.

use kirjuri_registry::{Actor, RegistryError};
use kirjuri_report::{ASSESSMENT, Assessment, CHAPTERS, Rendering, Report, ReportFormat};

use crate::{App, AppResult};

fn invalid(code: &'static str, message: String) -> RegistryError {
    RegistryError::Invalid { code, message }
}

impl App {
    /// Computes the report of `year` and renders it in `format` (`html`, `pdf`,
    /// `md`/`markdown`, `json`, `csv`) and `lang` (`fi`, `sv`, `en`).
    pub fn annual_report(&self, year: i32, format: &str, lang: &str) -> AppResult<Rendering> {
        let format = ReportFormat::parse(format).map_err(|message| invalid("bad_format", message))?;
        kirjuri_report::parse_lang(lang).map_err(|message| invalid("bad_lang", message))?;
        let report = self.annual_report_figures(year)?;
        Ok(kirjuri_report::render(&report, format, lang).map_err(|message| invalid("bad_render", message))?)
    }

    /// The report of `year` as computed figures (the report page and the API's JSON answer
    /// show them), for the organisation named in the configuration.
    pub fn annual_report_figures(&self, year: i32) -> AppResult<Report> {
        if !(1900..=9999).contains(&year) {
            return Err(invalid("bad_year", format!("year {year} is not a year")).into());
        }
        Ok(kirjuri_report::compute(
            &self.store,
            year,
            &self.organisation,
            chrono::Utc::now(),
        )?)
    }

    /// Stores management's assessment of `chapter` of `year` (a later text replaces the
    /// earlier one; the audit trail keeps who wrote each): the CLI's `report-text`, the API and
    /// the report page.
    pub fn save_report_assessment(&self, year: i32, chapter: &str, text: &str, actor: &Actor) -> AppResult<Assessment> {
        if !(1900..=9999).contains(&year) {
            return Err(invalid("bad_year", format!("year {year} is not a year")).into());
        }
        if !CHAPTERS.contains(&chapter) {
            return Err(invalid(
                "chapter",
                format!("chapter `{chapter}`, expected one of: {}", CHAPTERS.join(", ")),
            )
            .into());
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid("text", "text: an assessment needs its text".to_owned()).into());
        }
        kirjuri_registry::limits::check_length("text", text, kirjuri_registry::limits::TEXT)?;
        let assessment = Assessment {
            key: format!("{year}/{chapter}"),
            text: text.to_owned(),
            by: actor.name.clone(),
            at: actor.at,
        };
        self.store.transact(|tx| {
            tx.put(ASSESSMENT, &assessment.key, &assessment, &[])?;
            tx.audit(
                &kirjuri_store::AuditEvent::new(actor.at, &actor.name, "report.assessment")
                    .target(ASSESSMENT, &assessment.key),
            )
        })?;
        Ok(assessment)
    }

    /// Management's assessments of `year`, by chapter key.
    pub fn report_assessments(&self, year: i32) -> AppResult<Vec<Assessment>> {
        let prefix = format!("{year}/");
        Ok(self
            .store
            .list::<Assessment>(ASSESSMENT)?
            .into_iter()
            .filter(|a| a.key.starts_with(&prefix))
            .collect())
    }
}
