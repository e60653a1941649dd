//! The report against hand counts: a fixture built through the library APIs with fixed times
//! (2024 and 2025), so that every expected number below is counted by hand in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kirjuri_clock::Start;
use kirjuri_incidents::{
    Assessment, BreachType, Incidents, NewIncident, Notice, NotificationPhase, RiskLevel, Severity,
};
use kirjuri_plan::load_plan;
use kirjuri_registry::{
    Actor, CaseState, Direction, NewDocument, OpenCase, PlanCatalog, Registry, RegistryConfig, store_content,
};
use kirjuri_requests::{LogOrigin, NewRequest, RequestKind, RequestState, Requests, TransitionRequest};
use kirjuri_store::Store;

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    chrono_tz_helsinki(y, m, d, h)
}

fn chrono_tz_helsinki(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    // 10:00 UTC is 12:00 or 13:00 in Helsinki: the same calendar day either way.
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn actor(name: &str, when: DateTime<Utc>) -> Actor {
    Actor {
        name: name.to_owned(),
        at: when,
        purpose: None,
    }
}

fn plan_catalog(store: &Store) -> PlanCatalog {
    let files = kirjuri_plan::sample::source_files();
    let version = store
        .plan_versions()
        .unwrap()
        .add(load_plan(&files).plan.unwrap())
        .unwrap();
    PlanCatalog {
        versions: store
            .plan_versions()
            .unwrap()
            .all()
            .unwrap()
            .into_iter()
            .map(|p| (p.meta.version, p))
            .collect(),
        in_force: version,
    }
}

fn request(requests: &Requests<'_>, kind: RequestKind, received: DateTime<Utc>, origin: Option<LogOrigin>) -> String {
    let new = NewRequest {
        kind,
        received: Start::Instant(received),
        requester: Some("Testi Henkilö".to_owned()),
        anonymous: false,
        channel: None,
        origin,
        assignee: None,
        case: None,
    };
    requests.new_request(&new, &actor("kirjaaja", received)).unwrap().id
}

fn step(requests: &Requests<'_>, id: &str, state: RequestState, when: DateTime<Utc>, change: TransitionRequest) {
    requests
        .transition(id, state, &change, &actor("kirjaaja", when))
        .unwrap();
}

fn document(record_type: &str, created: NaiveDate) -> NewDocument {
    NewDocument {
        record_type: Some(record_type.to_owned()),
        direction: Direction::Incoming,
        title: record_type.to_owned(),
        created_on: Some(created),
        received_on: None,
        sent_on: None,
        parties: vec![],
        language: "fi".to_owned(),
        restriction: Default::default(),
        physical: None,
        trigger_event_on: None,
        retention: None,
    }
}

#[test]
fn report_matches_hand_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let plans = plan_catalog(&store);
    let config = RegistryConfig {
        prefix: "LAI".to_owned(),
        default_department: "hallintotoimi".to_owned(),
    };
    let registry = Registry {
        store: &store,
        plans: &plans,
        config: &config,
    };
    let requests = Requests { registry: &registry };
    let plain = TransitionRequest::default;
    let basis = || TransitionRequest {
        legal_basis: vec!["JulkL 24 § 1 mom 32 kohta".to_owned()],
        ..Default::default()
    };

    // Requests of 2025 (lead times in days in brackets).
    let r1 = request(&requests, RequestKind::GdprAccess, at(2025, 2, 15, 10), None); // due 15.3 (moved 17.3)
    step(&requests, &r1, RequestState::InProgress, at(2025, 2, 20, 10), plain());
    step(&requests, &r1, RequestState::Granted, at(2025, 3, 10, 10), plain()); // on time [23]
    let r2 = request(&requests, RequestKind::GdprAccess, at(2025, 1, 31, 10), None); // due 28.2
    step(&requests, &r2, RequestState::InProgress, at(2025, 2, 1, 10), plain());
    step(&requests, &r2, RequestState::Granted, at(2025, 3, 5, 10), plain()); // late on both [33]
    let r3 = request(&requests, RequestKind::Publicity, at(2025, 12, 10, 10), None); // due 24.12, moved 29.12
    step(&requests, &r3, RequestState::InProgress, at(2025, 12, 11, 10), plain());
    step(&requests, &r3, RequestState::Granted, at(2025, 12, 26, 10), plain()); // late statutory, on time moved [16]
    let r4 = request(&requests, RequestKind::Publicity, at(2025, 6, 2, 10), None);
    step(&requests, &r4, RequestState::InProgress, at(2025, 6, 3, 10), plain());
    step(&requests, &r4, RequestState::Refused, at(2025, 6, 5, 10), basis()); // on time [3]
    step(
        &requests,
        &r4,
        RequestState::ReferralOffered,
        at(2025, 6, 5, 11),
        plain(),
    );
    step(
        &requests,
        &r4,
        RequestState::ReferralRequested,
        at(2025, 6, 9, 10),
        plain(),
    );
    step(
        &requests,
        &r4,
        RequestState::DecisionIssued,
        at(2025, 6, 20, 10),
        basis(),
    );
    step(&requests, &r4, RequestState::Appealed, at(2025, 7, 1, 10), plain());
    let _r5 = request(&requests, RequestKind::GdprErasure, at(2025, 11, 20, 10), None); // open at year end
    let r6 = request(
        &requests,
        RequestKind::LogInvestigation,
        at(2025, 4, 1, 10),
        Some(LogOrigin::Manager),
    ); // no clock
    step(&requests, &r6, RequestState::InProgress, at(2025, 4, 2, 10), plain());
    step(&requests, &r6, RequestState::Granted, at(2025, 4, 10, 10), plain()); // [9]
    let r7 = request(&requests, RequestKind::GdprPortability, at(2025, 3, 3, 10), None);
    step(&requests, &r7, RequestState::InProgress, at(2025, 3, 4, 10), plain());
    let extension = TransitionRequest {
        reason: Some("laaja".to_owned()),
        told_requester_on: NaiveDate::from_ymd_opt(2025, 3, 20),
        ..Default::default()
    };
    step(&requests, &r7, RequestState::Extended, at(2025, 3, 20, 10), extension); // due 3.6
    step(&requests, &r7, RequestState::Granted, at(2025, 5, 1, 10), plain()); // on time [59]
    // 2024: one request, on time [14].
    let p1 = request(&requests, RequestKind::GdprAccess, at(2024, 5, 6, 10), None);
    step(&requests, &p1, RequestState::InProgress, at(2024, 5, 7, 10), plain());
    step(&requests, &p1, RequestState::Granted, at(2024, 5, 20, 10), plain());

    // Incidents.
    let incidents = Incidents {
        registry: &registry,
        controller: "Laitilan kaupunki".to_owned(),
    };
    let new = |title: &str, aware: DateTime<Utc>, severity: Severity, breach: bool| {
        let incident = NewIncident {
            title: title.to_owned(),
            description: None,
            aware_at: aware,
            detected_at: None,
            occurred_at: None,
            reporter: None,
            severity,
            breach,
            nis2: false,
        };
        incidents.new_incident(&incident, &actor("tsv", aware)).unwrap().id
    };
    let assess = |id: &str, risk: RiskLevel, types: Vec<BreachType>, when: DateTime<Utc>| {
        let assessment = Assessment {
            risk: Some(risk),
            rationale: "arvio".to_owned(),
            types,
            ..Default::default()
        };
        incidents.assess(id, &assessment, &actor("tsv", when)).unwrap();
    };
    let i1 = new("i1", at(2025, 3, 7, 14), Severity::High, true);
    assess(
        &i1,
        RiskLevel::Risk,
        vec![BreachType::Confidentiality],
        at(2025, 3, 8, 10),
    );
    let notice = |phase, sent: DateTime<Utc>, late: Option<&str>| Notice {
        phase,
        authority: None,
        sent_at: sent,
        reference_no: None,
        late_reason: late.map(str::to_owned),
    };
    incidents
        .notify(
            &i1,
            &notice(NotificationPhase::Preliminary, at(2025, 3, 9, 10), None),
            &actor("tsv", at(2025, 3, 9, 10)),
        )
        .unwrap(); // on time
    let i2 = new("i2", at(2025, 9, 1, 10), Severity::Medium, true);
    assess(&i2, RiskLevel::None, vec![], at(2025, 9, 2, 10)); // not notified
    new("i3", at(2025, 10, 10, 10), Severity::Low, false);
    let i4 = new("i4", at(2025, 11, 11, 10), Severity::Low, false);
    incidents
        .record(
            &i4,
            &kirjuri_incidents::Record::FalsePositive,
            &actor("tsv", at(2025, 11, 12, 10)),
        )
        .unwrap();
    new("i5", at(2024, 6, 1, 10), Severity::Medium, false);
    let i6 = new("i6", at(2025, 5, 5, 10), Severity::High, true);
    assess(&i6, RiskLevel::High, vec![], at(2025, 5, 6, 10));
    incidents
        .notify(
            &i6,
            &notice(
                NotificationPhase::Preliminary,
                at(2025, 5, 9, 10),
                Some("selvitys kesti"),
            ),
            &actor("tsv", at(2025, 5, 9, 10)),
        )
        .unwrap(); // late
    incidents
        .notify(
            &i6,
            &notice(NotificationPhase::SubjectsInformed, at(2025, 5, 8, 10), None),
            &actor("tsv", at(2025, 5, 8, 10)),
        )
        .unwrap();

    // Records management: c1 (2025, two invoices, one due and destroyed, one held), c2 (2024, permanent minutes, decided).
    let clerk = |when| actor("kirjaaja", when);
    let c1 = registry
        .open_case(
            &OpenCase {
                class: "02 06 04".parse().unwrap(),
                title: "Laskut".to_owned(),
                parties: vec![],
                department: None,
                unit: None,
                assignee: None,
            },
            &clerk(at(2025, 1, 10, 10)),
        )
        .unwrap();
    let content = |text: &str| {
        store_content(
            &store,
            &mut std::io::Cursor::new(text.as_bytes().to_vec()),
            "a.txt",
            "text/plain",
        )
        .unwrap()
    };
    let old = registry
        .register_document(
            &c1.id,
            &document("ostolasku", NaiveDate::from_ymd_opt(2015, 3, 1).unwrap()),
            Some(content("vanha")),
            &clerk(at(2025, 1, 10, 11)),
        )
        .unwrap();
    let kept = registry
        .register_document(
            &c1.id,
            &document("ostolasku", NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()),
            Some(content("uusi")),
            &clerk(at(2025, 1, 10, 12)),
        )
        .unwrap();
    registry
        .place_hold(
            kirjuri_registry::DOCUMENT,
            &kept.id,
            "tarkastus",
            &clerk(at(2025, 2, 1, 10)),
        )
        .unwrap();
    let c2 = registry
        .open_case(
            &OpenCase {
                class: "00 02 00".parse().unwrap(),
                title: "Valtuusto".to_owned(),
                parties: vec![],
                department: None,
                unit: None,
                assignee: None,
            },
            &clerk(at(2024, 3, 1, 10)),
        )
        .unwrap();
    registry
        .register_document(
            &c2.id,
            &document("valtuusto-poytakirja", NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()),
            Some(content("pöytäkirja")),
            &clerk(at(2024, 3, 1, 11)),
        )
        .unwrap();
    for (state, day) in [
        (CaseState::Vireilla, 2),
        (CaseState::Valmistelussa, 3),
        (CaseState::Ratkaistavana, 4),
        (CaseState::Paatetty, 15),
    ] {
        registry
            .transition_case(&c2.id, state, None, &clerk(at(2024, 3, day, 10)))
            .unwrap();
    }
    let proposal = kirjuri_archive::disposal::propose(
        &store,
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        None,
        &actor("a", at(2025, 6, 1, 10)),
    )
    .unwrap();
    assert_eq!(
        proposal.items.len(),
        1,
        "only the 2015 invoice is due; the held one is not eligible"
    );
    assert_eq!(proposal.items[0].document, old.id);
    kirjuri_archive::disposal::approve(&store, &proposal.id, &actor("b", at(2025, 6, 2, 10))).unwrap();
    kirjuri_archive::disposal::execute(&store, &proposal.id, &actor("b", at(2025, 6, 3, 10))).unwrap();
    kirjuri_archive::keys::init(dir.path()).unwrap();
    let key = kirjuri_archive::keys::load(dir.path()).unwrap();
    let request = kirjuri_archive::package::ExportRequest {
        cases: vec![c2.id.clone()],
        class: None,
        permanent_only: true,
    };
    kirjuri_archive::package::export(
        &registry,
        &request,
        "Laitilan kaupunki",
        &key,
        &dir.path().join("p.zip"),
        at(2025, 12, 1, 10),
        "arkisto",
    )
    .unwrap();

    // Registers and processor agreements of the demo fixture.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo");
    let registers =
        kirjuri_incidents::parse_registers("r", &std::fs::read_to_string(fixtures.join("registers.csv")).unwrap())
            .unwrap();
    let agreements =
        kirjuri_incidents::parse_agreements("a", &std::fs::read_to_string(fixtures.join("agreements.csv")).unwrap())
            .unwrap();
    kirjuri_incidents::store_imported(&store, &registers, &agreements, "tsv", "fixture").unwrap();

    let report = kirjuri_report::compute(&store, 2025, "Laitilan kaupunki", Utc::now()).unwrap();
    let figure = |chapter: &str, key: &str| -> (Option<f64>, Option<f64>) {
        let found = report
            .chapters
            .iter()
            .find(|c| c.key == chapter)
            .unwrap()
            .figures
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no figure {chapter}/{key}"));
        (found.value, found.previous)
    };
    let n = |v: f64| Some(v);

    // Information resources: 3 active registers; vaka and hr have special categories; palaute
    // lacks (d) and (g); systems Daisy, Populus, Webropol. At the end of 2025 both agreements
    // are valid (kas-2 ends on 31.12.2025), kas-2's review (31.12.2024) is overdue, Webropol has none.
    assert_eq!(figure("resources", "registers").0, n(3.0));
    assert_eq!(
        figure("resources", "registers").1,
        None,
        "no history: a note, not a zero"
    );
    assert_eq!(figure("resources", "registers_special").0, n(2.0));
    assert_eq!(figure("resources", "registers_incomplete").0, n(1.0));
    assert_eq!(figure("resources", "systems").0, n(3.0));
    assert_eq!(figure("resources", "agreements_valid"), (n(2.0), n(2.0)));
    assert_eq!(figure("resources", "agreements_review_overdue"), (n(1.0), n(0.0)));
    assert_eq!(figure("resources", "processors_without_agreement"), (n(1.0), n(1.0)));

    // Rights: 7 received in 2025 (2 access, 2 publicity, erasure, log investigation, portability), 1 in 2024.
    assert_eq!(figure("rights", "received_gdpr-access"), (n(2.0), n(1.0)));
    assert_eq!(figure("rights", "received_publicity"), (n(2.0), n(0.0)));
    assert_eq!(figure("rights", "received_log-investigation"), (n(1.0), n(0.0)));
    assert_eq!(figure("rights", "log_investigations_manager"), (n(1.0), n(0.0)));
    assert_eq!(figure("rights", "decided"), (n(6.0), n(1.0)));
    assert_eq!(figure("rights", "open_at_year_end"), (n(1.0), n(0.0)));
    // With a clock and decided: r1, r2, r3, r4, r7. Statutory: r1, r4, r7 on time = 60 %; moved: + r3 = 80 %.
    assert_eq!(figure("rights", "on_time_statutory_pct"), (n(60.0), n(100.0)));
    assert_eq!(figure("rights", "on_time_moved_pct"), (n(80.0), n(100.0)));
    assert_eq!(figure("rights", "late_statutory"), (n(2.0), n(0.0)));
    // Lead times 3, 9, 16, 23, 33, 59: median 19.5, 90th percentile (nearest rank) 59.
    assert_eq!(figure("rights", "lead_time_median_days"), (n(19.5), n(14.0)));
    assert_eq!(figure("rights", "lead_time_p90_days"), (n(59.0), n(14.0)));
    assert_eq!(figure("rights", "extensions").0, n(1.0));
    assert_eq!(
        figure("rights", "refused_JulkL 24 § 1 mom 32 kohta").0,
        n(2.0),
        "the refusal and the appealable decision"
    );
    assert_eq!(figure("rights", "referrals").0, n(1.0));
    assert_eq!(figure("rights", "appealable_decisions").0, n(1.0));
    assert_eq!(figure("rights", "appeals").0, n(1.0));
    assert_eq!(report.requests_per_month[1], 1, "February: r1 (r2 arrived 31.1)");
    assert_eq!(report.requests_per_month[0], 1);
    assert_eq!(report.requests_per_month[11], 1);

    // Security: i1, i2, i3, i6 in 2025 (i4 false positive), i5 in 2024.
    assert_eq!(figure("security", "incidents"), (n(4.0), n(1.0)));
    assert_eq!(figure("security", "incidents_high"), (n(2.0), n(0.0)));
    assert_eq!(figure("security", "breaches"), (n(3.0), n(0.0)));
    assert_eq!(figure("security", "breaches_risk_none").0, n(1.0));
    assert_eq!(figure("security", "breaches_risk_risk").0, n(1.0));
    assert_eq!(figure("security", "breaches_risk_high").0, n(1.0));
    assert_eq!(figure("security", "breaches_type_confidentiality").0, n(1.0));
    assert_eq!(figure("security", "notified_on_time").0, n(1.0));
    assert_eq!(figure("security", "notified_late").0, n(1.0));
    assert_eq!(figure("security", "not_notified").0, n(1.0));
    assert_eq!(figure("security", "subjects_informed").0, n(1.0));

    // Records: cases opened 2025 = 7 requests + 5 incidents + c1 = 13; 2024 = p1 + i5 + c2 = 3.
    assert_eq!(figure("records", "cases_opened"), (n(13.0), n(3.0)));
    assert_eq!(figure("records", "cases_closed"), (n(0.0), n(1.0)));
    assert_eq!(
        figure("records", "documents_registered"),
        (n(2.0), n(1.0)),
        "the destroyed invoice still counts"
    );
    assert_eq!(figure("records", "records_destroyed"), (n(1.0), n(0.0)));
    assert_eq!(figure("records", "records_destroyed_02").0, n(1.0));
    assert_eq!(figure("records", "archive_packages"), (n(1.0), n(0.0)));
    assert_eq!(figure("records", "archive_package_records").0, n(1.0));
    assert_eq!(figure("records", "permanent_records_added"), (n(0.0), n(1.0)));
    assert_eq!(figure("records", "legal_holds_active"), (n(1.0), n(0.0)));

    // Every output carries the same numbers.
    let csv = kirjuri_report::to_csv(&report).unwrap();
    assert!(csv.contains("2025,rights,on_time_statutory_pct,"), "{csv}");
    let html = kirjuri_report::to_html(&report, false);
    assert!(html.contains("<svg") && html.contains("Tietotilinpäätös 2025"));
    assert!(
        !html.contains("<script") && !html.contains("src=") && !html.contains("<link"),
        "no external assets"
    );
    let english = kirjuri_report::to_markdown(&report, true);
    assert!(english.contains("| Decided | 6 | 1 | +5 |"), "{english}");
}
