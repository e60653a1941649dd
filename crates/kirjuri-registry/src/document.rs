//! Documents (asiakirja): direction, record type, dates, parties, the restriction and
//! retention metadata inherited from the plan's record type — overridable only with a
//! recorded reason — content by digest, or a paper item with its storage place.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kirjuri_plan::{
    ClassCode, PublicityClass, RecordTypeRef, Restriction, Retention, RetentionEnd, RetentionTrigger, SecrecyDates,
    SecrecyEnd, SecrecyStart, TriggerSource, retention_ends_on, secrecy_end,
};
use kirjuri_store::Sha256Hex;
use serde::{Deserialize, Serialize};

use crate::case::{Case, LegalHold};
use crate::diary::DiaryNumber;

/// Direction of a document (DOMAIN.md §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Saapuva: arrival date and sender.
    Incoming,
    /// Lähtevä: dispatch date and recipients.
    Outgoing,
    /// Sisäinen: memos, drafts, preparatory documents.
    Internal,
}

impl Direction {
    pub fn parse(text: &str) -> Result<Direction, String> {
        match text.trim().to_lowercase().as_str() {
            "incoming" | "saapuva" => Ok(Direction::Incoming),
            "outgoing" | "lähtevä" | "lahteva" => Ok(Direction::Outgoing),
            "internal" | "sisäinen" | "sisainen" => Ok(Direction::Internal),
            other => Err(format!(
                "unknown direction `{other}`, expected one of: incoming, outgoing, internal"
            )),
        }
    }
}

/// Electronic content of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub sha256: Sha256Hex,
    pub size: u64,
    pub media_type: String,
    pub file_name: String,
}

/// A paper record's storage place (archive room, shelf, box).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhysicalItem {
    pub archive_room: String,
    #[serde(default)]
    pub shelf: Option<String>,
    #[serde(default, rename = "box")]
    pub box_label: Option<String>,
}

/// A recorded departure from the plan's metadata for this document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataOverride {
    pub field: String,
    pub plan_value: serde_json::Value,
    pub value: serde_json::Value,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// Where a record stands in its retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "date", rename_all = "kebab-case")]
pub enum RetentionStatus {
    /// Kept forever; never due.
    Permanent,
    /// The trigger event has not happened (case not decided, employment not ended).
    AwaitingTrigger,
    /// Eligible for disposal from this day.
    EndsOn(NaiveDate),
}

/// A registered document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub case_id: String,
    pub diary_number: DiaryNumber,
    pub class: ClassCode,
    /// Record type id in the plan, and its display name at registration.
    pub record_type: String,
    pub record_type_name: String,
    pub direction: Direction,
    pub title: String,
    /// The document's own date (Asiakirjan päivämäärä).
    pub created_on: NaiveDate,
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub sent_on: Option<NaiveDate>,
    #[serde(default)]
    pub parties: Vec<String>,
    pub language: String,
    pub restriction: Restriction,
    pub retention: Retention,
    #[serde(default)]
    pub overrides: Vec<MetadataOverride>,
    /// Plan version the document was classified under.
    pub plan_version: u32,
    #[serde(default)]
    pub content: Option<Content>,
    #[serde(default)]
    pub physical: Option<PhysicalItem>,
    /// An externally entered trigger date (end of care, of employment, of a contract).
    #[serde(default)]
    pub trigger_event_on: Option<NaiveDate>,
    pub retention_status: RetentionStatus,
    /// The recorded death of the person the document concerns: private-life secrecy runs 50
    /// years from it (Publicity Act §31(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_died_on: Option<NaiveDate>,
    /// The recorded end of the client or employment relationship the document belongs to, for
    /// a secrecy that starts from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub legal_holds: Vec<LegalHold>,
    pub registered_by: String,
    pub registered_at: DateTime<Utc>,
}

impl Document {
    /// Public documents may be read by anyone; every read of another is audited.
    pub fn is_public(&self) -> bool {
        self.restriction.publicity == Some(PublicityClass::Public)
    }

    /// The day the retention trigger happened, if it has.
    pub fn trigger_date(&self, case: &Case) -> Option<NaiveDate> {
        let trigger = self.retention.trigger?;
        match trigger.source() {
            TriggerSource::CaseDecisionDate => case.decided_on,
            TriggerSource::DocumentDate => Some(self.created_on),
            TriggerSource::YearEndOfDocumentDate => NaiveDate::from_ymd_opt(self.created_on.year(), 12, 31),
            TriggerSource::ExternalEvent => self.trigger_event_on,
        }
    }

    /// When the document's secrecy ends and by which rule; `None` for a public or non-public
    /// document with no secrecy period. The rule itself is `kirjuri_plan::secrecy_end`.
    pub fn secrecy_end(&self, case: &Case) -> Option<SecrecyEnd> {
        if !self.restriction.publicity.is_some_and(PublicityClass::requires_secrecy) {
            return None;
        }
        let years = self.restriction.secrecy_years?;
        let start = self.restriction.secrecy_start.unwrap_or(SecrecyStart::DocumentDate);
        let dates = SecrecyDates {
            document_date: Some(self.created_on),
            arrival_date: self.received_on,
            case_decision_date: case.decided_on,
            death_date: self.subject_died_on,
            relationship_end_date: self.relationship_ended_on,
        };
        secrecy_end(years, start, &dates)
    }

    /// Recomputes the retention status from the trigger date and the plan's rounding rule.
    pub fn compute_retention(&self, case: &Case, year_end_rounding: bool) -> RetentionStatus {
        let Some(period) = self.retention.period else {
            return RetentionStatus::AwaitingTrigger;
        };
        if period.is_permanent() {
            return RetentionStatus::Permanent;
        }
        let Some(trigger_date) = self.trigger_date(case) else {
            return RetentionStatus::AwaitingTrigger;
        };
        match retention_ends_on(trigger_date, period, year_end_rounding) {
            Ok(RetentionEnd::On(end)) => RetentionStatus::EndsOn(end),
            Ok(RetentionEnd::Permanent) => RetentionStatus::Permanent,
            // Beyond the calendar: never due in any practical sense.
            Err(_) => RetentionStatus::AwaitingTrigger,
        }
    }
}

/// What the registrar asked to differ from the plan.
#[derive(Debug, Clone, Default)]
pub struct RestrictionRequest {
    pub publicity: Option<PublicityClass>,
    pub secrecy_reasons: Vec<String>,
    pub secrecy_years: Option<u32>,
    pub override_reason: Option<String>,
}

/// The general secrecy period of the Publicity Act §31(1) when none is given.
pub const DEFAULT_SECRECY_YEARS: u32 = 25;

/// Publicity Act §31(2): private-life secrecy lasts 50 years after the person's death.
pub const PRIVATE_LIFE_YEARS_AFTER_DEATH: u32 = 50;

/// Whether any of the restriction's grounds protects private life (§24(1) items 24–32 or a
/// corresponding special law), by the controlled list of grounds.
fn names_private_life(restriction: &Restriction) -> bool {
    restriction
        .secrecy_reasons
        .iter()
        .filter_map(|reason| kirjuri_plan::secrecy_grounds::parse(reason).ok())
        .any(|ground| ground.private_life)
}

/// The document's restriction: the plan's, with the requested changes applied. A change needs
/// a reason; a secret or partly secret result needs a secrecy ground.
pub fn effective_restriction(
    record_type: &RecordTypeRef<'_>,
    request: &RestrictionRequest,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(Restriction, Vec<MetadataOverride>), String> {
    let plan = &record_type.record_type.restriction;
    let mut restriction = plan.clone();
    let mut overrides = Vec::new();
    let reason = request
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let mut record_override = |field: &str,
                               plan_value: serde_json::Value,
                               value: serde_json::Value|
     -> Result<(), String> {
        let Some(reason) = reason else {
            return Err(format!(
                "{field} differs from record type `{}` ({plan_value} in the plan); give `override_reason` to record why",
                record_type.record_type.id
            ));
        };
        overrides.push(MetadataOverride {
            field: field.to_owned(),
            plan_value,
            value,
            reason: reason.to_owned(),
            by: by.to_owned(),
            at,
        });
        Ok(())
    };
    if let Some(publicity) = request.publicity
        && Some(publicity) != plan.publicity
    {
        record_override(
            "publicity",
            serde_json::json!(plan.publicity),
            serde_json::json!(publicity),
        )?;
        restriction.publicity = Some(publicity);
        if !publicity.requires_secrecy() {
            restriction.secrecy_reasons.clear();
            restriction.secrecy_years = None;
            restriction.secrecy_start = None;
            restriction.secret_parts = None;
        }
    }
    if !request.secrecy_reasons.is_empty() && request.secrecy_reasons != plan.secrecy_reasons {
        record_override(
            "secrecy_reasons",
            serde_json::json!(plan.secrecy_reasons),
            serde_json::json!(request.secrecy_reasons),
        )?;
        restriction.secrecy_reasons = request.secrecy_reasons.clone();
    }
    if let Some(years) = request.secrecy_years
        && Some(years) != plan.secrecy_years
    {
        if years == 0 {
            return Err("`secrecy_years` must be a positive number of years".to_owned());
        }
        record_override(
            "secrecy_years",
            serde_json::json!(plan.secrecy_years),
            serde_json::json!(years),
        )?;
        restriction.secrecy_years = Some(years);
    }
    if restriction.publicity.is_some_and(PublicityClass::requires_secrecy) {
        if restriction.secrecy_reasons.iter().all(|r| r.trim().is_empty()) {
            return Err(format!(
                "a {} document needs a secrecy ground (salassapitoperuste): give `secrecy_reason`, e.g. \"JulkL 24 § 1 mom 32 kohta\"",
                restriction.publicity.map_or("secret", |p| p.key())
            ));
        }
        if restriction.secrecy_years.is_none()
            && restriction.secrecy_start.is_none()
            && names_private_life(&restriction)
        {
            // §31(2): 50 years after the person's death (100 years when it is not known).
            restriction.secrecy_years = Some(PRIVATE_LIFE_YEARS_AFTER_DEATH);
            restriction.secrecy_start = Some(SecrecyStart::DeathOfPerson);
        }
        restriction.secrecy_years.get_or_insert(DEFAULT_SECRECY_YEARS);
        restriction.secrecy_start.get_or_insert(SecrecyStart::DocumentDate);
    }
    Ok((restriction, overrides))
}

/// The document's retention: the plan's, or a recorded override with a reason.
pub fn effective_retention(
    record_type: &RecordTypeRef<'_>,
    wanted: Option<kirjuri_plan::RetentionPeriod>,
    override_reason: Option<&str>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(Retention, Vec<MetadataOverride>), String> {
    let plan = &record_type.record_type.retention;
    let Some(period) = wanted.filter(|p| Some(*p) != plan.period) else {
        return Ok((plan.clone(), Vec::new()));
    };
    let Some(reason) = override_reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(format!(
            "retention {period} differs from record type `{}` ({} in the plan); give `override_reason` to record why",
            record_type.record_type.id,
            plan.period.map_or("none".to_owned(), |p| p.to_string())
        ));
    };
    let mut retention = plan.clone();
    retention.period = Some(period);
    retention.trigger = if period.is_permanent() {
        None
    } else {
        plan.trigger.or(Some(RetentionTrigger::DocumentDate))
    };
    retention.reason = Some(format!(
        "{} (poikkeama: {reason})",
        plan.reason.as_deref().unwrap_or("")
    ));
    let change = MetadataOverride {
        field: "retention".to_owned(),
        plan_value: serde_json::json!(plan.period),
        value: serde_json::json!(period),
        reason: reason.to_owned(),
        by: by.to_owned(),
        at,
    };
    Ok((retention, vec![change]))
}

/// A retention trigger for which a document's date is the trigger date.
pub fn is_document_date_trigger(trigger: Option<RetentionTrigger>) -> bool {
    trigger.is_some_and(|t| {
        matches!(
            t.source(),
            TriggerSource::DocumentDate | TriggerSource::YearEndOfDocumentDate
        )
    })
}
