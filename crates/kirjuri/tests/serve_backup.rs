//! The service end to end: the real binary serves a fresh data folder, documents are uploaded
//! over HTTP while an admin takes a backup, and the backup restores into a folder that passes
//! `kirjuri check`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{kirjuri, start_server as start, token};

/// Documents uploaded while the backup is taken.
const UPLOADS: usize = 40;
/// Uploads acknowledged before the backup is asked for (the rest race with it).
const ACKNOWLEDGED_FIRST: usize = 10;

/// The content of upload `n` (from 0).
fn content(n: usize) -> String {
    format!("Lasku {n}")
}

#[test]
fn backup_while_serving_restores_consistently() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start(&data);
    let admin = token(&server.base, "admin", "a long admin passphrase");
    let auth = format!("Bearer {admin}");

    let wrong = ureq::post(&format!("{}/api/v1/tokens", server.base))
        .content_type("application/json")
        .config()
        .http_status_as_error(false)
        .build()
        .send(r#"{"name":"admin","password":"wrong password!"}"#)
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);

    let mut response = ureq::post(&format!("{}/api/v1/cases", server.base))
        .header("authorization", &auth)
        .content_type("application/json")
        .send(r#"{"class":"02 06 04","title":"Ostolaskut marraskuu"}"#)
        .unwrap();
    let case: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let case_id = case["id"].as_str().unwrap().to_owned();

    // The uploader counts each acknowledged (201) upload; upload n (from 0) is doc-(n+1) with
    // content "Lasku n".
    let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let uploader = {
        let base = server.base.clone();
        let auth = auth.clone();
        let acknowledged = acknowledged.clone();
        std::thread::spawn(move || {
            for n in 0..UPLOADS {
                let url = format!(
                    "{base}/api/v1/cases/{case_id}/documents?record_type=ostolasku&title=Lasku%20{n}&file_name=lasku-{n}.txt"
                );
                let response = ureq::post(&url)
                    .header("authorization", &auth)
                    .content_type("text/plain")
                    .send(content(n).as_str())
                    .unwrap();
                assert_eq!(response.status().as_u16(), 201);
                acknowledged.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        })
    };
    // Wait (without a clock bound: the uploads themselves end the wait) until some uploads are
    // acknowledged, and note how many were before the backup request is sent: the backup must
    // hold at least those.
    while acknowledged.load(std::sync::atomic::Ordering::SeqCst) < ACKNOWLEDGED_FIRST {
        assert!(!uploader.is_finished(), "the uploader stopped early");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let before_backup = acknowledged.load(std::sync::atomic::Ordering::SeqCst);
    let mut response = ureq::post(&format!("{}/api/v1/admin/backup", server.base))
        .header("authorization", &auth)
        .send_empty()
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let backup: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    uploader.join().unwrap();
    assert_eq!(acknowledged.load(std::sync::atomic::Ordering::SeqCst), UPLOADS);

    // The command line cannot open a data folder the service holds, and says why.
    let locked = kirjuri(&data, &["case", "list"]);
    assert_eq!(locked.code, 1);
    assert!(
        locked.stderr.contains("in use by another Kirjuri process"),
        "{}",
        locked.stderr
    );
    drop(server);

    let restored = dir.path().join("restored");
    let run = kirjuri(&restored, &["restore", backup["file"].as_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(kirjuri(&restored, &["check"]).code, 0);
    let cases: serde_json::Value =
        serde_json::from_str(&kirjuri(&restored, &["case", "list", "--json"]).stdout).unwrap();
    let diary = cases[0]["diary_number"].as_str().unwrap().to_owned();
    let listed: serde_json::Value =
        serde_json::from_str(&kirjuri(&restored, &["doc", "list", &diary, "--json"]).stdout).unwrap();
    let mut ids: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort_by_key(|id| id.trim_start_matches("doc-").parse::<usize>().unwrap());
    let documents = ids.len();
    assert!(
        (before_backup..=UPLOADS).contains(&documents),
        "the backup holds {documents} documents; {before_backup} were acknowledged before it was asked for"
    );
    let prefix: Vec<String> = (1..=documents).map(|n| format!("doc-{n}")).collect();
    assert_eq!(ids, prefix, "the backup holds a gapless prefix of the uploads");
    for n in 1..=documents {
        let out = dir.path().join(format!("out-{n}.txt"));
        let run = kirjuri(
            &restored,
            &["doc", "get", &format!("doc-{n}"), "--out", out.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "doc-{n}: {}", run.all());
        assert_eq!(
            std::fs::read(&out).unwrap(),
            content(n - 1).into_bytes(),
            "doc-{n} reads back as uploaded"
        );
    }
    // After the service stopped, the original data folder has all 40 and passes check.
    assert_eq!(kirjuri(&data, &["check"]).code, 0);
    let listed: serde_json::Value =
        serde_json::from_str(&kirjuri(&data, &["doc", "list", &diary, "--json"]).stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), UPLOADS);
}
