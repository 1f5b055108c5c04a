#!/usr/bin/env bash
# CLI benchmark of issue #10: the daily health history back-fill of the 100,000-account data set
# (`tenure health backfill --days 365`: every customer scored on each of 365 days and written to
# health_history), into a SQLite database holding the imported data set. Prints the command's own
# timing (data load, then scoring + writing), wall time and peak memory, and the database size.
# Usage: bench/health-history-100k.sh [DATA_DIR] [DB_FILE]
#   DATA_DIR: the data set (generated with seed 42 when missing; default /tmp/tenure-scale)
#   DB_FILE:  a SQLite database with DATA_DIR imported (imported when missing; default DATA_DIR/bench-history.db)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/tenure-scale}"
db="${2:-$data/bench-history.db}"
out="$(pwd)/artifacts/bench-cli"
bench/build-cli.sh "$out"
if [[ ! -f "$data/usage.csv" ]]; then
  echo "generating the 100,000-account data set into $data ..." >&2
  "$out/tenure" demo --out "$data" --accounts 100000 --seed 42 --no-summary
fi
if [[ ! -f "$db" ]]; then
  echo "importing $data into $db ..." >&2
  "$out/tenure" import "$data" --db "$db" >&2
fi
/usr/bin/time -f "backfill: %e s wall, %M KB max RSS, %P CPU" "$out/tenure" health backfill --db "$db" --days "${DAYS:-365}"
ls -la "$db" >&2
