#!/usr/bin/env bash
# A post's latency with one poster (wrk -t1 -c1), the machine mostly idle, so that a round trip more or less shows
# where eight posters' saturation hides it: bench/harness/one-poster.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $WARM s (30) to warm it up, then $RUNS times (3), once every queue
# is empty, posts for 15 s. Appends to $HARNESS_WORK/one-poster.txt. See lib.sh for the settings it reads.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
post "${WARM:-30}"
for run in $(seq 1 "${RUNS:-3}"); do
    until [ "$(pending)" = 0 ]; do sleep 0.5; done
    wrk -t1 -c1 -d15s --latency -s "$harness/post.lua" "$url" "$work/tokens.txt" > "$work/wrk1.txt"
    echo "$label run $run: $(awk '/Requests\/sec/ { print $2 }' "$work/wrk1.txt") posts/s," \
        "p50 $(awk '$1 == "50%" { print $2 }' "$work/wrk1.txt"), p90 $(awk '$1 == "90%" { print $2 }' "$work/wrk1.txt")," \
        "p99 $(awk '$1 == "99%" { print $2 }' "$work/wrk1.txt")" | tee -a "$work/one-poster.txt"
done
stop_host
