#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a real `kirjuri serve --demo` on loopback: every operation
# of /openapi.json is fuzzed with an admin token; the run fails on any 5xx answer, on a status
# code or content type the description does not list, or on a body that does not match its
# schema. The server's log must hold no error line afterwards.
#
#   tests/api-schemathesis.sh [PATH_TO_KIRJURI_BINARY]
#
# schemathesis is installed once into a venv under ${XDG_CACHE_HOME:-$HOME/.cache}.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
kirjuri="${1:-${CARGO_TARGET_DIR:-target}/debug/kirjuri}"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/kirjuri-schemathesis-$SCHEMATHESIS_VERSION"
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

# shellcheck source=tests/lib/demo-server.sh
. tests/lib/demo-server.sh
work="$(mktemp -d)"
trap 'stop_demo_server; rm -rf "$work"' EXIT
start_demo_server "$kirjuri" "$work"
log="$server_log"

# Token revocation is left out: revoking the run's own token would turn the rest into 401s
# (the role-matrix test covers both revoke operations).
"$venv/bin/schemathesis" run "$base/openapi.json" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-operation-id revoke_own_tokens --exclude-operation-id revoke_user_tokens \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-50}" --workers 1 --seed 20261129

if grep -E '(^| )ERROR ' "$log"; then
    echo "the server logged errors during the run" >&2
    exit 1
fi
echo "schemathesis: no 5xx, every answer matches /openapi.json"
