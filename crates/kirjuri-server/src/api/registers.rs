//! The register of processing activities and processor agreements.

use axum::extract::State;
use serde_json::{Value, json};

use crate::AppState;
use crate::api::{ApiResult, blocking};
use crate::auth::Principal;
use crate::extract::Json;
use crate::users::Permission;

#[utoipa::path(get, path = "/registers", tag = "registers",
    responses((status = 200, description = "The register of processing activities (GDPR Art 30) with completeness", body = Object)))]
pub async fn list_registers(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let completeness = kirjuri_incidents::completeness(&registers);
        Ok(Json(json!({ "registers": registers, "completeness": completeness })))
    })
    .await
}

#[utoipa::path(get, path = "/processors", tag = "registers",
    responses((status = 200, description = "Processor agreements and processors without a valid one", body = Object)))]
pub async fn list_processors(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Value>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let agreements = kirjuri_incidents::load_agreements(registry.store)?;
        let today = crate::api::helsinki_today();
        let missing = kirjuri_incidents::processors_without_agreement(&registers, &agreements, today);
        Ok(Json(
            json!({ "agreements": agreements, "without_valid_agreement": missing }),
        ))
    })
    .await
}
