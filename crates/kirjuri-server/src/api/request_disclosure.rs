//! The disclosure record of a document request (Publicity Act 621/1999): documents disclosed
//! or refused, fees (§34) and a transfer to another authority (§15). The rules live in
//! `kirjuri_requests::disclosure`; these handlers and the request page call them through
//! [`record_as`].

use axum::extract::State;
use chrono::NaiveDate;
use kirjuri_registry::{Actor, Reader, Registry};
use kirjuri_requests::{Delivery, DisclosureOutcome, NewDisclosure, NewFee};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::requests::InfoRequestAnswer;
use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::users::Permission;

vocabulary!(
    /// What became of a document asked for: disclosed in full, in part, or refused.
    DisclosureOutcomeKey, DisclosureOutcome, DisclosureOutcome::ALL, DisclosureOutcome::key
);
vocabulary!(
    /// How the information reached the requester (oral, on-site and email are free, §34).
    DeliveryKey, Delivery, Delivery::ALL, Delivery::key
);

/// One document disclosed, disclosed in part or refused.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisclosedDocumentAnswer {
    /// The registry document (its title is not part of the request: read the document).
    pub document_id: String,
    pub outcome: DisclosureOutcomeKey,
    /// The parts withheld of a partial disclosure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// Keys of the secrecy-grounds list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_ground: Option<String>,
    pub on: NaiveDate,
    pub by: String,
}

impl From<&kirjuri_requests::DisclosedDocument> for DisclosedDocumentAnswer {
    fn from(d: &kirjuri_requests::DisclosedDocument) -> Self {
        DisclosedDocumentAnswer {
            document_id: d.document_id.clone(),
            outcome: d.outcome.into(),
            withheld: d.withheld.clone(),
            grounds: d.grounds.clone(),
            other_ground: d.other_ground.clone(),
            on: d.on,
            by: d.by.clone(),
        }
    }
}

/// A fee charged under §34.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeeAnswer {
    /// Euro cents.
    pub amount_cents: i64,
    pub basis: String,
    pub delivery: DeliveryKey,
    pub on: NaiveDate,
    pub by: String,
}

impl From<&kirjuri_requests::Fee> for FeeAnswer {
    fn from(f: &kirjuri_requests::Fee) -> Self {
        FeeAnswer {
            amount_cents: f.amount_cents,
            basis: f.basis.clone(),
            delivery: f.delivery.into(),
            on: f.on,
            by: f.by.clone(),
        }
    }
}

/// The transfer of the request to another authority (§15); the request is then decided.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransferAnswer {
    pub on: NaiveDate,
    pub authority: String,
    pub by: String,
}

/// The disclosure record of a document request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisclosureAnswer {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DisclosedDocumentAnswer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<FeeAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferAnswer>,
}

impl From<&kirjuri_requests::Disclosure> for DisclosureAnswer {
    fn from(d: &kirjuri_requests::Disclosure) -> Self {
        DisclosureAnswer {
            documents: answers(&d.documents),
            fees: answers(&d.fees),
            transfer: d.transfer.as_ref().map(|t| TransferAnswer {
                on: t.on,
                authority: t.authority.clone(),
                by: t.by.clone(),
            }),
        }
    }
}

/// One change of a request's disclosure record.
pub(crate) enum DisclosureChange {
    Document(NewDisclosure),
    Fee(NewFee),
    Transfer { on: NaiveDate, authority: String },
}

/// Records a change for a reader (the API, the request page): the use-cases check that the
/// request and any document named are the reader's to see.
pub(crate) fn record_as(
    registry: &Registry<'_>,
    reader: &Reader,
    id: &str,
    change: DisclosureChange,
    actor: &Actor,
) -> ApiResult<kirjuri_requests::InfoRequest> {
    let requests = kirjuri_requests::Requests { registry };
    Ok(match change {
        DisclosureChange::Document(new) => requests.record_disclosure(id, &new, reader, actor)?,
        DisclosureChange::Fee(new) => requests.record_fee(id, &new, reader, actor)?,
        DisclosureChange::Transfer { on, authority } => requests.record_transfer(id, on, &authority, reader, actor)?,
    })
}

async fn record(
    state: AppState,
    principal: Principal,
    id: String,
    change: DisclosureChange,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::WriteRequests)?;
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let request = record_as(registry, &reader, &id, change, &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisclosureBody {
    /// The registry document's id (one the user may read).
    document_id: String,
    #[schema(value_type = DisclosureOutcomeKey)]
    outcome: String,
    /// For `partial`: which parts were withheld (e.g. "sivut 3–4, henkilötunnukset").
    withheld: Option<String>,
    /// Secrecy grounds by key or citation (`julkl-24-1-25`, "JulkL 24 § 1 mom 25 kohta").
    #[serde(default)]
    grounds: Vec<String>,
    /// A ground outside the secrecy-grounds list, as free text.
    other_ground: Option<String>,
}

/// Records a document disclosed, disclosed in part or refused. An unknown document and one the
/// user may not read are refused alike (400 `unknown_document`).
#[utoipa::path(post, path = "/requests/{id}/disclosures", tag = "requests", request_body = DisclosureBody,
    params(("id" = String, Path, description = "Request id (a document request)")),
    responses((status = 200, description = "The request with its disclosure record", body = InfoRequestAnswer)))]
pub async fn record_disclosure(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<DisclosureBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    let new = NewDisclosure {
        document_id: body.document_id,
        outcome: DisclosureOutcome::parse(&body.outcome).map_err(ApiError::bad_request)?,
        withheld: body.withheld,
        grounds: body.grounds,
        other_ground: body.other_ground,
    };
    record(state, principal, id, DisclosureChange::Document(new)).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeBody {
    /// Euro cents (1200 = 12,00 €).
    amount_cents: i64,
    /// What the fee is for.
    basis: String,
    /// `oral`, `on-site` and `email` are free (§34) and refused.
    #[schema(value_type = DeliveryKey)]
    delivery: String,
    /// The day charged (default: today).
    on: Option<NaiveDate>,
}

/// Records a fee charged under Publicity Act §34.
#[utoipa::path(post, path = "/requests/{id}/fees", tag = "requests", request_body = FeeBody,
    params(("id" = String, Path, description = "Request id (a document request)")),
    responses((status = 200, description = "The request with the fee recorded", body = InfoRequestAnswer)))]
pub async fn record_fee(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<FeeBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    let new = NewFee {
        amount_cents: body.amount_cents,
        basis: body.basis,
        delivery: Delivery::parse(&body.delivery).map_err(ApiError::bad_request)?,
        on: body.on,
    };
    record(state, principal, id, DisclosureChange::Fee(new)).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferBody {
    /// The day of the transfer (not before receipt, not in the future).
    on: NaiveDate,
    /// The receiving authority.
    authority: String,
}

/// Records the transfer of the request to another authority (§15): the request is decided
/// (state `transferred`) and its clock stops.
#[utoipa::path(post, path = "/requests/{id}/transfer", tag = "requests", request_body = TransferBody,
    params(("id" = String, Path, description = "Request id (an open document request)")),
    responses((status = 200, description = "The transferred request", body = InfoRequestAnswer)))]
pub async fn record_transfer(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<TransferBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    let change = DisclosureChange::Transfer {
        on: body.on,
        authority: body.authority,
    };
    record(state, principal, id, change).await
}
