#!/usr/bin/env bash
# Archive-export benchmark (issue 7): export ~1 GiB of record content (a few thousand files) as
# a signed package, side by side in one run with `bagit.py --sha256` over the same files and
# plain SHA-256 hashing of them (`openssl dgst -sha256`, which uses SHA-NI, ARCHIVE.md §11).
# Reports wall times, MiB/s, ratios and the exporter's peak memory. Asserts nothing.
#   bench/export.sh [FILES] [KIB_PER_FILE]     default 2000 files of 512 KiB = 1000 MiB
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-2000}"
kib="${2:-512}"
cargo build --release -q -p kirjuri
bin="$(pwd)/${CARGO_TARGET_DIR:-target}/release/kirjuri"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/kirjuri-bench/venv-bagit"
if [[ ! -x "$venv/bin/bagit.py" ]]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q bagit==1.9.0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/export_bench.py "$bin" "$venv/bin/bagit.py" "$work" "$files" "$kib"
