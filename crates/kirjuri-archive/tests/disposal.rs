//! Disposal and erasure on a real store in a temporary folder, with the sample plan of
//! `retention-rules/` as plan version 1: what a proposal lists, four eyes, execution on the
//! day a record's retention ends (the actor's `at` is the clock), holds at execution,
//! cancelling, and what erasure refuses.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_archive::erasure::{Erasure, erase};
use kirjuri_archive::{DESTRUCTION, ItemState, ProposalState, disposal};
use kirjuri_plan::{ClassCode, RetentionPeriod};
use kirjuri_registry::{
    Actor, CASE, CaseState, DOCUMENT, Direction, Document, NewDocument, OpenCase, RegistryError, RegistryResult,
    RetentionStatus, store_content,
};

/// The shared fixture (a store with the sample plan, its catalogue, the registry), with this
/// file's helpers beside it.
struct Fixture {
    base: kirjuri_registry::fixture::Fixture,
}

impl std::ops::Deref for Fixture {
    type Target = kirjuri_registry::fixture::Fixture;

    fn deref(&self) -> &Self::Target {
        &self.base
    }
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            base: kirjuri_registry::fixture::Fixture::new(),
        }
    }

    fn case(&self, class: &str, title: &str) -> String {
        let request = OpenCase::new(ClassCode::parse(class).unwrap(), title.to_owned());
        self.registry().open_case(&request, &registrar()).unwrap().id
    }

    fn register(&self, case: &str, request: &NewDocument) -> Document {
        let content = store_content(
            &self.store,
            &mut std::io::Cursor::new(format!("sisältö: {}", request.title).into_bytes()),
            "asiakirja.txt",
            "text/plain",
        )
        .unwrap();
        self.registry()
            .register_document(case, request, Some(content), &registrar())
            .unwrap()
    }

    /// A notice (kuulutus: two years from its date, to the end of that year) in `case`.
    fn notice(&self, case: &str, title: &str, created_on: NaiveDate) -> Document {
        self.register(
            case,
            &NewDocument::new(Some("kuulutus".to_owned()), Direction::Outgoing, title).dated(Some(created_on)),
        )
    }

    fn document(&self, id: &str) -> Option<Document> {
        self.store.get::<Document>(DOCUMENT, id).unwrap()
    }

    fn case_state(&self, id: &str) -> CaseState {
        self.registry().find_case(id).unwrap().state
    }
}

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn actor_at(name: &str, instant: &str) -> Actor {
    let at: DateTime<Utc> = instant.parse().unwrap();
    Actor {
        name: name.to_owned(),
        at,
        purpose: None,
    }
}

/// Registrations happen in June 2025.
fn registrar() -> Actor {
    actor_at("kirjaaja", "2025-06-01T09:00:00Z")
}

/// The day notices dated 2023 become due: 2023 + 2 years, to the end of 2025.
fn due_day() -> NaiveDate {
    day(2026, 1, 1)
}

/// An archivist acting on 2 January 2026, after the notices of 2023 are due.
fn archivist(name: &str) -> Actor {
    actor_at(name, "2026-01-02T10:00:00Z")
}

fn invalid_code<T: std::fmt::Debug>(result: RegistryResult<T>) -> &'static str {
    match result {
        Err(RegistryError::Invalid { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn item_ids(proposal: &kirjuri_archive::Proposal) -> Vec<&str> {
    proposal.items.iter().map(|i| i.document.as_str()).collect()
}

#[test]
fn a_proposal_lists_only_eligible_records() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset 2023");
    let due = f.notice(&notices, "Erääntynyt kuulutus", day(2023, 3, 1));
    assert_eq!(due.retention_status, RetentionStatus::EndsOn(due_day()));
    let not_yet = f.notice(&notices, "Vuoden 2024 kuulutus", day(2024, 3, 1));
    let held_document = f.notice(&notices, "Pidätetty kuulutus", day(2023, 4, 1));
    f.registry()
        .place_hold(DOCUMENT, &held_document.id, "valitus vireillä", &registrar())
        .unwrap();
    let held_case = f.case("00 02 08", "Pidätetty asia");
    let in_held_case = f.notice(&held_case, "Pidätetyn asian kuulutus", day(2023, 5, 1));
    f.registry()
        .place_hold(CASE, &held_case, "tilintarkastus", &registrar())
        .unwrap();
    // Permanent: by its record type, and by an override with a reason.
    let rules = f.case("00 01 00", "Hallintosääntö");
    let permanent = f.register(
        &rules,
        &NewDocument::new(Some("hallintosaanto".to_owned()), Direction::Internal, "Hallintosääntö")
            .dated(Some(day(2010, 1, 1))),
    );
    assert_eq!(permanent.retention_status, RetentionStatus::Permanent);
    let mut kept = NewDocument::new(
        Some("kuulutus".to_owned()),
        Direction::Outgoing,
        "Historiallinen kuulutus",
    )
    .dated(Some(day(2023, 3, 1)));
    kept.retention = Some(RetentionPeriod::Permanent);
    kept.restriction.override_reason = Some("kaupungin historia".to_owned());
    let kept = f.register(&notices, &kept);
    assert_eq!(kept.retention_status, RetentionStatus::Permanent);

    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(proposal.state, ProposalState::Pending);
    assert_eq!(
        item_ids(&proposal),
        [due.id.as_str()],
        "held, permanent and not-yet-due records stay out"
    );
    assert_eq!(proposal.items[0].retention_end, due_day());
    assert_eq!(proposal.items[0].title, "Erääntynyt kuulutus");

    // Looking further ahead, a record already in an open proposal is not proposed twice.
    let later = disposal::propose(&f.store, day(2027, 1, 1), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(item_ids(&later), [not_yet.id.as_str()]);
    let nothing = disposal::propose(&f.store, day(2027, 1, 1), None, &archivist("arkistonhoitaja.a"));
    assert_eq!(invalid_code(nothing), "nothing_due");
    // A class filter narrows the proposal; no record of class 00 01 is due.
    let other_class = ClassCode::parse("00 01").unwrap();
    let nothing = disposal::propose(&f.store, day(2030, 1, 1), Some(&other_class), &archivist("a"));
    assert_eq!(invalid_code(nothing), "nothing_due");
    assert!(f.document(&in_held_case.id).is_some() && f.document(&permanent.id).is_some());
}

#[test]
fn the_proposer_cannot_approve_and_an_unapproved_proposal_is_not_executed() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let due = f.notice(&notices, "Kuulutus", day(2023, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();

    let early = disposal::execute(&f.store, &proposal.id, &archivist("arkistonhoitaja.b"));
    assert_eq!(invalid_code(early), "not_approved");
    assert!(f.document(&due.id).is_some(), "nothing destroyed");

    let own = disposal::approve(&f.store, &proposal.id, &archivist("arkistonhoitaja.a"));
    assert_eq!(invalid_code(own), "own_proposal", "four eyes");
    assert_eq!(
        disposal::get(&f.store, &proposal.id).unwrap().state,
        ProposalState::Pending
    );
    assert_eq!(
        invalid_code(disposal::execute(
            &f.store,
            &proposal.id,
            &archivist("arkistonhoitaja.a")
        )),
        "not_approved"
    );

    let approved = disposal::approve(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    assert_eq!(approved.state, ProposalState::Approved);
    assert_eq!(approved.approved_by.as_deref(), Some("arkistonhoitaja.b"));
    assert_eq!(
        invalid_code(disposal::approve(
            &f.store,
            &proposal.id,
            &archivist("arkistonhoitaja.c")
        )),
        "disposal",
        "approved once"
    );
    assert!(matches!(
        disposal::approve(&f.store, "disp-99", &archivist("arkistonhoitaja.b")),
        Err(RegistryError::NotFound(_))
    ));
}

#[test]
fn execution_destroys_a_record_on_the_day_its_retention_ends_and_not_before() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset 2023");
    let first = f.notice(&notices, "Torin kunnostus", day(2023, 3, 1));
    let last = f.notice(&notices, "Kadun nimenmuutos", day(2023, 9, 1));
    // A proposal made in December may look ahead to the day the retention ends…
    let proposer = actor_at("arkistonhoitaja.a", "2025-12-01T10:00:00Z");
    let proposal = disposal::propose(&f.store, due_day(), None, &proposer).unwrap();
    disposal::approve(
        &f.store,
        &proposal.id,
        &actor_at("arkistonhoitaja.b", "2025-12-02T10:00:00Z"),
    )
    .unwrap();

    // …but on the evening before (23:59 in Helsinki, 21:59 UTC) nothing is due.
    let eve = actor_at("arkistonhoitaja.b", "2025-12-31T21:59:00Z");
    let report = disposal::execute(&f.store, &proposal.id, &eve).unwrap();
    assert_eq!(report.destroyed, 0, "{report:?}");
    assert_eq!(
        report.not_yet_due,
        [(first.id.clone(), due_day()), (last.id.clone(), due_day())]
    );
    assert_eq!(report.proposal.state, ProposalState::Approved, "waits for its day");
    assert!(report.proposal.items.iter().all(|i| i.state == ItemState::Pending));
    assert!(f.document(&first.id).is_some() && f.document(&last.id).is_some());
    assert!(
        disposal::destruction_records(&f.store, Some(&proposal.id))
            .unwrap()
            .is_empty()
    );
    assert_eq!(f.case_state(&notices), CaseState::Avattu);

    // At midnight in Helsinki (22:00 UTC) the retention has ended.
    let new_year = actor_at("arkistonhoitaja.b", "2025-12-31T22:00:00Z");
    let report = disposal::execute(&f.store, &proposal.id, &new_year).unwrap();
    assert_eq!(report.destroyed, 2, "{report:?}");
    assert!(report.not_yet_due.is_empty() && report.failed.is_empty());
    assert_eq!(report.proposal.state, ProposalState::Executed);
    assert_eq!(report.proposal.executed_at, Some(new_year.at));
    assert_eq!(report.content_destroyed.len(), 2);
    assert!(f.document(&first.id).is_none() && f.document(&last.id).is_none());

    // Each destroyed record leaves a destruction record that keeps its title.
    let records = disposal::destruction_records(&f.store, Some(&proposal.id)).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].document, first.id);
    assert_eq!(records[0].title, "Torin kunnostus");
    assert_eq!(records[1].title, "Kadun nimenmuutos");
    for record in &records {
        assert_eq!(record.proposed_by, "arkistonhoitaja.a");
        assert_eq!(record.approved_by, "arkistonhoitaja.b");
        assert_eq!(record.executed_at, new_year.at);
        assert_eq!(record.retention_end, due_day());
        assert_eq!(record.method, "electronic: content removed");
    }
    assert!(
        report
            .proposal
            .items
            .iter()
            .all(|i| i.state == ItemState::Destroyed && i.destruction_record.is_some())
    );
    // The case went with its last record.
    let case = f.registry().find_case(&notices).unwrap();
    assert_eq!(case.state, CaseState::Havitetty);
    assert_eq!(case.closed_on, Some(due_day()));
    assert_eq!(
        case.history.last().unwrap().reason.as_deref(),
        Some(format!("disposal {}", proposal.id).as_str())
    );
    // Executed: nothing more to do.
    assert_eq!(
        invalid_code(disposal::execute(&f.store, &proposal.id, &new_year)),
        "not_approved"
    );
}

#[test]
fn a_case_is_destroyed_only_with_its_last_record() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let old = f.notice(&notices, "Vanha kuulutus", day(2023, 3, 1));
    let newer = f.notice(&notices, "Uudempi kuulutus", day(2025, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(item_ids(&proposal), [old.id.as_str()]);
    disposal::approve(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    let report = disposal::execute(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    assert_eq!(report.destroyed, 1);
    assert_eq!(f.case_state(&notices), CaseState::Avattu, "a record remains");
    assert!(f.document(&newer.id).is_some());
}

#[test]
fn a_hold_placed_after_approval_keeps_the_record_at_execution() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let held = f.notice(&notices, "Riidanalainen kuulutus", day(2023, 3, 1));
    let other_case = f.case("00 02 08", "Muut kuulutukset");
    let destroyed = f.notice(&other_case, "Tavallinen kuulutus", day(2023, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    disposal::approve(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    let hold = f
        .registry()
        .place_hold(CASE, &notices, "oikeudenkäynti", &archivist("lakimies"))
        .unwrap();

    let report = disposal::execute(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    assert_eq!(report.destroyed, 1);
    assert_eq!(report.kept_for_hold, [format!("{}: oikeudenkäynti", held.id)]);
    assert!(f.document(&held.id).is_some(), "the held record is kept");
    assert!(f.document(&destroyed.id).is_none());
    let item = report.proposal.items.iter().find(|i| i.document == held.id).unwrap();
    assert_eq!(item.state, ItemState::Removed);
    assert_eq!(item.note.as_deref(), Some("legal hold at execution: oikeudenkäynti"));
    assert_eq!(report.proposal.state, ProposalState::Executed);
    assert_eq!(f.case_state(&notices), CaseState::Avattu);
    let records = disposal::destruction_records(&f.store, Some(&proposal.id)).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].document, destroyed.id);

    // Once the hold is lifted, the record is eligible again.
    f.registry()
        .lift_hold(
            CASE,
            &notices,
            &hold.id,
            "oikeudenkäynti päättyi",
            &archivist("lakimies"),
        )
        .unwrap();
    let again = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(item_ids(&again), [held.id.as_str()]);
}

#[test]
fn cancelling_a_proposal_restores_its_records() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let due = f.notice(&notices, "Kuulutus", day(2023, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    disposal::approve(&f.store, &proposal.id, &archivist("arkistonhoitaja.b")).unwrap();
    assert_eq!(
        invalid_code(disposal::cancel(
            &f.store,
            &proposal.id,
            " ",
            &archivist("arkistonhoitaja.b")
        )),
        "reason_required"
    );
    let cancelled = disposal::cancel(&f.store, &proposal.id, "tarkistetaan", &archivist("arkistonhoitaja.b")).unwrap();
    assert_eq!(cancelled.state, ProposalState::Restored);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("tarkistetaan"));
    assert_eq!(
        invalid_code(disposal::execute(
            &f.store,
            &proposal.id,
            &archivist("arkistonhoitaja.b")
        )),
        "not_approved"
    );
    assert!(f.document(&due.id).is_some());
    assert!(disposal::open_proposal_items(&f.store).unwrap().is_empty());
    let again = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(
        item_ids(&again),
        [due.id.as_str()],
        "back in normal life: proposable again"
    );
    assert_ne!(again.id, proposal.id);
}

#[test]
fn destruction_records_of_an_unknown_proposal_is_not_found() {
    let f = Fixture::new();
    assert!(matches!(
        disposal::destruction_records(&f.store, Some("disp-404")),
        Err(RegistryError::NotFound(_))
    ));
    assert!(disposal::destruction_records(&f.store, None).unwrap().is_empty());
    let notices = f.case("00 02 08", "Kuulutukset");
    f.notice(&notices, "Kuulutus", day(2023, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert!(
        disposal::destruction_records(&f.store, Some(&proposal.id))
            .unwrap()
            .is_empty(),
        "a known proposal with nothing destroyed yet"
    );
}

#[test]
fn erasure_refuses_what_must_be_kept_and_keeps_no_title() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let officer = archivist("tietosuojavastaava");
    let mistaken = f.notice(&notices, "Matti Meikäläisen osoite", day(2025, 5, 1));
    let by_id = |id: &str, reason: &str| -> RegistryResult<kirjuri_archive::DestructionRecord> {
        erase(
            &f.store,
            &Erasure {
                document: id,
                reason,
                request: None,
            },
            &officer,
        )
    };
    assert_eq!(invalid_code(by_id(&mistaken.id, "  ")), "reason_required");

    let held = f.notice(&notices, "Pidätetty", day(2025, 5, 1));
    f.registry()
        .place_hold(DOCUMENT, &held.id, "tietopyyntö käsittelyssä", &registrar())
        .unwrap();
    assert_eq!(invalid_code(by_id(&held.id, "kirjattu virheellisesti")), "legal_hold");
    let held_case = f.case("00 02 08", "Pidätetty asia");
    let in_held_case = f.notice(&held_case, "Pidätetyn asian kuulutus", day(2025, 5, 1));
    f.registry()
        .place_hold(CASE, &held_case, "oikeudenkäynti", &registrar())
        .unwrap();
    assert_eq!(
        invalid_code(by_id(&in_held_case.id, "kirjattu virheellisesti")),
        "legal_hold"
    );

    let rules = f.case("00 01 00", "Hallintosääntö");
    let permanent = f.register(
        &rules,
        &NewDocument::new(Some("hallintosaanto".to_owned()), Direction::Internal, "Hallintosääntö"),
    );
    assert_eq!(
        invalid_code(by_id(&permanent.id, "kirjattu virheellisesti")),
        "permanent"
    );

    let proposed = f.notice(&notices, "Ehdotettu", day(2023, 3, 1));
    let proposal = disposal::propose(&f.store, due_day(), None, &archivist("arkistonhoitaja.a")).unwrap();
    assert_eq!(item_ids(&proposal), [proposed.id.as_str()]);
    assert_eq!(
        invalid_code(by_id(&proposed.id, "kirjattu virheellisesti")),
        "in_disposal"
    );
    assert!(
        by_id("doc-404", "kirjattu virheellisesti").is_err(),
        "an unknown document is not erased"
    );
    for kept in [&held, &in_held_case, &permanent, &proposed] {
        assert!(f.document(&kept.id).is_some(), "{} is kept", kept.id);
    }
    assert_eq!(f.store.count(DESTRUCTION).unwrap(), 0, "nothing refused left a trace");

    // A record registered by mistake is erased, and its title (often the personal data being
    // erased) is not kept.
    let record = by_id(&mistaken.id, "kirjattu virheellisesti").unwrap();
    assert!(f.document(&mistaken.id).is_none());
    assert_eq!(record.document, mistaken.id);
    assert_eq!(record.title, kirjuri_archive::erasure::ERASED_TITLE);
    assert_eq!(record.method, "erasure: kirjattu virheellisesti");
    assert_eq!(record.executed_by, "tietosuojavastaava");
    // After the proposal is cancelled, its record can be erased.
    disposal::cancel(
        &f.store,
        &proposal.id,
        "poistetaan erikseen",
        &archivist("arkistonhoitaja.a"),
    )
    .unwrap();
    by_id(&proposed.id, "kirjattu kahteen kertaan").unwrap();
    assert!(f.document(&proposed.id).is_none());
}

#[test]
fn a_proposal_of_chosen_records_takes_only_those_and_refuses_one_that_may_not_go() {
    let f = Fixture::new();
    let notices = f.case("00 02 08", "Kuulutukset");
    let first = f.notice(&notices, "Kuulutus 1", day(2023, 3, 1));
    let second = f.notice(&notices, "Kuulutus 2", day(2023, 3, 2));
    let held = f.notice(&notices, "Kuulutus 3", day(2023, 3, 3));
    f.registry()
        .place_hold(DOCUMENT, &held.id, "valitus vireillä", &registrar())
        .unwrap();
    let proposer = archivist("arkistonhoitaja.a");

    let chosen = [first.id.clone()];
    let proposal = disposal::propose_selected(&f.store, due_day(), None, Some(&chosen), &proposer).unwrap();
    let items: Vec<&str> = proposal.items.iter().map(|i| i.document.as_str()).collect();
    assert_eq!(items, vec![first.id.as_str()], "only the chosen record");

    // Held, already proposed, not due on the day, nothing chosen: refused, never dropped silently.
    let refused = |documents: &[String], on: NaiveDate| {
        invalid_code(disposal::propose_selected(
            &f.store,
            on,
            None,
            Some(documents),
            &proposer,
        ))
    };
    assert_eq!(refused(std::slice::from_ref(&held.id), due_day()), "not_eligible");
    assert_eq!(
        refused(&[second.id.clone(), first.id.clone()], due_day()),
        "not_eligible"
    );
    assert_eq!(refused(std::slice::from_ref(&second.id), day(2024, 1, 1)), "not_due");
    assert_eq!(refused(&[], due_day()), "documents_required");
    assert_eq!(refused(&["doc-999".to_owned()], due_day()), "not_due");
}
