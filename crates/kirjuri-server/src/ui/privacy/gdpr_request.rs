//! The GDPR-only parts of a request's page (DOMAIN.md §5.6, §6.1): on the transition form, the
//! confirmation that a refusal told the person of their right to complain to the Data
//! Protection Ombudsman and to go to court (GDPR 12(4)) and the day it was sent; on the page,
//! the Art 12(4) record of a refusal — the one-month day, the day sent, in time or late (in
//! words). The rule is the domain's (`kirjuri_requests::gdpr`); this only shows it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_requests::gdpr::{IdentityMethod, IdentityResult};
use kirjuri_requests::{InfoRequest, RequestState};
use maud::{Markup, html};
use serde::Deserialize;

use super::super::messages as m;
use super::super::problems::{FieldError, described_by, described_with_hint, field_error};
use super::super::requests::{ChangeFields, change_refused, request_done};
use super::super::{Lang, UiUser, words};
use crate::AppState;
use crate::api::requests::{RequestChange, change_request_as};
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path};
use crate::users::Permission;

/// The refusal's fields of the transition form, for a GDPR request that may be refused: the
/// complaint-rights confirmation and, unless the extension's field already asks it, the day
/// the refusal was sent.
pub(in crate::ui) fn refusal_fields(
    lang: Lang,
    request: &InfoRequest,
    next: &[RequestState],
    (ticked, told_on): (bool, &str),
    errors: &[FieldError],
) -> Markup {
    if !request.kind.is_gdpr() || !next.contains(&RequestState::Refused) {
        return html! {};
    }
    html! {
        fieldset {
            legend { (lang.t(m::GDPR_FOR_A_REFUSAL)) }
            @if !next.contains(&RequestState::Extended) {
                label for="told_on" { (lang.t(m::GDPR_REFUSAL_SENT_ON)) }
                input id="told_on" name="told_on" type="date" value=(told_on) aria-describedby=[described_by(errors, "told_on")];
                (field_error(errors, "told_on"))
            } @else {
                p.hint { (lang.t(m::GDPR_REFUSAL_SENT_ON_HINT)) }
            }
            span.hint id="complaint_rights_told-hint" { (lang.t(m::GDPR_COMPLAINT_RIGHTS_HINT)) }
            label {
                input id="complaint_rights_told" type="checkbox" name="complaint_rights_told" value="true" checked[ticked]
                    aria-describedby=(described_with_hint(errors, "complaint_rights_told", "complaint_rights_told-hint"));
                " " (lang.t(m::GDPR_COMPLAINT_RIGHTS_TOLD))
            }
            (field_error(errors, "complaint_rights_told"))
        }
    }
}

/// The Art 12(4) record of a refused GDPR request: when it was due and sent, and whether late.
pub(in crate::ui) fn refusal_record(lang: Lang, request: &InfoRequest) -> Markup {
    let Some(refusal) = &request.gdpr_refusal else {
        return html! {};
    };
    html! {
        section aria-labelledby="gdpr-refusal-heading" {
            h2 #gdpr-refusal-heading { (lang.t(m::GDPR_REFUSAL_HEADING)) }
            @if refusal.late {
                p.warning role="note" {
                    strong { (words::fill(lang.t(m::GDPR_REFUSAL_LATE), &[&words::day(lang, refusal.one_month_day), &words::day(lang, refusal.told_on)])) }
                }
            }
            dl.facts {
                dt { (lang.t(m::GDPR_ONE_MONTH_DAY)) } dd { (words::day(lang, refusal.one_month_day)) }
                dt { (lang.t(m::GDPR_REFUSAL_SENT_ON)) } dd { (words::day(lang, refusal.told_on)) }
                dt { (lang.t(m::SITUATION)) } dd { (if refusal.late { lang.t(m::GDPR_REFUSAL_WAS_LATE) } else { lang.t(m::GDPR_REFUSAL_IN_TIME) }) }
                dt { (lang.t(m::GDPR_COMPLAINT_RIGHTS_TOLD)) } dd { (if refusal.complaint_rights_told { lang.t(m::YES) } else { lang.t(m::NO) }) }
            }
        }
    }
}

/// The identity-check form as sent (GDPR 12(6)).
#[derive(Debug, Clone, Default, Deserialize)]
pub(in crate::ui) struct IdentityFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    note: String,
}

/// A way of verifying identity, in words.
fn method_words(method: IdentityMethod) -> words::Words {
    match method {
        IdentityMethod::StrongElectronic => words::Words::new(
            "Vahva sähköinen tunnistus (Suomi.fi)",
            "Stark elektronisk identifiering (Suomi.fi)",
            "Strong electronic identification (Suomi.fi)",
        ),
        IdentityMethod::IdDocument => words::Words::new(
            "Henkilöllisyystodistus asiointipisteessä",
            "Identitetshandling vid servicestället",
            "Identity document at the service point",
        ),
        IdentityMethod::KnownCustomer => words::Words::new(
            "Tunnettu asiakas tai viranomaisen omat tiedot",
            "Känd kund eller myndighetens egna uppgifter",
            "Known customer or official records",
        ),
        IdentityMethod::SignedLetter => words::Words::new(
            "Allekirjoitettu kirje ja kopio henkilöllisyystodistuksesta",
            "Undertecknat brev med kopia av identitetshandling",
            "Signed letter with a copy of an identity document",
        ),
        IdentityMethod::Other => words::Words::new("Muu tapa", "Annat sätt", "Other"),
    }
}

/// A check's result, in words.
fn result_words(result: IdentityResult) -> words::Words {
    match result {
        IdentityResult::Verified => words::Words::new(
            "Henkilöllisyys varmistettu",
            "Identiteten bekräftad",
            "Identity verified",
        ),
        IdentityResult::Failed => words::Words::new(
            "Henkilöllisyyttä ei voitu varmistaa",
            "Identiteten kunde inte bekräftas",
            "Identity could not be verified",
        ),
    }
}

/// The identity checks of a GDPR request (GDPR 12(6)) and the form to record one.
pub(in crate::ui) fn identity_section(
    user: &UiUser,
    request: &InfoRequest,
    (may_write, done): (bool, Option<&str>),
    fields: &IdentityFields,
    errors: &[FieldError],
) -> Markup {
    if !request.kind.is_gdpr() {
        return html! {};
    }
    let lang = user.lang;
    html! {
        section #identity aria-labelledby="identity-heading" {
            h2 #identity-heading { (lang.t(m::GDPR_IDENTITY_HEADING)) }
            @if done == Some("identity") { p.notice role="status" { strong { (lang.t(m::GDPR_IDENTITY_DONE)) } } }
            @if request.identity_verifications.is_empty() {
                p { (lang.t(m::GDPR_IDENTITY_NONE)) }
            } @else {
                div.scroll tabindex="0" {
                    table #identity-checks {
                        tr {
                            th scope="col" { (lang.t(m::GDPR_IDENTITY_METHOD)) }
                            th scope="col" { (lang.t(m::GDPR_IDENTITY_RESULT)) }
                            th scope="col" { (lang.t(m::GDPR_IDENTITY_CHECKER)) }
                            th scope="col" { (lang.t(m::GDPR_IDENTITY_AT)) }
                        }
                        @for check in &request.identity_verifications {
                            tr {
                                td {
                                    (method_words(check.method).in_lang(lang))
                                    @if let Some(note) = &check.note { ": " span data-value="note" { (note) } }
                                }
                                td { (result_words(check.result).in_lang(lang)) }
                                td { span data-value="checker" { (check.checked_by) } }
                                td { (words::moment(lang, check.checked_at)) }
                            }
                        }
                    }
                }
            }
            @if may_write && !request.state.is_decided() {
                form #verify-identity method="post" action=(format!("/ui/requests/{}/identity", request.id)) {
                    fieldset {
                        legend { (lang.t(m::GDPR_IDENTITY_RECORD)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        label for="identity-method" { (lang.t(m::GDPR_IDENTITY_METHOD)) }
                        select id="identity-method" name="method" aria-describedby=[described_by(errors, "method")] {
                            @for method in IdentityMethod::ALL {
                                option value=(method.key()) selected[fields.method == method.key()] { (method_words(*method).in_lang(lang)) }
                            }
                        }
                        (field_error(errors, "method"))
                        label for="identity-result" { (lang.t(m::GDPR_IDENTITY_RESULT)) }
                        select id="identity-result" name="result" {
                            @for result in IdentityResult::ALL {
                                option value=(result.key()) selected[fields.result == result.key()] { (result_words(*result).in_lang(lang)) }
                            }
                        }
                        label for="identity-note" { (lang.t(m::GDPR_IDENTITY_NOTE)) }
                        span.hint id="identity-note-hint" { (lang.t(m::GDPR_IDENTITY_NOTE_HINT)) }
                        input id="identity-note" name="note" value=(fields.note) size="50"
                            aria-describedby=(described_with_hint(errors, "note", "identity-note-hint"));
                        (field_error(errors, "note"))
                        button { (lang.t(m::GDPR_IDENTITY_RECORD)) }
                    }
                }
            }
        }
    }
}

/// Records how the identity was checked (the use-case `Requests::verify_identity`).
pub(in crate::ui) async fn verify_identity(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<IdentityFields>,
) -> ApiResult<Response> {
    user.check_form(&form.csrf, Permission::WriteRequests)?;
    let lang = user.lang;
    let mut kept = ChangeFields::default();
    kept.identity = form.clone();
    let (Ok(method), Ok(result)) = (IdentityMethod::parse(&form.method), IdentityResult::parse(&form.result)) else {
        let errors = [FieldError::new("method", "bad_value", lang, m::INC_PROBLEM_CHOICE)];
        return change_refused(&state, &user, id, &kept, &errors).await;
    };
    let actor = actor_of(&user.principal());
    let reader = reader_of(&user.principal());
    let target = id.clone();
    let note = Some(form.note.clone()).filter(|n| !n.trim().is_empty());
    let changed = blocking(&state, move |registry| {
        change_request_as(
            registry,
            &reader,
            &target,
            RequestChange::VerifyIdentity(method, result, note),
            &actor,
        )
    })
    .await;
    match changed {
        Ok(request) => Ok(Redirect::to(&request_done(&user, &request.id, "identity")).into_response()),
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let mut problem = FieldError::from_api(lang, &error, &["note"]);
            if problem.field.is_none() {
                problem.field = Some("method");
            }
            change_refused(&state, &user, id, &kept, &[problem]).await
        }
    }
}
