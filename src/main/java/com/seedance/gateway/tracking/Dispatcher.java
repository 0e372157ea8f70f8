package com.seedance.gateway.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobEvents;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobQueue.SubmissionClaim;
import com.seedance.gateway.shared.WorkInHand;
import com.seedance.gateway.shared.JobLogContext;
import com.seedance.gateway.upstream.CreateTask;
import com.seedance.gateway.upstream.SeedanceClient;
import com.seedance.gateway.upstream.UpstreamCall;
import com.seedance.gateway.upstream.UpstreamOutcome;

/**
 * Moves queued jobs upstream, oldest first, within the in-flight limits. A job is claimed
 * ({@code SUBMITTING}) before the call and marked {@code SUBMITTED} with its task id after it; a call whose
 * outcome is unknown leaves the job {@code OUTCOME_UNKNOWN}, never resubmitted blindly. Every claim goes through
 * {@link #round}, whoever runs it ({@link DispatchLoop}, or a test's {@link #tick}): claims take turns in the
 * database, and each call is fenced by its claim's attempt. When it stops (the instance shuts down), the claims
 * whose call has not started go back to {@code QUEUED} at once, and the calls under way finish and store their
 * results.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final JobQueue queue;

	private final JobLifecycle lifecycle;

	private final JobEvents events;

	private final SeedanceClient upstream;

	private final TrackingProperties properties;

	private final Clock clock;

	private final InstanceId instance;

	private final Executor executor;

	private final WorkInHand<SubmissionClaim> inHand = new WorkInHand<>();

	/** Set while the upstream refuses our key: no job is sent until then. */
	private final AtomicReference<@Nullable Instant> pausedUntil = new AtomicReference<>();

	Dispatcher(JobQueue queue, JobLifecycle lifecycle, JobEvents events, SeedanceClient upstream,
			TrackingProperties properties, Clock clock, InstanceId instance,
			@Qualifier("applicationTaskExecutor") Executor executor) {
		this.queue = queue;
		this.lifecycle = lifecycle;
		this.events = events;
		this.upstream = upstream;
		this.properties = properties;
		this.clock = clock;
		this.instance = instance;
		this.executor = executor;
		// a lease running out mid-call would let the job be resubmitted while the first call may still succeed
		if (properties.tracking().submitLease().compareTo(upstream.longestCall()) <= 0) {
			throw new IllegalStateException("gateway.tracking.submit-lease (" + properties.tracking().submitLease()
					+ ") must be longer than the longest upstream call (" + upstream.longestCall()
					+ ": seedance.connect-timeout + seedance.response-timeout + 5s)");
		}
	}

	/**
	 * A whole dispatch, waiting for its calls: what tests that move the clock by hand run. A running gateway runs
	 * {@link #expireLeasesAndGraces} on the tick and its {@link DispatchLoop} runs the rounds.
	 */
	void tick() {
		if (!inHand.beginTick()) {
			return;
		}
		try {
			expireLeasesAndGraces();
			CompletableFuture.allOf(round(properties.tracking().submitBatch()).toArray(CompletableFuture[]::new)).join();
		}
		finally {
			inHand.endTick();
		}
	}

	/** Submissions whose lease ran out become outcome-unknown; those whose grace ended are queued again. */
	void expireLeasesAndGraces() {
		Instant now = clock.instant();
		queue.expireSubmitLeases(now, now.plus(properties.submitGrace()));
		queue.requeueAfterGrace(now);
	}

	/**
	 * Claims up to {@code limit} due jobs within the in-flight limits and starts their upstream calls on the
	 * executor; returns at once, with the calls under way.
	 */
	List<CompletableFuture<Void>> round(int limit) {
		Instant now = clock.instant();
		if (isPaused(now)) {
			return List.of();
		}
		// after the upstream refused our key, one job probes whether it is fixed before a whole batch goes
		int batch = pausedUntil.get() == null ? limit : 1;
		List<SubmissionClaim> claims = queue.claimForSubmission(properties.maxInFlight(), batch, now,
				now.plus(properties.tracking().submitLease()), instance.value());
		List<SubmissionClaim> refused = inHand.hold(claims);
		if (!refused.isEmpty()) {
			handBack(refused);
			return List.of();
		}
		return claims.stream().map(this::submitLater).toList();
	}

	/** Stops claiming; the claims whose call has not started go back to the queue at once. */
	void stop() {
		handBack(inHand.close());
	}

	/** Waits for the tick and the calls under way, each ending with its result stored. */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		return inHand.awaitIdle(timeout);
	}

	void start() {
		inHand.open();
	}

	private CompletableFuture<Void> submitLater(SubmissionClaim claim) {
		return inHand.startLater(claim, executor, this::submitSafely, this::handBack);
	}

	private void handBack(List<SubmissionClaim> claims) {
		if (claims.isEmpty()) {
			return;
		}
		try {
			int handedBack = queue.handBack(claims, clock.instant(), instance.value());
			log.info("Handed {} claimed job(s) back to the queue unsent", handedBack);
		}
		catch (RuntimeException ex) {
			// their leases run out instead: the jobs wait the submit grace, then are sent again
			log.error("Could not hand {} claimed job(s) back to the queue", claims.size(), ex);
		}
	}

	/** Runs on the executor's thread, so the job's log context is opened here. */
	private void submitSafely(SubmissionClaim claim) {
		try (JobLogContext context = JobLogContext.open(claim.jobId(), claim.teamId())) {
			try {
				submit(claim);
			}
			catch (RuntimeException ex) {
				// the claim's lease runs out and the job becomes OUTCOME_UNKNOWN: never resent blindly
				log.error("Submitting job {} failed unexpectedly", claim.jobId(), ex);
			}
		}
	}

	void submit(SubmissionClaim claim) {
		String token = CallbackTokens.generate();
		byte[] tokenHash = properties.callbacksEnabled() ? CallbackTokens.hash(token) : new byte[0];
		Instant leaseUntil = clock.instant().plus(properties.tracking().submitLease());
		if (!queue.startSubmission(claim.jobId(), claim.attempt(), leaseUntil, tokenHash)) {
			log.warn("Job {}: claim lost before the upstream call; not sending it", claim.jobId());
			return;
		}
		UpstreamCall<UpstreamOutcome> call = upstream.create(new CreateTask(claim.model(), claim.contentJson(),
				claim.duration(), claim.ratio(), callbackUrl(token)));
		UpstreamOutcome outcome = call.outcome();
		events.recordUpstreamCall(claim.jobId(), JobEvents.Kind.UPSTREAM_CREATE, call.httpStatus(), call.elapsed(),
				describe(outcome, claim.attempt()));
		Instant now = clock.instant();
		if (outcome instanceof UpstreamOutcome.Accepted accepted) {
			resume();
			lifecycle.markSubmitted(claim.jobId(), claim.attempt(), accepted.taskId(), now.plus(properties.firstCheck()));
		}
		else if (outcome instanceof UpstreamOutcome.Rejected rejected) {
			resume();
			lifecycle.failSubmission(claim.jobId(), claim.attempt(),
					JobError.of(JobError.UPSTREAM_REJECTED, rejected.message()));
		}
		else if (outcome instanceof UpstreamOutcome.Unauthorized) {
			pause(now);
			lifecycle.requeue(claim.jobId(), claim.attempt(), now.plus(properties.tracking().unauthorizedPause()),
					"upstream refused the gateway's API key");
		}
		else if (outcome instanceof UpstreamOutcome.Transient failure) {
			Duration wait = Backoff.withJitter(properties.tracking().retryBase(), 2.0, properties.tracking().retryMax(),
					claim.attempt() - 1);
			lifecycle.requeue(claim.jobId(), claim.attempt(), now.plus(wait),
					"upstream unavailable: " + failure.reason());
		}
		else if (outcome instanceof UpstreamOutcome.Unknown unknown) {
			lifecycle.markOutcomeUnknown(claim.jobId(), claim.attempt(), "submission outcome unknown: " + unknown.reason(),
					now.plus(properties.submitGrace()));
		}
	}

	private @Nullable String callbackUrl(String token) {
		if (!properties.callbacksEnabled()) {
			return null;
		}
		String base = properties.publicUrl().toString().replaceAll("/+$", "");
		return base + SeedanceCallbackController.PATH_PREFIX + token;
	}

	private boolean isPaused(Instant now) {
		Instant until = pausedUntil.get();
		return until != null && now.isBefore(until);
	}

	/** The outage itself is logged once, by the upstream health indicator. */
	private void pause(Instant now) {
		pausedUntil.set(now.plus(properties.tracking().unauthorizedPause()));
	}

	private void resume() {
		pausedUntil.set(null);
	}

	private static String describe(UpstreamOutcome outcome, int attempt) {
		return "attempt " + attempt + ": " + outcome;
	}

}
