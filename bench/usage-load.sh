#!/usr/bin/env bash
# Benchmark of issue #3, item 6: sustained usage events per second through `POST /api/v1/usage` over
# loopback, on SQLite and on PostgreSQL. For each provider: a fresh database with 1,000 accounts in
# tenant "load", `tenure serve` on a free port, then bench/Tenure.UsageLoad sends batches of events
# from several clients for a bounded time and checks that every event sent was stored.
# Usage: bench/usage-load.sh [sqlite|postgres|both] [SECONDS] [BATCH] [CLIENTS] [json|csv]
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-both}"; seconds="${2:-30}"; batch="${3:-2000}"; clients="${4:-4}"; body="${5:-json}"
out="$(pwd)/artifacts/bench-cli"
load="$(pwd)/artifacts/bench-load"
dotnet build src/Tenure.Cli -c Release -o "$out" --nologo -v quiet >/dev/null
dotnet publish bench/Tenure.UsageLoad -c Release -o "$load" --nologo -v quiet >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  echo "account_id,name,created_at"
  for i in $(seq 1 1000); do printf 'A%06d,Account %d,2024-01-01\n' "$i" "$i"; done
} >"$work/accounts.csv"

bench() {
  local db="$1"
  "$out/tenure" import "$work/accounts.csv" --db "$db" --tenant load --format json >/dev/null
  local key port
  key="$("$out/tenure" apikey create --db "$db" --tenant load --role write --name load 2>/dev/null)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  "$load/Tenure.UsageLoad" --url "http://127.0.0.1:$port" --key "$key" --db "$db" --tenant load \
    --accounts 1000 --seconds "$seconds" --batch "$batch" --clients "$clients" --body "$body" || status=$?
  kill "$server"; wait "$server" 2>/dev/null || true
  return "${status:-0}"
}
if [[ "$which" == sqlite || "$which" == both ]]; then
  bench "$work/load.db"
fi
if [[ "$which" == postgres || "$which" == both ]]; then
  source bench/postgres-cluster.sh
  trap 'pg_bench_stop; rm -rf "$work"' EXIT
  bench "$PG_CONNECTION"
fi
