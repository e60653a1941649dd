//! Incidents and breaches over a real store in a temporary folder with the sample plan: the
//! Art 33 72-hour clock on UTC instants (DOMAIN.md §5.4, §5.7), the checks on the times given,
//! risk assessments and the clocks that follow them, notifications (late ones with their
//! reason), the state machine, and the Ombudsman's notification draft.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{DateTime, Duration, TimeZone, Utc};
use kirjuri_incidents::{
    Assessment, ClockKind, Incident, IncidentState, Incidents, NewIncident, Notice, NotificationPhase, Record,
    RiskLevel, Severity, notification_json, notification_markdown,
};
use kirjuri_registry::{Actor, Registry, RegistryError};

const CONTROLLER: &str = "Laitilan kaupunki";

/// The shared fixture: a store with the sample plan, its catalogue, the registry.
use kirjuri_registry::fixture::Fixture as World;

fn incidents<'a>(registry: &'a Registry<'a>) -> Incidents<'a> {
    Incidents {
        registry,
        controller: CONTROLLER.to_owned(),
    }
}

/// `hh:mm` Helsinki time, as a UTC instant.
fn helsinki(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(y, m, d, hh, mm, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn utc(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, hh, mm, 0).unwrap()
}

fn actor_at(name: &str, at: DateTime<Utc>) -> Actor {
    Actor {
        name: name.to_owned(),
        at,
        purpose: None,
    }
}

fn new_incident(aware_at: DateTime<Utc>, breach: bool) -> NewIncident {
    NewIncident {
        title: "Sähköposti väärälle vastaanottajalle".to_owned(),
        description: Some("Asiakasluettelo lähti ulkopuoliselle".to_owned()),
        aware_at,
        detected_at: None,
        occurred_at: None,
        reporter: Some("Tietosuojavastaava Tuula".to_owned()),
        severity: Severity::Medium,
        breach,
        nis2: false,
        nis2_significant_at: None,
        classification: Default::default(),
    }
}

/// The stable code of a refusal.
fn code<T: std::fmt::Debug>(result: Result<T, RegistryError>) -> &'static str {
    match result {
        Err(RegistryError::Invalid { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn open_clocks(incident: &Incident, kind: ClockKind) -> Vec<DateTime<Utc>> {
    incident
        .open_clocks()
        .filter(|c| c.kind == kind)
        .map(|c| c.due)
        .collect()
}

fn assessment(risk: RiskLevel, rationale: &str) -> Assessment {
    Assessment {
        risk: Some(risk),
        rationale: rationale.to_owned(),
        ..Assessment::default()
    }
}

fn notice(phase: NotificationPhase, sent_at: DateTime<Utc>, late_reason: Option<&str>) -> Notice {
    Notice {
        phase,
        authority: None,
        sent_at,
        reference_no: None,
        late_reason: late_reason.map(str::to_owned),
    }
}

#[test]
fn breach_clock_runs_72_hours_from_awareness_across_the_spring_change() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    // Fri 27.3.2026 12:00 EET (UTC+2) = 10:00 UTC; summer time starts Sun 29.3 at 01:00 UTC.
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    assert_eq!(aware_at, utc(2026, 3, 27, 10, 0));
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    assert_eq!(incident.aware_at, aware_at);
    assert_eq!(incident.detected_at, aware_at);
    assert_eq!(incident.clocks.len(), 1);
    let clock = &incident.clocks[0];
    assert_eq!(clock.kind, ClockKind::OmbudsmanNotification);
    assert_eq!(clock.started_at, aware_at);
    assert_eq!(clock.due_day, None);
    // 72 elapsed hours: Mon 30.3.2026 10:00 UTC, which is 13:00 EEST (one hour later locally).
    assert_eq!(clock.due, utc(2026, 3, 30, 10, 0));
    assert_eq!(
        clock.due.with_timezone(&chrono_tz::Europe::Helsinki).to_rfc3339(),
        "2026-03-30T13:00:00+03:00"
    );
    // The awareness event is flagged on the timeline; the case is in class 07 00 01.
    assert_eq!(incident.timeline.len(), 1);
    assert!(incident.timeline[0].flagged);
    assert_eq!(incident.timeline[0].at, aware_at);
    let case = registry.find_case(&incident.case_id).unwrap();
    assert_eq!(case.class.to_string(), "07 00 01");
    assert_eq!(case.diary_number, incident.diary_number);
    assert_eq!(incidents.get(&incident.id).unwrap(), incident);

    // DOMAIN.md §5.10: aware Fri 7.3.2025 16:20 → Mon 10.3.2025 16:20, no weekend roll, and
    // counted from awareness, not from detection.
    let aware_at = helsinki(2025, 3, 7, 16, 20);
    let request = NewIncident {
        detected_at: Some(helsinki(2025, 3, 6, 9, 0)),
        ..new_incident(aware_at, true)
    };
    let incident = incidents.new_incident(&request, &actor).unwrap();
    assert_eq!(incident.clocks[0].due, helsinki(2025, 3, 10, 16, 20));

    // Across the autumn change (Sun 25.10.2026 01:00 UTC) it ends one hour earlier locally.
    let aware_at = helsinki(2026, 10, 23, 12, 0);
    let late_actor = actor_at("tietosuojavastaava", helsinki(2026, 10, 23, 12, 30));
    let incident = incidents
        .new_incident(&new_incident(aware_at, true), &late_actor)
        .unwrap();
    assert_eq!(incident.clocks[0].due, utc(2026, 10, 26, 9, 0));
    assert_eq!(incident.clocks[0].due, helsinki(2026, 10, 26, 11, 0));

    // An incident that is not a breach runs no clock.
    let plain = incidents
        .new_incident(&new_incident(aware_at, false), &late_actor)
        .unwrap();
    assert!(plain.clocks.is_empty());
    assert!(!plain.is_breach());
}

#[test]
fn times_that_cannot_be_are_refused() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let now = helsinki(2026, 3, 27, 13, 0);
    let actor = actor_at("tietosuojavastaava", now);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    // Aware before detected.
    let before = NewIncident {
        detected_at: Some(aware_at + Duration::minutes(1)),
        ..new_incident(aware_at, true)
    };
    assert_eq!(code(incidents.new_incident(&before, &actor)), "times");
    // Occurred after detected.
    let occurred = NewIncident {
        occurred_at: Some(aware_at + Duration::minutes(1)),
        ..new_incident(aware_at, true)
    };
    assert_eq!(code(incidents.new_incident(&occurred, &actor)), "times");
    // Aware in the future (beyond five minutes of clock skew).
    let future = new_incident(now + Duration::minutes(6), true);
    assert_eq!(code(incidents.new_incident(&future, &actor)), "times");
    // An empty title.
    let untitled = NewIncident {
        title: "  ".to_owned(),
        ..new_incident(aware_at, true)
    };
    assert_eq!(code(incidents.new_incident(&untitled, &actor)), "missing_title");
    assert!(incidents.all().unwrap().is_empty());
    // What is allowed: occurred ≤ detected ≤ aware ≤ now + 5 min.
    let fine = NewIncident {
        occurred_at: Some(aware_at - Duration::hours(5)),
        detected_at: Some(aware_at - Duration::hours(1)),
        ..new_incident(now + Duration::minutes(4), true)
    };
    let incident = incidents.new_incident(&fine, &actor).unwrap();
    assert_eq!(incident.clocks[0].due, now + Duration::minutes(4) + Duration::hours(72));
}

#[test]
fn risk_assessment_needs_a_rationale_and_drives_the_clocks() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    let due = utc(2026, 3, 30, 10, 0);

    assert_eq!(
        code(incidents.assess(&incident.id, &assessment(RiskLevel::High, "  "), &actor)),
        "rationale_required"
    );
    // Details without a risk level need no rationale and start no assessment.
    let details = Assessment {
        approx_people: Some(120),
        data_categories: vec!["yhteystiedot".to_owned()],
        ..Assessment::default()
    };
    let updated = incidents.assess(&incident.id, &details, &actor).unwrap();
    let breach = updated.breach.clone().unwrap();
    assert!(breach.assessments.is_empty());
    assert_eq!(breach.approx_people, Some(120));
    assert_eq!(open_clocks(&updated, ClockKind::OmbudsmanNotification), vec![due]);

    // No risk: the Ombudsman clock is cancelled, and the reason kept for the register.
    let later = actor_at("tietosuojavastaava", helsinki(2026, 3, 28, 10, 0));
    let none = incidents
        .assess(&incident.id, &assessment(RiskLevel::None, "salattu liite"), &later)
        .unwrap();
    assert!(none.open_clocks().next().is_none());
    assert_eq!(none.clocks[0].cancelled.as_deref(), Some("assessed: no risk"));
    let breach = none.breach.clone().unwrap();
    assert_eq!(breach.current_risk(), Some(RiskLevel::None));
    assert_eq!(breach.not_notified_reason.as_deref(), Some("salattu liite"));

    // High risk after all: the 72 h clock is back (still from awareness) and the subjects are
    // to be told within the internal 72 h target from this assessment.
    let high_at = helsinki(2026, 3, 28, 15, 0);
    let high = incidents
        .assess(
            &incident.id,
            &assessment(RiskLevel::High, "salasana liitteenä"),
            &actor_at("tietosuojavastaava", high_at),
        )
        .unwrap();
    assert_eq!(open_clocks(&high, ClockKind::OmbudsmanNotification), vec![due]);
    assert_eq!(
        open_clocks(&high, ClockKind::SubjectCommunication),
        vec![high_at + Duration::hours(72)]
    );
    let breach = high.breach.clone().unwrap();
    assert_eq!(breach.assessments.len(), 2);
    assert_eq!(breach.assessments[0].risk, RiskLevel::None);
    assert_eq!(breach.not_notified_reason, None);

    // Downgraded to risk: the subject communication is cancelled, the Ombudsman clock stays.
    let risk = incidents
        .assess(&incident.id, &assessment(RiskLevel::Risk, "vain nimet"), &later)
        .unwrap();
    assert_eq!(open_clocks(&risk, ClockKind::OmbudsmanNotification), vec![due]);
    assert!(open_clocks(&risk, ClockKind::SubjectCommunication).is_empty());

    // Only a breach can be assessed.
    let plain = incidents.new_incident(&new_incident(aware_at, false), &actor).unwrap();
    assert_eq!(
        code(incidents.assess(&plain.id, &assessment(RiskLevel::High, "x"), &actor)),
        "not_a_breach"
    );
}

#[test]
fn a_late_notification_needs_its_reason() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let due = utc(2026, 3, 30, 10, 0);

    // Exactly at the due instant is on time.
    let on_time = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    let sent = incidents
        .notify(&on_time.id, &notice(NotificationPhase::Preliminary, due, None), &actor)
        .unwrap();
    let notification = &sent.notifications[0];
    assert_eq!(notification.id, format!("{}-n1", on_time.id));
    assert_eq!(notification.on_time, Some(true));
    assert_eq!(notification.due, Some(due));
    assert_eq!(notification.authority, "Tietosuojavaltuutetun toimisto");
    assert_eq!(sent.clocks[0].met_by.as_deref(), Some(notification.id.as_str()));
    assert!(sent.open_clocks().next().is_none());

    // A minute late: refused without a reason, recorded with one.
    let late = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    let late_notice = notice(NotificationPhase::Preliminary, due + Duration::minutes(1), None);
    assert_eq!(
        code(incidents.notify(&late.id, &late_notice, &actor)),
        "late_reason_required"
    );
    let blank = notice(NotificationPhase::Preliminary, due + Duration::minutes(1), Some("  "));
    assert_eq!(code(incidents.notify(&late.id, &blank, &actor)), "late_reason_required");
    let with_reason = notice(
        NotificationPhase::Preliminary,
        due + Duration::minutes(1),
        Some("laajuus selvisi vasta maanantaina"),
    );
    let sent = incidents.notify(&late.id, &with_reason, &actor).unwrap();
    assert_eq!(sent.notifications[0].on_time, Some(false));
    assert_eq!(
        sent.notifications[0].late_reason.as_deref(),
        Some("laajuus selvisi vasta maanantaina")
    );
    // A supplementary notice satisfies no clock and needs no late reason.
    let supplementary = incidents
        .notify(
            &late.id,
            &notice(NotificationPhase::Supplementary, due + Duration::days(5), None),
            &actor,
        )
        .unwrap();
    assert_eq!(supplementary.notifications[1].on_time, None);
    assert_eq!(
        supplementary.notifications[1].content_snapshot["1_type"],
        "supplementary"
    );

    // Supplementary before any preliminary is refused; a non-breach is not notified.
    let other = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    assert_eq!(
        code(incidents.notify(&other.id, &notice(NotificationPhase::Supplementary, due, None), &actor)),
        "no_preliminary"
    );
    let plain = incidents.new_incident(&new_incident(aware_at, false), &actor).unwrap();
    assert_eq!(
        code(incidents.notify(&plain.id, &notice(NotificationPhase::Preliminary, due, None), &actor)),
        "not_a_breach"
    );
}

#[test]
fn marking_a_breach_starts_the_clock_from_awareness() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(aware_at, false), &actor).unwrap();
    assert!(incident.clocks.is_empty());
    // Marked a day later: the clock still runs from awareness.
    let marked = incidents
        .mark_breach(
            &incident.id,
            None,
            &actor_at("tietosuojavastaava", helsinki(2026, 3, 28, 12, 0)),
        )
        .unwrap();
    assert!(marked.is_breach());
    assert_eq!(
        open_clocks(&marked, ClockKind::OmbudsmanNotification),
        vec![utc(2026, 3, 30, 10, 0)]
    );
    assert_eq!(marked.clocks[0].started_at, aware_at);
    assert_eq!(code(incidents.mark_breach(&incident.id, None, &actor)), "refused");
    // Now listed as overdue after the due instant, not at it.
    let ids = |at| -> Vec<String> {
        incidents
            .list(true, Some(at))
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect()
    };
    assert!(ids(utc(2026, 3, 30, 10, 0)).is_empty());
    assert_eq!(ids(utc(2026, 3, 30, 10, 1)), vec![incident.id.clone()]);
}

#[test]
fn states_move_forward_and_closing_needs_a_root_cause() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    let actor = actor_at("tietoturvapäällikkö", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    assert_eq!(incident.state, IncidentState::Open);
    assert_eq!(
        code(incidents.transition(&incident.id, IncidentState::Closed, &actor)),
        "refused"
    );
    for to in [
        IncidentState::Containment,
        IncidentState::Eradication,
        IncidentState::Containment,
        IncidentState::Recovery,
        IncidentState::PostIncident,
    ] {
        assert_eq!(incidents.transition(&incident.id, to, &actor).unwrap().state, to);
    }
    // Back to open is never allowed.
    assert_eq!(
        code(incidents.transition(&incident.id, IncidentState::Open, &actor)),
        "refused"
    );
    assert_eq!(
        code(incidents.transition(&incident.id, IncidentState::Closed, &actor)),
        "refused"
    );
    incidents
        .record(
            &incident.id,
            &Record::RootCause("väärä osoite automaattitäydennyksestä".to_owned()),
            &actor,
        )
        .unwrap();
    let closed = incidents
        .transition(&incident.id, IncidentState::Closed, &actor)
        .unwrap();
    assert_eq!(closed.state, IncidentState::Closed);
    assert_eq!(closed.state_history.len(), 6);
    assert_eq!(
        closed.state_history.last().unwrap(),
        &(
            IncidentState::PostIncident,
            IncidentState::Closed,
            actor.at,
            "tietoturvapäällikkö".to_owned()
        )
    );
    for to in IncidentState::ALL.iter().copied() {
        assert_eq!(
            code(incidents.transition(&incident.id, to, &actor)),
            "refused",
            "closed → {to:?}"
        );
    }
    assert!(incidents.list(true, None).unwrap().is_empty());
    assert_eq!(incidents.list(false, None).unwrap().len(), 1);

    // A false positive closes without a root cause (phases may be skipped).
    let false_alarm = incidents.new_incident(&new_incident(aware_at, false), &actor).unwrap();
    incidents
        .transition(&false_alarm.id, IncidentState::PostIncident, &actor)
        .unwrap();
    assert_eq!(
        code(incidents.transition(&false_alarm.id, IncidentState::Closed, &actor)),
        "refused"
    );
    incidents
        .record(&false_alarm.id, &Record::FalsePositive, &actor)
        .unwrap();
    let closed = incidents
        .transition(&false_alarm.id, IncidentState::Closed, &actor)
        .unwrap();
    assert!(closed.false_positive);
    assert_eq!(closed.root_cause, None);
}

#[test]
fn the_notification_draft_names_the_controller() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2026, 3, 27, 12, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(aware_at, true), &actor).unwrap();
    let incident = incidents
        .assess(
            &incident.id,
            &Assessment {
                approx_people: Some(120),
                ..assessment(RiskLevel::Risk, "yhteystietoja ulkopuoliselle")
            },
            &actor,
        )
        .unwrap();
    let draft = notification_json(&incident, CONTROLLER);
    assert_eq!(draft["1_type"], "preliminary");
    assert_eq!(draft["2_controller"]["name"], CONTROLLER);
    assert_eq!(draft["2_controller"]["case"], incident.diary_number.to_string());
    assert_eq!(draft["2_controller"]["contact"], "Tietosuojavastaava Tuula");
    assert_eq!(draft["3_times"]["aware_at"], "2026-03-27T12:00:00+02:00");
    assert_eq!(draft["3_times"]["due"], "2026-03-30T13:00:00+03:00");
    assert_eq!(draft["5_subjects_and_data"]["approx_people"], 120);
    assert_eq!(draft["6_consequences_and_risk"]["risk"], "risk");
    let markdown = notification_markdown(&incident, CONTROLLER);
    assert!(
        markdown.contains(&format!("- nimi / name: {CONTROLLER}\n")),
        "{markdown}"
    );
    // Read by a person: moments in Helsinki time, keys in words, never JSON.
    assert!(
        markdown.contains("- määräaika 72 h / due: 30.3.2026 klo 13.00\n"),
        "{markdown}"
    );
    assert!(markdown.contains("- riski / risk: riski / risk\n"), "{markdown}");
    assert!(
        markdown.contains("- tyyppi / type: alustava ilmoitus / preliminary notification\n"),
        "{markdown}"
    );
    assert!(!markdown.contains('[') && !markdown.contains('{'), "{markdown}");
    // The notice filed carries the service's controller in its snapshot.
    let sent = incidents
        .notify(
            &incident.id,
            &notice(NotificationPhase::Preliminary, helsinki(2026, 3, 28, 9, 0), None),
            &actor,
        )
        .unwrap();
    assert_eq!(
        sent.notifications[0].content_snapshot["2_controller"]["name"],
        CONTROLLER
    );
    assert_eq!(sent.notifications[0].content_snapshot["1_type"], "preliminary");
}

#[test]
fn the_incident_class_is_handled_city_wide() {
    let class: kirjuri_plan::ClassCode = kirjuri_incidents::INCIDENT_CLASS.parse().unwrap();
    assert!(kirjuri_registry::is_city_wide_process_class(&class));
}

/// GDPR Art 33(1) with EDPB Guidelines 9/2022: the 72 hours run from when the controller became
/// aware that personal data were affected, not from the incident's first detection. Detected Mon
/// 2.3.2026 09:00 Helsinki, found to be a breach on Thu 5.3.2026 with awareness of personal data
/// at 14:00 → due Sun 8.3.2026 14:00 Helsinki (an hour clock: no weekend roll), not Thu 5.3.2026
/// 09:00; a notification on Sat 7.3.2026 is on time.
#[test]
fn a_breach_found_later_runs_its_72_hours_from_awareness_of_personal_data() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 3, 2, 9, 0);
    let incident = incidents
        .new_incident(
            &new_incident(detected, false),
            &actor_at("tietosuojavastaava", helsinki(2026, 3, 2, 9, 30)),
        )
        .unwrap();
    let thursday = actor_at("tietosuojavastaava", helsinki(2026, 3, 5, 15, 0));
    // Not before the incident was detected, not in the future.
    assert_eq!(
        code(incidents.mark_breach(&incident.id, Some(helsinki(2026, 3, 1, 12, 0)), &thursday)),
        "times"
    );
    assert_eq!(
        code(incidents.mark_breach(&incident.id, Some(helsinki(2026, 3, 6, 12, 0)), &thursday)),
        "times"
    );
    let breach = incidents
        .mark_breach(&incident.id, Some(helsinki(2026, 3, 5, 14, 0)), &thursday)
        .unwrap();
    assert_eq!(breach.breach_aware_at(), Some(helsinki(2026, 3, 5, 14, 0)));
    assert_eq!(
        open_clocks(&breach, ClockKind::OmbudsmanNotification),
        vec![helsinki(2026, 3, 8, 14, 0)]
    );
    assert_ne!(breach.clocks[0].due, helsinki(2026, 3, 5, 9, 0));
    // A risk assessment keeps the clock from the breach's awareness.
    let assessed = incidents
        .assess(&breach.id, &assessment(RiskLevel::Risk, "asiakasluettelo"), &thursday)
        .unwrap();
    assert_eq!(
        open_clocks(&assessed, ClockKind::OmbudsmanNotification),
        vec![helsinki(2026, 3, 8, 14, 0)]
    );
    // Notified on Sat 7.3.2026: on time, no reason for delay needed.
    let saturday = helsinki(2026, 3, 7, 10, 0);
    let notified = incidents
        .notify(
            &breach.id,
            &notice(NotificationPhase::Preliminary, saturday, None),
            &actor_at("tietosuojavastaava", saturday),
        )
        .unwrap();
    assert_eq!(notified.notifications[0].on_time, Some(true));
    assert_eq!(notified.notifications[0].due, Some(helsinki(2026, 3, 8, 14, 0)));
    let draft = notification_json(&notified, CONTROLLER);
    assert_eq!(draft["3_times"]["breach_aware_at"], "2026-03-05T14:00:00+02:00");
    assert_eq!(draft["3_times"]["due"], "2026-03-08T14:00:00+02:00");
}

/// Daylight saving (DOMAIN.md §5.4): aware Fri 27.3.2026 12:00 Helsinki (UTC+2) → due Mon
/// 30.3.2026 13:00 Helsinki (UTC+3): 72 elapsed hours, checked against kirjuri_clock.
#[test]
fn the_breach_awareness_clock_counts_elapsed_hours_across_the_spring_change() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 3, 26, 8, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 27, 13, 0));
    let incident = incidents.new_incident(&new_incident(detected, false), &actor).unwrap();
    let aware = helsinki(2026, 3, 27, 12, 0);
    let breach = incidents.mark_breach(&incident.id, Some(aware), &actor).unwrap();
    let due = open_clocks(&breach, ClockKind::OmbudsmanNotification)[0];
    assert_eq!(due, helsinki(2026, 3, 30, 13, 0));
    assert_eq!(due, utc(2026, 3, 30, 10, 0));
    let kirjuri_clock::Deadline::Hour(hour) =
        kirjuri_clock::compute(kirjuri_clock::Rule::Breach72h, kirjuri_clock::Start::Instant(aware)).unwrap()
    else {
        panic!("an hour clock")
    };
    assert_eq!(due, hour.due);
}

/// Changing the moment of awareness needs a reason; the old clock is kept cancelled, the new one
/// runs from the corrected moment and the change is in the breach's history.
#[test]
fn a_corrected_awareness_moment_restarts_the_clock_and_is_kept() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 3, 2, 9, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 3, 5, 15, 0));
    let incident = incidents.new_incident(&new_incident(detected, false), &actor).unwrap();
    let breach = incidents.mark_breach(&incident.id, None, &actor).unwrap();
    // Defaulted to the incident's awareness: due Thu 5.3.2026 09:00.
    assert_eq!(breach.breach_aware_at(), Some(detected));
    assert_eq!(
        open_clocks(&breach, ClockKind::OmbudsmanNotification),
        vec![helsinki(2026, 3, 5, 9, 0)]
    );
    let corrected = helsinki(2026, 3, 5, 14, 0);
    assert_eq!(
        code(incidents.change_breach_awareness(&breach.id, corrected, "  ", &actor)),
        "reason_required"
    );
    assert_eq!(
        code(incidents.change_breach_awareness(&breach.id, detected, "sama", &actor)),
        "unchanged"
    );
    let changed = incidents
        .change_breach_awareness(&breach.id, corrected, "lokeista selvisi asiakastietojen vuoto", &actor)
        .unwrap();
    assert_eq!(
        open_clocks(&changed, ClockKind::OmbudsmanNotification),
        vec![helsinki(2026, 3, 8, 14, 0)]
    );
    assert_eq!(changed.clocks.len(), 2);
    assert!(changed.clocks[0].cancelled.is_some());
    let history = &changed.breach.as_ref().unwrap().awareness_history;
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].from, history[0].to), (detected, corrected));
    let audited = registry
        .store
        .audit_entries()
        .map(Result::unwrap)
        .find(|e| e.action == "incident.breach-awareness")
        .unwrap();
    assert_eq!(audited.detail["reason"], "lokeista selvisi asiakastietojen vuoto");
    // The earlier moment's 72 hours had run out (5.3.2026 09:00) when it was corrected at 15:00:
    // allowed (it was the detection, not the awareness), and the audit entry says so.
    assert_eq!(
        audited.detail["earlier_clock_ran_out_at"],
        helsinki(2026, 3, 5, 9, 0).to_rfc3339()
    );
    // An incident that is not a breach has no such moment.
    let plain = incidents.new_incident(&new_incident(detected, false), &actor).unwrap();
    assert_eq!(
        code(incidents.change_breach_awareness(&plain.id, corrected, "syy", &actor)),
        "not_a_breach"
    );
}

/// Breaches stored before the moment was kept still load and use the incident's awareness.
#[test]
fn an_old_breach_without_the_moment_uses_the_incidents_awareness() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware = helsinki(2026, 3, 2, 9, 0);
    let stored = incidents
        .new_incident(&new_incident(aware, true), &actor_at("tietosuojavastaava", aware))
        .unwrap();
    let mut value = serde_json::to_value(&stored).unwrap();
    let breach = value["breach"].as_object_mut().unwrap();
    breach.remove("personal_data_aware_at");
    breach.remove("awareness_history");
    let old: Incident = serde_json::from_value(value).unwrap();
    assert_eq!(old.breach_aware_at(), Some(old.aware_at));
}

/// Cybersecurity Act 124/2025 §11 (NIS2 Art 23), opt-in per incident: detected Mon 9.11.2026
/// 15:00, found significant Tue 10.11.2026 08:00 → early warning due Wed 11.11.2026 08:00 (24 h),
/// incident notification due Fri 13.11.2026 08:00 (72 h), counted from the finding, not the
/// detection. The notification sent Thu 12.11.2026 → the final report one month later, Sat
/// 12.12.2026 (1182/71 month arithmetic): the alert on that unrolled day (DOMAIN.md §5.8), the day
/// it rolls to Mon 14.12.2026 kept beside it.
#[test]
fn nis2_clocks_run_from_the_finding_of_significance() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 11, 9, 15, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 11, 10, 9, 0));
    let incident = incidents.new_incident(&new_incident(detected, false), &actor).unwrap();
    assert!(incident.clocks.is_empty(), "NIS2 is opt-in");
    assert_eq!(
        code(incidents.mark_nis2(&incident.id, Some(helsinki(2026, 11, 9, 14, 0)), &actor)),
        "times"
    );
    let significant = helsinki(2026, 11, 10, 8, 0);
    let marked = incidents.mark_nis2(&incident.id, Some(significant), &actor).unwrap();
    assert_eq!(marked.nis2_significant_at(), Some(significant));
    assert_eq!(
        open_clocks(&marked, ClockKind::Nis2EarlyWarning),
        vec![helsinki(2026, 11, 11, 8, 0)]
    );
    assert_eq!(
        open_clocks(&marked, ClockKind::Nis2Notification),
        vec![helsinki(2026, 11, 13, 8, 0)]
    );
    assert_eq!(code(incidents.mark_nis2(&incident.id, None, &actor)), "refused");
    let sent = helsinki(2026, 11, 12, 10, 0);
    let notified = incidents
        .notify(
            &incident.id,
            &Notice {
                phase: NotificationPhase::Notification,
                authority: None,
                sent_at: sent,
                reference_no: Some("NCSC-FI/2026/77".to_owned()),
                late_reason: None,
            },
            &actor_at("tietosuojavastaava", sent),
        )
        .unwrap();
    assert_eq!(notified.notifications[0].on_time, Some(true));
    let last = notified.clocks.iter().find(|c| c.kind == ClockKind::Nis2Final).unwrap();
    let (due, moved) = last.due_day.unwrap();
    assert_eq!(due, chrono::NaiveDate::from_ymd_opt(2026, 12, 12).unwrap());
    assert_eq!(moved, chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap());
    // The alert is the end of the unrolled Saturday, Helsinki time.
    assert_eq!(last.due, helsinki(2026, 12, 13, 0, 0));
    // Without a moment: from the detection, as before.
    let other = incidents.new_incident(&new_incident(detected, false), &actor).unwrap();
    let defaulted = incidents.mark_nis2(&other.id, None, &actor).unwrap();
    assert_eq!(
        open_clocks(&defaulted, ClockKind::Nis2EarlyWarning),
        vec![helsinki(2026, 11, 10, 15, 0)]
    );
}

/// Cybersecurity Act 124/2025 §11: an incident registered as a NIS2 incident with the moment it
/// was found significant — detected Mon 9.11.2026 15:00, found significant Tue 10.11.2026 08:00
/// → early warning Wed 11.11.2026 08:00 (24 h), notification Fri 13.11.2026 08:00 (72 h); without
/// the moment, the detection.
#[test]
fn a_new_nis2_incident_runs_its_clocks_from_the_finding() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 11, 9, 15, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 11, 10, 9, 0));
    let mut request = new_incident(detected, false);
    request.nis2 = true;
    request.nis2_significant_at = Some(helsinki(2026, 11, 9, 14, 0));
    assert_eq!(code(incidents.new_incident(&request, &actor)), "times");
    request.nis2_significant_at = Some(helsinki(2026, 11, 10, 8, 0));
    let incident = incidents.new_incident(&request, &actor).unwrap();
    assert_eq!(incident.nis2_significant_at(), Some(helsinki(2026, 11, 10, 8, 0)));
    assert_eq!(
        open_clocks(&incident, ClockKind::Nis2EarlyWarning),
        vec![helsinki(2026, 11, 11, 8, 0)]
    );
    assert_eq!(
        open_clocks(&incident, ClockKind::Nis2Notification),
        vec![helsinki(2026, 11, 13, 8, 0)]
    );
    request.nis2_significant_at = None;
    let defaulted = incidents.new_incident(&request, &actor).unwrap();
    assert_eq!(defaulted.nis2_significant_at(), Some(detected));
    assert_eq!(
        open_clocks(&defaulted, ClockKind::Nis2EarlyWarning),
        vec![helsinki(2026, 11, 10, 15, 0)]
    );
}

fn nis2_notice(phase: NotificationPhase, sent: DateTime<Utc>) -> Notice {
    Notice {
        phase,
        authority: None,
        sent_at: sent,
        reference_no: None,
        late_reason: None,
    }
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// NIS2 Art 23(4)(c)–(e): the notification sent Thu 12.11.2026 → final report due Sat 12.12.2026.
/// NCSC-FI asks on Fri 20.11.2026 for an intermediate report by Fri 27.11.2026; sent Thu 26.11.2026
/// → on time. The incident is still ongoing on 12.12.2026 → a progress report is due that day
/// (sent then → on time); closed Tue 5.1.2027 → the final report is due one month after the
/// handling ends, Fri 5.2.2027.
#[test]
fn nis2_intermediate_progress_and_final_reports() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 11, 10, 8, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 11, 10, 9, 0));
    let mut request = new_incident(detected, false);
    request.nis2 = true;
    let incident = incidents.new_incident(&request, &actor).unwrap();
    let id = incident.id.clone();
    let sent = helsinki(2026, 11, 12, 10, 0);
    incidents
        .notify(
            &id,
            &nis2_notice(NotificationPhase::Notification, sent),
            &actor_at("tsv", sent),
        )
        .unwrap();
    let asked = actor_at("tietosuojavastaava", helsinki(2026, 11, 20, 12, 0));
    let ask = |asked_on, due_on, what: &str| kirjuri_incidents::Nis2ReportAsk {
        asked_on,
        due_on,
        what: what.to_owned(),
    };
    assert_eq!(
        code(incidents.request_nis2_report(&id, &ask(day(2026, 11, 20), day(2026, 11, 19), "tila"), &asked)),
        "due_on"
    );
    assert_eq!(
        code(incidents.request_nis2_report(&id, &ask(day(2026, 11, 20), day(2026, 11, 27), " "), &asked)),
        "missing_what"
    );
    let requested = incidents
        .request_nis2_report(
            &id,
            &ask(
                day(2026, 11, 20),
                day(2026, 11, 27),
                "Tilannepäivitys: vaikutus palveluihin",
            ),
            &asked,
        )
        .unwrap();
    assert_eq!(requested.nis2_report_requests.len(), 1);
    // The authority's own day, to its end in Helsinki.
    assert_eq!(
        open_clocks(&requested, ClockKind::Nis2Intermediate),
        vec![helsinki(2026, 11, 28, 0, 0)]
    );
    let sent = helsinki(2026, 11, 26, 14, 0);
    let reported = incidents
        .notify(
            &id,
            &nis2_notice(NotificationPhase::Intermediate, sent),
            &actor_at("tsv", sent),
        )
        .unwrap();
    let intermediate = reported.notifications.last().unwrap();
    assert_eq!(intermediate.on_time, Some(true));
    assert!(open_clocks(&reported, ClockKind::Nis2Intermediate).is_empty());
    // Still ongoing on the final-report day 12.12.2026: a progress report instead.
    let sent = helsinki(2026, 12, 12, 11, 0);
    let progressed = incidents
        .notify(
            &id,
            &nis2_notice(NotificationPhase::Progress, sent),
            &actor_at("tsv", sent),
        )
        .unwrap();
    assert_eq!(progressed.notifications.last().unwrap().on_time, Some(true));
    assert!(open_clocks(&progressed, ClockKind::Nis2Final).is_empty());
    let progress = progressed
        .clocks
        .iter()
        .find(|c| c.kind == ClockKind::Nis2Progress)
        .unwrap();
    assert_eq!(progress.due_day.unwrap().0, day(2026, 12, 12));
    assert!(progress.met_by.is_some());
    // Handling ends: closed 5.1.2027 → final report due 5.2.2027.
    let closed = close(&incidents, &id, helsinki(2027, 1, 5, 10, 0));
    let last = closed.open_clocks().find(|c| c.kind == ClockKind::Nis2Final).unwrap();
    assert_eq!(last.due_day.unwrap().0, day(2027, 2, 5));
    assert_eq!(last.due, helsinki(2027, 2, 6, 0, 0));
}

/// NIS2 Art 23(4)(e) without a progress report recorded: notification 12.11.2026, the incident
/// closed on Tue 5.1.2027 → the final-report day 12.12.2026 becomes an (unmet, late) progress
/// report day and the final report is due Fri 5.2.2027. Closed before the day (Fri 4.12.2026), the
/// final report stays due 12.12.2026.
#[test]
fn closing_after_the_final_day_moves_the_final_report() {
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let detected = helsinki(2026, 11, 10, 8, 0);
    let actor = actor_at("tietosuojavastaava", helsinki(2026, 11, 10, 9, 0));
    let mut request = new_incident(detected, false);
    request.nis2 = true;
    let late = incidents.new_incident(&request, &actor).unwrap().id;
    let early = incidents.new_incident(&request, &actor).unwrap().id;
    let sent = helsinki(2026, 11, 12, 10, 0);
    for id in [&late, &early] {
        incidents
            .notify(
                id,
                &nis2_notice(NotificationPhase::Notification, sent),
                &actor_at("tsv", sent),
            )
            .unwrap();
    }
    let closed = close(&incidents, &late, helsinki(2027, 1, 5, 10, 0));
    assert_eq!(
        open_clocks(&closed, ClockKind::Nis2Progress),
        vec![helsinki(2026, 12, 13, 0, 0)]
    );
    let finals: Vec<_> = closed
        .open_clocks()
        .filter(|c| c.kind == ClockKind::Nis2Final)
        .collect();
    assert_eq!(finals.len(), 1);
    assert_eq!(finals[0].due_day.unwrap().0, day(2027, 2, 5));
    let closed = close(&incidents, &early, helsinki(2026, 12, 4, 10, 0));
    assert!(open_clocks(&closed, ClockKind::Nis2Progress).is_empty());
    assert_eq!(
        open_clocks(&closed, ClockKind::Nis2Final),
        vec![helsinki(2026, 12, 13, 0, 0)]
    );
    // A progress report is for an ongoing incident.
    let at = helsinki(2026, 12, 5, 10, 0);
    assert_eq!(
        code(incidents.notify(
            &early,
            &nis2_notice(NotificationPhase::Progress, at),
            &actor_at("tsv", at)
        )),
        "refused"
    );
}

fn close(incidents: &Incidents<'_>, id: &str, at: DateTime<Utc>) -> Incident {
    let actor = actor_at("tietosuojavastaava", at);
    incidents
        .record(
            id,
            &Record::RootCause("Haittaohjelma sähköpostin liitteessä".to_owned()),
            &actor,
        )
        .unwrap();
    incidents.transition(id, IncidentState::PostIncident, &actor).unwrap();
    incidents.transition(id, IncidentState::Closed, &actor).unwrap()
}

/// Chapter 3.4's vocabularies: a category given at registration (3.3.2025), the cause and
/// outcome added later (10.3.2025) without losing it, each change audited with the old and new
/// values; an empty change and an unknown word are refused; a record stored before the
/// classification was kept loads with none.
#[test]
fn an_incident_is_classified_at_registration_and_later_and_audited() {
    use kirjuri_incidents::{Classification, IncidentCategory, IncidentCause, IncidentOutcome};
    let world = World::new();
    let registry = world.registry();
    let incidents = incidents(&registry);
    let aware_at = helsinki(2025, 3, 3, 9, 0);
    let request = NewIncident {
        classification: Classification {
            category: Some(IncidentCategory::Misdelivery),
            ..Classification::default()
        },
        ..new_incident(aware_at, true)
    };
    let incident = incidents
        .new_incident(&request, &actor_at("tietosuojavastaava", aware_at))
        .unwrap();
    assert_eq!(incident.classification.category, Some(IncidentCategory::Misdelivery));
    assert_eq!(incident.classification.cause, None);

    let later = Classification {
        cause: Some(IncidentCause::HumanError),
        outcome: Some(IncidentOutcome::Contained),
        ..Classification::default()
    };
    let when = helsinki(2025, 3, 10, 12, 0);
    let classified = incidents
        .classify(&incident.id, &later, &actor_at("tietosuojavastaava", when))
        .unwrap();
    assert_eq!(
        classified.classification,
        Classification {
            category: Some(IncidentCategory::Misdelivery),
            cause: Some(IncidentCause::HumanError),
            outcome: Some(IncidentOutcome::Contained),
        },
        "the category given at registration is kept"
    );
    let entry = world
        .store
        .audit_entries()
        .filter_map(Result::ok)
        .find(|e| e.action == "incident.classify")
        .expect("the classification is audited");
    assert_eq!(entry.at, when);
    let detail = entry.detail.to_string();
    assert!(
        detail.contains(r#""from":{"category":"misdelivery","cause":null,"outcome":null}"#),
        "{detail}"
    );
    assert!(detail.contains(r#""cause":"human-error""#), "{detail}");

    let nothing = incidents.classify(&incident.id, &Classification::default(), &actor_at("tsv", when));
    assert_eq!(code(nothing), "classification_empty");
    assert!(
        IncidentCategory::parse("virus")
            .unwrap_err()
            .contains("incident category")
    );

    // Stored before the classification was kept: no `classification` field at all.
    let mut old = serde_json::to_value(&classified).unwrap();
    old.as_object_mut().unwrap().remove("classification");
    let old: Incident = serde_json::from_value(old).unwrap();
    assert_eq!(old.classification, Classification::default());
}
