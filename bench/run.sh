#!/usr/bin/env bash
# Benchmarks Coo through its public API against the published host, started fresh by the tool.
#   bench/run.sh                       embedded mode (SQLite, in-process cache)
#   bench/run.sh --mode server         PostgreSQL (+ Redis): set COO_BENCH_POSTGRES (without Database=) and COO_BENCH_REDIS
# Other options: --followers N (default 1000), --posts N (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench
dotnet publish src/Coo.Host -c Release -o "$out/host" --nologo -v q
dotnet run -c Release --project bench/Coo.Bench -- --host "$out/host/Coo.Host.dll" "$@"
