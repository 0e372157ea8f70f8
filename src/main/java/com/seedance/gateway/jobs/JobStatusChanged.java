package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A job moved from one status to another, raised in the transaction that moved it, with the facts about the
 * job that listeners act on: what it asked for ({@code model}, {@code duration}) and, once it has ended, what
 * the upstream charged ({@code consumed}) and why it failed ({@code errorCode}).
 */
public record JobStatusChanged(UUID jobId, String teamId, @Nullable JobStatus from, JobStatus to, Instant at,
		@Nullable String detail, String model, int duration, @Nullable BigDecimal consumed,
		@Nullable String errorCode) {

	/**
	 * Whether this is a job's first event: it was just accepted ({@code from} is null, {@code to} is {@code QUEUED}),
	 * in the transaction of {@code POST /jobs}. Its history row is written with the job itself ({@code NewJobs}), and no
	 * live status stream can follow a job that did not exist a moment ago; a listener that wants to react to new jobs
	 * (such as a dispatcher wake-up) listens for this.
	 */
	public boolean isCreation() {
		return from == null;
	}

}
