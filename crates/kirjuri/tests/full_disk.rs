//! A full disk and a failing disk (issue 22), on a real file system: the data folders live on
//! a small ext4 image mounted through a loop device, and a filler file takes its space while
//! the service ingests and serves.
//!
//! ext4 rather than tmpfs: tmpfs has no delayed allocation, no journal and no blocks kept for
//! metadata, so it runs out of space differently from the disk a city's server has (ext4
//! can fail a write only at `fsync`, and a new folder needs a block of its own).
//!
//! Mounting needs root; without it the test says so and passes, unless
//! `KIRJURI_REQUIRE_MOUNT=1` (CI) makes that a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{agent, body, kirjuri, kirjuri_env, start_server_with, token};

const MIB: u64 = 1024 * 1024;
/// The reserve the service and the command line keep free on the test disk.
const RESERVE: u64 = 16 * MIB;
/// What the filler leaves free: below the reserve, above the quarter of it that the audit
/// entries of reads and searches may use.
const LEFT_WHILE_FULL: u64 = 6 * MIB;

/// A loop-mounted ext4 image; unmounted (and its loop device released) when dropped.
struct SmallDisk {
    mount_point: PathBuf,
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.mount_point).status();
    }
}

/// Mounts a fresh ext4 file system of `mebibytes` under `dir`, or says why it cannot.
fn small_disk(dir: &Path, mebibytes: u64) -> Result<SmallDisk, String> {
    let image = dir.join("disk.img");
    std::fs::File::create(&image)
        .and_then(|file| file.set_len(mebibytes * MIB))
        .map_err(|e| format!("cannot create {}: {e}", image.display()))?;
    // -m 0: no blocks kept for root, so the file system is full when df says so.
    let made = Command::new("mkfs.ext4")
        .args(["-q", "-F", "-m", "0"])
        .arg(&image)
        .output()
        .map_err(|e| format!("mkfs.ext4: {e}"))?;
    if !made.status.success() {
        return Err(format!("mkfs.ext4: {}", String::from_utf8_lossy(&made.stderr)));
    }
    let mount_point = dir.join("disk");
    std::fs::create_dir(&mount_point).unwrap();
    let mounted = Command::new("mount")
        .args(["-o", "loop"])
        .arg(&image)
        .arg(&mount_point)
        .output()
        .map_err(|e| format!("mount: {e}"))?;
    if !mounted.status.success() {
        return Err(format!("mount -o loop: {}", String::from_utf8_lossy(&mounted.stderr)));
    }
    Ok(SmallDisk { mount_point })
}

/// Bytes free on the file system holding `path`, as `df` sees them.
fn available(path: &Path) -> u64 {
    let output = Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().nth(1).unwrap().trim().parse().unwrap()
}

/// Another program filling the disk: filler files (blocks really allocated) until `leave`
/// bytes are free.
struct Filler {
    folder: PathBuf,
    files: usize,
}

impl Filler {
    fn fill_to(&mut self, leave: u64) {
        let free = available(&self.folder);
        if free <= leave {
            return;
        }
        self.files += 1;
        let file = self.folder.join(format!("filler-{}", self.files));
        let status = Command::new("fallocate")
            .arg("-l")
            .arg((free - leave).to_string())
            .arg(&file)
            .status()
            .unwrap();
        assert!(status.success(), "fallocate");
    }

    fn remove_all(&mut self) {
        for n in 1..=self.files {
            std::fs::remove_file(self.folder.join(format!("filler-{n}"))).unwrap();
        }
        self.files = 0;
    }
}

/// Whether the test may run here; a skip is printed, or fails the run under
/// `KIRJURI_REQUIRE_MOUNT=1`.
fn disk_or_skip(dir: &Path) -> Option<SmallDisk> {
    match small_disk(dir, 128) {
        Ok(disk) => Some(disk),
        Err(reason) => {
            assert!(
                std::env::var("KIRJURI_REQUIRE_MOUNT").as_deref() != Ok("1"),
                "KIRJURI_REQUIRE_MOUNT=1 but no file system could be mounted: {reason}"
            );
            eprintln!("skipped: mounting a small file system needs root and a loop device ({reason})");
            None
        }
    }
}

/// An answer to check: status, content type and body.
struct Answer {
    status: u16,
    content_type: String,
    text: String,
}

fn send(request: ureq::RequestBuilder<ureq::typestate::WithBody>, payload: &[u8]) -> Answer {
    let mut response = request.send(payload).unwrap();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    Answer {
        status: response.status().as_u16(),
        content_type,
        text: body(&mut response),
    }
}

fn get(base: &str, auth: &str, path: &str) -> Answer {
    let mut response = agent()
        .get(&format!("{base}{path}"))
        .header("authorization", auth)
        .call()
        .unwrap();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    Answer {
        status: response.status().as_u16(),
        content_type,
        text: body(&mut response),
    }
}

fn upload(base: &str, auth: &str, case_id: &str, n: usize, content: &[u8]) -> Answer {
    let url = format!(
        "{base}/api/v1/cases/{case_id}/documents?record_type=ostolasku&title=Lasku%20{n}&file_name=lasku-{n}.txt"
    );
    send(
        agent()
            .post(&url)
            .header("authorization", auth)
            .content_type("text/plain"),
        content,
    )
}

/// The content of upload `n`: a word found by search, and enough bytes to fill a disk.
fn content(n: usize) -> Vec<u8> {
    let mut text = format!("Lasku {n} tilausvahvistus kuukausierittely\n").into_bytes();
    text.resize(64 * 1024, b'.');
    text
}

/// A 507 as the issue asks: problem+json, its code, the disk named, no path.
fn assert_insufficient_storage(answer: &Answer, mount_point: &Path) {
    assert_eq!(answer.status, 507, "{}", answer.text);
    assert_eq!(answer.content_type, "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&answer.text).unwrap();
    assert_eq!(problem["code"], "insufficient_storage", "{problem}");
    assert_eq!(problem["status"], 507);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("the disk holding the data folder is full"), "{detail}");
    assert!(!detail.contains(mount_point.to_str().unwrap()), "no path: {detail}");
}

fn files_in(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_full_disk_refuses_writes_loses_nothing_keeps_reads_and_recovers_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = disk_or_skip(dir.path()) else {
        return;
    };
    let mount_point = disk.mount_point.clone();
    let reserve = RESERVE.to_string();
    let reserve_env = [("KIRJURI_DISK_RESERVE_BYTES", reserve.as_str())];
    let data = mount_point.join("data");
    let server = start_server_with(&data, &[], &reserve_env);
    let base = server.base.clone();
    let auth = format!("Bearer {}", token(&base, "admin", "a long admin passphrase"));

    let opened = send(
        agent()
            .post(&format!("{base}/api/v1/cases"))
            .header("authorization", &auth)
            .content_type("application/json"),
        br#"{"class":"02 06 04","title":"Ostolaskut joulukuu"}"#,
    );
    assert_eq!(opened.status, 201, "{}", opened.text);
    let case: serde_json::Value = serde_json::from_str(&opened.text).unwrap();
    let case_id = case["id"].as_str().unwrap().to_owned();

    // A second data folder on the same disk for the command line (the service holds its own).
    let cli_data = mount_point.join("cli-data");
    let run = kirjuri_env(
        &cli_data,
        &reserve_env,
        &["case", "open", "--class", "02 06 04", "--title", "Skannatut laskut"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let cli_diary = run.stdout.trim().to_owned();
    let large = dir.path().join("skannaus.txt");
    std::fs::write(&large, vec![b'x'; 12 * MIB as usize]).unwrap();
    let ingest = |env: &[(&str, &str)], file: &Path| {
        kirjuri_env(
            &cli_data,
            env,
            &[
                "ingest",
                file.to_str().unwrap(),
                "--case",
                &cli_diary,
                "--record-type",
                "ostolasku",
                "--json",
            ],
        )
    };
    let run = ingest(&reserve_env, &large);
    assert_eq!(run.code, 0, "{}", run.all());

    // Uploads run while another program fills the disk in steps. Each answer is either a 201
    // (acknowledged: the document must be there at the end) or a 507.
    let answers: Arc<Mutex<Vec<(usize, Answer)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let refused_after_fill = Arc::new(AtomicUsize::new(0));
    let filled = Arc::new(AtomicBool::new(false));
    let uploader = {
        let (base, auth, case_id) = (base.clone(), auth.clone(), case_id.clone());
        let (answers, stop, filled, refused_after_fill) = (
            answers.clone(),
            stop.clone(),
            filled.clone(),
            refused_after_fill.clone(),
        );
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let answer = upload(&base, &auth, &case_id, n, &content(n));
                if answer.status == 507 && filled.load(Ordering::SeqCst) {
                    refused_after_fill.fetch_add(1, Ordering::SeqCst);
                }
                answers.lock().unwrap().push((n, answer));
                n += 1;
            }
        })
    };
    while answers.lock().unwrap().len() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let mut filler = Filler {
        folder: mount_point.clone(),
        files: 0,
    };
    let free_at_start = available(&mount_point);
    for step in 1..=4u64 {
        let leave = LEFT_WHILE_FULL + (free_at_start - LEFT_WHILE_FULL) * (4 - step) / 4;
        filler.fill_to(leave);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    filler.fill_to(LEFT_WHILE_FULL);
    filled.store(true, Ordering::SeqCst);
    while refused_after_fill.load(Ordering::SeqCst) < 3 {
        assert!(!uploader.is_finished(), "the uploader stopped");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    stop.store(true, Ordering::SeqCst);
    uploader.join().unwrap();

    let answers = std::mem::take(&mut *answers.lock().unwrap());
    let mut acknowledged: Vec<(usize, String)> = Vec::new();
    for (n, answer) in &answers {
        match answer.status {
            201 => {
                let document: serde_json::Value = serde_json::from_str(&answer.text).unwrap();
                acknowledged.push((*n, document["id"].as_str().unwrap().to_owned()));
            }
            _ => assert_insufficient_storage(answer, &mount_point),
        }
    }
    let refused = answers.len() - acknowledged.len();
    eprintln!(
        "uploads while filling: {} acknowledged, {refused} refused with 507; {} MiB free",
        acknowledged.len(),
        available(&mount_point) / MIB
    );
    assert!(
        acknowledged.len() >= 5,
        "uploads before the disk filled were acknowledged"
    );

    // While full: every kind of write is refused, and says why.
    let refused_case = send(
        agent()
            .post(&format!("{base}/api/v1/cases"))
            .header("authorization", &auth)
            .content_type("application/json"),
        br#"{"class":"02 06 04","title":"Ei mahdu"}"#,
    );
    assert_insufficient_storage(&refused_case, &mount_point);
    let refused_backup = send(
        agent()
            .post(&format!("{base}/api/v1/admin/backup"))
            .header("authorization", &auth),
        b"",
    );
    assert_insufficient_storage(&refused_backup, &mount_point);
    assert!(files_in(&data.join("backups")).is_empty(), "no partial backup");
    assert!(
        files_in(&data.join("blobs").join("tmp")).is_empty(),
        "no temporary content left"
    );

    // Reads and search go on (their audit entries use part of the reserve).
    for (n, id) in &acknowledged {
        let mut response = agent()
            .get(&format!("{base}/api/v1/documents/{id}/content"))
            .header("authorization", &auth)
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{id} reads while the disk is full");
        assert_eq!(response.body_mut().read_to_vec().unwrap(), content(*n), "{id}");
    }
    let found = get(&base, &auth, "/api/v1/search?q=tilausvahvistus&limit=100");
    assert_eq!(found.status, 200, "search while full: {}", found.text);
    let hits: serde_json::Value = serde_json::from_str(&found.text).unwrap();
    assert!(hits["total"].as_u64().unwrap() >= 5, "{hits}");
    let case_page = get(&base, &auth, &format!("/api/v1/cases/{case_id}"));
    assert_eq!(case_page.status, 200, "{}", case_page.text);

    // The command line: exit 1, naming the disk of its data folder.
    let small = dir.path().join("pieni.txt");
    std::fs::write(&small, "Lasku paperilta").unwrap();
    let run = ingest(&reserve_env, &small);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains(&format!(
            "the disk holding the data folder {} is full",
            cli_data.display()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing acknowledged: {}", run.stdout);

    // With the reserve set to a byte, the disk itself runs out under the write: the content
    // file meets ENOSPC (12 MiB into 6 MiB free), is named the same way, and leaves nothing.
    let no_reserve = [("KIRJURI_DISK_RESERVE_BYTES", "1")];
    let run = ingest(&no_reserve, &large);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains(&format!(
            "the disk holding the data folder {} is full",
            cli_data.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        files_in(&cli_data.join("blobs").join("tmp")).is_empty(),
        "no temporary content left"
    );
    // A backup onto the full disk (12 MiB of content into 6 MiB) fails, naming the backup's
    // disk, and leaves no partial file.
    let backup = mount_point.join("cli-backup.zip");
    let run = kirjuri_env(&cli_data, &no_reserve, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr
            .contains(&format!("the disk holding {} is full", backup.display())),
        "{}",
        run.stderr
    );
    assert!(
        !backup.exists() && !mount_point.join("cli-backup.partial").exists(),
        "partial backup removed"
    );

    // Space freed: the same service takes writes again, without a restart.
    filler.remove_all();
    let after = upload(&base, &auth, &case_id, 100_000, &content(100_000));
    assert_eq!(after.status, 201, "{}", after.text);
    let document: serde_json::Value = serde_json::from_str(&after.text).unwrap();
    acknowledged.push((100_000, document["id"].as_str().unwrap().to_owned()));
    let reopened = send(
        agent()
            .post(&format!("{base}/api/v1/cases"))
            .header("authorization", &auth)
            .content_type("application/json"),
        br#"{"class":"02 06 04","title":"Mahtuu taas"}"#,
    );
    assert_eq!(reopened.status, 201, "{}", reopened.text);
    let found = get(&base, &auth, "/api/v1/search?q=tilausvahvistus&limit=100");
    let hits: serde_json::Value = serde_json::from_str(&found.text).unwrap();
    assert_eq!(
        hits["total"].as_u64().unwrap(),
        acknowledged.len() as u64,
        "every acknowledged upload is found: {hits}"
    );
    drop(server);

    // Nothing acknowledged was lost, and both data folders pass the check.
    let diary = case["diary_number"].as_str().unwrap();
    let listed = kirjuri(&data, &["doc", "list", diary, "--json"]);
    assert_eq!(listed.code, 0, "{}", listed.all());
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let stored: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    for (_, id) in &acknowledged {
        assert!(stored.contains(&id.as_str()), "acknowledged {id} is stored");
    }
    let check = kirjuri(&data, &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
    let check = kirjuri(&cli_data, &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
    let run = ingest(&reserve_env, &small);
    assert_eq!(run.code, 0, "the command line writes again: {}", run.all());
    drop(disk);
}

/// The content file of a document, found by the digest its record holds.
fn blob_of(data: &Path, document: &serde_json::Value) -> PathBuf {
    let digest = document["content"]["sha256"].as_str().unwrap();
    data.join("blobs").join(&digest[..2]).join(digest)
}

#[test]
fn an_unreadable_content_file_fails_alone_and_is_named_by_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start_server_with(&data, &[], &[]);
    let base = server.base.clone();
    let auth = format!("Bearer {}", token(&base, "admin", "a long admin passphrase"));
    let opened = send(
        agent()
            .post(&format!("{base}/api/v1/cases"))
            .header("authorization", &auth)
            .content_type("application/json"),
        br#"{"class":"02 06 04","title":"Ostolaskut tammikuu"}"#,
    );
    assert_eq!(opened.status, 201, "{}", opened.text);
    let case: serde_json::Value = serde_json::from_str(&opened.text).unwrap();
    let case_id = case["id"].as_str().unwrap().to_owned();
    let documents: Vec<serde_json::Value> = (0..3)
        .map(|n| {
            let answer = upload(&base, &auth, &case_id, n, &content(n));
            assert_eq!(answer.status, 201, "{}", answer.text);
            serde_json::from_str(&answer.text).unwrap()
        })
        .collect();
    let broken_id = documents[1]["id"].as_str().unwrap().to_owned();

    // A disk that fails to read one file: open succeeds, read gives EIO (reading address 0 of
    // the reading process's own memory), which `chmod 000` cannot do for root.
    let blob = blob_of(&data, &documents[1]);
    std::fs::remove_file(&blob).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", &blob).unwrap();

    let broken = get(&base, &auth, &format!("/api/v1/documents/{broken_id}/content"));
    assert_eq!(broken.status, 500, "{}", broken.text);
    assert_eq!(broken.content_type, "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&broken.text).unwrap();
    assert_eq!(problem["code"], "content_unreadable", "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains(&format!("document {broken_id}")), "{detail}");
    assert!(!detail.contains("blobs") && !detail.contains('/'), "no path: {detail}");
    // The rest is served: the other documents' content, the record and the case.
    for (n, document) in documents.iter().enumerate().filter(|(n, _)| *n != 1) {
        let id = document["id"].as_str().unwrap();
        let mut response = agent()
            .get(&format!("{base}/api/v1/documents/{id}/content"))
            .header("authorization", &auth)
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{id}");
        assert_eq!(response.body_mut().read_to_vec().unwrap(), content(n));
    }
    let record = get(&base, &auth, &format!("/api/v1/documents/{broken_id}"));
    assert_eq!(record.status, 200, "{}", record.text);
    let case_page = get(&base, &auth, &format!("/api/v1/cases/{case_id}"));
    assert_eq!(case_page.status, 200, "{}", case_page.text);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&case_page.text).unwrap()["documents"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    drop(server);

    // The command line names the document, and `check` finds it by document id.
    let out = dir.path().join("out.txt");
    let run = kirjuri(&data, &["doc", "get", &broken_id, "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains(&format!(
            "cannot read the content of document {broken_id} from the disk"
        )),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written for an unreadable document");
    let check = kirjuri(&data, &["check"]);
    assert_ne!(check.code, 0, "{}", check.all());
    assert!(
        check.all().contains(&format!("document {broken_id}: cannot read")),
        "{}",
        check.all()
    );

    // A folder where the file should be (EISDIR) is named the same way.
    std::fs::remove_file(&blob).unwrap();
    std::fs::create_dir(&blob).unwrap();
    let check = kirjuri(&data, &["check"]);
    assert_ne!(check.code, 0, "{}", check.all());
    assert!(
        check.all().contains(&format!("document {broken_id}")),
        "{}",
        check.all()
    );
    let run = kirjuri(&data, &["doc", "get", &broken_id, "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains(&format!("document {broken_id}")), "{}", run.stderr);
}

/// sled 0.34 keeps an I/O error of its log write and fails every later call until the database
/// is opened again (found by experiment for issue 22). With the reserve at one byte nothing
/// keeps sled from the end of the disk: the service must answer 507, lose nothing it
/// acknowledged, and write again once space is freed, without a restart.
#[test]
fn the_service_reopens_its_database_after_sled_met_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = disk_or_skip(dir.path()) else {
        return;
    };
    let mount_point = disk.mount_point.clone();
    let data = mount_point.join("data");
    let server = start_server_with(&data, &[], &[("KIRJURI_DISK_RESERVE_BYTES", "1")]);
    let base = server.base.clone();
    let auth = format!("Bearer {}", token(&base, "admin", "a long admin passphrase"));
    let open_case = |n: usize| {
        let title = format!("Hankinta {n} {}", "x".repeat(400));
        send(
            agent()
                .post(&format!("{base}/api/v1/cases"))
                .header("authorization", &auth)
                .content_type("application/json"),
            serde_json::json!({"class": "02 06 04", "title": title})
                .to_string()
                .as_bytes(),
        )
    };
    let first = open_case(0);
    assert_eq!(first.status, 201, "{}", first.text);
    let mut acknowledged = vec![
        serde_json::from_str::<serde_json::Value>(&first.text).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    ];
    let mut filler = Filler {
        folder: mount_point.clone(),
        files: 0,
    };
    filler.fill_to(64 * 1024);
    let mut refused = 0;
    for n in 1..2000 {
        let answer = open_case(n);
        match answer.status {
            201 => acknowledged.push(
                serde_json::from_str::<serde_json::Value>(&answer.text).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            ),
            _ => {
                assert_insufficient_storage(&answer, &mount_point);
                refused += 1;
                if refused == 5 {
                    break;
                }
            }
        }
    }
    assert_eq!(refused, 5, "the disk filled up");

    filler.remove_all();
    let after = open_case(100_000);
    assert_eq!(after.status, 201, "writes again without a restart: {}", after.text);
    acknowledged.push(
        serde_json::from_str::<serde_json::Value>(&after.text).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    );
    let found = get(&base, &auth, "/api/v1/search?q=hankinta");
    assert_eq!(found.status, 200, "{}", found.text);
    for id in &acknowledged {
        let case = get(&base, &auth, &format!("/api/v1/cases/{id}"));
        assert_eq!(case.status, 200, "acknowledged {id}: {}", case.text);
    }
    eprintln!(
        "sled met the full disk after {} acknowledged cases",
        acknowledged.len() - 1
    );
    drop(server);
    let check = kirjuri(&data, &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
    drop(disk);
}
