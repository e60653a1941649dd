#!/usr/bin/env bash
# Soak: a release `kirjuri serve --demo` under a steady mixed load for a long time (default 30
# minutes): registrations, uploads, searches, reads and list views from 12 client threads at a
# fixed total rate, with a disposal (proposed, approved by a second archivist, executed) and an
# archive export in the middle. Reports the server's resident memory over time and its trend,
# p50/p99 per operation for the whole run and the first against the last tenth (creep), every
# failed request, every warning or error line in the server log, and `kirjuri check` at the end.
#
#   bench/soak.sh [MINUTES] [REQUESTS_PER_SECOND]      (defaults 30 and 40)
#
# The tables go to stdout; minutes.csv, rss.csv, errors.log and the server log are kept in the
# folder named at the end. A benchmark, not a test, but it exits 1 on any failure it saw.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
rate="${2:-40}"
cargo build --release -q -p kirjuri
kirjuri="${CARGO_TARGET_DIR:-target}/release/kirjuri"
# shellcheck source=tests/lib/demo-server.sh
. tests/lib/demo-server.sh
work="$(mktemp -d /var/tmp/kirjuri-soak.XXXXXX)"
trap 'stop_demo_server' EXIT
start_demo_server "$kirjuri" "$work"
echo "soak: $minutes min at $rate requests/s against $base (pid $server), $(nproc) cores, data in $work/data"
status=0
python3 bench/soak_driver.py "$base" "$token" "$server" "$((minutes * 60))" "$rate" "$work" || status=1
stop_demo_server
# The demo server logs at warn: any line at all is a warning or an error worth reading.
logged="$(grep -cE ' (WARN|ERROR) ' "$work/serve.log" || true)"
echo "server log: $logged warning or error lines ($work/serve.log)"
[ "$logged" -eq 0 ] || { grep -E ' (WARN|ERROR) ' "$work/serve.log" | head -20; status=1; }
if "$kirjuri" --data "$work/data" check > "$work/check.log" 2>&1; then
    echo "kirjuri check after the soak: passed ($(tail -1 "$work/check.log"))"
else
    cat "$work/check.log"; echo "kirjuri check after the soak: FAILED"; status=1
fi
du -sh "$work/data" | sed 's/^/data folder: /'
echo "results: $work (minutes.csv, rss.csv, events.log, errors.log, serve.log)"
exit "$status"
