//! The batch upload endpoint (`POST /api/v1/cases/{id}/documents/batch`) on a real server: the
//! documents come back in file order once durable, a refused batch registers none of its files
//! and names the one at fault, and `kirjuri check` passes afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, kirjuri, start_server, token};

const BOUNDARY: &str = "kirjuri-batch-boundary";

/// A multipart body with one `file` part per (file name, content).
fn multipart(files: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for (name, content) in files {
        text.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: text/plain\r\n\r\n{content}\r\n"
        ));
    }
    text.push_str(&format!("--{BOUNDARY}--\r\n"));
    text
}

fn post_batch(base: &str, bearer: &str, path: &str, form: &str) -> (u16, serde_json::Value) {
    let mut response = agent()
        .post(&format!("{base}{path}"))
        .header("authorization", &format!("Bearer {bearer}"))
        .content_type(&format!("multipart/form-data; boundary={BOUNDARY}"))
        .send(form)
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap_or_default())
}

#[test]
fn a_batch_is_registered_in_file_order_and_a_refused_one_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server(&data);
    let bearer = token(&server.base, "admin", "a long admin passphrase");
    let mut response = ureq::post(&format!("{}/api/v1/cases", server.base))
        .header("authorization", &format!("Bearer {bearer}"))
        .content_type("application/json")
        .send(r#"{"class":"02 06 04","title":"Ostolaskut joulukuu"}"#)
        .unwrap();
    let case: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    let case_id = case["id"].as_str().unwrap();
    let path = format!("/api/v1/cases/{case_id}/documents/batch?record_type=ostolasku&date=2026-11-30");

    let files: Vec<(String, String)> = (0..12)
        .map(|n| (format!("lasku-{n:02}.txt"), format!("Lasku {n}: 1 200,{n:02} euroa")))
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (status, answer) = post_batch(&server.base, &bearer, &path, &multipart(&borrowed));
    assert_eq!(status, 201, "{answer}");
    let documents = answer["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 12);
    let mut previous = 0;
    for (document, (name, content)) in documents.iter().zip(&files) {
        assert_eq!(document["content"]["file_name"], name.as_str(), "{document}");
        assert_eq!(document["title"], name.trim_end_matches(".txt"), "{document}");
        let number: u64 = document["id"].as_str().unwrap()["doc-".len()..].parse().unwrap();
        assert!(number > previous, "ids in file order: {answer}");
        previous = number;
        let id = document["id"].as_str().unwrap();
        let mut content_response = ureq::get(&format!("{}/api/v1/documents/{id}/content", server.base))
            .header("authorization", &format!("Bearer {bearer}"))
            .call()
            .unwrap();
        assert_eq!(body(&mut content_response), *content);
    }

    // A part that is not a file: refused before anything is stored, as problem+json.
    let stray = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nA\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nX\r\n--{BOUNDARY}--\r\n"
    );
    let (status, problem) = post_batch(&server.base, &bearer, &path, &stray);
    assert_eq!(status, 400, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("`title`"), "{problem}");
    // No file at all.
    let (status, problem) = post_batch(&server.base, &bearer, &path, &format!("--{BOUNDARY}--\r\n"));
    assert_eq!(status, 400, "{problem}");
    assert_eq!(problem["code"], "no_content", "{problem}");
    // A record type the case's class does not have: refused before the body is read.
    let wrong = format!("/api/v1/cases/{case_id}/documents/batch?record_type=kuulutus");
    let (status, problem) = post_batch(&server.base, &bearer, &wrong, &multipart(&borrowed[..2]));
    assert_eq!(status, 400, "{problem}");
    // A file name over 255 characters in the middle of a batch: none of the batch is registered,
    // and the answer names the file.
    let long_name = format!("{}.txt", "x".repeat(300));
    let (status, problem) = post_batch(
        &server.base,
        &bearer,
        &path,
        &multipart(&[("hyva.txt", "hyvä"), (&long_name, "pitkä"), ("toinen.txt", "toinen")]),
    );
    assert_eq!(status, 400, "{problem}");
    assert!(problem["detail"].as_str().unwrap().starts_with("xxxx"), "{problem}");
    // The case still has exactly the first batch.
    let mut response = ureq::get(&format!("{}/api/v1/cases/{case_id}", server.base))
        .header("authorization", &format!("Bearer {bearer}"))
        .call()
        .unwrap();
    let case: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    assert_eq!(case["documents"].as_array().unwrap().len(), 12, "{case}");
    drop(server);
    let check = kirjuri(&data, &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
}
