//! Incidents, breaches, the Art 30 register and processor agreements end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri, repo_root};

fn clock<'a>(incident: &'a serde_json::Value, kind: &str) -> &'a serde_json::Value {
    incident["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} clock: {incident}"))
}

#[test]
fn breach_from_awareness_to_notification() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let incident = json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2025-03-07T16:20",
            "--title",
            "Hakijatiedot väärälle",
            "--breach",
            "--json",
        ],
    );
    assert!(incident["diary_number"].as_str().unwrap().contains("/07.00.01/"));
    assert_eq!(
        clock(&incident, "ombudsman-72h")["due"],
        "2025-03-10T14:20:00Z",
        "72 h elapsed, no weekend roll"
    );

    // No risk: registered, clock cancelled, the reason kept.
    let none = json(
        &data,
        &[
            "incident",
            "assess",
            "inc-1",
            "--risk",
            "none",
            "--rationale",
            "salattu liite",
            "--json",
        ],
    );
    assert!(clock(&none, "ombudsman-72h")["cancelled"].is_string());
    assert_eq!(none["breach"]["not_notified_reason"], "salattu liite");
    // Re-assessed as high risk: the clock comes back and the subjects' clock starts.
    let high = json(
        &data,
        &[
            "incident",
            "assess",
            "inc-1",
            "--risk",
            "high",
            "--rationale",
            "avain vuoti",
            "--people",
            "12",
            "--identity-codes",
            "--json",
        ],
    );
    let open_ombudsman = high["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "ombudsman-72h" && c["cancelled"].is_null())
        .count();
    assert_eq!(open_ombudsman, 1);
    assert!(clock(&high, "subject-communication")["cancelled"].is_null());
    assert_eq!(
        high["breach"]["assessments"].as_array().unwrap().len(),
        2,
        "assessments are kept, never edited"
    );

    let late = kirjuri(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "preliminary",
            "--sent-at",
            "2025-03-10T17:00",
        ],
    );
    assert_eq!(late.code, 2);
    assert!(late.stderr.contains("--late-reason"), "{}", late.stderr);
    let supplementary_first = kirjuri(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "supplementary",
            "--sent-at",
            "2025-03-10T12:00",
        ],
    );
    assert_eq!(supplementary_first.code, 2);
    let notified = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "preliminary",
            "--sent-at",
            "2025-03-10T12:00",
            "--reference",
            "TSV/1/2025",
            "--json",
        ],
    );
    assert_eq!(notified["notifications"][0]["on_time"], true);
    assert_eq!(
        notified["notifications"][0]["content_snapshot"]["5_subjects_and_data"]["approx_people"],
        12
    );
    let informed = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "subjects-informed",
            "--sent-at",
            "2025-03-11T09:00",
            "--json",
        ],
    );
    assert!(clock(&informed, "subject-communication")["met_by"].is_string());

    let draft = kirjuri(&data, &["incident", "notification-draft", "inc-1", "--format", "md"]);
    assert_eq!(draft.code, 0);
    assert!(
        draft.stdout.contains("Laitilan kaupunki") && draft.stdout.contains("supplementary"),
        "{}",
        draft.stdout
    );
    let draft_json = json(&data, &["incident", "notification-draft", "inc-1", "--format", "json"]);
    assert_eq!(draft_json["1_previous_notice"]["reference_no"], "TSV/1/2025");

    let closing = kirjuri(&data, &["incident", "transition", "inc-1", "closed"]);
    assert_eq!(closing.code, 2);
    for state in ["containment", "recovery", "post-incident"] {
        json(&data, &["incident", "transition", "inc-1", state, "--json"]);
    }
    assert_eq!(
        kirjuri(&data, &["incident", "transition", "inc-1", "closed"]).code,
        2,
        "root cause first"
    );
    assert_eq!(
        kirjuri(
            &data,
            &[
                "incident",
                "record",
                "inc-1",
                "--root-cause",
                "automaattitäydennys",
                "--task",
                "Ohjeistus",
                "--due",
                "2025-04-01"
            ]
        )
        .code,
        0
    );
    json(&data, &["incident", "transition", "inc-1", "closed", "--json"]);
}

#[test]
fn nis2_clocks_are_opt_in_and_a_log_investigation_links() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let plain = json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2025-05-19T10:00",
            "--title",
            "Vesilaitoksen ohjausjärjestelmä",
            "--json",
        ],
    );
    assert!(plain["clocks"].as_array().unwrap().is_empty(), "no clocks by default");
    let nis2 = json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2025-05-19T10:00",
            "--detected-at",
            "2025-05-19T09:00",
            "--title",
            "Vesilaitos",
            "--nis2",
            "--json",
        ],
    );
    assert_eq!(clock(&nis2, "nis2-early-warning")["due"], "2025-05-20T06:00:00Z");
    assert_eq!(clock(&nis2, "nis2-notification")["due"], "2025-05-22T06:00:00Z");
    let notified = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-2",
            "--phase",
            "notification",
            "--sent-at",
            "2025-05-20T12:00",
            "--json",
        ],
    );
    let final_report = clock(&notified, "nis2-final");
    assert_eq!(
        final_report["due_day"],
        serde_json::json!(["2025-06-20", "2025-06-20"]),
        "one month; Midsummer Eve is a working day under 1182/71 (like Christmas Eve)"
    );
    assert_eq!(
        kirjuri(&data, &["incident", "notify", "inc-1", "--phase", "early-warning"]).code,
        2,
        "not a NIS2 incident"
    );

    json(
        &data,
        &[
            "request",
            "new",
            "log-investigation",
            "--received",
            "2025-05-01",
            "--requester",
            "Esihenkilö",
            "--origin",
            "manager",
            "--json",
        ],
    );
    assert_eq!(
        kirjuri(&data, &["incident", "record", "inc-1", "--request", "req-1"]).code,
        0
    );
    let linked = json(&data, &["incident", "show", "inc-1", "--json"]);
    assert_eq!(linked["linked_requests"][0], "req-1");
    let overdue = json(&data, &["incident", "list", "--overdue", "--json"]);
    assert_eq!(
        overdue.as_array().unwrap().len(),
        1,
        "inc-2's early warning and notification are past due"
    );
}

#[test]
fn registers_and_processor_agreements_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fixtures = repo_root().join("fixtures/demo");
    let registers = fixtures.join("registers.csv");
    let agreements = fixtures.join("agreements.csv");
    let run = kirjuri(
        &data,
        &[
            "register",
            "import",
            "--registers",
            registers.to_str().unwrap(),
            "--agreements",
            agreements.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());

    let check = json(&data, &["register", "check", "--json"]);
    let by_id: std::collections::BTreeMap<String, serde_json::Value> = check
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c.clone()))
        .collect();
    assert_eq!(by_id["palaute"]["missing_art30"], serde_json::json!(["d", "g"]));
    assert_eq!(by_id["hr"]["lacks_dpia"], true);
    assert!(!by_id.contains_key("vaka"), "a complete entry is not listed");

    let missing = json(&data, &["processor", "list", "--missing", "--json"]);
    let names: Vec<&str> = missing
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m[0].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["Populus Palvelut Oy", "Webropol Oy"],
        "expired agreement and no agreement"
    );
    let due = json(&data, &["processor", "list", "--review-due", "0", "--json"]);
    assert_eq!(due.as_array().unwrap().len(), 2);

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&registers)
            .unwrap()
            .replace(",yes,no,Kela", ",joo,no,Kela"),
    )
    .unwrap();
    let run = kirjuri(&data, &["register", "import", "--registers", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad.csv:2: column `special_categories`: `joo` is not yes/no"),
        "{}",
        run.stderr
    );
}

/// GDPR Art 33(1), EDPB Guidelines 9/2022: detected Mon 2.3.2026 09:00 Helsinki, found to be a
/// breach on Thu 5.3.2026 with awareness of personal data at 14:00 → the 72 hours are due Sun
/// 8.3.2026 14:00 Helsinki (no weekend roll), not Thu 5.3.2026 09:00; a notice on Sat 7.3.2026
/// is on time. A corrected moment needs its reason and is kept.
#[test]
fn a_breach_found_later_counts_from_awareness_of_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2026-03-02T09:00",
            "--title",
            "Tiedostopalvelimen murto",
            "--json",
        ],
    );
    let marked = kirjuri(
        &data,
        &["incident", "breach", "inc-1", "--aware-at", "2026-03-05T14:00"],
    );
    assert_eq!(marked.code, 0, "{}", marked.all());
    assert!(
        marked.stdout.contains("breach aware 2026-03-05 14:00 EET"),
        "{}",
        marked.stdout
    );
    assert!(marked.stdout.contains("due 2026-03-08 14:00 EET"), "{}", marked.stdout);
    let shown = json(&data, &["incident", "show", "inc-1", "--json"]);
    assert_eq!(shown["breach"]["personal_data_aware_at"], "2026-03-05T12:00:00Z");
    assert_eq!(clock(&shown, "ombudsman-72h")["due"], "2026-03-08T12:00:00Z");
    let notified = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "preliminary",
            "--sent-at",
            "2026-03-07T10:00",
            "--json",
        ],
    );
    assert_eq!(notified["notifications"][0]["on_time"], true);

    // A moment before detection is refused, naming the field.
    let early = kirjuri(
        &data,
        &[
            "incident",
            "breach-awareness",
            "inc-1",
            "--aware-at",
            "2026-03-01T12:00",
            "--reason",
            "väärä",
        ],
    );
    assert_ne!(early.code, 0);
    assert!(early.all().contains("--aware-at cannot be before"), "{}", early.all());
    let blank = kirjuri(
        &data,
        &[
            "incident",
            "breach-awareness",
            "inc-1",
            "--aware-at",
            "2026-03-05T13:00",
            "--reason",
            " ",
        ],
    );
    assert_ne!(blank.code, 0);
    assert!(blank.all().contains("reason"), "{}", blank.all());
    let changed = kirjuri(
        &data,
        &[
            "incident",
            "breach-awareness",
            "inc-1",
            "--aware-at",
            "2026-03-05T13:00",
            "--reason",
            "lokin aikaleima tarkentui",
        ],
    );
    assert_eq!(changed.code, 0, "{}", changed.all());
    assert!(
        changed.stdout.contains("was          2026-03-05 14:00 EET"),
        "{}",
        changed.stdout
    );
    let shown = json(&data, &["incident", "show", "inc-1", "--json"]);
    assert_eq!(
        shown["breach"]["awareness_history"][0]["reason"],
        "lokin aikaleima tarkentui"
    );
}

/// Cybersecurity Act 124/2025 §11, opt-in: found significant Tue 10.11.2026 08:00 → early warning
/// due Wed 11.11.2026 08:00, notification due Fri 13.11.2026 08:00; the notification sent Thu
/// 12.11.2026 → final report day Sat 12.12.2026 (the alert), rolled to Mon 14.12.2026.
#[test]
fn an_incident_found_significant_later_runs_its_nis2_clocks_from_then() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2026-11-09T15:00",
            "--title",
            "Vesilaitoksen ohjausjärjestelmän häiriö",
            "--json",
        ],
    );
    let marked = kirjuri(
        &data,
        &["incident", "nis2", "inc-1", "--significant-at", "2026-11-10T08:00"],
    );
    assert_eq!(marked.code, 0, "{}", marked.all());
    assert!(
        marked.stdout.contains("significant  2026-11-10 08:00 EET"),
        "{}",
        marked.stdout
    );
    assert!(
        marked
            .stdout
            .contains("nis2-early-warning     due 2026-11-11 08:00 EET"),
        "{}",
        marked.stdout
    );
    assert!(
        marked
            .stdout
            .contains("nis2-notification      due 2026-11-13 08:00 EET"),
        "{}",
        marked.stdout
    );
    let notified = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "notification",
            "--sent-at",
            "2026-11-12T10:00",
            "--json",
        ],
    );
    assert_eq!(notified["nis2_significant_at"], "2026-11-10T06:00:00Z");
    let last = clock(&notified, "nis2-final");
    assert_eq!(last["due_day"], serde_json::json!(["2026-12-12", "2026-12-14"]));
    assert_eq!(
        last["due"], "2026-12-12T22:00:00Z",
        "the alert at the end of the unrolled Saturday"
    );
}

/// NIS2 from the start and the authority's intermediate report (Cybersecurity Act 124/2025 §11,
/// NIS2 Art 23(4)(c)): registered with NIS2 on, detected Mon 9.11.2026 15:00 and found significant
/// Tue 10.11.2026 08:00 → early warning due Wed 11.11.2026 08:00; the notification sent Thu
/// 12.11.2026; NCSC-FI asks on Fri 20.11.2026 for an intermediate report by Fri 27.11.2026 (a
/// clock to the end of that day); sent Thu 26.11.2026 → on time.
#[test]
fn nis2_from_registration_and_the_authoritys_intermediate_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let new = json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2026-11-09T15:00",
            "--title",
            "Vesilaitoksen ohjausjärjestelmän häiriö",
            "--nis2",
            "--nis2-significant-at",
            "2026-11-10T08:00",
            "--json",
        ],
    );
    assert_eq!(new["nis2_significant_at"], "2026-11-10T06:00:00Z");
    assert_eq!(clock(&new, "nis2-early-warning")["due"], "2026-11-11T06:00:00Z");
    assert_eq!(clock(&new, "nis2-notification")["due"], "2026-11-13T06:00:00Z");
    json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "notification",
            "--sent-at",
            "2026-11-12T10:00",
            "--json",
        ],
    );
    let backwards = kirjuri(
        &data,
        &[
            "incident",
            "nis2-request",
            "inc-1",
            "--asked-on",
            "2026-11-20",
            "--due-on",
            "2026-11-19",
            "--what",
            "Tilannepäivitys",
        ],
    );
    assert_eq!(backwards.code, 2, "{}", backwards.all());
    assert!(backwards.stderr.contains("--due-on"), "{}", backwards.all());
    let asked = kirjuri(
        &data,
        &[
            "incident",
            "nis2-request",
            "inc-1",
            "--asked-on",
            "2026-11-20",
            "--due-on",
            "2026-11-27",
            "--what",
            "Tilannepäivitys: vaikutus vedenjakeluun",
        ],
    );
    assert_eq!(asked.code, 0, "{}", asked.all());
    assert!(
        asked.stdout.contains("nis2-intermediate      due 2026-11-28 00:00 EET"),
        "{}",
        asked.stdout
    );
    let reported = json(
        &data,
        &[
            "incident",
            "notify",
            "inc-1",
            "--phase",
            "intermediate",
            "--sent-at",
            "2026-11-26T14:00",
            "--json",
        ],
    );
    let last = reported["notifications"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["phase"], "intermediate");
    assert_eq!(last["on_time"], true);
    assert_eq!(last["authority"], "NCSC-FI");
    assert!(clock(&reported, "nis2-intermediate")["met_by"].is_string());
    assert_eq!(reported["nis2_report_requests"][0]["due_on"], "2026-11-27");
}

/// Chapter 3.4's classification from the command line: a category at registration (aware
/// 3.3.2025), the cause and outcome added on their own later, the category kept; an unknown
/// word refused naming the flag, nothing written; the report of 2025 counts the incident by
/// its category.
#[test]
fn an_incident_is_classified_at_registration_and_later() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let incident = json(
        &data,
        &[
            "incident",
            "new",
            "--aware-at",
            "2025-03-03T09:00",
            "--title",
            "Kirje väärään osoitteeseen",
            "--breach",
            "--category",
            "misdelivery",
            "--json",
        ],
    );
    assert_eq!(incident["classification"]["category"], "misdelivery");
    assert!(incident["classification"]["cause"].is_null());
    let classified = json(
        &data,
        &[
            "incident",
            "classify",
            "inc-1",
            "--cause",
            "human-error",
            "--outcome",
            "contained",
            "--json",
        ],
    );
    assert_eq!(
        classified["classification"],
        serde_json::json!({ "category": "misdelivery", "cause": "human-error", "outcome": "contained" })
    );
    let refused = kirjuri(&data, &["incident", "classify", "inc-1", "--category", "virus"]);
    assert_ne!(refused.code, 0);
    assert!(
        refused.all().contains("--category") && refused.all().contains("virus"),
        "{}",
        refused.all()
    );
    let shown = kirjuri(&data, &["incident", "show", "inc-1"]);
    assert!(
        shown
            .stdout
            .contains("category  misdelivery  cause human-error  outcome contained"),
        "{}",
        shown.stdout
    );
    let audit = kirjuri(&data, &["audit", "export"]);
    assert_eq!(
        audit.stdout.matches("\"incident.classify\"").count(),
        1,
        "{}",
        audit.stdout
    );

    let report = json(&data, &["report", "--year", "2025", "--format", "json"]);
    let security = report["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "security")
        .unwrap();
    let by_category = security["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "incidents_by_category")
        .unwrap();
    let misdelivery = by_category["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row[0]["word"]["en"] == "wrong recipient")
        .unwrap();
    assert_eq!(misdelivery[1]["number"], 1.0);
}

/// `register history`: the CSV import's `valid_from` loads last year's state under today's (GDPR
/// Art 30; a day is from 00:00 Finnish time), and the entry's versions are listed oldest first
/// with when each took effect, who and what changed.
#[test]
fn register_history_lists_the_dated_versions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let registers = dir.path().join("registers.csv");
    let header = "id,name,controller,department,dpo_contact,purposes,subject_categories,data_categories,special_categories,criminal_data,recipients,transfers,erasure_classes,security_measures,legal_basis,dpia,systems,processors,active,valid_from\n";
    let row = |active: &str, valid_from: &str| {
        format!(
            "vaka,Varhaiskasvatus,Laitilan kaupunki,sivistystoimi,tsv@laitila.fi,varhaiskasvatus,lapset,yhteystiedot,no,no,Kela,ei siirtoja,12 01 01,lokitus,6(1)(c),,Daisy,Daisy Oy,{active},{valid_from}\n"
        )
    };
    std::fs::write(
        &registers,
        format!("{header}{}{}", row("yes", "2025-01-01"), row("no", "2026-06-15")),
    )
    .unwrap();
    let run = kirjuri(
        &data,
        &["register", "import", "--registers", registers.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.all());

    let run = kirjuri(&data, &["register", "history", "vaka"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "vaka  2 versions", "{}", run.stdout);
    // 1.1.2025 00:00 Helsinki (UTC+2); 15.6.2026 00:00 Helsinki (summer time, UTC+3).
    assert!(
        lines[1].contains("2025-01-01T00:00:00+02:00") && lines[1].contains("first recorded state"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].contains("2026-06-15T00:00:00+03:00")
            && lines[2].contains("inactive")
            && lines[2].ends_with("changed: active"),
        "{}",
        run.stdout
    );
    let versions = json(&data, &["register", "history", "vaka", "--json"]);
    assert_eq!(versions[1]["valid_from"], "2026-06-14T21:00:00Z");

    let run = kirjuri(&data, &["register", "history", "ei-ole"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("register ei-ole not found"), "{}", run.stderr);

    // An agreement signed on 1.3.2026 and terminated on 1.10.2026 (Art 28): two versions.
    let agreements = dir.path().join("agreements.csv");
    std::fs::write(
        &agreements,
        "id,processor,registers,signed_on,starts_on,ends_on,review_due,state,owner,checklist,valid_from
         kas-1,Daisy Oy,vaka,2026-03-01,2026-03-01,,,active,sivistystoimi,security,2026-03-01
         kas-1,Daisy Oy,vaka,2026-03-01,2026-03-01,,,terminated,sivistystoimi,security,2026-10-01
",
    )
    .unwrap();
    let run = kirjuri(
        &data,
        &["register", "import", "--agreements", agreements.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let run = kirjuri(&data, &["processor", "history", "kas-1"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[1].contains("2026-03-01T00:00:00+02:00") && lines[1].contains(" active "),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].contains("2026-10-01T00:00:00+03:00") && lines[2].contains("terminated  changed: state"),
        "{}",
        run.stdout
    );
}
