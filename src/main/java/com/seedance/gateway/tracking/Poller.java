package com.seedance.gateway.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobQueue.CheckClaim;
import com.seedance.gateway.shared.WorkInHand;
import com.seedance.gateway.shared.JobLogContext;

/**
 * Every {@code GATEWAY_POLL_INTERVAL}, checks the in-flight jobs whose next check is due, in bounded
 * batches. Its database cost follows the due jobs (a partial index on {@code next_check_at}), not all jobs.
 * When it stops (the instance shuts down), the checks not yet made are due again at once for any instance, and
 * the queries under way finish and store what they found.
 */
@Component
class Poller {

	private static final Logger log = LoggerFactory.getLogger(Poller.class);

	private final JobQueue queue;

	private final TaskCheck taskCheck;

	private final TrackingProperties properties;

	private final Clock clock;

	private final InstanceId instance;

	private final Executor executor;

	private final WorkInHand<CheckClaim> inHand = new WorkInHand<>();

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
		inHand.tick(properties.tracking().pollBatch(), batch -> {
			Instant now = clock.instant();
			return queue.claimDueChecks(batch, now, now.plus(properties.tracking().checkLease()), instance.value());
		}, executor, this::checkSafely, this::release);
	}

	/** Stops claiming; the checks not yet made are due again at once. */
	void stop() {
		release(inHand.close());
	}

	/** Waits for the tick and the queries under way, each ending with what it found stored. */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		return inHand.awaitIdle(timeout);
	}

	void start() {
		inHand.open();
	}

	private void release(List<CheckClaim> claims) {
		if (claims.isEmpty()) {
			return;
		}
		try {
			queue.releaseChecks(claims, clock.instant());
		}
		catch (RuntimeException ex) {
			// their leases run out instead, and the checks are made then
			log.warn("Could not release {} claimed check(s): {}", claims.size(), ex.getMessage());
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
