#!/usr/bin/env bash
# Rewrites firmware/nanoframework-api.txt with the lines of shared/nanoframework/api-surface.txt
# that Core references, as compiled for .NET and as compiled against the real nanoFramework mscorlib (the two
# compilers lower events, lock and string building differently). Fails, naming them, when Core references
# something the device lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
surface=${1:-../shared/nanoframework/api-surface.txt}
dotnet build firmware/Handheld.Core.Device/Handheld.Core.Device.csproj -c Release -v q -nologo
dotnet build tests/Handheld.Core.NanoCheck -c Release -v q -nologo
dotnet run --project tools/Handheld.PortabilityGuard -c Release -- allowlist "$surface" firmware/nanoframework-api.txt \
  firmware/Handheld.Core.{Primitives,Crypto,Licensing,Sensing,Device}/bin/Release/net10.0/Handheld.Core.*.dll \
  tests/Handheld.Core.NanoCheck/bin/Release/net10.0/Handheld.Core.Nano.dll
