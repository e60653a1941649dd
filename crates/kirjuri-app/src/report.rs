//! The annual data-governance report (tietotilinpäätös) as every front end asks for it: the
//! year, the language and the format checked before anything is counted; management's
//! assessment of a chapter (the text the report shows under it), the development targets of
//! chapter 4 and the approval of a year's report (kept as an immutable snapshot that every
//! later download of the year serves, DOMAIN.md §9.1), each stored and audited once.

use chrono::NaiveDate;
use kirjuri_registry::limits::{NAME, TEXT, check_length};
use kirjuri_registry::{Actor, RegistryError};
use kirjuri_report::{
    APPROVAL, ASSESSMENT, Approval, Assessment, CHAPTERS, Rendering, Report, ReportFormat, SNAPSHOT, Snapshot, TARGET,
    Target, TargetStatus,
};
use kirjuri_store::reject;

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
    /// show them), for the organisation named in the configuration. An approved year's report
    /// is the snapshot stored at approval, unchanged; a draft is computed anew each time.
    pub fn annual_report_figures(&self, year: i32) -> AppResult<Report> {
        check_year(year)?;
        if let Some(snapshot) = self.store.get::<Snapshot>(SNAPSHOT, &year.to_string())? {
            return Ok(snapshot.report);
        }
        self.current_report(year)
    }

    /// The report of `year` computed now, whether approved or not (the report page lists the
    /// chapters still lacking an assessment from it).
    pub fn current_report(&self, year: i32) -> AppResult<Report> {
        check_year(year)?;
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
        check_year(year)?;
        check_chapter(chapter)?;
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
            refuse_if_approved(tx, year)?;
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

fn check_year(year: i32) -> AppResult<()> {
    if !(1900..=9999).contains(&year) {
        return Err(invalid("bad_year", format!("year {year} is not a year")).into());
    }
    Ok(())
}

fn check_chapter(chapter: &str) -> AppResult<()> {
    if !CHAPTERS.contains(&chapter) {
        return Err(invalid(
            "chapter",
            format!("chapter `{chapter}`, expected one of: {}", CHAPTERS.join(", ")),
        )
        .into());
    }
    Ok(())
}

/// A text field that must not be empty, trimmed, within `max` characters.
fn required(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, format!("{field}: required")).into());
    }
    check_length(field, value, max)?;
    Ok(value.to_owned())
}

/// A development target to add to a year's report (chapter 4).
#[derive(Debug, Clone, Default)]
pub struct NewTarget {
    pub text: String,
    /// A chapter key of `kirjuri_report::CHAPTERS`.
    pub chapter: String,
    pub owner: String,
    pub due_year: i32,
    /// `planned` when not given.
    pub status: Option<String>,
    pub note: Option<String>,
}

/// A change to a development target: its status and follow-up note (each left as it is when
/// not given).
#[derive(Debug, Clone, Default)]
pub struct TargetChange {
    pub status: Option<String>,
    pub note: Option<String>,
}

impl App {
    /// Adds a development target to the report of `year` (audited `report.target.add`). The
    /// due year may not be before the report year: a target is set for the years ahead.
    pub fn add_report_target(&self, year: i32, new: &NewTarget, actor: &Actor) -> AppResult<Target> {
        check_year(year)?;
        check_chapter(new.chapter.trim())?;
        let text = required("text", &new.text, TEXT)?;
        let owner = required("owner", &new.owner, NAME)?;
        if new.due_year < year || new.due_year > 9999 {
            return Err(invalid(
                "due_year",
                format!(
                    "due_year {}: a target of {year} is due in {year} or later",
                    new.due_year
                ),
            )
            .into());
        }
        let status = match new.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => TargetStatus::Planned,
            Some(text) => TargetStatus::parse(text).map_err(|message| invalid("status", message))?,
        };
        let note = new.note.as_deref().unwrap_or("").trim().to_owned();
        check_length("note", &note, TEXT)?;
        let chapter = new.chapter.trim().to_owned();
        let target = self.store.transact(|tx| {
            refuse_if_approved(tx, year)?;
            let number = tx.next_counter(&format!("id/report_target/{year}"))?;
            let target = Target {
                id: format!("{year}/{number}"),
                year,
                text: text.clone(),
                chapter: chapter.clone(),
                owner: owner.clone(),
                due_year: new.due_year,
                status,
                note: note.clone(),
                by: actor.name.clone(),
                at: actor.at,
            };
            tx.put(TARGET, &target.id, &target, &[])?;
            tx.audit(
                &kirjuri_store::AuditEvent::new(actor.at, &actor.name, "report.target.add").target(TARGET, &target.id),
            )?;
            Ok(target)
        })?;
        Ok(target)
    }

    /// Changes a development target's status or follow-up note (audited
    /// `report.target.change`): the next year's report follows it up with the status now.
    pub fn change_report_target(&self, id: &str, change: &TargetChange, actor: &Actor) -> AppResult<Target> {
        let status = match change.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(TargetStatus::parse(text).map_err(|message| invalid("status", message))?),
        };
        let note = change.note.as_deref().map(|n| n.trim().to_owned());
        if let Some(note) = &note {
            check_length("note", note, TEXT)?;
        }
        if status.is_none() && note.is_none() {
            return Err(invalid("status", "status or note: nothing to change".to_owned()).into());
        }
        let target = self.store.transact(|tx| {
            let Some(mut target) = tx.get::<Target>(TARGET, id)? else {
                return reject("not_found", format!("development target {id} not found"));
            };
            if let Some(status) = status {
                target.status = status;
            }
            if let Some(note) = &note {
                target.note = note.clone();
            }
            target.by = actor.name.clone();
            target.at = actor.at;
            tx.put(TARGET, &target.id, &target, &[])?;
            tx.audit(
                &kirjuri_store::AuditEvent::new(actor.at, &actor.name, "report.target.change")
                    .target(TARGET, &target.id)
                    .detail(serde_json::json!({ "status": target.status.key() })),
            )?;
            Ok(target)
        })?;
        Ok(target)
    }

    /// The development targets set in the report of `year`, in the order they were added.
    pub fn report_targets(&self, year: i32) -> AppResult<Vec<Target>> {
        check_year(year)?;
        let mut targets: Vec<Target> = self
            .store
            .list::<Target>(TARGET)?
            .into_iter()
            .filter(|t| t.year == year)
            .collect();
        targets.sort_by_key(|t| t.id.rsplit('/').next().and_then(|n| n.parse::<u64>().ok()));
        Ok(targets)
    }

    /// Approves the report of `year` (audited `report.approve`): the body that approved it,
    /// the decision's reference and day are stored, and the report computed now, with the
    /// approval on its cover, is kept as an immutable snapshot (DOMAIN.md §9.1) that every
    /// later download of the year serves unchanged. A year is approved once, after it has ended:
    /// the decision day is after the report year and not in the future (it records a decision
    /// made). After that, the year's assessments and targets can no longer be changed (they are
    /// in the snapshot); a target's status can, since the next year's report follows it up.
    pub fn approve_report(
        &self,
        year: i32,
        body: &str,
        decision: &str,
        decided_on: NaiveDate,
        actor: &Actor,
    ) -> AppResult<Approval> {
        check_year(year)?;
        let body = required("body", body, NAME)?;
        let decision = required("decision", decision, NAME)?;
        let today = kirjuri_registry::helsinki_date(actor.at);
        // The board approves a year that is over: the decision comes after 31 December of the
        // report year (a report approved in June would freeze half a year as the whole).
        if chrono::Datelike::year(&decided_on) <= year || decided_on > today {
            return Err(invalid(
                "decided_on",
                format!(
                    "decided_on {decided_on}: the decision on the {year} report is dated after the year has ended (from 1.1.{}) and not after today ({today})",
                    year + 1
                ),
            )
            .into());
        }
        if self.report_approval(year)?.is_some() {
            return Err(already_approved(year).into());
        }
        let approval = Approval {
            year,
            body,
            decision,
            decided_on,
            by: actor.name.clone(),
            at: actor.at,
        };
        let mut report = kirjuri_report::compute(&self.store, year, &self.organisation, actor.at)?;
        report.approval = Some(approval.clone());
        let snapshot = Snapshot { year, report };
        let key = year.to_string();
        self.store.transact(|tx| {
            if tx.get::<Approval>(APPROVAL, &key)?.is_some() {
                return reject("already_approved", already_approved(year).to_string());
            }
            tx.put(APPROVAL, &key, &approval, &[])?;
            tx.put(SNAPSHOT, &key, &snapshot, &[])?;
            tx.audit(
                &kirjuri_store::AuditEvent::new(actor.at, &actor.name, "report.approve")
                    .target(APPROVAL, &key)
                    .detail(serde_json::json!({
                        "body": approval.body,
                        "decision": approval.decision,
                        "decided_on": approval.decided_on,
                    })),
            )
        })?;
        Ok(approval)
    }

    /// The approval of the report of `year`, if it has been approved.
    pub fn report_approval(&self, year: i32) -> AppResult<Option<Approval>> {
        check_year(year)?;
        Ok(self.store.get::<Approval>(APPROVAL, &year.to_string())?)
    }
}

/// An approved year's report is its snapshot: a new assessment or target would be stored but
/// shown nowhere, so it is refused.
fn refuse_if_approved(tx: &kirjuri_store::Tx<'_>, year: i32) -> kirjuri_store::TxResult<()> {
    if tx.get::<Approval>(APPROVAL, &year.to_string())?.is_some() {
        return reject(
            "already_approved",
            format!(
                "year {year}: the report is approved and kept unchanged; its assessments and targets can no longer be changed"
            ),
        );
    }
    Ok(())
}

fn already_approved(year: i32) -> RegistryError {
    invalid(
        "already_approved",
        format!("year {year}: the report is already approved; its snapshot is kept unchanged"),
    )
}
