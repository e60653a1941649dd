#!/usr/bin/env bash
# Scale benchmark (issue 22): COUNT synthetic Finnish documents of about 2 KB (default
# 1,000,000; the corpus of bench/search.sh) through the real ingest (`kirjuri ingest` of the
# folder, release build), a full `kirjuri reindex`, then the query classes of bench/search.sh,
# side by side with SQLite FTS5 on the same texts in the same run. Reports the ingest rate, the
# indexing rate (Kirjuri and SQLite), the size of the data folder (db, blobs, index, each
# apparent and allocated; bench/store-size.sh), peak memory (max RSS of the ingest, of the
# reindex, of `kirjuri check`, and of a `kirjuri serve` answering the queries over HTTP), and
# p50/p99 per query class: in process (the index alone, as bench/search.sh measures it) against
# SQLite, and through the service (HTTP, sign-in, audit entry per search).
#
#   bench/scale.sh [COUNT]
#
# SCALE_DIR (default /var/tmp: the corpus of a million files and its data folder need ~15 GB,
# more than a small /tmp) holds the corpus, kept between runs as kirjuri-scale-corpus-COUNT,
# and the run's folder, removed at the end unless KEEP=1. REPEATS (default 100) runs of each
# query. INGEST_WITHOUT_FSYNC=1 runs the ingest under eatmydata (Debian package; every fsync a
# no-op) to build a big data folder in minutes where only the later figures are wanted: its
# rate is then no durable rate, and the report says so. A benchmark, not a test: it reports
# and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
repeats="${REPEATS:-100}"
scale_dir="${SCALE_DIR:-/var/tmp}"
cargo build --release -q -p kirjuri
target="${CARGO_TARGET_DIR:-target}/release"
kirjuri="$target/kirjuri"
corpus="$scale_dir/kirjuri-scale-corpus-$count"
work="$(mktemp -d "$scale_dir/kirjuri-scale.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; fi
    if [ -n "${poller:-}" ]; then kill "$poller" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
log() { echo "$(date -u +%H:%M:%S) $*" >&2; }
# `timed NAME command…`: runs the command under /usr/bin/time; NAME.time holds "seconds maxrss_kb".
timed() {
    local name="$1"
    shift
    /usr/bin/time -o "$work/$name.time" -f '%e %M' "$@"
}
seconds() { cut -d' ' -f1 "$work/$1.time"; }
mib() { echo "$(cut -d' ' -f2 "$work/$1.time") / 1024" | bc; }

if [ ! -f "$corpus/.complete" ]; then
    log "generating $count documents into $corpus"
    rm -rf "$corpus"
    python3 bench/search_bench.py generate "$corpus" "$count"
    touch "$corpus/.complete"
fi
# Content bytes: the files' own sizes, what the data folder's sizes are divided by.
content_bytes=$(find "$corpus/docs" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

export KIRJURI_DATA="$work/data"
log "ingest: $count files"
case_id=$("$kirjuri" case open --class "00 02 06" --title "Skaalaustesti")
wrapper=()
ingest_kind="durable: each document acknowledged after its fsyncs"
if [ "${INGEST_WITHOUT_FSYNC:-0}" = 1 ]; then
    wrapper=(eatmydata)
    ingest_kind="WITHOUT fsync (eatmydata): not a durable rate"
fi
timed ingest "${wrapper[@]}" "$kirjuri" ingest "$corpus/docs" --case "$case_id" --record-type viranhaltijapaatos \
    >"$work/ids.txt" 2>"$work/ingest.log" || { tail "$work/ingest.log" >&2; exit 1; }
acknowledged=$(wc -l <"$work/ids.txt")
log "ingest: $acknowledged acknowledged in $(seconds ingest) s, max RSS $(mib ingest) MiB ($ingest_kind)"

log "reindex"
timed reindex "$kirjuri" reindex 2>"$work/reindex.log" || { cat "$work/reindex.log" >&2; exit 1; }
log "SQLite FTS5 index"
log "reindex: $(seconds reindex) s, max RSS $(mib reindex) MiB"
sqlite_rate=$(python3 bench/search_bench.py sqlite-index "$corpus")
log "SQLite FTS5: ${sqlite_rate%.*} docs/s"
sqlite_bytes=$(du -b "$corpus/fts.sqlite" | cut -f1)

log "queries in process: Kirjuri"
cargo build --release -q -p kirjuri-search --example query_latency
"$target/examples/query_latency" "$KIRJURI_DATA/index" "$corpus/queries.tsv" "$repeats" >"$work/kirjuri.json"
log "queries: SQLite"
log "Kirjuri in process: $(cat "$work/kirjuri.json")"
python3 bench/search_bench.py sqlite-query "$corpus" "$repeats" >"$work/sqlite.json"
log "SQLite: $(cat "$work/sqlite.json")"
rm -f "$corpus/fts.sqlite"*

log "queries through kirjuri serve"
password="scale-$(date +%s)-$RANDOM-admin"
KIRJURI_ADMIN_PASSWORD="$password" KIRJURI_LOG=warn "$kirjuri" serve --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 600); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n1 || true)"
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; echo "the server did not start" >&2; exit 1; }
# The service's memory every half second while it answers: VmRSS, RssAnon, RssFile (kB).
(
    while kill -0 "$server" 2>/dev/null; do
        awk '/^(VmRSS|RssAnon|RssFile|VmHWM):/ {printf "%s %s ", $1, $2} END {print ""}' "/proc/$server/status" 2>/dev/null || true
        sleep 0.5
    done
) >"$work/serve-rss.txt" &
poller=$!
python3 - "$base" "$password" "$corpus/queries.tsv" "$repeats" >"$work/http.json" <<'PY'
import http.client, json, sys, time, urllib.parse
base, password, queries, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host = urllib.parse.urlsplit(base).netloc
conn = http.client.HTTPConnection(host, timeout=600)
def call(method, path, body=None, headers={}):
    conn.request(method, path, body=body, headers=headers)
    answer = conn.getresponse()
    data = answer.read()
    if not 200 <= answer.status < 300:
        sys.exit(f"{method} {path}: {answer.status} {data[:300]!r}")
    return json.loads(data)
token = call("POST", "/api/v1/tokens", json.dumps({"name": "admin", "password": password}),
             {"content-type": "application/json"})["token"]
auth = {"authorization": "Bearer " + token}
lines = [l.split("\t", 1) for l in open(queries, encoding="utf-8").read().splitlines() if l.strip()]
times, hits = {}, {}
for _ in range(repeats):
    for kind, query in lines:
        path = "/api/v1/search?" + urllib.parse.urlencode({"q": query, "limit": 10})
        start = time.perf_counter()
        answer = call("GET", path, headers=auth)
        times.setdefault(kind, []).append(int((time.perf_counter() - start) * 1e6))
        hits[kind] = hits.get(kind, 0) + answer["total"]
out = {}
for kind, samples in times.items():
    samples.sort()
    at = lambda p: samples[round((len(samples) - 1) * p)]
    out[kind] = {"p50_us": at(0.5), "p99_us": at(0.99), "queries": len(samples), "total_hits": hits[kind]}
print(json.dumps(out))
PY
sleep 1
serve_hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$server/status")
log "HTTP: $(cat "$work/http.json"); serve VmHWM $((serve_hwm_kb / 1024)) MiB"
kill "$server" && wait "$server" 2>/dev/null || true
server=""
kill "$poller" 2>/dev/null || true
poller=""

bench/store-size.sh "$KIRJURI_DATA" "$content_bytes" >"$work/store-size.txt"
cat "$work/store-size.txt" >&2
log "kirjuri check"
timed check "$kirjuri" check >"$work/check.log" 2>&1 || { tail "$work/check.log" >&2; echo "kirjuri check FAILED" >&2; }

python3 - "$work" "$count" "$acknowledged" "$(seconds ingest)" "$(seconds reindex)" "$sqlite_rate" \
    "$(mib ingest)" "$(mib reindex)" "$(mib check)" "$(seconds check)" "$serve_hwm_kb" "$sqlite_bytes" \
    "$(tail -n1 "$work/check.log")" "$ingest_kind" <<'PY'
import json, sys
(work, count, acknowledged, ingest_s, reindex_s, sqlite_rate, ingest_mib, reindex_mib, check_mib,
 check_s, serve_hwm_kb, sqlite_bytes, check_line, ingest_kind) = sys.argv[1:]
count, acknowledged = int(count), int(acknowledged)
ingest_s, reindex_s, sqlite_rate = float(ingest_s), float(reindex_s), float(sqlite_rate)
k = json.load(open(f"{work}/kirjuri.json"))
lite = json.load(open(f"{work}/sqlite.json"))
http = json.load(open(f"{work}/http.json"))
peak = {"VmRSS:": 0, "RssAnon:": 0, "RssFile:": 0}
for line in open(f"{work}/serve-rss.txt"):
    parts = line.split()
    for name, value in zip(parts[::2], parts[1::2]):
        if name in peak:
            peak[name] = max(peak[name], int(value))
rate = count / reindex_s
print(f"documents: {count} (~2 KB each), acknowledged by the ingest: {acknowledged}")
print(f"ingest (kirjuri ingest, one process, {ingest_kind}): {ingest_s:.0f} s, "
      f"{count / ingest_s:.0f} documents/s, max RSS {ingest_mib} MiB")
print(f"indexing: Kirjuri reindex {reindex_s:.0f} s = {rate:.0f} docs/s (max RSS {reindex_mib} MiB); "
      f"SQLite FTS5 {sqlite_rate:.0f} docs/s; Kirjuri/SQLite {rate / sqlite_rate:.2f}×")
print(f"SQLite FTS5 database: {int(sqlite_bytes) / 2**20:.0f} MiB")
print(f"kirjuri serve answering {sum(v['queries'] for v in http.values())} searches: peak VmRSS {peak['VmRSS:'] / 1024:.0f} MiB "
      f"(anonymous {peak['RssAnon:'] / 1024:.0f} MiB, file-backed {peak['RssFile:'] / 1024:.0f} MiB: mapped index and database pages), "
      f"VmHWM {int(serve_hwm_kb) / 1024:.0f} MiB; target < 2048 MiB")
print(f"kirjuri check: {float(check_s):.0f} s, max RSS {check_mib} MiB: {check_line}")
print("| query class | Kirjuri in process | SQLite FTS5 | Kirjuri/SQLite | Kirjuri via HTTP (kirjuri serve) |")
print("|---|---|---|---|---|")
for kind in ("one-word", "two-word", "phrase"):
    for p in ("p50_us", "p99_us"):
        a, b, c = k[kind][p], lite["queries"][kind][p], http[kind][p]
        print(f"| {kind} {p[:3]} µs | {a} | {b} | {a / max(b, 1):.2f} | {c} |")
for kind in ("one-word", "two-word", "phrase"):
    per = lambda r: r["total_hits"] / r["queries"]
    print(f"matching documents per {kind} query (mean): Kirjuri {per(k[kind]):.0f}, "
          f"SQLite {per(lite['queries'][kind]):.0f}, HTTP {per(http[kind]):.0f}")
PY
cat "$work/store-size.txt"
