package com.seedance.gateway.jobs;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in a newest-first job list: the last job seen, by {@code (created_at, id)}. On the wire it is opaque:
 * base64url (no padding) of 24 bytes, {@code created_at} as microseconds since the epoch then the id.
 */
public record JobCursor(Instant createdAt, UUID id) {

	private static final int LENGTH = Long.BYTES + 2 * Long.BYTES;

	private static final long MAX_MICROS = micros(Instant.parse("9999-12-31T23:59:59Z"));

	public static JobCursor after(Job job) {
		return new JobCursor(job.createdAt(), job.id());
	}

	public String encode() {
		ByteBuffer bytes = ByteBuffer.allocate(LENGTH)
			.putLong(micros(createdAt))
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
	}

	/** The cursor in {@code text}, or empty when it is not one this gateway made. */
	public static Optional<JobCursor> decode(String text) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length != LENGTH) {
			return Optional.empty();
		}
		ByteBuffer bytes = ByteBuffer.wrap(raw);
		long micros = bytes.getLong();
		if (micros < 0 || micros > MAX_MICROS) {
			return Optional.empty(); // not a time this gateway stores, nor one PostgreSQL takes
		}
		Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
		return Optional.of(new JobCursor(createdAt, new UUID(bytes.getLong(), bytes.getLong())));
	}

}
