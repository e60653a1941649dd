//! The API's own answer shapes shared by several resources: closed vocabularies (case states,
//! publicity classes...) as string enums in the schema, and the case and document answers.
//!
//! Answers are built field by field from the stored records (`From<&Case>`), never by
//! serialising a stored record as is: renaming a stored field breaks the build here instead
//! of silently changing the API, and an API field can be renamed without touching the data.
//! Vocabulary keys are the domain's own (`partly-secret`, `vireilla`): they are the words of
//! the plan files, the CLI and the API alike, listed in the schema so clients and
//! schemathesis know every allowed value.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// Declares an answer type for a closed vocabulary of the domain: it serialises as the key
/// and its schema is a string enum of every key (`$domain::ALL`).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $domain:ty, $all:expr, $key:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $domain);

        impl $name {
            /// Every key of the vocabulary.
            pub fn keys() -> Vec<&'static str> {
                let all: &[$domain] = $all;
                all.iter().map(|v| ($key)(*v)).collect()
            }
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                $name(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(($key)(self.0))
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some($name::keys()))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}
#[allow(unused_imports)] // used by the resource modules for their own vocabularies
pub(crate) use vocabulary;

vocabulary!(
    /// Case state (käsittelyvaihe), JHS 191 / SÄHKE2.
    CaseStateKey, kirjuri_registry::CaseState, kirjuri_registry::CaseState::ALL, kirjuri_registry::CaseState::key
);
vocabulary!(
    /// Publicity class (julkisuusluokka).
    PublicityKey, kirjuri_plan::PublicityClass, kirjuri_plan::PublicityClass::ALL, kirjuri_plan::PublicityClass::key
);
vocabulary!(
    /// Personal-data nature (henkilötietoluonne).
    PersonalDataKey, kirjuri_plan::PersonalData, kirjuri_plan::PersonalData::ALL, kirjuri_plan::PersonalData::key
);
vocabulary!(
    /// Protection level (suojaustaso).
    ProtectionLevelKey, kirjuri_plan::ProtectionLevel, kirjuri_plan::ProtectionLevel::ALL, kirjuri_plan::ProtectionLevel::key
);
vocabulary!(
    /// Security classification (turvallisuusluokka).
    SecurityClassKey, kirjuri_plan::SecurityClass, kirjuri_plan::SecurityClass::ALL, kirjuri_plan::SecurityClass::key
);
vocabulary!(
    /// Start of the secrecy period (salassapitoajan laskentaperuste).
    SecrecyStartKey, kirjuri_plan::SecrecyStart, kirjuri_plan::SecrecyStart::ALL, kirjuri_plan::SecrecyStart::key
);
vocabulary!(
    /// Retention trigger (säilytysajan laskentaperuste).
    RetentionTriggerKey, kirjuri_plan::RetentionTrigger, kirjuri_plan::RetentionTrigger::ALL, kirjuri_plan::RetentionTrigger::key
);
vocabulary!(
    /// Direction of a document: incoming (saapuva), outgoing (lähtevä) or internal (sisäinen).
    DirectionKey,
    kirjuri_registry::Direction,
    &[kirjuri_registry::Direction::Incoming, kirjuri_registry::Direction::Outgoing, kirjuri_registry::Direction::Internal],
    direction_key
);

fn direction_key(direction: kirjuri_registry::Direction) -> &'static str {
    match direction {
        kirjuri_registry::Direction::Incoming => "incoming",
        kirjuri_registry::Direction::Outgoing => "outgoing",
        kirjuri_registry::Direction::Internal => "internal",
    }
}

vocabulary!(
    /// The legal deadline rule a request's clock runs under.
    DeadlineRuleKey, kirjuri_clock::Rule, kirjuri_clock::Rule::ALL, kirjuri_clock::Rule::key
);

/// The text forms `kirjuri_clock::parse_start` reads, as a pattern: a day `YYYY-MM-DD`; a local
/// time `YYYY-MM-DD[T ]HH:MM[:SS]`; or RFC 3339 with an offset. With `day_alone` false, a bare
/// day is left out (`parse_instant`). Two corners the server reads are left out on purpose,
/// because the moment could not be answered as an RFC 3339 date-time afterwards: years 0000
/// and 9999 (in UTC they may fall outside years 0000–9999) and the leap second `:60`.
fn moment_pattern(day_alone: bool) -> String {
    const YEAR: &str = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])";
    const MONTH_DAY: &str = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    const HOUR_MINUTE: &str = "([01][0-9]|2[0-3]):[0-5][0-9]";
    const SECOND: &str = ":[0-5][0-9]";
    const OFFSET: &str = "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";
    let local = format!("[T ]{HOUR_MINUTE}({SECOND})?");
    let with_offset = format!(r"[Tt ]{HOUR_MINUTE}{SECOND}(\.[0-9]+)?{OFFSET}");
    let time_optional = if day_alone { "?" } else { "" };
    format!("^{YEAR}-{MONTH_DAY}({local}|{with_offset}){time_optional}$")
}

fn moment_schema(
    day_alone: bool,
    description: &str,
    example: &str,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(moment_pattern(day_alone)))
        .description(Some(description))
        .examples([example])
        .into()
}

/// A day or a moment as input (`kirjuri_clock::parse_start`).
pub struct DayOrInstantText;

impl utoipa::PartialSchema for DayOrInstantText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        moment_schema(
            true,
            "A day (`2026-11-27`, from its start in Helsinki) or a moment: `2026-11-27T15:00` or \
             `2026-11-27 15:00:00` in Helsinki time, or RFC 3339 with an offset (`2026-11-27T13:00:00Z`)",
            "2026-11-27",
        )
    }
}

impl ToSchema for DayOrInstantText {}

/// A moment as input (`kirjuri_clock::parse_instant`): a bare day is refused, since it would
/// silently mean midnight.
pub struct InstantText;

impl utoipa::PartialSchema for InstantText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        moment_schema(
            false,
            "A moment: `2026-11-28T15:00` or `2026-11-28 15:00:00` in Helsinki time, or RFC 3339 \
             with an offset (`2026-11-28T13:00:00Z`)",
            "2026-11-28T15:00",
        )
    }
}

impl ToSchema for InstantText {}

/// A retention period: whole years, or the text `permanent` (pysyvä).
#[derive(Debug, Clone, Copy)]
pub struct PeriodAnswer(kirjuri_plan::RetentionPeriod);

impl Serialize for PeriodAnswer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            kirjuri_plan::RetentionPeriod::Years(years) => serializer.serialize_u32(years),
            kirjuri_plan::RetentionPeriod::Permanent => serializer.serialize_str("permanent"),
        }
    }
}

impl utoipa::PartialSchema for PeriodAnswer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .description(Some("Years")),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(["permanent"])),
            )
            .into()
    }
}

impl ToSchema for PeriodAnswer {}

impl From<kirjuri_plan::RetentionPeriod> for PeriodAnswer {
    fn from(period: kirjuri_plan::RetentionPeriod) -> Self {
        PeriodAnswer(period)
    }
}

/// Restriction attributes (käyttörajoitustiedot).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RestrictionAnswer {
    pub publicity: Option<PublicityKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_parts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy_years: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrecy_reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy_start: Option<SecrecyStartKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protection_level: Option<ProtectionLevelKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_class: Option<SecurityClassKey>,
    pub personal_data: Option<PersonalDataKey>,
    pub personal_identity_code: Option<bool>,
}

impl From<&kirjuri_plan::Restriction> for RestrictionAnswer {
    fn from(r: &kirjuri_plan::Restriction) -> Self {
        RestrictionAnswer {
            publicity: r.publicity.map(Into::into),
            secret_parts: r.secret_parts.clone(),
            secrecy_years: r.secrecy_years,
            secrecy_reasons: r.secrecy_reasons.clone(),
            secrecy_start: r.secrecy_start.map(Into::into),
            protection_level: r.protection_level.map(Into::into),
            security_class: r.security_class.map(Into::into),
            personal_data: r.personal_data.map(Into::into),
            personal_identity_code: r.personal_identity_code,
        }
    }
}

/// Retention attributes (säilytysaikatiedot).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RetentionAnswer {
    pub period: Option<PeriodAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<RetentionTriggerKey>,
    pub reason: Option<String>,
}

impl From<&kirjuri_plan::Retention> for RetentionAnswer {
    fn from(r: &kirjuri_plan::Retention) -> Self {
        RetentionAnswer {
            period: r.period.map(Into::into),
            trigger: r.trigger.map(Into::into),
            reason: r.reason.clone(),
        }
    }
}

/// Where a record stands in its retention: `permanent`, `awaiting-trigger`, or `ends-on`
/// with the day it may be disposed of.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RetentionStatusAnswer {
    #[schema(pattern = "^(permanent|awaiting-trigger|ends-on)$")]
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl From<kirjuri_registry::RetentionStatus> for RetentionStatusAnswer {
    fn from(status: kirjuri_registry::RetentionStatus) -> Self {
        use kirjuri_registry::RetentionStatus as S;
        match status {
            S::Permanent => RetentionStatusAnswer {
                status: "permanent",
                date: None,
            },
            S::AwaitingTrigger => RetentionStatusAnswer {
                status: "awaiting-trigger",
                date: None,
            },
            S::EndsOn(day) => RetentionStatusAnswer {
                status: "ends-on",
                date: Some(day),
            },
        }
    }
}

/// The lifting of a legal hold.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoldLiftingAnswer {
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A legal hold (säilytysesto): the record stays out of disposal while it is active.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LegalHoldAnswer {
    pub id: String,
    pub reason: String,
    pub placed_by: String,
    pub placed_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifted: Option<HoldLiftingAnswer>,
}

impl From<&kirjuri_registry::LegalHold> for LegalHoldAnswer {
    fn from(h: &kirjuri_registry::LegalHold) -> Self {
        LegalHoldAnswer {
            id: h.id.clone(),
            reason: h.reason.clone(),
            placed_by: h.placed_by.clone(),
            placed_at: h.placed_at,
            lifted: h.lifted.as_ref().map(|l| HoldLiftingAnswer {
                reason: l.reason.clone(),
                by: l.by.clone(),
                at: l.at,
            }),
        }
    }
}

/// One state change in a case's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StateChangeAnswer {
    pub from: Option<CaseStateKey>,
    pub to: CaseStateKey,
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A case (asia).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseAnswer {
    pub id: String,
    /// Diary number (diaarinumero): PREFIX/N/CLASS/YEAR.
    #[schema(
        pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$",
        example = "KIR/12/07.00.03/2026"
    )]
    pub diary_number: String,
    pub title: String,
    /// Class code (luokitustunnus) of the task classification.
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$", example = "07 00 03")]
    pub class: String,
    pub parties: Vec<String>,
    pub state: CaseStateKey,
    pub opened_on: NaiveDate,
    pub decided_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub department: String,
    pub unit: Option<String>,
    pub assignee: Option<String>,
    pub legal_holds: Vec<LegalHoldAnswer>,
    /// The plan version the case was opened under.
    pub plan_version: u32,
    pub history: Vec<StateChangeAnswer>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// Publicity class of the case (asian julkisuusluokka); absent on cases stored before
    /// cases had one (the plan's value for the class applies).
    pub publicity: Option<PublicityKey>,
    /// Public title (julkinen otsikko), shown to readers without the right to the case.
    pub public_title: Option<String>,
    /// Why the case's publicity departs from the plan (absent when it does not, or when masked).
    pub publicity_override_reason: Option<String>,
    /// Explicit access list (käyttöoikeusluettelo): when not empty, only these users read the
    /// case, whatever their role (empty when masked).
    pub access: Vec<String>,
    /// The caller does not have the right to this restricted case: `title` is its public title,
    /// `parties` is empty and free-text reasons are left out.
    pub masked: bool,
}

impl From<&kirjuri_registry::CaseView> for CaseAnswer {
    fn from(view: &kirjuri_registry::CaseView) -> Self {
        let mut answer = CaseAnswer::from(&view.case);
        answer.masked = view.masked;
        if view.masked {
            answer.publicity_override_reason = None;
        }
        answer
    }
}

impl From<&kirjuri_registry::Case> for CaseAnswer {
    fn from(c: &kirjuri_registry::Case) -> Self {
        CaseAnswer {
            id: c.id.clone(),
            diary_number: c.diary_number.to_string(),
            title: c.title.clone(),
            class: c.class.to_string(),
            parties: c.parties.clone(),
            state: c.state.into(),
            opened_on: c.opened_on,
            decided_on: c.decided_on,
            closed_on: c.closed_on,
            department: c.department.clone(),
            unit: c.unit.clone(),
            assignee: c.assignee.clone(),
            legal_holds: c.legal_holds.iter().map(Into::into).collect(),
            plan_version: c.plan_version,
            history: c
                .history
                .iter()
                .map(|h| StateChangeAnswer {
                    from: h.from.map(Into::into),
                    to: h.to.into(),
                    at: h.at,
                    by: h.by.clone(),
                    reason: h.reason.clone(),
                })
                .collect(),
            created_by: c.created_by.clone(),
            created_at: c.created_at,
            publicity: c.publicity.map(Into::into),
            public_title: c.public_title.clone(),
            publicity_override_reason: c.publicity_override.as_ref().map(|o| o.reason.clone()),
            access: c.access.clone(),
            masked: false,
        }
    }
}

/// Electronic content of a document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContentAnswer {
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    pub file_name: String,
}

/// A paper record's storage place.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhysicalAnswer {
    pub archive_room: String,
    pub shelf: Option<String>,
    #[serde(rename = "box")]
    pub box_label: Option<String>,
}

/// A recorded departure from the plan's metadata for one document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverrideAnswer {
    pub field: String,
    /// The plan's value (any JSON value).
    pub plan_value: serde_json::Value,
    /// The value used instead (any JSON value).
    pub value: serde_json::Value,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A document (asiakirja).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentAnswer {
    pub id: String,
    pub case_id: String,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub diary_number: String,
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: String,
    /// Record type id in the plan.
    pub record_type: String,
    /// Its display name at registration.
    pub record_type_name: String,
    pub direction: DirectionKey,
    pub title: String,
    /// The document's own date (asiakirjan päivämäärä).
    pub created_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub sent_on: Option<NaiveDate>,
    pub parties: Vec<String>,
    pub language: String,
    pub restriction: RestrictionAnswer,
    pub retention: RetentionAnswer,
    pub overrides: Vec<OverrideAnswer>,
    pub plan_version: u32,
    pub content: Option<ContentAnswer>,
    pub physical: Option<PhysicalAnswer>,
    /// An externally entered trigger date (end of care, of employment, of a contract).
    pub trigger_event_on: Option<NaiveDate>,
    pub retention_status: RetentionStatusAnswer,
    /// The recorded death of the person the document concerns (Publicity Act §31(2)).
    pub subject_died_on: Option<NaiveDate>,
    /// The recorded end of the client or employment relationship.
    pub relationship_ended_on: Option<NaiveDate>,
    /// The day the document's secrecy ends (none for a public document, or while its start
    /// event is not recorded).
    pub secrecy_ends_on: Option<NaiveDate>,
    /// The rule that gave the secrecy end, e.g. "50 years after death 3.4.2031" or "100 years
    /// from the document date, death not known".
    pub secrecy_rule: Option<String>,
    pub legal_holds: Vec<LegalHoldAnswer>,
    pub registered_by: String,
    pub registered_at: DateTime<Utc>,
}

impl DocumentAnswer {
    /// The answer with the secrecy end computed against the document's case
    /// (`Document::secrecy_end`).
    pub fn with_case(mut self, document: &kirjuri_registry::Document, case: &kirjuri_registry::Case) -> Self {
        let end = document.secrecy_end(case);
        self.secrecy_ends_on = end.as_ref().and_then(kirjuri_plan::SecrecyEnd::ends_on);
        self.secrecy_rule = end.map(|e| e.describe_en());
        self
    }
}

impl From<&kirjuri_registry::Document> for DocumentAnswer {
    fn from(d: &kirjuri_registry::Document) -> Self {
        DocumentAnswer {
            id: d.id.clone(),
            case_id: d.case_id.clone(),
            diary_number: d.diary_number.to_string(),
            class: d.class.to_string(),
            record_type: d.record_type.clone(),
            record_type_name: d.record_type_name.clone(),
            direction: d.direction.into(),
            title: d.title.clone(),
            created_on: d.created_on,
            received_on: d.received_on,
            sent_on: d.sent_on,
            parties: d.parties.clone(),
            language: d.language.clone(),
            restriction: (&d.restriction).into(),
            retention: (&d.retention).into(),
            overrides: d
                .overrides
                .iter()
                .map(|o| OverrideAnswer {
                    field: o.field.clone(),
                    plan_value: o.plan_value.clone(),
                    value: o.value.clone(),
                    reason: o.reason.clone(),
                    by: o.by.clone(),
                    at: o.at,
                })
                .collect(),
            plan_version: d.plan_version,
            content: d.content.as_ref().map(|c| ContentAnswer {
                sha256: c.sha256.to_string(),
                size: c.size,
                media_type: c.media_type.clone(),
                file_name: c.file_name.clone(),
            }),
            physical: d.physical.as_ref().map(|p| PhysicalAnswer {
                archive_room: p.archive_room.clone(),
                shelf: p.shelf.clone(),
                box_label: p.box_label.clone(),
            }),
            trigger_event_on: d.trigger_event_on,
            retention_status: d.retention_status.into(),
            subject_died_on: d.subject_died_on,
            relationship_ended_on: d.relationship_ended_on,
            secrecy_ends_on: None,
            secrecy_rule: None,
            legal_holds: d.legal_holds.iter().map(Into::into).collect(),
            registered_by: d.registered_by.clone(),
            registered_at: d.registered_at,
        }
    }
}

/// Maps a list of stored records to their answers.
pub fn answers<'a, S: 'a, A: From<&'a S>>(records: &'a [S]) -> Vec<A> {
    records.iter().map(A::from).collect()
}
