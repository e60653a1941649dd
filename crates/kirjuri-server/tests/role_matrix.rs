//! The role matrix: every endpoint × every role, asserting allow or deny. A new endpoint
//! without a row here fails `every_api_route_has_a_row`, so none can ship without a decision.
//!
//! Allowed means the call succeeds (2xx) with valid input on fixture state it can succeed on:
//! a row whose call changes state gives each role a fixture of its own ([`Given`]), so no role
//! trips on what the previous one did. Denied means 403, or 404 where the design hides that
//! the record exists.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use kirjuri_archive::disposal;
use kirjuri_plan::load_plan;
use kirjuri_registry::{Actor, OpenCase, PlanCatalog, Registry, RegistryConfig, store_content};
use kirjuri_server::users::{Role, add_user, create_token};
use kirjuri_server::{AppState, router};
use kirjuri_store::Store;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
    tokens: BTreeMap<Role, String>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let files = kirjuri_plan::sample::source_files();
    let plan = load_plan(&files).plan.unwrap();
    let version = store.plan_versions().unwrap().add(plan).unwrap();
    let plans = PlanCatalog {
        versions: store
            .plan_versions()
            .unwrap()
            .all()
            .unwrap()
            .into_iter()
            .map(|p| (p.meta.version, p))
            .collect(),
        in_force: version,
    };
    let config = RegistryConfig {
        prefix: "LAI".to_owned(),
        default_department: "hallintotoimi".to_owned(),
    };
    {
        // case-1 (social assistance) with a secret document doc-1, case-2 (an office-holder's
        // decision) with a public document doc-2.
        let registry = Registry {
            store: &store,
            plans: &plans,
            config: &config,
        };
        let actor = Actor {
            name: "setup".to_owned(),
            at: chrono::Utc::now(),
            purpose: None,
        };
        // case-3 holds doc-3, a notice from 2020 whose two years have passed (due for disposal).
        for (class, record_type, date) in [
            ("05 01 01", "toimeentulotukihakemus", None),
            ("00 02 06", "viranhaltijapaatos", None),
            ("00 02 08", "kuulutus", chrono::NaiveDate::from_ymd_opt(2020, 1, 15)),
        ] {
            let case = registry
                .open_case(&OpenCase::new(class.parse().unwrap(), "Testi".to_owned()), &actor)
                .unwrap();
            let content = store_content(
                &store,
                &mut std::io::Cursor::new(b"sisalto".to_vec()),
                "a.txt",
                "text/plain",
            )
            .unwrap();
            let request = kirjuri_registry::NewDocument {
                record_type: Some(record_type.to_owned()),
                direction: kirjuri_registry::Direction::Incoming,
                title: "Pyyntö".to_owned(),
                created_on: date,
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
                .register_document(&case.id, &request, Some(content), &actor)
                .unwrap();
        }
    }
    {
        let registry = Registry {
            store: &store,
            plans: &plans,
            config: &config,
        };
        let actor = Actor {
            name: "setup".to_owned(),
            at: chrono::Utc::now(),
            purpose: None,
        };
        let request = kirjuri_requests::NewRequest {
            kind: kirjuri_requests::RequestKind::GdprAccess,
            received: kirjuri_clock::Start::Instant(chrono::Utc::now()),
            requester: Some("Testi".to_owned()),
            anonymous: false,
            channel: None,
            origin: None,
            assignee: None,
            case: None,
        };
        kirjuri_requests::Requests { registry: &registry }
            .new_request(&request, &actor)
            .unwrap(); // req-1
        let log_investigation = kirjuri_requests::NewRequest {
            kind: kirjuri_requests::RequestKind::LogInvestigation,
            ..request
        };
        kirjuri_requests::Requests { registry: &registry }
            .new_request(&log_investigation, &actor)
            .unwrap(); // req-2
        let document_request = kirjuri_requests::NewRequest {
            kind: kirjuri_requests::RequestKind::Publicity,
            origin: None,
            // Another requester: the party filter below finds Testi's two requests.
            requester: Some("Toimittaja".to_owned()),
            ..log_investigation
        };
        kirjuri_requests::Requests { registry: &registry }
            .new_request(&document_request, &actor)
            .unwrap(); // req-3
        let incident = kirjuri_incidents::NewIncident {
            title: "Testi".to_owned(),
            description: None,
            aware_at: chrono::Utc::now(),
            // Detected a day before: the breach-awareness row corrects the moment of awareness
            // to an hour before the table was built, which stays after the detection however
            // long the run takes (a moment set minutes ahead fell before a later fixture's).
            detected_at: Some(chrono::Utc::now() - chrono::Duration::days(1)),
            occurred_at: None,
            reporter: None,
            severity: kirjuri_incidents::Severity::Low,
            breach: true,
            nis2: false,
            nis2_significant_at: None,
            classification: Default::default(),
        };
        let incidents = kirjuri_incidents::Incidents {
            registry: &registry,
            controller: "Laitilan kaupunki".to_owned(),
        };
        incidents.new_incident(&incident, &actor).unwrap(); // inc-1, a breach
        let not_a_breach = kirjuri_incidents::NewIncident {
            breach: false,
            ..incident
        };
        incidents.new_incident(&not_a_breach, &actor).unwrap(); // inc-2, not (yet) a breach
        let nis2 = kirjuri_incidents::NewIncident {
            aware_at: chrono::DateTime::parse_from_rfc3339("2026-01-01T08:00:00Z")
                .unwrap()
                .to_utc(),
            detected_at: None,
            nis2: true,
            ..not_a_breach
        };
        incidents.new_incident(&nis2, &actor).unwrap(); // inc-3, a NIS2 incident since 1.1.2026
    }
    // Contract kop-1: renews yearly from a term ending 31.12.2026 with three months' notice.
    let contract = kirjuri_contracts::Contract {
        id: "kop-1".to_owned(),
        title: "Kopiokoneet".to_owned(),
        counterparty: "Kopio Oy".to_owned(),
        business_id: None,
        owner: "Maija".to_owned(),
        department: "hallintotoimi".to_owned(),
        starts_on: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
        ends_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
        renewal: kirjuri_contracts::Renewal::Automatic { months: 12 },
        notice: Some(kirjuri_contracts::NoticePeriod::Months(3)),
        notice_given_on: None,
        review_due: None,
        value_band: kirjuri_contracts::ValueBand::From10kTo60k,
        personal_data: false,
        processor_agreement: None,
        document: None,
        state: kirjuri_contracts::ContractState::Active,
    };
    kirjuri_contracts::save_contract(&store, &contract, kirjuri_contracts::Save::Create, "setup").unwrap();
    let mut tokens = BTreeMap::new();
    for role in Role::ALL {
        let name = format!("user-{}", role.key());
        add_user(&store, &name, *role, "a long test password", "test").unwrap();
        tokens.insert(*role, create_token(&store, &name, "test").unwrap());
    }
    add_user(&store, "spare", Role::Staff, "a long test password", "test").unwrap();
    // Webhook endpoint wh-1 (issue 21), disabled so nothing is sent from a test.
    kirjuri_webhooks::create(
        &store,
        &kirjuri_webhooks::NewEndpoint {
            url: "https://hooks.example.fi/kirjuri".to_owned(),
            events: vec!["case.transition".to_owned()],
            enabled: false,
            from_start: false,
        },
        "setup",
        chrono::Utc::now(),
    )
    .unwrap();
    // Department-scoped staff: the fixture's cases belong to hallintotoimi (the default).
    for (name, department) in [("staff-hallinto", "hallintotoimi"), ("staff-sivistys", "Sivistystoimi")] {
        kirjuri_server::users::add_user_in(
            &store,
            name,
            Role::Staff,
            &[department.to_owned()],
            "a long test password",
            "test",
        )
        .unwrap();
    }
    // A disposal proposal (disp-1, proposed by "setup") over everything due by 2300, and the
    // signing key.
    disposal::propose(
        &store,
        chrono::NaiveDate::from_ymd_opt(2300, 1, 1).unwrap(),
        None,
        &setup_actor("setup"),
    )
    .unwrap();
    kirjuri_archive::keys::init(dir.path()).unwrap();
    let state = AppState::new(kirjuri_app::App::new(store, config, "Laitilan kaupunki"));
    drop(plans);
    Fixture {
        _dir: dir,
        state,
        tokens,
    }
}

fn setup_actor(name: &str) -> Actor {
    Actor {
        name: name.to_owned(),
        at: chrono::Utc::now(),
        purpose: None,
    }
}

/// The state a row's call is made on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Given {
    /// The fixture shared by the rows; the call can be repeated by every allowed role.
    Shared,
    /// A fixture of the role's own: the call changes state (a transition, a purge).
    Own,
    /// Own, with disp-1 approved by another archivist than its proposer.
    Approved,
    /// Own, with disp-1 cancelled, so nothing due is in an open proposal.
    NoOpenProposal,
    /// Own, with hold-1 placed on case-1.
    Held,
    /// Own, with req-1's clock paused.
    Paused,
    /// Own, with the sample plan stored again as draft plan version 2.
    Draft,
    /// Own, with a paper notice of 2020 (doc-4) proposed alone as disp-2, approved and
    /// executed, so it awaits the confirmation of its destruction by hand.
    AwaitingPaper,
    /// Own, with register entry rek-1 and processor agreement sop-1 stored.
    Registered,
    /// Own, with person h-1 on the training roster, training perus and control-1 recorded.
    Governed,
    /// Own, with development target 2026/1 of the annual report.
    Targeted,
}

/// A fixture for a row: the shared one, or a fresh one prepared as `given` says.
fn prepared(given: Given) -> Fixture {
    let fixture = fixture();
    let store = &fixture.state.store;
    let actor = setup_actor("toinen arkistonhoitaja");
    match given {
        Given::Shared | Given::Own => {}
        Given::Targeted => {
            let new = kirjuri_app::NewTarget {
                text: "Selosteet ajan tasalle".to_owned(),
                chapter: "resources".to_owned(),
                owner: "tietosuojavastaava".to_owned(),
                due_year: 2027,
                status: None,
                note: None,
            };
            let target = fixture.state.app.add_report_target(2026, &new, &actor).unwrap();
            assert_eq!(target.id, "2026/1");
        }
        Given::Approved => {
            disposal::approve(store, "disp-1", &actor).unwrap();
        }
        Given::NoOpenProposal => {
            disposal::cancel(store, "disp-1", "uusi esitys", &actor).unwrap();
        }
        Given::Held => {
            let hold = fixture
                .state
                .app
                .with_registry(|registry| {
                    registry.place_hold(kirjuri_registry::CASE, "case-1", "oikeudenkäynti", &actor)
                })
                .unwrap()
                .unwrap();
            assert_eq!(hold.id, "hold-1");
        }
        Given::Draft => {
            let mut plan = kirjuri_plan::sample::load().plan.unwrap();
            plan.meta.state = kirjuri_plan::PlanState::Draft;
            plan.meta.valid_from = None;
            assert_eq!(store.plan_versions().unwrap().add(plan).unwrap(), 2);
        }
        Given::AwaitingPaper => {
            let proposer = setup_actor("setup");
            let document = fixture
                .state
                .app
                .with_registry(|registry| {
                    let case = registry.open_case(
                        &OpenCase::new("00 02 08".parse().unwrap(), "Paperi".to_owned()),
                        &proposer,
                    )?;
                    let paper = kirjuri_registry::NewDocument {
                        created_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 15),
                        physical: Some(kirjuri_registry::PhysicalItem {
                            archive_room: "Arkisto A".to_owned(),
                            shelf: None,
                            box_label: None,
                        }),
                        ..kirjuri_registry::NewDocument::new(
                            Some("kuulutus".to_owned()),
                            kirjuri_registry::Direction::Internal,
                            "Kuulutukset 2020".to_owned(),
                        )
                    };
                    registry.register_document(&case.id, &paper, None, &proposer)
                })
                .unwrap()
                .unwrap();
            assert_eq!(document.id, "doc-4");
            let today = kirjuri_registry::helsinki_date(chrono::Utc::now());
            let proposal =
                disposal::propose_selected(store, today, None, Some(&["doc-4".to_owned()]), &proposer).unwrap();
            assert_eq!(proposal.id, "disp-2");
            disposal::approve(store, "disp-2", &actor).unwrap();
            let report = fixture.state.app.execute_disposal("disp-2", &actor).unwrap();
            assert_eq!(report.awaiting_paper, 1, "{report:?}");
        }
        Given::Registered => {
            let entry = kirjuri_incidents::ProcessingRegister {
                id: "rek-1".to_owned(),
                name: "Palaute".to_owned(),
                controller: "Laitilan kaupunki".to_owned(),
                department: "hallintotoimi".to_owned(),
                dpo_contact: "tietosuojavastaava@laitila.fi".to_owned(),
                purposes: vec!["palaute".to_owned()],
                subject_categories: vec![],
                data_categories: vec![],
                special_categories: false,
                criminal_data: false,
                recipients: vec![],
                transfers: vec![],
                erasure_classes: vec![],
                security_measures: String::new(),
                legal_basis: String::new(),
                dpia: String::new(),
                systems: vec![],
                processors: vec!["Palvelu Oy".to_owned()],
                active: true,
                privacy_notice: String::new(),
                privacy_notice_published: None,
            };
            kirjuri_incidents::save_register(store, &entry, kirjuri_incidents::Save::Create, "setup").unwrap();
            let agreement = kirjuri_incidents::ProcessorAgreement {
                id: "sop-1".to_owned(),
                processor: "Palvelu Oy".to_owned(),
                registers: vec!["rek-1".to_owned()],
                signed_on: None,
                starts_on: None,
                ends_on: None,
                review_due: None,
                state: kirjuri_incidents::AgreementState::Active,
                owner: String::new(),
                checklist: std::collections::BTreeMap::new(),
            };
            kirjuri_incidents::save_agreement(store, &agreement, kirjuri_incidents::Save::Create, "setup").unwrap();
        }
        Given::Governed => {
            let person = kirjuri_governance::Person {
                id: "h-1".to_owned(),
                name: "Maija Meikäläinen".to_owned(),
                user: None,
                department: "hallintotoimi".to_owned(),
                group: kirjuri_governance::Group::Staff,
                from: None,
                until: None,
            };
            kirjuri_governance::save_person(store, &person, kirjuri_governance::Save::Create, "setup").unwrap();
            let training = kirjuri_governance::Training {
                key: "perus".to_owned(),
                name: "Tietosuojan perusteet".to_owned(),
                topic: kirjuri_governance::Topic::DataProtection,
                validity_years: 3,
            };
            kirjuri_governance::save_training(store, &training, kirjuri_governance::Save::Create, "setup").unwrap();
            let control = kirjuri_governance::ControlEvent {
                id: String::new(),
                kind: kirjuri_governance::ControlKind::AccessReview,
                system: "Kirjuri".to_owned(),
                performed_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                performed_by: "Tiina Tietohallinto".to_owned(),
                result: kirjuri_governance::ControlResult::Ok,
                findings: String::new(),
                follow_up: String::new(),
            };
            kirjuri_governance::save_control(store, &control, kirjuri_governance::Save::Create, "setup").unwrap();
        }
        Given::Paused => {
            fixture
                .state
                .app
                .with_registry(|registry| {
                    kirjuri_requests::Requests { registry }.pause("req-1", "odotetaan tarkennusta", &actor)
                })
                .unwrap()
                .unwrap();
        }
    }
    fixture
}

/// One row: an endpoint and the roles allowed to use it.
struct Row {
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    allowed: &'static [Role],
    given: Given,
    /// What a role without the right gets: 403, or 404 where the design hides existence.
    denied: StatusCode,
    /// Checks the body an allowed role gets, beyond its 2xx status.
    check: Option<fn(&serde_json::Value)>,
}

impl Row {
    fn given(mut self, given: Given) -> Row {
        self.given = given;
        self
    }

    fn hidden_from_the_denied(mut self) -> Row {
        self.denied = StatusCode::NOT_FOUND;
        self
    }

    fn check(mut self, check: fn(&serde_json::Value)) -> Row {
        self.check = Some(check);
        self
    }
}

const ALL: &[Role] = Role::ALL;
const WRITERS: &[Role] = &[Role::Registrar, Role::PrivacyOfficer, Role::Admin];
const RESTRICTED_READERS: &[Role] = &[
    Role::Registrar,
    Role::Archivist,
    Role::PrivacyOfficer,
    Role::Auditor,
    Role::Admin,
];
const AUDIT_READERS: &[Role] = &[Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const REQUEST_READERS: &[Role] = &[Role::Registrar, Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const REQUEST_WRITERS: &[Role] = &[Role::Registrar, Role::PrivacyOfficer, Role::Admin];
const INCIDENT_READERS: &[Role] = &[Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const INCIDENT_WRITERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
const RETENTION_READERS: &[Role] = &[Role::Archivist, Role::Auditor, Role::Admin];
const REPORT_READERS: &[Role] = &[Role::Archivist, Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const REGISTER_READERS: &[Role] = &[Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const REGISTER_WRITERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
/// The contract register: the registry office, the privacy officer and the admin keep it; the
/// archivist and the auditor read it; staff do not (value bands and counterparties of every
/// department are not every employee's business).
const CONTRACT_READERS: &[Role] = &[
    Role::Registrar,
    Role::Archivist,
    Role::PrivacyOfficer,
    Role::Auditor,
    Role::Admin,
];
const CONTRACT_WRITERS: &[Role] = &[Role::Registrar, Role::PrivacyOfficer, Role::Admin];
const GOVERNANCE_READERS: &[Role] = &[Role::PrivacyOfficer, Role::Auditor, Role::Admin];
const GOVERNANCE_WRITERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
const REPORT_WRITERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
const HOLD_MANAGERS: &[Role] = &[Role::Archivist, Role::PrivacyOfficer, Role::Admin];
const DISPOSERS: &[Role] = &[Role::Archivist, Role::Admin];
const EXPORTERS: &[Role] = &[Role::Archivist, Role::Admin];
const VERIFIERS: &[Role] = &[Role::Archivist, Role::Auditor, Role::Admin];
const ERASERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
const PLAN_MANAGERS: &[Role] = &[Role::Archivist, Role::Admin];
/// Who reaches the archive page: those who export or verify packages.
const ARCHIVE_PAGE_READERS: &[Role] = &[Role::Archivist, Role::Auditor, Role::Admin];
const ADMIN: &[Role] = &[Role::Admin];

/// The boundary of [`BATCH_FORM`]; a body that begins with it is sent as a multipart form.
const BATCH_BOUNDARY: &str = "--kirjuri-matrix";
/// A batch upload of two files.
const BATCH_FORM: &str = "--kirjuri-matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nliite a\r\n--kirjuri-matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\nliite b\r\n--kirjuri-matrix--\r\n";

fn row(method: Method, path: &'static str, body: Option<&'static str>, allowed: &'static [Role]) -> Row {
    Row {
        method,
        path,
        body,
        allowed,
        given: Given::Shared,
        denied: StatusCode::FORBIDDEN,
        check: None,
    }
}

fn rows() -> Vec<Row> {
    vec![
        row(Method::GET, "/api/v1/me", None, ALL),
        row(Method::GET, "/api/v1/plan", None, ALL),
        row(Method::GET, "/api/v1/plan/classes/07.00.03", None, ALL),
        row(Method::GET, "/api/v1/plan/versions", None, ALL),
        // Each allowed role imports the sample plan as one more draft version.
        row(
            Method::POST,
            "/api/v1/plan/versions",
            Some(sample_plan_xml()),
            PLAN_MANAGERS,
        )
        .check(|imported| {
            assert_eq!(imported["state"], "draft", "{imported}");
            assert!(imported["version"].as_u64() >= Some(2), "{imported}");
        }),
        row(
            Method::POST,
            "/api/v1/plan/versions/2/approve",
            Some(r#"{"valid_from":"2300-01-01"}"#),
            PLAN_MANAGERS,
        )
        .given(Given::Draft)
        .check(|approved| {
            assert_eq!(approved["state"], "approved", "{approved}");
            assert_eq!(approved["valid_from"], "2300-01-01", "{approved}");
        }),
        row(Method::GET, "/api/v1/deadlines/gdpr?from=2025-02-15", None, ALL),
        row(Method::GET, "/api/v1/cases", None, ALL),
        row(
            Method::POST,
            "/api/v1/cases",
            Some(r#"{"class":"07 01 02","title":"Uusi"}"#),
            WRITERS,
        ),
        row(Method::GET, "/api/v1/cases/case-1", None, ALL),
        row(
            Method::POST,
            "/api/v1/cases/case-2/transition",
            Some(r#"{"state":"vireilla"}"#),
            WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/cases/case-2/documents?record_type=viranhaltijapaatos&title=Liite",
            Some("liite"),
            WRITERS,
        ),
        // A batch upload (multipart, one `file` part per document): the same writers.
        row(
            Method::POST,
            "/api/v1/cases/case-2/documents/batch?record_type=viranhaltijapaatos&title=Liite",
            Some(BATCH_FORM),
            WRITERS,
        )
        .check(|answer| assert_eq!(answer["documents"].as_array().map(Vec::len), Some(2), "{answer}")),
        // Secret document: readers without the right get 404, as if it did not exist.
        row(Method::GET, "/api/v1/documents/doc-1", None, RESTRICTED_READERS).hidden_from_the_denied(),
        row(Method::GET, "/api/v1/documents/doc-1/content", None, RESTRICTED_READERS).hidden_from_the_denied(),
        row(Method::GET, "/api/v1/documents/doc-2", None, ALL),
        row(Method::GET, "/api/v1/documents/doc-2/content", None, ALL),
        // Recording the days secrecy runs from (issue 20): document writers only.
        row(
            Method::PUT,
            "/api/v1/documents/doc-2/secrecy-events",
            // doc-2 is public: its secrecy runs from no event, so only clearing a day is allowed.
            Some(r#"{"relationship_ended_on":null}"#),
            WRITERS,
        )
        .check(|document| assert!(document["relationship_ended_on"].is_null(), "{document}")),
        row(Method::GET, "/api/v1/audit", None, AUDIT_READERS),
        row(Method::POST, "/api/v1/admin/backup", None, ADMIN),
        row(Method::GET, "/api/v1/requests", None, REQUEST_READERS),
        row(
            Method::POST,
            "/api/v1/requests",
            Some(r#"{"kind":"publicity","received":"2026-01-05","anonymous":true}"#),
            REQUEST_WRITERS,
        ),
        row(Method::GET, "/api/v1/requests/req-1", None, REQUEST_READERS),
        row(
            Method::POST,
            "/api/v1/requests/req-1/transition",
            Some(r#"{"state":"in-progress"}"#),
            REQUEST_WRITERS,
        )
        .given(Given::Own),
        row(Method::GET, "/api/v1/incidents", None, INCIDENT_READERS),
        row(
            Method::POST,
            "/api/v1/incidents",
            Some(r#"{"title":"Uusi","aware_at":"2026-01-05T10:00","breach":true}"#),
            INCIDENT_WRITERS,
        ),
        row(Method::GET, "/api/v1/incidents/inc-1", None, INCIDENT_READERS),
        row(Method::GET, "/api/v1/retention/due", None, RETENTION_READERS),
        row(Method::GET, "/api/v1/reports/2026?format=html", None, REPORT_READERS),
        row(Method::GET, "/api/v1/reports/2026?format=pdf", None, REPORT_READERS),
        row(Method::GET, "/api/v1/audit/verify", None, AUDIT_READERS),
        row(Method::GET, "/api/v1/search?q=sisalto", None, ALL),
        // Webhooks (issue 21): the admin alone manages endpoints and reads delivery logs; the
        // secret is shown at creation and rotation only.
        row(Method::GET, "/api/v1/admin/webhooks", None, ADMIN)
            .check(|list| assert!(list[0].get("secret").is_none(), "{list}")),
        row(
            Method::POST,
            "/api/v1/admin/webhooks",
            Some(r#"{"url":"https://hooks.example.fi/toinen","events":["incident.breach"],"enabled":false}"#),
            ADMIN,
        )
        .check(|created| assert!(created["secret"].as_str().unwrap().starts_with("whsec_"), "{created}")),
        row(Method::GET, "/api/v1/admin/webhooks/event-types", None, ADMIN),
        row(Method::GET, "/api/v1/admin/webhooks/wh-1", None, ADMIN)
            .check(|endpoint| assert!(endpoint.get("secret").is_none(), "{endpoint}")),
        row(
            Method::PUT,
            "/api/v1/admin/webhooks/wh-1",
            Some(r#"{"events":["case.open","case.transition"]}"#),
            ADMIN,
        )
        .given(Given::Own),
        row(Method::POST, "/api/v1/admin/webhooks/wh-1/rotate-secret", None, ADMIN).given(Given::Own),
        row(Method::GET, "/api/v1/admin/webhooks/wh-1/deliveries", None, ADMIN),
        row(Method::DELETE, "/api/v1/admin/webhooks/wh-1", None, ADMIN).given(Given::Own),
        row(Method::GET, "/api/v1/users", None, ADMIN),
        row(
            Method::POST,
            "/api/v1/users",
            Some(r#"{"name":"uusi","role":"staff","password":"pitka salasana 2026"}"#),
            ADMIN,
        ),
        row(Method::POST, "/api/v1/users/spare/tokens/revoke", None, ADMIN),
        row(Method::POST, "/api/v1/users/spare/tokens", None, ADMIN),
        row(
            Method::PUT,
            "/api/v1/users/spare/role",
            Some(r#"{"role":"archivist"}"#),
            ADMIN,
        )
        .check(|user| assert_eq!(user["role"], "archivist", "{user}")),
        row(
            Method::PUT,
            "/api/v1/users/spare/disabled",
            Some(r#"{"disabled":false}"#),
            ADMIN,
        )
        .check(|user| assert_eq!(user["disabled"], false, "{user}")),
        row(
            Method::PUT,
            "/api/v1/users/spare/departments",
            Some(r#"{"departments":["sivistystoimi"]}"#),
            ADMIN,
        )
        .check(|user| assert_eq!(user["departments"], serde_json::json!(["sivistystoimi"]), "{user}")),
        row(
            Method::PUT,
            "/api/v1/users/spare/contact",
            Some(r#"{"email":"spare@kirjuri.invalid","language":"en"}"#),
            ADMIN,
        )
        .check(|user| {
            assert_eq!(user["email"], "spare@kirjuri.invalid", "{user}");
            assert_eq!(user["language"], "en", "{user}");
        }),
        row(Method::GET, "/api/v1/access/report", None, AUDIT_READERS).check(|report| {
            let users = report["users"].as_array().unwrap();
            let scoped = users.iter().find(|u| u["name"] == "staff-hallinto").unwrap();
            assert_eq!(scoped["reach"], "departments", "{scoped}");
            assert_eq!(scoped["departments"], serde_json::json!(["hallintotoimi"]));
            assert!(!report["restricted_classes"].as_array().unwrap().is_empty());
        }),
        // The list names the registrar only; every writer may set it on a case without one.
        row(
            Method::PUT,
            "/api/v1/cases/case-2/access",
            Some(r#"{"access":["user-registrar"],"reason":"henkilöstöasia"}"#),
            WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/requests/req-1/pause",
            Some(r#"{"reason":"odotetaan tarkennusta"}"#),
            REQUEST_WRITERS,
        )
        .given(Given::Own),
        row(Method::POST, "/api/v1/requests/req-1/resume", None, REQUEST_WRITERS).given(Given::Paused),
        // The disclosure record of a document request (Publicity Act): doc-2 is public.
        row(
            Method::POST,
            "/api/v1/requests/req-3/disclosures",
            Some(r#"{"document_id":"doc-2","outcome":"disclosed"}"#),
            REQUEST_WRITERS,
        )
        .given(Given::Own)
        .check(|request| {
            assert_eq!(
                request["disclosure"]["documents"][0]["document_id"], "doc-2",
                "{request}"
            )
        }),
        row(
            Method::POST,
            "/api/v1/requests/req-3/fees",
            Some(r#"{"amount_cents":1200,"basis":"kopiot","delivery":"copy"}"#),
            REQUEST_WRITERS,
        ),
        row(
            Method::POST,
            "/api/v1/requests/req-3/transfer",
            // Transferred today (the fixture's request arrived today).
            Some(Box::leak(
                format!(
                    r#"{{"on":"{}","authority":"Pohjois-Savon hyvinvointialue"}}"#,
                    kirjuri_registry::helsinki_date(chrono::Utc::now())
                )
                .into_boxed_str(),
            )),
            REQUEST_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/requests/req-1/identity-verifications",
            Some(r#"{"method":"strong-electronic","result":"verified"}"#),
            REQUEST_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/transition",
            Some(r#"{"state":"containment"}"#),
            INCIDENT_WRITERS,
        )
        .given(Given::Own),
        row(Method::POST, "/api/v1/incidents/inc-2/breach", None, INCIDENT_WRITERS).given(Given::Own),
        row(Method::POST, "/api/v1/incidents/inc-2/nis2", None, INCIDENT_WRITERS).given(Given::Own),
        row(
            Method::POST,
            "/api/v1/incidents/inc-3/nis2-report-requests",
            Some(r#"{"asked_on":"2026-01-02","due_on":"2026-01-09","what":"tilannepäivitys"}"#),
            INCIDENT_WRITERS,
        )
        .given(Given::Own),
        // The moment of awareness of inc-1's breach corrected to an hour before now: after the
        // fixture's detection (a day before it was made), never in the future.
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/breach-awareness",
            Some(Box::leak(
                serde_json::json!({
                    "aware_at": (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
                    "reason": "lokin aikaleima tarkentui",
                })
                .to_string()
                .into_boxed_str(),
            )),
            INCIDENT_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/classification",
            Some(r#"{"category":"misdelivery","cause":"human-error","outcome":"contained"}"#),
            INCIDENT_WRITERS,
        ),
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/assessment",
            Some(r#"{"risk":"high","rationale":"henkilötunnuksia","types":["confidentiality"],"people":12}"#),
            INCIDENT_WRITERS,
        ),
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/notifications",
            Some(r#"{"phase":"preliminary","authority":"Tietosuojavaltuutettu"}"#),
            INCIDENT_WRITERS,
        ),
        row(
            Method::GET,
            "/api/v1/incidents/inc-1/notification-draft?format=md",
            None,
            INCIDENT_READERS,
        ),
        // A log report reads the audit trail: request writers who may also read the audit.
        row(
            Method::POST,
            "/api/v1/requests/req-2/log-report",
            Some(r#"{"subject":"Testi"}"#),
            &[Role::PrivacyOfficer, Role::Admin],
        ),
        row(Method::GET, "/api/v1/registers", None, REGISTER_READERS),
        row(Method::GET, "/api/v1/processors", None, REGISTER_READERS),
        row(Method::GET, "/api/v1/registers/rek-1/versions", None, REGISTER_READERS).given(Given::Registered),
        row(Method::GET, "/api/v1/processors/sop-1/versions", None, REGISTER_READERS).given(Given::Registered),
        row(
            Method::POST,
            "/api/v1/registers",
            Some(r#"{"id":"uusi","name":"Uusi käsittelytoimi","purposes":["palaute"]}"#),
            REGISTER_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/registers/rek-1",
            Some(r#"{"name":"Palaute","security_measures":"lokitus"}"#),
            REGISTER_WRITERS,
        )
        .given(Given::Registered),
        row(
            Method::POST,
            "/api/v1/processors",
            Some(r#"{"id":"sop-2","processor":"Pilvi Oy","state":"active","covers":["security"]}"#),
            REGISTER_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/processors/sop-1",
            Some(r#"{"processor":"Palvelu Oy","registers":["rek-1"],"state":"active","covers":["audits"]}"#),
            REGISTER_WRITERS,
        )
        .given(Given::Registered),
        row(Method::GET, "/api/v1/contracts", None, CONTRACT_READERS),
        // Counted on 1.9.2026: kop-1's notice day is 30.9.2026, within 30 days.
        row(
            Method::GET,
            "/api/v1/contracts?notice_within=30&on=2026-09-01",
            None,
            CONTRACT_READERS,
        )
        .check(|list| assert_eq!(list["contracts"][0]["next_notice"]["last_day"], "2026-09-30", "{list}")),
        row(
            Method::GET,
            "/api/v1/contracts/processors-without-contract",
            None,
            CONTRACT_READERS,
        ),
        row(Method::GET, "/api/v1/contracts/kop-1", None, CONTRACT_READERS),
        row(
            Method::POST,
            "/api/v1/contracts",
            Some(r#"{"id":"kop-2","title":"Tulostimet","counterparty":"Paino Oy","owner":"Maija","department":"hallintotoimi"}"#),
            CONTRACT_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/contracts/kop-1",
            Some(r#"{"title":"Kopiokoneet","counterparty":"Kopio Oy","owner":"","department":"hallintotoimi","starts_on":"2024-01-01","ends_on":"2026-12-31","renewal":"automatic:12","notice":"3m"}"#),
            CONTRACT_WRITERS,
        )
        .given(Given::Own)
        .check(|contract| assert_eq!(contract["owner"], "", "{contract}")),
        // Notice on 15.9.2026 is in time for the term ending 31.12.2026.
        row(
            Method::POST,
            "/api/v1/contracts/kop-1/notice",
            Some(r#"{"given_on":"2026-09-15"}"#),
            CONTRACT_WRITERS,
        )
        .given(Given::Own)
        .check(|contract| assert_eq!(contract["ends"], "2026-12-31", "{contract}")),
        row(
            Method::POST,
            "/api/v1/contracts/import",
            Some("id,title,counterparty,owner,department,starts_on,ends_on,renewal,notice,personal_data,state\nkop-3,Vuokra,Tila Oy,Maija,hallintotoimi,2026-01-01,2026-12-31,fixed,,no,active\n"),
            CONTRACT_WRITERS,
        )
        .given(Given::Own)
        .check(|answer| assert_eq!(answer["imported"], 1, "{answer}")),
        // The training register names people: the privacy officer and admin manage it, the
        // auditor reads it; registrar, archivist and staff are refused.
        row(Method::GET, "/api/v1/training", None, GOVERNANCE_READERS),
        row(Method::GET, "/api/v1/training/coverage?year=2026", None, GOVERNANCE_READERS),
        row(Method::GET, "/api/v1/controls?year=2026", None, GOVERNANCE_READERS),
        row(
            Method::POST,
            "/api/v1/training/people",
            Some(r#"{"id":"h-2","name":"Matti Virtanen","department":"tekninen toimi","group":"staff"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/training/people/h-1",
            Some(r#"{"name":"Maija Meikäläinen","department":"hallintotoimi","group":"staff","until":"2026-06-30"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Governed),
        row(
            Method::POST,
            "/api/v1/training/courses",
            Some(r#"{"key":"tietoturva","name":"Tietoturvan perusteet","topic":"information-security"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/training/courses/perus",
            Some(r#"{"name":"Tietosuojan perusteet","topic":"data-protection","validity_years":2}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Governed),
        row(
            Method::POST,
            "/api/v1/training/completions",
            Some(r#"{"person":"h-1","training":"perus","completed_on":"2026-02-10"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Governed),
        row(
            Method::POST,
            "/api/v1/controls",
            Some(r#"{"kind":"restore-test","system":"Kirjuri","performed_on":"2026-04-14","performed_by":"Tiina","result":"deviations","findings":"palautus kesti 9 h"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::PUT,
            "/api/v1/controls/control-1",
            Some(r#"{"kind":"access-review","system":"Kirjuri","performed_on":"2026-03-02","performed_by":"Tiina","result":"ok","follow_up":"ei toimenpiteitä"}"#),
            GOVERNANCE_WRITERS,
        )
        .given(Given::Governed),
        row(
            Method::PUT,
            "/api/v1/reports/2026/assessments/security",
            Some(r#"{"text":"Loukkaukset ilmoitettiin ajallaan."}"#),
            REPORT_WRITERS,
        ),
        row(Method::GET, "/api/v1/reports/2026/targets", None, REPORT_READERS),
        row(
            Method::POST,
            "/api/v1/reports/2026/targets",
            Some(
                r#"{"text":"Koulutus luottamushenkilöille","chapter":"procedures","owner":"hallintojohtaja","due_year":2027}"#,
            ),
            REPORT_WRITERS,
        ),
        row(
            Method::PATCH,
            "/api/v1/reports/2026/targets/1",
            Some(r#"{"status":"in_progress","note":"Aloitettu"}"#),
            REPORT_WRITERS,
        )
        .given(Given::Targeted),
        row(
            Method::POST,
            "/api/v1/reports/2025/approval",
            Some(r#"{"body":"Kaupunginhallitus","decision":"§ 45","decided_on":"2026-11-30"}"#),
            REPORT_WRITERS,
        )
        .given(Given::Own),
        row(
            Method::POST,
            "/api/v1/holds",
            Some(r#"{"target":"case","id":"case-1","reason":"oikeudenkäynti"}"#),
            HOLD_MANAGERS,
        ),
        row(
            Method::POST,
            "/api/v1/holds/hold-1/lift",
            Some(r#"{"target":"case","id":"case-1","reason":"päättyi"}"#),
            HOLD_MANAGERS,
        )
        .given(Given::Held),
        row(Method::GET, "/api/v1/disposal/proposals", None, RETENTION_READERS),
        row(
            Method::GET,
            "/api/v1/disposal/proposals/disp-1",
            None,
            RETENTION_READERS,
        ),
        row(
            Method::POST,
            "/api/v1/disposal/proposals",
            Some(r#"{"on":"2300-01-01"}"#),
            DISPOSERS,
        )
        .given(Given::NoOpenProposal)
        .check(|proposal| {
            assert_eq!(proposal["state"], "pending", "{proposal}");
            assert!(has_item(proposal, "doc-3", "pending"), "{proposal}");
        }),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/remove",
            Some(r#"{"document":"doc-3","reason":"tarkistetaan"}"#),
            DISPOSERS,
        )
        .given(Given::Own)
        .check(|proposal| assert!(has_item(proposal, "doc-3", "removed"), "{proposal}")),
        row(
            Method::POST,
            "/api/v1/documents/doc-1/erase",
            Some(r#"{"reason":"kirjattu virheellisesti"}"#),
            ERASERS,
        )
        .given(Given::Own)
        .check(|record| assert_eq!(record["document"], "doc-1", "{record}")),
        // "setup" proposed disp-1, so each disposer is another archivist than the proposer.
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/approve",
            None,
            DISPOSERS,
        )
        .given(Given::Own)
        .check(|proposal| assert_eq!(proposal["state"], "approved", "{proposal}")),
        // The purge over the API: doc-3's two years have passed, so it is destroyed now and its
        // text leaves the index; the rest of disp-1 waits for its day.
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/execute",
            None,
            DISPOSERS,
        )
        .given(Given::Approved)
        .check(|report| {
            assert_eq!(report["failed"], serde_json::json!([]), "{report}");
            assert!(report["destroyed"].as_u64() >= Some(1), "{report}");
            assert!(has_item(&report["proposal"], "doc-3", "destroyed"), "{report}");
        }),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/cancel",
            Some(r#"{"reason":"peruttu"}"#),
            DISPOSERS,
        )
        .given(Given::Own)
        .check(|proposal| assert_eq!(proposal["state"], "restored", "{proposal}")),
        // A paper record destroyed by hand: its destruction is confirmed with the method.
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-2/confirm-paper",
            Some(r#"{"document":"doc-4","method":"tietosuojajäte"}"#),
            DISPOSERS,
        )
        .given(Given::AwaitingPaper)
        .check(|proposal| {
            assert!(has_item(proposal, "doc-4", "destroyed"), "{proposal}");
            assert_eq!(proposal["state"], "executed", "{proposal}");
        }),
        row(
            Method::GET,
            "/api/v1/disposal/destroyed?format=csv",
            None,
            RETENTION_READERS,
        ),
        row(Method::GET, "/api/v1/archive/list?format=html", None, RETENTION_READERS),
        row(
            Method::POST,
            "/api/v1/archive/exports",
            Some(r#"{"cases":["case-2"]}"#),
            EXPORTERS,
        ),
        row(Method::POST, "/api/v1/archive/verify", Some("not a zip"), VERIFIERS),
        // Every signed-in role makes, replaces and revokes its own calendar feed (what the feed
        // shows is filtered by the role inside kirjuri-agenda).
        row(Method::POST, "/api/v1/me/calendar-feed", None, ALL),
        row(Method::DELETE, "/api/v1/me/calendar-feed", None, ALL),
        // Last: every role revokes its own token.
        row(Method::POST, "/api/v1/tokens/revoke", None, ALL),
    ]
}

/// The sample plan as JHS 191 XML (made once per call of `rows`; the rows live for the test).
fn sample_plan_xml() -> &'static str {
    let plan = kirjuri_plan::sample::load().plan.unwrap();
    let options = kirjuri_plan::jhs191::ExportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        exported_at: "2026-01-05T10:00:00+02:00".to_owned(),
        include_information_systems: true,
    };
    let xml = kirjuri_plan::jhs191::export(&plan, &options).unwrap().xml;
    Box::leak(xml.into_boxed_str())
}

/// Whether a proposal lists `document` in `state`.
fn has_item(proposal: &serde_json::Value, document: &str, state: &str) -> bool {
    proposal["items"]
        .as_array()
        .is_some_and(|items| items.iter().any(|i| i["document"] == document && i["state"] == state))
}

async fn call(state: &AppState, row: &Row, token: Option<&str>) -> (StatusCode, serde_json::Value) {
    let mut request = Request::builder().method(row.method.clone()).uri(row.path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if row.body.is_some_and(|b| b.starts_with('{')) {
        request = request.header("content-type", "application/json");
    }
    if row.body.is_some_and(|b| b.starts_with(BATCH_BOUNDARY)) {
        let boundary = &BATCH_BOUNDARY[2..];
        request = request.header("content-type", format!("multipart/form-data; boundary={boundary}"));
    }
    let request = request
        .body(row.body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap();
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    if !status.is_success() {
        assert!(
            body["code"].is_string(),
            "{} {}: error without a problem+json code",
            row.method,
            row.path
        );
    }
    (status, body)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_for_every_role() {
    let shared = fixture();
    for row in rows() {
        assert_eq!(
            call(&shared.state, &row, None).await.0,
            StatusCode::UNAUTHORIZED,
            "{} {} without a token",
            row.method,
            row.path
        );
        assert_eq!(
            call(&shared.state, &row, Some("kirjuri_not-a-token")).await.0,
            StatusCode::UNAUTHORIZED
        );
        for role in Role::ALL {
            // A denied role meets the same state as an allowed one: the refusal cannot come
            // from the state.
            let own;
            let fixture = if row.given == Given::Shared {
                &shared
            } else {
                own = prepared(row.given);
                &own
            };
            let token = fixture.tokens.get(role).map(String::as_str);
            let (status, body) = call(&fixture.state, &row, token).await;
            if row.allowed.contains(role) {
                assert!(
                    status.is_success(),
                    "{} {} as {}: expected success, got {status}: {body}",
                    row.method,
                    row.path,
                    role.key()
                );
                if let Some(check) = row.check {
                    check(&body);
                }
            } else {
                assert_eq!(
                    status,
                    row.denied,
                    "{} {} as {}: expected deny: {body}",
                    row.method,
                    row.path,
                    role.key()
                );
            }
        }
    }
}

#[test]
fn every_api_route_has_a_row() {
    let covered: Vec<(String, String)> = rows()
        .iter()
        .map(|r| (r.method.to_string(), r.path.split('?').next().unwrap().to_owned()))
        .collect();
    let description = serde_json::to_value(kirjuri_server::openapi_document()).unwrap();
    let paths = description["paths"].as_object().unwrap();
    assert!(paths.len() > 30, "the API description lists {} paths", paths.len());
    for (pattern, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            if pattern == "/api/v1/tokens" {
                continue; // sign-in: public by design
            }
            let matched = covered.iter().any(|(m, path)| {
                let a: Vec<&str> = pattern.split('/').collect();
                let b: Vec<&str> = path.split('/').collect();
                *m == method && a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.starts_with('{') || x == y)
            });
            assert!(matched, "{method} {pattern} has no row in the role matrix");
        }
    }
}

/// Sends `method path` with a bearer token and an optional JSON body: (status, body).
async fn as_user(
    state: &AppState,
    token: &str,
    method: Method,
    path: &str,
    body: Option<&str>,
) -> (StatusCode, serde_json::Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"));
    match body {
        Some(form) if form.starts_with(BATCH_BOUNDARY) => {
            let boundary = &BATCH_BOUNDARY[2..];
            request = request.header("content-type", format!("multipart/form-data; boundary={boundary}"));
        }
        Some(_) => request = request.header("content-type", "application/json"),
        None => {}
    }
    let request = request
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap();
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

/// Department scoping: a staff user of hallintotoimi (where the fixture's cases are) reads their
/// restricted records, registers and moves cases there; a staff user of sivistystoimi does
/// none of it, and learns nothing (404 for documents, masked cases, fewer search hits). An
/// explicit access list then narrows a case to the named people, whatever their role.
#[tokio::test(flavor = "multi_thread")]
async fn department_scoping_and_access_lists() {
    let f = fixture();
    let state = &f.state;
    let token = |name: &str| create_token(&state.store, name, "test").unwrap();
    let (inside, outside) = (token("staff-hallinto"), token("staff-sivistys"));

    // Restricted document doc-1 of case-1 (social assistance, a restricted class).
    assert_eq!(
        as_user(state, &inside, Method::GET, "/api/v1/documents/doc-1", None)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        as_user(state, &inside, Method::GET, "/api/v1/documents/doc-1/content", None)
            .await
            .0,
        StatusCode::OK
    );
    for path in ["/api/v1/documents/doc-1", "/api/v1/documents/doc-1/content"] {
        assert_eq!(
            as_user(state, &outside, Method::GET, path, None).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (_, case) = as_user(state, &inside, Method::GET, "/api/v1/cases/case-1", None).await;
    assert_eq!(case["case"]["masked"], false, "{case}");
    assert_eq!(case["documents"].as_array().unwrap().len(), 1);
    let (_, case) = as_user(state, &outside, Method::GET, "/api/v1/cases/case-1", None).await;
    assert_eq!(case["case"]["masked"], true, "{case}");
    assert_eq!(case["documents"], serde_json::json!([]), "nothing of a restricted case");

    // Search: the same query finds the restricted documents of the reader's departments only.
    let (_, found) = as_user(state, &inside, Method::GET, "/api/v1/search?q=sisalto", None).await;
    let (_, other) = as_user(state, &outside, Method::GET, "/api/v1/search?q=sisalto", None).await;
    assert_eq!(found["total"], 3, "{found}");
    assert_eq!(other["total"], 2, "the public documents of public cases only: {other}");
    assert!(
        !other["hits"].as_array().unwrap().iter().any(|h| h["id"] == "doc-1"),
        "{other}"
    );

    // Information-request and incident cases are handled city-wide: the department's staff
    // do not find a requester by name, as the registry office does.
    let (_, mine) = as_user(state, &inside, Method::GET, "/api/v1/cases?party=Testi", None).await;
    assert_eq!(mine, serde_json::json!([]), "{mine}");
    let registrar = f.tokens[&Role::Registrar].clone();
    let (_, theirs) = as_user(state, &registrar, Method::GET, "/api/v1/cases?party=Testi", None).await;
    assert_eq!(theirs.as_array().unwrap().len(), 2, "req-1 and req-2: {theirs}");

    // Writes: in their own department only.
    let open = r#"{"class":"00 02 06","title":"Uusi","department":"hallintotoimi"}"#;
    assert_eq!(
        as_user(state, &inside, Method::POST, "/api/v1/cases", Some(open))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, refused) = as_user(state, &outside, Method::POST, "/api/v1/cases", Some(open)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("outside_department"))
    );
    let own = r#"{"class":"00 02 06","title":"Oma","department":"sivistystoimi"}"#;
    let (status, opened) = as_user(state, &outside, Method::POST, "/api/v1/cases", Some(own)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let transition = r#"{"state":"vireilla"}"#;
    assert_eq!(
        as_user(
            state,
            &outside,
            Method::POST,
            "/api/v1/cases/case-2/transition",
            Some(transition)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        as_user(
            state,
            &inside,
            Method::POST,
            "/api/v1/cases/case-2/transition",
            Some(transition)
        )
        .await
        .0,
        StatusCode::OK
    );

    // An access list on case-1: only user-registrar reads it now; the privacy officer (a
    // city-wide role) and the department's staff see it masked, its documents hidden.
    let admin = f.tokens[&Role::Admin].clone();
    let list = r#"{"access":["user-registrar"],"reason":"henkilöstöasia"}"#;
    let (status, set) = as_user(state, &admin, Method::PUT, "/api/v1/cases/case-1/access", Some(list)).await;
    assert_eq!(status, StatusCode::OK, "{set}");
    assert_eq!(
        set["access"],
        serde_json::json!([]),
        "the admin is not on the list: masked answer"
    );
    let named = f.tokens[&Role::Registrar].clone();
    let (_, case) = as_user(state, &named, Method::GET, "/api/v1/cases/case-1", None).await;
    assert_eq!(case["case"]["masked"], false);
    assert_eq!(case["case"]["access"], serde_json::json!(["user-registrar"]));
    for reader in [f.tokens[&Role::PrivacyOfficer].clone(), inside.clone()] {
        let (_, case) = as_user(state, &reader, Method::GET, "/api/v1/cases/case-1", None).await;
        assert_eq!(case["case"]["masked"], true, "{case}");
        assert_eq!(
            as_user(state, &reader, Method::GET, "/api/v1/documents/doc-1", None)
                .await
                .0,
            StatusCode::NOT_FOUND
        );
        let (_, hits) = as_user(state, &reader, Method::GET, "/api/v1/search?q=sisalto", None).await;
        assert!(
            !hits["hits"].as_array().unwrap().iter().any(|h| h["id"] == "doc-1"),
            "{hits}"
        );
    }
    let (_, hits) = as_user(state, &named, Method::GET, "/api/v1/search?q=sisalto", None).await;
    assert!(
        hits["hits"].as_array().unwrap().iter().any(|h| h["id"] == "doc-1"),
        "{hits}"
    );
    // Someone the list keeps out cannot change it; the change is audited.
    let privacy = f.tokens[&Role::PrivacyOfficer].clone();
    let widen = r#"{"access":["user-privacy-officer"],"reason":"tarvitsen"}"#;
    assert_eq!(
        as_user(state, &privacy, Method::PUT, "/api/v1/cases/case-1/access", Some(widen))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // Nor write in it: a registrar (city-wide) off the list, a same-department staff member.
    let upload = |token: &str| {
        let token = token.to_owned();
        async move {
            let request = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/cases/case-1/documents?record_type=toimeentulotukihakemus&title=Liite")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::from("liite"))
                .unwrap();
            let response = router(state.clone()).oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let privacy_token = f.tokens[&Role::PrivacyOfficer].clone();
    for writer in [privacy_token.as_str(), inside.as_str()] {
        let (status, refused) = upload(writer).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        assert!(refused.contains("not_on_access_list"), "{refused}");
        let (status, _) = as_user(
            state,
            writer,
            Method::POST,
            "/api/v1/cases/case-1/transition",
            Some(transition),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(upload(&named).await.0, StatusCode::CREATED);
    // ... nor erase or hold its documents: they do not exist for them.
    let erase = r#"{"reason":"virheellinen"}"#;
    assert_eq!(
        as_user(
            state,
            &privacy_token,
            Method::POST,
            "/api/v1/documents/doc-1/erase",
            Some(erase)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    // The archivist sees the record in the due list with its title hidden and may let it be
    // destroyed when due, so may also hold it (a city-wide holder): the hold tells nothing of
    // its content.
    let archivist = f.tokens[&Role::Archivist].clone();
    let hold = r#"{"target":"document","id":"doc-1","reason":"oikeudenkäynti"}"#;
    let (status, held) = as_user(state, &archivist, Method::POST, "/api/v1/holds", Some(hold)).await;
    assert!(status.is_success(), "{status}: {held}");
    // An access list names users who exist, matched without regard to case.
    let unknown = r#"{"access":["ei-ole"],"reason":"kirjoitusvirhe"}"#;
    let (status, refused) = as_user(state, &admin, Method::PUT, "/api/v1/cases/case-3/access", Some(unknown)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unknown_user")),
        "{refused}"
    );
    let variant = r#"{"access":["USER-Registrar"],"reason":"henkilöstöasia"}"#;
    let (_, set) = as_user(state, &named, Method::PUT, "/api/v1/cases/case-3/access", Some(variant)).await;
    assert_eq!(set["access"], serde_json::json!(["user-registrar"]), "{set}");
    let twin = r#"{"name":"USER-REGISTRAR","role":"staff","password":"a long test password"}"#;
    let (status, refused) = as_user(state, &admin, Method::POST, "/api/v1/users", Some(twin)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::CONFLICT, Some("user_exists"))
    );

    // Filing a request into the listed case is a write in it.
    let filed = r#"{"kind":"publicity","received":"2026-01-05","anonymous":true,"case":"case-1"}"#;
    let (status, refused) = as_user(state, &privacy_token, Method::POST, "/api/v1/requests", Some(filed)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_on_access_list"))
    );

    // Request and incident cases: no department reach opens or writes in them.
    let incident_case = r#"{"class":"07 00 01","title":"Oma poikkeama","department":"hallintotoimi"}"#;
    let (status, refused) = as_user(state, &inside, Method::POST, "/api/v1/cases", Some(incident_case)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("outside_department"))
    );
    let (status, refused) = as_user(
        state,
        &inside,
        Method::POST,
        "/api/v1/cases/case-4/transition",
        Some(transition),
    )
    .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("outside_department"))
    );
    // A request whose case has an access list does not exist for a reader off the list.
    let only_privacy = r#"{"access":["user-privacy-officer"],"reason":"arkaluonteinen"}"#;
    assert_eq!(
        as_user(
            state,
            &admin,
            Method::PUT,
            "/api/v1/cases/case-4/access",
            Some(only_privacy)
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        as_user(state, &named, Method::GET, "/api/v1/requests/req-1", None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, listed) = as_user(state, &named, Method::GET, "/api/v1/requests", None).await;
    assert!(
        !listed.as_array().unwrap().iter().any(|r| r["id"] == "req-1"),
        "{listed}"
    );
    assert_eq!(
        as_user(state, &privacy_token, Method::GET, "/api/v1/requests/req-1", None)
            .await
            .0,
        StatusCode::OK
    );

    let (_, audit) = as_user(state, &admin, Method::GET, "/api/v1/audit?limit=1000", None).await;
    let changes: Vec<&serde_json::Value> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "case.access")
        .collect();
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!(changes[0]["detail"]["after"], serde_json::json!(["user-registrar"]));
}

/// A browser session of `name`: the session cookie's value.
fn session_of(state: &AppState, name: &str) -> String {
    let user: kirjuri_server::users::User = state.store.get(kirjuri_server::users::USER, name).unwrap().unwrap();
    kirjuri_server::session::start(&state.store, &user).unwrap()
}

async fn page_as(state: &AppState, session: Option<&str>, path: &str) -> (StatusCode, String) {
    page_in(state, session, path, "fi").await
}

/// A page in a language (`fi`, `sv`, `en`).
async fn page_in(state: &AppState, session: Option<&str>, path: &str, lang: &str) -> (StatusCode, String) {
    let mut request = Request::builder().method(Method::GET).uri(path);
    let mut cookie = format!("kirjuri_lang={lang}");
    if let Some(session) = session {
        cookie.push_str(&format!("; {}={session}", kirjuri_server::session::COOKIE));
    }
    request = request.header("cookie", cookie);
    let response = router(state.clone())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The web UI's pages × every role (and the department-scoped staff): the same rights as the
/// API, through the browser session. Without a session every page sends the browser to
/// `/login`.
#[tokio::test(flavor = "multi_thread")]
async fn every_web_page_for_every_role() {
    let f = fixture();
    let state = &f.state;
    let pages: &[(&str, &[Role], StatusCode)] = &[
        ("/", ALL, StatusCode::FORBIDDEN),
        ("/ui/cases", ALL, StatusCode::FORBIDDEN),
        ("/ui/cases/case-1", ALL, StatusCode::FORBIDDEN),
        ("/ui/search?q=sisalto", ALL, StatusCode::FORBIDDEN),
        ("/ui/documents/doc-1/open", RESTRICTED_READERS, StatusCode::NOT_FOUND),
        ("/ui/requests", REQUEST_READERS, StatusCode::FORBIDDEN),
        ("/ui/incidents", INCIDENT_READERS, StatusCode::FORBIDDEN),
        ("/ui/retention", RETENTION_READERS, StatusCode::FORBIDDEN),
        ("/ui/retention?on=2300-01-01", RETENTION_READERS, StatusCode::FORBIDDEN),
        ("/ui/disposal", RETENTION_READERS, StatusCode::FORBIDDEN),
        ("/ui/disposal/disp-1", RETENTION_READERS, StatusCode::FORBIDDEN),
        (
            "/ui/disposal/destruction-list",
            RETENTION_READERS,
            StatusCode::FORBIDDEN,
        ),
        ("/ui/audit?verify=1", AUDIT_READERS, StatusCode::FORBIDDEN),
        ("/ui/admin", ADMIN, StatusCode::FORBIDDEN),
        ("/ui/admin/users/spare", ADMIN, StatusCode::FORBIDDEN),
        ("/ui/plan", ALL, StatusCode::FORBIDDEN),
        ("/ui/plan?q=tarkastus", ALL, StatusCode::FORBIDDEN),
        ("/ui/plan/classes/07.00.03", ALL, StatusCode::FORBIDDEN),
        ("/ui/plan/versions", ALL, StatusCode::FORBIDDEN),
        ("/ui/plan/versions/1", ALL, StatusCode::FORBIDDEN),
        ("/ui/archive", ARCHIVE_PAGE_READERS, StatusCode::FORBIDDEN),
        ("/ui/incidents/inc-1", INCIDENT_READERS, StatusCode::FORBIDDEN),
        ("/ui/registers", REGISTER_READERS, StatusCode::FORBIDDEN),
        ("/ui/registers/new", REGISTER_WRITERS, StatusCode::FORBIDDEN),
        ("/ui/processors/new", REGISTER_WRITERS, StatusCode::FORBIDDEN),
        ("/ui/report", REPORT_READERS, StatusCode::FORBIDDEN),
        ("/ui/governance", GOVERNANCE_READERS, StatusCode::FORBIDDEN),
        ("/ui/governance?year=2025", GOVERNANCE_READERS, StatusCode::FORBIDDEN),
        ("/ui/contracts", CONTRACT_READERS, StatusCode::FORBIDDEN),
        (
            "/ui/contracts?list=notice&days=30",
            CONTRACT_READERS,
            StatusCode::FORBIDDEN,
        ),
        ("/ui/contracts?list=processors", CONTRACT_READERS, StatusCode::FORBIDDEN),
        ("/ui/contracts/kop-1", CONTRACT_READERS, StatusCode::FORBIDDEN),
        ("/ui/contracts/new", CONTRACT_WRITERS, StatusCode::FORBIDDEN),
        ("/ui/contracts/kop-1/edit", CONTRACT_WRITERS, StatusCode::FORBIDDEN),
        ("/ui/contracts/import", CONTRACT_WRITERS, StatusCode::FORBIDDEN),
        ("/ui/calendar", ALL, StatusCode::FORBIDDEN),
    ];
    for (path, allowed, denied) in pages {
        let (status, _) = page_as(state, None, path).await;
        assert!(status.is_redirection(), "{path} without a session: {status}");
        for role in Role::ALL {
            let (status, body) = page_as(state, Some(&session_of(state, &format!("user-{}", role.key()))), path).await;
            if allowed.contains(role) {
                assert_eq!(status, StatusCode::OK, "{path} as {}: {body}", role.key());
            } else {
                assert_eq!(status, *denied, "{path} as {}", role.key());
            }
        }
    }
    // The accessibility statement is public; every page starts with a skip link to its content.
    let (status, statement) = page_as(state, None, "/accessibility").await;
    assert_eq!(status, StatusCode::OK);
    assert!(statement.contains("Saavutettavuusseloste") && statement.contains("Tunnetut puutteet"));
    let officer = session_of(state, "user-privacy-officer");
    let (_, incidents) = page_as(state, Some(&officer), "/ui/incidents").await;
    assert!(incidents.contains("href=\"#main\"") && incidents.contains("id=\"main\""));
    // The breach's 72-hour clock: what, when, and the time left in words.
    assert!(
        incidents.contains("Ilmoitus tietosuojavaltuutetulle (72 h)"),
        "{incidents}"
    );
    assert!(
        incidents.contains("jäljellä 2 vrk 23 h") || incidents.contains("jäljellä 3 vrk 0 h"),
        "{incidents}"
    );

    // Department scoping on the pages: the hallintotoimi staff member sees case-1 in full with
    // its document and the registration form, opens doc-1's purpose form and finds it in
    // search; the sivistystoimi one sees the public title, no document, no form.
    let inside = session_of(state, "staff-hallinto");
    let outside = session_of(state, "staff-sivistys");
    let (_, page) = page_as(state, Some(&inside), "/ui/cases/case-1").await;
    assert!(page.contains("doc-1") && page.contains("Kirjaa asiakirjoja"), "{page}");
    let (_, page) = page_as(state, Some(&outside), "/ui/cases/case-1").await;
    assert!(
        !page.contains("doc-1") && !page.contains("Kirjaa asiakirjoja"),
        "{page}"
    );
    assert!(page.contains("julkisen otsikon"), "{page}");
    assert_eq!(
        page_as(state, Some(&inside), "/ui/documents/doc-1/open").await.0,
        StatusCode::OK
    );
    assert_eq!(
        page_as(state, Some(&outside), "/ui/documents/doc-1/open").await.0,
        StatusCode::NOT_FOUND
    );
    // Search hits show the diary number of the hit's case.
    let (_, page) = page_as(state, Some(&inside), "/ui/search?q=sisalto").await;
    assert!(page.contains("LAI/1/05.01.01/"), "{page}");
    let (_, page) = page_as(state, Some(&outside), "/ui/search?q=sisalto").await;
    assert!(!page.contains("LAI/1/05.01.01/"), "{page}");
}

/// The visible text of a page: tags (and so attribute values: links, form values) removed.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        text.push(' ');
        // A stored or generated value (`data-value`, as the browser harness skips it) is the
        // user's or a document's words, not the page's: its element is left out whole.
        if tag.contains("data-value") && !tag.ends_with('/') {
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            let end = format!("</{name}>");
            let mut depth = 1;
            let mut at = 0;
            while depth > 0 {
                let next = rest[at..].find(&format!("<{name}")).map_or(usize::MAX, |i| i + at);
                let Some(closing) = rest[at..].find(&end).map(|i| i + at) else {
                    rest = "";
                    break;
                };
                if next < closing {
                    depth += 1;
                    at = next + 1;
                } else {
                    depth -= 1;
                    at = closing + end.len();
                    if depth == 0 {
                        rest = &rest[at..];
                    }
                }
            }
        }
    }
    text.push_str(rest);
    text
}

/// Whether `key` stands as a word of its own in `text` (not inside a longer word or key).
fn has_word(text: &str, key: &str) -> bool {
    let part = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// No machine key (a state, kind, role, publicity class or record type id) on any page a role
/// reaches in Finnish (STYLE.md §9); the names come from the UI's catalogue (`ui/words.rs`).
#[tokio::test(flavor = "multi_thread")]
async fn no_machine_key_on_a_finnish_page() {
    let f = fixture();
    let state = &f.state;
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(kirjuri_requests::RequestState::ALL.iter().map(|s| s.key()));
    keys.extend(kirjuri_requests::RequestKind::ALL.iter().map(|k| k.key()));
    keys.extend(kirjuri_incidents::IncidentState::ALL.iter().map(|s| s.key()));
    keys.extend(kirjuri_plan::PublicityClass::ALL.iter().map(|p| p.key()));
    keys.extend(Role::ALL.iter().map(|r| r.key()));
    keys.extend([
        "toimeentulotukihakemus",
        "viranhaltijapaatos",
        "kuulutus",
        "gdpr-access-request",
    ]);
    keys.extend(
        kirjuri_registry::CaseState::ALL
            .iter()
            .map(|s| s.key())
            .filter(|k| k.contains('-')),
    );
    keys.extend(["incoming", "outgoing", "internal", "extended", "received"]);
    keys.extend(kirjuri_plan::PlanState::ALL.iter().map(|s| s.key()));
    keys.extend(kirjuri_plan::RetentionTrigger::ALL.iter().map(|t| t.key()));
    keys.extend(kirjuri_plan::PersonalData::ALL.iter().map(|p| p.key()));
    keys.extend(kirjuri_plan::SecrecyStart::ALL.iter().map(|p| p.key()));
    // The privacy vocabularies whose keys could not be a word of a page.
    keys.extend(kirjuri_incidents::ClockKind::ALL.iter().map(|k| k.key()));
    // The contract vocabularies (the value bands' keys hold no letters a word could share).
    keys.extend(kirjuri_contracts::ContractState::ALL.iter().map(|s| s.key()));
    keys.extend(["until-notice", "under-10k", "over-250k"]);
    // The training and control vocabularies.
    keys.extend(kirjuri_governance::ControlKind::ALL.iter().map(|k| k.key()));
    keys.extend(["deviations", "data-protection", "information-security", "elected"]);
    keys.extend(kirjuri_incidents::Art34Exemption::ALL.iter().map(|k| k.key()));
    keys.extend([
        "subjects-informed",
        "early-warning",
        "post-incident",
        "unspecified",
        "informational",
    ]);
    let pages = [
        "/",
        "/ui/cases",
        "/ui/cases?class=zz&year=1",
        "/ui/cases/new",
        "/ui/cases/case-1",
        "/ui/cases/case-1/card",
        "/ui/cases/case-1/erase?document=doc-1",
        "/ui/cases/case-2",
        "/ui/cases/case-3",
        "/ui/cases/case-4",
        "/ui/cases/case-5",
        "/ui/cases/case-404",
        "/ui/search?q=sisalto",
        "/ui/documents/doc-1/open",
        "/ui/requests",
        "/ui/requests?queue=overdue",
        "/ui/requests/req-1",
        "/ui/requests/req-2",
        "/ui/incidents",
        "/ui/incidents/inc-1",
        "/ui/incidents/inc-2",
        "/ui/registers",
        "/ui/registers/new",
        "/ui/processors/new",
        "/ui/report",
        "/ui/governance",
        "/ui/contracts",
        "/ui/contracts?list=expired",
        "/ui/contracts/kop-1",
        "/ui/contracts/kop-1/edit",
        "/ui/contracts/new",
        "/ui/calendar",
        "/ui/retention",
        "/ui/retention?on=2300-01-01",
        "/ui/disposal",
        "/ui/disposal/disp-1",
        "/ui/audit",
        "/ui/admin",
        "/ui/admin/users/spare",
        "/ui/plan",
        "/ui/plan?q=tarkastus",
        "/ui/plan/classes/07.00.03",
        "/ui/plan/classes/05.01.01",
        "/ui/plan/versions",
        "/ui/plan/versions/1",
        "/ui/archive",
        "/asiointi",
        "/accessibility",
    ];
    let mut walked = 0;
    // Every page in Finnish and in Swedish (the English names may share a word with a key).
    for lang in ["fi", "sv"] {
        for role in Role::ALL {
            let name = format!("user-{}", role.key());
            let session = session_of(state, &name);
            for path in pages {
                let (status, html) = page_in(state, Some(&session), path, lang).await;
                if status != StatusCode::OK && status != StatusCode::NOT_FOUND {
                    continue;
                }
                walked += 1;
                assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}: {html}");
                // User names are people's data, not keys.
                let text = visible_text(&html).replace(&name, " ");
                for key in &keys {
                    assert!(
                        !has_word(&text, key),
                        "{path} as {} in {lang}: machine key `{key}` in: {text}",
                        role.key()
                    );
                }
            }
        }
    }
    assert!(walked >= 150, "pages walked: {walked}");
}
