#!/usr/bin/env bash
# Instructions per request of `corroborate serve`, counted by callgrind: unlike CPU time under
# load, the count does not move with whatever else the machine runs, so two builds can be
# compared on a shared machine (decision 0033). The server runs under valgrind on DB; every
# path of PATHS (one per line, e.g. `/api/search?limit=20&q=w777`) is requested once with curl
# to warm the statements and page cache, the counters are zeroed, and every path is requested
# again, one at a time. Prints the instructions per request of that second pass.
#
# Usage: bash scripts/callgrind-serve.sh BIN DB PATHS
# Needs valgrind (Debian: apt-get install valgrind) and curl. Sends traffic to 127.0.0.1 only.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BIN DB PATHS" >&2; exit 2; }
bin="$1"; db="$2"; paths="$3"
for tool in valgrind callgrind_control curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing (apt-get install valgrind curl python3)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "$bin is not an executable" >&2; exit 2; }
[ -f "$db" ] || { echo "no database at $db" >&2; exit 2; }
[ -s "$paths" ] || { echo "no paths in $paths" >&2; exit 2; }
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" \
  "$bin" --db "$db" serve --addr "127.0.0.1:$port" --token callgrind >/dev/null 2>"$work/valgrind.log" &
server_pid=$!
for _ in $(seq 600); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
request_all() { while read -r path; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done < "$paths"; }
request_all
callgrind_control -z "$server_pid" >/dev/null 2>&1
request_all
callgrind_control -d "$server_pid" >/dev/null 2>&1
sleep 1
requests="$(grep -c . "$paths")"
total="$(awk '/^(summary|totals):/ { print $2; exit }' "$work"/callgrind.*.1)"
echo "$(basename "$bin") over $(basename "$paths"): $requests requests, $((total / requests)) instructions a request"
