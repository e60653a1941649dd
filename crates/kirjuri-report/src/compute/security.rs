//! Chapter 3.4, security and incidents (tietoturvallisuus ja poikkeamat): security incidents
//! (tietoturvapoikkeama) and personal-data breaches (tietosuojaloukkaus, GDPR Art 33–34;
//! DOMAIN.md §5.7, §7), by severity and type as figures and by category, outcome, cause and
//! risk level as tables. The notifications of breaches are counted here but shown in chapter
//! 3.5 (`monitoring`), with the log investigations.
//!
//! An incident or breach is in the year by `aware_at`, the instant the organisation became
//! aware of it (which starts the Art 33 clock), taken in Helsinki time. Later events (risk
//! assessments, notifications) count with the incident whenever they happened.

use std::collections::BTreeMap;

use kirjuri_incidents::{
    BreachType, Incident, IncidentCategory, IncidentCause, IncidentOutcome, NotificationPhase, RegulatorNotification,
    RiskLevel, Severity,
};

use super::years::in_helsinki_year;
use kirjuri_words::{Words, report as r};

use super::{Figure, Figures, Label, Table, both, counts_table};

/// A severity's name (the report's words, never keys).
pub fn severity_name(severity: Severity) -> Words {
    match severity {
        Severity::Unspecified => r::SEVERITY_UNSPECIFIED,
        Severity::Informational => r::SEVERITY_INFORMATIONAL,
        Severity::Low => r::SEVERITY_LOW,
        Severity::Medium => r::SEVERITY_MEDIUM,
        Severity::High => r::SEVERITY_HIGH,
        Severity::Critical => r::SEVERITY_CRITICAL,
    }
}

/// A breach's assessed risk (GDPR Art 33–34).
pub fn risk_name(risk: RiskLevel) -> Words {
    match risk {
        RiskLevel::None => r::RISK_NONE,
        RiskLevel::Risk => r::RISK_RISK,
        RiskLevel::High => r::RISK_HIGH,
    }
}

/// What a breach affected (GDPR Art 4(12)).
pub fn breach_type_name(kind: BreachType) -> Words {
    match kind {
        BreachType::Confidentiality => r::BREACH_CONFIDENTIALITY,
        BreachType::Integrity => r::BREACH_INTEGRITY,
        BreachType::Availability => r::BREACH_AVAILABILITY,
    }
}

/// An incident category's name (NCSC-FI's classes and the Ombudsman's common breaches).
pub fn category_name(category: IncidentCategory) -> Words {
    match category {
        IncidentCategory::Malware => r::CAT_MALWARE,
        IncidentCategory::Phishing => r::CAT_PHISHING,
        IncidentCategory::UnauthorisedAccess => r::CAT_UNAUTHORISED_ACCESS,
        IncidentCategory::DenialOfService => r::CAT_DENIAL_OF_SERVICE,
        IncidentCategory::LostDevice => r::CAT_LOST_DEVICE,
        IncidentCategory::Misdelivery => r::CAT_MISDELIVERY,
        IncidentCategory::SystemFailure => r::CAT_SYSTEM_FAILURE,
        IncidentCategory::Other => r::CAT_OTHER,
    }
}

/// An incident cause's name (the Ombudsman's breach form).
pub fn cause_name(cause: IncidentCause) -> Words {
    match cause {
        IncidentCause::HumanError => r::CAUSE_HUMAN_ERROR,
        IncidentCause::TechnicalFault => r::CAUSE_TECHNICAL_FAULT,
        IncidentCause::MaliciousAct => r::CAUSE_MALICIOUS_ACT,
        IncidentCause::ThirdParty => r::CAUSE_THIRD_PARTY,
        IncidentCause::Unknown => r::CAUSE_UNKNOWN,
    }
}

/// An incident outcome's name.
pub fn outcome_name(outcome: IncidentOutcome) -> Words {
    match outcome {
        IncidentOutcome::Resolved => r::OUTCOME_RESOLVED,
        IncidentOutcome::Contained => r::OUTCOME_CONTAINED,
        IncidentOutcome::FalsePositive => r::OUTCOME_FALSE_POSITIVE,
        IncidentOutcome::NoEffect => r::OUTCOME_NO_EFFECT,
        IncidentOutcome::Open => r::OUTCOME_OPEN,
    }
}

/// The severity named by a key of [`incidents_by_severity`], for the chart.
pub fn severity_of_key(key: &str) -> Option<Words> {
    Severity::ALL.iter().find(|s| s.key() == key).map(|s| severity_name(*s))
}

/// Security incidents (as [`is_incident_of_year`] counts them) per Helsinki month of
/// becoming aware, January first.
pub(super) fn incidents_per_month(all: &[Incident], year: i32) -> [u64; 12] {
    use chrono::Datelike;
    let mut months = [0; 12];
    for incident in all.iter().filter(|i| is_incident_of_year(i, year)) {
        months[incident.aware_at.with_timezone(&chrono_tz::Europe::Helsinki).month0() as usize] += 1;
    }
    months
}

/// The chapter's figures, in report order.
pub(super) fn figures(all: &[Incident], year: i32) -> Vec<Figure> {
    let mut figures = Figures::new();
    figures.count("incidents", r::F_INCIDENTS.into(), both(year, |y| incidents(all, y)));
    for severity in Severity::ALL {
        let pair = both(year, |y| incidents_of_severity(all, y, *severity));
        // A severity used in neither year has no line.
        if pair.0 + pair.1 > 0 {
            figures.count(
                &format!("incidents_{}", severity.key()),
                Label::named(r::F_BY_SEVERITY, severity_name(*severity)),
                pair,
            );
        }
    }
    figures.count("breaches", r::F_BREACHES.into(), both(year, |y| breaches(all, y).len()));
    for breach_type in BreachType::ALL {
        figures.count(
            &format!("breaches_type_{}", breach_type.key()),
            Label::named(r::F_BY_TYPE, breach_type_name(*breach_type)),
            both(year, |y| breaches_of_type(all, y, *breach_type)),
        );
    }
    figures.into_vec()
}

/// The chapter's tables, in report order: incidents by category and by outcome, breaches by
/// cause and by risk level, each value of the vocabulary a row (and "not set" last), this year
/// and the previous.
pub(super) fn tables(all: &[Incident], year: i32) -> Vec<Table> {
    let not_set = || Label::from(r::NOT_SET);
    let mut by_category: Vec<(Label, (usize, usize))> = IncidentCategory::ALL
        .iter()
        .map(|c| {
            (
                category_name(*c).into(),
                both(year, |y| incidents_of_category(all, y, Some(*c))),
            )
        })
        .collect();
    by_category.push((not_set(), both(year, |y| incidents_of_category(all, y, None))));
    let mut by_outcome: Vec<(Label, (usize, usize))> = IncidentOutcome::ALL
        .iter()
        .map(|o| {
            (
                outcome_name(*o).into(),
                both(year, |y| incidents_of_outcome(all, y, Some(*o))),
            )
        })
        .collect();
    by_outcome.push((not_set(), both(year, |y| incidents_of_outcome(all, y, None))));
    let mut by_cause: Vec<(Label, (usize, usize))> = IncidentCause::ALL
        .iter()
        .map(|c| {
            (
                cause_name(*c).into(),
                both(year, |y| breaches_of_cause(all, y, Some(*c))),
            )
        })
        .collect();
    by_cause.push((not_set(), both(year, |y| breaches_of_cause(all, y, None))));
    let mut by_risk: Vec<(Label, (usize, usize))> = RiskLevel::ALL
        .iter()
        .map(|risk| (risk_name(*risk).into(), both(year, |y| breaches_at_risk(all, y, *risk))))
        .collect();
    by_risk.push((r::NOT_ASSESSED.into(), both(year, |y| breaches_not_assessed(all, y))));
    vec![
        counts_table(
            "incidents_by_category",
            r::T_INCIDENTS_BY_CATEGORY,
            r::COL_CATEGORY,
            year,
            by_category,
        ),
        counts_table(
            "incidents_by_outcome",
            r::T_INCIDENTS_BY_OUTCOME,
            r::COL_OUTCOME,
            year,
            by_outcome,
        ),
        counts_table(
            "breaches_by_cause",
            r::T_BREACHES_BY_CAUSE,
            r::COL_CAUSE,
            year,
            by_cause,
        ),
        counts_table("breaches_by_risk", r::T_BREACHES_BY_RISK, r::COL_RISK, year, by_risk),
    ]
}

/// Security incidents of the year ([`is_incident_of_year`]: false positives left out) whose
/// category is `category` as it stands today; `None` counts those with no category set.
fn incidents_of_category(all: &[Incident], year: i32, category: Option<IncidentCategory>) -> usize {
    all.iter()
        .filter(|i| is_incident_of_year(i, year) && i.classification.category == category)
        .count()
}

/// The outcome an incident is counted under: the one recorded, else a false positive when the
/// incident is recorded as one (`Record::FalsePositive`), else none.
fn outcome_of(incident: &Incident) -> Option<IncidentOutcome> {
    incident
        .classification
        .outcome
        .or(incident.false_positive.then_some(IncidentOutcome::FalsePositive))
}

/// Incidents aware of in the year (Helsinki time) whose outcome ([`outcome_of`]) is `outcome`;
/// `None` counts those with none. Unlike the other incident figures, false positives are
/// counted: "false positive" is one of the outcomes.
fn incidents_of_outcome(all: &[Incident], year: i32, outcome: Option<IncidentOutcome>) -> usize {
    all.iter()
        .filter(|i| in_helsinki_year(i.aware_at, year) && outcome_of(i) == outcome)
        .count()
}

/// Breaches of the year ([`breaches`]) whose cause is `cause` as it stands today; `None` counts
/// those with no cause set.
fn breaches_of_cause(all: &[Incident], year: i32, cause: Option<IncidentCause>) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| i.classification.cause == cause)
        .count()
}

/// Breaches of the year with no risk assessment yet.
fn breaches_not_assessed(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| i.breach.as_ref().and_then(|b| b.current_risk()).is_none())
        .count()
}

/// Whether `incident` is a security incident of `year`: aware of in the year (Helsinki time)
/// and not recorded as a false positive. Breaches are incidents too.
pub(super) fn is_incident_of_year(incident: &Incident, year: i32) -> bool {
    in_helsinki_year(incident.aware_at, year) && !incident.false_positive
}

/// Security incidents of the year, as [`is_incident_of_year`] decides, of every severity and
/// state (open or closed).
fn incidents(all: &[Incident], year: i32) -> usize {
    all.iter().filter(|i| is_incident_of_year(i, year)).count()
}

/// Security incidents of the year with `severity` as it stands today.
fn incidents_of_severity(all: &[Incident], year: i32, severity: Severity) -> usize {
    all.iter()
        .filter(|i| is_incident_of_year(i, year) && i.severity == severity)
        .count()
}

/// This year's security incidents per severity, every severity present (zero when unused), for
/// the chart.
pub(super) fn incidents_by_severity(all: &[Incident], year: i32) -> BTreeMap<String, u64> {
    Severity::ALL
        .iter()
        .map(|severity| {
            let count = incidents_of_severity(all, year, *severity) as u64;
            (severity.key().to_owned(), count)
        })
        .collect()
}

/// Personal-data breaches of the year: incidents with a breach facet (every one is in the Art
/// 33(5) register, notified or not) aware of in the year, Helsinki time. Unlike
/// [`incidents`], a breach recorded as a false positive is still counted.
pub(super) fn breaches(all: &[Incident], year: i32) -> Vec<&Incident> {
    all.iter()
        .filter(|i| in_helsinki_year(i.aware_at, year) && i.is_breach())
        .collect()
}

/// Breaches of the year whose latest risk assessment is `risk` (the DPO's three levels). A
/// breach not yet assessed is in no risk level.
fn breaches_at_risk(all: &[Incident], year: i32, risk: RiskLevel) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| i.breach.as_ref().and_then(|b| b.current_risk()) == Some(risk))
        .count()
}

/// Breaches of the year of `breach_type` (confidentiality, integrity, availability); a breach
/// of several types counts under each, and one without a type under none.
fn breaches_of_type(all: &[Incident], year: i32, breach_type: BreachType) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| i.breach.as_ref().is_some_and(|b| b.types.contains(&breach_type)))
        .count()
}

/// The first recorded notice to the Data Protection Ombudsman: a preliminary or complete
/// notification (GDPR Art 33(1)); supplementary notices, NIS2 reports and the communication to
/// the data subjects are not one.
pub(super) fn first_ombudsman_notice(incident: &Incident) -> Option<&RegulatorNotification> {
    incident
        .notifications
        .iter()
        .find(|n| matches!(n.phase, NotificationPhase::Preliminary | NotificationPhase::Complete))
}

/// Breaches of the year whose [`first_ombudsman_notice`] was on time: sent at or before the
/// end of the 72 hours from `aware_at` (GDPR Art 33(1)), as judged and stored when it was
/// recorded. A notice sent at the last instant is on time.
pub(super) fn breaches_notified_on_time(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| first_ombudsman_notice(i).is_some_and(|n| n.on_time == Some(true)))
        .count()
}

/// Breaches of the year whose [`first_ombudsman_notice`] was late (after the 72 hours; its
/// reason is recorded, as Art 33(1) requires).
pub(super) fn breaches_notified_late(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| first_ombudsman_notice(i).is_some_and(|n| n.on_time == Some(false)))
        .count()
}

/// Breaches of the year with no notice to the Ombudsman (yet): assessed as no risk, with the
/// reason recorded, or still being assessed.
///
/// A breach whose first notice has no clock to be judged against (sent after an assessment of
/// no risk had cancelled the clock) is in none of the three notification figures.
pub(super) fn breaches_not_notified(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| first_ombudsman_notice(i).is_none())
        .count()
}

/// Breaches of the year whose data subjects have been informed (GDPR Art 34): at least one
/// communication to them recorded, whenever.
pub(super) fn breaches_subjects_informed(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| {
            i.notifications
                .iter()
                .any(|n| n.phase == NotificationPhase::SubjectsInformed)
        })
        .count()
}

/// Breaches of the year for which an Art 34(3) exemption from informing the data subjects is
/// recorded.
pub(super) fn breaches_with_art34_exemption(all: &[Incident], year: i32) -> usize {
    breaches(all, year)
        .iter()
        .filter(|i| i.breach.as_ref().is_some_and(|b| b.art34_exemption.is_some()))
        .count()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use kirjuri_incidents::{Assessment, Incidents, NewIncident, Notice, Record};
    use kirjuri_registry::fixture::Fixture;
    use kirjuri_registry::{Actor, Registry};

    use super::*;

    fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Helsinki
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn tsv(at: DateTime<Utc>) -> Actor {
        Actor {
            name: "tsv".to_owned(),
            at,
            purpose: None,
        }
    }

    /// The incident desk over a fixture's registry.
    struct Desk<'a> {
        incidents: Incidents<'a>,
    }

    impl<'a> Desk<'a> {
        fn over(registry: &'a Registry<'a>) -> Desk<'a> {
            Desk {
                incidents: Incidents {
                    registry,
                    controller: "Laitilan kaupunki".to_owned(),
                },
            }
        }

        /// Records an incident (a breach when `breach`); returns its id.
        fn report(&self, aware: DateTime<Utc>, severity: Severity, breach: bool) -> String {
            let incident = NewIncident {
                title: "poikkeama".to_owned(),
                description: None,
                aware_at: aware,
                detected_at: None,
                occurred_at: None,
                reporter: None,
                severity,
                breach,
                nis2: false,
                nis2_significant_at: None,
                classification: Default::default(),
            };
            self.incidents.new_incident(&incident, &tsv(aware)).unwrap().id
        }

        fn assess(&self, id: &str, risk: RiskLevel, at: DateTime<Utc>) {
            let assessment = Assessment {
                risk: Some(risk),
                rationale: "arvio".to_owned(),
                ..Default::default()
            };
            self.incidents.assess(id, &assessment, &tsv(at)).unwrap();
        }

        fn notify(&self, id: &str, phase: NotificationPhase, sent: DateTime<Utc>, late_reason: Option<&str>) {
            let notice = Notice {
                phase,
                authority: None,
                sent_at: sent,
                reference_no: None,
                late_reason: late_reason.map(str::to_owned),
            };
            self.incidents.notify(id, &notice, &tsv(sent)).unwrap();
        }

        fn all(&self) -> Vec<Incident> {
            self.incidents.registry.store.list(kirjuri_incidents::INCIDENT).unwrap()
        }
    }

    #[test]
    fn an_incident_belongs_to_the_helsinki_year_it_became_known() {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let desk = Desk::over(&registry);
        desk.report(helsinki(2025, 12, 31, 23, 59), Severity::Low, false);
        desk.report(helsinki(2026, 1, 1, 0, 0), Severity::High, false);
        let all = desk.all();
        assert_eq!(incidents(&all, 2025), 1);
        assert_eq!(incidents(&all, 2026), 1);
        assert_eq!(incidents_of_severity(&all, 2025, Severity::Low), 1);
        assert_eq!(incidents_of_severity(&all, 2025, Severity::High), 0);
        let chart = incidents_by_severity(&all, 2026);
        assert_eq!(chart.len(), Severity::ALL.len(), "every severity, zero or not");
        assert_eq!(chart.get("high"), Some(&1));
        assert_eq!(chart.get("low"), Some(&0));
    }

    #[test]
    fn a_false_positive_breach_is_no_incident_but_still_a_breach() {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let desk = Desk::over(&registry);
        let id = desk.report(helsinki(2025, 10, 1, 9, 0), Severity::Low, true);
        desk.incidents
            .record(&id, &Record::FalsePositive, &tsv(helsinki(2025, 10, 2, 9, 0)))
            .unwrap();
        let all = desk.all();
        assert_eq!(incidents(&all, 2025), 0);
        assert_eq!(breaches(&all, 2025).len(), 1);
        assert_eq!(breaches_not_notified(&all, 2025), 1);
    }

    #[test]
    fn a_notice_at_the_last_instant_of_72_hours_is_on_time() {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let desk = Desk::over(&registry);
        let aware = helsinki(2025, 12, 31, 22, 0);
        let on_time = desk.report(aware, Severity::High, true);
        desk.assess(&on_time, RiskLevel::Risk, helsinki(2026, 1, 1, 10, 0));
        desk.notify(
            &on_time,
            NotificationPhase::Preliminary,
            helsinki(2026, 1, 3, 22, 0),
            None,
        );
        let late = desk.report(aware, Severity::High, true);
        desk.assess(&late, RiskLevel::High, helsinki(2026, 1, 1, 10, 0));
        desk.notify(
            &late,
            NotificationPhase::Preliminary,
            helsinki(2026, 1, 3, 22, 1),
            Some("selvitys kesti"),
        );
        desk.notify(
            &late,
            NotificationPhase::SubjectsInformed,
            helsinki(2026, 1, 4, 9, 0),
            None,
        );
        let all = desk.all();
        assert_eq!(breaches_notified_on_time(&all, 2025), 1);
        assert_eq!(breaches_notified_late(&all, 2025), 1);
        assert_eq!(
            breaches_subjects_informed(&all, 2025),
            1,
            "told in 2026, counted with the breach"
        );
        assert_eq!(breaches_at_risk(&all, 2025, RiskLevel::High), 1);
        assert_eq!(breaches_at_risk(&all, 2025, RiskLevel::Risk), 1);
        assert_eq!(breaches(&all, 2026).len(), 0, "the notices' year does not matter");
    }

    #[test]
    fn only_the_first_preliminary_or_complete_notice_decides() {
        let fixture = Fixture::new();
        let registry = fixture.registry();
        let desk = Desk::over(&registry);
        // Late first, then a supplementary notice: still late.
        let late = desk.report(helsinki(2025, 3, 3, 9, 0), Severity::High, true);
        desk.assess(&late, RiskLevel::Risk, helsinki(2025, 3, 3, 12, 0));
        desk.notify(
            &late,
            NotificationPhase::Preliminary,
            helsinki(2025, 3, 7, 9, 0),
            Some("viive"),
        );
        desk.notify(
            &late,
            NotificationPhase::Supplementary,
            helsinki(2025, 3, 8, 9, 0),
            None,
        );
        // Assessed as no risk, then notified anyway: no clock to be on time or late against.
        let no_clock = desk.report(helsinki(2025, 3, 3, 9, 0), Severity::Medium, true);
        desk.assess(&no_clock, RiskLevel::None, helsinki(2025, 3, 3, 12, 0));
        desk.notify(
            &no_clock,
            NotificationPhase::Preliminary,
            helsinki(2025, 3, 4, 9, 0),
            None,
        );
        // Not assessed yet: no risk level, not notified.
        desk.report(helsinki(2025, 3, 3, 9, 0), Severity::Medium, true);
        // The data subjects told, the Ombudsman not (yet): not notified.
        let told_subjects_only = desk.report(helsinki(2025, 3, 3, 9, 0), Severity::High, true);
        desk.assess(&told_subjects_only, RiskLevel::High, helsinki(2025, 3, 3, 12, 0));
        desk.notify(
            &told_subjects_only,
            NotificationPhase::SubjectsInformed,
            helsinki(2025, 3, 4, 9, 0),
            None,
        );
        let all = desk.all();
        assert_eq!(breaches(&all, 2025).len(), 4);
        assert_eq!(breaches_notified_late(&all, 2025), 1);
        assert_eq!(breaches_notified_on_time(&all, 2025), 0);
        assert_eq!(
            breaches_not_notified(&all, 2025),
            2,
            "the unassessed one and the one whose data subjects alone were told"
        );
        assert_eq!(breaches_subjects_informed(&all, 2025), 1);
        let at_some_risk: usize = RiskLevel::ALL
            .iter()
            .map(|risk| breaches_at_risk(&all, 2025, *risk))
            .sum();
        assert_eq!(at_some_risk, 3, "the unassessed breach has no risk level");
    }
}
