-- Each team's webhook signing secrets (Standard Webhooks "whsec_…"), newest first the current one. A rotation
-- adds a row; the one it replaced still signs for 24 hours, then the next rotation deletes it. With
-- GATEWAY_SECRETS_KEY set, `secret` is a 12-byte random nonce followed by the AES-256-GCM ciphertext and tag of
-- the secret (the team id is the associated data, so a row moved to another team does not decrypt); without it
-- (development only) `secret` is the secret's UTF-8 bytes and `encrypted` is false.
CREATE TABLE team_webhook_secret (
    id         bigserial   PRIMARY KEY,
    team_id    text        NOT NULL REFERENCES team (id),
    secret     bytea       NOT NULL,
    encrypted  boolean     NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX team_webhook_secret_team_idx ON team_webhook_secret (team_id, created_at DESC, id DESC);

-- The outbox of notifications: one row per job that ended with a notify_url, inserted in the transaction that
-- ended the job, so a message exists exactly when the job's end was committed. `payload` is the exact body sent
-- (text, not jsonb: the signature covers its bytes). `webhook_id` is the message's Standard Webhooks id, the same
-- on every try and every redelivery. While PENDING, `next_attempt_at` is when a worker may next take it;
-- claiming it moves `next_attempt_at` to the end of the claim's lease (`lease_until`), so a worker that dies
-- mid-try leaves it due again afterwards. `version` fences the result of a try against a newer claim or a
-- redelivery. FAILED: the retry schedule was spent, or the URL's host is no longer allowed.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    job_id          uuid        NOT NULL UNIQUE REFERENCES job (id),
    team_id         text        NOT NULL REFERENCES team (id),
    event_type      text        NOT NULL CHECK (event_type IN ('job.succeeded', 'job.failed', 'job.cancelled')),
    payload         text        NOT NULL,
    webhook_id      text        NOT NULL UNIQUE,
    url             text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,     -- tries in the current schedule (a redelivery restarts it)
    next_attempt_at timestamptz,                        -- set exactly while PENDING
    lease_until     timestamptz,                        -- set while a worker holds it
    last_error      text,                               -- why the last try failed, or why it waits
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    version         bigint      NOT NULL DEFAULT 0,
    CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL))
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_team_idx ON webhook_delivery (team_id, id DESC);
CREATE INDEX webhook_delivery_status_idx ON webhook_delivery (status, id DESC);

-- One row per try of a delivery: when, the receiver's HTTP status (null when none came back), how long it took,
-- and what went wrong.
CREATE TABLE webhook_attempt (
    id          bigserial   PRIMARY KEY,
    delivery_id uuid        NOT NULL REFERENCES webhook_delivery (id),
    at          timestamptz NOT NULL,
    http_status integer,
    duration_ms integer     NOT NULL,
    error       text
);

CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);
