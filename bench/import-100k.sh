#!/usr/bin/env bash
# CLI benchmark of issue #3, item 7: `tenure import` of the 100,000-account data set (10.2M CSV
# rows, 640 MB) into an empty database of each provider, then the same import again (every row
# unchanged: the idempotent path). Prints wall time and peak memory per run.
# Usage: bench/import-100k.sh [DATA_DIR] [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/tenure-scale}"
which="${2:-both}"
out="$(pwd)/artifacts/bench-cli"
bench/build-cli.sh "$out"
if [[ ! -f "$data/usage.csv" ]]; then
  echo "generating the 100,000-account data set into $data ..." >&2
  "$out/tenure" demo --out "$data" --accounts 100000 --seed 42 --no-summary
fi
run() {
  local label="$1" db="$2"
  /usr/bin/time -f "$label: %e s wall, %M KB max RSS, %P CPU" "$out/tenure" import "$data" --db "$db" --format json
}
if [[ "$which" == sqlite || "$which" == both ]]; then
  db="$(mktemp -d)/bench.db"
  run "sqlite, empty database" "$db"
  run "sqlite, same files again" "$db"
  ls -la "$db" >&2
  rm -rf "$(dirname "$db")"
fi
if [[ "$which" == postgres || "$which" == both ]]; then
  source bench/postgres-cluster.sh
  trap pg_bench_stop EXIT
  run "postgres, empty database" "$PG_CONNECTION"
  run "postgres, same files again" "$PG_CONNECTION"
fi
