#!/usr/bin/env bash
# run.sh: installs what is missing, builds Sightline and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build --buildtype=debugoptimized
fi
ninja -C build
# The settings schema is compiled into the build tree; no install needed.
GSETTINGS_SCHEMA_DIR="$PWD/build/data" exec build/src/ui/sightline "$@"
