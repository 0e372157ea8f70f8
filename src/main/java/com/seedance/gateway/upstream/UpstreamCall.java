package com.seedance.gateway.upstream;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one call to the upstream came to, with what a caller needs to write the call's event row.
 *
 * @param outcome an {@link UpstreamOutcome} (create) or a {@link QueryOutcome} (query)
 * @param httpStatus the HTTP status the upstream answered, or null when no response arrived (connection
 * failed, timed out, reset)
 * @param elapsed how long the call took, from just before sending to the outcome
 * @param <O> the outcome type
 */
public record UpstreamCall<O>(O outcome, @Nullable Integer httpStatus, Duration elapsed) {
}
