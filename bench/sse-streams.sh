#!/usr/bin/env bash
# Open live status streams (GET /jobs/{id}/events, one job each) against one gateway started with -Xmx512m on
# JDK 25 (sandbox mode, fresh database, tracking off so the jobs stay queued and the streams stay open), hold
# them, and report how many stay open and the heap in use after a full GC, against the same figure before.
# Usage: bench/sse-streams.sh [streams, default 10000] [hold seconds, default 45]
# Env: JAVA (default JDK 25), JAVA_OPTS (default -Xmx512m), HEARTBEAT (default 15s), RECHECK (default 5s),
# MAX_OPEN (gateway.streams.max-open, default 100000 here so that the heap is the limit; the gateway's own default
# is 2000),
# HISTO=1 (print the heap's largest classes while the streams are open).
# The open-file limit of one process (ulimit -n) bounds the streams one process can hold, server and client alike;
# the clients are split into processes of at most 9,000 streams.
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-10000}
hold=${2:-45}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jcmd=$(dirname "$java")/jcmd
port=18191
if [ ! -f target/seedance-gateway.jar ] || [ -n "$(find src pom.xml -newer target/seedance-gateway.jar -print -quit)" ]; then
  ./mvnw -q -B -DskipTests package
fi
db=gateway_bench_sse_$$
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${server:-}" ]; then
    kill "$server" 2>/dev/null || true
    # a server out of memory may never finish its graceful shutdown
    for _ in $(seq 30); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
    kill -9 "$server" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$work"
}
trap cleanup EXIT

SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
  GATEWAY_ADMIN_TOKEN=bench GATEWAY_TRACKING_ENABLED=false SERVER_TOMCAT_MAX_CONNECTIONS=100000 GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=0 \
  GATEWAY_STREAMS_HEARTBEAT=${HEARTBEAT:-15s} GATEWAY_STREAMS_RECHECK=${RECHECK:-5s} \
  GATEWAY_STREAMS_MAX_OPEN=${MAX_OPEN:-100000} \
  "$java" ${JAVA_OPTS:--Xmx512m} -jar target/seedance-gateway.jar > "$work/server.log" 2>&1 &
server=$!
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.2; done

admin=(-H 'Authorization: Bearer bench' -H 'Content-Type: application/json')
curl -sf -X POST localhost:$port/admin/teams "${admin[@]}" -d '{"id":"bench","name":"Bench","quota":{"max_concurrent_jobs":null,"daily_jobs":null,"monthly_credits":null}}' >/dev/null
key=$(curl -sf -X POST localhost:$port/admin/teams/bench/keys "${admin[@]}" -d '{"name":"bench"}' \
  | sed -E 's/.*"key":"([^"]+)".*/\1/')
curl -sf -X POST localhost:$port/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"model":"seedance-2.0","content":[{"type":"text","text":"A cat walks through a garden"}],"duration":5,"ratio":"16:9"}' >/dev/null
# the other jobs are copies of that one, each with its own id
psql -h 127.0.0.1 -U postgres -d "$db" -qc "
  INSERT INTO job SELECT (jsonb_populate_record(NULL::job, to_jsonb(j) || jsonb_build_object('id', gen_random_uuid()))).*
    FROM job j, generate_series(2, $streams);"
psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT id FROM job" > "$work/ids"

heap() { # heap in use after a full GC, in MiB
  timeout 60 "$jcmd" "$server" GC.run >/dev/null
  timeout 60 "$jcmd" "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' | awk '{printf "%.0f", $1/1024}'
}
rss() { echo $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status) / 1024 )); }
before=$(heap)
echo "before: heap used $before MiB, RSS $(rss) MiB"

per=9000
for (( first = 0; first < streams; first += per )); do
  count=$(( streams - first < per ? streams - first : per ))
  "$java" -Xmx256m bench/SseStreams.java $port "$key" "$work/ids" $first $count $hold > "$work/client-$first.out" 2> "$work/client-$first.err" &
  pids+=($!)
done
i=0
for f in $(seq 0 $per $(( streams - 1 ))); do
  until grep -q '^opened' "$work/client-$f.out" 2>/dev/null; do
    kill -0 "$server" 2>/dev/null || { echo "the server died:"; tail -20 "$work/server.log"; exit 1; }
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "a client died:"; tail -20 "$work/client-$f.err"; exit 1; }
    sleep 1
  done
  i=$(( i + 1 ))
  cat "$work/client-$f.out"
done
sleep $(( hold / 2 ))
open=$(cat "$work"/client-*.out | sed -nE 's/^opened.*: ([0-9]+) streaming.*/\1/p' | paste -sd+ | bc)
during=$(heap)
echo "with $open streams open: heap used $during MiB (+$(( during - before )) MiB," \
  "$(( (during - before) * 1024 / (open > 0 ? open : 1) )) KiB a stream), RSS $(rss) MiB, $(ls /proc/$server/fd | wc -l) open files"
[ -z "${HISTO:-}" ] || "$jcmd" "$server" GC.class_histogram | head -25
wait "${pids[@]}"
pids=()
cat "$work"/client-*.out | grep '^held'
grep -E 'OutOfMemory|ERROR' "$work/server.log" | sort | uniq -c | head -5 || true
echo "(java $("$java" -version 2>&1 | head -1 | cut -d'"' -f2), ${JAVA_OPTS:--Xmx512m}, heartbeat ${HEARTBEAT:-15s}, recheck ${RECHECK:-5s}, max-open ${MAX_OPEN:-100000})"
