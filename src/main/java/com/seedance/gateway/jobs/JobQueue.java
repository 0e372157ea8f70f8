package com.seedance.gateway.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims due work for the dispatcher and the poller, one short transaction a claim, safe with any number
 * of gateway instances. Each bulk statement returns the rows it moved and announces them through
 * {@link BulkMoves}, so every move raises its {@link JobStatusChanged} in the statement's transaction like an
 * intent method on {@link Job} does. Claims lock with {@code FOR NO KEY UPDATE SKIP LOCKED}, so inserting a
 * {@code job_event} row (a key-share lock on the job) never waits on them, and bump {@code version}, so a JPA
 * write that raced a claim fails and is retried instead of overwriting it.
 */
@Component
public class JobQueue {

	/**
	 * The {@code LISTEN/NOTIFY} channel on which a transaction that frees an in-flight slot (a job ending, or queued
	 * again) sends a notification (empty payload), delivered to every instance on its commit ({@link InFlightCounts}).
	 * A job's creation sends none: a transaction that notifies holds PostgreSQL's one notification lock through its
	 * commit, so every {@code POST /jobs} would wait for every other; the instance that created the job learns it from
	 * the {@link JobStatusChanged#isCreation() event}.
	 */
	public static final String WORK_CHANNEL = "dispatch";

	private final JdbcClient jdbc;

	private final BulkMoves moves;

	private final ApplicationEventPublisher events;

	JobQueue(JdbcClient jdbc, BulkMoves moves, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.moves = moves;
		this.events = events;
	}

	/** A queued job claimed for submission: everything the upstream call needs, and the attempt it is. */
	public record SubmissionClaim(UUID jobId, String teamId, String model, String contentJson, int duration,
			String ratio, int attempt) {
	}

	/** A job whose next check is due, and what the check is for. */
	public record CheckClaim(UUID jobId, String teamId, String taskId, Purpose purpose, @Nullable Instant submittedAt,
			@Nullable Instant completedAt, int checks, long version) {

		public enum Purpose {

			/** A submitted or running task: how far has it got? */
			PROGRESS,
			/** A task id a callback named for a job whose submission outcome is unknown: does it exist? */
			CANDIDATE,
			/** The task of a job that timed out: what did the upstream charge for it in the end? */
			TIMED_OUT_CHARGE

		}

	}

	/**
	 * Moves the oldest due queued jobs to {@code SUBMITTING}, never beyond {@code maxInFlight} over all teams
	 * nor a team's {@code max_concurrent_jobs}. A transaction-scoped advisory lock makes claims take turns across
	 * instances; the claim then reads the in-flight counts ({@link InFlightCounts}: one row a team, not the jobs)
	 * as the previous claim left them, and its own moves count before it commits. Each team's oldest due jobs (up to
	 * its free slots) are read without locking, and only the oldest of them all, the ones claimed, are locked: one
	 * that another transaction holds (a cancel) is skipped, left for the next round.
	 */
	@Transactional
	public List<SubmissionClaim> claimForSubmission(int maxInFlight, int batch, Instant now, Instant leaseUntil,
			String instance) {
		// its own statement: the claim's snapshot must be taken after the previous claim committed
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('seedance-gateway.dispatch'))").query().singleRow();
		List<SubmissionClaim> claims = jdbc.sql("""
				WITH capacity AS (
				    SELECT greatest(least(:batch, :maxInFlight - coalesce(sum(in_flight), 0)), 0) AS free
				      FROM team_in_flight
				), candidates AS (
				    SELECT q.id, q.created_at
				      FROM capacity c
				     CROSS JOIN team t
				      LEFT JOIN team_in_flight f ON f.team_id = t.id
				     CROSS JOIN LATERAL (
				           SELECT j.id, j.created_at
				             FROM job j
				            WHERE j.team_id = t.id AND j.status = 'QUEUED' AND j.next_attempt_at <= :now
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
				       SET status = 'SUBMITTING', lease_until = :leaseUntil, claimed_by = :instance,
				           submit_attempts = submit_attempts + 1, updated_at = :now, version = version + 1
				     WHERE id IN (SELECT id FROM locked)
				    RETURNING id, team_id, model, content::text AS content, duration, ratio, submit_attempts, created_at
				)
				SELECT * FROM claimed ORDER BY created_at, id
				""")
			.param("now", at(now))
			.param("batch", batch)
			.param("maxInFlight", maxInFlight)
			.param("leaseUntil", at(leaseUntil))
			.param("instance", instance)
			.query((rs, row) -> new SubmissionClaim(rs.getObject("id", UUID.class), rs.getString("team_id"),
					rs.getString("model"), rs.getString("content"), rs.getInt("duration"), rs.getString("ratio"),
					rs.getInt("submit_attempts")))
			.list();
		moves.announce(claims.stream().map(claim -> new BulkMoves.Moved(claim.jobId(), claim.teamId(), claim.model(), claim.duration())).toList(),
				JobStatus.QUEUED, JobStatus.SUBMITTING, now, "claimed by " + instance);
		return claims;
	}

	/**
	 * Confirms, right before the upstream call, that the job is still on the claimed attempt, renews the
	 * lease for the call and stores the hash of the callback token the call will carry. {@code false}: the
	 * claim was lost (the lease ran out and the job moved on), so the call must not be made.
	 */
	@Transactional
	public boolean startSubmission(UUID jobId, int attempt, Instant leaseUntil, byte[] callbackTokenHash) {
		return jdbc.sql("""
				UPDATE job SET lease_until = :leaseUntil, callback_token_hash = :tokenHash, version = version + 1
				 WHERE id = :id AND status = 'SUBMITTING' AND submit_attempts = :attempt""")
			.param("id", jobId)
			.param("attempt", attempt)
			.param("leaseUntil", at(leaseUntil))
			.param("tokenHash", callbackTokenHash.length == 0 ? null : callbackTokenHash)
			.update() == 1;
	}

	/**
	 * Claims whose upstream call never started (this instance is shutting down) go back to {@code QUEUED} at
	 * once, due as before and free for any instance, rather than waiting for their leases to run out and then for
	 * the submit grace as if the call might have been made. Fenced by the claim's attempt: a job that has moved on
	 * is left alone.
	 */
	@Transactional
	public int handBack(List<SubmissionClaim> claims, Instant now, String instance) {
		if (claims.isEmpty()) {
			return 0;
		}
		List<BulkMoves.Moved> handedBack = jdbc.sql("""
				UPDATE job
				   SET status = 'QUEUED', lease_until = NULL, claimed_by = NULL, updated_at = :now, version = version + 1
				 WHERE (id, submit_attempts) IN (:claims) AND status = 'SUBMITTING'
				RETURNING id, team_id, model, duration
				""")
			.param("now", at(now))
			.param("claims", claims.stream().map(claim -> new Object[] { claim.jobId(), claim.attempt() }).toList())
			.query(JobQueue::moved)
			.list();
		moves.announce(handedBack, JobStatus.SUBMITTING, JobStatus.QUEUED, now,
				"handed back unsent: " + instance + " is shutting down");
		return handedBack.size();
	}

	/**
	 * Submissions whose lease ran out (the instance died or hung mid-call) may have reached the upstream:
	 * they become {@code OUTCOME_UNKNOWN}, never queued again at once.
	 */
	@Transactional
	public int expireSubmitLeases(Instant now, Instant graceEnds) {
		List<BulkMoves.Moved> expired = jdbc.sql("""
				UPDATE job
				   SET status = 'OUTCOME_UNKNOWN', next_attempt_at = :graceEnds, lease_until = NULL,
				       claimed_by = NULL, updated_at = :now, version = version + 1
				 WHERE id IN (SELECT id FROM job WHERE status = 'SUBMITTING' AND lease_until < :now
				               ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
				RETURNING id, team_id, model, duration
				""")
			.param("now", at(now))
			.param("graceEnds", at(graceEnds))
			.query(JobQueue::moved)
			.list();
		moves.announce(expired, JobStatus.SUBMITTING, JobStatus.OUTCOME_UNKNOWN, now,
				"submit lease expired: the call may have reached the upstream");
		return expired.size();
	}

	/**
	 * Jobs whose submission outcome stayed unknown through the whole grace, with no callback revealing a
	 * task (no candidate task id waiting to be confirmed), are queued to be submitted again; the event records
	 * the possible duplicate.
	 */
	@Transactional
	public int requeueAfterGrace(Instant now) {
		List<BulkMoves.Moved> requeued = jdbc.sql("""
				UPDATE job
				   SET status = 'QUEUED', next_attempt_at = :now, next_check_at = NULL, updated_at = :now,
				       version = version + 1
				 WHERE id IN (SELECT id FROM job
				               WHERE status = 'OUTCOME_UNKNOWN' AND candidate_task_id IS NULL AND next_attempt_at <= :now
				               ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
				RETURNING id, team_id, model, duration
				""")
			.param("now", at(now))
			.query(JobQueue::moved)
			.list();
		moves.announce(requeued, JobStatus.OUTCOME_UNKNOWN, JobStatus.QUEUED, now,
				"possible duplicate: no sign of an upstream task within the submit grace, submitting again");
		requeued.forEach(row -> events.publishEvent(new SubmissionMayBeDuplicated(row.jobId(), row.teamId(), now)));
		return requeued.size();
	}

	/**
	 * Claims jobs whose next check is due: submitted and running tasks, candidate task ids waiting to be
	 * confirmed, and tasks of timed-out jobs whose charge is still open. Moving {@code next_check_at} to the lease end is the lease; it moves no status.
	 */
	@Transactional
	public List<CheckClaim> claimDueChecks(int batch, Instant now, Instant leaseUntil, String instance) {
		return jdbc.sql("""
				UPDATE job SET next_check_at = :leaseUntil, version = version + 1,
				       claimed_by = CASE WHEN status = 'SUBMITTING' THEN claimed_by ELSE :instance END
				 WHERE id IN (SELECT id FROM job
				               WHERE next_check_at <= :now
				               ORDER BY next_check_at
				               LIMIT :batch
				               FOR NO KEY UPDATE SKIP LOCKED)
				RETURNING id, team_id, status, upstream_task_id, candidate_task_id, submitted_at, completed_at, checks, version
				""")
			.param("now", at(now))
			.param("leaseUntil", at(leaseUntil))
			.param("instance", instance)
			.param("batch", batch)
			.query((rs, row) -> {
				JobStatus status = JobStatus.valueOf(rs.getString("status"));
				CheckClaim.Purpose purpose = status.hasUpstreamTask() ? CheckClaim.Purpose.PROGRESS
						: status.isTerminal() ? CheckClaim.Purpose.TIMED_OUT_CHARGE : CheckClaim.Purpose.CANDIDATE;
				return new CheckClaim(rs.getObject("id", UUID.class), rs.getString("team_id"),
						rs.getString(purpose == CheckClaim.Purpose.CANDIDATE ? "candidate_task_id" : "upstream_task_id"),
						purpose, instant(rs.getObject("submitted_at", OffsetDateTime.class)),
						instant(rs.getObject("completed_at", OffsetDateTime.class)), rs.getInt("checks"),
						rs.getLong("version"));
			})
			.list();
	}

	/**
	 * Checks claimed but never made (this instance is shutting down) are due again at once, for any instance,
	 * rather than when their leases run out. Fenced by the claim's version: a job written since is left alone.
	 */
	@Transactional
	public int releaseChecks(List<CheckClaim> claims, Instant now) {
		if (claims.isEmpty()) {
			return 0;
		}
		return jdbc.sql("UPDATE job SET next_check_at = :now, version = version + 1 WHERE (id, version) IN (:claims)")
			.param("now", at(now))
			.param("claims", claims.stream().map(claim -> new Object[] { claim.jobId(), claim.version() }).toList())
			.update();
	}

	/** Jobs holding an in-flight slot (their counts), and jobs waiting for one (an index-only count), for the gauges. */
	public QueueDepth depth() {
		return jdbc.sql("""
				SELECT (SELECT coalesce(sum(in_flight), 0) FROM team_in_flight) AS in_flight,
				       (SELECT count(*) FROM job WHERE status = 'QUEUED') AS queued
				""")
			.query((rs, row) -> new QueueDepth(rs.getLong("in_flight"), rs.getLong("queued")))
			.single();
	}

	public record QueueDepth(long inFlight, long queued) {
	}

	private static BulkMoves.Moved moved(ResultSet rs, int row) throws SQLException {
		return new BulkMoves.Moved(rs.getObject("id", UUID.class), rs.getString("team_id"), rs.getString("model"),
				rs.getInt("duration"));
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
