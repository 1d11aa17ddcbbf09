#!/usr/bin/env bash
# Sets up and runs EcCrm on this machine: Azurite, the Server and the demo shop's data.
#   scripts/run.sh            then open the URLs it prints; Ctrl+C stops the Server and Azurite.
# Settings come from scripts/demo.env unless already set in the environment.
#   ECCRM_PORT_OFFSET=100 scripts/run.sh   moves the whole stack: Azurite to 10100-10102, the Server to :5180.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
set -a
# shellcheck source=scripts/demo.env
. scripts/demo.env
set +a
url="$ECCRM_URL"

command -v dotnet >/dev/null || { echo "run.sh: the .NET SDK is required (see global.json)" >&2; exit 1; }

scripts/azurite.sh start run

echo "Building..." >&2
dotnet build src/EcCrm.Server/EcCrm.Server.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build src/EcCrm.Cli/EcCrm.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2

eccrm=src/EcCrm.Cli/bin/Release/net10.0/eccrm

server_pid=""
shoppers_pid=""
cleanup() {
  trap - EXIT INT TERM
  for pid in "$shoppers_pid" "$server_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  scripts/azurite.sh stop run
}
trap cleanup EXIT INT TERM
mkdir -p .eccrm
# The settings the Server runs with, for eccrm commands run from this folder (they read .eccrm/settings.env).
env | grep -E '^(Storage|Shop|Webhooks|Api|SendGrid|Unsubscribe|Mail|Journeys|Sweep)__' | sort >.eccrm/settings.env

# The demo replays the 45 days before its first run on a fast clock (a day every 4 s), then keeps real time. Not
# faster: the journeys' durable timers and queues live in Azurite, and at a day every 2 s a two-core machine fell
# minutes behind the clock, so conversions showed up long after the replay, the held-out customers' (who are sent
# nothing, so cost less) first.
# Its origin is kept with Azurite's data, so later runs go on with the same story (and start afresh with it).
clock_file=.azurite/run/eccrm-demo-clock
if [[ -f "$clock_file" ]]; then
  read -r real_origin simulated_origin <"$clock_file"
else
  real_origin=""
  simulated_origin="$(date -u -d '-45 days' +%Y-%m-%dT%H:%M:%SZ)"
fi

# History first: the Server's first sweep must see the customers who become due.
"$eccrm" seed --until "$simulated_origin"

if [[ -z "$real_origin" ]]; then
  real_origin="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '%s %s\n' "$real_origin" "$simulated_origin" >"$clock_file"
fi
export TimeScale__Factor="${TimeScale__Factor:-21600}" TimeScale__CatchUp=true
export TimeScale__RealOrigin="$real_origin" TimeScale__SimulatedOrigin="$simulated_origin"
# At a day every 4 s, host.json's 2 s of idle polling would be half a simulated day: poll the queues more often.
export AzureFunctionsJobHost__extensions__queues__maxPollingInterval="${AzureFunctionsJobHost__extensions__queues__maxPollingInterval:-00:00:00.200}"
# SendGrid's event webhook, played by the demo customers: their events are signed with this local key.
SendGrid__EventWebhookPublicKey="$("$eccrm" demo event-key .eccrm/demo-event-key.pem)"
export SendGrid__EventWebhookPublicKey

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

# The demo customers open e-mail and some order again (more of those e-mailed than of those held out), until
# Ctrl+C stops them with the Server.
"$eccrm" demo shoppers --server "$url" --event-key .eccrm/demo-event-key.pem >.eccrm/shoppers.log 2>&1 &
shoppers_pid=$!

cat <<NEXT

EcCrm is running at $url (log: .eccrm/server.log). The journeys are replaying the last 45 days at
a day every 4 s (about 3 minutes; the demo customers' log: .eccrm/shoppers.log). Watch them on the dashboard:
  $url/   (API key: $Api__Key)      e-mail sent: $url/dev/mail

Try:

  curl -s -H "X-Api-Key: $Api__Key" "$url/api/customers?email=demo.customer00009@example.com"
  curl -s "$url/healthz"

Post an order like a shop would (generic format, signed with the demo secret):
  body='{"orderId":"try-1","status":"paid","placedAt":"2026-11-23T10:00:00+09:00","currency":"JPY","total":3200,"customer":{"email":"you@example.com","firstName":"You"},"lines":[{"productId":"tea-sencha","title":"Sencha Premium 100g","quantity":2,"unitPrice":1500}]}'
  t=\$(date +%s); sig=\$(printf '%s.%s' "\$t" "\$body" | openssl dgst -sha256 -hmac "$Webhooks__Generic__Secret" -hex | sed 's/^.* //')
  curl -s -X POST "$url/webhooks/orders/generic" -H "X-EcCrm-Signature: t=\$t,v1=\$sig" -H 'Content-Type: application/json' -d "\$body"

Press Ctrl+C to stop the Server and Azurite.
NEXT

wait "$server_pid"
