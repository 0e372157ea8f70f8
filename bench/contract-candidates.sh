#!/usr/bin/env bash
# Black-box check that no upstream task is dropped: the packaged jar against a WireMock upstream. Five jobs whose
# create calls are cut off after reaching the upstream (connection reset); their callbacks arrive while every task
# query fails; the queries recover after a few seconds. Each job must end succeeded with exactly one create call,
# within a few poll intervals of the recovery. Exits 1 on a miss.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
wiremock=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | tail -n 1)
db=gateway_contract_candidates_$$
port=18193
upstream=18194
poll=2
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'kill $pid $wm 2>/dev/null || true; wait 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
"$java" -jar "$wiremock" --port $upstream --disable-banner > "$work/wiremock.log" 2>&1 &
wm=$!
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_BASE_URL=http://localhost:$upstream \
  SEEDANCE_API_KEY=wiremock-accepts-any-key GATEWAY_ADMIN_TOKEN=admin GATEWAY_PUBLIC_URL=http://localhost:$port \
  GATEWAY_POLL_INTERVAL=${poll}s "$java" -jar target/seedance-gateway.jar > "$work/gateway.log" 2>&1 &
pid=$!
until curl -sf localhost:$upstream/__admin/mappings >/dev/null && curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.2; done
stub() { curl -sf -X POST localhost:$upstream/__admin/mappings -d "$1" >/dev/null; }
stub '{"request":{"method":"POST","urlPath":"/api/video/seedance/gen"},"response":{"fault":"CONNECTION_RESET_BY_PEER"}}'
stub '{"priority":5,"request":{"method":"GET","urlPath":"/api/task/query"},"response":{"status":500,"body":"{\"code\":1,\"message\":\"down\"}"}}'

curl -sf -X POST localhost:$port/admin/teams -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
  -d '{"id":"cutoff","name":"cutoff","quota":{}}' >/dev/null
key=$(curl -sf -X POST localhost:$port/admin/teams/cutoff/keys -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
  -d '{"name":"check"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
for i in 1 2 3 4 5; do
  curl -sf -X POST localhost:$port/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"content\":[{\"type\":\"text\",\"text\":\"cut off $i\"}]}" >/dev/null
done
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -tAc "$1"; }
until [ "$(sql "SELECT count(*) FROM job WHERE status = 'OUTCOME_UNKNOWN'")" = 5 ]; do sleep 0.2; done
echo "5 jobs cut off mid-create: OUTCOME_UNKNOWN"

# every query fails for now (a higher-priority stub shadows the answers stubbed below)
stub '{"priority":0,"request":{"method":"GET","urlPath":"/api/task/query"},"response":{"status":503,"body":"{\"code\":1,\"message\":\"still down\"}"}}'
# the upstream made the tasks: its callbacks name them
for body in $(curl -sf localhost:$upstream/__admin/requests | python3 -c '
import json, sys
for r in json.load(sys.stdin)["requests"]:
    if r["request"]["url"].startswith("/api/video/seedance/gen"):
        print(json.loads(r["request"]["body"])["callback_url"] + "|" + json.loads(r["request"]["body"])["content"][0]["text"].replace(" ", "-"))
' | sort -u); do
  url=${body%%|*}; task=task-${body##*|}
  stub "{\"priority\":1,\"request\":{\"method\":\"GET\",\"urlPath\":\"/api/task/query\",\"queryParameters\":{\"task_id\":{\"equalTo\":\"$task\"}}},\"response\":{\"status\":200,\"jsonBody\":{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"$task\",\"status\":\"success\",\"result\":{\"video\":\"https://cdn.example/$task.mp4\"},\"consumed\":\"0.500000\",\"status_reason\":{\"message\":null}}}}}"
  curl -sf -o /dev/null -X POST "$url" -H 'Content-Type: application/json' -d "{\"task_id\":\"$task\",\"status\":\"success\"}"
done
sleep 6
kept=$(sql "SELECT count(*) FROM job WHERE candidate_task_id IS NOT NULL AND status = 'OUTCOME_UNKNOWN'")
echo "task ids kept while every query fails for 6 s: $kept of 5"
[ "$kept" = 5 ] || exit 1
curl -sf -X DELETE localhost:$upstream/__admin/mappings/$(curl -sf localhost:$upstream/__admin/mappings | python3 -c '
import json, sys
print(next(m["id"] for m in json.load(sys.stdin)["mappings"] if m.get("priority") == 0))') >/dev/null
recovered=$(date +%s)
until [ "$(sql "SELECT count(*) FROM job WHERE status = 'SUCCEEDED'")" = 5 ]; do
  [ $(( $(date +%s) - recovered )) -lt 60 ] || { echo "MISS: not all succeeded within 60 s of the recovery"; sql "SELECT status, candidate_task_id FROM job"; exit 1; }
  sleep 0.2
done
echo "all 5 succeeded $(( $(date +%s) - recovered )) s after the queries recovered (poll interval ${poll} s)"
creates=$(curl -sf localhost:$upstream/__admin/requests | python3 -c '
import json, sys
print(sum(1 for r in json.load(sys.stdin)["requests"] if r["request"]["url"].startswith("/api/video/seedance/gen")))')
echo "create calls to the upstream: $creates (one per job expected)"
[ "$creates" = 5 ] || exit 1
[ "$(sql "SELECT count(DISTINCT upstream_task_id) FROM job")" = 5 ] || { echo "MISS: task ids"; exit 1; }
