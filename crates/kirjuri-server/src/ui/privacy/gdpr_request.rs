//! The GDPR-only parts of a request's page (DOMAIN.md §5.6, §6.1): on the transition form, the
//! confirmation that a refusal told the person of their right to complain to the Data
//! Protection Ombudsman and to go to court (GDPR 12(4)) and the day it was sent; on the page,
//! the Art 12(4) record of a refusal — the one-month day, the day sent, in time or late (in
//! words). The rule is the domain's (`kirjuri_requests::gdpr`); this only shows it.

use kirjuri_requests::{InfoRequest, RequestState};
use maud::{Markup, html};

use super::super::messages as m;
use super::super::problems::{FieldError, described_by, described_with_hint, field_error};
use super::super::{Lang, words};

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
