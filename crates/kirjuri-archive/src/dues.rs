//! Retention dues: which records may be destroyed on a day. A range scan over the index of
//! retention ends, never a full scan; permanent records and records awaiting their trigger are
//! never in it. Holds (on the record or its case) and open disposal proposals are shown.

use chrono::{Days, NaiveDate};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{CASE, Case, DOCUMENT, Document, PhysicalItem, RetentionStatus};
use kirjuri_store::{Store, StoreResult};
use serde::Serialize;

use crate::disposal::open_proposal_items;

/// One record due for disposal.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub document: String,
    pub case: String,
    pub diary_number: String,
    pub class: ClassCode,
    pub record_type: String,
    pub title: String,
    pub retention_end: NaiveDate,
    pub retention: String,
    pub retention_reason: Option<String>,
    pub plan_version: u32,
    /// A paper record: destroyed by hand, confirmed item by item.
    pub paper: Option<PhysicalItem>,
    /// Active legal holds on the record or its case: it stays out of disposal.
    pub holds: Vec<String>,
    /// The open disposal proposal it is already in.
    pub in_proposal: Option<String>,
    /// Not public (the document or its case): its title and type are restricted details, and
    /// showing them is audited.
    pub restricted: bool,
}

impl DueItem {
    pub fn is_eligible(&self) -> bool {
        self.holds.is_empty() && self.in_proposal.is_none()
    }
}

/// Records whose retention ended on or before `day`, optionally within a class.
pub fn due_on(store: &Store, day: NaiveDate, class: Option<&ClassCode>) -> StoreResult<Vec<DueItem>> {
    let until = day.checked_add_days(Days::new(1)).unwrap_or(day);
    let ids = store.scan_index_range("retention_end", "0000-00-00", &until.to_string(), DOCUMENT)?;
    let in_proposals = open_proposal_items(store)?;
    let mut cases: std::collections::HashMap<String, Option<Case>> = std::collections::HashMap::new();
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(document) = store.get::<Document>(DOCUMENT, &id)? else {
            continue;
        };
        if class.is_some_and(|c| !document.class.is_within(c)) {
            continue;
        }
        let RetentionStatus::EndsOn(end) = document.retention_status else {
            continue;
        };
        let case = match cases.get(&document.case_id) {
            Some(case) => case.clone(),
            None => {
                let loaded = store.get::<Case>(CASE, &document.case_id)?;
                cases.insert(document.case_id.clone(), loaded.clone());
                loaded
            }
        };
        let mut holds: Vec<String> = document
            .legal_holds
            .iter()
            .filter(|h| h.is_active())
            .map(|h| format!("{}: {}", h.id, h.reason))
            .collect();
        if let Some(case) = &case {
            holds.extend(
                case.legal_holds
                    .iter()
                    .filter(|h| h.is_active())
                    .map(|h| format!("{} (case): {}", h.id, h.reason)),
            );
        }
        items.push(DueItem {
            document: document.id.clone(),
            case: document.case_id.clone(),
            diary_number: document.diary_number.to_string(),
            class: document.class.clone(),
            record_type: document.record_type.clone(),
            title: document.title.clone(),
            retention_end: end,
            retention: document.retention.period.map_or("?".to_owned(), |p| p.to_string()),
            retention_reason: document.retention.reason.clone(),
            plan_version: document.plan_version,
            paper: document.physical.clone(),
            holds,
            in_proposal: in_proposals.get(&document.id).cloned(),
            // Restricted when the document is, or its case is (a restricted case, one with an
            // access list, a request or incident case): showing its title is then audited.
            restricted: !document.is_public()
                || case.as_ref().is_none_or(|case| {
                    !case.access.is_empty()
                        || case.handled_city_wide()
                        || case.publicity != Some(kirjuri_plan::PublicityClass::Public)
                }),
        });
    }
    Ok(items)
}
