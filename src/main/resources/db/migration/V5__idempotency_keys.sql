-- The Idempotency-Key of POST /jobs: one row a (team, key), written in the transaction that creates the job, so a
-- refused request (validation, quota: all rolled back) leaves no key behind. The key row is inserted before its
-- job (the unique key decides between concurrent requests before anything is created), hence the deferred
-- foreign key. A row older than gateway.jobs.idempotency-retention (24h) no longer replays: the next request
-- with its key replaces it. Nothing deletes old rows yet.
CREATE TABLE idempotency_key (
    team_id      text        NOT NULL REFERENCES team (id),
    key          text        NOT NULL,             -- as the client sent it: 1-255 characters 0x21-0x7E
    request_hash bytea       NOT NULL,             -- SHA-256 of the body's canonical JSON
    job_id       uuid        NOT NULL REFERENCES job (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (team_id, key)
);
