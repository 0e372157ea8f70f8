package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A job moved from one status to another, in the transaction that moved it. */
public record JobStatusChanged(UUID jobId, String teamId, @Nullable JobStatus from, JobStatus to, Instant at,
		@Nullable String detail) {
}
