//! `kirjuri deadline` end to end, with the worked examples of DOMAIN.md §5.10.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::kirjuri;

fn deadline(args: &[&str]) -> serde_json::Value {
    let data = tempfile::tempdir().unwrap();
    let mut all = vec!["deadline"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = kirjuri(data.path(), &all);
    assert_eq!(run.code, 0, "{}", run.all());
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn day_rules_carry_statutory_and_moved_days() {
    let gdpr = deadline(&["gdpr", "--from", "2025-02-15"]);
    assert_eq!(
        (gdpr["rule"].as_str(), gdpr["from"].as_str()),
        (Some("gdpr"), Some("2025-02-15"))
    );
    assert_eq!(
        (gdpr["due"].as_str(), gdpr["due_moved"].as_str()),
        (Some("2025-03-15"), Some("2025-03-17"))
    );

    let unmoved = deadline(&["gdpr", "--from", "2025-01-31"]);
    assert_eq!(unmoved["due"], unmoved["due_moved"]);
    assert_eq!(unmoved["due"], "2025-02-28");

    let publicity = deadline(&["publicity", "--from", "2025-12-10"]);
    assert_eq!(
        (publicity["due"].as_str(), publicity["due_moved"].as_str()),
        (Some("2025-12-24"), Some("2025-12-29"))
    );
    assert_eq!(publicity["warn_on"], "2025-12-24");

    let extended = deadline(&[
        "gdpr-extended",
        "--from",
        "2025-01-31",
        "--justification",
        "complex request",
    ]);
    assert_eq!(extended["due"], "2025-04-28");
    assert_eq!(extended["extension"]["receipt_plus_three_months"], "2025-04-30");

    // A date-time start of a day rule counts from its Helsinki date.
    let late_evening = deadline(&["gdpr", "--from", "2025-01-31T23:30:00Z"]);
    assert_eq!(
        late_evening["from"], "2025-02-01",
        "23:30 UTC is already 1 February in Helsinki"
    );
}

#[test]
fn hour_rules_are_rfc3339_with_offset() {
    let breach = deadline(&["breach-72h", "--from", "2025-03-07T16:20"]);
    assert_eq!(breach["due"], "2025-03-10T16:20:00+02:00");
    let nis2 = deadline(&["nis2-early-warning", "--from", "2025-03-29T10:00:00+02:00"]);
    assert_eq!(
        nis2["due"], "2025-03-30T11:00:00+03:00",
        "24 h across the spring change"
    );
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let data = tempfile::tempdir().unwrap();
    let unknown = kirjuri(data.path(), &["deadline", "gdpr-2m", "--from", "2025-01-01"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("unknown rule `gdpr-2m`, expected one of: publicity"),
        "{}",
        unknown.stderr
    );
    let no_time = kirjuri(data.path(), &["deadline", "breach-72h", "--from", "2025-03-07"]);
    assert_eq!(no_time.code, 2);
    assert!(no_time.stderr.contains("needs a date and time"));
    let bad_date = kirjuri(data.path(), &["deadline", "gdpr", "--from", "31.1.2025"]);
    assert_eq!(bad_date.code, 2);
    assert!(bad_date.stderr.contains("`31.1.2025` is not a date"));
}
