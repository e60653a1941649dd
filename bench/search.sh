#!/usr/bin/env bash
# Search benchmark: N synthetic Finnish documents of about 2 KB (default 100,000) indexed by
# Kirjuri (`kirjuri reindex`, Voikko when installed), PostgreSQL full-text search (`finnish`
# configuration, stored tsvector column + GIN index) and SQLite FTS5, then query latency
# p50/p99 for one-word, two-word and phrase queries on each, in the same run. Indexing is timed
# INDEX_RUNS times (default 3), Kirjuri and SQLite alternating, and the medians are compared:
# on a noisy machine one pair of runs alone says little.
# Needs: Debian postgresql (started here on a local port as the postgres user), python3; psycopg
# comes from PyPI into a venv. A benchmark, not a test: it reports and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
# Each query runs `repeats` times on Kirjuri and SQLite (p99 of 4 queries × 100 = 400 samples per
# kind, not the maximum of a few), and PG_REPEATS times on PostgreSQL (its queries take ~1 s).
repeats="${2:-100}"
pg_repeats="${PG_REPEATS:-20}"
port="${PG_PORT:-55432}"
index_runs="${INDEX_RUNS:-3}"
cargo build --release -q -p kirjuri
cargo build --release -q -p kirjuri-search --example query_latency
target="${CARGO_TARGET_DIR:-target}/release"
work="$(mktemp -d /tmp/kirjuri-search-bench.XXXXXX)"
chmod 755 "$work"
pgdata="$work/pg"
cleanup() {
    runuser -u postgres -- /usr/lib/postgresql/*/bin/pg_ctl -D "$pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q "psycopg[binary]"
py="$work/venv/bin/python"
echo "generating $count documents" >&2
$py bench/search_bench.py generate "$work/corpus" "$count"

# Kirjuri: register the files (not timed here; see bench/ingest.sh), then time a full index build.
export KIRJURI_DATA="$work/data"
case_id=$("$target/kirjuri" case open --class "00 02 06" --title "Hakuvertailu")
"$target/kirjuri" ingest "$work/corpus/docs" --case "$case_id" --record-type viranhaltijapaatos >/dev/null 2>&1
# Indexing, alternating: a full Kirjuri rebuild (`kirjuri reindex`, whole process) and a fresh
# SQLite FTS5 table over the same texts.
kirjuri_rates=()
sqlite_rates=()
for run in $(seq "$index_runs"); do
    start=$(date +%s.%N)
    "$target/kirjuri" reindex 2>"$work/reindex.log" || { cat "$work/reindex.log" >&2; exit 1; }
    end=$(date +%s.%N)
    kirjuri_rates+=("$(echo "$count / ($end - $start)" | bc -l)")
    sqlite_rates+=("$($py bench/search_bench.py sqlite-index "$work/corpus")")
    echo "indexing run $run: Kirjuri ${kirjuri_rates[-1]%.*} docs/s, SQLite ${sqlite_rates[-1]%.*} docs/s" >&2
done
"$target/examples/query_latency" "$KIRJURI_DATA/index" "$work/corpus/queries.tsv" "$repeats" >"$work/kirjuri.json"
analysis=$("$target/kirjuri" search sopimus --limit 1 --json | $py -c 'import json,sys; print(json.load(sys.stdin)["analysis"])')

# PostgreSQL, started here as the postgres user on a private port.
mkdir -p "$pgdata" && chown postgres "$pgdata"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" -w start >/dev/null
$py bench/search_bench.py postgres "$work/corpus" "$pg_repeats" "$port" >"$work/postgres.json"
$py bench/search_bench.py sqlite "$work/corpus" "$repeats" >"$work/sqlite.json"

$py - "$work" "$count" "$analysis" "${kirjuri_rates[*]}" "${sqlite_rates[*]}" <<'PY'
import json, statistics, sys
work, count, analysis = sys.argv[1], int(sys.argv[2]), sys.argv[3]
k_runs = [float(x) for x in sys.argv[4].split()]
s_runs = [float(x) for x in sys.argv[5].split()]
k = json.load(open(f"{work}/kirjuri.json"))
pg = json.load(open(f"{work}/postgres.json"))
lite = json.load(open(f"{work}/sqlite.json"))
k_rate, s_rate = statistics.median(k_runs), statistics.median(s_runs)
print(f"documents: {count} (~2 KB each); Kirjuri analysis: {analysis}; query samples per kind: "
      f"Kirjuri {k['phrase']['queries']}, PostgreSQL {pg['queries']['phrase']['queries']}, SQLite {lite['queries']['phrase']['queries']}")
print(f"indexing runs (docs/s, alternating): Kirjuri {', '.join(f'{x:.0f}' for x in k_runs)}; "
      f"SQLite {', '.join(f'{x:.0f}' for x in s_runs)}; "
      f"pairwise Kirjuri/SQLite {', '.join(f'{a/b:.2f}' for a, b in zip(k_runs, s_runs))}")
print("| | Kirjuri | PostgreSQL finnish | SQLite FTS5 | Kirjuri/PG | Kirjuri/SQLite |")
print("|---|---|---|---|---|---|")
print(f"| indexing docs/s (median of {len(k_runs)}; PG one run) | {k_rate:.0f} | {pg['docs_per_s']:.0f} | {s_rate:.0f} | {k_rate/pg['docs_per_s']:.2f}× | {k_rate/s_rate:.2f}× |")
for kind in ("one-word", "two-word", "phrase"):
    for p in ("p50_us", "p99_us"):
        a, b, c = k[kind][p], pg["queries"][kind][p], lite["queries"][kind][p]
        print(f"| {kind} {p[:3]} µs | {a} | {b} | {c} | {a/max(b,1):.2f} | {a/max(c,1):.2f} |")
for kind in ("one-word", "two-word", "phrase"):
    per = lambda r: r["total_hits"] / r["queries"]
    print(f"matching documents per {kind} query (mean): Kirjuri {per(k[kind]):.0f}, "
          f"PostgreSQL {per(pg['queries'][kind]):.0f}, SQLite {per(lite['queries'][kind]):.0f}")
PY
