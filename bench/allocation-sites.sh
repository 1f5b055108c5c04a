#!/usr/bin/env bash
# Issue #13: where a `tenure` command's memory goes. Traces the command with dotnet-trace's gc-verbose profile
# (installed once into artifacts/tools from the NuGet feed) and prints its collections (generation, reason, sizes) and
# its largest allocation sites by type and calling Tenure methods (bench/Tenure.AllocationSites).
#
#   bench/allocation-sites.sh [--frames N] [--top N] -- TENURE_ARGS...
#   e.g. bench/allocation-sites.sh -- metrics --data /tmp/peer-100k --from 2023-01-01 --to 2025-01-01 --by csm --format json
#
# TENURE_BENCH_BIN=DIR traces that build of `tenure` instead of building this tree.
set -euo pipefail
cd "$(dirname "$0")/.."
options=()
while [[ $# -gt 0 && "$1" != "--" ]]; do options+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ $# -gt 0 ]] || { echo "usage: bench/allocation-sites.sh [--frames N] [--top N] -- TENURE_ARGS..." >&2; exit 2; }
out="${TENURE_BENCH_BIN:-$(pwd)/artifacts/bench-cli}"
tools="$(pwd)/artifacts/tools"
sites="$(pwd)/artifacts/bench-allocation-sites"
if [[ -z "${TENURE_BENCH_BIN:-}" ]]; then
  bench/build-cli.sh "$out"
fi
dotnet build bench/Tenure.AllocationSites -c Release -o "$sites" --nologo -v quiet >/dev/null
[[ -x "$tools/dotnet-trace" ]] || dotnet tool install dotnet-trace --tool-path "$tools" >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$tools/dotnet-trace" collect --profile gc-verbose -o "$work/run.nettrace" -- "$out/tenure" "$@" >"$work/stdout" 2>"$work/stderr" || {
  echo "the traced command failed:" >&2; tail -5 "$work/stderr" >&2; exit 1; }
"$sites/Tenure.AllocationSites" "$work/run.nettrace" "${options[@]}"
