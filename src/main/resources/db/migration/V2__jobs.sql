-- One row a job. Internal states SUBMITTING and OUTCOME_UNKNOWN are shown to clients as "queued".
CREATE TABLE job (
    id                  uuid        PRIMARY KEY,               -- UUIDv7: time-ordered
    team_id             text        NOT NULL REFERENCES team (id),
    status              text        NOT NULL CHECK (status IN ('QUEUED', 'SUBMITTING', 'OUTCOME_UNKNOWN',
                                        'SUBMITTED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    model               text        NOT NULL,
    duration            integer     NOT NULL,
    ratio               text        NOT NULL,
    -- the content items exactly as the client sent them: json, not jsonb, keeps their text and key order
    content             json        NOT NULL,
    metadata            jsonb       NOT NULL DEFAULT '{}',
    notify_url          text,
    upstream_task_id    text,
    upstream_status     text,                                  -- the raw status word last reported upstream
    callback_token_hash bytea       UNIQUE,                    -- SHA-256 of the per-job callback token
    consumed            numeric(18, 6),
    error_code          text,
    error_message       text,
    video_url           text,
    created_at          timestamptz NOT NULL,
    submitted_at        timestamptz,
    completed_at        timestamptz,
    updated_at          timestamptz NOT NULL,
    -- worker bookkeeping: dispatcher (next_attempt_at, submit_attempts), poller (next_check_at, checks,
    -- not_found_checks),
    -- and the lease of whichever instance holds the job right now
    next_attempt_at     timestamptz,
    submit_attempts     integer     NOT NULL DEFAULT 0,
    next_check_at       timestamptz,
    checks              integer     NOT NULL DEFAULT 0,
    not_found_checks    integer     NOT NULL DEFAULT 0,        -- consecutive queries answered 404
    lease_until         timestamptz,
    claimed_by          text,
    version             bigint      NOT NULL DEFAULT 0
);

-- GET /jobs: a team's jobs newest first (keyset on created_at, id)
CREATE INDEX job_team_created_idx ON job (team_id, created_at DESC, id DESC);
-- GET /admin/jobs: all jobs newest first
CREATE INDEX job_created_idx ON job (created_at DESC, id DESC);
-- dispatcher: each team's queued jobs, oldest first
CREATE INDEX job_queued_idx ON job (team_id, created_at, id) WHERE status = 'QUEUED';
-- poller: in-flight jobs whose next check is due
CREATE INDEX job_due_check_idx ON job (next_check_at) WHERE status IN ('SUBMITTED', 'RUNNING');
-- submit leases that may have expired
CREATE INDEX job_submitting_lease_idx ON job (lease_until) WHERE status = 'SUBMITTING';
-- jobs whose submission outcome is unknown, by the time their grace ends
CREATE INDEX job_outcome_unknown_idx ON job (next_attempt_at) WHERE status = 'OUTCOME_UNKNOWN';
-- in-flight counts, globally and per team
CREATE INDEX job_in_flight_idx ON job (team_id) WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING');

-- One row a status change or upstream call, for operators reading history with plain SQL.
CREATE TABLE job_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES job (id),
    at          timestamptz NOT NULL,
    kind        text        NOT NULL,   -- STATUS_CHANGED, UPSTREAM_CREATE, UPSTREAM_QUERY, CALLBACK
    from_status text,
    to_status   text,
    http_status integer,
    duration_ms integer,
    detail      text
);

CREATE INDEX job_event_job_idx ON job_event (job_id, id);
