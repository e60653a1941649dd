//! The admin's pages (`/ui/admin`): the users with their roles, departments (toimialat), sign-in
//! and state; adding a user; a user's page to change the role and departments, disable or
//! enable them, and issue or revoke API tokens; and the departments there are. Every change is
//! the same use-case as the API's (`users::add_user_in`, `set_role`, `set_departments`,
//! `set_disabled`, `create_token`, `revoke_tokens`), audited there. A new password or token is
//! shown once, in the answer to the form that made it (never in an address or a redirect).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};

use super::messages as m;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::{DoneQuery, Lang, UiUser, page, words};
use crate::AppState;
use crate::api::{ApiResult, blocking, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::{self, Permission, Role, StoredToken, UserView};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui/admin", get(users_page))
        .route("/ui/admin/users", get(back_to_users).post(add_user))
        .route("/ui/admin/users/{name}", get(user_page))
        .route("/ui/admin/users/{name}/role", get(back_to_user).post(change_role))
        .route(
            "/ui/admin/users/{name}/departments",
            get(back_to_user).post(change_departments),
        )
        .route("/ui/admin/users/{name}/access", get(back_to_user).post(change_access))
        .route("/ui/admin/users/{name}/contact", get(back_to_user).post(change_contact))
        .route("/ui/admin/users/{name}/tokens", get(back_to_user).post(create_token))
        .route(
            "/ui/admin/users/{name}/tokens/revoke",
            get(back_to_user).post(revoke_tokens),
        )
}

/// A submitted form as its fields in order; departments come as one checkbox each, so a field
/// may repeat.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.as_str())
}

/// The departments a form chose: the ticked ones and a new one typed in.
fn chosen_departments(fields: &Fields) -> Vec<String> {
    fields
        .iter()
        .filter(|(key, _)| key == "department" || key == "new_department")
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

fn may_manage(user: &UiUser) -> ApiResult<()> {
    if user.may(Permission::ManageUsers) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The departments there are, with how many users and cases each has: the default department,
/// the users' and the cases'.
struct Department {
    name: String,
    users: usize,
    cases: usize,
    default: bool,
}

struct Directory {
    users: Vec<UserView>,
    departments: Vec<Department>,
}

async fn directory(state: &AppState, user: &UiUser) -> ApiResult<Directory> {
    let reader = reader_of(&user.principal());
    blocking(state, move |registry| {
        let users = users::list_users(registry.store)?;
        let cases = registry.list_cases(&kirjuri_registry::CaseFilter::default(), &reader)?;
        let default = registry.config.default_department.clone();
        let mut names: Vec<String> = std::iter::once(default.clone())
            .chain(users.iter().flat_map(|u| u.departments.iter().cloned()))
            .chain(cases.iter().map(|view| view.case.department.clone()))
            .filter(|d| !d.trim().is_empty())
            .collect();
        names.sort_by_key(|d| d.to_lowercase());
        names.dedup_by(|a, b| kirjuri_registry::same_department(a, b));
        let departments = names
            .into_iter()
            .map(|name| Department {
                users: users
                    .iter()
                    .filter(|u| {
                        u.departments
                            .iter()
                            .any(|d| kirjuri_registry::same_department(d, &name))
                    })
                    .count(),
                cases: cases
                    .iter()
                    .filter(|view| kirjuri_registry::same_department(&view.case.department, &name))
                    .count(),
                default: kirjuri_registry::same_department(&name, &default),
                name,
            })
            .collect();
        Ok(Directory { users, departments })
    })
    .await
}

pub(super) async fn users_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    may_manage(&user)?;
    users_view(&state, &user, &Fields::new(), &[]).await
}

async fn users_view(state: &AppState, user: &UiUser, form: &Fields, errors: &[FieldError]) -> ApiResult<Markup> {
    let lang = user.lang;
    let directory = directory(state, user).await?;
    let body = html! {
        p { (lang.t(m::ADMIN_INTRO)) }
        (error_summary(lang, errors))
        div.scroll tabindex="0" {
            table {
                tr {
                    th scope="col" { (lang.t(m::USER_NAME)) } th scope="col" { (lang.t(m::ROLE)) }
                    th scope="col" { (lang.t(m::DEPARTMENTS)) } th scope="col" { (lang.t(m::SIGN_IN_METHOD)) }
                    th scope="col" { (lang.t(m::ACCESS)) } th scope="col" { (lang.t(m::CREATED)) }
                }
                @for listed in &directory.users {
                    tr {
                        td { a href=(user_address(&listed.name)) data-value { (listed.name) } }
                        td { (words::role(listed.role).in_lang(lang)) }
                        td { (departments_text(lang, &listed.departments)) }
                        td { (sign_in_text(lang, listed)) }
                        td { (access_text(lang, listed)) }
                        td { (words::day(lang, kirjuri_registry::helsinki_date(listed.created_at))) }
                    }
                }
            }
        }
        (add_user_form(lang, user, &directory.departments, form, errors))
        (departments_table(lang, &directory.departments))
    };
    Ok(page(lang, Some(user), lang.t(m::NAV_ADMIN), body))
}

fn user_address(name: &str) -> String {
    format!("/ui/admin/users/{}", super::search::urlencode(name))
}

fn departments_text(lang: Lang, departments: &[String]) -> Markup {
    html! {
        @if departments.is_empty() { span.muted { (lang.t(m::NO_DEPARTMENTS)) } }
        @else { span data-value { (departments.join(", ")) } }
    }
}

fn sign_in_text(lang: Lang, user: &UserView) -> &'static str {
    if user.sign_in == "oidc" {
        lang.t(m::SIGN_IN_OIDC)
    } else {
        lang.t(m::SIGN_IN_LOCAL)
    }
}

fn access_text(lang: Lang, user: &UserView) -> Markup {
    html! {
        @if user.disabled { strong { (lang.t(m::USER_IS_DISABLED)) } } @else { (lang.t(m::USER_ACTIVE)) }
    }
}

/// The role picker, the given role chosen.
fn role_select(lang: Lang, chosen: &str, errors: &[FieldError]) -> Markup {
    html! {
        select id="role" name="role" aria-describedby=[described_by(errors, "role")] {
            @for role in Role::ALL.iter().copied() {
                option value=(role.key()) selected[role.key() == chosen] { (words::role(role).in_lang(lang)) }
            }
        }
        (field_error(errors, "role"))
    }
}

/// Ticks for the departments there are (those `chosen` ticked) and a field for a new one.
fn department_choices(lang: Lang, departments: &[Department], chosen: &[String], new: &str) -> Markup {
    html! {
        fieldset aria-describedby="departments-hint" {
            legend { (lang.t(m::DEPARTMENTS)) }
            p.hint id="departments-hint" { (lang.t(m::DEPARTMENTS_HINT)) }
            @for (i, department) in departments.iter().enumerate() {
                @let id = format!("department-{i}");
                div.check {
                    input type="checkbox" id=(id) name="department" value=(department.name)
                        checked[chosen.iter().any(|c| kirjuri_registry::same_department(c, &department.name))];
                    label for=(id) { (department.name) }
                }
            }
            label for="new_department" { (lang.t(m::NEW_DEPARTMENT)) }
            span.hint id="new_department-hint" { (lang.t(m::NEW_DEPARTMENT_HINT)) }
            input id="new_department" name="new_department" value=(new) maxlength="200" aria-describedby="new_department-hint";
        }
    }
}

fn add_user_form(
    lang: Lang,
    user: &UiUser,
    departments: &[Department],
    form: &Fields,
    errors: &[FieldError],
) -> Markup {
    let chosen_role = match field(form, "role") {
        "" => Role::Staff.key(),
        role => role,
    };
    let chosen: Vec<String> = form
        .iter()
        .filter(|(key, _)| key == "department")
        .map(|(_, value)| value.clone())
        .collect();
    html! {
        section aria-labelledby="add-user-heading" {
            h2 #add-user-heading { (lang.t(m::ADD_A_USER)) }
            form method="post" action="/ui/admin/users" {
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="name" { (lang.t(m::USER_NAME)) }
                span.hint id="name-hint" { (lang.t(m::USER_NAME_HINT)) }
                input id="name" name="name" required autocomplete="off" value=(field(form, "name"))
                    aria-describedby=(described_with_hint(errors, "name", "name-hint"));
                (field_error(errors, "name"))
                label for="role" { (lang.t(m::ROLE)) }
                (role_select(lang, chosen_role, errors))
                (department_choices(lang, departments, &chosen, field(form, "new_department")))
                label for="password" { (lang.t(m::PASSWORD)) }
                span.hint id="password-hint" { (lang.t(m::PASSWORD_HINT)) }
                input id="password" name="password" type="password" autocomplete="new-password"
                    aria-describedby=(described_with_hint(errors, "password", "password-hint"));
                (field_error(errors, "password"))
                button { (lang.t(m::ADD_A_USER)) }
            }
        }
    }
}

fn departments_table(lang: Lang, departments: &[Department]) -> Markup {
    html! {
        section aria-labelledby="departments-heading" {
            h2 #departments-heading { (lang.t(m::DEPARTMENTS)) }
            p { (lang.t(m::DEPARTMENTS_EXPLAINED)) }
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::DEPARTMENT)) }
                        th scope="col" { (lang.t(m::USERS_COUNT)) }
                        th scope="col" { (lang.t(m::CASES_COUNT)) }
                    }
                    @for department in departments {
                        tr {
                            td { span data-value { (department.name) } @if department.default { " " span.muted { (lang.t(m::DEFAULT_DEPARTMENT)) } } }
                            td { (department.users) }
                            td { (department.cases) }
                        }
                    }
                }
            }
        }
    }
}

/// Adds a user; the answer names them and shows the initial password once when Kirjuri made it.
async fn add_user(State(state): State<AppState>, user: UiUser, Form(form): Form<Fields>) -> ApiResult<Response> {
    user.check_form(field(&form, "csrf"), Permission::ManageUsers)?;
    let lang = user.lang;
    let Ok(role) = Role::parse(field(&form, "role")) else {
        let errors = [FieldError::new("role", "bad_request", lang, m::PROBLEM_CHOOSE_A_ROLE)];
        return refused_users(&state, &user, &form, StatusCode::BAD_REQUEST, &errors).await;
    };
    let name = field(&form, "name").trim().to_owned();
    let typed = field(&form, "password");
    let (password, generated) = if typed.is_empty() {
        (users::random_secret(20), true)
    } else {
        (typed.to_owned(), false)
    };
    let departments = chosen_departments(&form);
    let actor = user.session.user.name.clone();
    let added = blocking(&state, move |registry| {
        Ok(
            users::add_user_in(registry.store, &name, role, &departments, &password, &actor)
                .map(|view| (view, password))?,
        )
    })
    .await;
    match added {
        Ok((added, password)) => {
            let shown = Shown::Added {
                name: added.name.clone(),
                password: generated.then_some(password),
            };
            Ok((
                StatusCode::CREATED,
                user_view(&state, &user, &added.name, &shown, &[]).await?,
            )
                .into_response())
        }
        Err(error) => {
            let (status, _) = error.status_and_code();
            let errors = [FieldError::from_api(
                lang,
                &error,
                &["name", "password", "new_department"],
            )];
            refused_users(&state, &user, &form, status, &errors).await
        }
    }
}

async fn refused_users(
    state: &AppState,
    user: &UiUser,
    form: &Fields,
    status: StatusCode,
    errors: &[FieldError],
) -> ApiResult<Response> {
    Ok((status, users_view(state, user, form, errors).await?).into_response())
}

/// What a user's page says after an action: a message proven by the redirect, or a new
/// secret shown in the answer to the form itself.
enum Shown {
    Nothing,
    Done(String),
    Added { name: String, password: Option<String> },
    Token(String),
}

async fn user_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    may_manage(&user)?;
    let shown = match query.proven(&user, &format!("user:{name}")) {
        Some(done) => Shown::Done(done.to_owned()),
        None => Shown::Nothing,
    };
    user_view(&state, &user, &name, &shown, &[]).await
}

/// The user page's address after an action, with the session's proof of it.
fn user_done(user: &UiUser, name: &str, done: &str) -> String {
    let proof = user.done_proof(&format!("user:{name}"), done);
    format!(
        "{}?done={}&proof={proof}",
        user_address(name),
        super::search::urlencode(done)
    )
}

async fn user_view(
    state: &AppState,
    user: &UiUser,
    name: &str,
    shown: &Shown,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    user_view_kept(state, user, name, shown, errors, None).await
}

/// The user page; `kept` is the address a refused form gave (shown again in its field).
async fn user_view_kept(
    state: &AppState,
    user: &UiUser,
    name: &str,
    shown: &Shown,
    errors: &[FieldError],
    kept: Option<&str>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let directory = directory(state, user).await?;
    let Some(shown_user) = directory.users.iter().find(|u| u.name == name) else {
        return Err(ApiError::NotFound(format!("user {name}")));
    };
    let wanted = name.to_owned();
    let tokens: Vec<StoredToken> =
        blocking(state, move |registry| Ok(users::tokens_of(registry.store, &wanted)?)).await?;
    let active = tokens.iter().filter(|t| t.revoked_at.is_none()).count();
    let local = shown_user.sign_in != "oidc";
    let address = user_address(name);
    let is_self = user.session.user.name == name;
    let body = html! {
        p { a href="/ui/admin" { (lang.t(m::BACK_TO_USERS)) } }
        (shown_message(lang, shown))
        (error_summary(lang, errors))
        dl.facts {
            dt { (lang.t(m::USER_NAME)) } dd { span data-value { (shown_user.name) } @if is_self { " " (lang.t(m::YOU)) } }
            dt { (lang.t(m::ROLE)) } dd { (words::role(shown_user.role).in_lang(lang)) }
            dt { (lang.t(m::DEPARTMENTS)) } dd { (departments_text(lang, &shown_user.departments)) }
            dt { (lang.t(m::SIGN_IN_METHOD)) } dd { (sign_in_text(lang, shown_user)) }
            dt { (lang.t(m::ACCESS)) } dd { (access_text(lang, shown_user)) }
            dt { (lang.t(m::CREATED)) } dd { (words::moment(lang, shown_user.created_at)) }
            dt { (lang.t(m::EMAIL)) } dd {
                @match &shown_user.email {
                    Some(email) => span data-value { (email) },
                    None => span.muted { (lang.t(m::NO_EMAIL)) },
                }
            }
        }
        section aria-labelledby="contact-heading" {
            h2 #contact-heading { (lang.t(m::REMINDERS)) }
            form method="post" action=(format!("{address}/contact")) {
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint id="email-hint" { (lang.t(m::REMINDERS_HINT)) }
                label for="email" { (lang.t(m::EMAIL)) }
                input type="email" id="email" name="email" autocomplete="off"
                    value=(kept.unwrap_or(shown_user.email.as_deref().unwrap_or("")))
                    aria-describedby=(described_with_hint(errors, "email", "email-hint"));
                (field_error(errors, "email"))
                label for="language" { (lang.t(m::MAIL_LANGUAGE)) }
                select id="language" name="language" {
                    @for choice in Lang::ALL {
                        option value=(choice.code()) selected[choice.code() == shown_user.language] { (choice.own_name()) }
                    }
                }
                button { (lang.t(m::SAVE_CONTACT)) }
            }
        }
        @if local {
            section aria-labelledby="role-heading" {
                h2 #role-heading { (lang.t(m::CHANGE_ROLE)) }
                form method="post" action=(format!("{address}/role")) {
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    label for="role" { (lang.t(m::ROLE)) }
                    (role_select(lang, shown_user.role.key(), errors))
                    button { (lang.t(m::CHANGE_ROLE)) }
                }
            }
            section aria-labelledby="departments-heading" {
                h2 #departments-heading { (lang.t(m::DEPARTMENTS)) }
                form method="post" action=(format!("{address}/departments")) {
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    (department_choices(lang, &directory.departments, &shown_user.departments, ""))
                    (field_error(errors, "departments"))
                    button { (lang.t(m::SAVE_DEPARTMENTS)) }
                }
            }
            section aria-labelledby="access-heading" {
                h2 #access-heading { (lang.t(m::ACCESS)) }
                form method="post" action=(format!("{address}/access")) {
                    input type="hidden" name="csrf" value=(user.session.csrf);
                    @if shown_user.disabled {
                        input type="hidden" name="disabled" value="false";
                        button { (lang.t(m::ENABLE_USER)) }
                    } @else {
                        p.hint id="disable-hint" { (lang.t(m::DISABLE_HINT)) }
                        input type="hidden" name="disabled" value="true";
                        button aria-describedby="disable-hint" { (lang.t(m::DISABLE_USER)) }
                    }
                }
            }
        } @else {
            p.notice { (lang.t(m::MANAGED_IN_ENTRA)) }
        }
        section aria-labelledby="tokens-heading" {
            h2 #tokens-heading { (lang.t(m::API_TOKENS)) }
            p { (lang.t(m::API_TOKENS_HINT)) }
            p { (words::fill(lang.t(m::ACTIVE_TOKENS), &[&active.to_string()])) }
            div.actions {
                @if !shown_user.disabled {
                    form.inline method="post" action=(format!("{address}/tokens")) {
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        button { (lang.t(m::CREATE_TOKEN)) }
                    }
                }
                @if active > 0 {
                    form.inline method="post" action=(format!("{address}/tokens/revoke")) {
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        button { (lang.t(m::REVOKE_TOKENS)) }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(user), &shown_user.name, body))
}

/// The message after an action, and a new secret with the warning that it is shown only now.
fn shown_message(lang: Lang, shown: &Shown) -> Markup {
    let secret = |label: &str, value: &str| {
        html! {
            div.notice role="status" {
                p { strong { (label) } }
                p { code.secret data-value { (value) } }
                p { (lang.t(m::SHOWN_ONLY_NOW)) }
            }
        }
    };
    match shown {
        Shown::Nothing => html! {},
        Shown::Added { name, password } => html! {
            p.notice role="status" { strong { (words::fill(lang.t(m::USER_ADDED), &[name])) } }
            @if let Some(password) = password { (secret(lang.t(m::INITIAL_PASSWORD), password)) }
        },
        Shown::Token(token) => secret(lang.t(m::TOKEN_CREATED), token),
        Shown::Done(done) => {
            let text = match done.split_once(':') {
                Some(("role", role)) => Role::parse(role)
                    .map(|role| words::fill(lang.t(m::ROLE_CHANGED), &[words::role(role).in_lang(lang)]))
                    .unwrap_or_default(),
                Some(("revoked", count)) => words::fill(lang.t(m::TOKENS_REVOKED), &[count]),
                _ => match done.as_str() {
                    "departments" => lang.t(m::DEPARTMENTS_SAVED).to_owned(),
                    "contact" => lang.t(m::CONTACT_SAVED).to_owned(),
                    "disabled" => lang.t(m::USER_WAS_DISABLED).to_owned(),
                    "enabled" => lang.t(m::USER_WAS_ENABLED).to_owned(),
                    _ => String::new(),
                },
            };
            html! { @if !text.is_empty() { p.notice role="status" { strong { (text) } } } }
        }
    }
}

/// Runs one change of a user and answers with the user page: after the change a redirect with
/// its message; a refusal the page again (400/409) with the reason.
async fn change_user(
    state: &AppState,
    user: &UiUser,
    name: String,
    form: &Fields,
    field_names: &[&'static str],
    change: impl FnOnce(&kirjuri_store::Store, &str, &str) -> kirjuri_store::StoreResult<String> + Send + 'static,
) -> ApiResult<Response> {
    user.check_form(field(form, "csrf"), Permission::ManageUsers)?;
    let actor = user.session.user.name.clone();
    let target = name.clone();
    let done = blocking(state, move |registry| Ok(change(registry.store, &target, &actor)?)).await;
    match done {
        Ok(done) => Ok(Redirect::to(&user_done(user, &name, &done)).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let (status, _) = error.status_and_code();
            let errors = [FieldError::from_api(user.lang, &error, field_names)];
            let kept = field_names.contains(&"email").then(|| field(form, "email"));
            Ok((
                status,
                user_view_kept(state, user, &name, &Shown::Nothing, &errors, kept).await?,
            )
                .into_response())
        }
    }
}

async fn change_role(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    let role = Role::parse(field(&form, "role"));
    change_user(&state, &user, name, &form, &["role"], move |store, name, actor| {
        let role = role.map_err(|message| kirjuri_store::StoreError::Rejected {
            code: "bad_request",
            message: format!("role: {message}"),
        })?;
        users::set_role(store, name, role, actor).map(|view| format!("role:{}", view.role.key()))
    })
    .await
}

async fn change_departments(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    let departments = chosen_departments(&form);
    change_user(
        &state,
        &user,
        name,
        &form,
        &["departments"],
        move |store, name, actor| {
            users::set_departments(store, name, &departments, actor).map(|_| "departments".to_owned())
        },
    )
    .await
}

/// Where the user's reminders are mailed and in which language (`users::set_contact`, the
/// API's use-case).
async fn change_contact(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    let email = field(&form, "email").to_owned();
    let language = field(&form, "language").to_owned();
    change_user(
        &state,
        &user,
        name,
        &form,
        &["email", "language"],
        move |store, name, actor| {
            let language = users::parse_language(&language)?;
            users::set_contact(store, name, Some(&email), Some(language), actor).map(|_| "contact".to_owned())
        },
    )
    .await
}

async fn change_access(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    let disabled = field(&form, "disabled") == "true";
    change_user(&state, &user, name, &form, &[], move |store, name, actor| {
        users::set_disabled(store, name, disabled, actor)
            .map(|view| if view.disabled { "disabled" } else { "enabled" }.to_owned())
    })
    .await
}

async fn revoke_tokens(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    change_user(&state, &user, name, &form, &[], move |store, name, actor| {
        users::revoke_tokens(store, name, actor).map(|count| format!("revoked:{count}"))
    })
    .await
}

/// Issues a token; the answer shows it once (it is not in any address).
async fn create_token(
    State(state): State<AppState>,
    user: UiUser,
    Path(name): Path<String>,
    Form(form): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(field(&form, "csrf"), Permission::ManageUsers)?;
    let actor = user.session.user.name.clone();
    let target = name.clone();
    let made = blocking(&state, move |registry| {
        Ok(users::create_token(registry.store, &target, &actor)?)
    })
    .await;
    match made {
        Ok(token) => Ok((
            StatusCode::CREATED,
            user_view(&state, &user, &name, &Shown::Token(token), &[]).await?,
        )
            .into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let (status, _) = error.status_and_code();
            let errors = [FieldError::from_api(user.lang, &error, &[])];
            Ok((status, user_view(&state, &user, &name, &Shown::Nothing, &errors).await?).into_response())
        }
    }
}

/// The address of a form, reloaded or opened again, goes back to its page.
async fn back_to_user(user: UiUser, Path(path): Path<Vec<(String, String)>>) -> ApiResult<Response> {
    may_manage(&user)?;
    let name = path
        .into_iter()
        .find(|(key, _)| key == "name")
        .map(|(_, value)| value)
        .unwrap_or_default();
    Ok(Redirect::to(&user_address(&name)).into_response())
}

async fn back_to_users(user: UiUser) -> ApiResult<Response> {
    may_manage(&user)?;
    Ok(Redirect::to("/ui/admin").into_response())
}
