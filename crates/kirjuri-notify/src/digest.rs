//! The daily digest: per user with an address, once a day at `digest_hour` Helsinki time,
//! what is overdue, due today and due this week, as `kirjuri-agenda` decides it (this module
//! only formats its buckets). No digest is sent when nothing is due: an empty mail every
//! morning teaches people to ignore the real ones.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use kirjuri_agenda::{AgendaItem, Buckets, Due, Person, agenda_for};
use kirjuri_registry::{Registry, RegistryResult};
use kirjuri_words::Lang;

use crate::catalogue as words;
use crate::mailer::{Mail, Outbox};
use crate::sent::{mark_sent, was_sent};
use crate::{Recipient, link};

/// The Helsinki day whose digest is due at `now`: today once the local hour has reached
/// `digest_hour` (a service that was down at that hour catches up later the same day), else
/// none (yesterday's missed digest is not sent: it would be stale).
pub fn digest_day(now: DateTime<Utc>, digest_hour: u32) -> Option<NaiveDate> {
    let local = now.with_timezone(&chrono_tz::Europe::Helsinki);
    (local.hour() >= digest_hour).then(|| local.date_naive())
}

/// The marker key of `user`'s digest of `day`.
pub fn marker_key(user: &str, day: NaiveDate) -> String {
    format!("digest:{user}:{day}")
}

fn day_text(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fi | Lang::Sv => day.format("%-d.%-m.%Y").to_string(),
        Lang::En => day.format("%-d %B %Y").to_string(),
    }
}

fn item_line(item: &AgendaItem, lang: Lang, public_url: &str) -> String {
    let due = match item.due {
        Due::Day(day) => day_text(day, lang),
        Due::Instant(at) => crate::breach::helsinki_time(at, lang),
    };
    let title = match item.count {
        Some(count) => count.to_string(),
        None => item.title.clone(),
    };
    format!(
        "- {kind}: {title}\n  {due_word} {due}\n  {link}\n",
        kind = lang.t(words::kind_name(item.kind)),
        due_word = lang.t(words::DUE),
        link = link(public_url, &item.link),
    )
}

/// The digest mail of `buckets` in `lang`, or none when nothing is due.
pub fn digest_mail(buckets: &Buckets, to: &str, lang: Lang, today: NaiveDate, public_url: &str) -> Option<Mail> {
    if buckets.is_empty() {
        return None;
    }
    let mut text = format!("{}\n", lang.t(words::DIGEST_INTRO));
    for (heading, items) in [
        (words::OVERDUE, &buckets.overdue),
        (words::TODAY, &buckets.today),
        (words::THIS_WEEK, &buckets.this_week),
    ] {
        if items.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{} ({})\n", lang.t(heading), items.len()));
        for item in items {
            text.push_str(&item_line(item, lang, public_url));
        }
    }
    text.push_str(&format!(
        "\n{}: {}\n-- \n{}\n",
        lang.t(words::AGENDA),
        link(public_url, "/"),
        lang.t(words::SIGNATURE)
    ));
    Some(Mail {
        to: to.to_owned(),
        subject: format!("{} {}", lang.t(words::DIGEST_SUBJECT), day_text(today, lang)),
        text,
    })
}

/// What became of one user's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestOutcome {
    /// Accepted by the server (and marked).
    Sent(Mail),
    /// Sent before for this day.
    AlreadySent,
    /// Nothing due: no mail.
    NothingDue,
    /// The user has no address.
    NoAddress,
    /// The server refused or was away: tried again next round.
    Failed(String),
}

/// Sends `recipient` their digest of `today` unless it was sent already, marking it after the
/// server accepted it.
pub fn send_digest(
    registry: &Registry<'_>,
    recipient: &Recipient,
    person: &Person,
    today: NaiveDate,
    public_url: &str,
    outbox: &dyn Outbox,
) -> RegistryResult<DigestOutcome> {
    let Some(address) = &recipient.email else {
        return Ok(DigestOutcome::NoAddress);
    };
    let key = marker_key(&recipient.name, today);
    if was_sent(registry.store, &key)? {
        return Ok(DigestOutcome::AlreadySent);
    }
    let items = agenda_for(registry, person, today)?;
    let buckets = Buckets::of(&items, today);
    let Some(mail) = digest_mail(&buckets, address, recipient.language, today, public_url) else {
        return Ok(DigestOutcome::NothingDue);
    };
    match outbox.send(&mail) {
        Ok(()) => {
            mark_sent(registry.store, &key, &recipient.name, Utc::now())?;
            Ok(DigestOutcome::Sent(mail))
        }
        Err(error) => {
            tracing::warn!(recipient = %recipient.name, %error, "digest not sent; tried again next round");
            Ok(DigestOutcome::Failed(error))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;

    /// 7:00 Helsinki on Tue 1.12.2026 is 05:00 UTC (EET, UTC+2): the digest of that day is due
    /// from then on, and not at 06:59 local.
    #[test]
    fn the_digest_hour_is_helsinki_time() {
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(digest_day(at(4, 59), 7), None);
        assert_eq!(digest_day(at(5, 0), 7), Some(day));
        // Caught up the same day after a restart at 15:00 local.
        assert_eq!(digest_day(at(13, 0), 7), Some(day));
        // 23:30 UTC is already Wed 2.12 00:30 in Helsinki: before 7, nothing.
        assert_eq!(digest_day(at(23, 30), 7), None);
    }
}
