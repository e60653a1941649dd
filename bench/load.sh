#!/usr/bin/env bash
# Load on a real `kirjuri serve --demo` (release build) over loopback with wrk at 32
# concurrent connections: registering information requests (POST, each one a durable
# transaction with its case, diary number and audit entry), full-text search, and a
# trivial endpoint of the same server (GET /health) as the ceiling.
#
#   bench/load.sh [SECONDS_PER_RUN]        (default 15)
#
# Needs wrk (Debian: apt-get install wrk). Prints requests/s and p50/p99 per scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
command -v wrk >/dev/null || { echo "bench/load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }

cargo build --release -q -p kirjuri
kirjuri="${CARGO_TARGET_DIR:-target}/release/kirjuri"
# shellcheck source=tests/lib/demo-server.sh
. tests/lib/demo-server.sh
work="$(mktemp -d)"
trap 'stop_demo_server; rm -rf "$work"' EXIT
start_demo_server "$kirjuri" "$work"

cat > "$work/register.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"kind":"publicity","received":"2026-11-27","requester":"Kuormitustesti","channel":"email"}'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
sed -e '/wrk.method/d' -e '/Content-Type/d' -e '/wrk.body/d' "$work/register.lua" > "$work/get.lua"

run() {
    local name="$1" script="$2" path="$3"
    local line
    line="$(wrk -t4 -c32 -d"${duration}s" --latency -s "$script" "$base$path" | grep '^RESULT')"
    read -r _ rps p50 p99 bad errors <<< "$line"
    printf '%-34s %10s req/s   p50 %7s ms   p99 %7s ms   non-2xx %s   socket errors %s\n' \
        "$name" "$rps" "$p50" "$p99" "$bad" "$errors"
}

echo "wrk, 4 threads, 32 connections, ${duration} s each, $(nproc) cores, server: $base"
run "GET /health (ceiling)" "$work/get.lua" "/health"
run "GET /api/v1/search?q=sopimus" "$work/get.lua" "/api/v1/search?q=sopimus"
run "POST /api/v1/requests (register)" "$work/register.lua" "/api/v1/requests"
registered="$(python3 - "$base" "$token" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(sys.argv[1] + "/api/v1/requests?all=true",
    headers={"authorization": "Bearer " + sys.argv[2]})
print(sum(1 for r in json.load(urllib.request.urlopen(request)) if r.get("requester") == "Kuormitustesti"))
PY
)"
echo "requests registered by the load and listed afterwards: $registered"
stop_demo_server
"$kirjuri" --data "$work/data" check > "$work/check.log" 2>&1 && echo "kirjuri check after the load: passed" \
    || { cat "$work/check.log"; echo "kirjuri check after the load: FAILED" >&2; exit 1; }
