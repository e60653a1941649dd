//! Retention dues, legal holds (säilytysesto), disposal proposals (four eyes) and
//! destruction records.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use kirjuri_archive::disposal;
use kirjuri_plan::ClassCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{LegalHoldAnswer, PhysicalAnswer, answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking, class_param, helsinki_today, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

vocabulary!(
    /// State of a disposal proposal: `pending` → `approved` → `executed` (or
    /// `execution-failed`, resumable); `restored` when cancelled.
    ProposalStateKey,
    disposal::ProposalState,
    &[
        disposal::ProposalState::Pending,
        disposal::ProposalState::Approved,
        disposal::ProposalState::Executed,
        disposal::ProposalState::ExecutionFailed,
        disposal::ProposalState::Restored,
    ],
    proposal_state_key
);

fn proposal_state_key(state: disposal::ProposalState) -> &'static str {
    use disposal::ProposalState as S;
    match state {
        S::Pending => "pending",
        S::Approved => "approved",
        S::Executed => "executed",
        S::ExecutionFailed => "execution-failed",
        S::Restored => "restored",
    }
}

vocabulary!(
    /// State of one item of a disposal proposal.
    ItemStateKey,
    disposal::ItemState,
    &[
        disposal::ItemState::Pending,
        disposal::ItemState::Removed,
        disposal::ItemState::Destroyed,
        disposal::ItemState::AwaitingPaperConfirmation,
        disposal::ItemState::Failed,
    ],
    item_state_key
);

fn item_state_key(state: disposal::ItemState) -> &'static str {
    use disposal::ItemState as S;
    match state {
        S::Pending => "pending",
        S::Removed => "removed",
        S::Destroyed => "destroyed",
        S::AwaitingPaperConfirmation => "awaiting-paper-confirmation",
        S::Failed => "failed",
    }
}

/// What a legal hold is placed on (or lifted from).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // a schema only: the handlers read the target as text
pub enum HoldTargetKey {
    /// A case: holds all its documents.
    Case,
    Document,
}

fn physical_answer(paper: &kirjuri_registry::PhysicalItem) -> PhysicalAnswer {
    PhysicalAnswer {
        archive_room: paper.archive_room.clone(),
        shelf: paper.shelf.clone(),
        box_label: paper.box_label.clone(),
    }
}

/// One record due for disposal.
#[derive(Serialize, ToSchema)]
pub struct DueItemAnswer {
    /// Document id.
    pub document: String,
    /// Case id.
    pub case: String,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub diary_number: String,
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: String,
    pub record_type: String,
    pub title: String,
    pub retention_end: NaiveDate,
    /// The retention period as text: `10 years`, `permanent`, or `?` when the record has none.
    #[schema(pattern = r"^([0-9]+ years|permanent|\?)$", example = "10 years")]
    pub retention: String,
    pub retention_reason: Option<String>,
    pub plan_version: u32,
    /// A paper record: destroyed by hand, confirmed item by item.
    pub paper: Option<PhysicalAnswer>,
    /// Active legal holds on the record or its case (`hold-1: reason`, `hold-2 (case): reason`):
    /// the record stays out of disposal.
    pub holds: Vec<String>,
    /// The open disposal proposal it is already in.
    pub in_proposal: Option<String>,
    /// Not public: its title and type are restricted details, and showing them is audited.
    pub restricted: bool,
}

impl From<&kirjuri_archive::DueItem> for DueItemAnswer {
    fn from(d: &kirjuri_archive::DueItem) -> Self {
        DueItemAnswer {
            document: d.document.clone(),
            case: d.case.clone(),
            diary_number: d.diary_number.clone(),
            class: d.class.to_string(),
            record_type: d.record_type.clone(),
            title: d.title.clone(),
            retention_end: d.retention_end,
            retention: d.retention.clone(),
            retention_reason: d.retention_reason.clone(),
            plan_version: d.plan_version,
            paper: d.paper.as_ref().map(physical_answer),
            holds: d.holds.clone(),
            in_proposal: d.in_proposal.clone(),
            restricted: d.restricted,
        }
    }
}

/// A lifted legal hold.
#[derive(Serialize, ToSchema)]
pub struct HoldLiftedAnswer {
    /// Hold id.
    pub hold: String,
    /// Always true.
    pub lifted: bool,
}

/// One record of a disposal proposal.
#[derive(Serialize, ToSchema)]
pub struct ProposalItemAnswer {
    /// Document id.
    pub document: String,
    /// Case id.
    pub case: String,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub diary_number: String,
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: String,
    pub record_type: String,
    pub title: String,
    pub retention_end: NaiveDate,
    /// A paper record: destroyed by hand, confirmed item by item.
    pub paper: Option<PhysicalAnswer>,
    pub state: ItemStateKey,
    /// Why the item was removed, held or failed, or when it becomes due.
    pub note: Option<String>,
    /// The destruction record's id once the record is destroyed.
    pub destruction_record: Option<String>,
    /// The record was not public when proposed: its title is a restricted detail, and
    /// showing the proposal is audited.
    pub restricted: bool,
}

impl From<&kirjuri_archive::ProposalItem> for ProposalItemAnswer {
    fn from(i: &kirjuri_archive::ProposalItem) -> Self {
        ProposalItemAnswer {
            document: i.document.clone(),
            case: i.case.clone(),
            diary_number: i.diary_number.clone(),
            class: i.class.to_string(),
            record_type: i.record_type.clone(),
            title: i.title.clone(),
            retention_end: i.retention_end,
            paper: i.paper.as_ref().map(physical_answer),
            state: i.state.into(),
            note: i.note.clone(),
            destruction_record: i.destruction_record.clone(),
            restricted: i.restricted,
        }
    }
}

/// A disposal proposal (hävitysesitys) with its items.
#[derive(Serialize, ToSchema)]
pub struct ProposalAnswer {
    pub id: String,
    pub state: ProposalStateKey,
    /// Records due on or before this day were proposed.
    pub due_on: NaiveDate,
    /// The class the proposal was limited to, if any.
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: Option<String>,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub executed_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub items: Vec<ProposalItemAnswer>,
}

impl From<&kirjuri_archive::Proposal> for ProposalAnswer {
    fn from(p: &kirjuri_archive::Proposal) -> Self {
        ProposalAnswer {
            id: p.id.clone(),
            state: p.state.into(),
            due_on: p.due_on,
            class: p.class.as_ref().map(ClassCode::to_string),
            proposed_by: p.proposed_by.clone(),
            proposed_at: p.proposed_at,
            approved_by: p.approved_by.clone(),
            approved_at: p.approved_at,
            executed_at: p.executed_at,
            cancel_reason: p.cancel_reason.clone(),
            items: answers(&p.items),
        }
    }
}

/// A record that could not be destroyed: `[document id, reason]`.
pub struct FailedItemAnswer {
    document: String,
    reason: String,
}

impl Serialize for FailedItemAnswer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.document, &self.reason).serialize(serializer)
    }
}

impl utoipa::PartialSchema for FailedItemAnswer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ArrayItems, ObjectBuilder, Type};
        ArrayBuilder::new()
            .prefix_items([
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Document id"))
                    .build(),
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Why it failed"))
                    .build(),
            ])
            .items(ArrayItems::False)
            .min_items(Some(2))
            .max_items(Some(2))
            .description(Some("`[document id, reason]`"))
            .into()
    }
}

impl ToSchema for FailedItemAnswer {}

/// A record whose retention has not ended on the day of execution: `[document id, retention
/// end]`.
pub struct NotYetDueAnswer {
    document: String,
    retention_end: NaiveDate,
}

impl Serialize for NotYetDueAnswer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.document, &self.retention_end).serialize(serializer)
    }
}

impl utoipa::PartialSchema for NotYetDueAnswer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ArrayItems, KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ArrayBuilder::new()
            .prefix_items([
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Document id"))
                    .build(),
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                    .description(Some("Its retention end"))
                    .build(),
            ])
            .items(ArrayItems::False)
            .min_items(Some(2))
            .max_items(Some(2))
            .description(Some("`[document id, retention end]`"))
            .into()
    }
}

impl ToSchema for NotYetDueAnswer {}

/// Outcome of one execution run of a disposal proposal.
#[derive(Serialize, ToSchema)]
pub struct ExecutionReportAnswer {
    /// The proposal after the run.
    pub proposal: ProposalAnswer,
    /// Records destroyed in this run.
    pub destroyed: usize,
    /// Paper records now waiting for their destruction to be confirmed by hand.
    pub awaiting_paper: usize,
    pub failed: Vec<FailedItemAnswer>,
    /// Records kept out for a legal hold found at execution (`doc-2: reason`).
    pub kept_for_hold: Vec<String>,
    /// Records whose retention has not ended on the day of execution: they stay in the
    /// proposal and can be executed on or after that day.
    pub not_yet_due: Vec<NotYetDueAnswer>,
}

impl From<&kirjuri_archive::ExecutionReport> for ExecutionReportAnswer {
    fn from(r: &kirjuri_archive::ExecutionReport) -> Self {
        ExecutionReportAnswer {
            proposal: (&r.proposal).into(),
            destroyed: r.destroyed,
            awaiting_paper: r.awaiting_paper,
            failed: r
                .failed
                .iter()
                .map(|(document, reason)| FailedItemAnswer {
                    document: document.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            kept_for_hold: r.kept_for_hold.clone(),
            not_yet_due: r
                .not_yet_due
                .iter()
                .map(|(document, end)| NotYetDueAnswer {
                    document: document.clone(),
                    retention_end: *end,
                })
                .collect(),
        }
    }
}

/// A destruction record: the permanent trace of a destroyed or erased record (metadata only).
#[derive(Serialize, ToSchema)]
pub struct DestructionRecordAnswer {
    pub id: String,
    /// The destroyed document's id.
    pub document: String,
    /// Its case's id.
    pub case: String,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub diary_number: String,
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: String,
    pub record_type: String,
    /// The title, or a placeholder when the title itself had to go.
    pub title: String,
    pub created_on: NaiveDate,
    /// The retention period as text: `10 years`, `permanent`, or `?` when the record had none.
    #[schema(pattern = r"^([0-9]+ years|permanent|\?)$", example = "10 years")]
    pub retention: String,
    pub retention_reason: Option<String>,
    pub retention_end: NaiveDate,
    pub plan_version: u32,
    /// The disposal proposal, or for an erasure the erasure request (`-` for none).
    pub proposal: String,
    pub proposed_by: String,
    pub approved_by: String,
    pub executed_by: String,
    pub executed_at: DateTime<Utc>,
    /// `electronic: content removed`, the paper method confirmed by hand, or `erasure: <reason>`.
    pub method: String,
    /// SHA-256 of the destroyed content, if it was electronic.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: Option<String>,
    /// Size of the destroyed content in bytes, if it was electronic.
    pub size: Option<u64>,
}

impl From<&kirjuri_archive::DestructionRecord> for DestructionRecordAnswer {
    fn from(r: &kirjuri_archive::DestructionRecord) -> Self {
        DestructionRecordAnswer {
            id: r.id.clone(),
            document: r.document.clone(),
            case: r.case.clone(),
            diary_number: r.diary_number.clone(),
            class: r.class.to_string(),
            record_type: r.record_type.clone(),
            title: r.title.clone(),
            created_on: r.created_on,
            retention: r.retention.clone(),
            retention_reason: r.retention_reason.clone(),
            retention_end: r.retention_end,
            plan_version: r.plan_version,
            proposal: r.proposal.clone(),
            proposed_by: r.proposed_by.clone(),
            approved_by: r.approved_by.clone(),
            executed_by: r.executed_by.clone(),
            executed_at: r.executed_at,
            method: r.method.clone(),
            sha256: r.sha256.clone(),
            size: r.size,
        }
    }
}

/// The formats of the destruction records.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // a schema only: the handler reads the format as text
pub enum DestroyedFormat {
    Json,
    Csv,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// The day (default today in Helsinki).
    on: Option<chrono::NaiveDate>,
    /// Only this class and below, e.g. `07` or `07 00 03` (`07.00.03`).
    #[param(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$")]
    class: Option<String>,
}

#[utoipa::path(get, path = "/retention/due", tag = "retention", params(DueQuery), responses((status = 200, description = "Records whose retention ends on or before the day", body = Vec<DueItemAnswer>)))]
pub async fn retention_due(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<DueQuery>,
) -> ApiResult<Json<Vec<DueItemAnswer>>> {
    principal.require(Permission::ReadRetention)?;
    let class = query
        .class
        .as_deref()
        .map(ClassCode::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let day = query.on.unwrap_or_else(helsinki_today);
    let actor = actor_of(&principal);
    let reader = crate::api::reader_of(&principal);
    with_app(&state, move |app| {
        Ok(Json(answers(&app.retention_due(
            day,
            class.as_ref(),
            &reader,
            &actor,
        )?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HoldBody {
    /// `case` (holds all its documents) or `document`.
    #[schema(value_type = HoldTargetKey)]
    target: String,
    /// Case id or diary number, or document id.
    id: String,
    reason: String,
}

/// Places a legal hold (säilytysesto): the record stays out of disposal until it is lifted.
#[utoipa::path(post, path = "/holds", tag = "retention", request_body = HoldBody,
    responses((status = 201, description = "The hold", body = LegalHoldAnswer)))]
pub async fn place_hold(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<HoldBody>,
) -> ApiResult<(StatusCode, Json<LegalHoldAnswer>)> {
    principal.require(Permission::ManageHolds)?;
    let hold = blocking(&state, move |registry| {
        place_hold_as(registry, &principal, &body.target, &body.id, &body.reason)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(LegalHoldAnswer::from(&hold))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LiftBody {
    /// `case` or `document`.
    #[schema(value_type = HoldTargetKey)]
    target: String,
    id: String,
    reason: String,
}

#[utoipa::path(post, path = "/holds/{hold}/lift", tag = "retention", request_body = LiftBody,
    params(("hold" = String, Path, description = "Hold id")),
    responses((status = 200, description = "The hold is lifted", body = HoldLiftedAnswer)))]
pub async fn lift_hold(
    State(state): State<AppState>,
    principal: Principal,
    Path(hold): Path<String>,
    Json(body): Json<LiftBody>,
) -> ApiResult<Json<HoldLiftedAnswer>> {
    principal.require(Permission::ManageHolds)?;
    blocking(&state, move |registry| {
        lift_hold_as(registry, &principal, &body.target, &body.id, &hold, &body.reason)?;
        Ok(Json(HoldLiftedAnswer { hold, lifted: true }))
    })
    .await
}

#[utoipa::path(get, path = "/disposal/proposals", tag = "retention",
    responses((status = 200, description = "Disposal proposals (hävitysesitykset)", body = Vec<ProposalAnswer>)))]
pub async fn list_proposals(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<ProposalAnswer>>> {
    principal.require(Permission::ReadRetention)?;
    let actor = actor_of(&principal);
    let reader = crate::api::reader_of(&principal);
    with_app(&state, move |app| {
        Ok(Json(answers(&app.disposal_proposals(&reader, &actor)?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProposeBody {
    /// Records due on or before this day (default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<NaiveDate>,
    /// Only this class and below, e.g. `07` or `07 00 03` (`07.00.03`).
    #[schema(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$", example = "07 01")]
    class: Option<String>,
    /// Only these due records (document ids), each of which must be due, not held and in no
    /// other proposal; every eligible due record when absent.
    #[serde(default)]
    documents: Option<Vec<String>>,
}

/// What a new disposal proposal takes: the day, optionally a class and the chosen records.
pub struct NewProposal {
    pub day: NaiveDate,
    pub class: Option<ClassCode>,
    pub documents: Option<Vec<String>>,
}

/// Proposes a disposal as `principal`: the use-case behind `POST /disposal/proposals` and the
/// disposal page.
pub fn propose_as(
    registry: &kirjuri_registry::Registry<'_>,
    principal: &Principal,
    proposal: &NewProposal,
) -> ApiResult<disposal::Proposal> {
    principal.require(Permission::ManageDisposal)?;
    Ok(disposal::propose_selected(
        registry.store,
        proposal.day,
        proposal.class.as_ref(),
        proposal.documents.as_deref(),
        &actor_of(principal),
    )?)
}

#[utoipa::path(post, path = "/disposal/proposals", tag = "retention", request_body = ProposeBody,
    responses((status = 201, description = "The proposal with its items", body = ProposalAnswer)))]
pub async fn propose(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ProposeBody>,
) -> ApiResult<(StatusCode, Json<ProposalAnswer>)> {
    principal.require(Permission::ManageDisposal)?;
    let new = NewProposal {
        class: class_param(body.class.as_deref())?,
        day: body.on.unwrap_or_else(helsinki_today),
        documents: body.documents,
    };
    let proposal = blocking(&state, move |registry| propose_as(registry, &principal, &new)).await?;
    Ok((StatusCode::CREATED, Json(ProposalAnswer::from(&proposal))))
}

#[utoipa::path(get, path = "/disposal/proposals/{id}", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The proposal", body = ProposalAnswer)))]
pub async fn get_proposal(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<ProposalAnswer>> {
    principal.require(Permission::ReadRetention)?;
    let actor = actor_of(&principal);
    let reader = crate::api::reader_of(&principal);
    with_app(&state, move |app| {
        Ok(Json(ProposalAnswer::from(
            &app.disposal_proposal(&id, &reader, &actor)?,
        )))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RemoveItemBody {
    /// The document to keep out of this proposal.
    document: String,
    reason: String,
}

#[utoipa::path(post, path = "/disposal/proposals/{id}/remove", tag = "retention", request_body = RemoveItemBody,
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The proposal without the item", body = ProposalAnswer)))]
pub async fn remove_item(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<RemoveItemBody>,
) -> ApiResult<Json<ProposalAnswer>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let proposal = disposal::remove_item(registry.store, &id, &body.document, &body.reason, &actor)?;
        Ok(Json(ProposalAnswer::from(&proposal)))
    })
    .await
}

/// Approves a proposal; the approver must be another archivist than the proposer.
#[utoipa::path(post, path = "/disposal/proposals/{id}/approve", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The approved proposal", body = ProposalAnswer)))]
pub async fn approve(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<ProposalAnswer>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let proposal = disposal::approve(registry.store, &id, &actor)?;
        Ok(Json(ProposalAnswer::from(&proposal)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CancelBody {
    reason: String,
}

#[utoipa::path(post, path = "/disposal/proposals/{id}/cancel", tag = "retention", request_body = CancelBody,
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The cancelled proposal", body = ProposalAnswer)))]
pub async fn cancel(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<CancelBody>,
) -> ApiResult<Json<ProposalAnswer>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let proposal = disposal::cancel(registry.store, &id, &body.reason, &actor)?;
        Ok(Json(ProposalAnswer::from(&proposal)))
    })
    .await
}

/// Executes an approved proposal (or resumes a failed run); destroyed text leaves the search
/// index at once.
#[utoipa::path(post, path = "/disposal/proposals/{id}/execute", tag = "retention",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "What was destroyed, kept for a hold, awaits paper confirmation or failed", body = ExecutionReportAnswer)))]
pub async fn execute(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<ExecutionReportAnswer>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| {
        Ok(Json(ExecutionReportAnswer::from(&app.execute_disposal(&id, &actor)?)))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConfirmPaperBody {
    /// The paper record (document id) of the proposal.
    document: String,
    /// How it was destroyed, e.g. `tietosuojajäte, lukittu keräysastia`.
    method: String,
}

/// Confirms by hand that a paper record of an executed run was destroyed: its destruction
/// record is written and the record goes; refused before its retention ends.
#[utoipa::path(post, path = "/disposal/proposals/{id}/confirm-paper", tag = "retention", request_body = ConfirmPaperBody,
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, description = "The proposal after the confirmation", body = ProposalAnswer)))]
pub async fn confirm_paper(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<ConfirmPaperBody>,
) -> ApiResult<Json<ProposalAnswer>> {
    principal.require(Permission::ManageDisposal)?;
    let actor = actor_of(&principal);
    with_app(&state, move |app| {
        let proposal = app.confirm_paper_destruction(&id, &body.document, &body.method, &actor)?;
        Ok(Json(ProposalAnswer::from(&proposal)))
    })
    .await
}

/// The destruction list (hävitysluettelo) as `principal` may see it: a record that was
/// restricted when proposed keeps its title only for a reader whose reach covers every
/// department, and a record whose case's access list leaves the reader out never shows it (the
/// title is a restricted detail; the rest is metadata the list must show).
pub fn destruction_list_as(
    registry: &kirjuri_registry::Registry<'_>,
    principal: &Principal,
    proposal: Option<&str>,
) -> ApiResult<Vec<disposal::DestructionRecord>> {
    principal.require(Permission::ReadRetention)?;
    let mut records = disposal::destruction_records(registry.store, proposal)?;
    let reader = crate::api::reader_of(principal);
    let restricted: std::collections::HashSet<String> =
        if matches!(reader.restricted, kirjuri_registry::RestrictedReach::CityWide) {
            std::collections::HashSet::new()
        } else {
            disposal::list(registry.store)?
                .into_iter()
                .flat_map(|p| p.items.into_iter())
                .filter(|item| item.restricted)
                .map(|item| item.document)
                .collect()
        };
    for record in records.iter_mut() {
        if restricted.contains(&record.document) || registry.case_hidden_from(&reader, &record.case)? {
            record.title = RESTRICTED_TITLE.to_owned();
        }
    }
    Ok(records)
}

/// The title shown in place of a restricted record's title to a reader without the right.
pub const RESTRICTED_TITLE: &str = kirjuri_app::HIDDEN_TITLE;

/// The destruction list as CSV, offered as a file to save (`hävitysluettelo-<proposal>.csv`).
pub fn destruction_csv_download(
    records: &[disposal::DestructionRecord],
    proposal: Option<&str>,
) -> ApiResult<Response> {
    let text = disposal::destruction_csv(records).map_err(ApiError::Internal)?;
    let name = match proposal {
        Some(id) => format!(
            "havitysluettelo-{}.csv",
            id.chars().filter(char::is_ascii_alphanumeric).collect::<String>()
        ),
        None => "havitysluettelo.csv".to_owned(),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        text,
    )
        .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DestroyedQuery {
    /// Only the records of this proposal.
    proposal: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<DestroyedFormat>, inline)]
    format: Option<String>,
}

#[utoipa::path(get, path = "/disposal/destroyed", tag = "retention", params(DestroyedQuery),
    responses((status = 200, description = "Destruction records (the permanent trace of destroyed records)",
        content((Vec<DestructionRecordAnswer> = "application/json"), (String = "text/csv")))))]
pub async fn destruction_records(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<DestroyedQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadRetention)?;
    let csv = match query.format.as_deref().unwrap_or("json") {
        "json" => false,
        "csv" => true,
        other => return Err(ApiError::bad_request(format!("format `{other}`, expected json or csv"))),
    };
    blocking(&state, move |registry| {
        let records = destruction_list_as(registry, &principal, query.proposal.as_deref())?;
        if csv {
            destruction_csv_download(&records, query.proposal.as_deref())
        } else {
            Ok(axum::Json(answers::<_, DestructionRecordAnswer>(&records)).into_response())
        }
    })
    .await
}

/// Places a legal hold as `principal` on a case (id or diary number) or a document it may
/// see: the use-case behind `POST /holds` and the retention page.
pub fn place_hold_as(
    registry: &kirjuri_registry::Registry<'_>,
    principal: &Principal,
    target: &str,
    reference: &str,
    reason: &str,
) -> ApiResult<kirjuri_registry::LegalHold> {
    principal.require(Permission::ManageHolds)?;
    let (kind, id) = registry.hold_target(target, reference)?;
    visible_hold_target(registry, &crate::api::reader_of(principal), kind, &id)?;
    Ok(registry.place_hold(kind, &id, reason, &actor_of(principal))?)
}

/// Lifts a legal hold as `principal`, with a reason: the use-case behind
/// `POST /holds/{hold}/lift` and the retention page.
pub fn lift_hold_as(
    registry: &kirjuri_registry::Registry<'_>,
    principal: &Principal,
    target: &str,
    reference: &str,
    hold: &str,
    reason: &str,
) -> ApiResult<()> {
    principal.require(Permission::ManageHolds)?;
    let (kind, id) = registry.hold_target(target, reference)?;
    visible_hold_target(registry, &crate::api::reader_of(principal), kind, &id)?;
    Ok(registry.lift_hold(kind, &id, hold, reason, &actor_of(principal))?)
}

/// A hold's target as the caller may see it: for a department-scoped holder a document they
/// may not see, or a case whose access list keeps them out, does not exist (404), so placing a
/// hold is no oracle.
fn visible_hold_target(
    registry: &kirjuri_registry::Registry<'_>,
    reader: &kirjuri_registry::Reader,
    kind: &str,
    id: &str,
) -> ApiResult<()> {
    // A city-wide holder (archivist, privacy officer) sees every record in the due list, a
    // case's access list only hides its titles there: a record they may let be destroyed they
    // may also hold. Anyone else holds only what they can read.
    if matches!(reader.restricted, kirjuri_registry::RestrictedReach::CityWide) {
        return Ok(()); // the hold itself refuses a record that does not exist (404)
    }
    if kind == kirjuri_registry::DOCUMENT {
        registry.read_document_for(id, reader)?;
    } else if registry.case_hidden_from(reader, id)? {
        return Err(ApiError::NotFound(format!("case {id}")));
    }
    Ok(())
}
