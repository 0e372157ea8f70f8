#!/usr/bin/env bash
# Black-box check of notifications against the packaged jar (sandbox upstream, fresh database, a WireMock
# receiver): a job whose notify_url answers 500 the first time is delivered again with the same webhook-id, and
# every signature verifies with the team's secret. With a second instance on the same database, a live-status
# stream opened on each instance sees the job through to succeeded (when GET /jobs/{id}/events exists).
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
wiremock=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | tail -n 1)
db=gateway_contract_notify_$$
port=18195
port2=18196
receiver=18197
work=$(mktemp -d)
pids=()
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
"$java" -jar "$wiremock" --port $receiver --disable-banner > "$work/wiremock.log" 2>&1 &
pids+=($!)
start() { # port
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$1 SEEDANCE_SANDBOX=true GATEWAY_ADMIN_TOKEN=admin \
    GATEWAY_PUBLIC_URL=http://localhost:$1 GATEWAY_SECRETS_KEY=$(head -c 32 /dev/zero | tr '\0' 'k' | base64) \
    "$java" -jar target/seedance-gateway.jar > "$work/gateway-$1.log" 2>&1 &
  pids+=($!)
}
start $port
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.2; done
start $port2
until curl -sf localhost:$receiver/__admin/mappings >/dev/null && curl -sf localhost:$port2/actuator/health/readiness >/dev/null; do sleep 0.2; done
failures=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "MISS $1: expected $2, got $3"; failures=$((failures + 1)); fi; }

stub() { curl -sf -X POST localhost:$receiver/__admin/mappings -d "$1" >/dev/null; }
stub '{"scenarioName":"hook","requiredScenarioState":"Started","newScenarioState":"second","request":{"method":"POST","urlPath":"/hook"},"response":{"status":500}}'
stub '{"scenarioName":"hook","requiredScenarioState":"second","request":{"method":"POST","urlPath":"/hook"},"response":{"status":204}}'

secret=$(curl -sf -X POST localhost:$port/admin/teams -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
  -d '{"id":"notified","name":"notified","quota":{}}' | sed -E 's/.*"webhook_secret":"([^"]+)".*/\1/')
key=$(curl -sf -X POST localhost:$port/admin/teams/notified/keys -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
  -d '{"name":"check"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
job=$(curl -sf -X POST localhost:$port/jobs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "{\"content\":[{\"type\":\"text\",\"text\":\"A cat [sandbox:slow]\"}],\"notify_url\":\"http://localhost:$receiver/hook\"}" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')

streams=0
if [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 localhost:$port/jobs/$job/events -H "Authorization: Bearer $key")" != 404 ]; then
  for p in $port $port2; do
    curl -sN -m 120 localhost:$p/jobs/$job/events -H "Authorization: Bearer $key" > "$work/stream-$p.txt" &
    pids+=($!)
  done
  streams=1
fi

for _ in $(seq 1 600); do
  [ "$(curl -sf localhost:$receiver/__admin/requests | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')" -ge 2 ] && break
  sleep 0.2
done
curl -sf localhost:$receiver/__admin/requests > "$work/requests.json"
python3 - "$work/requests.json" "$secret" "$job" <<'PY' || failures=$((failures + 1))
import base64, hashlib, hmac, json, sys
requests = sorted(json.load(open(sys.argv[1]))["requests"], key=lambda r: r["request"]["loggedDate"])
key = base64.b64decode(sys.argv[2].removeprefix("whsec_"))
ids = set()
for r in requests:
    h = {k.lower(): v for k, v in r["request"]["headers"].items()}
    msg_id, ts, body = h["webhook-id"], h["webhook-timestamp"], r["request"]["body"]
    expected = "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.{body}".encode(), hashlib.sha256).digest()).decode()
    ok = expected in h["webhook-signature"].split(" ")
    data = json.loads(body)
    print(f"{'ok  ' if ok else 'MISS'} delivery {r['response']['status']}: webhook-id {msg_id}, type {data['type']}, job {data['data']['id'] == sys.argv[3]}, signature verifies {ok}")
    ids.add(msg_id)
    assert ok and data["type"] == "job.succeeded" and data["data"]["status"] == "succeeded"
assert len(requests) == 2, f"{len(requests)} deliveries"
assert len(ids) == 1, "webhook-id changed between tries"
print("ok   two tries (500, then 2xx), one webhook-id")
PY
if [ $streams = 1 ]; then
  for p in $port $port2; do
    for _ in $(seq 1 100); do grep -Eq '^event: ?end' "$work/stream-$p.txt" 2>/dev/null && break; sleep 0.2; done
    check "stream on :$p saw succeeded then end" yes "$(grep -q '"status":"succeeded"' "$work/stream-$p.txt" && grep -Eq '^event: ?end' "$work/stream-$p.txt" && echo yes || echo no)"
  done
else
  echo "skip GET /jobs/{id}/events is not there"
fi
[ "$failures" = 0 ] || exit 1
