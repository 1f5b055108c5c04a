#!/usr/bin/env bash
# Re-runs the abuse list of issue #15 against a real `tenure serve` on a free loopback port, bounded in
# size and time, and prints one line per case: PASS (what should hold, held) or FAIL (with what came back).
# Uses a small demo tenant (200 accounts). Exit status: the number of failed cases.
#   bench/abuse-list.sh            (TENURE_BENCH_BIN=DIR: use that build of `tenure` instead of building)
set -uo pipefail
cd "$(dirname "$0")/.."
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
[[ -n "${TENURE_BENCH_BIN:-}" ]] || bench/build-cli.sh "$out"
work="$(mktemp -d)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
failed=0
check() { # NAME EXPECTED ACTUAL [DETAIL]
  if [[ "$2" == "$3" ]]; then echo "PASS $1"; else echo "FAIL $1: expected $2, got $3 ${4:-}"; failed=$((failed + 1)); fi
}
db="$work/abuse.db"
tenure() { timeout 120 "$out/tenure" "$@"; }
tenure demo --db "$db" --accounts 200 --seed 7 --as-of 2026-11-01 --no-serve >/dev/null 2>&1
write="$(tenure apikey create --db "$db" --role write --name abuse-write 2>/dev/null)"
read="$(tenure apikey create --db "$db" --role read --name abuse-read 2>/dev/null)"
tenure user create --db "$db" --email viewer@example.com --role viewer --password 'abuse-password-1' >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$out/tenure" serve --db "$db" --urls "$base" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
acct=$(curl -s -H "Authorization: Bearer $read" "$base/api/v1/accounts?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["accountId"])')
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status"; }
status() { curl -s -o "$work/body" -w '%{http_code}' --max-time 60 "$@"; }
R=(-H "Authorization: Bearer $read")
W=(-H "Authorization: Bearer $write")

# 1. A read key exhausts memory.
before=$(rss)
check "1 metrics 0001..9999 by day is refused" 400 "$(status "${R[@]}" "$base/api/v1/metrics?from=0001-01-01&to=9999-01-01&metric=mrr&period=day")"
ids=$(python3 -c 'print(",".join(["mrr"] * 1500))')
check "1 1,500 repeated metric=mrr answers" 200 "$(status "${R[@]}" "$base/api/v1/metrics?from=2025-11-01&to=2026-11-01&metric=$ids")"
size=$(stat -c %s "$work/body"); check "1 ... computed once (answer under 100 kB)" yes "$([[ $size -lt 100000 ]] && echo yes || echo no)" "($size bytes)"
check "1 memory grew less than 500 MB" yes "$([[ $(( $(rss) - before )) -lt 500 ]] && echo yes || echo no)" "($before -> $(rss) MB)"

# 2. A write key pins a core: a 320,000-column header and a JSON object with 100,000 properties.
python3 -c 'print(",".join(f"c{i}" for i in range(320000)))' >"$work/wide.csv"
start=$(date +%s.%N)
code=$(status "${W[@]}" -H "Content-Type: text/csv" --data-binary @"$work/wide.csv" "$base/api/v1/accounts")
took=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
check "2 320k-column header refused" yes "$([[ $code == 400 || $code == 413 ]] && echo yes || echo no)" "($code)"
check "2 ... within 2 s" yes "$(python3 -c "print('yes' if $took < 2 else 'no')")" "(${took} s)"
python3 -c 'import json; print(json.dumps([{f"p{i}": 1 for i in range(100000)}]))' >"$work/wide.json"
code=$(status "${W[@]}" -H "Content-Type: application/json" --data-binary @"$work/wide.json" "$base/api/v1/accounts")
check "2 JSON with 100k properties refused" yes "$([[ $code == 400 || $code == 413 ]] && echo yes || echo no)" "($code)"

# 3. A write key poisons a tenant.
huge=79228162514264337593543950335
check "3 huge amount (CSV) refused" 400 "$(status "${W[@]}" -H "Content-Type: text/csv" --data-binary $'subscription_id,account_id,plan,start_date,amount,interval\nSX,'"$acct"',pro,2026-01-01,'"$huge"',month' "$base/api/v1/subscriptions")"
check "3 huge amount (JSON) refused" 400 "$(status "${W[@]}" -H "Content-Type: application/json" -d '[{"subscription_id":"SX","account_id":"'"$acct"'","start_date":"2026-01-01","amount":'"$huge"',"interval":"month"}]' "$base/api/v1/subscriptions")"
check "3 tenant still reads" 200 "$(status "${R[@]}" "$base/api/v1/metrics?from=2026-01-01&to=2026-11-01&metric=mrr")"

# 4. Restores open (a VACUUM INTO copy is not in WAL mode).
sqlite3 "$db" "VACUUM INTO '$work/backup.db'" 2>/dev/null || python3 -c "import sqlite3; sqlite3.connect('$db').execute(\"VACUUM INTO '$work/backup.db'\")"
tenure metrics --db "$work/backup.db" --from 2026-10-01 --to 2026-11-01 --metric mrr >/dev/null 2>"$work/err"
check "4 VACUUM INTO backup opens (metrics --db)" 0 "$?" "$(head -c 200 "$work/err")"
: >"$work/empty.db"
tenure user list --db "$work/empty.db" >/dev/null 2>"$work/err"
# An empty file is "no database", like a missing one (docs/security.md), not "attempt to write a readonly database".
check "4 empty file: 'no database', not a readonly error" yes "$(grep -q "no database at" "$work/err" && ! grep -qi readonly "$work/err" && echo yes || echo no)" "$(head -c 200 "$work/err")"

# 6. 500s on edge inputs: all 4xx.
for q in "from=9999-11-01&to=9999-12-31" "from=9999-01-01&to=9999-12-31&period=year" "from=2025-01-01&to=2026-01-01&metric=clv&lifespanMonths=7.9e28"; do
  check "6 metrics?$q is 400" 400 "$(status "${R[@]}" "$base/api/v1/metrics?$q")"
done
check "6 accounts/{id}?asOf=0001-01-01 is 400" 400 "$(status "${R[@]}" "$base/api/v1/accounts/$acct?asOf=0001-01-01")"
check "6 signin?returnUrl=%2F%E3%80%80%2Fevil.test is 400" 400 "$(status "$base/signin?returnUrl=%2F%E3%80%80%2Fevil.test")"
jar="$work/cookies"
token=$(curl -s -c "$jar" "$base/signin" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//' | python3 -c 'import html,sys; print(html.unescape(sys.stdin.read().strip()))')
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_handler=signin" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=viewer@example.com" --data-urlencode "Input.Password=abuse-password-1" "$base/signin")
check "7 a viewer signs in" 302 "$code"
check "6 dashboard ?date=0001-01-15 is 400" 400 "$(status -b "$jar" "$base/dashboards/kpi?date=0001-01-15")"
check "6 ... saying why" yes "$(grep -q "outside the supported calendar" "$work/body" && echo yes || echo no)"
check "6 dashboard ?date=2026-10-01 is 200" 200 "$(status -b "$jar" "$base/dashboards/kpi?date=2026-10-01")"

# 7. Sign-in throttling: the 11th post of the form from one address in a minute is 429 with Retry-After.
codes=""
for i in $(seq 1 11); do
  codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "_handler=signin" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=nobody$i@example.com" --data-urlencode "Input.Password=wrong password" "$base/signin")"
done
check "7 11th sign-in post is 429" 429 "${codes##* }" "(codes:$codes)"

# 8. Headers and hosts.
headers=$(curl -s -D - -o /dev/null "$base/signin")
for h in "content-security-policy: default-src 'self'" "x-frame-options: DENY" "referrer-policy: same-origin"; do
  check "8 header $h" yes "$(grep -qi "^$h" <<<"$headers" && echo yes || echo no)"
done
check "8 Host: evil.test is 400" 400 "$(status -H "Host: evil.test" "$base/signin")"
check "8 unknown /api path is 404" 404 "$(status "${R[@]}" "$base/api/v1/nope")"
check "8 wrong method is 405" 405 "$(status "${R[@]}" -X POST "$base/api/v1/metrics/catalog")"

# 9. A corrupted database file: a clear error and exit 1, no stack trace.
head -c 100000 /dev/urandom >"$work/corrupt.db"
tenure metrics --db "$work/corrupt.db" --metric mrr --from 2026-01-01 --to 2026-02-01 >/dev/null 2>"$work/err"; code=$?
check "9 corrupted file: exit 1" 1 "$code" "$(head -c 200 "$work/err")"
check "9 ... without a stack trace" no "$(grep -q '   at ' "$work/err" && echo yes || echo no)"

# Baseline: tenant isolation, auth.
check "baseline: no key is 401" 401 "$(status "$base/api/v1/accounts")"
check "baseline: a read key cannot write" 403 "$(status "${R[@]}" -H "Content-Type: text/csv" --data-binary $'account_id,name,created_at\nZ1,Z,2024-01-01' "$base/api/v1/accounts")"
check "server still healthy" 200 "$(status "$base/health")"
echo "$failed failed"
exit "$failed"
