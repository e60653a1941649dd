//! Disposal (hävittäminen): a proposal (hävitysesitys) built from the due list → approval by an
//! archivist other than the proposer → execution, which removes each record's content and
//! replaces the record by a permanent destruction record (DOMAIN.md §3.4, RODA's flow:
//! PENDING → APPROVED → PERMANENTLY_DELETED, RESTORED, EXECUTION_FAILED). Holds are re-checked at
//! execution; a failed run is reported and resumable. Paper records are destroyed by hand and
//! confirmed item by item.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{
    Actor, CASE, Case, CaseState, DOCUMENT, Document, PhysicalItem, RegistryError, RegistryResult, RetentionStatus,
    case_document_ids, enter_final_state, helsinki_date,
};
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreResult, Tx, TxResult, reject};
use serde::{Deserialize, Serialize};

use crate::dues::due_on;

pub const PROPOSAL: &str = "disposal_proposal";
pub const DESTRUCTION: &str = "destruction_record";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalState {
    Pending,
    Approved,
    /// Every item destroyed (or confirmed destroyed by hand).
    Executed,
    /// Some items could not be destroyed; executing again resumes.
    ExecutionFailed,
    /// Cancelled or rejected: the records return to normal life.
    Restored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    Pending,
    /// Taken out of the proposal before execution, with a reason.
    Removed,
    Destroyed,
    /// A paper record waiting for its destruction to be confirmed by hand.
    AwaitingPaperConfirmation,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalItem {
    pub document: String,
    pub case: String,
    pub diary_number: String,
    pub class: ClassCode,
    pub record_type: String,
    pub title: String,
    pub retention_end: NaiveDate,
    #[serde(default)]
    pub paper: Option<PhysicalItem>,
    pub state: ItemState,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub destruction_record: Option<String>,
    /// The record was not public when proposed: its title is a restricted detail, and showing
    /// the proposal is audited.
    #[serde(default)]
    pub restricted: bool,
}

/// A disposal proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub state: ProposalState,
    pub due_on: NaiveDate,
    #[serde(default)]
    pub class: Option<ClassCode>,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub executed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancel_reason: Option<String>,
    pub items: Vec<ProposalItem>,
}

/// The permanent trace of a destroyed record: metadata only, never due, never destroyed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestructionRecord {
    pub id: String,
    pub document: String,
    pub case: String,
    pub diary_number: String,
    pub class: ClassCode,
    pub record_type: String,
    pub title: String,
    pub created_on: NaiveDate,
    pub retention: String,
    pub retention_reason: Option<String>,
    pub retention_end: NaiveDate,
    pub plan_version: u32,
    pub proposal: String,
    pub proposed_by: String,
    pub approved_by: String,
    pub executed_by: String,
    pub executed_at: DateTime<Utc>,
    /// `electronic: content removed` or the paper method confirmed by hand.
    pub method: String,
    /// SHA-256 of the destroyed content, if it was electronic.
    pub sha256: Option<String>,
    pub size: Option<u64>,
}

/// Who decided a destruction and how it was carried out: the parts of a destruction record not
/// taken from the record itself.
pub(crate) struct Decision<'a> {
    pub title: String,
    pub retention_end: NaiveDate,
    /// The disposal proposal, or the erasure request (`-` for none).
    pub proposal: String,
    pub proposed_by: &'a str,
    pub approved_by: &'a str,
    pub method: String,
    /// Who carries it out, and when.
    pub actor: &'a Actor,
}

impl DestructionRecord {
    /// The destruction record of a document, numbered in the caller's transaction.
    pub(crate) fn of(tx: &Tx<'_>, document: &Document, decision: Decision<'_>) -> TxResult<DestructionRecord> {
        Ok(DestructionRecord {
            id: format!("destr-{}", tx.next_counter("id/destruction")?),
            document: document.id.clone(),
            case: document.case_id.clone(),
            diary_number: document.diary_number.to_string(),
            class: document.class.clone(),
            record_type: document.record_type.clone(),
            title: decision.title,
            created_on: document.created_on,
            retention: document.retention.period.map_or("?".to_owned(), |p| p.to_string()),
            retention_reason: document.retention.reason.clone(),
            retention_end: decision.retention_end,
            plan_version: document.plan_version,
            proposal: decision.proposal,
            proposed_by: decision.proposed_by.to_owned(),
            approved_by: decision.approved_by.to_owned(),
            executed_by: decision.actor.name.clone(),
            executed_at: decision.actor.at,
            method: decision.method,
            sha256: document.content.as_ref().map(|c| c.sha256.to_string()),
            size: document.content.as_ref().map(|c| c.size),
        })
    }
}

fn invalid<T>(code: &'static str, message: impl Into<String>) -> RegistryResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// Documents in open (pending or approved) proposals → the proposal id.
pub fn open_proposal_items(store: &Store) -> StoreResult<HashMap<String, String>> {
    let mut items = HashMap::new();
    for proposal in store.list::<Proposal>(PROPOSAL)? {
        if matches!(
            proposal.state,
            ProposalState::Pending | ProposalState::Approved | ProposalState::ExecutionFailed
        ) {
            for item in proposal.items.iter().filter(|i| {
                matches!(
                    i.state,
                    ItemState::Pending | ItemState::Failed | ItemState::AwaitingPaperConfirmation
                )
            }) {
                items.insert(item.document.clone(), proposal.id.clone());
            }
        }
    }
    Ok(items)
}

fn event(actor: &Actor, action: &str, kind: &str, id: &str) -> AuditEvent {
    AuditEvent::new(actor.at, &actor.name, action).target(kind, id)
}

/// Writes a proposal with its index keys in the caller's transaction.
fn save_proposal(tx: &Tx<'_>, proposal: &Proposal) -> TxResult<()> {
    tx.put(PROPOSAL, &proposal.id, proposal, &proposal_keys(proposal))
}

fn proposal_keys(proposal: &Proposal) -> Vec<IndexKey> {
    vec![IndexKey::new(
        "state",
        match proposal.state {
            ProposalState::Pending => "pending",
            ProposalState::Approved => "approved",
            ProposalState::Executed => "executed",
            ProposalState::ExecutionFailed => "execution-failed",
            ProposalState::Restored => "restored",
        },
    )]
}

pub fn get(store: &Store, id: &str) -> RegistryResult<Proposal> {
    store
        .get::<Proposal>(PROPOSAL, id.trim())?
        .ok_or_else(|| RegistryError::NotFound(format!("disposal proposal {id}")))
}

/// Every proposal, oldest first (disp-2 before disp-10).
pub fn list(store: &Store) -> RegistryResult<Vec<Proposal>> {
    let mut proposals = store.list::<Proposal>(PROPOSAL)?;
    proposals.sort_by_key(|p| p.id.trim_start_matches("disp-").parse::<u64>().unwrap_or(u64::MAX));
    Ok(proposals)
}

/// Builds a proposal from the eligible due records (not held, not in another proposal).
pub fn propose(store: &Store, day: NaiveDate, class: Option<&ClassCode>, actor: &Actor) -> RegistryResult<Proposal> {
    propose_selected(store, day, class, None, actor)
}

/// Builds a proposal from the eligible due records, or only from the chosen ones among them
/// (`documents`): an archivist proposes what they have reviewed. A chosen record that is not
/// due, is held or is already in another proposal is refused by name, never silently dropped.
pub fn propose_selected(
    store: &Store,
    day: NaiveDate,
    class: Option<&ClassCode>,
    documents: Option<&[String]>,
    actor: &Actor,
) -> RegistryResult<Proposal> {
    let due = due_on(store, day, class)?;
    if let Some(chosen) = documents {
        if chosen.is_empty() {
            return invalid("documents_required", "choose at least one record (`documents`)");
        }
        kirjuri_registry::limits::check_each("documents", chosen, kirjuri_registry::limits::NAME)?;
        for id in chosen {
            match due.iter().find(|item| item.document == *id) {
                None => return invalid("not_due", format!("{id} is not due for disposal on {day}")),
                Some(item) if !item.is_eligible() => {
                    return invalid(
                        "not_eligible",
                        format!("{id} is under a legal hold or already in a disposal proposal"),
                    );
                }
                Some(_) => {}
            }
        }
    }
    let items: Vec<ProposalItem> = due
        .into_iter()
        .filter(|item| item.is_eligible())
        .filter(|item| documents.is_none_or(|chosen| chosen.contains(&item.document)))
        .map(|item| ProposalItem {
            document: item.document,
            case: item.case,
            diary_number: item.diary_number,
            class: item.class,
            record_type: item.record_type,
            title: item.title,
            retention_end: item.retention_end,
            paper: item.paper,
            state: ItemState::Pending,
            note: None,
            destruction_record: None,
            restricted: item.restricted,
        })
        .collect();
    if items.is_empty() {
        return invalid(
            "nothing_due",
            format!(
                "no record is eligible for disposal on {day}{}",
                class.map(|c| format!(" in class {c}")).unwrap_or_default()
            ),
        );
    }
    let template = Proposal {
        id: String::new(),
        state: ProposalState::Pending,
        due_on: day,
        class: class.cloned(),
        proposed_by: actor.name.clone(),
        proposed_at: actor.at,
        approved_by: None,
        approved_at: None,
        executed_at: None,
        cancel_reason: None,
        items,
    };
    let proposal = store.transact(|tx| {
        let mut proposal = template.clone();
        proposal.id = format!("disp-{}", tx.next_counter("id/disposal")?);
        tx.put(PROPOSAL, &proposal.id, &proposal, &proposal_keys(&proposal))?;
        tx.audit(
            &event(actor, "disposal.propose", PROPOSAL, &proposal.id)
                .detail(serde_json::json!({ "items": proposal.items.len(), "due_on": day })),
        )?;
        Ok(proposal)
    })?;
    Ok(proposal)
}

/// Why a change to a proposal was refused: a code a client can act on (`own_proposal` for the
/// proposer approving their own proposal; `disposal` for a proposal in the wrong state or an
/// item it lacks) and the message.
struct Refusal {
    code: &'static str,
    message: String,
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal {
            code: "disposal",
            message,
        }
    }
}

fn update(
    store: &Store,
    id: &str,
    actor: &Actor,
    action: &str,
    change: impl Fn(&mut Proposal) -> Result<(), Refusal>,
) -> RegistryResult<Proposal> {
    let id = get(store, id)?.id;
    let proposal = store.transact(|tx| {
        let Some(mut proposal) = tx.get::<Proposal>(PROPOSAL, &id)? else {
            return reject("not_found", format!("disposal proposal {id} not found"));
        };
        if let Err(refusal) = change(&mut proposal) {
            return reject(refusal.code, refusal.message);
        }
        tx.put(PROPOSAL, &id, &proposal, &proposal_keys(&proposal))?;
        tx.audit(&event(actor, action, PROPOSAL, &id))?;
        Ok(proposal)
    })?;
    Ok(proposal)
}

/// Takes a record out of a proposal before execution; it returns to normal life.
pub fn remove_item(store: &Store, id: &str, document: &str, reason: &str, actor: &Actor) -> RegistryResult<Proposal> {
    if reason.trim().is_empty() {
        return invalid("reason_required", "removing a record from a proposal needs a `reason`");
    }
    kirjuri_registry::limits::check_length("reason", reason, kirjuri_registry::limits::TEXT)?;
    update(store, id, actor, "disposal.remove_item", |proposal| {
        if !matches!(proposal.state, ProposalState::Pending | ProposalState::Approved) {
            return Err(format!(
                "proposal {} is {:?}; items can be removed only before execution",
                proposal.id, proposal.state
            )
            .into());
        }
        let Some(item) = proposal
            .items
            .iter_mut()
            .find(|i| i.document == document && i.state == ItemState::Pending)
        else {
            return Err(format!("proposal {} has no pending item {document}", proposal.id).into());
        };
        item.state = ItemState::Removed;
        item.note = Some(reason.trim().to_owned());
        Ok(())
    })
}

/// Approval by an archivist other than the proposer (four eyes).
pub fn approve(store: &Store, id: &str, actor: &Actor) -> RegistryResult<Proposal> {
    update(store, id, actor, "disposal.approve", |proposal| {
        if proposal.state != ProposalState::Pending {
            return Err(format!("proposal {} is {:?}, not pending", proposal.id, proposal.state).into());
        }
        if proposal.proposed_by == actor.name {
            return Err(Refusal {
                code: "own_proposal",
                message: format!(
                    "{} proposed {}; another archivist must approve it",
                    actor.name, proposal.id
                ),
            });
        }
        proposal.state = ProposalState::Approved;
        proposal.approved_by = Some(actor.name.clone());
        proposal.approved_at = Some(actor.at);
        Ok(())
    })
}

/// Cancels (or rejects) a proposal before execution; every record returns to normal life.
pub fn cancel(store: &Store, id: &str, reason: &str, actor: &Actor) -> RegistryResult<Proposal> {
    if reason.trim().is_empty() {
        return invalid("reason_required", "cancelling a proposal needs a `reason`");
    }
    kirjuri_registry::limits::check_length("reason", reason, kirjuri_registry::limits::TEXT)?;
    update(store, id, actor, "disposal.cancel", |proposal| {
        if !matches!(proposal.state, ProposalState::Pending | ProposalState::Approved) {
            return Err(format!(
                "proposal {} is {:?}; only a pending or approved proposal can be cancelled",
                proposal.id, proposal.state
            )
            .into());
        }
        // Once a record is destroyed or its paper sent to be shredded, the proposal is the
        // record of that destruction: it cannot go back to normal life.
        if let Some(item) = proposal
            .items
            .iter()
            .find(|item| matches!(item.state, ItemState::Destroyed | ItemState::AwaitingPaperConfirmation))
        {
            return Err(Refusal {
                code: "execution_started",
                message: format!(
                    "proposal {} has been executed in part ({} is {:?}); it can no longer be cancelled",
                    proposal.id, item.document, item.state
                ),
            });
        }
        proposal.state = ProposalState::Restored;
        proposal.cancel_reason = Some(reason.trim().to_owned());
        Ok(())
    })
}

/// Outcome of one execution run.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutionReport {
    pub proposal: Proposal,
    pub destroyed: usize,
    pub awaiting_paper: usize,
    pub failed: Vec<(String, String)>,
    pub kept_for_hold: Vec<String>,
    /// Records whose retention has not ended on the day of execution (document, retention
    /// end): they stay in the proposal and can be executed on or after that day.
    pub not_yet_due: Vec<(String, NaiveDate)>,
    /// Digests of the content of the records destroyed in this run. Their files are removed by
    /// the caller once nothing else refers to them (`kirjuri-app`, which also sees OCR records).
    #[serde(skip)]
    pub content_destroyed: Vec<String>,
}

/// Executes an approved proposal, or resumes a failed run. Each record is destroyed in its own
/// transaction (destruction record in, record out, audited); the report names the destroyed
/// content, whose files the caller (`kirjuri_app::App::execute_disposal`) removes when nothing
/// else refers to them.
///
/// A proposal may look ahead (`propose --on` a later day), but execution destroys only what is
/// due on the day it runs (`actor.at` in Helsinki): a record whose retention ends later stays
/// in the proposal, pending, and is reported in `not_yet_due`.
pub fn execute(store: &Store, id: &str, actor: &Actor) -> RegistryResult<ExecutionReport> {
    let proposal = get(store, id)?;
    if !matches!(proposal.state, ProposalState::Approved | ProposalState::ExecutionFailed) {
        return invalid(
            "not_approved",
            format!(
                "proposal {} is {:?}; it must be approved first",
                proposal.id, proposal.state
            ),
        );
    }
    let approved_by = proposal.approved_by.clone().unwrap_or_default();
    let mut failed = Vec::new();
    let mut kept_for_hold = Vec::new();
    let mut not_yet_due = Vec::new();
    let mut content_destroyed = Vec::new();
    let (mut destroyed, mut awaiting_paper) = (0, 0);
    for item in proposal
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Pending | ItemState::Failed))
    {
        let outcome = destroy_one(store, &proposal, item, &approved_by, actor, None);
        match outcome {
            Ok(ItemOutcome::Destroyed(content)) => {
                destroyed += 1;
                content_destroyed.extend(content);
            }
            Ok(ItemOutcome::AwaitingPaper) => awaiting_paper += 1,
            Ok(ItemOutcome::Held(hold)) => kept_for_hold.push(format!("{}: {hold}", item.document)),
            Ok(ItemOutcome::NotYetDue(end)) => not_yet_due.push((item.document.clone(), end)),
            Err(error) => failed.push((item.document.clone(), error.to_string())),
        }
    }
    let failed_ids: Vec<String> = failed.iter().map(|(d, _)| d.clone()).collect();
    let final_state = update(store, id, actor, "disposal.execute", |proposal| {
        for item in proposal.items.iter_mut() {
            if failed_ids.contains(&item.document) {
                item.state = ItemState::Failed;
            }
        }
        let waiting_for_its_day = |item: &ProposalItem| not_yet_due.iter().any(|(d, _)| *d == item.document);
        let unfinished = proposal
            .items
            .iter()
            .any(|i| matches!(i.state, ItemState::Pending | ItemState::Failed) && !waiting_for_its_day(i));
        let waiting = proposal
            .items
            .iter()
            .any(|i| i.state == ItemState::AwaitingPaperConfirmation || waiting_for_its_day(i));
        // Approved (not yet executed) while paper records wait for their confirmation by hand
        // or records wait for the end of their retention.
        proposal.state = if unfinished {
            ProposalState::ExecutionFailed
        } else if waiting {
            ProposalState::Approved
        } else {
            ProposalState::Executed
        };
        if proposal.state == ProposalState::Executed {
            proposal.executed_at = Some(actor.at);
        }
        Ok(())
    })?;
    Ok(ExecutionReport {
        proposal: final_state,
        destroyed,
        awaiting_paper,
        failed,
        kept_for_hold,
        not_yet_due,
        content_destroyed,
    })
}

enum ItemOutcome {
    /// Destroyed; the digest of its content, if it had any.
    Destroyed(Option<String>),
    AwaitingPaper,
    Held(String),
    /// Retention ends after the day of execution (the day it ends).
    NotYetDue(NaiveDate),
}

/// Confirms by hand that a paper record was destroyed (method, by whom).
pub fn confirm_paper(store: &Store, id: &str, document: &str, method: &str, actor: &Actor) -> RegistryResult<Proposal> {
    let proposal = get(store, id)?;
    let Some(item) = proposal
        .items
        .iter()
        .find(|i| i.document == document && i.state == ItemState::AwaitingPaperConfirmation)
    else {
        return invalid(
            "not_awaiting",
            format!("{document} is not awaiting paper confirmation in {}", proposal.id),
        );
    };
    if method.trim().is_empty() {
        return invalid(
            "method_required",
            "give the `method`, e.g. tietosuojajäte, lukittu keräysastia",
        );
    }
    kirjuri_registry::limits::check_length("method", method, kirjuri_registry::limits::NAME)?;
    let approved_by = proposal.approved_by.clone().unwrap_or_default();
    if let ItemOutcome::NotYetDue(end) = destroy_one(store, &proposal, item, &approved_by, actor, Some(method.trim()))?
    {
        return invalid(
            "not_yet_due",
            format!(
                "{document} is not yet due (its retention ends {end}); confirm its destruction on or after that day"
            ),
        );
    }
    let updated = get(store, id)?;
    let unfinished = updated.items.iter().any(|i| {
        matches!(
            i.state,
            ItemState::Pending | ItemState::Failed | ItemState::AwaitingPaperConfirmation
        )
    });
    if !unfinished && updated.state != ProposalState::Executed {
        return update(store, id, actor, "disposal.executed", |p| {
            p.state = ProposalState::Executed;
            p.executed_at = Some(actor.at);
            Ok(())
        });
    }
    Ok(updated)
}

fn destroy_one(
    store: &Store,
    proposal: &Proposal,
    item: &ProposalItem,
    approved_by: &str,
    actor: &Actor,
    paper_method: Option<&str>,
) -> RegistryResult<ItemOutcome> {
    let proposal_id = proposal.id.clone();
    let outcome = store.transact(|tx| {
        let Some(document) = tx.get::<Document>(DOCUMENT, &item.document)? else {
            return reject("gone", format!("{} no longer exists", item.document));
        };
        let case = tx.get::<Case>(CASE, &document.case_id)?;
        // Holds are re-checked at execution.
        let hold = document
            .legal_holds
            .iter()
            .chain(case.iter().flat_map(|c| c.legal_holds.iter()))
            .find(|h| h.is_active())
            .map(|h| h.reason.clone());
        let mut stored_proposal = tx
            .get::<Proposal>(PROPOSAL, &proposal_id)?
            .unwrap_or_else(|| proposal.clone());
        let Some(stored_item) = stored_proposal.items.iter_mut().find(|i| i.document == item.document) else {
            return reject("gone", format!("{} is not in {proposal_id}", item.document));
        };
        if let Some(hold) = hold {
            stored_item.state = ItemState::Removed;
            stored_item.note = Some(format!("legal hold at execution: {hold}"));
            save_proposal(tx, &stored_proposal)?;
            return Ok(ItemOutcome::Held(hold));
        }
        let RetentionStatus::EndsOn(end) = document.retention_status else {
            return reject(
                "not_due",
                format!("{} is no longer due (its retention changed)", item.document),
            );
        };
        if end > proposal.due_on {
            return reject(
                "not_due",
                format!("{} is no longer due (its retention changed)", item.document),
            );
        }
        // Destroying a record before its retention ends is unlawful and cannot be undone: only
        // what is due on the day of execution goes, whatever day the proposal looked ahead to.
        let execution_day = helsinki_date(actor.at);
        if end > execution_day {
            let note = format!("not yet due (ends {end})");
            if stored_item.note.as_deref() != Some(note.as_str()) {
                stored_item.note = Some(note);
                save_proposal(tx, &stored_proposal)?;
            }
            return Ok(ItemOutcome::NotYetDue(end));
        }
        if document.physical.is_some() && paper_method.is_none() {
            stored_item.state = ItemState::AwaitingPaperConfirmation;
            save_proposal(tx, &stored_proposal)?;
            return Ok(ItemOutcome::AwaitingPaper);
        }
        let record = DestructionRecord::of(
            tx,
            &document,
            Decision {
                title: document.title.clone(),
                retention_end: item.retention_end,
                proposal: proposal_id.clone(),
                proposed_by: &proposal.proposed_by,
                approved_by,
                method: paper_method
                    .map_or_else(|| "electronic: content removed".to_owned(), |m| format!("paper: {m}")),
                actor,
            },
        )?;
        let record_id = record.id.clone();
        replace_by_destruction_record(tx, &record)?;
        stored_item.state = ItemState::Destroyed;
        stored_item.note = None;
        stored_item.destruction_record = Some(record_id.clone());
        save_proposal(tx, &stored_proposal)?;
        tx.audit(
            &event(actor, "document.destroy", DOCUMENT, &document.id).detail(serde_json::json!({
                "proposal": proposal_id, "destruction_record": record_id, "sha256": record.sha256,
            })),
        )?;
        // The case is destroyed with its last record.
        let remaining = case_document_ids(tx, &document.case_id)?;
        let mut any_left = false;
        for other in remaining.iter().filter(|d| **d != document.id) {
            if tx.get::<Document>(DOCUMENT, other)?.is_some() {
                any_left = true;
                break;
            }
        }
        if !any_left {
            enter_final_state(
                tx,
                &document.case_id,
                CaseState::Havitetty,
                &format!("disposal {proposal_id}"),
                actor,
            )?;
        }
        Ok(ItemOutcome::Destroyed(record.sha256.clone()))
    })?;
    Ok(outcome)
}

/// Stores a destruction record (indexed by class and proposal) and removes its document, in
/// the caller's transaction.
pub(crate) fn replace_by_destruction_record(tx: &Tx<'_>, record: &DestructionRecord) -> TxResult<()> {
    tx.put(
        DESTRUCTION,
        &record.id,
        record,
        &[
            IndexKey::new("class", format!("{}.", record.class.dotted())),
            IndexKey::new("proposal", record.proposal.as_str()),
        ],
    )?;
    tx.delete(DOCUMENT, &record.document)
}

/// Destruction records of a proposal (or all), for the electronic destruction list. An
/// unknown proposal is an error (`NotFound`), not an empty list. Erasures are listed under the
/// request they were made for.
pub fn destruction_records(store: &Store, proposal: Option<&str>) -> RegistryResult<Vec<DestructionRecord>> {
    let mut records: Vec<DestructionRecord> = match proposal {
        Some(id) => {
            let known = store.get::<Proposal>(PROPOSAL, id)?.is_some()
                || store.get::<serde_json::Value>(kirjuri_requests::REQUEST, id)?.is_some();
            if !known {
                return Err(RegistryError::NotFound(format!("disposal proposal {id}")));
            }
            let mut found = Vec::new();
            for record_id in store.scan_index("proposal", id, DESTRUCTION)? {
                if let Some(record) = store.get(DESTRUCTION, &record_id)? {
                    found.push(record);
                }
            }
            found
        }
        None => store.list(DESTRUCTION)?,
    };
    records.sort_by_key(|r| r.id.trim_start_matches("destr-").parse::<u64>().unwrap_or(0));
    Ok(records)
}

/// The destruction list as CSV.
pub fn destruction_csv(records: &[DestructionRecord]) -> Result<String, String> {
    use kirjuri_registry::limits::spreadsheet_safe as safe;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        // Every text a person typed or named stays text in a spreadsheet.
        let record = DestructionRecord {
            diary_number: safe(&record.diary_number),
            record_type: safe(&record.record_type),
            title: safe(&record.title),
            retention: safe(&record.retention),
            retention_reason: record.retention_reason.as_deref().map(safe),
            proposed_by: safe(&record.proposed_by),
            approved_by: safe(&record.approved_by),
            executed_by: safe(&record.executed_by),
            method: safe(&record.method),
            ..record.clone()
        };
        writer.serialize(&record).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
