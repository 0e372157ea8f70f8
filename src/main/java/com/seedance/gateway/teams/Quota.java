package com.seedance.gateway.teams;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;

/** A team's limits; a null limit means unlimited. */
@Embeddable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Quota(
		@JsonProperty("max_concurrent_jobs") @Column(name = "max_concurrent_jobs") @PositiveOrZero @Nullable Integer maxConcurrentJobs,
		@JsonProperty("daily_jobs") @Column(name = "daily_jobs") @PositiveOrZero @Nullable Integer dailyJobs,
		@JsonProperty("monthly_credits") @JsonFormat(shape = JsonFormat.Shape.STRING) @Column(name = "monthly_credits")
		@DecimalMin("0") @Digits(integer = 12, fraction = CREDIT_SCALE) @Nullable BigDecimal monthlyCredits) {

	static final int CREDIT_SCALE = 6;

	public static final Quota UNLIMITED = new Quota(null, null, null);

	/** Credits are shown with the six decimals the database keeps, whether just given or read back. */
	public Quota {
		if (monthlyCredits != null && monthlyCredits.scale() < CREDIT_SCALE) {
			monthlyCredits = monthlyCredits.setScale(CREDIT_SCALE);
		}
	}

}
