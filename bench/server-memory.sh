#!/usr/bin/env bash
# Issue #13, item 3: the server's resident memory for the peer's 100,000-account tenant, with no requests.
#
# Uses the peer-set database bench/dashboard-load.sh imports ($TENURE_BENCH_DATA/peer-100k-$TAG.db; run that script
# once first), copied to a scratch directory. Starts `tenure serve` on it twice: first on the bare database (the tenant
# loaded from its rows, its dashboards warmed, its churn risk scored and a year of health history back-filled), then
# again on the same files (the tenant read from the snapshot file the first start wrote). Each start is watched until
# its background work is logged as done and then for TAIL seconds more, sampling the resident set (VmRSS) and its peak
# (VmHWM) every 5 s; the server's own log lines (load, warm-up, scoring, back-fill, memory released) are printed.
#
#   bench/server-memory.sh [TAIL=40]
#
# TENURE_BENCH_BIN=DIR runs that build of `tenure` instead of building this tree (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
tail_seconds="${1:-40}"
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
store="${TENURE_BENCH_DATA:-/tmp/tenure-dashboard-data}"
tag="${TENURE_BENCH_TAG:-current}"
pristine="$store/peer-100k-$tag.db"
[[ -f "$pristine" ]] || { echo "no $pristine: run bench/dashboard-load.sh once to import the peer's set" >&2; exit 2; }
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
work="$(mktemp -d)"
server=""
stop_server() { [[ -n "$server" ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }; }
trap 'stop_server; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mb() { echo $(( $1 / 1024 )); }

db="$work/peer.db"
cp "$pristine" "$db"
for start in first restart; do
  log="$work/serve-$start.log"
  "$out/tenure" serve --db "$db" --urls "http://127.0.0.1:$(free_port)" >"$log" 2>&1 &
  server=$!
  began=$(date +%s); done_at=0; rss=0; hwm=0
  while kill -0 "$server" 2>/dev/null; do
    sleep 5
    now=$(date +%s)
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status"); hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    if [[ $done_at == 0 ]] && grep -q "default views ready" "$log" && grep -q "customers scored\|customers read from the file" "$log" \
      && grep -q "Health history of tenant" "$log"; then
      done_at=$now
    fi
    [[ $done_at != 0 && $((now - done_at)) -ge $tail_seconds ]] && break
    [[ $((now - began)) -ge 900 ]] && { echo "$start: background work not done in 900 s" >&2; break; }
  done
  echo "$start start: resident $(mb "$rss") MB at the end ($((tail_seconds)) s after the background work), peak $(mb "$hwm") MB (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -o "Loaded tenant[^\"]*ms\|default views ready in [0-9]* ms\|customers scored[^\"]*ms\|customers read from the file[^\"]*\|account-days in [0-9]* ms\|Released [^\"]*)" "$log" | sed 's/^/  /'
  stop_server
done
