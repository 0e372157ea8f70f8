#!/usr/bin/env bash
# The performance figures of the hot paths, in one run on this machine, beside PostgreSQL's own speed:
#   pgbench: single-row inserts into a jobs-shaped table, primary-key selects;
#   HTTP (wrk, 8 connections, after a warm-up): GET /actuator/health, GET /jobs/{id}, GET /jobs?limit=20, POST /jobs;
#   latency of GET /jobs/{id} at a fixed 500 requests/s (hey: 10 connections x 50/s), p50/p99, and of
#   /actuator/health/liveness the same way (the floor: what the machine, the JVM and hey add to any request);
#   idle RSS 30 s after start and start-to-healthy time of the production launch (bench/launch.sh);
#   end to end: 400 jobs posted at once over two instances, 2 s sandbox tasks, in-flight cap 50;
#   time from POST /jobs to the upstream create (median), with capacity free (bench/dispatch-drain.sh, after its
#   ten warm-up bursts);
#   the floor of the stack here (bench/floor.sh): the smallest Spring Boot web application, launched as the gateway
#   is, its start and its p99 at the same fixed rate.
# Prints each figure and the ratios the performance issue sets goals for. Needs wrk, hey, pgbench
# (apt-get install wrk hey postgresql-client); installs them with apt-get when missing and allowed.
# Usage: [WARMUP=seconds] bench/perf.sh [seconds per HTTP run, default 10]
#   WARMUP: seconds of load on all four paths at once first, default 20. On this 2-core machine the JIT needs 30-60 s
#   of load before a path runs at full speed, and a path warmed alone slows down when another path's types reach the
#   code they share (the JIT compiles it again). So after the mixed warm-up each path runs in 5 s rounds until two
#   rounds in a row agree within 10 % (its steady state; at most 12 rounds), then its measured run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
seconds=${1:-10}
warmup=${WARMUP:-20}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
for tool in wrk hey pgbench; do
  command -v $tool >/dev/null || { apt-get install -y -qq $([ $tool = pgbench ] && echo postgresql-client || echo $tool) >/dev/null; }
done
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
pids=()
dbs=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for d in "${dbs[@]}"; do psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fresh_db() { # name: creates gateway_perf_<name>_<pid>, sets $db
  db=gateway_perf_$1_$$
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  dbs+=("$db")
}
launch() { # db port [extra env...]: starts the jar in the background; sets $launched (pid) and $healthy_after (ms)
  local d=$1 p=$2; shift 2
  ! curl -s -o /dev/null localhost:$p || { echo "port $p is taken: stop what listens there" >&2; exit 1; }
  # production=1: the production launch (bench/launch.sh: extracted jar, AOT cache, bin/gateway's flags), else java -jar
  local command=("$java" ${JAVA_OPTS:-} -jar target/seedance-gateway.jar)
  [ -n "${production:-}" ] && command=(env JAVA="$java" bench/launch.sh)
  local t0=$(date +%s%N)
  # no per-key rate limit: one key drives every HTTP figure here
  env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$d SERVER_PORT=$p SEEDANCE_SANDBOX=true GATEWAY_ADMIN_TOKEN=bench \
    GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 "$@" "${command[@]}" > "$work/gateway-$p.log" 2>&1 &
  launched=$!
  pids+=($launched)
  await_up "localhost:$p/actuator/health/readiness" $launched "$work/gateway-$p.log"
  healthy_after=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
rps() { wrk -t2 -c8 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
steady() { # wrk arguments: 5 s rounds until two in a row agree within 10 %; prints how many rounds it took
  local previous=0 current round
  for round in $(seq 1 12); do
    current=$(wrk -t2 -c8 -d5s "$@" | awk '/Requests\/sec/ {print $2}')
    awk -v a="$previous" -v b="$current" 'BEGIN {exit !(a > 0 && b < a * 1.1 && b > a * 0.9)}' && break
    previous=$current
  done
  echo "$round"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; java $("$java" -version 2>&1 | head -1 | cut -d'"' -f2); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')"

# the gateway under test, its dispatcher off so only the request paths are measured
fresh_db http
launch "$db" 18201 GATEWAY_TRACKING_ENABLED=false
http_pid=$launched
healthy_ms=$healthy_after
key=$(team_key 18201 perf)
job=$(curl -sf -X POST localhost:18201/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$job_body" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
for _ in $(seq 1 50); do curl -sf -o /dev/null -X POST localhost:18201/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$job_body"; done

# PostgreSQL alone: a jobs-shaped table in the same database
psql -h 127.0.0.1 -U postgres -d "$db" -qc "CREATE TABLE perf_job (LIKE job INCLUDING DEFAULTS INCLUDING INDEXES)"
cat > "$work/insert.sql" <<'SQL'
INSERT INTO perf_job (id, team_id, status, model, duration, ratio, content, metadata, created_at, updated_at, next_attempt_at)
VALUES (gen_random_uuid(), 'perf', 'QUEUED', 'seedance-2.0', 5, '16:9', '[{"type":"text","text":"A cat walks through a garden"}]', '{}', now(), now(), now());
SQL
echo "SELECT * FROM job WHERE id = '$job';" > "$work/select.sql"
pg_insert=$(pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T "$seconds" -f "$work/insert.sql" "$db" 2>/dev/null | awk '/^tps/ {print $3; exit}')
pg_select=$(pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T "$seconds" -f "$work/select.sql" "$db" 2>/dev/null | awk '/^tps/ {print $3; exit}')

post_script "$work/post.lua" "$key"
auth=(-H "Authorization: Bearer $key")
# the warm-up, every path at once, then the measured runs
warming=()
for path in /actuator/health "/jobs/$job" "/jobs?limit=20"; do
  wrk -t1 -c2 -d"${warmup}s" "${auth[@]}" "http://localhost:18201$path" >/dev/null &
  warming+=($!)
done
wrk -t1 -c2 -d"${warmup}s" -s "$work/post.lua" http://localhost:18201/jobs >/dev/null
wait "${warming[@]}"
rounds="health $(steady http://localhost:18201/actuator/health)"
health=$(rps "http://localhost:18201/actuator/health")
rounds+=", GET $(steady "${auth[@]}" "http://localhost:18201/jobs/$job")"
get=$(rps "${auth[@]}" "http://localhost:18201/jobs/$job")
rounds+=", list $(steady "${auth[@]}" "http://localhost:18201/jobs?limit=20")"
list=$(rps "${auth[@]}" "http://localhost:18201/jobs?limit=20")
rounds+=", POST $(steady -s "$work/post.lua" "http://localhost:18201/jobs")"
post=$(rps -s "$work/post.lua" "http://localhost:18201/jobs")
rounds+=", GET again $(steady "${auth[@]}" "http://localhost:18201/jobs/$job")"
latency() { # url: hey's p50 and p99 at 10 connections x 50/s
  fixed_rate "$seconds" "$1" -H "Authorization: Bearer $key" \
    | awk '{printf "p50 %.1f ms, p99 %.1f ms at %.0f requests/s", $1, $2, $3}'
}
latency=$(latency "http://localhost:18201/jobs/$job")
# the same run against the gateway's cheapest endpoint, which reads no database
liveness=$(latency "http://localhost:18201/actuator/health/liveness")
stop $http_pid

# idle memory and start time of a clean start, launched as in production (the cache is trained first, untimed)
http_db=$db
fresh_db idle
db2=$db
JAVA="$java" bench/launch.sh --prepare
production=1 launch "$db2" 18202   # the first start migrates
stop $launched
production=1 launch "$db2" 18202
start_ms=$healthy_after
sleep 30
rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$launched/status) / 1024 ))
stop $launched

# end to end over two instances on one database (400 jobs, 2 s tasks, cap 50), and POST /jobs to the upstream
# create with capacity free: bench/dispatch-drain.sh, which prints a RESULT line
drain=$(bench/dispatch-drain.sh | tee "$work/drain.txt" | awk '/^RESULT/' || true)
[ -n "$drain" ] || { echo "bench/dispatch-drain.sh failed:" >&2; cat "$work/drain.txt" >&2; exit 1; }
result() { sed -E "s/.* $1=([^ ]+).*/\\1/" <<<" $2"; }   # name "RESULT name=value ...": the value
e2e_s=$(result drain_s "$drain")
to_create=$(result post_to_create_ms "$drain")
drain_cpu=$(result cpu_ms_per_job "$drain")
drain_jit=$(result jit_ms_per_job "$drain")
warmups=$(result warmup_ratios "$drain")

# the floor: the smallest Spring Boot web application on this machine, launched the same way
floor=$(bench/floor.sh | tee "$work/floor.txt" | awk '/^RESULT/' || true)
[ -n "$floor" ] || { echo "bench/floor.sh failed:" >&2; cat "$work/floor.txt" >&2; exit 1; }
floor_start=$(result start_ms "$floor")
floor_p50=$(result p50_ms "$floor")
floor_p99=$(result p99_ms "$floor")

awk -v h="$health" -v g="$get" -v l="$list" -v p="$post" -v pi="$pg_insert" -v ps="$pg_select" -v lat="$latency" \
    -v rounds="$rounds" -v liveness="$liveness" -v rss="$rss" -v st="$start_ms" -v hm="$healthy_ms" -v e2e="$e2e_s" -v tc="$to_create" \
    -v fs="$floor_start" -v f50="$floor_p50" -v f99="$floor_p99" -v wu="$warmups" -v dc="$drain_cpu" -v dj="$drain_jit" 'BEGIN {
  printf "\n%-58s %s\n", "figure", "value"
  printf "%-58s %s\n", "5 s rounds to each path'"'"'s steady state", rounds
  printf "%-58s %.0f/s\n", "pgbench single-row insert, jobs-shaped table (8 clients)", pi
  printf "%-58s %.0f/s\n", "pgbench primary-key select (8 clients)", ps
  printf "%-58s %.0f/s\n", "GET /actuator/health", h
  printf "%-58s %.0f/s   ratio to health %.2f  (goal >= 0.6)\n", "GET /jobs/{id}", g, g / h
  printf "%-58s %.0f/s   ratio to health %.2f  (goal >= 0.4)\n", "GET /jobs?limit=20", l, l / h
  printf "%-58s %.0f/s   ratio to pgbench insert %.3f  (goal >= 0.2)\n", "POST /jobs", p, p / pi
  printf "%-58s %s  (goal p99 <= 5 ms)\n", "GET /jobs/{id} at a fixed rate (10 connections x 50/s)", lat
  printf "%-58s %s\n", "GET /actuator/health/liveness, the same (no database)", liveness
  printf "%-58s %d MiB  (goal <= 300)\n", "idle RSS 30 s after start", rss
  printf "%-58s %d ms  (goal <= 4000; first start %d ms)\n", "start to healthy", st, hm
  printf "%-58s %.1f s: %.1f jobs/s, ratio to cap/task time %.2f  (goal >= 0.85)\n", "400 jobs, two instances, 2 s tasks, cap 50", e2e, 400 / e2e, (400 / e2e) / 25
  printf "%-58s %d ms a job, of it the JIT compiler %d ms; the warm-up bursts before: %s\n", "  its CPU (both instances)", dc, dj, wu
  printf "%-58s %s ms  (goal <= 50)\n", "POST /jobs to the upstream create, median", tc
  printf "%-58s start %d ms; at the fixed rate p50 %.1f ms, p99 %.1f ms\n", "the floor: smallest Spring Boot web app, same launch", fs, f50, f99
}'
