//! The breach-clock mails over a real store in a temporary folder: the GDPR Art 33(1) clock
//! runs 72 hours from awareness; a mail goes when it starts, at 48 h and at 12 h left, once per
//! (clock, threshold, recipient), also across a reopened store (a restart).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::cell::RefCell;

use chrono::{DateTime, Duration, TimeZone, Utc};
use kirjuri_incidents::{Incidents, NewIncident, Severity};
use kirjuri_notify::{Mail, Outbox, Recipient, Threshold, send_breach_alerts, threshold_reached};
use kirjuri_registry::Actor;
use kirjuri_registry::fixture::Fixture;
use kirjuri_words::Lang;

/// The SMTP server as the scheduler sees it: what it accepted (or a refusal of everything).
#[derive(Default)]
struct Accepted {
    mails: RefCell<Vec<Mail>>,
    down: bool,
}

impl Outbox for Accepted {
    fn send(&self, mail: &Mail) -> Result<(), String> {
        if self.down {
            return Err("connection refused".to_owned());
        }
        self.mails.borrow_mut().push(mail.clone());
        Ok(())
    }
}

fn helsinki(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(y, m, d, hh, mm, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

const SECRET_TITLE: &str = "Asiakasluettelo lähti Virtasen Oy:lle";

fn recipients() -> Vec<Recipient> {
    vec![
        Recipient {
            name: "tietosuojavastaava".to_owned(),
            email: Some("tietosuojavastaava@kirjuri.invalid".to_owned()),
            language: Lang::Fi,
            privacy_officer: true,
        },
        Recipient {
            name: "kirjaaja".to_owned(),
            email: Some("kirjaaja@kirjuri.invalid".to_owned()),
            language: Lang::En,
            privacy_officer: false,
        },
    ]
}

#[test]
fn thresholds_of_a_dated_clock() {
    let fixture = Fixture::new();
    let registry = fixture.registry();
    let incidents = Incidents {
        registry: &registry,
        controller: "Laitilan kaupunki".to_owned(),
    };
    // Aware Tue 1.12.2026 09:00 Helsinki: the Art 33(1) deadline is Fri 4.12.2026 09:00
    // (72 hours later, an hour clock on UTC instants).
    let aware = helsinki(2026, 12, 1, 9, 0);
    let incident = incidents
        .new_incident(
            &NewIncident {
                title: SECRET_TITLE.to_owned(),
                description: None,
                aware_at: aware,
                detected_at: None,
                occurred_at: None,
                reporter: Some("tietosuojavastaava".to_owned()),
                severity: Severity::High,
                breach: true,
                nis2: false,
                nis2_significant_at: None,
                classification: Default::default(),
            },
            &Actor {
                name: "tietosuojavastaava".to_owned(),
                at: aware,
                purpose: None,
            },
        )
        .unwrap();
    let clock = &incident.clocks[0];
    assert_eq!(clock.due, helsinki(2026, 12, 4, 9, 0));
    assert_eq!(threshold_reached(clock, aware), Some(Threshold::Start));
    // 48 h left: Wed 2.12. 09:00; a minute before, still only the start.
    assert_eq!(
        threshold_reached(clock, helsinki(2026, 12, 2, 8, 59)),
        Some(Threshold::Start)
    );
    assert_eq!(
        threshold_reached(clock, helsinki(2026, 12, 2, 9, 0)),
        Some(Threshold::Left48h)
    );
    // 12 h left: Thu 3.12. 21:00.
    assert_eq!(
        threshold_reached(clock, helsinki(2026, 12, 3, 20, 59)),
        Some(Threshold::Left48h)
    );
    assert_eq!(
        threshold_reached(clock, helsinki(2026, 12, 3, 21, 0)),
        Some(Threshold::Left12h)
    );
    // Past the deadline: no more immediate mails (the digest lists it as overdue).
    assert_eq!(threshold_reached(clock, helsinki(2026, 12, 4, 9, 0)), None);

    // The start: the privacy officer (the only recipient: nobody is assigned yet), in Finnish,
    // with the public title only.
    let outbox = Accepted::default();
    let round = send_breach_alerts(
        &registry,
        &recipients(),
        "https://kirjuri.laitila.invalid/",
        &outbox,
        aware + Duration::minutes(1),
    )
    .unwrap();
    assert_eq!((round.sent, round.failed), (1, 0));
    let start = outbox.mails.borrow()[0].clone();
    assert_eq!(start.to, "tietosuojavastaava@kirjuri.invalid");
    assert!(
        start
            .subject
            .starts_with("Henkilötietojen tietoturvaloukkaus: 72 tunnin"),
        "{}",
        start.subject
    );
    assert!(start.text.contains("4.12.2026 klo 09.00"), "{}", start.text);
    assert!(
        start
            .text
            .contains(&format!("https://kirjuri.laitila.invalid/ui/incidents/{}", incident.id))
    );
    assert!(
        !start.text.contains(SECRET_TITLE) && !start.subject.contains(SECRET_TITLE),
        "{}",
        start.text
    );
    // The same minute again, or an hour later: sent once.
    let again = send_breach_alerts(
        &registry,
        &recipients(),
        "https://x.invalid",
        &outbox,
        aware + Duration::hours(1),
    )
    .unwrap();
    assert_eq!(again.sent, 0);

    // The server is down at 48 h left: nothing is marked, the next round sends it.
    let down = Accepted {
        down: true,
        ..Accepted::default()
    };
    let at_48 = helsinki(2026, 12, 2, 9, 5);
    let failed = send_breach_alerts(&registry, &recipients(), "https://x.invalid", &down, at_48).unwrap();
    assert_eq!((failed.sent, failed.failed), (0, 1));
    let retried = send_breach_alerts(&registry, &recipients(), "https://x.invalid", &outbox, at_48).unwrap();
    assert_eq!(retried.sent, 1);
    assert!(outbox.mails.borrow()[1].subject.contains("48 tuntia"));
    assert_eq!(kirjuri_notify::sent::all_sent(registry.store).unwrap().len(), 2);
}

#[test]
fn sent_once_across_a_restart() {
    let fixture = Fixture::new();
    let aware = helsinki(2026, 12, 1, 9, 0);
    {
        let registry = fixture.registry();
        let incidents = Incidents {
            registry: &registry,
            controller: String::new(),
        };
        incidents
            .new_incident(
                &NewIncident {
                    title: SECRET_TITLE.to_owned(),
                    description: None,
                    aware_at: aware,
                    detected_at: None,
                    occurred_at: None,
                    reporter: None,
                    severity: Severity::High,
                    breach: true,
                    nis2: false,
                    nis2_significant_at: None,
                    classification: Default::default(),
                },
                &Actor {
                    name: "tietosuojavastaava".to_owned(),
                    at: aware,
                    purpose: None,
                },
            )
            .unwrap();
        // 12 h left (Thu 3.12.2026 21:30): only the 12-hour mail, not three.
        let outbox = Accepted::default();
        let round = send_breach_alerts(
            &registry,
            &recipients(),
            "https://x.invalid",
            &outbox,
            helsinki(2026, 12, 3, 21, 30),
        )
        .unwrap();
        assert_eq!(round.sent, 1);
        assert!(outbox.mails.borrow()[0].subject.contains("12 tuntia"));
    }
    // A restarted scheduler (nothing in memory, only the store) a minute later sends nothing.
    let registry = fixture.registry();
    let restarted = Accepted::default();
    let round = send_breach_alerts(
        &registry,
        &recipients(),
        "https://x.invalid",
        &restarted,
        helsinki(2026, 12, 3, 21, 31),
    )
    .unwrap();
    assert_eq!(round.sent, 0);
    assert!(restarted.mails.borrow().is_empty());
    assert_eq!(kirjuri_notify::sent::all_sent(registry.store).unwrap().len(), 1);
}
