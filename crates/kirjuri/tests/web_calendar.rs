//! The calendar feed end to end against the real binary with demo data: the registrar makes a
//! feed on the calendar page (shown once), a calendar program fetches it without a session and
//! reads back one event per deadline (all-day for day clocks, timed UTC for the 72 hours of a
//! breach), nobody else's deadlines are in it, a revoked secret answers 404 like an unknown
//! one, a disabled user's feed answers 404, and the secret is in neither the request log nor
//! the audit trail.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{agent, base_in, body, csrf_of, form_post as post, page_get as get, session_cookie};
use icalendar::Component;

/// A `kirjuri serve --demo` whose log (stderr, at debug so every request's span is written)
/// goes to a file the test reads afterwards.
struct LoggedServer {
    child: std::process::Child,
    base: String,
    log: std::path::PathBuf,
}

impl Drop for LoggedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> LoggedServer {
    let log = dir.join("server.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["serve", "--listen", "127.0.0.1:0", "--demo"])
        .env("KIRJURI_DATA", dir.join("data"))
        .env("KIRJURI_ADMIN_PASSWORD", "a long admin passphrase")
        .env("KIRJURI_LOG", "debug,tower_http=debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let line = common::first_line_with(&mut child, "on http://");
    LoggedServer {
        base: base_in(&line),
        child,
        log,
    }
}

fn api_post(base: &str, token: &str, path: &str, json: serde_json::Value) -> serde_json::Value {
    let mut response = agent()
        .post(&format!("{base}/api/v1{path}"))
        .header("authorization", &format!("Bearer {token}"))
        .content_type("application/json")
        .send(json.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    let text = body(&mut response);
    assert!(status == 200 || status == 201, "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap()
}

/// The feed at `url` (any host: the path is fetched from the test's server), without a session.
fn fetch(base: &str, url: &str) -> (u16, String, String) {
    let path = &url[url.find("/calendar/").unwrap()..];
    let mut response = agent().get(&format!("{base}{path}")).call().unwrap();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), kind, body(&mut response))
}

/// The events of a feed by UID, with their DTSTART line as written.
fn events(ics: &str) -> Vec<(String, String, String)> {
    let calendar: icalendar::Calendar = ics.parse().expect("the feed parses as iCalendar");
    let unfolded = ics.replace("\r\n ", "");
    calendar
        .events()
        .map(|event| {
            let uid = event.get_uid().unwrap().to_owned();
            // The DTSTART line of this event, as written (VALUE=DATE or a UTC time).
            let block = unfolded
                .split("BEGIN:VEVENT")
                .find(|b| b.contains(&format!("UID:{uid}\r\n")))
                .unwrap();
            let start = block.lines().find(|l| l.starts_with("DTSTART")).unwrap().to_owned();
            (uid, start, event.get_summary().unwrap_or_default().to_owned())
        })
        .collect()
}

#[test]
fn the_registrar_subscribes_to_a_secret_feed_of_their_own_deadlines_and_revokes_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let base = server.base.as_str();
    let agent = agent();

    // Deadlines of two people, made over the API. A document request received Mon 2.11.2026,
    // assigned to the registrar: Publicity Act 621/1999 §14(4), two weeks, due Mon 16.11.2026.
    let registrar = common::token(base, "kirjaaja", "demo-kirjaaja-2026");
    let mine = api_post(
        base,
        &registrar,
        "/requests",
        serde_json::json!({"kind": "publicity", "received": "2026-11-02", "requester": "Liisa Salainen", "assignee": "kirjaaja"}),
    );
    let mine = mine["id"].as_str().unwrap().to_owned();
    // The privacy officer's: a GDPR access request assigned to them, and a breach whose
    // awareness at Mon 30.11.2026 09:15 UTC starts the Art 33(1) 72 hours (Thu 3.12. 09:15 UTC).
    let officer = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let theirs = api_post(
        base,
        &officer,
        "/requests",
        serde_json::json!({"kind": "gdpr-access", "received": "2026-11-02", "requester": "Olli Rekisteröity", "assignee": "tietosuojavastaava"}),
    );
    let theirs = theirs["id"].as_str().unwrap().to_owned();
    let breach = api_post(
        base,
        &officer,
        "/incidents",
        serde_json::json!({"title": "Asiakaslista väärälle vastaanottajalle", "aware_at": "2026-11-30T09:15:00Z", "breach": true}),
    );
    let breach = breach["id"].as_str().unwrap().to_owned();

    // The calendar page: no feed yet; making one shows its address once.
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let (status, page) = get(&agent, base, &cookie, "/ui/calendar");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Sinulla ei ole kalenterisyötettä."), "{page}");
    assert!(page.contains("Tilaa verkosta"), "the Outlook how-to line");
    let (status, _, shown) = post(&agent, base, &cookie, "/ui/calendar/feed", &[("csrf", &csrf_of(&page))]);
    assert_eq!(status, 201, "{shown}");
    let at = shown
        .find("http://127.0.0.1:8080/calendar/")
        .expect("the address under the public url");
    let url = shown[at..].split('"').next().unwrap().to_owned();
    let secret = url
        .trim_start_matches("http://127.0.0.1:8080/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    assert!(secret.len() >= 22, "at least 128 random bits: {secret}");
    // Shown once: the page afterwards says the feed is on, without its address.
    let (_, again) = get(&agent, base, &cookie, "/ui/calendar");
    assert!(again.contains("Kalenterisyöte on käytössä"), "{again}");
    assert!(!again.contains(&secret));

    // The feed, fetched as a calendar program does (no cookie, no token).
    let (status, kind, ics) = fetch(base, &url);
    assert_eq!(status, 200, "{ics}");
    assert_eq!(kind, "text/calendar; charset=utf-8");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let feed_events = events(&ics);
    let mine_event = feed_events
        .iter()
        .find(|(uid, _, _)| *uid == format!("request-{mine}@kirjuri"))
        .expect("the registrar's request is in the feed");
    assert_eq!(mine_event.1, "DTSTART;VALUE=DATE:20261116");
    // RFC 5545 §3.6.1: an all-day event ends (not inclusive) on the next day.
    let block = ics
        .replace("\r\n ", "")
        .split("BEGIN:VEVENT")
        .find(|b| b.contains(&format!("UID:request-{mine}@kirjuri\r\n")))
        .unwrap()
        .to_owned();
    assert!(block.contains("DTEND;VALUE=DATE:20261117\r\n"), "{block}");
    // The summary is the kind and the public title; the requester's name never leaves.
    assert_eq!(mine_event.2, "Tietopyyntö: Asiakirjapyyntö");
    assert!(!ics.contains("Salainen"));
    assert!(ics.contains(&format!("URL:http://127.0.0.1:8080/ui/requests/{mine}")));
    // The demo's other open requests assigned to the registrar are there too; the privacy
    // officer's request and breach are not.
    assert!(
        feed_events
            .iter()
            .filter(|(uid, _, _)| uid.starts_with("request-"))
            .count()
            > 1
    );
    assert!(!ics.contains(&format!("request-{theirs}@")));
    assert!(!ics.contains(&format!("breach-clock-{breach}")));

    // The privacy officer's own feed (over the API) has both, the breach as a timed UTC event.
    let officer_feed = {
        let mut response = common::agent()
            .post(&format!("{base}/api/v1/me/calendar-feed"))
            .header("authorization", &format!("Bearer {officer}"))
            .send_empty()
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let answer: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
        answer["url"].as_str().unwrap().to_owned()
    };
    let (status, _, officer_ics) = fetch(base, &officer_feed);
    assert_eq!(status, 200);
    let officer_events = events(&officer_ics);
    let clock = officer_events
        .iter()
        .find(|(uid, _, _)| *uid == format!("breach-clock-{breach}-ombudsman-72h@kirjuri"))
        .expect("the breach clock is in the privacy officer's feed");
    assert_eq!(clock.1, "DTSTART:20261203T091500Z");
    assert!(officer_ics.contains(&format!("request-{theirs}@kirjuri")));
    assert!(
        !officer_ics.contains("Asiakaslista"),
        "an incident's title is not public"
    );

    // Revoked: the address answers 404, as an unknown one does.
    let (_, page) = get(&agent, base, &cookie, "/ui/calendar");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/calendar/revoke",
        &[("csrf", &csrf_of(&page))],
    );
    assert_eq!(status, 303);
    let (_, revoked_page) = get(&agent, base, &cookie, &location);
    assert!(revoked_page.contains("Kalenterisyöte peruttu"), "{revoked_page}");
    assert_eq!(fetch(base, &url).0, 404);
    assert_eq!(fetch(base, "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics").0, 404);
    // A revoke without the form's CSRF token is refused.
    let (status, _, _) = post(&agent, base, &cookie, "/ui/calendar/revoke", &[("csrf", "wrong")]);
    assert_eq!(status, 403);

    // A disabled user's feed answers 404 (computed with their current rights: none).
    let admin = common::token(base, "admin", "a long admin passphrase");
    let mut response = common::agent()
        .put(&format!("{base}/api/v1/users/tietosuojavastaava/disabled"))
        .header("authorization", &format!("Bearer {admin}"))
        .content_type("application/json")
        .send(r#"{"disabled": true}"#)
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{}", body(&mut response));
    assert_eq!(fetch(base, &officer_feed).0, 404);
    // Disabling revoked the address: enabling the user again does not bring it back.
    let mut response = common::agent()
        .put(&format!("{base}/api/v1/users/tietosuojavastaava/disabled"))
        .header("authorization", &format!("Bearer {admin}"))
        .content_type("application/json")
        .send(r#"{"disabled": false}"#)
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{}", body(&mut response));
    assert_eq!(fetch(base, &officer_feed).0, 404);

    // The secret is in neither the audit trail nor the request log; the making is audited.
    let mut response = common::agent()
        .get(&format!("{base}/api/v1/audit?action=calendar-feed.&limit=1000"))
        .header("authorization", &format!("Bearer {admin}"))
        .call()
        .unwrap();
    let audit = body(&mut response);
    assert!(audit.contains("calendar-feed.create") && audit.contains("calendar-feed.revoke"));
    assert!(!audit.contains(&secret));
    let log_path = server.log.clone();
    drop(server);
    let mut log = String::new();
    std::fs::File::open(log_path).unwrap().read_to_string(&mut log).unwrap();
    assert!(
        log.contains("/calendar/[redacted].ics"),
        "the feed's requests are logged redacted"
    );
    assert!(!log.contains(&secret), "the secret is not in the log");
}
