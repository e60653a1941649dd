//! The service end to end: the real binary serves a fresh data folder, documents are uploaded
//! over HTTP while an admin takes a backup, and the backup restores into a folder that passes
//! `kirjuri check`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{kirjuri, start_server as start, token};

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

    let uploader = {
        let base = server.base.clone();
        let auth = auth.clone();
        std::thread::spawn(move || {
            let mut uploaded = 0;
            for n in 0..40 {
                let url = format!(
                    "{base}/api/v1/cases/{case_id}/documents?record_type=ostolasku&title=Lasku%20{n}&file_name=lasku-{n}.txt"
                );
                let response = ureq::post(&url)
                    .header("authorization", &auth)
                    .content_type("text/plain")
                    .send(format!("Lasku {n}").as_str())
                    .unwrap();
                assert_eq!(response.status().as_u16(), 201);
                uploaded += 1;
            }
            uploaded
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(150));
    let mut response = ureq::post(&format!("{}/api/v1/admin/backup", server.base))
        .header("authorization", &auth)
        .send_empty()
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let backup: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let uploaded = uploader.join().unwrap();
    assert_eq!(uploaded, 40);

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
    let documents = listed.as_array().unwrap().len();
    assert!(
        documents <= 40,
        "the backup holds a consistent prefix of the uploads ({documents})"
    );
    for n in 1..=documents {
        let out = dir.path().join("out.txt");
        assert_eq!(
            kirjuri(
                &restored,
                &["doc", "get", &format!("doc-{n}"), "--out", out.to_str().unwrap()]
            )
            .code,
            0
        );
    }
    // After the service stopped, the original data folder has all 40 and passes check.
    assert_eq!(kirjuri(&data, &["check"]).code, 0);
}
