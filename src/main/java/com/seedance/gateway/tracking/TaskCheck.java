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

import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobEvents;
import com.seedance.gateway.jobs.JobLifecycle;
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

	private final JobEvents events;

	private final TrackingProperties properties;

	private final Clock clock;

	TaskCheck(SeedanceClient upstream, JobLifecycle lifecycle, JobEvents events, TrackingProperties properties,
			Clock clock) {
		this.upstream = upstream;
		this.lifecycle = lifecycle;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
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
	 * A callback revealed the task of a job whose submission outcome was unknown: if the upstream confirms
	 * the task, the job is submitted with it, and what the query says is applied.
	 */
	void adopt(UUID jobId, String taskId) {
		QueryOutcome outcome = query(jobId, taskId);
		if (outcome instanceof QueryOutcome.TaskState state) {
			Instant now = clock.instant();
			if (lifecycle.markSubmitted(jobId, state.taskId(), now.plus(properties.firstCheck()))) {
				log.info("Job {}: a callback revealed upstream task {}", jobId, state.taskId());
			}
			apply(jobId, state, false, now.plus(properties.firstCheck()));
		}
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
		lifecycle.fail(jobId, JobError.of(JobError.TIMEOUT,
				"The upstream did not finish the task within " + properties.jobTimeout() + "."), rawStatus, null);
	}

	private Duration nextInterval(int checks) {
		return Backoff.growing(properties.firstCheck(), properties.tracking().checkBackoff(),
				properties.maxCheckInterval(), checks + 1);
	}

}
