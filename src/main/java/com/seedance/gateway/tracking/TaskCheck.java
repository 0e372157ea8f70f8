package com.seedance.gateway.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobEvents;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue.CheckClaim;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.upstream.QueryOutcome;
import com.seedance.gateway.upstream.SeedanceClient;
import com.seedance.gateway.upstream.TaskPhase;
import com.seedance.gateway.upstream.UpstreamCall;

/**
 * Asks the upstream about one task and applies the answer to its job: the one path by which the poller
 * and callbacks learn anything. Repeats and races are harmless: transitions are conditional and terminal
 * states never change.
 */
@Component
class TaskCheck {

	private static final Logger log = LoggerFactory.getLogger(TaskCheck.class);

	private final SeedanceClient upstream;

	private final JobLifecycle lifecycle;

	private final JobRepository jobs;

	private final JobEvents events;

	private final TrackingProperties properties;

	private final Clock clock;

	TaskCheck(SeedanceClient upstream, JobLifecycle lifecycle, JobRepository jobs, JobEvents events,
			TrackingProperties properties, Clock clock) {
		this.upstream = upstream;
		this.jobs = jobs;
		this.lifecycle = lifecycle;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** Does the check a claim is due for: a task's progress, or the confirmation of a candidate task. */
	void check(CheckClaim claim) {
		switch (claim.purpose()) {
			case PROGRESS -> check(claim.jobId(), claim.taskId(), claim.submittedAt(), claim.checks());
			case CANDIDATE -> confirmCandidate(claim.jobId(), claim.taskId(), claim.checks());
			case TIMED_OUT_CHARGE -> checkTimedOutCharge(claim.jobId(), claim.taskId(), claim.completedAt());
		}
	}

	/** Queries {@code taskId} and applies what the upstream says; {@code checks} is how many came before. */
	void check(UUID jobId, String taskId, Instant submittedAt, int checks) {
		QueryOutcome outcome = query(jobId, taskId);
		Instant now = clock.instant();
		boolean timedOut = !now.isBefore(submittedAt.plus(properties.jobTimeout()));
		Instant nextCheck = now.plus(nextInterval(checks));
		if (outcome instanceof QueryOutcome.TaskState state) {
			apply(jobId, state, timedOut, nextCheck);
		}
		else if (timedOut) {
			failTimedOut(jobId, null);
		}
		else if (outcome instanceof QueryOutcome.NotFound) {
			lifecycle.observeNotFound(jobId, properties.tracking().notFoundLimit(), nextCheck);
		}
		else {
			lifecycle.postponeCheck(jobId, nextCheck);
		}
	}

	/**
	 * A callback named {@code taskId} for a job whose submission outcome was open when it arrived. The task id is kept
	 * on the job first, so a failing query cannot lose it; then the query confirms it. When the submission's own
	 * result got there first (a short task's callback can overtake it), the job has its task now: the callback
	 * is followed up as for any submitted job, rather than left to the poller.
	 */
	void candidateRevealed(UUID jobId, String taskId) {
		if (lifecycle.noteCandidateTask(jobId, taskId, clock.instant().plus(candidateRetry(0)))) {
			confirmCandidate(jobId, taskId, 0);
			return;
		}
		Job job = jobs.findById(jobId).orElseThrow();
		if (job.status().hasUpstreamTask()) {
			check(jobId, job.upstreamTaskId(), job.submittedAt(), job.checks());
		}
	}

	/**
	 * Asks the upstream about a candidate task: a task state adopts it (and applies the state); a 404 counts
	 * towards discarding it; anything else keeps it and asks again later, from one poll interval backing off to
	 * {@code candidate-retry-max}. {@code checks} is how many asked before without an answer.
	 */
	private void confirmCandidate(UUID jobId, String taskId, int checks) {
		QueryOutcome outcome = query(jobId, taskId);
		Instant now = clock.instant();
		if (outcome instanceof QueryOutcome.TaskState state) {
			Instant firstCheck = now.plus(properties.firstCheck());
			lifecycle.adoptTask(jobId, state.taskId(), firstCheck);
			apply(jobId, state, false, firstCheck);
		}
		else if (outcome instanceof QueryOutcome.NotFound) {
			lifecycle.observeCandidateNotFound(jobId, properties.tracking().notFoundLimit(),
					now.plus(candidateRetry(checks)));
		}
		else {
			lifecycle.postponeCandidateCheck(jobId, now.plus(candidateRetry(checks)));
		}
	}

	private Duration candidateRetry(int checks) {
		return Backoff.growing(properties.pollInterval(), 2.0, properties.tracking().candidateRetryMax(), checks);
	}

	private QueryOutcome query(UUID jobId, String taskId) {
		UpstreamCall<QueryOutcome> call = upstream.query(taskId);
		events.recordUpstreamCall(jobId, JobEvents.Kind.UPSTREAM_QUERY, call.httpStatus(), call.elapsed(),
				call.outcome().toString());
		return call.outcome();
	}

	private void apply(UUID jobId, QueryOutcome.TaskState state, boolean timedOut, Instant nextCheck) {
		if (state.phase() == TaskPhase.SUCCEEDED) {
			lifecycle.succeed(jobId, state.rawStatus(), state.videoUrl(), state.consumed());
		}
		else if (state.phase() == TaskPhase.FAILED) {
			String message = state.reason() != null ? state.reason()
					: "The upstream reported status '" + state.rawStatus().toLowerCase(Locale.ROOT) + "'.";
			lifecycle.fail(jobId, JobError.of(JobError.UPSTREAM_FAILED, message), state.rawStatus(), state.consumed());
		}
		else if (timedOut) {
			failTimedOut(jobId, state.rawStatus());
		}
		else {
			lifecycle.observeProgress(jobId, state.rawStatus(), nextCheck);
		}
	}

	private void failTimedOut(UUID jobId, @Nullable String rawStatus) {
		lifecycle.timeOut(jobId, "The upstream did not finish the task within " + properties.jobTimeout() + ".",
				rawStatus, clock.instant().plus(properties.tracking().timedOutChargeInterval()));
	}

	/**
	 * A job that timed out may still be charged: its task is looked at every {@code timed-out-charge-interval}
	 * until it ends (the charge it reports is settled), the upstream no longer knows it, or
	 * {@code timed-out-charge-watch} has passed since the timeout (nothing is charged then).
	 */
	private void checkTimedOutCharge(UUID jobId, String taskId, Instant timedOutAt) {
		QueryOutcome outcome = query(jobId, taskId);
		Instant now = clock.instant();
		Instant nextCheck = now.plus(properties.tracking().timedOutChargeInterval());
		if (outcome instanceof QueryOutcome.TaskState state && state.phase() != TaskPhase.IN_PROGRESS) {
			lifecycle.settleTimedOutCharge(jobId, state.consumed(), "the upstream ended the task after the timeout, as '"
					+ state.rawStatus() + "'");
		}
		else if (!now.isBefore(timedOutAt.plus(properties.tracking().timedOutChargeWatch()))) {
			lifecycle.settleTimedOutCharge(jobId, null, "the task was still unfinished "
					+ properties.tracking().timedOutChargeWatch() + " after the timeout: no charge");
		}
		else if (outcome instanceof QueryOutcome.NotFound) {
			lifecycle.observeTimedOutTaskNotFound(jobId, properties.tracking().notFoundLimit(), nextCheck);
		}
		else {
			lifecycle.postponeTimedOutCharge(jobId, nextCheck);
		}
	}

	private Duration nextInterval(int checks) {
		return Backoff.growing(properties.firstCheck(), properties.tracking().checkBackoff(),
				properties.maxCheckInterval(), checks + 1);
	}

}
