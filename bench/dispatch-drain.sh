#!/usr/bin/env bash
# The dispatcher against a burst, over two instances: the jar started twice on one fresh database, one sandbox
# upstream (instance A's, which B uses as its upstream, so every task lives in one place) whose tasks take 2 s, the
# in-flight cap 50 (GATEWAY_MAX_IN_FLIGHT). After ten warm-up bursts like it, 400 jobs are posted at once (hey, 200
# to each instance, 10 connections each); the run ends when all have succeeded. Prints:
#   drain: end-to-end jobs/s (first POST to last job succeeded) / (cap / task time) = jobs/s / 25   (goal >= 0.85)
#     and the CPU it took, by kind of thread: the JIT compiler's share shows how warm the instances were. On this
#     2-core machine the JIT compiles for minutes: the warm-up bursts' ratios, printed too, climb from ~0.6 to a
#     plateau after 6-10 bursts (the JIT then takes a quarter of the CPU, down from half)
#   POST /jobs to the upstream create with capacity free: 20 jobs posted one by one (alternately to A and B), the
#     median of (start of the create call, from its job_event row) - (the job's created_at)        (goal <= 50 ms)
# and last a line "RESULT drain_s=… jobs_per_s=… ratio=… post_to_create_ms=… cpu_ms_per_job=… jit_ms_per_job=…
# warmup_ratios=…,…" for bench/perf.sh.
# Usage: bench/dispatch-drain.sh   (JOBS=400 CAP=50 TASK=2 WARMUP_BURSTS=10 CLIENTS=10 to change the bursts; KEEP=1 keeps
# the database and logs; JAVA=…, JAVA_OPTS=… for the JVM; needs hey and psql, and the PostgreSQL at 127.0.0.1:5432,
# user postgres; builds the jar when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jobs=${JOBS:-400}
cap=${CAP:-50}
task=${TASK:-2}
clients=${CLIENTS:-10}   # connections posting to each instance at once (hey -c)
warmup_bursts=${WARMUP_BURSTS:-10}   # warm-up bursts of $jobs, end to end, so that what is measured runs compiled code
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
command -v hey >/dev/null || { apt-get install -y -qq hey >/dev/null; }
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
db=gateway_drain_$$
pids=()
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept: database $db, logs in $work" >&2; return; fi
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
launch() { # port [env...]: starts the jar in the background and waits until it is ready
  local port=$1; shift
  # the burst queues for the pool's connections: on a loaded 2-core machine longer than the 3 s after which a request
  # gets 503, so the wait is raised here (what is measured is the dispatcher, not the POSTs)
  env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port GATEWAY_ADMIN_TOKEN=bench \
    SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT=15000 \
    GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 GATEWAY_MAX_IN_FLIGHT=$cap GATEWAY_PUBLIC_URL=http://127.0.0.1:$port \
    "$@" "$java" ${JAVA_OPTS:-} -jar target/seedance-gateway.jar > "$work/gateway-$port.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  launched=$pid
  await_up "localhost:$port/actuator/health/readiness" $pid "$work/gateway-$port.log"
}
now_ns() { date +%s%N; }

psql_ -d postgres -c "CREATE DATABASE $db"
a=$(free_port)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system time, in clock ticks
threads_cpu() { # pid...: "kind ticks" per thread of the JVMs, the kind from the thread's name (JIT, GC, request, ...)
  local p t name ticks
  for p in "$@"; do
    for t in /proc/$p/task/*; do
      # a thread may end between the listing and the read: it is left out
      { name=$(tr -d ' ' < "$t/comm") && ticks=$(sed -E 's/^.*\) //' "$t/stat" | awk '{print $12 + $13}') \
          && echo "$name $ticks"; } 2>/dev/null || true
    done
  done | awk '{
      kind = "other"
      if ($1 ~ /^C[12]Compiler/) kind = "JIT compiler"
      else if ($1 ~ /^(GC|G1|VMThread|VM)/) kind = "GC and VM"
      else if ($1 ~ /^(tomcat-handler|http-nio)/) kind = "HTTP requests"
      else if ($1 ~ /^(reactor-http|SubPoller|Read-Poller|Write-Poller)/) kind = "upstream client and I/O pollers"
      else if ($1 ~ /^(task-|ForkJoinPool|dispatch-loop|sandbox|scheduling|pg-notif)/) kind = "dispatch, checks and carriers"
      ticks[kind] += $2
    } END {for (k in ticks) print k "\t" ticks[k]}'
}
launch "$a" SEEDANCE_SANDBOX=true SEEDANCE_SANDBOX_SETTINGS_TASK_DURATION=${task}s SEEDANCE_SANDBOX_SETTINGS_PROCESSING_AFTER=500ms
pid_a=$launched
b=$(free_port)
launch "$b" SEEDANCE_SANDBOX=false SEEDANCE_BASE_URL=http://127.0.0.1:$a/sandbox SEEDANCE_API_KEY=sandbox-needs-none
pid_b=$launched
key=$(team_key "$a" drain)
post() { curl -sf -o /dev/null -X POST "localhost:$1/jobs" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$job_body"; }
burst() { # n: posts n jobs at once, half to each instance; fails unless every POST answers 202
  hey -n $(( $1 / 2 )) -c $clients -m POST -T application/json -H "Authorization: Bearer $key" -d "$job_body" "http://localhost:$a/jobs" > "$work/hey-a" &
  local hey_a=$!
  hey -n $(( $1 - $1 / 2 )) -c $clients -m POST -T application/json -H "Authorization: Bearer $key" -d "$job_body" "http://localhost:$b/jobs" > "$work/hey-b"
  wait $hey_a
  local accepted=$(cat "$work/hey-a" "$work/hey-b" | awk '/\[202\]/ {n += $2} END {print n + 0}')
  [ "$accepted" = "$1" ] || { echo "only $accepted of $1 POSTs answered 202:" >&2; cat "$work/hey-a" "$work/hey-b" >&2; exit 1; }
}
succeeded() { psql_ -d "$db" -c "SELECT count(*) FROM job WHERE status = 'SUCCEEDED'"; }
warmup=0
warmup_ratios=
for _ in $(seq 1 "$warmup_bursts"); do
  started=$(now_ns)
  burst "$jobs"
  warmup=$(( warmup + jobs ))
  until [ "$(succeeded)" = "$warmup" ]; do sleep 0.1; done
  warmup_ratios+="${warmup_ratios:+,}$(awk -v n=$jobs -v ns=$(( $(now_ns) - started )) -v c=$cap -v t=$task 'BEGIN {printf "%.2f", n / (ns / 1e9) / (c / t)}')"
done

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); java $("$java" -version 2>&1 | head -1 | cut -d'"' -f2); instances on ports $a (sandbox) and $b"
echo "== drain: $jobs jobs posted at once over two instances, ${task} s tasks, in-flight cap $cap"
echo "   the $warmup_bursts warm-up bursts before, each a ratio to cap / task time: ${warmup_ratios:-none}"
# the jobs in flight, sampled every 0.1 s from the first POST on: never above the cap, whatever the instances do
echo 0 > "$work/peak"
( peak=0
  while :; do
    n=$(psql_ -d "$db" -c "SELECT count(*) FROM job WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')")
    if (( n > peak )); then peak=$n; echo $peak > "$work/peak"; fi
    sleep 0.1
  done ) &
sampler=$!
pids+=($sampler)
cpu0=$(( $(cpu $pid_a) + $(cpu $pid_b) ))
threads_cpu $pid_a $pid_b > "$work/threads0"
t0=$(now_ns)
burst "$jobs"
posted_ms=$(( ($(now_ns) - t0) / 1000000 ))
deadline=$(( t0 + 300000000000 ))
until [ "$(succeeded)" = $(( jobs + warmup )) ]; do
  (( $(now_ns) < deadline )) || { echo "the jobs did not all succeed within 5 minutes" >&2; exit 1; }
  sleep 0.1
done
kill $sampler
cpu_ms=$(( ($(cpu $pid_a) + $(cpu $pid_b) - cpu0) * 1000 / $(getconf CLK_TCK) ))
threads_cpu $pid_a $pid_b > "$work/threads1"
peak=$(cat "$work/peak")
# the last job's end, as the gateway recorded it, after the first POST
drain_s=$(psql_ -d "$db" -c "SELECT round((extract(epoch FROM max(completed_at)) - $t0 / 1e9)::numeric, 2) FROM job")
read -r jobs_per_s ratio <<<"$(awk -v n=$jobs -v s=$drain_s -v c=$cap -v t=$task 'BEGIN {printf "%.1f %.2f", n / s, n / s / (c / t)}')"
# where the time went: jobs/s = slots held on average / time a job holds its slot
read -r held slots <<<"$(psql_ -F ' ' -d "$db" -c "
  WITH slot AS (SELECT c.job_id, c.at AS claimed, e.at AS ended
                  FROM job_event c JOIN job_event e ON e.job_id = c.job_id AND e.to_status = 'SUCCEEDED'
                 WHERE c.kind = 'STATUS_CHANGED' AND c.to_status = 'SUBMITTING' AND c.at >= to_timestamp($t0 / 1e9))
  SELECT round(avg(extract(epoch FROM ended - claimed))::numeric, 2),
         round((sum(extract(epoch FROM ended - claimed)) / extract(epoch FROM max(ended) - min(claimed)))::numeric, 1)
    FROM slot")"
echo "   all $jobs POSTs answered 202 within $posted_ms ms"
echo "   last job succeeded $drain_s s after the first POST: $jobs_per_s jobs/s; / ($cap / ${task} s) = $ratio  (goal >= 0.85); in flight at most $peak (sampled every 0.1 s)"
echo "   a job held its slot $held s on average (claim to success; the task takes ${task} s); slots held on average $slots of $cap"
echo "   CPU of both instances (A also runs the sandbox): $(( cpu_ms / 1000 )) s, $(( cpu_ms / jobs )) ms a job"
# "kind ms-a-job" per kind of thread
awk -F'\t' -v hz="$(getconf CLK_TCK)" -v n=$jobs 'NR == FNR {before[$1] = $2; next}
    {printf "%s\t%.0f\n", $1, ($2 - before[$1]) * 1000 / hz / n}' "$work/threads0" "$work/threads1" > "$work/threads"
echo "   of it, by the threads' kind (threads that ended meanwhile are missing):" \
  "$(awk -F'\t' '{printf "%s%s %d ms a job", sep, $1, $2; sep = "; "}' "$work/threads")"
jit_ms=$(awk -F'\t' '$1 == "JIT compiler" {print $2}' "$work/threads")

echo "== POST /jobs to the upstream create, capacity free: 20 jobs posted one by one"
since=$(psql_ -d "$db" -c "SELECT now()")
for i in $(seq 1 20); do
  post "$([ $(( i % 2 )) = 0 ] && echo "$a" || echo "$b")"
  sleep 0.3
done
until [ "$(psql_ -d "$db" -c "SELECT count(*) FROM job_event e JOIN job j ON j.id = e.job_id WHERE e.kind = 'UPSTREAM_CREATE' AND j.created_at >= '$since'")" = 20 ]; do sleep 0.1; done
read -r p50 p90 pmax <<<"$(psql_ -F ' ' -d "$db" -c "
  SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 1),
         round(max(ms)::numeric, 1)
    FROM (SELECT extract(epoch FROM e.at - j.created_at) * 1000 - e.duration_ms AS ms
            FROM job j JOIN job_event e ON e.job_id = j.id AND e.kind = 'UPSTREAM_CREATE'
           WHERE j.created_at >= '$since') s")"
echo "   median $p50 ms, p90 $p90 ms, max $pmax ms  (goal: median <= 50 ms)"
echo "RESULT drain_s=$drain_s jobs_per_s=$jobs_per_s ratio=$ratio post_to_create_ms=$p50 cpu_ms_per_job=$(( cpu_ms / jobs ))" \
  "jit_ms_per_job=${jit_ms:-0} warmup_ratios=${warmup_ratios:-none}"
