//! Closed value sets of the plan (DOMAIN.md §2.6): publicity class, personal-data nature,
//! protection level, security class, retention and secrecy triggers, action classes and
//! document types.
//!
//! Each value has a key used in the plan files, the CLI and JSON (`partly-secret`), its
//! Finnish label as JHS 191 and SÄHKE2 write it, an English label and, where the standard
//! has one, its numeric code. Parsing accepts the key, the Finnish label (and legacy
//! spellings) and the code, case-insensitively; errors list the allowed keys.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of a closed set could not be read; the message lists what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {set} `{given}`, expected one of: {allowed}")]
pub struct UnknownValue {
    pub set: &'static str,
    pub given: String,
    pub allowed: String,
}

macro_rules! value_set {
    (
        $(#[$meta:meta])*
        $name:ident, $set:literal {
            $( $variant:ident = ($key:literal, $code:expr, $fi:literal, $en:literal $(, $alias:literal)* ) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the standard's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Name of the set in messages.
            pub const SET: &'static str = $set;

            /// The key used in plan files, the CLI and JSON.
            pub fn key(self) -> &'static str { match self { $($name::$variant => $key),+ } }
            /// The numeric code of the standard, or 0 where it has none.
            pub fn code(self) -> u8 { match self { $($name::$variant => $code),+ } }
            /// The Finnish label, as JHS 191 and SÄHKE2 spell it.
            pub fn finnish(self) -> &'static str { match self { $($name::$variant => $fi),+ } }
            /// The English label.
            pub fn english(self) -> &'static str { match self { $($name::$variant => $en),+ } }

            /// Reads a key, a Finnish label (or legacy spelling) or a numeric code.
            pub fn parse(text: &str) -> Result<$name, UnknownValue> {
                let wanted = text.trim().to_lowercase();
                $(
                    let matches_variant = wanted == $key
                        || wanted == $fi.to_lowercase()
                        || ($code != 0 && wanted == $code.to_string())
                        $(|| wanted == $alias.to_lowercase())*;
                    if matches_variant {
                        return Ok($name::$variant);
                    }
                )+
                Err(UnknownValue {
                    set: $set,
                    given: text.to_owned(),
                    allowed: $name::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.key()) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

value_set! {
    /// Publicity class (julkisuusluokka), JHS 191 `JulkisuusluokkaKoodi`.
    PublicityClass, "publicity class" {
        Public = ("public", 1, "Julkinen", "public"),
        PartlySecret = ("partly-secret", 2, "Osittain salassa pidettävä", "partly secret", "Osittain salassapidettävä", "osittain-salassapidettava"),
        Secret = ("secret", 3, "Salassa pidettävä", "secret", "Salassapidettävä", "salainen"),
        NonPublic = ("non-public", 4, "Ei-julkinen", "non-public", "sisäinen"),
    }
}

impl PublicityClass {
    /// Secret and partly secret records need a secrecy period, reason and start (§2.7 rule 4).
    pub fn requires_secrecy(self) -> bool {
        matches!(self, PublicityClass::Secret | PublicityClass::PartlySecret)
    }
}

value_set! {
    /// Personal-data nature (henkilötietoluonne), JHS 191 `HenkilotietoluonneKoodi` 1–3 plus
    /// Helsinki's extensions 4–5.
    PersonalData, "personal-data nature" {
        None = ("none", 1, "Ei sisällä henkilötietoja", "no personal data"),
        Personal = ("personal", 2, "Sisältää henkilötietoja", "personal data"),
        Sensitive = ("sensitive", 3, "Sisältää arkaluonteisia henkilötietoja", "sensitive personal data"),
        Special = ("special", 4, "Sisältää erityisiä henkilötietoja", "special categories (GDPR Art 9)"),
        Criminal = ("criminal", 5, "Sisältää rikoksiin tai rikkomuksiin liittyvää henkilötietoa", "criminal convictions and offences (GDPR Art 10)"),
    }
}

impl PersonalData {
    /// The code the strict JHS 191 schema accepts (1–3).
    ///
    /// Project decision (DOMAIN.md §2.6): 4 and 5 are written as 3; the export report says so.
    pub fn strict_jhs_code(self) -> u8 {
        self.code().min(3)
    }
}

value_set! {
    /// Protection level (suojaustaso), JHS 191 `SuojaustasoKoodi`.
    ProtectionLevel, "protection level" {
        StI = ("st-i", 1, "ST I", "protection level I"),
        StII = ("st-ii", 2, "ST II", "protection level II"),
        StIII = ("st-iii", 3, "ST III", "protection level III"),
        StIV = ("st-iv", 4, "ST IV", "protection level IV"),
    }
}

value_set! {
    /// Security classification (turvallisuusluokka), JHS 191 `TurvallisuusluokkaKoodi`.
    SecurityClass, "security class" {
        TlI = ("tl-i", 1, "ERITTÄIN SALAINEN", "top secret (TL I)"),
        TlII = ("tl-ii", 2, "SALAINEN", "secret (TL II)"),
        TlIII = ("tl-iii", 3, "LUOTTAMUKSELLINEN", "confidential (TL III)"),
        TlIV = ("tl-iv", 4, "KÄYTTÖ RAJOITETTU", "restricted (TL IV)"),
    }
}

value_set! {
    /// Retention start trigger (säilytysajan laskentaperuste), DOMAIN.md §2.6.
    RetentionTrigger, "retention trigger" {
        CaseDecision = ("case-decision", 0, "Asian lopullinen ratkaisu", "final decision of the case", "Asian ratkaisu"),
        DocumentDate = ("document-date", 0, "Asiakirjan päivämäärä", "date of the document"),
        EndOfCare = ("end-of-care", 0, "Hoidon päättyminen", "end of care or service"),
        EndOfEmployment = ("end-of-employment", 0, "Palvelussuhteen päättyminen", "end of employment"),
        EndOfFinancialYear = ("end-of-financial-year", 0, "Tilikauden päättyminen", "end of the financial year"),
        EndOfCalendarYear = ("end-of-calendar-year", 0, "Vuoden päättyminen", "end of the calendar year"),
        EndOfContract = ("end-of-contract", 0, "Sopimuksen päättyminen", "end of the contract"),
        BuildingDemolition = ("building-demolition", 0, "Rakennuksen purkamispäivä", "demolition of the building"),
    }
}

/// Where the date that starts a retention period comes from (DOMAIN.md §2.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TriggerSource {
    /// The case's decision date, set when it enters Päätetty.
    CaseDecisionDate,
    /// The record's own date.
    DocumentDate,
    /// The record's own date, moved to 31 December of its year (accounting and leave rules are
    /// modelled as a year-end trigger, not as rounding: §3.1).
    YearEndOfDocumentDate,
    /// An event a user enters (end of care, of employment, of a contract, a demolition).
    ExternalEvent,
}

impl RetentionTrigger {
    /// Where the trigger date is read from.
    pub fn source(self) -> TriggerSource {
        match self {
            RetentionTrigger::CaseDecision => TriggerSource::CaseDecisionDate,
            RetentionTrigger::DocumentDate => TriggerSource::DocumentDate,
            RetentionTrigger::EndOfFinancialYear | RetentionTrigger::EndOfCalendarYear => {
                TriggerSource::YearEndOfDocumentDate
            }
            RetentionTrigger::EndOfCare
            | RetentionTrigger::EndOfEmployment
            | RetentionTrigger::EndOfContract
            | RetentionTrigger::BuildingDemolition => TriggerSource::ExternalEvent,
        }
    }
}

value_set! {
    /// Start of the secrecy period (salassapitoajan laskentaperuste), DOMAIN.md §2.6.
    SecrecyStart, "secrecy start" {
        CaseDecision = ("case-decision", 0, "Asian ratkaisu", "decision of the case", "Asian lopullinen ratkaisu"),
        DocumentDate = ("document-date", 0, "Asiakirjan päivämäärä", "date of the document"),
        DocumentCompletion = ("document-completion", 0, "Asiakirjan valmistuminen", "completion of the document"),
        DocumentArrival = ("document-arrival", 0, "Asiakirjan saapumisajankohta", "arrival of the document"),
        // Publicity Act §31(2): private-life secrecy runs from the death of the person.
        DeathOfPerson = ("death-of-person", 0, "Henkilön kuolema", "death of the person", "kuolema"),
        // The end of a client or employment relationship, entered on the document.
        EndOfRelationship = ("end-of-relationship", 0, "Asiakas- tai palvelussuhteen päättyminen", "end of the client or employment relationship"),
    }
}

value_set! {
    /// Action class (toimenpideluokka) used as phase and action type, DOMAIN.md §4.4.
    ActionClass, "action class" {
        Ohjaus = ("ohjaus", 0, "Ohjaus", "guidance", "neuvonta/ohjaus", "neuvonta"),
        Vireilletulo = ("vireilletulo", 0, "Vireilletulo", "initiation"),
        Valmistelu = ("valmistelu", 0, "Valmistelu", "preparation", "valmistelu/käsittely", "käsittely"),
        Paatoksenteko = ("päätöksenteko", 0, "Päätöksenteko", "decision-making", "paatoksenteko"),
        Toimeenpano = ("toimeenpano", 0, "Toimeenpano", "implementation"),
        Tiedoksianto = ("tiedoksianto", 0, "Tiedoksianto", "notification"),
        Muutoksenhaku = ("muutoksenhaku", 0, "Muutoksenhaku", "appeal"),
        Seuranta = ("seuranta", 0, "Seuranta", "follow-up"),
    }
}

value_set! {
    /// State of a plan version (helerm's states, DOMAIN.md §2.4).
    PlanState, "plan state" {
        Draft = ("draft", 0, "Luonnos", "draft"),
        SentForReview = ("sent-for-review", 0, "Tarkastettavana", "sent for review"),
        WaitingForApproval = ("waiting-for-approval", 0, "Hyväksyttävänä", "waiting for approval"),
        Approved = ("approved", 0, "Hyväksytty", "approved"),
    }
}

/// Document types (AsiakirjaluokkaTeksti) with their English names, DOMAIN.md §4.5.
pub const DOCUMENT_TYPES: &[(&str, &str)] = &[
    ("Aloite", "initiative"),
    ("Asetus", "decree"),
    ("Ehdotus", "proposal"),
    ("Esitys", "motion to the decision-maker"),
    ("Esityslista", "agenda"),
    ("Hakemus", "application"),
    ("Ilmoitus", "notification"),
    ("Julkaisu", "publication"),
    ("Kannanotto", "position statement"),
    ("Kantelu", "complaint"),
    ("Kartta", "map"),
    ("Kertomus", "report (narrative)"),
    ("Kirje", "letter"),
    ("Kutsu", "invitation"),
    ("Kuulutus", "public notice"),
    ("Kuva", "image"),
    ("Laki", "act"),
    ("Lasku", "invoice"),
    ("Lausunto", "statement"),
    ("Lausuntopyyntö", "request for statement"),
    ("Liite", "attachment"),
    ("Luettelo", "list"),
    ("Lupa", "permit"),
    ("Mietintö", "committee report"),
    ("Muistio", "memorandum"),
    ("Määräys", "regulation, order"),
    ("Nimittämiskirja", "letter of appointment"),
    ("Ohje", "instruction"),
    ("Ohjelma", "programme"),
    ("Oikaisuvaatimus", "request for review"),
    ("Ote", "extract"),
    ("Piirustus", "drawing"),
    ("Pyyntö", "request"),
    ("Päätös", "decision"),
    ("Pöytäkirja", "minutes"),
    ("Raportti", "report"),
    ("Seloste", "description"),
    ("Selvitys", "account, investigation"),
    ("Sopimus", "contract"),
    ("Strategia", "strategy"),
    ("Suositus", "recommendation"),
    ("Suunnitelma", "plan"),
    ("Talousarvio", "budget"),
    ("Tarjous", "tender"),
    ("Tarjouspyyntö", "call for tenders"),
    ("Teos", "work"),
    ("Tiedote", "bulletin"),
    ("Tilasto", "statistics"),
    ("Tilaus", "order"),
    ("Tilinpäätös", "financial statements"),
    ("Todistus", "certificate"),
    ("Tosite", "voucher"),
    ("Valitus", "appeal"),
    ("Valtakirja", "power of attorney"),
    ("Vastine", "reply (rejoinder)"),
    ("Yhteenveto", "summary"),
];

/// Returns the canonical spelling of a document type (case-insensitive match), or an error
/// that lists the allowed values.
pub fn document_type(text: &str) -> Result<&'static str, UnknownValue> {
    let wanted = text.trim().to_lowercase();
    DOCUMENT_TYPES
        .iter()
        .find(|(finnish, _)| finnish.to_lowercase() == wanted)
        .map(|(finnish, _)| *finnish)
        .ok_or_else(|| UnknownValue {
            set: "document type",
            given: text.to_owned(),
            allowed: DOCUMENT_TYPES.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publicity_accepts_key_label_code_and_legacy_spelling() {
        assert_eq!(
            PublicityClass::parse("partly-secret").unwrap(),
            PublicityClass::PartlySecret
        );
        assert_eq!(
            PublicityClass::parse("Osittain salassapidettävä").unwrap(),
            PublicityClass::PartlySecret
        );
        assert_eq!(PublicityClass::parse("3").unwrap(), PublicityClass::Secret);
        assert_eq!(PublicityClass::parse("JULKINEN").unwrap(), PublicityClass::Public);
    }

    #[test]
    fn unknown_value_lists_allowed() {
        let err = PublicityClass::parse("topsecret").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown publicity class `topsecret`, expected one of: public, partly-secret, secret, non-public"
        );
        assert!(RetentionTrigger::parse("0").is_err(), "code 0 means no code");
    }

    #[test]
    fn strict_personal_data_code() {
        assert_eq!(PersonalData::Criminal.strict_jhs_code(), 3);
        assert_eq!(PersonalData::Personal.strict_jhs_code(), 2);
    }

    #[test]
    fn document_types() {
        assert_eq!(document_type("päätös").unwrap(), "Päätös");
        assert!(
            document_type("Päätöstä")
                .unwrap_err()
                .to_string()
                .contains("Pöytäkirja")
        );
        assert_eq!(DOCUMENT_TYPES.len(), 56);
    }
}
