#!/bin/sh
# Fetches the Debian package gnome-user-docs (the GNOME help, Mallard pages in
# many languages) and unpacks it into CACHE/root, without installing it or its
# dependencies. A second run finds it there and does nothing.
# Usage: fetch_gnome_help.sh CACHE_DIR     Exit 77 (skip) when it cannot be fetched.
set -eu
cache=${1:?usage: fetch_gnome_help.sh CACHE_DIR}
if [ -f "$cache/root/usr/share/help/C/gnome-help/index.page" ]; then
  echo "gnome-user-docs already in $cache"
  exit 0
fi
mkdir -p "$cache"
cd "$cache"
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "skip: apt-get and dpkg-deb are needed to fetch gnome-user-docs"
  exit 77
fi
rm -f gnome-user-docs_*.deb
if ! apt-get download gnome-user-docs 2>/dev/null; then
  # Fresh machines and containers often have no package lists yet.
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n apt-get update -qq >/dev/null 2>&1 || true
  fi
  if ! apt-get download gnome-user-docs; then
    echo "skip: 'apt-get download gnome-user-docs' failed (no network, or no package lists: run apt-get update)"
    exit 77
  fi
fi
rm -rf root.tmp
dpkg-deb -x gnome-user-docs_*.deb root.tmp
rm -rf root
mv root.tmp root
echo "gnome-user-docs unpacked into $cache/root"
