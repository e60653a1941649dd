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

data="$(mktemp -d)"
log="$data/serve.log"
cleanup() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$data"
}
trap cleanup EXIT
password="schemathesis-$(date +%s)-admin"
KIRJURI_ADMIN_PASSWORD="$password" KIRJURI_LOG=warn "$kirjuri" --data "$data/kirjuri" serve --demo \
    --listen 127.0.0.1:0 > "$log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 100); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
    [ -n "$base" ] && break
    sleep 0.2
done
[ -n "$base" ] || { cat "$log" >&2; echo "the server did not start" >&2; exit 1; }

token="$(python3 - "$base" "$password" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1] + "/api/v1/tokens",
    data=json.dumps({"name": "admin", "password": sys.argv[2]}).encode(),
    headers={"content-type": "application/json"},
)
print(json.load(urllib.request.urlopen(request))["token"])
PY
)"

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
