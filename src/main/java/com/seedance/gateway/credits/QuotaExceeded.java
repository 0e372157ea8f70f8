package com.seedance.gateway.credits;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/**
 * A new job would pass a limit: 429 {@code quota_exceeded} naming the {@code limit} and when it
 * {@code resets_at}; {@code Retry-After} only when waiting until then would help.
 */
public class QuotaExceeded extends ProblemException {

	public static final String CODE = ProblemCodes.QUOTA_EXCEEDED;

	/** The limits a job can run into, as the problem's {@code limit} names them. */
	enum Limit {

		DAILY_JOBS("daily_jobs"), MONTHLY_CREDITS("monthly_credits"), GLOBAL_MONTHLY_CREDITS("global_monthly_credits");

		private final String name;

		Limit(String name) {
			this.name = name;
		}

	}

	private final Limit limit;

	private final Instant resetsAt;

	private final @Nullable Duration retryAfter;

	QuotaExceeded(Limit limit, String detail, Instant resetsAt, @Nullable Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, CODE, detail);
		this.limit = limit;
		this.resetsAt = resetsAt;
		this.retryAfter = retryAfter;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("limit", limit.name, "resets_at", resetsAt.toString());
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return headers;
	}

}
