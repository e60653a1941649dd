//! The register of processing activities (seloste käsittelytoimista, GDPR Art 30) and the
//! processor agreements (käsittelijäsopimukset, Art 28): `/ui/registers` lists both with what
//! each entry lacks (the domain's completeness check, the one the report and the CLI use) and
//! the processors without a valid agreement; `/ui/registers/new`, `/ui/registers/{id}`,
//! `/ui/processors/new` and `/ui/processors/{id}` create and edit them through the API's
//! use-cases (`api::registers::save_register_as`, `save_agreement_as`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_incidents::{ART28_CHECKLIST, ProcessingRegister, ProcessorAgreement, Version};
use maud::{Markup, html};

use super::super::messages as m;
use super::super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::super::words::{self, Words};
use super::super::{DoneQuery, Lang, UiUser, page};
use super::{AGREEMENT_STATES, Fields, agreement_state, problem};
use crate::AppState;
use crate::api::registers::{
    AgreementBody, RegisterBody, agreement_versions_as, register_versions_as, save_agreement_as, save_register_as,
};
use crate::api::{ApiResult, actor_of, blocking, helsinki_today};
use crate::error::ApiError;
use crate::extract::{Form, Path, Query};
use crate::users::Permission;

/// An Art 30(1) point by its letter, in words.
fn art30(letter: char) -> Words {
    match letter {
        'a' => m::REG_ART30_A,
        'b' => m::REG_ART30_B,
        'c' => m::REG_ART30_C,
        'd' => m::REG_ART30_D,
        'e' => m::REG_ART30_E,
        'f' => m::REG_ART30_F,
        _ => m::REG_ART30_G,
    }
}

/// An Art 28(3) checklist item by its key, in words.
fn art28(key: &str) -> Words {
    match key {
        "subject-and-duration" => m::REG_ART28_SUBJECT,
        "nature-and-purpose" => m::REG_ART28_NATURE,
        "data-types" => m::REG_ART28_DATA,
        "subject-categories" => m::REG_ART28_SUBJECTS,
        "documented-instructions" => m::REG_ART28_INSTRUCTIONS,
        "confidentiality" => m::REG_ART28_CONFIDENTIALITY,
        "security" => m::REG_ART28_SECURITY,
        "sub-processors" => m::REG_ART28_SUBPROCESSORS,
        "data-subject-rights" => m::REG_ART28_RIGHTS,
        "assistance-32-36" => m::REG_ART28_ASSISTANCE,
        "deletion-or-return" => m::REG_ART28_DELETION,
        _ => m::REG_ART28_AUDITS,
    }
}

/// What an entry lacks, in words (the domain's check), or that it is complete.
fn lacks(lang: Lang, register: &ProcessingRegister) -> Markup {
    let missing = register.missing_letters();
    let dpia = register.lacks_dpia();
    html! {
        @if missing.is_empty() && !dpia { (lang.t(m::REG_COMPLETE)) }
        @else {
            strong { (lang.t(m::REG_LACKS)) } " "
            @for (i, letter) in missing.iter().enumerate() { @if i > 0 { "; " } (lang.t(art30(*letter))) }
            @if dpia { @if !missing.is_empty() { "; " } (lang.t(m::REG_LACKS_DPIA)) }
        }
    }
}

/// The list's address after a save: the message names what was saved, proven by the session.
fn saved(user: &UiUser, done: &str, name: &str) -> String {
    let message = format!("{done}|{name}");
    let proof = user.done_proof("registers", &message);
    let query =
        serde_urlencoded::to_string([("done", message.as_str()), ("proof", proof.as_str())]).unwrap_or_default();
    format!("/ui/registers?{query}")
}

pub(super) async fn registers_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<DoneQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRegisters) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let (registers, agreements) = blocking(&state, |registry| {
        Ok((
            kirjuri_incidents::load_registers(registry.store)?,
            kirjuri_incidents::load_agreements(registry.store)?,
        ))
    })
    .await?;
    let done = query.proven(&user, "registers").map(str::to_owned);
    let today = helsinki_today();
    let without = kirjuri_incidents::processors_without_agreement(&registers, &agreements, today);
    let incomplete = kirjuri_incidents::completeness(&registers);
    let may_write = user.may(Permission::WriteRegisters);
    let body = html! {
        @if let Some((what, name)) = done.as_deref().and_then(|d| d.split_once('|')) {
            p.notice role="status" { strong {
                (lang.t(match what { "register-created" => m::REG_DONE_CREATED, "register-updated" => m::REG_DONE_UPDATED,
                    "agreement-created" => m::REG_DONE_AGREEMENT_CREATED, _ => m::REG_DONE_AGREEMENT_UPDATED }))
                ": " span data-value="name" { (name) }
            } }
        }
        h2 { (lang.t(m::REG_REGISTER_HEADING)) }
        @if may_write { p { a.button href="/ui/registers/new" { (lang.t(m::REG_ADD)) } } }
        @if registers.is_empty() { p.muted { (lang.t(m::REG_NONE)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::REG_NAME)) } th scope="col" { (lang.t(m::REG_DEPARTMENT)) }
                        th scope="col" { (lang.t(m::REG_IN_USE)) } th scope="col" { (lang.t(m::REG_COMPLETENESS)) }
                    }
                    @for register in &registers {
                        tr {
                            td { a href=(format!("/ui/registers/{}", register.id)) data-value="name" { (register.name) } }
                            td data-value="department" { (register.department) }
                            td { (if register.active { lang.t(m::YES) } else { lang.t(m::NO) }) }
                            td { @if register.active { (lacks(lang, register)) } @else { "—" } }
                        }
                    }
                }
            }
        }
        h2 { (lang.t(m::REG_COMPLETENESS_HEADING)) }
        @if incomplete.is_empty() { p { (lang.t(m::REG_ALL_COMPLETE)) } }
        @else {
            p { (words::fill(lang.t(m::REG_INCOMPLETE_COUNT), &[&incomplete.len().to_string()])) }
        }
        h2 { (lang.t(m::REG_AGREEMENTS_HEADING)) }
        @if may_write { p { a.button href="/ui/processors/new" { (lang.t(m::REG_ADD_AGREEMENT)) } } }
        @if agreements.is_empty() { p.muted { (lang.t(m::REG_NO_AGREEMENTS)) } }
        @else {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { (lang.t(m::REG_PROCESSOR)) } th scope="col" { (lang.t(m::STATE)) }
                        th scope="col" { (lang.t(m::REG_ENDS_ON)) } th scope="col" { (lang.t(m::REG_REVIEW_DUE)) }
                        th scope="col" { (lang.t(m::REG_CHECKLIST)) }
                    }
                    @for agreement in &agreements {
                        tr {
                            td {
                                // Agreements open as their edit form: a link for those who may edit.
                                @if may_write { a href=(format!("/ui/processors/{}", agreement.id)) data-value="processor" { (agreement.processor) } }
                                @else { span data-value="processor" { (agreement.processor) } }
                            }
                            // The stored state, and in words whether it is in force today and
                            // whether its review is late (a state of "in force" past its end
                            // day is not taken at its word).
                            td {
                                (agreement_state(agreement.state).in_lang(lang))
                                @if !agreement.is_valid_on(today) { br; strong { (lang.t(m::REG_NOT_IN_FORCE_TODAY)) } }
                            }
                            td { (agreement.ends_on.map_or("—".to_owned(), |d| words::day(lang, d))) }
                            td {
                                (agreement.review_due.map_or("—".to_owned(), |d| words::day(lang, d)))
                                @if agreement.review_due.is_some_and(|d| d < today) { br; strong { (lang.t(m::REG_REVIEW_LATE)) } }
                            }
                            td { (words::fill(lang.t(m::REG_CHECKLIST_MISSING), &[&agreement.missing_checklist_items().len().to_string(), &ART28_CHECKLIST.len().to_string()])) }
                        }
                    }
                }
            }
        }
        h2 { (lang.t(m::REG_WITHOUT_HEADING)) }
        @if without.is_empty() { p { (lang.t(m::REG_ALL_COVERED)) } }
        @else {
            ul {
                @for (processor, registers) in &without {
                    li { span data-value="processor" { (processor) } " (" (lang.t(m::REG_USED_IN)) " " span data-value="registers" { (registers.join(", ")) } ")" }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::NAV_REGISTERS), body))
}

/// The form's starting values from a stored entry.
fn register_fields(register: &ProcessingRegister) -> Fields {
    let lines = |items: &[String]| items.join("\n");
    let mut pairs = vec![
        ("name", register.name.clone()),
        ("controller", register.controller.clone()),
        ("department", register.department.clone()),
        ("dpo_contact", register.dpo_contact.clone()),
        ("purposes", lines(&register.purposes)),
        ("subject_categories", lines(&register.subject_categories)),
        ("data_categories", lines(&register.data_categories)),
        ("recipients", lines(&register.recipients)),
        ("transfers", lines(&register.transfers)),
        (
            "erasure_classes",
            register
                .erasure_classes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("security_measures", register.security_measures.clone()),
        ("legal_basis", register.legal_basis.clone()),
        ("dpia", register.dpia.clone()),
        ("systems", lines(&register.systems)),
        ("processors", lines(&register.processors)),
        ("privacy_notice", register.privacy_notice.clone()),
        (
            "privacy_notice_published",
            register
                .privacy_notice_published
                .map_or(String::new(), |d| d.to_string()),
        ),
    ];
    for (flag, on) in [
        ("special_categories", register.special_categories),
        ("criminal_data", register.criminal_data),
        ("active", register.active),
    ] {
        if on {
            pairs.push((flag, "true".to_owned()));
        }
    }
    Fields::of(pairs)
}

/// A text field with its label, optional hint and error.
fn text_field(
    lang: Lang,
    fields: &Fields,
    errors: &[FieldError],
    name: &'static str,
    label: Words,
    hint: Option<Words>,
) -> Markup {
    let hint_id = format!("{name}-hint");
    html! {
        label for=(name) { (lang.t(label)) }
        @if let Some(hint) = hint { span.hint id=(hint_id) { (lang.t(hint)) } }
        input id=(name) name=(name) value=(fields.get(name)) size="50"
            aria-describedby=[if hint.is_some() { Some(described_with_hint(errors, name, &hint_id)) } else { described_by(errors, name) }];
        (field_error(errors, name))
    }
}

/// A list field, one item a line.
fn lines_field(lang: Lang, fields: &Fields, errors: &[FieldError], name: &'static str, label: Words) -> Markup {
    let hint_id = format!("{name}-hint");
    html! {
        label for=(name) { (lang.t(label)) }
        span.hint id=(hint_id) { (lang.t(m::ONE_A_LINE)) }
        textarea id=(name) name=(name) rows="3" cols="50" aria-describedby=(described_with_hint(errors, name, &hint_id)) { (fields.get(name)) }
        (field_error(errors, name))
    }
}

fn register_form(user: &UiUser, id: Option<&str>, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    let action = id.map_or("/ui/registers/new".to_owned(), |id| format!("/ui/registers/{id}"));
    html! {
        form #register method="post" action=(action) {
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            fieldset {
                legend { (lang.t(m::REG_BASICS)) }
                @if id.is_none() { (text_field(lang, fields, errors, "id", m::REG_ID, Some(m::REG_ID_HINT))) }
                (text_field(lang, fields, errors, "name", m::REG_NAME, None))
                (text_field(lang, fields, errors, "department", m::REG_DEPARTMENT, None))
                (text_field(lang, fields, errors, "controller", m::REG_CONTROLLER, None))
                (text_field(lang, fields, errors, "dpo_contact", m::REG_DPO, None))
                (lines_field(lang, fields, errors, "purposes", m::REG_PURPOSES))
                (text_field(lang, fields, errors, "legal_basis", m::REG_LEGAL_BASIS, None))
                (text_field(lang, fields, errors, "privacy_notice", m::REG_PRIVACY_NOTICE, None))
                (date_field(lang, fields, errors, "privacy_notice_published", m::REG_PRIVACY_NOTICE_PUBLISHED))
            }
            fieldset {
                legend { (lang.t(m::REG_DATA)) }
                (lines_field(lang, fields, errors, "subject_categories", m::REG_SUBJECTS))
                (lines_field(lang, fields, errors, "data_categories", m::REG_DATA_CATEGORIES))
                label { input type="checkbox" name="special_categories" value="true" checked[fields.ticked("special_categories")]; " " (lang.t(m::INC_SPECIAL)) }
                label { input type="checkbox" name="criminal_data" value="true" checked[fields.ticked("criminal_data")]; " " (lang.t(m::INC_CRIMINAL)) }
                (text_field(lang, fields, errors, "dpia", m::REG_DPIA, Some(m::REG_DPIA_HINT)))
                (lines_field(lang, fields, errors, "recipients", m::REG_RECIPIENTS))
                (lines_field(lang, fields, errors, "transfers", m::REG_TRANSFERS))
                (lines_field(lang, fields, errors, "erasure_classes", m::REG_ERASURE))
                label for="security_measures" { (lang.t(m::REG_SECURITY)) }
                textarea id="security_measures" name="security_measures" rows="3" cols="50" aria-describedby=[described_by(errors, "security_measures")] { (fields.get("security_measures")) }
                (field_error(errors, "security_measures"))
                (lines_field(lang, fields, errors, "systems", m::REG_SYSTEMS))
                (lines_field(lang, fields, errors, "processors", m::REG_PROCESSORS))
                label { input type="checkbox" name="active" value="true" checked[fields.ticked("active")]; " " (lang.t(m::REG_IN_USE)) }
            }
            button { (lang.t(m::REG_SAVE)) }
        }
    }
}

async fn register_form_page(
    user: &UiUser,
    existing: Option<&ProcessingRegister>,
    versions: &[Version<ProcessingRegister>],
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let title = match existing {
        Some(register) => format!("{}: {}", lang.t(m::REG_EDIT), register.name),
        None => lang.t(m::REG_ADD).to_owned(),
    };
    let body = html! {
        p { a href="/ui/registers" { (lang.t(m::REG_BACK)) } }
        @if let Some(register) = existing { p { (lacks(lang, register)) } }
        (register_form(user, existing.map(|r| r.id.as_str()), fields, errors))
        (versions_list(lang, versions, register_field))
    };
    page(lang, Some(user), &title, body)
}

/// A register entry's field, by its stored name, in words.
fn register_field(name: &str) -> Words {
    match name {
        "name" => m::REG_NAME,
        "controller" => m::REG_CONTROLLER,
        "department" => m::REG_DEPARTMENT,
        "dpo_contact" => m::REG_DPO,
        "purposes" => m::REG_PURPOSES,
        "subject_categories" => m::REG_SUBJECTS,
        "data_categories" => m::REG_DATA_CATEGORIES,
        "special_categories" => m::INC_SPECIAL,
        "criminal_data" => m::INC_CRIMINAL,
        "recipients" => m::REG_RECIPIENTS,
        "transfers" => m::REG_TRANSFERS,
        "erasure_classes" => m::REG_ERASURE,
        "security_measures" => m::REG_SECURITY,
        "legal_basis" => m::REG_LEGAL_BASIS,
        "dpia" => m::REG_DPIA,
        "systems" => m::REG_SYSTEMS,
        "processors" => m::REG_PROCESSORS,
        "active" => m::REG_IN_USE,
        "privacy_notice" => m::REG_PRIVACY_NOTICE,
        "privacy_notice_published" => m::REG_PRIVACY_NOTICE_PUBLISHED,
        _ => m::REG_VERSION_OTHER,
    }
}

/// A processor agreement's field, by its stored name, in words.
fn agreement_field(name: &str) -> Words {
    match name {
        "processor" => m::REG_PROCESSOR,
        "registers" => m::REG_COVERS_REGISTERS,
        "signed_on" => m::REG_SIGNED_ON,
        "starts_on" => m::REG_STARTS_ON,
        "ends_on" => m::REG_ENDS_ON,
        "review_due" => m::REG_REVIEW_DUE,
        "state" => m::STATE,
        "owner" => m::REG_OWNER,
        "checklist" => m::REG_CHECKLIST,
        _ => m::REG_VERSION_OTHER,
    }
}

/// The dated versions of an entry or agreement, newest first: when each took effect, who
/// changed it and what changed, in words (`kirjuri_incidents::versions_of`, as the API's
/// `/versions` and the CLI's `register history`).
fn versions_list<T>(lang: Lang, versions: &[Version<T>], field: fn(&str) -> Words) -> Markup {
    html! {
        @if !versions.is_empty() {
            section #versions aria-labelledby="versions-heading" {
                h2 #versions-heading { (lang.t(m::REG_VERSIONS_HEADING)) }
                div.scroll tabindex="0" role="region" aria-labelledby="versions-heading" { table {
                    thead { tr {
                        th scope="col" { (lang.t(m::REG_VERSION_FROM)) }
                        th scope="col" { (lang.t(m::REG_VERSION_BY)) }
                        th scope="col" { (lang.t(m::REG_VERSION_WHAT)) }
                    } }
                    tbody {
                        @for version in versions.iter().rev() {
                            tr {
                                td {
                                    @match version.valid_from {
                                        Some(at) => (words::moment(lang, at)),
                                        None => (lang.t(m::REG_VERSION_UNKNOWN_START)),
                                    }
                                    @if let (Some(from), Some(recorded)) = (version.valid_from, version.recorded_at) {
                                        @if recorded - from > chrono::Duration::minutes(1) {
                                            br; span.hint { (words::fill(lang.t(m::REG_VERSION_RECORDED), &[&words::moment(lang, recorded)])) }
                                        }
                                    }
                                }
                                td data-value="by" { @if version.by.is_empty() { "—" } @else { (version.by) } }
                                td {
                                    @if version.changed.is_empty() { (lang.t(m::REG_VERSION_FIRST)) }
                                    @else {
                                        @for (i, name) in version.changed.iter().enumerate() { @if i > 0 { "; " } (lang.t(field(name))) }
                                    }
                                }
                            }
                        }
                    }
                } }
            }
        }
    }
}

/// The dated versions of a register entry.
async fn register_versions(state: &AppState, id: String) -> ApiResult<Vec<Version<ProcessingRegister>>> {
    blocking(state, move |registry| register_versions_as(registry, &id)).await
}

/// The dated versions of a processor agreement.
async fn agreement_versions(state: &AppState, id: String) -> ApiResult<Vec<Version<ProcessorAgreement>>> {
    blocking(state, move |registry| agreement_versions_as(registry, &id)).await
}

pub(super) async fn new_register_page(user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::WriteRegisters) {
        return Err(ApiError::Forbidden);
    }
    let fields = Fields::of(vec![("active", "true".to_owned())]);
    Ok(register_form_page(&user, None, &[], &fields, &[]).await)
}

async fn load_register(state: &AppState, id: String) -> ApiResult<ProcessingRegister> {
    blocking(state, move |registry| {
        kirjuri_incidents::load_register(registry.store, &id)?
            .ok_or_else(|| ApiError::NotFound(format!("register entry {id}")))
    })
    .await
}

pub(super) async fn register_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadRegisters) {
        return Err(ApiError::Forbidden);
    }
    let register = load_register(&state, id.clone()).await?;
    let versions = register_versions(&state, id).await?;
    if !user.may(Permission::WriteRegisters) {
        return Ok(read_only_register(&user, &register, &versions));
    }
    Ok(register_form_page(&user, Some(&register), &versions, &register_fields(&register), &[]).await)
}

/// An entry as a reader without the right to edit sees it.
fn read_only_register(
    user: &UiUser,
    register: &ProcessingRegister,
    versions: &[Version<ProcessingRegister>],
) -> Markup {
    let lang = user.lang;
    let list = |items: &[String]| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items.join("; ")
        }
    };
    let body = html! {
        p { a href="/ui/registers" { (lang.t(m::REG_BACK)) } }
        p { (lacks(lang, register)) }
        dl.facts {
            dt { (lang.t(m::REG_DEPARTMENT)) } dd data-value="department" { (register.department) }
            dt { (lang.t(m::REG_CONTROLLER)) } dd data-value="controller" { (register.controller) }
            dt { (lang.t(m::REG_PURPOSES)) } dd data-value="purposes" { (list(&register.purposes)) }
            dt { (lang.t(m::REG_SUBJECTS)) } dd data-value="subjects" { (list(&register.subject_categories)) }
            dt { (lang.t(m::REG_DATA_CATEGORIES)) } dd data-value="data" { (list(&register.data_categories)) }
            dt { (lang.t(m::REG_RECIPIENTS)) } dd data-value="recipients" { (list(&register.recipients)) }
            dt { (lang.t(m::REG_TRANSFERS)) } dd data-value="transfers" { (list(&register.transfers)) }
            dt { (lang.t(m::REG_SECURITY)) } dd data-value="security" { (register.security_measures) }
            dt { (lang.t(m::REG_PROCESSORS)) } dd data-value="processors" { (list(&register.processors)) }
            dt { (lang.t(m::REG_PRIVACY_NOTICE)) } dd data-value="privacy_notice" {
                @if register.privacy_notice.is_empty() { "—" } @else { (register.privacy_notice) }
                @if let Some(day) = register.privacy_notice_published { " (" (words::day(lang, day)) ")" }
            }
        }
        (versions_list(lang, versions, register_field))
    };
    page(lang, Some(user), &register.name, body)
}

/// The register form read into the API's body; a publication day that is not one is the
/// form's problem.
fn register_body(fields: &Fields, lang: Lang) -> Result<RegisterBody, FieldError> {
    let published =
        match fields.text("privacy_notice_published") {
            None => None,
            Some(text) => Some(words::read_day(&text).ok_or_else(|| {
                FieldError::new("privacy_notice_published", "bad_date", lang, m::REG_PROBLEM_PUBLISHED)
            })?),
        };
    Ok(RegisterBody {
        id: fields.text("id"),
        name: fields.get("name").to_owned(),
        controller: fields.get("controller").to_owned(),
        department: fields.get("department").to_owned(),
        dpo_contact: fields.get("dpo_contact").to_owned(),
        purposes: fields.lines("purposes"),
        subject_categories: fields.lines("subject_categories"),
        data_categories: fields.lines("data_categories"),
        special_categories: fields.ticked("special_categories"),
        criminal_data: fields.ticked("criminal_data"),
        recipients: fields.lines("recipients"),
        transfers: fields.lines("transfers"),
        erasure_classes: fields.lines("erasure_classes"),
        security_measures: fields.get("security_measures").to_owned(),
        legal_basis: fields.get("legal_basis").to_owned(),
        dpia: fields.get("dpia").to_owned(),
        systems: fields.lines("systems"),
        processors: fields.lines("processors"),
        active: fields.ticked("active"),
        privacy_notice: fields.get("privacy_notice").to_owned(),
        privacy_notice_published: published,
    })
}

const REGISTER_FIELDS: &[&str] = &[
    "id",
    "name",
    "controller",
    "department",
    "dpo_contact",
    "purposes",
    "subject_categories",
    "data_categories",
    "recipients",
    "transfers",
    "erasure_classes",
    "security_measures",
    "legal_basis",
    "dpia",
    "systems",
    "processors",
    "privacy_notice",
];

/// Saves the register form (a new entry, or `id`'s) and answers with the list and its
/// message, or the form again with the problem.
async fn save_register(state: AppState, user: UiUser, id: Option<String>, fields: Fields) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRegisters)?;
    let saved_entry = match register_body(&fields, user.lang) {
        Err(problem) => Err(problem),
        Ok(body) => {
            let actor = actor_of(&user.principal());
            let target = id.clone();
            match blocking(&state, move |registry| save_register_as(registry, target, body, &actor)).await {
                Ok(register) => Ok(register),
                Err(ApiError::NotFound(what)) => return Err(ApiError::NotFound(what)),
                Err(error) => Err(problem(user.lang, &error, REGISTER_FIELDS, &[("id_taken", "id")])),
            }
        }
    };
    match saved_entry {
        Ok(register) => {
            let done = if id.is_some() {
                "register-updated"
            } else {
                "register-created"
            };
            Ok(Redirect::to(&saved(&user, done, &register.name)).into_response())
        }
        Err(problem) => {
            let errors = [problem];
            let (existing, versions) = match id {
                Some(id) => (
                    Some(load_register(&state, id.clone()).await?),
                    register_versions(&state, id).await?,
                ),
                None => (None, Vec::new()),
            };
            let page = register_form_page(&user, existing.as_ref(), &versions, &fields, &errors).await;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

pub(super) async fn create_register(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save_register(state, user, None, fields).await
}

pub(super) async fn update_register(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save_register(state, user, Some(id), fields).await
}

/// The agreement form's starting values from a stored agreement.
fn agreement_fields(agreement: &ProcessorAgreement) -> Fields {
    let day = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    let mut pairs = vec![
        ("processor", agreement.processor.clone()),
        ("signed_on", day(agreement.signed_on)),
        ("starts_on", day(agreement.starts_on)),
        ("ends_on", day(agreement.ends_on)),
        ("review_due", day(agreement.review_due)),
        ("owner", agreement.owner.clone()),
    ];
    if let Some((_, key)) = AGREEMENT_STATES.iter().find(|(state, _)| *state == agreement.state) {
        pairs.push(("state", (*key).to_owned()));
    }
    for register in &agreement.registers {
        pairs.push(("registers", register.clone()));
    }
    for (key, covered) in &agreement.checklist {
        if *covered {
            pairs.push(("covers", key.clone()));
        }
    }
    Fields::of(pairs)
}

fn date_field(lang: Lang, fields: &Fields, errors: &[FieldError], name: &'static str, label: Words) -> Markup {
    html! {
        label for=(name) { (lang.t(label)) }
        input id=(name) name=(name) type="date" value=(fields.get(name)) aria-describedby=[described_by(errors, name)];
        (field_error(errors, name))
    }
}

fn agreement_form(
    user: &UiUser,
    id: Option<&str>,
    registers: &[ProcessingRegister],
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let action = id.map_or("/ui/processors/new".to_owned(), |id| format!("/ui/processors/{id}"));
    html! {
        form #agreement method="post" action=(action) {
            (error_summary(lang, errors))
            input type="hidden" name="csrf" value=(user.session.csrf);
            fieldset {
                legend { (lang.t(m::REG_AGREEMENT)) }
                @if id.is_none() { (text_field(lang, fields, errors, "id", m::REG_ID, Some(m::REG_ID_HINT))) }
                (text_field(lang, fields, errors, "processor", m::REG_PROCESSOR, None))
                (text_field(lang, fields, errors, "owner", m::REG_OWNER, None))
                label for="state" { (lang.t(m::STATE)) }
                select id="state" name="state" aria-describedby=[described_by(errors, "state")] {
                    @for (state, key) in AGREEMENT_STATES {
                        option value=(key) selected[fields.has("state", key)] { (agreement_state(state).in_lang(lang)) }
                    }
                }
                (field_error(errors, "state"))
                (date_field(lang, fields, errors, "signed_on", m::REG_SIGNED_ON))
                (date_field(lang, fields, errors, "starts_on", m::REG_STARTS_ON))
                (date_field(lang, fields, errors, "ends_on", m::REG_ENDS_ON))
                (date_field(lang, fields, errors, "review_due", m::REG_REVIEW_DUE))
            }
            fieldset #registers aria-describedby=[described_by(errors, "registers")] {
                legend { (lang.t(m::REG_COVERS_REGISTERS)) }
                (field_error(errors, "registers"))
                @for register in registers {
                    label { input type="checkbox" name="registers" value=(register.id) checked[fields.has("registers", &register.id)]; " " span data-value="name" { (register.name) } }
                }
            }
            fieldset {
                legend { (lang.t(m::REG_CHECKLIST)) }
                @for (key, _) in ART28_CHECKLIST {
                    label { input type="checkbox" name="covers" value=(key) checked[fields.has("covers", key)]; " " (lang.t(art28(key))) }
                }
            }
            button { (lang.t(m::REG_SAVE)) }
        }
    }
}

async fn agreement_form_page(
    state: &AppState,
    user: &UiUser,
    existing: Option<&ProcessorAgreement>,
    fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Markup> {
    let lang = user.lang;
    let registers = blocking(state, |registry| Ok(kirjuri_incidents::load_registers(registry.store)?)).await?;
    let versions = match existing {
        Some(agreement) => agreement_versions(state, agreement.id.clone()).await?,
        None => Vec::new(),
    };
    let title = match existing {
        Some(agreement) => format!("{}: {}", lang.t(m::REG_EDIT_AGREEMENT), agreement.processor),
        None => lang.t(m::REG_ADD_AGREEMENT).to_owned(),
    };
    let body = html! {
        p { a href="/ui/registers" { (lang.t(m::REG_BACK)) } }
        @if let Some(agreement) = existing {
            @let missing = agreement.missing_checklist_items();
            @if !missing.is_empty() {
                p { strong { (lang.t(m::REG_LACKS)) } " " @for (i, key) in missing.iter().enumerate() { @if i > 0 { "; " } (lang.t(art28(key))) } }
            }
        }
        (agreement_form(user, existing.map(|a| a.id.as_str()), &registers, fields, errors))
        (versions_list(lang, &versions, agreement_field))
    };
    Ok(page(lang, Some(user), &title, body))
}

pub(super) async fn new_agreement_page(State(state): State<AppState>, user: UiUser) -> ApiResult<Markup> {
    if !user.may(Permission::WriteRegisters) {
        return Err(ApiError::Forbidden);
    }
    let fields = Fields::of(vec![("state", "active".to_owned())]);
    agreement_form_page(&state, &user, None, &fields, &[]).await
}

async fn load_agreement(state: &AppState, id: String) -> ApiResult<ProcessorAgreement> {
    blocking(state, move |registry| {
        kirjuri_incidents::load_agreement(registry.store, &id)?
            .ok_or_else(|| ApiError::NotFound(format!("processor agreement {id}")))
    })
    .await
}

pub(super) async fn agreement_page(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> ApiResult<Markup> {
    if !user.may(Permission::WriteRegisters) {
        return Err(ApiError::Forbidden);
    }
    let agreement = load_agreement(&state, id).await?;
    agreement_form_page(&state, &user, Some(&agreement), &agreement_fields(&agreement), &[]).await
}

/// The agreement form read into the API's body; a day that is not one is the form's problem.
fn agreement_body(fields: &Fields, lang: Lang) -> Result<AgreementBody, FieldError> {
    let day = |name: &'static str| match fields.text(name) {
        None => Ok(None),
        Some(text) => words::read_day(&text)
            .map(Some)
            .ok_or_else(|| FieldError::new(name, "bad_date", lang, m::PROBLEM_BAD_DATE)),
    };
    Ok(AgreementBody {
        id: fields.text("id"),
        processor: fields.get("processor").to_owned(),
        registers: fields.all("registers"),
        signed_on: day("signed_on")?,
        starts_on: day("starts_on")?,
        ends_on: day("ends_on")?,
        review_due: day("review_due")?,
        state: fields.text("state"),
        owner: fields.get("owner").to_owned(),
        covers: fields.all("covers"),
    })
}

async fn save_agreement(state: AppState, user: UiUser, id: Option<String>, fields: Fields) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRegisters)?;
    let lang = user.lang;
    let result = match agreement_body(&fields, lang) {
        Err(problem) => Err(problem),
        Ok(body) => {
            let actor = actor_of(&user.principal());
            let target = id.clone();
            match blocking(&state, move |registry| {
                save_agreement_as(registry, target, body, &actor)
            })
            .await
            {
                Ok(agreement) => Ok(agreement),
                Err(ApiError::NotFound(what)) => return Err(ApiError::NotFound(what)),
                Err(error) => Err(problem(
                    lang,
                    &error,
                    &["id", "processor", "owner", "state", "registers", "ends_on"],
                    &[("id_taken", "id"), ("checklist", "registers")],
                )),
            }
        }
    };
    match result {
        Ok(agreement) => {
            let done = if id.is_some() {
                "agreement-updated"
            } else {
                "agreement-created"
            };
            Ok(Redirect::to(&saved(&user, done, &agreement.processor)).into_response())
        }
        Err(problem) => {
            let existing = match id {
                Some(id) => Some(load_agreement(&state, id).await?),
                None => None,
            };
            let page = agreement_form_page(&state, &user, existing.as_ref(), &fields, &[problem]).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

pub(super) async fn create_agreement(
    State(state): State<AppState>,
    user: UiUser,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save_agreement(state, user, None, fields).await
}

pub(super) async fn update_agreement(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    save_agreement(state, user, Some(id), fields).await
}
