//! Group commit under concurrent audit entries (each read or search of a restricted record
//! writes one): N threads × M `Store::audit` calls, first with every entry flushed on its own
//! (as before group commit), then with concurrent writers sharing flushes. Every call returns
//! only when its entry is on disk in both runs. A measurement, not a test; it asserts nothing.
//!
//! `cargo bench -p kirjuri-store --bench group_commit [-- THREADS ENTRIES_PER_THREAD]`
//! (default 8 × 200). The data folder is a temporary folder under `$TMPDIR` (use a real disk).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // a benchmark binary

use std::time::Instant;

use kirjuri_store::{AuditEvent, Store};

fn run(store: &Store, threads: usize, per_thread: usize) -> f64 {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let store = store.clone();
            scope.spawn(move || {
                for n in 0..per_thread {
                    let event = AuditEvent::new(chrono::Utc::now(), "bench", "search.query")
                        .detail(serde_json::json!({ "thread": thread, "n": n }));
                    store.audit(&event).unwrap();
                }
            });
        }
    });
    start.elapsed().as_secs_f64()
}

fn main() {
    let numbers: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let threads = numbers.first().copied().unwrap_or(8);
    let per_thread = numbers.get(1).copied().unwrap_or(200);
    let total = (threads * per_thread) as f64;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.set_flush_each(true);
    let alone = run(&store, threads, per_thread);
    store.set_flush_each(false);
    let grouped = run(&store, threads, per_thread);
    let serial = run(&store, 1, per_thread);
    println!("audit entries, {threads} threads x {per_thread}, each durable before its call returns");
    println!("one flush each     {alone:8.2} s  {:8.0} entries/s", total / alone);
    println!("group commit       {grouped:8.2} s  {:8.0} entries/s", total / grouped);
    println!(
        "one thread alone   {serial:8.2} s  {:8.0} entries/s  ({per_thread} entries)",
        per_thread as f64 / serial
    );
    println!("group commit / one flush each: {:.2}x", alone / grouped);
    assert_eq!(store.verify_audit().unwrap().first_break, None, "the chain is whole");
}
