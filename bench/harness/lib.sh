# Sourced by the harness scripts beside it. They start the published host by hand in server mode, as the bench's own
# host is configured (rate limits lifted, the ceiling endpoint on, warnings only in the log), on a database of its own
# with 128 users each following the 15 after them, and drive it with wrk. Settings (environment):
#   COO_BENCH_POSTGRES, COO_BENCH_REDIS   as for bench/run.sh --mode server (the connection string without Database=)
#   HARNESS_DATABASE (coo_harness), HARNESS_REDIS_DB (7), HARNESS_PORT (5123), HARNESS_WORK (artifacts/harness)
#   HARNESS_TIMELINE (/api/v1/users/me/timeline?limit=20): the home timeline's address, which older commits had elsewhere
# The host is published once into $HARNESS_WORK/host; delete that folder to publish the working tree again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
harness=$root/bench/harness
work=${HARNESS_WORK:-$root/artifacts/harness}
port=${HARNESS_PORT:-5123}
url=http://127.0.0.1:$port
timeline=${HARNESS_TIMELINE:-/api/v1/users/me/timeline?limit=20}
database=${HARNESS_DATABASE:-coo_harness}
postgres=${COO_BENCH_POSTGRES:?set COO_BENCH_POSTGRES, e.g. Host=127.0.0.1;Username=postgres;Password=...}
redis=${COO_BENCH_REDIS:?set COO_BENCH_REDIS, e.g. 127.0.0.1:6379}
users=128 follows=15
mkdir -p "$work"

# One key of the Npgsql connection string, for psql.
connection_value() { tr ';' '\n' <<< "$postgres" | sed -nE "s/^ *($1) *= *//Ip" | tail -1; }
export PGHOST=$(connection_value 'Host|Server') PGUSER=$(connection_value 'Username|User Id|User ID|UserId')
export PGPASSWORD=$(connection_value 'Password') PGPORT=$(connection_value 'Port') PGDATABASE=$database
[ -n "$PGPORT" ] || export PGPORT=5432
sql() { psql -Atq -v ON_ERROR_STOP=1 -c "$1"; }

# utime + stime, in clock ticks, of the given processes (those that still exist), with the CPU of their children
# that have ended (cutime + cstime): a PostgreSQL backend that exits between two counts adds to its postmaster's.
ticks() {
    local sum=0 process
    for process in "$@"; do
        [ -r "/proc/$process/stat" ] && sum=$((sum + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$process/stat")))
    done
    echo "$sum"
}
postgres_processes() { pgrep -d' ' -x postgres || true; }
redis_processes() { pgrep -d' ' -x redis-server || true; }

# Starts the host with the NAME=VALUE settings given (environment variables, e.g. Tracing__SampleRatio=1), waits until
# it is ready, then signs in every user into $work/tokens.txt (registering them and their follows on a new database).
start_host() {
    [ -f "$work/host/Coo.Host.dll" ] || dotnet publish "$root/src/Coo.Host" -c Release -o "$work/host" --nologo -v q
    psql -Atq -d postgres -c "select 1 from pg_database where datname = '$database'" | grep -q 1 \
        || psql -q -d postgres -c "create database $database"
    (
        export ASPNETCORE_URLS=$url Database__Provider=PostgreSql
        export ConnectionStrings__Coo="$postgres;Database=$database"
        export ConnectionStrings__Redis="$redis,defaultDatabase=${HARNESS_REDIS_DB:-7}"
        export Auth__SigningKey=harness-signing-key-of-a-sufficient-length-0123456789
        export Media__StoragePath=$work/media Timeline__MaxEntries=800 Ids__GeneratorId=3
        export Serilog__MinimumLevel__Default=Warning Bench__CeilingEndpoint=true Metrics__ScrapeToken=harness-scrape-token
        export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
        local limit
        for limit in Posting Following Reacting SignIn SignInPerUsername Sessions Registering Reads; do
            export "RateLimits__${limit}__PermitLimit=100000000"
        done
        cd "$work/host"
        # env, not export: a setting's name may hold dots (Serilog__MinimumLevel__Override__Some.Source=Warning).
        exec env "$@" dotnet Coo.Host.dll --contentRoot "$work/host" > "$work/host.log" 2>&1
    ) &
    host_pid=$!
    local second
    for second in $(seq 1 120); do
        curl -sf -o /dev/null "$url/health/ready" && break
        kill -0 "$host_pid" 2> /dev/null || { tail -20 "$work/host.log"; return 1; }
        sleep 1
    done
    trap 'kill $host_pid 2> /dev/null || true' EXIT
    if [ "$(sql 'select count(*) from users.users')" -lt "$users" ]; then
        register_users
    fi
    sign_in
}

stop_host() { kill "$host_pid"; wait "$host_pid" 2> /dev/null || true; trap - EXIT; }

# In parallel, 8 at a time (a plain `wait` would wait for the host too).
register_users() {
    seq 0 $((users - 1)) | xargs -P 8 -I '{}' curl -s -o /dev/null -X POST "$url/api/v1/users" -H 'Content-Type: application/json' \
        -d '{"username":"user{}","email":"user{}@example.com","password":"password of user {}"}'
    sign_in
    local i k
    mapfile -t tokens < "$work/tokens.txt"
    for i in $(seq 0 $((users - 1))); do
        for k in $(seq 1 $follows); do
            echo "${tokens[$i]} user$(( (i + k) % users ))"
        done
    done | xargs -P 8 -n 2 sh -c 'curl -s -o /dev/null -X PUT "$0/api/v1/users/$2/follow" -H "Authorization: Bearer $1"' "$url"
}

sign_in() {
    local i
    : > "$work/tokens.txt"
    for i in $(seq 0 $((users - 1))); do
        curl -s -X POST "$url/api/v1/auth/token" -H 'Content-Type: application/json' \
            -d "{\"username\":\"user$i\",\"password\":\"password of user $i\"}" \
            | sed -E 's/.*"accessToken":"([^"]+)".*/\1/' >> "$work/tokens.txt"
        echo >> "$work/tokens.txt"
    done
}

# Posts with 8 connections (the issue's 8 posters) for $1 seconds; wrk's report to $2 (or nowhere).
post() { wrk -t2 -c8 -d"$1"s --latency -s "$harness/post.lua" "$url" "$work/tokens.txt" > "${2:-/dev/null}"; }

# Messages still waiting in any module's outbox or inbox.
pending() {
    sql "select string_agg(format('(select count(*) from %I.%I where %I is null and parked_at is null)', table_schema, table_name,
            case table_name when 'outbox_messages' then 'relayed_at' else 'processed_at' end), ' + ')
         from information_schema.tables where table_name in ('outbox_messages', 'inbox_messages')" | { read -r sum; sql "select $sum"; }
}
