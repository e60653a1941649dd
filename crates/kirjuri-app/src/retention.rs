//! The retention views that show restricted records' titles (the due list and disposal
//! proposals), audited in one place like a case view: the entry names the restricted records
//! shown, so a log investigation finds these reads too. Each view is made for a reader: a
//! record whose case's access list leaves the reader out is listed (its retention is the
//! archivist's business) with its title hidden (`HIDDEN_TITLE`).

use chrono::NaiveDate;
use kirjuri_archive::disposal::{self, Proposal};
use kirjuri_archive::{DueItem, due_on};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, Reader};
use kirjuri_store::AuditEvent;

use crate::{App, AppResult};

/// The title shown in place of a record's when its case's access list leaves the reader out.
pub const HIDDEN_TITLE: &str = "(restricted)";

impl App {
    /// Records due for disposal on `day` (optionally in a class), for `reader`. A list that
    /// shows restricted records is audited as `retention.due.read`.
    pub fn retention_due(
        &self,
        day: NaiveDate,
        class: Option<&ClassCode>,
        reader: &Reader,
        actor: &Actor,
    ) -> AppResult<Vec<DueItem>> {
        let mut items = due_on(&self.store, day, class)?;
        let hidden = self.hidden_cases(reader, items.iter().map(|item| item.case.as_str()))?;
        for item in items.iter_mut().filter(|item| hidden.contains(&item.case)) {
            item.title = HIDDEN_TITLE.to_owned();
        }
        let restricted: Vec<&str> = items
            .iter()
            .filter(|item| item.restricted && !hidden.contains(&item.case))
            .map(|item| item.document.as_str())
            .collect();
        self.audit_shown(actor, "retention.due.read", None, &restricted)?;
        Ok(items)
    }

    /// One disposal proposal, for `reader`; audited as `disposal.read` when it lists
    /// restricted records.
    pub fn disposal_proposal(&self, id: &str, reader: &Reader, actor: &Actor) -> AppResult<Proposal> {
        let mut proposal = disposal::get(&self.store, id)?;
        self.hide_titles(reader, std::slice::from_mut(&mut proposal))?;
        self.audit_proposals(actor, std::slice::from_ref(&proposal), Some(id))?;
        Ok(proposal)
    }

    /// Every disposal proposal, oldest first; audited as `disposal.read` when any lists
    /// restricted records.
    pub fn disposal_proposals(&self, reader: &Reader, actor: &Actor) -> AppResult<Vec<Proposal>> {
        let mut proposals = disposal::list(&self.store)?;
        self.hide_titles(reader, &mut proposals)?;
        self.audit_proposals(actor, &proposals, None)?;
        Ok(proposals)
    }

    /// Confirms by hand that a paper record of an approved proposal was destroyed (`method`:
    /// how, e.g. "tietosuojajäte"), then, like an execution run, removes whatever scanned
    /// content the record had from the blob store and the search index. The archive layer
    /// refuses a record whose retention has not ended, one under a legal hold and one that is
    /// not awaiting confirmation; the destruction is audited as `document.destroy`.
    pub fn confirm_paper_destruction(
        &self,
        proposal: &str,
        document: &str,
        method: &str,
        actor: &Actor,
    ) -> AppResult<Proposal> {
        let content: Vec<String> = self
            .store
            .get::<kirjuri_registry::Document>(kirjuri_registry::DOCUMENT, document)?
            .and_then(|stored| stored.content.map(|c| c.sha256.to_string()))
            .into_iter()
            .collect();
        let confirmed = disposal::confirm_paper(&self.store, proposal, document, method, actor)?;
        let destroyed = confirmed
            .items
            .iter()
            .any(|item| item.document == document && item.state == disposal::ItemState::Destroyed);
        if destroyed {
            self.purge_destroyed(&content)?;
        }
        Ok(confirmed)
    }

    /// The cases among `cases` whose access list leaves `reader` out.
    pub fn hidden_cases<'a>(
        &self,
        reader: &Reader,
        cases: impl Iterator<Item = &'a str>,
    ) -> AppResult<std::collections::HashSet<String>> {
        let mut cases: Vec<&str> = cases.collect();
        cases.sort_unstable();
        cases.dedup();
        let mut hidden = std::collections::HashSet::new();
        for case in cases {
            // As `Registry::case_hidden_from`: an access list names who reads the case,
            // whatever their role.
            let listed_out = self
                .store
                .get::<kirjuri_registry::Case>(kirjuri_registry::CASE, case)?
                .is_some_and(|found| !found.access.is_empty() && !reader.covers(&found));
            if listed_out {
                hidden.insert(case.to_owned());
            }
        }
        Ok(hidden)
    }

    /// Hides the titles of the proposals' records whose case's access list leaves `reader` out.
    fn hide_titles(&self, reader: &Reader, proposals: &mut [Proposal]) -> AppResult<()> {
        let hidden = self.hidden_cases(
            reader,
            proposals
                .iter()
                .flat_map(|p| p.items.iter())
                .map(|item| item.case.as_str()),
        )?;
        for item in proposals
            .iter_mut()
            .flat_map(|p| p.items.iter_mut())
            .filter(|item| hidden.contains(&item.case))
        {
            item.title = HIDDEN_TITLE.to_owned();
        }
        Ok(())
    }

    fn audit_proposals(&self, actor: &Actor, proposals: &[Proposal], id: Option<&str>) -> AppResult<()> {
        let restricted: Vec<&str> = proposals
            .iter()
            .flat_map(|proposal| proposal.items.iter())
            .filter(|item| item.restricted && item.title != HIDDEN_TITLE)
            .map(|item| item.document.as_str())
            .collect();
        self.audit_shown(actor, "disposal.read", id, &restricted)
    }

    /// One audit entry for a view that showed restricted records (none when it showed none).
    fn audit_shown(&self, actor: &Actor, action: &str, proposal: Option<&str>, restricted: &[&str]) -> AppResult<()> {
        if restricted.is_empty() {
            return Ok(());
        }
        let mut event = AuditEvent::new(actor.at, &actor.name, action)
            .purpose(actor.purpose.as_deref())
            .detail(serde_json::json!({ "restricted_documents_shown": restricted }));
        if let Some(proposal) = proposal {
            event = event.target(disposal::PROPOSAL, proposal);
        }
        self.store.audit(&event)?;
        Ok(())
    }
}
