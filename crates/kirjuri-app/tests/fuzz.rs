//! Hostile inputs (issue 22): the search query syntax and the search filters, as every front
//! end hands them to the application layer. Random text and broken versions of a good query
//! (open quotes and brackets, deep nesting, field names that do not exist, NULs, very long
//! words) are answered or refused with an error (`q`, or the filter's name), never a panic,
//! within bounded time.
//!
//! Cases per property: `KIRJURI_FUZZ_CASES` (default 256); found cases are kept in
//! `proptest-regressions/fuzz.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../../fuzz/mutate.rs"]
mod mutate;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use kirjuri_app::{App, AppError, FilterInput};
use kirjuri_registry::{Actor, RegistryConfig, RegistryError};
use kirjuri_search::{Filters, Reader, SearchError};
use kirjuri_store::Store;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

const CASE_BUDGET: Duration = Duration::from_secs(5);
const GOOD: &str = "kuulutus AND (tuoresana OR \"rakennus lupa\") -poistettu title:päätös sana*";
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"\"",
    b":",
    b"*",
    b"~",
    b"^",
    b"[",
    b"]",
    b" TO ",
    b" AND ",
    b" OR ",
    b" NOT ",
    b"+",
    b"-",
    b"\\",
    b"nonexistent:",
    b"body:",
    b"{",
    b"}",
    b"/",
    b"IN [",
];

fn app_in(dir: &std::path::Path) -> App {
    let store = Store::open(dir).unwrap();
    store
        .plan_versions()
        .unwrap()
        .add(kirjuri_plan::sample::load().plan.unwrap())
        .unwrap();
    let config = RegistryConfig {
        prefix: "LAI".to_owned(),
        default_department: "hallintotoimi".to_owned(),
    };
    App::new(store, config, "Laitilan kaupunki")
}

fn actor() -> Actor {
    Actor {
        name: "tarkastaja".to_owned(),
        at: Utc::now(),
        purpose: None,
    }
}

fn search_checked(app: &App, text: &str) {
    let started = Instant::now();
    let result = app.search(text, &Reader::public_only("fuzz"), &Filters::default(), 10, &actor());
    assert!(started.elapsed() < CASE_BUDGET, "search took {:?}", started.elapsed());
    match result {
        Ok(_) | Err(AppError::Search(SearchError::Query(_))) => {}
        Err(AppError::Registry(RegistryError::Invalid { message, .. })) => {
            assert!(message.contains('q'), "the error names the query: {message}");
        }
        Err(other) => panic!("{text:?}: unexpected error {other:?}"),
    }
}

fn run(strategy: impl Strategy<Value = String>, check: impl Fn(&App, &str)) {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let mut runner = TestRunner::new(mutate::config());
    runner
        .run(&strategy, |text| {
            check(&app, &text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn search_survives_random_queries() {
    run(mutate::random_text(), search_checked);
}

#[test]
fn search_survives_broken_queries() {
    run(
        mutate::mutations(6).prop_map(|changes| {
            String::from_utf8_lossy(&mutate::apply(GOOD.as_bytes(), &changes, TOKENS)).into_owned()
        }),
        search_checked,
    );
}

/// 500 brackets deep is as deep as a query of the longest allowed length (1,000 characters)
/// can nest: answered or refused, not a stack overflow.
#[test]
fn the_deepest_allowed_nesting_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    for query in [
        format!("{}a{}", "(".repeat(499), ")".repeat(499)),
        format!("{}a", "(".repeat(999)),
        format!("{}a", "-".repeat(999)),
        format!("{}a", "+(".repeat(499)),
        "\0".repeat(1000),
    ] {
        search_checked(&app, &query);
    }
}

proptest! {
    #![proptest_config(mutate::config())]

    /// Filters: every refusal names its field.
    #[test]
    fn filters_parse_or_name_the_field(
        class in proptest::option::of(mutate::random_text()),
        case_state in proptest::option::of(mutate::random_text()),
        language in proptest::option::of(mutate::random_text()),
        sort in proptest::option::of(mutate::random_text()),
        from in proptest::option::of(0i64..100_000),
        to in proptest::option::of(0i64..100_000),
    ) {
        let day = |n: i64| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(n);
        let input = FilterInput {
            class: class.as_deref(),
            record_type: None,
            from: from.map(day),
            to: to.map(day),
            case_state: case_state.as_deref(),
            language: language.as_deref(),
            sort: sort.as_deref(),
        };
        if let Err(error) = input.parse() {
            let text = error.to_string();
            prop_assert!(
                ["`class`", "`case_state`", "`language`", "`sort`", "`from`"].iter().any(|f| text.contains(f)),
                "{}", text
            );
        }
    }
}
