#!/usr/bin/env bash
# Startup time and idle RSS of the built jar (sandbox mode, fresh database), on the JDK on PATH.
# Usage: [JAVA_OPTS=...] bench/startup-rss.sh [idle seconds before reading RSS, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${1:-30}
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
db=gateway_bench_startup_$$
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
start() {
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=18190 SEEDANCE_SANDBOX=true \
    GATEWAY_ADMIN_TOKEN=bench java ${JAVA_OPTS:-} -jar target/seedance-gateway.jar > /tmp/$db.log 2>&1 &
  pid=$!
  local t0=$(date +%s%N)
  until curl -sf localhost:18190/actuator/health/readiness >/dev/null; do sleep 0.1; done
  echo "$1: ready after $(( ($(date +%s%N) - t0) / 1000000 )) ms; $(grep -o 'Started GatewayApplication in [0-9.]* seconds' /tmp/$db.log)"
}
start "first start (runs the migrations)"
kill $pid; wait $pid 2>/dev/null || true
start "second start"
sleep "$idle"
echo "idle RSS after ${idle}s: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB (java $(java -version 2>&1 | head -1 | cut -d'"' -f2), ${JAVA_OPTS:-default JVM options})"
