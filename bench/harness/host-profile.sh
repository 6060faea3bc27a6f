#!/usr/bin/env bash
# Where the host's CPU goes on warm home-timeline reads and on posting: bench/harness/host-profile.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $WARM s (60) and reads for $WARM s to warm it up, then samples the
# host with perf (499 Hz) for $D s (10) of reads (wrk -t2 -c32) and $D s of posting (8 posters), and prints each run's
# samples by the groups of bench/Coo.Bench/PerfProfile.cs (the first group whose pattern matches the symbol, else the
# library). Appends to $HARNESS_WORK/host-profile.txt. Needs perf (Debian: linux-perf). See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
tokens=$root/bench/wrk/rotating-tokens.lua
duration=${D:-10}
reads() { wrk -t2 -c32 -d"$1"s -s "$tokens" "$url$timeline" "$work/tokens.txt" > /dev/null; }
post "${WARM:-60}"
reads "${WARM:-60}"

profile() { # name, then the command that loads the host
    local name=$1 recorder
    shift
    perf record -F 499 -p "$host_pid" -o "$work/host.perf" -- sleep "$duration" 2> /dev/null &
    recorder=$!
    "$@"
    wait "$recorder"
    perf report -i "$work/host.perf" --stdio --no-children --sort dso,sym --field-separator '|' --percent-limit 0 2> /dev/null |
        awk -F'|' -v run="$label, $name" '
            function group(text) {
                if (text ~ /StackExchange\.Redis/) return "Redis client (StackExchange.Redis)"
                if (text ~ /Npgsql/) return "PostgreSQL client (Npgsql)"
                if (text ~ /Microsoft\.EntityFrameworkCore/) return "EF Core"
                if (text ~ /System\.Text\.Json/) return "JSON (System.Text.Json)"
                if (text ~ /IdentityModel|JsonWebToken|Authentication|Authorization/) return "auth (JWT, IdentityModel)"
                if (text ~ /OpenTelemetry|System\.Diagnostics\.Metrics|Serilog|DiagnosticSource|Activity/) return "telemetry (OpenTelemetry, metrics, Serilog)"
                if (text ~ /RateLimit/) return "rate limiting"
                if (text ~ /Mediator\./) return "Mediator"
                if (text ~ /Coo\./) return "Coo code"
                if (text ~ /Microsoft\.AspNetCore|System\.Net\.|System\.IO\.Pipelines/) return "Kestrel, HTTP and sockets"
                if (text ~ /System\.Threading|AsyncTaskMethodBuilder|AsyncStateMachine|ThreadPool/) return "thread pool and async machinery"
                if (text ~ /System\.|Microsoft\.|\[JIT\]/) return "other managed code"
                if (text ~ /libcoreclr|^stub |CastHelpers/) return "GC and runtime (libcoreclr, stubs)"
                if (text ~ /libclrjit/) return "JIT (libclrjit)"
                if (text ~ /\[kernel/) return "kernel (syscalls, network stack, scheduling)"
                if (text ~ /libc[.-]|ld-linux/) return "C library"
                return ""
            }
            /^# Samples:/ { samples = $0; sub(/^# Samples: */, "", samples); sub(/ of event.*/, "", samples) }
            /^ *[0-9.]+%/ {
                symbol = $3; sub(/^ *\[[^]]*\] */, "", symbol); library = $2; gsub(/^ +| +$/, "", library)
                name = group(symbol); if (name == "") name = group(library); if (name == "") name = "other"
                shares[name] += $1
            }
            END {
                printf "== %s (%s samples)\n", run, samples
                for (name in shares) printf "%6.1f %%  %s\n", shares[name], name | "sort -rn"
                close("sort -rn")
            }'
}
{
    profile "warm reads" reads "$duration"
    profile "posting, 8 posters" post "$duration"
} | tee -a "$work/host-profile.txt"
stop_host
