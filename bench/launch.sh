#!/usr/bin/env bash
# The production launch on this machine, as the image does it (README, "Production launch"): the jar's layers
# extracted into one application directory and the AOT cache trained there, both by bin/gateway, as the Dockerfile
# runs it; then `bin/gateway run` with the environment it is given. The run replaces this process (exec), so the
# caller's pid is the JVM's.
#
#   bench/launch.sh --prepare   extract and train, unless done for this jar and this JDK (target/launch/jdkNN)
#   bench/launch.sh [ARGS...]   the gateway, prepared first if it was not (ARGS are Spring arguments)
#
# JAVA: the java binary (default: JDK 25 if installed where this machine has it, else java on the PATH); the
# directory, the cache and the measurements are per JDK: JDK 17 gets a CDS archive (app.jsa) instead of an AOT cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
dir=$root/target/launch/jdk$feature
jar=$root/target/seedance-gateway.jar

prepare() {
	[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
	if [ -f "$dir/seedance-gateway.jar.sha256" ] && sha256sum --status -c "$dir/seedance-gateway.jar.sha256" 2>/dev/null \
		&& cmp -s "$root/bin/gateway" "$dir/app/bin/gateway"; then
		return
	fi
	rm -rf "$dir"
	"$root/bin/gateway" install "$jar" "$dir/app"
	echo "bench/launch.sh: training the cache in $dir/app (java $feature) ..." >&2
	"$dir/app/bin/gateway" train > "$dir/training.log" 2>&1 || { tail -30 "$dir/training.log" >&2; exit 1; }
	sha256sum "$jar" > "$dir/seedance-gateway.jar.sha256"
}

if [ "${1:-}" = --prepare ]; then
	prepare
	exit 0
fi
prepare
exec "$dir/app/bin/gateway" run "$@"
