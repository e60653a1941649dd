//! Approving a plan version is one atomic step: of approvals of the same draft sent at the same
//! moment exactly one is stored, and the others are refused as conflicts (security test: six
//! parallel approvals with different `valid_from` gave three successes and a stored date that
//! was not the one the first success reported).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::sync::Barrier;

use chrono::{Days, NaiveDate};
use kirjuri_plan::{Plan, PlanState};
use kirjuri_store::{PlanVersions, Store, StoreError};

fn draft() -> Plan {
    let mut plan = kirjuri_plan::sample::load().plan.expect("the sample plan loads");
    plan.meta.state = PlanState::Draft;
    plan.meta.valid_from = None;
    plan
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The sample plan approved from 2025-01-01 as version 1, on a store in a temporary folder.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut first = kirjuri_plan::sample::load().plan.unwrap();
    first.meta.valid_from = Some(day("2025-01-01"));
    store.plan_versions().unwrap().add(first).unwrap();
    (dir, store)
}

/// Six threads approve `version` at once, each from its own day; returns the days whose
/// approval succeeded and the errors of the others.
fn approve_at_once(versions: &PlanVersions, version: u32, days: &[NaiveDate]) -> (Vec<NaiveDate>, Vec<StoreError>) {
    let start = Barrier::new(days.len());
    let results: Vec<(NaiveDate, Result<(), StoreError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = days
            .iter()
            .map(|&valid_from| {
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    let result = versions
                        .approve(version, valid_from, "arkistonhoitaja", day("2026-11-30"))
                        .map(|_| ());
                    (valid_from, result)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut won = Vec::new();
    let mut refused = Vec::new();
    for (valid_from, result) in results {
        match result {
            Ok(()) => won.push(valid_from),
            Err(error) => refused.push(error),
        }
    }
    (won, refused)
}

#[test]
fn of_six_concurrent_approvals_of_one_draft_exactly_one_is_stored() {
    let (_dir, store) = store();
    let versions = store.plan_versions().unwrap();
    // Several rounds, each on a new draft, so that a race has many chances to show.
    for round in 0..5u64 {
        let version = versions.add(draft()).unwrap();
        let first_day = day("2026-12-01").checked_add_days(Days::new(100 * round)).unwrap();
        let days: Vec<NaiveDate> = (0..6)
            .map(|n| first_day.checked_add_days(Days::new(n)).unwrap())
            .collect();
        let (won, refused) = approve_at_once(&versions, version, &days);
        assert_eq!(won.len(), 1, "round {round}: exactly one approval wins, not {won:?}");
        assert_eq!(refused.len(), 5);
        for error in &refused {
            assert!(
                matches!(error, StoreError::Conflict(message) if message.contains("already approved")),
                "round {round}: {error}"
            );
        }
        let stored = versions.get(version).unwrap().unwrap();
        assert_eq!(stored.meta.state, PlanState::Approved);
        assert_eq!(
            stored.meta.valid_from,
            Some(won[0]),
            "round {round}: the winner's day is stored"
        );
        let previous = versions.get(version - 1).unwrap().unwrap();
        assert_eq!(
            previous.meta.valid_to,
            won[0].pred_opt(),
            "round {round}: the version before ends the day before the winner's"
        );
    }
}

#[test]
fn approvals_move_forward_in_time() {
    let (_dir, store) = store();
    let versions = store.plan_versions().unwrap();
    let today = day("2026-11-30");
    let second = versions.add(draft()).unwrap();
    let third = versions.add(draft()).unwrap();

    // Not before the day of approval, and a four-digit year from 1900.
    for valid_from in [day("2026-01-01"), day("2026-11-29"), day("1899-12-31")] {
        let Err(StoreError::Rejected { code, message }) = versions.approve(second, valid_from, "a", today) else {
            panic!("{valid_from} is refused");
        };
        assert_eq!(code, "bad_valid_from", "{message}");
    }
    for valid_from in [
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(-1, 1, 1).unwrap(),
    ] {
        let refused = versions.approve(second, valid_from, "a", today);
        assert!(
            matches!(&refused, Err(StoreError::Rejected { code: "bad_valid_from", message }) if message.contains("1900-9999")),
            "{valid_from}: {refused:?}"
        );
    }

    // Version 2 approved for a later day, not yet in force; version 3 may not start before
    // it (or on it), which would hide version 2 for ever.
    versions.approve(second, day("2027-01-01"), "a", today).unwrap();
    for valid_from in [day("2026-12-01"), day("2027-01-01")] {
        let Err(StoreError::Conflict(message)) = versions.approve(third, valid_from, "a", today) else {
            panic!("{valid_from} is refused");
        };
        assert!(
            message.contains("plan version 2 is approved from 2027-01-01"),
            "{message}"
        );
    }
    assert_eq!(
        versions.get(third).unwrap().unwrap().meta.state,
        PlanState::Draft,
        "nothing stored"
    );
    let approval = versions.approve(third, day("2027-06-01"), "a", today).unwrap();
    assert_eq!(approval.plan.meta.valid_from, Some(day("2027-06-01")));
    let ended: Vec<(u32, Option<NaiveDate>)> = approval
        .ended
        .iter()
        .map(|p| (p.meta.version, p.meta.valid_to))
        .collect();
    assert_eq!(ended, [(second, Some(day("2027-05-31")))]);

    // Every day has exactly one version in force, and each is reachable.
    for (on, expected) in [
        ("2026-11-30", 1),
        ("2026-12-31", 1),
        ("2027-01-01", second),
        ("2027-05-31", second),
        ("2027-06-01", third),
    ] {
        let plan = versions.in_force(day(on)).unwrap().unwrap();
        assert_eq!(plan.meta.version, expected, "in force on {on}");
    }
    assert_eq!(
        versions.get(1).unwrap().unwrap().meta.valid_to,
        Some(day("2026-12-31")),
        "version 1 ends when version 2 begins"
    );
}
