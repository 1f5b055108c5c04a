#!/usr/bin/env bash
# Issue #13 item 1: two builds of `tenure` alternated over sets of metrics on the peer's data set, to compare a change's
# read and compute times where this machine's noise (other work on the host) moves every run by up to a third: each
# set is run by build A, then build B, REPS times. Prints wall and CPU seconds, peak memory, and the command's own
# --timings (read, compute, collections, pause) per run, and says when the two builds' JSON differ.
#
#   bench/metrics-builds.sh BUILD_A BUILD_B [REPS=3] [DATA_DIR=/tmp/peer-100k] [METRIC_SETS...]
#
# BUILD_A and BUILD_B are directories of `tenure` builds (bench/build-cli.sh DIR; a git worktree of the commit before
# gives the baseline). Each metric set is a comma-separated --metric list; the default sets are the peer's 15 metrics,
# then its subscription, survey, support and usage metrics on their own.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: bench/metrics-builds.sh BUILD_A BUILD_B [REPS] [DATA_DIR] [METRIC_SETS...]" >&2; exit 2; }
a="$1/tenure"; b="$2/tenure"; reps="${3:-3}"; data="${4:-/tmp/peer-100k}"
shift $(( $# < 4 ? $# : 4 ))
source "$(dirname "$0")/peer-metrics.sh"
peer="$PEER_METRICS"
sets=("$@")
[[ ${#sets[@]} -gt 0 ]] || sets=("$peer" customers,new-customers,churned-customers,churn-rate,mrr,new-mrr,expansion-mrr,contraction-mrr,churned-mrr,reactivation-mrr nps,csat first-contact-resolution-rate,first-response-time daily-usage)
[[ -f "$data/accounts.csv" ]] || { echo "no data set in $data: bench/peer.sh generates it" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '%-5s %-30s %6s %6s %7s  %s\n' build metrics "wall s" "CPU s" "RSS MB" "--timings"
for set in "${sets[@]}"; do
  shown="$set"; [[ "$set" == "$peer" ]] && shown="(the peer's 15)"
  for _ in $(seq 1 "$reps"); do
    for v in A B; do
      bin="$a"; [[ $v == B ]] && bin="$b"
      /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" metrics --data "$data" --from 2023-01-01 --to 2025-01-01 \
        --metric "$set" --format json --timings >"$work/$v.json" 2>"$work/err"
      read -r wall user sys rss <"$work/time"
      printf '%-5s %-30s %6s %6s %7s  %s\n' "$v" "${shown:0:30}" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" \
        "$(tail -1 "$work/err" | sed 's/; [0-9]* results//')"
    done
    cmp -s "$work/A.json" "$work/B.json" || echo "the two builds' JSON differ for $shown"
  done
done
