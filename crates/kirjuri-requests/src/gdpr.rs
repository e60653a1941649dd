//! Rules that only GDPR data-subject requests have (DOMAIN.md §5.6, §6.1): the Art 12(4) record
//! of a refusal — whether it reached the person within one month of receipt, and that it told
//! them of their right to complain to the Data Protection Ombudsman and to go to court. Kept
//! apart from the Publicity Act rules; `Requests::transition` calls in here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::InfoRequest;

/// How a refusal of a GDPR request was given (Art 12(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Art12Refusal {
    /// The original one-month day (the first deadline at receipt, moved past a weekend or
    /// holiday under 1182/71 Art 3(4)): an extension never moves it for a refusal.
    pub one_month_day: NaiveDate,
    /// The day the refusal was sent to the person.
    pub told_on: NaiveDate,
    /// Sent after the one-month day: late under Art 12(4).
    pub late: bool,
    /// The refusal told the person of their right to complain to the Data Protection
    /// Ombudsman and to seek a judicial remedy (Art 12(4)).
    pub complaint_rights_told: bool,
}

/// Why a GDPR refusal is refused: a stable code and the words naming the field.
pub type Refused = (&'static str, String);

/// The Art 12(4) record of refusing `request`, told to the person on `told_on`. A refusal must
/// say the person may complain to the Data Protection Ombudsman and go to court: without
/// `complaint_rights_told` it is refused. `None` for a request with no GDPR clock.
pub fn refusal_record(
    request: &InfoRequest,
    told_on: NaiveDate,
    complaint_rights_told: bool,
) -> Result<Option<Art12Refusal>, Refused> {
    if !request.kind.is_gdpr() {
        return Ok(None);
    }
    if !complaint_rights_told {
        return Err((
            "complaint_rights_required",
            "a refusal of a GDPR request must tell the person of their right to complain to the Data Protection \
             Ombudsman and to go to court (GDPR 12(4)): confirm it with `complaint_rights_told`"
                .to_owned(),
        ));
    }
    if told_on < request.received_on {
        return Err((
            "told_on",
            format!(
                "`told_on` {told_on} is before the request was received ({})",
                request.received_on
            ),
        ));
    }
    let Some(first) = request.deadline_history.first() else {
        return Ok(None);
    };
    Ok(Some(Art12Refusal {
        one_month_day: first.due_moved,
        told_on,
        late: told_on > first.due_moved,
        complaint_rights_told,
    }))
}

/// The warning of a late refusal, naming the one-month day (for the API answer and the CLI).
pub fn late_refusal_warning(request: &InfoRequest) -> Option<String> {
    let refusal = request.gdpr_refusal.as_ref().filter(|r| r.late)?;
    Some(format!(
        "late refusal: GDPR 12(4) requires a refusal to reach the person within one month of receipt, by {}, even \
         when the request was extended; it was sent on {}",
        refusal.one_month_day, refusal.told_on
    ))
}
