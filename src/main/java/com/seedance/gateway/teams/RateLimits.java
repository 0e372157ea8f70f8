package com.seedance.gateway.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per team key, in this instance's memory ({@code gateway.rate-limit.*}): a key may send
 * {@code burst} requests at once and then {@code requests-per-second}. Kept as the generic cell rate algorithm:
 * one number per key, the time at which its bucket would be full again (its "theoretical arrival time"), moved
 * with compare-and-set, so admitting a request takes no lock. Time comes from the application's clock. Buckets
 * of keys unused for longer than a bucket takes to fill are dropped (they would be full anyway), and there are at
 * most {@link #MAX_KEYS}.
 */
@Component
class RateLimits {

	static final long MAX_KEYS = 100_000;

	/** A bound on the durations below, far beyond any sensible setting, so their sums never overflow. */
	private static final long LONGEST = Long.MAX_VALUE / 4;

	private final RateLimitProperties properties;

	private final Clock clock;

	/** Nanoseconds between two requests at the sustained rate. */
	private final long interval;

	/** How far ahead of now a key's arrival time may be and a request still be admitted: {@code burst - 1} intervals. */
	private final long tolerance;

	private final Cache<UUID, AtomicLong> buckets;

	RateLimits(RateLimitProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.interval = Math.min(LONGEST, properties.interval().toNanos());
		this.tolerance = (long) Math.min(LONGEST, (double) interval * (properties.burst() - 1));
		Duration refill = Duration.ofNanos(tolerance + interval);
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(refill.compareTo(Duration.ofMinutes(1)) > 0 ? refill : Duration.ofMinutes(1))
			.maximumSize(MAX_KEYS)
			.build();
	}

	/** Lets one request of the key pass, or throws {@link RateLimited} when the key has none left right now. */
	void admit(UUID keyId) {
		if (!properties.enabled()) {
			return;
		}
		AtomicLong arrival = buckets.get(keyId, id -> new AtomicLong(Long.MIN_VALUE));
		long now = nanos(clock.instant());
		while (true) {
			long current = arrival.get();
			// the clock went back (tolerance + interval is the furthest ahead a moving clock leaves it): start afresh
			long from = current < now || current - now > tolerance + interval ? now : current;
			if (from - now > tolerance) {
				throw new RateLimited(properties, Duration.ofNanos(from - now - tolerance));
			}
			if (arrival.compareAndSet(current, from + interval)) {
				return;
			}
		}
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
