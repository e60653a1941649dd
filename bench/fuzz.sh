#!/usr/bin/env bash
# Deeper fuzzing (issue 22, "Hostile inputs at scale"): the same proptest properties `cargo
# test` runs with 256 cases each, run with CASES cases each (default 100,000), one crate at a
# time, with the wall time per crate. Found cases are kept in each crate's
# `proptest-regressions/fuzz.txt` (commit them) and replayed first on every later run.
#   bench/fuzz.sh [CASES] [crate ...]      e.g. bench/fuzz.sh 20000 kirjuri-sheet kirjuri-plan
# Backup restore and archive verify run a quarter of CASES (each case opens a database or
# hashes a package). A debug build, as in CI; set PROFILE=--release for more cases per minute.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-100000}"
shift || true
crates=("$@")
if [ ${#crates[@]} -eq 0 ]; then
    crates=(kirjuri-sheet kirjuri-contracts kirjuri-governance kirjuri-incidents kirjuri-registry
        kirjuri-clock kirjuri-plan kirjuri-store kirjuri-archive kirjuri-app kirjuri-extract)
fi
for crate in "${crates[@]}"; do
    cargo test -q ${PROFILE:-} -p "$crate" --test fuzz --no-run
    start=$(date +%s)
    KIRJURI_FUZZ_CASES="$cases" cargo test -q ${PROFILE:-} -p "$crate" --test fuzz -- --test-threads=2 >/tmp/fuzz-"$crate".log 2>&1 \
        || { echo "$crate: FAILED after $(( $(date +%s) - start )) s, see /tmp/fuzz-$crate.log"; exit 1; }
    echo "$crate: $cases cases per property in $(( $(date +%s) - start )) s"
done
