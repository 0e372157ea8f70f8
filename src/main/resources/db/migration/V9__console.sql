-- The operators' console: its sessions (Spring Session JDBC), the audit of every operator action, and what its job
-- history needs to stay fast on millions of jobs.

-- Spring Session JDBC's own schema for PostgreSQL (org/springframework/session/jdbc/schema-postgresql.sql), written
-- here so Flyway owns it (spring.session.jdbc.initialize-schema: never).
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36) NOT NULL,
    SESSION_ID            CHAR(36) NOT NULL,
    CREATION_TIME         BIGINT   NOT NULL,
    LAST_ACCESS_TIME      BIGINT   NOT NULL,
    MAX_INACTIVE_INTERVAL INT      NOT NULL,
    EXPIRY_TIME           BIGINT   NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BYTEA        NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
);

-- Every operator action, from the console or the admin API, and every sign-in attempt. `actor` is who: "admin token"
-- or "console session <first 8 hex of the SHA-256 of the session id>" (never the session id itself); `address` is
-- the client's address (behind a proxy, the one X-Forwarded-For names); `action` is what, `target` the path it acted
-- on, `status` the HTTP status it was answered.
CREATE TABLE audit_event (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    address text        NOT NULL,
    action  text        NOT NULL,
    target  text        NOT NULL,
    status  integer     NOT NULL
);

-- the sign-in throttle counts an address's recent refusals
CREATE INDEX audit_event_refused_sign_in_idx ON audit_event (address, at) WHERE action = 'sign-in refused';

-- Prompt search (the console's q): trigram matching on the text items of a job's content. pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13, so the database owner can create it on a
-- managed server (RDS, Cloud SQL, Azure) without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text items of a job's content as a JSON array of strings: the prompt an operator searches. One built-in
-- expression (PostgreSQL inlines it, in the index and in queries alike), so a search that filters rows one by one costs
-- microseconds a row, not a subquery.
CREATE FUNCTION job_prompt(content json) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT jsonb_path_query_array(content::jsonb, '$[*] ? (@.type == "text").text')::text
$$;

CREATE INDEX job_prompt_trgm_idx ON job USING gin (job_prompt(content) gin_trgm_ops);

-- The status a client sees (queued, submitted, ...), as JobStatus.toClient() maps it.
CREATE FUNCTION job_client_status(status text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN status IN ('QUEUED', 'SUBMITTING', 'OUTCOME_UNKNOWN') THEN 'queued' ELSE lower(status) END
$$;

-- The console's history filters, each newest first (keyset on created_at, id like job_created_idx)
CREATE INDEX job_client_status_created_idx ON job (job_client_status(status), created_at DESC, id DESC);
CREATE INDEX job_team_client_status_created_idx ON job (team_id, job_client_status(status), created_at DESC, id DESC);
CREATE INDEX job_model_created_idx ON job (model, created_at DESC, id DESC);
CREATE INDEX job_team_model_created_idx ON job (team_id, model, created_at DESC, id DESC);
CREATE INDEX job_upstream_task_idx ON job (upstream_task_id) WHERE upstream_task_id IS NOT NULL;

-- Jobs per team, model, UTC day of creation and client status, kept by a trigger in the transaction of each insert
-- and status change, so the console counts a filtered history by status without reading every job. A job changes
-- its row only when its client status changes (queued -> submitted -> running -> an end), always to a later
-- status, so concurrent changes lock counter rows in one order and never deadlock.
CREATE TABLE job_status_count (
    team_id text    NOT NULL,
    model   text    NOT NULL,
    day     date    NOT NULL,
    status  text    NOT NULL,
    jobs    bigint  NOT NULL,
    PRIMARY KEY (team_id, day, model, status)
);

CREATE INDEX job_status_count_day_idx ON job_status_count (day);

CREATE FUNCTION job_status_count_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_OP = 'UPDATE' AND job_client_status(OLD.status) = job_client_status(NEW.status) THEN
            RETURN NULL;
        END IF;
        UPDATE job_status_count SET jobs = jobs - 1
         WHERE team_id = OLD.team_id AND day = (OLD.created_at AT TIME ZONE 'UTC')::date AND model = OLD.model
           AND status = job_client_status(OLD.status);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO job_status_count (team_id, model, day, status, jobs)
        VALUES (NEW.team_id, NEW.model, (NEW.created_at AT TIME ZONE 'UTC')::date, job_client_status(NEW.status), 1)
        ON CONFLICT (team_id, day, model, status) DO UPDATE SET jobs = job_status_count.jobs + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER job_status_count_trigger
    AFTER INSERT OR DELETE OR UPDATE OF status ON job
    FOR EACH ROW EXECUTE FUNCTION job_status_count_change();

INSERT INTO job_status_count (team_id, model, day, status, jobs)
SELECT team_id, model, (created_at AT TIME ZONE 'UTC')::date, job_client_status(status), count(*)
  FROM job GROUP BY 1, 2, 3, 4;
