//! Shared by every crate's `tests/fuzz.rs` (included with `#[path]`): the case count, the
//! place found cases are kept, and the mutations that turn a valid fixture into a
//! structured-but-broken input. Test code only.
//!
//! `KIRJURI_FUZZ_CASES` sets the cases per property (default 256, so `cargo test` stays within
//! the CI budget); `bench/fuzz.sh` runs the same properties with many more.

#![allow(dead_code)] // each fuzz file uses a different part

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Cases per property: `KIRJURI_FUZZ_CASES`, or 256.
pub fn cases() -> u32 {
    std::env::var("KIRJURI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// The proptest configuration of every fuzz property: found cases are kept in the crate's
/// `proptest-regressions/fuzz.txt` (cargo runs tests from the crate folder) and replayed first.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz.txt",
        ))),
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// One change to a fixture. Positions are fractions of the input's length so a mutation means
/// the same thing however the earlier ones changed it.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Cut the input off here.
    Truncate(prop::sample::Index),
    /// XOR one byte.
    Flip(prop::sample::Index, u8),
    /// Insert a NUL byte.
    Nul(prop::sample::Index),
    /// Insert a byte that is never valid UTF-8 (0xFF) or a Latin-1 `ä` (0xE4).
    BadEncoding(prop::sample::Index, bool),
    /// Delete up to `len` bytes.
    Delete(prop::sample::Index, usize),
    /// Copy a region of the input next to itself (duplicate keys, rows, elements).
    Duplicate(prop::sample::Index, usize),
    /// Insert one of the format's interesting tokens.
    Token(prop::sample::Index, prop::sample::Index),
    /// Insert one of the format's tokens many times (deep nesting, very long lines, huge fields).
    Repeat(prop::sample::Index, prop::sample::Index, usize),
}

/// Mutations for a format whose interesting tokens are `tokens`.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        index().prop_map(Mutation::Truncate),
        (index(), 1u8..).prop_map(|(i, b)| Mutation::Flip(i, b)),
        index().prop_map(Mutation::Nul),
        (index(), any::<bool>()).prop_map(|(i, b)| Mutation::BadEncoding(i, b)),
        (index(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (index(), 1usize..256).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (index(), index()).prop_map(|(i, t)| Mutation::Token(i, t)),
        (index(), index(), 2usize..20_000).prop_map(|(i, t, n)| Mutation::Repeat(i, t, n)),
    ]
}

/// Up to `most` mutations.
pub fn mutations(most: usize) -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..=most)
}

fn at(input: &[u8], index: &prop::sample::Index) -> usize {
    index.index(input.len() + 1)
}

/// `input` with `mutations` applied in order; `tokens` are the format's interesting strings.
pub fn apply(input: &[u8], mutations: &[Mutation], tokens: &[&[u8]]) -> Vec<u8> {
    let mut out = input.to_vec();
    for mutation in mutations {
        match mutation {
            Mutation::Truncate(i) => {
                let p = at(&out, i);
                out.truncate(p);
            }
            Mutation::Flip(i, b) => {
                if !out.is_empty() {
                    let p = i.index(out.len());
                    out[p] ^= b;
                }
            }
            Mutation::Nul(i) => {
                let p = at(&out, i);
                out.insert(p, 0);
            }
            Mutation::BadEncoding(i, latin1) => {
                let p = at(&out, i);
                out.insert(p, if *latin1 { 0xE4 } else { 0xFF });
            }
            Mutation::Delete(i, n) => {
                let p = at(&out, i);
                let end = (p + n).min(out.len());
                out.drain(p..end);
            }
            Mutation::Duplicate(i, n) => {
                let p = at(&out, i);
                let end = (p + n).min(out.len());
                let region = out[p..end].to_vec();
                out.splice(end..end, region);
            }
            Mutation::Token(i, t) => {
                if !tokens.is_empty() {
                    let p = at(&out, i);
                    let token = tokens[t.index(tokens.len())];
                    out.splice(p..p, token.iter().copied());
                }
            }
            Mutation::Repeat(i, t, n) => {
                if !tokens.is_empty() {
                    let p = at(&out, i);
                    let token = tokens[t.index(tokens.len())];
                    let run: Vec<u8> = token.iter().copied().cycle().take(token.len() * n).collect();
                    out.splice(p..p, run);
                }
            }
        }
    }
    out
}

/// Random bytes, mostly short, sometimes long.
pub fn random_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..256),
        1 => prop::collection::vec(any::<u8>(), 0..16_384),
    ]
}

/// Random text drawn from the characters parsers trip on.
pub fn random_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[ -~\\n\\r\\t\\x00äöåÄÖ€\u{feff}\u{202e}]{0,400}",]
}

/// Tokens that break CSV files: quotes, separators, line ends, a BOM, NUL.
pub const CSV_TOKENS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xEF\xBB\xBF",
    b"\0",
    b"31.2.2026",
    b"2026-13-01",
    b"99999999999999999999",
    b"-1",
    b"\xC3\xA4",
];

/// Every error of a CSV import names the file and a line from 1: `file:LINE: ...`.
pub fn assert_csv_errors(file: &str, errors: &[String]) {
    assert!(!errors.is_empty(), "refused without saying why");
    for error in errors {
        let rest = error
            .strip_prefix(&format!("{file}:"))
            .unwrap_or_else(|| panic!("error does not name the file: {error:?}"));
        let line: u64 = rest
            .split(':')
            .next()
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| panic!("error does not name a line: {error:?}"));
        assert!(line >= 1, "error names line 0: {error:?}");
    }
}
