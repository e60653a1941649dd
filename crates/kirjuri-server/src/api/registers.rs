//! The register of processing activities and processor agreements.

use std::collections::BTreeMap;

use axum::extract::State;
use chrono::NaiveDate;
use kirjuri_incidents::AgreementState;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, blocking};
use crate::auth::Principal;
use crate::extract::Json;
use crate::users::Permission;

vocabulary!(
    /// State of a processor agreement.
    AgreementStateKey,
    AgreementState,
    &[
        AgreementState::Draft,
        AgreementState::Active,
        AgreementState::Expired,
        AgreementState::Terminated
    ],
    agreement_state_key
);

fn agreement_state_key(state: AgreementState) -> &'static str {
    match state {
        AgreementState::Draft => "draft",
        AgreementState::Active => "active",
        AgreementState::Expired => "expired",
        AgreementState::Terminated => "terminated",
    }
}

/// A class code (luokitustunnus) of the plan, e.g. `07 00 03`.
pub struct ClassCodeText;

impl utoipa::PartialSchema for ClassCodeText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[0-9]{2}( [0-9]{2})*$"))
            .examples(["07 00 03"])
            .into()
    }
}

impl ToSchema for ClassCodeText {}

/// A point of GDPR Art 30(1), by its letter.
pub struct Art30LetterText;

impl utoipa::PartialSchema for Art30LetterText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["a", "b", "c", "d", "e", "f", "g"]))
            .into()
    }
}

impl ToSchema for Art30LetterText {}

/// One entry of the register of processing activities (seloste käsittelytoimista, GDPR Art
/// 30(1)); the letters are the article's points.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessingRegisterAnswer {
    pub id: String,
    pub name: String,
    /// (a) The controller and its contact details.
    pub controller: String,
    pub department: String,
    /// (a) The data-protection officer's contact.
    pub dpo_contact: String,
    /// (b) Purposes of processing.
    pub purposes: Vec<String>,
    /// (c) Categories of data subjects.
    pub subject_categories: Vec<String>,
    /// (c) Categories of personal data.
    pub data_categories: Vec<String>,
    pub special_categories: bool,
    pub criminal_data: bool,
    /// (d) Recipients ("ei luovutuksia" when none).
    pub recipients: Vec<String>,
    /// (e) Third-country transfers ("ei siirtoja" when none).
    pub transfers: Vec<String>,
    /// (f) Erasure time limits: the plan classes whose retention applies.
    #[schema(inline, value_type = Vec<ClassCodeText>)]
    pub erasure_classes: Vec<String>,
    /// (g) Technical and organisational security measures.
    pub security_measures: String,
    pub legal_basis: String,
    /// DPIA status where Art 9/10 data are processed.
    pub dpia: String,
    pub systems: Vec<String>,
    /// Processors used (names as in the agreements).
    pub processors: Vec<String>,
    pub active: bool,
}

impl From<&kirjuri_incidents::ProcessingRegister> for ProcessingRegisterAnswer {
    fn from(r: &kirjuri_incidents::ProcessingRegister) -> Self {
        ProcessingRegisterAnswer {
            id: r.id.clone(),
            name: r.name.clone(),
            controller: r.controller.clone(),
            department: r.department.clone(),
            dpo_contact: r.dpo_contact.clone(),
            purposes: r.purposes.clone(),
            subject_categories: r.subject_categories.clone(),
            data_categories: r.data_categories.clone(),
            special_categories: r.special_categories,
            criminal_data: r.criminal_data,
            recipients: r.recipients.clone(),
            transfers: r.transfers.clone(),
            erasure_classes: r.erasure_classes.iter().map(ToString::to_string).collect(),
            security_measures: r.security_measures.clone(),
            legal_basis: r.legal_basis.clone(),
            dpia: r.dpia.clone(),
            systems: r.systems.clone(),
            processors: r.processors.clone(),
            active: r.active,
        }
    }
}

/// An active register entry that lacks something.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterCompletenessAnswer {
    pub id: String,
    pub name: String,
    /// The Art 30(1) points (letters `a`–`g`) the entry lacks.
    #[schema(inline, value_type = Vec<Art30LetterText>)]
    pub missing_art30: Vec<String>,
    /// Art 9/10 data are processed without a recorded DPIA status.
    pub lacks_dpia: bool,
}

impl From<&kirjuri_incidents::Completeness> for RegisterCompletenessAnswer {
    fn from(c: &kirjuri_incidents::Completeness) -> Self {
        RegisterCompletenessAnswer {
            id: c.id.clone(),
            name: c.name.clone(),
            missing_art30: c.missing_art30.iter().map(ToString::to_string).collect(),
            lacks_dpia: c.lacks_dpia,
        }
    }
}

/// The register of processing activities with the entries that lack something.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistersAnswer {
    pub registers: Vec<ProcessingRegisterAnswer>,
    /// Active entries with missing Art 30(1) points or a missing DPIA status (empty when
    /// every active entry is complete).
    pub completeness: Vec<RegisterCompletenessAnswer>,
}

/// A controller-processor agreement (käsittelijäsopimus, GDPR Art 28).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessorAgreementAnswer {
    pub id: String,
    pub processor: String,
    /// The register entries (ids) it covers.
    pub registers: Vec<String>,
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    pub state: AgreementStateKey,
    pub owner: String,
    /// The Art 28(3) checklist: item key → covered.
    pub checklist: BTreeMap<String, bool>,
}

impl From<&kirjuri_incidents::ProcessorAgreement> for ProcessorAgreementAnswer {
    fn from(a: &kirjuri_incidents::ProcessorAgreement) -> Self {
        ProcessorAgreementAnswer {
            id: a.id.clone(),
            processor: a.processor.clone(),
            registers: a.registers.clone(),
            signed_on: a.signed_on,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
            review_due: a.review_due,
            state: a.state.into(),
            owner: a.owner.clone(),
            checklist: a.checklist.clone(),
        }
    }
}

/// Processor agreements, and the processors of active register entries without a valid one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessorsAnswer {
    pub agreements: Vec<ProcessorAgreementAnswer>,
    /// Each `[processor, [register ids that name it]]`, for processors without an agreement
    /// valid today.
    pub without_valid_agreement: Vec<(String, Vec<String>)>,
}

#[utoipa::path(get, path = "/registers", tag = "registers",
    responses((status = 200, description = "The register of processing activities (GDPR Art 30) with completeness", body = RegistersAnswer)))]
pub async fn list_registers(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<RegistersAnswer>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let completeness = kirjuri_incidents::completeness(&registers);
        Ok(Json(RegistersAnswer {
            registers: answers(&registers),
            completeness: answers(&completeness),
        }))
    })
    .await
}

#[utoipa::path(get, path = "/processors", tag = "registers",
    responses((status = 200, description = "Processor agreements and processors without a valid one", body = ProcessorsAnswer)))]
pub async fn list_processors(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<ProcessorsAnswer>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, |registry| {
        let registers = kirjuri_incidents::load_registers(registry.store)?;
        let agreements = kirjuri_incidents::load_agreements(registry.store)?;
        let today = crate::api::helsinki_today();
        let missing = kirjuri_incidents::processors_without_agreement(&registers, &agreements, today);
        Ok(Json(ProcessorsAnswer {
            agreements: answers(&agreements),
            without_valid_agreement: missing,
        }))
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use serde_json::json;

    use super::*;

    #[test]
    fn registers_and_agreements_answer_as_before() {
        let registers: Vec<kirjuri_incidents::ProcessingRegister> = serde_json::from_value(json!([
            {
                "id": "reg-1", "name": "Asiakasrekisteri", "controller": "Esimerkkikaupunki",
                "department": "Sote", "dpo_contact": "", "purposes": ["asiakastyö"],
                "subject_categories": ["asiakkaat"], "data_categories": ["yhteystiedot"],
                "special_categories": true, "criminal_data": false, "recipients": [],
                "transfers": ["ei siirtoja"], "erasure_classes": ["07 00 03", "05.01"],
                "security_measures": "pääsynhallinta", "legal_basis": "6(1)(e)", "dpia": "",
                "systems": ["Kirjuri"], "processors": ["Pilvi Oy", "Arkisto Oy"], "active": true
            }
        ]))
        .unwrap();
        let agreements: Vec<kirjuri_incidents::ProcessorAgreement> = serde_json::from_value(json!([
            {
                "id": "agr-1", "processor": "Pilvi Oy", "registers": ["reg-1"],
                "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": null,
                "review_due": "2026-12-31", "state": "active", "owner": "tietosuojavastaava",
                "checklist": { "audits": true, "security": false }
            },
            {
                "id": "agr-2", "processor": "Arkisto Oy", "registers": [], "signed_on": null,
                "starts_on": null, "ends_on": null, "review_due": null, "state": "terminated",
                "owner": "arkistonhoitaja", "checklist": {}
            }
        ]))
        .unwrap();
        let completeness = kirjuri_incidents::completeness(&registers);
        assert!(!completeness.is_empty());
        assert_eq!(
            serde_json::to_value(RegistersAnswer {
                registers: answers(&registers),
                completeness: answers(&completeness),
            })
            .unwrap(),
            json!({ "registers": registers, "completeness": completeness })
        );
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let missing = kirjuri_incidents::processors_without_agreement(&registers, &agreements, day);
        assert_eq!(missing.len(), 1);
        assert_eq!(
            serde_json::to_value(ProcessorsAnswer {
                agreements: answers(&agreements),
                without_valid_agreement: missing.clone(),
            })
            .unwrap(),
            json!({ "agreements": agreements, "without_valid_agreement": missing })
        );
    }

    #[test]
    fn every_agreement_state_key_is_the_stored_word() {
        for key in AgreementStateKey::keys() {
            let state = AgreementState::parse(key).unwrap();
            assert_eq!(json!(AgreementStateKey(state)), json!(state));
        }
    }
}
