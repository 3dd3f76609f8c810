#!/usr/bin/env bash
# The held-out protocol that attribution changes are chosen by (BENCHMARKS.md, "Attribution"):
# train lines whose 0-based number is a multiple of five are the held-out fifth, the other four
# fifths train the cue model and the cue-particles table in a scratch data folder, and the
# held-out fifth is scored. Dev is never read here.
#
# Usage: scripts/attribution-heldout.sh [BINARY] [WORKDIR]
#   BINARY   a release build of corroborate (default $CARGO_TARGET_DIR or target, release)
#   WORKDIR  where the split, the scratch data folder and the predictions go
#            (default /tmp/attribution-heldout; the split is made once and kept)
# Set RETRAIN=0 to keep the cue model of an earlier run (after a change that does not touch
# what the model sees); EPOCHS=N and MIN_COUNT=N are passed to the training. Prints source
# exact, cue exact, content overlap and tuple overlap F1 with two decimals, then the scorer's
# own lines.
#
# FOLDS="1 3 0" scores several held-out fifths (the lines whose 1-based number is k modulo 5),
# each in WORKDIR/foldK, and prints each fold's figures and their mean. One fold moves by
# about ±0.3 when the cue model is retrained, so changes are chosen on the mean of three.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/release/corroborate}
work=${2:-/tmp/attribution-heldout}
train=../shared/eval/attribution/train.docs.jsonl
scorer=../shared/eval/attribution/score_attribution.py
[ -x "$bin" ] || { echo "no binary at $bin: cargo build --release -p corroborate" >&2; exit 2; }
[ -f "$train" ] || { echo "no $train: put the shared evaluation data beside the repository" >&2; exit 2; }

if [ -n "${FOLDS:-}" ]; then
  rows=""
  for k in $FOLDS; do
    row=$(FOLDS= HELDOUT=$k bash "$self" "$bin" "$work/fold$k" | sed -n "1s/.*= //p")
    echo "fold $k: $row"
    rows="$rows$row"$'\n'
  done
  printf '%s' "$rows" | python3 -c '
import sys
rows = [[float(x) for x in line.split(" / ")] for line in sys.stdin if line.strip()]
print("mean of", len(rows), "folds: source exact / cue exact / content overlap / tuple overlap F1 =",
      " / ".join("%.2f" % (sum(c) / len(c)) for c in zip(*rows)))'
  exit 0
fi

heldout=${HELDOUT:-1}
mkdir -p "$work/data/attribution"
[ -s "$work/trainA.jsonl" ] || awk -v k="$heldout" 'NR % 5 != k' "$train" > "$work/trainA.jsonl"
[ -s "$work/trainB.jsonl" ] || awk -v k="$heldout" 'NR % 5 == k' "$train" > "$work/trainB.jsonl"
# The lexicons as they are in the work tree; the learned files from the four fifths.
for file in data/attribution/*.toml; do
  ln -sf "$PWD/$file" "$work/data/attribution/"
done
python3 scripts/attribution-cue-particles.py "$work/trainA.jsonl" > "$work/data/attribution/cue-particles.tsv"
if [ "${RETRAIN:-1}" != 0 ] || [ ! -s "$work/data/attribution/cue-model.tsv" ]; then
  "$bin" --data "$work/data" train attribution "$work/trainA.jsonl" ${EPOCHS:+--epochs "$EPOCHS"} \
    ${MIN_COUNT:+--min-count "$MIN_COUNT"} \
    --out "$work/data/attribution/cue-model.tsv" >&2
fi
"$bin" --data "$work/data" eval attribution "$work/trainB.jsonl" --out "$work/predictions.jsonl" >&2
python3 "$scorer" "$work/trainB.jsonl" "$work/predictions.jsonl" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
figures = (d["source"]["exact_F1"], d["cue"]["exact_F1"], d["content"]["overlap_F1"],
           d["attribution"]["tuple_overlap_F1"])
print("held-out fifth: source exact / cue exact / content overlap / tuple overlap F1 =",
      " / ".join("%.2f" % (100 * x) for x in figures))'
python3 "$scorer" "$work/trainB.jsonl" "$work/predictions.jsonl"
