package com.seedance.gateway.teams;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** 429 {@code rate_limited}: the key sent more requests than its rate allows; {@code Retry-After} says when to retry. */
class RateLimited extends ProblemException {

	private final long retryAfterSeconds;

	RateLimited(RateLimitProperties limit, Duration wait) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.RATE_LIMITED,
				"This key may send %s requests a second (%d at once); retry after the time in Retry-After."
					.formatted(rate(limit.requestsPerSecond()), limit.burst()));
		long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
		this.retryAfterSeconds = Math.max(1, seconds);
	}

	long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return headers;
	}

	private static String rate(double requestsPerSecond) {
		return requestsPerSecond == Math.rint(requestsPerSecond) ? Long.toString((long) requestsPerSecond)
				: Double.toString(requestsPerSecond);
	}

}
