#!/usr/bin/env bash
# Throughput of POST /jobs for teams with limits (daily jobs and monthly credits, never reached) against teams
# with none (null limits), in one run of the jar on a fresh database, with many teams of each kind.
# The dispatcher is off, so only the request path is measured. Needs wrk (apt-get install wrk).
# Usage: bench/post-jobs-quota.sh [seconds per round, default 15] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-8}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
db=gateway_bench_quota_$$
port=18191
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
  GATEWAY_ADMIN_TOKEN=bench GATEWAY_TRACKING_ENABLED=false GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 "$java" -jar target/seedance-gateway.jar > "$work/gateway.log" 2>&1 &
pid=$!
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.2; done

make_teams() { # kind quota count
  for i in $(seq 1 "$3"); do
    curl -sf -X POST localhost:$port/admin/teams -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
      -d "{\"id\":\"$1-$i\",\"name\":\"$1 $i\",\"quota\":$2}" >/dev/null
    curl -sf -X POST localhost:$port/admin/teams/$1-$i/keys -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
      -d '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/'
    echo
  done > "$work/$1.keys"
}
make_teams limited '{"max_concurrent_jobs":5,"daily_jobs":100000000,"monthly_credits":"1000000000"}' 20
make_teams unlimited '{"max_concurrent_jobs":null,"daily_jobs":null,"monthly_credits":null}' 20

cat > "$work/post.lua" <<'LUA'
local keys = {}
for line in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = line end
local n = 0
wrk.method = "POST"
wrk.body = '{"model":"seedance-2.0","content":[{"type":"text","text":"A cat walks through a garden"}],"duration":5,"ratio":"16:9"}'
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  wrk.headers["Authorization"] = "Bearer " .. keys[(n % #keys) + 1]
  return wrk.format()
end
LUA

round() { # kind seconds -> requests/s
  KEYS_FILE="$work/$1.keys" wrk -t2 -c"$connections" -d"${2}s" -s "$work/post.lua" "http://localhost:$port/jobs" \
    | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx " $4 > "/dev/stderr"}'
}
round limited 20 >/dev/null; round unlimited 20 >/dev/null   # warm-up: the JIT, the pools
declare -A total=([limited]=0 [unlimited]=0)
rounds=3
for r in $(seq 1 $rounds); do
  for kind in limited unlimited; do
    rps=$(round "$kind" "$seconds")
    echo "round $r, $kind teams: $rps requests/s"
    total[$kind]=$(awk -v a="${total[$kind]}" -v b="$rps" 'BEGIN {print a + b}')
  done
done
awk -v r=$rounds -v l="${total[limited]}" -v u="${total[unlimited]}" -v c="$connections" -v j="$("$java" -version 2>&1 | head -1 | cut -d'"' -f2)" \
  'BEGIN {printf "POST /jobs, %s connections, java %s: limited %.0f/s, unlimited %.0f/s, limits cost %.1f%%\n", c, j, l / r, u / r, (1 - l / u) * 100}'
psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT 'jobs created: ' || count(*) FROM job"
