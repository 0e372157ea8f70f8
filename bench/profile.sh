#!/usr/bin/env bash
# Where a request's CPU goes: JFR on the jar while wrk drives GET /jobs/{id}, then POST /jobs, then a summary
# per run of the share of CPU samples whose stack passes through each layer (inclusive, so they overlap) and
# the hottest methods. Compare two builds by passing their jars:
#   bench/profile.sh                         # target/seedance-gateway.jar
#   bench/profile.sh /tmp/before/target/seedance-gateway.jar 15
# Usage: bench/profile.sh [jar] [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jar=${1:-target/seedance-gateway.jar}
seconds=${2:-15}
jdk=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=18299
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
db=gateway_profile_$$
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
cleanup() {
  [ -n "${pid:-}" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$work"
}
trap cleanup EXIT

SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true GATEWAY_ADMIN_TOKEN=bench \
  GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 GATEWAY_TRACKING_ENABLED=false \
  "$jdk/bin/java" -jar "$jar" > "$work/gateway.log" 2>&1 &
pid=$!
await_up "localhost:$port/actuator/health" $pid "$work/gateway.log"
key=$(team_key $port perf)
job=$(curl -sf -X POST localhost:$port/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$job_body" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
post_script "$work/post.lua" "$key"

summarize() { # name recording
  echo "== $1: $(wrk_rps) requests/s"
  "$jdk/bin/jfr" print --events jdk.ExecutionSample --stack-depth 200 "$2" | awk '
    function flush() {
      if (!inside) return
      total++
      for (c in seen) share[c]++
      delete seen
    }
    /^jdk.ExecutionSample/ { flush(); inside = 1; next }
    /line:/ {
      if ($0 ~ /org\.hibernate/) seen["Hibernate (entity load, flush, dirty checking)"] = 1
      if ($0 ~ /org\.springframework\.security/) seen["Spring Security filter chain"] = 1
      if ($0 ~ /io\.micrometer/) seen["Micrometer observations and metrics"] = 1
      if ($0 ~ /org\.postgresql|com\.zaxxer/) seen["JDBC driver and Hikari"] = 1
      if ($0 ~ /jackson/) seen["Jackson (JSON read and write)"] = 1
      if ($0 ~ /org\.springframework\.web\.servlet/) seen["Spring MVC dispatch"] = 1
      if ($0 ~ /org\.springframework\.transaction|TransactionInterceptor/) seen["Spring transactions"] = 1
      if ($0 ~ /org\.apache\.coyote|org\.apache\.tomcat\.util\.net/) seen["Tomcat connector (HTTP parse, socket)"] = 1
      if ($0 ~ /ch\.qos\.logback|org\.slf4j/) seen["Logging"] = 1
      if ($0 ~ /com\.seedance\.gateway/) seen["Gateway code (com.seedance.gateway)"] = 1
    }
    END {
      flush()
      printf "  %d CPU samples; share of samples whose stack passes through:\n", total
      for (c in share) printf "  %5.1f%%  %s\n", 100 * share[c] / total, c | "sort -rn"
    }'
  echo "  hottest methods (top frame):"
  "$jdk/bin/jfr" view --width 140 hot-methods "$2" | sed -n '4,13p' | sed 's/^/  /'
}
last_rps=
wrk_rps() { echo "$last_rps"; }
profile() { # name, wrk arguments...
  local name=$1 file; shift
  file="$work/$(echo "$name" | tr -c 'a-zA-Z0-9' _).jfr"
  wrk -t2 -c8 -d5s "$@" >/dev/null   # warm-up
  jcmd_out=$("$jdk/bin/jcmd" $pid JFR.start name=p settings=profile filename="$file" 2>&1) || { echo "$jcmd_out" >&2; exit 1; }
  last_rps=$(wrk -t2 -c8 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}')
  "$jdk/bin/jcmd" $pid JFR.stop name=p >/dev/null
  summarize "$name" "$file"
}

echo "jar $jar, java $("$jdk/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores, $(uptime | sed 's/.*load/load/')"
profile "GET /jobs/{id}" -H "Authorization: Bearer $key" "http://localhost:$port/jobs/$job"
profile "POST /jobs" -s "$work/post.lua" "http://localhost:$port/jobs"
