//! The training register (roster, trainings, completions, coverage per department) and the
//! control events (access reviews, restore tests, log reviews), over `kirjuri-governance`.
//! The rules live there; these handlers check the role, read the body and answer. The web
//! pages (`ui::governance`) call the same `*_as` functions.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kirjuri_governance::{
    Completion, ControlEvent, ControlKind, ControlResult, Group, Person, Save, Source, Topic, Training,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::shapes::{answers, vocabulary};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

vocabulary!(
    /// Roster group: `staff` (henkilöstö) or `elected` (luottamushenkilö).
    GroupKey, Group, Group::ALL, Group::key
);
vocabulary!(
    /// Topic of a training: `data-protection` (tietosuoja) or `information-security` (tietoturva).
    TopicKey, Topic, Topic::ALL, Topic::key
);
vocabulary!(
    /// Where a completion was recorded.
    SourceKey, Source, &[Source::Import, Source::Api, Source::Ui, Source::Cli], Source::key
);
vocabulary!(
    /// Kind of control: access review, restore test of a backup, log review.
    ControlKindKey, ControlKind, ControlKind::ALL, ControlKind::key
);
vocabulary!(
    /// Result of a control: `ok`, `deviations` (findings recorded) or `failed`.
    ControlResultKey, ControlResult, ControlResult::ALL, ControlResult::key
);

/// A person on the training roster.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonAnswer {
    pub id: String,
    pub name: String,
    /// User name or e-mail.
    pub user: Option<String>,
    /// Department (toimiala).
    pub department: String,
    pub group: GroupKey,
    /// First day on the roster.
    pub from: Option<NaiveDate>,
    /// Last day on the roster.
    pub until: Option<NaiveDate>,
}

impl From<&Person> for PersonAnswer {
    fn from(p: &Person) -> Self {
        PersonAnswer {
            id: p.id.clone(),
            name: p.name.clone(),
            user: p.user.clone(),
            department: p.department.clone(),
            group: p.group.into(),
            from: p.from,
            until: p.until,
        }
    }
}

/// A training of the programme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrainingAnswer {
    pub key: String,
    pub name: String,
    pub topic: TopicKey,
    /// A completion counts in the year it was done and the `validity_years - 1` years after.
    pub validity_years: u32,
}

impl From<&Training> for TrainingAnswer {
    fn from(t: &Training) -> Self {
        TrainingAnswer {
            key: t.key.clone(),
            name: t.name.clone(),
            topic: t.topic.into(),
            validity_years: t.validity_years,
        }
    }
}

/// One completed training.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompletionAnswer {
    pub id: String,
    /// The person's roster id.
    pub person: String,
    /// The training's key.
    pub training: String,
    pub completed_on: NaiveDate,
    pub source: SourceKey,
}

impl From<&Completion> for CompletionAnswer {
    fn from(c: &Completion) -> Self {
        CompletionAnswer {
            id: c.id.clone(),
            person: c.person.clone(),
            training: c.training.clone(),
            completed_on: c.completed_on,
            source: c.source.into(),
        }
    }
}

/// The training register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrainingRegisterAnswer {
    pub people: Vec<PersonAnswer>,
    pub trainings: Vec<TrainingAnswer>,
    /// Newest first.
    pub completions: Vec<CompletionAnswer>,
}

/// A department's group in the coverage table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoverageRowAnswer {
    pub department: String,
    pub group: GroupKey,
    /// On the roster on the counting day.
    pub people: usize,
    /// Of them, with a completion valid in the year.
    pub trained: usize,
}

impl From<&kirjuri_governance::Coverage> for CoverageRowAnswer {
    fn from(c: &kirjuri_governance::Coverage) -> Self {
        CoverageRowAnswer {
            department: c.department.clone(),
            group: c.group.into(),
            people: c.people,
            trained: c.trained,
        }
    }
}

/// Training coverage for a year (`kirjuri_governance::coverage_on`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoverageAnswer {
    pub year: i32,
    /// The day the roster was read: 31 December, or today in the running year.
    pub counted_on: NaiveDate,
    pub rows: Vec<CoverageRowAnswer>,
}

/// The year asked for (default: the current year in Helsinki).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    #[param(minimum = 1900, maximum = 9999)]
    pub year: Option<i32>,
}

pub(crate) fn year_of(year: Option<i32>) -> ApiResult<i32> {
    use chrono::Datelike;
    let year = year.unwrap_or_else(|| helsinki_today().year());
    if (1900..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::BadRequest {
            code: "year",
            message: format!("year: `{year}` is not a year 1900–9999"),
        })
    }
}

/// The training register as stored (names of people: the privacy officer, admin and auditor only).
#[utoipa::path(get, path = "/training", tag = "governance",
    responses((status = 200, description = "The training roster, trainings and completions", body = TrainingRegisterAnswer)))]
pub async fn training_register(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<TrainingRegisterAnswer>> {
    principal.require(Permission::ReadGovernance)?;
    blocking(&state, |registry| {
        Ok(Json(TrainingRegisterAnswer {
            people: answers(&kirjuri_governance::load_people(registry.store)?),
            trainings: answers(&kirjuri_governance::load_trainings(registry.store)?),
            completions: answers(&kirjuri_governance::load_completions(registry.store)?),
        }))
    })
    .await
}

/// The coverage of a year, computed by the domain's rule.
pub(crate) fn coverage_as(registry: &kirjuri_registry::Registry<'_>, year: i32) -> ApiResult<CoverageAnswer> {
    let people = kirjuri_governance::load_people(registry.store)?;
    let trainings = kirjuri_governance::load_trainings(registry.store)?;
    let completions = kirjuri_governance::load_completions(registry.store)?;
    let today = helsinki_today();
    let rows = kirjuri_governance::coverage_on(&people, &trainings, &completions, year, today);
    Ok(CoverageAnswer {
        year,
        counted_on: kirjuri_governance::counting_day(year, today),
        rows: answers(&rows),
    })
}

/// Training coverage per department and group for a year: people on the roster on 31 December
/// (today in the running year), and of them those with a valid completion.
#[utoipa::path(get, path = "/training/coverage", tag = "governance", params(YearQuery),
    responses((status = 200, description = "Coverage per department and group", body = CoverageAnswer)))]
pub async fn training_coverage(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<YearQuery>,
) -> ApiResult<Json<CoverageAnswer>> {
    principal.require(Permission::ReadGovernance)?;
    let year = year_of(query.year)?;
    blocking(&state, move |registry| coverage_as(registry, year).map(Json)).await
}

fn bad(code: &'static str, message: String) -> ApiError {
    ApiError::BadRequest { code, message }
}

/// A person on the roster as written (the API's body and the web form).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonBody {
    /// A new person's key (as the HR system knows them); ignored on an edit.
    #[serde(default)]
    #[schema(pattern = "^[A-Za-z0-9._-]{1,64}$")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub user: Option<String>,
    pub department: String,
    #[schema(value_type = GroupKey)]
    pub group: String,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// Adds (`id` none) or edits a person on the roster, for the API and the web form.
pub(crate) fn save_person_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: Option<String>,
    body: PersonBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Person> {
    let (save, id) = match id {
        Some(id) => (Save::Update, id),
        None => (Save::Create, body.id.clone().unwrap_or_default().trim().to_owned()),
    };
    let group = Group::parse(&body.group).map_err(|m| bad("group", format!("group: {m}")))?;
    let person = Person {
        id,
        name: body.name.trim().to_owned(),
        user: body.user.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()),
        department: body.department.trim().to_owned(),
        group,
        from: body.from,
        until: body.until,
    };
    Ok(kirjuri_governance::save_person(
        registry.store,
        &person,
        save,
        &actor.name,
    )?)
}

/// Adds a person to the training roster (audited `training_person.create`).
#[utoipa::path(post, path = "/training/people", tag = "governance", request_body = PersonBody,
    responses((status = 201, description = "The person as stored", body = PersonAnswer)))]
pub async fn create_person(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<PersonBody>,
) -> ApiResult<(StatusCode, Json<PersonAnswer>)> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_person_as(registry, None, body, &actor)).await?;
    Ok((StatusCode::CREATED, Json(PersonAnswer::from(&stored))))
}

/// Changes a person on the roster, e.g. the day they left (audited `training_person.update`).
#[utoipa::path(put, path = "/training/people/{id}", tag = "governance", request_body = PersonBody,
    params(("id" = String, Path, description = "Roster id")),
    responses((status = 200, description = "The person as changed", body = PersonAnswer)))]
pub async fn update_person(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<PersonBody>,
) -> ApiResult<Json<PersonAnswer>> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_person_as(registry, Some(id), body, &actor)).await?;
    Ok(Json(PersonAnswer::from(&stored)))
}

/// A training as written.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingBody {
    /// A new training's key; ignored on an edit.
    #[serde(default)]
    #[schema(pattern = "^[A-Za-z0-9._-]{1,64}$")]
    pub key: Option<String>,
    pub name: String,
    #[schema(value_type = TopicKey)]
    pub topic: String,
    /// Default 3.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub validity_years: Option<u32>,
}

/// Adds (`key` none) or edits a training, for the API, the CLI's twin and the web form.
pub(crate) fn save_training_as(
    registry: &kirjuri_registry::Registry<'_>,
    key: Option<String>,
    body: TrainingBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Training> {
    let (save, key) = match key {
        Some(key) => (Save::Update, key),
        None => (Save::Create, body.key.clone().unwrap_or_default().trim().to_owned()),
    };
    let topic = Topic::parse(&body.topic).map_err(|m| bad("topic", format!("topic: {m}")))?;
    let training = Training {
        key,
        name: body.name.trim().to_owned(),
        topic,
        validity_years: body
            .validity_years
            .unwrap_or(kirjuri_governance::training::DEFAULT_VALIDITY_YEARS),
    };
    Ok(kirjuri_governance::save_training(
        registry.store,
        &training,
        save,
        &actor.name,
    )?)
}

/// Adds a training (audited `training.create`).
#[utoipa::path(post, path = "/training/courses", tag = "governance", request_body = TrainingBody,
    responses((status = 201, description = "The training as stored", body = TrainingAnswer)))]
pub async fn create_training(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<TrainingBody>,
) -> ApiResult<(StatusCode, Json<TrainingAnswer>)> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_training_as(registry, None, body, &actor)).await?;
    Ok((StatusCode::CREATED, Json(TrainingAnswer::from(&stored))))
}

/// Changes a training (audited `training.update`).
#[utoipa::path(put, path = "/training/courses/{key}", tag = "governance", request_body = TrainingBody,
    params(("key" = String, Path, description = "Training key")),
    responses((status = 200, description = "The training as changed", body = TrainingAnswer)))]
pub async fn update_training(
    State(state): State<AppState>,
    principal: Principal,
    Path(key): Path<String>,
    Json(body): Json<TrainingBody>,
) -> ApiResult<Json<TrainingAnswer>> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_training_as(registry, Some(key), body, &actor)
    })
    .await?;
    Ok(Json(TrainingAnswer::from(&stored)))
}

/// A completion as written.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionBody {
    /// The person's roster id.
    pub person: String,
    /// The training's key.
    pub training: String,
    pub completed_on: NaiveDate,
}

/// Records a completion for the API (`Source::Api`) and the web form (`Source::Ui`).
pub(crate) fn add_completion_as(
    registry: &kirjuri_registry::Registry<'_>,
    body: CompletionBody,
    source: Source,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<Completion> {
    let completion = Completion::new(body.person.trim(), body.training.trim(), body.completed_on, source);
    Ok(kirjuri_governance::add_completion(
        registry.store,
        &completion,
        &actor.name,
    )?)
}

/// Records that a person completed a training (audited `training_completion.create`).
#[utoipa::path(post, path = "/training/completions", tag = "governance", request_body = CompletionBody,
    responses((status = 201, description = "The completion as stored", body = CompletionAnswer)))]
pub async fn create_completion(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<CompletionBody>,
) -> ApiResult<(StatusCode, Json<CompletionAnswer>)> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        add_completion_as(registry, body, Source::Api, &actor)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(CompletionAnswer::from(&stored))))
}

/// A control performed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ControlAnswer {
    pub id: String,
    pub kind: ControlKindKey,
    /// The system or register it concerns.
    pub system: String,
    pub performed_on: NaiveDate,
    pub performed_by: String,
    pub result: ControlResultKey,
    pub findings: String,
    pub follow_up: String,
}

impl From<&ControlEvent> for ControlAnswer {
    fn from(e: &ControlEvent) -> Self {
        ControlAnswer {
            id: e.id.clone(),
            kind: e.kind.into(),
            system: e.system.clone(),
            performed_on: e.performed_on,
            performed_by: e.performed_by.clone(),
            result: e.result.into(),
            findings: e.findings.clone(),
            follow_up: e.follow_up.clone(),
        }
    }
}

/// The controls of one kind in a year, by result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ControlCountAnswer {
    pub kind: ControlKindKey,
    pub ok: usize,
    pub deviations: usize,
    pub failed: usize,
}

impl From<&kirjuri_governance::ControlCount> for ControlCountAnswer {
    fn from(c: &kirjuri_governance::ControlCount) -> Self {
        ControlCountAnswer {
            kind: c.kind.into(),
            ok: c.ok,
            deviations: c.deviations,
            failed: c.failed,
        }
    }
}

/// The controls performed in a year, and their counts (`kirjuri_governance::controls_in`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ControlsAnswer {
    pub year: i32,
    /// Newest first.
    pub events: Vec<ControlAnswer>,
    /// One row per kind, zeros included.
    pub counts: Vec<ControlCountAnswer>,
}

/// The controls of `year` with their counts.
pub(crate) fn controls_as(registry: &kirjuri_registry::Registry<'_>, year: i32) -> ApiResult<ControlsAnswer> {
    use chrono::Datelike;
    let events = kirjuri_governance::load_controls(registry.store)?;
    let counts = kirjuri_governance::controls_in(&events, year);
    let of_year: Vec<ControlEvent> = events.into_iter().filter(|e| e.performed_on.year() == year).collect();
    Ok(ControlsAnswer {
        year,
        events: answers(&of_year),
        counts: answers(&counts),
    })
}

#[utoipa::path(get, path = "/controls", tag = "governance", params(YearQuery),
    responses((status = 200, description = "Controls performed in the year and their counts per kind and result", body = ControlsAnswer)))]
pub async fn list_controls(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<YearQuery>,
) -> ApiResult<Json<ControlsAnswer>> {
    principal.require(Permission::ReadGovernance)?;
    let year = year_of(query.year)?;
    blocking(&state, move |registry| controls_as(registry, year).map(Json)).await
}

/// A control as written.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlBody {
    #[schema(value_type = ControlKindKey)]
    pub kind: String,
    /// The system or register it concerns.
    pub system: String,
    pub performed_on: NaiveDate,
    pub performed_by: String,
    #[schema(value_type = ControlResultKey)]
    pub result: String,
    /// Required when the result is `deviations` or `failed`.
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub follow_up: String,
}

/// Records (`id` none) or corrects a control event, for the API and the web form.
pub(crate) fn save_control_as(
    registry: &kirjuri_registry::Registry<'_>,
    id: Option<String>,
    body: ControlBody,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<ControlEvent> {
    let kind = ControlKind::parse(&body.kind).map_err(|m| bad("kind", format!("kind: {m}")))?;
    let result = ControlResult::parse(&body.result).map_err(|m| bad("result", format!("result: {m}")))?;
    let save = if id.is_some() { Save::Update } else { Save::Create };
    let event = ControlEvent {
        id: id.unwrap_or_default(),
        kind,
        system: body.system.trim().to_owned(),
        performed_on: body.performed_on,
        performed_by: body.performed_by.trim().to_owned(),
        result,
        findings: body.findings.trim().to_owned(),
        follow_up: body.follow_up.trim().to_owned(),
    };
    Ok(kirjuri_governance::save_control(
        registry.store,
        &event,
        save,
        &actor.name,
    )?)
}

/// Records a control performed (audited `control_event.create`).
#[utoipa::path(post, path = "/controls", tag = "governance", request_body = ControlBody,
    responses((status = 201, description = "The control as stored", body = ControlAnswer)))]
pub async fn create_control(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ControlBody>,
) -> ApiResult<(StatusCode, Json<ControlAnswer>)> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| save_control_as(registry, None, body, &actor)).await?;
    Ok((StatusCode::CREATED, Json(ControlAnswer::from(&stored))))
}

/// Corrects a recorded control (audited `control_event.update`).
#[utoipa::path(put, path = "/controls/{id}", tag = "governance", request_body = ControlBody,
    params(("id" = String, Path, description = "Control event id")),
    responses((status = 200, description = "The control as changed", body = ControlAnswer)))]
pub async fn update_control(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<ControlBody>,
) -> ApiResult<Json<ControlAnswer>> {
    principal.require(Permission::WriteGovernance)?;
    let actor = actor_of(&principal);
    let stored = blocking(&state, move |registry| {
        save_control_as(registry, Some(id), body, &actor)
    })
    .await?;
    Ok(Json(ControlAnswer::from(&stored)))
}
