#!/usr/bin/env bash
# Black-box check of the quota and idempotency promises against the packaged jar (sandbox upstream, fresh
# database): 20 simultaneous creates against a daily quota of 5; credits of 1.00 at 0.50 a job; 8 simultaneous
# creates with one Idempotency-Key; a different body under a used key. Prints each outcome; exits 1 on a miss.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
db=gateway_contract_quotas_$$
port=18192
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
  GATEWAY_ADMIN_TOKEN=admin GATEWAY_PUBLIC_URL=http://localhost:$port "$java" -jar target/seedance-gateway.jar > "$work/gateway.log" 2>&1 &
pid=$!
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.2; done
failures=0
check() { # description expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "MISS $1: expected $2, got $3"; failures=$((failures + 1)); fi
}
team() { # id quota -> key
  curl -sf -X POST localhost:$port/admin/teams -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"name\":\"$1\",\"quota\":$2}" >/dev/null
  curl -sf -X POST localhost:$port/admin/teams/$1/keys -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
    -d '{"name":"check"}' | sed -E 's/.*"key":"([^"]+)".*/\1/'
}
body='{"content":[{"type":"text","text":"A cat walks through a garden"}],"duration":5}'
simultaneously() { # n key [idempotency key] -> one status per line
  for i in $(seq 1 "$1"); do
    curl -s -o "$work/body.$i" -w '%{http_code}\n' -X POST localhost:$port/jobs -H "Authorization: Bearer $2" \
      -H 'Content-Type: application/json' ${3:+-H "Idempotency-Key: $3"} -d "$body" > "$work/status.$i" &
  done
  wait
  cat "$work"/status.*; rm -f "$work"/status.*
}

key=$(team daily5 '{"daily_jobs":5}')
statuses=$(simultaneously 20 "$key")
check "20 simultaneous creates, daily_jobs 5: 202s" 5 "$(grep -c 202 <<<"$statuses")"
check "20 simultaneous creates, daily_jobs 5: 429s" 15 "$(grep -c 429 <<<"$statuses")"

key=$(team credits1 '{"monthly_credits":"1.00"}')
statuses=$(simultaneously 20 "$key")
check "20 simultaneous creates at 0.50, monthly_credits 1.00: 202s" 2 "$(grep -c 202 <<<"$statuses")"

key=$(team idem '{}')
statuses=$(simultaneously 8 "$key" same-key-1)
check "8 simultaneous creates with one Idempotency-Key: 202s" 1 "$(grep -c 202 <<<"$statuses")"
check "8 simultaneous creates with one Idempotency-Key: 200s" 7 "$(grep -c 200 <<<"$statuses")"
check "... distinct job ids answered" 1 "$(cat "$work"/body.* | sed -E 's/.*"id":"([^"]+)".*/\1/' | sort -u | wc -l)"
check "... jobs stored" 1 "$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT count(*) FROM job WHERE team_id = 'idem'")"
for _ in $(seq 1 50); do
  [ "$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT count(*) FROM job WHERE team_id = 'idem' AND status = 'SUCCEEDED'")" = 1 ] && break
  sleep 0.2
done
check "... upstream tasks created" 1 "$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT count(*) FROM job_event e JOIN job j ON j.id = e.job_id WHERE j.team_id = 'idem' AND e.kind = 'UPSTREAM_CREATE'")"
other='{"content":[{"type":"text","text":"A dog"}],"duration":5}'
check "a different body under the used key" 409 "$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:$port/jobs \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -H 'Idempotency-Key: same-key-1' -d "$other")"
[ "$failures" = 0 ] || exit 1
