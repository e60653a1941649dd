//! The demo's training record and control events: a roster of 20 people in four departments
//! (staff and elected officials, one who left on 30.6.2026, one who joined in August 2026),
//! four trainings, completions in 2022–2026 (some no longer valid), and the access reviews,
//! restore tests and log reviews of 2025 and 2026 (one with deviations, one failed), so the
//! training and control page shows real coverage and counts.

use chrono::NaiveDate;
use kirjuri_governance::{ControlEvent, ControlKind, ControlResult, Save};
use kirjuri_store::Store;

use crate::data::{DEMO_COMPLETIONS_CSV, DEMO_ROSTER_CSV, DEMO_TRAININGS_CSV};
use crate::exit::{Failure, failed};

/// A demo control: kind, system, day, by, result, findings, follow-up.
type DemoControl = (
    ControlKind,
    &'static str,
    (i32, u32, u32),
    &'static str,
    ControlResult,
    &'static str,
    &'static str,
);

const CONTROLS: &[DemoControl] = &[
    (
        ControlKind::AccessReview,
        "Kirjuri",
        (2025, 3, 14),
        "Sari Laine",
        ControlResult::Ok,
        "",
        "",
    ),
    (
        ControlKind::RestoreTest,
        "Kirjuri",
        (2025, 5, 20),
        "Tietohallinto / Jari Niemi",
        ControlResult::Ok,
        "",
        "",
    ),
    (
        ControlKind::LogReview,
        "Asiakasrekisteri (sivistystoimi)",
        (2025, 9, 30),
        "Anna Aaltonen",
        ControlResult::Ok,
        "",
        "",
    ),
    (
        ControlKind::RestoreTest,
        "Palkkahallinto",
        (2025, 11, 12),
        "Tietohallinto / Jari Niemi",
        ControlResult::Failed,
        "Palautus keskeytyi: varmuuskopion salausavain puuttui varakopiopaikasta.",
        "Avain talletettu kassakaappiin; uusi testi 2026.",
    ),
    (
        ControlKind::AccessReview,
        "Kirjuri",
        (2026, 2, 16),
        "Sari Laine",
        ControlResult::Deviations,
        "Kaksi lähteneen työntekijän tunnusta oli yhä voimassa.",
        "Tunnukset suljettu 17.2.2026; lähtijöiden ilmoitus HR:ltä kuukausittain.",
    ),
    (
        ControlKind::RestoreTest,
        "Palkkahallinto",
        (2026, 3, 10),
        "Tietohallinto / Jari Niemi",
        ControlResult::Ok,
        "",
        "",
    ),
    (
        ControlKind::LogReview,
        "Kirjuri",
        (2026, 6, 8),
        "Anna Aaltonen",
        ControlResult::Ok,
        "",
        "",
    ),
    (
        ControlKind::LogReview,
        "Asiakasrekisteri (sivistystoimi)",
        (2026, 10, 5),
        "Anna Aaltonen",
        ControlResult::Ok,
        "",
        "",
    ),
];

/// Loads the training record and the controls; answers (people, completions, controls).
pub fn load(store: &Store, actor: &str) -> Result<(usize, usize, usize), Failure> {
    let imported = kirjuri_governance::import(
        store,
        Some(("fixtures/demo/training-roster.csv", DEMO_ROSTER_CSV)),
        Some(("fixtures/demo/trainings.csv", DEMO_TRAININGS_CSV)),
        Some(("fixtures/demo/training-completions.csv", DEMO_COMPLETIONS_CSV)),
        actor,
    )
    .map_err(|e| failed(e.join("; ")))?;
    for (kind, system, (y, m, d), by, result, findings, follow_up) in CONTROLS {
        let event = ControlEvent {
            id: String::new(),
            kind: *kind,
            system: (*system).to_owned(),
            performed_on: NaiveDate::from_ymd_opt(*y, *m, *d).ok_or_else(|| failed("demo control date"))?,
            performed_by: (*by).to_owned(),
            result: *result,
            findings: (*findings).to_owned(),
            follow_up: (*follow_up).to_owned(),
        };
        kirjuri_governance::save_control(store, &event, Save::Create, actor).map_err(failed)?;
    }
    Ok((imported.people, imported.completions, CONTROLS.len()))
}
