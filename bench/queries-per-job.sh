#!/usr/bin/env bash
# Upstream queries per completed job for a 60-second task, with and without callbacks, measured on the
# built jar in sandbox mode (both runs in parallel, each on its own fresh database and port).
# Usage: bench/queries-per-job.sh [jobs per run, default 5] [task seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-5}
seconds=${2:-60}
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

run() { # name port public-url(or empty)
  local name=$1 port=$2 public=$3 db=gateway_bench_${1}_$$
  psql_ -d postgres -c "CREATE DATABASE $db"
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
    GATEWAY_ADMIN_TOKEN=bench GATEWAY_PUBLIC_URL=$public \
    java -jar target/seedance-gateway.jar --seedance.sandbox-settings.task-duration=${seconds}s \
    > /tmp/$db.log 2>&1 &
  local pid=$!
  until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.5; done
  curl -sf -X POST localhost:$port/admin/teams -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d '{"id":"bench","name":"Bench"}' >/dev/null
  local key
  key=$(curl -sf -X POST localhost:$port/admin/teams/bench/keys -H 'Authorization: Bearer bench' \
    -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
  for _ in $(seq 1 "$jobs"); do
    curl -sf -X POST localhost:$port/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d '{"content":[{"type":"text","text":"A cat walks through a garden"}]}' >/dev/null
  done
  until [ "$(psql_ -d "$db" -c "SELECT count(*) FROM job WHERE status = 'SUCCEEDED'")" = "$jobs" ]; do sleep 1; done
  local result
  result=$(psql_ -d "$db" -F ' ' -c "
    SELECT round(avg(q), 2), min(q), max(q), round(avg(extract(epoch FROM completed_at - submitted_at))::numeric, 1)
      FROM (SELECT j.id, j.completed_at, j.submitted_at,
                   (SELECT count(*) FROM job_event e WHERE e.job_id = j.id AND e.kind = 'UPSTREAM_QUERY') AS q
              FROM job j) per_job")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  psql_ -d postgres -c "DROP DATABASE $db WITH (FORCE)"
  read -r avg min max took <<<"$result"
  printf '%-16s %s jobs of %ss: upstream queries per job avg %s (min %s, max %s); submitted→succeeded %ss\n' \
    "$name" "$jobs" "$seconds" "$avg" "$min" "$max" "$took"
}

run callbacks 18181 http://localhost:18181 &
run poller_only 18182 "" &
wait
