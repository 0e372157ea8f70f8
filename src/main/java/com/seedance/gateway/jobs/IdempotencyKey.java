package com.seedance.gateway.jobs;

/**
 * A client's {@code Idempotency-Key} with the request it came with.
 *
 * @param value the key as sent (the web layer checks its form)
 * @param requestHash the SHA-256 of the request body's canonical JSON, 64 lower-case hex digits: two requests with
 * the same key are the same request when their hashes are equal
 */
public record IdempotencyKey(String value, String requestHash) {
}
