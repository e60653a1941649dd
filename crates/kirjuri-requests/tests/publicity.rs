//! Publicity Act 621/1999 document requests over a real store in a temporary folder: the alert
//! on the earlier of the statutory and the moved day (DOMAIN.md §5.2), the one-month track only
//! within the two weeks (§14(4)) and the year's figures of the two tracks.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{NaiveDate, TimeZone, Utc};
use kirjuri_clock::{Rule, Start};
use kirjuri_registry::fixture::Fixture as World;
use kirjuri_registry::{Actor, RegistryError};
use kirjuri_requests::{
    ExtensionJustification, InfoRequest, NewRequest, RequestFilter, RequestKind, RequestState, Requests,
    TransitionRequest, YearStatistics,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An actor acting at noon (Helsinki) of `on`.
fn actor_on(name: &str, on: NaiveDate) -> Actor {
    let noon = on.and_hms_opt(12, 0, 0).unwrap();
    Actor {
        name: name.to_owned(),
        at: chrono_tz::Europe::Helsinki
            .from_local_datetime(&noon)
            .single()
            .unwrap()
            .with_timezone(&Utc),
        purpose: None,
    }
}

fn log_publicity(requests: &Requests<'_>, received: NaiveDate) -> InfoRequest {
    let request = NewRequest {
        kind: RequestKind::Publicity,
        received: Start::Date(received),
        requester: Some("Toimittaja Tiina".to_owned()),
        anonymous: false,
        channel: Some("sähköposti".to_owned()),
        origin: None,
        assignee: None,
        case: None,
    };
    requests.new_request(&request, &actor_on("kirjaaja", received)).unwrap()
}

fn move_to(
    requests: &Requests<'_>,
    id: &str,
    to: RequestState,
    change: &TransitionRequest,
    on: NaiveDate,
) -> InfoRequest {
    requests
        .transition(id, to, change, &actor_on("käsittelijä", on))
        .unwrap()
}

fn month_track(justification: ExtensionJustification) -> TransitionRequest {
    TransitionRequest {
        reason: Some("paljon asiakirjoja".to_owned()),
        justification: Some(justification),
        ..TransitionRequest::default()
    }
}

/// Received Wed 10.12.2025: statutory day Wed 24.12.2025, moved under 150/1930 §5 past
/// Christmas Eve, 25–26.12 and the weekend to Mon 29.12.2025; the lists warn on 24.12, so on
/// 25.12.2025 the request is overdue although its moved day is still ahead.
#[test]
fn the_lists_warn_on_the_statutory_day_before_the_moved_day() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2025, 12, 10));
    let deadline = info.deadline.clone().unwrap();
    assert_eq!(
        (deadline.due, deadline.due_moved, deadline.warn_on),
        (day(2025, 12, 24), day(2025, 12, 29), day(2025, 12, 24))
    );
    let overdue = RequestFilter {
        overdue: true,
        ..RequestFilter::default()
    };
    let on_christmas = requests.list(&overdue, day(2025, 12, 25)).unwrap();
    assert_eq!(on_christmas.len(), 1, "overdue on 25.12.2025 against 24.12.2025");
    let on_christmas_eve = requests.list(&overdue, day(2025, 12, 24)).unwrap();
    assert!(on_christmas_eve.is_empty(), "due, not late, on its statutory day");
    // A GDPR request due later (received 1.12.2025: 1.1.2026 → Fri 2.1.2026) sorts after it.
    let later = requests
        .new_request(
            &NewRequest {
                kind: RequestKind::GdprAccess,
                received: Start::Date(day(2025, 12, 1)),
                requester: Some("Matti".to_owned()),
                anonymous: false,
                channel: None,
                origin: None,
                assignee: None,
                case: None,
            },
            &actor_on("kirjaaja", day(2025, 12, 1)),
        )
        .unwrap();
    let all = requests.list(&RequestFilter::default(), day(2025, 12, 25)).unwrap();
    let order: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, [info.id.as_str(), later.id.as_str()]);
}

/// Received Tue 1.12.2026: two weeks end Tue 15.12.2026. A switch on Thu 10.12.2026 is within
/// them: 1.12.2026 + 1 month = Fri 1.1.2027, New Year's Day, which 150/1930 §5 moves past Sat
/// 2.1 and Sun 3.1 to Mon 4.1.2027; the warning stays on 1.1.2027 (kirjuri_clock computes it).
#[test]
fn the_month_track_is_chosen_within_the_two_weeks() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2026, 12, 1));
    assert_eq!(info.deadline.as_ref().unwrap().due, day(2026, 12, 15));
    move_to(
        &requests,
        &info.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 2),
    );
    let switched = move_to(
        &requests,
        &info.id,
        RequestState::Extended,
        &month_track(ExtensionJustification::LargeVolume),
        day(2026, 12, 10),
    );
    let month = switched.deadline.unwrap();
    assert_eq!(month.rule, Rule::PublicityExtended);
    assert_eq!(
        (month.due, month.due_moved, month.warn_on),
        (day(2027, 1, 1), day(2027, 1, 4), day(2027, 1, 1))
    );
}

/// Received Tue 1.12.2026: on Wed 16.12.2026 the two weeks (to 15.12.2026) have run out, so the
/// switch is refused and the error names the day they ended; nothing is written.
#[test]
fn the_month_track_is_refused_after_the_two_weeks() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2026, 12, 1));
    move_to(
        &requests,
        &info.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 2),
    );
    let refused = requests.transition(
        &info.id,
        RequestState::Extended,
        &month_track(ExtensionJustification::SpecialMeasures),
        &actor_on("käsittelijä", day(2026, 12, 16)),
    );
    match refused {
        Err(RegistryError::Invalid { code, message }) => {
            assert_eq!(code, "month_track_too_late");
            assert!(message.contains("15.12.2026"), "{message}");
            assert!(message.contains("2026-12-15"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let stored = requests.get(&info.id).unwrap();
    assert_eq!(stored.state, RequestState::InProgress);
    assert_eq!(stored.deadline.unwrap().rule, Rule::Publicity);
    // On the last day of the two weeks, 15.12.2026, the switch is still allowed.
    let switched = move_to(
        &requests,
        &info.id,
        RequestState::Extended,
        &month_track(ExtensionJustification::SpecialMeasures),
        day(2026, 12, 15),
    );
    assert_eq!(switched.state, RequestState::Extended);
}

/// Received 1.12.2026, switched on 10.12.2026 (large volume), granted on Mon 28.12.2026: on time
/// for the month track (1.1.2027) but late against the original two weeks (15.12.2026). A
/// second request of 1.12.2026 granted on 14.12.2026 is on time against its two weeks.
#[test]
fn the_statistics_count_both_tracks_and_the_switches() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let switched = log_publicity(&requests, day(2026, 12, 1));
    move_to(
        &requests,
        &switched.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 2),
    );
    move_to(
        &requests,
        &switched.id,
        RequestState::Extended,
        &month_track(ExtensionJustification::LargeVolume),
        day(2026, 12, 10),
    );
    let granted = move_to(
        &requests,
        &switched.id,
        RequestState::Granted,
        &TransitionRequest::default(),
        day(2026, 12, 28),
    );
    assert_eq!(granted.decided_on, Some(day(2026, 12, 28)));
    let quick = log_publicity(&requests, day(2026, 12, 1));
    move_to(
        &requests,
        &quick.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 2),
    );
    move_to(
        &requests,
        &quick.id,
        RequestState::Granted,
        &TransitionRequest::default(),
        day(2026, 12, 14),
    );

    let stats: YearStatistics = requests.statistics(2026).unwrap();
    let publicity = &stats.publicity;
    assert_eq!(publicity.decided, 2);
    assert_eq!(publicity.on_time_two_weeks, 1, "only the quick one met 15.12.2026");
    assert_eq!(publicity.month_track_decided, 1);
    assert_eq!(publicity.on_time_month_track, 1, "28.12.2026 is within 1.1.2027");
    assert_eq!(publicity.month_track_switches.get("large-volume"), Some(&1));
    assert_eq!(publicity.month_track_switches.get("special-measures"), None);
    // The common figures count the switched one on time against its month deadline in force.
    assert_eq!(stats.on_time_statutory, 2);
}

/// §14(3): refused informally, the referral requested on Mon 7.12.2026 starts a 14-day
/// internal target: Mon 21.12.2026 (calendar days, no roll: the city's own target). The
/// decision issued on Fri 18.12.2026 is on time, carries appeal instructions naming the court
/// and the 30-day appeal period, and is registered as a document of the request's case.
#[test]
fn a_referral_starts_the_decision_clock_and_the_decision_carries_appeal_instructions() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2026, 11, 30));
    move_to(
        &requests,
        &info.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 1),
    );
    let basis = TransitionRequest {
        legal_basis: vec!["JulkL 24 § 1 mom 25 kohta".to_owned()],
        ..TransitionRequest::default()
    };
    move_to(&requests, &info.id, RequestState::Refused, &basis, day(2026, 12, 3));
    move_to(
        &requests,
        &info.id,
        RequestState::ReferralOffered,
        &TransitionRequest::default(),
        day(2026, 12, 3),
    );
    let settings = kirjuri_requests::PublicitySettings::default();
    assert_eq!(settings.decision_target_days, 14);
    let with_settings = TransitionRequest {
        publicity: settings.clone(),
        ..TransitionRequest::default()
    };
    let requested = move_to(
        &requests,
        &info.id,
        RequestState::ReferralRequested,
        &with_settings,
        day(2026, 12, 7),
    );
    let clock = requested.referral.clone().unwrap();
    assert_eq!(clock.requested_on, day(2026, 12, 7));
    assert_eq!(clock.target.due, day(2026, 12, 21));
    assert_eq!(clock.history.len(), 1);
    assert_eq!(clock.decided_on_time(), None, "pending");

    let decision = TransitionRequest {
        legal_basis: vec!["JulkL 24 § 1 mom 25 kohta".to_owned()],
        publicity: kirjuri_requests::PublicitySettings {
            appeal_court: "Itä-Suomen hallinto-oikeus".to_owned(),
            appeal_court_sv: "Östra Finlands förvaltningsdomstol".to_owned(),
            ..settings
        },
        ..TransitionRequest::default()
    };
    let decided = move_to(
        &requests,
        &info.id,
        RequestState::DecisionIssued,
        &decision,
        day(2026, 12, 18),
    );
    let clock = decided.referral.unwrap();
    assert_eq!(clock.decision_issued_on, Some(day(2026, 12, 18)));
    assert_eq!(clock.decided_on_time(), Some(true), "18.12.2026 is before 21.12.2026");
    assert_eq!(clock.target.due, day(2026, 12, 21), "the stored target is kept");
    let appeal = clock.appeal.unwrap();
    assert_eq!(appeal.court, "Itä-Suomen hallinto-oikeus");
    assert_eq!(appeal.appeal_days, 30);
    assert!(
        appeal.text.contains("Valitusviranomainen: Itä-Suomen hallinto-oikeus"),
        "{}",
        appeal.text
    );
    assert!(
        appeal
            .text
            .contains("Besvärsmyndighet: Östra Finlands förvaltningsdomstol"),
        "{}",
        appeal.text
    );
    assert!(appeal.text.contains("30 päivän kuluessa"), "{}", appeal.text);
    assert!(appeal.text.contains("annettu 18.12.2026"), "{}", appeal.text);
    assert!(!appeal.text.contains('{'), "no placeholder left");
    assert!(!appeal.text.lines().any(|l| l.starts_with(';')), "no comment line left");
    assert!(appeal.text.starts_with("VALITUSOSOITUS"), "{}", appeal.text);
    let documents = registry.documents_of_case(&info.case_id).unwrap();
    let document = documents
        .iter()
        .find(|d| Some(d.id.as_str()) == appeal.document_id.as_deref())
        .expect("the decision registered in the request's case");
    assert_eq!(document.record_type, "asiakirjapyynto-paatos");
}

/// A decision issued after the target is late by the days past it: referral Mon 7.12.2026,
/// target 21.12.2026, decision Mon 28.12.2026 → 7 days late.
#[test]
fn a_decision_after_the_target_is_late() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2026, 11, 30));
    let basis = TransitionRequest {
        legal_basis: vec!["julkl-24-1-25".to_owned()],
        ..TransitionRequest::default()
    };
    move_to(
        &requests,
        &info.id,
        RequestState::InProgress,
        &TransitionRequest::default(),
        day(2026, 12, 1),
    );
    move_to(
        &requests,
        &info.id,
        RequestState::PartlyGranted,
        &TransitionRequest::default(),
        day(2026, 12, 3),
    );
    move_to(
        &requests,
        &info.id,
        RequestState::ReferralOffered,
        &TransitionRequest::default(),
        day(2026, 12, 3),
    );
    move_to(
        &requests,
        &info.id,
        RequestState::ReferralRequested,
        &TransitionRequest::default(),
        day(2026, 12, 7),
    );
    let decided = move_to(
        &requests,
        &info.id,
        RequestState::DecisionIssued,
        &basis,
        day(2026, 12, 28),
    );
    let clock = decided.referral.unwrap();
    assert_eq!(clock.decided_on_time(), Some(false));
    assert_eq!(clock.days_late(day(2027, 1, 5)), 7);
}

/// Two refusals of December 2026, one typed as the citation "JulkL 24 § 1 mom 25 kohta" and one
/// as the key "julkl-24-1-25", are stored by the key and count as one ground in the year's
/// statistics; a ground outside the list goes as "other ground" and counts as "other"; a text
/// the list cannot read is refused, naming the field.
#[test]
fn refusal_grounds_are_keys_of_the_vocabulary() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let refuse = |basis: Vec<&str>, other: Option<&str>| {
        let info = log_publicity(&requests, day(2026, 12, 1));
        move_to(
            &requests,
            &info.id,
            RequestState::InProgress,
            &TransitionRequest::default(),
            day(2026, 12, 2),
        );
        let change = TransitionRequest {
            legal_basis: basis.into_iter().map(str::to_owned).collect(),
            other_ground: other.map(str::to_owned),
            ..TransitionRequest::default()
        };
        requests.transition(
            &info.id,
            RequestState::Refused,
            &change,
            &actor_on("käsittelijä", day(2026, 12, 9)),
        )
    };
    let cited = refuse(vec!["JulkL 24 § 1 mom 25 kohta"], None).unwrap();
    assert_eq!(cited.refusal_legal_basis, ["julkl-24-1-25"]);
    let keyed = refuse(vec!["julkl-24-1-25"], None).unwrap();
    assert_eq!(keyed.refusal_legal_basis, ["julkl-24-1-25"]);
    let other = refuse(vec![], Some("Tekijänoikeuslaki 404/1961")).unwrap();
    assert!(other.refusal_legal_basis.is_empty());
    assert_eq!(other.refusal_other_ground, ["Tekijänoikeuslaki 404/1961"]);
    match refuse(vec!["salainen koska niin"], None) {
        Err(RegistryError::Invalid { code, message }) => {
            assert_eq!(code, "unknown_ground");
            assert!(message.starts_with("legal_basis:"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let stats = requests.statistics(2026).unwrap();
    assert_eq!(stats.refusals_by_legal_basis.get("julkl-24-1-25"), Some(&2));
    assert_eq!(stats.refusals_by_legal_basis.get("other"), Some(&1));
    assert_eq!(stats.refusals_by_legal_basis.len(), 2);
}

/// A request stored before the vocabulary, with its ground as free text, still loads; the
/// statistics map the citation the list reads to its key and anything else to "other".
#[test]
fn old_free_text_grounds_still_load_and_are_mapped() {
    let mut old = serde_json::json!({
        "id": "req-1", "kind": "publicity", "case_id": "case-1", "diary_number": "LAI/1/07.01.02/2025",
        "received_at": "2025-12-01T10:00:00Z", "received_on": "2025-12-01", "requester": null,
        "state": "refused", "deadline": null, "deadline_history": [],
        "refusal_legal_basis": ["JulkL 24 § 1 mom. 25 k.", "vanha vapaa teksti"],
        "decided_on": "2025-12-05", "history": [], "created_by": "kirjaaja"
    });
    let first: InfoRequest = serde_json::from_value(old.clone()).unwrap();
    old["id"] = "req-2".into();
    old["refusal_legal_basis"] = serde_json::json!(["julkl-24-1-25"]);
    let second: InfoRequest = serde_json::from_value(old).unwrap();
    let stats = YearStatistics::compute(2025, &[first, second]);
    assert_eq!(stats.refusals_by_legal_basis.get("julkl-24-1-25"), Some(&2));
    assert_eq!(stats.refusals_by_legal_basis.get("other"), Some(&1));
}
