#!/usr/bin/env bash
# Installs the Debian 12 packages Diagdesk needs, only those missing.
# Usage: scripts/deps.sh [run|test|bench]
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config
  libtomlplusplus-dev libxapian-dev xapian-tools libicu-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libcli11-dev doctest-dev
  libimgui-dev libglfw3-dev libgl-dev fonts-dejavu-core libgraphviz-dev
  libmd4c-dev libmd4c-html0-dev libgumbo-dev libuchardet-dev libxml2-dev
  libcairo2-dev libpango1.0-dev
)
if [ "${1:-run}" = test ]; then
  # postgresql-15: the throw-away cluster of the team store's tests (scripts/pg_cluster.sh).
  packages+=(xvfb xauth libgl1-mesa-dri x11-utils poppler-utils postgresql-15)
fi
if [ "${1:-run}" = bench ]; then
  # The kb benchmarks draw their words from real dictionaries (bench/kb/corpus.cpp).
  packages+=(wfrench wamerican xvfb xauth libgl1-mesa-dri)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "diagdesk: installing missing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
