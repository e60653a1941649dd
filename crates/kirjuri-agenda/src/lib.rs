//! What is due for one person, by when: requests, incidents and their tasks, the breach
//! clocks of GDPR Art 33, retention dues, processor-agreement reviews (GDPR Art 28) and
//! contract notice days and reviews, each with its deadline as stored.
//!
//! Owns the answer to "what is due for this person, by when": the one place the daily digest
//! mail, the calendar feed and the overview page ask, so they never disagree. Must never:
//! send anything (the mail and the feed do), decide roles (the caller passes what the person
//! may read and which duties their role carries, [`Person`]), recompute a deadline from "days
//! left" (every clock is read as stored), or put a secret title in an item (an item carries
//! the record's public title only, [`public_title`]).

use chrono::{DateTime, Days, NaiveDate, Utc};
use kirjuri_incidents::{ClockKind, Incident, Incidents, TaskStatus, registers::AgreementState};
use kirjuri_registry::{CASE, Case, Reader, Registry, RegistryResult};
use kirjuri_requests::{InfoRequest, RequestFilter, Requests};
use serde::Serialize;

/// What kind of deadline an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// An information request's decision day (Publicity Act 621/1999 §14, GDPR Art 12(3)).
    Request,
    /// An incident's other legal clocks (NIS2 reports, telling the people affected).
    Incident,
    /// The 72 hours to notify the Data Protection Ombudsman (GDPR Art 33(1)).
    BreachClock,
    /// A task of an incident with a due day.
    IncidentTask,
    /// Records whose retention has ended, awaiting disposal (Archives Act 831/1994 §8).
    Retention,
    /// A processor agreement's review day (GDPR Art 28).
    AgreementReview,
    /// The last day to give notice of a contract so that it ends at the end of its term.
    ContractNotice,
    /// A contract's review day.
    ContractReview,
}

impl ItemKind {
    pub const ALL: &'static [ItemKind] = &[
        ItemKind::Request,
        ItemKind::Incident,
        ItemKind::BreachClock,
        ItemKind::IncidentTask,
        ItemKind::Retention,
        ItemKind::AgreementReview,
        ItemKind::ContractNotice,
        ItemKind::ContractReview,
    ];

    /// The stable key (also the first part of a calendar UID).
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Request => "request",
            ItemKind::Incident => "incident",
            ItemKind::BreachClock => "breach-clock",
            ItemKind::IncidentTask => "incident-task",
            ItemKind::Retention => "retention",
            ItemKind::AgreementReview => "agreement-review",
            ItemKind::ContractNotice => "contract-notice",
            ItemKind::ContractReview => "contract-review",
        }
    }
}

/// When an item is due: a Europe/Helsinki day for day-based clocks, a UTC instant for hour
/// clocks (the 72 hours of GDPR Art 33 run from the moment of awareness, not from a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "at")]
pub enum Due {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl Due {
    /// The Helsinki day it falls on (an instant's local day).
    pub fn day(self) -> NaiveDate {
        match self {
            Due::Day(day) => day,
            Due::Instant(at) => at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive(),
        }
    }

    /// Sort key: the Helsinki day, then the hour clocks of that day by their instant, the
    /// day clocks (due by the end of the day) after them.
    fn order(self) -> (NaiveDate, DateTime<Utc>) {
        match self {
            Due::Day(day) => (day, DateTime::<Utc>::MAX_UTC),
            Due::Instant(at) => (self.day(), at),
        }
    }
}

/// One thing due for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub kind: ItemKind,
    /// The record's id (request, incident, agreement, contract); for an incident task
    /// `<incident>/<task>`; for incident clocks `<incident>/<clock key>`; for retention dues
    /// `dues`. With the kind it is stable: `<kind>-<id>` never changes for the same deadline.
    pub id: String,
    /// The public title only: a restricted case's public title (or its class's title), never
    /// the title itself. For retention dues the number of records.
    pub title: String,
    pub due: Due,
    /// The path of the item's page in the web UI (`/ui/requests/req-3`).
    pub link: String,
    /// The record's state as a key (`received`, `open`, `active`…) for the caller to
    /// translate; empty when there is none.
    pub state: String,
    /// More words as keys for the caller to translate: the request's kind, the clock's kind,
    /// `moved-to:<day>` when a contract's notice day falls on a holiday.
    pub context: Vec<String>,
    /// Retention dues: how many records.
    pub count: Option<usize>,
}

/// Which sections the caller says the person may read (their role's read permissions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections {
    pub requests: bool,
    pub incidents: bool,
    pub retention: bool,
    pub registers: bool,
    pub contracts: bool,
}

/// The duties the person's role carries beyond what is assigned to them by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Duties {
    /// Handles unassigned open requests (the registry office, kirjaamo).
    pub unassigned_requests: bool,
    /// The privacy officer: every open breach clock and incident clock, every processor
    /// agreement review, and contracts that name no owner.
    pub privacy: bool,
    /// The archivist: retention dues.
    pub disposal: bool,
    /// Keeps the contract register (the registry office): every contract's notice day and
    /// review, whoever owns it — an owner is a named person, often not a user of Kirjuri.
    pub contract_register: bool,
}

/// The person an agenda is made for. The caller decides what they may read and what their
/// role makes them handle; the agenda only applies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The user name, as assignees and owners name people.
    pub name: String,
    pub departments: Vec<String>,
    /// Their reach over restricted records: every read goes through the `list_for` reads.
    pub reader: Reader,
    pub may: Sections,
    pub duties: Duties,
}

impl Person {
    fn is(&self, name: &str) -> bool {
        same_name(name, &self.name)
    }
}

fn same_name(a: &str, b: &str) -> bool {
    let a = a.trim();
    !a.is_empty() && a.to_lowercase() == b.trim().to_lowercase()
}

/// Everything due for `person` as of `today` (a Helsinki day), earliest first. Only what
/// their sections let them read, read through the registry's reader-filtered lists.
pub fn agenda_for(registry: &Registry<'_>, person: &Person, today: NaiveDate) -> RegistryResult<Vec<AgendaItem>> {
    let mut items = Vec::new();
    if person.may.requests {
        items.extend(request_items(registry, person, today)?);
    }
    if person.may.incidents {
        items.extend(incident_items(registry, person)?);
    }
    if person.may.retention && person.duties.disposal {
        items.extend(retention_item(registry, today)?);
    }
    if person.may.registers {
        items.extend(agreement_items(registry, person)?);
    }
    if person.may.contracts {
        items.extend(contract_items(registry, person, today)?);
    }
    items.sort_by(|a, b| a.due.order().cmp(&b.due.order()).then_with(|| a.id.cmp(&b.id)));
    Ok(items)
}

/// The public title of the case `case_id`: what a reader of public records only sees (the
/// title of a public case; otherwise its public title, or the title of its plan class). A
/// missing case gives the neutral [`HIDDEN_TITLE`].
pub fn public_title(registry: &Registry<'_>, case_id: &str) -> RegistryResult<String> {
    let Some(case) = registry.store.get::<Case>(CASE, case_id)? else {
        return Ok(HIDDEN_TITLE.to_owned());
    };
    let view = registry.view_case(case, &Reader::public_only(""));
    Ok(view.case.title)
}

/// The neutral title of a record whose case cannot be read (as `kirjuri_app::HIDDEN_TITLE`).
pub const HIDDEN_TITLE: &str = "(restricted)";

/// Open requests assigned to the person, and unassigned ones for those who handle them; due
/// on the stored clock's day (the decision target while a referral waits, §14(3)).
fn request_items(registry: &Registry<'_>, person: &Person, today: NaiveDate) -> RegistryResult<Vec<AgendaItem>> {
    let requests = Requests { registry };
    let open = requests.list_for(&RequestFilter::default(), today, &person.reader)?;
    let mut items = Vec::new();
    for request in open.iter().filter(|r| request_is_for(r, person)) {
        let Some(day) = request.alert_day() else {
            continue;
        };
        items.push(AgendaItem {
            kind: ItemKind::Request,
            id: request.id.clone(),
            title: public_title(registry, &request.case_id)?,
            due: Due::Day(day),
            link: format!("/ui/requests/{}", request.id),
            state: request.state.key().to_owned(),
            context: vec![request.kind.key().to_owned()],
            count: None,
        });
    }
    Ok(items)
}

fn request_is_for(request: &InfoRequest, person: &Person) -> bool {
    match &request.assignee {
        Some(assignee) if !assignee.trim().is_empty() => person.is(assignee),
        _ => person.duties.unassigned_requests,
    }
}

/// The people of an incident: the assignees of its tasks (the incident names its handlers on
/// its tasks) and the assignee of its case, each once (names compared without case), blanks
/// left out. The agenda and the breach-clock mails both ask here.
pub fn incident_people(registry: &Registry<'_>, incident: &Incident) -> RegistryResult<Vec<String>> {
    let mut people: Vec<String> = incident.tasks.iter().flat_map(|t| t.assignees.clone()).collect();
    if let Some(case) = registry.store.get::<Case>(CASE, &incident.case_id)?
        && let Some(assignee) = case.assignee
    {
        people.push(assignee);
    }
    let mut unique: Vec<String> = Vec::new();
    for person in people.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(person)) {
            unique.push(person.to_owned());
        }
    }
    Ok(unique)
}

/// Open clocks of open incidents (the Art 33 72 hours as a breach clock, the others as
/// incident items) to the privacy officer and the incident's people; open tasks with a due
/// day to their assignees.
fn incident_items(registry: &Registry<'_>, person: &Person) -> RegistryResult<Vec<AgendaItem>> {
    let incidents = Incidents {
        registry,
        controller: String::new(),
    };
    let mut items = Vec::new();
    for incident in incidents.list_for(true, None, &person.reader)? {
        let people = incident_people(registry, &incident)?;
        let involved = person.duties.privacy || people.iter().any(|p| person.is(p));
        let title = public_title(registry, &incident.case_id)?;
        let link = format!("/ui/incidents/{}", incident.id);
        if involved {
            for clock in incident.open_clocks() {
                let breach = clock.kind == ClockKind::OmbudsmanNotification;
                items.push(AgendaItem {
                    kind: if breach {
                        ItemKind::BreachClock
                    } else {
                        ItemKind::Incident
                    },
                    id: format!("{}/{}", incident.id, clock.kind.key()),
                    title: title.clone(),
                    // Day-based clocks keep their (moved) day; hour clocks their instant.
                    due: clock
                        .due_day
                        .map_or(Due::Instant(clock.due), |(_, moved)| Due::Day(moved)),
                    link: link.clone(),
                    state: incident.state.key().to_owned(),
                    context: vec![clock.kind.key().to_owned()],
                    count: None,
                });
            }
        }
        for task in &incident.tasks {
            let open = matches!(
                task.status,
                TaskStatus::ToDo | TaskStatus::InProgress | TaskStatus::OnHold
            );
            let Some(due) = task.due.filter(|_| open) else {
                continue;
            };
            if !task.assignees.iter().any(|a| person.is(a)) {
                continue;
            }
            items.push(AgendaItem {
                kind: ItemKind::IncidentTask,
                id: format!("{}/{}", incident.id, task.id),
                title: title.clone(),
                due: Due::Day(due),
                link: link.clone(),
                state: task.status.key().to_owned(),
                context: Vec::new(),
                count: None,
            });
        }
    }
    Ok(items)
}

/// Records whose retention has ended and that may be disposed of (no hold, not yet in a
/// disposal proposal), as one item with the count, dated `today`: a standing work queue,
/// not a deadline of its own. No titles: only the number leaves the archive.
fn retention_item(registry: &Registry<'_>, today: NaiveDate) -> RegistryResult<Option<AgendaItem>> {
    let due = kirjuri_archive::due_on(registry.store, today, None)?;
    let count = due.iter().filter(|item| item.is_eligible()).count();
    if count == 0 {
        return Ok(None);
    }
    Ok(Some(AgendaItem {
        kind: ItemKind::Retention,
        id: "dues".to_owned(),
        title: count.to_string(),
        due: Due::Day(today),
        link: "/ui/retention".to_owned(),
        state: String::new(),
        context: Vec::new(),
        count: Some(count),
    }))
}

/// Reviews of active and draft processor agreements to their owner and the privacy officer.
fn agreement_items(registry: &Registry<'_>, person: &Person) -> RegistryResult<Vec<AgendaItem>> {
    let agreements = kirjuri_incidents::load_agreements(registry.store)?;
    let mut items = Vec::new();
    for agreement in agreements {
        if !matches!(agreement.state, AgreementState::Active | AgreementState::Draft) {
            continue;
        }
        let Some(review) = agreement.review_due else {
            continue;
        };
        if !(person.duties.privacy || person.is(&agreement.owner)) {
            continue;
        }
        items.push(AgendaItem {
            kind: ItemKind::AgreementReview,
            id: agreement.id.clone(),
            title: agreement.processor.clone(),
            due: Due::Day(review),
            link: "/ui/registers".to_owned(),
            state: agreement_state_key(agreement.state).to_owned(),
            context: Vec::new(),
            count: None,
        });
    }
    Ok(items)
}

fn agreement_state_key(state: AgreementState) -> &'static str {
    match state {
        AgreementState::Draft => "draft",
        AgreementState::Active => "active",
        AgreementState::Expired => "expired",
        AgreementState::Terminated => "terminated",
    }
}

/// Contract notice days (`Contract::notice_day`, the last day as the contract counts it) and
/// reviews: to the keepers of the contract register (every contract), to the owner when the
/// owner is named by their user name, and a contract that names no owner also to the privacy
/// officer. The owner is a named person who is often not a user, so the register's keepers
/// hear of every contract and none falls through.
fn contract_items(registry: &Registry<'_>, person: &Person, today: NaiveDate) -> RegistryResult<Vec<AgendaItem>> {
    let contracts = kirjuri_contracts::load_contracts(registry.store)?;
    let mut items = Vec::new();
    for contract in contracts {
        let mine = person.duties.contract_register
            || if contract.owner.trim().is_empty() {
                person.duties.privacy
            } else {
                person.is(&contract.owner)
            };
        if !mine {
            continue;
        }
        let link = format!("/ui/contracts/{}", contract.id);
        let state = contract.state.key().to_owned();
        if let Some(notice) = contract.notice_day(today) {
            let mut context = vec![format!("term-end:{}", notice.term_end)];
            if notice.moved_to != notice.last_day {
                context.push(format!("moved-to:{}", notice.moved_to));
            }
            items.push(AgendaItem {
                kind: ItemKind::ContractNotice,
                id: contract.id.clone(),
                title: contract.title.clone(),
                due: Due::Day(notice.last_day),
                link: link.clone(),
                state: state.clone(),
                context,
                count: None,
            });
        }
        let reviewed = matches!(
            contract.state,
            kirjuri_contracts::ContractState::Active | kirjuri_contracts::ContractState::Draft
        );
        if let Some(review) = contract.review_due.filter(|_| reviewed) {
            items.push(AgendaItem {
                kind: ItemKind::ContractReview,
                id: contract.id.clone(),
                title: contract.title.clone(),
                due: Due::Day(review),
                link,
                state,
                context: Vec::new(),
                count: None,
            });
        }
    }
    Ok(items)
}

/// An agenda split as the digest tells it: overdue (before today), today, and this week (the
/// next seven days after today). Later items are in none of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Buckets {
    pub overdue: Vec<AgendaItem>,
    pub today: Vec<AgendaItem>,
    pub this_week: Vec<AgendaItem>,
}

impl Buckets {
    /// Sorts `items` by their Helsinki due day against `today`.
    pub fn of(items: &[AgendaItem], today: NaiveDate) -> Buckets {
        let week_end = today.checked_add_days(Days::new(7)).unwrap_or(today);
        let mut buckets = Buckets::default();
        for item in items {
            let day = item.due.day();
            if day < today {
                buckets.overdue.push(item.clone());
            } else if day == today {
                buckets.today.push(item.clone());
            } else if day <= week_end {
                buckets.this_week.push(item.clone());
            }
        }
        buckets
    }

    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.today.is_empty() && self.this_week.is_empty()
    }
}
