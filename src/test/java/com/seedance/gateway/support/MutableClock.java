package com.seedance.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Instants are whole microseconds, as PostgreSQL keeps
 * them, like the application's own clock.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS));
	}

	public void advance(Duration duration) {
		now.updateAndGet(instant -> instant.plus(duration).truncatedTo(ChronoUnit.MICROS));
	}

	public void set(Instant instant) {
		now.set(instant.truncatedTo(ChronoUnit.MICROS));
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the gateway works in UTC");
	}

}
