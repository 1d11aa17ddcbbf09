#!/usr/bin/env bash
# Runs every test that can run here: unit tests, integration tests on Azurite, and the rest of EcCrm.Local.slnf.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter ...]
# Installs what it needs (Azurite from npm) and starts and stops its own in-memory Azurite.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK is required (see global.json)" >&2; exit 1; }

scripts/azurite.sh start test
trap 'scripts/azurite.sh stop test' EXIT

dotnet test EcCrm.Local.slnf -c Release --nologo "$@"
