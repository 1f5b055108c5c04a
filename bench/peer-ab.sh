#!/usr/bin/env bash
# Issue #13 item 1: two builds of `tenure` on the DuckDB peer's workload, alternated, each right after a DuckDB run (the
# order of bench/peer.sh), so that both meet the same machine: on this VM the same run's CPU time varies by a third from one
# minute to the next, so only alternated runs compare. Prints each run's wall time, its ratio to the DuckDB run before it,
# CPU, max RSS and the read/compute split, then checks that both builds wrote the same figures.
# Usage: bench/peer-ab.sh BEFORE_DIR AFTER_DIR [DATA_DIR] [ROUNDS]
#   BEFORE_DIR, AFTER_DIR: published builds of the CLI (bench/build-cli.sh DIR; an older commit's from a git worktree)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: bench/peer-ab.sh BEFORE_DIR AFTER_DIR [DATA_DIR] [ROUNDS]" >&2; exit 2; }
before="$1"; after="$2"; data="${3:-/tmp/peer-100k}"; rounds="${4:-5}"
duck="${TMPDIR:-/tmp}/tenure-peer-duckdb"
[[ -x "$duck/peer-duckdb" && -f "$data/usage.csv" ]] || { echo "run bench/peer.sh $data once first (it builds the peer and the data)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source bench/peer-metrics.sh
printf '%-5s %-7s %8s %8s %6s %7s %8s  %s\n' round build "duckdb s" "tenure s" ratio "CPU s" "RSS MB" "read / compute"
for round in $(seq 1 "$rounds"); do
  /usr/bin/time -f "%e" -o "$work/duck.time" "$duck/peer-duckdb" --data "$data" --from 2023-01-01 --to 2025-01-01 >/dev/null 2>&1
  d=$(cat "$work/duck.time")
  for build in before after; do
    bin="$before"; [[ "$build" == after ]] && bin="$after"
    /usr/bin/time -f "%e %U %S %M" -o "$work/tenure.time" "$bin/tenure" metrics --data "$data" --from 2023-01-01 --to 2025-01-01 \
      --metric "$PEER_METRICS" --format json --timings >"$work/$build.json" 2>"$work/$build.err"
    read -r w u s m <"$work/tenure.time"
    printf '%-5s %-7s %8s %8s %6s %7s %8s  %s\n' "$round" "$build" "$d" "$w" "$(echo "scale=3; $w / $d" | bc)" "$(echo "$u + $s" | bc)" \
      "$((m / 1024))" "$(grep -o 'read [0-9.]* s, computed [0-9.]* s' "$work/$build.err")"
  done
done
if cmp -s "$work/before.json" "$work/after.json"; then echo "both builds wrote the same figures"; else echo "the builds' figures differ" >&2; exit 1; fi
