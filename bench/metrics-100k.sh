#!/usr/bin/env bash
# CLI benchmark of issue #2: `tenure metrics` for every metric, monthly, over two years, by csm, on the
# 100,000-account data set (CSV reading included). Prints wall time and peak memory (max RSS).
# Usage: bench/metrics-100k.sh [DATA_DIR]   (generates the data set first when DATA_DIR is empty)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/tenure-scale}"
out="$(pwd)/artifacts/bench-cli"
bench/build-cli.sh "$out"
if [[ ! -f "$data/usage.csv" ]]; then
  echo "generating the 100,000-account data set into $data ..." >&2
  "$out/tenure" demo --out "$data" --accounts 100000 --seed 42 --no-summary
fi
echo "input:" >&2
for f in "$data"/*.csv; do printf '  %-20s %10s rows %8s\n' "$(basename "$f")" "$(($(wc -l <"$f") - 1))" "$(du -h "$f" | cut -f1)" >&2; done
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KB max RSS, %P CPU" \
    "$out/tenure" metrics --data "$data" --from 2024-11-01 --to 2026-11-01 --period month --by csm --format json --timings >/dev/null
done
