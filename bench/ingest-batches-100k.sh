#!/usr/bin/env bash
# Issue #13 item 3 (ADR 0245): how soon an ingest batch is visible on a warm 100,000-account tenant, on PostgreSQL.
# Starts a private cluster (bench/postgres-cluster.sh), imports the peer's 100k set (../shared/peer, DATA_DIR), starts
# `tenure serve`, waits for the tenant's load and the dashboards' warm-up, then posts BATCHES batches of 10 tickets to
# POST /api/v1/tickets 2 s apart (one stored ticket changed, nine new; each answered once it is in what reads are served
# from, or after 5 s anyway) and counts the tenant's reloads. The SQLite twin is bench/survey-answer-100k.sh 0 0 N.
#
#   bench/ingest-batches-100k.sh [DATA_DIR=/tmp/peer-100k] [BATCHES=5]
#
# TENURE_BENCH_BIN=DIR runs that build of `tenure` (before / after).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/ticket-batches.sh
data="${1:-/tmp/peer-100k}"
batches="${2:-5}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
[[ -f "$data/tickets.csv" ]] || { echo "no peer data set in $data: run bench/peer.sh first (it generates it)" >&2; exit 2; }
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
work="$(mktemp -d)"
source bench/postgres-cluster.sh
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; pg_bench_stop; rm -rf "$work"' EXIT
/usr/bin/time -f "import into PostgreSQL: %e s wall" "$out/tenure" import "$data" --db "$PG_CONNECTION" --format json >/dev/null
key="$("$out/tenure" apikey create --db "$PG_CONNECTION" --role write --name bench-write 2>/dev/null)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$out/tenure" serve --db "$PG_CONNECTION" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/accounts/none" || true
for _ in $(seq 1 900); do grep -q "Warmed the dashboards" "$work/serve.log" && break; sleep 0.5; done
grep -o "Loaded tenant default[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
loads_before=$(grep -c "Loaded tenant default" "$work/serve.log" || true)
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) before the batches" >&2
api="http://127.0.0.1:$port/api/v1"
post_ticket_batches "$api" "$key" "$batches"
sleep 20 # a reload started by a batch would log its line by now
loads_after=$(grep -c "Loaded tenant default" "$work/serve.log" || true)
echo "tenant reloads during the batches: $((loads_after - loads_before))"
grep -o "Loaded tenant default[^\"]*ms" "$work/serve.log" | tail -n +2 >&2 || true
