//! The log investigation (lokitietojen tarkastus) of a `log-investigation` request, on the
//! request page: the privacy officer names the data subject and the period, the audit trail is
//! searched (`api::requests::log_report_as`, the API's use-case), the report is stored as a
//! document of the request's case, and the page links to it. The request page calls
//! [`section`]; the form posts to `/ui/requests/{id}/log-investigation`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kirjuri_requests::{InfoRequest, RequestKind};
use maud::{Markup, html};

use super::super::messages as m;
use super::super::problems::{FieldError, described_by, described_with_hint, error_summary, field_error};
use super::super::{UiUser, page, requests, words};
use super::{Fields, problem};
use crate::AppState;
use crate::api::requests::log_report_as;
use crate::api::{ApiResult, actor_of, blocking, reader_of};
use crate::error::ApiError;
use crate::extract::{Form, Path};
use crate::users::Permission;

/// The request page's `done` after an investigation: it names the stored report.
const DONE_PREFIX: &str = "log-report.";

/// The log investigation part of a request page: the message with the stored report after a
/// run, and the form for those who may run one. Nothing for other kinds of request.
pub(in super::super) fn section(user: &UiUser, request: &InfoRequest, done: Option<&str>) -> Markup {
    if request.kind != RequestKind::LogInvestigation {
        return html! {};
    }
    form(user, request, done, &Fields::default(), &[])
}

fn may_run(user: &UiUser) -> bool {
    user.may(Permission::WriteRequests) && user.may(Permission::ReadAudit)
}

fn form(user: &UiUser, request: &InfoRequest, done: Option<&str>, fields: &Fields, errors: &[FieldError]) -> Markup {
    let lang = user.lang;
    // `log-report.<document>.<hits>`: the stored report and how many reads it found.
    let report = done
        .and_then(|done| done.strip_prefix(DONE_PREFIX))
        .and_then(|rest| rest.rsplit_once('.'));
    let subject = fields
        .text("subject")
        .or_else(|| request.requester.clone())
        .unwrap_or_default();
    html! {
        section aria-labelledby="log-heading" {
            h2 #log-heading { (lang.t(m::LOG_HEADING)) }
            @if let Some((document, hits)) = report {
                div.notice role="status" {
                    strong { (lang.t(m::LOG_DONE)) }
                    p { (words::fill(lang.t(m::LOG_HITS), &[hits])) }
                    p { a href=(format!("/ui/documents/{document}/open")) { (lang.t(m::LOG_OPEN_REPORT)) } }
                }
            }
            @if may_run(user) {
                form #log-investigation method="post" action=(format!("/ui/requests/{}/log-investigation", request.id)) {
                    (error_summary(lang, errors))
                    fieldset {
                        legend { (lang.t(m::LOG_RUN)) }
                        input type="hidden" name="csrf" value=(user.session.csrf);
                        p.hint { (lang.t(m::LOG_HINT)) }
                        label for="subject" { (lang.t(m::LOG_SUBJECT)) }
                        span.hint id="subject-hint" { (lang.t(m::LOG_SUBJECT_HINT)) }
                        input id="subject" name="subject" value=(subject) size="40" required
                            aria-describedby=(described_with_hint(errors, "subject", "subject-hint"));
                        (field_error(errors, "subject"))
                        label for="from" { (lang.t(m::LOG_FROM)) }
                        input id="from" name="from" type="date" value=(fields.get("from")) aria-describedby=[described_by(errors, "from")];
                        (field_error(errors, "from"))
                        label for="to" { (lang.t(m::LOG_TO)) }
                        input id="to" name="to" type="date" value=(fields.get("to")) aria-describedby=[described_by(errors, "to")];
                        (field_error(errors, "to"))
                        label { input type="checkbox" name="disclose_users" value="true" checked[fields.ticked("disclose_users")]; " " (lang.t(m::LOG_DISCLOSE)) }
                        label for="justification" { (lang.t(m::LOG_JUSTIFICATION)) }
                        input id="justification" name="justification" value=(fields.get("justification")) size="50" aria-describedby=[described_by(errors, "justification")];
                        (field_error(errors, "justification"))
                        button { (lang.t(m::LOG_RUN)) }
                    }
                }
            }
        }
    }
}

/// A day typed in a date field, as the start of that day (`to`: its end) in Helsinki time.
fn read_bound(
    fields: &Fields,
    name: &'static str,
    end: bool,
    lang: super::super::Lang,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, FieldError> {
    use chrono::TimeZone;
    let Some(text) = fields.text(name) else {
        return Ok(None);
    };
    let day = words::read_day(&text).ok_or_else(|| FieldError::new(name, "bad_date", lang, m::PROBLEM_BAD_DATE))?;
    let time = if end {
        chrono::NaiveTime::from_hms_opt(23, 59, 59)
    } else {
        chrono::NaiveTime::from_hms_opt(0, 0, 0)
    };
    let moment = time
        .and_then(|time| {
            chrono_tz::Europe::Helsinki
                .from_local_datetime(&day.and_time(time))
                .earliest()
        })
        .map(|local| local.with_timezone(&chrono::Utc));
    Ok(moment)
}

/// Runs the investigation and goes back to the request with the report named.
pub(in super::super) async fn run(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> ApiResult<Response> {
    user.check_form(fields.csrf(), Permission::WriteRequests)?;
    if !user.may(Permission::ReadAudit) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let input = (|| {
        let subject = fields
            .text("subject")
            .ok_or_else(|| FieldError::new("subject", "subject", lang, m::LOG_PROBLEM_SUBJECT))?;
        Ok::<_, FieldError>(kirjuri_requests::LogReportRequest {
            subject,
            from: read_bound(&fields, "from", false, lang)?,
            to: read_bound(&fields, "to", true, lang)?,
            disclose_users: fields.ticked("disclose_users"),
            disclose_users_justification: fields.text("justification"),
        })
    })();
    let input = match input {
        Ok(input) => input,
        Err(problem) => return refused(&state, &user, id, &fields, &[problem]).await,
    };
    let reader = reader_of(&user.principal());
    let actor = actor_of(&user.principal());
    let target = id.clone();
    let result = blocking(&state, move |registry| {
        log_report_as(registry, &reader, &target, &input, &actor)
    })
    .await;
    match result {
        Ok((document, report)) => {
            let done = format!("{DONE_PREFIX}{}.{}", document.id, report.hits.len());
            let proof = user.done_proof(&format!("request:{id}"), &done);
            Ok(Redirect::to(&format!("/ui/requests/{id}?done={done}&proof={proof}")).into_response())
        }
        Err(ApiError::NotFound(what)) => Err(ApiError::NotFound(what)),
        Err(error) => {
            let problem = problem(
                lang,
                &error,
                &["subject", "from", "to", "justification"],
                &[("wrong_kind", "subject"), ("justification_required", "justification")],
            );
            refused(&state, &user, id, &fields, &[problem]).await
        }
    }
}

/// The refused form on a page of its own with the request's facts, the input kept.
async fn refused(
    state: &AppState,
    user: &UiUser,
    id: String,
    fields: &Fields,
    errors: &[FieldError],
) -> ApiResult<Response> {
    let lang = user.lang;
    let reader = reader_of(&user.principal());
    let request = blocking(state, move |registry| {
        Ok(kirjuri_requests::Requests { registry }.get_for(&id, &reader)?)
    })
    .await?;
    let body = html! {
        p { a href=(format!("/ui/requests/{}", request.id)) { (lang.t(m::LOG_BACK)) } }
        (requests::request_summary(lang, &request, false))
        (form(user, &request, None, fields, errors))
    };
    let page = page(
        lang,
        Some(user),
        &format!("{} {}", lang.t(m::REQUEST), request.diary_number),
        body,
    );
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// The form's address reloaded: back to the request.
pub(in super::super) async fn back_to_request(user: UiUser, Path(id): Path<String>) -> ApiResult<Response> {
    if !user.may(Permission::ReadRequests) {
        return Err(ApiError::Forbidden);
    }
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Ok(Redirect::to(&format!("/ui/requests/{id}")).into_response())
}
