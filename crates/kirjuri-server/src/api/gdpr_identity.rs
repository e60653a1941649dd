//! The identity check of a GDPR request (Art 12(6)): how the requester's identity was
//! verified, recorded by `kirjuri_requests::gdpr` (`Requests::verify_identity`).

use axum::extract::State;
use chrono::{DateTime, Utc};
use kirjuri_requests::gdpr::{IdentityMethod, IdentityResult};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::requests::{InfoRequestAnswer, RequestChange, change_request_as};
use crate::api::shapes::vocabulary;
use crate::api::{ApiResult, actor_of, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::users::Permission;

vocabulary!(
    /// How the identity was verified: strong electronic identification (Suomi.fi), an identity
    /// document at the service point, a known customer or official records, a signed letter with a
    /// copy of an identity document, or other (with a note).
    IdentityMethodKey, IdentityMethod, IdentityMethod::ALL, IdentityMethod::key
);
vocabulary!(
    /// What the identity check found.
    IdentityResultKey, IdentityResult, IdentityResult::ALL, IdentityResult::key
);

/// One identity check of a GDPR request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IdentityVerificationAnswer {
    pub method: IdentityMethodKey,
    pub result: IdentityResultKey,
    pub note: Option<String>,
    pub checked_by: String,
    pub checked_at: DateTime<Utc>,
}

impl From<&kirjuri_requests::gdpr::IdentityVerification> for IdentityVerificationAnswer {
    fn from(v: &kirjuri_requests::gdpr::IdentityVerification) -> Self {
        IdentityVerificationAnswer {
            method: v.method.into(),
            result: v.result.into(),
            note: v.note.clone(),
            checked_by: v.checked_by.clone(),
            checked_at: v.checked_at,
        }
    }
}

/// How the identity was checked.
#[derive(Deserialize, ToSchema)]
pub struct IdentityVerificationBody {
    #[schema(value_type = IdentityMethodKey)]
    method: String,
    #[schema(value_type = IdentityResultKey)]
    result: String,
    /// What was done (required for `other`).
    note: Option<String>,
}

/// Records how the requester's identity was verified (GDPR Art 12(6)); a GDPR request leaves
/// `identity-check` for `in-progress` only after a `verified` check.
#[utoipa::path(post, path = "/requests/{id}/identity-verifications", tag = "requests", request_body = IdentityVerificationBody,
    params(("id" = String, Path, description = "Request id")),
    responses((status = 200, description = "The request with the identity check recorded", body = InfoRequestAnswer)))]
pub async fn verify_identity(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<IdentityVerificationBody>,
) -> ApiResult<Json<InfoRequestAnswer>> {
    principal.require(Permission::WriteRequests)?;
    let method = IdentityMethod::parse(&body.method).map_err(ApiError::bad_request)?;
    let result = IdentityResult::parse(&body.result).map_err(ApiError::bad_request)?;
    let actor = actor_of(&principal);
    let reader = principal.reader();
    blocking(&state, move |registry| {
        let change = RequestChange::VerifyIdentity(method, result, body.note);
        let request = change_request_as(registry, &reader, &id, change, &actor)?;
        Ok(Json(InfoRequestAnswer::from(&request)))
    })
    .await
}
