#!/usr/bin/env bash
# Alert rules on 100,000 accounts (issue #12), end to end through the CLI: imports the 100k data set into a
# SQLite file (once), then times `tenure alerts evaluate` three times: the first run opens every alert (and
# writes the webhook outbox for one subscribed webhook), the next two find them open and change nothing.
# Prints wall time and peak memory (max RSS) of each run and the alerts per rule. Needs the sqlite3 shell.
# Usage: bench/alerts-100k.sh [DATA_DIR] [DB_FILE]   (generates the data set first when DATA_DIR is empty)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/tmp/tenure-scale}"
db="${2:-/tmp/tenure-alerts-100k.db}"
out="$(pwd)/artifacts/bench-cli"
bench/build-cli.sh "$out"
if [[ ! -f "$data/usage.csv" ]]; then
  echo "generating the 100,000-account data set into $data ..." >&2
  "$out/tenure" demo --out "$data" --accounts 100000 --seed 42 --no-summary
fi
if [[ ! -f "$db" ]]; then
  echo "importing $data into $db ..." >&2
  "$out/tenure" db migrate --db "$db" >/dev/null
  "$out/tenure" webhook add --db "$db" --url http://127.0.0.1:9/bench --secret bench-secret-0123456789 --events alert.opened >/dev/null
  /usr/bin/time -f "import (alerts evaluated after it): %e s wall, %M KB max RSS" "$out/tenure" import "$data" --db "$db" --format json >/dev/null
fi
# Start from no alerts, so run 1 opens every one (the import above already did once).
sqlite3 "$db" "DELETE FROM webhook_deliveries; DELETE FROM alerts;"
for run in 1 2 3; do
  /usr/bin/time -f "evaluate run $run: %e s wall, %M KB max RSS, %P CPU" "$out/tenure" alerts evaluate --db "$db"
done
sqlite3 "$db" "SELECT rule, count(*) FROM alerts WHERE status = 'open' GROUP BY rule ORDER BY rule;" >&2
sqlite3 "$db" "SELECT 'webhook deliveries written: ' || count(*) FROM webhook_deliveries;" >&2
