package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.seedance.gateway.shared.JobLogContext;
import com.seedance.gateway.shared.TimeOrderedIds;

/**
 * The only public way to change a job: load it, apply one intent method, save it (which records the
 * status change in {@code job_event}). Upstream facts load the job with its row locked, so concurrent facts
 * about one job queue up rather than conflict. {@code @Version} still fences every writer; a write that lost
 * a race is applied once more on the fresh row, which is safe because the transitions are idempotent.
 */
@Service
public class JobLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

	private final JobRepository jobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JobEvents history;

	private final ApplicationEventPublisher events;

	private final IdempotencyKeys idempotencyKeys;

	private final NewJobs newJobs;

	JobLifecycle(JobRepository jobs, TransactionTemplate transactions, Clock clock, JobEvents history,
			ApplicationEventPublisher events, IdempotencyKeys idempotencyKeys, NewJobs newJobs) {
		this.jobs = jobs;
		this.transactions = transactions;
		this.clock = clock;
		this.history = history;
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.newJobs = newJobs;
	}

	public Job accept(String teamId, JobRequest request) {
		return accept(teamId, request, null).job();
	}

	/**
	 * Creates the job, in one transaction with whatever listens to its {@link JobStatusChanged} (a listener that
	 * refuses it rolls everything back). With a {@code key} the team used before, within the retention, nothing is
	 * created: the same request replays the job that key created; another request throws
	 * {@link IdempotencyConflict}. The key is claimed in the statement that inserts the job, before the job, so of
	 * concurrent requests with one key exactly one creates a job and the others wait for it and replay it.
	 * <p>
	 * The job is inserted by one statement of {@link NewJobs} (the job, its first history row and the key's claim)
	 * rather than through the repository, and its event is published here: the quota statement of its listener is then
	 * the transaction's last, so the team's usage rows it locks are held only until the commit.
	 */
	public Acceptance accept(String teamId, JobRequest request, @Nullable IdempotencyKey key) {
		UUID jobId = TimeOrderedIds.next();
		try (JobLogContext context = JobLogContext.open(jobId, teamId)) {
			return transactions.execute(status -> {
				Instant now = clock.instant();
				Job job = Job.accept(jobId, teamId, request, now);
				List<Object> registered = job.takeEvents();
				JobStatusChanged accepted = (JobStatusChanged) registered.get(0); // a new job registers its creation only
				if (!newJobs.insert(job, accepted, key, now)) {
					return replay(teamId, Objects.requireNonNull(key), idempotencyKeys.holder(teamId, key));
				}
				registered.forEach(events::publishEvent);
				return new Acceptance(job, false);
			});
		}
	}

	private Acceptance replay(String teamId, IdempotencyKey key, IdempotencyKeys.Use earlier) {
		if (!earlier.requestHash().equals(key.requestHash())) {
			throw new IdempotencyConflict();
		}
		Job job = jobs.findByIdAndTeamId(earlier.jobId(), teamId)
			.orElseThrow(() -> new IllegalStateException("Idempotency key of team " + teamId + " names job "
					+ earlier.jobId() + ", which the team does not have"));
		return new Acceptance(job, true);
	}

	/** A client's cancel; throws {@link JobNotFound} or {@link JobNotCancellable}. */
	public Job cancel(String teamId, UUID jobId) {
		return retryOnce(() -> transactions.execute(status -> {
			Job job = jobs.findByIdAndTeamId(jobId, teamId).orElseThrow(() -> new JobNotFound(jobId));
			job.cancel(clock.instant());
			return jobs.saveAndFlush(job);
		}));
	}

	/*
	 * Submission results are fenced by the attempt whose claim made the call: they apply only while the job
	 * is still on that attempt with its outcome open (SUBMITTING, or OUTCOME_UNKNOWN after its lease ran out).
	 * Once the job has moved on, a result changes nothing; it is recorded, and an "accepted" is an orphaned task.
	 */

	public boolean markSubmitted(UUID jobId, int attempt, String taskId, Instant firstCheckAt) {
		return applySubmitResult(jobId, attempt, "accepted as task " + taskId, taskId,
				(job, now) -> job.markSubmitted(taskId, firstCheckAt, now));
	}

	public boolean requeue(UUID jobId, int attempt, Instant retryAt, String reason) {
		return applySubmitResult(jobId, attempt, reason, null, (job, now) -> job.requeue(retryAt, reason, now));
	}

	public boolean markOutcomeUnknown(UUID jobId, int attempt, String reason, Instant graceEnds) {
		return applySubmitResult(jobId, attempt, reason, null,
				(job, now) -> job.markOutcomeUnknown(reason, graceEnds, now));
	}

	public boolean failSubmission(UUID jobId, int attempt, JobError failure) {
		return applySubmitResult(jobId, attempt, failure.code() + ": " + failure.message(), null,
				(job, now) -> job.fail(failure, null, null, now));
	}

	/*
	 * Candidate tasks: a callback named a task for a job whose submission outcome is unknown. Facts about a
	 * task need no attempt fence: the state machine refuses them once the job has moved past.
	 */

	public boolean noteCandidateTask(UUID jobId, String taskId, Instant checkAt) {
		return apply(jobId, (job, now) -> job.noteCandidateTask(taskId, checkAt, now));
	}

	/** The upstream confirmed a task a callback named: the job continues as submitted with it. */
	public boolean adoptTask(UUID jobId, String taskId, Instant firstCheckAt) {
		boolean adopted = apply(jobId, (job, now) -> job.markSubmitted(taskId, firstCheckAt, now));
		if (adopted) {
			log.info("Job {}: a callback revealed upstream task {}; adopted", jobId, taskId);
		}
		return adopted;
	}

	public boolean postponeCandidateCheck(UUID jobId, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.postponeCandidateCheck(nextCheck, now));
	}

	public boolean observeCandidateNotFound(UUID jobId, int limit, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.observeCandidateNotFound(limit, nextCheck, now));
	}

	public boolean observeNotFound(UUID jobId, int limit, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.observeNotFound(limit, nextCheck, now));
	}

	public boolean observeProgress(UUID jobId, String rawStatus, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.observeProgress(rawStatus, nextCheck, now));
	}

	public boolean postponeCheck(UUID jobId, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.postponeCheck(nextCheck, now));
	}

	public boolean succeed(UUID jobId, @Nullable String rawStatus, @Nullable String videoUrl,
			@Nullable BigDecimal consumed) {
		return apply(jobId, (job, now) -> job.succeed(rawStatus, videoUrl, consumed, now));
	}

	public boolean fail(UUID jobId, JobError failure, @Nullable String rawStatus, @Nullable BigDecimal consumed) {
		return apply(jobId, (job, now) -> job.fail(failure, rawStatus, consumed, now));
	}

	private boolean apply(UUID jobId, BiPredicate<Job, Instant> transition) {
		Boolean changed = retryOnce(() -> transactions.execute(status -> {
			Job job = jobs.findLockedById(jobId).orElseThrow(() -> new JobNotFound(jobId));
			if (!transition.test(job, clock.instant())) {
				return false;
			}
			jobs.saveAndFlush(job);
			return true;
		}));
		return Boolean.TRUE.equals(changed);
	}

	public boolean timeOut(UUID jobId, String message, @Nullable String rawStatus, Instant firstChargeCheck) {
		return apply(jobId, (job, now) -> job.timeOut(message, rawStatus, firstChargeCheck, now));
	}

	public boolean postponeTimedOutCharge(UUID jobId, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.postponeTimedOutCharge(nextCheck, now));
	}

	public boolean observeTimedOutTaskNotFound(UUID jobId, int limit, Instant nextCheck) {
		return apply(jobId, (job, now) -> job.observeTimedOutTaskNotFound(limit, nextCheck, now));
	}

	public boolean settleTimedOutCharge(UUID jobId, @Nullable BigDecimal consumed, String detail) {
		return apply(jobId, (job, now) -> job.settleTimedOutCharge(consumed, detail, now));
	}

	private boolean applySubmitResult(UUID jobId, int attempt, String result, @Nullable String acceptedTaskId,
			BiPredicate<Job, Instant> transition) {
		return apply(jobId, (job, now) -> {
			if (job.awaitsSubmission(attempt)) {
				return transition.test(job, now);
			}
			recordLateResult(job, attempt, result, acceptedTaskId, now);
			return false;
		});
	}

	private void recordLateResult(Job job, int attempt, String result, @Nullable String acceptedTaskId, Instant now) {
		if (acceptedTaskId != null && !acceptedTaskId.equals(job.upstreamTaskId())) {
			log.warn("Job {}: submission attempt {} created upstream task {} after the job had moved on ({}, attempt {}); "
					+ "no job owns that task", job.id(), attempt, acceptedTaskId, job.status(), job.submitAttempts());
			events.publishEvent(new UpstreamTaskOrphaned(job.id(), job.teamId(), acceptedTaskId, attempt, now));
			return;
		}
		history.recordLateSubmitResult(job.id(), "attempt " + attempt + " ended after the job had moved on ("
				+ job.status() + ", attempt " + job.submitAttempts() + "); ignored: " + result, now);
	}

	private static <T> T retryOnce(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (OptimisticLockingFailureException ex) {
			return work.get();
		}
	}

}
