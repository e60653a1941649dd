#!/usr/bin/env bash
# Ingest rate, side by side in one run: N small text files (default 10,000) registered into one
# case with the release binary
#   - per document (`--batch-size 1`): each document acknowledged only after its content and
#     record are fsynced (the behaviour before group commit),
#   - batched (the default batches): each batch's files written and fsynced in parallel, its
#     records committed in one transaction with one flush, ids printed after that,
# and the floor: copy each file and fsync it, one file after the other (what a durable write per
# file costs). Prints rates and ratios (targets of issue 22: batched >= 3x per document, and
# within 1.5x of the floor). A benchmark, not a test: it reports and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
cargo build --release -q -p kirjuri
bin="${CARGO_TARGET_DIR:-target}/release/kirjuri"
# The work folder must be on a real disk (not tmpfs, where fsync costs nothing): KIRJURI_BENCH_DIR.
work="$(mktemp -d "${KIRJURI_BENCH_DIR:-${TMPDIR:-/tmp}}/kirjuri-ingest.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/files"
python3 - "$work/files" "$count" <<'PY'
import sys, os
folder, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    with open(os.path.join(folder, f"kirje-{n:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(f"Kirje {n}: pyydän tietoja hankintasopimuksesta {n * 7919}. " * 8)
PY
sync

ingest() { # data folder, extra arguments; prints seconds
    local data="$1"; shift
    KIRJURI_DATA="$data" "$bin" plan versions >/dev/null
    local start end
    start=$(date +%s.%N)
    KIRJURI_DATA="$data" "$bin" ingest "$work/files" --class 02.06.04 --record-type ostolasku "$@" >"$data.ids" 2>/dev/null
    end=$(date +%s.%N)
    [ "$(wc -l <"$data.ids")" -eq "$count" ] || { echo "ingest $* printed $(wc -l <"$data.ids") ids, not $count" >&2; exit 1; }
    KIRJURI_DATA="$data" "$bin" check >/dev/null || { echo "check failed after ingest $*" >&2; exit 1; }
    echo "$end - $start" | bc -l
}

batched_s=$(ingest "$work/batched")
single_s=$(ingest "$work/single" --batch-size 1)

# Floor: copy each file and fsync it individually, then the folder once.
mkdir -p "$work/copy"
start=$(date +%s.%N)
python3 - "$work/files" "$work/copy" <<'PY'
import sys, os
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    data = open(os.path.join(src, name), "rb").read()
    fd = os.open(os.path.join(dst, name), os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, data); os.fsync(fd); os.close(fd)
dfd = os.open(dst, os.O_RDONLY); os.fsync(dfd); os.close(dfd)
PY
end=$(date +%s.%N)
copy_s=$(echo "$end - $start" | bc -l)

rate() { echo "$count / $1" | bc -l; }
printf "documents                       %d (file system of %s: %s)\n" "$count" "$work" "$(stat -f -c %T "$work")"
printf "ingest, per document (-b 1)     %7.2f s  %7.0f documents/s\n" "$single_s" "$(rate "$single_s")"
printf "ingest, batched (default)       %7.2f s  %7.0f documents/s\n" "$batched_s" "$(rate "$batched_s")"
printf "floor: copy + fsync each file   %7.2f s  %7.0f files/s\n" "$copy_s" "$(rate "$copy_s")"
printf "batched vs per document         %7.2f x faster (target >= 3)\n" "$(echo "$single_s / $batched_s" | bc -l)"
printf "batched vs floor                %7.2f x the floor's time (target <= 1.5)\n" "$(echo "$batched_s / $copy_s" | bc -l)"
printf "per document vs floor           %7.2f x the floor's time\n" "$(echo "$single_s / $copy_s" | bc -l)"
