//! Crash test: a bulk ingest in a child process is killed with SIGKILL at random moments, many
//! times, acknowledging per document (`--batch-size 1`), in small batches or in the default
//! batches (group commit: an id is printed only when its whole batch is durable). After every kill, each document the child acknowledged (printed) must be there with
//! its content digest intact, diary numbers must be unique and gapless, and `kirjuri check`
//! must pass. Rounds: `KIRJURI_CRASH_ROUNDS` (default 12); seed: `KIRJURI_CRASH_SEED`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::kirjuri;

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

#[test]
fn sigkill_during_bulk_ingest_loses_nothing_acknowledged() {
    let rounds: u64 = std::env::var("KIRJURI_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("KIRJURI_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash test: {rounds} rounds, KIRJURI_CRASH_SEED={seed}");
    let mut rng = Rng(seed);

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("incoming");
    std::fs::create_dir_all(&folder).unwrap();
    for n in 0..400 {
        std::fs::write(
            folder.join(format!("kirje-{n:04}.txt")),
            format!("Kirje numero {n}: hankintasopimuksen liite {}", n * 7919),
        )
        .unwrap();
    }
    // Warm up: create the data folder and plan before the first kill.
    assert_eq!(kirjuri(&data, &["plan", "versions"]).code, 0);

    // acknowledged document id → sha256
    let mut acknowledged: BTreeMap<String, String> = BTreeMap::new();
    let mut kills_mid_run = 0;
    for round in 0..rounds {
        // Every third round each kind: per document, small batches, the default batches.
        let batch_size = ["1", "7", "256"][(round % 3) as usize];
        let mut child = Command::new(env!("CARGO_BIN_EXE_kirjuri"))
            .args([
                "ingest",
                folder.to_str().unwrap(),
                "--class",
                "02 06 04",
                "--record-type",
                "ostolasku",
                "--json",
                "--batch-size",
                batch_size,
            ])
            .env("KIRJURI_DATA", &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Drain standard output while the child runs, so it never blocks on a full pipe.
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut output = String::new();
            stdout.read_to_string(&mut output).ok();
            output
        });
        let delay = rng.between(5, 1100);
        std::thread::sleep(Duration::from_millis(delay));
        let finished_before_kill = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if !finished_before_kill {
            kills_mid_run += 1;
        }
        let output = reader.join().unwrap();
        // Only complete lines were acknowledged; a torn last line is not a promise.
        let complete = if output.ends_with('\n') {
            output.as_str()
        } else {
            output.rsplit_once('\n').map_or("", |(head, _)| head)
        };
        let mut this_round = 0;
        for line in complete.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            acknowledged.insert(
                value["id"].as_str().unwrap().to_owned(),
                value["sha256"].as_str().unwrap().to_owned(),
            );
            this_round += 1;
        }
        eprintln!(
            "round {round} (batch size {batch_size}): killed after {delay} ms, {this_round} documents acknowledged"
        );

        // A kill between storing content and committing its record may leave an orphan content
        // file (never a record without content): `check` reports it and `--repair` removes it,
        // finding nothing else wrong. Referenced content must survive that (checked below).
        let check = kirjuri(&data, &["check", "--repair"]);
        assert_eq!(
            check.code,
            0,
            "round {round} (seed {seed}): check failed after SIGKILL:\n{}",
            check.all()
        );
    }

    // Every acknowledged document is there with its digest, and its content reads back intact.
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let cases: serde_json::Value = serde_json::from_str(&kirjuri(&data, &["case", "list", "--json"]).stdout).unwrap();
    let mut numbers = BTreeSet::new();
    for case in cases.as_array().unwrap() {
        let diary = case["diary_number"].as_str().unwrap();
        let number: u64 = diary.split('/').nth(1).unwrap().parse().unwrap();
        assert!(
            numbers.insert(number),
            "diary number {diary} appears twice (seed {seed})"
        );
        let documents: serde_json::Value =
            serde_json::from_str(&kirjuri(&data, &["doc", "list", diary, "--json"]).stdout).unwrap();
        for document in documents.as_array().unwrap() {
            found.insert(
                document["id"].as_str().unwrap().to_owned(),
                document["content"]["sha256"].as_str().unwrap().to_owned(),
            );
        }
    }
    for (id, sha256) in &acknowledged {
        assert_eq!(
            found.get(id),
            Some(sha256),
            "acknowledged document {id} lost or changed (seed {seed})"
        );
        assert!(
            data.join("blobs").join(&sha256[..2]).join(sha256).is_file(),
            "content of acknowledged document {id} lost (seed {seed})"
        );
    }
    let expected: BTreeSet<u64> = (1..=numbers.len() as u64).collect();
    assert_eq!(numbers, expected, "diary numbers have a gap (seed {seed})");
    let sample = acknowledged.keys().step_by(37).take(10);
    for id in sample {
        let out = dir.path().join("out.txt");
        let run = kirjuri(&data, &["doc", "get", id, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    eprintln!(
        "crash test done: {rounds} rounds, {kills_mid_run} killed mid-run, {} acknowledged documents all present, {} cases",
        acknowledged.len(),
        numbers.len()
    );
    assert!(
        !acknowledged.is_empty(),
        "the test must acknowledge some documents to mean anything"
    );
}
