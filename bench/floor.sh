#!/usr/bin/env bash
# The floor of the stack on this machine: the smallest Spring Boot web application (bench/floor: one constant JSON
# endpoint, Spring MVC on Tomcat, no security, no database), launched exactly as the gateway is in production
# (bin/gateway: the extracted jar, the trained AOT cache, the same JVM flags, virtual threads). Prints:
#   start to the first answer, the best and the median of three starts;
#   the latency at a fixed 500 requests/s (hey: 10 connections x 50/s) after a 30 s warm-up with wrk, p50 and p99;
# and last a line "RESULT start_ms=… p50_ms=… p99_ms=…" for bench/perf.sh. What the gateway's own figures are
# compared with: no gateway on this stack and machine starts faster or answers a fixed rate with a shorter tail.
# Usage: bench/floor.sh   (JAVA=… for another JDK, default JDK 25; needs wrk and hey; builds bench/floor with Maven)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
export JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
for tool in wrk hey; do command -v $tool >/dev/null || apt-get install -y -qq $tool >/dev/null; done
"$root/mvnw" -q -B -f "$root/bench/floor/pom.xml" -DskipTests package
app=$root/bench/floor/target/app
rm -rf "$app"
"$root/bin/gateway" install "$root/bench/floor/target/floor.jar" "$app"
"$app/bin/gateway" train > "$app/training.log" 2>&1 || { tail -20 "$app/training.log" >&2; exit 1; }

port=$(( 20000 + RANDOM % 20000 ))
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT
starts=()
for _ in 1 2 3; do
  t0=$(date +%s%N)
  "$app/bin/gateway" run --server.port=$port --spring.threads.virtual.enabled=true > "$app/run.log" 2>&1 &
  pid=$!
  await_up "localhost:$port/status" $pid "$app/run.log"
  starts+=($(( ($(date +%s%N) - t0) / 1000000 )))
  [ ${#starts[@]} = 3 ] || { kill $pid; wait $pid 2>/dev/null || true; }
done
read -r best median <<<"$(printf '%s\n' "${starts[@]}" | sort -n | awk '{v[NR] = $1} END {print v[1], v[2]}')"
wrk -t2 -c8 -d30s "http://localhost:$port/status" >/dev/null
read -r p50 p99 rate <<<"$(fixed_rate 10 "http://localhost:$port/status")"
echo "the smallest Spring Boot web application, launched as the gateway is ($("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2)):"
echo "   start to the first answer: best $best ms, median $median ms (${starts[*]})"
echo "   at a fixed rate (10 connections x 50/s): p50 $p50 ms, p99 $p99 ms at $rate requests/s"
echo "RESULT start_ms=$median p50_ms=$p50 p99_ms=$p99"
