package com.seedance.gateway.upstream;

/**
 * What a create call came to. No exception escapes {@link SeedanceClient#create} for an HTTP answer or
 * a network failure; branch with {@code instanceof} patterns.
 * <ul>
 * <li>{@link Accepted}: the upstream created the task.</li>
 * <li>{@link Rejected}: the upstream refused the request as invalid (4xx); sending it again will not help.</li>
 * <li>{@link Unauthorized}: the upstream refused our key (401/403): a configuration fault, nothing was created.</li>
 * <li>{@link Transient}: the request certainly created nothing (connection failed before sending, 5xx,
 * 429, ...); it is safe to send it again later.</li>
 * <li>{@link Unknown}: the request may have reached the upstream and created (and billed) a task whose id we
 * do not know: response timeout, connection broken after sending, a 2xx without a task id, 502/504 from a
 * proxy. Sending it again may create a duplicate.</li>
 * </ul>
 */
public sealed interface UpstreamOutcome {

	/** A short stable name, used as the {@code outcome} metric tag and in logs. */
	String kind();

	record Accepted(String taskId) implements UpstreamOutcome {
		@Override
		public String kind() {
			return "accepted";
		}
	}

	record Rejected(String message) implements UpstreamOutcome {
		@Override
		public String kind() {
			return "rejected";
		}
	}

	record Unauthorized() implements UpstreamOutcome {
		@Override
		public String kind() {
			return "unauthorized";
		}
	}

	record Transient(String reason) implements UpstreamOutcome {
		@Override
		public String kind() {
			return "transient";
		}
	}

	record Unknown(String reason) implements UpstreamOutcome {
		@Override
		public String kind() {
			return "unknown";
		}
	}

}
