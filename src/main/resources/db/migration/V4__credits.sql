-- The credit ledger: one row a reservation, settlement, release or orphaned task. Amounts are changes:
-- "reserved" moves the open reservation (+ when reserving, - when settling or releasing), "used" is what
-- the upstream charged (settlements only). A job's rows all count on the UTC day the job was created.
CREATE TABLE credit_ledger (
    id          bigint         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid           NOT NULL REFERENCES job (id),
    team_id     text           NOT NULL REFERENCES team (id),
    day         date           NOT NULL,
    kind        text           NOT NULL CHECK (kind IN ('RESERVE', 'SETTLE', 'RELEASE', 'ORPHAN')),
    -- RESERVE: 1 at creation, 2, 3, ... for each resubmission that may duplicate a task;
    -- ORPHAN: the submission attempt whose task no job owns; SETTLE and RELEASE: 0
    seq         integer        NOT NULL,
    reserved    numeric(18, 6) NOT NULL,
    used        numeric(18, 6) NOT NULL DEFAULT 0,
    at          timestamptz    NOT NULL,
    detail      text
);

-- Money is counted once, whatever repeats or races happen: the schema refuses a second of each.
CREATE UNIQUE INDEX credit_ledger_reserve_once_idx ON credit_ledger (job_id, seq) WHERE kind = 'RESERVE';
CREATE UNIQUE INDEX credit_ledger_orphan_once_idx ON credit_ledger (job_id, seq) WHERE kind = 'ORPHAN';
CREATE UNIQUE INDEX credit_ledger_settle_once_idx ON credit_ledger (job_id) WHERE kind IN ('SETTLE', 'RELEASE');
CREATE INDEX credit_ledger_team_day_idx ON credit_ledger (team_id, day);

-- Usage counters, changed in the transaction of each ledger row (and of each accepted job): the quota checks
-- are conditional updates of the team's own rows, so concurrent requests on any instance never overshoot.
CREATE TABLE team_usage_day (
    team_id text    NOT NULL REFERENCES team (id),
    day     date    NOT NULL,
    jobs    integer NOT NULL,
    PRIMARY KEY (team_id, day)
);

CREATE TABLE team_usage_month (
    team_id  text           NOT NULL REFERENCES team (id),
    month    date           NOT NULL,   -- the first day of the UTC month
    used     numeric(18, 6) NOT NULL DEFAULT 0,
    reserved numeric(18, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, month)
);

-- For operators: jobs and credits per team per UTC day.
CREATE VIEW team_daily_usage AS
SELECT coalesce(d.team_id, l.team_id)   AS team_id,
       coalesce(d.day, l.day)           AS day,
       coalesce(d.jobs, 0)              AS jobs,
       coalesce(l.used, 0)              AS credits_used,
       coalesce(l.reserved, 0)          AS credits_reserved
  FROM team_usage_day d
  FULL JOIN (SELECT team_id, day, sum(used) AS used, sum(reserved) AS reserved
               FROM credit_ledger GROUP BY team_id, day) l
    ON l.team_id = d.team_id AND l.day = d.day;
