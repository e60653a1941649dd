//! Erasure (poistaminen) outside the retention schedule: a record that must not be kept — the
//! decision on a GDPR Art. 17 erasure request, or a document registered by mistake (sent to the
//! wrong authority, a duplicate) — is removed at once, with a reason, by a privacy officer.
//!
//! Like a disposal it leaves a permanent destruction record (metadata only); the content file
//! goes when nothing else refers to it (`kirjuri-app` removes it, seeing OCR records too); unlike a disposal the record's title is not
//! kept (it is often the personal data being erased). It never erases a record under a legal
//! hold, a permanently preserved record (Archives Act; GDPR Art. 17(3)(d)), a paper record
//! (destroyed by hand and confirmed through disposal), or a record in an open disposal proposal.

use kirjuri_registry::{Actor, CASE, Case, DOCUMENT, Document, RegistryError, RegistryResult, RetentionStatus};
use kirjuri_requests::{InfoRequest, REQUEST, RequestKind, RequestState};
use kirjuri_store::{AuditEvent, Store, reject};

use crate::disposal::{Decision, DestructionRecord, open_proposal_items, replace_by_destruction_record};

/// The title kept in the destruction record of an erased document.
pub const ERASED_TITLE: &str = "(poistettu / erased)";

/// What to erase and why.
#[derive(Debug, Clone)]
pub struct Erasure<'a> {
    pub document: &'a str,
    /// Why, for the destruction record and the audit trail (required).
    pub reason: &'a str,
    /// The GDPR erasure request (`gdpr-erasure`) this decision answers, if any.
    pub request: Option<&'a str>,
}

fn invalid<T>(code: &'static str, message: impl Into<String>) -> RegistryResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// Erases one document: destruction record in, record out, audited, in one transaction.
/// Returns the destruction record, whose digest names the content file. The caller
/// (`kirjuri_app::App::erase`) then removes the OCR text, the content file when nothing else
/// refers to it, and the record's text from the search index files.
pub fn erase(store: &Store, erasure: &Erasure<'_>, actor: &Actor) -> RegistryResult<DestructionRecord> {
    let reason = erasure.reason.trim();
    if reason.is_empty() {
        return invalid(
            "reason_required",
            "give the reason for the erasure (e.g. the decision on the erasure request)",
        );
    }
    // Kept for ever in the destruction record and the audit trail: a decision, not an essay.
    kirjuri_registry::limits::check_length("reason", reason, kirjuri_registry::limits::TEXT)?;
    if let Some(proposal) = open_proposal_items(store)?.get(erasure.document) {
        return invalid(
            "in_disposal",
            format!(
                "{} is in the open disposal proposal {proposal}; remove it from the proposal first",
                erasure.document
            ),
        );
    }
    let record = store.transact(|tx| {
        let Some(document) = tx.get::<Document>(DOCUMENT, erasure.document)? else {
            return reject("not_found", format!("no document {}", erasure.document));
        };
        if let Some(id) = erasure.request {
            match tx.get::<InfoRequest>(REQUEST, id)? {
                None => return reject("not_found", format!("no request {id}")),
                Some(request) if request.kind != RequestKind::GdprErasure => {
                    return reject(
                        "wrong_request",
                        format!("{id} is a {} request, not gdpr-erasure", request.kind.key()),
                    );
                }
                Some(request)
                    if matches!(
                        request.state,
                        RequestState::Refused | RequestState::Withdrawn | RequestState::Duplicate
                    ) =>
                {
                    return reject(
                        "wrong_request",
                        format!("{id} is {}; nothing is erased on it", request.state.key()),
                    );
                }
                Some(_) => {}
            }
        }
        let case = tx.get::<Case>(CASE, &document.case_id)?;
        if let Some(hold) = document
            .legal_holds
            .iter()
            .chain(case.iter().flat_map(|c| c.legal_holds.iter()))
            .find(|h| h.is_active())
        {
            return reject(
                "legal_hold",
                format!("{} is under a legal hold ({}); lift it first", document.id, hold.id),
            );
        }
        if document.retention_status == RetentionStatus::Permanent {
            return reject(
                "permanent",
                format!(
                    "{} is preserved permanently (class {}); the Archives Act keeps it and GDPR Art. 17(3)(d) exempts it",
                    document.id, document.class
                ),
            );
        }
        if let Some(paper) = &document.physical {
            return reject(
                "paper",
                format!(
                    "{} is a paper record ({}); paper is destroyed by hand through a disposal proposal and its confirmation",
                    document.id, paper.archive_room
                ),
            );
        }
        let request = erasure.request.map(str::to_owned);
        let record = DestructionRecord::of(
            tx,
            &document,
            Decision {
                title: ERASED_TITLE.to_owned(),
                retention_end: kirjuri_registry::helsinki_date(actor.at),
                proposal: request.clone().unwrap_or_else(|| "-".to_owned()),
                proposed_by: &actor.name,
                approved_by: &actor.name,
                method: format!("erasure: {reason}"),
                actor,
            },
        )?;
        replace_by_destruction_record(tx, &record)?;
        tx.audit(
            &AuditEvent::new(actor.at, &actor.name, "document.erase")
                .target(DOCUMENT, &document.id)
                .detail(serde_json::json!({
                    "reason": reason,
                    "request": request,
                    "destruction_record": record.id,
                    "sha256": record.sha256,
                })),
        )?;
        Ok(record)
    })?;
    Ok(record)
}
