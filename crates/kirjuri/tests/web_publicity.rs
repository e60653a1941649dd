//! Publicity Act 621/1999 document requests end to end against the real binary with demo data,
//! over HTTP: the work queue and the request page alert on the statutory day (the earlier of the
//! statutory and the moved day, DOMAIN.md §5.2) and say lateness in words, and the API lists the
//! request as overdue from that day.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use chrono::NaiveDate;
use common::{agent, body, csrf_of, form_post, page_get, session_cookie, start_server_with, token};

fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

/// Received Wed 10.12.2025: statutory day Wed 24.12.2025, moved under 150/1930 §5 to Mon
/// 29.12.2025. Today (a real day after 29.12.2025) it is late, counted from 24.12.2025.
#[test]
fn a_request_is_late_from_its_statutory_day_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");

    let (status, queue) = page_get(&agent, base, &cookie, "/ui/requests");
    assert_eq!(status, 200);
    let (status, location, _) = form_post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf_of(&queue)),
            ("kind", "publicity"),
            ("received", "2025-12-10"),
            ("requester", "Toimittaja Tiina Tutkiva"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let id = location
        .trim_start_matches("/ui/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let days_late = (today() - NaiveDate::from_ymd_opt(2025, 12, 24).unwrap()).num_days();
    let late = format!("myöhässä {days_late} vrk");

    // The request page: the due day is 24.12.2025, the moved day beside it, lateness in words.
    let (status, page) = page_get(&agent, base, &cookie, &format!("/ui/requests/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("Määräpäivä"), "{page}");
    assert!(
        page.contains("24.12.2025 <span class=\"muted\">(siirtyy 29.12.2025)</span>"),
        "{page}"
    );
    assert!(page.contains(&late), "days late from 24.12.2025: {late}\n{page}");

    // The overdue queue holds it, with the same words.
    let (_, overdue) = page_get(&agent, base, &cookie, "/ui/requests?queue=overdue");
    let row = overdue
        .split("<tr>")
        .find(|row| row.contains(&format!("/ui/requests/{id}\"")))
        .expect("the request in the overdue queue");
    assert!(
        row.contains("24.12.2025") && row.contains("(siirtyy 29.12.2025)"),
        "{row}"
    );
    assert!(row.contains(&late), "{row}");

    // The API's overdue list flags it on its warning day, 24.12.2025.
    let bearer = token(base, "kirjaaja", "demo-kirjaaja-2026");
    let mut response = agent
        .get(&format!("{base}/api/v1/requests?overdue=true"))
        .header("authorization", &format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    let found = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("the request among the overdue");
    assert_eq!(found["deadline"]["warn_on"], "2025-12-24");
    assert_eq!(found["deadline"]["due_moved"], "2025-12-29");
    // Sorted by warning day: nothing listed before it warns later than it.
    let warn_days: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["deadline"]["warn_on"].as_str())
        .collect();
    let mut sorted = warn_days.clone();
    sorted.sort_unstable();
    assert_eq!(warn_days, sorted);
}
