#!/usr/bin/env bash
# Regenerates the <Compile> lists of the nanoFramework projects from the .cs files on disk.
# nfproj files list sources explicitly (the nanoFramework project system expects it); run this after adding
# or removing a file. The portability tests fail when a list is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

sync() { # project-file  [extra find args]
  local proj="$1" dir list
  dir=$(dirname "$proj")
  list=$(cd "$dir" && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' -not -path './packages/*' \
           | sed 's|^\./||' | LC_ALL=C sort | sed 's|/|\\|g' | sed 's|.*|    <Compile Include="&" />|')
  awk -v list="$list" '
    /<!-- BEGIN COMPILE -->/ { print; print list; skip=1; next }
    /<!-- END COMPILE -->/   { skip=0 }
    !skip { print }' "$proj" > "$proj.tmp"
  mv "$proj.tmp" "$proj"
  echo "synced $proj"
}
for ring in Primitives Crypto Licensing Sensing Fingerprint Device; do sync firmware/Handheld.Core.$ring/Handheld.Core.$ring.nfproj; done
sync firmware/Handheld.Firmware/Handheld.Firmware.nfproj
sync tests/Handheld.Firmware.Tests/Handheld.Firmware.Tests.nfproj
