//! The worker boundary: a parser that hangs is killed at the time limit, one that crashes (or
//! hits the memory limit) costs a "not indexed" reason, and the caller carries on. Stand-in
//! workers are shell scripts, so the test needs no hostile file that happens to trip today's
//! parser.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use kirjuri_extract::{Extraction, extract_file, use_worker};

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn hanging_and_crashing_workers_cost_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.pdf");
    std::fs::write(&file, b"%PDF-1.4").unwrap();
    short_time_limit();

    // The hanging worker notes its process id, sleeps past the limit and would then leave a
    // marker. The outcome is checked, not the clock: the time-limit reason (left alone it would
    // end with no answer), no marker (it was stopped, not waited out, however slow the machine)
    // and no process left by the time the call returns (killed and reaped, not a zombie).
    let pid_file = dir.path().join("hang.pid");
    let marker = dir.path().join("hang.finished");
    use_worker(script(
        dir.path(),
        "hang",
        &format!(
            "echo $$ > '{}'\nsleep 5\necho finished > '{}'",
            pid_file.display(),
            marker.display()
        ),
    ));
    let outcome = extract_file(&file, "application/pdf", "a.pdf");
    assert_eq!(
        outcome,
        Extraction::Failed {
            reason: "extraction took longer than 2 s".to_owned()
        }
    );
    let pid = std::fs::read_to_string(&pid_file).expect("the hanging worker was started");
    let pid = pid.trim();
    assert!(
        !Path::new("/proc").join(pid).exists(),
        "the hung worker (pid {pid}) still exists after the time limit"
    );
    assert!(
        !marker.exists(),
        "the hung worker ran to its end instead of being killed"
    );

    use_worker(script(dir.path(), "crash", "kill -SEGV $$"));
    let Extraction::Failed { reason } = extract_file(&file, "application/pdf", "a.pdf") else {
        panic!("a crashed worker is a failure");
    };
    assert!(reason.contains("crash or memory limit"), "{reason}");

    use_worker(script(dir.path(), "garbage", "echo not json"));
    let Extraction::Failed { reason } = extract_file(&file, "application/pdf", "a.pdf") else {
        panic!("an unreadable answer is a failure");
    };
    assert!(reason.contains("no answer"), "{reason}");

    // Plain text never goes to the worker.
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Sopimus").unwrap();
    assert!(matches!(
        extract_file(&text, "text/plain", "a.txt"),
        Extraction::Text { .. }
    ));
}

fn short_time_limit() {
    // The limit is read on each call; set it before the first extraction.
    #[allow(unsafe_code)]
    // SAFETY: single-threaded at this point of the test binary's only test.
    unsafe {
        std::env::set_var("KIRJURI_EXTRACT_SECONDS", "2");
    }
}
