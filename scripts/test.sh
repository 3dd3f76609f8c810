#!/usr/bin/env bash
# The README's test command: every Rust test, then the browser tests of the web UI (Playwright's
# playwright-core driving Debian's Chromium against a real `corroborate serve`).
#
# It installs what is missing when it runs as root on a Debian-like machine (chromium and
# nodejs/npm with apt, the web UI's npm packages with `npm ci` in web/); otherwise it says what
# to install. Screenshots of every page the browser tests visit go to
# target/browser-artifacts/ (or $ARTIFACTS).
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x "$CHROMIUM" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]}) and re-run" >&2
    exit 1
  fi
fi

# The browser libraries the UI serves and playwright-core, exactly as package-lock.json says.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund)
fi

cargo test --workspace

cargo build -p corroborate
target_dir="${CARGO_TARGET_DIR:-target}"
target_dir="$(cd "$target_dir" && pwd)"
export CORROBORATE_BIN="$target_dir/debug/corroborate"
export ARTIFACTS="${ARTIFACTS:-$target_dir/browser-artifacts}"
(cd web && node --test --test-reporter=spec tests/)
echo "browser screenshots: $ARTIFACTS" >&2
