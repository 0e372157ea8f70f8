package com.seedance.gateway.teams;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a team has used. Counted from jobs, which {@code teams} does not know: the {@code jobs} module
 * provides the implementation.
 */
public interface TeamUsage {

	UsageCounts of(String teamId);

	/** Jobs created this UTC day, jobs in flight upstream, jobs waiting, credits consumed this UTC month. */
	record UsageCounts(
			@JsonProperty("jobs_today") long jobsToday,
			@JsonProperty("jobs_in_flight") long jobsInFlight,
			@JsonProperty("jobs_queued") long jobsQueued,
			@JsonProperty("credits_this_month") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditsThisMonth) {
	}

}
