//! The information-management plan (TOS) in force, its versions (import and approval while
//! the service runs; the plan in force is chosen at each request), and legal deadlines.
//!
//! The plan is answered with types of its own (`PlanClassAnswer`, `RecordTypeAnswer`, …) built
//! field by field from `kirjuri_plan`'s model, so the plan files' data model and the API can
//! change apart; the closed value sets (plan state, action class, deadline rule) are string
//! enums in the schema.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use chrono::NaiveDate;
use kirjuri_app::PlanSource;
use kirjuri_clock::{Calendar, Deadline, ExtensionReading, Rule, compute, helsinki_rfc3339, parse_start};
use kirjuri_plan::ClassCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{DeadlineRuleKey, RestrictionAnswer, RetentionAnswer, answers, vocabulary};
use crate::api::{ApiResult, actor_of, with_app};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

vocabulary!(
    /// State of a plan version (helerm's states, DOMAIN.md §2.4).
    PlanStateKey, kirjuri_plan::PlanState, kirjuri_plan::PlanState::ALL, kirjuri_plan::PlanState::key
);
vocabulary!(
    /// Action class (toimenpideluokka) of a phase of the handling process, DOMAIN.md §4.4.
    ActionClassKey, kirjuri_plan::ActionClass, kirjuri_plan::ActionClass::ALL, kirjuri_plan::ActionClass::key
);
vocabulary!(
    /// Which reading of the GDPR extension binds (DOMAIN.md §5.6): receipt + 3 months, the
    /// first deadline + 2 months, or both give the same day.
    ExtensionReadingKey,
    ExtensionReading,
    &[
        ExtensionReading::ReceiptPlusThreeMonths,
        ExtensionReading::FirstDeadlinePlusTwoMonths,
        ExtensionReading::Both
    ],
    extension_reading_key
);
vocabulary!(
    /// Severity of a plan finding: an error refuses the plan, a warning does not.
    FindingSeverityKey,
    kirjuri_plan::Severity,
    &[kirjuri_plan::Severity::Error, kirjuri_plan::Severity::Warning],
    finding_severity_key
);

fn extension_reading_key(reading: ExtensionReading) -> &'static str {
    match reading {
        ExtensionReading::ReceiptPlusThreeMonths => "receipt-plus-three-months",
        ExtensionReading::FirstDeadlinePlusTwoMonths => "first-deadline-plus-two-months",
        ExtensionReading::Both => "both",
    }
}

fn finding_severity_key(severity: kirjuri_plan::Severity) -> &'static str {
    match severity {
        kirjuri_plan::Severity::Error => "error",
        kirjuri_plan::Severity::Warning => "warning",
    }
}

/// The schema of a calendar's versioned name (`FI_1182_71@2026.1`): every version a stored
/// deadline may carry, since a deadline keeps the calendar it was computed with.
fn calendar_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(Calendar::ALL_VERSIONS.iter().copied()))
        .description(Some(
            "The working-day calendar the deadline moves by, with the version of its holiday data",
        ))
        .build()
}

/// The start of a period as the deadline computation reads it: a date, an RFC 3339 date and
/// time with its offset, or a date and time without an offset (Europe/Helsinki). Only its
/// schema is used: the handler reads the text with `kirjuri_clock::parse_start`.
pub struct DeadlineStart;

impl utoipa::PartialSchema for DeadlineStart {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
        let string = || ObjectBuilder::new().schema_type(Type::String);
        AnyOfBuilder::new()
            .item(string().format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))))
            .item(string().format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))))
            .item(string().pattern(Some(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?$")))
            .into()
    }
}

impl ToSchema for DeadlineStart {}

/// Plan-wide data of a plan version: identity, version, state and the rounding rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanMetaAnswer {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub contact: String,
    pub version: u32,
    pub state: PlanStateKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Year-end rounding of retention ends (DOMAIN.md §3.1).
    pub year_end_rounding: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl From<&kirjuri_plan::PlanMeta> for PlanMetaAnswer {
    fn from(meta: &kirjuri_plan::PlanMeta) -> Self {
        PlanMetaAnswer {
            name: meta.name.clone(),
            organisation: meta.organisation.clone(),
            contact: meta.contact.clone(),
            version: meta.version,
            state: meta.state.into(),
            valid_from: meta.valid_from,
            valid_to: meta.valid_to,
            year_end_rounding: meta.year_end_rounding,
            author: meta.author.clone(),
            approved_by: meta.approved_by.clone(),
            approved_on: meta.approved_on,
            description: meta.description.clone(),
        }
    }
}

/// One class of the plan in the summary: its code, titles and how many record types it has.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanClassSummaryAnswer {
    /// Class code (luokitustunnus).
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$", example = "07 01 02")]
    pub code: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Record types of the class's handling process (0 for a class without one).
    pub record_types: usize,
}

impl From<&kirjuri_plan::Class> for PlanClassSummaryAnswer {
    fn from(class: &kirjuri_plan::Class) -> Self {
        PlanClassSummaryAnswer {
            code: class.code.to_string(),
            title: class.title.clone(),
            title_en: class.title_en.clone(),
            record_types: class.process.as_ref().map_or(0, |p| p.record_types().count()),
        }
    }
}

/// The plan in force: its metadata and every class in code order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanSummaryAnswer {
    pub meta: PlanMetaAnswer,
    pub classes: Vec<PlanClassSummaryAnswer>,
}

/// A record type (asiakirjatyyppi) of the plan with its effective restriction and retention.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordTypeAnswer {
    /// Stable identifier, unique within the plan (`gdpr-access-request`).
    pub id: String,
    /// Document type (AsiakirjaluokkaTeksti), e.g. `Päätös`.
    pub document_type: String,
    /// Type specifier (tyypin tarkenne): the displayed name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specifier: Option<String>,
    pub restriction: RestrictionAnswer,
    pub retention: RetentionAnswer,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub information_systems: Vec<String>,
    /// Event when publicity changes (julkisuusluokan muutos).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publicity_change: Option<String>,
    /// Disposal of earlier versions (aiempien versioiden poistaminen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispose_previous_versions: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_location: Option<String>,
}

impl From<&kirjuri_plan::RecordType> for RecordTypeAnswer {
    fn from(r: &kirjuri_plan::RecordType) -> Self {
        RecordTypeAnswer {
            id: r.id.clone(),
            document_type: r.document_type.clone(),
            specifier: r.specifier.clone(),
            restriction: (&r.restriction).into(),
            retention: (&r.retention).into(),
            information_systems: r.information_systems.clone(),
            publicity_change: r.publicity_change.clone(),
            dispose_previous_versions: r.dispose_previous_versions.clone(),
            storage_location: r.storage_location.clone(),
        }
    }
}

/// An action (toimenpide) of a phase and the record types it produces.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanActionAnswer {
    /// Action type text (ToimenpideluokkaTeksti): free text or an action class.
    pub action_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub records: Vec<RecordTypeAnswer>,
}

impl From<&kirjuri_plan::Action> for PlanActionAnswer {
    fn from(a: &kirjuri_plan::Action) -> Self {
        PlanActionAnswer {
            action_type: a.action_type.clone(),
            description: a.description.clone(),
            records: answers(&a.records),
        }
    }
}

/// A phase (käsittelyvaihe) of the handling process.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhaseAnswer {
    pub phase_type: ActionClassKey,
    pub actions: Vec<PlanActionAnswer>,
}

impl From<&kirjuri_plan::Phase> for PhaseAnswer {
    fn from(p: &kirjuri_plan::Phase) -> Self {
        PhaseAnswer {
            phase_type: p.phase_type.into(),
            actions: answers(&p.actions),
        }
    }
}

/// Paper-storage and descriptive attributes of a handling process (DOMAIN.md §2.5).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessDetailsAnswer {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub information_systems: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_group: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_order: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_accountable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protection_class: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
}

impl From<&kirjuri_plan::ProcessDetails> for ProcessDetailsAnswer {
    fn from(d: &kirjuri_plan::ProcessDetails) -> Self {
        ProcessDetailsAnswer {
            information_systems: d.information_systems.clone(),
            process_owner: d.process_owner.clone(),
            data_group: d.data_group.clone(),
            subjects: d.subjects.clone(),
            storage_location: d.storage_location.clone(),
            storage_order: d.storage_order.clone(),
            storage_accountable: d.storage_accountable.clone(),
            protection_class: d.protection_class.clone(),
            additional_information: d.additional_information.clone(),
        }
    }
}

/// The handling process (käsittelyprosessi) of a leaf class.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProcessAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub restriction: RestrictionAnswer,
    pub retention: RetentionAnswer,
    pub details: ProcessDetailsAnswer,
    pub phases: Vec<PhaseAnswer>,
}

impl From<&kirjuri_plan::Process> for ProcessAnswer {
    fn from(p: &kirjuri_plan::Process) -> Self {
        ProcessAnswer {
            title: p.title.clone(),
            restriction: (&p.restriction).into(),
            retention: (&p.retention).into(),
            details: (&p.details).into(),
            phases: answers(&p.phases),
        }
    }
}

/// A class (tehtäväluokka) of the task classification with its handling process.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanClassAnswer {
    /// Class code (luokitustunnus).
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$", example = "07 01 02")]
    pub code: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The handling process; only a leaf class has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<ProcessAnswer>,
}

impl From<&kirjuri_plan::Class> for PlanClassAnswer {
    fn from(c: &kirjuri_plan::Class) -> Self {
        PlanClassAnswer {
            code: c.code.to_string(),
            title: c.title.clone(),
            title_en: c.title_en.clone(),
            description: c.description.clone(),
            process: c.process.as_ref().map(Into::into),
        }
    }
}

#[utoipa::path(get, path = "/plan", tag = "plan", responses((status = 200, description = "The plan in force: metadata and classes", body = PlanSummaryAnswer)))]
pub async fn plan_summary(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<PlanSummaryAnswer>> {
    principal.require(Permission::ReadPlan)?;
    let plans = with_app(&state, |app| Ok(app.plans()?)).await?;
    let plan = plans
        .current()
        .ok_or_else(|| ApiError::NotFound("plan in force".to_owned()))?;
    Ok(Json(PlanSummaryAnswer {
        meta: (&plan.meta).into(),
        classes: plan.classes.values().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/plan/classes/{code}", tag = "plan", params(("code" = String, Path, description = "Class code, e.g. `07 00 03` or `07.00.03`", pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$")), responses((status = 200, description = "One class with its process and record types", body = PlanClassAnswer)))]
pub async fn plan_class(
    State(state): State<AppState>,
    principal: Principal,
    Path(code): Path<String>,
) -> ApiResult<Json<PlanClassAnswer>> {
    principal.require(Permission::ReadPlan)?;
    let code = ClassCode::parse(&code).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let plans = with_app(&state, |app| Ok(app.plans()?)).await?;
    let plan = plans
        .current()
        .ok_or_else(|| ApiError::NotFound("plan in force".to_owned()))?;
    let class = plan
        .class(&code)
        .ok_or_else(|| ApiError::NotFound(format!("class {code}")))?;
    Ok(Json(PlanClassAnswer::from(class)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// The start: a date (YYYY-MM-DD) or a date and time; without an offset, Europe/Helsinki.
    /// A rule that counts hours needs a date and time.
    #[param(value_type = DeadlineStart, inline)]
    from: String,
}

/// The two readings of the GDPR extension and the extension-notice deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeadlineExtensionAnswer {
    pub receipt_plus_three_months: NaiveDate,
    pub first_deadline_plus_two_months: NaiveDate,
    pub binding_reading: ExtensionReadingKey,
    /// The requester must be told of the extension by the first deadline (statutory and moved).
    pub notice_due: NaiveDate,
    pub notice_due_moved: NaiveDate,
}

impl From<&kirjuri_clock::ExtensionDetail> for DeadlineExtensionAnswer {
    fn from(e: &kirjuri_clock::ExtensionDetail) -> Self {
        DeadlineExtensionAnswer {
            receipt_plus_three_months: e.receipt_plus_three_months,
            first_deadline_plus_two_months: e.first_deadline_plus_two_months,
            binding_reading: e.binding_reading.into(),
            notice_due: e.notice_due,
            notice_due_moved: e.notice_due_moved,
        }
    }
}

/// A day-based deadline: the statutory last day and the day it moves to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayDeadlineAnswer {
    pub rule: DeadlineRuleKey,
    pub from: NaiveDate,
    /// The statutory last day (unrolled).
    pub due: NaiveDate,
    /// The day the deadline moves to when `due` is not a working day; equals `due` otherwise.
    pub due_moved: NaiveDate,
    /// The day users are warned on: the earlier of the two (DOMAIN.md §5.2).
    pub warn_on: NaiveDate,
    #[schema(schema_with = calendar_schema)]
    pub calendar: &'static str,
    /// GDPR extension only: both readings and which binds (`null` for other rules).
    pub extension: Option<DeadlineExtensionAnswer>,
}

impl From<&kirjuri_clock::DayDeadline> for DayDeadlineAnswer {
    fn from(day: &kirjuri_clock::DayDeadline) -> Self {
        DayDeadlineAnswer {
            rule: day.rule.into(),
            from: day.from,
            due: day.due,
            due_moved: day.due_moved,
            warn_on: day.warn_on,
            calendar: day.calendar,
            extension: day.extension.as_ref().map(Into::into),
        }
    }
}

/// An hour-based deadline: an instant (Europe/Helsinki, with its offset), never moved.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HourDeadlineAnswer {
    pub rule: DeadlineRuleKey,
    #[schema(format = DateTime, example = "2026-03-07T16:20:00+02:00")]
    pub from: String,
    #[schema(format = DateTime)]
    pub due: String,
    /// Equals `due`: an hour period is never moved.
    #[schema(format = DateTime)]
    pub due_moved: String,
    pub hours: i64,
}

impl From<&kirjuri_clock::HourDeadline> for HourDeadlineAnswer {
    fn from(hour: &kirjuri_clock::HourDeadline) -> Self {
        HourDeadlineAnswer {
            rule: hour.rule.into(),
            from: helsinki_rfc3339(hour.from),
            due: helsinki_rfc3339(hour.due),
            due_moved: helsinki_rfc3339(hour.due),
            hours: hour.hours,
        }
    }
}

/// A legal deadline: day-based (a calendar day, moved to the next working day) or hour-based
/// (an instant).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum DeadlineAnswer {
    Day(DayDeadlineAnswer),
    Hour(HourDeadlineAnswer),
}

impl From<&Deadline> for DeadlineAnswer {
    fn from(deadline: &Deadline) -> Self {
        match deadline {
            Deadline::Day(day) => DeadlineAnswer::Day(day.into()),
            Deadline::Hour(hour) => DeadlineAnswer::Hour(hour.into()),
        }
    }
}

#[utoipa::path(get, path = "/deadlines/{rule}", tag = "plan", params(("rule" = DeadlineRuleKey, Path, description = "The deadline rule"), DeadlineQuery), responses((status = 200, description = "The deadline, the moved day and the calendar", body = DeadlineAnswer)))]
pub async fn deadline(
    principal: Principal,
    Path(rule): Path<String>,
    Query(query): Query<DeadlineQuery>,
) -> ApiResult<Json<DeadlineAnswer>> {
    principal.require(Permission::ComputeDeadlines)?;
    let rule = Rule::parse(&rule).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let start = parse_start(&query.from).map_err(|e| ApiError::bad_request(format!("from: {e}")))?;
    let deadline = compute(rule, start).map_err(|e| ApiError::bad_request(format!("from: {e}")))?;
    Ok(Json(DeadlineAnswer::from(&deadline)))
}

/// Largest plan file accepted: the sample plan's full JHS 191 export is about 240 KB; a large
/// organisation's plan is some megabytes.
pub const MAX_PLAN_BYTES: usize = 32 * 1024 * 1024;

/// The media types a JHS 191 file may be sent as (or none).
const XML_TYPES: &[&str] = &["application/xml", "text/xml"];

/// One plan version in the version list: number, name, state, validity and counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanVersionAnswer {
    pub version: u32,
    pub name: String,
    pub state: PlanStateKey,
    /// The first day in force; `null` for a draft.
    pub valid_from: Option<NaiveDate>,
    /// The last day in force; `null` while no later version replaces it.
    pub valid_to: Option<NaiveDate>,
    /// Who approved the version; `null` for a draft.
    pub approved_by: Option<String>,
    /// The day it was approved; `null` for a draft.
    pub approved_on: Option<NaiveDate>,
    pub classes: usize,
    pub record_types: usize,
}

impl From<&kirjuri_store::PlanVersionSummary> for PlanVersionAnswer {
    fn from(v: &kirjuri_store::PlanVersionSummary) -> Self {
        PlanVersionAnswer {
            version: v.version,
            name: v.name.clone(),
            state: v.state.into(),
            valid_from: v.valid_from,
            valid_to: v.valid_to,
            approved_by: v.approved_by.clone(),
            approved_on: v.approved_on,
            classes: v.classes,
            record_types: v.record_types,
        }
    }
}

/// Where a plan finding points.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FindingLocationAnswer {
    /// A line of a plan file (1-based).
    File { file: String, line: usize },
    /// An element of an imported XML file, as a path such as `/Tos/Luokka[3]/KasittelyprosessiTiedot`.
    Xml { file: String, path: String },
    /// A plan element with no source position.
    Plan,
}

impl From<&kirjuri_plan::Location> for FindingLocationAnswer {
    fn from(location: &kirjuri_plan::Location) -> Self {
        match location {
            kirjuri_plan::Location::File { file, line } => FindingLocationAnswer::File {
                file: file.clone(),
                line: *line,
            },
            kirjuri_plan::Location::Xml { file, path } => FindingLocationAnswer::Xml {
                file: file.clone(),
                path: path.clone(),
            },
            kirjuri_plan::Location::Plan => FindingLocationAnswer::Plan,
        }
    }
}

/// One problem found in a plan (as `kirjuri plan import` prints it in `text`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanFindingAnswer {
    pub severity: FindingSeverityKey,
    pub location: FindingLocationAnswer,
    /// What the finding is about, e.g. `class 07 00 03, record type gdpr-access-request`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The attribute at fault, in the plan files' spelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    /// The line the CLI prints: `file:line: error: …`.
    pub text: String,
}

impl From<&kirjuri_plan::Finding> for PlanFindingAnswer {
    fn from(f: &kirjuri_plan::Finding) -> Self {
        PlanFindingAnswer {
            severity: f.severity.into(),
            location: (&f.location).into(),
            subject: f.subject.clone(),
            field: f.field.clone(),
            message: f.message.clone(),
            text: f.to_string(),
        }
    }
}

/// A plan file stored as a new draft version, with the warnings found in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanImportAnswer {
    pub version: u32,
    /// Always `draft`: an imported version is approved separately.
    pub state: PlanStateKey,
    /// Warnings (an error refuses the file).
    pub findings: Vec<PlanFindingAnswer>,
}

#[utoipa::path(get, path = "/plan/versions", tag = "plan", responses(
    (status = 200, description = "Every plan version, oldest first: number, name, state, validity, counts", body = Vec<PlanVersionAnswer>)))]
pub async fn list_versions(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<PlanVersionAnswer>>> {
    principal.require(Permission::ReadPlan)?;
    let versions = with_app(&state, |app| Ok(app.plan_versions()?)).await?;
    Ok(Json(answers(&versions)))
}

/// Imports a JHS 191 XML file (as `kirjuri plan export --format jhs191` writes it) as the next
/// draft plan version. Errors refuse it and store nothing (400 `invalid_plan` with every
/// finding, each with its `location` and `text` as `kirjuri plan import` prints it); warnings
/// come back with the new version. The TOML plan is a folder of files: `kirjuri plan load`.
#[utoipa::path(post, path = "/plan/versions", tag = "plan",
    request_body(content = String, content_type = "application/xml", description = "A JHS 191 XML file (`application/xml` or `text/xml`), at most 32 MiB"),
    responses(
        (status = 201, description = "The new draft version and the warnings: `{version, state, findings}`", body = PlanImportAnswer),
        (status = 400, description = "The file has errors (`invalid_plan`, with `findings`); nothing was stored", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 32 MiB", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn import_version(
    State(state): State<AppState>,
    principal: Principal,
    request: Request,
) -> ApiResult<(StatusCode, Json<PlanImportAnswer>)> {
    principal.require(Permission::ManagePlan)?;
    if let Some(value) = request.headers().get(header::CONTENT_TYPE) {
        let media_type = value.to_str().unwrap_or_default();
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !XML_TYPES.contains(&essence.as_str()) {
            return Err(ApiError::BadRequest {
                code: "unsupported_media_type",
                message: format!(
                    "a plan is sent as JHS 191 XML ({}), not `{media_type}`",
                    XML_TYPES.join(" or ")
                ),
            });
        }
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_PLAN_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(format!("a plan file may be at most {} MiB", MAX_PLAN_BYTES >> 20)))?;
    let actor = actor_of(&principal);
    let imported = with_app(&state, move |app| {
        let source = PlanSource::Jhs191 {
            name: "plan.xml",
            bytes: &bytes,
        };
        Ok(app.import_plan(&source, &actor)?)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(PlanImportAnswer {
            version: imported.version,
            state: kirjuri_plan::PlanState::Draft.into(),
            findings: answers(&imported.findings),
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The first day the version is in force (YYYY-MM-DD): today or later, and later than the
    /// first day of every approved version; the version in force before it ends the day before.
    #[schema(value_type = String, format = Date)]
    valid_from: NaiveDate,
}

/// Approves a draft plan version from `valid_from` on (as `kirjuri plan approve`); the approver
/// recorded is the signed-in user. A version with validation errors is refused with its
/// findings (400 `invalid_plan`); a `valid_from` before today (Helsinki) or outside the years
/// 1900-9999 with 400 `bad_valid_from`; an approved version, a `valid_from` on or before that
/// of an approved version, or a concurrent approval that lost, with 409 `conflict`.
#[utoipa::path(post, path = "/plan/versions/{version}/approve", tag = "plan",
    params(("version" = u32, Path, description = "Plan version number")),
    request_body = Approval,
    responses(
        (status = 200, description = "The approved version: number, name, state, validity, counts", body = PlanVersionAnswer),
        (status = 400, description = "The version has validation errors (`invalid_plan`, with `findings`), or `valid_from` is before today or outside 1900-9999 (`bad_valid_from`)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The version is already approved (also when another approval of it won), or an approved version starts on or after `valid_from` (approvals move forward in time)", body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn approve_version(
    State(state): State<AppState>,
    principal: Principal,
    Path(version): Path<u32>,
    Json(approval): Json<Approval>,
) -> ApiResult<Json<PlanVersionAnswer>> {
    principal.require(Permission::ManagePlan)?;
    let actor = actor_of(&principal);
    let approved = with_app(&state, move |app| {
        Ok(app.approve_plan(version, approval.valid_from, None, &actor)?)
    })
    .await?;
    Ok(Json(PlanVersionAnswer::from(&approved)))
}
