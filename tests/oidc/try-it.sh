#!/usr/bin/env bash
# Runs Kirjuri (with the demo data) and the local test OpenID provider side by side, so that
# "Kirjaudu kaupungin tunnuksella" on http://127.0.0.1:8080/login can be tried: sign in at the
# provider as `liisa` (registrar), `arto` (archivist) or `ulla` (no mapped group: no access),
# with any password. The demo's local accounts keep working. Ctrl-C stops both.
# Needs node and npm (Debian: apt install nodejs npm); the data folder is ./kirjuri-oidc-data
# (or KIRJURI_DATA).
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${KIRJURI_DATA:-./kirjuri-oidc-data}"
provider_port=9000
kirjuri="http://127.0.0.1:8080"

[ -d tests/oidc/node_modules/oidc-provider ] || (cd tests/oidc && npm ci --no-audit --no-fund)
node tests/oidc/provider.mjs --port "$provider_port" --accounts tests/oidc/accounts.json \
    --client-id kirjuri --client-secret kirjuri-test-secret \
    --redirect-uri "$kirjuri/oidc/callback" --post-logout-redirect-uri "$kirjuri/login" &
provider=$!
trap 'kill "$provider" 2>/dev/null || true' EXIT

mkdir -p "$data"
if [ ! -f "$data/config.toml" ]; then
    cat > "$data/config.toml" <<TOML
organisation = "Laitilan kaupunki"
diary_prefix = "LAI"
default_department = "hallintotoimi"

# The local test provider of tests/oidc (never use its secret anywhere else).
[oidc]
issuer = "http://127.0.0.1:$provider_port"
client_id = "kirjuri"
client_secret = "kirjuri-test-secret"
redirect_url = "$kirjuri/oidc/callback"
end_session = true
post_logout_redirect_url = "$kirjuri/login"
local_sign_in = "all"

[[oidc.mappings]]
group = "g-archive"
role = "archivist"
departments = ["keskushallinto"]

[[oidc.mappings]]
group = "g-registry"
role = "registrar"
departments = ["hallintotoimi"]
TOML
fi
# Plain HTTP on loopback: the session cookie cannot be `Secure` here.
KIRJURI_INSECURE_COOKIES=1 cargo run -q --release -p kirjuri -- --data "$data" serve --demo
