package com.seedance.gateway.teams;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a team has used and holds in reserve. The counts come from modules {@code teams} does not know
 * ({@code credits} provides the implementation).
 */
public interface TeamUsage {

	Usage of(String teamId);

	/** Jobs created this UTC day, jobs in flight upstream, jobs waiting, credits charged this UTC month. */
	record UsageCounts(
			@JsonProperty("jobs_today") long jobsToday,
			@JsonProperty("jobs_in_flight") long jobsInFlight,
			@JsonProperty("jobs_queued") long jobsQueued,
			@JsonProperty("credits_this_month") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditsThisMonth) {
	}

	/** Credits reserved this UTC month by jobs not yet settled (their estimates), and by orphaned tasks. */
	record ReservedCredits(
			@JsonProperty("credits_this_month") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditsThisMonth) {
	}

	record Usage(UsageCounts used, ReservedCredits reserved) {
	}

}
