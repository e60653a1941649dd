//! The training and control page (koulutus ja valvonta): `/ui/governance?year=` shows the
//! data-protection training coverage per department (the domain's rule
//! `kirjuri_governance::coverage_on`, as the API and CLI count it), the controls performed in
//! the year with their counts (`controls_in`), the roster, trainings and newest completions;
//! for writers, forms to record a control, a completion, a person and a training, and
//! `/ui/governance/people/{id}` to edit a person. Every form goes through the API's use-cases
//! (`api::governance::*_as`). Names of people are personal data: the page needs
//! `ReadGovernance` (privacy officer, auditor, admin).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use kirjuri_governance::{ControlKind, ControlResult, Group, Person, Source, Topic};
use maud::{Markup, html};

use super::super::messages as m;
use super::super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::super::words::{self, Words};
use super::super::{DoneQuery, Lang, UiUser, page};
use super::Fields;
use crate::AppState;
use crate::api::governance::{
    CompletionBody, ControlBody, PersonBody, TrainingBody, add_completion_as, controls_as, coverage_as,
    save_control_as, save_person_as, save_training_as,
};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// How many completions the page lists (newest first).
const COMPLETIONS_SHOWN: usize = 30;

pub(super) fn group_words(group: Group) -> Words {
    match group {
        Group::Staff => m::GOV_STAFF,
        Group::Elected => m::GOV_ELECTED,
    }
}

fn topic_words(topic: Topic) -> Words {
    match topic {
        Topic::DataProtection => m::GOV_DATA_PROTECTION,
        Topic::InformationSecurity => m::GOV_INFORMATION_SECURITY,
    }
}

pub(super) fn kind_words(kind: ControlKind) -> Words {
    match kind {
        ControlKind::AccessReview => m::GOV_ACCESS_REVIEW,
        ControlKind::RestoreTest => m::GOV_RESTORE_TEST,
        ControlKind::LogReview => m::GOV_LOG_REVIEW,
    }
}

pub(super) fn result_words(result: ControlResult) -> Words {
    match result {
        ControlResult::Ok => m::GOV_RESULT_OK,
        ControlResult::Deviations => m::GOV_RESULT_DEVIATIONS,
        ControlResult::Failed => m::GOV_RESULT_FAILED,
    }
}

/// The share trained, in numbers and words: "60 %: 12 / 20".
fn share(lang: Lang, trained: usize, people: usize) -> String {
    let percent = (trained * 100 + people / 2).checked_div(people).unwrap_or(0);
    words::fill(
        lang.t(m::GOV_SHARE_OF),
        &[&percent.to_string(), &trained.to_string(), &people.to_string()],
    )
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct GovernanceQuery {
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    proof: Option<String>,
}

/// A form sent back refused: which one, with its input and the problem beside its field.
struct Refused<'a> {
    form: &'static str,
    fields: &'a Fields,
    errors: &'a [FieldError],
}

fn year_or_now(year: Option<i32>) -> i32 {
    year.filter(|y| (1900..=9999).contains(y))
        .unwrap_or_else(|| helsinki_today().year())
}

/// The page's address after a save, with the proven message.
fn saved(user: &UiUser, done: &str, year: i32) -> String {
    let proof = user.done_proof("governance", done);
    let query = serde_urlencoded::to_string([
        ("year", year.to_string().as_str()),
        ("done", done),
        ("proof", proof.as_str()),
    ])
    .unwrap_or_default();
    format!("/ui/governance?{query}")
}

pub(super) async fn governance_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<GovernanceQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadGovernance) {
        return Err(ApiError::Forbidden);
    }
    let year = year_or_now(query.year);
    let done = DoneQuery {
        done: query.done,
        proof: query.proof,
    };
    let done = done.proven(&user, "governance").map(str::to_owned);
    render(&state, &user, year, done.as_deref(), None).await
}

async fn render(
    state: &AppState,
    user: &UiUser,
    year: i32,
    done: Option<&str>,
    refused: Option<Refused<'_>>,
) -> ApiResult<Markup> {
    let lang = user.lang;
    let (coverage, controls, people, trainings, completions) = blocking(state, move |registry| {
        Ok((
            coverage_as(registry, year)?,
            controls_as(registry, year)?,
            kirjuri_governance::load_people(registry.store)?,
            kirjuri_governance::load_trainings(registry.store)?,
            kirjuri_governance::load_completions(registry.store)?,
        ))
    })
    .await?;
    let may_write = user.may(Permission::WriteGovernance);
    let empty = Fields::default();
    let form_of = |name: &str| match &refused {
        Some(r) if r.form == name => (r.fields, r.errors),
        _ => (&empty, &[][..]),
    };
    let name_of = |id: &str| {
        people
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_owned(), |p| p.name.clone())
    };
    let training_of = |key: &str| {
        trainings
            .iter()
            .find(|t| t.key == key)
            .map_or(key.to_owned(), |t| t.name.clone())
    };
    let (total_people, total_trained) = coverage
        .rows
        .iter()
        .fold((0, 0), |(p, t), row| (p + row.people, t + row.trained));
    let body = html! {
        @if let Some(done) = done {
            p.notice role="status" { strong { (lang.t(match done {
                "control" => m::GOV_DONE_CONTROL, "person" => m::GOV_DONE_PERSON,
                "training" => m::GOV_DONE_TRAINING, _ => m::GOV_DONE_COMPLETION }))
            } }
        }
        form.inline method="get" action="/ui/governance" {
            label for="year" { (lang.t(m::GOV_YEAR)) } " "
            input id="year" name="year" type="number" min="1900" max="9999" value=(year);
            " " button { (lang.t(m::GOV_SHOW_YEAR)) }
        }
        p {
            a href=(format!("/ui/governance?year={}", year - 1)) { (lang.t(m::GOV_PREVIOUS_YEAR)) } " · "
            a href=(format!("/ui/governance?year={}", year + 1)) { (lang.t(m::GOV_NEXT_YEAR)) }
        }
        h2 #coverage { (lang.t(m::GOV_COVERAGE_HEADING)) " " (year) }
        p.hint { (words::fill(lang.t(m::GOV_COVERAGE_RULE), &[&words::day(lang, coverage.counted_on)])) }
        @if coverage.rows.is_empty() { p.muted { (lang.t(m::GOV_NO_ROSTER)) } }
        @else {
            div.scroll tabindex="0" {
                table #coverage-table {
                    tr {
                        th scope="col" { (lang.t(m::GOV_DEPARTMENT)) } th scope="col" { (lang.t(m::GOV_GROUP)) }
                        th scope="col" { (lang.t(m::GOV_PEOPLE)) } th scope="col" { (lang.t(m::GOV_TRAINED)) }
                        th scope="col" { (lang.t(m::GOV_SHARE)) }
                    }
                    @for row in &coverage.rows {
                        tr {
                            th scope="row" data-value="department" { (row.department) }
                            td { (group_words(row.group.0).in_lang(lang)) }
                            td { (row.people) } td { (row.trained) }
                            td { (share(lang, row.trained, row.people)) }
                        }
                    }
                    tr {
                        th scope="row" { (lang.t(m::GOV_TOTAL)) } td { "—" }
                        td { (total_people) } td { (total_trained) }
                        td { (share(lang, total_trained, total_people)) }
                    }
                }
            }
        }
        h2 #controls { (lang.t(m::GOV_CONTROLS_HEADING)) " " (year) }
        p.hint { (lang.t(m::GOV_CONTROLS_RULE)) }
        div.scroll tabindex="0" {
            table #controls-count {
                tr {
                    th scope="col" { (lang.t(m::GOV_KIND)) } th scope="col" { (lang.t(m::GOV_RESULT_OK)) }
                    th scope="col" { (lang.t(m::GOV_RESULT_DEVIATIONS)) } th scope="col" { (lang.t(m::GOV_RESULT_FAILED)) }
                }
                @for count in &controls.counts {
                    tr {
                        th scope="row" { (kind_words(count.kind.0).in_lang(lang)) }
                        td { (count.ok) } td { (count.deviations) } td { (count.failed) }
                    }
                }
            }
        }
        @if controls.events.is_empty() { p.muted { (lang.t(m::GOV_NO_CONTROLS)) } }
        @else {
            div.scroll tabindex="0" {
                table #controls-list {
                    tr {
                        th scope="col" { (lang.t(m::GOV_PERFORMED_ON)) } th scope="col" { (lang.t(m::GOV_KIND)) }
                        th scope="col" { (lang.t(m::GOV_SYSTEM)) } th scope="col" { (lang.t(m::GOV_PERFORMED_BY)) }
                        th scope="col" { (lang.t(m::GOV_RESULT)) } th scope="col" { (lang.t(m::GOV_FINDINGS)) }
                        th scope="col" { (lang.t(m::GOV_FOLLOW_UP)) }
                    }
                    @for event in &controls.events {
                        tr {
                            td { (words::day(lang, event.performed_on)) }
                            td { (kind_words(event.kind.0).in_lang(lang)) }
                            td data-value="system" { (event.system) }
                            td data-value="performed_by" { (event.performed_by) }
                            td { @if event.result.0 == ControlResult::Ok { (lang.t(m::GOV_RESULT_OK)) }
                                 @else { strong { (result_words(event.result.0).in_lang(lang)) } } }
                            td data-value="findings" { (event.findings) }
                            td data-value="follow_up" { (event.follow_up) }
                        }
                    }
                }
            }
        }
        @if may_write {
            @let (fields, errors) = form_of("control");
            (control_form(user, fields, errors, year))
        }
        h2 #roster { (lang.t(m::GOV_ROSTER_HEADING)) }
        @if people.is_empty() { p.muted { (lang.t(m::GOV_NO_ROSTER)) } }
        @else {
            div.scroll tabindex="0" {
                table #roster-table {
                    tr {
                        th scope="col" { (lang.t(m::GOV_NAME)) } th scope="col" { (lang.t(m::GOV_DEPARTMENT)) }
                        th scope="col" { (lang.t(m::GOV_GROUP)) } th scope="col" { (lang.t(m::GOV_FROM)) }
                        th scope="col" { (lang.t(m::GOV_UNTIL)) }
                    }
                    @for person in &people {
                        tr {
                            td {
                                @if may_write { a href=(format!("/ui/governance/people/{}", person.id)) data-value="name" { (person.name) } }
                                @else { span data-value="name" { (person.name) } }
                            }
                            td data-value="department" { (person.department) }
                            td { (group_words(person.group).in_lang(lang)) }
                            td { (person.from.map_or("—".to_owned(), |d| words::day(lang, d))) }
                            td { (person.until.map_or("—".to_owned(), |d| words::day(lang, d))) }
                        }
                    }
                }
            }
        }
        @if may_write {
            @let (fields, errors) = form_of("person");
            details open[refused.as_ref().is_some_and(|r| r.form == "person")] {
                summary { (lang.t(m::GOV_ADD_PERSON)) }
                (person_form(user, None, fields, errors))
            }
        }
        h2 #trainings { (lang.t(m::GOV_TRAININGS_HEADING)) }
        @if trainings.is_empty() { p.muted { (lang.t(m::GOV_NO_TRAININGS)) } }
        @else {
            ul {
                @for training in &trainings {
                    li { span data-value="training" { (training.name) } ": " (topic_words(training.topic).in_lang(lang))
                        ", " (lang.t(m::GOV_VALIDITY)) " " (training.validity_years) }
                }
            }
        }
        @if may_write {
            @let (fields, errors) = form_of("training");
            details open[refused.as_ref().is_some_and(|r| r.form == "training")] {
                summary { (lang.t(m::GOV_ADD_TRAINING)) }
                (training_form(user, fields, errors, year))
            }
        }
        h2 #completions { (lang.t(m::GOV_COMPLETIONS_HEADING)) }
        @if completions.is_empty() { p.muted { (lang.t(m::GOV_NO_COMPLETIONS)) } }
        @else {
            p.hint { (words::fill(lang.t(m::GOV_SHOWN_COMPLETIONS), &[&completions.len().min(COMPLETIONS_SHOWN).to_string(), &completions.len().to_string()])) }
            div.scroll tabindex="0" {
                table #completions-table {
                    tr {
                        th scope="col" { (lang.t(m::GOV_COMPLETED_ON)) } th scope="col" { (lang.t(m::GOV_PERSON)) }
                        th scope="col" { (lang.t(m::GOV_TRAINING)) }
                    }
                    @for completion in completions.iter().take(COMPLETIONS_SHOWN) {
                        tr {
                            td { (words::day(lang, completion.completed_on)) }
                            td data-value="person" { (name_of(&completion.person)) }
                            td data-value="training" { (training_of(&completion.training)) }
                        }
                    }
                }
            }
        }
        @if may_write {
            @let (fields, errors) = form_of("completion");
            (completion_form(user, fields, errors, &people, &trainings, year))
        }
    };
    Ok(page(lang, Some(user), lang.t(m::NAV_GOVERNANCE), body))
}

fn text_field(lang: Lang, fields: &Fields, errors: &[FieldError], name: &'static str, label: Words) -> Markup {
    html! {
        label for=(name) { (lang.t(label)) }
        input id=(name) name=(name) value=(fields.get(name)) size="40" aria-describedby=[described_by(errors, name)];
        (field_error(errors, name))
    }
}

fn date_field(lang: Lang, fields: &Fields, errors: &[FieldError], name: &'static str, label: Words) -> Markup {
    html! {
        label for=(name) { (lang.t(label)) }
        input id=(name) name=(name) type="date" value=(fields.get(name)) aria-describedby=[described_by(errors, name)];
        (field_error(errors, name))
    }
}

fn control_form(user: &UiUser, fields: &Fields, errors: &[FieldError], year: i32) -> Markup {
    let lang = user.lang;
    html! {
        form #control method="post" action=(format!("/ui/governance/controls?year={year}")) {
            h3 { (lang.t(m::GOV_ADD_CONTROL)) }
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            label for="kind" { (lang.t(m::GOV_KIND)) }
            select id="kind" name="kind" aria-describedby=[described_by(errors, "kind")] {
                @for kind in ControlKind::ALL {
                    option value=(kind.key()) selected[fields.has("kind", kind.key())] { (kind_words(*kind).in_lang(lang)) }
                }
            }
            (field_error(errors, "kind"))
            (text_field(lang, fields, errors, "system", m::GOV_SYSTEM))
            (date_field(lang, fields, errors, "performed_on", m::GOV_PERFORMED_ON))
            (text_field(lang, fields, errors, "performed_by", m::GOV_PERFORMED_BY))
            label for="result" { (lang.t(m::GOV_RESULT)) }
            select id="result" name="result" aria-describedby=[described_by(errors, "result")] {
                @for result in ControlResult::ALL {
                    option value=(result.key()) selected[fields.has("result", result.key())] { (result_words(*result).in_lang(lang)) }
                }
            }
            (field_error(errors, "result"))
            label for="findings" { (lang.t(m::GOV_FINDINGS)) }
            span.hint id="findings-hint" { (lang.t(m::GOV_FINDINGS_HINT)) }
            textarea id="findings" name="findings" rows="3" cols="50" aria-describedby=(described_with_hint(errors, "findings", "findings-hint")) { (fields.get("findings")) }
            (field_error(errors, "findings"))
            label for="follow_up" { (lang.t(m::GOV_FOLLOW_UP)) }
            textarea id="follow_up" name="follow_up" rows="2" cols="50" aria-describedby=[described_by(errors, "follow_up")] { (fields.get("follow_up")) }
            (field_error(errors, "follow_up"))
            button { (lang.t(m::GOV_ADD_CONTROL)) }
        }
    }
}

fn person_form(user: &UiUser, id: Option<&str>, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let action = id.map_or("/ui/governance/people".to_owned(), |id| {
        format!("/ui/governance/people/{id}")
    });
    html! {
        form #person method="post" action=(action) {
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            @if id.is_none() {
                label for="id" { (lang.t(m::GOV_ID)) }
                span.hint id="id-hint" { (lang.t(m::GOV_ID_HINT)) }
                input id="id" name="id" value=(fields.get("id")) aria-describedby=(described_with_hint(errors, "id", "id-hint"));
                (field_error(errors, "id"))
            }
            (text_field(lang, fields, errors, "name", m::GOV_NAME))
            (text_field(lang, fields, errors, "user", m::GOV_USER))
            (text_field(lang, fields, errors, "department", m::GOV_DEPARTMENT))
            label for="group" { (lang.t(m::GOV_GROUP)) }
            select id="group" name="group" aria-describedby=[described_by(errors, "group")] {
                @for group in Group::ALL {
                    option value=(group.key()) selected[fields.has("group", group.key())] { (group_words(*group).in_lang(lang)) }
                }
            }
            (field_error(errors, "group"))
            (date_field(lang, fields, errors, "from", m::GOV_FROM))
            (date_field(lang, fields, errors, "until", m::GOV_UNTIL))
            button { (lang.t(m::GOV_SAVE)) }
        }
    }
}

fn training_form(user: &UiUser, fields: &Fields, errors: &[FieldError], year: i32) -> Markup {
    let lang = user.lang;
    html! {
        form #training method="post" action=(format!("/ui/governance/trainings?year={year}")) {
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            label for="key" { (lang.t(m::GOV_KEY)) }
            span.hint id="key-hint" { (lang.t(m::GOV_ID_HINT)) }
            input id="key" name="key" value=(fields.get("key")) aria-describedby=(described_with_hint(errors, "key", "key-hint"));
            (field_error(errors, "key"))
            label for="training-name" { (lang.t(m::GOV_NAME)) }
            input id="training-name" name="name" value=(fields.get("name")) aria-describedby=[described_by(errors, "name")];
            (field_error(errors, "name"))
            label for="topic" { (lang.t(m::GOV_TOPIC)) }
            select id="topic" name="topic" {
                @for topic in Topic::ALL {
                    option value=(topic.key()) selected[fields.has("topic", topic.key())] { (topic_words(*topic).in_lang(lang)) }
                }
            }
            label for="validity_years" { (lang.t(m::GOV_VALIDITY)) }
            input id="validity_years" name="validity_years" type="number" min="1" max="10"
                value=(if fields.get("validity_years").is_empty() { "3" } else { fields.get("validity_years") })
                aria-describedby=[described_by(errors, "validity_years")];
            (field_error(errors, "validity_years"))
            button { (lang.t(m::GOV_ADD_TRAINING)) }
        }
    }
}

fn completion_form(
    user: &UiUser,
    fields: &Fields,
    errors: &[FieldError],
    people: &[Person],
    trainings: &[kirjuri_governance::Training],
    year: i32,
) -> Markup {
    let lang = user.lang;
    html! {
        form #completion method="post" action=(format!("/ui/governance/completions?year={year}")) {
            h3 { (lang.t(m::GOV_ADD_COMPLETION)) }
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            label for="person" { (lang.t(m::GOV_PERSON)) }
            select id="person" name="person" aria-describedby=[described_by(errors, "person")] {
                @for person in people {
                    option value=(person.id) selected[fields.has("person", &person.id)] { (person.name) }
                }
            }
            (field_error(errors, "person"))
            label for="training-of" { (lang.t(m::GOV_TRAINING)) }
            select id="training-of" name="training" aria-describedby=[described_by(errors, "training")] {
                @for training in trainings {
                    option value=(training.key) selected[fields.has("training", &training.key)] { (training.name) }
                }
            }
            (field_error(errors, "training"))
            (date_field(lang, fields, errors, "completed_on", m::GOV_COMPLETED_ON))
            button { (lang.t(m::GOV_ADD_COMPLETION)) }
        }
    }
}

/// A date field of a form: empty is none; anything else must be a date.
fn form_date(fields: &Fields, name: &'static str) -> ApiResult<Option<NaiveDate>> {
    match fields.text(name) {
        None => Ok(None),
        Some(text) => kirjuri_governance::parse_date(&text)
            .map(Some)
            .map_err(|message| ApiError::BadRequest {
                code: name,
                message: format!("{name}: {message}"),
            }),
    }
}

fn required_date(fields: &Fields, name: &'static str) -> ApiResult<NaiveDate> {
    form_date(fields, name)?.ok_or_else(|| ApiError::BadRequest {
        code: name,
        message: format!("{name}: is required"),
    })
}

const CONTROL_FIELDS: &[&str] = &[
    "kind",
    "system",
    "performed_on",
    "performed_by",
    "result",
    "findings",
    "follow_up",
];
const PERSON_FIELDS: &[&str] = &["id", "name", "user", "department", "group", "from", "until"];
const TRAINING_FIELDS: &[&str] = &["key", "name", "topic", "validity_years"];
const COMPLETION_FIELDS: &[&str] = &["person", "training", "completed_on"];

/// A refused form's problem beside its field (the field the use-case's message names first),
/// in the catalogue's sentence for that field of these forms.
fn problem(lang: Lang, error: &ApiError, fields: &[&'static str]) -> FieldError {
    let mut problem = FieldError::from_api(lang, error, fields);
    let words = match problem.field {
        Some("id" | "key") => Some(m::GOV_PROBLEM_ID),
        Some("name") => Some(m::GOV_PROBLEM_NAME),
        Some("department") => Some(m::GOV_PROBLEM_DEPARTMENT),
        Some("from" | "performed_on") => Some(m::GOV_PROBLEM_DATE),
        Some("until") => Some(m::GOV_PROBLEM_UNTIL),
        Some("findings") => Some(m::GOV_PROBLEM_FINDINGS),
        Some("system") => Some(m::GOV_PROBLEM_SYSTEM),
        Some("performed_by") => Some(m::GOV_PROBLEM_PERFORMED_BY),
        Some("completed_on") => Some(m::GOV_PROBLEM_COMPLETED_ON),
        Some("person") => Some(m::GOV_PROBLEM_PERSON),
        Some("training") => Some(m::GOV_PROBLEM_TRAINING),
        Some("validity_years") => Some(m::GOV_PROBLEM_VALIDITY),
        _ => None,
    };
    if let Some(words) = words {
        problem.text = lang.t(words).to_owned();
    }
    problem
}

/// The answer to `form`: back to the page with the proven message (`done=form`), or the page
/// again (400) with the input kept and the problem beside its field.
async fn answer<T>(
    state: &AppState,
    user: &UiUser,
    year: i32,
    form: &'static str,
    names: &[&'static str],
    fields: &Fields,
    outcome: ApiResult<T>,
) -> ApiResult<Response> {
    match outcome {
        Ok(_) => Ok(Redirect::to(&saved(user, form, year)).into_response()),
        Err(ApiError::Forbidden) => Err(ApiError::Forbidden),
        Err(error) => {
            let errors = [problem(user.lang, &error, names)];
            let refused = Refused {
                form,
                fields,
                errors: &errors,
            };
            let page = render(state, user, year, None, Some(refused)).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct YearOnly {
    #[serde(default)]
    year: Option<i32>,
}

pub(super) async fn create_control(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<YearOnly>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteGovernance)?;
    let outcome = match required_date(&fields, "performed_on") {
        Ok(performed_on) => {
            let body = ControlBody {
                kind: fields.get("kind").to_owned(),
                system: fields.get("system").to_owned(),
                performed_on,
                performed_by: fields.get("performed_by").to_owned(),
                result: fields.get("result").to_owned(),
                findings: fields.get("findings").to_owned(),
                follow_up: fields.get("follow_up").to_owned(),
            };
            let actor = actor_of(&user.principal());
            blocking(&state, move |registry| save_control_as(registry, None, body, &actor)).await
        }
        Err(error) => Err(error),
    };
    let year = outcome
        .as_ref()
        .map_or(year_or_now(query.year), |e| e.performed_on.year());
    answer(&state, &user, year, "control", CONTROL_FIELDS, &fields, outcome).await
}

pub(super) async fn create_completion(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<YearOnly>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteGovernance)?;
    let outcome = match required_date(&fields, "completed_on") {
        Ok(completed_on) => {
            let body = CompletionBody {
                person: fields.get("person").to_owned(),
                training: fields.get("training").to_owned(),
                completed_on,
            };
            let actor = actor_of(&user.principal());
            blocking(&state, move |registry| {
                add_completion_as(registry, body, Source::Ui, &actor)
            })
            .await
        }
        Err(error) => Err(error),
    };
    let year = year_or_now(query.year);
    answer(&state, &user, year, "completion", COMPLETION_FIELDS, &fields, outcome).await
}

pub(super) async fn create_training(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<YearOnly>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteGovernance)?;
    let validity = match fields.text("validity_years") {
        None => Ok(None),
        Some(text) => text.parse::<u32>().map(Some).map_err(|_| ApiError::BadRequest {
            code: "validity_years",
            message: format!("validity_years: `{text}` is not a number of years"),
        }),
    };
    let outcome = match validity {
        Ok(validity_years) => {
            let body = TrainingBody {
                key: fields.text("key"),
                name: fields.get("name").to_owned(),
                topic: fields.get("topic").to_owned(),
                validity_years,
            };
            let actor = actor_of(&user.principal());
            blocking(&state, move |registry| save_training_as(registry, None, body, &actor)).await
        }
        Err(error) => Err(error),
    };
    let year = year_or_now(query.year);
    answer(&state, &user, year, "training", TRAINING_FIELDS, &fields, outcome).await
}

fn person_body(fields: &Fields) -> ApiResult<PersonBody> {
    Ok(PersonBody {
        id: fields.text("id"),
        name: fields.get("name").to_owned(),
        user: fields.text("user"),
        department: fields.get("department").to_owned(),
        group: fields.get("group").to_owned(),
        from: form_date(fields, "from")?,
        until: form_date(fields, "until")?,
    })
}

pub(super) async fn create_person(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteGovernance)?;
    let outcome = match person_body(&fields) {
        Ok(body) => {
            let actor = actor_of(&user.principal());
            blocking(&state, move |registry| save_person_as(registry, None, body, &actor)).await
        }
        Err(error) => Err(error),
    };
    let year = year_or_now(None);
    answer(&state, &user, year, "person", PERSON_FIELDS, &fields, outcome).await
}

fn person_fields(person: &Person) -> Fields {
    let day = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    Fields::of(vec![
        ("name", person.name.clone()),
        ("user", person.user.clone().unwrap_or_default()),
        ("department", person.department.clone()),
        ("group", person.group.key().to_owned()),
        ("from", day(person.from)),
        ("until", day(person.until)),
    ])
}

fn person_page(user: &UiUser, person: &Person, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let title = format!("{}: {}", lang.t(m::GOV_EDIT_PERSON), person.name);
    let body = html! {
        p { a href="/ui/governance#roster" { (lang.t(m::GOV_BACK)) } }
        (person_form(user, Some(&person.id), fields, errors))
    };
    page(lang, Some(user), &title, body)
}

async fn load_person(state: &AppState, id: String) -> ApiResult<Person> {
    blocking(state, move |registry| {
        kirjuri_governance::load_person(registry.store, &id)?.ok_or_else(|| ApiError::NotFound(format!("person {id}")))
    })
    .await
}

pub(super) async fn edit_person_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Markup> {
    if !user.may(Permission::WriteGovernance) {
        return Err(ApiError::Forbidden);
    }
    let person = load_person(&state, id).await?;
    Ok(person_page(&user, &person, &person_fields(&person), &[]))
}

pub(super) async fn update_person(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteGovernance)?;
    let target = id.clone();
    let outcome = match person_body(&fields) {
        Ok(body) => {
            let actor = actor_of(&user.principal());
            blocking(&state, move |registry| {
                save_person_as(registry, Some(target), body, &actor)
            })
            .await
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to(&saved(&user, "person", year_or_now(None))).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let errors = [problem(user.lang, &error, PERSON_FIELDS)];
            let person = load_person(&state, id).await?;
            Ok((StatusCode::BAD_REQUEST, person_page(&user, &person, &fields, &errors)).into_response())
        }
    }
}
