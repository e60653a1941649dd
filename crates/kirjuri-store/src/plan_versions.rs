//! Plan versions (DOMAIN.md §2.4): every version of the information-management plan, kept
//! forever. A new version starts as a draft; approval sets its validity and closes the
//! validity of the version it replaces. Project decision: an approved version is never
//! deleted or edited, so every record can always explain its retention.

use chrono::{Days, NaiveDate};
use kirjuri_plan::{Plan, PlanState};
use serde::Serialize;

use crate::{StoreError, StoreResult, decode_u64, encode_u64};

/// One line of the version list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanVersionSummary {
    pub version: u32,
    pub name: String,
    pub state: PlanState,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub classes: usize,
    pub record_types: usize,
}

/// Access to the stored plan versions.
impl PlanVersionSummary {
    /// The summary line of one version.
    pub fn of(plan: &Plan) -> PlanVersionSummary {
        PlanVersionSummary {
            version: plan.meta.version,
            name: plan.meta.name.clone(),
            state: plan.meta.state,
            valid_from: plan.meta.valid_from,
            valid_to: plan.meta.valid_to,
            classes: plan.classes.len(),
            record_types: plan.record_types().count(),
        }
    }
}

pub struct PlanVersions {
    db: sled::Db,
    tree: sled::Tree,
}

impl PlanVersions {
    pub(crate) fn open(db: &sled::Db, tree_name: &str) -> StoreResult<PlanVersions> {
        Ok(PlanVersions {
            db: db.clone(),
            tree: db.open_tree(tree_name)?,
        })
    }

    fn decode(bytes: &[u8]) -> StoreResult<Plan> {
        serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
            what: "plan version".to_owned(),
            detail: e.to_string(),
        })
    }

    /// Every version, oldest first.
    pub fn all(&self) -> StoreResult<Vec<Plan>> {
        let mut plans = Vec::new();
        for entry in self.tree.iter() {
            let (_, value) = entry?;
            plans.push(Self::decode(&value)?);
        }
        Ok(plans)
    }

    pub fn summaries(&self) -> StoreResult<Vec<PlanVersionSummary>> {
        Ok(self
            .all()?
            .into_iter()
            .map(|plan| PlanVersionSummary::of(&plan))
            .collect())
    }

    pub fn get(&self, version: u32) -> StoreResult<Option<Plan>> {
        match self.tree.get(encode_u64(u64::from(version)))? {
            Some(bytes) => Ok(Some(Self::decode(&bytes)?)),
            None => Ok(None),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    fn latest_number(&self) -> StoreResult<u32> {
        match self.tree.last()? {
            Some((key, _)) => {
                let number = decode_u64(&key).ok_or_else(|| StoreError::Corrupt {
                    what: "plan version key".to_owned(),
                    detail: format!("{} bytes", key.len()),
                })?;
                Ok(u32::try_from(number).unwrap_or(u32::MAX))
            }
            None => Ok(0),
        }
    }

    /// A checksum over every stored version: it changes whenever a version is added, approved
    /// or ended, so a reader can keep a decoded catalogue until then.
    pub fn fingerprint(&self) -> StoreResult<u32> {
        Ok(self.tree.checksum()?)
    }

    /// The approved version in force on `day`: the latest approved one whose validity covers it.
    pub fn in_force(&self, day: NaiveDate) -> StoreResult<Option<Plan>> {
        let mut found = None;
        for plan in self.all()? {
            let meta = &plan.meta;
            let started = meta.valid_from.is_none_or(|from| from <= day);
            let not_ended = meta.valid_to.is_none_or(|to| to >= day);
            if meta.state == PlanState::Approved && started && not_ended {
                found = Some(plan);
            }
        }
        Ok(found)
    }

    /// Stores `plan` as the next version number, keeping its state; returns the number.
    /// The write is flushed before this returns.
    pub fn add(&self, mut plan: Plan) -> StoreResult<u32> {
        let version = self
            .latest_number()?
            .checked_add(1)
            .ok_or_else(|| StoreError::Conflict("too many plan versions".to_owned()))?;
        plan.meta.version = version;
        let bytes = serde_json::to_vec(&plan).map_err(|e| StoreError::Corrupt {
            what: "plan version".to_owned(),
            detail: e.to_string(),
        })?;
        let key = encode_u64(u64::from(version));
        // compare_and_swap from None: two writers can never both create version N.
        self.tree
            .compare_and_swap(key, None as Option<&[u8]>, Some(bytes))?
            .map_err(|_| StoreError::Conflict(format!("plan version {version} was created concurrently; try again")))?;
        self.db.flush()?;
        Ok(version)
    }

    /// Approves a draft version from `valid_from`; the version in force before it gets
    /// `valid_to` = the day before. Both changes are written in one transaction.
    pub fn approve(
        &self,
        version: u32,
        valid_from: NaiveDate,
        approved_by: &str,
        approved_on: NaiveDate,
    ) -> StoreResult<Plan> {
        let mut plan = self
            .get(version)?
            .ok_or_else(|| StoreError::NotFound(format!("plan version {version}")))?;
        if plan.meta.state == PlanState::Approved {
            return Err(StoreError::Conflict(format!(
                "plan version {version} is already approved"
            )));
        }
        plan.meta.state = PlanState::Approved;
        plan.meta.valid_from = Some(valid_from);
        plan.meta.approved_by = Some(approved_by.to_owned());
        plan.meta.approved_on = Some(approved_on);
        let day_before = valid_from.checked_sub_days(Days::new(1)).unwrap_or(valid_from);
        let mut updates: Vec<Plan> = Vec::new();
        for mut other in self.all()? {
            let is_open_approved = other.meta.state == PlanState::Approved && other.meta.valid_to.is_none();
            let starts_before = other.meta.valid_from.is_none_or(|from| from < valid_from);
            if other.meta.version != version && is_open_approved && starts_before {
                other.meta.valid_to = Some(day_before);
                updates.push(other);
            }
        }
        updates.push(plan.clone());
        let mut batch = sled::Batch::default();
        for updated in &updates {
            let bytes = serde_json::to_vec(updated).map_err(|e| StoreError::Corrupt {
                what: "plan version".to_owned(),
                detail: e.to_string(),
            })?;
            batch.insert(&encode_u64(u64::from(updated.meta.version)), bytes);
        }
        self.tree.apply_batch(batch)?;
        self.db.flush()?;
        Ok(plan)
    }
}
