package com.seedance.gateway.jobs.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.jobs.ClientStatus;
import com.seedance.gateway.jobs.JobCursor;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;

/**
 * The query parameters of a job list, read as text so every bad one is reported by name in one
 * {@code validation_failed}: {@code status} (a wire name), {@code limit} (1–100, default 20), {@code cursor}
 * (from a previous page's {@code next_cursor}), and for operators {@code from}/{@code to} (ISO-8601 instants).
 */
final class ListParameters {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final List<FieldViolation> errors = new ArrayList<>();

	private final Set<JobStatus> statuses;

	private final int limit;

	private final @Nullable JobCursor cursor;

	private ListParameters(@Nullable String status, @Nullable String limit, @Nullable String cursor) {
		this.statuses = statuses(status);
		this.limit = limit(limit);
		this.cursor = cursor(cursor);
	}

	static ListParameters read(@Nullable String status, @Nullable String limit, @Nullable String cursor) {
		return new ListParameters(status, limit, cursor);
	}

	Set<JobStatus> statuses() {
		return statuses;
	}

	int limit() {
		return limit;
	}

	@Nullable JobCursor cursor() {
		return cursor;
	}

	@Nullable Instant instant(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			Instant instant = Instant.parse(value);
			if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
				errors.add(new FieldViolation(name, "must be between years 0001 and 9999"));
				return null;
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldViolation(name, "must be an ISO-8601 instant such as 2025-01-31T00:00:00Z"));
			return null;
		}
	}

	/** Throws when any parameter was bad. */
	void check() {
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
	}

	private Set<JobStatus> statuses(@Nullable String status) {
		if (status == null || status.isEmpty()) {
			return Set.of();
		}
		Optional<ClientStatus> found = ClientStatus.fromWireName(status);
		if (found.isEmpty()) {
			errors.add(new FieldViolation("status",
					"must be one of queued, submitted, running, succeeded, failed, cancelled"));
			return Set.of();
		}
		return found.get().internalStatuses();
	}

	private int limit(@Nullable String limit) {
		if (limit == null || limit.isEmpty()) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new FieldViolation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
		return DEFAULT_LIMIT;
	}

	private @Nullable JobCursor cursor(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		Optional<JobCursor> decoded = JobCursor.decode(cursor);
		if (decoded.isEmpty()) {
			errors.add(new FieldViolation("cursor", "is not a cursor from a previous page"));
		}
		return decoded.orElse(null);
	}

}
