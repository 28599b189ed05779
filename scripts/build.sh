#!/usr/bin/env bash
# Configures and builds Diagdesk into ./build (incremental on a second run).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${DIAGDESK_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
