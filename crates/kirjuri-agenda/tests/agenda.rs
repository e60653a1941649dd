//! The agenda over a real store in a temporary folder with the sample plan, every record
//! made through its domain API: who gets which deadline, each as its clock was stored, and
//! only public titles.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kirjuri_agenda::{Buckets, Due, Duties, ItemKind, Person, Sections, agenda_for};
use kirjuri_clock::Start;
use kirjuri_contracts::{Contract, ContractState, NoticePeriod, Renewal, ValueBand};
use kirjuri_incidents::registers::{AgreementState, ProcessorAgreement, Save};
use kirjuri_incidents::{Incidents, NewIncident, Record, Severity};
use kirjuri_registry::fixture::Fixture;
use kirjuri_registry::{Actor, Reader, Registry};
use kirjuri_requests::{NewRequest, RequestKind, Requests};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, hh, mm, 0).single().unwrap()
}

fn actor_at(name: &str, at: DateTime<Utc>) -> Actor {
    Actor {
        name: name.to_owned(),
        at,
        purpose: None,
    }
}

const ALL_SECTIONS: Sections = Sections {
    requests: true,
    incidents: true,
    retention: true,
    registers: true,
    contracts: true,
};

/// A person with a city-wide reach and no role duties (only what is assigned to them).
fn person(name: &str) -> Person {
    Person {
        name: name.to_owned(),
        departments: vec!["hallintotoimi".to_owned()],
        reader: Reader::city_wide(name),
        may: ALL_SECTIONS,
        duties: Duties::default(),
    }
}

fn registrar() -> Person {
    Person {
        duties: Duties {
            unassigned_requests: true,
            ..Duties::default()
        },
        ..person("kirjaaja")
    }
}

fn privacy_officer() -> Person {
    Person {
        duties: Duties {
            privacy: true,
            ..Duties::default()
        },
        ..person("tietosuojavastaava")
    }
}

fn log_request(registry: &Registry<'_>, received: NaiveDate, requester: &str, assignee: Option<&str>) -> String {
    let request = NewRequest {
        kind: RequestKind::Publicity,
        received: Start::Date(received),
        requester: Some(requester.to_owned()),
        anonymous: false,
        channel: Some("sähköposti".to_owned()),
        origin: None,
        assignee: assignee.map(str::to_owned),
        case: None,
    };
    Requests { registry }
        .new_request(
            &request,
            &actor_at("kirjaaja", received.and_hms_opt(10, 0, 0).unwrap().and_utc()),
        )
        .unwrap()
        .id
}

fn kinds_and_ids(items: &[kirjuri_agenda::AgendaItem]) -> Vec<(ItemKind, String)> {
    items.iter().map(|i| (i.kind, i.id.clone())).collect()
}

#[test]
fn a_request_goes_to_its_assignee_with_its_statutory_day_and_only_its_public_title() {
    let world = Fixture::new();
    let registry = world.registry();
    // A document request received Mon 2.11.2026, assigned to anna: Publicity Act 621/1999
    // §14(4) gives two weeks, so it is due Mon 16.11.2026 (as stored when it was logged).
    let id = log_request(&registry, day(2026, 11, 2), "Matti Meikäläinen", Some("anna"));
    let today = day(2026, 11, 10);
    let anna = agenda_for(&registry, &person("anna"), today).unwrap();
    assert_eq!(kinds_and_ids(&anna), vec![(ItemKind::Request, id.clone())]);
    let item = &anna[0];
    assert_eq!(item.due, Due::Day(day(2026, 11, 16)));
    assert_eq!(item.link, format!("/ui/requests/{id}"));
    assert_eq!(item.state, "received");
    // The request's case is restricted (the requester's name is personal data, JulkL 24 §):
    // the item carries the public title, never the requester.
    assert_eq!(item.title, "Asiakirjapyyntö");
    assert!(!format!("{item:?}").contains("Meikäläinen"));
    // Not ville's, and not the registrar's (it has an assignee).
    assert!(agenda_for(&registry, &person("ville"), today).unwrap().is_empty());
    assert!(agenda_for(&registry, &registrar(), today).unwrap().is_empty());
}

#[test]
fn unassigned_requests_go_to_the_registry_office_and_nobody_reads_what_they_may_not() {
    let world = Fixture::new();
    let registry = world.registry();
    let id = log_request(&registry, day(2026, 11, 2), "Maija Virtanen", None);
    let today = day(2026, 11, 2);
    let items = agenda_for(&registry, &registrar(), today).unwrap();
    assert_eq!(kinds_and_ids(&items), vec![(ItemKind::Request, id.clone())]);
    // Without the requests section the registrar hears nothing of it.
    let blind = Person {
        may: Sections {
            requests: false,
            ..ALL_SECTIONS
        },
        ..registrar()
    };
    assert!(agenda_for(&registry, &blind, today).unwrap().is_empty());
    // A case with an access list that leaves the registrar out: the request does not exist
    // for them (the registry's `list_for` filters it inside the read).
    let case = Requests { registry: &registry }.get(&id).unwrap().case_id;
    registry
        .set_case_access(
            &case,
            &["tietosuojavastaava".to_owned()],
            "henkilöstöasia",
            &actor_at("admin", utc(2026, 11, 2, 11, 0)),
        )
        .unwrap();
    assert!(agenda_for(&registry, &registrar(), today).unwrap().is_empty());
}

fn breach(title: &str, aware_at: DateTime<Utc>) -> NewIncident {
    NewIncident {
        title: title.to_owned(),
        description: None,
        aware_at,
        detected_at: None,
        occurred_at: None,
        reporter: Some("tietosuojavastaava".to_owned()),
        severity: Severity::Medium,
        breach: true,
        nis2: false,
        nis2_significant_at: None,
        classification: Default::default(),
    }
}

#[test]
fn a_breach_clock_is_due_72_hours_after_awareness_for_the_privacy_officer_and_the_task_assignees() {
    let world = Fixture::new();
    let registry = world.registry();
    let incidents = Incidents {
        registry: &registry,
        controller: "Laitilan kaupunki".to_owned(),
    };
    // Awareness Mon 30.11.2026 09:15 UTC: the Art 33(1) 72 hours end Thu 3.12.2026 09:15 UTC.
    let at = utc(2026, 11, 30, 9, 15);
    let actor = actor_at("tietosuojavastaava", at);
    let incident = incidents
        .new_incident(&breach("Asiakaslista väärälle vastaanottajalle", at), &actor)
        .unwrap();
    let incident = incidents
        .record(
            &incident.id,
            &Record::Task {
                title: "Pyydä vastaanottajaa poistamaan viesti".to_owned(),
                assignees: vec!["ville".to_owned()],
                due: Some(day(2026, 12, 1)),
            },
            &actor,
        )
        .unwrap();
    let today = day(2026, 11, 30);
    let officer = agenda_for(&registry, &privacy_officer(), today).unwrap();
    let clock = officer.iter().find(|i| i.kind == ItemKind::BreachClock).unwrap();
    assert_eq!(clock.due, Due::Instant(utc(2026, 12, 3, 9, 15)));
    assert_eq!(clock.id, format!("{}/ombudsman-72h", incident.id));
    assert_eq!(clock.link, format!("/ui/incidents/{}", incident.id));
    // The incident case shows its public title, not what happened.
    assert_eq!(clock.title, "Tietoturvapoikkeama");
    // ville has the task (due Tue 1.12.2026) and, as one of the incident's people, the clock.
    let ville = agenda_for(&registry, &person("ville"), today).unwrap();
    let task_id = format!("{}/{}", incident.id, incident.tasks[0].id);
    assert_eq!(
        kinds_and_ids(&ville),
        vec![
            (ItemKind::IncidentTask, task_id),
            (ItemKind::BreachClock, format!("{}/ombudsman-72h", incident.id)),
        ]
    );
    assert_eq!(ville[0].due, Due::Day(day(2026, 12, 1)));
    // anna is not on the incident.
    assert!(agenda_for(&registry, &person("anna"), today).unwrap().is_empty());
}

fn contract(id: &str, owner: &str, ends_on: NaiveDate, notice: NoticePeriod, review: Option<NaiveDate>) -> Contract {
    Contract {
        id: id.to_owned(),
        title: "Siivouspalvelut".to_owned(),
        counterparty: "Puhdas Oy".to_owned(),
        business_id: None,
        owner: owner.to_owned(),
        department: if owner.is_empty() {
            String::new()
        } else {
            "hallintotoimi".to_owned()
        },
        starts_on: Some(day(2024, 1, 24)),
        ends_on: Some(ends_on),
        renewal: Renewal::Automatic { months: 12 },
        notice: Some(notice),
        notice_given_on: None,
        review_due: review,
        value_band: ValueBand::Unknown,
        personal_data: false,
        processor_agreement: None,
        document: None,
        state: ContractState::Active,
    }
}

#[test]
fn contract_notice_days_and_reviews_go_to_the_owner_and_unowned_ones_to_the_privacy_officer() {
    let world = Fixture::new();
    let registry = world.registry();
    // Term ends 24.1.2027, one month's notice: the last day is Thu 24.12.2026 (Christmas Eve,
    // not a working day under 150/1930 §5, so notice is still in time on Mon 28.12.2026).
    let c = contract("siivous", "anna", day(2027, 1, 24), NoticePeriod::Months(1), None);
    let expected = c.notice_day(day(2026, 12, 1)).unwrap();
    assert_eq!(
        (expected.last_day, expected.moved_to),
        (day(2026, 12, 24), day(2026, 12, 28))
    );
    kirjuri_contracts::save_contract(&world.store, &c, kirjuri_contracts::Save::Create, "anna").unwrap();
    let orphan = contract(
        "vartiointi",
        "",
        day(2027, 6, 30),
        NoticePeriod::Months(3),
        Some(day(2026, 12, 7)),
    );
    kirjuri_contracts::save_contract(&world.store, &orphan, kirjuri_contracts::Save::Create, "admin").unwrap();

    let today = day(2026, 12, 1);
    let anna = agenda_for(&registry, &person("anna"), today).unwrap();
    assert_eq!(
        kinds_and_ids(&anna),
        vec![(ItemKind::ContractNotice, "siivous".to_owned())]
    );
    assert_eq!(anna[0].due, Due::Day(day(2026, 12, 24)));
    assert!(anna[0].context.contains(&"moved-to:2026-12-28".to_owned()));
    assert_eq!(anna[0].link, "/ui/contracts/siivous");
    // The contract without an owner: its review (Mon 7.12.2026) and its notice day (30.3.2027
    // for the term ending 30.6.2027) go to the privacy officer.
    let officer = agenda_for(&registry, &privacy_officer(), today).unwrap();
    assert_eq!(
        officer.iter().map(|i| (i.kind, i.due)).collect::<Vec<_>>(),
        vec![
            (ItemKind::ContractReview, Due::Day(day(2026, 12, 7))),
            (ItemKind::ContractNotice, Due::Day(day(2027, 3, 30))),
        ]
    );
    // An owner named as a person, not a user ("Harri Hallinto", term ending 31.3.2027 with
    // three months' notice: last day Thu 31.12.2026): the owner matches no user, so only the
    // keeper of the register (the registry office) hears of it — with every other contract.
    let named = contract(
        "leasing",
        "Harri Hallinto",
        day(2027, 3, 31),
        NoticePeriod::Months(3),
        None,
    );
    kirjuri_contracts::save_contract(&world.store, &named, kirjuri_contracts::Save::Create, "admin").unwrap();
    let keeper = Person {
        duties: Duties {
            contract_register: true,
            ..Duties::default()
        },
        ..person("kirjaaja")
    };
    let kept = agenda_for(&registry, &keeper, today).unwrap();
    assert_eq!(
        kept.iter()
            .filter(|i| matches!(i.kind, ItemKind::ContractNotice | ItemKind::ContractReview))
            .map(|i| (i.id.as_str(), i.due))
            .collect::<Vec<_>>(),
        vec![
            ("vartiointi", Due::Day(day(2026, 12, 7))),
            ("siivous", Due::Day(day(2026, 12, 24))),
            ("leasing", Due::Day(day(2026, 12, 31))),
            ("vartiointi", Due::Day(day(2027, 3, 30))),
        ]
    );
    assert!(
        agenda_for(&registry, &person("anna"), today)
            .unwrap()
            .iter()
            .all(|i| i.id != "leasing")
    );
}

#[test]
fn processor_agreement_reviews_go_to_their_owner_and_the_privacy_officer() {
    let world = Fixture::new();
    let registry = world.registry();
    let agreement = ProcessorAgreement {
        id: "palkat".to_owned(),
        processor: "Palkkapalvelu Oy".to_owned(),
        registers: Vec::new(),
        signed_on: Some(day(2024, 1, 10)),
        starts_on: Some(day(2024, 2, 1)),
        ends_on: None,
        review_due: Some(day(2026, 12, 15)),
        state: AgreementState::Active,
        owner: "anna".to_owned(),
        checklist: BTreeMap::new(),
    };
    kirjuri_incidents::registers::save_agreement(&world.store, &agreement, Save::Create, "tietosuojavastaava").unwrap();
    let today = day(2026, 12, 1);
    for who in [person("anna"), privacy_officer()] {
        let items = agenda_for(&registry, &who, today).unwrap();
        assert_eq!(
            kinds_and_ids(&items),
            vec![(ItemKind::AgreementReview, "palkat".to_owned())]
        );
        assert_eq!(items[0].due, Due::Day(day(2026, 12, 15)));
        assert_eq!(items[0].title, "Palkkapalvelu Oy");
    }
    assert!(agenda_for(&registry, &person("ville"), today).unwrap().is_empty());
    // Without the registers section the owner hears nothing of it.
    let blind = Person {
        may: Sections {
            registers: false,
            ..ALL_SECTIONS
        },
        ..person("anna")
    };
    assert!(agenda_for(&registry, &blind, today).unwrap().is_empty());
}

#[test]
fn retention_dues_are_one_item_with_the_count_for_the_archivist() {
    let world = Fixture::new();
    let registry = world.registry();
    // Two notices (kuulutus, kept two years in the sample plan) made 2.1.2023: their retention
    // ended on 2.1.2025, so on 1.12.2026 both await disposal.
    for text in ["Kuulutus A", "Kuulutus B"] {
        register_notice(&world, text, day(2023, 1, 2));
    }
    let archivist = Person {
        duties: Duties {
            disposal: true,
            ..Duties::default()
        },
        ..person("arkistonhoitaja")
    };
    let today = day(2026, 12, 1);
    let items = agenda_for(&registry, &archivist, today).unwrap();
    assert_eq!(kinds_and_ids(&items), vec![(ItemKind::Retention, "dues".to_owned())]);
    assert_eq!(items[0].count, Some(2));
    assert_eq!(items[0].due, Due::Day(today));
    assert!(!format!("{:?}", items[0]).contains("Kuulutus"));
    // Nobody else gets it.
    assert!(agenda_for(&registry, &registrar(), today).unwrap().is_empty());
}

fn register_notice(world: &Fixture, text: &str, created_on: NaiveDate) {
    let registry = world.registry();
    let actor = actor_at("kirjaaja", utc(2026, 11, 2, 10, 0));
    let case = registry
        .open_case(
            &kirjuri_registry::OpenCase::new(
                kirjuri_plan::ClassCode::parse("00 02 08").unwrap(),
                "Kuulutukset".to_owned(),
            ),
            &actor,
        )
        .unwrap();
    let content = kirjuri_registry::store_content(
        &world.store,
        &mut std::io::Cursor::new(text.as_bytes().to_vec()),
        "kuulutus.txt",
        "text/plain",
    )
    .unwrap();
    let document = kirjuri_registry::NewDocument {
        record_type: Some("kuulutus".to_owned()),
        direction: kirjuri_registry::Direction::Outgoing,
        title: text.to_owned(),
        created_on: Some(created_on),
        received_on: None,
        sent_on: None,
        parties: vec![],
        language: "fi".to_owned(),
        restriction: Default::default(),
        physical: None,
        trigger_event_on: None,
        retention: None,
    };
    registry
        .register_document(&case.id, &document, Some(content), &actor)
        .unwrap();
}

#[test]
fn buckets_split_overdue_today_and_the_next_seven_days() {
    let world = Fixture::new();
    let registry = world.registry();
    // Received 2.11. (due 16.11.), 16.11. (due 30.11.) and 20.11.2026 (due 4.12.): on Mon
    // 30.11.2026 the first is overdue, the second due today, the third this week.
    let first = log_request(&registry, day(2026, 11, 2), "A", Some("anna"));
    let second = log_request(&registry, day(2026, 11, 16), "B", Some("anna"));
    let third = log_request(&registry, day(2026, 11, 20), "C", Some("anna"));
    let items = agenda_for(&registry, &person("anna"), day(2026, 11, 30)).unwrap();
    let buckets = Buckets::of(&items, day(2026, 11, 30));
    let ids = |list: &[kirjuri_agenda::AgendaItem]| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&buckets.overdue), vec![first]);
    assert_eq!(ids(&buckets.today), vec![second]);
    assert_eq!(ids(&buckets.this_week), vec![third]);
    // A week later (7.12.) the third is overdue too; nothing is today.
    let later = Buckets::of(&items, day(2026, 12, 7));
    assert_eq!(later.overdue.len(), 3);
    assert!(later.today.is_empty() && later.this_week.is_empty());
}
