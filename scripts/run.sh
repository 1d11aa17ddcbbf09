#!/usr/bin/env bash
# Sets up and runs EcCrm on this machine: Azurite, the Server and the demo shop's data.
#   scripts/run.sh            then open the URLs it prints; Ctrl+C stops the Server and Azurite.
# Settings come from scripts/demo.env unless already set in the environment.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
set -a
# shellcheck source=scripts/demo.env
. scripts/demo.env
set +a
url="${ECCRM_URL:-http://127.0.0.1:5080}"

command -v dotnet >/dev/null || { echo "run.sh: the .NET SDK is required (see global.json)" >&2; exit 1; }

scripts/azurite.sh start run

echo "Building..." >&2
dotnet build src/EcCrm.Server/EcCrm.Server.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build src/EcCrm.Cli/EcCrm.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2

server_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  scripts/azurite.sh stop run
}
trap cleanup EXIT INT TERM

mkdir -p .eccrm
dotnet run --no-build -c Release --project src/EcCrm.Server -- --urls "$url" >.eccrm/server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fs -o /dev/null "$url/healthz"; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the Server stopped during start-up; its log follows." >&2
    cat .eccrm/server.log >&2
    exit 1
  fi
  sleep 0.5
done
curl -fs -o /dev/null "$url/healthz" || { echo "run.sh: the Server did not become healthy; see .eccrm/server.log" >&2; exit 1; }

dotnet run --no-build -c Release --project src/EcCrm.Cli -- seed

cat <<NEXT

EcCrm is running at $url (log: .eccrm/server.log). Try:

  curl -s -H "X-Api-Key: $Api__Key" "$url/api/customers?email=demo.customer00000@example.com"
  curl -s "$url/healthz"

Post an order like a shop would (generic format, signed with the demo secret):
  body='{"orderId":"try-1","status":"paid","placedAt":"2026-11-23T10:00:00+09:00","currency":"JPY","total":3200,"customer":{"email":"you@example.com","firstName":"You"},"lines":[{"productId":"tea-sencha","title":"Sencha Premium 100g","quantity":2,"unitPrice":1500}]}'
  t=\$(date +%s); sig=\$(printf '%s.%s' "\$t" "\$body" | openssl dgst -sha256 -hmac "$Webhooks__Generic__Secret" -hex | sed 's/^.* //')
  curl -s -X POST "$url/webhooks/orders/generic" -H "X-EcCrm-Signature: t=\$t,v1=\$sig" -H 'Content-Type: application/json' -d "\$body"

Press Ctrl+C to stop the Server and Azurite.
NEXT

wait "$server_pid"
