//! Benchmark (not a test): how long listing what is due on a day takes with N documents.
//! Side by side: the range scan over the retention-end index (what `kirjuri retention due`
//! does) and a full scan of every document (the naive peer). Reports, asserts nothing.
//!
//! `cargo run --release -p kirjuri-archive --example dues_bench -- 1000000`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use kirjuri_plan::{
    ClassCode, PersonalData, PublicityClass, Restriction, Retention, RetentionPeriod, RetentionTrigger,
};
use kirjuri_registry::{DOCUMENT, DiaryNumber, Direction, Document, RetentionStatus};
use kirjuri_store::{IndexKey, Store};

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("kirjuri-dues-bench-{}", std::process::id()));
    let store = Store::open(&dir).unwrap();
    let class = ClassCode::parse("02 06 04").unwrap();
    let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let started = Instant::now();
    let batch = 20_000u64;
    let mut written = 0u64;
    while written < count {
        let upto = (written + batch).min(count);
        store
            .transact(|tx| {
                for n in written..upto {
                    // Retention ends spread over 40 years, one in 14,600 per day.
                    let end = base.checked_add_days(Days::new(n % 14_600)).unwrap();
                    let document = Document {
                        id: format!("doc-{n}"),
                        case_id: format!("case-{}", n / 10),
                        diary_number: DiaryNumber {
                            prefix: "LAI".to_owned(),
                            number: n / 10 + 1,
                            class: class.clone(),
                            year: 2020,
                        },
                        class: class.clone(),
                        record_type: "ostolasku".to_owned(),
                        record_type_name: "Ostolasku".to_owned(),
                        direction: Direction::Incoming,
                        title: format!("Lasku {n}"),
                        created_on: end,
                        received_on: None,
                        sent_on: None,
                        parties: vec![],
                        language: "fi".to_owned(),
                        restriction: Restriction {
                            publicity: Some(PublicityClass::Public),
                            personal_data: Some(PersonalData::Personal),
                            personal_identity_code: Some(false),
                            ..Default::default()
                        },
                        retention: Retention {
                            period: Some(RetentionPeriod::Years(6)),
                            trigger: Some(RetentionTrigger::EndOfFinancialYear),
                            reason: Some("KPL 2:10".to_owned()),
                        },
                        overrides: vec![],
                        plan_version: 1,
                        content: None,
                        physical: None,
                        trigger_event_on: None,
                        retention_status: RetentionStatus::EndsOn(end),
                        subject_died_on: None,
                        relationship_ended_on: None,
                        legal_holds: vec![],
                        registered_by: "bench".to_owned(),
                        registered_at: Utc::now(),
                    };
                    tx.put(
                        DOCUMENT,
                        &document.id,
                        &document,
                        &[IndexKey::new("retention_end", end.to_string())],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        written = upto;
    }
    let load_time = started.elapsed();
    let day = NaiveDate::from_ymd_opt(2000, 3, 1).unwrap();

    let mut indexed_times = Vec::new();
    let mut due = 0;
    for _ in 0..5 {
        let t = Instant::now();
        due = kirjuri_archive::due_on(&store, day, None).unwrap().len();
        indexed_times.push(t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let full_scan_due = store
        .list::<Document>(DOCUMENT)
        .unwrap()
        .into_iter()
        .filter(|d| matches!(d.retention_status, RetentionStatus::EndsOn(end) if end <= day))
        .count();
    let full_scan = t.elapsed().as_secs_f64();
    indexed_times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("documents                 {count}");
    println!("load (batched writes)     {:.1} s", load_time.as_secs_f64());
    println!(
        "due on {day}          {due} records (full scan agrees: {})",
        due == full_scan_due
    );
    println!(
        "range scan by end date    median {:.1} ms (best {:.1} ms, 5 runs)",
        indexed_times[2] * 1000.0,
        indexed_times[0] * 1000.0
    );
    println!("full scan of documents    {:.1} ms", full_scan * 1000.0);
    println!("ratio                     {:.0}x faster", full_scan / indexed_times[2]);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
