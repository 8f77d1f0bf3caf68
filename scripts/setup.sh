#!/usr/bin/env bash
# Installs the Debian packages in scripts/debian-packages.txt that are missing, then configures
# and builds tilesim into build/ (Release). Used by scripts/demo.sh, scripts/test.sh and .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mapfile -t pkgs < <(grep -v -e '^#' -e '^[[:space:]]*$' "$root/scripts/debian-packages.txt")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi
[ "${1:-}" = "--deps-only" ] && exit 0
build="${TILESIM_BUILD_DIR:-$root/build}"
export CCACHE_BASEDIR="$root"  # relative paths in ccache's hashes: clones elsewhere and build-sanitize/ hit the cache
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "$(nproc)"
