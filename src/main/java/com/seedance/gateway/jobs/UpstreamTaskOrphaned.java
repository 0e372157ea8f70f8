package com.seedance.gateway.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * The upstream accepted a submission of {@code attempt} after its job had moved on (submitted again, or
 * cancelled): task {@code taskId} exists and may be billed, but no job owns it. Raised in the transaction that
 * learned it.
 */
public record UpstreamTaskOrphaned(UUID jobId, String teamId, String taskId, int attempt, Instant at) {
}
