//! The immediate breach-clock mails (GDPR Art 33(1): the controller notifies the supervisory
//! authority, in Finland the Data Protection Ombudsman, within 72 hours of becoming aware of a
//! personal-data breach). A mail goes when the clock starts and when 48 h and 12 h are left,
//! to the privacy officers and the incident's people with an address.

use chrono::{DateTime, Duration, Utc};
use kirjuri_incidents::{ClockKind, Incident, IncidentClock, Incidents};
use kirjuri_registry::{Registry, RegistryResult};
use kirjuri_words::Lang;

use crate::catalogue as words;
use crate::mailer::{Mail, Outbox};
use crate::sent::{mark_sent, was_sent};
use crate::{Recipient, Round, link};

/// A point of an Art 33 clock that is worth an immediate mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Threshold {
    /// The clock started (the incident was marked a personal-data breach).
    Start,
    /// 48 hours or less are left.
    Left48h,
    /// 12 hours or less are left.
    Left12h,
}

impl Threshold {
    pub fn key(self) -> &'static str {
        match self {
            Threshold::Start => "start",
            Threshold::Left48h => "48h",
            Threshold::Left12h => "12h",
        }
    }

    fn subject(self) -> kirjuri_words::Words {
        match self {
            Threshold::Start => words::BREACH_START_SUBJECT,
            Threshold::Left48h => words::BREACH_48_SUBJECT,
            Threshold::Left12h => words::BREACH_12_SUBJECT,
        }
    }
}

/// The latest threshold an open Art 33 clock has reached at `now`: `Left12h` from 12 hours
/// before the stored deadline, `Left48h` from 48 hours before, else `Start`. `None` once the
/// deadline has passed (the overdue clock is in the digest; no more immediate mails) and for a
/// clock that is not the Art 33 one, or is met or cancelled. Only the latest threshold is
/// mailed: a service started 10 hours before the deadline sends the 12-hour mail, not three.
pub fn threshold_reached(clock: &IncidentClock, now: DateTime<Utc>) -> Option<Threshold> {
    let open = clock.cancelled.is_none() && clock.met_by.is_none();
    if clock.kind != ClockKind::OmbudsmanNotification || !open || now >= clock.due || now < clock.started_at {
        return None;
    }
    let left = clock.due - now;
    Some(if left <= Duration::hours(12) {
        Threshold::Left12h
    } else if left <= Duration::hours(48) {
        Threshold::Left48h
    } else {
        Threshold::Start
    })
}

/// One breach-clock mail to send: the incident, its clock's deadline and the threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachAlert {
    pub incident_id: String,
    pub diary_number: String,
    /// The public title of the incident's case (never a secret title).
    pub public_title: String,
    pub due: DateTime<Utc>,
    pub threshold: Threshold,
    /// The user names it goes to: the privacy officers, the incident's task assignees and its
    /// case's assignee.
    pub people: Vec<String>,
}

impl BreachAlert {
    /// The marker key of this alert to `recipient`: a clock moved by a corrected awareness is
    /// a new deadline and mails again.
    pub fn marker_key(&self, recipient: &str) -> String {
        format!(
            "breach:{}:{}:{}:{}",
            self.incident_id,
            self.due.timestamp(),
            self.threshold.key(),
            recipient
        )
    }
}

/// The privacy officers and the incident's people (`kirjuri_agenda::incident_people`), each once.
fn incident_people(registry: &Registry<'_>, incident: &Incident, officers: &[String]) -> RegistryResult<Vec<String>> {
    let mut people: Vec<String> = officers.to_vec();
    for person in kirjuri_agenda::incident_people(registry, incident)? {
        if !people.iter().any(|p| p.eq_ignore_ascii_case(&person)) {
            people.push(person);
        }
    }
    Ok(people)
}

/// The breach-clock alerts of every open incident at `now` (one per open Art 33 clock that has
/// reached a threshold), to the privacy officers named in `officers` and the incident's people.
pub fn breach_alerts(
    registry: &Registry<'_>,
    officers: &[String],
    now: DateTime<Utc>,
) -> RegistryResult<Vec<BreachAlert>> {
    let incidents = Incidents {
        registry,
        controller: String::new(),
    };
    let mut alerts = Vec::new();
    for incident in incidents.list(true, None)? {
        for clock in &incident.clocks {
            let Some(threshold) = threshold_reached(clock, now) else {
                continue;
            };
            alerts.push(BreachAlert {
                incident_id: incident.id.clone(),
                diary_number: incident.diary_number.to_string(),
                public_title: kirjuri_agenda::public_title(registry, &incident.case_id)?,
                due: clock.due,
                threshold,
                people: incident_people(registry, &incident, officers)?,
            });
        }
    }
    Ok(alerts)
}

/// A deadline as people in Finland read it: Helsinki time, `1.12.2026 klo 10.00` style.
pub fn helsinki_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Helsinki);
    match lang {
        Lang::Fi => local.format("%-d.%-m.%Y klo %H.%M").to_string(),
        Lang::Sv => local.format("%-d.%-m.%Y kl. %H.%M").to_string(),
        Lang::En => local.format("%-d %B %Y at %H:%M (Helsinki time)").to_string(),
    }
}

/// The mail of `alert` in `lang`: subject, the rule, the incident's diary number and public
/// title, the deadline and the link.
pub fn breach_mail(alert: &BreachAlert, to: &str, lang: Lang, public_url: &str) -> Mail {
    let t = |w| lang.t(w);
    let text = format!(
        "{rule}\n\n{incident}: {diary} {title}\n{deadline}: {due}\n{open}: {link}\n\n{why}\n-- \n{signature}\n",
        rule = t(words::BREACH_RULE),
        incident = t(words::INCIDENT),
        diary = alert.diary_number,
        title = alert.public_title,
        deadline = t(words::DEADLINE),
        due = helsinki_time(alert.due, lang),
        open = t(words::OPEN),
        link = link(public_url, &format!("/ui/incidents/{}", alert.incident_id)),
        why = t(words::WHY_BREACH),
        signature = t(words::SIGNATURE),
    );
    Mail {
        to: to.to_owned(),
        subject: format!("{} ({})", t(alert.threshold.subject()), alert.diary_number),
        text,
    }
}

/// Sends every breach-clock mail due at `now` that was not sent before, marking each after
/// the server accepted it. A failure is counted and tried again at the next round.
pub fn send_breach_alerts(
    registry: &Registry<'_>,
    recipients: &[Recipient],
    public_url: &str,
    outbox: &dyn Outbox,
    now: DateTime<Utc>,
) -> RegistryResult<Round> {
    let officers: Vec<String> = recipients
        .iter()
        .filter(|r| r.privacy_officer)
        .map(|r| r.name.clone())
        .collect();
    let mut round = Round::default();
    for alert in breach_alerts(registry, &officers, now)? {
        for name in &alert.people {
            let Some(recipient) = recipients.iter().find(|r| r.name.eq_ignore_ascii_case(name)) else {
                continue;
            };
            let Some(address) = &recipient.email else {
                continue;
            };
            let key = alert.marker_key(&recipient.name);
            if was_sent(registry.store, &key)? {
                continue;
            }
            match outbox.send(&breach_mail(&alert, address, recipient.language, public_url)) {
                Ok(()) => {
                    mark_sent(registry.store, &key, &recipient.name, Utc::now())?;
                    round.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(recipient = %recipient.name, %error, "breach-clock mail not sent; tried again next round");
                    round.failed += 1;
                }
            }
        }
    }
    Ok(round)
}
