//! The role matrix: every endpoint × every role, asserting allow or deny. A new endpoint
//! without a row here fails `every_api_route_has_a_row`, so none can ship without a decision.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeMap;
use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use kirjuri_archive::disposal;
use kirjuri_plan::{SourceFile, load_plan};
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
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../retention-rules");
    let mut files: Vec<SourceFile> = std::fs::read_dir(&rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| SourceFile {
            name: p.display().to_string(),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
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
        // case-1 with a secret document doc-1, case-2 with a public document doc-2.
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
            ("07 00 03", "gdpr-access-request", None),
            ("07 01 02", "asiakirjapyynto", None),
            ("00 02 08", "kuulutus", chrono::NaiveDate::from_ymd_opt(2020, 1, 15)),
        ] {
            let case = registry
                .open_case(
                    &OpenCase {
                        class: class.parse().unwrap(),
                        title: "Testi".to_owned(),
                        parties: vec![],
                        department: None,
                        unit: None,
                        assignee: None,
                    },
                    &actor,
                )
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
        let incident = kirjuri_incidents::NewIncident {
            title: "Testi".to_owned(),
            description: None,
            aware_at: chrono::Utc::now(),
            detected_at: None,
            occurred_at: None,
            reporter: None,
            severity: kirjuri_incidents::Severity::Low,
            breach: true,
            nis2: false,
        };
        kirjuri_incidents::Incidents {
            registry: &registry,
            controller: "Laitilan kaupunki".to_owned(),
        }
        .new_incident(&incident, &actor)
        .unwrap(); // inc-1
    }
    let mut tokens = BTreeMap::new();
    for role in Role::ALL {
        let name = format!("user-{}", role.key());
        add_user(&store, &name, *role, "a long test password", "test").unwrap();
        tokens.insert(*role, create_token(&store, &name, "test").unwrap());
    }
    add_user(&store, "spare", Role::Staff, "a long test password", "test").unwrap();
    // A disposal proposal (disp-1) over everything due by 2300, and the signing key.
    disposal::propose(
        &store,
        chrono::NaiveDate::from_ymd_opt(2300, 1, 1).unwrap(),
        None,
        &Actor {
            name: "setup".to_owned(),
            at: chrono::Utc::now(),
            purpose: None,
        },
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

/// One row: an endpoint and the roles allowed to use it.
struct Row {
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    allowed: &'static [Role],
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
const HOLD_MANAGERS: &[Role] = &[Role::Archivist, Role::PrivacyOfficer, Role::Admin];
const DISPOSERS: &[Role] = &[Role::Archivist, Role::Admin];
const EXPORTERS: &[Role] = &[Role::Archivist, Role::Admin];
const VERIFIERS: &[Role] = &[Role::Archivist, Role::Auditor, Role::Admin];
const ERASERS: &[Role] = &[Role::PrivacyOfficer, Role::Admin];
const ADMIN: &[Role] = &[Role::Admin];

fn row(method: Method, path: &'static str, body: Option<&'static str>, allowed: &'static [Role]) -> Row {
    Row {
        method,
        path,
        body,
        allowed,
    }
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            method: Method::GET,
            path: "/api/v1/me",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/plan",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/plan/classes/07.00.03",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/deadlines/gdpr?from=2025-02-15",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/cases",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/cases",
            body: Some(r#"{"class":"07 01 02","title":"Uusi"}"#),
            allowed: WRITERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/cases/case-1",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/cases/case-2/transition",
            body: Some(r#"{"state":"vireilla"}"#),
            allowed: WRITERS,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/cases/case-2/documents?record_type=asiakirjapyynto&title=Liite",
            body: Some("liite"),
            allowed: WRITERS,
        },
        // Secret document: readers without the right get 404, as if it did not exist.
        Row {
            method: Method::GET,
            path: "/api/v1/documents/doc-1",
            body: None,
            allowed: RESTRICTED_READERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/documents/doc-1/content",
            body: None,
            allowed: RESTRICTED_READERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/documents/doc-2",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/documents/doc-2/content",
            body: None,
            allowed: ALL,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/audit",
            body: None,
            allowed: AUDIT_READERS,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/admin/backup",
            body: None,
            allowed: &[Role::Admin],
        },
        Row {
            method: Method::GET,
            path: "/api/v1/requests",
            body: None,
            allowed: REQUEST_READERS,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/requests",
            body: Some(r#"{"kind":"publicity","received":"2026-01-05","anonymous":true}"#),
            allowed: REQUEST_WRITERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/requests/req-1",
            body: None,
            allowed: REQUEST_READERS,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/requests/req-1/transition",
            body: Some(r#"{"state":"in-progress"}"#),
            allowed: REQUEST_WRITERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/incidents",
            body: None,
            allowed: INCIDENT_READERS,
        },
        Row {
            method: Method::POST,
            path: "/api/v1/incidents",
            body: Some(r#"{"title":"Uusi","aware_at":"2026-01-05T10:00","breach":true}"#),
            allowed: INCIDENT_WRITERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/incidents/inc-1",
            body: None,
            allowed: INCIDENT_READERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/retention/due",
            body: None,
            allowed: RETENTION_READERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/reports/2026?format=html",
            body: None,
            allowed: REPORT_READERS,
        },
        Row {
            method: Method::GET,
            path: "/api/v1/audit/verify",
            body: None,
            allowed: AUDIT_READERS,
        },
        row(Method::GET, "/api/v1/search?q=sisalto", None, ALL),
        row(Method::GET, "/api/v1/users", None, ADMIN),
        row(
            Method::POST,
            "/api/v1/users",
            Some(r#"{"name":"uusi","role":"staff","password":"pitka salasana 2026"}"#),
            ADMIN,
        ),
        row(Method::POST, "/api/v1/users/spare/tokens/revoke", None, ADMIN),
        row(
            Method::POST,
            "/api/v1/requests/req-1/pause",
            Some(r#"{"reason":"odotetaan tarkennusta"}"#),
            REQUEST_WRITERS,
        ),
        row(Method::POST, "/api/v1/requests/req-1/resume", None, REQUEST_WRITERS),
        row(
            Method::POST,
            "/api/v1/incidents/inc-1/transition",
            Some(r#"{"state":"containment"}"#),
            INCIDENT_WRITERS,
        ),
        row(Method::POST, "/api/v1/incidents/inc-1/breach", None, INCIDENT_WRITERS),
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
            "/api/v1/requests/req-1/log-report",
            Some(r#"{"subject":"Testi"}"#),
            &[Role::PrivacyOfficer, Role::Admin],
        ),
        row(Method::GET, "/api/v1/registers", None, REGISTER_READERS),
        row(Method::GET, "/api/v1/processors", None, REGISTER_READERS),
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
        ),
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
        ),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/remove",
            Some(r#"{"document":"doc-9","reason":"tarkistetaan"}"#),
            DISPOSERS,
        ),
        // A blank reason: allowed roles get 400 after the access decision, nothing is erased.
        row(
            Method::POST,
            "/api/v1/documents/doc-2/erase",
            Some(r#"{"reason":" "}"#),
            ERASERS,
        ),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/approve",
            None,
            DISPOSERS,
        ),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/execute",
            None,
            DISPOSERS,
        ),
        row(
            Method::POST,
            "/api/v1/disposal/proposals/disp-1/cancel",
            Some(r#"{"reason":"peruttu"}"#),
            DISPOSERS,
        ),
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
        // Last: every role revokes its own token.
        row(Method::POST, "/api/v1/tokens/revoke", None, ALL),
    ]
}

async fn call(state: &AppState, row: &Row, token: Option<&str>) -> StatusCode {
    let mut request = Request::builder().method(row.method.clone()).uri(row.path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if row.body.is_some_and(|b| b.starts_with('{')) {
        request = request.header("content-type", "application/json");
    }
    let request = request
        .body(row.body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap();
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if !status.is_success() {
        let problem: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert!(
            problem["code"].is_string(),
            "{} {}: error without a problem+json code",
            row.method,
            row.path
        );
    }
    status
}

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_for_every_role() {
    let fixture = fixture();
    for row in rows() {
        assert_eq!(
            call(&fixture.state, &row, None).await,
            StatusCode::UNAUTHORIZED,
            "{} {} without a token",
            row.method,
            row.path
        );
        assert_eq!(
            call(&fixture.state, &row, Some("kirjuri_not-a-token")).await,
            StatusCode::UNAUTHORIZED
        );
        for role in Role::ALL {
            let status = call(&fixture.state, &row, fixture.tokens.get(role).map(String::as_str)).await;
            let allowed = row.allowed.contains(role);
            assert!(
                !status.is_server_error(),
                "{} {} as {}: {status}",
                row.method,
                row.path,
                role.key()
            );
            if allowed {
                // Allowed means past the access decision; a stateful row (a transition already
                // made by the previous role) may answer 409, which is still an allow.
                let denied = matches!(
                    status,
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
                );
                assert!(
                    !denied,
                    "{} {} as {}: expected allow, got {status}",
                    row.method,
                    row.path,
                    role.key()
                );
            } else {
                assert!(
                    status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
                    "{} {} as {}: expected deny, got {status}",
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
