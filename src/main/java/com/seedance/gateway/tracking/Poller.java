package com.seedance.gateway.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobQueue.CheckClaim;
import com.seedance.gateway.shared.JobLogContext;

/**
 * Every {@code GATEWAY_POLL_INTERVAL}, checks the in-flight jobs whose next check is due, in bounded
 * batches. Its database cost follows the due jobs (a partial index on {@code next_check_at}), not all jobs.
 */
@Component
class Poller {

	private static final Logger log = LoggerFactory.getLogger(Poller.class);

	/** Bounds one tick, so a backlog is worked off over several ticks rather than in one long one. */
	private static final int MAX_BATCHES_PER_TICK = 10;

	private final JobQueue queue;

	private final TaskCheck taskCheck;

	private final TrackingProperties properties;

	private final Clock clock;

	private final InstanceId instance;

	private final Executor executor;

	Poller(JobQueue queue, TaskCheck taskCheck, TrackingProperties properties, Clock clock, InstanceId instance,
			@Qualifier("applicationTaskExecutor") Executor executor) {
		this.queue = queue;
		this.taskCheck = taskCheck;
		this.properties = properties;
		this.clock = clock;
		this.instance = instance;
		this.executor = executor;
	}

	void tick() {
		int batch = properties.tracking().pollBatch();
		for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
			Instant now = clock.instant();
			List<CheckClaim> claims = queue.claimDueChecks(batch, now, now.plus(properties.tracking().checkLease()),
					instance.value());
			CompletableFuture.allOf(claims.stream()
				.map(claim -> CompletableFuture.runAsync(() -> checkSafely(claim), executor))
				.toArray(CompletableFuture[]::new)).join();
			if (claims.size() < batch) {
				return;
			}
		}
	}

	/** Runs on the executor's thread, so the job's log context is opened here. */
	private void checkSafely(CheckClaim claim) {
		try (JobLogContext context = JobLogContext.open(claim.jobId(), claim.teamId())) {
			try {
				taskCheck.check(claim);
			}
			catch (RuntimeException ex) {
				// the lease on next_check_at runs out and the job is checked again then
				log.error("Checking job {} failed unexpectedly", claim.jobId(), ex);
			}
		}
	}

}
