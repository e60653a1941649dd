//! Plan versions while the service runs: importing a plan (JHS 191 XML or the TOML plan files)
//! as a new draft version, and approving a draft from a day on. The CLI (`kirjuri plan import`,
//! `load`, `approve`) and the API (`POST /api/v1/plan/versions`, `…/{version}/approve`) call
//! these, so both give the same findings. The plan in force is chosen by `App::plans` at each
//! use, so an approved version takes effect on its day without a restart.

use kirjuri_plan::{Finding, Location, PlanState, SourceFile, has_errors, jhs191, load_plan};
use kirjuri_registry::{Actor, RegistryError, helsinki_date};
use kirjuri_store::{AuditEvent, PlanVersionSummary, StoreError};

use crate::{App, AppError, AppResult};

/// A plan to import, as its file(s) came.
pub enum PlanSource<'a> {
    /// One JHS 191 XML file (`name` is how findings name it).
    Jhs191 { name: &'a str, bytes: &'a [u8] },
    /// The TOML plan files: `plan.toml` and the class files.
    Toml(&'a [SourceFile]),
}

/// A stored draft version and what the checks found (warnings only: errors store nothing).
#[derive(Debug)]
pub struct ImportedPlan {
    pub version: u32,
    pub findings: Vec<Finding>,
}

impl App {
    /// Reads and checks a plan; without errors it becomes the next draft version (never
    /// overwriting an approved one), audited as `plan.import`. With errors nothing is stored
    /// and the findings come back in [`AppError::PlanErrors`].
    pub fn import_plan(&self, source: &PlanSource<'_>, actor: &Actor) -> AppResult<ImportedPlan> {
        let (plan, findings) = match source {
            PlanSource::Jhs191 { name, bytes } => {
                let text = match std::str::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(error) => {
                        let valid = &bytes[..error.valid_up_to()];
                        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                        let finding = Finding::error(
                            Location::File {
                                file: (*name).to_owned(),
                                line,
                            },
                            format!("not UTF-8 (byte {})", error.valid_up_to()),
                        );
                        return Err(refused(vec![finding]));
                    }
                };
                let imported = jhs191::import(name, text);
                (imported.plan, imported.findings)
            }
            PlanSource::Toml(files) => {
                let loaded = load_plan(files);
                (loaded.plan, loaded.findings)
            }
        };
        let Some(mut plan) = plan.filter(|_| !has_errors(&findings)) else {
            return Err(refused(findings));
        };
        // Import never overwrites an approved version: it creates a draft (DOMAIN.md §2.8).
        plan.meta.state = PlanState::Draft;
        plan.meta.valid_from = None;
        plan.meta.valid_to = None;
        plan.meta.approved_by = None;
        plan.meta.approved_on = None;
        let summary = PlanVersionSummary::of(&plan);
        let version = self.store.plan_versions()?.add(plan)?;
        let mut event = AuditEvent::new(actor.at, &actor.name, "plan.import");
        event.target_kind = Some("plan_version".to_owned());
        event.target_id = Some(version.to_string());
        event.detail = serde_json::json!({
            "name": summary.name,
            "classes": summary.classes,
            "record_types": summary.record_types,
            "warnings": findings.len(),
        });
        self.store.audit(&event)?;
        Ok(ImportedPlan { version, findings })
    }

    /// Approves a draft version from `valid_from` (the version in force before it ends the day
    /// before), audited as `plan.approve` with what was stored. The rules are the store's
    /// ([`kirjuri_store::PlanVersions::approve`]): `valid_from` not before today (Helsinki) and
    /// within the years 1900-9999 (`bad_valid_from`), and later than the start of every approved
    /// version ([`AppError::PlanConflict`], as for a version already approved); of concurrent
    /// approvals exactly one succeeds. A version with validation errors is refused with its
    /// findings. `approved_by` is the approver recorded in the plan (the actor when not given).
    pub fn approve_plan(
        &self,
        version: u32,
        valid_from: chrono::NaiveDate,
        approved_by: Option<&str>,
        actor: &Actor,
    ) -> AppResult<PlanVersionSummary> {
        let versions = self.store.plan_versions()?;
        let plan = versions
            .get(version)?
            .ok_or_else(|| RegistryError::NotFound(format!("plan version {version}")))?;
        let findings = kirjuri_plan::validate::validate(&plan, &Default::default());
        if has_errors(&findings) {
            return Err(AppError::PlanErrors {
                message: format!("plan version {version} has validation errors and cannot be approved"),
                findings,
            });
        }
        let approved_by = approved_by.unwrap_or(&actor.name);
        let approval = versions
            .approve(version, valid_from, approved_by, helsinki_date(actor.at))
            .map_err(|error| match error {
                StoreError::Conflict(message) => AppError::PlanConflict(message),
                other => AppError::from(other),
            })?;
        let stored = &approval.plan.meta;
        let ended: Vec<serde_json::Value> = approval
            .ended
            .iter()
            .map(|plan| serde_json::json!({ "version": plan.meta.version, "valid_to": plan.meta.valid_to }))
            .collect();
        let mut event = AuditEvent::new(actor.at, &actor.name, "plan.approve");
        event.target_kind = Some("plan_version".to_owned());
        event.target_id = Some(stored.version.to_string());
        event.detail = serde_json::json!({
            "valid_from": stored.valid_from,
            "approved_by": stored.approved_by,
            "approved_on": stored.approved_on,
            "ended": ended,
        });
        self.store.audit(&event)?;
        Ok(PlanVersionSummary::of(&approval.plan))
    }

    /// Every stored plan version, oldest first.
    pub fn plan_versions(&self) -> AppResult<Vec<PlanVersionSummary>> {
        Ok(self.store.plan_versions()?.summaries()?)
    }
}

fn refused(findings: Vec<Finding>) -> AppError {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    AppError::PlanErrors {
        message: format!("the plan has {errors} errors; nothing was stored"),
        findings,
    }
}
