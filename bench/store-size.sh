#!/usr/bin/env bash
# The store's disk use (issue 22): data-folder bytes per content byte, the sled database
# (`db/`) apart from the content files (`blobs/`) and the search index (`index/`), each as
# apparent bytes (`du -b`) and allocated blocks (`du`), and sled's files against the keys and
# values it holds (`kirjuri disk-use`). The decision on record: beyond 3× for sled, compaction
# (ARCHITECTURE.md, "The store").
#
#   bench/store-size.sh [COUNT]                  ingests COUNT documents (default 100,000) of the
#                                                bench/search.sh corpus, reindexes, reports
#   bench/store-size.sh DATA_FOLDER CONTENT_BYTES  reports an existing data folder
#
# SCALE_DIR as in bench/scale.sh. A benchmark, not a test: it reports and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
kirjuri="${CARGO_TARGET_DIR:-target}/release/kirjuri"
if [ $# -eq 2 ]; then
    # Called by bench/scale.sh with the binary it built.
    data="$1"
    content_bytes="$2"
else
    cargo build --release -q -p kirjuri
    count="${1:-100000}"
    scale_dir="${SCALE_DIR:-/var/tmp}"
    corpus="$scale_dir/kirjuri-scale-corpus-$count"
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$corpus"
        python3 bench/search_bench.py generate "$corpus" "$count"
        touch "$corpus/.complete"
    fi
    work="$(mktemp -d "$scale_dir/kirjuri-store-size.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    data="$work/data"
    case_id=$("$kirjuri" --data "$data" case open --class "00 02 06" --title "Levytila")
    "$kirjuri" --data "$data" ingest "$corpus/docs" --case "$case_id" --record-type viranhaltijapaatos >/dev/null 2>&1
    "$kirjuri" --data "$data" reindex 2>/dev/null
    content_bytes=$(find "$corpus/docs" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
fi
documents=$("$kirjuri" --data "$data" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
used_json="$(mktemp)"
"$kirjuri" --data "$data" disk-use --json >"$used_json"
python3 - "$data" "$content_bytes" "$documents" "$used_json" <<'PY'
import json, subprocess, sys
data, content, documents = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
used = json.load(open(sys.argv[4]))
def du(path, *flags):
    return int(subprocess.run(["du", "-s", *flags, path], capture_output=True, text=True, check=True).stdout.split()[0])
rows = []
for part in ("db", "blobs", "index"):
    path = f"{data}/{part}"
    rows.append((part, du(path, "-b"), du(path, "-B1")))
total = ("data folder", du(data, "-b"), du(data, "-B1"))
mib = lambda b: b / 2**20
print(f"documents: {documents}; content: {mib(content):.1f} MiB ({content / max(documents, 1):.0f} bytes per document)")
print("| part | apparent (du -b) MiB | allocated (du) MiB | apparent / content byte | allocated / content byte |")
print("|---|---|---|---|---|")
for name, apparent, allocated in rows + [total]:
    print(f"| {name} | {mib(apparent):.1f} | {mib(allocated):.1f} | {apparent / content:.2f} | {allocated / content:.2f} |")
print(f"sled db/: holds {mib(used['logical_bytes']):.1f} MiB of keys and values "
      f"({used['logical_bytes'] / max(documents, 1):.0f} bytes per document); its files are "
      f"{used['db_per_logical_byte']:.2f}× that (apparent), "
      f"{used['db']['allocated_bytes'] / max(used['logical_bytes'], 1):.2f}× (allocated); "
      f"sled's size_on_disk {mib(used['sled_size_on_disk']):.1f} MiB")
for tree in used["trees"]:
    if tree["entries"]:
        print(f"  tree {tree['name']}: {tree['entries']} entries, {mib(tree['key_bytes'] + tree['value_bytes']):.1f} MiB")
PY
rm -f "$used_json"
