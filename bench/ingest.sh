#!/usr/bin/env bash
# Ingest rate: registers N small text files (default 10,000) into one case with the release
# binary, every document acknowledged only after its content and record are fsynced, and
# reports documents per second. Side by side: `cp` + `sync` of the same files, the floor for
# "write each file durably". A benchmark, not a test: it reports and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
cargo build --release -q -p kirjuri
bin="${CARGO_TARGET_DIR:-target}/release/kirjuri"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/files"
python3 - "$work/files" "$count" <<'PY'
import sys, os
folder, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    with open(os.path.join(folder, f"kirje-{n:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(f"Kirje {n}: pyydän tietoja hankintasopimuksesta {n * 7919}. " * 8)
PY
export KIRJURI_DATA="$work/data"
"$bin" plan versions >/dev/null
start=$(date +%s.%N)
"$bin" ingest "$work/files" --class 02.06.04 --record-type ostolasku >/dev/null 2>&1
end=$(date +%s.%N)
kirjuri_s=$(echo "$end - $start" | bc -l)

# Peer: copy each file and fsync it individually (what a durable per-document write costs).
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
"$bin" check | tail -1
printf "documents            %d\n" "$count"
printf "kirjuri ingest       %.2f s  %.0f documents/s\n" "$kirjuri_s" "$(echo "$count / $kirjuri_s" | bc -l)"
printf "copy + fsync each    %.2f s  %.0f files/s\n" "$copy_s" "$(echo "$count / $copy_s" | bc -l)"
printf "ratio                %.2f x the fsync-per-file floor\n" "$(echo "$kirjuri_s / $copy_s" | bc -l)"
