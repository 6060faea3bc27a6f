#!/usr/bin/env bash
# Where the host's CPU goes on warm home-timeline reads and on posting: bench/harness/host-profile.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given, posts for $WARM s (60) and reads for $WARM s to warm it up, then samples the
# host with perf (499 Hz) for $D s (10) of reads (wrk -t2 -c32) and $D s of posting (8 posters), and prints each run's
# samples by the groups of bench/Coo.Bench/PerfProfile.cs (`Coo.Bench perf-groups`: the first group whose pattern
# matches the symbol, else the library). Appends to $HARNESS_WORK/host-profile.txt. Needs perf (Debian: linux-perf).
# See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
bench=$root/bench/Coo.Bench/bin/Release/net10.0/Coo.Bench.dll
[ -f "$bench" ] || dotnet build "$root/bench/Coo.Bench" -c Release --nologo -v q
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
    perf report -i "$work/host.perf" --stdio --no-children --sort dso,sym --field-separator '|' --percent-limit 0 \
        > "$work/host-perf.txt" 2> /dev/null
    dotnet "$bench" perf-groups "$label, $name" "$work/host-perf.txt"
}
{
    profile "warm reads" reads "$duration"
    profile "posting, 8 posters" post "$duration"
} | tee -a "$work/host-profile.txt"
stop_host
