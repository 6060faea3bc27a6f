#!/usr/bin/env bash
# Whether the host's background loops hit the database together: bench/harness/in-step.sh LABEL [NAME=VALUE ...]
# Starts the host with the settings given and leaves it idle for $IDLE s (60); then, $SNAPSHOTS times (8) 1.1 s
# apart, counts its connections that ended a statement in the last 2 s and the most of them that ended within the
# same 50 ms, with what that cluster ran when it holds more than 8 (polls in step show as one kind of statement,
# each on a connection of its own). Appends to $HARNESS_WORK/in-step.txt. See lib.sh.
source "$(dirname "$0")/lib.sh"
label=${1:?a label for the output lines}; shift
start_host "$@"
sleep "${IDLE:-60}"
{
    echo "== $label $(date -u +%H:%M:%S) $*"
    for _ in $(seq 1 "${SNAPSHOTS:-8}"); do
        psql -Atq -F'|' -c "select extract(epoch from state_change), left(regexp_replace(query, '\s+', ' ', 'g'), 70)
                            from pg_stat_activity where datname = '$database' and state = 'idle' and pid <> pg_backend_pid()
                            and state_change > now() - interval '2 seconds' order by 1" |
            awk -F'|' '
                { at[NR] = $1; statement[NR] = $2 }
                END {
                    most = 0; first = 0
                    for (i = 1; i <= NR; i++) {
                        n = 0; for (j = i; j <= NR && at[j] - at[i] < 0.05; j++) n++
                        if (n > most) { most = n; first = i }
                    }
                    printf "ended a statement in the last 2 s: %2d connections; within the same 50 ms: %2d\n", NR, most
                    if (most > 8) for (j = first; j < first + most; j++) kinds[statement[j]]++
                    for (kind in kinds) printf "    %3d  %s\n", kinds[kind], kind
                }'
        sleep 1.1
    done
    echo "connections: $(sql "select count(*) from pg_stat_activity where datname = '$database' and pid <> pg_backend_pid()")"
} | tee -a "$work/in-step.txt"
stop_host
