package com.seedance.gateway.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.retention.*}: how long history is kept. Finished jobs keep their row whatever the age.
 *
 * @param enabled whether this instance runs the purge (tests switch it off and call it by hand)
 * @param interval how often the purge runs
 * @param jobEvents {@code job_event} rows of jobs finished longer ago than this are deleted
 * @param deliveryAttempts {@code webhook_attempt} rows of messages no longer pending are deleted after this
 * @param idempotencyKeys {@code idempotency_key} rows older than this are deleted (at least the 24 h the contract
 * keeps a key, and the replay retention)
 * @param batch rows deleted per statement, each in its own short transaction
 */
@Validated
@ConfigurationProperties("gateway.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") @NotNull Duration interval,
		@DefaultValue("90d") @NotNull Duration jobEvents, @DefaultValue("90d") @NotNull Duration deliveryAttempts,
		@DefaultValue("7d") @NotNull Duration idempotencyKeys, @DefaultValue("5000") @Min(1) int batch) {

	public RetentionProperties {
		if (idempotencyKeys.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("gateway.retention.idempotency-keys must be at least 24h (the contract keeps a key 24 hours)");
		}
	}

}
