//! The disclosure record of a Publicity Act 621/1999 document request: which registry
//! documents were disclosed, disclosed in part (which parts were withheld and on which secrecy
//! grounds) or refused; the fees charged under §34; and the transfer of the request to the
//! competent authority under §15.
//!
//! Each change is one use-case of [`Requests`] (`record_disclosure`, `record_fee`,
//! `record_transfer`), validated before anything is written, stored on the request in one
//! audited transaction. A document is named by its registry id and must be one the acting
//! user may read: an unknown document and one they may not read are refused with the same
//! words, so the answer tells nothing of a document they cannot see.

use chrono::NaiveDate;
use kirjuri_registry::limits::{NAME, TEXT, check_length, check_optional};
use kirjuri_registry::{Actor, Reader, RegistryError, helsinki_date};
use serde::{Deserialize, Serialize};

use crate::model::{InfoRequest, RequestKind, RequestState};
use crate::service::{RequestResult, Requests};

fn invalid<T>(code: &'static str, message: impl Into<String>) -> RequestResult<T> {
    Err(RegistryError::Invalid {
        code,
        message: message.into(),
    })
}

/// What became of one document asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisclosureOutcome {
    /// Given in full.
    Disclosed,
    /// Given with parts withheld (§10: the public part of a partly secret document is given).
    Partial,
    /// Not given.
    Refused,
}

impl DisclosureOutcome {
    pub const ALL: &'static [DisclosureOutcome] = &[
        DisclosureOutcome::Disclosed,
        DisclosureOutcome::Partial,
        DisclosureOutcome::Refused,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DisclosureOutcome::Disclosed => "disclosed",
            DisclosureOutcome::Partial => "partial",
            DisclosureOutcome::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Result<DisclosureOutcome, String> {
        DisclosureOutcome::ALL
            .iter()
            .copied()
            .find(|o| o.key() == text.trim())
            .ok_or_else(|| "outcome: expected one of: disclosed, partial, refused".to_owned())
    }
}

/// How the information reaches the requester; decides whether a fee may be charged (§34).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    /// Told orally: free (§34(1)).
    Oral,
    /// Viewed at the authority's premises: free (§34(1)).
    OnSite,
    /// Sent by e-mail: free (§34(1)).
    Email,
    /// A copy or printout (on paper or a storage medium, collected or posted): may be charged.
    Copy,
}

impl Delivery {
    pub const ALL: &'static [Delivery] = &[Delivery::Oral, Delivery::OnSite, Delivery::Email, Delivery::Copy];

    pub fn key(self) -> &'static str {
        match self {
            Delivery::Oral => "oral",
            Delivery::OnSite => "on-site",
            Delivery::Email => "email",
            Delivery::Copy => "copy",
        }
    }

    pub fn parse(text: &str) -> Result<Delivery, String> {
        Delivery::ALL
            .iter()
            .copied()
            .find(|d| d.key() == text.trim())
            .ok_or_else(|| "delivery: expected one of: oral, on-site, email, copy".to_owned())
    }

    /// Publicity Act §34(1): information given orally, viewed on site or sent by e-mail is free.
    pub fn is_free(self) -> bool {
        !matches!(self, Delivery::Copy)
    }
}

/// One document of the registry disclosed, disclosed in part or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosedDocument {
    /// The registry document's id (its title is looked up for each reader, never stored here).
    pub document_id: String,
    pub outcome: DisclosureOutcome,
    /// For a partial disclosure: which parts were withheld ("sivut 3–4, henkilötunnukset").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// Keys of the secrecy-grounds list (`kirjuri_plan::secrecy_grounds`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<String>,
    /// A ground outside the list, as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_ground: Option<String>,
    pub on: NaiveDate,
    pub by: String,
}

/// A fee charged under §34 (copies, special measures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// Euro cents.
    pub amount_cents: i64,
    /// What was charged for ("kopiot 12 sivua, 1 €/sivu").
    pub basis: String,
    pub delivery: Delivery,
    pub on: NaiveDate,
    pub by: String,
}

/// Publicity Act §15: the request was transferred to the authority that holds the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub on: NaiveDate,
    /// The receiving authority ("Pohjois-Savon hyvinvointialue").
    pub authority: String,
    pub by: String,
}

/// The disclosure record of a document request (empty on requests stored before it existed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DisclosedDocument>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
}

impl Disclosure {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.fees.is_empty() && self.transfer.is_none()
    }

    /// The sum of the fees charged, in cents.
    pub fn fees_cents(&self) -> i64 {
        self.fees.iter().map(|f| f.amount_cents).sum()
    }
}

/// One document's outcome as asked for.
#[derive(Debug, Clone)]
pub struct NewDisclosure {
    pub document_id: String,
    pub outcome: DisclosureOutcome,
    pub withheld: Option<String>,
    /// Keys or citations the secrecy-grounds list's `parse` reads.
    pub grounds: Vec<String>,
    pub other_ground: Option<String>,
}

/// A fee as asked for.
#[derive(Debug, Clone)]
pub struct NewFee {
    pub amount_cents: i64,
    pub basis: String,
    pub delivery: Delivery,
    /// The day charged (default: today).
    pub on: Option<NaiveDate>,
}

/// The largest fee accepted: 10 000,00 €. A fee covers copies and special measures (§34), so a
/// larger figure is taken for a typing error (cents given as euros, an extra zero).
pub const MAX_FEE_CENTS: i64 = 1_000_000;

/// A document request's record, refused for any other kind.
fn publicity_only(request: &InfoRequest) -> RequestResult<()> {
    if request.kind != RequestKind::Publicity {
        return invalid(
            "wrong_kind",
            format!(
                "request {} is a {}; a disclosure record belongs to a document request (Publicity Act 621/1999)",
                request.id,
                request.kind.key()
            ),
        );
    }
    Ok(())
}

fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// The grounds as stored: each a ground of the secrecy-grounds list, by its key.
fn ground_keys(grounds: &[String]) -> RequestResult<Vec<String>> {
    let mut keys: Vec<String> = Vec::new();
    for (n, text) in grounds.iter().map(|g| g.trim()).filter(|g| !g.is_empty()).enumerate() {
        match kirjuri_plan::secrecy_grounds::parse(text) {
            Ok(ground) if !keys.iter().any(|k| k == ground.key) => keys.push(ground.key.to_owned()),
            Ok(_) => {}
            Err(expected) => {
                return invalid(
                    "unknown_ground",
                    format!(
                        "grounds: item {} is not a ground of the secrecy-grounds list ({expected}); \
                         give a ground outside the list as `other_ground`",
                        n + 1
                    ),
                );
            }
        }
    }
    Ok(keys)
}

/// A day of the record: not before the request arrived, not after today.
fn check_day(field: &str, day: NaiveDate, request: &InfoRequest, today: NaiveDate) -> RequestResult<()> {
    if day < request.received_on {
        return invalid(
            "bad_date",
            format!(
                "{field}: {day} is before the request was received ({})",
                request.received_on
            ),
        );
    }
    if day > today {
        return invalid(
            "bad_date",
            format!("{field}: {day} is in the future (today is {today})"),
        );
    }
    Ok(())
}

/// Validates one document's outcome for the acting reader and returns it as stored.
fn checked_document(
    requests: &Requests<'_>,
    request: &InfoRequest,
    new: &NewDisclosure,
    reader: &Reader,
    actor: &Actor,
) -> RequestResult<DisclosedDocument> {
    let document_id = new.document_id.trim();
    if document_id.is_empty() {
        return invalid("document_id", "document_id: give the registry id of the document");
    }
    check_length("document_id", document_id, NAME)?;
    // One answer for "no such document" and "not yours to read": the reader learns nothing of
    // a document they may not see.
    if requests.registry.read_document_for(document_id, reader).is_err() {
        return invalid(
            "unknown_document",
            format!("document_id: no document {document_id} among the documents you may read"),
        );
    }
    check_optional("withheld", new.withheld.as_deref(), TEXT)?;
    check_optional("other_ground", new.other_ground.as_deref(), NAME)?;
    let withheld = trimmed(new.withheld.as_deref());
    let other_ground = trimmed(new.other_ground.as_deref());
    let grounds = ground_keys(&new.grounds)?;
    let has_ground = !grounds.is_empty() || other_ground.is_some();
    match new.outcome {
        DisclosureOutcome::Disclosed if withheld.is_some() || has_ground => {
            return invalid(
                "outcome",
                "outcome: a document disclosed in full has no withheld parts or grounds; record it as partial",
            );
        }
        DisclosureOutcome::Partial if withheld.is_none() => {
            return invalid(
                "withheld",
                "withheld: say which parts were withheld (e.g. \"sivut 3–4, henkilötunnukset\")",
            );
        }
        DisclosureOutcome::Partial | DisclosureOutcome::Refused if !has_ground => {
            return invalid(
                "grounds",
                "grounds: withholding a document needs its secrecy ground (Publicity Act §24 or a special law), or `other_ground`",
            );
        }
        _ => {}
    }
    if request
        .disclosure
        .documents
        .iter()
        .any(|d| d.document_id == document_id)
    {
        return invalid(
            "document_id",
            format!(
                "document_id: document {document_id} is already recorded on request {}",
                request.id
            ),
        );
    }
    Ok(DisclosedDocument {
        document_id: document_id.to_owned(),
        outcome: new.outcome,
        withheld,
        grounds,
        other_ground,
        on: helsinki_date(actor.at),
        by: actor.name.clone(),
    })
}

/// A fee may be recorded: a positive, sensible amount, a basis, a delivery that is not free.
fn checked_fee(request: &InfoRequest, new: &NewFee, actor: &Actor) -> RequestResult<Fee> {
    let today = helsinki_date(actor.at);
    if new.delivery.is_free() {
        return invalid(
            "free_delivery",
            format!(
                "delivery: information given orally, viewed on site or sent by e-mail is free (Publicity Act §34); \
                 no fee for delivery {}",
                new.delivery.key()
            ),
        );
    }
    if new.amount_cents <= 0 {
        return invalid("amount", "amount: a fee is a positive amount in cents (1200 = 12,00 €)");
    }
    if new.amount_cents > MAX_FEE_CENTS {
        return invalid(
            "amount",
            format!(
                "amount: {} cents is more than the largest fee accepted ({} cents = 10 000,00 €); check the figure",
                new.amount_cents, MAX_FEE_CENTS
            ),
        );
    }
    let basis = new.basis.trim();
    if basis.is_empty() {
        return invalid("basis", "basis: say what the fee is for (e.g. \"kopiot 12 sivua\")");
    }
    check_length("basis", basis, TEXT)?;
    let on = new.on.unwrap_or(today);
    check_day("on", on, request, today)?;
    Ok(Fee {
        amount_cents: new.amount_cents,
        basis: basis.to_owned(),
        delivery: new.delivery,
        on,
        by: actor.name.clone(),
    })
}

/// A transfer may be recorded: an open request, a day between receipt and today, an authority.
fn checked_transfer(request: &InfoRequest, on: NaiveDate, authority: &str, actor: &Actor) -> RequestResult<Transfer> {
    let today = helsinki_date(actor.at);
    if request.state.is_decided() {
        return invalid(
            "invalid_transition",
            format!(
                "request {} is {}; only an open request can be transferred",
                request.id,
                request.state.key()
            ),
        );
    }
    check_day("on", on, request, today)?;
    let authority = authority.trim();
    if authority.is_empty() {
        return invalid(
            "authority",
            "authority: name the authority the request is transferred to",
        );
    }
    check_length("authority", authority, NAME)?;
    Ok(Transfer {
        on,
        authority: authority.to_owned(),
        by: actor.name.clone(),
    })
}

impl Requests<'_> {
    /// Records what became of one document asked for: disclosed, disclosed in part (the parts
    /// withheld and their grounds) or refused (its grounds). The document must be one the
    /// acting `reader` may read.
    pub fn record_disclosure(
        &self,
        id: &str,
        new: &NewDisclosure,
        reader: &Reader,
        actor: &Actor,
    ) -> RequestResult<InfoRequest> {
        let current = self.get_for(id, reader)?;
        publicity_only(&current)?;
        let entry = checked_document(self, &current, new, reader, actor)?;
        let detail = serde_json::json!({
            "document": entry.document_id, "outcome": entry.outcome.key(), "withheld": entry.withheld,
            "grounds": entry.grounds, "other_ground": entry.other_ground,
        });
        self.update(&current.id, actor, "request.disclosure", detail, move |info| {
            if info
                .disclosure
                .documents
                .iter()
                .any(|d| d.document_id == entry.document_id)
            {
                return Err(format!(
                    "document_id: document {} is already recorded",
                    entry.document_id
                ));
            }
            info.disclosure.documents.push(entry.clone());
            Ok(())
        })
    }

    /// Records a fee charged under §34. Refused for a free delivery (orally, on site, e-mail).
    pub fn record_fee(&self, id: &str, new: &NewFee, reader: &Reader, actor: &Actor) -> RequestResult<InfoRequest> {
        let current = self.get_for(id, reader)?;
        publicity_only(&current)?;
        let fee = checked_fee(&current, new, actor)?;
        let detail = serde_json::json!({
            "amount_cents": fee.amount_cents, "basis": fee.basis, "delivery": fee.delivery.key(), "on": fee.on,
        });
        self.update(&current.id, actor, "request.fee", detail, move |info| {
            info.disclosure.fees.push(fee.clone());
            Ok(())
        })
    }

    /// Records the transfer of the request to another authority (Publicity Act §15).
    ///
    /// A transferred request is **decided**: it moves to the state
    /// [`RequestState::Transferred`] and `decided_on` is the transfer day, so its clock stops
    /// and it leaves the lists of what is due. Why a state and not a flag: §15 hands the
    /// request over — the receiving authority answers it, on its own clock counted from its own
    /// receipt — so nothing is left for this authority to decide, and every list, alert and
    /// statistic that asks "is it decided?" must already say yes without knowing of transfers.
    /// The transfer itself must happen without delay; the year's report counts transfers.
    pub fn record_transfer(
        &self,
        id: &str,
        on: NaiveDate,
        authority: &str,
        reader: &Reader,
        actor: &Actor,
    ) -> RequestResult<InfoRequest> {
        let current = self.get_for(id, reader)?;
        publicity_only(&current)?;
        let transfer = checked_transfer(&current, on, authority, actor)?;
        let detail = serde_json::json!({
            "on": transfer.on, "authority": transfer.authority, "from": current.state.key(),
            "to": RequestState::Transferred.key(),
        });
        let reason = format!("transferred to {} (JulkL 15 §)", transfer.authority);
        self.update(&current.id, actor, "request.transfer", detail, move |info| {
            if info.state.is_decided() {
                return Err(format!(
                    "request {} is {}; only an open request can be transferred",
                    info.id,
                    info.state.key()
                ));
            }
            info.history.push(crate::model::RequestTransition {
                from: info.state,
                to: RequestState::Transferred,
                at: actor.at,
                by: actor.name.clone(),
                reason: Some(reason.clone()),
                legal_basis: Vec::new(),
            });
            info.state = RequestState::Transferred;
            info.decided_on = Some(transfer.on);
            info.disclosure.transfer = Some(transfer.clone());
            Ok(())
        })
    }
}

/// The year's §34 and §15 figures of document requests: fees charged in the year (by the day
/// charged) and requests transferred in the year (by the transfer day).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DisclosureFigures {
    /// Fees charged in the year.
    pub fees_charged: u64,
    /// Their sum in cents.
    pub fees_cents: i64,
    /// Requests transferred to another authority in the year (§15).
    pub transfers: u64,
}

impl DisclosureFigures {
    pub fn compute(year: i32, all: &[InfoRequest]) -> DisclosureFigures {
        use chrono::Datelike;
        let mut figures = DisclosureFigures::default();
        for request in all.iter().filter(|r| r.kind == RequestKind::Publicity) {
            for fee in request.disclosure.fees.iter().filter(|f| f.on.year() == year) {
                figures.fees_charged += 1;
                figures.fees_cents += fee.amount_cents;
            }
            figures.transfers += u64::from(
                request
                    .disclosure
                    .transfer
                    .as_ref()
                    .is_some_and(|t| t.on.year() == year),
            );
        }
        figures
    }
}
