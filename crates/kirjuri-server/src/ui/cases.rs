//! The case register (`/ui/cases`: filters by department, class, state, year and party,
//! sorting and paging) and opening a case (`/ui/cases/new`: a class picker from the plan in
//! force with a search, parties and a public title). The case itself is in `case_page`.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{CaseFilter, CaseState, CaseView, OpenCase};
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, error_summary, field_error};
use super::{Lang, UiUser, page, words};
use crate::AppState;
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::extract::{Form, Query};
use crate::users::Permission;

/// Cases shown on one page of the register.
const PAGE_SIZE: usize = 50;

/// The register's filters, sort and page, as the filter form sends them (all text, so a bad
/// value is shown on the form instead of refusing the page).
#[derive(Deserialize, Default, Clone)]
pub(super) struct CaseListQuery {
    #[serde(default)]
    department: String,
    #[serde(default)]
    class: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    sort: String,
    /// The page number (anything else is the first page).
    #[serde(default)]
    page: String,
}

impl CaseListQuery {
    /// The registry filter, or the problems with the fields.
    fn filter(&self, lang: Lang) -> (CaseFilter, Vec<FieldError>) {
        let mut errors = Vec::new();
        let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let class = text(&self.class).and_then(|c| match ClassCode::parse(&c) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.push(FieldError::new("class", "bad_class", lang, m::PROBLEM_BAD_CLASS_CODE));
                None
            }
        });
        let state = text(&self.state).and_then(|s| CaseState::parse(&s).ok());
        let year = text(&self.year).and_then(|y| match y.parse::<i32>() {
            Ok(year) if (1900..=9999).contains(&year) => Some(year),
            _ => {
                errors.push(FieldError::new("year", "bad_year", lang, m::PROBLEM_BAD_YEAR));
                None
            }
        });
        let filter = CaseFilter {
            state,
            class,
            party: text(&self.party),
            department: text(&self.department),
            year,
        };
        (filter, errors)
    }

    /// This query's link with another page number.
    fn link_to_page(&self, page: usize) -> String {
        let pairs = [
            ("department", self.department.as_str()),
            ("class", self.class.as_str()),
            ("state", self.state.as_str()),
            ("year", self.year.as_str()),
            ("party", self.party.as_str()),
            ("sort", self.sort.as_str()),
        ];
        let page = page.to_string();
        let mut query: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        query.push(("page", &page));
        format!("/ui/cases?{}", serde_urlencoded::to_string(&query).unwrap_or_default())
    }
}

pub(super) async fn cases_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<CaseListQuery>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let (filter, errors) = query.filter(lang);
    // The filter's choices come from the cases the reader sees; the list is filtered inside the
    // registry's query with the reader.
    let (mut cases, all) = blocking(&state, move |registry| {
        let cases = registry.list_cases(&filter, &reader)?;
        let all = registry.list_cases(&CaseFilter::default(), &reader)?;
        Ok((cases, all))
    })
    .await?;
    let mut departments: Vec<String> = all.iter().map(|v| v.case.department.clone()).collect();
    departments.sort();
    departments.dedup();
    let mut years: Vec<i32> = all.iter().map(|v| v.case.diary_number.year).collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    match query.sort.as_str() {
        "oldest" => {}
        "title" => cases.sort_by_key(|view| view.case.title.to_lowercase()),
        _ => cases.reverse(),
    }
    let total = cases.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let current = query.page.trim().parse::<usize>().unwrap_or(1).clamp(1, pages);
    let shown: Vec<&CaseView> = cases.iter().skip((current - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
    let first = (current - 1) * PAGE_SIZE + 1;
    let body = html! {
        @if user.may(Permission::WriteCases) {
            p { a.button href="/ui/cases/new" { (lang.t(m::OPEN_A_NEW_CASE)) } }
        }
        (error_summary(lang, &errors))
        form.filters method="get" action="/ui/cases" {
            fieldset {
                legend { (lang.t(m::FILTER_CASES)) }
                div.field {
                    label for="department" { (lang.t(m::DEPARTMENT)) }
                    select id="department" name="department" {
                        option value="" { (lang.t(m::ALL)) }
                        @for department in &departments {
                            option value=(department) selected[*department == query.department] { (department) }
                        }
                    }
                }
                div.field {
                    label for="class" { (lang.t(m::CLASS_2)) }
                    input id="class" name="class" value=(query.class) size="10" placeholder=(lang.t(m::CLASS_E_G_07))
                        aria-describedby=[described_by(&errors, "class")];
                    (field_error(&errors, "class"))
                }
                div.field {
                    label for="state" { (lang.t(m::STATE)) }
                    select id="state" name="state" {
                        option value="" { (lang.t(m::ALL)) }
                        @for state in CaseState::ALL {
                            option value=(state.key()) selected[state.key() == query.state] { (words::case_state(*state).in_lang(lang)) }
                        }
                    }
                }
                div.field {
                    label for="year" { (lang.t(m::YEAR)) }
                    select id="year" name="year" aria-describedby=[described_by(&errors, "year")] {
                        option value="" { (lang.t(m::ALL)) }
                        @for year in &years {
                            option value=(year) selected[year.to_string() == query.year] { (year) }
                        }
                    }
                    (field_error(&errors, "year"))
                }
                div.field {
                    label for="party" { (lang.t(m::PARTY)) }
                    input id="party" name="party" value=(query.party) size="20";
                }
                div.field {
                    label for="sort" { (lang.t(m::SORT)) }
                    select id="sort" name="sort" {
                        option value="newest" selected[query.sort.is_empty() || query.sort == "newest"] { (lang.t(m::SORT_NEWEST)) }
                        option value="oldest" selected[query.sort == "oldest"] { (lang.t(m::SORT_OLDEST)) }
                        option value="title" selected[query.sort == "title"] { (lang.t(m::SORT_TITLE)) }
                    }
                }
                button { (lang.t(m::FILTER)) }
                " " a href="/ui/cases" { (lang.t(m::CLEAR_FILTERS)) }
            }
        }
        p role="status" {
            @if total == 0 { (lang.t(m::NO_CASES_MATCH)) }
            @else { (words::fill(lang.t(m::SHOWING_CASES), &[&first.to_string(), &(first + shown.len() - 1).to_string(), &total.to_string()])) }
        }
        @if !shown.is_empty() {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::DIARY_NUMBER)) } th scope="col" { (lang.t(m::TITLE)) }
                        th scope="col" { (lang.t(m::CLASS_2)) } th scope="col" { (lang.t(m::DEPARTMENT)) }
                        th scope="col" { (lang.t(m::STATE)) } th scope="col" { (lang.t(m::OPENED)) }
                    }
                    @for CaseView { case, masked } in &shown {
                        tr {
                            td { a href=(format!("/ui/cases/{}", case.id)) { (case.diary_number) } }
                            td {
                                (case.title)
                                @if *masked { " " span.muted { (lang.t(m::RESTRICTED)) } }
                            }
                            td { (case.class) }
                            td { (case.department) }
                            td { (words::case_state(case.state).in_lang(lang)) }
                            td { (words::day(lang, case.opened_on)) }
                        }
                    }
                }
            }
        }
        @if pages > 1 {
            nav.paging aria-label=(lang.t(m::PAGES)) {
                @if current > 1 { a href=(query.link_to_page(current - 1)) rel="prev" { (lang.t(m::PREVIOUS_PAGE)) } }
                " " span { (words::fill(lang.t(m::PAGE_OF), &[&current.to_string(), &pages.to_string()])) } " "
                @if current < pages { a href=(query.link_to_page(current + 1)) rel="next" { (lang.t(m::NEXT_PAGE)) } }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::CASE_REGISTER), body))
}

/// The open-a-case form's fields, kept when the form is refused.
#[derive(Deserialize, Default)]
pub(super) struct OpenCaseForm {
    #[serde(default)]
    csrf: String,
    /// The class search (`/ui/cases/new?q=...` narrows the picker).
    #[serde(default)]
    q: String,
    #[serde(default)]
    class: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    public_title: String,
    /// Parties, one per line.
    #[serde(default)]
    parties: String,
    #[serde(default)]
    department: String,
}

pub(super) async fn new_case_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(form): Query<OpenCaseForm>,
) -> ApiResult<Response> {
    if !user.may(Permission::WriteCases) {
        return Err(crate::error::ApiError::Forbidden);
    }
    Ok(new_case_form(&state, &user, &form, &[]).await?.into_response())
}

/// A class the picker offers: its code and title in the page's language.
struct ClassChoice {
    code: String,
    title: String,
}

async fn new_case_form(
    state: &AppState,
    user: &UiUser,
    form: &OpenCaseForm,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let search = form.q.trim().to_lowercase();
    let principal = user.principal();
    let reader = reader_of(&user.principal());
    let (choices, default_department, known_departments) = blocking(state, move |registry| {
        let default_department = registry.config.default_department.clone();
        // The departments there are: the default, the users' and the cases' (a city-wide user
        // picks one instead of typing it, so a typo does not make a new department).
        let mut known = vec![default_department.clone()];
        known.extend(
            crate::users::list_users(registry.store)?
                .into_iter()
                .flat_map(|u| u.departments),
        );
        known.extend(
            registry
                .list_cases(&CaseFilter::default(), &reader)?
                .into_iter()
                .map(|view| view.case.department),
        );
        known.retain(|d| !d.trim().is_empty());
        known.sort();
        known.dedup();
        let Some(plan) = registry.plans.current() else {
            return Ok((Vec::new(), default_department, known));
        };
        let choices = plan
            .classes
            .values()
            // Only a class with a process takes cases; request and incident classes are opened
            // by their own services, not here.
            .filter(|class| class.process.is_some())
            .filter(|class| principal.require_opens_in_class(&class.code).is_ok())
            .filter(|class| !kirjuri_registry::is_city_wide_process_class(&class.code))
            // The search matches the code and the Finnish and English titles, whatever the
            // page's language.
            .filter(|class| {
                search.is_empty()
                    || class.code.to_string().contains(&search)
                    || class.title.to_lowercase().contains(&search)
                    || class
                        .title_en
                        .as_ref()
                        .is_some_and(|t| t.to_lowercase().contains(&search))
            })
            .map(|class| ClassChoice {
                code: class.code.to_string(),
                title: match lang {
                    Lang::En => class.title_en.clone().unwrap_or_else(|| class.title.clone()),
                    _ => class.title.clone(),
                },
            })
            .collect::<Vec<_>>();
        Ok((choices, default_department, known))
    })
    .await?;
    // A city-wide user's case goes to the organisation's default department unless they name
    // another; the field shows it.
    let department = if form.department.trim().is_empty() {
        default_department
    } else {
        form.department.clone()
    };
    let department_chosen = department.clone();
    let departments = if user.session.user.departments.is_empty() {
        known_departments
    } else {
        user.session.user.departments.clone()
    };
    let body = html! {
        (error_summary(lang, errors))
        form method="get" action="/ui/cases/new" {
            fieldset {
                legend { (lang.t(m::FIND_A_CLASS)) }
                label for="q" { (lang.t(m::CLASS_SEARCH_HINT)) }
                input id="q" name="q" type="search" value=(form.q) size="30";
                // Keeps what was typed in the main form when the search narrows the picker.
                input type="hidden" name="title" value=(form.title);
                input type="hidden" name="public_title" value=(form.public_title);
                input type="hidden" name="parties" value=(form.parties);
                input type="hidden" name="department" value=(form.department);
                button { (lang.t(m::SEARCH_2)) }
            }
        }
        form method="post" action="/ui/cases/new" {
            fieldset {
                legend { (lang.t(m::NEW_CASE)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                input type="hidden" name="q" value=(form.q);
                label for="class" { (lang.t(m::CLASS_FROM_THE_PLAN)) }
                @if choices.is_empty() {
                    p.muted id="class" { (lang.t(m::NO_CLASS_MATCHES)) }
                } @else {
                    select id="class" name="class" required aria-describedby=[described_by(errors, "class")] {
                        @if choices.len() > 1 { option value="" { (lang.t(m::CHOOSE)) } }
                        @for choice in &choices {
                            option value=(choice.code) selected[choice.code == form.class.trim()] { (choice.code) " " (choice.title) }
                        }
                    }
                }
                (field_error(errors, "class"))
                label for="title" { (lang.t(m::TITLE)) }
                input id="title" name="title" value=(form.title) required size="60" aria-describedby=[described_by(errors, "title")];
                (field_error(errors, "title"))
                label for="public_title" { (lang.t(m::PUBLIC_TITLE)) }
                span.hint id="public_title-hint" { (lang.t(m::PUBLIC_TITLE_HINT)) }
                input id="public_title" name="public_title" value=(form.public_title) size="60" aria-describedby="public_title-hint";
                label for="parties" { (lang.t(m::PARTIES_ONE_PER_LINE)) }
                textarea id="parties" name="parties" rows="3" cols="40" aria-describedby=[described_by(errors, "parties")] { (form.parties) }
                (field_error(errors, "parties"))
                label for="department" { (lang.t(m::DEPARTMENT)) }
                @if departments.is_empty() {
                    input id="department" name="department" value=(department) size="30" aria-describedby=[described_by(errors, "department")];
                } @else {
                    select id="department" name="department" aria-describedby=[described_by(errors, "department")] {
                        @for department in &departments {
                            option value=(department) selected[*department == department_chosen] { (department) }
                        }
                    }
                }
                (field_error(errors, "department"))
                button { (lang.t(m::OPEN_THE_CASE)) }
            }
        }
    };
    Ok(page(lang, Some(user), lang.t(m::OPEN_A_NEW_CASE), body))
}

/// Opens a case from the form (the same use-case as `POST /api/v1/cases`); a refusal shows the
/// form again with what was typed.
pub(super) async fn open_case(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<OpenCaseForm>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteCases)?;
    let lang = user.lang;
    let mut errors = Vec::new();
    let class = match ClassCode::parse(form.class.trim()) {
        Ok(class) => Some(class),
        Err(_) => {
            errors.push(FieldError::new(
                "class",
                "unknown_class",
                lang,
                m::PROBLEM_CHOOSE_A_CLASS,
            ));
            None
        }
    };
    if form.title.trim().is_empty() {
        errors.push(FieldError::new(
            "title",
            "missing_title",
            lang,
            m::PROBLEM_MISSING_TITLE,
        ));
    }
    let (Some(class), true) = (class, errors.is_empty()) else {
        return Ok((
            axum::http::StatusCode::BAD_REQUEST,
            new_case_form(&state, &user, &form, &errors).await?,
        )
            .into_response());
    };
    let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    let request = OpenCase {
        class,
        title: form.title.trim().to_owned(),
        parties: form
            .parties
            .lines()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        department: text(&form.department),
        unit: None,
        assignee: None,
        public_title: text(&form.public_title),
        publicity: None,
        access: Vec::new(),
        city_wide_process: false,
    };
    let principal = user.principal();
    let actor = actor_of(&principal);
    let opened = blocking(&state, move |registry| {
        crate::api::cases::open_case_as(registry, &principal, request, &actor)
    })
    .await;
    match opened {
        Ok(case) => Ok(Redirect::to(&super::case_page::case_done(
            &user,
            &case.id,
            super::case_page::CaseDone::Opened,
        ))
        .into_response()),
        Err(error) => {
            let errors = [FieldError::from_api(
                lang,
                &error,
                &["class", "title", "parties", "department"],
            )];
            Ok((
                error.status_and_code().0,
                new_case_form(&state, &user, &form, &errors).await?,
            )
                .into_response())
        }
    }
}
