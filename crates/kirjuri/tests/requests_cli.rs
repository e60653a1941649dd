//! Information requests end to end: logging, deadlines with history, lifecycle rules,
//! extension and pause, lists, statistics and a log investigation from the audit trail.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri};

#[test]
fn gdpr_request_from_receipt_to_decision() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let request = json(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--received",
            "2025-02-15T10:00",
            "--requester",
            "Matti Virtanen",
            "--assignee",
            "liisa",
            "--json",
        ],
    );
    assert_eq!(request["id"], "req-1");
    assert!(
        request["diary_number"].as_str().unwrap().starts_with("LAI/1/07.00.03/"),
        "opened in the plan's class"
    );
    assert_eq!(request["deadline"]["due"], "2025-03-15");
    assert_eq!(request["deadline"]["due_moved"], "2025-03-17");
    assert_eq!(request["deadline"]["rule"], "gdpr");
    let case = json(
        &data,
        &["case", "show", request["diary_number"].as_str().unwrap(), "--json"],
    );
    assert_eq!(case["case"]["parties"][0], "Matti Virtanen");

    let refused = kirjuri(&data, &["request", "transition", "req-1", "granted"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("it can move to identity-check, clarification, in-progress, withdrawn, duplicate"),
        "{}",
        refused.stderr
    );
    json(&data, &["request", "transition", "req-1", "identity-check", "--json"]);
    // GDPR 12(6): in-progress only after the identity is verified.
    let unverified = kirjuri(&data, &["request", "transition", "req-1", "in-progress"]);
    assert_eq!(unverified.code, 2, "{}", unverified.all());
    assert!(
        unverified.stderr.contains("identity is verified"),
        "{}",
        unverified.stderr
    );
    let verified = kirjuri(
        &data,
        &["request", "verify-identity", "req-1", "--method", "strong-electronic"],
    );
    assert_eq!(verified.code, 0, "{}", verified.all());
    assert!(
        verified.stdout.contains("identity verified by strong-electronic"),
        "{}",
        verified.stdout
    );
    json(&data, &["request", "transition", "req-1", "in-progress", "--json"]);
    let late = kirjuri(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "extended",
            "--reason",
            "laaja",
            "--told-on",
            "2025-03-18",
        ],
    );
    assert_eq!(late.code, 2);
    assert!(late.stderr.contains("must be told of an extension by 2025-03-17"));
    let no_reason = kirjuri(&data, &["request", "transition", "req-1", "extended"]);
    assert_eq!(no_reason.code, 2);
    let extended = json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "extended",
            "--reason",
            "laaja pyyntö",
            "--told-on",
            "2025-03-17",
            "--json",
        ],
    );
    assert_eq!(
        extended["deadline"]["due"], "2025-05-15",
        "the earlier reading, never chained from the rolled day"
    );
    let history = extended["deadline_history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "absolute deadlines are kept with their history");
    assert_eq!(history[0]["due"], "2025-03-15");

    let no_basis = kirjuri(&data, &["request", "transition", "req-1", "refused"]);
    assert_eq!(no_basis.code, 2);
    assert!(no_basis.stderr.contains("needs its legal basis"));
    // A partial refusal tells of the right to complain too (GDPR 12(4)).
    let unconfirmed = kirjuri(&data, &["request", "transition", "req-1", "partly-granted"]);
    assert_eq!(unconfirmed.code, 2, "{}", unconfirmed.all());
    let decided = json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "partly-granted",
            "--complaint-rights-told",
            "--json",
        ],
    );
    assert!(decided["decided_on"].is_string());
    let again = kirjuri(&data, &["request", "transition", "req-1", "granted"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("it can move to no other state"),
        "{}",
        again.stderr
    );
}

#[test]
fn publicity_request_refusal_path_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let request = json(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--received",
            "2025-12-10",
            "--anonymous",
            "--json",
        ],
    );
    assert_eq!(request["requester"], serde_json::Value::Null);
    assert_eq!(
        (
            request["deadline"]["due"].as_str(),
            request["deadline"]["due_moved"].as_str()
        ),
        (Some("2025-12-24"), Some("2025-12-29"))
    );
    let anonymous_gdpr = kirjuri(
        &data,
        &[
            "request",
            "new",
            "gdpr-erasure",
            "--received",
            "2025-12-10",
            "--anonymous",
        ],
    );
    assert_eq!(anonymous_gdpr.code, 2);

    json(&data, &["request", "transition", "req-1", "in-progress", "--json"]);
    let no_justification = kirjuri(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "extended",
            "--reason",
            "paljon asiakirjoja",
        ],
    );
    assert_eq!(no_justification.code, 2);
    assert!(no_justification.stderr.contains("--justification"));
    // Publicity Act §14(4): the two weeks of 10.12.2025 ended on 24.12.2025, so the one-month
    // track can no longer be chosen (today is later); the error names the day.
    let too_late = kirjuri(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "extended",
            "--reason",
            "paljon asiakirjoja",
            "--justification",
            "large-volume",
        ],
    );
    assert_eq!(too_late.code, 2, "{}", too_late.all());
    assert!(
        too_late.stderr.contains("2025-12-24 (24.12.2025)"),
        "{}",
        too_late.stderr
    );
    json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "refused",
            "--legal-basis",
            "JulkL 24 § 1 mom 32 kohta",
            "--json",
        ],
    );
    for state in ["referral-offered", "referral-requested"] {
        json(&data, &["request", "transition", "req-1", state, "--json"]);
    }
    let no_basis = kirjuri(&data, &["request", "transition", "req-1", "decision-issued"]);
    assert_eq!(no_basis.code, 2);
    json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "decision-issued",
            "--legal-basis",
            "JulkL 24 § 1 mom 32 kohta",
            "--json",
        ],
    );
    json(&data, &["request", "transition", "req-1", "appealed", "--json"]);

    // Lists: an old open request is overdue; a new one is due within its weeks.
    json(
        &data,
        &[
            "request",
            "new",
            "gdpr-objection",
            "--received",
            "2024-01-10",
            "--requester",
            "A",
            "--json",
        ],
    );
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let fresh = today.format("%Y-%m-%d").to_string();
    json(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--received",
            &fresh,
            "--requester",
            "B",
            "--assignee",
            "liisa",
            "--json",
        ],
    );
    let overdue = json(&data, &["request", "list", "--overdue", "--json"]);
    let ids: Vec<&str> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["req-2"], "decided requests are not overdue");
    let soon = json(&data, &["request", "list", "--due-within", "20", "--json"]);
    assert!(soon.as_array().unwrap().iter().any(|r| r["id"] == "req-3"));
    let mine = json(&data, &["request", "list", "--assignee", "liisa", "--json"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    // Received today: within its two weeks the one-month track may be chosen.
    json(&data, &["request", "transition", "req-3", "in-progress", "--json"]);
    let switched = json(
        &data,
        &[
            "request",
            "transition",
            "req-3",
            "extended",
            "--reason",
            "satoja asiakirjoja",
            "--justification",
            "large-volume",
            "--json",
        ],
    );
    assert_eq!(switched["deadline"]["rule"], "publicity-extended");
    let year = today.format("%Y").to_string();
    let stats = json(&data, &["request", "stats", "--year", &year, "--json"]);
    assert_eq!(stats["publicity"]["month_track_switches"]["large-volume"], 1);
    let text = kirjuri(&data, &["request", "stats", "--year", &year]);
    assert!(
        text.stdout
            .contains("switched to the one-month track: large-volume × 1"),
        "{}",
        text.stdout
    );

    let stats = json(&data, &["request", "stats", "--year", "2025", "--json"]);
    assert_eq!(stats["received_by_kind"]["publicity"], 1);
    assert_eq!(stats["extensions"], 0, "the switch after the two weeks was refused");
    assert_eq!(
        stats["refusals_by_legal_basis"]["julkl-24-1-32"], 1,
        "the refusal and the appealable decision cite the same ground: one request, counted once"
    );
    assert_eq!(stats["referrals_requested"], 1);
    assert_eq!(stats["appealable_decisions"], 1);
}

#[test]
fn pause_moves_the_deadline_with_a_recorded_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let received = (today - chrono::Days::new(3)).format("%Y-%m-%d").to_string();
    json(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--received",
            &received,
            "--requester",
            "C",
            "--json",
        ],
    );
    assert_eq!(kirjuri(&data, &["request", "pause", "req-1", "--reason", ""]).code, 2);
    assert_eq!(
        kirjuri(
            &data,
            &["request", "pause", "req-1", "--reason", "henkilöllisyys epäselvä"]
        )
        .code,
        0
    );
    assert_eq!(
        kirjuri(&data, &["request", "pause", "req-1", "--reason", "again"]).code,
        2
    );
    assert_eq!(kirjuri(&data, &["request", "resume", "req-1"]).code, 0);
    let shown = json(&data, &["request", "show", "req-1", "--json"]);
    assert_eq!(shown["pauses"][0]["reason"], "henkilöllisyys epäselvä");
    assert!(shown["pauses"][0]["to"].is_string());
    let audit = kirjuri(&data, &["audit", "export"]).stdout;
    assert!(
        audit.contains("request.pause") && audit.contains("request.resume"),
        "the pause is audited"
    );
}

#[test]
fn log_investigation_answered_from_the_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("hakemus.txt");
    std::fs::write(&file, "Varhaiskasvatushakemus").unwrap();
    let run = kirjuri(
        &data,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--class",
            "12 01 01",
            "--record-type",
            "varhaiskasvatushakemus",
            "--party",
            "Matti Virtanen",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let reader_env = [("KIRJURI_ACTOR", "virkailija.a")];
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kirjuri"))
        .args(["doc", "show", "doc-1", "--purpose", "päätöksen valmistelu"])
        .env("KIRJURI_DATA", &data)
        .envs(reader_env)
        .output()
        .unwrap();
    assert!(run.status.success());

    json(
        &data,
        &[
            "request",
            "new",
            "log-investigation",
            "--received",
            "2026-01-05",
            "--requester",
            "Matti Virtanen",
            "--json",
        ],
    );
    let not_log = json(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--received",
            "2026-01-05",
            "--requester",
            "Matti Virtanen",
            "--json",
        ],
    );
    let wrong = kirjuri(
        &data,
        &[
            "request",
            "log-report",
            not_log["id"].as_str().unwrap(),
            "--subject",
            "Matti Virtanen",
        ],
    );
    assert_eq!(wrong.code, 2);

    let report = json(
        &data,
        &[
            "request",
            "log-report",
            "req-1",
            "--subject",
            "Matti Virtanen",
            "--json",
        ],
    );
    let hits = report["report"]["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{report}");
    assert_eq!(hits[0]["purpose"], "päätöksen valmistelu");
    assert_eq!(
        hits[0]["user"],
        serde_json::Value::Null,
        "the reader's identity is withheld by default"
    );
    let document = report["document"].as_str().unwrap();
    let stored = json(&data, &["doc", "show", document, "--json"]);
    assert_eq!(stored["record_type"], "lokiselvitys");
    let out = dir.path().join("report.md");
    assert_eq!(
        kirjuri(&data, &["doc", "get", document, "--out", out.to_str().unwrap()]).code,
        0
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("päätöksen valmistelu") && !text.contains("virkailija.a"),
        "{text}"
    );

    let no_justification = kirjuri(
        &data,
        &[
            "request",
            "log-report",
            "req-1",
            "--subject",
            "Matti Virtanen",
            "--disclose-users",
        ],
    );
    assert_eq!(no_justification.code, 2);
    let disclosed = json(
        &data,
        &[
            "request",
            "log-report",
            "req-1",
            "--subject",
            "Matti Virtanen",
            "--disclose-users",
            "--justification",
            "väärinkäyttöepäily, oikeusturva",
            "--json",
        ],
    );
    assert_eq!(disclosed["report"]["hits"][0]["user"], "virkailija.a");
}

/// `request list` warns on the statutory day: received Wed 10.12.2025, due 24.12.2025, moved
/// under 150/1930 §5 to 29.12.2025; listed as late (today, after both) counted from 24.12.2025.
#[test]
fn the_list_flags_lateness_from_the_statutory_day() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    json(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--received",
            "2025-12-10",
            "--anonymous",
            "--json",
        ],
    );
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let late = (today - chrono::NaiveDate::from_ymd_opt(2025, 12, 24).unwrap()).num_days();
    let list = kirjuri(&data, &["request", "list", "--overdue"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert!(
        list.stdout
            .contains(&format!("due 2025-12-24 (moved 2025-12-29) LATE {late} d")),
        "{}",
        list.stdout
    );
}

/// GDPR Art 12(4) from the command line: received Fri 31.1.2025 → one-month day Fri 28.2.2025;
/// extended on 20.2.2025; a refusal sent on 3.3.2025 is late: warned on stderr naming 28.2.2025
/// and recorded; refusing without confirming that the person was told of their right to
/// complain to the Data Protection Ombudsman and go to court is bad input naming the flag.
#[test]
fn a_late_gdpr_refusal_is_warned_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    json(
        &data,
        &[
            "request",
            "new",
            "gdpr-access",
            "--received",
            "2025-01-31T10:00",
            "--requester",
            "Matti Virtanen",
            "--json",
        ],
    );
    json(&data, &["request", "transition", "req-1", "in-progress", "--json"]);
    json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "extended",
            "--reason",
            "laaja",
            "--told-on",
            "2025-02-20",
            "--json",
        ],
    );
    let refuse = [
        "request",
        "transition",
        "req-1",
        "refused",
        "--legal-basis",
        "GDPR 12(5)",
        "--told-on",
        "2025-03-03",
    ];
    let unconfirmed = kirjuri(&data, &refuse);
    assert_eq!(unconfirmed.code, 2, "{}", unconfirmed.all());
    assert!(
        unconfirmed.stderr.contains("complaint-rights-told"),
        "{}",
        unconfirmed.stderr
    );
    let confirmed = kirjuri(&data, &[&refuse[..], &["--complaint-rights-told", "--json"]].concat());
    assert_eq!(confirmed.code, 0, "{}", confirmed.all());
    assert!(
        confirmed.stderr.contains("warning: late refusal") && confirmed.stderr.contains("by 2025-02-28"),
        "{}",
        confirmed.stderr
    );
    let stored: serde_json::Value = serde_json::from_str(&confirmed.stdout).unwrap();
    assert_eq!(stored["gdpr_refusal"]["one_month_day"], "2025-02-28");
    assert_eq!(stored["gdpr_refusal"]["late"], true);
    assert_eq!(stored["gdpr_refusal"]["complaint_rights_told"], true);
    let stats = json(&data, &["request", "stats", "--year", "2025", "--json"]);
    assert_eq!(stats["late_gdpr_refusals"], 1, "{stats}");
}
