#!/usr/bin/env bash
# Issue #13, item 3: how long `tenure serve` takes to have a 100,000-account tenant in memory, from the database's rows
# and then from the tenant's snapshot file beside it (docs/adr/0205), and the same for `tenure metrics --db`.
#
# Uses the peer-set database bench/dashboard-load.sh imports ($TENURE_BENCH_DATA/peer-100k-$TAG.db; run that script
# once first), copied to a scratch directory. Each server start is timed by the server's own log line
# ("Loaded tenant default at data version N: ... in N ms"); the first start reads the rows (and writes the file), the
# second reads the file.
#
#   bench/tenant-load.sh [RUNS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
store="${TENURE_BENCH_DATA:-/tmp/tenure-dashboard-data}"
tag="${TENURE_BENCH_TAG:-current}"
pristine="$store/peer-100k-$tag.db"
[[ -f "$pristine" ]] || { echo "no $pristine: run bench/dashboard-load.sh once to import the peer's set" >&2; exit 2; }
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
work="$(mktemp -d)"
server=""
stop_server() { [[ -n "$server" ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }; }
trap 'stop_server; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

db="$work/peer.db"
cp "$pristine" "$db"
source bench/peer-metrics.sh
M="$PEER_METRICS"
for run in $(seq 1 "$runs"); do
  if [[ -f "$db.snapshots/default.snapshot" ]]; then from="the snapshot file"; else from="the database's rows"; fi
  port="$(free_port)"
  "$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  for _ in $(seq 1 600); do grep -q "Loaded tenant default" "$work/serve.log" && break; sleep 0.2; done
  echo "serve, run $run, from $from: $(grep -o 'Loaded tenant default[^"]*ms' "$work/serve.log" | head -1) (load average $(loadavg))"
  stop_server
  /usr/bin/time -f "%e s wall, %M KB max RSS" -o "$work/time" "$out/tenure" metrics --db "$db" --from 2023-01-01 --to 2025-01-01 \
    --metric "$M" --format json --timings >/dev/null 2>"$work/metrics.err"
  echo "metrics --db, run $run: $(tail -1 "$work/metrics.err"); $(cat "$work/time")"
done
ls -l "$db" "$db.snapshots" | sed 's/^/  /'
