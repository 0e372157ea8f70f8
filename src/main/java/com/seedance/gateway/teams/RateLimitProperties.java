package com.seedance.gateway.teams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.rate-limit.*}: how many requests one team key may send to the team API, per instance.
 *
 * @param requestsPerSecond the sustained rate a key may send at ({@code GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND});
 * 0 turns the limit off
 * @param burst how many requests a key that has been quiet may send at once ({@code GATEWAY_RATE_LIMIT_BURST});
 * at least 1
 */
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(@DefaultValue("50") double requestsPerSecond, @DefaultValue("100") int burst) {

	RateLimitProperties {
		if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException(
					"gateway.rate-limit.requests-per-second must be 0 (no limit) or a positive number");
		}
		if (burst < 1) {
			throw new IllegalArgumentException("gateway.rate-limit.burst must be at least 1");
		}
	}

	boolean enabled() {
		return requestsPerSecond > 0;
	}

	/** The time one request's allowance takes to come back. */
	Duration interval() {
		return Duration.ofNanos(Math.max(1, Math.round(Math.min(Long.MAX_VALUE, 1_000_000_000d / requestsPerSecond))));
	}

}
