#!/usr/bin/env bash
# What a post costs the machine to completion, its background work included (the relays, consumers and fan-out it
# sets going): bench/harness/posting-cost.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $WARM s (90) to warm it up, then $RUNS times (3): waits until every
# queue is empty, posts with 8 posters for 20 s, waits until every queue is empty again, and prints the host's,
# PostgreSQL's and Redis's CPU per post over that span (/proc; every postgres and redis-server process). Appends to
# $HARNESS_WORK/posting-cost.txt. See lib.sh for the settings it reads.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
post "${WARM:-90}"
hz=$(getconf CLK_TCK)
for run in $(seq 1 "${RUNS:-3}"); do
    until [ "$(pending)" = 0 ]; do sleep 0.5; done
    host_before=$(ticks "$host_pid"); postgres_before=$(ticks $(postgres_processes)); redis_before=$(ticks $(redis_processes))
    post 20 "$work/wrk.txt"
    stopped=$(date +%s.%N)
    until [ "$(pending)" = 0 ]; do sleep 0.2; done
    drained=$(date +%s.%N)
    host_after=$(ticks "$host_pid"); postgres_after=$(ticks $(postgres_processes)); redis_after=$(ticks $(redis_processes))
    posts=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
    awk -v label="$label" -v run="$run" -v posts="$posts" -v hz="$hz" \
        -v rate="$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")" -v p99="$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")" \
        -v drain="$(echo "$drained - $stopped" | bc)" -v host=$((host_after - host_before)) -v pg=$((postgres_after - postgres_before)) -v redis=$((redis_after - redis_before)) \
        'BEGIN { printf "%s run %d: %d posts, %s posts/s, p99 %s, queues empty %.1f s after; per post: host %.2f ms, PostgreSQL %.2f ms, Redis %.2f ms\n",
                 label, run, posts, rate, p99, drain, host * 1000 / hz / posts, pg * 1000 / hz / posts, redis * 1000 / hz / posts }' | tee -a "$work/posting-cost.txt"
done
stop_host
