package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * One video job. Its transitions are intent methods that check {@link JobStatus#canMoveTo} and register a
 * {@link JobStatusChanged}. A client command on the wrong state throws; an upstream fact that arrives late
 * (anything after a terminal state) is a no-op returning {@code false}.
 */
@Entity
@Table(name = "job")
public class Job extends AbstractAggregateRoot<Job> {

	private static final Logger log = LoggerFactory.getLogger(Job.class);

	@Id
	private UUID id;

	@Column(name = "team_id", nullable = false, updatable = false)
	private String teamId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private JobStatus status;

	@Column(nullable = false, updatable = false)
	private String model;

	@Column(nullable = false, updatable = false)
	private int duration;

	@Column(nullable = false, updatable = false)
	private String ratio;

	// sent as text and cast to json (not jsonb) so PostgreSQL keeps the client's exact text and key order
	@ColumnTransformer(write = "?::json")
	@Column(nullable = false, updatable = false, columnDefinition = "json")
	private String content;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false, updatable = false)
	private Map<String, String> metadata;

	@Column(name = "notify_url", updatable = false)
	private @Nullable String notifyUrl;

	@Column(name = "upstream_task_id")
	private @Nullable String upstreamTaskId;

	@Column(name = "upstream_status")
	private @Nullable String upstreamStatus;

	@Column(name = "candidate_task_id")
	private @Nullable String candidateTaskId;

	@Column(name = "callback_token_hash")
	private byte @Nullable [] callbackTokenHash;

	private @Nullable BigDecimal consumed;

	@Embedded
	private @Nullable JobError error;

	@Column(name = "video_url")
	private @Nullable String videoUrl;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "submitted_at")
	private @Nullable Instant submittedAt;

	@Column(name = "completed_at")
	private @Nullable Instant completedAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "next_attempt_at")
	private @Nullable Instant nextAttemptAt;

	@Column(name = "submit_attempts", nullable = false)
	private int submitAttempts;

	@Column(name = "next_check_at")
	private @Nullable Instant nextCheckAt;

	@Column(nullable = false)
	private int checks;

	@Column(name = "not_found_checks", nullable = false)
	private int notFoundChecks;

	@Column(name = "lease_until")
	private @Nullable Instant leaseUntil;

	@Column(name = "claimed_by")
	private @Nullable String claimedBy;

	@Version
	private @Nullable Long version;

	protected Job() {
	}

	private Job(UUID id, String teamId, JobRequest request, Instant now) {
		this.id = id;
		this.teamId = teamId;
		this.status = JobStatus.QUEUED;
		this.model = request.model();
		this.content = request.contentJson();
		this.duration = request.duration();
		this.ratio = request.ratio();
		this.metadata = request.metadata();
		this.notifyUrl = request.notifyUrl();
		this.createdAt = now;
		this.updatedAt = now;
		this.nextAttemptAt = now;
		registerEvent(new JobStatusChanged(id, teamId, null, JobStatus.QUEUED, now, "accepted", model, duration, null,
				null));
	}

	public static Job accept(UUID id, String teamId, JobRequest request, Instant now) {
		return new Job(id, teamId, request, now);
	}

	/**
	 * Hands over the events registered since the job was made, for a job stored without its repository (a new job:
	 * {@link NewJobs}), whose caller publishes them.
	 */
	List<Object> takeEvents() {
		List<Object> registered = List.copyOf(domainEvents());
		clearDomainEvents();
		return registered;
	}

	/** A client's cancel: only a job still waiting here can be cancelled. */
	void cancel(Instant now) {
		if (status != JobStatus.QUEUED) {
			throw new JobNotCancellable(id, status);
		}
		moveTo(JobStatus.CANCELLED, now, "cancelled by client");
		completedAt = now;
		nextAttemptAt = null;
	}

	/** The upstream accepted the job as {@code taskId}; the first check is due at {@code firstCheckAt}. */
	boolean markSubmitted(String taskId, Instant firstCheckAt, Instant now) {
		if (!canMoveTo(JobStatus.SUBMITTED)) {
			return false;
		}
		moveTo(JobStatus.SUBMITTED, now, "task " + taskId);
		upstreamTaskId = taskId;
		candidateTaskId = null;
		submittedAt = now;
		nextCheckAt = firstCheckAt;
		checks = 0;
		notFoundChecks = 0;
		releaseLease();
		return true;
	}

	/**
	 * Whether a submission result made by the claim of {@code attempt} still concerns this job: it is on that
	 * attempt and its outcome is not yet known. A later attempt, or a cancel, means the result is late.
	 */
	public boolean awaitsSubmission(int attempt) {
		return submitAttempts == attempt && (status == JobStatus.SUBMITTING || status == JobStatus.OUTCOME_UNKNOWN);
	}

	/**
	 * A callback named {@code taskId} while the job's submission outcome is unknown. The task id is kept, and
	 * checked at {@code checkAt}, until a query confirms it (the job adopts it) or the upstream says it does
	 * not exist; meanwhile the job is never submitted again.
	 */
	boolean noteCandidateTask(String taskId, Instant checkAt, Instant now) {
		if (status != JobStatus.SUBMITTING && status != JobStatus.OUTCOME_UNKNOWN || taskId.equals(candidateTaskId)) {
			return false;
		}
		candidateTaskId = taskId;
		nextCheckAt = checkAt;
		checks = 0;
		notFoundChecks = 0;
		updatedAt = now;
		return true;
	}

	/** The query confirming the candidate task failed; ask again at {@code nextCheck}. */
	boolean postponeCandidateCheck(Instant nextCheck, Instant now) {
		if (!hasCandidate()) {
			return false;
		}
		nextCheckAt = nextCheck;
		checks++;
		updatedAt = now;
		return true;
	}

	/** The upstream answered 404 for the candidate: {@code limit} answers in a row discard it. */
	boolean observeCandidateNotFound(int limit, Instant nextCheck, Instant now) {
		if (!hasCandidate()) {
			return false;
		}
		notFoundChecks++;
		if (notFoundChecks < limit) {
			return postponeCandidateCheck(nextCheck, now);
		}
		log.info("Job {}: the upstream does not know the task {} a callback named; discarding it", id, candidateTaskId);
		candidateTaskId = null;
		nextCheckAt = null;
		checks = 0;
		notFoundChecks = 0;
		updatedAt = now;
		return true;
	}

	private boolean hasCandidate() {
		return candidateTaskId != null && (status == JobStatus.SUBMITTING || status == JobStatus.OUTCOME_UNKNOWN);
	}

	/** The submission failed without reaching the upstream; try again at {@code retryAt}. */
	boolean requeue(Instant retryAt, String reason, Instant now) {
		if (candidateTaskId != null) {
			// a callback revealed a task: this submission did create one, so it must not be sent again
			return markOutcomeUnknown(reason + " (but a callback named task " + candidateTaskId + ")", retryAt, now);
		}
		if (!canMoveTo(JobStatus.QUEUED)) {
			return false;
		}
		moveTo(JobStatus.QUEUED, now, reason);
		nextAttemptAt = retryAt;
		releaseLease();
		return true;
	}

	/**
	 * The submission may or may not have created a task upstream: never send it again blindly. It waits
	 * until {@code graceEnds} for a callback to reveal its task before it may be submitted again.
	 */
	boolean markOutcomeUnknown(String reason, Instant graceEnds, Instant now) {
		if (!canMoveTo(JobStatus.OUTCOME_UNKNOWN)) {
			return false;
		}
		moveTo(JobStatus.OUTCOME_UNKNOWN, now, reason);
		nextAttemptAt = graceEnds;
		releaseLease();
		return true;
	}

	/** The upstream reports the task still in progress with {@code rawStatus}. */
	boolean observeProgress(String rawStatus, Instant nextCheck, Instant now) {
		if (status != JobStatus.SUBMITTED && status != JobStatus.RUNNING) {
			return false;
		}
		if (status == JobStatus.SUBMITTED) {
			moveTo(JobStatus.RUNNING, now, "upstream status " + rawStatus);
		}
		upstreamStatus = rawStatus;
		nextCheckAt = nextCheck;
		checks++;
		notFoundChecks = 0;
		updatedAt = now;
		releaseLease();
		return true;
	}

	/**
	 * The upstream answered 404 for the task. Right after creation that can be replication lag, so only
	 * {@code limit} answers in a row mean the task is lost.
	 */
	boolean observeNotFound(int limit, Instant nextCheck, Instant now) {
		if (status != JobStatus.SUBMITTED && status != JobStatus.RUNNING) {
			return false;
		}
		notFoundChecks++;
		if (notFoundChecks >= limit) {
			return fail(JobError.of(JobError.UPSTREAM_LOST,
					"The upstream no longer knows task " + upstreamTaskId + " (" + notFoundChecks + " lookups)."), null,
					null, now);
		}
		return postponeCheck(nextCheck, now);
	}

	/** Nothing learned this time (the query failed); look again at {@code nextCheck}. */
	boolean postponeCheck(Instant nextCheck, Instant now) {
		if (status != JobStatus.SUBMITTED && status != JobStatus.RUNNING) {
			return false;
		}
		nextCheckAt = nextCheck;
		checks++;
		releaseLease();
		return true;
	}

	boolean succeed(@Nullable String rawStatus, @Nullable String videoUrl, @Nullable BigDecimal consumed, Instant now) {
		if (!canMoveTo(JobStatus.SUCCEEDED)) {
			return false;
		}
		upstreamStatus = rawStatus;
		this.videoUrl = videoUrl;
		this.consumed = consumed;
		finish(now);
		moveTo(JobStatus.SUCCEEDED, now, rawStatus == null ? null : "upstream status " + rawStatus);
		return true;
	}

	boolean fail(JobError failure, @Nullable String rawStatus, @Nullable BigDecimal consumed, Instant now) {
		if (!canMoveTo(JobStatus.FAILED)) {
			return false;
		}
		error = failure;
		if (rawStatus != null) {
			upstreamStatus = rawStatus;
		}
		this.consumed = consumed;
		finish(now);
		moveTo(JobStatus.FAILED, now, failure.code() + ": " + failure.message());
		return true;
	}

	/**
	 * The task did not finish within the job timeout: the job fails with {@code timeout}, but the upstream may
	 * still finish, and charge, the task, so it is checked again from {@code firstChargeCheck} until its charge
	 * is known ({@link #settleTimedOutCharge}).
	 */
	boolean timeOut(String message, @Nullable String rawStatus, Instant firstChargeCheck, Instant now) {
		if (!fail(JobError.of(JobError.TIMEOUT, message), rawStatus, null, now)) {
			return false;
		}
		nextCheckAt = firstChargeCheck;
		checks = 0;
		notFoundChecks = 0;
		return true;
	}

	/** Whether this job timed out and the charge of its task is not yet known. */
	private boolean awaitsTimedOutCharge() {
		return status == JobStatus.FAILED && error != null && JobError.TIMEOUT.equals(error.code()) && nextCheckAt != null;
	}

	/** The charge of a timed-out job's task is still unknown; look again at {@code nextCheck}. */
	boolean postponeTimedOutCharge(Instant nextCheck, Instant now) {
		if (!awaitsTimedOutCharge()) {
			return false;
		}
		nextCheckAt = nextCheck;
		checks++;
		notFoundChecks = 0;
		return true;
	}

	/** The upstream answered 404 for a timed-out job's task: {@code limit} answers in a row end the watch. */
	boolean observeTimedOutTaskNotFound(int limit, Instant nextCheck, Instant now) {
		if (!awaitsTimedOutCharge()) {
			return false;
		}
		notFoundChecks++;
		if (notFoundChecks >= limit) {
			return settleTimedOutCharge(null, "the upstream no longer knows the task: no charge", now);
		}
		nextCheckAt = nextCheck;
		checks++;
		return true;
	}

	/**
	 * The upstream finished a timed-out job's task and charged {@code consumed} (null: nothing, or it gave up
	 * looking): the charge is settled, once.
	 */
	boolean settleTimedOutCharge(@Nullable BigDecimal consumed, String detail, Instant now) {
		if (!awaitsTimedOutCharge()) {
			return false;
		}
		this.consumed = consumed;
		nextCheckAt = null;
		registerEvent(new TimedOutTaskSettled(id, teamId, consumed, now, detail));
		return true;
	}

	private boolean canMoveTo(JobStatus next) {
		if (status.canMoveTo(next)) {
			return true;
		}
		log.debug("Job {} is {}: ignoring a move to {}", id, status, next);
		return false;
	}

	private void moveTo(JobStatus next, Instant now, @Nullable String detail) {
		JobStatus from = status;
		status = next;
		updatedAt = now;
		registerEvent(new JobStatusChanged(id, teamId, from, next, now, detail, model, duration, consumed,
				error == null ? null : error.code()));
	}

	private void finish(Instant now) {
		candidateTaskId = null;
		completedAt = now;
		nextAttemptAt = null;
		nextCheckAt = null;
		releaseLease();
	}

	private void releaseLease() {
		leaseUntil = null;
		claimedBy = null;
	}

	public UUID id() {
		return id;
	}

	public String teamId() {
		return teamId;
	}

	public JobStatus status() {
		return status;
	}

	public String model() {
		return model;
	}

	public int duration() {
		return duration;
	}

	public String ratio() {
		return ratio;
	}

	public String contentJson() {
		return content;
	}

	public Map<String, String> metadata() {
		return metadata;
	}

	public @Nullable String notifyUrl() {
		return notifyUrl;
	}

	public @Nullable String upstreamTaskId() {
		return upstreamTaskId;
	}

	public @Nullable String candidateTaskId() {
		return candidateTaskId;
	}

	public @Nullable String upstreamStatus() {
		return upstreamStatus;
	}

	public @Nullable BigDecimal consumed() {
		return consumed;
	}

	public @Nullable JobError error() {
		return error;
	}

	public @Nullable String videoUrl() {
		return videoUrl;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public @Nullable Instant submittedAt() {
		return submittedAt;
	}

	public @Nullable Instant completedAt() {
		return completedAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	/** When a queued job may next be submitted; for {@code OUTCOME_UNKNOWN}, when its grace ends. */
	public @Nullable Instant nextAttemptAt() {
		return nextAttemptAt;
	}

	public int checks() {
		return checks;
	}

	public int submitAttempts() {
		return submitAttempts;
	}

	/**
	 * Grows with every write of the row (intent methods, bulk statements and claims alike): a stored job whose
	 * version is unchanged has not changed. Zero for a job not yet saved.
	 */
	public long version() {
		return version == null ? 0 : version;
	}

}
