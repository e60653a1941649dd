# Sourced by tests/api-schemathesis.sh and bench/load.sh: a `kirjuri serve --demo` on a free
# loopback port in a throw-away data folder, and an admin token for it.
#
#   start_demo_server KIRJURI_BINARY WORK_FOLDER
#       sets $server (pid), $base (http://127.0.0.1:PORT), $token (admin bearer token) and
#       $server_log; the caller's EXIT trap should call stop_demo_server.

start_demo_server() {
    local kirjuri="$1" work="$2"
    local password="demo-server-$(date +%s)-$RANDOM-admin"
    server_log="$work/serve.log"
    KIRJURI_ADMIN_PASSWORD="$password" KIRJURI_LOG=warn "$kirjuri" --data "$work/data" serve --demo \
        --listen 127.0.0.1:0 > "$server_log" 2>&1 &
    server=$!
    base=""
    for _ in $(seq 1 150); do
        base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$server_log" | head -n1 || true)"
        [ -n "$base" ] && break
        sleep 0.2
    done
    [ -n "$base" ] || { cat "$server_log" >&2; echo "the server did not start" >&2; return 1; }
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
}

stop_demo_server() {
    if [ -n "${server:-}" ]; then
        kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
        server=""
    fi
    return 0
}
