//! Recorded verifications of the archive packages made here (DOMAIN.md §9.2: verified archive
//! transfers). A package checked by `archive verify --record`, the API or the web page leaves
//! its result in the store, audited, so the annual report can count the transfers whose
//! verification passed; a package that was not made here (no export record) is checked but not
//! recorded.

use chrono::{DateTime, Utc};
use kirjuri_registry::{Actor, RegistryResult};
use kirjuri_store::{AuditEvent, Store};
use serde::{Deserialize, Serialize};

use crate::package::{EXPORT, ExportRecord};
use crate::verify::VerifyReport;

/// Record kind of a package verification.
pub const VERIFICATION: &str = "package_verification";

/// One check of a package made here: when, by whom, and whether it passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageVerification {
    pub id: String,
    /// The package (its OBJID, the bag's root folder).
    pub objid: String,
    pub verified_at: DateTime<Utc>,
    pub verified_by: String,
    /// Every digest, the structure and the signature held (no problem found).
    pub passed: bool,
    /// Where the key came from: `given` (the organisation's own) or `package` (integrity only).
    pub key_source: Option<String>,
    /// How many problems the check found.
    pub problems: usize,
}

/// Records the result of checking a package made here (`report.bag` names an export record),
/// with an audit entry `archive.verify`; `None` for a package not made here, which is not
/// recorded.
pub fn record_verification(
    store: &Store,
    report: &VerifyReport,
    actor: &Actor,
) -> RegistryResult<Option<PackageVerification>> {
    let Some(objid) = report.bag.clone() else {
        return Ok(None);
    };
    let recorded = store.transact(|tx| {
        if tx.get::<ExportRecord>(EXPORT, &objid)?.is_none() {
            return Ok(None);
        }
        let verification = PackageVerification {
            id: format!("verify-{}", tx.next_counter("id/verification")?),
            objid: objid.clone(),
            verified_at: actor.at,
            verified_by: actor.name.clone(),
            passed: report.ok(),
            key_source: report.key_source.clone(),
            problems: report.problems.len(),
        };
        tx.put(VERIFICATION, &verification.id, &verification, &[])?;
        tx.audit(
            &AuditEvent::new(actor.at, &actor.name, "archive.verify")
                .target(EXPORT, &objid)
                .detail(serde_json::json!({
                    "passed": verification.passed,
                    "problems": verification.problems,
                    "key_source": verification.key_source,
                })),
        )?;
        Ok(Some(verification))
    })?;
    Ok(recorded)
}
