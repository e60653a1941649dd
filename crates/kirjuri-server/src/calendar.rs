//! The calendar feed: each user's deadlines (`kirjuri_agenda`) as an iCalendar file (RFC 5545)
//! at a secret address, so the city's Outlook shows them; and the one mapping of a role to
//! what its holder hears of (`person_for`), shared by the overview page, the feed and the
//! digest mail.
//!
//! The secret address is the only key to the feed (a calendar program cannot sign in): it is
//! at least 128 random bits, stored only as its SHA-256 digest, compared in constant time,
//! revocable, and never written to a log or the audit trail (the request span redacts the
//! path, `redacted_path`). A revoked or unknown secret and a disabled user all answer the same
//! 404.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};
use kirjuri_agenda::{AgendaItem, Due, Duties, Person, Sections};
use kirjuri_store::{AuditEvent, Store, StoreResult, reject, sha256_hex};
use serde::{Deserialize, Serialize};

use crate::ui::Lang;
use crate::users::{Permission, Role, USER, User, allows, random_secret, reader_for};

/// The store kind of feed secrets (one per user, keyed by the user name).
pub const CALENDAR_FEED: &str = "calendar_feed";

/// Where the feed is served: `/calendar/<secret>.ics`.
pub const FEED_PREFIX: &str = "/calendar/";

/// The address the feed's links and the shown feed address start with, when the data
/// folder's `config.toml` names none (`[service] public_url`).
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// What a role makes its holder hear of: the sections their role may read (the role matrix)
/// and the duties it carries (the registry office handles unassigned requests; the privacy
/// officer every breach clock, agreement review and ownerless contract; the archivist the
/// retention dues). The agenda applies it; nothing else maps roles to deadlines.
pub fn person_for(name: &str, role: Role, departments: &[String]) -> Person {
    let may = |permission| allows(role, permission);
    Person {
        name: name.to_owned(),
        departments: departments.to_vec(),
        reader: reader_for(name, role, departments),
        may: Sections {
            requests: may(Permission::ReadRequests),
            incidents: may(Permission::ReadIncidents),
            retention: may(Permission::ReadRetention),
            registers: may(Permission::ReadRegisters),
            contracts: may(Permission::ReadContracts),
        },
        duties: Duties {
            unassigned_requests: role == Role::Registrar,
            privacy: role == Role::PrivacyOfficer,
            disposal: role == Role::Archivist,
            contract_register: role == Role::Registrar,
        },
    }
}

/// A user's feed secret, as stored: only its digest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFeed {
    pub user: String,
    /// SHA-256 of the secret, hex.
    pub digest: String,
    pub created_at: DateTime<Utc>,
    /// The language the feed's words are in (the page's, when it was made).
    pub lang: String,
}

/// Makes (or replaces) `user`'s feed secret and returns it, shown once. Audited
/// `calendar-feed.create` (with a digest prefix, never the secret).
pub fn create_feed(store: &Store, user: &str, lang: Lang, actor: &str) -> StoreResult<String> {
    // 32 characters of a 57-letter alphabet: about 186 random bits.
    let secret = random_secret(32);
    let digest = sha256_hex(secret.as_bytes());
    let now = Utc::now();
    store.transact(|tx| {
        let Some(found) = tx.get::<User>(USER, user)? else {
            return reject("not_found", format!("user `{user}` not found"));
        };
        if found.disabled {
            return reject("user_disabled", format!("user `{user}` is disabled"));
        }
        let replaced = tx.get::<StoredFeed>(CALENDAR_FEED, user)?.is_some();
        let feed = StoredFeed {
            user: user.to_owned(),
            digest: digest.clone(),
            created_at: now,
            lang: lang.code().to_owned(),
        };
        tx.put(CALENDAR_FEED, user, &feed, &[])?;
        tx.audit(
            &AuditEvent::new(now, actor, "calendar-feed.create")
                .target(USER, user)
                .detail(serde_json::json!({"feed": &digest[..12], "replaced": replaced})),
        )
    })?;
    Ok(secret)
}

/// Revokes `user`'s feed secret; whether there was one. Audited `calendar-feed.revoke`.
pub fn revoke_feed(store: &Store, user: &str, actor: &str) -> StoreResult<bool> {
    let now = Utc::now();
    store.transact(|tx| {
        let Some(feed) = tx.get::<StoredFeed>(CALENDAR_FEED, user)? else {
            return Ok(false);
        };
        tx.delete(CALENDAR_FEED, user)?;
        tx.audit(
            &AuditEvent::new(now, actor, "calendar-feed.revoke")
                .target(USER, user)
                .detail(serde_json::json!({"feed": &feed.digest[..12.min(feed.digest.len())]})),
        )?;
        Ok(true)
    })
}

/// The user's feed as stored, if they have one.
pub fn feed_of(store: &Store, user: &str) -> StoreResult<Option<StoredFeed>> {
    store.get::<StoredFeed>(CALENDAR_FEED, user)
}

/// The enabled user whose feed secret this is, with the feed's language. Every stored digest
/// is compared in constant time (no early answer tells how much of a guess was right).
pub fn feed_owner(store: &Store, secret: &str) -> StoreResult<Option<(User, Lang)>> {
    use subtle::ConstantTimeEq;
    let digest = sha256_hex(secret.as_bytes());
    let mut found: Option<StoredFeed> = None;
    for feed in store.list::<StoredFeed>(CALENDAR_FEED)? {
        if bool::from(feed.digest.as_bytes().ct_eq(digest.as_bytes())) {
            found = Some(feed);
        }
    }
    let Some(feed) = found else {
        return Ok(None);
    };
    let user = store.get::<User>(USER, &feed.user)?.filter(|u| !u.disabled);
    Ok(user.map(|u| (u, Lang::parse(&feed.lang).unwrap_or(Lang::Fi))))
}

/// The secret of a feed path (`<secret>.ics`), when it is one.
pub fn secret_of_file(file: &str) -> Option<&str> {
    let secret = file.strip_suffix(".ics")?;
    (!secret.is_empty() && secret.len() <= 128 && secret.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(secret)
}

/// The path as the request log may show it: a feed's secret is replaced.
pub fn redacted_path(path: &str) -> &str {
    if path.starts_with(FEED_PREFIX) {
        "/calendar/[redacted].ics"
    } else {
        path
    }
}

/// The feed's address for a secret under the service's public address.
pub fn feed_url(public_url: &str, secret: &str) -> String {
    format!("{}{FEED_PREFIX}{secret}.ics", public_url.trim_end_matches('/'))
}

/// The agenda as an iCalendar file: one VEVENT per item, all-day (`DTSTART;VALUE=DATE`) for
/// day clocks, a timed UTC event for hour clocks, `UID` `<kind>-<id>@kirjuri` (stable, so a
/// calendar program updates an event instead of adding another), the kind and public title as
/// `SUMMARY`, the page as `URL`, and a reminder a day before. The crate folds long lines and
/// escapes text (RFC 5545 §3.1, §3.3.11).
pub fn ics(items: &[AgendaItem], lang: Lang, public_url: &str, now: DateTime<Utc>) -> String {
    let base = public_url.trim_end_matches('/');
    let mut calendar = Calendar::new();
    calendar.name(&format!("Kirjuri — {}", lang.t(crate::ui::messages::CALENDAR_NAME)));
    for item in items {
        let summary = format!(
            "{}: {}",
            crate::ui::words::agenda_kind(item.kind).in_lang(lang),
            item.title
        );
        let mut event = Event::new();
        event
            .uid(&format!("{}-{}@kirjuri", item.kind.key(), item.id.replace('/', "-")))
            .summary(&summary)
            .url(&format!("{base}{}", item.link))
            .timestamp(now);
        match item.due {
            // RFC 5545 §3.6.1: an all-day event's DTEND is the day after (not inclusive); a
            // deadline at an instant has no DTEND and ends where it starts.
            Due::Day(day) => {
                event.starts(day);
                if let Some(next) = day.succ_opt() {
                    event.ends(next);
                }
            }
            Due::Instant(at) => {
                event.starts(at);
            }
        }
        event.alarm(Alarm::display(&summary, Trigger::before_start(Duration::days(1))));
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// The agenda of a user for the feed and the pages, as of `today` (Helsinki).
pub fn agenda_of(
    registry: &kirjuri_registry::Registry<'_>,
    user: &User,
    today: NaiveDate,
) -> kirjuri_registry::RegistryResult<Vec<AgendaItem>> {
    let person = person_for(&user.name, user.role, &user.departments);
    kirjuri_agenda::agenda_for(registry, &person, today)
}
