#!/usr/bin/env bash
# The console's job history on a million jobs: fills a fresh database with 1,000,000 jobs of 20 teams over 180 days
# (every client status, two models, prompts from a small vocabulary plus a rare word in one job of 50,000), prints
# EXPLAIN (ANALYZE, BUFFERS) of the page and count queries /console/jobs runs for each filter, then signs in to the
# running gateway with curl and prints p50/p95 of repeated GET /console/jobs requests per filter (session cookie),
# with the gateway's CPU time per request (from /proc, so it does not depend on what else loads the machine) and the
# same figures for GET /actuator/health/liveness, a request that does nothing, as the machine's baseline.
# Usage: bench/console-jobs.sh [requests per URL, default 100] [jobs, default 1000000]. KEEP=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100}
jobs=${2:-1000000}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
db=gateway_console_bench_$$
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  [ "${KEEP:-}" = 1 ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"

# the gateway migrates the database; its workers stay off so only the console's reads run
env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
  GATEWAY_ADMIN_TOKEN=bench GATEWAY_TRACKING_ENABLED=false GATEWAY_DELIVERIES_ENABLED=false GATEWAY_RETENTION_ENABLED=false \
  "$java" ${JAVA_OPTS:-} -jar target/seedance-gateway.jar > "$work/gateway.log" 2>&1 &
pid=$!
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "the gateway did not start: $work/gateway.log" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }
  sleep 0.2
done

echo "== filling $jobs jobs"
start=$(date +%s)
sql <<SQL
INSERT INTO team (id, name, created_at, updated_at)
SELECT 'team-' || lpad(t::text, 2, '0'), 'Team ' || t, now(), now() FROM generate_series(1, 20) t;
-- the fill sets the counters in one statement at the end, as V9 does for existing jobs, instead of row by row
ALTER TABLE job DISABLE TRIGGER job_status_count_trigger;
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at, upstream_task_id,
                 consumed, error_code, error_message, video_url, submitted_at, completed_at)
SELECT id, team, status, model, 5, '16:9',
       json_build_array(json_build_object('type', 'text', 'text', prompt)), created, created,
       CASE WHEN status NOT IN ('QUEUED', 'CANCELLED') THEN 'task-' || lpad(i::text, 9, '0') END,
       CASE WHEN status = 'SUCCEEDED' THEN 0.5 END,
       CASE WHEN status = 'FAILED' THEN 'upstream_failed' END, CASE WHEN status = 'FAILED' THEN 'failed upstream' END,
       CASE WHEN status = 'SUCCEEDED' THEN 'https://cdn.example.com/' || i || '.mp4' END,
       CASE WHEN status NOT IN ('QUEUED', 'CANCELLED') THEN created + interval '2 seconds' END,
       CASE WHEN status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN created + interval '1 minute' END
  FROM (SELECT i,
               -- time-ordered ids, as the gateway makes them (UUIDv7-like: the creation time leads)
               (lpad(to_hex((extract(epoch FROM created) * 1000)::bigint), 12, '0') || '7' ||
                substr(md5(i::text), 1, 19))::uuid AS id,
               created, team, model, status, prompt
          FROM (SELECT i,
                       now() - interval '180 days' * (1 - i::float8 / $jobs) AS created,
                       'team-' || lpad((1 + (i::bigint * 7919) % 20)::text, 2, '0') AS team,
                       CASE WHEN (i / 3) % 5 = 0 THEN 'seedance-2.0-pro' ELSE 'seedance-2.0' END AS model,
                       CASE WHEN i > $jobs - 200 THEN (ARRAY['QUEUED', 'SUBMITTED', 'RUNNING'])[1 + i % 3]
                            WHEN i % 100 < 85 THEN 'SUCCEEDED' WHEN i % 100 < 95 THEN 'FAILED' ELSE 'CANCELLED' END AS status,
                       (ARRAY['A cat', 'A dog', 'A lighthouse', 'A fox', 'Two robots', 'A city', 'A dancer', 'A whale'])[1 + i % 8]
                         || ' ' || (ARRAY['walks through', 'flies over', 'dances in', 'sleeps beside', 'paints'])[1 + (i / 8) % 5]
                         || ' ' || (ARRAY['a garden', 'the sea', 'a neon street', 'the mountains', 'a library', 'the snow'])[1 + (i / 40) % 6]
                         || CASE WHEN i % 50000 = 7 THEN ' with a zeppelin' ELSE '' END AS prompt
                  FROM generate_series(1, $jobs) i) g) j;
INSERT INTO job_status_count (team_id, model, day, status, jobs)
SELECT team_id, model, (created_at AT TIME ZONE 'UTC')::date, job_client_status(status), count(*) FROM job GROUP BY 1, 2, 3, 4;
ALTER TABLE job ENABLE TRIGGER job_status_count_trigger;
VACUUM ANALYZE job;
VACUUM ANALYZE job_status_count;
SQL
echo "filled in $(( $(date +%s) - start )) s: $(sql -c 'SELECT count(*) FROM job') jobs, $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('job'))") with indexes"

from=$(sql -c "SELECT to_char(now() AT TIME ZONE 'UTC' - interval '40 days', 'YYYY-MM-DD\"T\"HH24:MI')")
to=$(sql -c "SELECT to_char(now() AT TIME ZONE 'UTC' - interval '10 days', 'YYYY-MM-DD\"T\"HH24:MI')")
from_ts="'${from}:00+00'"
to_ts="'${to}:00+00'"
explain() { echo; echo "-- $1"; sql -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $2"; }
page() { # the page query of JobHistoryQueries with the given WHERE
  echo "SELECT id, team_id, job_client_status(status) AS client_status, model, duration, ratio, left(job_prompt(content), 140) AS prompt,
         upstream_task_id, error_code, consumed, created_at, completed_at FROM job $1 ORDER BY created_at DESC, id DESC LIMIT 51"
}
echo "== query plans (the statements /console/jobs runs)"
explain "page: no filter" "$(page '')"
IFS='|' read -r cursor_at cursor_id <<< "$(sql -c 'SELECT created_at, id FROM job ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1')"
explain "page 2: no filter, after the first page's last job" "$(page "WHERE created_at <= '$cursor_at' AND (created_at < '$cursor_at' OR id < '$cursor_id')")"
explain "page: team" "$(page "WHERE team_id = 'team-03'")"
explain "page: status failed" "$(page "WHERE job_client_status(status) = 'failed'")"
explain "page: status running (rare)" "$(page "WHERE job_client_status(status) = 'running'")"
explain "page: team + status" "$(page "WHERE team_id = 'team-03' AND job_client_status(status) = 'cancelled'")"
explain "page: model" "$(page "WHERE model = 'seedance-2.0-pro'")"
explain "page: team + model + from/to" "$(page "WHERE team_id = 'team-03' AND model = 'seedance-2.0-pro' AND created_at >= $from_ts AND created_at < $to_ts")"
explain "page: q common prompt word" "$(page "WHERE (upstream_task_id = 'lighthouse' OR job_prompt(content) ILIKE '%lighthouse%')")"
explain "page: q rare prompt word" "$(page "WHERE (upstream_task_id = 'zeppelin' OR job_prompt(content) ILIKE '%zeppelin%')")"
explain "page: q medium prompt words (one job in 240)" "$(page "WHERE (upstream_task_id = 'whale paints the snow' OR job_prompt(content) ILIKE '%whale paints the snow%')")"
explain "page: q upstream task id" "$(page "WHERE (upstream_task_id = 'task-000500000' OR job_prompt(content) ILIKE '%task-000500000%')")"
explain "page: q job id" "$(page "WHERE (upstream_task_id = '$(sql -c 'SELECT id FROM job OFFSET 4242 LIMIT 1')' OR id = '$(sql -c 'SELECT id FROM job OFFSET 4242 LIMIT 1')')")"
explain "counts: no filter (per-day counters)" "SELECT status, sum(jobs) AS jobs FROM job_status_count GROUP BY status"
explain "counts: team + from/to, whole days (counters)" "SELECT status, sum(jobs) AS jobs FROM job_status_count WHERE team_id = 'team-03' AND day >= ($from_ts::timestamptz AT TIME ZONE 'UTC')::date + 1 AND day < ($to_ts::timestamptz AT TIME ZONE 'UTC')::date GROUP BY status"
explain "counts: team + from/to, the partial first day (jobs)" "SELECT job_client_status(status) AS status, count(*) AS jobs FROM job WHERE team_id = 'team-03' AND created_at >= $from_ts AND created_at < date_trunc('day', $from_ts::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day' GROUP BY 1"
counts_q() { echo "SELECT status, count(*) AS jobs FROM (SELECT job_client_status(status) AS status FROM job WHERE (upstream_task_id = '$1' OR job_prompt(content) ILIKE '%$1%') ORDER BY created_at DESC, id DESC LIMIT 1001) matched GROUP BY status"; }
explain "counts: q common prompt word (the newest 1,000 matches)" "$(counts_q lighthouse)"
explain "counts: q rare prompt word" "$(counts_q zeppelin)"
explain "counts: q medium prompt words (one job in 240)" "$(counts_q 'whale paints the snow')"

echo
echo "== HTTP: $requests requests per URL, one at a time, signed in with the session cookie"
jar="$work/cookies"
csrf=$(curl -s -c "$jar" localhost:$port/console/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p')
curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} ' -X POST localhost:$port/console/login \
  --data-urlencode token=bench --data-urlencode "_csrf=$csrf" | grep -q 302 || { echo "sign-in failed" >&2; exit 1; }
next=$(curl -s -b "$jar" "localhost:$port/console/jobs" | sed -nE 's/.*href="([^"]+)" id="next-page".*/\1/p' | sed 's/&amp;/\&/g')
urls=(
  "/actuator/health/liveness"
  "/console/jobs"
  "$next"
  "/console/jobs?team=team-03"
  "/console/jobs?status=failed"
  "/console/jobs?status=running"
  "/console/jobs?team=team-03&status=cancelled"
  "/console/jobs?model=seedance-2.0-pro"
  "/console/jobs?team=team-03&model=seedance-2.0-pro&from=$from&to=$to"
  "/console/jobs?q=lighthouse"
  "/console/jobs?q=zeppelin"
  "/console/jobs?q=whale+paints+the+snow"
  "/console/jobs?q=task-000500000"
  "/console/jobs/counts?q=lighthouse"
  "/console/jobs/counts?q=zeppelin"
  "/console/jobs/counts?q=whale+paints+the+snow"
)
all="$work/all.txt"
: > "$all"
# the JIT compiles the console's code on the first hundreds of requests: warm it up before measuring
for _ in $(seq 1 200); do curl -s -o /dev/null -b "$jar" "localhost:$port/console/jobs"; done
cpu_ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
ticks_per_second=$(getconf CLK_TCK)
printf '%-80s %8s %8s %8s %8s\n' "URL" "p50 ms" "p95 ms" "max ms" "CPU ms"
for url in "${urls[@]}"; do
  times="$work/times.txt"
  : > "$times"
  for _ in $(seq 1 20); do curl -s -o /dev/null -b "$jar" "localhost:$port$url"; done # warm-up (JIT)
  before=$(cpu_ticks)
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "localhost:$port$url" >> "$times"
  done
  cpu=$(awk -v t=$(( $(cpu_ticks) - before )) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN {printf "%.1f", t * 1000 / hz / n}')
  grep -qv '^200 ' "$times" && { echo "$url answered other than 200: $(grep -v '^200 ' "$times" | head -1)" >&2; exit 1; }
  # the pages make the figure; the baseline and a search's counts (fetched after its page is shown) are apart
  awk '{print $2 * 1000}' "$times" | { [[ "$url" == /console/jobs\?* || "$url" == /console/jobs ]] && tee -a "$all" || cat; } | sort -n \
    | awk -v url="$url" -v cpu="$cpu" '{v[NR]=$1} END {
    printf "%-80s %8.1f %8.1f %8.1f %8s\n", substr(url, 1, 80), v[int(NR*0.5+0.5)], v[int(NR*0.95+0.5)], v[NR], cpu }'
done
sort -n "$all" | awk '{v[NR]=$1} END { printf "%-80s %8.1f %8.1f %8.1f\n", "all /console/jobs pages above", v[int(NR*0.5+0.5)], v[int(NR*0.95+0.5)], v[NR] }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
