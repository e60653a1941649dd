#!/usr/bin/env bash
# Runs the README's tour as a new user would: the ```sh block(s) of README.md that follow a
# `<!-- tour ... -->` line, in order, with `set -euo pipefail`, on a fresh data folder. The
# working folder is a new temp folder with `fixtures` and `retention-rules` linked to the
# repository's, so the tour's paths are those of a user in the repository root, and every file
# it writes stays in the temp folder (removed afterwards). `kirjuri` is the given binary, not
# the README's `cargo run` alias. Fails on the first command that fails, naming its README line.
# The tour runs `kirjuri ocr`, which needs Tesseract (CI installs it; see .ci/run).
#
#   tests/readme-tour.sh [PATH_TO_KIRJURI_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

kirjuri_bin="${1:-${CARGO_TARGET_DIR:-target}/debug/kirjuri}"
case "$kirjuri_bin" in /*) ;; *) kirjuri_bin="$repo/$kirjuri_bin" ;; esac
if [ ! -x "$kirjuri_bin" ]; then
    echo "no kirjuri binary at $kirjuri_bin (cargo build -p kirjuri)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The tour with its README line numbers kept: every line outside a tour block (and the alias,
# which a script does not expand anyway) becomes an empty line, so line N of tour.sh is line N
# of README.md.
awk '
    fence && /^```/ { fence = 0; marked = 0; print ""; next }
    fence { if ($0 ~ /^alias kirjuri=/) print ""; else print; next }
    marked && /^```sh[[:space:]]*$/ { fence = 1; blocks++; print ""; next }
    /^<!-- tour/ { marked = 1; print ""; next }
    { if ($0 !~ /^[[:space:]]*$/) marked = 0; print "" }
    END { if (blocks == 0) exit 3; if (fence) exit 4 }
' README.md > "$work/tour.sh" || {
    echo "README.md: no complete \`\`\`sh block after a <!-- tour --> line" >&2
    exit 1
}

mkdir "$work/run" "$work/bin"
ln -s "$repo/fixtures" "$work/run/fixtures"
ln -s "$repo/retention-rules" "$work/run/retention-rules"
ln -s "$kirjuri_bin" "$work/bin/kirjuri"
export PATH="$work/bin:$PATH"
cd "$work/run"
export KIRJURI_DATA="$work/run/kirjuri-data"
unset KIRJURI_ACTOR

started=$SECONDS
(
    set -euo pipefail
    trap 'status=$?; echo "README tour failed at README.md:$LINENO (exit $status): $(sed -n "${LINENO}p" "$repo/README.md")" >&2' ERR
    # shellcheck disable=SC1091
    . "$work/tour.sh"
) </dev/null
echo "README tour: $(grep -c . "$work/tour.sh") lines ran without error in $((SECONDS - started)) s"
