//! Request operations on the store: log a request (opening or linking its registry case),
//! move it through its lifecycle, extend or pause its clock with the reasons recorded, list
//! what is due, compute the year's statistics, and answer a log investigation from the audit
//! trail. Every change is one audited transaction.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use kirjuri_clock::{Deadline, Rule, Start, compute};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{
    Actor, Direction, Document, NewDocument, OpenCase, Reader, Registry, RegistryError, RegistryResult,
    RestrictionRequest, helsinki_date, store_content,
};
use kirjuri_store::{AuditEvent, IndexKey, Tx, TxResult, reject};
use serde::Serialize;

use crate::model::{
    ClockPause, Extension, ExtensionJustification, InfoRequest, LogOrigin, RequestKind, RequestState,
    RequestTransition, StoredDeadline,
};

pub const REQUEST: &str = "request";

/// Errors are the registry's: `Invalid` (bad input, with a stable code), `NotFound`, `Store`.
pub type RequestError = RegistryError;
pub type RequestResult<T> = RegistryResult<T>;

fn invalid<T>(code: &'static str, message: impl Into<String>) -> RequestResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// A request as the registry office logs it.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub received: Start,
    pub requester: Option<String>,
    pub anonymous: bool,
    pub channel: Option<String>,
    pub origin: Option<LogOrigin>,
    pub assignee: Option<String>,
    /// Link to an existing case instead of opening one.
    pub case: Option<String>,
}

/// A state change with what it needs.
#[derive(Debug, Clone, Default)]
pub struct TransitionRequest {
    pub reason: Option<String>,
    pub legal_basis: Vec<String>,
    /// Extensions: the day the requester was told (default: today).
    pub told_requester_on: Option<NaiveDate>,
    /// Publicity Act one-month track.
    pub justification: Option<ExtensionJustification>,
    /// A refusal ground outside the secrecy-grounds list, as free text (counted as "other").
    pub other_ground: Option<String>,
    /// The data folder's Publicity Act settings (decision target, appeal court).
    pub publicity: crate::publicity::PublicitySettings,
    /// Refusing a GDPR request: the refusal told the person of their right to complain to
    /// the Data Protection Ombudsman and to go to court (GDPR 12(4)); required.
    pub complaint_rights_told: bool,
}

/// Filters of `request list`.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub overdue: bool,
    pub due_within_days: Option<u64>,
    pub assignee: Option<String>,
    pub state: Option<RequestState>,
    pub kind: Option<RequestKind>,
    pub include_decided: bool,
}

fn index_keys(request: &InfoRequest) -> Vec<IndexKey> {
    let mut keys = vec![
        IndexKey::new("state", request.state.key()),
        IndexKey::new("kind", request.kind.key()),
        IndexKey::new("received", request.received_on.to_string()),
        IndexKey::new("case", request.case_id.as_str()),
    ];
    if let Some(day) = request.alert_day() {
        keys.push(IndexKey::new("due", day.to_string()));
    }
    if let Some(assignee) = &request.assignee {
        keys.push(IndexKey::new("assignee", assignee.to_lowercase()));
    }
    keys
}

fn stored_deadline(rule: Rule, from: NaiveDate, actor: &Actor, reason: &str) -> RequestResult<StoredDeadline> {
    match compute(rule, Start::Date(from)) {
        Ok(Deadline::Day(day)) => Ok(StoredDeadline {
            rule,
            due: day.due,
            due_moved: day.due_moved,
            warn_on: day.warn_on,
            calendar: day.calendar.to_owned(),
            set_at: actor.at,
            set_by: actor.name.clone(),
            reason: reason.to_owned(),
        }),
        Ok(Deadline::Hour(_)) => invalid("bad_rule", format!("rule {} counts hours, not days", rule.key())),
        Err(error) => invalid("bad_date", error.to_string()),
    }
}

/// Moves a deadline later by `days` (a clock pause), keeping the rule's calendar roll.
fn shifted_deadline(previous: &StoredDeadline, days: u64, actor: &Actor, reason: String) -> Option<StoredDeadline> {
    let calendar = previous.rule.calendar()?;
    let due = previous.due.checked_add_days(Days::new(days))?;
    let due_moved = calendar.roll_forward(due)?;
    Some(StoredDeadline {
        rule: previous.rule,
        due,
        due_moved,
        warn_on: due.min(due_moved),
        calendar: previous.calendar.clone(),
        set_at: actor.at,
        set_by: actor.name.clone(),
        reason,
    })
}

fn put_request(tx: &Tx<'_>, request: &InfoRequest) -> TxResult<()> {
    tx.put(REQUEST, &request.id, request, &index_keys(request))
}

/// Requests over one registry.
pub struct Requests<'a> {
    pub registry: &'a Registry<'a>,
}

impl Requests<'_> {
    fn event(actor: &Actor, action: &str, id: &str) -> AuditEvent {
        AuditEvent::new(actor.at, &actor.name, action)
            .target(REQUEST, id)
            .purpose(actor.purpose.as_deref())
    }

    pub fn get(&self, id: &str) -> RequestResult<InfoRequest> {
        self.registry
            .store
            .get::<InfoRequest>(REQUEST, id.trim())?
            .ok_or_else(|| RegistryError::NotFound(format!("request {id}")))
    }

    /// A request for a reader: not found when its case's access list keeps them out.
    pub fn get_for(&self, id: &str, reader: &Reader) -> RequestResult<InfoRequest> {
        let request = self.get(id)?;
        if self.registry.case_hidden_from(reader, &request.case_id)? {
            return Err(RegistryError::NotFound(format!("request {}", id.trim())));
        }
        Ok(request)
    }

    /// A request read in full for a reader (`get_for`): when its case is not public (every
    /// request case is restricted unless a recorded reason made it public), the read is
    /// audited as `request.read` before it is answered, as a case's or a document's is, so a
    /// log investigation finds who looked at a requester's name.
    pub fn read_for(&self, id: &str, reader: &Reader, actor: &Actor) -> RequestResult<InfoRequest> {
        let request = self.get_for(id, reader)?;
        let case = self.registry.find_case(&request.case_id)?;
        if self.registry.case_publicity(&case) != kirjuri_plan::PublicityClass::Public {
            self.registry
                .store
                .audit(&Self::event(actor, "request.read", &request.id))?;
        }
        Ok(request)
    }

    /// The requests a reader may see ([`Requests::list`] without those whose case's access
    /// list keeps the reader out).
    pub fn list_for(
        &self,
        filter: &RequestFilter,
        today: NaiveDate,
        reader: &Reader,
    ) -> RequestResult<Vec<InfoRequest>> {
        let mut visible = Vec::new();
        for request in self.list(filter, today)? {
            if !self.registry.case_hidden_from(reader, &request.case_id)? {
                visible.push(request);
            }
        }
        Ok(visible)
    }

    /// The request registered in a case, for a reader (none when the case holds no request or
    /// its access list keeps the reader out).
    pub fn in_case_for(&self, case_id: &str, reader: &Reader) -> RequestResult<Option<InfoRequest>> {
        if self.registry.case_hidden_from(reader, case_id)? {
            return Ok(None);
        }
        let ids = self.registry.store.scan_index("case", case_id, REQUEST)?;
        match ids.first() {
            Some(id) => Ok(self.registry.store.get::<InfoRequest>(REQUEST, id)?),
            None => Ok(None),
        }
    }

    /// Logs a request on the day it arrives: opens (or links) its case and starts its clock.
    pub fn new_request(&self, request: &NewRequest, actor: &Actor) -> RequestResult<InfoRequest> {
        use kirjuri_registry::limits::{NAME, check_optional};
        check_optional("requester", request.requester.as_deref(), NAME)?;
        check_optional("channel", request.channel.as_deref(), NAME)?;
        check_optional("assignee", request.assignee.as_deref(), NAME)?;
        let requester = request
            .requester
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        match (&requester, request.anonymous) {
            (Some(_), true) => return invalid("requester", "give either `requester` or `anonymous`, not both"),
            (None, false) => {
                return invalid(
                    "requester",
                    "give `requester` (a name), or `anonymous` for a Publicity Act request",
                );
            }
            (None, true) if request.kind != RequestKind::Publicity => {
                return invalid(
                    "requester",
                    format!(
                        "a {} request cannot be anonymous: the data subject's identity decides what is disclosed",
                        request.kind.key()
                    ),
                );
            }
            _ => {}
        }
        if request.origin.is_some() && request.kind != RequestKind::LogInvestigation {
            return invalid("origin", "`origin` applies to log investigations only");
        }
        let origin = match request.kind {
            RequestKind::LogInvestigation => Some(request.origin.unwrap_or(LogOrigin::DataSubject)),
            _ => None,
        };
        let received_at = match request.received {
            Start::Instant(instant) => instant,
            Start::Date(date) => helsinki_midnight(date).ok_or_else(|| RegistryError::Invalid {
                code: "bad_date",
                message: format!("{date} has no midnight in Europe/Helsinki"),
            })?,
        };
        if received_at > actor.at + chrono::Duration::minutes(5) {
            return invalid(
                "received_in_future",
                format!("`received` {} is in the future", received_at.to_rfc3339()),
            );
        }
        let received_on = helsinki_date(received_at);
        let (class_text, _record_type) = request.kind.registration();
        let class = ClassCode::parse(class_text).map_err(|e| RegistryError::Invalid {
            code: "plan",
            message: e.to_string(),
        })?;
        let (rule, _) = request.kind.rules();
        // Manager-ordered log investigations have no GDPR clock (DOMAIN.md §6.3).
        let has_clock = origin != Some(LogOrigin::Manager);
        let deadline = if has_clock {
            Some(stored_deadline(rule, received_on, actor, "received")?)
        } else {
            None
        };

        let case = match &request.case {
            Some(reference) => self.registry.find_case(reference)?,
            None => {
                let who = requester.clone().unwrap_or_else(|| "nimetön".to_owned());
                let publicity = self.registry.restricted_case_publicity(
                    &class,
                    "Tietopyyntöasia: pyytäjän henkilötiedot (tietosuoja, JulkL 24 §)",
                );
                let open = OpenCase {
                    class,
                    title: format!("{}, {who}", request.kind.finnish()),
                    parties: requester.iter().cloned().collect(),
                    department: None,
                    unit: None,
                    assignee: request.assignee.clone(),
                    // The requester's name is often the secret (a client of social welfare, a
                    // data subject): the diary shows the kind of request only.
                    public_title: Some(request.kind.finnish().to_owned()),
                    publicity,
                    access: Vec::new(),
                    city_wide_process: true,
                };
                self.registry.open_case(&open, actor)?
            }
        };
        let template = InfoRequest {
            id: String::new(),
            kind: request.kind,
            case_id: case.id.clone(),
            diary_number: case.diary_number.clone(),
            received_at,
            received_on,
            requester,
            channel: request.channel.clone(),
            origin,
            state: RequestState::Received,
            assignee: request.assignee.clone(),
            deadline: deadline.clone(),
            deadline_history: deadline.into_iter().collect(),
            extension: None,
            pauses: Vec::new(),
            refusal_legal_basis: Vec::new(),
            decided_on: None,
            history: Vec::new(),
            created_by: actor.name.clone(),
            referral: None,
            refusal_other_ground: Vec::new(),
            gdpr_refusal: None,
            disclosure: crate::disclosure::Disclosure::default(),
            identity_verifications: Vec::new(),
        };
        let stored = self.registry.store.transact(|tx| {
            let mut info = template.clone();
            info.id = format!("req-{}", tx.next_counter("id/request")?);
            put_request(tx, &info)?;
            tx.audit(&Self::event(actor, "request.new", &info.id).detail(serde_json::json!({
                "kind": info.kind.key(), "case": info.diary_number.to_string(),
                "due": info.deadline.as_ref().map(|d| d.due), "due_moved": info.deadline.as_ref().map(|d| d.due_moved),
            })))?;
            Ok(info)
        })?;
        Ok(stored)
    }

    /// Moves a request to another state; refuses disallowed moves and names the allowed ones.
    pub fn transition(
        &self,
        id: &str,
        to: RequestState,
        change: &TransitionRequest,
        actor: &Actor,
    ) -> RequestResult<InfoRequest> {
        kirjuri_registry::limits::check_optional("reason", change.reason.as_deref(), kirjuri_registry::limits::TEXT)?;
        kirjuri_registry::limits::check_each("legal_basis", &change.legal_basis, kirjuri_registry::limits::NAME)?;
        let today = helsinki_date(actor.at);
        let current = self.get(id)?;
        let allowed = current.state.allowed_next(current.kind);
        if !allowed.contains(&to) {
            let names: Vec<&str> = allowed.iter().map(|s| s.key()).collect();
            return invalid(
                "invalid_transition",
                format!(
                    "request {} is {}; it can move to {}, not to {}",
                    current.id,
                    current.state.key(),
                    if names.is_empty() {
                        "no other state".to_owned()
                    } else {
                        names.join(", ")
                    },
                    to.key()
                ),
            );
        }
        crate::gdpr::check_leaving_identity_check(&current, to)
            .map_err(|(code, message)| RegistryError::Invalid { code, message })?;
        let reason = change.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let legal_basis: Vec<String> = change
            .legal_basis
            .iter()
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty())
            .collect();
        let legal_basis = crate::publicity::normalise_grounds(current.kind, legal_basis)?;
        kirjuri_registry::limits::check_optional(
            "other_ground",
            change.other_ground.as_deref(),
            kirjuri_registry::limits::NAME,
        )?;
        let other_ground = change
            .other_ground
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned);
        if matches!(to, RequestState::Refused | RequestState::DecisionIssued)
            && legal_basis.is_empty()
            && other_ground.is_none()
        {
            return invalid(
                "legal_basis_required",
                format!(
                    "a {} request needs its legal basis: give `legal_basis`, e.g. \"GDPR 12(5)\" or \"JulkL 24 § 1 mom 32 kohta\"",
                    to.key()
                ),
            );
        }
        // A partial refusal refuses too: GDPR 12(4) applies to the part not acted on.
        let gdpr_refusal = if matches!(to, RequestState::Refused | RequestState::PartlyGranted) {
            let told_on = change.told_requester_on.unwrap_or(today);
            if told_on > today {
                return invalid("told_on", format!("`told_on` {told_on} is in the future"));
            }
            crate::gdpr::refusal_record(&current, told_on, change.complaint_rights_told)
                .map_err(|(code, message)| RegistryError::Invalid { code, message })?
        } else {
            None
        };
        let mut new_deadline = None;
        let mut extension = None;
        if to == RequestState::Extended {
            // The day the requester is told: never before receipt. A later day may be the day the
            // letter goes out; under the GDPR it must still be within the first month (below).
            if let Some(told) = change.told_requester_on
                && told < current.received_on
            {
                return invalid(
                    "told_on_before_receipt",
                    format!(
                        "`told_on` {told} is before the request was received ({})",
                        current.received_on
                    ),
                );
            }
            let Some(reason) = reason else {
                return invalid(
                    "reason_required",
                    "an extension needs a `reason`, which the requester is also told",
                );
            };
            let (_, extended_rule) = current.kind.rules();
            if current.kind == RequestKind::Publicity {
                let Some(justification) = change.justification else {
                    return invalid(
                        "justification_required",
                        "the one-month track needs `justification`: large-volume, special-measures or other",
                    );
                };
                crate::publicity::check_month_track_switch(&current, today)?;
                extension = Some(Extension {
                    reason: reason.to_owned(),
                    told_requester_on: change.told_requester_on.unwrap_or(today),
                    justification: Some(justification),
                });
            } else {
                let told = change.told_requester_on.unwrap_or(today);
                // Art 12(3): the data subject is told of the extension within the first month.
                if let Some(one_month_day) = crate::gdpr::one_month_day(&current)
                    && told > one_month_day
                {
                    return invalid(
                        "extension_too_late",
                        format!(
                            "the requester must be told of an extension by {one_month_day} (GDPR 12(3)); told on {told} is too late"
                        ),
                    );
                }
                extension = Some(Extension {
                    reason: reason.to_owned(),
                    told_requester_on: told,
                    justification: None,
                });
            }
            let Some(_) = current.deadline else {
                return invalid("no_clock", "this request has no legal clock to extend");
            };
            let mut extended = stored_deadline(
                extended_rule,
                current.received_on,
                actor,
                &format!("extended: {reason}"),
            )?;
            let paused_days = finished_pause_days(&current.pauses);
            if paused_days > 0 {
                extended = shifted_deadline(
                    &extended,
                    paused_days,
                    actor,
                    format!("extended: {reason}; plus {paused_days} paused days"),
                )
                .ok_or_else(|| RegistryError::Invalid {
                    code: "bad_date",
                    message: "deadline out of range".to_owned(),
                })?;
            }
            new_deadline = Some(extended);
        }
        let referral = crate::publicity::referral_step(self.registry, &current, to, &change.publicity, actor)?;
        let kind = current.kind;
        let stored = self.registry.store.transact(|tx| {
            let Some(mut info) = tx.get::<InfoRequest>(REQUEST, &current.id)? else {
                return reject("not_found", format!("request {} not found", current.id));
            };
            if info.state != current.state {
                return reject("conflict", format!("request {} changed meanwhile; try again", info.id));
            }
            let from = info.state;
            info.state = to;
            info.history.push(RequestTransition {
                from,
                to,
                at: actor.at,
                by: actor.name.clone(),
                reason: reason.map(str::to_owned),
                legal_basis: legal_basis.clone(),
            });
            if let Some(deadline) = &new_deadline {
                info.deadline = Some(deadline.clone());
                info.deadline_history.push(deadline.clone());
                info.extension = extension.clone();
            }
            if matches!(to, RequestState::Refused | RequestState::DecisionIssued) {
                for basis in legal_basis.iter() {
                    if !info.refusal_legal_basis.contains(basis) {
                        info.refusal_legal_basis.push(basis.clone());
                    }
                }
                info.refusal_other_ground.extend(other_ground.iter().cloned());
            }
            if gdpr_refusal.is_some() {
                info.gdpr_refusal = gdpr_refusal.clone();
            }
            if to.is_decided()
                && info.decided_on.is_none()
                && !matches!(
                    to,
                    RequestState::ReferralOffered
                        | RequestState::ReferralRequested
                        | RequestState::DecisionIssued
                        | RequestState::Appealed
                )
            {
                info.decided_on = Some(today);
            }
            if let Some(clock) = &referral {
                info.referral = Some(clock.clone());
            }
            put_request(tx, &info)?;
            tx.audit(&Self::event(actor, "request.transition", &info.id).detail(serde_json::json!({
                "kind": kind.key(), "from": from.key(), "to": to.key(), "reason": reason, "legal_basis": legal_basis,
                "due": info.deadline.as_ref().map(|d| d.due),
                "other_ground": other_ground,
                "decision_target": referral.as_ref().map(|c| c.target.due),
                "appeal_document": referral.as_ref().and_then(|c| c.appeal.as_ref()).and_then(|a| a.document_id.clone()),
                "gdpr_refusal": gdpr_refusal,
            })))?;
            Ok(info)
        })?;
        Ok(stored)
    }

    /// Pauses the clock (an audited exception with a reason).
    pub fn pause(&self, id: &str, reason: &str, actor: &Actor) -> RequestResult<InfoRequest> {
        let reason = reason.trim();
        if reason.is_empty() {
            return invalid("reason_required", "a clock pause needs a `reason`");
        }
        kirjuri_registry::limits::check_length("reason", reason, kirjuri_registry::limits::TEXT)?;
        let today = helsinki_date(actor.at);
        self.update(
            id,
            actor,
            "request.pause",
            serde_json::json!({"reason": reason}),
            |info| {
                if info.state.is_decided() {
                    return Err(format!(
                        "request {} is {}; its clock has stopped",
                        info.id,
                        info.state.key()
                    ));
                }
                if info.deadline.is_none() {
                    return Err(format!("request {} has no legal clock", info.id));
                }
                if info.is_paused() {
                    return Err(format!("request {} is already paused", info.id));
                }
                info.pauses.push(ClockPause {
                    from: today,
                    to: None,
                    reason: reason.to_owned(),
                    by: actor.name.clone(),
                });
                Ok(())
            },
        )
    }

    /// Resumes a paused clock; the deadline moves later by the paused days, as a new entry of
    /// its history.
    pub fn resume(&self, id: &str, actor: &Actor) -> RequestResult<InfoRequest> {
        let today = helsinki_date(actor.at);
        self.update(id, actor, "request.resume", serde_json::Value::Null, |info| {
            let Some(pause) = info.pauses.iter_mut().find(|p| p.to.is_none()) else {
                return Err(format!("request {} is not paused", info.id));
            };
            pause.to = Some(today);
            let days = u64::try_from((today - pause.from).num_days()).unwrap_or(0);
            let reason = format!("clock paused {days} days: {}", pause.reason);
            if days > 0
                && let Some(current) = &info.deadline
            {
                let shifted = shifted_deadline(current, days, actor, reason).ok_or("deadline out of range")?;
                info.deadline = Some(shifted.clone());
                info.deadline_history.push(shifted);
            }
            Ok(())
        })
    }

    pub(crate) fn update(
        &self,
        id: &str,
        actor: &Actor,
        action: &str,
        detail: serde_json::Value,
        change: impl Fn(&mut InfoRequest) -> Result<(), String>,
    ) -> RequestResult<InfoRequest> {
        let id = self.get(id)?.id;
        let stored = self.registry.store.transact(|tx| {
            let Some(mut info) = tx.get::<InfoRequest>(REQUEST, &id)? else {
                return reject("not_found", format!("request {id} not found"));
            };
            if let Err(message) = change(&mut info) {
                return reject("refused", message);
            }
            put_request(tx, &info)?;
            tx.audit(&Self::event(actor, action, &id).detail(detail.clone()))?;
            Ok(info)
        })?;
        Ok(stored)
    }

    /// Open requests (or all), filtered, earliest warning day first.
    pub fn list(&self, filter: &RequestFilter, today: NaiveDate) -> RequestResult<Vec<InfoRequest>> {
        let store = self.registry.store;
        let ids: Vec<String> = if filter.overdue || filter.due_within_days.is_some() {
            // A range scan over the warning days of open requests.
            let until = if filter.overdue {
                today
            } else {
                // However many days are asked for, the range ends by the last day a stored
                // date can spell (an over-long range means every open deadline).
                let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
                let days = filter.due_within_days.unwrap_or(0).saturating_add(1);
                today
                    .checked_add_days(Days::new(days))
                    .map_or(last, |until| until.min(last))
            };
            store.scan_index_range("due", "0000-00-00", &until.to_string(), REQUEST)?
        } else if let Some(state) = filter.state {
            store.scan_index("state", state.key(), REQUEST)?
        } else {
            store.list::<InfoRequest>(REQUEST)?.into_iter().map(|r| r.id).collect()
        };
        let mut found = Vec::new();
        for id in ids {
            let Some(info) = store.get::<InfoRequest>(REQUEST, &id)? else {
                continue;
            };
            let keep = (filter.include_decided || info.owes_an_answer() || filter.state.is_some())
                && filter.state.is_none_or(|s| info.state == s)
                && filter.kind.is_none_or(|k| info.kind == k)
                && filter
                    .assignee
                    .as_ref()
                    .is_none_or(|a| info.assignee.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(a)));
            if keep {
                found.push(info);
            }
        }
        found.sort_by_key(|r| (r.alert_day().or(r.deadline.as_ref().map(|d| d.warn_on)), r.received_at));
        Ok(found)
    }

    /// Statistics of a calendar year (requests received in it).
    pub fn statistics(&self, year: i32) -> RequestResult<YearStatistics> {
        let all: Vec<InfoRequest> = self.registry.store.list(REQUEST)?;
        Ok(YearStatistics::compute(year, &all))
    }

    /// Answers a log investigation from the audit trail: when and for what purpose records
    /// about `subject` were read. The readers' identities are withheld unless disclosure is
    /// justified (CJEU C-579/21). The report is stored as a document of the request's case.
    pub fn log_report(
        &self,
        id: &str,
        report: &LogReportRequest,
        actor: &Actor,
    ) -> RequestResult<(Document, LogReport)> {
        let info = self.get(id)?;
        if info.kind != RequestKind::LogInvestigation {
            return invalid(
                "wrong_kind",
                format!(
                    "request {} is a {} request, not a log investigation",
                    info.id,
                    info.kind.key()
                ),
            );
        }
        let subject = report.subject.trim();
        if subject.is_empty() {
            return invalid("subject_required", "give `subject`: the person whose data was read");
        }
        kirjuri_registry::limits::check_length("subject", subject, kirjuri_registry::limits::NAME)?;
        kirjuri_registry::limits::check_optional(
            "justification",
            report.disclose_users_justification.as_deref(),
            kirjuri_registry::limits::TEXT,
        )?;
        let disclosure = report
            .disclose_users_justification
            .as_deref()
            .map(str::trim)
            .filter(|j| !j.is_empty());
        if report.disclose_users && disclosure.is_none() {
            return invalid(
                "justification_required",
                "disclosing the readers' identities needs a `justification` (CJEU C-579/21)",
            );
        }
        let store = self.registry.store;
        let key = kirjuri_registry::party_key(subject);
        let mut targets: BTreeSet<(String, String)> = BTreeSet::new();
        for case_id in store.scan_index("party", &key, kirjuri_registry::CASE)? {
            targets.insert((kirjuri_registry::CASE.to_owned(), case_id.clone()));
            for document_id in store.scan_index("case", &case_id, kirjuri_registry::DOCUMENT)? {
                targets.insert((kirjuri_registry::DOCUMENT.to_owned(), document_id));
            }
        }
        for document_id in store.scan_index("party", &key, kirjuri_registry::DOCUMENT)? {
            targets.insert((kirjuri_registry::DOCUMENT.to_owned(), document_id));
        }
        let mut hits = Vec::new();
        for entry in store.audit_entries() {
            let entry = entry.map_err(|e| RegistryError::Invalid {
                code: "audit",
                message: e,
            })?;
            if report.from.is_some_and(|f| entry.at < f) || report.to.is_some_and(|t| entry.at >= t) {
                continue;
            }
            for (kind, target) in records_shown(&entry) {
                if targets.contains(&(kind.clone(), target.clone())) {
                    hits.push(LogHit {
                        at: entry.at,
                        system: "Kirjuri".to_owned(),
                        action: entry.action.clone(),
                        record: format!("{kind} {target}"),
                        purpose: entry.purpose.clone(),
                        user: disclosure.map(|_| entry.actor.clone()),
                    });
                }
            }
        }
        let log_report = LogReport {
            request: info.id.clone(),
            subject: subject.to_owned(),
            from: report.from,
            to: report.to,
            users_disclosed: disclosure.is_some(),
            disclosure_justification: disclosure.map(str::to_owned),
            hits,
        };
        let text = log_report.to_markdown();
        let content = store_content(
            store,
            &mut std::io::Cursor::new(text.into_bytes()),
            &format!("lokiselvitys-{}.md", info.id),
            "text/markdown",
        )?;
        let new_document = NewDocument {
            record_type: Some("lokiselvitys".to_owned()),
            direction: Direction::Outgoing,
            title: format!("Lokiselvitys, {}", info.id),
            created_on: None,
            received_on: None,
            sent_on: None,
            parties: info.requester.iter().cloned().collect(),
            language: "fi".to_owned(),
            restriction: RestrictionRequest::default(),
            physical: None,
            trigger_event_on: None,
            retention: None,
        };
        let document = self
            .registry
            .register_document(&info.case_id, &new_document, Some(content), actor)?;
        store.audit(
            &Self::event(actor, "request.log_report", &info.id).detail(serde_json::json!({
                "document": document.id, "hits": log_report.hits.len(), "users_disclosed": log_report.users_disclosed,
                "justification": log_report.disclosure_justification,
            })),
        )?;
        Ok((document, log_report))
    }
}

fn helsinki_midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = date.and_hms_opt(0, 0, 0)?;
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Days of the pauses that have ended. A pause still open is not counted here: its resume
/// moves whatever deadline is in force then by the whole pause, so counting it now too would
/// add it twice (an extension granted during a pause).
fn finished_pause_days(pauses: &[ClockPause]) -> u64 {
    pauses
        .iter()
        .filter_map(|p| p.to.map(|to| u64::try_from((to - p.from).num_days()).unwrap_or(0)))
        .sum()
}

/// What a log investigation covers.
#[derive(Debug, Clone, Default)]
pub struct LogReportRequest {
    pub subject: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub disclose_users: bool,
    pub disclose_users_justification: Option<String>,
}

/// One read of the person's records.
/// The records an audit entry showed or handed out to its actor: the target of a read
/// (`document.read`, `case.read`, …), the restricted documents a case view or a search showed,
/// and the documents an archive export carried. Entries of other actions show nothing.
fn records_shown(entry: &kirjuri_store::AuditEntry) -> BTreeSet<(String, String)> {
    let action = entry.action.as_str();
    let is_read = action.ends_with(".read") || action == "search" || action == "archive.export";
    let mut records = BTreeSet::new();
    if !is_read {
        return records;
    }
    if action != "archive.export"
        && let (Some(kind), Some(target)) = (&entry.target_kind, &entry.target_id)
    {
        records.insert((kind.clone(), target.clone()));
    }
    for field in ["restricted_documents_shown", "restricted_hits_shown", "document_ids"] {
        if let Some(ids) = entry.detail.get(field).and_then(|v| v.as_array()) {
            records.extend(
                ids.iter()
                    .filter_map(|id| id.as_str())
                    .map(|id| (kirjuri_registry::DOCUMENT.to_owned(), id.to_owned())),
            );
        }
    }
    records
}

#[derive(Debug, Clone, Serialize)]
pub struct LogHit {
    pub at: DateTime<Utc>,
    pub system: String,
    pub action: String,
    pub record: String,
    pub purpose: Option<String>,
    /// Withheld (None) unless disclosure was justified.
    pub user: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogReport {
    pub request: String,
    pub subject: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub users_disclosed: bool,
    pub disclosure_justification: Option<String>,
    pub hits: Vec<LogHit>,
}

impl LogReport {
    pub fn to_markdown(&self) -> String {
        let mut text = format!("# Lokiselvitys / Log investigation {}\n\n", self.request);
        text.push_str(&format!("Rekisteröity / Data subject: {}\n\n", self.subject));
        let window = |t: Option<DateTime<Utc>>| {
            t.map_or("—".to_owned(), |t| {
                t.with_timezone(&chrono_tz::Europe::Helsinki).to_rfc3339()
            })
        };
        text.push_str(&format!(
            "Aikaväli / Window: {} – {}\n\nJärjestelmät / Systems searched: Kirjuri\n\n",
            window(self.from),
            window(self.to)
        ));
        if self.users_disclosed {
            text.push_str(&format!(
                "Käyttäjät ilmoitetaan / Users disclosed: {}\n\n",
                self.disclosure_justification.as_deref().unwrap_or("")
            ));
        } else {
            text.push_str("Käyttäjien henkilöllisyyttä ei ilmoiteta (EUT C-579/21). / Users' identities are withheld (CJEU C-579/21).\n\n");
        }
        text.push_str("| Aika / Time | Järjestelmä / System | Tapahtuma / Event | Asiakirja / Record | Käyttötarkoitus / Purpose | Käyttäjä / User |\n|---|---|---|---|---|---|\n");
        for hit in &self.hits {
            text.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                hit.at
                    .with_timezone(&chrono_tz::Europe::Helsinki)
                    .format("%Y-%m-%d %H:%M"),
                hit.system,
                hit.action,
                hit.record,
                hit.purpose.as_deref().unwrap_or("—"),
                hit.user.as_deref().unwrap_or("(ei ilmoiteta / withheld)")
            ));
        }
        text.push_str(&format!(
            "\nKäyttökertoja yhteensä / Reads in total: {}\n",
            self.hits.len()
        ));
        text
    }
}

/// Statistics of the requests received in one calendar year (DOMAIN.md §9.2).
#[derive(Debug, Clone, Serialize)]
pub struct YearStatistics {
    pub year: i32,
    pub received_by_kind: BTreeMap<String, u64>,
    pub decided: u64,
    pub open_at_year_end: u64,
    /// Decided on or before the statutory day / the moved day, of those with a clock.
    pub on_time_statutory: u64,
    pub on_time_moved: u64,
    pub with_clock_decided: u64,
    pub on_time_share_statutory: Option<f64>,
    pub on_time_share_moved: Option<f64>,
    pub median_lead_time_days: Option<f64>,
    pub p90_lead_time_days: Option<i64>,
    pub extensions: u64,
    pub refusals_by_legal_basis: BTreeMap<String, u64>,
    pub referrals_requested: u64,
    pub appealable_decisions: u64,
    pub paused: u64,
    pub log_investigations_by_origin: BTreeMap<String, u64>,
    /// Publicity Act figures: on time against the two-week day and the month day, switches to
    /// the month track by justification (§14(4)).
    pub publicity: crate::publicity::PublicityFigures,
    /// GDPR refusals sent after the one-month day (Art 12(4)), of those received in the year.
    #[serde(default)]
    pub late_gdpr_refusals: u64,
    /// Fees charged (§34) and transfers to another authority (§15) in the year.
    pub disclosure: crate::disclosure::DisclosureFigures,
}

impl YearStatistics {
    pub fn compute(year: i32, all: &[InfoRequest]) -> YearStatistics {
        use chrono::Datelike;
        let in_year: Vec<&InfoRequest> = all.iter().filter(|r| r.received_on.year() == year).collect();
        let mut received_by_kind = BTreeMap::new();
        let mut refusals_by_legal_basis = BTreeMap::new();
        let mut log_investigations_by_origin = BTreeMap::new();
        let mut lead_times: Vec<i64> = Vec::new();
        let (mut decided, mut open, mut on_statutory, mut on_moved, mut with_clock) = (0, 0, 0, 0, 0);
        let (mut extensions, mut referrals, mut appealable, mut paused) = (0, 0, 0, 0);
        let mut late_refusals = 0;
        for request in &in_year {
            *received_by_kind.entry(request.kind.key().to_owned()).or_insert(0) += 1;
            if let Some(origin) = request.origin {
                let key = match origin {
                    LogOrigin::DataSubject => "data-subject",
                    LogOrigin::Manager => "manager",
                };
                *log_investigations_by_origin.entry(key.to_owned()).or_insert(0) += 1;
            }
            match request.decided_on {
                Some(day) if day.year() == year => {
                    decided += 1;
                    if let Some(lead) = request.lead_time_days() {
                        lead_times.push(lead);
                    }
                    if let Some((statutory, moved)) = request.on_time() {
                        with_clock += 1;
                        on_statutory += u64::from(statutory);
                        on_moved += u64::from(moved);
                    }
                }
                _ => open += 1,
            }
            if request.extension.is_some() {
                extensions += 1;
            }
            for basis in &request.refusal_legal_basis {
                // Document requests count by the ground's key (old free text mapped by the
                // vocabulary's parse); other kinds by the basis as recorded.
                let category = match request.kind {
                    RequestKind::Publicity => crate::publicity::ground_category(basis).to_owned(),
                    _ => basis.clone(),
                };
                *refusals_by_legal_basis.entry(category).or_insert(0) += 1;
            }
            for _ in &request.refusal_other_ground {
                *refusals_by_legal_basis
                    .entry(crate::publicity::OTHER_GROUND.to_owned())
                    .or_insert(0) += 1;
            }
            let states: Vec<RequestState> = request.history.iter().map(|t| t.to).collect();
            referrals += u64::from(states.contains(&RequestState::ReferralRequested));
            appealable += u64::from(states.contains(&RequestState::DecisionIssued));
            paused += u64::from(!request.pauses.is_empty());
            late_refusals += u64::from(request.gdpr_refusal.as_ref().is_some_and(|r| r.late));
        }
        lead_times.sort_unstable();
        let median = match lead_times.len() {
            0 => None,
            n if n % 2 == 1 => Some(lead_times[n / 2] as f64),
            n => Some((lead_times[n / 2 - 1] + lead_times[n / 2]) as f64 / 2.0),
        };
        // Nearest-rank 90th percentile.
        let p90 = (!lead_times.is_empty()).then(|| lead_times[((lead_times.len() * 9).div_ceil(10)).max(1) - 1]);
        let share = |n: u64| (with_clock > 0).then(|| n as f64 / with_clock as f64);
        YearStatistics {
            year,
            received_by_kind,
            decided,
            open_at_year_end: open,
            on_time_statutory: on_statutory,
            on_time_moved: on_moved,
            with_clock_decided: with_clock,
            on_time_share_statutory: share(on_statutory),
            on_time_share_moved: share(on_moved),
            median_lead_time_days: median,
            p90_lead_time_days: p90,
            extensions,
            refusals_by_legal_basis,
            referrals_requested: referrals,
            appealable_decisions: appealable,
            paused,
            log_investigations_by_origin,
            publicity: crate::publicity::PublicityFigures::compute(year, all),
            late_gdpr_refusals: late_refusals,
            disclosure: crate::disclosure::DisclosureFigures::compute(year, all),
        }
    }
}
