# What the benchmarks share; sourced, not run: . "$(dirname "$0")/lib.sh"

# The job every benchmark posts.
job_body='{"model":"seedance-2.0","content":[{"type":"text","text":"A cat walks through a garden"}],"duration":5,"ratio":"16:9"}'

# port id [quota JSON, default {}] [admin token, default bench]: creates the team on the gateway at localhost:port and
# prints a new key of it
team_key() {
  local admin=(-H "Authorization: Bearer ${4:-bench}" -H 'Content-Type: application/json')
  curl -sf -X POST "localhost:$1/admin/teams" "${admin[@]}" -d "{\"id\":\"$2\",\"name\":\"$2\",\"quota\":${3:-{\}}}" >/dev/null
  curl -sf -X POST "localhost:$1/admin/teams/$2/keys" "${admin[@]}" -d '{"name":"bench"}' \
    | sed -E 's/.*"key":"([^"]+)".*/\1/'
}

# file key: writes a wrk script that posts $job_body with the key
post_script() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$job_body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $2"
LUA
}

# seconds url [hey options...]: the latency at a fixed 500 requests/s (hey: 10 connections x 50/s); prints
# "p50_ms p99_ms requests_per_s"
fixed_rate() {
  local seconds=$1 url=$2
  shift 2
  hey -z "${seconds}s" -c 10 -q 50 "$@" "$url" \
    | awk '/50% in/ {p50 = $3} /99% in/ {p99 = $3} /Requests\/sec/ {r = $2} END {printf "%.1f %.1f %.0f\n", p50 * 1000, p99 * 1000, r}'
}

# url pid log: waits until url answers 2xx; exits, with the log's end, if the process ends first
await_up() {
  until curl -sf "$1" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "what should answer $1 ended: $3" >&2; tail -30 "$3" >&2; exit 1; }
    sleep 0.05
  done
}
