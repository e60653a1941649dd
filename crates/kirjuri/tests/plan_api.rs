//! Issue "A live plan": a JHS 191 plan imported and approved over the API while the service
//! runs is in force at once, without a restart; a broken file is refused with its findings and
//! stores nothing; only the archivist and the admin may do it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, kirjuri, start_server, token};

fn send(agent: &ureq::Agent, url: &str, bearer: &str, content_type: &str, payload: &[u8]) -> (u16, serde_json::Value) {
    let mut response = agent
        .post(url)
        .header("authorization", format!("Bearer {bearer}"))
        .content_type(content_type)
        .send(payload)
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap_or_default())
}

fn get(agent: &ureq::Agent, url: &str, bearer: &str) -> serde_json::Value {
    let mut response = agent
        .get(url)
        .header("authorization", format!("Bearer {bearer}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    serde_json::from_str(&body(&mut response)).unwrap()
}

#[test]
fn a_plan_imported_and_approved_over_the_api_is_in_force_without_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let xml_path = data.path().join("plan.xml");
    let run = kirjuri(
        data.path(),
        &[
            "plan",
            "export",
            "--format",
            "jhs191",
            "--full",
            "--out",
            xml_path.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let xml = std::fs::read(&xml_path).unwrap();

    let server = start_server(data.path());
    let base = &server.base;
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    for (name, role) in [("arkistonhoitaja", "archivist"), ("kirjaaja", "registrar")] {
        let user = serde_json::json!({"name": name, "role": role, "password": format!("{name}-a long passphrase")});
        let (status, answer) = send(
            &agent,
            &format!("{base}/api/v1/users"),
            &admin,
            "application/json",
            user.to_string().as_bytes(),
        );
        assert_eq!(status, 201, "{answer}");
    }
    let archivist = token(base, "arkistonhoitaja", "arkistonhoitaja-a long passphrase");
    let registrar = token(base, "kirjaaja", "kirjaaja-a long passphrase");
    let versions_url = format!("{base}/api/v1/plan/versions");

    // A registrar may neither import nor approve.
    // (A small body: the refusal comes before the body is read, and a client still writing a
    // large one may see the connection close under it.)
    let (status, answer) = send(&agent, &versions_url, &registrar, "application/xml", b"<x/>");
    assert_eq!(status, 403, "{answer}");

    let (status, imported) = send(&agent, &versions_url, &archivist, "application/xml", &xml);
    assert_eq!(status, 201, "{imported}");
    assert_eq!(imported["version"], 2, "{imported}");
    assert_eq!(imported["state"], "draft", "{imported}");
    assert!(imported["findings"].is_array(), "{imported}");

    // A broken file: 400 with findings naming the line, and no new version.
    let broken = b"<?xml version=\"1.0\"?>\n<Tos>\n  <TosTiedot>\n</Tos>\n";
    let (status, refused) = send(&agent, &versions_url, &archivist, "application/xml", broken);
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["code"], "invalid_plan", "{refused}");
    let findings = refused["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "{refused}");
    let text = findings[0]["text"].as_str().unwrap();
    assert!(text.starts_with("plan.xml:"), "{text}");
    assert!(text.contains("not well-formed XML"), "{text}");
    assert!(findings[0]["location"].is_object(), "{refused}");
    let (status, answer) = send(&agent, &versions_url, &archivist, "application/json", b"{}");
    assert_eq!(status, 400, "{answer}");
    assert_eq!(get(&agent, &versions_url, &registrar).as_array().unwrap().len(), 2);

    let approve_url = format!("{base}/api/v1/plan/versions/2/approve");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
        .to_string();
    let approval = serde_json::json!({ "valid_from": today }).to_string();
    let (status, answer) = send(
        &agent,
        &approve_url,
        &registrar,
        "application/json",
        approval.as_bytes(),
    );
    assert_eq!(status, 403, "{answer}");
    assert_eq!(
        get(&agent, &format!("{base}/api/v1/plan"), &registrar)["meta"]["version"],
        1
    );
    let (status, approved) = send(
        &agent,
        &approve_url,
        &archivist,
        "application/json",
        approval.as_bytes(),
    );
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["version"], 2, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    assert_eq!(approved["valid_from"], today.as_str(), "{approved}");

    // In force at once: the same server, no restart.
    let plan = get(&agent, &format!("{base}/api/v1/plan"), &registrar);
    assert_eq!(plan["meta"]["version"], 2, "{}", plan["meta"]);
    let (status, again) = send(
        &agent,
        &approve_url,
        &archivist,
        "application/json",
        approval.as_bytes(),
    );
    assert_eq!(status, 409, "{again}");
    drop(server);

    // Both steps are in the audit trail, once each.
    let run = kirjuri(data.path(), &["audit", "export"]);
    assert_eq!(run.code, 0, "{}", run.all());
    for action in ["plan.import", "plan.approve"] {
        let entries = run
            .stdout
            .lines()
            .filter(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["action"] == action)
            .count();
        assert_eq!(entries, 1, "{action}: {}", run.stdout);
    }
}

/// The sample plan as JHS 191 XML, exported by the binary into `data`.
fn sample_xml(data: &std::path::Path) -> String {
    let path = data.join("sample-plan.xml");
    let run = kirjuri(
        data,
        &[
            "plan",
            "export",
            "--format",
            "jhs191",
            "--full",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    std::fs::read_to_string(path).unwrap()
}

/// Security test finding: a plan whose class title held a text-direction override (or a
/// control character) was stored and served. The API refuses it with the finding and stores
/// nothing.
#[test]
fn a_plan_with_control_or_direction_characters_is_refused_over_the_api() {
    let data = tempfile::tempdir().unwrap();
    let xml = sample_xml(data.path());
    let title = ">Hallinto- ja johtosäännöt<";
    assert!(xml.contains(title));
    let server = start_server(data.path());
    let base = &server.base;
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let versions_url = format!("{base}/api/v1/plan/versions");
    for hostile_title in [
        ">Hallinto- ja johtosäännöt&#x202E;txt.exe<",
        ">Hallinto\u{1B}[2J- ja johtosäännöt<",
    ] {
        let hostile = xml.replacen(title, hostile_title, 1);
        let (status, refused) = send(&agent, &versions_url, &admin, "application/xml", hostile.as_bytes());
        assert_eq!(status, 400, "{refused}");
        assert_eq!(refused["code"], "invalid_plan", "{refused}");
        let findings = refused["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{refused}");
        assert_eq!(findings[0]["field"], "title", "{refused}");
        assert_eq!(findings[0]["subject"], "class 00 01 00", "{refused}");
        assert_eq!(findings[0]["location"]["kind"], "xml", "{refused}");
        assert!(
            findings[0]["message"].as_str().unwrap().contains("not allowed"),
            "{refused}"
        );
    }
    assert_eq!(
        get(&agent, &versions_url, &admin).as_array().unwrap().len(),
        1,
        "nothing stored"
    );
}

/// Security test findings on approval over the API: six parallel approvals of one draft gave
/// three 200s; a past `valid_from` rewrote which plan was in force; one before an approved,
/// not yet valid version hid it; `+10000-01-01` and `-0001-01-01` were accepted.
#[test]
fn approval_over_the_api_has_one_winner_and_does_not_rewrite_history() {
    let data = tempfile::tempdir().unwrap();
    let xml = sample_xml(data.path());
    let server = start_server(data.path());
    let base = &server.base;
    let agent = agent();
    let admin = token(base, "admin", "a long admin passphrase");
    let versions_url = format!("{base}/api/v1/plan/versions");
    for expected in [2, 3] {
        let (status, imported) = send(&agent, &versions_url, &admin, "application/xml", xml.as_bytes());
        assert_eq!(status, 201, "{imported}");
        assert_eq!(imported["version"], expected);
    }
    let approve = |version: u32, valid_from: &str| {
        let body = format!(r#"{{"valid_from": "{valid_from}"}}"#);
        let url = format!("{base}/api/v1/plan/versions/{version}/approve");
        send(&agent, &url, &admin, "application/json", body.as_bytes())
    };
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let in_days = |n: u64| today.checked_add_days(chrono::Days::new(n)).unwrap().to_string();
    let yesterday = today.pred_opt().unwrap().to_string();

    for past_or_absurd in [yesterday.as_str(), "2026-01-01", "+10000-01-01", "-0001-01-01"] {
        let (status, refused) = approve(2, past_or_absurd);
        assert_eq!(status, 400, "{past_or_absurd}: {refused}");
        assert_eq!(refused["code"], "bad_valid_from", "{past_or_absurd}: {refused}");
    }

    // Six approvals of version 2 at once, each from its own day: one wins.
    let answers: Vec<(String, u16, serde_json::Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..=6)
            .map(|n| {
                let valid_from = in_days(n);
                let approve = &approve;
                scope.spawn(move || {
                    let (status, answer) = approve(2, &valid_from);
                    (valid_from, status, answer)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won: Vec<&(String, u16, serde_json::Value)> = answers.iter().filter(|(_, status, _)| *status == 200).collect();
    assert_eq!(won.len(), 1, "{answers:#?}");
    for (_, status, answer) in answers.iter().filter(|(_, status, _)| *status != 200) {
        assert_eq!(*status, 409, "{answer}");
        assert_eq!(answer["code"], "conflict", "{answer}");
    }
    let (won_day, _, won_answer) = won[0];
    assert_eq!(won_answer["valid_from"], won_day.as_str(), "{won_answer}");

    // Version 3 may not start on or before version 2's day: version 2 would never be in force.
    let (status, refused) = approve(3, &in_days(1));
    assert_eq!(status, 409, "{refused}");
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("plan version 2 is approved from {won_day}")),
        "{refused}"
    );
    let versions = get(&agent, &versions_url, &admin);
    assert_eq!(versions[1]["valid_from"], won_day.as_str(), "{versions}");
    assert_eq!(versions[2]["state"], "draft", "{versions}");
    let (status, approved) = approve(3, &in_days(10));
    assert_eq!(status, 200, "{approved}");
    drop(server);

    let run = kirjuri(data.path(), &["audit", "export"]);
    let approvals: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|entry| entry["action"] == "plan.approve")
        .collect();
    assert_eq!(approvals.len(), 2, "{approvals:#?}");
    assert_eq!(approvals[0]["detail"]["valid_from"], won_day.as_str(), "{approvals:#?}");
}
