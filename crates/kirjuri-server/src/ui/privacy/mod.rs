//! The privacy officer's pages: the register of processing and processor agreements
//! (`registers`), the annual report with management's assessments (`report`), the log
//! investigation of a request (`log_investigation`, shown on the request page); the incident
//! pages are `ui::incidents`. This module holds what they share: a submitted form read as its
//! name–value pairs (so repeated names and checkboxes need no struct per form and the input can
//! be given back as typed), the names of the privacy vocabularies in fi/sv/en, and the small
//! script that keeps a deadline's time left up to date without reloading.

pub(super) mod gdpr_request;
mod governance;
pub(super) mod log_investigation;
mod registers;
mod report;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kirjuri_incidents::{
    AgreementState, Art34Exemption, BreachType, IncidentCategory, IncidentCause, IncidentOutcome, NotificationPhase,
    RiskLevel, Severity,
};

use super::Lang;
use super::problems::FieldError;
use super::words::Words;
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui/registers", get(registers::registers_page))
        .route(
            "/ui/registers/new",
            get(registers::new_register_page).post(registers::create_register),
        )
        .route(
            "/ui/registers/{id}",
            get(registers::register_page).post(registers::update_register),
        )
        .route(
            "/ui/processors/new",
            get(registers::new_agreement_page).post(registers::create_agreement),
        )
        .route(
            "/ui/processors/{id}",
            get(registers::agreement_page).post(registers::update_agreement),
        )
        .route("/ui/report", get(report::report_page).post(report::save_assessment))
        .route("/ui/governance", get(governance::governance_page))
        .route(
            "/ui/governance/controls",
            axum::routing::post(governance::create_control),
        )
        .route(
            "/ui/governance/completions",
            axum::routing::post(governance::create_completion),
        )
        .route(
            "/ui/governance/trainings",
            axum::routing::post(governance::create_training),
        )
        .route("/ui/governance/people", axum::routing::post(governance::create_person))
        .route(
            "/ui/governance/people/{id}",
            get(governance::edit_person_page).post(governance::update_person),
        )
        .route("/ui/report/targets", post(report::add_target))
        .route("/ui/report/targets/change", post(report::change_target))
        .route("/ui/report/approve", post(report::approve))
        .route(
            "/ui/requests/{id}/log-investigation",
            get(log_investigation::back_to_request).post(log_investigation::run),
        )
        .route(CLOCK_SCRIPT_PATH, get(clock_script))
}

/// A submitted form as its name–value pairs, in order.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, or empty.
    pub(super) fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// The value of `name` trimmed, when there is one.
    pub(super) fn text(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_owned()).filter(|value| !value.is_empty())
    }

    /// Whether a checkbox `name` was ticked.
    pub(super) fn ticked(&self, name: &str) -> bool {
        self.0.iter().any(|(key, _)| key == name)
    }

    /// Every value of `name` (ticked boxes of one group).
    pub(super) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// Whether a value of `name` is `value` (a ticked box of a group, a chosen option).
    pub(super) fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(key, v)| key == name && v == value)
    }

    /// A list typed one item a line (or separated by semicolons).
    pub(super) fn lines(&self, name: &str) -> Vec<String> {
        self.get(name)
            .split(['\n', ';'])
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A form whose fields are already known (an edit page's starting values).
    pub(super) fn of(pairs: Vec<(&str, String)>) -> Fields {
        Fields(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    pub(super) fn csrf(&self) -> &str {
        self.get("csrf")
    }
}

/// A problem a use-case refused a form with, placed beside the field it concerns: the
/// field named first in the message or by the code, else the one `codes` gives the code to;
/// the catalogue's sentence for the codes this group knows.
pub(super) fn problem(
    lang: Lang,
    error: &ApiError,
    fields: &[&'static str],
    codes: &[(&str, &'static str)],
) -> FieldError {
    let mut problem = FieldError::from_api(lang, error, fields);
    let code = problem.code.clone();
    if problem.field.is_none() {
        problem.field = codes.iter().find(|(known, _)| *known == code).map(|(_, field)| *field);
    }
    if let Some(words) = problem_words(&code) {
        problem.text = lang.t(words).to_owned();
    }
    problem
}

fn problem_words(code: &str) -> Option<Words> {
    use super::messages as m;
    Some(match code {
        "times" => m::INC_PROBLEM_TIMES,
        "rationale_required" => m::INC_PROBLEM_RATIONALE,
        "late_reason_required" => m::INC_PROBLEM_LATE_REASON,
        "no_preliminary" => m::INC_PROBLEM_NO_PRELIMINARY,
        "not_nis2" => m::INC_PROBLEM_NOT_NIS2,
        "not_a_breach" => m::INC_PROBLEM_NOT_A_BREACH,
        "reason_required" => m::INC_PROBLEM_REASON,
        "unchanged" => m::INC_PROBLEM_UNCHANGED,
        "classification_empty" => m::INC_PROBLEM_CLASSIFICATION_EMPTY,
        "id" | "id_taken" => m::REG_PROBLEM_ID,
        "name" => m::REG_PROBLEM_NAME,
        "processor" => m::REG_PROBLEM_PROCESSOR,
        "erasure_classes" => m::REG_PROBLEM_CLASSES,
        "registers" => m::REG_PROBLEM_REGISTERS,
        "ends_on" => m::REG_PROBLEM_ENDS,
        "text" => m::REP_PROBLEM_TEXT,
        _ => return None,
    })
}

/// An incident's severity in words.
pub(super) fn severity(severity: Severity) -> Words {
    match severity {
        Severity::Unspecified => Words::new("Määrittelemätön", "Ospecificerad", "Unspecified"),
        Severity::Informational => Words::new("Tiedoksi", "Information", "Informational"),
        Severity::Low => Words::new("Matala", "Låg", "Low"),
        Severity::Medium => Words::new("Keskitaso", "Medel", "Medium"),
        Severity::High => Words::new("Korkea", "Hög", "High"),
        Severity::Critical => Words::new("Kriittinen", "Kritisk", "Critical"),
    }
}

/// What kind of incident (NCSC-FI's classes, the Ombudsman's common breaches, outages).
pub(super) fn category(category: IncidentCategory) -> Words {
    match category {
        IncidentCategory::Malware => Words::new("Haittaohjelma", "Skadlig kod", "Malware"),
        IncidentCategory::Phishing => Words::new("Tietojenkalastelu", "Nätfiske", "Phishing"),
        IncidentCategory::UnauthorisedAccess => Words::new(
            "Luvaton pääsy tai tietomurto",
            "Obehörig åtkomst eller dataintrång",
            "Unauthorised access",
        ),
        IncidentCategory::DenialOfService => {
            Words::new("Palvelunestohyökkäys", "Överbelastningsattack", "Denial of service")
        }
        IncidentCategory::LostDevice => Words::new(
            "Kadonnut tai varastettu laite",
            "Förlorad eller stulen enhet",
            "Lost or stolen device",
        ),
        IncidentCategory::Misdelivery => Words::new("Väärä vastaanottaja", "Fel mottagare", "Wrong recipient"),
        IncidentCategory::SystemFailure => Words::new(
            "Järjestelmävika tai käyttökatko",
            "Systemfel eller avbrott",
            "System failure or outage",
        ),
        IncidentCategory::Other => Words::new("Muu poikkeama", "Annan incident", "Other"),
    }
}

/// What caused an incident (the Data Protection Ombudsman's breach form).
pub(super) fn cause(cause: IncidentCause) -> Words {
    match cause {
        IncidentCause::HumanError => Words::new("Inhimillinen virhe", "Mänskligt misstag", "Human error"),
        IncidentCause::TechnicalFault => Words::new("Tekninen vika", "Tekniskt fel", "Technical fault"),
        IncidentCause::MaliciousAct => Words::new("Tahallinen teko", "Avsiktlig handling", "Malicious act"),
        IncidentCause::ThirdParty => Words::new(
            "Käsittelijä tai muu kolmas osapuoli",
            "Biträde eller annan tredje part",
            "Processor or third party",
        ),
        IncidentCause::Unknown => Words::new("Tuntematon", "Okänd", "Unknown"),
    }
}

/// How an incident ended.
pub(super) fn outcome(outcome: IncidentOutcome) -> Words {
    match outcome {
        IncidentOutcome::Resolved => Words::new("Ratkaistu", "Löst", "Resolved"),
        IncidentOutcome::Contained => Words::new("Rajattu", "Begränsad", "Contained"),
        IncidentOutcome::FalsePositive => Words::new("Aiheeton hälytys", "Falskt larm", "False positive"),
        IncidentOutcome::NoEffect => Words::new("Ei vaikutusta", "Ingen påverkan", "No effect"),
        IncidentOutcome::Open => Words::new("Selvitys kesken", "Utredning pågår", "Still open"),
    }
}

/// The risk a breach poses to the people concerned (the Finnish DPO's three levels).
pub(super) fn risk(risk: RiskLevel) -> Words {
    match risk {
        RiskLevel::None => Words::new("Ei riskiä", "Ingen risk", "No risk"),
        RiskLevel::Risk => Words::new("Riski", "Risk", "Risk"),
        RiskLevel::High => Words::new("Korkea riski", "Hög risk", "High risk"),
    }
}

/// What a breach affected (GDPR Art 4(12)).
pub(super) fn breach_type(kind: BreachType) -> Words {
    match kind {
        BreachType::Confidentiality => Words::new("Luottamuksellisuus", "Konfidentialitet", "Confidentiality"),
        BreachType::Integrity => Words::new("Eheys", "Integritet", "Integrity"),
        BreachType::Availability => Words::new("Saatavuus", "Tillgänglighet", "Availability"),
    }
}

/// A notification's phase and to whom it goes.
pub(super) fn phase(phase: NotificationPhase) -> Words {
    match phase {
        NotificationPhase::Preliminary => Words::new(
            "Alustava ilmoitus tietosuojavaltuutetulle",
            "Preliminär anmälan till dataombudsmannen",
            "Preliminary notice to the Ombudsman",
        ),
        NotificationPhase::Supplementary => Words::new(
            "Täydentävä ilmoitus tietosuojavaltuutetulle",
            "Kompletterande anmälan till dataombudsmannen",
            "Supplementary notice to the Ombudsman",
        ),
        NotificationPhase::Complete => Words::new(
            "Täydellinen ilmoitus tietosuojavaltuutetulle",
            "Fullständig anmälan till dataombudsmannen",
            "Complete notice to the Ombudsman",
        ),
        NotificationPhase::EarlyWarning => Words::new(
            "NIS2-varhaisvaroitus (Kyberturvallisuuskeskus)",
            "NIS2 tidig varning (Cybersäkerhetscentret)",
            "NIS2 early warning (NCSC-FI)",
        ),
        NotificationPhase::Notification => Words::new(
            "NIS2-ilmoitus (Kyberturvallisuuskeskus)",
            "NIS2-anmälan (Cybersäkerhetscentret)",
            "NIS2 notification (NCSC-FI)",
        ),
        NotificationPhase::Final => Words::new(
            "NIS2-loppuraportti (Kyberturvallisuuskeskus)",
            "NIS2 slutrapport (Cybersäkerhetscentret)",
            "NIS2 final report (NCSC-FI)",
        ),
        NotificationPhase::Intermediate => Words::new(
            "NIS2-väliraportti (Kyberturvallisuuskeskus)",
            "NIS2 delrapport (Cybersäkerhetscentret)",
            "NIS2 intermediate report (NCSC-FI)",
        ),
        NotificationPhase::Progress => Words::new(
            "NIS2-edistymisraportti (Kyberturvallisuuskeskus)",
            "NIS2 lägesrapport (Cybersäkerhetscentret)",
            "NIS2 progress report (NCSC-FI)",
        ),
        NotificationPhase::SubjectsInformed => Words::new(
            "Ilmoitus rekisteröidyille",
            "Meddelande till de registrerade",
            "Communication to the data subjects",
        ),
    }
}

/// A GDPR Art 34(3) ground for not telling the people concerned.
pub(super) fn exemption(ground: Art34Exemption) -> Words {
    match ground {
        Art34Exemption::Unintelligible => Words::new(
            "a) tiedot eivät ole luettavissa (esim. salattu)",
            "a) uppgifterna är oläsliga (t.ex. krypterade)",
            "(a) the data are unintelligible (e.g. encrypted)",
        ),
        Art34Exemption::RiskRemoved => Words::new(
            "b) korkea riski on poistettu jälkikäteen",
            "b) den höga risken har undanröjts i efterhand",
            "(b) the high risk has since been removed",
        ),
        Art34Exemption::DisproportionateEffort => Words::new(
            "c) kohtuuton vaiva (julkinen tiedote)",
            "c) oproportionerlig ansträngning (offentligt meddelande)",
            "(c) disproportionate effort (a public notice)",
        ),
    }
}

/// A processor agreement's state.
pub(super) fn agreement_state(state: AgreementState) -> Words {
    match state {
        AgreementState::Draft => Words::new("Luonnos", "Utkast", "Draft"),
        AgreementState::Active => Words::new("Voimassa", "Gällande", "Active"),
        AgreementState::Expired => Words::new("Päättynyt", "Utgånget", "Expired"),
        AgreementState::Terminated => Words::new("Irtisanottu", "Uppsagt", "Terminated"),
    }
}

/// Every agreement state, in order, with its key.
pub(super) const AGREEMENT_STATES: [(AgreementState, &str); 4] = [
    (AgreementState::Draft, "draft"),
    (AgreementState::Active, "active"),
    (AgreementState::Expired, "expired"),
    (AgreementState::Terminated, "terminated"),
];

/// Where the countdown script is served (the page policy allows scripts of this site only).
pub(super) const CLOCK_SCRIPT_PATH: &str = "/static/privacy-clock.js";

/// Keeps each `[data-due]` element's time left (or how late) current, once a minute, in the
/// words the server wrote into its attributes; without script the server's text stays.
const CLOCK_SCRIPT: &str = r#"(function () {
  function span(m, days) {
    var d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), min = m % 60;
    if (d === 0 && h === 0) { return min + " min"; }
    if (d === 0) { return h + " h " + min + " min"; }
    return d + " " + days + " " + h + " h";
  }
  function tick() {
    var clocks = document.querySelectorAll("[data-due]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var left = Math.floor((Date.parse(el.getAttribute("data-due")) - Date.now()) / 60000);
      var late = left < 0;
      var words = el.getAttribute(late ? "data-late" : "data-left");
      el.textContent = words.replace("{}", span(Math.abs(left), el.getAttribute("data-days")));
      if (late) { el.classList.add("late"); }
    }
  }
  tick();
  setInterval(tick, 30000);
})();
"#;

async fn clock_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CLOCK_SCRIPT,
    )
}
