//! The disclosure record of a Publicity Act 621/1999 document request over a real store in a
//! temporary folder: documents disclosed in full or in part (withheld parts and their secrecy
//! grounds), fees under §34, a transfer under §15, and the year's figures of both.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{NaiveDate, TimeZone, Utc};
use kirjuri_clock::Start;
use kirjuri_plan::ClassCode;
use kirjuri_registry::fixture::Fixture as World;
use kirjuri_registry::{Actor, Direction, NewDocument, OpenCase, Reader, Registry, RegistryError};
use kirjuri_requests::{
    Delivery, DisclosureOutcome, InfoRequest, NewDisclosure, NewFee, NewRequest, RequestFilter, RequestKind,
    RequestState, Requests, YearStatistics,
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

/// A document in a new case of class 00 02 08; `access` names the only people who may read it.
fn document(registry: &Registry<'_>, title: &str, access: &[&str], on: NaiveDate) -> String {
    let mut open = OpenCase::new(ClassCode::parse("00 02 08").unwrap(), format!("Asia: {title}"));
    open.access = access.iter().map(|a| (*a).to_owned()).collect();
    let actor = actor_on(access.first().copied().unwrap_or("kirjaaja"), on);
    let case = registry.open_case(&open, &actor).unwrap();
    let new = NewDocument::new(None, Direction::Incoming, title).dated(Some(on));
    let content = kirjuri_registry::store_content(
        registry.store,
        &mut std::io::Cursor::new(title.as_bytes().to_vec()),
        "asiakirja.txt",
        "text/plain",
    )
    .unwrap();
    registry
        .register_document(&case.id, &new, Some(content), &actor)
        .unwrap()
        .id
}

fn code_and_message<T: std::fmt::Debug>(result: Result<T, RegistryError>) -> (&'static str, String) {
    match result {
        Err(RegistryError::Invalid { code, message }) => (code, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn disclose(document_id: &str) -> NewDisclosure {
    NewDisclosure {
        document_id: document_id.to_owned(),
        outcome: DisclosureOutcome::Disclosed,
        withheld: None,
        grounds: Vec::new(),
        other_ground: None,
    }
}

/// Received Wed 10.12.2025: document A is disclosed in full and document B in part (pages
/// 3–4 withheld under JulkL 24 § 1 mom 25 kohta, social welfare client data) on 15.12.2025;
/// copies are charged 12,00 € on 16.12.2025 (§34: copies may be charged). A fee for an answer
/// sent by e-mail is refused (§34(1): e-mail is free). The year 2025 counts one fee of 1200
/// cents.
#[test]
fn documents_are_disclosed_in_full_and_in_part_and_copies_are_charged() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let reader = Reader::city_wide("käsittelijä");
    let info = log_publicity(&requests, day(2025, 12, 10));
    let a = document(&registry, "Kokouspöytäkirja 3/2025", &[], day(2025, 11, 1));
    let b = document(&registry, "Selvitys lastensuojelun resursseista", &[], day(2025, 11, 2));
    let on_15 = actor_on("käsittelijä", day(2025, 12, 15));

    requests
        .record_disclosure(&info.id, &disclose(&a), &reader, &on_15)
        .unwrap();
    let partial = NewDisclosure {
        document_id: b.clone(),
        outcome: DisclosureOutcome::Partial,
        withheld: Some("sivut 3–4, henkilötunnukset".to_owned()),
        grounds: vec!["JulkL 24 § 1 mom 25 kohta".to_owned()],
        other_ground: None,
    };
    let stored = requests.record_disclosure(&info.id, &partial, &reader, &on_15).unwrap();
    let documents = &stored.disclosure.documents;
    assert_eq!(documents.len(), 2);
    assert_eq!(
        (documents[0].document_id.as_str(), documents[0].outcome),
        (a.as_str(), DisclosureOutcome::Disclosed)
    );
    assert_eq!(documents[1].outcome, DisclosureOutcome::Partial);
    assert_eq!(
        documents[1].grounds,
        ["julkl-24-1-25"],
        "stored by the vocabulary's key"
    );
    assert_eq!(documents[1].withheld.as_deref(), Some("sivut 3–4, henkilötunnukset"));
    assert_eq!(documents[1].on, day(2025, 12, 15));

    // The same document twice, a partial disclosure without a ground or a withheld part.
    let (_, message) = code_and_message(requests.record_disclosure(&info.id, &disclose(&a), &reader, &on_15));
    assert!(message.starts_with("document_id:"), "{message}");
    let mut no_ground = partial.clone();
    no_ground.document_id = document(&registry, "C", &[], day(2025, 11, 3));
    no_ground.grounds.clear();
    let (code, message) = code_and_message(requests.record_disclosure(&info.id, &no_ground, &reader, &on_15));
    assert_eq!(code, "grounds", "{message}");
    no_ground.grounds = vec!["julkl-24-1-99".to_owned()];
    let (code, message) = code_and_message(requests.record_disclosure(&info.id, &no_ground, &reader, &on_15));
    assert_eq!(code, "unknown_ground");
    assert!(message.starts_with("grounds:"), "{message}");

    let on_16 = actor_on("käsittelijä", day(2025, 12, 16));
    let copies = NewFee {
        amount_cents: 1200,
        basis: "kopiot 12 sivua".to_owned(),
        delivery: Delivery::Copy,
        on: None,
    };
    let charged = requests.record_fee(&info.id, &copies, &reader, &on_16).unwrap();
    assert_eq!(charged.disclosure.fees.len(), 1);
    assert_eq!(charged.disclosure.fees[0].on, day(2025, 12, 16));
    assert_eq!(charged.disclosure.fees_cents(), 1200);

    // §34(1): an answer sent by e-mail is free.
    let emailed = NewFee {
        delivery: Delivery::Email,
        ..copies.clone()
    };
    let (code, message) = code_and_message(requests.record_fee(&info.id, &emailed, &reader, &on_16));
    assert_eq!(code, "free_delivery");
    assert!(message.starts_with("delivery:"), "{message}");
    for bad in [-100, 0, 1_000_001] {
        let (code, _) = code_and_message(requests.record_fee(
            &info.id,
            &NewFee {
                amount_cents: bad,
                ..copies.clone()
            },
            &reader,
            &on_16,
        ));
        assert_eq!(code, "amount", "{bad} cents");
    }
    let (code, _) = code_and_message(requests.record_fee(
        &info.id,
        &NewFee {
            on: Some(day(2025, 12, 17)),
            ..copies.clone()
        },
        &reader,
        &on_16,
    ));
    assert_eq!(code, "bad_date", "a fee charged tomorrow");
    assert_eq!(
        requests.get(&info.id).unwrap().disclosure.fees.len(),
        1,
        "nothing half-written"
    );

    let year = YearStatistics::compute(2025, &[requests.get(&info.id).unwrap()]);
    assert_eq!((year.disclosure.fees_charged, year.disclosure.fees_cents), (1, 1200));
    assert_eq!(year.disclosure.transfers, 0);
    let audit: Vec<String> = world.store.audit_entries().map(|e| e.unwrap().action).collect();
    assert_eq!(audit.iter().filter(|a| *a == "request.disclosure").count(), 2);
    assert_eq!(audit.iter().filter(|a| *a == "request.fee").count(), 1);
}

/// An unknown document and a document the acting user may not read (an HR case whose access
/// list names someone else) are refused with the same words: the answer does not tell that the
/// second exists.
#[test]
fn an_unknown_and_an_unreadable_document_are_refused_alike() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let reader = Reader::city_wide("käsittelijä");
    let info = log_publicity(&requests, day(2025, 12, 10));
    let hidden = document(&registry, "Henkilöstöasia", &["hr-paallikko"], day(2025, 11, 1));
    let on_15 = actor_on("käsittelijä", day(2025, 12, 15));
    let (code_hidden, hidden_message) =
        code_and_message(requests.record_disclosure(&info.id, &disclose(&hidden), &reader, &on_15));
    let (code_unknown, unknown_message) =
        code_and_message(requests.record_disclosure(&info.id, &disclose("doc-999"), &reader, &on_15));
    assert_eq!(code_hidden, code_unknown);
    assert_eq!(
        hidden_message.replace(&hidden, "ID"),
        unknown_message.replace("doc-999", "ID"),
        "the same message but for the id typed"
    );
    assert!(hidden_message.starts_with("document_id:"));
    // The person on the access list may record it.
    let hr = Reader::city_wide("hr-paallikko");
    requests
        .record_disclosure(
            &info.id,
            &disclose(&hidden),
            &hr,
            &actor_on("hr-paallikko", day(2025, 12, 15)),
        )
        .unwrap();
}

/// A second request received 10.12.2025 is transferred on Mon 15.12.2025 to Pohjois-Savon
/// hyvinvointialue (§15): it is decided (state `transferred`, decided on 15.12.2025), its clock
/// stops (it leaves the list of what is due), and 2025 counts one transfer. A transfer day
/// before receipt or in the future, or no authority, is refused.
#[test]
fn a_transferred_request_is_decided_and_its_clock_stops() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let reader = Reader::city_wide("käsittelijä");
    let info = log_publicity(&requests, day(2025, 12, 10));
    let on_15 = actor_on("käsittelijä", day(2025, 12, 15));
    let refused = |on: NaiveDate, authority: &str| {
        code_and_message(requests.record_transfer(&info.id, on, authority, &reader, &on_15))
    };
    let (code, message) = refused(day(2025, 12, 9), "Pohjois-Savon hyvinvointialue");
    assert_eq!(code, "bad_date");
    assert!(message.starts_with("on:"), "{message}");
    assert_eq!(
        refused(day(2025, 12, 16), "Pohjois-Savon hyvinvointialue").0,
        "bad_date"
    );
    let (code, message) = refused(day(2025, 12, 15), "  ");
    assert_eq!(code, "authority");
    assert!(message.starts_with("authority:"), "{message}");

    let transferred = requests
        .record_transfer(
            &info.id,
            day(2025, 12, 15),
            "Pohjois-Savon hyvinvointialue",
            &reader,
            &on_15,
        )
        .unwrap();
    assert_eq!(transferred.state, RequestState::Transferred);
    assert!(transferred.state.is_decided());
    assert_eq!(transferred.decided_on, Some(day(2025, 12, 15)));
    let transfer = transferred.disclosure.transfer.as_ref().unwrap();
    assert_eq!(
        (transfer.on, transfer.authority.as_str()),
        (day(2025, 12, 15), "Pohjois-Savon hyvinvointialue")
    );
    let overdue = RequestFilter {
        overdue: true,
        ..RequestFilter::default()
    };
    assert!(
        requests.list(&overdue, day(2026, 1, 31)).unwrap().is_empty(),
        "no clock runs"
    );
    // Only an open request is transferred.
    assert_eq!(refused(day(2025, 12, 15), "Kuopion kaupunki").0, "invalid_transition");
    let year = YearStatistics::compute(2025, &[transferred]);
    assert_eq!(year.disclosure.transfers, 1);
    // A GDPR request has no disclosure record.
    let gdpr = requests
        .new_request(
            &NewRequest {
                kind: RequestKind::GdprAccess,
                received: Start::Date(day(2025, 12, 10)),
                requester: Some("Matti".to_owned()),
                anonymous: false,
                channel: None,
                origin: None,
                assignee: None,
                case: None,
            },
            &actor_on("kirjaaja", day(2025, 12, 10)),
        )
        .unwrap();
    let (code, _) = code_and_message(requests.record_transfer(&gdpr.id, day(2025, 12, 15), "X", &reader, &on_15));
    assert_eq!(code, "wrong_kind");
}

/// A request stored before the disclosure record existed loads with an empty one.
#[test]
fn an_old_request_loads_with_an_empty_record() {
    let world = World::new();
    let registry = world.registry();
    let requests = Requests { registry: &registry };
    let info = log_publicity(&requests, day(2025, 12, 10));
    let mut old = serde_json::to_value(&info).unwrap();
    old.as_object_mut().unwrap().remove("disclosure");
    let loaded: InfoRequest = serde_json::from_value(old).unwrap();
    assert!(loaded.disclosure.is_empty());
}
