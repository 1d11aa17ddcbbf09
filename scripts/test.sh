#!/usr/bin/env bash
# Builds the whole solution (EcCrm.sln, the Functions app included) and runs every test: unit tests, the journey
# orchestration on the Durable Task engine, integration tests on Azurite, the browser test and the Bicep tests.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter ...]
# Installs what it needs (Azurite from npm, Debian's Chromium for the browser test) and starts and stops its own
# in-memory Azurite.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK is required (see global.json)" >&2; exit 1; }

# The dashboard test drives Debian's Chromium (Playwright's own browser download does not work offline).
if [[ ! -x /usr/bin/chromium ]]; then
  if command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser test..." >&2
    sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >/dev/null && $sudo_cmd apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: /usr/bin/chromium is missing and apt-get is not available; the browser test will fail." >&2
  fi
fi

scripts/azurite.sh start test
trap 'scripts/azurite.sh stop test' EXIT

dotnet test EcCrm.sln -c Release --nologo "$@"
