#!/usr/bin/env bash
# Load test of `corroborate serve` (issue 8): a generated database of INCIDENTS incidents
# (crates/bench's generate_db: about three analysed reports per incident, resolved by the real
# resolve), served in release mode on loopback, and a fixed mix of requests at 200 concurrent
# connections with wrk: in every 10 requests, 6 filtered incident list pages, 3 incident pages
# and 1 full-text search. Prints wrk's latency distribution; the target is p99 < 50 ms.
#
# Usage: bash scripts/load-serve.sh [INCIDENTS] [SECONDS]   (defaults 100000, 30)
# The database is kept as $LOAD_DB (default target/load-INCIDENTS.db under CARGO_TARGET_DIR)
# and reused by later runs. With COMPANIONS=1 every list page also asks for its facet counts
# and every incident page for its claims and history, as the web UI does. LIST_VIEW=summary asks
# for list pages as the web UI does (`view=summary`: items without facts, claims and timeline);
# the default, `full`, sends whole incidents, as every run before it did.
# ONLY=lists, ONLY=incidents or ONLY=searches sends only that part of the mix. BIN=path serves
# with that corroborate binary instead of building one (to compare two builds on one database).
# PRINT_PATHS=1 prints the request paths instead of sending them (for
# scripts/callgrind-serve.sh, which counts instructions per request).
# After wrk's figures the script prints the server's CPU time per request (user + system, from
# /proc), which unlike latency does not depend on what else the machine is running.
# Needs wrk (Debian: apt-get install wrk) and python3. Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
incidents="${1:-100000}"
seconds="${2:-30}"
command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing" >&2; exit 1; }

case "${ONLY:-}" in
  ""|lists|incidents|searches) ;;
  *) echo "ONLY must be lists, incidents or searches (got '$ONLY')" >&2; exit 2 ;;
esac
if [ -n "${BIN:-}" ] && [ -f "${LOAD_DB:-}" ]; then
  [ -x "$BIN" ] || { echo "BIN=$BIN is not an executable" >&2; exit 2; }
else
  cargo build --release -p corroborate -p corroborate-bench --bin corroborate --bin generate_db
fi
mkdir -p "${CARGO_TARGET_DIR:-target}"
target_dir="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
server_bin="${BIN:-$target_dir/release/corroborate}"
db="${LOAD_DB:-$target_dir/load-$incidents.db}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$db" ]; then
  "$target_dir/release/generate_db" "$db.part" "$incidents"
  mv "$db.part" "$db"
  rm -f "$db.part-wal" "$db.part-shm"
fi

# The request paths, in the order wrk sends them (it cycles through the file): filter values,
# incident ids and search words are read from the database, so every request finds rows.
python3 - "$db" "${COMPANIONS:-0}" "${LIST_VIEW:-full}" "${ONLY:-}" > "$work/paths.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
companions = sys.argv[2] == "1"
view = "" if sys.argv[3] == "full" else f"&view={sys.argv[3]}"
only = sys.argv[4]
def wanted(part):
    return only in ("", part)
ids = [r[0] for r in db.execute("SELECT id FROM incidents ORDER BY position")]
step = max(1, len(ids) // 3000)
ids = ids[::step]
types = [r[0] for r in db.execute("SELECT DISTINCT event_type FROM incidents WHERE event_type IS NOT NULL ORDER BY 1")]
countries = [r[0] for r in db.execute(
    "SELECT country_code FROM incidents WHERE country_code IS NOT NULL "
    "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 30")]
grades = [r[0] for r in db.execute("SELECT DISTINCT grade FROM incidents ORDER BY 1")]
statuses = [r[0] for r in db.execute("SELECT DISTINCT value FROM incident_facets WHERE facet = 'status' ORDER BY 1")]
kinds = [r[0] for r in db.execute("SELECT DISTINCT value FROM incident_facets WHERE facet = 'source_kind' ORDER BY 1")]
# Words of the generated vocabulary (w0 … w19999): whole words, a prefix, and pairs.
words = ["w12345", "w777", "w4242 w99", "w16000", "w1500 w8", "w3141", "w27182", "w5050"]
for n in range(10000):
    slot = n % 10
    if slot < 6:
        if not wanted("lists"):
            continue
        k = n % 4
        if k == 0:
            filters = f"type={types[n % len(types)]}&offset={(n * 50) % 2000}"
        elif k == 1:
            filters = f"country={countries[n % len(countries)]}&grade={grades[n % len(grades)]}"
        elif k == 2:
            filters = f"status={statuses[n % len(statuses)]}&from=2023-01-01&to=2023-12-31"
        else:
            filters = f"source_kind={kinds[n % len(kinds)]}&country={countries[n % len(countries)]}&offset=100"
        print(f"/api/incidents?{filters}&limit=50{view}")
        if companions:
            print(f"/api/incidents/counts?{filters}")
    elif slot < 9:
        if not wanted("incidents"):
            continue
        incident = ids[(n * 7919) % len(ids)]
        print(f"/api/incidents/{incident}")
        if companions:
            print(f"/api/incidents/{incident}/claims")
            print(f"/api/incidents/{incident}/reviews")
    elif wanted("searches"):
        # n // 10: searches are every tenth request, so n % len(words) would send only every
        # other word.
        print("/api/search?limit=20&q=" + words[(n // 10) % len(words)].replace(" ", "+"))
PY
if [ "${PRINT_PATHS:-0}" = 1 ]; then
  cat "$work/paths.txt"
  exit 0
fi

cat > "$work/mix.lua" <<LUA
-- Each wrk thread cycles through the same list of paths, from its own starting point.
local paths = {}
for line in io.lines("$work/paths.txt") do paths[#paths + 1] = line end
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("start", id * 997) end
request = function()
  n = n + 1
  return wrk.format("GET", paths[(start + n) % #paths + 1])
end
LUA

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$server_bin" --db "$db" serve --addr "127.0.0.1:$port" --token load-test \
  2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

echo "$(wc -l < "$work/paths.txt") paths; warming up" >&2
wrk -t2 -c20 -d5s -s "$work/mix.lua" "http://127.0.0.1:$port" >/dev/null
echo "measuring: 200 connections, ${seconds}s, ${ONLY:-60/30/10 mix} over $incidents incidents" >&2
# utime + stime of the server, in clock ticks (fields 14 and 15 of /proc/PID/stat).
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_before="$(server_ticks)"
wrk -t2 -c200 -d"${seconds}s" --timeout 10s --latency -s "$work/mix.lua" "http://127.0.0.1:$port" \
  | tee "$work/wrk.txt"
ticks_after="$(server_ticks)"
requests="$(awk '/requests in/ { print $1 }' "$work/wrk.txt")"
python3 -c 'import os, sys
seconds = int(sys.argv[1]) / os.sysconf("SC_CLK_TCK")
requests = max(int(sys.argv[2]), 1)
print(f"server CPU per request: {1000 * seconds / requests:.3f} ms ({seconds:.1f} s over {requests} requests)")' \
  "$((ticks_after - ticks_before))" "$requests"
status=0
if grep -q "Non-2xx" "$work/wrk.txt"; then
  echo "some requests failed (see Non-2xx above)" >&2
  status=1
fi
if grep -qi "database is locked" "$work/serve.log"; then
  echo "the server logged 'database is locked'" >&2
  status=1
fi
exit "$status"
