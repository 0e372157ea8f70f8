package com.seedance.gateway.teams;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jspecify.annotations.Nullable;

/** A team's limits; a null limit means unlimited. */
@Embeddable
public record Quota(
		@Column(name = "max_concurrent_jobs") @Nullable Integer maxConcurrentJobs,
		@Column(name = "daily_jobs") @Nullable Integer dailyJobs,
		@Column(name = "monthly_credits") @Nullable BigDecimal monthlyCredits) {

	public static final Quota UNLIMITED = new Quota(null, null, null);

}
