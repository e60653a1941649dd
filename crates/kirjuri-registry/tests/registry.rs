//! The registry's rules on a real store in a temporary folder, with the sample plan of
//! `retention-rules/` as plan version 1: diary numbers, the JHS 191 case states, metadata
//! inherited from the record type, finding cases, legal holds, audited case reads and the
//! field limits.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_plan::{ClassCode, PublicityClass, RetentionPeriod};
use kirjuri_registry::{
    Actor, CASE, CaseFilter, CasePublicity, CaseState, DOCUMENT, Document, NewDocument, OpenCase, Reader, Registry,
    RegistryConfig, RegistryError, RegistryResult, RetentionStatus, store_content,
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

    /// Opens a case in `class` now (2026-03-02), unwrapping.
    fn case(&self, class: &str, title: &str) -> kirjuri_registry::Case {
        self.registry()
            .open_case(&open_case(class, title), &now("kirjaaja"))
            .unwrap()
    }

    /// Registers a document with a small text file as content.
    fn document(&self, case: &str, request: &NewDocument) -> RegistryResult<Document> {
        let content = store_content(
            &self.store,
            &mut std::io::Cursor::new(format!("sisältö: {}", request.title).into_bytes()),
            "asiakirja.txt",
            "text/plain",
        )
        .unwrap();
        self.registry()
            .register_document(case, request, Some(content), &now("kirjaaja"))
    }

    fn audit_actions(&self, action: &str) -> Vec<kirjuri_store::AuditEntry> {
        self.store
            .audit_entries()
            .map(Result::unwrap)
            .filter(|entry| entry.action == action)
            .collect()
    }
}

fn config(prefix: &str) -> RegistryConfig {
    RegistryConfig {
        prefix: prefix.to_owned(),
        default_department: "hallintotoimi".to_owned(),
    }
}

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn at(instant: &str) -> DateTime<Utc> {
    instant.parse().unwrap()
}

fn actor_at(name: &str, instant: &str) -> Actor {
    Actor {
        name: name.to_owned(),
        at: at(instant),
        purpose: None,
    }
}

/// The fixed "now" of these tests: 2 March 2026, noon in Helsinki.
fn now(name: &str) -> Actor {
    actor_at(name, "2026-03-02T10:00:00Z")
}

fn open_case(class: &str, title: &str) -> OpenCase {
    OpenCase::new(ClassCode::parse(class).unwrap(), title.to_owned())
}

fn invalid_code<T: std::fmt::Debug>(result: RegistryResult<T>) -> &'static str {
    match result {
        Err(RegistryError::Invalid { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn is_not_found<T: std::fmt::Debug>(result: RegistryResult<T>) -> bool {
    matches!(result, Err(RegistryError::NotFound(_)))
}

/// A notice (kuulutus: public, two years from the document's date) dated `created_on`.
fn notice(created_on: NaiveDate) -> NewDocument {
    NewDocument::new(
        Some("kuulutus".to_owned()),
        kirjuri_registry::Direction::Outgoing,
        "Kuulutus",
    )
    .dated(Some(created_on))
}

/// An application for social assistance (secret in the plan, 12 years from the end of care).
fn assistance_application() -> NewDocument {
    NewDocument::new(
        Some("toimeentulotukihakemus".to_owned()),
        kirjuri_registry::Direction::Incoming,
        "Toimeentulotukihakemus",
    )
    .dated(Some(day(2026, 3, 2)))
}

#[test]
fn diary_numbers_run_per_organisation_and_year_without_gaps() {
    let f = Fixture::new();
    let registry = f.registry();
    let numbers: Vec<u64> = (0..3)
        .map(|n| f.case("00 02 08", &format!("Kuulutus {n}")).diary_number.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    let first = registry.find_case("case-1").unwrap();
    assert_eq!(first.diary_number.to_string(), "LAI/1/00.02.08/2026");

    // Refused requests draw no number.
    let refused = registry.open_case(&open_case("99 99 99", "Tuntematon"), &now("kirjaaja"));
    assert_eq!(invalid_code(refused), "unknown_class");
    let refused = registry.open_case(&open_case("00 02", "Ei prosessia"), &now("kirjaaja"));
    assert_eq!(invalid_code(refused), "class_without_process");
    let refused = registry.open_case(&open_case("00 02 08", &"x".repeat(501)), &now("kirjaaja"));
    assert_eq!(invalid_code(refused), "too_long");

    // A transaction that draws the organisation's diary number and is then refused leaves the
    // number unused: the draw is rolled back with the rest.
    let drawn = Cell::new(0);
    let aborted = f.store.transact(|tx| {
        drawn.set(tx.next_counter("diary/LAI/2026")?);
        kirjuri_store::reject::<()>("refused", "refused after drawing the number")
    });
    assert!(aborted.is_err());
    assert_eq!(drawn.get(), 4, "the transaction drew the registry's next number");
    assert_eq!(f.case("00 02 08", "Neljäs").diary_number.number, 4, "no gap");

    // The year is the Helsinki year: 22:30 UTC on New Year's Eve is already 2027 there.
    let new_year = registry
        .open_case(
            &open_case("00 02 08", "Uusi vuosi"),
            &actor_at("kirjaaja", "2026-12-31T22:30:00Z"),
        )
        .unwrap();
    assert_eq!((new_year.diary_number.year, new_year.diary_number.number), (2027, 1));
    let later = registry
        .open_case(
            &open_case("00 03 01", "Palaute"),
            &actor_at("kirjaaja", "2027-06-01T09:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        later.diary_number.to_string(),
        "LAI/2/00.03.01/2027",
        "one series for every class"
    );
    let late_2026 = registry
        .open_case(
            &open_case("00 02 08", "Vuoden viimeinen"),
            &actor_at("kirjaaja", "2026-12-31T21:30:00Z"),
        )
        .unwrap();
    assert_eq!((late_2026.diary_number.year, late_2026.diary_number.number), (2026, 5));

    // Another organisation in the same data folder has its own series.
    let other_config = config("UUS");
    let other = Registry {
        store: &f.store,
        plans: &f.plans,
        config: &other_config,
    };
    let theirs = other
        .open_case(&open_case("00 02 08", "Toinen organisaatio"), &now("kirjaaja"))
        .unwrap();
    assert_eq!(theirs.diary_number.to_string(), "UUS/1/00.02.08/2026");
    assert_eq!(
        f.case("00 02 08", "Kuudes").diary_number.number,
        6,
        "LAI continues its own"
    );

    let mut series: Vec<(String, i32, u64)> = registry
        .list_cases(&CaseFilter::default(), &Reader::city_wide("kirjaaja"))
        .unwrap()
        .into_iter()
        .map(|view| view.case)
        .map(|c| (c.diary_number.prefix, c.diary_number.year, c.diary_number.number))
        .collect();
    series.sort();
    let expected: Vec<(String, i32, u64)> = [("LAI", 2026, 1..=6), ("LAI", 2027, 1..=2), ("UUS", 2026, 1..=1)]
        .into_iter()
        .flat_map(|(prefix, year, range)| range.map(move |n| (prefix.to_owned(), year, n)))
        .collect();
    assert_eq!(series, expected, "each series runs from 1 without gaps or repeats");
    assert!(registry.check().unwrap().problems.is_empty());
}

/// The transitions a user may make (DOMAIN.md §4.3); Siirretty and Hävitetty are entered only
/// by a verified transfer and an executed disposal.
fn expected_next(state: CaseState) -> &'static [CaseState] {
    use CaseState::*;
    match state {
        Avattu => &[Vireilla],
        Vireilla => &[Valmistelussa],
        Valmistelussa => &[Ratkaistavana],
        Ratkaistavana => &[Paatetty],
        Paatetty => &[ToimitettuTiedoksi, Toimeenpantava, Seurannassa],
        ToimitettuTiedoksi => &[Muutoksenhaku, Toimeenpantava],
        Toimeenpantava => &[Seurannassa, Paatetty],
        Muutoksenhaku => &[AvattuUudelleen, Paatetty],
        Seurannassa => &[Paatetty],
        AvattuUudelleen => &[Valmistelussa],
        Siirretty | Havitetty => &[],
    }
}

/// A way from Avattu to `state` through allowed transitions.
fn path_to(state: CaseState) -> &'static [CaseState] {
    use CaseState::*;
    const DECIDED: &[CaseState] = &[Vireilla, Valmistelussa, Ratkaistavana, Paatetty];
    match state {
        Avattu => &[],
        Vireilla => &DECIDED[..1],
        Valmistelussa => &DECIDED[..2],
        Ratkaistavana => &DECIDED[..3],
        Paatetty => DECIDED,
        ToimitettuTiedoksi => &[Vireilla, Valmistelussa, Ratkaistavana, Paatetty, ToimitettuTiedoksi],
        Toimeenpantava => &[Vireilla, Valmistelussa, Ratkaistavana, Paatetty, Toimeenpantava],
        Seurannassa => &[Vireilla, Valmistelussa, Ratkaistavana, Paatetty, Seurannassa],
        Muutoksenhaku => &[
            Vireilla,
            Valmistelussa,
            Ratkaistavana,
            Paatetty,
            ToimitettuTiedoksi,
            Muutoksenhaku,
        ],
        AvattuUudelleen => &[
            Vireilla,
            Valmistelussa,
            Ratkaistavana,
            Paatetty,
            ToimitettuTiedoksi,
            Muutoksenhaku,
            AvattuUudelleen,
        ],
        Siirretty | Havitetty => panic!("final states are not reached by transitions"),
    }
}

#[test]
fn case_states_follow_the_jhs_191_table() {
    let f = Fixture::new();
    let registry = f.registry();
    let in_state = |state: CaseState| {
        let case = f.case("00 03 01", &format!("Palaute, tila {}", state.key()));
        for step in path_to(state) {
            registry
                .transition_case(&case.id, *step, None, &now("kasittelija"))
                .unwrap_or_else(|e| panic!("{} → {}: {e}", state.key(), step.key()));
        }
        let case = registry.find_case(&case.id).unwrap();
        assert_eq!(case.state, state);
        case
    };
    for from in CaseState::ALL.iter().copied().filter(|s| !s.is_final()) {
        // Every refused move leaves the case as it was.
        let case = in_state(from);
        for to in CaseState::ALL.iter().copied() {
            if expected_next(from).contains(&to) {
                continue;
            }
            let refused = registry.transition_case(&case.id, to, Some("kokeilu"), &now("kasittelija"));
            let code = invalid_code(refused);
            if matches!(to, CaseState::Havitetty | CaseState::Siirretty) {
                assert_eq!(code, "final_state_by_process", "{} → {}", from.key(), to.key());
            } else {
                assert_eq!(code, "invalid_transition", "{} → {}", from.key(), to.key());
            }
        }
        assert_eq!(registry.find_case(&case.id).unwrap(), case, "refusals change nothing");
        // Every allowed move happens, with its history entry.
        for to in expected_next(from).iter().copied() {
            let case = in_state(from);
            let moved = registry
                .transition_case(&case.diary_number.to_string(), to, Some("syy"), &now("kasittelija"))
                .unwrap_or_else(|e| panic!("{} → {}: {e}", from.key(), to.key()));
            assert_eq!(moved.state, to);
            let stored = registry.find_case(&case.id).unwrap();
            assert_eq!(stored.state, to);
            let last = stored.history.last().unwrap();
            assert_eq!(
                (last.from, last.to, last.reason.as_deref()),
                (Some(from), to, Some("syy"))
            );
            assert_eq!(stored.history.len(), case.history.len() + 1);
            match to {
                CaseState::Paatetty => assert_eq!(stored.decided_on, Some(day(2026, 3, 2))),
                CaseState::AvattuUudelleen => assert_eq!(stored.decided_on, None, "reopening clears the decision"),
                _ => {}
            }
        }
    }
    // Hävitetty only through disposal: not even from Päätetty, where the table lists it.
    let decided = in_state(CaseState::Paatetty);
    assert!(CaseState::Paatetty.allowed_next().contains(&CaseState::Havitetty));
    let Err(RegistryError::Invalid { code, message }) =
        registry.transition_case(&decided.id, CaseState::Havitetty, Some("pois"), &now("kasittelija"))
    else {
        panic!("a case is not destroyed by a transition");
    };
    assert_eq!(code, "final_state_by_process");
    assert!(message.contains("disposal"), "{message}");
    assert_eq!(registry.find_case(&decided.id).unwrap().state, CaseState::Paatetty);
    let transitions = f.audit_actions("case.transition");
    assert!(
        transitions.iter().all(|e| e.detail["to"] != "havitetty"),
        "no refused transition is audited"
    );
}

#[test]
fn a_documents_restriction_and_retention_come_from_its_record_type() {
    let f = Fixture::new();
    let registry = f.registry();
    let assistance = f.case("05 01 01", "Toimeentulotuki");
    let secret = f.document(&assistance.id, &assistance_application()).unwrap();
    assert_eq!(secret.record_type, "toimeentulotukihakemus");
    assert_eq!(secret.restriction.publicity, Some(PublicityClass::Secret));
    // Private life (SAsiakasL 14 §): 50 years after death, 100 years when it is not known (§31(2)).
    assert_eq!(secret.restriction.secrecy_years, Some(50));
    assert_eq!(
        secret.restriction.secrecy_start,
        Some(kirjuri_plan::SecrecyStart::DeathOfPerson)
    );
    assert_eq!(
        secret.restriction.secrecy_reasons,
        ["SAsiakasL 812/2000 14 §", "JulkL 24 § 1 mom 25 kohta"]
    );
    assert!(!secret.is_public());
    assert_eq!(secret.retention.period, Some(RetentionPeriod::Years(12)));
    assert_eq!(
        secret.retention_status,
        RetentionStatus::AwaitingTrigger,
        "until the end of care"
    );
    assert!(secret.overrides.is_empty());
    let mut ended = assistance_application();
    ended.trigger_event_on = Some(day(2020, 5, 1));
    let ended = f.document(&assistance.id, &ended).unwrap();
    assert_eq!(
        ended.retention_status,
        RetentionStatus::EndsOn(day(2033, 1, 1)),
        "12 years from the end of care, to the end of that year"
    );

    let notices = f.case("00 02 08", "Kuulutukset");
    let public = f.document(&notices.id, &notice(day(2019, 3, 1))).unwrap();
    assert_eq!(public.restriction.publicity, Some(PublicityClass::Public));
    assert_eq!(public.retention.period, Some(RetentionPeriod::Years(2)));
    assert_eq!(public.retention_status, RetentionStatus::EndsOn(day(2022, 1, 1)));

    // Departing from the plan needs a reason; without one nothing is registered.
    let documents_before = f.store.count(DOCUMENT).unwrap();
    let mut made_public = assistance_application();
    made_public.restriction.publicity = Some(PublicityClass::Public);
    assert_eq!(invalid_code(f.document(&assistance.id, &made_public)), "restriction");
    made_public.restriction.override_reason = Some("   ".to_owned());
    assert_eq!(
        invalid_code(f.document(&assistance.id, &made_public)),
        "restriction",
        "a blank reason is none"
    );
    let mut kept_for_ever = notice(day(2019, 3, 1));
    kept_for_ever.retention = Some(RetentionPeriod::Permanent);
    assert_eq!(invalid_code(f.document(&notices.id, &kept_for_ever)), "retention");
    let mut wrong_type = notice(day(2019, 3, 1));
    wrong_type.record_type = Some("toimeentulotukihakemus".to_owned());
    assert_eq!(
        invalid_code(f.document(&notices.id, &wrong_type)),
        "unknown_record_type"
    );
    let mut no_type = assistance_application();
    no_type.record_type = None;
    assert_eq!(
        invalid_code(f.document(&assistance.id, &no_type)),
        "missing_record_type",
        "the class has two record types"
    );
    assert_eq!(f.store.count(DOCUMENT).unwrap(), documents_before);

    // With a reason, the override is applied and recorded.
    kept_for_ever.restriction.override_reason = Some("historiallisesti merkittävä".to_owned());
    let permanent = f.document(&notices.id, &kept_for_ever).unwrap();
    assert_eq!(permanent.retention.period, Some(RetentionPeriod::Permanent));
    assert_eq!(permanent.retention_status, RetentionStatus::Permanent);
    assert_eq!(permanent.overrides.len(), 1);
    assert_eq!(permanent.overrides[0].field, "retention");
    assert_eq!(permanent.overrides[0].reason, "historiallisesti merkittävä");
    assert_eq!(permanent.overrides[0].by, "kirjaaja");
    made_public.restriction.override_reason = Some("asiakkaan suostumus".to_owned());
    let opened = f.document(&assistance.id, &made_public).unwrap();
    assert_eq!(opened.restriction.publicity, Some(PublicityClass::Public));
    assert!(opened.restriction.secrecy_reasons.is_empty());
    assert_eq!(opened.overrides[0].field, "publicity");
    assert_eq!(opened.overrides[0].reason, "asiakkaan suostumus");
    let stored = registry.read_document(&opened.id, &now("kirjaaja")).unwrap();
    assert_eq!(stored, opened, "what was returned is what was stored");
}

#[test]
fn a_case_is_found_by_id_and_by_diary_number() {
    let f = Fixture::new();
    let registry = f.registry();
    f.case("00 02 08", "Ensimmäinen");
    let case = f.case("00 03 01", "Toinen");
    assert_eq!(registry.find_case("case-2").unwrap(), case);
    assert_eq!(
        registry.find_case(" case-2 ").unwrap(),
        case,
        "surrounding space is ignored"
    );
    assert_eq!(registry.find_case("LAI/2/00.03.01/2026").unwrap(), case);
    assert_eq!(registry.find_case("LAI/2/00 03 01/2026").unwrap(), case, "spaced class");
    for unknown in [
        "case-99",
        "LAI/3/00.03.01/2026",
        "LAI/2/00.03.01/2025",
        "UUS/2/00.03.01/2026",
        "ei tällaista",
        "",
    ] {
        assert!(is_not_found(registry.find_case(unknown)), "{unknown:?}");
    }
    assert!(is_not_found(registry.transition_case(
        "case-99",
        CaseState::Vireilla,
        None,
        &now("x")
    )));
    assert!(is_not_found(registry.read_case(
        "case-99",
        &Reader::city_wide("x"),
        &now("x")
    )));
    assert!(is_not_found(registry.read_document("doc-99", &now("x"))));
}

#[test]
fn holds_are_placed_and_lifted_with_reasons_on_known_records() {
    let f = Fixture::new();
    let registry = f.registry();
    let case = f.case("00 02 08", "Kuulutukset");
    let document = f.document(&case.id, &notice(day(2019, 3, 1))).unwrap();

    assert_eq!(
        registry.hold_target("case", &case.diary_number.to_string()).unwrap(),
        (CASE, case.id.clone())
    );
    assert_eq!(registry.hold_target("case", &case.id).unwrap(), (CASE, case.id.clone()));
    assert_eq!(
        registry.hold_target("document", &document.id).unwrap(),
        (DOCUMENT, document.id.clone())
    );
    assert!(is_not_found(registry.hold_target("case", "case-99")));
    assert!(is_not_found(registry.hold_target("case", "LAI/9/00.02.08/2026")));
    assert!(is_not_found(registry.hold_target("document", "doc-99")));
    assert_eq!(invalid_code(registry.hold_target("folder", &case.id)), "bad_target");

    // Placing needs a reason.
    assert_eq!(
        invalid_code(registry.place_hold(CASE, &case.id, "  ", &now("lakimies"))),
        "missing_reason"
    );
    assert!(!registry.find_case(&case.id).unwrap().has_active_hold());
    let hold = registry
        .place_hold(CASE, &case.id, " oikeudenkäynti vireillä ", &now("lakimies"))
        .unwrap();
    assert_eq!(hold.reason, "oikeudenkäynti vireillä");
    let held = registry.find_case(&case.id).unwrap();
    assert!(held.has_active_hold());
    assert_eq!(held.legal_holds, std::slice::from_ref(&hold));
    let on_document = registry
        .place_hold(DOCUMENT, &document.id, "tietopyyntö", &now("lakimies"))
        .unwrap();
    assert_ne!(on_document.id, hold.id);

    // Lifting needs a reason, and lifts only an active hold of that record.
    assert_eq!(
        invalid_code(registry.lift_hold(CASE, &case.id, &hold.id, "", &now("lakimies"))),
        "missing_reason"
    );
    assert!(registry.find_case(&case.id).unwrap().has_active_hold(), "still held");
    assert_eq!(
        invalid_code(registry.lift_hold(CASE, &case.id, &on_document.id, "väärä", &now("lakimies"))),
        "hold",
        "a document's hold is not lifted through its case"
    );
    registry
        .lift_hold(CASE, &case.id, &hold.id, "oikeudenkäynti päättyi", &now("lakimies"))
        .unwrap();
    let lifted = registry.find_case(&case.id).unwrap();
    assert!(!lifted.has_active_hold());
    let lifting = lifted.legal_holds[0].lifted.as_ref().unwrap();
    assert_eq!(
        (lifting.reason.as_str(), lifting.by.as_str()),
        ("oikeudenkäynti päättyi", "lakimies")
    );
    assert_eq!(lifted.legal_holds.len(), 1, "a lifted hold stays in the record");
    assert_eq!(
        invalid_code(registry.lift_hold(CASE, &case.id, &hold.id, "uudestaan", &now("lakimies"))),
        "hold",
        "a lifted hold is not lifted twice"
    );
    assert!(
        registry
            .read_document(&document.id, &now("lakimies"))
            .unwrap()
            .legal_holds[0]
            .is_active(),
        "the document's own hold is untouched"
    );
    let places = f.audit_actions("legal_hold.place");
    let lifts = f.audit_actions("legal_hold.lift");
    assert_eq!((places.len(), lifts.len()), (2, 1), "only what happened is audited");
    assert_eq!(lifts[0].detail["hold"], hold.id.as_str());
}

#[test]
fn reading_a_case_is_audited_only_when_restricted_documents_are_shown() {
    let f = Fixture::new();
    let registry = f.registry();
    let public_case = f.case("00 02 08", "Kuulutukset");
    let public = f.document(&public_case.id, &notice(day(2026, 3, 1))).unwrap();
    let reader = Actor {
        purpose: Some("asian käsittely".to_owned()),
        ..now("sosiaalityontekija")
    };
    let (_, shown) = registry
        .read_case(&public_case.id, &Reader::city_wide("sosiaalityontekija"), &reader)
        .unwrap();
    assert_eq!(shown, [public]);
    assert!(
        f.audit_actions("case.read").is_empty(),
        "public documents only: no audit"
    );

    let mixed = f.case("05 01 01", "Toimeentulotuki");
    let mut public_in_mixed = assistance_application();
    public_in_mixed.restriction.publicity = Some(PublicityClass::Public);
    public_in_mixed.restriction.override_reason = Some("yleinen ohje".to_owned());
    let open_one = f.document(&mixed.id, &public_in_mixed).unwrap();
    let secret = f.document(&mixed.id, &assistance_application()).unwrap();

    let (_, without_right) = registry
        .read_case(&mixed.id, &Reader::public_only("sosiaalityontekija"), &reader)
        .unwrap();
    // The case (social assistance) is restricted itself: even its public document is not
    // shown to a reader without the right, as it would tell of the case.
    assert!(
        without_right.is_empty(),
        "restricted case: no documents shown: {without_right:?}"
    );
    assert!(
        f.audit_actions("case.read").is_empty(),
        "nothing restricted shown: no audit"
    );

    let (case, with_right) = registry
        .read_case(
            &mixed.diary_number.to_string(),
            &Reader::city_wide("sosiaalityontekija"),
            &reader,
        )
        .unwrap();
    assert_eq!(case.case.id, mixed.id);
    assert_eq!(with_right, [open_one, secret.clone()]);
    let reads = f.audit_actions("case.read");
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].actor, "sosiaalityontekija");
    assert_eq!(reads[0].target_id.as_deref(), Some(mixed.id.as_str()));
    assert_eq!(reads[0].purpose.as_deref(), Some("asian käsittely"));
    assert_eq!(
        reads[0].detail["restricted_documents_shown"],
        serde_json::json!([secret.id.as_str()])
    );
}

#[test]
fn open_case_refuses_fields_over_their_limits() {
    let f = Fixture::new();
    let registry = f.registry();
    let with = |change: &dyn Fn(&mut OpenCase)| {
        let mut request = open_case("00 02 08", "Kuulutus");
        change(&mut request);
        registry.open_case(&request, &now("kirjaaja"))
    };
    let limit = kirjuri_registry::limits::TITLE;
    assert_eq!(
        with(&|r| r.title = "   ".to_owned())
            .map(|c| c.id)
            .unwrap_err()
            .to_string(),
        "`title` must not be empty"
    );
    assert_eq!(invalid_code(with(&|r| r.title = "ä".repeat(limit + 1))), "too_long");
    assert_eq!(
        invalid_code(with(&|r| r.title = "rivi\nrivi".to_owned())),
        "bad_characters"
    );
    assert_eq!(
        invalid_code(with(&|r| r.title = "e\u{202E}gpj.exe".to_owned())),
        "bad_characters"
    );
    assert_eq!(invalid_code(with(&|r| r.parties = vec!["a".repeat(201)])), "too_long");
    assert_eq!(
        invalid_code(with(
            &|r| r.parties = (0..=100).map(|n| format!("Osapuoli {n}")).collect()
        )),
        "too_many"
    );
    assert_eq!(
        invalid_code(with(&|r| r.department = Some("d".repeat(201)))),
        "too_long"
    );
    assert_eq!(
        invalid_code(with(&|r| r.unit = Some("yksikkö\0".to_owned()))),
        "bad_characters"
    );
    assert_eq!(invalid_code(with(&|r| r.assignee = Some("k".repeat(201)))), "too_long");
    let Err(RegistryError::Invalid { message, .. }) = with(&|r| r.department = Some("d".repeat(201))) else {
        panic!("refused");
    };
    assert!(
        message.starts_with("department") && message.contains("200"),
        "{message}"
    );
    assert_eq!(f.store.count(CASE).unwrap(), 0, "nothing refused was stored");

    // Exactly at the limits is accepted, counting characters, not bytes.
    let at_limits = with(&|r| {
        r.title = "ä".repeat(limit);
        r.parties = (0..100).map(|n| format!("Osapuoli {n}")).collect();
        r.department = Some("ö".repeat(200));
    })
    .unwrap();
    assert_eq!(at_limits.title.chars().count(), limit);
    assert_eq!(at_limits.parties.len(), 100);
    assert_eq!(at_limits.diary_number.number, 1, "the refusals drew no number");
}

// --- Case-level secrecy (asian julkisuus) ---------------------------------------------------

fn welfare_case(f: &Fixture) -> kirjuri_registry::Case {
    let mut request = open_case("05 01 01", "Toimeentulotuki, Matti Virtanen");
    request.parties = vec!["Matti Virtanen".to_owned()];
    request.department = Some("sosiaalitoimi".to_owned());
    f.registry().open_case(&request, &now("kirjaaja")).unwrap()
}

#[test]
fn a_case_takes_its_publicity_from_the_plan_and_a_restricted_one_gets_a_public_title() {
    let f = Fixture::new();
    let public = f.case("00 02 08", "Kuulutukset 2026");
    assert_eq!(public.publicity, Some(PublicityClass::Public));
    assert_eq!(public.public_title, None, "a public case needs no public title");

    let secret = welfare_case(&f);
    assert_eq!(
        secret.publicity,
        Some(PublicityClass::Secret),
        "class 05 01 01's process is secret"
    );
    let class_title = f.plans.current().unwrap().class(&secret.class).unwrap().title.clone();
    assert_eq!(secret.public_title.as_deref(), Some(class_title.as_str()));

    let mut own_title = open_case("05 01 01", "Toimeentulotuki, Liisa Laine");
    own_title.public_title = Some("Toimeentulotukihakemus".to_owned());
    let case = f.registry().open_case(&own_title, &now("kirjaaja")).unwrap();
    assert_eq!(case.public_title.as_deref(), Some("Toimeentulotukihakemus"));
}

#[test]
fn a_departure_from_the_plans_publicity_needs_a_reason_and_is_kept() {
    let f = Fixture::new();
    let mut request = open_case("00 02 08", "Kuulutus, vuokralainen N.N.");
    request.publicity = Some(CasePublicity {
        class: PublicityClass::NonPublic,
        reason: None,
    });
    assert_eq!(
        invalid_code(f.registry().open_case(&request, &now("kirjaaja"))),
        "override_reason_required"
    );
    assert!(
        f.registry()
            .list_cases(&CaseFilter::default(), &Reader::city_wide("x"))
            .unwrap()
            .is_empty(),
        "nothing stored"
    );
    request.publicity = Some(CasePublicity {
        class: PublicityClass::NonPublic,
        reason: Some("  yksityiselämän suoja  ".to_owned()),
    });
    let case = f.registry().open_case(&request, &now("kirjaaja")).unwrap();
    assert_eq!(case.publicity, Some(PublicityClass::NonPublic));
    let departure = case.publicity_override.expect("the departure is kept");
    assert_eq!(departure.plan_value, Some(PublicityClass::Public));
    assert_eq!(departure.reason, "yksityiselämän suoja");
    assert_eq!(departure.by, "kirjaaja");
    let opened = f.audit_actions("case.open");
    assert_eq!(opened[0].detail["publicity"], "non-public");
    assert_eq!(opened[0].detail["publicity_override"], "yksityiselämän suoja");

    // Asking for the plan's own value is no departure and needs no reason.
    request.publicity = Some(CasePublicity {
        class: PublicityClass::Public,
        reason: None,
    });
    let same = f.registry().open_case(&request, &now("kirjaaja")).unwrap();
    assert_eq!(
        (same.publicity, same.publicity_override),
        (Some(PublicityClass::Public), None)
    );
}

#[test]
fn a_reader_without_the_right_sees_a_restricted_case_masked_and_cannot_find_it_by_party() {
    let f = Fixture::new();
    let registry = f.registry();
    let secret = welfare_case(&f);
    registry
        .transition_case(
            &secret.id,
            CaseState::Vireilla,
            Some("Matti Virtanen toimitti liitteet"),
            &now("kirjaaja"),
        )
        .unwrap();
    let public = f.case("00 02 08", "Kuulutukset 2026");
    let staff = Reader::public_only("tyontekija");
    let registrar = Reader::city_wide("kirjaaja");

    // The list: both cases (the diary is public), the secret one masked.
    let seen = registry.list_cases(&CaseFilter::default(), &staff).unwrap();
    assert_eq!(seen.len(), 2);
    let masked = seen.iter().find(|v| v.case.id == secret.id).unwrap();
    assert!(masked.masked);
    assert_eq!(masked.case.title, secret.public_title.clone().unwrap());
    assert!(masked.case.parties.is_empty());
    assert!(
        masked.case.history.iter().all(|h| h.reason.is_none()),
        "reasons may name the person"
    );
    let text = serde_json::to_string(&masked.case).unwrap();
    assert!(!text.contains("Virtanen"), "nothing of the person is left: {text}");
    let open = seen.iter().find(|v| v.case.id == public.id).unwrap();
    assert!(!open.masked);
    assert_eq!(open.case.title, "Kuulutukset 2026");

    // The party filter never matches a case the reader may not see in full.
    let by_party = |reader: &Reader| {
        registry
            .list_cases(
                &CaseFilter {
                    party: Some("matti  virtanen".to_owned()),
                    ..CaseFilter::default()
                },
                reader,
            )
            .unwrap()
    };
    assert!(by_party(&staff).is_empty(), "staff learn nothing of the person's cases");
    let found = by_party(&registrar);
    assert_eq!(found.len(), 1);
    assert!(!found[0].masked);
    assert_eq!(found[0].case.parties, ["Matti Virtanen"]);

    // The case view: masked for staff, in full for the registry office.
    let (view, _) = registry
        .read_case(&secret.diary_number.to_string(), &staff, &now("tyontekija"))
        .unwrap();
    assert!(view.masked && view.case.parties.is_empty());
    let (view, _) = registry.read_case(&secret.id, &registrar, &now("kirjaaja")).unwrap();
    assert!(!view.masked);
    assert_eq!(view.case.title, "Toimeentulotuki, Matti Virtanen");
}

#[test]
fn a_department_reader_sees_restricted_cases_of_their_own_department_only() {
    let f = Fixture::new();
    let registry = f.registry();
    let secret = welfare_case(&f);
    let welfare_worker = Reader {
        name: "sosiaalityontekija".to_owned(),
        restricted: kirjuri_registry::RestrictedReach::Departments(vec!["sosiaalitoimi".to_owned()]),
    };
    let teacher = Reader {
        name: "opettaja".to_owned(),
        restricted: kirjuri_registry::RestrictedReach::Departments(vec!["sivistystoimi".to_owned()]),
    };
    let document = f.document(&secret.id, &assistance_application()).unwrap();
    let (view, shown) = registry
        .read_case(&secret.id, &welfare_worker, &now("sosiaalityontekija"))
        .unwrap();
    assert!(!view.masked);
    assert_eq!(shown, [document]);
    let (view, shown) = registry.read_case(&secret.id, &teacher, &now("opettaja")).unwrap();
    assert!(view.masked);
    assert!(
        shown.is_empty(),
        "another department's restricted documents stay hidden"
    );
}

#[test]
fn a_case_stored_before_case_publicity_reads_as_the_plans_value() {
    let f = Fixture::new();
    let mut legacy = welfare_case(&f);
    legacy.publicity = None;
    legacy.public_title = None;
    let registry = f.registry();
    assert_eq!(registry.case_publicity(&legacy), PublicityClass::Secret);
    let view = registry.view_case(legacy.clone(), &Reader::public_only("tyontekija"));
    assert!(view.masked);
    let class_title = f.plans.current().unwrap().class(&legacy.class).unwrap().title.clone();
    assert_eq!(view.case.title, class_title);
}

/// Secrecy ends by the rule of the document's start event (Publicity Act §31, issue 20):
/// a social-welfare application (SAsiakasL 14 § with §24(1) item 25, start "death of the
/// person") dated 15.3.2020 is secret until 15.3.2120 while no death is known, and until
/// 3.4.2081 once a death on 3.4.2031 is recorded; the recording is audited.
#[test]
fn secrecy_runs_from_a_recorded_death_or_100_years() {
    let f = Fixture::new();
    let registry = f.registry();
    let assistance = f.case("05 01 01", "Toimeentulotuki");
    let document = f
        .document(&assistance.id, &assistance_application().dated(Some(day(2020, 3, 15))))
        .unwrap();
    let end = document.secrecy_end(&assistance).unwrap();
    assert_eq!(end.ends_on(), Some(day(2120, 3, 15)));
    assert_eq!(end.describe_en(), "100 years from the document date, death not known");

    let events = kirjuri_registry::SecrecyEvents {
        subject_died_on: Some(day(2031, 4, 3)),
        relationship_ended_on: None,
    };
    // A death after today is refused, nothing is written.
    let refused = registry.set_secrecy_events(&document.id, events, day(2026, 3, 2), &now("kirjaaja"));
    assert!(matches!(refused, Err(RegistryError::Invalid { .. })), "{refused:?}");
    // Recorded on a day after it: 50 years after death (§31(2)).
    let updated = registry
        .set_secrecy_events(&document.id, events, day(2031, 5, 1), &now("kirjaaja"))
        .unwrap();
    let end = updated.secrecy_end(&assistance).unwrap();
    assert_eq!(end.ends_on(), Some(day(2081, 4, 3)));
    assert_eq!(end.describe_en(), "50 years after death 3.4.2031");
    let audited = f.audit_actions("document.secrecy_events");
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].detail["after"]["subject_died_on"], "2031-04-03");
}
