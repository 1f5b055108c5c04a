#!/usr/bin/env bash
# Builds the `tenure` program the benchmarks run, as it ships: published for this machine's runtime, so every assembly
# is compiled ahead of time (ReadyToRun, docs/adr/0380), framework-dependent.
# Usage: bench/build-cli.sh OUTPUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 1 ]] || { echo "usage: bench/build-cli.sh OUTPUT_DIR" >&2; exit 2; }
# The runtime named on the command line (not --use-current-runtime, which the SDK resolves after the project's own
# properties, too late for Tenure.Cli.csproj's ReadyToRun condition).
rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
dotnet publish src/Tenure.Cli -c Release -r "$rid" --self-contained false -o "$1" --nologo -v quiet >/dev/null
