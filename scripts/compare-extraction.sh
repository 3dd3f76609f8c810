#!/usr/bin/env bash
# Article extraction, ours against trafilatura, side by side in one run on one core.
#
# Both extractors read the same pages (BENCH/html/<id>.html.gz, gunzipped into memory first) and
# only the extraction calls are timed, REPEATS times each; the median run counts. The peer runs
# through ../shared/eval/peers/run_python.py, ours through the `extraction_timing` example of
# corroborate-ingest (full ingest of each page: decoding, metadata, article text, paragraphs).
# Both are pinned to CPU 0 with `taskset -c 0`. Speeds are given by CPU time (what the process
# spent on the CPU, so other work on a shared machine does not count) and by wall clock. Each
# side's predictions are then scored with the benchmark's scorer.
#
# Usage: scripts/compare-extraction.sh [BENCH] [REPEATS]
#   BENCH    default ../shared/eval/extraction
#   REPEATS  default 5
#
# Python dependencies: trafilatura and its pinned dependencies. When `import trafilatura` fails,
# the script installs them with
#   pip install --no-deps -r ../shared/eval/peers/requirements-extraction.txt
# (`--no-deps` because the file pins the whole closure, and pip's resolver trips over lxml's
# extras in it). Set NO_INSTALL=1 to fail instead.
# Honours CARGO_TARGET_DIR. Needs python3, cargo and taskset (util-linux).
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH=${1:-../shared/eval/extraction}
REPEATS=${2:-5}
PEERS=$(dirname "$BENCH")/peers
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/compare-extraction.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

if ! python3 -c 'import trafilatura' 2>/dev/null; then
    if [ "${NO_INSTALL:-0}" = 1 ]; then
        echo "trafilatura is not installed: pip install --no-deps -r $PEERS/requirements-extraction.txt" >&2
        exit 2
    fi
    echo "installing the peer's Python dependencies from $PEERS/requirements-extraction.txt" >&2
    python3 -m pip install --quiet --no-deps -r "$PEERS/requirements-extraction.txt"
fi

echo "building the extraction_timing example (release)" >&2
cargo build --quiet --release -p corroborate-ingest --example extraction_timing

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); pinned to CPU 0" >&2
taskset -c 0 python3 "$PEERS/run_python.py" --bench "$BENCH" --out "$OUT" --repeats "$REPEATS" trafilatura >&2
taskset -c 0 "$TARGET/release/examples/extraction_timing" "$BENCH" "$REPEATS" "--out=$OUT/corroborate.json" >"$OUT/ours.json"

python3 - "$OUT" "$BENCH" <<'EOF'
import json
import subprocess
import sys
from pathlib import Path

out, bench = Path(sys.argv[1]), Path(sys.argv[2])
peer = json.loads((out / "timing_python.json").read_text())["trafilatura"]
ours = json.loads((out / "ours.json").read_text())
pages = peer["pages"]
assert pages == ours["pages"], f"page counts differ: {pages} vs {ours['pages']}"
rows = [
    ("trafilatura " + peer["version"], pages / peer["cpu_s_median"], pages / peer["wall_s_median"]),
    ("corroborate", ours["cpu_pages_per_s"], ours["pages_per_s"]),
]
print(f"{pages} pages, {peer['bytes'] / 1e6:.1f} MB of HTML, median of {peer['repeats']} runs, CPU 0")
print(f"{'extractor':<20} {'pages/s (CPU)':>14} {'pages/s (wall)':>15}")
for name, cpu, wall in rows:
    print(f"{name:<20} {cpu:>14.1f} {wall:>15.1f}")
print(f"ratio corroborate / trafilatura: {rows[1][1] / rows[0][1]:.1f}x by CPU time, "
      f"{rows[1][2] / rows[0][2]:.1f}x by wall clock")
print()
subprocess.run([sys.executable, str(bench / "score.py"), "--bench", str(bench),
                str(out / "trafilatura.json"), str(out / "corroborate.json")], check=True)
EOF
