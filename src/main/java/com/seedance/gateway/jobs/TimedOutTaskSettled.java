package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The charge of a job that failed with {@code timeout} is known at last: the upstream finished the task and
 * charged {@code consumed}, or (null) charged nothing or was watched long enough. Raised in the transaction that
 * recorded it; not a status change (the job stays failed).
 */
public record TimedOutTaskSettled(UUID jobId, String teamId, @Nullable BigDecimal consumed, Instant at, String detail) {
}
