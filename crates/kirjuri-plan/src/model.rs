//! The plan (tiedonohjaussuunnitelma, TOS) as typed data: classes, their handling process,
//! phases, actions and record types, each with the attribute set of DOMAIN.md §2.5.
//!
//! Values read from a source may be missing (a relaxed JHS 191 file, a half-written TOML
//! file); [`crate::validate`] says what is wrong. A plan that validates without errors has
//! every required attribute on every process and record type.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::code::ClassCode;
use crate::values::{
    ActionClass, PersonalData, PlanState, ProtectionLevel, PublicityClass, RetentionTrigger, SecrecyStart,
    SecurityClass,
};

/// Longest retention period the plan accepts in years; SÄHKE2's 999999 means permanent.
pub const MAX_RETENTION_YEARS: u32 = 999;

/// Retention period (säilytysaika): whole years, or permanent (JHS 191 −1, SÄHKE2 999999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RetentionPeriod {
    Years(u32),
    Permanent,
}

impl RetentionPeriod {
    /// Reads the JHS 191 integer: −1 permanent, 0..=999 years; 999999 (SÄHKE2) is also permanent.
    pub fn from_jhs(value: i64) -> Result<RetentionPeriod, String> {
        match value {
            -1 | 999_999 => Ok(RetentionPeriod::Permanent),
            0..=999 => Ok(RetentionPeriod::Years(value as u32)),
            _ => Err(format!(
                "retention period {value} is not a whole number of years from 0 to {MAX_RETENTION_YEARS}, or -1 for permanent"
            )),
        }
    }

    /// The JHS 191 integer (−1 for permanent).
    pub fn to_jhs(self) -> i64 {
        match self {
            RetentionPeriod::Years(years) => i64::from(years),
            RetentionPeriod::Permanent => -1,
        }
    }

    pub fn is_permanent(self) -> bool {
        self == RetentionPeriod::Permanent
    }
}

impl fmt::Display for RetentionPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetentionPeriod::Years(years) => write!(f, "{years} years"),
            RetentionPeriod::Permanent => f.write_str("permanent"),
        }
    }
}

impl Serialize for RetentionPeriod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RetentionPeriod::Years(years) => serializer.serialize_u32(*years),
            RetentionPeriod::Permanent => serializer.serialize_str("permanent"),
        }
    }
}

impl<'de> Deserialize<'de> for RetentionPeriod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl serde::de::Visitor<'_> for PeriodVisitor {
            type Value = RetentionPeriod;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number of years (0 to 999) or \"permanent\"")
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<RetentionPeriod, E> {
                RetentionPeriod::from_jhs(value).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<RetentionPeriod, E> {
                let signed = i64::try_from(value).unwrap_or(i64::MAX);
                RetentionPeriod::from_jhs(signed).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<RetentionPeriod, E> {
                match value.trim().to_lowercase().as_str() {
                    "permanent" | "pysyvä" | "pysyvästi" => Ok(RetentionPeriod::Permanent),
                    other => match other.parse::<i64>() {
                        Ok(number) => RetentionPeriod::from_jhs(number).map_err(E::custom),
                        Err(_) => Err(E::custom(format!(
                            "retention `{value}` is not a whole number of years or \"permanent\""
                        ))),
                    },
                }
            }
        }
        deserializer.deserialize_any(PeriodVisitor)
    }
}

/// Restriction attributes (käyttörajoitustiedot): publicity, secrecy and personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restriction {
    /// Publicity class (julkisuusluokka).
    pub publicity: Option<PublicityClass>,
    /// For partly secret records: which parts are secret (Lupapiste's salassapidettavat-osat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_parts: Option<String>,
    /// Secrecy period (salassapitoaika) in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy_years: Option<u32>,
    /// Secrecy grounds (salassapitoperuste), legal references; several are allowed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrecy_reasons: Vec<String>,
    /// Start of the secrecy period (salassapitoajan laskentaperuste).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy_start: Option<SecrecyStart>,
    /// Protection level (suojaustaso).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection_level: Option<ProtectionLevel>,
    /// Security classification (turvallisuusluokka).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_class: Option<SecurityClass>,
    /// Personal-data nature (henkilötietoluonne).
    pub personal_data: Option<PersonalData>,
    /// Whether the records hold personal identity codes (henkilötunnus).
    pub personal_identity_code: Option<bool>,
}

/// Retention attributes (säilytysaikatiedot).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Retention period (säilytysaika).
    pub period: Option<RetentionPeriod>,
    /// Retention start trigger (säilytysajan laskentaperuste); none for permanent records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<RetentionTrigger>,
    /// Retention reason (säilytysajan peruste): the law or decision it rests on.
    pub reason: Option<String>,
}

/// Paper-storage and descriptive attributes of a process (DOMAIN.md §2.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessDetails {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information_systems: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_order: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_accountable: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection_class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
}

/// A record type (asiakirjatyyppi) produced by an action, with its effective restriction and
/// retention (inherited from the process where the source leaves them out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordType {
    /// Stable identifier, unique within the plan (`gdpr-access-request`).
    pub id: String,
    /// Document type (AsiakirjaluokkaTeksti) from DOMAIN.md §4.5, e.g. `Päätös`.
    pub document_type: String,
    /// Type specifier (tyypin tarkenne): the displayed name, e.g. "Tarkastuspyyntö".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specifier: Option<String>,
    pub restriction: Restriction,
    pub retention: Retention,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information_systems: Vec<String>,
    /// Event when publicity changes (julkisuusluokan muutos), e.g. "Asian päättäminen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity_change: Option<String>,
    /// Disposal of earlier versions (aiempien versioiden poistaminen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispose_previous_versions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_location: Option<String>,
}

impl RecordType {
    /// The name shown to users: the specifier, or the document type.
    pub fn display_name(&self) -> &str {
        self.specifier.as_deref().unwrap_or(&self.document_type)
    }
}

/// An action (toimenpide) of a phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Action type text (ToimenpideluokkaTeksti), free text or an action class.
    pub action_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub records: Vec<RecordType>,
}

/// A phase (käsittelyvaihe) of the handling process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub phase_type: ActionClass,
    pub actions: Vec<Action>,
}

/// The handling process (käsittelyprosessi) of a leaf class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Process {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub restriction: Restriction,
    pub retention: Retention,
    #[serde(default)]
    pub details: ProcessDetails,
    pub phases: Vec<Phase>,
}

impl Process {
    /// Every record type of the process in order.
    pub fn record_types(&self) -> impl Iterator<Item = &RecordType> {
        self.phases
            .iter()
            .flat_map(|p| p.actions.iter())
            .flat_map(|a| a.records.iter())
    }
}

/// A class (tehtäväluokka) of the task classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    pub code: ClassCode,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<Process>,
}

/// Plan-wide data: identity, version, state and the rounding rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanMeta {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub contact: String,
    pub version: u32,
    pub state: PlanState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Year-end rounding of retention ends (DOMAIN.md §3.1, project decision).
    pub year_end_rounding: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One version of the information-management plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub meta: PlanMeta,
    pub classes: BTreeMap<ClassCode, Class>,
}

/// A record type found in a plan, with the class that holds it.
#[derive(Debug, Clone, Copy)]
pub struct RecordTypeRef<'a> {
    pub class: &'a Class,
    pub process: &'a Process,
    pub record_type: &'a RecordType,
}

impl Plan {
    pub fn class(&self, code: &ClassCode) -> Option<&Class> {
        self.classes.get(code)
    }

    /// True when no other class lies below `code`.
    pub fn is_leaf(&self, code: &ClassCode) -> bool {
        !self.classes.keys().any(|other| other != code && other.is_within(code))
    }

    /// Every record type of the plan, in class order.
    pub fn record_types(&self) -> impl Iterator<Item = RecordTypeRef<'_>> {
        self.classes.values().flat_map(|class| {
            class.process.iter().flat_map(move |process| {
                process.record_types().map(move |record_type| RecordTypeRef {
                    class,
                    process,
                    record_type,
                })
            })
        })
    }

    /// Finds a record type by its id.
    pub fn record_type(&self, id: &str) -> Option<RecordTypeRef<'_>> {
        self.record_types().find(|found| found.record_type.id == id)
    }

    /// Classes at and below `code`, in code order.
    pub fn classes_within<'a>(&'a self, code: &'a ClassCode) -> impl Iterator<Item = &'a Class> {
        self.classes.values().filter(move |class| class.code.is_within(code))
    }
}
