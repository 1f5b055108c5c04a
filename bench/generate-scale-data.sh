#!/usr/bin/env bash
# Generates the 100,000-account benchmark data set (issue 2, item 8): two years of history,
# about 1.5 million subscription rows, 5 million usage events, 500,000 tickets and 300,000
# survey responses. Deterministic: seed 42 gives byte-identical files on every machine.
#
#   bench/generate-scale-data.sh [OUT_DIR]      (default /tmp/tenure-scale)
#
# Builds the CLI in Release into its own folder first, then times the generation only;
# `tenure demo` prints the generation time and the row count of each file to standard error.
set -euo pipefail

out="${1:-/tmp/tenure-scale}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${TENURE_BENCH_BIN:-${TMPDIR:-/tmp}/tenure-bench-bin}"

echo "building tenure (Release) into $bin ..." >&2
"$root/bench/build-cli.sh" "$bin" >&2

start=$(date +%s.%N)
dotnet "$bin/tenure.dll" demo --out "$out" --accounts 100000 --seed 42 --no-summary
end=$(date +%s.%N)

echo >&2
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time including process start: %.1f s\n", e - s }' >&2
du -sh "$out" >&2
