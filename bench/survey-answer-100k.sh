#!/usr/bin/env bash
# Issue #13 item 3 and issue #12 item 6: how soon a survey answer, a task and a note are visible on a warm
# 100,000-account tenant (ADR 0195).
#
# Uses the SQLite database bench/dashboard-load.sh imports (the peer's 100k set), copied: creates an NPS survey and
# ANSWERS signed links, starts `tenure serve`, waits for the tenant's load and the dashboards' warm-up, then answers
# each link on the public page (POST score) one after the other. The page answers once the answer is in the tenant's
# data that reads are served from (or after 5 s, answered anyway), so the POST's time is the time to visibility;
# the server's log says whether the tenant was reloaded for it. Then the same for TASKS tasks created, completed and
# noted through the API (each POST also answers once its change is visible), then BATCHES batches of 10 tickets posted
# to POST /api/v1/tickets (one stored ticket updated, nine new; answered once the batch is visible, ADR 0245). Prints
# each write's time and the reloads.
#
#   bench/survey-answer-100k.sh [ANSWERS=5] [TASKS=3] [BATCHES=3]
#
# TENURE_BENCH_BIN=DIR runs that build of `tenure` (before / after); TENURE_BENCH_DATA and TENURE_BENCH_TAG as for
# bench/dashboard-load.sh, whose imported database must exist.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/ticket-batches.sh
answers="${1:-5}"
tasks="${2:-3}"
batches="${3:-3}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
store="${TENURE_BENCH_DATA:-/tmp/tenure-dashboard-data}"
tag="${TENURE_BENCH_TAG:-current}"
pristine="$store/peer-100k-$tag.db"
[[ -f "$pristine" ]] || { echo "no database $pristine: run bench/dashboard-load.sh first" >&2; exit 2; }
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/peer.db"
cp "$pristine" "$db"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
survey="$("$out/tenure" survey create --db "$db" --type nps --name "Bench NPS" --throttle-days 0 --format json -q | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
key="$("$out/tenure" apikey create --db "$db" --role write --name bench-write 2>/dev/null)"
links=()
for i in $(seq 1 "$answers"); do
  links+=("$("$out/tenure" survey link --db "$db" --survey "$survey" --account "$(printf 'A%06d' "$i")" --user "bench-$i" --base-url "http://127.0.0.1:$port" -q)")
done

"$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$store/read-key-$tag")" "http://127.0.0.1:$port/api/v1/accounts/none" || true
for _ in $(seq 1 600); do grep -q "Warmed the dashboards" "$work/serve.log" && break; sleep 0.5; done
grep -o "Loaded tenant default[^\"]*ms" "$work/serve.log" | head -1 >&2 || true
loads_before=$(grep -c "Loaded tenant default" "$work/serve.log" || true)
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) before the answers" >&2
for link in "${links[@]}"; do
  curl -s -o /dev/null -w "answer: HTTP %{http_code} in %{time_total} s\n" -X POST --data "score=9" "$link"
  sleep 2
done
api="http://127.0.0.1:$port/api/v1"
for i in $(seq 1 "$tasks"); do
  account="$(printf 'A%06d' "$((100 + i))")"
  id="$(curl -s -w "\n%{time_total}" -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data '{"title":"Call the sponsor"}' "$api/accounts/$account/tasks" | python3 -c 'import json,sys; body, took = sys.stdin.read().rsplit("\n", 1); print(json.loads(body)["id"]); print(f"task created in {took} s", file=sys.stderr)')"
  sleep 2
  curl -s -o /dev/null -w "task completed: HTTP %{http_code} in %{time_total} s\n" -X POST -H "Authorization: Bearer $key" "$api/tasks/$id/complete"
  sleep 2
  curl -s -o /dev/null -w "note: HTTP %{http_code} in %{time_total} s\n" -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data '{"text":"Champion left the company."}' "$api/accounts/$account/notes"
  sleep 2
done
post_ticket_batches "$api" "$key" "$batches"
sleep 20 # a reload started by a write would log its line by now
loads_after=$(grep -c "Loaded tenant default" "$work/serve.log" || true)
echo "tenant reloads during the writes: $((loads_after - loads_before))"
grep -o "Loaded tenant default[^\"]*ms" "$work/serve.log" | tail -n +2 >&2 || true
