#!/usr/bin/env bash
# Start to healthy and idle memory of the gateway (sandbox upstream, a database of its own), several starts:
#   start to healthy: from the launch to the first UP of /actuator/health/readiness, and the CPU time spent by then;
#   idle RSS: the JVM's resident memory some seconds after it became healthy, with nothing asked of it.
# The machine is shared, so each start is printed with the load average, then the best and the median.
#
# Usage: [JAVA=/path/to/java] [RUNS=5] bench/startup-rss.sh [--jar] [idle seconds, default 30]
#   default  the production launch, as the image runs it: bench/launch.sh (extracted jar, AOT cache, bin/gateway)
#   --jar    plain `java $JAVA_OPTS -jar target/seedance-gateway.jar`, the launch before the production one
# JAVA: default JDK 25 (/usr/lib/jvm/temurin-25-jdk-amd64); JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java for 17.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=launch
if [ "${1:-}" = --jar ]; then mode=jar; shift; fi
idle=${1:-30}
runs=${RUNS:-5}
export JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
[ -f target/seedance-gateway.jar ] || ./mvnw -q -B -DskipTests package
[ $mode = launch ] && bench/launch.sh --prepare

db=gateway_bench_startup_$$
port=$(( 20000 + RANDOM % 20000 ))
! curl -s -o /dev/null localhost:$port || { echo "port $port is taken: run again" >&2; exit 1; }
log=$(mktemp)
pid=
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -f $log' EXIT

start() { # sets $ready_ms and $cpu_ms; leaves the gateway running as $pid
	local t0
	t0=$(date +%s%N)
	if [ $mode = launch ]; then
		env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
			GATEWAY_ADMIN_TOKEN=bench bench/launch.sh > "$log" 2>&1 &
	else
		# shellcheck disable=SC2086
		env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SERVER_PORT=$port SEEDANCE_SANDBOX=true \
			GATEWAY_ADMIN_TOKEN=bench "$JAVA" ${JAVA_OPTS:-} -jar target/seedance-gateway.jar > "$log" 2>&1 &
	fi
	pid=$!
	until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do
		kill -0 $pid 2>/dev/null || { echo "the gateway did not start:" >&2; tail -20 "$log" >&2; exit 1; }
		sleep 0.02
	done
	ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$pid/stat)
}
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=; }
load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

version=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version =/ {print $2}')
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [ $mode = launch ]; then
	what="production launch, java $version: $(target/launch/jdk$feature/app/bin/gateway command)"
else
	what="java ${JAVA_OPTS:-} -jar target/seedance-gateway.jar, java $version"
fi
echo "== $what"
echo "== $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start
echo "first start (migrates the database): healthy after $ready_ms ms"
stop
results=()
for run in $(seq 1 "$runs"); do
	start
	sleep "$idle"
	rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
	printf 'start %d: healthy after %5d ms (%5d ms of CPU), idle RSS after %ds %4d MiB, load %s\n' \
		"$run" "$ready_ms" "$cpu_ms" "$idle" "$rss" "$(load)"
	results+=("$ready_ms $cpu_ms $rss")
	stop
done
column() { printf '%s\n' "${results[@]}" | cut -d' ' -f"$1"; }
best() { column "$1" | sort -n | head -1; }
echo "start to healthy: best $(best 1) ms, median $(column 1 | median) ms" \
	"(CPU: best $(best 2) ms, median $(column 2 | median) ms)"
echo "idle RSS after ${idle}s: best $(best 3) MiB, median $(column 3 | median) MiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
