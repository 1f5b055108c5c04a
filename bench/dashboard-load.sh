#!/usr/bin/env bash
# Issue #13, item 3: the warm tenant under load, over loopback against `tenure serve` (SQLite).
#
# The peer's 100,000-account set (../shared/peer, gen.py --accounts 100000 --seed 11) is imported once into
# $TENURE_BENCH_DATA/peer-100k.db (the import's wall time and peak memory printed) with a read key and a viewer,
# and copied for each run. Then: the server starts, the tenant's first load is timed (the server's own log line),
# and bench/Tenure.DashboardLoad runs CLIENTS concurrent clients for SECONDS over random dashboard views and
# `GET /api/v1/metrics` queries with random filters and periods, reporting client and server (Server-Timing)
# latency p50 / p99 for first requests and repeats, errors and the server's peak memory.
#
#   bench/dashboard-load.sh [DATA_DIR=/tmp/peer-100k] [SECONDS=60] [CLIENTS=20] [SLOWEST=0]
#
# SLOWEST lists that many of the slowest first requests, with their paths (one client, say, for each first view's own
# time: bench/dashboard-load.sh /tmp/peer-100k 60 1 10).
#
# TENURE_BENCH_BIN=DIR runs that build of `tenure` instead of building this tree (to compare two builds; the
# database is then imported by that build too, into its own file: TENURE_BENCH_TAG names it).
# TENURE_BENCH_DB=FILE serves a copy of that database instead (say, one whose year of health history a server already
# back-filled, so the run measures a server in its steady state rather than one busy with its first start).
# TENURE_BENCH_PATHS=FILE asks the paths listed in FILE once each, in order, on one client (`--paths`), once the server's
# log has been quiet for 15 s (its background grids done), counting the server's page faults meanwhile when `perf` is
# installed: e.g. bench/first-support-views.txt, 23 support views of new segments, to compare two builds view by view.
# TENURE_BENCH_PAUSE_MS=N waits N ms between the listed paths (`--pause-ms`): each view timed on a quiet server, its
# background work (the grids it asked for) done before the next, to tell a view's own time from its neighbours' work.
# TENURE_BENCH_NOW=1 starts as soon as the dashboards are warmed, without waiting for the rest of a first start's background
# work (the churn model trained and scored, the health history back-filled: over the imported database, minutes of both
# cores) or, with TENURE_BENCH_PATHS, for a quiet log: the views people open right after a server's first start.
# TENURE_BENCH_LOG=FILE keeps the server's log there (its metric grids' build times, say).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/peer-100k}"
seconds="${2:-60}"
clients="${3:-20}"
slowest="${4:-0}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
load="$(pwd)/artifacts/bench-dashboard-load"
store="${TENURE_BENCH_DATA:-/tmp/tenure-dashboard-data}"
tag="${TENURE_BENCH_TAG:-current}"
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
dotnet build bench/Tenure.DashboardLoad -c Release -o "$load" --nologo -v quiet >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$store"
pristine="$store/peer-100k-$tag.db"
if [[ ! -f "$pristine" ]]; then
  [[ -f "$data/accounts.csv" ]] || { echo "no data set in $data: run ../shared/peer/gen.py --accounts 100000 --seed 11 --out $data" >&2; exit 2; }
  echo "importing $data into $pristine (once), load average $(loadavg) ..." >&2
  rm -f "$pristine.tmp"*
  /usr/bin/time -f "import: %e s wall, %M KB max RSS, %P CPU" "$out/tenure" import "$data" --db "$pristine.tmp" --format json >/dev/null
  "$out/tenure" apikey create --db "$pristine.tmp" --role read --name bench-read 2>/dev/null >"$store/read-key-$tag"
  "$out/tenure" user create --db "$pristine.tmp" --email bench@example.com --role viewer --password bench-password-1 >/dev/null
  for f in "$pristine.tmp"*; do mv "$f" "${f/.tmp/}"; done
fi
db="$work/peer.db"
cp "${TENURE_BENCH_DB:-$pristine}" "$db"
[[ -n "${TENURE_BENCH_DB:-}" && -d "$TENURE_BENCH_DB.snapshots" ]] && cp -r "$TENURE_BENCH_DB.snapshots" "$db.snapshots"
port="$(free_port)"
echo "machine: $(nproc) cores, load average $(loadavg) at the start (shared with other work)" >&2
started=$(date +%s.%N)
"$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
# The first read waits for the tenant's first load (the warm-up starts it too): timed, then the clock starts.
curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$store/read-key-$tag")" "http://127.0.0.1:$port/api/v1/accounts/none" || true
ready=$(date +%s.%N)
echo "tenant ready $(python3 -c "print(f'{$ready - $started:.1f}')") s after the server started; load average $(loadavg)" >&2
grep -o "Loaded tenant default[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
# Let the warm-up of the default views finish, as on a running server.
for _ in $(seq 1 600); do grep -q "Warmed the dashboards" "$work/serve.log" && break; sleep 0.5; done
grep -o "Warmed the dashboards[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
# And the background work of a first start (the churn model trained and scored, missing health history days), which
# a server does once per data version and day, not per request.
if [[ -z "${TENURE_BENCH_NOW:-}" ]]; then
  for _ in $(seq 1 1200); do grep -q "Churn risk of tenant" "$work/serve.log" && break; sleep 0.5; done
  grep -o "Churn risk of tenant[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
  grep -o "Health history of tenant[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
fi
listed=()
faults=""
if [[ -n "${TENURE_BENCH_PATHS:-}" ]]; then
  listed=(--paths "$(realpath "$TENURE_BENCH_PATHS")" --pause-ms "${TENURE_BENCH_PAUSE_MS:-0}")
  # The background work after the warm-up (the metric grids of each split) finished: the log quiet for 15 s.
  prev=0; quiet=0
  for _ in $(seq 1 600); do
    [[ -n "${TENURE_BENCH_NOW:-}" ]] && break
    size=$(wc -c <"$work/serve.log")
    if [[ "$size" == "$prev" ]]; then quiet=$((quiet + 1)); else quiet=0; fi
    prev=$size
    [[ $quiet -ge 15 ]] && break
    sleep 1
  done
  if command -v perf >/dev/null; then
    perf stat -e page-faults -p "$server" -o "$work/faults" &
    faults=$!
  fi
  echo "the paths of $TENURE_BENCH_PATHS once each, load average $(loadavg) at the start" >&2
else
  echo "load test: $clients clients for $seconds s, load average $(loadavg) at the start" >&2
fi
"$load/Tenure.DashboardLoad" --url "http://127.0.0.1:$port" --key "$(cat "$store/read-key-$tag")" --db "$db" --tenant default \
  --email bench@example.com --password bench-password-1 --clients "$clients" --seconds "$seconds" --server-pid "$server" --slowest "$slowest" "${listed[@]}" || status=$?
if [[ -n "$faults" ]]; then
  kill -INT "$faults" 2>/dev/null; wait "$faults" 2>/dev/null || true
  echo "the server's page faults meanwhile: $(grep -o '[0-9,]* *page-faults' "$work/faults" | tr -d ' ,a-z-')" >&2
fi
echo "load average $(loadavg) at the end" >&2
[[ -n "${TENURE_BENCH_LOG:-}" ]] && cp "$work/serve.log" "$TENURE_BENCH_LOG"
if [[ -n "${TENURE_BENCH_NOW:-}" ]]; then
  grep -o "Churn risk of tenant[^\"]*ms" "$work/serve.log" | head -1 >&2 || echo "the churn risk was not done yet" >&2
  grep -o "Health history of tenant[^\"]*ms" "$work/serve.log" | head -1 >&2 || echo "the health history was not done yet" >&2
fi
exit "${status:-0}"
