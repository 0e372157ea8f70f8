package com.seedance.gateway.credits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How credits are estimated and capped.
 *
 * @param creditsPerSecond {@code GATEWAY_CREDITS_PER_SECOND}: the estimate of a job is this × its duration
 * @param modelCreditsPerSecond {@code GATEWAY_MODEL_CREDITS_PER_SECOND}: per-model rates overriding it, as
 * {@code model=rate} pairs separated by commas ({@code seedance-2.0=0.1,seedance-2.0-pro=0.2})
 * @param monthlyCredits {@code GATEWAY_MONTHLY_CREDITS}: a cap on all teams' credits together in a UTC month;
 * unset means none
 */
@Validated
@ConfigurationProperties("gateway")
public record CreditsProperties(@DefaultValue("0.1") @NotNull @DecimalMin("0") BigDecimal creditsPerSecond,
		@DefaultValue("") String modelCreditsPerSecond, @Nullable @DecimalMin("0") BigDecimal monthlyCredits) {

	static final int SCALE = 6;

	public CreditsProperties {
		rates(modelCreditsPerSecond);
	}

	/** The rates, parsed once. */
	Estimates estimates() {
		return new Estimates(creditsPerSecond, rates(modelCreditsPerSecond));
	}

	record Estimates(BigDecimal creditsPerSecond, Map<String, BigDecimal> modelRates) {

		/** What a job of {@code duration} seconds of {@code model} is expected to cost. */
		BigDecimal of(String model, int duration) {
			BigDecimal rate = modelRates.getOrDefault(model, creditsPerSecond);
			return rate.multiply(BigDecimal.valueOf(duration)).setScale(SCALE, RoundingMode.HALF_UP);
		}

	}

	private static Map<String, BigDecimal> rates(String pairs) {
		Map<String, BigDecimal> rates = new LinkedHashMap<>();
		for (String pair : pairs.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			try {
				BigDecimal rate = new BigDecimal(pair.substring(equals + 1).trim());
				if (equals < 1 || rate.signum() < 0) {
					throw new NumberFormatException();
				}
				rates.put(pair.substring(0, equals).trim(), rate);
			}
			catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
				throw new IllegalArgumentException("GATEWAY_MODEL_CREDITS_PER_SECOND: '" + pair.trim()
						+ "' is not model=rate with a non-negative decimal rate");
			}
		}
		return rates;
	}

}
