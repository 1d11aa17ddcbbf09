#!/usr/bin/env bash
# Runs the Bicep CLI pinned in Directory.Packages.props (package Azure.Bicep.CommandLine.linux-x64),
# the same executable the infra tests use, so CI, tests and people lint with one version.
#
#   scripts/bicep.sh lint infra/main.bicep
#   scripts/bicep.sh build infra/main.bicep --stdout
#   scripts/bicep.sh --version
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tests/EcCrm.Deploy.Tests/EcCrm.Deploy.Tests.csproj"

if [[ -z "${BICEP_PATH:-}" ]]; then
  # Restoring the test project brings the package into the NuGet cache and sets $(BicepPath).
  dotnet restore "$project" --verbosity quiet >&2
  BICEP_PATH="$(dotnet msbuild "$project" -nologo -getProperty:BicepPath)"
fi

if [[ ! -f "$BICEP_PATH" ]]; then
  echo "bicep.sh: no Bicep CLI at '$BICEP_PATH'" >&2
  exit 1
fi
# NuGet does not always keep the executable bit of package content.
[[ -x "$BICEP_PATH" ]] || chmod +x "$BICEP_PATH"

exec "$BICEP_PATH" "$@"
