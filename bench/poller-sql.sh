#!/usr/bin/env bash
# The poller's claim statement (as in JobQueue.claimDueChecks) with 10,000 in-flight jobs of which 10 are due: EXPLAIN ANALYZE and timing.
# Usage: bench/poller-sql.sh   (needs psql and the local PostgreSQL at 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
db=gateway_bench_$$
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "CREATE DATABASE $db"
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
for migration in src/main/resources/db/migration/V*.sql; do psql_ -d "$db" -f "$migration"; done
psql_ -d "$db" <<'SQL'
INSERT INTO team (id, name, created_at, updated_at) VALUES ('bench', 'Bench', now(), now());
-- 10,000 in-flight jobs: 10 due now, the rest checked later; plus 50,000 finished jobs of history
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at,
                 upstream_task_id, submitted_at, next_check_at)
SELECT gen_random_uuid(), 'bench', CASE WHEN i % 2 = 0 THEN 'SUBMITTED' ELSE 'RUNNING' END, 'seedance-2.0', 5, '16:9',
       '[{"type":"text","text":"x"}]', now(), now(), 'task-' || i, now(),
       CASE WHEN i <= 10 THEN now() - interval '1 second' ELSE now() + interval '1 minute' END
  FROM generate_series(1, 10000) AS i;
INSERT INTO job (id, team_id, status, model, duration, ratio, content, created_at, updated_at, completed_at)
SELECT gen_random_uuid(), 'bench', 'SUCCEEDED', 'seedance-2.0', 5, '16:9', '[{"type":"text","text":"x"}]',
       now() - interval '1 day', now(), now()
  FROM generate_series(1, 50000);
ANALYZE job;
SQL
claim=$(cat <<'SQL'
UPDATE job SET next_check_at = now() + interval '2 minutes', version = version + 1,
       claimed_by = CASE WHEN status = 'SUBMITTING' THEN claimed_by ELSE 'bench' END
 WHERE id IN (SELECT id FROM job
               WHERE next_check_at <= now()
               ORDER BY next_check_at
               LIMIT 100
               FOR NO KEY UPDATE SKIP LOCKED)
RETURNING id, status, upstream_task_id, candidate_task_id, submitted_at, completed_at, checks
SQL
)
echo "== EXPLAIN (ANALYZE, BUFFERS) of the poller's claim (rolled back)"
psql_ -d "$db" -c "BEGIN" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $claim" -c "ROLLBACK"
echo "== 200 claims in a row (each rolled back), total time"
{
  for _ in $(seq 1 200); do echo "BEGIN; $claim; ROLLBACK;"; done
} > /tmp/$db.sql
start=$(date +%s%N)
psql_ -d "$db" -o /dev/null -f /tmp/$db.sql
end=$(date +%s%N)
echo "mean per claim transaction (BEGIN; claim; ROLLBACK; one psql session): $(( (end - start) / 200 / 1000 )) µs"
rm -f /tmp/$db.sql
