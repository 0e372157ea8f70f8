package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A job whose submission outcome stayed unknown through the grace is submitted again: the upstream may run, and
 * charge, two tasks for it. Raised in the transaction that queued it again.
 */
public record SubmissionMayBeDuplicated(UUID jobId, String teamId, Instant at) {
}
