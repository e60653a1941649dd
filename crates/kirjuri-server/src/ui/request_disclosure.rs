//! The "Luovutus" (disclosure) section of a document request's page: the documents disclosed,
//! disclosed in part or refused (the withheld parts and the grounds in words, never keys), the
//! fees (Publicity Act §34) and the transfer (§15), with the forms to add each. The forms call
//! `api::request_disclosure::record_as`, the API's use-case; a refused form comes back (400)
//! on a page of its own with the request's facts, its input kept and the error beside the
//! field.
//!
//! A document is listed with its title only when the reader may see it; any other shows as "a
//! document you have no access to" (a later reader may have fewer rights than the one who
//! recorded it).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kirjuri_requests::{Delivery, DisclosureOutcome, InfoRequest, NewDisclosure, NewFee, RequestKind};
use maud::{Markup, html};

use super::messages as m;
use super::privacy::Fields;
use super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::words::Words;
use super::{Lang, UiUser, page, requests, words};
use crate::AppState;
use crate::api::request_disclosure::{DisclosureChange, record_as};
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path};
use crate::users::Permission;

/// Which of the section's forms a refused input belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Document,
    Fee,
    Transfer,
}

fn outcome_words(outcome: DisclosureOutcome) -> Words {
    match outcome {
        DisclosureOutcome::Disclosed => m::DISC_DISCLOSED,
        DisclosureOutcome::Partial => m::DISC_PARTIAL,
        DisclosureOutcome::Refused => m::DISC_REFUSED,
    }
}

fn delivery_words(delivery: Delivery) -> Words {
    match delivery {
        Delivery::Oral => m::DISC_ORAL,
        Delivery::OnSite => m::DISC_ON_SITE,
        Delivery::Email => m::DISC_EMAIL,
        Delivery::Copy => m::DISC_COPY,
    }
}

/// Cents as the language writes euros: `12,00 €` (fi, sv), `€12.00` (en).
fn euros(lang: Lang, cents: i64) -> String {
    let (whole, part) = (cents / 100, (cents % 100).abs());
    match lang {
        Lang::En => format!("€{whole}.{part:02}"),
        _ => format!("{whole},{part:02} €"),
    }
}

/// Euros typed as `12`, `12,00`, `12.5` or `12,00 €` into cents; None for anything else.
fn read_cents(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('€').trim().replace(' ', "");
    let (whole, part) = text.split_once([',', '.']).unwrap_or((&text, ""));
    if whole.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let part: i64 = if part.is_empty() {
        0
    } else {
        format!("{part:0<2}").parse().ok()?
    };
    whole
        .checked_mul(100)?
        .checked_add(if whole < 0 { -part } else { part })
}

/// The titles of the recorded documents the reader may see (None for the others).
async fn titles(state: &AppState, user: &UiUser, request: &InfoRequest) -> ApiResult<Vec<Option<String>>> {
    let reader = reader_of(&user.principal());
    let ids: Vec<String> = request
        .disclosure
        .documents
        .iter()
        .map(|d| d.document_id.clone())
        .collect();
    blocking(state, move |registry| {
        Ok(ids
            .iter()
            .map(|id| registry.read_document_for(id, &reader).ok().map(|(d, _)| d.title))
            .collect())
    })
    .await
}

/// The section on the request page (nothing for a request of another kind).
pub(super) async fn section(
    state: &AppState,
    user: &UiUser,
    request: &InfoRequest,
    done: Option<&str>,
) -> ApiResult<Markup> {
    if request.kind != RequestKind::Publicity {
        return Ok(html! {});
    }
    let titles = titles(state, user, request).await?;
    Ok(view(user, request, &titles, done, None, &Fields::default(), &[]))
}

fn grounds_text(lang: Lang, keys: &[String], other: Option<&str>) -> Markup {
    html! {
        @for (n, key) in keys.iter().enumerate() {
            @if n > 0 { ", " }
            @match kirjuri_plan::secrecy_grounds::by_key(key) {
                Some(ground) => { (ground.citation) " " (ground.name(lang.code())) }
                None => { span data-value { (key) } }
            }
        }
        @if let Some(other) = other {
            @if !keys.is_empty() { ", " }
            (lang.t(m::PUB_OTHER_GROUNDS)) ": " span data-value { (other) }
        }
    }
}

fn view(
    user: &UiUser,
    request: &InfoRequest,
    titles: &[Option<String>],
    done: Option<&str>,
    refused: Option<Which>,
    fields: &Fields,
    errors: &[FieldError],
) -> Markup {
    let lang = user.lang;
    let record = &request.disclosure;
    let may_write = user.may(Permission::WriteRequests);
    // A refused form shows its input and errors; the others start empty.
    let empty = Fields::default();
    let input = |which: Which| if refused == Some(which) { fields } else { &empty };
    let problems = |which: Which| if refused == Some(which) { errors } else { &[] };
    html! {
        section #disclosure aria-labelledby="disclosure-heading" {
            h2 #disclosure-heading { (lang.t(m::DISC_HEADING)) }
            @match done {
                Some("disclosed") => { p.notice role="status" { strong { (lang.t(m::DISC_RECORDED)) } } }
                Some("fee") => { p.notice role="status" { strong { (lang.t(m::DISC_FEE_RECORDED)) } } }
                Some("transferred") => { p.notice role="status" { strong { (lang.t(m::DISC_TRANSFER_RECORDED)) } } }
                _ => {}
            }
            @if record.documents.is_empty() {
                p.muted { (lang.t(m::DISC_NONE)) }
            } @else {
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::DISC_DOCUMENT)) } th scope="col" { (lang.t(m::DISC_OUTCOME)) }
                            th scope="col" { (lang.t(m::DISC_WITHHELD)) } th scope="col" { (lang.t(m::DISC_GROUNDS)) }
                            th scope="col" { (lang.t(m::DISC_DAY)) }
                        }
                        @for (document, title) in record.documents.iter().zip(titles) {
                            tr {
                                td {
                                    @match title {
                                        Some(title) => { a href=(format!("/ui/documents/{}", document.document_id)) { (title) } }
                                        None => { em { (lang.t(m::DISC_NO_ACCESS)) } }
                                    }
                                }
                                td { (lang.t(outcome_words(document.outcome))) }
                                td { @if let Some(withheld) = &document.withheld { span data-value { (withheld) } } }
                                td { (grounds_text(lang, &document.grounds, document.other_ground.as_deref())) }
                                td { (words::day(lang, document.on)) }
                            }
                        }
                    }
                }
            }
            @if !record.fees.is_empty() {
                h3 { (lang.t(m::DISC_FEES)) }
                div.scroll tabindex="0" {
                    table {
                        tr {
                            th scope="col" { (lang.t(m::DISC_AMOUNT)) } th scope="col" { (lang.t(m::DISC_BASIS)) }
                            th scope="col" { (lang.t(m::DISC_DELIVERY)) } th scope="col" { (lang.t(m::DISC_CHARGED_ON)) }
                        }
                        @for fee in &record.fees {
                            tr {
                                td { (euros(lang, fee.amount_cents)) } td { span data-value { (fee.basis) } }
                                td { (lang.t(delivery_words(fee.delivery))) } td { (words::day(lang, fee.on)) }
                            }
                        }
                    }
                }
            }
            @if let Some(transfer) = &record.transfer {
                h3 { (lang.t(m::DISC_TRANSFER)) }
                dl {
                    dt { (lang.t(m::DISC_TRANSFER_ON)) } dd { (words::day(lang, transfer.on)) }
                    dt { (lang.t(m::DISC_AUTHORITY)) } dd { span data-value { (transfer.authority) } }
                }
            }
            @if may_write {
                (document_form(user, request, input(Which::Document), problems(Which::Document)))
                (fee_form(user, request, input(Which::Fee), problems(Which::Fee)))
                @if !request.state.is_decided() {
                    (transfer_form(user, request, input(Which::Transfer), problems(Which::Transfer)))
                }
            }
        }
    }
}

fn document_form(user: &UiUser, request: &InfoRequest, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #disclosure-document method="post" action=(format!("/ui/requests/{}/disclosures", request.id)) {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::DISC_ADD_DOCUMENT)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="document_id" { (lang.t(m::DISC_DOCUMENT_ID)) }
                span.hint id="document-id-hint" { (lang.t(m::DISC_DOCUMENT_ID_HINT)) }
                input id="document_id" name="document_id" value=(fields.get("document_id")) size="20"
                    aria-describedby=(described_with_hint(errors, "document_id", "document-id-hint"));
                (field_error(errors, "document_id"))
                label for="outcome" { (lang.t(m::DISC_OUTCOME)) }
                select id="outcome" name="outcome" aria-describedby=[described_by(errors, "outcome")] {
                    @for outcome in DisclosureOutcome::ALL {
                        option value=(outcome.key()) selected[fields.has("outcome", outcome.key())] { (lang.t(outcome_words(*outcome))) }
                    }
                }
                (field_error(errors, "outcome"))
                label for="withheld" { (lang.t(m::DISC_WITHHELD)) }
                span.hint id="withheld-hint" { (lang.t(m::DISC_WITHHELD_HINT)) }
                input id="withheld" name="withheld" value=(fields.get("withheld")) size="40"
                    aria-describedby=(described_with_hint(errors, "withheld", "withheld-hint"));
                (field_error(errors, "withheld"))
                label for="grounds" { (lang.t(m::DISC_GROUNDS)) }
                select id="grounds" name="grounds" aria-describedby=[described_by(errors, "grounds")] {
                    option value="" { (lang.t(m::CHOOSE)) }
                    @for ground in kirjuri_plan::secrecy_grounds::all() {
                        option value=(ground.key) selected[fields.has("grounds", ground.key)] { (ground.name(lang.code())) " — " (ground.citation) }
                    }
                }
                (field_error(errors, "grounds"))
                label for="disclosure-other-ground" { (lang.t(m::PUB_OTHER_GROUND)) }
                span.hint id="disclosure-other-ground-hint" { (lang.t(m::PUB_OTHER_GROUND_HINT)) }
                input id="disclosure-other-ground" name="other_ground" value=(fields.get("other_ground")) size="40"
                    aria-describedby=(described_with_hint(errors, "disclosure-other-ground", "disclosure-other-ground-hint"));
                (field_error(errors, "disclosure-other-ground"))
                button { (lang.t(m::DISC_ADD_DOCUMENT)) }
            }
        }
    }
}

fn fee_form(user: &UiUser, request: &InfoRequest, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #disclosure-fee method="post" action=(format!("/ui/requests/{}/fees", request.id)) {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::DISC_ADD_FEE)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                label for="amount" { (lang.t(m::DISC_AMOUNT)) }
                span.hint id="amount-hint" { (lang.t(m::DISC_AMOUNT_HINT)) }
                input id="amount" name="amount" value=(fields.get("amount")) size="10" inputmode="decimal"
                    aria-describedby=(described_with_hint(errors, "amount", "amount-hint"));
                (field_error(errors, "amount"))
                label for="basis" { (lang.t(m::DISC_BASIS)) }
                input id="basis" name="basis" value=(fields.get("basis")) size="40" aria-describedby=[described_by(errors, "basis")];
                (field_error(errors, "basis"))
                label for="delivery" { (lang.t(m::DISC_DELIVERY)) }
                select id="delivery" name="delivery" aria-describedby=[described_by(errors, "delivery")] {
                    @for delivery in Delivery::ALL.iter().rev() {
                        option value=(delivery.key()) selected[fields.has("delivery", delivery.key())] { (lang.t(delivery_words(*delivery))) }
                    }
                }
                (field_error(errors, "delivery"))
                label for="fee-on" { (lang.t(m::DISC_CHARGED_ON)) }
                input id="fee-on" name="on" type="date" value=(fields.get("on")) aria-describedby=[described_by(errors, "fee-on")];
                (field_error(errors, "fee-on"))
                button { (lang.t(m::DISC_ADD_FEE)) }
            }
        }
    }
}

fn transfer_form(user: &UiUser, request: &InfoRequest, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    html! {
        form #disclosure-transfer method="post" action=(format!("/ui/requests/{}/transfer", request.id)) {
            (error_summary(lang, errors))
            fieldset {
                legend { (lang.t(m::DISC_TRANSFER)) }
                input type="hidden" name="csrf" value=(user.session.csrf);
                p.hint { (lang.t(m::DISC_TRANSFER_HINT)) }
                label for="transfer-on" { (lang.t(m::DISC_TRANSFER_ON)) }
                input id="transfer-on" name="on" type="date" value=(fields.get("on")) aria-describedby=[described_by(errors, "transfer-on")];
                (field_error(errors, "transfer-on"))
                label for="authority" { (lang.t(m::DISC_AUTHORITY)) }
                input id="authority" name="authority" value=(fields.get("authority")) size="40" aria-describedby=[described_by(errors, "authority")];
                (field_error(errors, "authority"))
                button { (lang.t(m::DISC_ADD_TRANSFER)) }
            }
        }
    }
}

/// A refusal of the use-case placed beside its field; the form's own ids for `on` and
/// `other_ground`, and the catalogue's sentence where it has one.
fn placed(lang: Lang, error: &ApiError, which: Which) -> FieldError {
    let fields: &[&'static str] = match which {
        Which::Document => &["document_id", "outcome", "withheld", "grounds", "other_ground"],
        Which::Fee => &["amount", "basis", "delivery", "on"],
        Which::Transfer => &["on", "authority"],
    };
    let mut problem = FieldError::from_api(lang, error, fields);
    problem.field = match (problem.field, problem.code.as_str()) {
        (Some("on"), _) if which == Which::Fee => Some("fee-on"),
        (Some("on"), _) => Some("transfer-on"),
        (Some("other_ground"), _) => Some("disclosure-other-ground"),
        (_, "unknown_document") => Some("document_id"),
        (_, "unknown_ground") => Some("grounds"),
        (_, "free_delivery") => Some("delivery"),
        (field, _) => field,
    };
    let words = match problem.code.as_str() {
        "unknown_document" => Some(m::DISC_PROBLEM_UNKNOWN_DOCUMENT),
        "free_delivery" => Some(m::DISC_PROBLEM_FREE),
        "amount" => Some(m::DISC_PROBLEM_AMOUNT),
        _ => None,
    };
    if let Some(words) = words {
        problem.text = lang.t(words).to_owned();
    }
    problem
}

/// The page of a refused form: the request's facts and the section with the input kept.
async fn refused(
    state: &AppState,
    user: &UiUser,
    id: String,
    which: Which,
    fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let request = blocking(state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.get_for(&id, &reader)?)
    })
    .await?;
    let titles = titles(state, user, &request).await?;
    let body = html! {
        p { a href=(format!("/ui/requests/{}", request.id)) { (lang.t(m::DISC_BACK)) } }
        (requests::request_summary(lang, &request, false))
        (view(user, &request, &titles, None, Some(which), fields, errors))
    };
    let page = page(
        lang,
        Some(user),
        &format!("{} {}", lang.t(m::REQUEST), request.diary_number),
        body,
    );
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// Runs one change and goes back to the request with a proven message, or shows the refusal.
async fn save(
    state: AppState,
    user: UiUser,
    id: String,
    which: Which,
    fields: Fields,
    change: Result<DisclosureChange, FieldError>,
) -> ApiResult<Response> {
    let change = match change {
        Ok(change) => change,
        Err(problem) => return refused(&state, &user, id, which, &fields, &[problem]).await,
    };
    let reader = reader_of(&user.principal());
    let actor = actor_of(&user.principal());
    let target = id.clone();
    let result = blocking(&state, move |registry| {
        record_as(registry, &reader, &target, change, &actor)
    })
    .await;
    match result {
        Ok(request) => {
            let done = match which {
                Which::Document => "disclosed",
                Which::Fee => "fee",
                Which::Transfer => "transferred",
            };
            let proof = user.done_proof(&format!("request:{}", request.id), done);
            Ok(Redirect::to(&format!(
                "/ui/requests/{}?done={done}&proof={proof}#disclosure",
                request.id
            ))
            .into_response())
        }
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let problem = placed(user.lang, &error, which);
            refused(&state, &user, id, which, &fields, &[problem]).await
        }
    }
}

/// A day typed in a date field; a field error when it is not a day.
fn day_field(fields: &Fields, id: &'static str, lang: Lang) -> Result<Option<NaiveDate>, FieldError> {
    match fields.text("on") {
        None => Ok(None),
        Some(text) => words::read_day(&text)
            .map(Some)
            .ok_or_else(|| FieldError::new(id, "bad_date", lang, m::PROBLEM_BAD_DATE)),
    }
}

/// Records a document disclosed, disclosed in part or refused.
pub(super) async fn record_document(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRequests)?;
    let lang = user.lang;
    let change = DisclosureOutcome::parse(fields.get("outcome"))
        .map_err(|_| FieldError::new("outcome", "outcome", lang, m::DISC_PROBLEM_OUTCOME))
        .map(|outcome| {
            DisclosureChange::Document(NewDisclosure {
                document_id: fields.get("document_id").to_owned(),
                outcome,
                withheld: fields.text("withheld"),
                grounds: fields
                    .all("grounds")
                    .into_iter()
                    .filter(|g| !g.trim().is_empty())
                    .collect(),
                other_ground: fields.text("other_ground"),
            })
        });
    save(state, user, id, Which::Document, fields, change).await
}

/// Records a fee (§34).
pub(super) async fn record_fee(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRequests)?;
    let lang = user.lang;
    let change = (|| {
        let amount_cents = read_cents(fields.get("amount"))
            .ok_or_else(|| FieldError::new("amount", "amount", lang, m::DISC_PROBLEM_AMOUNT))?;
        let delivery = Delivery::parse(fields.get("delivery"))
            .map_err(|_| FieldError::new("delivery", "delivery", lang, m::DISC_PROBLEM_DELIVERY))?;
        Ok(DisclosureChange::Fee(NewFee {
            amount_cents,
            basis: fields.get("basis").to_owned(),
            delivery,
            on: day_field(&fields, "fee-on", lang)?,
        }))
    })();
    save(state, user, id, Which::Fee, fields, change).await
}

/// Records the transfer to another authority (§15).
pub(super) async fn record_transfer(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRequests)?;
    let lang = user.lang;
    let change = day_field(&fields, "transfer-on", lang).and_then(|on| {
        let on = on.ok_or_else(|| FieldError::new("transfer-on", "bad_date", lang, m::PROBLEM_BAD_DATE))?;
        Ok(DisclosureChange::Transfer {
            on,
            authority: fields.get("authority").to_owned(),
        })
    });
    save(state, user, id, Which::Transfer, fields, change).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use super::*;

    #[test]
    fn euros_are_read_and_written_in_cents() {
        assert_eq!(read_cents("12,00"), Some(1200));
        assert_eq!(read_cents("12"), Some(1200));
        assert_eq!(read_cents("12.5 €"), Some(1250));
        assert_eq!(read_cents("-1"), Some(-100));
        assert_eq!(read_cents("12,005"), None);
        assert_eq!(read_cents("kaksi"), None);
        assert_eq!(euros(Lang::Fi, 1200), "12,00 €");
        assert_eq!(euros(Lang::En, 1250), "€12.50");
    }
}
