//! The audit trail (`/ui/audit`, auditor, privacy officer, admin): entries filtered by person,
//! record, action and time, newest first, and the hash chain's verification — the same store
//! search as `GET /api/v1/audit` (`Store::search_audit`) and the same check as
//! `GET /api/v1/audit/verify`.

use axum::extract::State;
use maud::{Markup, html};
use serde::Deserialize;

use super::messages as m;
use super::problems::{FieldError, described_by, error_summary, field_error};
use super::{UiUser, page, words};
use crate::AppState;
use crate::api::{ApiResult, blocking};
use crate::error::ApiError;
use crate::extract::Query;
use crate::users::Permission;

/// Entries shown at once.
const SHOWN: usize = 200;

#[derive(Deserialize, Default)]
pub(super) struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// Verify the chain.
    #[serde(default)]
    verify: String,
}

pub(super) async fn audit_page(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Markup> {
    if !user.may(Permission::ReadAudit) {
        return Err(ApiError::Forbidden);
    }
    let lang = user.lang;
    let mut errors = Vec::new();
    // Days in Helsinki: from the start of the first to the end of the last.
    let day = |text: &str, field: &'static str, end: bool, errors: &mut Vec<FieldError>| {
        if text.trim().is_empty() {
            return None;
        }
        match words::read_day(text).and_then(|day| {
            let day = if end { day.succ_opt()? } else { day };
            use chrono::TimeZone;
            chrono_tz::Europe::Helsinki
                .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
                .earliest()
                .map(|local| local.with_timezone(&chrono::Utc))
        }) {
            Some(instant) => Some(if end {
                instant - chrono::Duration::nanoseconds(1)
            } else {
                instant
            }),
            None => {
                errors.push(FieldError::new(field, "bad_date", lang, m::PROBLEM_BAD_DATE));
                None
            }
        }
    };
    let filter = kirjuri_store::AuditFilter {
        actor: Some(query.actor.clone()),
        target: Some(query.target.clone()),
        action: Some(query.action.clone()),
        from: day(&query.from, "from", false, &mut errors),
        to: day(&query.to, "to", true, &mut errors),
    };
    let verify = !query.verify.is_empty();
    let (entries, chain) = blocking(&state, move |registry| {
        let entries = registry
            .store
            .search_audit(&filter, SHOWN)
            .map_err(ApiError::Internal)?;
        let chain = if verify {
            Some(registry.store.verify_audit()?)
        } else {
            None
        };
        Ok((entries, chain))
    })
    .await?;
    let body = html! {
        @if let Some(chain) = &chain {
            @match &chain.first_break {
                None => { p.notice role="status" { strong { (words::fill(lang.t(m::AUDIT_CHAIN_OK), &[&chain.entries.to_string()])) } } }
                Some(broken) => {
                    div.error-summary role="alert" {
                        h2 { (words::fill(lang.t(m::AUDIT_CHAIN_BROKEN), &[&broken.seq.to_string()])) }
                        p { span lang="en" { (broken.problem) } }
                    }
                }
            }
        }
        (error_summary(lang, &errors))
        form.filters method="get" action="/ui/audit" {
            fieldset {
                legend { (lang.t(m::AUDIT_FILTER)) }
                div.field {
                    label for="actor" { (lang.t(m::AUDIT_PERSON)) }
                    input id="actor" name="actor" value=(query.actor) size="16";
                }
                div.field {
                    label for="target" { (lang.t(m::AUDIT_RECORD)) }
                    input id="target" name="target" value=(query.target) size="12";
                }
                div.field {
                    label for="action" { (lang.t(m::AUDIT_ACTION)) }
                    input id="action" name="action" value=(query.action) size="16";
                }
                div.field {
                    label for="from" { (lang.t(m::AUDIT_FROM)) }
                    input id="from" name="from" type="date" value=(query.from) aria-describedby=[described_by(&errors, "from")];
                    (field_error(&errors, "from"))
                }
                div.field {
                    label for="to" { (lang.t(m::AUDIT_TO)) }
                    input id="to" name="to" type="date" value=(query.to) aria-describedby=[described_by(&errors, "to")];
                    (field_error(&errors, "to"))
                }
                button { (lang.t(m::FILTER)) }
            }
        }
        form #verify method="get" action="/ui/audit" {
            input type="hidden" name="verify" value="1";
            button { (lang.t(m::AUDIT_VERIFY)) }
        }
        p role="status" { (words::fill(lang.t(m::AUDIT_SHOWN), &[&entries.len().to_string(), &SHOWN.to_string()])) }
        @if !entries.is_empty() {
            div.scroll tabindex="0" {
                table {
                    tr {
                        th scope="col" { "#" } th scope="col" { (lang.t(m::WHEN)) }
                        th scope="col" { (lang.t(m::AUDIT_PERSON)) } th scope="col" { (lang.t(m::AUDIT_ACTION)) }
                        th scope="col" { (lang.t(m::AUDIT_RECORD)) } th scope="col" { (lang.t(m::PURPOSE_OF_USE)) }
                    }
                    @for entry in &entries {
                        tr {
                            td { (entry.seq) }
                            td { (words::moment(lang, entry.at)) }
                            // A person's (or a service's) name and a record's id: stored values,
                            // marked as such for the tests' machine-key check.
                            td data-value { (entry.actor) }
                            // The action's name, a link that filters by it (the filter takes the
                            // action as recorded).
                            td {
                                a href=(format!("/ui/audit?action={}", entry.action)) {
                                    @match words::audit_action(&entry.action) {
                                        Some(name) => { (name.in_lang(lang)) }
                                        None => { code { (entry.action) } }
                                    }
                                }
                            }
                            td data-value { (entry.target_id.as_deref().unwrap_or("—")) }
                            td { (entry.purpose.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(lang, Some(&user), lang.t(m::AUDIT_TRAIL), body))
}
