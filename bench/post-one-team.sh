#!/usr/bin/env bash
# POST /jobs of ONE team from 8 connections: the case where every request changes the same team's counters. Rounds of
# wrk alternate between a team without limits and a team with limits it never reaches, on one run of a jar on a fresh
# database (dispatcher off); then pgbench's single-row insert into a jobs-shaped table on the same database, as in
# bench/perf.sh. The first rounds are the JIT's warm-up: read the last ones. Pass another build's jar to compare:
#   bench/post-one-team.sh                                   # target/seedance-gateway.jar
#   bench/post-one-team.sh /tmp/before/target/seedance-gateway.jar
# Usage: bench/post-one-team.sh [jar] [rounds, default 4] [seconds per round, default 8]   (needs wrk and pgbench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jar=${1:-target/seedance-gateway.jar}
rounds=${2:-4}
seconds=${3:-8}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
for tool in wrk pgbench; do command -v $tool >/dev/null || { echo "$tool is needed (apt-get install wrk postgresql-client)" >&2; exit 1; }; done
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
db=gateway_bench_one_team_$$
port=18192
work=$(mktemp -d)
pid=
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null; wait $pid 2>/dev/null; }; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true GATEWAY_ADMIN_TOKEN=bench \
  GATEWAY_TRACKING_ENABLED=false GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 "$java" -jar "$jar" > "$work/gateway.log" 2>&1 &
pid=$!
await_up "localhost:$port/actuator/health/readiness" $pid "$work/gateway.log"

# a wrk script posting as each team
post_script "$work/unlimited.lua" "$(team_key $port unlimited)"
post_script "$work/limited.lua" "$(team_key $port limited '{"daily_jobs":100000000,"monthly_credits":"100000000"}')"

echo "== $jar, java $("$java" -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores, $(uptime | sed 's/.*load/load/')"
for round in $(seq 1 "$rounds"); do
  for kind in unlimited limited; do
    printf "round %d  %-9s  POST /jobs %s/s\n" "$round" "$kind" \
      "$(wrk -t2 -c8 -d"${seconds}s" -s "$work/$kind.lua" http://localhost:$port/jobs | awk '/Requests\/sec/ {print $2}')"
  done
done
kill $pid; wait $pid 2>/dev/null || true; pid=

psql -h 127.0.0.1 -U postgres -d "$db" -qc "CREATE TABLE perf_job (LIKE job INCLUDING DEFAULTS INCLUDING INDEXES)"
cat > "$work/insert.sql" <<'SQL'
INSERT INTO perf_job (id, team_id, status, model, duration, ratio, content, metadata, created_at, updated_at, next_attempt_at)
VALUES (gen_random_uuid(), 'perf', 'QUEUED', 'seedance-2.0', 5, '16:9', '[{"type":"text","text":"A cat walks through a garden"}]', '{}', now(), now(), now());
SQL
echo "pgbench single-row insert, jobs-shaped table (8 clients): $(pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T "$seconds" \
  -f "$work/insert.sql" "$db" 2>/dev/null | awk '/^tps/ {print $3; exit}')/s"
