//! Computing the report's figures for a calendar year (Europe/Helsinki) and the year before.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kirjuri_archive::package::{EXPORT, ExportRecord};
use kirjuri_archive::{DESTRUCTION, DestructionRecord};
use kirjuri_incidents::{
    AgreementState, Incident, NotificationPhase, RiskLevel, load_agreements, load_registers,
    processors_without_agreement,
};
use kirjuri_registry::{CASE, Case, DOCUMENT, Document, LegalHold, RetentionStatus};
use kirjuri_requests::{InfoRequest, REQUEST, RequestKind, RequestState, YearStatistics};
use kirjuri_store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

use crate::ASSESSMENT;

/// Management's assessment of one chapter of one year (free text), stored by the caller.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Assessment {
    /// `<year>/<chapter key>`.
    pub key: String,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One number of the report, beside the previous year's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Figure {
    pub key: String,
    pub fi: String,
    pub en: String,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    /// Why the figure (or the previous year's) cannot be computed, instead of a zero.
    pub note: Option<String>,
}

impl Figure {
    pub fn change(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Chapter {
    pub key: String,
    pub fi: String,
    pub en: String,
    pub figures: Vec<Figure>,
    /// Management's assessment and development targets (free text), if written.
    pub assessment: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub year: i32,
    pub organisation: String,
    pub generated_at: DateTime<Utc>,
    pub chapters: Vec<Chapter>,
    /// Requests received per month (January first), this year and the previous.
    pub requests_per_month: [u64; 12],
    pub requests_per_month_previous: [u64; 12],
    /// Incidents by severity (this year).
    pub incidents_by_severity: BTreeMap<String, u64>,
}

fn helsinki_year(at: DateTime<Utc>) -> i32 {
    at.with_timezone(&chrono_tz::Europe::Helsinki).year()
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN)
}

struct Builder {
    figures: Vec<Figure>,
}

impl Builder {
    fn new() -> Builder {
        Builder { figures: Vec::new() }
    }
    fn add(&mut self, key: &str, fi: &str, en: &str, value: Option<f64>, previous: Option<f64>, note: Option<&str>) {
        self.figures.push(Figure {
            key: key.to_owned(),
            fi: fi.to_owned(),
            en: en.to_owned(),
            value,
            previous,
            note: note.map(str::to_owned),
        });
    }
    fn count(&mut self, key: &str, fi: &str, en: &str, pair: (usize, usize)) {
        self.add(key, fi, en, Some(pair.0 as f64), Some(pair.1 as f64), None);
    }
}

fn both<T>(year: i32, f: impl Fn(i32) -> T) -> (T, T) {
    (f(year), f(year - 1))
}

fn holds_active_at(holds: &[LegalHold], day: NaiveDate) -> usize {
    let end = day.and_hms_opt(23, 59, 59).map(|t| t.and_utc());
    holds
        .iter()
        .filter(|h| end.is_some_and(|e| h.placed_at <= e && h.lifted.as_ref().is_none_or(|l| l.at > e)))
        .count()
}

/// Computes the report for `year`.
pub fn compute(store: &Store, year: i32, organisation: &str, generated_at: DateTime<Utc>) -> StoreResult<Report> {
    let requests: Vec<InfoRequest> = store.list(REQUEST)?;
    let incidents: Vec<Incident> = store.list(kirjuri_incidents::INCIDENT)?;
    let cases: Vec<Case> = store.list(CASE)?;
    let documents: Vec<Document> = store.list(DOCUMENT)?;
    let destructions: Vec<DestructionRecord> = store.list(DESTRUCTION)?;
    let exports: Vec<ExportRecord> = store.list(EXPORT)?;
    let registers = load_registers(store)?;
    let agreements = load_agreements(store)?;
    let assessments: BTreeMap<String, String> = store
        .list::<Assessment>(ASSESSMENT)?
        .into_iter()
        .map(|a| (a.key, a.text))
        .collect();

    // 3.2 Information resources.
    let mut resources = Builder::new();
    let no_history = "selosteesta ei säily aiempien vuosien historiaa; luku on tämän päivän / the register of processing keeps no history of earlier years; the figure is today's";
    let active: Vec<_> = registers.iter().filter(|r| r.active).collect();
    resources.add(
        "registers",
        "Henkilötietoja sisältävät rekisterit",
        "Registers of personal data (Art 30)",
        Some(active.len() as f64),
        None,
        Some(no_history),
    );
    resources.add(
        "registers_special",
        "– joissa erityisiä henkilötietoryhmiä",
        "– with special categories (Art 9/10)",
        Some(
            active
                .iter()
                .filter(|r| r.special_categories || r.criminal_data)
                .count() as f64,
        ),
        None,
        Some(no_history),
    );
    resources.add(
        "registers_incomplete",
        "– joista puuttuu 30 artiklan tietoja",
        "– missing Art 30(1) fields",
        Some(active.iter().filter(|r| !r.missing_letters().is_empty()).count() as f64),
        None,
        Some(no_history),
    );
    let mut systems: Vec<&String> = active.iter().flat_map(|r| r.systems.iter()).collect();
    systems.sort();
    systems.dedup();
    resources.add(
        "systems",
        "Tietojärjestelmät",
        "Information systems",
        Some(systems.len() as f64),
        None,
        Some(no_history),
    );
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for register in &active {
        let top = register
            .erasure_classes
            .first()
            .map_or("—".to_owned(), |c| c.top_level().spaced());
        *by_class.entry(top).or_default() += 1;
    }
    for (class, count) in &by_class {
        resources.add(
            &format!("registers_class_{class}"),
            &format!("– tehtäväluokassa {class}"),
            &format!("– in class {class}"),
            Some(*count as f64),
            None,
            Some(no_history),
        );
    }
    let valid = |day: NaiveDate| agreements.iter().filter(|a| a.is_valid_on(day)).count();
    let overdue = |day: NaiveDate| {
        agreements
            .iter()
            .filter(|a| {
                matches!(a.state, AgreementState::Active) && a.is_valid_on(day) && a.review_due.is_some_and(|r| r < day)
            })
            .count()
    };
    let missing = |day: NaiveDate| processors_without_agreement(&registers, &agreements, day).len();
    resources.count(
        "agreements_valid",
        "Voimassa olevat käsittelijäsopimukset (vuoden lopussa)",
        "Valid processor agreements (at year end)",
        both(year, |y| valid(year_end(y))),
    );
    resources.count(
        "agreements_review_overdue",
        "– katselmointi myöhässä",
        "– review overdue",
        both(year, |y| overdue(year_end(y))),
    );
    resources.count(
        "processors_without_agreement",
        "Käsittelijät ilman voimassa olevaa sopimusta",
        "Processors without a valid agreement",
        both(year, |y| missing(year_end(y))),
    );

    // 3.6 Data subjects' rights.
    let mut rights = Builder::new();
    let (stats, previous_stats) = both(year, |y| YearStatistics::compute(y, &requests));
    for kind in RequestKind::ALL {
        let get = |s: &YearStatistics| s.received_by_kind.get(kind.key()).copied().unwrap_or(0) as usize;
        rights.count(
            &format!("received_{}", kind.key()),
            &format!("Vastaanotetut: {}", kind.finnish()),
            &format!("Received: {}", kind.key()),
            (get(&stats), get(&previous_stats)),
        );
    }
    for origin in ["data-subject", "manager"] {
        let get = |s: &YearStatistics| s.log_investigations_by_origin.get(origin).copied().unwrap_or(0) as usize;
        let (fi, en) = if origin == "manager" {
            ("– esihenkilön pyynnöstä", "– ordered by a manager")
        } else {
            ("– rekisteröidyn pyynnöstä", "– asked by the data subject")
        };
        rights.count(
            &format!("log_investigations_{origin}"),
            &format!("Lokiselvitykset {fi}"),
            &format!("Log investigations {en}"),
            (get(&stats), get(&previous_stats)),
        );
    }
    rights.count(
        "decided",
        "Ratkaistut",
        "Decided",
        (stats.decided as usize, previous_stats.decided as usize),
    );
    rights.count(
        "open_at_year_end",
        "Avoinna vuoden lopussa",
        "Open at year end",
        (
            stats.open_at_year_end as usize,
            previous_stats.open_at_year_end as usize,
        ),
    );
    let no_decisions =
        "vuonna ei ratkaistu yhtään määräaikaista pyyntöä / no request with a legal clock was decided in the year";
    let share = |s: &YearStatistics, f: fn(&YearStatistics) -> Option<f64>| f(s).map(|v| (v * 1000.0).round() / 10.0);
    rights.add(
        "on_time_statutory_pct",
        "Määräajassa, lakisääteinen päivä (%)",
        "On time, statutory day (%)",
        share(&stats, |s| s.on_time_share_statutory),
        share(&previous_stats, |s| s.on_time_share_statutory),
        (stats.with_clock_decided == 0).then_some(no_decisions),
    );
    rights.add(
        "on_time_moved_pct",
        "Määräajassa, siirtynyt päivä (%)",
        "On time, moved day (%)",
        share(&stats, |s| s.on_time_share_moved),
        share(&previous_stats, |s| s.on_time_share_moved),
        (stats.with_clock_decided == 0).then_some(no_decisions),
    );
    rights.count(
        "late_statutory",
        "Myöhässä lakisääteisestä päivästä",
        "Late against the statutory day",
        (
            (stats.with_clock_decided - stats.on_time_statutory) as usize,
            (previous_stats.with_clock_decided - previous_stats.on_time_statutory) as usize,
        ),
    );
    let none_decided = "vuonna ei ratkaistu yhtään pyyntöä / no request was decided in the year";
    rights.add(
        "lead_time_median_days",
        "Käsittelyaika, mediaani (vrk)",
        "Lead time, median (days)",
        stats.median_lead_time_days,
        previous_stats.median_lead_time_days,
        stats.median_lead_time_days.is_none().then_some(none_decided),
    );
    rights.add(
        "lead_time_p90_days",
        "Käsittelyaika, 90. persentiili (vrk)",
        "Lead time, 90th percentile (days)",
        stats.p90_lead_time_days.map(|v| v as f64),
        previous_stats.p90_lead_time_days.map(|v| v as f64),
        stats.p90_lead_time_days.is_none().then_some(none_decided),
    );
    rights.count(
        "extensions",
        "Määräajan pidennykset",
        "Extensions",
        (stats.extensions as usize, previous_stats.extensions as usize),
    );
    rights.count(
        "paused",
        "Keskeytetyt määräajat",
        "Paused clocks",
        (stats.paused as usize, previous_stats.paused as usize),
    );
    let mut bases: Vec<&String> = stats
        .refusals_by_legal_basis
        .keys()
        .chain(previous_stats.refusals_by_legal_basis.keys())
        .collect();
    bases.sort();
    bases.dedup();
    for basis in bases {
        let get = |s: &YearStatistics| s.refusals_by_legal_basis.get(basis).copied().unwrap_or(0) as usize;
        rights.count(
            &format!("refused_{basis}"),
            &format!("Epäämiset: {basis}"),
            &format!("Refusals: {basis}"),
            (get(&stats), get(&previous_stats)),
        );
    }
    rights.count(
        "referrals",
        "Siirrot viranomaisen ratkaistavaksi (JulkL 14 §)",
        "Referrals requested (Publicity Act §14)",
        (
            stats.referrals_requested as usize,
            previous_stats.referrals_requested as usize,
        ),
    );
    rights.count(
        "appealable_decisions",
        "Valituskelpoiset päätökset",
        "Appealable decisions",
        (
            stats.appealable_decisions as usize,
            previous_stats.appealable_decisions as usize,
        ),
    );
    let appealed = |y: i32| {
        requests
            .iter()
            .filter(|r| r.received_on.year() == y && r.history.iter().any(|t| t.to == RequestState::Appealed))
            .count()
    };
    rights.count("appeals", "Valitukset", "Appeals", both(year, appealed));

    // 3.4 / 3.5 Security.
    let mut security = Builder::new();
    let in_year = |i: &&Incident, y: i32| helsinki_year(i.aware_at) == y && !i.false_positive;
    let incidents_count = |y: i32| incidents.iter().filter(|i| in_year(i, y)).count();
    security.count(
        "incidents",
        "Tietoturvapoikkeamat",
        "Security incidents",
        both(year, incidents_count),
    );
    let mut incidents_by_severity = BTreeMap::new();
    for severity in kirjuri_incidents::Severity::ALL {
        let count = |y: i32| {
            incidents
                .iter()
                .filter(|i| in_year(i, y) && i.severity == *severity)
                .count()
        };
        let pair = both(year, count);
        incidents_by_severity.insert(severity.key().to_owned(), pair.0 as u64);
        if pair.0 + pair.1 > 0 {
            security.count(
                &format!("incidents_{}", severity.key()),
                &format!("– vakavuus {}", severity.key()),
                &format!("– severity {}", severity.key()),
                pair,
            );
        }
    }
    let breaches = |y: i32| {
        incidents
            .iter()
            .filter(|i| helsinki_year(i.aware_at) == y && i.is_breach())
            .collect::<Vec<_>>()
    };
    security.count(
        "breaches",
        "Tietosuojaloukkaukset (33(5) rekisteri)",
        "Personal-data breaches (Art 33(5) register)",
        both(year, |y| breaches(y).len()),
    );
    for risk in RiskLevel::ALL {
        let count = |y: i32| {
            breaches(y)
                .iter()
                .filter(|i| i.breach.as_ref().and_then(|b| b.current_risk()) == Some(*risk))
                .count()
        };
        security.count(
            &format!("breaches_risk_{}", risk.key()),
            &format!("– riski: {}", risk.key()),
            &format!("– risk: {}", risk.key()),
            both(year, count),
        );
    }
    for breach_type in kirjuri_incidents::BreachType::ALL {
        let count = |y: i32| {
            breaches(y)
                .iter()
                .filter(|i| i.breach.as_ref().is_some_and(|b| b.types.contains(breach_type)))
                .count()
        };
        security.count(
            &format!("breaches_type_{}", breach_type.key()),
            &format!("– tyyppi: {}", breach_type.key()),
            &format!("– type: {}", breach_type.key()),
            both(year, count),
        );
    }
    let first_notice = |i: &Incident| {
        i.notifications
            .iter()
            .find(|n| matches!(n.phase, NotificationPhase::Preliminary | NotificationPhase::Complete))
            .cloned()
    };
    let notified_on_time = |y: i32| {
        breaches(y)
            .iter()
            .filter(|i| first_notice(i).is_some_and(|n| n.on_time == Some(true)))
            .count()
    };
    let notified_late = |y: i32| {
        breaches(y)
            .iter()
            .filter(|i| first_notice(i).is_some_and(|n| n.on_time == Some(false)))
            .count()
    };
    let not_notified = |y: i32| breaches(y).iter().filter(|i| first_notice(i).is_none()).count();
    security.count(
        "notified_on_time",
        "Ilmoitettu tietosuojavaltuutetulle ajoissa (72 h)",
        "Notified to the Ombudsman on time (72 h)",
        both(year, notified_on_time),
    );
    security.count(
        "notified_late",
        "Ilmoitettu myöhässä (perustelu kirjattu)",
        "Notified late (reason recorded)",
        both(year, notified_late),
    );
    security.count(
        "not_notified",
        "Ei ilmoitettu (perustelu kirjattu tai arvio kesken)",
        "Not notified (reason recorded, or assessment pending)",
        both(year, not_notified),
    );
    let informed = |y: i32| {
        breaches(y)
            .iter()
            .filter(|i| {
                i.notifications
                    .iter()
                    .any(|n| n.phase == NotificationPhase::SubjectsInformed)
            })
            .count()
    };
    security.count(
        "subjects_informed",
        "Rekisteröidyille ilmoitettu (34 art.)",
        "Data subjects informed (Art 34)",
        both(year, informed),
    );
    let exemptions = |y: i32| {
        breaches(y)
            .iter()
            .filter(|i| i.breach.as_ref().is_some_and(|b| b.art34_exemption.is_some()))
            .count()
    };
    security.count(
        "art34_exemptions",
        "34(3) artiklan poikkeus käytetty",
        "Art 34(3) exemptions used",
        both(year, exemptions),
    );

    // Records management.
    let mut records = Builder::new();
    let opened = |y: i32| cases.iter().filter(|c| c.opened_on.year() == y).count();
    let closed = |y: i32| {
        cases
            .iter()
            .filter(|c| c.closed_on.is_some_and(|d| d.year() == y))
            .count()
    };
    records.count("cases_opened", "Avatut asiat", "Cases opened", both(year, opened));
    records.count("cases_closed", "Päätetyt asiat", "Cases closed", both(year, closed));
    let mut tops: Vec<String> = cases.iter().map(|c| c.class.top_level().spaced()).collect();
    tops.sort();
    tops.dedup();
    for top in &tops {
        let opened_in = |y: i32| {
            cases
                .iter()
                .filter(|c| c.opened_on.year() == y && c.class.top_level().spaced() == *top)
                .count()
        };
        let closed_in = |y: i32| {
            cases
                .iter()
                .filter(|c| c.closed_on.is_some_and(|d| d.year() == y) && c.class.top_level().spaced() == *top)
                .count()
        };
        records.count(
            &format!("cases_opened_{top}"),
            &format!("– avatut, luokka {top}"),
            &format!("– opened, class {top}"),
            both(year, opened_in),
        );
        records.count(
            &format!("cases_closed_{top}"),
            &format!("– päätetyt, luokka {top}"),
            &format!("– closed, class {top}"),
            both(year, closed_in),
        );
    }
    // Registrations are counted from the audit trail, so destroyed records still count.
    let mut registrations: BTreeMap<i32, usize> = BTreeMap::new();
    for entry in store.audit_entries() {
        let Ok(entry) = entry else { continue };
        if entry.action == "document.register" {
            *registrations.entry(helsinki_year(entry.at)).or_default() += 1;
        }
    }
    let registered = |y: i32| registrations.get(&y).copied().unwrap_or(0);
    records.count(
        "documents_registered",
        "Kirjatut asiakirjat",
        "Documents registered",
        both(year, registered),
    );
    let destroyed = |y: i32| {
        destructions
            .iter()
            .filter(|d| helsinki_year(d.executed_at) == y)
            .count()
    };
    records.count(
        "records_destroyed",
        "Hävitetyt asiakirjat",
        "Records destroyed",
        both(year, destroyed),
    );
    let mut destroyed_classes: Vec<String> = destructions.iter().map(|d| d.class.top_level().spaced()).collect();
    destroyed_classes.sort();
    destroyed_classes.dedup();
    for top in destroyed_classes {
        let count = |y: i32| {
            destructions
                .iter()
                .filter(|d| helsinki_year(d.executed_at) == y && d.class.top_level().spaced() == top)
                .count()
        };
        records.count(
            &format!("records_destroyed_{top}"),
            &format!("– luokka {top}"),
            &format!("– class {top}"),
            both(year, count),
        );
    }
    let packages = |y: i32| exports.iter().filter(|e| helsinki_year(e.exported_at) == y).count();
    let package_records = |y: i32| {
        exports
            .iter()
            .filter(|e| helsinki_year(e.exported_at) == y)
            .map(|e| e.summary.documents)
            .sum::<usize>()
    };
    records.count(
        "archive_packages",
        "Siirtopaketit pitkäaikaissäilytykseen",
        "Archive packages produced",
        both(year, packages),
    );
    records.count(
        "archive_package_records",
        "– asiakirjoja paketeissa",
        "– records in the packages",
        both(year, package_records),
    );
    let permanent = |y: i32| {
        documents
            .iter()
            .filter(|d| helsinki_year(d.registered_at) == y && d.retention_status == RetentionStatus::Permanent)
            .count()
    };
    records.count(
        "permanent_records_added",
        "Pysyvästi säilytettävät lisäykset",
        "Permanent records added",
        both(year, permanent),
    );
    let holds = |y: i32| {
        let day = year_end(y);
        cases
            .iter()
            .map(|c| holds_active_at(&c.legal_holds, day))
            .sum::<usize>()
            + documents
                .iter()
                .map(|d| holds_active_at(&d.legal_holds, day))
                .sum::<usize>()
    };
    records.count(
        "legal_holds_active",
        "Voimassa olevat säilytysestot (vuoden lopussa)",
        "Legal holds active (at year end)",
        both(year, holds),
    );

    let month_counts = |y: i32| {
        let mut months = [0u64; 12];
        for request in requests.iter().filter(|r| r.received_on.year() == y) {
            months[request.received_on.month0() as usize] += 1;
        }
        months
    };
    let chapter = |key: &str, fi: &str, en: &str, builder: Builder| Chapter {
        key: key.to_owned(),
        fi: fi.to_owned(),
        en: en.to_owned(),
        figures: builder.figures,
        assessment: assessments.get(&format!("{year}/{key}")).cloned(),
    };
    Ok(Report {
        year,
        organisation: organisation.to_owned(),
        generated_at,
        chapters: vec![
            chapter("resources", "Tietovarannot", "Information resources", resources),
            chapter(
                "rights",
                "Rekisteröityjen oikeuksien toteutuminen",
                "Data subjects' rights",
                rights,
            ),
            chapter(
                "security",
                "Tietoturvallisuus ja poikkeamat",
                "Security and incidents",
                security,
            ),
            chapter("records", "Asiakirjahallinto", "Records management", records),
        ],
        requests_per_month: month_counts(year),
        requests_per_month_previous: month_counts(year - 1),
        incidents_by_severity,
    })
}
