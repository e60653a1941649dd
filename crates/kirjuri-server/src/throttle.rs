//! Sign-in throttling: failed password checks counted per user name and per source address,
//! with a lockout that doubles with every further lockout, up to a cap. While a user name or
//! an address is locked out, even the right password is refused (429 with `Retry-After`).
//!
//! An attempt is admitted before its password is checked ([`SignInThrottle::begin`]), under
//! the same lock that counts failures: a check in flight counts as a failure until it is
//! resolved, so however many attempts arrive at once, at most the limit of password checks
//! run per user name (and per address) before the lockout; after a lockout has run out, one
//! at a time.
//!
//! State is in memory and bounded: each table keeps at most [`MAX_TRACKED`] entries, so an
//! attacker cannot grow it without limit (when full, the entry whose lockout ends first goes).
//! Time comes in as an argument ([`Instant`]), so the rules are tested without sleeping.
//! The source address is the connecting socket's; `X-Forwarded-For` counts only when the
//! service is told it sits behind a proxy it trusts.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use chrono::Utc;
use kirjuri_store::AuditEvent;

use crate::AppState;
use crate::error::ApiError;
use crate::users::{USER, User, authenticate};

/// Most user names or addresses tracked at once (each table).
pub const MAX_TRACKED: usize = 50_000;
/// Longest user name kept as a key (valid names have at most 64 characters).
const MAX_KEY_CHARS: usize = 100;

/// The throttle's rules; the defaults suit production, tests shorten the lockout.
#[derive(Debug, Clone)]
pub struct ThrottleSettings {
    /// Failures of one user name within the window before it is locked out.
    pub user_failures: u32,
    /// Failures from one address within the window before it is locked out (higher than the
    /// user's: an office behind one NAT address shares it).
    pub address_failures: u32,
    /// Failures older than this are forgotten.
    pub window: Duration,
    /// The first lockout; it doubles with every further lockout within the window.
    pub lockout: Duration,
    /// The longest lockout.
    pub max_lockout: Duration,
    /// Take the source address from the last `X-Forwarded-For` entry (set by a trusted proxy).
    pub trust_forwarded_for: bool,
}

impl Default for ThrottleSettings {
    fn default() -> ThrottleSettings {
        ThrottleSettings {
            user_failures: 5,
            address_failures: 20,
            window: Duration::from_secs(15 * 60),
            lockout: Duration::from_secs(60),
            max_lockout: Duration::from_secs(60 * 60),
            trust_forwarded_for: false,
        }
    }
}

/// How long an attempt refused while others are in flight is told to wait (they resolve
/// within about a second; if they fail, the lockout that follows is what the next try meets).
const IN_FLIGHT_RETRY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last_failure: Instant,
    locked_until: Option<Instant>,
    /// Lockouts started within the window: the next one lasts `lockout × 2^lockouts`.
    lockouts: u32,
    /// Password checks admitted and not yet resolved; they count against the limit.
    in_flight: u32,
}

impl Failures {
    fn new(now: Instant) -> Failures {
        Failures {
            count: 0,
            last_failure: now,
            locked_until: None,
            lockouts: 0,
            in_flight: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.count == 0 && self.in_flight == 0 && self.locked_until.is_none()
    }

    fn forgotten_at(&self, window: Duration) -> Instant {
        let window_end = self.last_failure + window;
        self.locked_until.map_or(window_end, |until| until.max(window_end))
    }
}

#[derive(Debug, Default)]
struct Table {
    entries: HashMap<String, Failures>,
}

impl Table {
    fn locked_for(&self, key: &str, now: Instant) -> Option<Duration> {
        let until = self.entries.get(key)?.locked_until?;
        (until > now).then(|| until - now)
    }

    /// Whether one more password check may start for `key`; if not, how long to wait.
    /// Before the first lockout the checks in flight count as failures, so at most
    /// `threshold` run; after a lockout has run out, one at a time (its failure locks again).
    fn admits(&self, key: &str, threshold: u32, window: Duration, now: Instant) -> Result<(), Duration> {
        let Some(entry) = self.entries.get(key) else {
            return Ok(());
        };
        if let Some(until) = entry.locked_until
            && until > now
        {
            return Err(until - now);
        }
        let count = if entry.forgotten_at(window) <= now {
            0
        } else {
            entry.count
        };
        let admitted = if count < threshold {
            count.saturating_add(entry.in_flight) < threshold
        } else {
            entry.in_flight == 0
        };
        if admitted { Ok(()) } else { Err(IN_FLIGHT_RETRY) }
    }

    fn entry(&mut self, key: &str, window: Duration, now: Instant) -> &mut Failures {
        if !self.entries.contains_key(key) && self.entries.len() >= MAX_TRACKED {
            self.make_room(window, now);
        }
        self.entries.entry(key.to_owned()).or_insert(Failures::new(now))
    }

    /// Marks a password check in flight.
    fn reserve(&mut self, key: &str, window: Duration, now: Instant) {
        let entry = self.entry(key, window, now);
        entry.in_flight = entry.in_flight.saturating_add(1);
    }

    /// Ends a check in flight; `clear`: a success that forgets the failures, unless other
    /// checks are still in flight or a lockout is running (their failures stand).
    fn release(&mut self, key: &str, clear: bool, now: Instant) {
        let Some(entry) = self.entries.get_mut(key) else {
            return;
        };
        entry.in_flight = entry.in_flight.saturating_sub(1);
        let locked = entry.locked_until.is_some_and(|until| until > now);
        if entry.is_empty() || (clear && entry.in_flight == 0 && !locked) {
            self.entries.remove(key);
        }
    }

    /// Counts a failure; returns the lockout it starts, if any. Each lockout within the
    /// window lasts twice the one before (up to the cap).
    fn fail(&mut self, key: &str, threshold: u32, settings: &ThrottleSettings, now: Instant) -> Option<Duration> {
        let entry = self.entry(key, settings.window, now);
        if entry.forgotten_at(settings.window) <= now {
            entry.count = 0;
            entry.locked_until = None;
            entry.lockouts = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last_failure = now;
        if entry.count < threshold {
            return None;
        }
        let doublings = entry.lockouts.min(20);
        entry.lockouts = entry.lockouts.saturating_add(1);
        let lockout = settings
            .lockout
            .saturating_mul(1u32 << doublings)
            .min(settings.max_lockout);
        let until = entry
            .locked_until
            .map_or(now + lockout, |before| before.max(now + lockout));
        entry.locked_until = Some(until);
        Some(lockout)
    }

    /// Drops forgotten entries; if none were, the one that would be forgotten first.
    fn make_room(&mut self, window: Duration, now: Instant) {
        self.entries
            .retain(|_, failures| failures.in_flight > 0 || failures.forgotten_at(window) > now);
        if self.entries.len() < MAX_TRACKED {
            return;
        }
        let first = self
            .entries
            .iter()
            .min_by_key(|(_, failures)| failures.forgotten_at(window))
            .map(|(key, _)| key.clone());
        if let Some(key) = first {
            self.entries.remove(&key);
        }
    }
}

/// Failed sign-ins per user name and per source address.
#[derive(Debug, Default)]
pub struct SignInThrottle {
    pub settings: ThrottleSettings,
    tables: Mutex<(Table, Table)>,
}

/// The answer to a sign-in attempt that the throttle refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockedOut {
    /// Whole seconds until the attempt may be made again (at least 1).
    pub retry_after_secs: u64,
}

impl LockedOut {
    fn of(remaining: Duration) -> LockedOut {
        let whole = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
        LockedOut {
            retry_after_secs: whole.max(1),
        }
    }
}

fn user_key(name: &str) -> String {
    name.trim().to_lowercase().chars().take(MAX_KEY_CHARS).collect()
}

/// The address key: IPv6 addresses by their /64 (one host usually holds a whole /64).
pub(crate) fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let segments = v6.segments();
                format!(
                    "{:x}:{:x}:{:x}:{:x}::/64",
                    segments[0], segments[1], segments[2], segments[3]
                )
            }
        },
    }
}

impl SignInThrottle {
    pub fn new(settings: ThrottleSettings) -> SignInThrottle {
        SignInThrottle {
            settings,
            tables: Mutex::new((Table::default(), Table::default())),
        }
    }

    fn tables(&self) -> std::sync::MutexGuard<'_, (Table, Table)> {
        self.tables.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Refuses an attempt while the user name or the address is locked out.
    pub fn check(&self, user: &str, address: Option<IpAddr>, now: Instant) -> Result<(), LockedOut> {
        let tables = self.tables();
        let by_user = tables.0.locked_for(&user_key(user), now);
        let by_address = address.and_then(|a| tables.1.locked_for(&address_key(a), now));
        match by_user.into_iter().chain(by_address).max() {
            Some(remaining) => Err(LockedOut::of(remaining)),
            None => Ok(()),
        }
    }

    /// Counts a failed attempt; returns the lockout it starts, if it starts one.
    pub fn failed(&self, user: &str, address: Option<IpAddr>, now: Instant) -> Option<LockedOut> {
        let settings = &self.settings;
        let mut tables = self.tables();
        let by_user = tables.0.fail(&user_key(user), settings.user_failures, settings, now);
        let by_address = address.and_then(|a| tables.1.fail(&address_key(a), settings.address_failures, settings, now));
        by_user.into_iter().chain(by_address).max().map(LockedOut::of)
    }

    /// Admits one password check for the user name from the address, or refuses it: while
    /// either is locked out, or while the checks already in flight would reach the limit.
    /// The admitted check counts against the limit until it is resolved with
    /// [`Attempt::failed`] or [`Attempt::succeeded`] (dropped unresolved, it is let go).
    pub fn begin(self: &Arc<Self>, user: &str, address: Option<IpAddr>, now: Instant) -> Result<Attempt, LockedOut> {
        let settings = &self.settings;
        let user = user_key(user);
        let address = address.map(address_key);
        let mut tables = self.tables();
        let by_user = tables
            .0
            .admits(&user, settings.user_failures, settings.window, now)
            .err();
        let by_address = address.as_ref().and_then(|a| {
            tables
                .1
                .admits(a, settings.address_failures, settings.window, now)
                .err()
        });
        if let Some(wait) = by_user.into_iter().chain(by_address).max() {
            return Err(LockedOut::of(wait));
        }
        tables.0.reserve(&user, settings.window, now);
        if let Some(address) = &address {
            tables.1.reserve(address, settings.window, now);
        }
        drop(tables);
        Ok(Attempt {
            throttle: Arc::clone(self),
            user,
            address,
            resolved: false,
        })
    }

    /// Entries held (users, addresses), for tests and metrics.
    pub fn tracked(&self) -> (usize, usize) {
        let tables = self.tables();
        (tables.0.entries.len(), tables.1.entries.len())
    }

    /// The source address of a request: the socket's, or with `trust_forwarded_for` the last
    /// entry of `X-Forwarded-For` (the one the trusted proxy appended).
    pub fn source_address(&self, parts: &Parts) -> Option<IpAddr> {
        let socket = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip());
        if self.settings.trust_forwarded_for
            && let Some(forwarded) = forwarded_for(&parts.headers)
        {
            return Some(forwarded);
        }
        socket
    }
}

fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())?;
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// A password check admitted by [`SignInThrottle::begin`], counted against the limits until
/// it is resolved.
#[derive(Debug)]
#[must_use = "an attempt counts against the limits until it is resolved"]
pub struct Attempt {
    throttle: Arc<SignInThrottle>,
    user: String,
    address: Option<String>,
    resolved: bool,
}

impl Attempt {
    /// The password was wrong: a failure of the name and of the address; returns the
    /// lockout it starts, if it starts one.
    pub fn failed(mut self, now: Instant) -> Option<LockedOut> {
        self.resolved = true;
        let settings = &self.throttle.settings;
        let mut tables = self.throttle.tables();
        let by_user = tables.0.fail(&self.user, settings.user_failures, settings, now);
        tables.0.release(&self.user, false, now);
        let by_address = self.address.as_ref().and_then(|a| {
            let lockout = tables.1.fail(a, settings.address_failures, settings, now);
            tables.1.release(a, false, now);
            lockout
        });
        by_user.into_iter().chain(by_address).max().map(LockedOut::of)
    }

    /// The password was right: the user name's failures are forgotten (unless other checks
    /// for it are in flight or a lockout is running: those failures stand). The address
    /// keeps its count, so signing in to one's own account does not reset a spray over
    /// other names.
    pub fn succeeded(mut self, now: Instant) {
        self.resolved = true;
        let mut tables = self.throttle.tables();
        tables.0.release(&self.user, true, now);
        if let Some(address) = &self.address {
            tables.1.release(address, false, now);
        }
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if self.resolved {
            return;
        }
        let now = Instant::now();
        let mut tables = self.throttle.tables();
        tables.0.release(&self.user, false, now);
        if let Some(address) = &self.address {
            tables.1.release(address, false, now);
        }
    }
}

/// The source address of a request, as the throttle sees it (`None` without a socket, as in
/// handler tests that call the router directly).
#[derive(Debug, Clone, Copy)]
pub struct SourceAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for SourceAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(SourceAddress(state.sign_in.source_address(parts)))
    }
}

/// Where a sign-in came from, for the audit entry and the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInVia {
    /// The web form at `/login`.
    Web,
    /// `POST /api/v1/tokens`.
    Api,
}

impl SignInVia {
    fn key(self) -> &'static str {
        match self {
            SignInVia::Web => "web",
            SignInVia::Api => "api",
        }
    }
}

/// Checks a user name and password through the throttle: refused with
/// [`ApiError::TooManyAttempts`] while the name or the address is locked out, or while the
/// checks already in flight for them would reach the limit (the password is not even
/// checked); a wrong password is counted, audited (`session.sign_in_failed`, with the
/// user name and the address, never the password) and logged. `Ok(None)`: wrong name or
/// password.
pub async fn authenticate_throttled(
    state: &AppState,
    name: String,
    password: String,
    address: Option<IpAddr>,
    via: SignInVia,
) -> Result<Option<User>, ApiError> {
    let shown_name: String = name.chars().take(MAX_KEY_CHARS).collect();
    let shown_address = address.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
    let attempt = match state.sign_in.begin(&name, address, Instant::now()) {
        Ok(attempt) => attempt,
        Err(locked) => {
            tracing::warn!(
                user = ?shown_name,
                address = %shown_address,
                via = via.key(),
                retry_after = locked.retry_after_secs,
                "sign-in refused while locked out"
            );
            return Err(ApiError::TooManyAttempts {
                retry_after_secs: locked.retry_after_secs,
            });
        }
    };
    let store = state.store.clone();
    // The verdict is counted and audited on the worker, so it stands even when the client
    // goes away (and this future is dropped) while the password is checked.
    tokio::task::spawn_blocking(move || -> Result<Option<User>, ApiError> {
        let user = authenticate(&store, &name, &password)?;
        if let Some(user) = user {
            attempt.succeeded(Instant::now());
            return Ok(Some(user));
        }
        let lockout = attempt.failed(Instant::now());
        let lockout_seconds = lockout.map(|l| l.retry_after_secs);
        tracing::warn!(
            user = ?shown_name,
            address = %shown_address,
            via = via.key(),
            lockout_seconds,
            "sign-in failed"
        );
        let event = AuditEvent::new(Utc::now(), "anonymous", "session.sign_in_failed")
            .target(USER, &shown_name)
            .detail(serde_json::json!({
                "user": shown_name,
                "address": shown_address,
                "via": via.key(),
                "lockout_seconds": lockout_seconds,
            }));
        store.audit(&event)?;
        Ok(None)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use super::*;

    fn throttle() -> SignInThrottle {
        SignInThrottle::new(ThrottleSettings::default())
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn five_failures_lock_the_user_and_the_lockout_doubles_up_to_the_cap() {
        let throttle = throttle();
        let start = Instant::now();
        for attempt in 0..4 {
            assert_eq!(
                throttle.failed("liisa", ip("10.0.0.1"), start),
                None,
                "attempt {attempt}"
            );
        }
        assert!(throttle.check("liisa", ip("10.0.0.1"), start).is_ok());
        let first = throttle.failed("liisa", ip("10.0.0.1"), start).unwrap();
        assert_eq!(first.retry_after_secs, 60);
        // Locked from any address, and for the same name in other case.
        assert!(throttle.check("Liisa", ip("10.9.9.9"), start).is_err());
        let second = throttle.failed("liisa", ip("10.0.0.2"), start).unwrap();
        assert_eq!(second.retry_after_secs, 120);
        let mut last = second;
        for _ in 0..10 {
            last = throttle.failed("liisa", ip("10.0.0.3"), start).unwrap();
        }
        assert_eq!(last.retry_after_secs, 3600, "capped at an hour");
        // Another user from the same address is not locked.
        assert!(throttle.check("pekka", ip("10.0.0.1"), start).is_ok());
    }

    #[test]
    fn the_lockout_ends_and_old_failures_are_forgotten() {
        let throttle = throttle();
        let start = Instant::now();
        for _ in 0..5 {
            throttle.failed("liisa", None, start);
        }
        let during = start + Duration::from_secs(59);
        assert_eq!(
            throttle.check("liisa", None, during),
            Err(LockedOut { retry_after_secs: 1 })
        );
        assert!(throttle.check("liisa", None, start + Duration::from_secs(60)).is_ok());
        // After the window one failure does not lock again.
        let later = start + Duration::from_secs(16 * 60);
        assert_eq!(throttle.failed("liisa", None, later), None);
        let throttle = Arc::new(throttle);
        throttle.begin("liisa", None, later).unwrap().succeeded(later);
        assert_eq!(throttle.tracked().0, 0);
    }

    #[test]
    fn checks_in_flight_count_against_the_limit_so_a_burst_gets_only_five() {
        let throttle = Arc::new(throttle());
        let now = Instant::now();
        // Twenty arrive at once: five are admitted, the rest refused before any resolves.
        let mut admitted = Vec::new();
        let mut refused = 0;
        for _ in 0..20 {
            match throttle.begin("liisa", ip("10.0.0.1"), now) {
                Ok(attempt) => admitted.push(attempt),
                Err(locked) => {
                    assert_eq!(locked.retry_after_secs, 1, "wait for the checks in flight");
                    refused += 1;
                }
            }
        }
        assert_eq!((admitted.len(), refused), (5, 15));
        // All five fail: one lockout, of the first length, not one step per failure.
        let lockouts: Vec<_> = admitted.into_iter().filter_map(|a| a.failed(now)).collect();
        assert_eq!(lockouts, vec![LockedOut { retry_after_secs: 60 }]);
        assert_eq!(
            throttle.begin("liisa", ip("10.0.0.9"), now).unwrap_err(),
            LockedOut { retry_after_secs: 60 }
        );
        // After the lockout, one check at a time; its failure locks again for twice as long.
        let after = now + Duration::from_secs(60);
        let next = throttle.begin("liisa", ip("10.0.0.1"), after).unwrap();
        assert!(throttle.begin("liisa", ip("10.0.0.1"), after).is_err());
        assert_eq!(next.failed(after), Some(LockedOut { retry_after_secs: 120 }));
        // An attempt dropped unresolved (the client went away) is let go without counting.
        let other = throttle.begin("pekka", None, now).unwrap();
        drop(other);
        assert_eq!(throttle.tracked().0, 1, "only liisa is tracked");
    }

    #[test]
    fn a_success_does_not_wipe_failures_of_checks_still_in_flight() {
        let throttle = Arc::new(throttle());
        let now = Instant::now();
        // Four wrong and one right arrive together; the right one resolves first.
        let wrong: Vec<_> = (0..4).map(|_| throttle.begin("liisa", None, now).unwrap()).collect();
        let right = throttle.begin("liisa", None, now).unwrap();
        assert!(throttle.begin("liisa", None, now).is_err(), "five in flight: the limit");
        right.succeeded(now);
        for attempt in wrong {
            assert_eq!(attempt.failed(now), None);
        }
        // The four failures stand: one more admitted, and its failure locks.
        let fifth = throttle.begin("liisa", None, now).unwrap();
        assert!(throttle.begin("liisa", None, now).is_err());
        assert!(fifth.failed(now).is_some());
        // A success alone (nothing in flight, no lockout running) forgets the failures.
        let later = now + Duration::from_secs(61);
        throttle.begin("liisa", None, later).unwrap().succeeded(later);
        assert_eq!(throttle.tracked().0, 0);
    }

    #[test]
    fn an_address_admits_at_most_its_limit_over_many_names_at_once() {
        let throttle = Arc::new(throttle());
        let now = Instant::now();
        let admitted: Vec<_> = (0..30)
            .filter_map(|n| throttle.begin(&format!("user{n}"), ip("192.0.2.7"), now).ok())
            .collect();
        assert_eq!(admitted.len(), 20);
        let lockouts = admitted.into_iter().filter_map(|a| a.failed(now)).count();
        assert_eq!(lockouts, 1);
        assert!(throttle.begin("someone", ip("192.0.2.7"), now).is_err());
    }

    #[test]
    fn an_address_is_locked_after_twenty_failures_over_many_names() {
        let throttle = throttle();
        let now = Instant::now();
        for n in 0..19 {
            assert_eq!(throttle.failed(&format!("user{n}"), ip("192.0.2.7"), now), None);
        }
        assert!(throttle.failed("user19", ip("192.0.2.7"), now).is_some());
        assert!(throttle.check("someone-else", ip("192.0.2.7"), now).is_err());
        assert!(throttle.check("someone-else", ip("192.0.2.8"), now).is_ok());
        // IPv6: the whole /64 counts as one address.
        for n in 0..20 {
            throttle.failed(&format!("v6-{n}"), ip(&format!("2001:db8::{n:x}")), now);
        }
        assert!(throttle.check("new", ip("2001:db8::ffff"), now).is_err());
        assert!(throttle.check("new", ip("2001:db8:0:1::1"), now).is_ok());
    }

    #[test]
    fn the_tables_never_grow_past_their_bound() {
        let throttle = throttle();
        let now = Instant::now();
        for n in 0..(MAX_TRACKED + 10) {
            throttle.failed(&format!("name-{n}"), None, now);
        }
        assert_eq!(throttle.tracked().0, MAX_TRACKED);
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted() {
        let request = axum::http::Request::builder()
            .header("x-forwarded-for", "203.0.113.9, 198.51.100.4")
            .extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000))))
            .body(())
            .unwrap();
        let (parts, ()) = request.into_parts();
        assert_eq!(throttle().source_address(&parts), ip("127.0.0.1"));
        let trusting = SignInThrottle::new(ThrottleSettings {
            trust_forwarded_for: true,
            ..ThrottleSettings::default()
        });
        assert_eq!(trusting.source_address(&parts), ip("198.51.100.4"));
    }
}

/// Submissions of the public request form counted per source address: at most `limit` within
/// `window`, in memory and bounded like the sign-in tables (when full, the oldest address goes).
#[derive(Debug)]
pub struct SubmissionLimit {
    limit: usize,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl Default for SubmissionLimit {
    fn default() -> SubmissionLimit {
        SubmissionLimit::new(10, Duration::from_secs(60 * 60))
    }
}

impl SubmissionLimit {
    pub fn new(limit: usize, window: Duration) -> SubmissionLimit {
        SubmissionLimit {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one submission from `address`, or says how long to wait. Without an address (no
    /// socket, as in handler tests) nothing is counted.
    pub fn admit(&self, address: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let Some(address) = address.map(network_of) else {
            return Ok(());
        };
        let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let window = self.window;
        if seen.len() >= MAX_TRACKED && !seen.contains_key(&address) {
            seen.retain(|_, times| times.last().is_some_and(|last| now.duration_since(*last) < window));
            if seen.len() >= MAX_TRACKED
                && let Some(oldest) = seen
                    .iter()
                    .min_by_key(|(_, times)| times.last().copied())
                    .map(|(a, _)| *a)
            {
                seen.remove(&oldest);
            }
        }
        let times = seen.entry(address).or_default();
        times.retain(|at| now.duration_since(*at) < window);
        if times.len() >= self.limit {
            let first = times.first().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.duration_since(first)));
        }
        times.push(now);
        Ok(())
    }
}

/// The network a sender is counted by: an IPv4 address itself, an IPv6 address by its /64
/// (one subscriber's prefix: anyone with one has its whole range of addresses).
fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(std::net::Ipv6Addr::from(segments))
            }
        },
    }
}

#[cfg(test)]
mod submission_tests {
    use super::*;

    #[test]
    fn an_address_gets_its_limit_within_the_window_and_then_waits() {
        let limit = SubmissionLimit::new(3, Duration::from_secs(60));
        let start = Instant::now();
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limit.admit(Some(one), start).is_ok());
        }
        let wait = limit.admit(Some(one), start + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(
            limit.admit(Some(other), start).is_ok(),
            "another address is not held back"
        );
        assert!(
            limit.admit(Some(one), start + Duration::from_secs(61)).is_ok(),
            "the window passes"
        );
    }
}
