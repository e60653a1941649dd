//! Information requests over a real store in a temporary folder with the sample plan: the
//! legal clocks as stored (DOMAIN.md §5.5, §5.6, §5.10), the state tables (§6.4), clock pauses
//! (§6.2), the lists of what is due, and log investigations answered from the audit trail
//! (§6.3).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kirjuri_clock::{Rule, Start};
use kirjuri_registry::{
    Actor, Direction, NewDocument, OpenCase, Registry, RegistryError, RestrictionRequest, store_content,
};
use kirjuri_requests::gdpr::{IdentityMethod, IdentityResult};
use kirjuri_requests::{
    ExtensionJustification, InfoRequest, LogOrigin, LogReportRequest, NewRequest, RequestFilter, RequestKind,
    RequestState, Requests, TransitionRequest,
};
use kirjuri_store::Store;

/// The shared fixture: a store with the sample plan, its catalogue, the registry.
use kirjuri_registry::fixture::Fixture as World;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `hh:mm` Helsinki time on a day, as a UTC instant.
fn helsinki(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(y, m, d, hh, mm, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// An actor acting at noon (Helsinki) of `on`.
fn actor_on(name: &str, on: NaiveDate) -> Actor {
    Actor {
        name: name.to_owned(),
        at: helsinki(
            chrono::Datelike::year(&on),
            chrono::Datelike::month(&on),
            chrono::Datelike::day(&on),
            12,
            0,
        ),
        purpose: None,
    }
}

fn new_request(kind: RequestKind, received: NaiveDate, requester: Option<&str>) -> NewRequest {
    NewRequest {
        kind,
        received: Start::Date(received),
        requester: requester.map(str::to_owned),
        anonymous: requester.is_none(),
        channel: Some("sähköposti".to_owned()),
        origin: None,
        assignee: None,
        case: None,
    }
}

/// Logs a request received on `received` (by an actor on that same day).
fn log(requests: &Requests<'_>, kind: RequestKind, received: NaiveDate, requester: Option<&str>) -> InfoRequest {
    requests
        .new_request(&new_request(kind, received, requester), &actor_on("kirjaaja", received))
        .unwrap()
}

/// The stable code of a refusal.
fn code<T: std::fmt::Debug>(result: Result<T, RegistryError>) -> &'static str {
    match result {
        Err(RegistryError::Invalid { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn with_reason(reason: &str) -> TransitionRequest {
    TransitionRequest {
        reason: Some(reason.to_owned()),
        ..TransitionRequest::default()
    }
}

fn with_basis(basis: &str) -> TransitionRequest {
    TransitionRequest {
        legal_basis: vec![basis.to_owned()],
        ..TransitionRequest::default()
    }
}

#[test]
fn gdpr_access_gets_one_month_with_statutory_and_moved_day() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    // Sat 15.2.2025 → Sat 15.3.2025, moved to Mon 17.3.2025 (DOMAIN.md §5.10).
    let info = log(
        &requests,
        RequestKind::GdprAccess,
        day(2025, 2, 15),
        Some("Maija Meikäläinen"),
    );
    assert_eq!(info.state, RequestState::Received);
    assert_eq!(info.received_on, day(2025, 2, 15));
    assert_eq!(info.received_at, helsinki(2025, 2, 15, 0, 0));
    let deadline = info.deadline.clone().expect("a GDPR request has a clock");
    assert_eq!(deadline.rule, Rule::Gdpr);
    assert_eq!(deadline.due, day(2025, 3, 15));
    assert_eq!(deadline.due_moved, day(2025, 3, 17));
    assert_eq!(deadline.warn_on, day(2025, 3, 15));
    assert_eq!(info.deadline_history, vec![deadline]);
    // Stored as it was returned.
    assert_eq!(requests.get(&info.id).unwrap(), info);

    // Fri 31.1.2025 → Fri 28.2.2025 (no 31 February), a working day: nothing moves.
    let info = log(
        &requests,
        RequestKind::GdprErasure,
        day(2025, 1, 31),
        Some("Matti Virtanen"),
    );
    let deadline = info.deadline.unwrap();
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 2, 28), day(2025, 2, 28)));
    // Thu 6.11.2025 → Sat 6.12.2025 (Independence Day) → Mon 8.12.2025.
    let info = log(
        &requests,
        RequestKind::GdprObjection,
        day(2025, 11, 6),
        Some("Liisa Laine"),
    );
    let deadline = info.deadline.unwrap();
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 12, 6), day(2025, 12, 8)));
}

#[test]
fn publicity_request_gets_two_weeks_moved_past_christmas() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    // Wed 10.12.2025 → Wed 24.12.2025; under 150/1930 §5 past Christmas Eve, 25–26.12 and the
    // weekend to Mon 29.12.2025; alerted on the earlier day.
    let info = log(
        &requests,
        RequestKind::Publicity,
        day(2025, 12, 10),
        Some("Toimittaja Tiina"),
    );
    let deadline = info.deadline.unwrap();
    assert_eq!(deadline.rule, Rule::Publicity);
    assert_eq!(deadline.due, day(2025, 12, 24));
    assert_eq!(deadline.due_moved, day(2025, 12, 29));
    assert_eq!(deadline.warn_on, day(2025, 12, 24));
}

#[test]
fn a_request_opens_a_case_in_its_class_with_the_requester_as_party() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    for (kind, class) in [
        (RequestKind::GdprAccess, "07 00 03"),
        (RequestKind::GdprRectification, "07 00 03"),
        (RequestKind::Publicity, "07 01 02"),
        (RequestKind::LogInvestigation, "07 01 04"),
    ] {
        let info = log(&requests, kind, day(2025, 3, 3), Some("Maija Meikäläinen"));
        let case = registry.find_case(&info.case_id).unwrap();
        assert_eq!(case.class.to_string(), class, "{kind:?}");
        assert_eq!(case.diary_number, info.diary_number);
        assert_eq!(case.parties, vec!["Maija Meikäläinen".to_owned()]);
        assert_eq!(case.title, format!("{}, Maija Meikäläinen", kind.finnish()));
        // Restricted by default whatever the plan says of the class: the diary shows the kind
        // of request only, never the requester.
        assert_ne!(case.publicity, Some(kirjuri_plan::PublicityClass::Public), "{kind:?}");
        assert_eq!(case.public_title.as_deref(), Some(kind.finnish()));
        let seen = registry.view_case(case.clone(), &kirjuri_registry::Reader::public_only("tyontekija"));
        assert!(seen.masked && seen.case.parties.is_empty(), "{kind:?}");
        assert!(!seen.case.title.contains("Meikäläinen"), "{kind:?}");
    }
    // Linking to an existing case opens none.
    let first = log(
        &requests,
        RequestKind::GdprAccess,
        day(2025, 3, 3),
        Some("Maija Meikäläinen"),
    );
    let mut linked = new_request(RequestKind::GdprErasure, day(2025, 3, 4), Some("Maija Meikäläinen"));
    linked.case = Some(first.diary_number.to_string());
    let linked = requests
        .new_request(&linked, &actor_on("kirjaaja", day(2025, 3, 4)))
        .unwrap();
    assert_eq!(linked.case_id, first.case_id);
}

#[test]
fn only_publicity_requests_may_be_anonymous() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let anonymous = log(&requests, RequestKind::Publicity, day(2025, 3, 3), None);
    assert_eq!(anonymous.requester, None);
    let case = registry.find_case(&anonymous.case_id).unwrap();
    assert!(case.parties.is_empty());
    assert_eq!(case.title, "Asiakirjapyyntö, nimetön");

    let actor = actor_on("kirjaaja", day(2025, 3, 3));
    for kind in RequestKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != RequestKind::Publicity)
    {
        let refused = requests.new_request(&new_request(kind, day(2025, 3, 3), None), &actor);
        assert_eq!(code(refused), "requester", "{kind:?}");
    }
    // Neither a name nor `anonymous`, or both: refused for every kind.
    let mut neither = new_request(RequestKind::Publicity, day(2025, 3, 3), None);
    neither.anonymous = false;
    assert_eq!(code(requests.new_request(&neither, &actor)), "requester");
    let mut both = new_request(RequestKind::Publicity, day(2025, 3, 3), Some("Tiina"));
    both.anonymous = true;
    assert_eq!(code(requests.new_request(&both, &actor)), "requester");
    // A blank name is no name.
    let mut blank = new_request(RequestKind::GdprAccess, day(2025, 3, 3), Some("   "));
    blank.anonymous = false;
    assert_eq!(code(requests.new_request(&blank, &actor)), "requester");
    // Nothing was stored by the refusals.
    assert_eq!(
        requests
            .list(
                &RequestFilter {
                    include_decided: true,
                    ..RequestFilter::default()
                },
                day(2025, 3, 3)
            )
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn received_in_the_future_is_refused() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let actor = actor_on("kirjaaja", day(2025, 3, 3));
    let mut request = new_request(RequestKind::GdprAccess, day(2025, 3, 3), Some("Maija"));
    request.received = Start::Instant(actor.at + Duration::minutes(10));
    assert_eq!(code(requests.new_request(&request, &actor)), "received_in_future");
    // Tomorrow as a date (midnight Helsinki, twelve hours ahead) is refused too.
    request.received = Start::Date(day(2025, 3, 4));
    assert_eq!(code(requests.new_request(&request, &actor)), "received_in_future");
    // A clock a few minutes fast is tolerated.
    request.received = Start::Instant(actor.at + Duration::minutes(4));
    let info = requests.new_request(&request, &actor).unwrap();
    assert_eq!(info.received_on, day(2025, 3, 3));
    // An instant late in the evening UTC is the next day in Helsinki.
    request.received = Start::Instant(Utc.with_ymd_and_hms(2025, 3, 1, 22, 30, 0).unwrap());
    let info = requests.new_request(&request, &actor).unwrap();
    assert_eq!(info.received_on, day(2025, 3, 2));
    assert_eq!(info.deadline.unwrap().due, day(2025, 4, 2));
}

#[test]
fn origin_is_for_log_investigations_and_a_manager_check_has_no_clock() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let actor = actor_on("kirjaaja", day(2025, 3, 3));
    for kind in [RequestKind::GdprAccess, RequestKind::Publicity] {
        let mut request = new_request(kind, day(2025, 3, 3), Some("Maija"));
        request.origin = Some(LogOrigin::Manager);
        assert_eq!(code(requests.new_request(&request, &actor)), "origin", "{kind:?}");
    }
    // A data subject's log investigation (the default origin) runs the GDPR month.
    let subject = log(&requests, RequestKind::LogInvestigation, day(2025, 3, 3), Some("Maija"));
    assert_eq!(subject.origin, Some(LogOrigin::DataSubject));
    let deadline = subject.deadline.unwrap();
    assert_eq!(
        (deadline.rule, deadline.due, deadline.due_moved),
        (Rule::Gdpr, day(2025, 4, 3), day(2025, 4, 3))
    );
    // A manager's misuse check has none, and so nothing to pause.
    let mut request = new_request(RequestKind::LogInvestigation, day(2025, 3, 3), Some("Esimies Eero"));
    request.origin = Some(LogOrigin::Manager);
    let manager = requests.new_request(&request, &actor).unwrap();
    assert_eq!(manager.origin, Some(LogOrigin::Manager));
    assert_eq!(manager.deadline, None);
    assert!(manager.deadline_history.is_empty());
    assert_eq!(code(requests.pause(&manager.id, "odotetaan", &actor)), "refused");
}

#[test]
fn state_table_allows_and_refuses_transitions() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let actor = actor_on("käsittelijä", day(2025, 3, 5));
    let none = TransitionRequest::default();

    // GDPR: received → identity check → in progress → granted; a decided request is final.
    let gdpr = log(&requests, RequestKind::GdprAccess, day(2025, 3, 3), Some("Maija"));
    assert_eq!(
        code(requests.transition(&gdpr.id, RequestState::Granted, &none, &actor)),
        "invalid_transition"
    );
    requests
        .transition(&gdpr.id, RequestState::IdentityCheck, &none, &actor)
        .unwrap();
    requests
        .verify_identity(
            &gdpr.id,
            IdentityMethod::IdDocument,
            IdentityResult::Verified,
            None,
            &actor,
        )
        .unwrap();
    requests
        .transition(&gdpr.id, RequestState::InProgress, &none, &actor)
        .unwrap();
    let granted = requests
        .transition(
            &gdpr.id,
            RequestState::Granted,
            &with_reason("tiedot lähetetty"),
            &actor,
        )
        .unwrap();
    assert_eq!(granted.state, RequestState::Granted);
    assert_eq!(granted.decided_on, Some(day(2025, 3, 5)));
    assert_eq!(granted.lead_time_days(), Some(2));
    assert_eq!(granted.on_time(), Some((true, true)));
    let moves: Vec<(RequestState, RequestState)> = granted.history.iter().map(|t| (t.from, t.to)).collect();
    assert_eq!(
        moves,
        vec![
            (RequestState::Received, RequestState::IdentityCheck),
            (RequestState::IdentityCheck, RequestState::InProgress),
            (RequestState::InProgress, RequestState::Granted),
        ]
    );
    assert_eq!(granted.history[2].reason.as_deref(), Some("tiedot lähetetty"));
    assert_eq!(granted.history[2].by, "käsittelijä");
    for to in RequestState::ALL.iter().copied() {
        assert_eq!(
            code(requests.transition(&gdpr.id, to, &none, &actor)),
            "invalid_transition",
            "granted → {to:?}"
        );
    }

    // Publicity: no identity check; refused needs a legal basis; then the §14(3) path.
    let publicity = log(&requests, RequestKind::Publicity, day(2025, 3, 3), Some("Tiina"));
    assert_eq!(
        code(requests.transition(&publicity.id, RequestState::IdentityCheck, &none, &actor)),
        "invalid_transition"
    );
    requests
        .transition(&publicity.id, RequestState::InProgress, &none, &actor)
        .unwrap();
    assert_eq!(
        code(requests.transition(&publicity.id, RequestState::Refused, &none, &actor)),
        "legal_basis_required"
    );
    // Blank bases are no basis.
    assert_eq!(
        code(requests.transition(&publicity.id, RequestState::Refused, &with_basis("  "), &actor)),
        "legal_basis_required"
    );
    let refused = requests
        .transition(
            &publicity.id,
            RequestState::Refused,
            &with_basis("JulkL 24 § 1 mom 32 kohta"),
            &actor,
        )
        .unwrap();
    // Stored by the secrecy ground's key (the citation read by the vocabulary's parse).
    assert_eq!(refused.refusal_legal_basis, vec!["julkl-24-1-32".to_owned()]);
    assert_eq!(refused.history.last().unwrap().legal_basis, refused.refusal_legal_basis);
    assert_eq!(refused.decided_on, Some(day(2025, 3, 5)));
    let later = actor_on("käsittelijä", day(2025, 3, 20));
    requests
        .transition(&publicity.id, RequestState::ReferralOffered, &none, &later)
        .unwrap();
    requests
        .transition(&publicity.id, RequestState::ReferralRequested, &none, &later)
        .unwrap();
    assert_eq!(
        code(requests.transition(&publicity.id, RequestState::DecisionIssued, &none, &later)),
        "legal_basis_required"
    );
    let decided = requests
        .transition(
            &publicity.id,
            RequestState::DecisionIssued,
            &with_basis("JulkL 24 § 1 mom 25 kohta"),
            &later,
        )
        .unwrap();
    // The decision day of the request stays the first refusal.
    assert_eq!(decided.decided_on, Some(day(2025, 3, 5)));
    assert_eq!(
        decided.refusal_legal_basis,
        vec!["julkl-24-1-32".to_owned(), "julkl-24-1-25".to_owned()]
    );
    let appealed = requests
        .transition(&publicity.id, RequestState::Appealed, &none, &later)
        .unwrap();
    assert_eq!(appealed.state, RequestState::Appealed);

    // A GDPR refusal has no referral path.
    let erasure = log(&requests, RequestKind::GdprErasure, day(2025, 3, 3), Some("Matti"));
    requests
        .transition(&erasure.id, RequestState::InProgress, &none, &actor)
        .unwrap();
    requests
        .transition(
            &erasure.id,
            RequestState::Refused,
            &TransitionRequest {
                complaint_rights_told: true,
                ..with_basis("GDPR 17(3)(b)")
            },
            &actor,
        )
        .unwrap();
    assert_eq!(
        code(requests.transition(&erasure.id, RequestState::ReferralOffered, &none, &actor)),
        "invalid_transition"
    );
}

#[test]
fn gdpr_extension_needs_a_reason_and_is_told_within_the_first_month() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let none = TransitionRequest::default();
    // Sat 15.2.2025: first month ends Sat 15.3 → Mon 17.3; the extended deadline is Thu 15.5.2025
    // (never chained from the moved 17.3, DOMAIN.md §5.6).
    let info = log(&requests, RequestKind::GdprAccess, day(2025, 2, 15), Some("Maija"));
    let actor = actor_on("käsittelijä", day(2025, 3, 10));
    // Only an in-progress request can be extended.
    assert_eq!(
        code(requests.transition(&info.id, RequestState::Extended, &with_reason("laaja"), &actor)),
        "invalid_transition"
    );
    requests
        .transition(&info.id, RequestState::InProgress, &none, &actor)
        .unwrap();
    assert_eq!(
        code(requests.transition(&info.id, RequestState::Extended, &none, &actor)),
        "reason_required"
    );
    let too_late = TransitionRequest {
        told_requester_on: Some(day(2025, 3, 18)),
        ..with_reason("laaja pyyntö")
    };
    assert_eq!(
        code(requests.transition(&info.id, RequestState::Extended, &too_late, &actor)),
        "extension_too_late"
    );
    let last_day = TransitionRequest {
        told_requester_on: Some(day(2025, 3, 17)),
        ..with_reason("laaja pyyntö")
    };
    let extended = requests
        .transition(&info.id, RequestState::Extended, &last_day, &actor)
        .unwrap();
    let deadline = extended.deadline.clone().unwrap();
    assert_eq!(deadline.rule, Rule::GdprExtended);
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 5, 15), day(2025, 5, 15)));
    assert_eq!(deadline.reason, "extended: laaja pyyntö");
    assert_eq!(extended.deadline_history.len(), 2);
    assert_eq!(extended.deadline_history[0].due, day(2025, 3, 15));
    let extension = extended.extension.unwrap();
    assert_eq!(extension.told_requester_on, day(2025, 3, 17));
    assert_eq!(extension.reason, "laaja pyyntö");
    assert_eq!(extension.justification, None);

    // Fri 31.1.2025: the earlier reading binds, 28.2 + 2 months = Mon 28.4.2025.
    let info = log(
        &requests,
        RequestKind::GdprRectification,
        day(2025, 1, 31),
        Some("Matti"),
    );
    let actor = actor_on("käsittelijä", day(2025, 2, 10));
    requests
        .transition(&info.id, RequestState::InProgress, &none, &actor)
        .unwrap();
    let extended = requests
        .transition(
            &info.id,
            RequestState::Extended,
            &with_reason("useita pyyntöjä"),
            &actor,
        )
        .unwrap();
    let deadline = extended.deadline.unwrap();
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 4, 28), day(2025, 4, 28)));
    // Told by default today.
    assert_eq!(extended.extension.unwrap().told_requester_on, day(2025, 2, 10));
}

#[test]
fn publicity_extension_needs_a_justification() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log(&requests, RequestKind::Publicity, day(2025, 12, 10), Some("Tiina"));
    let actor = actor_on("käsittelijä", day(2025, 12, 12));
    requests
        .transition(
            &info.id,
            RequestState::InProgress,
            &TransitionRequest::default(),
            &actor,
        )
        .unwrap();
    assert_eq!(
        code(requests.transition(
            &info.id,
            RequestState::Extended,
            &with_reason("paljon asiakirjoja"),
            &actor
        )),
        "justification_required"
    );
    let change = TransitionRequest {
        justification: Some(ExtensionJustification::LargeVolume),
        ..with_reason("paljon asiakirjoja")
    };
    let extended = requests
        .transition(&info.id, RequestState::Extended, &change, &actor)
        .unwrap();
    // 10.12.2025 + 1 month = Sat 10.1.2026 → Mon 12.1.2026 (150/1930 §5).
    let deadline = extended.deadline.unwrap();
    assert_eq!(deadline.rule, Rule::PublicityExtended);
    assert_eq!((deadline.due, deadline.due_moved), (day(2026, 1, 10), day(2026, 1, 12)));
    assert_eq!(
        extended.extension.unwrap().justification,
        Some(ExtensionJustification::LargeVolume)
    );
}

#[test]
fn pause_and_resume_move_the_deadline_by_the_paused_days() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log(&requests, RequestKind::GdprAccess, day(2025, 2, 15), Some("Maija"));
    let thursday = actor_on("käsittelijä", day(2025, 2, 20));
    assert_eq!(code(requests.resume(&info.id, &thursday)), "refused");
    assert_eq!(code(requests.pause(&info.id, "  ", &thursday)), "reason_required");
    let paused = requests
        .pause(&info.id, "henkilöllisyys selvitettävä", &thursday)
        .unwrap();
    assert!(paused.is_paused());
    // The deadline does not move while paused.
    assert_eq!(paused.deadline, info.deadline);
    assert_eq!(code(requests.pause(&info.id, "uudelleen", &thursday)), "refused");

    // Resumed a week later: the statutory day moves 7 days, Sat 22.3 → Mon 24.3.
    let resumed = requests
        .resume(&info.id, &actor_on("käsittelijä", day(2025, 2, 27)))
        .unwrap();
    assert!(!resumed.is_paused());
    assert_eq!(resumed.pauses.len(), 1);
    assert_eq!(resumed.pauses[0].from, day(2025, 2, 20));
    assert_eq!(resumed.pauses[0].to, Some(day(2025, 2, 27)));
    let deadline = resumed.deadline.clone().unwrap();
    assert_eq!(deadline.rule, Rule::Gdpr);
    assert_eq!(deadline.due, day(2025, 3, 22));
    assert_eq!(deadline.due_moved, day(2025, 3, 24));
    assert_eq!(deadline.warn_on, day(2025, 3, 22));
    assert_eq!(deadline.reason, "clock paused 7 days: henkilöllisyys selvitettävä");
    assert_eq!(resumed.deadline_history.len(), 2);
    assert_eq!(resumed.deadline_history[0].due, day(2025, 3, 15));

    // A pause resumed the same day moves nothing and adds no history.
    let same_day = actor_on("käsittelijä", day(2025, 3, 3));
    requests.pause(&info.id, "lisäselvitys", &same_day).unwrap();
    let resumed = requests.resume(&info.id, &same_day).unwrap();
    assert_eq!(resumed.deadline_history.len(), 2);
    assert_eq!(resumed.deadline.unwrap().due, day(2025, 3, 22));

    // An extension counts from receipt and adds the paused days: 15.5 + 7 = Thu 22.5.2025.
    let actor = actor_on("käsittelijä", day(2025, 3, 10));
    requests
        .transition(
            &info.id,
            RequestState::InProgress,
            &TransitionRequest::default(),
            &actor,
        )
        .unwrap();
    let extended = requests
        .transition(&info.id, RequestState::Extended, &with_reason("laaja"), &actor)
        .unwrap();
    let deadline = extended.deadline.unwrap();
    assert_eq!(deadline.rule, Rule::GdprExtended);
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 5, 22), day(2025, 5, 22)));
    assert_eq!(deadline.reason, "extended: laaja; plus 7 paused days");

    // A decided request cannot be paused.
    requests
        .transition(&info.id, RequestState::Granted, &TransitionRequest::default(), &actor)
        .unwrap();
    assert_eq!(code(requests.pause(&info.id, "myöhään", &actor)), "refused");
}

#[test]
fn publicity_pause_rolls_under_its_own_calendar() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    // Due Wed 24.12.2025; paused two days → Fri 26.12.2025 (Boxing Day) → Mon 29.12.2025.
    let info = log(&requests, RequestKind::Publicity, day(2025, 12, 10), Some("Tiina"));
    requests
        .pause(&info.id, "pyyntö täsmennettävä", &actor_on("k", day(2025, 12, 11)))
        .unwrap();
    let resumed = requests.resume(&info.id, &actor_on("k", day(2025, 12, 13))).unwrap();
    let deadline = resumed.deadline.unwrap();
    assert_eq!(deadline.rule, Rule::Publicity);
    assert_eq!(
        (deadline.due, deadline.due_moved),
        (day(2025, 12, 26), day(2025, 12, 29))
    );
}

#[test]
fn list_filters_by_state_overdue_and_due_within() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    // warn_on: a → 15.3.2025, b → 3.4.2025, c → 24.12.2025 (publicity), d decided.
    let a = log(&requests, RequestKind::GdprAccess, day(2025, 2, 15), Some("A"));
    let b = log(&requests, RequestKind::GdprAccess, day(2025, 3, 3), Some("B"));
    let c = log(&requests, RequestKind::Publicity, day(2025, 12, 10), Some("C"));
    let d = log(&requests, RequestKind::GdprAccess, day(2025, 2, 16), Some("D"));
    let actor = actor_on("k", day(2025, 3, 4));
    requests
        .transition(&d.id, RequestState::InProgress, &TransitionRequest::default(), &actor)
        .unwrap();
    requests
        .transition(&d.id, RequestState::Granted, &TransitionRequest::default(), &actor)
        .unwrap();
    requests
        .transition(
            &b.id,
            RequestState::Clarification,
            &TransitionRequest::default(),
            &actor,
        )
        .unwrap();
    let ids = |filter: RequestFilter, today: NaiveDate| -> Vec<String> {
        requests
            .list(&filter, today)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };

    // Open ones, earliest warning first; decided only when asked.
    assert_eq!(
        ids(RequestFilter::default(), day(2025, 3, 4)),
        vec![a.id.clone(), b.id.clone(), c.id.clone()]
    );
    let all = RequestFilter {
        include_decided: true,
        ..RequestFilter::default()
    };
    assert_eq!(ids(all, day(2025, 3, 4)).len(), 4);
    // By state, decided states included.
    let state = |s| RequestFilter {
        state: Some(s),
        ..RequestFilter::default()
    };
    assert_eq!(
        ids(state(RequestState::Clarification), day(2025, 3, 4)),
        vec![b.id.clone()]
    );
    assert_eq!(ids(state(RequestState::Granted), day(2025, 3, 4)), vec![d.id.clone()]);
    assert_eq!(
        ids(state(RequestState::Received), day(2025, 3, 4)),
        vec![a.id.clone(), c.id.clone()]
    );
    // By kind.
    let publicity = RequestFilter {
        kind: Some(RequestKind::Publicity),
        ..RequestFilter::default()
    };
    assert_eq!(ids(publicity, day(2025, 3, 4)), vec![c.id.clone()]);

    // Overdue: the warning day has passed (a request due today is not overdue yet).
    let overdue = || RequestFilter {
        overdue: true,
        ..RequestFilter::default()
    };
    assert!(ids(overdue(), day(2025, 3, 15)).is_empty());
    assert_eq!(ids(overdue(), day(2025, 3, 16)), vec![a.id.clone()]);
    assert_eq!(ids(overdue(), day(2025, 4, 4)), vec![a.id.clone(), b.id.clone()]);

    // Due within N days: the warning day is at most today + N.
    let within = |n| RequestFilter {
        due_within_days: Some(n),
        ..RequestFilter::default()
    };
    assert!(ids(within(10), day(2025, 3, 4)).is_empty());
    assert_eq!(ids(within(11), day(2025, 3, 4)), vec![a.id.clone()]);
    assert_eq!(ids(within(30), day(2025, 3, 4)), vec![a.id.clone(), b.id.clone()]);
    assert_eq!(ids(within(0), day(2025, 3, 15)), vec![a.id.clone()]);
    // A huge N lists every open request with a clock, never the decided one.
    for n in [100_000, u64::from(u32::MAX), u64::MAX] {
        assert_eq!(
            ids(within(n), day(2025, 3, 4)),
            vec![a.id.clone(), b.id.clone(), c.id.clone()],
            "within {n}"
        );
    }
    // Filters combine: within 30 days and still received.
    let combined = RequestFilter {
        due_within_days: Some(30),
        state: Some(RequestState::Received),
        ..RequestFilter::default()
    };
    assert_eq!(ids(combined, day(2025, 3, 4)), vec![a.id.clone()]);
}

/// Registers a secret document about `party` (in a case where they are a party); returns its id.
fn secret_document_about(registry: &Registry<'_>, store: &Store, party: &str, actor: &Actor) -> String {
    let case = registry
        .open_case(
            &OpenCase {
                class: kirjuri_plan::ClassCode::parse("00 02 08").unwrap(),
                title: format!("Kuulutus, {party}"),
                parties: vec![party.to_owned()],
                department: None,
                unit: None,
                assignee: None,
                public_title: None,
                publicity: None,
                access: Vec::new(),
                city_wide_process: false,
            },
            actor,
        )
        .unwrap();
    let content = store_content(
        store,
        &mut std::io::Cursor::new(b"salainen sisalto".to_vec()),
        "kuulutus.txt",
        "text/plain",
    )
    .unwrap();
    let document = NewDocument {
        record_type: Some("kuulutus".to_owned()),
        direction: Direction::Outgoing,
        title: "Kuulutus".to_owned(),
        created_on: Some(kirjuri_registry::helsinki_date(actor.at)),
        received_on: None,
        sent_on: None,
        parties: vec![],
        language: "fi".to_owned(),
        restriction: RestrictionRequest {
            publicity: Some(kirjuri_plan::PublicityClass::Secret),
            secrecy_reasons: vec!["JulkL 24 § 1 mom 25 kohta".to_owned()],
            secrecy_years: None,
            override_reason: Some("sosiaalihuollon asiakkuus".to_owned()),
        },
        physical: None,
        trigger_event_on: None,
        retention: None,
    };
    registry
        .register_document(&case.id, &document, Some(content), actor)
        .unwrap()
        .id
}

#[test]
fn log_report_finds_reads_and_withholds_readers_unless_justified() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let setup = actor_on("kirjaaja", day(2025, 3, 1));
    let about_maija = secret_document_about(&registry, &world.store, "Maija Meikäläinen", &setup);
    let about_other = secret_document_about(&registry, &world.store, "Matti Virtanen", &setup);
    let reader = Actor {
        name: "Ville Virkailija".to_owned(),
        at: helsinki(2025, 3, 2, 9, 30),
        purpose: Some("asiakkuuden hoito".to_owned()),
    };
    registry.read_document(&about_maija, &reader).unwrap();
    registry.read_document(&about_other, &reader).unwrap();

    let investigation = log(
        &requests,
        RequestKind::LogInvestigation,
        day(2025, 3, 3),
        Some("Maija Meikäläinen"),
    );
    let handler = actor_on("tietosuojavastaava", day(2025, 3, 4));
    let withheld = LogReportRequest {
        subject: "Maija Meikäläinen".to_owned(),
        ..LogReportRequest::default()
    };
    let (document, report) = requests.log_report(&investigation.id, &withheld, &handler).unwrap();
    assert_eq!(report.hits.len(), 1, "{:?}", report.hits);
    let hit = &report.hits[0];
    assert_eq!(hit.at, reader.at);
    assert_eq!(hit.action, "document.read");
    assert_eq!(hit.record, format!("document {about_maija}"));
    assert_eq!(hit.purpose.as_deref(), Some("asiakkuuden hoito"));
    assert_eq!(hit.user, None);
    assert!(!report.users_disclosed);
    assert!(!report.to_markdown().contains("Ville"));
    // Filed in the request's case.
    assert_eq!(document.case_id, investigation.case_id);
    assert_eq!(document.record_type, "lokiselvitys");

    // Disclosure needs a justification; with one the reader is named.
    let unjustified = LogReportRequest {
        disclose_users: true,
        disclose_users_justification: Some("  ".to_owned()),
        ..withheld.clone()
    };
    assert_eq!(
        code(requests.log_report(&investigation.id, &unjustified, &handler)),
        "justification_required"
    );
    let justified = LogReportRequest {
        disclose_users: true,
        disclose_users_justification: Some("väärinkäytösepäily".to_owned()),
        ..withheld.clone()
    };
    let (_, report) = requests.log_report(&investigation.id, &justified, &handler).unwrap();
    assert_eq!(report.hits.len(), 1);
    assert_eq!(report.hits[0].user.as_deref(), Some("Ville Virkailija"));
    assert!(report.users_disclosed);
    assert!(report.to_markdown().contains("Ville Virkailija"));

    // The window excludes reads outside it (`to` is exclusive).
    let before = LogReportRequest {
        to: Some(reader.at),
        ..withheld.clone()
    };
    assert!(
        requests
            .log_report(&investigation.id, &before, &handler)
            .unwrap()
            .1
            .hits
            .is_empty()
    );
    let after = LogReportRequest {
        from: Some(reader.at + Duration::seconds(1)),
        ..withheld.clone()
    };
    assert!(
        requests
            .log_report(&investigation.id, &after, &handler)
            .unwrap()
            .1
            .hits
            .is_empty()
    );
    // Someone never read has no hits.
    let nobody = LogReportRequest {
        subject: "Ei Kukaan".to_owned(),
        ..LogReportRequest::default()
    };
    assert!(
        requests
            .log_report(&investigation.id, &nobody, &handler)
            .unwrap()
            .1
            .hits
            .is_empty()
    );
    // Only log investigations get a log report.
    let access = log(
        &requests,
        RequestKind::GdprAccess,
        day(2025, 3, 3),
        Some("Maija Meikäläinen"),
    );
    assert_eq!(code(requests.log_report(&access.id, &withheld, &handler)), "wrong_kind");
}

#[test]
fn extension_during_a_pause_counts_the_paused_days_once() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log(&requests, RequestKind::GdprAccess, day(2025, 2, 15), Some("Maija"));
    let start = actor_on("käsittelijä", day(2025, 2, 20));
    requests
        .transition(
            &info.id,
            RequestState::InProgress,
            &TransitionRequest::default(),
            &start,
        )
        .unwrap();
    requests.pause(&info.id, "henkilöllisyys", &start).unwrap();
    // Extended after 7 days of a pause still open: 15.5.2025, like any paused clock the
    // deadline moves when the pause ends (by then the whole pause is known).
    let extended = requests
        .transition(
            &info.id,
            RequestState::Extended,
            &with_reason("laaja"),
            &actor_on("käsittelijä", day(2025, 2, 27)),
        )
        .unwrap();
    assert_eq!(extended.deadline.unwrap().due, day(2025, 5, 15));
    // Resumed after 14 paused days in all: 15.5 + 14 = Thu 29.5.2025 (not 15.5 + 7 + 14), which
    // is Ascension Day (helatorstai): the deadline moves to Fri 30.5.
    let resumed = requests
        .resume(&info.id, &actor_on("käsittelijä", day(2025, 3, 6)))
        .unwrap();
    let deadline = resumed.deadline.unwrap();
    assert_eq!((deadline.due, deadline.due_moved), (day(2025, 5, 29), day(2025, 5, 30)));
}

#[test]
fn every_request_class_is_handled_city_wide() {
    for kind in kirjuri_requests::RequestKind::ALL {
        let class: kirjuri_plan::ClassCode = kind.registration().0.parse().unwrap();
        assert!(
            kirjuri_registry::is_city_wide_process_class(&class),
            "{kind:?}: {class} is missing from CITY_WIDE_PROCESS_CLASSES"
        );
    }
}

/// GDPR Art 12(4): a refusal must reach the person within one month of receipt even when the
/// request was extended, and must tell them of their right to complain to the Data Protection
/// Ombudsman and to go to court. Received Fri 31.1.2025 → one-month day Fri 28.2.2025 (no 31
/// February, 1182/71 Art 3(2)(c)); extended on 20.2.2025; refused on Mon 3.3.2025 → late, recorded
/// against 28.2.2025 and warned; refused on Thu 27.2.2025 → in time, no warning.
#[test]
fn a_gdpr_refusal_after_the_one_month_day_is_late_even_when_extended() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let received = day(2025, 1, 31);
    let extend = TransitionRequest {
        reason: Some("laaja pyyntö".to_owned()),
        told_requester_on: Some(day(2025, 2, 20)),
        ..TransitionRequest::default()
    };
    let refuse = |told: NaiveDate, confirmed: bool| TransitionRequest {
        legal_basis: vec!["GDPR 12(5)".to_owned()],
        told_requester_on: Some(told),
        complaint_rights_told: confirmed,
        ..TransitionRequest::default()
    };
    let extended = |requester: &str| {
        let request = log(&requests, RequestKind::GdprAccess, received, Some(requester));
        assert_eq!(request.deadline.as_ref().unwrap().due_moved, day(2025, 2, 28));
        let on = actor_on("kirjaaja", day(2025, 2, 20));
        requests
            .transition(
                &request.id,
                RequestState::InProgress,
                &TransitionRequest::default(),
                &on,
            )
            .unwrap();
        requests
            .transition(&request.id, RequestState::Extended, &extend, &on)
            .unwrap()
    };

    // Without the complaint-rights confirmation: refused, naming the field, nothing written.
    let late = extended("Matti Virtanen");
    let march = actor_on("kirjaaja", day(2025, 3, 3));
    assert_eq!(
        code(requests.transition(&late.id, RequestState::Refused, &refuse(day(2025, 3, 3), false), &march)),
        "complaint_rights_required"
    );
    assert_eq!(requests.get(&late.id).unwrap().state, RequestState::Extended);
    // Refused on 3.3.2025: after the one-month day 28.2.2025 → late, recorded and warned.
    let refused = requests
        .transition(&late.id, RequestState::Refused, &refuse(day(2025, 3, 3), true), &march)
        .unwrap();
    let record = refused.gdpr_refusal.clone().unwrap();
    assert_eq!(record.one_month_day, day(2025, 2, 28));
    assert_eq!(record.told_on, day(2025, 3, 3));
    assert!(record.late && record.complaint_rights_told);
    let warning = kirjuri_requests::gdpr::late_refusal_warning(&refused).unwrap();
    assert!(warning.contains("2025-02-28") && warning.contains("12(4)"), "{warning}");

    // Refused on 27.2.2025: within the month → in time, no warning.
    let in_time = extended("Maija Meikäläinen");
    let refused = requests
        .transition(
            &in_time.id,
            RequestState::Refused,
            &refuse(day(2025, 2, 27), true),
            &actor_on("kirjaaja", day(2025, 2, 27)),
        )
        .unwrap();
    assert!(!refused.gdpr_refusal.as_ref().unwrap().late);
    assert_eq!(kirjuri_requests::gdpr::late_refusal_warning(&refused), None);

    // The year's statistics count the late refusal.
    let stats = requests.statistics(2025).unwrap();
    assert_eq!(stats.late_gdpr_refusals, 1);
    // A Publicity Act refusal needs no GDPR confirmation.
    let publicity = log(&requests, RequestKind::Publicity, received, None);
    requests
        .transition(
            &publicity.id,
            RequestState::InProgress,
            &TransitionRequest::default(),
            &march,
        )
        .unwrap();
    let refused = requests
        .transition(
            &publicity.id,
            RequestState::Refused,
            &with_basis("JulkL 24 § 1 mom 32 kohta"),
            &march,
        )
        .unwrap();
    assert_eq!(refused.gdpr_refusal, None);
}

/// GDPR Art 12(6): received Mon 2.3.2026, in identity check; moving to in-progress before the
/// identity is verified is refused (`identity_not_verified`); a failed check does not open it
/// either; verified on Wed 4.3.2026 by strong electronic identification (Suomi.fi) → the check is
/// kept (method, result, checker, time) and the request moves on. `other` needs its note.
#[test]
fn a_gdpr_request_leaves_the_identity_check_only_when_verified() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let none = TransitionRequest::default();
    let gdpr = log(
        &requests,
        RequestKind::GdprAccess,
        day(2026, 3, 2),
        Some("Maija Meikäläinen"),
    );
    let monday = actor_on("käsittelijä", day(2026, 3, 2));
    requests
        .transition(&gdpr.id, RequestState::IdentityCheck, &none, &monday)
        .unwrap();
    assert_eq!(
        code(requests.transition(&gdpr.id, RequestState::InProgress, &none, &monday)),
        "identity_not_verified"
    );
    requests
        .verify_identity(
            &gdpr.id,
            IdentityMethod::SignedLetter,
            IdentityResult::Failed,
            None,
            &monday,
        )
        .unwrap();
    assert_eq!(
        code(requests.transition(&gdpr.id, RequestState::InProgress, &none, &monday)),
        "identity_not_verified"
    );
    assert_eq!(
        code(requests.verify_identity(
            &gdpr.id,
            IdentityMethod::Other,
            IdentityResult::Verified,
            Some(" "),
            &monday
        )),
        "note"
    );
    let wednesday = actor_on("käsittelijä", day(2026, 3, 4));
    let verified = requests
        .verify_identity(
            &gdpr.id,
            IdentityMethod::StrongElectronic,
            IdentityResult::Verified,
            Some("Suomi.fi-tunnistus"),
            &wednesday,
        )
        .unwrap();
    let last = verified.identity_verifications.last().unwrap();
    assert_eq!(last.method, IdentityMethod::StrongElectronic);
    assert_eq!(last.checked_by, "käsittelijä");
    assert_eq!(last.checked_at, wednesday.at);
    assert_eq!(verified.identity_verifications.len(), 2);
    let moved = requests
        .transition(&gdpr.id, RequestState::InProgress, &none, &wednesday)
        .unwrap();
    assert_eq!(moved.state, RequestState::InProgress);
    // A publicity request has no identity check.
    let publicity = log(&requests, RequestKind::Publicity, day(2026, 3, 2), None);
    assert_eq!(
        code(requests.verify_identity(
            &publicity.id,
            IdentityMethod::IdDocument,
            IdentityResult::Verified,
            None,
            &monday
        )),
        "not_gdpr"
    );
}

/// Requests stored before identity checks were kept still load (serde default).
#[test]
fn an_old_request_without_identity_checks_loads() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let gdpr = log(&requests, RequestKind::GdprAccess, day(2026, 3, 2), Some("Maija"));
    let mut value = serde_json::to_value(&gdpr).unwrap();
    value.as_object_mut().unwrap().remove("identity_verifications");
    let old: InfoRequest = serde_json::from_value(value).unwrap();
    assert!(old.identity_verifications.is_empty());
}
