#!/usr/bin/env bash
# Usage benchmarks over loopback against `tenure serve`, driven by bench/Tenure.UsageLoad.
#
# 1. Issue #3, item 6: sustained usage events per second through `POST /api/v1/usage`, on SQLite and on
#    PostgreSQL. For each provider: a fresh database with 1,000 accounts in tenant "load", then batches
#    of events from several clients for a bounded time, checking that every event sent was stored.
#      bench/usage-load.sh [sqlite|postgres|both] [SECONDS] [BATCH] [CLIENTS] [json|csv]
#
# 2. Issue #15, item 5 (load and fault): ingestion and reads together on a demo tenant (SQLite): small
#    usage posts at a steady rate while read clients send random metric, account and dashboard requests.
#    Reports read throughput, p50/p99 of reads and writes, errors, the server's peak RSS and
#    accepted = stored (events acknowledged vs events in the database at the end).
#      bench/usage-load.sh mixed [SECONDS=60] [ACCOUNTS=20000] [POSTS_PER_SECOND=20] [BATCH=50] [READERS=4]
#    POSTS_PER_SECOND=0 reads without ingestion (the baseline). The demo database is generated once per account count into $TENURE_BENCH_DATA (default
#    /tmp/tenure-mixed-data) and copied for each run, so two runs start from the same data.
#    TENURE_BENCH_BIN=DIR runs that build of `tenure` instead of building this tree (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-both}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
load="$(pwd)/artifacts/bench-load"
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
dotnet publish bench/Tenure.UsageLoad -c Release -o "$load" --nologo -v quiet >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts `tenure serve` on a free loopback port; sets $server (its pid) and $port.
start_server() {
  local db="$1"
  port="$(free_port)"
  "$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.2; done
  echo "the server did not start:" >&2; cat "$work/serve.log" >&2; return 1
}

bench() {
  local db="$1" seconds="${2:-30}" batch="${3:-2000}" clients="${4:-4}" body="${5:-json}"
  {
    echo "account_id,name,created_at"
    for i in $(seq 1 1000); do printf 'A%06d,Account %d,2024-01-01\n' "$i" "$i"; done
  } >"$work/accounts.csv"
  "$out/tenure" import "$work/accounts.csv" --db "$db" --tenant load --format json >/dev/null
  local key
  key="$("$out/tenure" apikey create --db "$db" --tenant load --role write --name load 2>/dev/null)"
  start_server "$db"
  "$load/Tenure.UsageLoad" --url "http://127.0.0.1:$port" --key "$key" --db "$db" --tenant load \
    --accounts 1000 --seconds "$seconds" --batch "$batch" --clients "$clients" --body "$body" || status=$?
  kill "$server"; wait "$server" 2>/dev/null || true
  return "${status:-0}"
}

mixed() {
  local seconds="${1:-60}" accounts="${2:-20000}" rate="${3:-20}" batch="${4:-50}" readers="${5:-4}"
  local data="${TENURE_BENCH_DATA:-/tmp/tenure-mixed-data}" asof="2026-11-01"
  local pristine="$data/demo-$accounts.db"
  mkdir -p "$data"
  if [[ ! -f "$pristine" ]]; then
    echo "generating the $accounts-account demo tenant into $pristine (once) ..." >&2
    "$out/tenure" demo --db "$pristine.tmp" --accounts "$accounts" --seed 42 --as-of "$asof" --no-serve >/dev/null
    "$out/tenure" apikey create --db "$pristine.tmp" --role write --name bench-write 2>/dev/null >"$data/write-key-$accounts"
    "$out/tenure" apikey create --db "$pristine.tmp" --role read --name bench-read 2>/dev/null >"$data/read-key-$accounts"
    "$out/tenure" user create --db "$pristine.tmp" --email bench@example.com --role viewer --password bench-password-1 >/dev/null
    mv "$pristine.tmp" "$pristine"
  fi
  local db="$work/mixed.db"
  cp "$pristine" "$db"
  start_server "$db"
  # The first read waits for the tenant's first load: done before the clock starts, as a running server would have.
  curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$data/read-key-$accounts")" "http://127.0.0.1:$port/api/v1/accounts/none" || true
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (shared with other work)" >&2
  "$load/Tenure.UsageLoad" --url "http://127.0.0.1:$port" --key "$(cat "$data/write-key-$accounts")" --db "$db" --tenant default \
    --accounts 0 --seconds "$seconds" --batch "$batch" --rate "$rate" --clients 0 --body json --as-of "$asof" \
    --read-key "$(cat "$data/read-key-$accounts")" --readers "$readers" \
    --email bench@example.com --password bench-password-1 --server-pid "$server" || status=$?
  kill "$server"; wait "$server" 2>/dev/null || true
  return "${status:-0}"
}

case "$which" in
  mixed) shift; mixed "$@" ;;
  sqlite) shift || true; bench "$work/load.db" "$@" ;;
  postgres|both)
    shift || true
    if [[ "$which" == both ]]; then bench "$work/load.db" "$@"; rm -f "$work/load.db"*; fi
    source bench/postgres-cluster.sh
    trap 'pg_bench_stop; rm -rf "$work"' EXIT
    bench "$PG_CONNECTION" "$@" ;;
  *) echo "usage: bench/usage-load.sh [sqlite|postgres|both|mixed] ..." >&2; exit 2 ;;
esac
