#!/usr/bin/env bash
# Warm home-timeline reads against the ceiling, alternating: bench/harness/reads-ab.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $POSTWARM s (60) so that timelines hold coos, warms up with $WARM s
# (60) of the ceiling and then of reads, then $ROUNDS times (3) runs the ceiling and the reads for $D s (8) each
# (wrk -t2 -c32, the signed-in users' tokens in turn), printing requests/s, p99, host CPU and allocations per request,
# and the GC's collections and pause time (from /metrics). Appends to $HARNESS_WORK/reads-ab.txt. See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
tokens=$root/bench/wrk/rotating-tokens.lua
duration=${D:-8}
hz=$(getconf CLK_TCK)
post "${POSTWARM:-60}"
wrk -t2 -c32 -d"${WARM:-60}"s -s "$tokens" "$url/bench/ceiling" > /dev/null
wrk -t2 -c32 -d"${WARM:-60}"s -s "$tokens" "$url$timeline" "$work/tokens.txt" > /dev/null
gc() {
    curl -s -H "Authorization: Bearer harness-scrape-token" "$url/metrics" | awk '
        /^dotnet_gc_collections_total/ { c += $NF } /^dotnet_gc_pause_time_seconds_total/ { p += $NF }
        /^dotnet_gc_heap_total_allocated_bytes_total/ { a += $NF } END { printf "%d %.6f %.0f", c, p, a }'
}
run() { # name path [tokens file]
    local gc_before ticks_before out ticks_after gc_after
    gc_before=$(gc); ticks_before=$(ticks "$host_pid")
    out=$(wrk -t2 -c32 -d"$duration"s --latency -s "$tokens" "$url$2" ${3:+"$3"})
    ticks_after=$(ticks "$host_pid"); gc_after=$(gc)
    awk -v name="$1" -v d="$duration" -v hz="$hz" -v cpu=$((ticks_after - ticks_before)) -v before="$gc_before" -v after="$gc_after" -v out="$out" '
        BEGIN {
            match(out, /requests=[0-9]+/); requests = substr(out, RSTART + 9, RLENGTH - 9)
            match(out, /p99_us=[0-9]+/); p99 = substr(out, RSTART + 7, RLENGTH - 7)
            match(out, /status_errors=[0-9]+/); errors = substr(out, RSTART + 14, RLENGTH - 14)
            split(before, b, " "); split(after, a, " ")
            printf "%-8s %8.0f requests/s  p99 %6.1f ms  host %.3f ms and %.1f KiB a request  gc %d (%.0f ms)  errors %d\n",
                name, requests / d, p99 / 1000, cpu * 1000 / hz / requests, (a[3] - b[3]) / requests / 1024, a[1] - b[1], (a[2] - b[2]) * 1000, errors
        }'
}
{
    echo "== $label $(date -u +%H:%M:%S) $*"
    for round in $(seq 1 "${ROUNDS:-3}"); do
        run ceiling /bench/ceiling
        run reads "$timeline" "$work/tokens.txt"
    done
} | tee -a "$work/reads-ab.txt"
stop_host
