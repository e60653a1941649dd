//! Rules that only GDPR data-subject requests have (DOMAIN.md §5.6, §6.1): the Art 12(4) record
//! of a refusal — whether it reached the person within one month of receipt, and that it told
//! them of their right to complain to the Data Protection Ombudsman and to go to court. Kept
//! apart from the Publicity Act rules; `Requests::transition` calls in here.

use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_registry::{Actor, RegistryError, RegistryResult};
use serde::{Deserialize, Serialize};

use crate::model::{InfoRequest, RequestState};

/// How a refusal of a GDPR request was given (Art 12(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Art12Refusal {
    /// The original one-month day (the first deadline at receipt, moved past a weekend or
    /// holiday under 1182/71 Art 3(4)): an extension never moves it for a refusal.
    pub one_month_day: NaiveDate,
    /// The day the refusal was sent to the person.
    pub told_on: NaiveDate,
    /// Sent after the one-month day: late under Art 12(4).
    pub late: bool,
    /// The refusal told the person of their right to complain to the Data Protection
    /// Ombudsman and to seek a judicial remedy (Art 12(4)).
    pub complaint_rights_told: bool,
}

/// Why a GDPR refusal is refused: a stable code and the words naming the field.
pub type Refused = (&'static str, String);

/// The Art 12(4) record of refusing `request`, told to the person on `told_on`. A refusal must
/// say the person may complain to the Data Protection Ombudsman and go to court: without
/// `complaint_rights_told` it is refused. `None` for a request with no GDPR clock.
pub fn refusal_record(
    request: &InfoRequest,
    told_on: NaiveDate,
    complaint_rights_told: bool,
) -> Result<Option<Art12Refusal>, Refused> {
    if !request.kind.is_gdpr() {
        return Ok(None);
    }
    if !complaint_rights_told {
        return Err((
            "complaint_rights_required",
            "a refusal of a GDPR request must tell the person of their right to complain to the Data Protection \
             Ombudsman and to go to court (GDPR 12(4)): confirm it with `complaint_rights_told`"
                .to_owned(),
        ));
    }
    if told_on < request.received_on {
        return Err((
            "told_on",
            format!(
                "`told_on` {told_on} is before the request was received ({})",
                request.received_on
            ),
        ));
    }
    let Some(first) = request.deadline_history.first() else {
        return Ok(None);
    };
    Ok(Some(Art12Refusal {
        one_month_day: first.due_moved,
        told_on,
        late: told_on > first.due_moved,
        complaint_rights_told,
    }))
}

/// The original one-month day of a GDPR request: the first deadline set at receipt, moved past
/// a weekend or holiday (1182/71 Art 3(4)). Art 12(3): an extension must be told to the data
/// subject, with its reasons, by this day; an extension never moves it. `None` for a request
/// without a GDPR clock.
pub fn one_month_day(request: &InfoRequest) -> Option<NaiveDate> {
    if !request.kind.is_gdpr() {
        return None;
    }
    request.deadline_history.first().map(|first| first.due_moved)
}

/// Whether the data subject was told of the extension of `request` in time: on or before its
/// [`one_month_day`] (GDPR Art 12(3)). `None` when the request is not an extended GDPR request.
/// The extension itself is refused when told later (`Requests::transition`), so a late one is
/// an extension recorded before that check was made, or imported.
pub fn extension_told_in_time(request: &InfoRequest) -> Option<bool> {
    let extension = request.extension.as_ref()?;
    Some(extension.told_requester_on <= one_month_day(request)?)
}

/// The warning of a late refusal, naming the one-month day (for the API answer and the CLI).
pub fn late_refusal_warning(request: &InfoRequest) -> Option<String> {
    let refusal = request.gdpr_refusal.as_ref().filter(|r| r.late)?;
    Some(format!(
        "late refusal: GDPR 12(4) requires a refusal to reach the person within one month of receipt, by {}, even \
         when the request was extended; it was sent on {}",
        refusal.one_month_day, refusal.told_on
    ))
}

/// How the requester's identity was verified (GDPR Art 12(6): the controller may ask for
/// information needed to confirm the identity when it has reasonable doubts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityMethod {
    /// Strong electronic identification (vahva sähköinen tunnistus, Suomi.fi; Act 617/2009).
    #[serde(rename = "strong-electronic")]
    StrongElectronic,
    /// An identity document shown at the service point.
    #[serde(rename = "id-document")]
    IdDocument,
    /// A known customer or the city's own official records.
    #[serde(rename = "known-customer")]
    KnownCustomer,
    /// A signed letter with a copy of an identity document.
    #[serde(rename = "signed-letter")]
    SignedLetter,
    /// Another way, described in the note.
    #[serde(rename = "other")]
    Other,
}

impl IdentityMethod {
    pub const ALL: &'static [IdentityMethod] = &[
        IdentityMethod::StrongElectronic,
        IdentityMethod::IdDocument,
        IdentityMethod::KnownCustomer,
        IdentityMethod::SignedLetter,
        IdentityMethod::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            IdentityMethod::StrongElectronic => "strong-electronic",
            IdentityMethod::IdDocument => "id-document",
            IdentityMethod::KnownCustomer => "known-customer",
            IdentityMethod::SignedLetter => "signed-letter",
            IdentityMethod::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<IdentityMethod, String> {
        IdentityMethod::ALL
            .iter()
            .copied()
            .find(|m| m.key() == text.trim())
            .ok_or_else(|| {
                let allowed: Vec<&str> = IdentityMethod::ALL.iter().map(|m| m.key()).collect();
                format!(
                    "unknown identity method `{text}`, expected one of: {}",
                    allowed.join(", ")
                )
            })
    }
}

/// What the identity check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityResult {
    #[serde(rename = "verified")]
    Verified,
    /// Not verified: the request may be refused (GDPR Art 12(2), 12(6)).
    #[serde(rename = "failed")]
    Failed,
}

impl IdentityResult {
    pub const ALL: &'static [IdentityResult] = &[IdentityResult::Verified, IdentityResult::Failed];

    pub fn key(self) -> &'static str {
        match self {
            IdentityResult::Verified => "verified",
            IdentityResult::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Result<IdentityResult, String> {
        IdentityResult::ALL
            .iter()
            .copied()
            .find(|r| r.key() == text.trim())
            .ok_or_else(|| format!("unknown identity check result `{text}`, expected one of: verified, failed"))
    }
}

/// One identity check of a GDPR request (Art 12(6)): how, with what result, by whom and when.
/// Kept as a list, oldest first: a failed check followed by a verified one stays visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityVerification {
    pub method: IdentityMethod,
    pub result: IdentityResult,
    /// Free text; required for `other` (what was done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub checked_by: String,
    pub checked_at: DateTime<Utc>,
}

/// GDPR Art 12(6): a request in `identity-check` moves on to `in-progress` only once the identity
/// was verified (a recorded check with the result `verified`). A failed check may lead to
/// `refused` (Art 12(2): the controller need not act when it cannot identify the person).
pub fn check_leaving_identity_check(request: &InfoRequest, to: RequestState) -> Result<(), Refused> {
    let verified = request
        .identity_verifications
        .iter()
        .any(|v| v.result == IdentityResult::Verified);
    if request.state == RequestState::IdentityCheck && to == RequestState::InProgress && !verified {
        return Err((
            "identity_not_verified",
            format!(
                "request {} cannot move to in-progress before the identity is verified (GDPR 12(6)): record how it was \
                 verified (`identity_verification`) first",
                request.id
            ),
        ));
    }
    Ok(())
}

impl crate::service::Requests<'_> {
    /// Records how the requester's identity was checked (GDPR Art 12(6)), audited as
    /// `request.verify_identity`. Only for GDPR requests; `other` needs its note.
    pub fn verify_identity(
        &self,
        id: &str,
        method: IdentityMethod,
        result: IdentityResult,
        note: Option<&str>,
        actor: &Actor,
    ) -> RegistryResult<InfoRequest> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        kirjuri_registry::limits::check_optional("note", note, kirjuri_registry::limits::TEXT)?;
        if method == IdentityMethod::Other && note.is_none() {
            return Err(RegistryError::Invalid {
                code: "note",
                message: "an identity check by `other` means needs a `note` saying what was done".to_owned(),
            });
        }
        let request = self.get(id)?;
        if !request.kind.is_gdpr() {
            return Err(RegistryError::Invalid {
                code: "not_gdpr",
                message: format!(
                    "request {} is not a GDPR request: no identity check is recorded",
                    request.id
                ),
            });
        }
        let record = IdentityVerification {
            method,
            result,
            note: note.map(str::to_owned),
            checked_by: actor.name.clone(),
            checked_at: actor.at,
        };
        let detail = serde_json::json!({ "method": method.key(), "result": result.key() });
        self.update(id, actor, "request.verify_identity", detail, |info| {
            if info.state.is_decided() {
                return Err(format!("request {} is {}; it is decided", info.id, info.state.key()));
            }
            info.identity_verifications.push(record.clone());
            Ok(())
        })
    }
}
