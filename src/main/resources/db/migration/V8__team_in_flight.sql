-- How many jobs of each team hold an in-flight slot (SUBMITTING, OUTCOME_UNKNOWN, SUBMITTED, RUNNING), kept in the
-- transaction of every move into or out of in-flight (jobs/InFlightCounts), so the dispatcher reads its limits from
-- one row a team instead of counting the in-flight jobs on every claim. The global count is the sum of the rows.
-- A team without a row has none in flight; its row appears with its first claim.
-- No CHECK (in_flight >= 0): an instance of a version before this one (during a rollout) moves jobs without counting
-- them, and a count that drifted must never make a job's transition fail; the periodic recount puts it right.
CREATE TABLE team_in_flight (
    team_id   text    PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
    in_flight integer NOT NULL
);

INSERT INTO team_in_flight (team_id, in_flight)
SELECT team_id, count(*) FROM job
 WHERE status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')
 GROUP BY team_id;
