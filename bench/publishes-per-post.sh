#!/usr/bin/env bash
# Counts the Redis messages a post publishes: one published host in server mode, one poster (wrk, one connection),
# and Redis's own count of PUBLISH calls (INFO commandstats) over a posting run, minus what the host published over as
# long while idle (the near cache's beats). Nothing else may publish on that Redis meanwhile.
#   COO_BENCH_POSTGRES=... COO_BENCH_REDIS=... bench/publishes-per-post.sh [published host folder]
# The folder defaults to artifacts/bench/host (what bench/run.sh publishes; published first when missing). The host
# runs on the database coo_publishes (created and migrated by the host, kept between runs) on port 5099.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${COO_BENCH_POSTGRES:?set COO_BENCH_POSTGRES, e.g. Host=127.0.0.1;Username=postgres;Password=coo}"
: "${COO_BENCH_REDIS:?set COO_BENCH_REDIS, e.g. 127.0.0.1:6379,defaultDatabase=5}"
host_folder=${1:-artifacts/bench/host}
if [[ ! -f "$host_folder/Coo.Host.dll" ]]; then
    dotnet publish src/Coo.Host -c Release -o "$host_folder" --nologo -v q
fi

address=http://127.0.0.1:5099
redis_endpoint=${COO_BENCH_REDIS%%,*}
publishes() {
    redis-cli -h "${redis_endpoint%:*}" -p "${redis_endpoint##*:}" info commandstats | grep -oP 'cmdstat_publish:calls=\K[0-9]+' || echo 0
}

work=$(mktemp -d)
(
    cd "$host_folder"
    export ASPNETCORE_URLS=$address Database__Provider=PostgreSql Ids__GeneratorId=1 Serilog__MinimumLevel__Default=Warning
    export ConnectionStrings__Coo="$COO_BENCH_POSTGRES;Database=coo_publishes" ConnectionStrings__Redis=$COO_BENCH_REDIS
    export Auth__SigningKey=bench-signing-key-of-a-sufficient-length-0123456789 Media__StoragePath=$work/media
    export RateLimits__Posting__PermitLimit=100000000 RateLimits__Registering__PermitLimit=100000000
    export RateLimits__SignIn__PermitLimit=100000000 RateLimits__SignInPerUsername__PermitLimit=100000000
    exec dotnet Coo.Host.dll
) > "$work/host.log" 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null; wait $host_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    curl -sf $address/health/ready > /dev/null && break
    sleep 0.5
done
curl -sf $address/health/ready > /dev/null || { cat "$work/host.log"; exit 1; }

# The poster registers once (409 on later runs, as the database is kept) and signs in.
credentials='{"username":"pub_poster","password":"publishes per post 1"}'
curl -s -o /dev/null -X POST $address/api/v1/users -H 'Content-Type: application/json' \
    -d '{"username":"pub_poster","email":"pub_poster@example.com","password":"publishes per post 1"}'
token=$(curl -sf -X POST $address/api/v1/auth/token -H 'Content-Type: application/json' -d "$credentials" |
    sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
[[ -n "$token" ]] || { echo "the poster could not sign in"; cat "$work/host.log"; exit 1; }
cat > "$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/api/v1/coos", nil, '{"text":"publishes per post ' .. counter .. ' ' .. math.random(1000000000) .. '"}')
end
EOF

wrk -t1 -c1 -d5s -s "$work/post.lua" $address > /dev/null   # warm-up
sleep 3                                                      # its background work ends
idle_start=$(publishes); sleep 5; idle_end=$(publishes)
posts=$(wrk -t1 -c1 -d5s -s "$work/post.lua" $address | awk '/requests in/ { print $1 }')
sleep 3                                                      # the posts' background work ends too
posting_end=$(publishes)
awk -v idle=$((idle_end - idle_start)) -v total=$((posting_end - idle_end)) -v posts="$posts" 'BEGIN {
    # The posting count spans 8 s (5 posting, 3 after), so 8/5 of the idle beats come off it.
    printf "%d posts in 5 s; %d PUBLISH calls while posting and 3 s after, %d in 5 s idle: %.1f a post\n",
        posts, total, idle, (total - idle * 8 / 5) / posts
}'
