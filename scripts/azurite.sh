#!/usr/bin/env bash
# Azurite, managed by the project: the pinned npm package from tools/azurite, bound to loopback.
#
#   scripts/azurite.sh start [run|test]     install if needed, start, wait until healthy (idempotent)
#   scripts/azurite.sh stop [run|test]      stop the instance this script started
#   scripts/azurite.sh status [run|test]    exit 0 when healthy
#   scripts/azurite.sh connection-string [run|test]
#
# Profiles keep the demo and the tests apart:
#   run   ports 10000-10002, data kept under .azurite/run (survives restarts)
#   test  ports 10010-10012, in memory (every test run starts empty)
# ECCRM_PORT_OFFSET=n moves both by n (the whole local stack moves with it, see scripts/demo.env);
# AZURITE_BASE_PORT sets the first port of a profile outright.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_dir="$root/tools/azurite"
state_dir="$root/.azurite"

command="${1:-start}"
profile="${2:-${AZURITE_PROFILE:-run}}"

case "$profile" in
  run)  base_port="${AZURITE_BASE_PORT:-$((10000 + ${ECCRM_PORT_OFFSET:-0}))}"; persistence=(--location "$state_dir/run") ;;
  test) base_port="${AZURITE_BASE_PORT:-$((10010 + ${ECCRM_PORT_OFFSET:-0}))}"; persistence=(--inMemoryPersistence) ;;
  *) echo "azurite.sh: unknown profile '$profile' (use run or test)" >&2; exit 2 ;;
esac

blob_port=$base_port
queue_port=$((base_port + 1))
table_port=$((base_port + 2))
pid_file="$state_dir/$profile.pid"
log_file="$state_dir/$profile.log"

# The well-known Azurite development key (public, documented by Microsoft; not a secret).
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$account_key" "$blob_port" "$queue_port" "$table_port"
}

# Healthy = every service answers HTTP on its port (an unauthenticated request gets 4xx, which is an answer).
healthy() {
  local port code
  for port in "$blob_port" "$queue_port" "$table_port"; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/devstoreaccount1?comp=list" || true)
    [[ "$code" =~ ^[1-5][0-9][0-9]$ ]] || return 1
  done
}

install() {
  if [[ -x "$tool_dir/node_modules/.bin/azurite" ]] && \
     grep -q '"version": "'"$(node -p "require('$tool_dir/package.json').dependencies.azurite")"'"' \
       "$tool_dir/node_modules/azurite/package.json" 2>/dev/null; then
    return 0
  fi
  command -v npm >/dev/null || { echo "azurite.sh: npm is required (Node.js 18 or later)" >&2; exit 1; }
  echo "Installing Azurite $(node -p "require('$tool_dir/package.json').dependencies.azurite") (pinned in tools/azurite)..." >&2
  (cd "$tool_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

start() {
  if healthy; then
    echo "Azurite ($profile) already answers on 127.0.0.1:$blob_port-$table_port." >&2
    return 0
  fi
  install
  mkdir -p "$state_dir"
  [[ "$profile" == run ]] && mkdir -p "$state_dir/run"
  # setsid: the instance outlives this script but can be stopped as one process group.
  # --disableTelemetry: Azurite otherwise collects usage data on every request and tries to send it out; it cost
  # about a sixth of Azurite's busy time in a profile (docs/benchmarks.md).
  setsid "$tool_dir/node_modules/.bin/azurite" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" \
    "${persistence[@]}" --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry --silent \
    >"$log_file" 2>&1 < /dev/null &
  echo $! >"$pid_file"
  for _ in $(seq 1 120); do
    if healthy; then
      echo "Azurite ($profile) is up on 127.0.0.1:$blob_port-$table_port." >&2
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "azurite.sh: Azurite exited during start-up; its log follows." >&2
      cat "$log_file" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "azurite.sh: Azurite did not become healthy within 60 s; see $log_file" >&2
  exit 1
}

stop() {
  [[ -f "$pid_file" ]] || return 0
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  echo "Azurite ($profile) stopped." >&2
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) healthy ;;
  install) install ;;
  connection-string) connection_string; echo ;;
  *) echo "usage: scripts/azurite.sh start|stop|status|install|connection-string [run|test]" >&2; exit 2 ;;
esac
