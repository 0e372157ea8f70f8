-- Teams share the upstream key under quotas. A null quota column means "unlimited".
CREATE TABLE team (
    id                  text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name                text        NOT NULL,
    max_concurrent_jobs integer     CHECK (max_concurrent_jobs >= 0),
    daily_jobs          integer     CHECK (daily_jobs >= 0),
    monthly_credits     numeric(18, 6) CHECK (monthly_credits >= 0),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 0
);

-- A team's API keys. The key itself is never stored: only its SHA-256 (looked up on every request)
-- and a short display prefix so operators can tell keys apart.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    team_id      text        NOT NULL REFERENCES team (id),
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE INDEX api_key_team_idx ON api_key (team_id, created_at);
