//! Publicity Act 621/1999 rules of a document request that sit beside the common request
//! lifecycle: when the one-month track may still be chosen (§14(4)), and the year's figures of
//! the two tracks (on time against the original two-week day and against the month day, and
//! the switches to the month track by their justification).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use kirjuri_clock::Rule;
use serde::Serialize;

use crate::model::{ExtensionJustification, InfoRequest, RequestKind, StoredDeadline};
use crate::service::RequestResult;

/// The request's two-week deadline (§14(4)): the last `Publicity` deadline of its history — the
/// one stored on receipt, or that day moved by a clock pause resumed before any switch to the
/// month track (DOMAIN.md §6.2).
pub fn two_week_deadline(request: &InfoRequest) -> Option<&StoredDeadline> {
    request
        .deadline_history
        .iter()
        .rev()
        .find(|d| d.rule == Rule::Publicity)
}

/// A day as the error messages spell it: ISO and the Finnish form (`2026-12-15 (15.12.2026)`).
fn both_forms(day: NaiveDate) -> String {
    format!("{day} ({})", day.format("%-d.%-m.%Y"))
}

/// Publicity Act §14(4): the one-month limit is for requests whose special handling is
/// recognised *within* the two weeks; choosing it after the two weeks have run out would turn
/// a late answer into an on-time one. The switch is therefore refused once the two-week day
/// (the statutory day, the earlier one Kirjuri warns on — DOMAIN.md §5.2) has passed. There is
/// no "late switch": a request past its two weeks stays on its two-week clock and is reported
/// late against it.
pub fn check_month_track_switch(request: &InfoRequest, on: NaiveDate) -> RequestResult<()> {
    if request.kind != RequestKind::Publicity {
        return Ok(());
    }
    let Some(two_weeks) = two_week_deadline(request) else {
        return Ok(());
    };
    if on > two_weeks.warn_on {
        return Err(kirjuri_registry::RegistryError::Invalid {
            code: "month_track_too_late",
            message: format!(
                "the one-month track (Publicity Act 14 § 4) can be chosen only within the two weeks; \
                 they ended on {}, so a switch on {} is refused and the request stays on its two-week clock",
                both_forms(two_weeks.warn_on),
                both_forms(on)
            ),
        });
    }
    Ok(())
}

/// The key of a month-track justification, as the statistics count it.
pub fn justification_key(justification: ExtensionJustification) -> &'static str {
    match justification {
        ExtensionJustification::LargeVolume => "large-volume",
        ExtensionJustification::SpecialMeasures => "special-measures",
        ExtensionJustification::Other => "other",
    }
}

/// The year's Publicity Act figures (requests received in the year and decided in it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PublicityFigures {
    /// Document requests decided in the year (with a clock).
    pub decided: u64,
    /// Decided on or before the original two-week statutory day, whatever the track.
    pub on_time_two_weeks: u64,
    /// Of those switched to the one-month track: decided within the month (statutory day).
    pub month_track_decided: u64,
    pub on_time_month_track: u64,
    /// Switches to the one-month track of the requests received in the year, by justification.
    pub month_track_switches: BTreeMap<String, u64>,
}

impl PublicityFigures {
    pub fn compute(year: i32, all: &[InfoRequest]) -> PublicityFigures {
        let mut figures = PublicityFigures::default();
        for request in all
            .iter()
            .filter(|r| r.kind == RequestKind::Publicity && r.received_on.year() == year)
        {
            if let Some(justification) = request.extension.as_ref().and_then(|e| e.justification) {
                *figures
                    .month_track_switches
                    .entry(justification_key(justification).to_owned())
                    .or_insert(0) += 1;
            }
            let Some(decided) = request.decided_on.filter(|d| d.year() == year) else {
                continue;
            };
            let Some(two_weeks) = two_week_deadline(request) else {
                continue;
            };
            figures.decided += 1;
            figures.on_time_two_weeks += u64::from(decided <= two_weeks.due);
            if let Some(month) = request.deadline.as_ref().filter(|d| d.rule == Rule::PublicityExtended) {
                figures.month_track_decided += 1;
                figures.on_time_month_track += u64::from(decided <= month.due);
            }
        }
        figures
    }
}

/// The Publicity Act settings of a data folder (`[publicity]` in `config.toml`): the internal
/// target for the authority's decision after a referral (§14(3) says only "without delay";
/// DOMAIN.md §5.5) and the administrative court named in the appeal instructions (§33).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublicitySettings {
    /// Days from the referral request to the target day of the decision (default 14).
    pub decision_target_days: u32,
    /// The administrative court in Finnish (default `Turun hallinto-oikeus`).
    pub appeal_court: String,
    /// The same court in Swedish (default `Åbo förvaltningsdomstol`).
    pub appeal_court_sv: String,
}

impl Default for PublicitySettings {
    fn default() -> Self {
        PublicitySettings {
            decision_target_days: DEFAULT_DECISION_TARGET_DAYS,
            appeal_court: "Turun hallinto-oikeus".to_owned(),
            appeal_court_sv: "Åbo förvaltningsdomstol".to_owned(),
        }
    }
}

/// The internal target of the decision after a referral, in days (the Chancellor of Justice
/// criticised three months, OKV/884/1/2014; two weeks mirrors §14(4)).
pub const DEFAULT_DECISION_TARGET_DAYS: u32 = 14;

/// The appeal period of the administrative court (Administrative Judicial Procedure Act
/// 808/2019 §13: 30 days from service).
pub const APPEAL_DAYS: u32 = 30;

/// The appeal instructions template shipped with the product.
pub const APPEAL_TEMPLATE: &str = include_str!("../../../retention-rules/templates/valitusosoitus-julkl.txt");

/// An internal target day: an absolute day stored when set, never recomputed (DOMAIN.md §5.4).
/// Calendar days, no roll: it is the city's own target, not a statutory period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TargetDeadline {
    pub due: NaiveDate,
    /// The configured number of days it was set with.
    pub days: u32,
    pub set_at: chrono::DateTime<chrono::Utc>,
    pub set_by: String,
    pub reason: String,
}

/// Appeal instructions (valitusosoitus) generated from [`APPEAL_TEMPLATE`] for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AppealInstructions {
    pub court: String,
    pub court_sv: String,
    pub decision_on: NaiveDate,
    pub appeal_days: u32,
    /// The filled-in text (Finnish, then Swedish).
    pub text: String,
    /// The document of the request's case holding the decision with these instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
}

/// §14(3): after the requester asks for the authority's decision, the clock of that decision,
/// and the decision with its appeal instructions once issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReferralClock {
    pub requested_on: NaiveDate,
    /// The target in force.
    pub target: TargetDeadline,
    /// Every target ever set, oldest first (the current one last).
    pub history: Vec<TargetDeadline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_issued_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<AppealInstructions>,
}

impl ReferralClock {
    /// Whether the decision was issued on or before the target (None while pending).
    pub fn decided_on_time(&self) -> Option<bool> {
        self.decision_issued_on.map(|day| day <= self.target.due)
    }

    /// Days past the target of a decision issued late, or of one still pending on `today`.
    pub fn days_late(&self, today: NaiveDate) -> i64 {
        let day = self.decision_issued_on.unwrap_or(today);
        (day - self.target.due).num_days().max(0)
    }
}

/// Starts the decision clock on the day the referral is requested: `on` + the configured days.
pub fn referral_clock(
    on: NaiveDate,
    settings: &PublicitySettings,
    actor: &kirjuri_registry::Actor,
) -> RequestResult<ReferralClock> {
    let due = on
        .checked_add_days(chrono::Days::new(u64::from(settings.decision_target_days)))
        .ok_or_else(|| kirjuri_registry::RegistryError::Invalid {
            code: "bad_date",
            message: "decision target out of range".to_owned(),
        })?;
    let target = TargetDeadline {
        due,
        days: settings.decision_target_days,
        set_at: actor.at,
        set_by: actor.name.clone(),
        reason: "referral requested (JulkL 14 § 3 mom)".to_owned(),
    };
    Ok(ReferralClock {
        requested_on: on,
        target: target.clone(),
        history: vec![target],
        decision_issued_on: None,
        appeal: None,
    })
}

/// Fills the template in: the comment lines (`;`) are left out, the placeholders replaced.
pub fn appeal_instructions(settings: &PublicitySettings, decision_on: NaiveDate, request: &str) -> AppealInstructions {
    let body: Vec<&str> = APPEAL_TEMPLATE.lines().filter(|line| !line.starts_with(';')).collect();
    let text = body
        .join("\n")
        .replace("{court_sv}", &settings.appeal_court_sv)
        .replace("{court}", &settings.appeal_court)
        .replace("{decision_day}", &decision_on.format("%-d.%-m.%Y").to_string())
        .replace("{appeal_days}", &APPEAL_DAYS.to_string())
        .replace("{request}", request);
    AppealInstructions {
        court: settings.appeal_court.clone(),
        court_sv: settings.appeal_court_sv.clone(),
        decision_on,
        appeal_days: APPEAL_DAYS,
        text,
        document_id: None,
    }
}

/// What a move into a §14(3) state adds to the request: the decision clock when the referral
/// is requested, or the decision with its appeal instructions when it is issued.
pub(crate) fn referral_step(
    registry: &kirjuri_registry::Registry<'_>,
    current: &InfoRequest,
    to: crate::model::RequestState,
    settings: &PublicitySettings,
    actor: &kirjuri_registry::Actor,
) -> RequestResult<Option<ReferralClock>> {
    use crate::model::RequestState;
    let today = kirjuri_registry::helsinki_date(actor.at);
    match to {
        RequestState::ReferralRequested => Ok(Some(referral_clock(today, settings, actor)?)),
        RequestState::DecisionIssued => {
            // A request stored before the clock existed gets one from its referral day.
            let mut clock = match &current.referral {
                Some(clock) => clock.clone(),
                None => {
                    let requested = current
                        .history
                        .iter()
                        .rev()
                        .find(|t| t.to == RequestState::ReferralRequested)
                        .map_or(today, |t| kirjuri_registry::helsinki_date(t.at));
                    referral_clock(requested, settings, actor)?
                }
            };
            let mut appeal = appeal_instructions(settings, today, &current.diary_number.to_string());
            appeal.document_id = Some(register_decision(registry, current, &appeal, actor)?);
            clock.decision_issued_on = Some(today);
            clock.appeal = Some(appeal);
            Ok(Some(clock))
        }
        _ => Ok(None),
    }
}

/// Registers the decision's appeal instructions as an outgoing document of the request's case
/// (record type `asiakirjapyynto-paatos` of the plan's class 07 01 02, kept permanently), so
/// the registry holds what the requester was sent.
fn register_decision(
    registry: &kirjuri_registry::Registry<'_>,
    request: &InfoRequest,
    appeal: &AppealInstructions,
    actor: &kirjuri_registry::Actor,
) -> RequestResult<String> {
    let content = kirjuri_registry::store_content(
        registry.store,
        &mut std::io::Cursor::new(appeal.text.clone().into_bytes()),
        &format!("valitusosoitus-{}.txt", request.id),
        "text/plain",
    )?;
    let document = kirjuri_registry::NewDocument {
        record_type: Some("asiakirjapyynto-paatos".to_owned()),
        direction: kirjuri_registry::Direction::Outgoing,
        title: format!("Päätös asiakirjapyyntöön ja valitusosoitus, {}", request.diary_number),
        created_on: None,
        received_on: None,
        sent_on: None,
        parties: request.requester.iter().cloned().collect(),
        language: "fi".to_owned(),
        restriction: kirjuri_registry::RestrictionRequest::default(),
        physical: None,
        trigger_event_on: None,
        retention: None,
    };
    Ok(registry
        .register_document(&request.case_id, &document, Some(content), actor)?
        .id)
}

/// The statistics category of a refusal ground of a document request: the vocabulary's key when
/// `kirjuri_plan::secrecy_grounds::parse` recognises the text (a key or a citation, so
/// "JulkL 24 § 1 mom 25 kohta" and "julkl-24-1-25" are one category, old stored free text
/// included), otherwise [`OTHER_GROUND`].
pub fn ground_category(text: &str) -> &'static str {
    kirjuri_plan::secrecy_grounds::parse(text).map_or(OTHER_GROUND, |ground| ground.key)
}

/// The category of a ground outside the list (a free-text "other ground").
pub const OTHER_GROUND: &str = "other";

/// The grounds of a document request's refusal or decision as stored: every `legal_basis` item
/// must be a ground of the secrecy-grounds list (a key or a citation `parse` reads) and is
/// stored by its key; a ground outside the list goes as `other_ground` free text. Requests of
/// other kinds keep their legal basis as given (GDPR articles are not secrecy grounds).
pub(crate) fn normalise_grounds(kind: RequestKind, legal_basis: Vec<String>) -> RequestResult<Vec<String>> {
    if kind != RequestKind::Publicity {
        return Ok(legal_basis);
    }
    let mut keys = Vec::with_capacity(legal_basis.len());
    for (n, basis) in legal_basis.iter().enumerate() {
        match kirjuri_plan::secrecy_grounds::parse(basis) {
            Ok(ground) => keys.push(ground.key.to_owned()),
            Err(expected) => {
                return Err(kirjuri_registry::RegistryError::Invalid {
                    code: "unknown_ground",
                    message: format!(
                        "legal_basis: item {} is not a ground of the secrecy-grounds list ({expected}); \
                         give a ground outside the list as `other_ground`",
                        n + 1
                    ),
                });
            }
        }
    }
    keys.dedup();
    Ok(keys)
}
