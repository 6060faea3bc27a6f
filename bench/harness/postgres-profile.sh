#!/usr/bin/env bash
# Where PostgreSQL's CPU goes under posting: bench/harness/postgres-profile.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $WARM s (60) to warm it up, then samples the whole machine with
# perf (linux-perf) for 10 s of posting and sums the postgres processes' samples by function, inclusive of what they
# call, as shares of their own samples: executing, parsing and planning statements, socket reads, commits. Appends to
# $HARNESS_WORK/postgres-profile.txt; the whole report is $HARNESS_WORK/postgres-LABEL.txt. See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
command -v perf > /dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
start_host "$@"
post "${WARM:-60}"
post 14 "$work/wrk.txt" &
posting=$!
sleep 2
perf record -F 499 -g -a -o "$work/postgres-$label.perf" -- sleep 10 2> /dev/null
wait "$posting"
stop_host
perf report -i "$work/postgres-$label.perf" --stdio --children --comm postgres --percentage relative --sort sym -g none 2> /dev/null \
    | grep -v -e '^#' -e '^$' > "$work/postgres-$label.txt"
{
    echo "$label: $(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt") posts/s, p99 $(awk '$1 == "99%" { print $2 }' "$work/wrk.txt");" \
        "postgres processes: $(perf report -i "$work/postgres-$label.perf" --stdio --no-children --sort comm -g none 2> /dev/null \
            | awk '$2 == "postgres" { print $1 }') of the machine's samples; of theirs, inclusive:"
    for function in PostgresMain standard_ExecutorRun pg_parse_query pg_analyze_and_rewrite_fixedparams \
        pg_analyze_and_rewrite_varparams pg_plan_queries GetCachedPlan secure_read CommitTransactionCommand XLogFlush; do
        echo "  $function $(grep -m1 -E "\] $function\$" "$work/postgres-$label.txt" | awk '{ print $1 }')"
    done
} | tee -a "$work/postgres-profile.txt"
