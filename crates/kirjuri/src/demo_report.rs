//! The demo's annual report (tietotilinpäätös) content besides the computed figures: the
//! development targets set in the 2025 report (followed up in 2026's chapter 4) and in the
//! 2026 report, and management's assessment of the scope and of the whole. The other chapters
//! are left without an assessment, so the report page lists what is still to write. The 2026
//! report is left a draft (approving it would freeze the demo's figures).

use kirjuri_app::{App, NewTarget, TargetChange};
use kirjuri_registry::Actor;

use crate::exit::{Failure, failed};

/// (year, text, chapter, owner, due year, status, follow-up note).
const TARGETS: &[(i32, &str, &str, &str, i32, &str, &str)] = &[
    (
        2025,
        "Käsittelytoimien selosteet täydennetään kaikilta 30 artiklan kohdilta",
        "resources",
        "tietosuojavastaava",
        2026,
        "done",
        "Selosteet täydennetty kesäkuussa 2026",
    ),
    (
        2025,
        "Varmuuskopioiden palautus testataan kahdesti vuodessa",
        "security",
        "tietohallintopäällikkö",
        2026,
        "in_progress",
        "Ensimmäinen testi tehty toukokuussa 2026",
    ),
    (
        2026,
        "Tietosuojakoulutus kaikille luottamushenkilöille",
        "procedures",
        "hallintojohtaja",
        2027,
        "planned",
        "",
    ),
    (
        2026,
        "Tietopyyntöjen mediaanikäsittelyaika alle 10 vuorokauden",
        "rights",
        "kirjaamo",
        2027,
        "planned",
        "",
    ),
];

const ASSESSMENTS: &[(&str, &str)] = &[
    (
        "scope",
        "Tietotilinpäätös kattaa Laitilan kaupungin kaikki toimialat ja käsittelytoimien selosteen aktiiviset rekisterit. Kaupungin tytäryhteisöt eivät ole mukana.",
    ),
    (
        "development",
        "Selosteet on täydennetty, mutta tietopyyntöjen määräajat eivät ole pitäneet: osa pyynnöistä ratkaistiin myöhässä, ja käsittelyä on nopeutettava. Kehitettävää on myös varmuuskopioiden palautustestauksessa ja luottamushenkilöiden koulutuksessa.",
    ),
];

/// Stores the demo's targets and assessments; returns the number of targets.
pub fn load(app: &App, actor: &Actor) -> Result<usize, Failure> {
    for (year, text, chapter, owner, due_year, status, note) in TARGETS {
        let new = NewTarget {
            text: (*text).to_owned(),
            chapter: (*chapter).to_owned(),
            owner: (*owner).to_owned(),
            due_year: *due_year,
            status: None,
            note: None,
        };
        let target = app
            .add_report_target(*year, &new, actor)
            .map_err(|e| failed(e.to_string()))?;
        if *status != "planned" {
            let change = TargetChange {
                status: Some((*status).to_owned()),
                note: Some((*note).to_owned()),
            };
            app.change_report_target(&target.id, &change, actor)
                .map_err(|e| failed(e.to_string()))?;
        }
    }
    for (chapter, text) in ASSESSMENTS {
        app.save_report_assessment(2026, chapter, text, actor)
            .map_err(|e| failed(e.to_string()))?;
    }
    Ok(TARGETS.len())
}
