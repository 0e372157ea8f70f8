#!/usr/bin/env bash
# The SQL the dispatcher and the poller run on every tick (and GET /jobs at depth), at scale: a fresh database with
# 100,000 queued, 100,000 in-flight and 1,000,000 finished jobs over 50 teams; EXPLAIN (ANALYZE, BUFFERS) of each
# statement (data-changing ones rolled back), then a summary: time, rows, buffers, and whether any step reads the
# job table whole. The statements are copied from the code (named below); keep them in step with it.
# Usage: bench/scale-sql.sh [-v]   (-v: print every plan in full; needs psql and the PostgreSQL at 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=${1:-}
db=gateway_scale_$$
work=$(mktemp -d)
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "CREATE DATABASE $db"
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do psql_ -d "$db" -f "$migration"; done

start=$(date +%s)
psql_ -d "$db" <<'SQL'
-- 50 teams, every fifth with a concurrency limit
INSERT INTO team (id, name, max_concurrent_jobs, created_at, updated_at)
SELECT 'team-' || t, 'Team ' || t, CASE WHEN t % 5 = 0 THEN 3000 END, now() - interval '90 days', now()
  FROM generate_series(0, 49) AS t;
-- 1,000,000 finished jobs over the last 30 days
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at, submitted_at,
                 completed_at, upstream_task_id, submit_attempts)
SELECT gen_random_uuid(), 'team-' || (i % 50),
       CASE WHEN i % 10 = 0 THEN 'FAILED' WHEN i % 25 = 0 THEN 'CANCELLED' ELSE 'SUCCEEDED' END,
       'seedance-2.0', 5, '16:9', '[{"type":"text","text":"A cat walks through a garden"}]',
       now() - interval '30 days' + i * interval '2.5 seconds', now(), now() - interval '30 days' + i * interval '2.5 seconds',
       now() - interval '30 days' + i * interval '2.5 seconds' + interval '1 minute', 'task-f' || i, 1
  FROM generate_series(1, 1000000) AS i;
-- 100,000 in flight: 1,000 submitting (10 of their leases ran out), 1,000 of unknown outcome (10 at the end of their
-- grace), 98,000 submitted or running, their next checks spread over the next hour (about 100 due now)
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at, submitted_at,
                 upstream_task_id, submit_attempts, lease_until, claimed_by, next_attempt_at, next_check_at)
SELECT gen_random_uuid(), 'team-' || (i % 50),
       CASE WHEN i <= 1000 THEN 'SUBMITTING' WHEN i <= 2000 THEN 'OUTCOME_UNKNOWN' WHEN i % 2 = 0 THEN 'SUBMITTED' ELSE 'RUNNING' END,
       'seedance-2.0', 5, '16:9', '[{"type":"text","text":"A cat walks through a garden"}]',
       now() - interval '1 hour' + i * interval '30 milliseconds', now(),
       CASE WHEN i > 2000 THEN now() - interval '30 minutes' END,
       CASE WHEN i > 2000 THEN 'task-i' || i END, 1,
       CASE WHEN i <= 1000 THEN now() + CASE WHEN i <= 10 THEN interval '-1 second' ELSE interval '1 minute' END END,
       CASE WHEN i <= 1000 THEN 'instance-a' END,
       CASE WHEN i > 1000 AND i <= 2000 THEN now() + CASE WHEN i <= 1010 THEN interval '-1 second' ELSE interval '5 minutes' END END,
       CASE WHEN i > 2000 THEN now() + CASE WHEN i <= 2100 THEN interval '-1 second' ELSE (i % 3600) * interval '1 second' + interval '1 second' END END
  FROM generate_series(1, 100000) AS i;
-- 100,000 queued over the last 10 minutes, all due
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at, next_attempt_at)
SELECT gen_random_uuid(), 'team-' || (i % 50), 'QUEUED', 'seedance-2.0', 5, '16:9',
       '[{"type":"text","text":"A cat walks through a garden"}]',
       now() - interval '10 minutes' + i * interval '6 milliseconds', now(), now() - interval '10 minutes' + i * interval '6 milliseconds'
  FROM generate_series(1, 100000) AS i;
-- the in-flight counts, as V8 fills them
INSERT INTO team_in_flight (team_id, in_flight)
SELECT team_id, count(*) FROM job WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING') GROUP BY team_id;
VACUUM ANALYZE;
SQL
echo "== filled in $(( $(date +%s) - start )) s: $(psql_ -d "$db" -tAc "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) n FROM job GROUP BY status) s")"

# name, whether it changes data (then it is rolled back), statement
statements=()
add() { statements+=("$1|$2|$3"); }

# Dispatcher tick (Dispatcher.expireLeasesAndGraces, JobQueue.expireSubmitLeases): 10 leases ran out
add "dispatcher: expire submit leases (JobQueue.expireSubmitLeases)" rw "
UPDATE job
   SET status = 'OUTCOME_UNKNOWN', next_attempt_at = now() + interval '10 minutes', lease_until = NULL,
       claimed_by = NULL, updated_at = now(), version = version + 1
 WHERE id IN (SELECT id FROM job WHERE status = 'SUBMITTING' AND lease_until < now()
               ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
RETURNING id, team_id, model, duration"
# JobQueue.requeueAfterGrace: 10 graces ended
add "dispatcher: requeue after grace (JobQueue.requeueAfterGrace)" rw "
UPDATE job
   SET status = 'QUEUED', next_attempt_at = now(), next_check_at = NULL, updated_at = now(),
       version = version + 1
 WHERE id IN (SELECT id FROM job
               WHERE status = 'OUTCOME_UNKNOWN' AND candidate_task_id IS NULL AND next_attempt_at <= now()
               ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
RETURNING id, team_id, model, duration"
# Dispatch round (JobQueue.claimForSubmission), after SELECT pg_advisory_xact_lock(hashtext('seedance-gateway.dispatch'))
claim() { # maxInFlight batch
  echo "
WITH capacity AS (
    SELECT greatest(least($2, $1 - coalesce(sum(in_flight), 0)), 0) AS free
      FROM team_in_flight
), candidates AS (
    SELECT q.id, q.created_at
      FROM capacity c
     CROSS JOIN team t
      LEFT JOIN team_in_flight f ON f.team_id = t.id
     CROSS JOIN LATERAL (
           SELECT j.id, j.created_at
             FROM job j
            WHERE j.team_id = t.id AND j.status = 'QUEUED' AND j.next_attempt_at <= now()
            ORDER BY j.created_at, j.id
            LIMIT CASE WHEN t.max_concurrent_jobs IS NULL THEN c.free
                       ELSE least(c.free, greatest(t.max_concurrent_jobs - coalesce(f.in_flight, 0), 0)) END
       ) q
     WHERE c.free > 0
     ORDER BY q.created_at, q.id
     LIMIT (SELECT free FROM capacity)
), locked AS (
    SELECT id FROM job WHERE id IN (SELECT id FROM candidates) AND status = 'QUEUED'
       FOR NO KEY UPDATE SKIP LOCKED
), claimed AS (
    UPDATE job
       SET status = 'SUBMITTING', lease_until = now() + interval '2 minutes', claimed_by = 'bench',
           submit_attempts = submit_attempts + 1, updated_at = now(), version = version + 1
     WHERE id IN (SELECT id FROM locked)
    RETURNING id, team_id, model, content::text AS content, duration, ratio, submit_attempts, created_at
)
SELECT * FROM claimed ORDER BY created_at, id"
}
add "dispatcher: claim, capacity free (cap 1,000,000, batch 50)" rw "$(claim 1000000 50)"
add "dispatcher: claim, at the cap (cap 50: nothing to claim)" rw "$(claim 50 50)"
# InFlightCounts.write, just before the claim's commit (and every other move's): three teams' counts
add "dispatcher: the claim's counts (InFlightCounts, before commit)" rw "
WITH counted AS (
    INSERT INTO team_in_flight AS f (team_id, in_flight)
    SELECT key, value::integer FROM json_each_text(CAST('{\"team-1\":20,\"team-2\":15,\"team-3\":15}' AS json)) ORDER BY key
        ON CONFLICT (team_id) DO UPDATE SET in_flight = f.in_flight + excluded.in_flight
)
SELECT pg_notify('dispatch', '') WHERE false"
# Poller tick (JobQueue.claimDueChecks), batch 100: about 100 due
add "poller: claim due checks (JobQueue.claimDueChecks, batch 100)" rw "
UPDATE job SET next_check_at = now() + interval '2 minutes', version = version + 1,
       claimed_by = CASE WHEN status = 'SUBMITTING' THEN claimed_by ELSE 'bench' END
 WHERE id IN (SELECT id FROM job
               WHERE next_check_at <= now()
               ORDER BY next_check_at
               LIMIT 100
               FOR NO KEY UPDATE SKIP LOCKED)
RETURNING id, status, upstream_task_id, candidate_task_id, submitted_at, completed_at, checks"
# GET /jobs?limit=20 at depth (JobViews.list): the page after the team's 20,000th newest job, by its keyset cursor
cursor=$(psql_ -d "$db" -tAc "SELECT created_at || '|' || id FROM job WHERE team_id = 'team-7' ORDER BY created_at DESC, id DESC OFFSET 19999 LIMIT 1")
add "GET /jobs?limit=20, 1,000 pages deep (JobViews.list, keyset cursor)" ro "
SELECT id, status, model, duration, ratio, content, metadata, notify_url, video_url, consumed, error_code,
       error_message, created_at, submitted_at, completed_at, updated_at, version
  FROM job WHERE team_id = 'team-7'
   AND created_at <= '${cursor%|*}' AND (created_at < '${cursor%|*}' OR id < '${cursor#*|}')
 ORDER BY created_at DESC, id DESC LIMIT 21"
# not per tick, for comparison: the gauges (on each scrape) and the recount (every 10 minutes)
add "gauges on a scrape (JobQueue.depth)" ro "
SELECT (SELECT coalesce(sum(in_flight), 0) FROM team_in_flight) AS in_flight,
       (SELECT count(*) FROM job WHERE status = 'QUEUED') AS queued"
add "recount, every 10 minutes (InFlightCounts.recount)" rw "
WITH counted AS (
    SELECT t.id AS team_id, count(j.id) AS in_flight
      FROM team t LEFT JOIN job j ON j.team_id = t.id AND j.status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')
     GROUP BY t.id
), wrong AS (
    SELECT c.team_id, c.in_flight FROM counted c LEFT JOIN team_in_flight f USING (team_id)
     WHERE coalesce(f.in_flight, 0) <> c.in_flight
)
INSERT INTO team_in_flight AS f (team_id, in_flight) SELECT team_id, in_flight FROM wrong
    ON CONFLICT (team_id) DO UPDATE SET in_flight = excluded.in_flight"
# what the dispatcher did before V8 on every claim, for comparison
add "before V8, on every claim: count(*) of in-flight jobs" ro "
SELECT count(*) FROM job WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')"
add "before V8, on every claim: in-flight jobs per team" ro "
SELECT team_id, count(*) AS n FROM job WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING') GROUP BY team_id"

summary=()
for entry in "${statements[@]}"; do
  name=${entry%%|*}; rest=${entry#*|}; mode=${rest%%|*}; sql=${rest#*|}
  # twice: the first run warms the cache, the second is reported
  for _ in 1 2; do
    if [ "$mode" = rw ]; then
      psql_ -d "$db" -tA -c "BEGIN" -c "EXPLAIN (ANALYZE, BUFFERS) $sql" -c "ROLLBACK" > "$work/plan"
    else
      psql_ -d "$db" -tA -c "EXPLAIN (ANALYZE, BUFFERS) $sql" > "$work/plan"
    fi
  done
  if [ "$verbose" = -v ]; then echo; echo "== $name"; cat "$work/plan"; fi
  time_ms=$(awk '/Execution Time/ {print $3}' "$work/plan")
  rows=$(awk 'NR == 1 {match($0, /actual time=[^ ]+ rows=([0-9]+)/, m); print m[1]}' "$work/plan")
  hits=$(awk '/Buffers:/ {for (i = 1; i <= NF; i++) if ($i ~ /^hit=/) {split($i, h, "="); print h[2]; exit}}' "$work/plan")
  scans=$( (grep -oE '(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan) (using [a-z_]+ )?on [a-z_]+' "$work/plan" \
    | sed -E 's/^(.*) using ([a-z_]+) on [a-z_]+$/\1 \2/' | sort | uniq -c | awk '{n=$1; $1=""; printf "%s%s x%d", sep, substr($0, 2), n; sep=", "}') || true)
  seq_job=$(grep -cE 'Seq Scan on job ' "$work/plan" || true)
  summary+=("$(printf '%-70s %9s ms %6s rows %7s buffers  %s%s' "$name" "$time_ms" "${rows:-?}" "${hits:-0}" "$scans" \
    "$([ "$seq_job" != 0 ] && echo '  <- reads the job table whole')")")
done
echo
echo "== summary: execution time, rows returned, shared buffers hit by the top node, scans (x how many)"
printf '%s\n' "${summary[@]}"
