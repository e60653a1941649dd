//! Publicity Act 621/1999 §14(3) end to end with the real binary: a referral starts the
//! decision clock with the target of the data folder's `[publicity]` settings, and the decision
//! carries appeal instructions naming the configured court, shown by `request show` and stored
//! as a document of the request's case.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri};

/// A data folder whose config sets a 10-day decision target and the court of Eastern Finland.
fn data_with_settings(dir: &std::path::Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("config.toml"),
        "organisation = \"Kuopion kaupunki\"\ndiary_prefix = \"KUO\"\ndefault_department = \"hallintotoimi\"\n\n\
         [publicity]\ndecision_target_days = 10\nappeal_court = \"Itä-Suomen hallinto-oikeus\"\n",
    )
    .unwrap();
    data
}

/// Received today and refused today; the referral requested today starts a 10-day target
/// (today + 10 calendar days); the decision issued today is on time and names the court.
#[test]
fn the_decision_after_a_referral_has_a_target_and_appeal_instructions() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_settings(dir.path());
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let received = today.format("%Y-%m-%d").to_string();
    json(
        &data,
        &[
            "request",
            "new",
            "publicity",
            "--received",
            &received,
            "--requester",
            "Toimittaja",
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
            "refused",
            "--legal-basis",
            "JulkL 24 § 1 mom 25 kohta",
            "--json",
        ],
    );
    json(&data, &["request", "transition", "req-1", "referral-offered", "--json"]);
    let requested = json(
        &data,
        &["request", "transition", "req-1", "referral-requested", "--json"],
    );
    let target = (today + chrono::Days::new(10)).format("%Y-%m-%d").to_string();
    assert_eq!(requested["referral"]["target"]["due"], target.as_str());
    assert_eq!(requested["referral"]["target"]["days"], 10);

    let decided = json(
        &data,
        &[
            "request",
            "transition",
            "req-1",
            "decision-issued",
            "--legal-basis",
            "JulkL 24 § 1 mom 25 kohta",
            "--json",
        ],
    );
    let appeal = &decided["referral"]["appeal"];
    assert_eq!(appeal["court"], "Itä-Suomen hallinto-oikeus");
    assert_eq!(appeal["court_sv"], "Åbo förvaltningsdomstol", "the default");
    assert_eq!(appeal["appeal_days"], 30);
    let document = appeal["document_id"].as_str().unwrap().to_owned();

    let shown = kirjuri(&data, &["request", "show", "req-1"]);
    assert_eq!(shown.code, 0, "{}", shown.all());
    assert!(
        shown.stdout.contains(&format!("decision target {target} (10 days)")),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("(on time against the target)"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains(&format!(
            "to Itä-Suomen hallinto-oikeus within 30 days (document {document})"
        )),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("Valitusviranomainen: Itä-Suomen hallinto-oikeus"),
        "{}",
        shown.stdout
    );

    // The decision is a document of the request's case.
    let case = json(
        &data,
        &["case", "show", decided["diary_number"].as_str().unwrap(), "--json"],
    );
    let documents = case["documents"].as_array().unwrap();
    assert!(documents.iter().any(|d| d["id"] == document.as_str()), "{case}");
}
