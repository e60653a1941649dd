//! Plan versions (DOMAIN.md §2.4): every version of the information-management plan, kept
//! forever. A new version starts as a draft; approval, one transaction, sets its validity and
//! closes the validity of the version it replaces. Project decisions: an approved version is
//! never deleted or edited, so every record can always explain its retention; approvals move
//! forward in time (never from a past day, always after every approved version's first day),
//! so validity periods never overlap ([`PlanVersions::approve`]).

use chrono::{Datelike, NaiveDate};
use kirjuri_plan::{Plan, PlanState};
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use crate::{StoreError, StoreResult, decode_u64, encode_u64};

/// One line of the version list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanVersionSummary {
    pub version: u32,
    pub name: String,
    pub state: PlanState,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// Who approved the version and on which day (none for a draft).
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
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
            approved_by: plan.meta.approved_by.clone(),
            approved_on: plan.meta.approved_on,
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
        let plans = self.all()?;
        Ok(in_force_among(&plans, day).cloned())
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

    /// Approves the draft `version` from `valid_from` on; every approved version still open
    /// (no `valid_to`) ends the day before. One sled transaction reads every version, checks
    /// the rules and writes the changes, so of two approvals at once exactly one succeeds and
    /// the other sees its result (sled serialises transactions and retries on a conflict).
    ///
    /// The rules, project decision (a records office does not rewrite history):
    /// - `valid_from` is not before `approved_on` (the day of approval, Helsinki), and its
    ///   year is within 1900–9999 (`Rejected` with code `bad_valid_from`);
    /// - `valid_from` is later than the `valid_from` of every approved version, in force or
    ///   not yet (`Conflict`): approvals move forward in time, so validity periods never
    ///   overlap and no approved version is hidden behind another — the version in force on
    ///   a day is the only approved one whose period covers it;
    /// - an approved version is never approved again (`Conflict`).
    pub fn approve(
        &self,
        version: u32,
        valid_from: NaiveDate,
        approved_by: &str,
        approved_on: NaiveDate,
    ) -> StoreResult<Approval> {
        if !(FIRST_VALID_YEAR..=LAST_VALID_YEAR).contains(&valid_from.year()) {
            return Err(StoreError::Rejected {
                code: "bad_valid_from",
                message: format!("`valid_from` {valid_from} is outside the years {FIRST_VALID_YEAR}-{LAST_VALID_YEAR}"),
            });
        }
        if valid_from < approved_on {
            return Err(StoreError::Rejected {
                code: "bad_valid_from",
                message: format!(
                    "`valid_from` {valid_from} is before the day of approval ({approved_on}); an approval cannot change which plan was in force in the past"
                ),
            });
        }
        let outcome = self.tree.transaction(|tx| {
            let mut plans = Vec::new();
            let mut number = 1u64;
            while let Some(bytes) = tx.get(encode_u64(number))? {
                let plan = Self::decode(&bytes).map_err(ConflictableTransactionError::Abort)?;
                plans.push(plan);
                number += 1;
            }
            let approval = approval_of(plans, version, valid_from, approved_by, approved_on)
                .map_err(ConflictableTransactionError::Abort)?;
            for changed in approval.ended.iter().chain(std::iter::once(&approval.plan)) {
                let bytes = serde_json::to_vec(changed).map_err(|e| {
                    ConflictableTransactionError::Abort(StoreError::Corrupt {
                        what: "plan version".to_owned(),
                        detail: e.to_string(),
                    })
                })?;
                tx.insert(&encode_u64(u64::from(changed.meta.version)), bytes)?;
            }
            Ok(approval)
        });
        let approval = outcome.map_err(|error| match error {
            TransactionError::Abort(refused) => refused,
            TransactionError::Storage(error) => StoreError::Db(error),
        })?;
        self.db.flush()?;
        Ok(approval)
    }
}

/// First and last year a plan version may start in.
const FIRST_VALID_YEAR: i32 = 1900;
const LAST_VALID_YEAR: i32 = 9999;

/// What an approval stored: the approved version, and the versions it ended (each with its
/// new `valid_to`).
#[derive(Debug, Clone)]
pub struct Approval {
    pub plan: Plan,
    pub ended: Vec<Plan>,
}

/// The approval of `version` among all stored `plans` (oldest first) under the rules of
/// [`PlanVersions::approve`], or why it is refused.
fn approval_of(
    plans: Vec<Plan>,
    version: u32,
    valid_from: NaiveDate,
    approved_by: &str,
    approved_on: NaiveDate,
) -> StoreResult<Approval> {
    let Some(position) = plans.iter().position(|p| p.meta.version == version) else {
        return Err(StoreError::NotFound(format!("plan version {version}")));
    };
    if plans[position].meta.state == PlanState::Approved {
        return Err(StoreError::Conflict(format!(
            "plan version {version} is already approved"
        )));
    }
    let approved: Vec<&Plan> = plans.iter().filter(|p| p.meta.state == PlanState::Approved).collect();
    if let Some(later) = approved
        .iter()
        .filter(|p| p.meta.valid_from.is_some_and(|from| from >= valid_from))
        .max_by_key(|p| p.meta.valid_from)
    {
        let (other, other_from) = (later.meta.version, later.meta.valid_from.unwrap_or(valid_from));
        return Err(StoreError::Conflict(format!(
            "plan version {other} is approved from {other_from}; version {version} must start after that day \
             (approvals move forward in time, so that no approved version is hidden behind another)"
        )));
    }
    let day_before = valid_from.pred_opt().unwrap_or(valid_from);
    let mut ended = Vec::new();
    let mut plan = None;
    for mut other in plans {
        if other.meta.version == version {
            other.meta.state = PlanState::Approved;
            other.meta.valid_from = Some(valid_from);
            other.meta.approved_by = Some(approved_by.to_owned());
            other.meta.approved_on = Some(approved_on);
            plan = Some(other);
        } else if other.meta.state == PlanState::Approved && other.meta.valid_to.is_none() {
            other.meta.valid_to = Some(day_before);
            ended.push(other);
        }
    }
    let plan = plan.ok_or_else(|| StoreError::NotFound(format!("plan version {version}")))?;
    Ok(Approval { plan, ended })
}

/// Of `plans` (in version order, as [`PlanVersions::all`] lists them), the approved version in
/// force on `day`: the latest approved one whose validity covers it. For a reader that asks
/// about many days at once (the annual report) without reading the store for each.
pub fn in_force_among(plans: &[Plan], day: NaiveDate) -> Option<&Plan> {
    plans.iter().rev().find(|plan| {
        let meta = &plan.meta;
        let started = meta.valid_from.is_none_or(|from| from <= day);
        let not_ended = meta.valid_to.is_none_or(|to| to >= day);
        meta.state == PlanState::Approved && started && not_ended
    })
}
