package com.seedance.gateway.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * PostgreSQL keeps timestamps to the microsecond; truncating here makes an instant read back from the
 * database equal the one written, which keyset cursors on {@code created_at} rely on.
 */
public final class MicrosecondClock extends Clock {

	private final Clock delegate;

	public MicrosecondClock(Clock delegate) {
		this.delegate = delegate;
	}

	@Override
	public ZoneId getZone() {
		return delegate.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MicrosecondClock(delegate.withZone(zone));
	}

	@Override
	public Instant instant() {
		return delegate.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
