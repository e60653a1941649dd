//! Chapter 3.5, monitoring and supervision of processing (käsittelyn seuranta ja valvonta):
//! log investigations (lokiselvitykset, Act 906/2019 §17 and GDPR Art 15) by origin, the
//! incidents they revealed, the notifications of personal-data breaches to the Data Protection
//! Ombudsman (GDPR Art 33) and to the data subjects (Art 34), and the reports of significant
//! incidents to the NIS2 authority (Cybersecurity Act 124/2025 §11, NIS2 Art 23).
//!
//! Log investigations are in a year by their calendar days (`received_on`, `decided_on`);
//! incidents and breaches by `aware_at` in Helsinki time (their notifications count with them,
//! whenever sent; the rules are in `security`); NIS2 reports by the Helsinki day they were
//! sent. Log reviews performed (lokien seuranta) come from the control-event register and are
//! not counted here.

use kirjuri_incidents::{Incident, NotificationPhase, RegulatorNotification};
use kirjuri_requests::{InfoRequest, LogOrigin, RequestKind};

use super::security::{
    breaches, breaches_not_notified, breaches_notified_late, breaches_notified_on_time, breaches_subjects_informed,
    breaches_with_art34_exemption, first_ombudsman_notice, is_incident_of_year,
};
use super::years::{day_in_year, in_helsinki_year};
use super::{Cell, Figure, Figures, Label, Table, both};
use kirjuri_words::{Words, report as r};

/// The origins of a log investigation with their names in the report.
const ORIGINS: [(LogOrigin, &str, Words); 2] = [
    (LogOrigin::DataSubject, "data-subject", r::ORIGIN_DATA_SUBJECT),
    (LogOrigin::Manager, "manager", r::ORIGIN_MANAGER),
];

/// The NIS2 reports (NIS2 Art 23(4)) with their names in the report, in the order they are
/// due: the early warning (24 h), the incident notification (72 h), an intermediate report on
/// the authority's request, a progress report, the final report.
const NIS2_REPORTS: [(NotificationPhase, Words); 5] = [
    (NotificationPhase::EarlyWarning, r::NIS2_EARLY_WARNING),
    (NotificationPhase::Notification, r::NIS2_NOTIFICATION),
    (NotificationPhase::Intermediate, r::NIS2_INTERMEDIATE),
    (NotificationPhase::Progress, r::NIS2_PROGRESS),
    (NotificationPhase::Final, r::NIS2_FINAL),
];

/// The chapter's figures, in report order.
pub(super) fn figures(requests: &[InfoRequest], incidents: &[Incident], year: i32) -> Vec<Figure> {
    let mut figures = Figures::new();
    for (origin, key, name) in ORIGINS {
        figures.count(
            &format!("log_received_{key}"),
            Label::named(r::F_LOG_RECEIVED_ORIGIN, name),
            both(year, |y| log_investigations_received(requests, y, origin)),
        );
        figures.count(
            &format!("log_completed_{key}"),
            Label::named(r::F_LOG_COMPLETED_ORIGIN, name),
            both(year, |y| log_investigations_completed(requests, y, origin)),
        );
    }
    figures.count(
        "incidents_from_log_investigations",
        r::F_INCIDENTS_FROM_LOGS.into(),
        both(year, |y| incidents_revealed_by_log_investigations(incidents, y)),
    );
    figures.count(
        "notified_on_time",
        r::F_NOTIFIED_ON_TIME.into(),
        both(year, |y| breaches_notified_on_time(incidents, y)),
    );
    figures.count(
        "notified_late",
        r::F_NOTIFIED_LATE.into(),
        both(year, |y| breaches_notified_late(incidents, y)),
    );
    figures.count(
        "not_notified",
        r::F_NOT_NOTIFIED.into(),
        both(year, |y| breaches_not_notified(incidents, y)),
    );
    figures.count(
        "subjects_informed",
        r::F_SUBJECTS_INFORMED.into(),
        both(year, |y| breaches_subjects_informed(incidents, y)),
    );
    figures.count(
        "art34_exemptions",
        r::F_ART34_EXEMPTIONS.into(),
        both(year, |y| breaches_with_art34_exemption(incidents, y)),
    );
    for (phase, name) in NIS2_REPORTS {
        figures.count(
            &format!("nis2_{}", phase.key()),
            Label::named(r::F_NIS2_SENT, name),
            both(year, |y| nis2_reports_sent(incidents, y, phase)),
        );
    }
    figures.count(
        "nis2_late",
        r::F_NIS2_LATE.into(),
        both(year, |y| nis2_reports_late(incidents, y)),
    );
    figures.into_vec()
}

/// The chapter's tables: the late notifications to the Ombudsman, how late each was and
/// whether the reason for the delay is recorded (GDPR Art 33(1) requires one); the reason's
/// own text is not copied into the report (see the cell).
pub(super) fn tables(incidents: &[Incident], year: i32) -> Vec<Table> {
    let rows = late_notifications(incidents, year)
        .into_iter()
        .map(|(incident, notice)| {
            vec![
                Cell::Text(incident.diary_number.to_string()),
                Cell::Text(
                    notice
                        .sent_at
                        .with_timezone(&chrono_tz::Europe::Helsinki)
                        .format("%-d.%-m.%Y %H.%M")
                        .to_string(),
                ),
                // How late, not the reason's text: the reason is free text of a restricted
                // incident (it may name people), and the report goes to every reader of it and
                // to the council. The reason stays on the incident for those who may read it.
                notice.due.map_or(Cell::Text("—".to_owned()), |due| {
                    let hours = (notice.sent_at - due).num_minutes().max(0) as f64 / 60.0;
                    Cell::Number((hours * 10.0).round() / 10.0)
                }),
                Cell::Word(
                    if notice.late_reason.as_deref().is_some_and(|r| !r.trim().is_empty()) {
                        r::YES
                    } else {
                        r::NO
                    }
                    .into(),
                ),
            ]
        })
        .collect();
    vec![Table {
        key: "late_notifications".to_owned(),
        caption: r::T_LATE_NOTIFICATIONS.into(),
        columns: vec![
            r::COL_DIARY_NUMBER.into(),
            r::COL_SENT.into(),
            r::COL_LATE_BY.into(),
            r::COL_REASON_RECORDED.into(),
        ],
        rows,
        empty: Some(r::NO_LATE_NOTIFICATIONS.into()),
    }]
}

/// Whether `request` is a log investigation from `origin`. A log investigation stored without
/// an origin is in neither.
fn is_log_investigation_from(request: &InfoRequest, origin: LogOrigin) -> bool {
    request.kind == RequestKind::LogInvestigation && request.origin == Some(origin)
}

/// Log investigations from `origin` received in the year (`received_on`), decided or not.
fn log_investigations_received(requests: &[InfoRequest], year: i32, origin: LogOrigin) -> usize {
    requests
        .iter()
        .filter(|r| is_log_investigation_from(r, origin) && day_in_year(r.received_on, year))
        .count()
}

/// Log investigations from `origin` completed in the year: decided (`decided_on`) in it,
/// whenever received, whatever the answer.
fn log_investigations_completed(requests: &[InfoRequest], year: i32, origin: LogOrigin) -> usize {
    requests
        .iter()
        .filter(|r| is_log_investigation_from(r, origin) && r.decided_on.is_some_and(|d| day_in_year(d, year)))
        .count()
}

/// Security incidents of the year (false positives left out) that a log investigation
/// revealed: at least one request linked to the incident (`Record::LinkRequest`).
fn incidents_revealed_by_log_investigations(incidents: &[Incident], year: i32) -> usize {
    incidents
        .iter()
        .filter(|i| is_incident_of_year(i, year) && !i.linked_requests.is_empty())
        .count()
}

/// NIS2 reports of `phase` sent in the year: notifications of that phase whose `sent_at` falls
/// in the year, Helsinki time, whenever the incident began.
fn nis2_reports_sent(incidents: &[Incident], year: i32, phase: NotificationPhase) -> usize {
    incidents
        .iter()
        .flat_map(|i| &i.notifications)
        .filter(|n| n.phase == phase && in_helsinki_year(n.sent_at, year))
        .count()
}

/// NIS2 reports (every phase of [`NIS2_REPORTS`]) sent in the year after their clock's due
/// instant (`on_time` false, judged and stored when recorded; a report without a clock is
/// neither on time nor late).
fn nis2_reports_late(incidents: &[Incident], year: i32) -> usize {
    incidents
        .iter()
        .flat_map(|i| &i.notifications)
        .filter(|n| {
            NIS2_REPORTS.iter().any(|(phase, _)| *phase == n.phase)
                && in_helsinki_year(n.sent_at, year)
                && n.on_time == Some(false)
        })
        .count()
}

/// The breaches of the year whose first notice to the Ombudsman was late, with that notice, in
/// the order they became known.
fn late_notifications(incidents: &[Incident], year: i32) -> Vec<(&Incident, &RegulatorNotification)> {
    let mut late: Vec<(&Incident, &RegulatorNotification)> = breaches(incidents, year)
        .into_iter()
        .filter_map(|i| first_ombudsman_notice(i).map(|n| (i, n)))
        .filter(|(_, n)| n.on_time == Some(false))
        .collect();
    late.sort_by_key(|(i, _)| i.aware_at);
    late
}
