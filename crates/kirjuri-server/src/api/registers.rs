//! The register of processing activities and processor agreements.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kirjuri_incidents::{AgreementState, Save};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path};
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
    /// The privacy notice (GDPR Art 13/14): its link or reference, empty when none.
    pub privacy_notice: String,
    /// The day the privacy notice was published.
    pub privacy_notice_published: Option<NaiveDate>,
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
            privacy_notice: r.privacy_notice.clone(),
            privacy_notice_published: r.privacy_notice_published,
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

/// A register entry as a person writes it (the API's body and the web form): the id is the
/// path's on an edit.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterBody {
    /// A new entry's key (lower-case letters, digits, hyphens); ignored on an edit.
    #[serde(default)]
    #[schema(pattern = "^[a-z0-9][a-z0-9-]{0,63}$")]
    pub id: Option<String>,
    pub name: String,
    /// (a) The controller and its contact details.
    #[serde(default)]
    pub controller: String,
    #[serde(default)]
    pub department: String,
    /// (a) The data-protection officer's contact.
    #[serde(default)]
    pub dpo_contact: String,
    /// (b) Purposes of processing.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// (c) Categories of data subjects.
    #[serde(default)]
    pub subject_categories: Vec<String>,
    /// (c) Categories of personal data.
    #[serde(default)]
    pub data_categories: Vec<String>,
    #[serde(default)]
    pub special_categories: bool,
    #[serde(default)]
    pub criminal_data: bool,
    /// (d) Recipients ("ei luovutuksia" when none).
    #[serde(default)]
    pub recipients: Vec<String>,
    /// (e) Third-country transfers ("ei siirtoja" when none).
    #[serde(default)]
    pub transfers: Vec<String>,
    /// (f) The plan classes whose retention applies.
    #[serde(default)]
    #[schema(inline, value_type = Vec<ClassCodeText>)]
    pub erasure_classes: Vec<String>,
    /// (g) Technical and organisational security measures.
    #[serde(default)]
    pub security_measures: String,
    #[serde(default)]
    pub legal_basis: String,
    /// DPIA status where Art 9/10 data are processed.
    #[serde(default)]
    pub dpia: String,
    #[serde(default)]
    pub systems: Vec<String>,
    /// Processors used (names as in the agreements).
    #[serde(default)]
    pub processors: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
    /// The privacy notice (GDPR Art 13/14): its link or reference.
    #[serde(default)]
    pub privacy_notice: String,
    /// The day the privacy notice was published.
    #[serde(default)]
    pub privacy_notice_published: Option<NaiveDate>,
}

fn yes() -> bool {
    true
}

/// Items of a list as given: trimmed, blanks dropped.
fn items(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

impl RegisterBody {
    /// The entry it describes under `id`; a class code that is not one is refused, naming it.
    fn into_register(self, id: String) -> ApiResult<kirjuri_incidents::ProcessingRegister> {
        let erasure_classes = items(self.erasure_classes)
            .iter()
            .map(|code| {
                kirjuri_plan::ClassCode::parse(code).map_err(|e| ApiError::BadRequest {
                    code: "erasure_classes",
                    message: format!("erasure_classes: `{code}`: {e}"),
                })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        Ok(kirjuri_incidents::ProcessingRegister {
            id,
            name: self.name.trim().to_owned(),
            controller: self.controller.trim().to_owned(),
            department: self.department.trim().to_owned(),
            dpo_contact: self.dpo_contact.trim().to_owned(),
            purposes: items(self.purposes),
            subject_categories: items(self.subject_categories),
            data_categories: items(self.data_categories),
            special_categories: self.special_categories,
            criminal_data: self.criminal_data,
            recipients: items(self.recipients),
            transfers: items(self.transfers),
            erasure_classes,
            security_measures: self.security_measures.trim().to_owned(),
            legal_basis: self.legal_basis.trim().to_owned(),
            dpia: self.dpia.trim().to_owned(),
            systems: items(self.systems),
            processors: items(self.processors),
            active: self.active,
            privacy_notice: self.privacy_notice.trim().to_owned(),
            privacy_notice_published: self.privacy_notice_published,
        })
    }
}

/// Creates (`id` none: the body's) or edits (`id` the path's) a register entry for the API
/// and the web form, audited in the domain.
pub(crate) fn save_register_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: Option<String>,
    body: RegisterBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_incidents::ProcessingRegister> {
    let (save, id) = match id {
        Some(id) => (Save::Update, id),
        None => (Save::Create, body.id.clone().unwrap_or_default().trim().to_owned()),
    };
    let register = body.into_register(id)?;
    Ok(kirjuri_incidents::save_register(
        registry.store,
        &register,
        save,
        &actor.name,
    )?)
}

/// Adds an entry to the register of processing activities (audited `registers.create`).
#[utoipa::path(post, path = "/registers", tag = "registers", request_body = RegisterBody,
    responses((status = 201, description = "The new entry", body = ProcessingRegisterAnswer)))]
pub async fn create_register(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<RegisterBody>,
) -> ApiResult<(StatusCode, Json<ProcessingRegisterAnswer>)> {
    principal.require(Permission::WriteRegisters)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_register_as(registry, None, body, &actor)).await?;
    Ok((StatusCode::CREATED, Json(ProcessingRegisterAnswer::from(&stored))))
}

/// Changes an entry of the register of processing activities (audited `registers.update`).
#[utoipa::path(put, path = "/registers/{id}", tag = "registers", request_body = RegisterBody,
    params(("id" = String, Path, description = "Register entry id")),
    responses((status = 200, description = "The entry as changed", body = ProcessingRegisterAnswer)))]
pub async fn update_register(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<RegisterBody>,
) -> ApiResult<Json<ProcessingRegisterAnswer>> {
    principal.require(Permission::WriteRegisters)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_register_as(registry, Some(id), body, &actor)
    })
    .await?;
    Ok(Json(ProcessingRegisterAnswer::from(&stored)))
}

/// A processor agreement as a person writes it (the API's body and the web form).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementBody {
    /// A new agreement's key (lower-case letters, digits, hyphens); ignored on an edit.
    #[serde(default)]
    #[schema(pattern = "^[a-z0-9][a-z0-9-]{0,63}$")]
    pub id: Option<String>,
    pub processor: String,
    /// The register entries (ids) it covers.
    #[serde(default)]
    pub registers: Vec<String>,
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    /// Default `draft`.
    #[schema(value_type = Option<AgreementStateKey>)]
    pub state: Option<String>,
    #[serde(default)]
    pub owner: String,
    /// The Art 28(3) items the agreement covers (the others are recorded as not covered).
    #[serde(default)]
    pub covers: Vec<String>,
}

impl AgreementBody {
    fn into_agreement(self, id: String) -> ApiResult<kirjuri_incidents::ProcessorAgreement> {
        let state = AgreementState::parse(self.state.as_deref().unwrap_or("draft")).map_err(|message| {
            ApiError::BadRequest {
                code: "state",
                message: format!("state: {message}"),
            }
        })?;
        let covers = items(self.covers);
        if let Some(unknown) = covers
            .iter()
            .find(|c| !kirjuri_incidents::ART28_CHECKLIST.iter().any(|(key, _)| key == c))
        {
            return Err(ApiError::BadRequest {
                code: "checklist",
                message: format!("covers: unknown Art 28(3) item `{unknown}`"),
            });
        }
        let checklist = kirjuri_incidents::ART28_CHECKLIST
            .iter()
            .map(|(key, _)| ((*key).to_owned(), covers.iter().any(|c| c == key)))
            .collect();
        Ok(kirjuri_incidents::ProcessorAgreement {
            id,
            processor: self.processor.trim().to_owned(),
            registers: items(self.registers),
            signed_on: self.signed_on,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            review_due: self.review_due,
            state,
            owner: self.owner.trim().to_owned(),
            checklist,
        })
    }
}

/// Creates (`id` none) or edits a processor agreement for the API and the web form.
pub(crate) fn save_agreement_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: Option<String>,
    body: AgreementBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_incidents::ProcessorAgreement> {
    let (save, id) = match id {
        Some(id) => (Save::Update, id),
        None => (Save::Create, body.id.clone().unwrap_or_default().trim().to_owned()),
    };
    let agreement = body.into_agreement(id)?;
    Ok(kirjuri_incidents::save_agreement(
        registry.store,
        &agreement,
        save,
        &actor.name,
    )?)
}

/// Adds a processor agreement (audited `agreements.create`).
#[utoipa::path(post, path = "/processors", tag = "registers", request_body = AgreementBody,
    responses((status = 201, description = "The new agreement", body = ProcessorAgreementAnswer)))]
pub async fn create_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<AgreementBody>,
) -> ApiResult<(StatusCode, Json<ProcessorAgreementAnswer>)> {
    principal.require(Permission::WriteRegisters)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_agreement_as(registry, None, body, &actor)).await?;
    Ok((StatusCode::CREATED, Json(ProcessorAgreementAnswer::from(&stored))))
}

/// Changes a processor agreement (audited `agreements.update`).
#[utoipa::path(put, path = "/processors/{id}", tag = "registers", request_body = AgreementBody,
    params(("id" = String, Path, description = "Agreement id")),
    responses((status = 200, description = "The agreement as changed", body = ProcessorAgreementAnswer)))]
pub async fn update_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<AgreementBody>,
) -> ApiResult<Json<ProcessorAgreementAnswer>> {
    principal.require(Permission::WriteRegisters)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_agreement_as(registry, Some(id), body, &actor)
    })
    .await?;
    Ok(Json(ProcessorAgreementAnswer::from(&stored)))
}

/// One dated version of a register entry or a processor agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionAnswer<T> {
    /// When this state took effect; `null` for a state stored before versions were kept (an
    /// unknown start).
    pub valid_from: Option<chrono::DateTime<chrono::Utc>>,
    /// When the version was written down (later than `valid_from` for an imported earlier
    /// state); `null` for the unknown-start version.
    pub recorded_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Who made the change (empty for the unknown-start version).
    pub by: String,
    /// The fields that differ from the version before, by their names in `record`.
    pub changed: Vec<String>,
    pub record: T,
}

/// The versions of a register entry, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterVersionsAnswer {
    pub id: String,
    pub versions: Vec<VersionAnswer<ProcessingRegisterAnswer>>,
}

/// The versions of a processor agreement, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementVersionsAnswer {
    pub id: String,
    pub versions: Vec<VersionAnswer<ProcessorAgreementAnswer>>,
}

fn version_answers<T, A>(versions: &[kirjuri_incidents::Version<T>]) -> Vec<VersionAnswer<A>>
where
    A: for<'a> From<&'a T>,
{
    versions
        .iter()
        .map(|v| VersionAnswer {
            valid_from: v.valid_from,
            recorded_at: v.recorded_at,
            by: v.by.clone(),
            changed: v.changed.clone(),
            record: A::from(&v.record),
        })
        .collect()
}

/// The dated versions of a register entry (every change keeps the earlier state), for the
/// API; the web page and the CLI read the same `kirjuri_incidents::versions_of`.
pub(crate) fn register_versions_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: &str,
) -> ApiResult<Vec<kirjuri_incidents::Version<kirjuri_incidents::ProcessingRegister>>> {
    kirjuri_incidents::versions_of(registry.store, id)?
        .ok_or_else(|| ApiError::NotFound(format!("register entry {id}")))
}

/// The dated versions of a processor agreement.
pub(crate) fn agreement_versions_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: &str,
) -> ApiResult<Vec<kirjuri_incidents::Version<kirjuri_incidents::ProcessorAgreement>>> {
    kirjuri_incidents::versions_of(registry.store, id)?
        .ok_or_else(|| ApiError::NotFound(format!("processor agreement {id}")))
}

/// The versions of a register entry, oldest first: when each took effect, who changed it and
/// which fields (GDPR Art 30, Art 5(2) accountability).
#[utoipa::path(get, path = "/registers/{id}/versions", tag = "registers",
    params(("id" = String, Path, description = "Register entry id")),
    responses((status = 200, description = "The entry's versions", body = RegisterVersionsAnswer)))]
pub async fn register_versions(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<RegisterVersionsAnswer>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, move |registry| {
        let versions = register_versions_as(registry, &id)?;
        Ok(Json(RegisterVersionsAnswer {
            versions: version_answers(&versions),
            id,
        }))
    })
    .await
}

/// The versions of a processor agreement, oldest first (GDPR Art 28).
#[utoipa::path(get, path = "/processors/{id}/versions", tag = "registers",
    params(("id" = String, Path, description = "Agreement id")),
    responses((status = 200, description = "The agreement's versions", body = AgreementVersionsAnswer)))]
pub async fn agreement_versions(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<AgreementVersionsAnswer>> {
    principal.require(Permission::ReadRegisters)?;
    blocking(&state, move |registry| {
        let versions = agreement_versions_as(registry, &id)?;
        Ok(Json(AgreementVersionsAnswer {
            versions: version_answers(&versions),
            id,
        }))
    })
    .await
}
