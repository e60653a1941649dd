//! The rest of the demo data: requests in every state, incidents with a breach, and the
//! registers and processor agreements of `fixtures/demo/*.csv`. Times are relative to today,
//! so lists of what is due and overdue have something to show.

use kirjuri_incidents::{
    Assessment, BreachType, Classification, IncidentCategory, IncidentCause, IncidentOutcome, IncidentState, Incidents,
    NewIncident, Notice, NotificationPhase, Record, RiskLevel, Severity,
};
use kirjuri_registry::{Actor, Registry};
use kirjuri_requests::{
    ExtensionJustification, LogOrigin, NewRequest, RequestKind, RequestState, Requests, TransitionRequest,
};
use kirjuri_store::Store;

use crate::data::{DEMO_AGREEMENTS_CSV, DEMO_REGISTERS_CSV};
use crate::exit::{Failure, failed};

/// What was loaded: (requests, incidents, registers, agreements).
pub fn load(
    store: &Store,
    registry: &Registry<'_>,
    actor: &Actor,
    controller: &str,
) -> Result<(usize, usize, usize, usize), Failure> {
    let (requests, manager_log_investigation) = load_requests(registry, actor)?;
    let incidents = load_incidents(registry, actor, controller, &manager_log_investigation)?;
    // Rows with `valid_from`: the state of 1.1.2025 loaded as history, and a later version.
    let registers = kirjuri_incidents::parse_register_rows("fixtures/demo/registers.csv", DEMO_REGISTERS_CSV)
        .map_err(|e| failed(e.join("; ")))?;
    let agreements = kirjuri_incidents::parse_agreement_rows("fixtures/demo/agreements.csv", DEMO_AGREEMENTS_CSV)
        .map_err(|e| failed(e.join("; ")))?;
    kirjuri_incidents::store_imported_rows(store, &registers, &agreements, &actor.name, "fixtures/demo")
        .map_err(failed)?;
    let distinct = |ids: Vec<&str>| ids.into_iter().collect::<std::collections::BTreeSet<_>>().len();
    Ok((
        requests,
        incidents,
        distinct(registers.iter().map(|r| r.record.id.as_str()).collect()),
        distinct(agreements.iter().map(|a| a.record.id.as_str()).collect()),
    ))
}

/// A demo request: kind, requester, received days ago, and the states it moves through.
type ScriptedRequest<'a> = (
    RequestKind,
    Option<&'a str>,
    i64,
    Vec<(RequestState, TransitionRequest)>,
);

/// The scripted requests; returns how many, and the id of the manager's log investigation
/// (which revealed the phishing incident's breach).
fn load_requests(registry: &Registry<'_>, actor: &Actor) -> Result<(usize, String), Failure> {
    let requests = Requests { registry };
    let now = chrono::Utc::now();
    let days_ago = |days: i64| kirjuri_clock::Start::Instant(now - chrono::Duration::days(days));
    let plain = TransitionRequest::default;
    let with_basis = |basis: &str| TransitionRequest {
        legal_basis: vec![basis.to_owned()],
        ..Default::default()
    };
    let extended = |reason: &str, justification: Option<ExtensionJustification>| TransitionRequest {
        reason: Some(reason.to_owned()),
        justification,
        ..Default::default()
    };
    // (kind, requester, received days ago, states in order)
    let script: Vec<ScriptedRequest> = vec![
        (RequestKind::GdprAccess, Some("Matti Virtanen"), 3, vec![]),
        (
            RequestKind::GdprAccess,
            Some("Aino Mäkinen"),
            12,
            vec![(RequestState::IdentityCheck, plain())],
        ),
        (
            RequestKind::GdprRectification,
            Some("Pekka Laine"),
            20,
            vec![(RequestState::Clarification, plain())],
        ),
        (
            RequestKind::GdprErasure,
            Some("Sari Koski"),
            40,
            vec![
                (RequestState::InProgress, plain()),
                (
                    RequestState::Refused,
                    TransitionRequest {
                        complaint_rights_told: true,
                        ..with_basis("GDPR 17(3)(b)")
                    },
                ),
            ],
        ),
        (
            RequestKind::GdprPortability,
            Some("Ville Niemi"),
            25,
            vec![
                (RequestState::InProgress, plain()),
                (RequestState::Extended, extended("laaja aineisto", None)),
            ],
        ),
        (
            RequestKind::GdprObjection,
            Some("Liisa Salo"),
            35,
            vec![(RequestState::InProgress, plain()), (RequestState::Granted, plain())],
        ),
        (
            RequestKind::GdprRestriction,
            Some("Juha Heikkinen"),
            50,
            vec![(RequestState::Withdrawn, plain())],
        ),
        (
            RequestKind::Publicity,
            None,
            2,
            vec![(RequestState::InProgress, plain())],
        ),
        (
            RequestKind::Publicity,
            Some("Toimittaja Liisa Laine"),
            30,
            vec![
                (RequestState::InProgress, plain()),
                (RequestState::PartlyGranted, plain()),
            ],
        ),
        (
            RequestKind::Publicity,
            Some("Yhdistys ry"),
            // Switched to the one-month track today: within its two weeks, as §14(4) requires.
            10,
            vec![
                (RequestState::InProgress, plain()),
                (
                    RequestState::Extended,
                    extended("satoja asiakirjoja", Some(ExtensionJustification::LargeVolume)),
                ),
                (RequestState::Refused, with_basis("JulkL 24 § 1 mom 20 kohta")),
                (RequestState::ReferralOffered, plain()),
                (RequestState::ReferralRequested, plain()),
                (RequestState::DecisionIssued, with_basis("JulkL 24 § 1 mom 20 kohta")),
                (RequestState::Appealed, plain()),
            ],
        ),
        (
            RequestKind::Publicity,
            Some("Kuntalainen"),
            1,
            vec![(RequestState::Duplicate, plain())],
        ),
        (
            RequestKind::LogInvestigation,
            Some("Matti Virtanen"),
            8,
            vec![(RequestState::InProgress, plain())],
        ),
    ];
    let mut count = 0;
    for (kind, requester, received, path) in script {
        let request = NewRequest {
            kind,
            received: days_ago(received),
            requester: requester.map(str::to_owned),
            anonymous: requester.is_none(),
            channel: Some("e-mail".to_owned()),
            origin: None,
            assignee: Some("kirjaaja".to_owned()),
            case: None,
        };
        let stored = requests
            .new_request(&request, actor)
            .map_err(|e| failed(format!("demo request: {e}")))?;
        for (state, change) in path {
            requests
                .transition(&stored.id, state, &change, actor)
                .map_err(|e| failed(format!("demo request {}: {e}", stored.id)))?;
        }
        count += 1;
    }
    let manager = NewRequest {
        kind: RequestKind::LogInvestigation,
        received: days_ago(5),
        requester: Some("Sivistysjohtaja".to_owned()),
        anonymous: false,
        channel: None,
        origin: Some(LogOrigin::Manager),
        assignee: None,
        case: None,
    };
    let manager = requests
        .new_request(&manager, actor)
        .map_err(|e| failed(format!("demo request: {e}")))?;
    demo_disclosure(registry, actor)?;
    Ok((count + 1, manager.id))
}

/// The disclosure record of the demo's document request that went to an appealable decision
/// (req-10, Yhdistys ry): a public document of the registry disclosed in full, a restricted
/// one disclosed in part (pages 3–4 withheld under JulkL 24 § 1 mom 20 kohta) and copies
/// charged under §34.
fn demo_disclosure(registry: &Registry<'_>, actor: &Actor) -> Result<(), Failure> {
    use kirjuri_requests::{Delivery, DisclosureOutcome, NewDisclosure, NewFee};
    let requests = Requests { registry };
    let reader = kirjuri_registry::Reader::city_wide(actor.name.clone());
    let documents: Vec<kirjuri_registry::Document> = registry
        .store
        .list(kirjuri_registry::DOCUMENT)
        .map_err(|e| failed(format!("demo disclosure: {e}")))?;
    // Documents of the city's own cases, not of other requests or incidents (class 07).
    let own: Vec<&kirjuri_registry::Document> = documents
        .iter()
        .filter(|d| !d.diary_number.to_string().contains("/07."))
        .collect();
    let public = own.iter().find(|d| d.is_public());
    let restricted = own.iter().find(|d| !d.is_public());
    let fail = |e: kirjuri_requests::RequestError| failed(format!("demo disclosure: {e}"));
    if let Some(public) = public {
        let full = NewDisclosure {
            document_id: public.id.clone(),
            outcome: DisclosureOutcome::Disclosed,
            withheld: None,
            grounds: Vec::new(),
            other_ground: None,
        };
        requests
            .record_disclosure("req-10", &full, &reader, actor)
            .map_err(fail)?;
    }
    if let Some(restricted) = restricted {
        let partial = NewDisclosure {
            document_id: restricted.id.clone(),
            outcome: DisclosureOutcome::Partial,
            withheld: Some("sivut 3–4, henkilötunnukset".to_owned()),
            grounds: vec!["julkl-24-1-20".to_owned()],
            other_ground: None,
        };
        requests
            .record_disclosure("req-10", &partial, &reader, actor)
            .map_err(fail)?;
    }
    let copies = NewFee {
        amount_cents: 1200,
        basis: "kopiot 12 sivua".to_owned(),
        delivery: Delivery::Copy,
        on: None,
    };
    requests.record_fee("req-10", &copies, &reader, actor).map_err(fail)?;
    Ok(())
}

/// Three incidents, each classified for chapter 3.4 of the annual report: the phishing (its
/// breach revealed by the manager's log investigation `log_investigation`), the misdelivered
/// applicants' data, and the water utility's NIS2 incident.
fn load_incidents(
    registry: &Registry<'_>,
    actor: &Actor,
    controller: &str,
    log_investigation: &str,
) -> Result<usize, Failure> {
    let incidents = Incidents {
        registry,
        controller: controller.to_owned(),
    };
    let now = chrono::Utc::now();
    let phishing = NewIncident {
        title: "Tietojenkalasteluviesti henkilöstölle".to_owned(),
        description: Some("Kalasteluviesti 40 vastaanottajalle; yksi tunnus syötetty".to_owned()),
        aware_at: now - chrono::Duration::days(20),
        detected_at: None,
        occurred_at: None,
        reporter: Some("IT-tuki".to_owned()),
        severity: Severity::Medium,
        breach: false,
        nis2: false,
        nis2_significant_at: None,
        classification: Classification {
            category: Some(IncidentCategory::Phishing),
            cause: Some(IncidentCause::MaliciousAct),
            outcome: Some(IncidentOutcome::Contained),
        },
    };
    let first = incidents
        .new_incident(&phishing, actor)
        .map_err(|e| failed(e.to_string()))?;
    incidents
        .transition(&first.id, IncidentState::Containment, actor)
        .map_err(|e| failed(e.to_string()))?;
    // The stolen account's mailbox turned out to hold clients' data: found to be a breach this
    // morning, so the 72 hours run from then, not from the phishing's detection 20 days ago
    // (GDPR Art 33(1), EDPB Guidelines 9/2022).
    incidents
        .mark_breach(&first.id, Some(now - chrono::Duration::hours(10)), actor)
        .map_err(|e| failed(e.to_string()))?;
    // The manager's log investigation of what the stolen account read revealed it.
    incidents
        .record(&first.id, &Record::LinkRequest(log_investigation.to_owned()), actor)
        .map_err(|e| failed(e.to_string()))?;
    let breach = NewIncident {
        title: "Hakijatiedot väärälle vastaanottajalle".to_owned(),
        description: Some("Sähköposti, jossa 12 hakijan henkilötunnukset, lähti väärälle vastaanottajalle".to_owned()),
        aware_at: now - chrono::Duration::hours(30),
        detected_at: None,
        occurred_at: None,
        reporter: Some("Henkilöstöpalvelut".to_owned()),
        severity: Severity::High,
        breach: true,
        nis2: false,
        nis2_significant_at: None,
        classification: Classification {
            category: Some(IncidentCategory::Misdelivery),
            cause: Some(IncidentCause::HumanError),
            outcome: None,
        },
    };
    let second = incidents
        .new_incident(&breach, actor)
        .map_err(|e| failed(e.to_string()))?;
    let assessment = Assessment {
        risk: Some(RiskLevel::Risk),
        rationale: "henkilötunnuksia; vastaanottaja vahvisti poistaneensa viestin".to_owned(),
        types: vec![BreachType::Confidentiality],
        personal_identity_codes: Some(true),
        approx_people: Some(12),
        approx_records: Some(12),
        ..Default::default()
    };
    incidents
        .assess(&second.id, &assessment, actor)
        .map_err(|e| failed(e.to_string()))?;
    let notice = Notice {
        phase: NotificationPhase::Preliminary,
        authority: None,
        sent_at: now - chrono::Duration::hours(2),
        reference_no: Some("TSV/2026/demo".to_owned()),
        late_reason: None,
    };
    incidents
        .notify(&second.id, &notice, actor)
        .map_err(|e| failed(e.to_string()))?;
    // The recipient confirmed the deletion: contained (set after registration).
    let contained = Classification {
        outcome: Some(IncidentOutcome::Contained),
        ..Classification::default()
    };
    incidents
        .classify(&second.id, &contained, actor)
        .map_err(|e| failed(e.to_string()))?;
    load_nis2_incident(&incidents, actor, now)?;
    Ok(3)
}

/// The city's water utility runs an Annex activity in NIS2 scope (DOMAIN.md §5.8): a significant
/// incident found nine hours after detection, its early warning and notification sent, and
/// NCSC-FI's request for an intermediate report due in two days (NIS2 Art 23(4)(c)).
fn load_nis2_incident(
    incidents: &Incidents<'_>,
    actor: &Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Failure> {
    let detected = now - chrono::Duration::days(12);
    let water = NewIncident {
        title: "Vesilaitoksen kaukovalvonnan häiriö".to_owned(),
        description: Some("Kaukovalvontajärjestelmään kirjauduttiin tuntemattomasta osoitteesta".to_owned()),
        aware_at: detected,
        detected_at: None,
        occurred_at: None,
        reporter: Some("Vesihuoltolaitos".to_owned()),
        severity: Severity::High,
        breach: false,
        nis2: true,
        nis2_significant_at: Some(detected + chrono::Duration::hours(9)),
        classification: Classification {
            category: Some(IncidentCategory::UnauthorisedAccess),
            cause: Some(IncidentCause::Unknown),
            outcome: Some(IncidentOutcome::Open),
        },
    };
    let incident = incidents
        .new_incident(&water, actor)
        .map_err(|e| failed(e.to_string()))?;
    for (phase, after, reference) in [
        (NotificationPhase::EarlyWarning, 20, "NCSC-FI/2026/demo-1"),
        (NotificationPhase::Notification, 60, "NCSC-FI/2026/demo-2"),
    ] {
        let notice = Notice {
            phase,
            authority: None,
            sent_at: detected + chrono::Duration::hours(after),
            reference_no: Some(reference.to_owned()),
            late_reason: None,
        };
        incidents
            .notify(&incident.id, &notice, actor)
            .map_err(|e| failed(e.to_string()))?;
    }
    let today = now.with_timezone(&chrono_tz::Europe::Helsinki).date_naive();
    let ask = kirjuri_incidents::Nis2ReportAsk {
        asked_on: today - chrono::Duration::days(5),
        due_on: today + chrono::Duration::days(2),
        what: "Tilannepäivitys: onko vedenjakelu vaarantunut, ja tunnisteet (IoC)".to_owned(),
    };
    incidents
        .request_nis2_report(&incident.id, &ask, actor)
        .map_err(|e| failed(e.to_string()))?;
    Ok(())
}
