//! Cases (asiat): list, open, show, move between states.

use axum::extract::State;
use axum::http::StatusCode;
use kirjuri_plan::ClassCode;
use kirjuri_plan::PublicityClass;
use kirjuri_registry::{Actor, Case, CaseFilter, CasePublicity, CaseState, OpenCase, Registry};
use serde::Deserialize;

use crate::AppState;
use crate::api::shapes::{CaseAnswer, CaseStateKey, DocumentAnswer, PublicityKey, answers};
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::users::Permission;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// Case state (käsittelyvaihe).
    #[param(value_type = Option<CaseStateKey>)]
    state: Option<String>,
    /// Class code, e.g. `07 00 03` or `07.00.03`.
    #[param(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$")]
    class: Option<String>,
    /// A party's name (exact after normalising white space).
    party: Option<String>,
    /// The department (toimiala) that handles the case.
    department: Option<String>,
    /// The diary year.
    #[param(minimum = 1900, maximum = 9999)]
    year: Option<i32>,
    /// Diary number: answers that one case only.
    diary: Option<String>,
}

/// A case with the documents the caller may see.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CaseViewAnswer {
    case: CaseAnswer,
    documents: Vec<DocumentAnswer>,
}

#[utoipa::path(get, path = "/cases", tag = "registry", params(CaseQuery), responses((status = 200, description = "Cases (asiat)", body = Vec<CaseAnswer>)))]
pub async fn list_cases(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<CaseQuery>,
) -> ApiResult<Json<Vec<CaseAnswer>>> {
    principal.require(Permission::ReadCases)?;
    let filter = CaseFilter {
        state: query
            .state
            .as_deref()
            .map(CaseState::parse)
            .transpose()
            .map_err(ApiError::bad_request)?,
        class: query
            .class
            .as_deref()
            .map(ClassCode::parse)
            .transpose()
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
        party: query.party,
        department: query.department,
        year: query.year,
    };
    let diary = query.diary;
    let reader = reader_of(&principal);
    blocking(&state, move |registry| match diary {
        Some(diary) => Ok(vec![CaseAnswer::from(
            &registry.view_case(registry.find_case(&diary)?, &reader),
        )]),
        None => Ok(answers(&registry.list_cases(&filter, &reader)?)),
    })
    .await
    .map(Json)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OpenCaseBody {
    /// Class code of the plan in force, e.g. `07 00 03` or `07.00.03`.
    #[schema(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$", example = "00 01 00")]
    class: String,
    title: String,
    #[serde(default)]
    parties: Vec<String>,
    department: Option<String>,
    unit: Option<String>,
    assignee: Option<String>,
    /// Public title (julkinen otsikko) shown to readers without the right to a restricted
    /// case; a restricted case without one shows its class's title.
    public_title: Option<String>,
    /// The case's publicity class (julkisuusluokka) when it departs from the plan's value for
    /// the class; needs `publicity_reason`.
    #[schema(value_type = Option<PublicityKey>)]
    publicity: Option<String>,
    /// Why the publicity departs from the plan (kept with the case and in the audit trail).
    publicity_reason: Option<String>,
    /// Explicit access list: the user names who alone may read the case (e.g. an HR case).
    #[serde(default)]
    access: Vec<String>,
}

#[utoipa::path(post, path = "/cases", tag = "registry", request_body = OpenCaseBody, responses((status = 201, description = "The registered case with its diary number", body = CaseAnswer)))]
pub async fn open_case(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<OpenCaseBody>,
) -> ApiResult<(StatusCode, Json<CaseAnswer>)> {
    principal.require(Permission::WriteCases)?;
    let class = ClassCode::parse(&body.class).map_err(|e| ApiError::bad_request(format!("class: {e}")))?;
    let publicity = body
        .publicity
        .as_deref()
        .map(PublicityClass::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(format!("publicity: {e}")))?
        .map(|class| CasePublicity {
            class,
            reason: body.publicity_reason.clone(),
        });
    let request = OpenCase {
        class,
        title: body.title,
        parties: body.parties,
        department: body.department,
        unit: body.unit,
        assignee: body.assignee,
        public_title: body.public_title,
        publicity,
        access: body.access,
        city_wide_process: false,
    };
    let actor = actor_of(&principal);
    let answer = blocking(&state, move |registry| {
        let case = open_case_as(registry, &principal, request, &actor)?;
        Ok(CaseAnswer::from(&registry.view_case(case, &principal.reader())))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Opens a case for `principal` (the API and the web form): the access list names existing
/// users; a department-scoped user's case belongs to their (first) department unless they name
/// one, anyone else's to the organisation's default department; the caller must write in that
/// department and may open cases of the class.
pub(crate) fn open_case_as(
    registry: &Registry<'_>,
    principal: &Principal,
    mut request: OpenCase,
    actor: &Actor,
) -> ApiResult<Case> {
    request.access = crate::users::known_user_names(registry.store, &request.access)?;
    if request.department.is_none() && !crate::users::is_city_wide(principal.role) {
        request.department = principal.departments.first().cloned();
    }
    let department = request
        .department
        .clone()
        .unwrap_or_else(|| registry.config.default_department.clone());
    principal.require_writes_in(&department)?;
    principal.require_opens_in_class(&request.class)?;
    Ok(registry.open_case(&request, actor)?)
}

/// Moves a case to another state for `principal` (the API and the web form): a write in the
/// case's department.
pub(crate) fn transition_case_as(
    registry: &Registry<'_>,
    principal: &Principal,
    id: &str,
    to: CaseState,
    reason: Option<&str>,
    actor: &Actor,
) -> ApiResult<Case> {
    principal.require_writes_in_case(&registry.find_case(id)?)?;
    Ok(registry.transition_case(id, to, reason, actor)?)
}

#[utoipa::path(get, path = "/cases/{id}", tag = "registry", params(("id" = String, Path, description = "Case id or diary number")), responses((status = 200, description = "The case and the documents the caller may see (a view that shows restricted documents is audited as `case.read`, with `X-Purpose`)", body = CaseViewAnswer)))]
pub async fn get_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<CaseViewAnswer>> {
    principal.require(Permission::ReadCases)?;
    let reader = reader_of(&principal);
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let (case, documents) = registry.read_case(&id, &reader, &actor)?;
        Ok(Json(CaseViewAnswer {
            case: CaseAnswer::from(&case),
            documents: documents
                .iter()
                .map(|d| DocumentAnswer::from(d).with_case(d, &case.case))
                .collect(),
        }))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TransitionBody {
    #[schema(value_type = CaseStateKey)]
    state: String,
    reason: Option<String>,
}

#[utoipa::path(post, path = "/cases/{id}/transition", tag = "registry", params(("id" = String, Path, description = "Case id or diary number")), request_body = TransitionBody, responses((status = 200, description = "The case in its new state", body = CaseAnswer)))]
pub async fn transition_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<TransitionBody>,
) -> ApiResult<Json<CaseAnswer>> {
    principal.require(Permission::WriteCases)?;
    let to = CaseState::parse(&body.state).map_err(ApiError::bad_request)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let case = transition_case_as(registry, &principal, &id, to, body.reason.as_deref(), &actor)?;
        Ok(Json(CaseAnswer::from(&registry.view_case(case, &principal.reader()))))
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessBody {
    /// The user names who alone may read the case; an empty list returns the case to access by
    /// role and department.
    access: Vec<String>,
    /// Why the list changes (kept in the audit trail with the list before and after).
    reason: String,
}

/// Sets a case's explicit access list (käyttöoikeusluettelo). The caller must be able to write
/// in the case's department, and when the case already has a list, be on it: a list is not
/// changed by someone it keeps out.
#[utoipa::path(put, path = "/cases/{id}/access", tag = "registry", params(("id" = String, Path, description = "Case id or diary number")), request_body = AccessBody, responses((status = 200, description = "The case with its new access list (audited as `case.access`)", body = CaseAnswer)))]
pub async fn set_access(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(body): Json<AccessBody>,
) -> ApiResult<Json<CaseAnswer>> {
    principal.require(Permission::WriteCases)?;
    let actor = actor_of(&principal);
    blocking(&state, move |registry| {
        let reader = principal.reader();
        let case = registry.find_case(&id)?;
        // The admin may change any list (and is audited doing it); anyone else must be able to
        // write in the case, so a list is changed only by someone on it.
        if principal.role != crate::users::Role::Admin {
            principal.require_writes_in_case(&case)?;
        }
        let case = crate::access::set_case_access(registry, &id, &body.access, &body.reason, &actor)?;
        Ok(Json(CaseAnswer::from(&registry.view_case(case, &reader))))
    })
    .await
}
