//! Cases (asia): the registry's unit of handling, with the JHS 191 state list and the allowed
//! transitions (DOMAIN.md §4.3, project decision), dates, owners and legal holds.

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_plan::{ClassCode, PublicityClass};
use serde::{Deserialize, Serialize};

use crate::diary::DiaryNumber;

/// Case state (käsittelyprosessin tila), JHS 191 KasittelyprosessinTila.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseState {
    #[serde(rename = "avattu")]
    Avattu,
    #[serde(rename = "vireilla")]
    Vireilla,
    #[serde(rename = "valmistelussa")]
    Valmistelussa,
    #[serde(rename = "ratkaistavana")]
    Ratkaistavana,
    #[serde(rename = "paatetty")]
    Paatetty,
    #[serde(rename = "toimitettu-tiedoksi")]
    ToimitettuTiedoksi,
    #[serde(rename = "toimeenpantava")]
    Toimeenpantava,
    #[serde(rename = "muutoksenhaku")]
    Muutoksenhaku,
    #[serde(rename = "seurannassa")]
    Seurannassa,
    #[serde(rename = "avattu-uudelleen")]
    AvattuUudelleen,
    #[serde(rename = "siirretty")]
    Siirretty,
    #[serde(rename = "havitetty")]
    Havitetty,
}

impl CaseState {
    pub const ALL: &'static [CaseState] = &[
        CaseState::Avattu,
        CaseState::Vireilla,
        CaseState::Valmistelussa,
        CaseState::Ratkaistavana,
        CaseState::Paatetty,
        CaseState::ToimitettuTiedoksi,
        CaseState::Toimeenpantava,
        CaseState::Muutoksenhaku,
        CaseState::Seurannassa,
        CaseState::AvattuUudelleen,
        CaseState::Siirretty,
        CaseState::Havitetty,
    ];

    /// The key used on the command line, in JSON and in the state index.
    pub fn key(self) -> &'static str {
        match self {
            CaseState::Avattu => "avattu",
            CaseState::Vireilla => "vireilla",
            CaseState::Valmistelussa => "valmistelussa",
            CaseState::Ratkaistavana => "ratkaistavana",
            CaseState::Paatetty => "paatetty",
            CaseState::ToimitettuTiedoksi => "toimitettu-tiedoksi",
            CaseState::Toimeenpantava => "toimeenpantava",
            CaseState::Muutoksenhaku => "muutoksenhaku",
            CaseState::Seurannassa => "seurannassa",
            CaseState::AvattuUudelleen => "avattu-uudelleen",
            CaseState::Siirretty => "siirretty",
            CaseState::Havitetty => "havitetty",
        }
    }

    /// The JHS 191 Finnish name.
    pub fn finnish(self) -> &'static str {
        match self {
            CaseState::Avattu => "Avattu",
            CaseState::Vireilla => "Vireillä",
            CaseState::Valmistelussa => "Valmistelussa",
            CaseState::Ratkaistavana => "Ratkaistavana",
            CaseState::Paatetty => "Päätetty",
            CaseState::ToimitettuTiedoksi => "Toimitettu tiedoksi",
            CaseState::Toimeenpantava => "Toimeenpantava",
            CaseState::Muutoksenhaku => "Muutoksenhaku",
            CaseState::Seurannassa => "Seurannassa",
            CaseState::AvattuUudelleen => "Avattu uudelleen",
            CaseState::Siirretty => "Siirretty",
            CaseState::Havitetty => "Hävitetty",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            CaseState::Avattu => "opened",
            CaseState::Vireilla => "pending",
            CaseState::Valmistelussa => "in preparation",
            CaseState::Ratkaistavana => "awaiting decision",
            CaseState::Paatetty => "decided",
            CaseState::ToimitettuTiedoksi => "decision notified",
            CaseState::Toimeenpantava => "to be implemented",
            CaseState::Muutoksenhaku => "under appeal",
            CaseState::Seurannassa => "under follow-up",
            CaseState::AvattuUudelleen => "reopened",
            CaseState::Siirretty => "transferred",
            CaseState::Havitetty => "destroyed",
        }
    }

    /// Reads a key or the Finnish name, case-insensitively.
    pub fn parse(text: &str) -> Result<CaseState, String> {
        let wanted = text.trim().to_lowercase();
        CaseState::ALL
            .iter()
            .copied()
            .find(|s| s.key() == wanted || s.finnish().to_lowercase() == wanted)
            .ok_or_else(|| {
                let allowed: Vec<&str> = CaseState::ALL.iter().map(|s| s.key()).collect();
                format!("unknown case state `{text}`, expected one of: {}", allowed.join(", "))
            })
    }

    /// States a case may move to from this one (DOMAIN.md §4.3, project decision).
    pub fn allowed_next(self) -> &'static [CaseState] {
        use CaseState::*;
        match self {
            Avattu => &[Vireilla],
            Vireilla => &[Valmistelussa],
            Valmistelussa => &[Ratkaistavana],
            Ratkaistavana => &[Paatetty],
            Paatetty => &[ToimitettuTiedoksi, Toimeenpantava, Seurannassa, Siirretty, Havitetty],
            ToimitettuTiedoksi => &[Muutoksenhaku, Toimeenpantava],
            Toimeenpantava => &[Seurannassa, Paatetty],
            Muutoksenhaku => &[AvattuUudelleen, Paatetty],
            Seurannassa => &[Paatetty],
            AvattuUudelleen => &[Valmistelussa],
            Siirretty | Havitetty => &[],
        }
    }

    /// Siirretty and Hävitetty are final; they are entered only by archive transfer and disposal.
    pub fn is_final(self) -> bool {
        self.allowed_next().is_empty()
    }
}

/// A legal hold (säilytysesto) on a case or document: while active, it blocks destruction and
/// transfer (DOMAIN.md §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalHold {
    pub id: String,
    pub reason: String,
    pub placed_by: String,
    pub placed_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifted: Option<HoldLifting>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldLifting {
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl LegalHold {
    pub fn is_active(&self) -> bool {
        self.lifted.is_none()
    }
}

/// One state change in a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChange {
    pub from: Option<CaseState>,
    pub to: CaseState,
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A registered case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub diary_number: DiaryNumber,
    pub title: String,
    pub class: ClassCode,
    #[serde(default)]
    pub parties: Vec<String>,
    pub state: CaseState,
    pub opened_on: NaiveDate,
    /// Set on entering Päätetty; the usual retention trigger ("Asian lopullinen ratkaisu").
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    /// Project decision: a case is closed when it is decided (Päätetty) and not reopened or
    /// under appeal; cleared again when it is.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// Department (toimiala) and unit that own the case.
    pub department: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub legal_holds: Vec<LegalHold>,
    /// The plan version the case was classified under.
    pub plan_version: u32,
    pub history: Vec<StateChange>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// Publicity class of the case (asian julkisuusluokka): the plan's value for the class's
    /// handling process, or an override with its reason. A case title and its parties are often
    /// secret themselves (a social-welfare client, the requester of a GDPR request). `None` on
    /// cases stored before cases had a publicity class: read as the plan's value
    /// (`Registry::case_publicity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<PublicityClass>,
    /// Public title (julkinen otsikko): what a reader without the right to the case sees
    /// instead of `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_title: Option<String>,
    /// A departure from the plan's publicity class, with its recorded reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity_override: Option<PublicityOverride>,
    /// Explicit access list (käyttöoikeusluettelo): when not empty, only the users named here
    /// read the case's title, parties and restricted documents, whatever their role (an HR
    /// case for named people). Set with `Registry::set_case_access`, every change audited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<String>,
    /// The case belongs to a process handled city-wide (an information request, a security
    /// incident): a department reach does not cover it, so a requester's or reporter's name
    /// stays with the registry office and the privacy officer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub city_wide_process: bool,
}

/// A case's publicity class set against the plan's value, with why and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicityOverride {
    pub plan_value: Option<PublicityClass>,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl Case {
    /// Whether the case is handled city-wide (an information request, an incident): marked so
    /// when opened, or of one of `CITY_WIDE_PROCESS_CLASSES` (cases stored before the mark).
    pub fn handled_city_wide(&self) -> bool {
        self.city_wide_process || crate::registry::is_city_wide_process_class(&self.class)
    }

    pub fn has_active_hold(&self) -> bool {
        self.legal_holds.iter().any(LegalHold::is_active)
    }

    /// The case as a reader without the right to it sees it: the public title instead of the
    /// title, no parties, and no free-text reasons of state changes and legal holds (they may
    /// name the person). Dates, states, class, department and diary number stay: the diary is
    /// public (JulkL 5 §), the content is not.
    pub fn masked(&self, public_title: &str) -> Case {
        let mut case = self.clone();
        case.title = public_title.to_owned();
        case.public_title = Some(public_title.to_owned());
        case.parties = Vec::new();
        for change in &mut case.history {
            change.reason = None;
        }
        for hold in &mut case.legal_holds {
            hold.reason = String::new();
            if let Some(lifting) = &mut hold.lifted {
                lifting.reason = String::new();
            }
        }
        case.access = Vec::new();
        case.publicity_override = case.publicity_override.map(|o| PublicityOverride {
            reason: String::new(),
            ..o
        });
        case
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_table() {
        assert_eq!(CaseState::Avattu.allowed_next(), &[CaseState::Vireilla]);
        assert!(CaseState::Paatetty.allowed_next().contains(&CaseState::Havitetty));
        assert!(CaseState::Siirretty.is_final());
        assert_eq!(CaseState::parse("Päätetty").unwrap(), CaseState::Paatetty);
        assert!(
            CaseState::parse("done")
                .unwrap_err()
                .contains("expected one of: avattu, vireilla")
        );
    }

    #[test]
    fn every_state_is_reachable_from_opened() {
        let mut reached = vec![CaseState::Avattu];
        let mut frontier = vec![CaseState::Avattu];
        while let Some(state) = frontier.pop() {
            for next in state.allowed_next() {
                if !reached.contains(next) {
                    reached.push(*next);
                    frontier.push(*next);
                }
            }
        }
        assert_eq!(reached.len(), CaseState::ALL.len());
    }
}
