-- A task id the upstream revealed (a callback) for a job whose submission outcome is unknown, kept until a
-- query confirms it (the job adopts the task) or three 404s in a row discard it. While it is set the job is
-- never submitted again.
ALTER TABLE job ADD COLUMN candidate_task_id text;

-- Checks are due for submitted and running tasks and for unconfirmed candidates: next_check_at is set
-- exactly while a check is due, so one partial index serves the poller for both.
UPDATE job SET next_check_at = NULL WHERE status NOT IN ('SUBMITTED', 'RUNNING');
DROP INDEX job_due_check_idx;
CREATE INDEX job_due_check_idx ON job (next_check_at) WHERE next_check_at IS NOT NULL;

-- The grace requeue skips jobs that wait on a candidate.
DROP INDEX job_outcome_unknown_idx;
CREATE INDEX job_outcome_unknown_idx ON job (next_attempt_at) WHERE status = 'OUTCOME_UNKNOWN' AND candidate_task_id IS NULL;

-- Upstream tasks that no job owns: a submission's "accepted" that arrived after its job had moved on
-- (submitted again, or cancelled). The upstream may bill them; operators list them.
CREATE TABLE orphaned_task (
    upstream_task_id text        PRIMARY KEY,
    job_id           uuid        NOT NULL REFERENCES job (id),
    team_id          text        NOT NULL REFERENCES team (id),
    attempt          integer     NOT NULL,     -- the submission attempt whose call created the task
    found_at         timestamptz NOT NULL
);

CREATE INDEX orphaned_task_found_idx ON orphaned_task (found_at DESC);
