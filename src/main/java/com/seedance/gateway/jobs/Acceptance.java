package com.seedance.gateway.jobs;

/**
 * What {@code POST /jobs} produced: a new job, or ({@code replayed}) the job an earlier request with the same
 * {@code Idempotency-Key} and body created, in which case nothing was created now.
 */
public record Acceptance(Job job, boolean replayed) {
}
