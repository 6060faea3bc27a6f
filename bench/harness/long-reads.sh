#!/usr/bin/env bash
# Warm home-timeline reads for a long while, in steps: bench/harness/long-reads.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $POSTWARM s (30), then reads (wrk -t2 -c32, the signed-in users'
# tokens in turn) for $MINUTES (8) minutes in steps of $STEP s (10), printing for each step the seconds since the host
# started, requests/s, p99 and the slowest read, the host's connections to PostgreSQL and
# how many opened since the step before, and the methods JIT-compiled in it. A stall that comes at a fixed time
# after the start (as pruning of idle pooled connections does, 300 s by default) shows as one step's p99 and a burst
# of connections and compiled methods. Appends to $HARNESS_WORK/long-reads.txt. See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
tokens=$root/bench/wrk/rotating-tokens.lua
step=${STEP:-10}
post "${POSTWARM:-30}"
# Sessions PostgreSQL has started on the database (alive or not; this query's own among them) and the ones open now
# but this query's, as "started open"; the JIT's compiled methods from the host's /metrics.
connections() {
    sql "select (select sessions from pg_stat_database where datname = '$database'),
                (select count(*) - 1 from pg_stat_activity where datname = '$database')" | tr '|' ' '
}
compiled() {
    curl -s -H "Authorization: Bearer harness-scrape-token" "$url/metrics" \
        | awk '/^dotnet_jit_compiled_methods_total/ { n += $NF } END { printf "%d", n }'
}
{
    echo "== $label $(date -u +%H:%M:%S) $*"
    read -r opened_before _ <<< "$(connections)"; compiled_before=$(compiled)
    for _ in $(seq 1 $((${MINUTES:-8} * 60 / step))); do
        out=$(wrk -t2 -c32 -d"$step"s --latency -s "$tokens" "$url$timeline" "$work/tokens.txt")
        read -r opened open <<< "$(connections)"; compiled_now=$(compiled)
        awk -v at="$(ps -o etimes= -p "$host_pid")" -v d="$step" -v out="$out" -v open="$open" -v opened=$((opened - opened_before - 1)) \
            -v jit=$((compiled_now - compiled_before)) '
            BEGIN {
                match(out, /requests=[0-9]+/); requests = substr(out, RSTART + 9, RLENGTH - 9)
                match(out, /p99_us=[0-9]+/); p99 = substr(out, RSTART + 7, RLENGTH - 7)
                match(out, /max_us=[0-9]+/); slowest = substr(out, RSTART + 7, RLENGTH - 7)
                printf "%4d s  %6.0f reads/s  p99 %7.1f ms  max %7.1f ms  connections %3d (%+d opened)  jit %d\n",
                    at, requests / d, p99 / 1000, slowest / 1000, open, opened, jit
            }'
        opened_before=$opened compiled_before=$compiled_now
    done
} | tee -a "$work/long-reads.txt"
stop_host
