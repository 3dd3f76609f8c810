#!/usr/bin/env bash
# Runs a command and prints its CPU time and the peaks of its resident memory, split into heap
# and other anonymous pages (RssAnon) and mapped files (RssFile: the binary, and a database file
# when it is mapped), sampled from /proc every 50 ms. /usr/bin/time's "max RSS" is the sum's peak.
#
#   bash scripts/peak-memory.sh target/release/corroborate --db /tmp/a.db ingest /tmp/1000.warc.gz
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/peak-memory.sh COMMAND [ARGS...]" >&2
  exit 2
fi
start=$(date +%s.%N)
"$@" &
pid=$!
anon=0 file=0 hwm=0
while kill -0 "$pid" 2>/dev/null; do
  if status=$(cat "/proc/$pid/status" 2>/dev/null); then
    a=$(awk '/^RssAnon:/ {print $2}' <<<"$status")
    f=$(awk '/^RssFile:/ {print $2}' <<<"$status")
    h=$(awk '/^VmHWM:/ {print $2}' <<<"$status")
    [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
    [ -n "$f" ] && [ "$f" -gt "$file" ] && file=$f
    [ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
    cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "${cpu:-0}")
  fi
  sleep 0.05
done
rc=0
wait "$pid" || rc=$?
end=$(date +%s.%N)
ticks=$(getconf CLK_TCK)
awk -v a="$anon" -v f="$file" -v h="$hwm" -v c="${cpu:-0}" -v t="$ticks" -v s="$start" -v e="$end" -v rc="$rc" 'BEGIN {
  printf "exit %d; wall %.1f s; CPU (user+sys, last sample) %.2f s; peak RSS %.1f MB; peak RssAnon %.1f MB; peak RssFile %.1f MB\n",
    rc, e - s, c / t, h / 1024, a / 1024, f / 1024
}' >&2
exit "$rc"
