#!/usr/bin/env bash
# Benchmarks Coo against the published host, started by the tool on fresh databases it seeds itself.
#   bench/run.sh                        embedded mode (SQLite), or both modes when COO_BENCH_POSTGRES is set
#   bench/run.sh --mode server          PostgreSQL: COO_BENCH_POSTGRES (without Database=); Redis: COO_BENCH_REDIS
#   bench/run.sh --scale 1,10           also read timelines with 10x the data, to show reads cost O(page)
# Other options (defaults): --mode embedded|server|both, --users 10000 --follows 200000 --coos 100000 (scale 1),
# --readers 256 --connections 32 --warmup 5 --duration 15 (seconds), --settle 30 --settle-max 180 (seconds: the first
# run of each kind warms up at least --settle, then until a 10 s step JIT-compiles at most 10 methods a second),
# --rounds 3 (ceiling and warm reads alternate, then ceiling and posting; each reported as its median run),
# --followers 1000 --posts 30 (freshness),
# --posters 8 (concurrent posters), --likers 1000 (distinct users liking one coo at once),
# --notifications 10000 (seeded for one user, whose first page, a deep page and unread count wrk reads),
# --live-posts 50 (coos timed from acknowledgement to `update` on followers' live streams; in server mode on a second
# host instance the bench starts on the same databases and Redis, in embedded mode on the same instance),
# --streams 1000,2000,5000 (idle live streams held at each step, of the --followers users in turn; needs that many open
# files, ulimit -n, beside the rest; more than 5 per user raises Streaming:MaxStreamsPerUser for the bench's host),
# --report artifacts/bench/report.md, --profile yes (perf: where the host's CPU goes in an extra warm-read run and an
# extra posting run; then the host's allocation samples, by type and method, in one more of each: alloc-<run>.txt).
# COO_BENCH_KEEP=1 keeps the seeded database (and its folder) after the run, to look at it.
# wrk drives the ceiling, the home timeline and the notifications reads; the bench's C# client posts, holds the live
# streams and runs the freshness scenarios.
set -euo pipefail
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
    sed -n '2,/^set -euo pipefail$/{/^#/s/^# \{0,1\}//p}' "$0"
    exit 0
fi
cd "$(dirname "$0")/.."
# The bench machine is a fresh Debian, the bench run as root.
if ! command -v wrk >/dev/null; then
    echo "installing wrk (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }
fi
if [[ " $* " == *" --profile yes "* ]] && ! command -v perf >/dev/null; then
    echo "installing perf (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q linux-perf || { apt-get update -q && apt-get install -y -q linux-perf; }
fi
echo "publishing the host"
out=artifacts/bench
dotnet publish src/Coo.Host -c Release -o "$out/host" --nologo -v q
COO_BENCH_COMMAND="bench/run.sh $*" dotnet run -c Release --project bench/Coo.Bench -- --host "$out/host/Coo.Host.dll" "$@"
