#!/usr/bin/env bash
# Issue #13 item 1: Tenure against the DuckDB peer (../shared/peer) on the peer's 100,000-account data set, measured
# one after the other in the same run, several times. Builds both, runs both, compares every figure (compare.py) and
# prints wall times, the ratio Tenure / DuckDB, peak memory (max RSS) and minor page faults (memory touched for the first
# time, a third of Tenure's CPU on this machine: docs/benchmarks.md), with the load average beside each run.
# Usage: bench/peer.sh [DATA_DIR] [RUNS]   (DATA_DIR defaults to /tmp/peer-100k, generated with gen.py when absent)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/peer-100k}"
runs="${2:-3}"
peer="$(cd ../shared/peer && pwd)"
out="$(pwd)/artifacts/bench-cli"
# Outside the repo: under it, the repo's Directory.Build.props and central package versions would apply to the peer.
duck_src="${TMPDIR:-/tmp}/tenure-peer-duckdb-src"
duck="${TMPDIR:-/tmp}/tenure-peer-duckdb"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bench/build-cli.sh "$out"
if [[ ! -x "$duck/peer-duckdb" ]]; then
  rm -rf "$duck_src" && mkdir -p "$duck_src" && cp -r "$peer/duckdb/." "$duck_src/"   # ../shared is read-only
  dotnet build "$duck_src" -c Release -o "$duck" --nologo -v quiet >/dev/null
fi
if [[ ! -f "$data/usage.csv" ]]; then
  if ! /usr/bin/python3 -c 'import numpy, pandas' 2>/dev/null; then
    echo "error: gen.py needs Debian's numpy and pandas: apt-get install python3-numpy python3-pandas" >&2
    exit 1
  fi
  echo "generating the peer's 100,000-account data set into $data ..." >&2
  /usr/bin/python3 "$peer/gen.py" --accounts 100000 --seed 11 --out "$data"
fi

source bench/peer-metrics.sh
M="$PEER_METRICS"
printf '%-4s %-8s %9s %9s %12s %9s  %s\n' run who "wall s" "CPU s" "max RSS MB" "faults k" "load average (1, 5, 15 min)"
for run in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M %R" -o "$work/duck.time" "$duck/peer-duckdb" --data "$data" --from 2023-01-01 --to 2025-01-01 >"$work/duck.json" 2>"$work/duck.err"
  read -r dw du ds dm df <"$work/duck.time"
  dc=$(echo "$du + $ds" | bc)
  printf '%-4s %-8s %9s %9s %12s %9s  %s\n' "$run" duckdb "$dw" "$dc" "$((dm / 1024))" "$((df / 1000))" "$load"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M %R" -o "$work/tenure.time" "$out/tenure" metrics --data "$data" --from 2023-01-01 --to 2025-01-01 --metric "$M" --format json --timings >"$work/tenure.json" 2>"$work/tenure.err"
  read -r tw tu ts tm tf <"$work/tenure.time"
  tc=$(echo "$tu + $ts" | bc)
  printf '%-4s %-8s %9s %9s %12s %9s  %s   (%s)\n' "$run" tenure "$tw" "$tc" "$((tm / 1024))" "$((tf / 1000))" "$load" "$(tail -1 "$work/tenure.err")"
  printf '%-4s ratio tenure / duckdb: wall %s, CPU %s, memory %s\n' "$run" "$(echo "scale=2; $tw / $dw" | bc)" "$(echo "scale=2; $tc / $dc" | bc)" "$(echo "scale=2; $tm / $dm" | bc)"
done
/usr/bin/python3 "$peer/compare.py" "$work/duck.json" "$work/tenure.json"
