package com.seedance.gateway.upstream;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a query call came to. A query changes nothing upstream, so any failure is simply {@link Transient}:
 * ask again later.
 */
public sealed interface QueryOutcome {

	/** A short stable name, used as the {@code outcome} metric tag and in logs. */
	String kind();

	/**
	 * The task as the upstream reports it.
	 *
	 * @param taskId the task id
	 * @param rawStatus the status word exactly as the upstream sent it, for the job's record
	 * @param phase what the status means, see {@link TaskPhase#of(String)}
	 * @param videoUrl {@code result.video}, when given
	 * @param consumed the cost charged, when given and a valid decimal
	 * @param reason {@code status_reason.message}, when given
	 */
	record TaskState(String taskId, String rawStatus, TaskPhase phase, @Nullable String videoUrl,
			@Nullable BigDecimal consumed, @Nullable String reason) implements QueryOutcome {
		@Override
		public String kind() {
			return phase.name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** 404: the upstream does not know the task. */
	record NotFound() implements QueryOutcome {
		@Override
		public String kind() {
			return "not_found";
		}
	}

	/** 401/403: the upstream refused our key. */
	record Unauthorized() implements QueryOutcome {
		@Override
		public String kind() {
			return "unauthorized";
		}
	}

	/** No usable answer (5xx, 429, timeout, connection failure, a body that is not the expected JSON). */
	record Transient(String reason) implements QueryOutcome {
		@Override
		public String kind() {
			return "transient";
		}
	}

}
