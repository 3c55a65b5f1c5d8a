#!/usr/bin/env bash
# Rewrites firmware/Handheld.Core/nanoframework-api.txt with the lines of shared/nanoframework/api-surface.txt
# that the compiled Core references. Fails, naming them, when Core references something the device lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
surface=${1:-../shared/nanoframework/api-surface.txt}
dotnet build firmware/Handheld.Core/Handheld.Core.csproj -c Release -v q -nologo
dotnet run --project tools/Handheld.PortabilityGuard -c Release -- allowlist \
  firmware/Handheld.Core/bin/Release/net10.0/Handheld.Core.dll "$surface" firmware/Handheld.Core/nanoframework-api.txt
