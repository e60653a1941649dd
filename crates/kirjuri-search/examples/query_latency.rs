//! Query latency of an existing index, for `bench/search.sh`: reads `kind<TAB>query` lines,
//! runs each query `repeats` times and prints p50/p99 per kind in microseconds as JSON.
//!
//! Usage: `query_latency <index dir> <queries.tsv> <repeats>`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark tool: a panic is a failed run

use std::collections::BTreeMap;
use std::time::Instant;

use kirjuri_search::{Filters, Reader, SearchIndex};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, queries, repeats] = args.as_slice() else {
        panic!("usage: query_latency <index dir> <queries.tsv> <repeats>");
    };
    let repeats: usize = repeats.parse().unwrap();
    let index = SearchIndex::open(std::path::Path::new(dir)).unwrap();
    let reader = Reader::city_wide("bench");
    let filters = Filters::default();
    let mut times: BTreeMap<String, Vec<u128>> = BTreeMap::new();
    let mut hits: BTreeMap<String, usize> = BTreeMap::new();
    let text = std::fs::read_to_string(queries).unwrap();
    for _ in 0..repeats {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let (kind, query) = line.split_once('\t').unwrap();
            let started = Instant::now();
            let results = index.search(query, &reader, &filters, 10).unwrap();
            times
                .entry(kind.to_owned())
                .or_default()
                .push(started.elapsed().as_micros());
            *hits.entry(kind.to_owned()).or_default() += results.total;
        }
    }
    let mut out = serde_json::Map::new();
    for (kind, mut samples) in times {
        samples.sort_unstable();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        out.insert(
            kind.clone(),
            serde_json::json!({"p50_us": at(0.5), "p99_us": at(0.99), "queries": samples.len(), "total_hits": hits[&kind]}),
        );
    }
    println!("{}", serde_json::Value::Object(out));
}
