package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.seedance.gateway.shared.TimeOrderedIds;

/**
 * The only public way to change a job: load it, apply one intent method, save it (which records the
 * status change in {@code job_event}). Upstream facts load the job with its row locked, so concurrent facts
 * about one job queue up rather than conflict. {@code @Version} still fences every writer; a write that lost
 * a race is applied once more on the fresh row, which is safe because the transitions are idempotent.
 */
@Service
public class JobLifecycle {

	private final JobRepository jobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JobLifecycle(JobRepository jobs, TransactionTemplate transactions, Clock clock) {
		this.jobs = jobs;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Job accept(String teamId, JobRequest request) {
		return transactions.execute(status -> jobs.saveAndFlush(Job.accept(TimeOrderedIds.next(), teamId, request, clock.instant())));
	}

	/** A client's cancel; throws {@link JobNotFound} or {@link JobNotCancellable}. */
	public Job cancel(String teamId, UUID jobId) {
		return retryOnce(() -> transactions.execute(status -> {
			Job job = jobs.findByIdAndTeamId(jobId, teamId).orElseThrow(() -> new JobNotFound(jobId));
			job.cancel(clock.instant());
			return jobs.saveAndFlush(job);
		}));
	}

	public boolean markSubmitted(UUID jobId, String taskId, Instant firstCheckAt) {
		return apply(jobId, (job, now) -> job.markSubmitted(taskId, firstCheckAt, now));
	}

	public boolean requeue(UUID jobId, Instant retryAt, String reason) {
		return apply(jobId, (job, now) -> job.requeue(retryAt, reason, now));
	}

	public boolean markOutcomeUnknown(UUID jobId, String reason, Instant graceEnds) {
		return apply(jobId, (job, now) -> job.markOutcomeUnknown(reason, graceEnds, now));
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

	private static <T> T retryOnce(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (OptimisticLockingFailureException ex) {
			return work.get();
		}
	}

}
