package com.seedance.gateway.notify;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications are delivered, under {@code gateway.deliveries}. After the n-th failed try of a message the
 * next waits the n-th of {@code retryDelays}, then {@code retryEvery}, each stretched by a random share of up to
 * {@code jitter}; once the nominal waits add up to more than {@code retryFor}, the message has failed. With the
 * defaults: tries at about 0, 5 s, 35 s, 2.5 min, 12.5 min, 42.5 min, 1 h 42 min, then every 2 h, the 19th and
 * last at about 25 h 43 min (never earlier: jitter only lengthens waits).
 *
 * @param enabled whether this instance runs the delivery worker on its interval (tests tick it by hand)
 * @param interval how often the worker looks for due messages
 * @param batch at most this many messages a claim (sent in parallel)
 * @param lease how long a claimed message is held before another worker may take it; longer than the connect
 * plus response timeouts
 * @param connectTimeout how long connecting to a receiver may take
 * @param responseTimeout how long a receiver may take to answer once connected
 * @param retryDelays the waits after the first failed tries, in order
 * @param retryEvery the wait after each later failed try
 * @param retryFor how long (nominally, from the first try) a message is retried before it has failed; at least 24h
 * @param jitter each wait is stretched by a random share in [0, jitter)
 * @param secretWait how long a message of a team without a signing secret waits before it looks again (creating
 * the secret sends it at once)
 */
@Validated
@ConfigurationProperties("gateway.deliveries")
public record DeliveryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1s") @NotNull Duration interval, @DefaultValue("20") @Min(1) int batch,
		@DefaultValue("1m") @NotNull Duration lease, @DefaultValue("2s") @NotNull Duration connectTimeout,
		@DefaultValue("10s") @NotNull Duration responseTimeout,
		@DefaultValue({ "5s", "30s", "2m", "10m", "30m", "1h" }) @NotEmpty List<Duration> retryDelays,
		@DefaultValue("2h") @NotNull Duration retryEvery, @DefaultValue("26h") @NotNull Duration retryFor,
		@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double jitter,
		@DefaultValue("1m") @NotNull Duration secretWait) {

	public DeliveryProperties {
		retryDelays = List.copyOf(retryDelays);
		if (lease.compareTo(connectTimeout.plus(responseTimeout)) <= 0) {
			throw new IllegalArgumentException("gateway.deliveries.lease (" + lease
					+ ") must be longer than connect-timeout plus response-timeout (" + connectTimeout.plus(responseTimeout) + ")");
		}
		if (retryFor.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("gateway.deliveries.retry-for must be at least 24h (the contract's promise)");
		}
	}

	/**
	 * The nominal wait after the {@code failedTries}-th failed try of the current schedule (1-based), before jitter;
	 * null when the message has been tried for {@code retryFor} and has failed.
	 */
	@Nullable Duration retryDelay(int failedTries) {
		Duration elapsed = Duration.ZERO;
		for (int n = 1; n <= failedTries; n++) {
			elapsed = elapsed.plus(delay(n));
			if (elapsed.compareTo(retryFor) > 0) {
				return null;
			}
		}
		return delay(failedTries);
	}

	private Duration delay(int n) {
		return n <= retryDelays.size() ? retryDelays.get(n - 1) : retryEvery;
	}

}
