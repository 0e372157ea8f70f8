package com.seedance.gateway.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

import com.seedance.gateway.jobs.ClientStatus;
import com.seedance.gateway.jobs.JobCursor;

/**
 * The history's filters, as they stand in the URL ({@code team}, {@code status}, {@code model}, {@code from},
 * {@code to}, {@code q}, {@code cursor}), so a view can be shared. {@code from} and {@code to} are UTC: a date
 * ({@code 2026-11-01}; {@code to} then includes that whole day), a date and time ({@code 2026-11-01T08:30}), or an
 * ISO-8601 instant with its offset. {@code q} is a job id, an upstream task id, or (three characters or more) text
 * in the prompt. What does not parse is reported in {@link #errors()} and filters nothing.
 */
record JobFilter(@Nullable String team, @Nullable ClientStatus status, @Nullable String model, @Nullable Instant from,
		@Nullable Instant to, @Nullable String q, @Nullable JobCursor cursor, List<String> errors,
		@Nullable String fromText, @Nullable String toText) {

	/** Trigram search needs three characters; a shorter {@code q} matches ids only. */
	static final int MIN_TEXT_SEARCH = 3;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	static JobFilter read(@Nullable String team, @Nullable String status, @Nullable String model,
			@Nullable String from, @Nullable String to, @Nullable String q, @Nullable String cursor) {
		List<String> errors = new ArrayList<>();
		ClientStatus clientStatus = null;
		if (present(status)) {
			clientStatus = ClientStatus.fromWireName(status.trim()).orElse(null);
			if (clientStatus == null) {
				errors.add("status must be one of queued, submitted, running, succeeded, failed, cancelled");
			}
		}
		Instant fromInstant = instant("from", from, false, errors);
		Instant toInstant = instant("to", to, true, errors);
		if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
			errors.add("from must be before to");
		}
		JobCursor after = null;
		if (present(cursor)) {
			after = JobCursor.decode(cursor.trim()).orElse(null);
			if (after == null) {
				errors.add("cursor is not one of this console's pages");
			}
		}
		return new JobFilter(trimmed(team), clientStatus, trimmed(model), fromInstant, toInstant, trimmed(q), after,
				List.copyOf(errors), fromInstant == null ? null : from.trim(), toInstant == null ? null : to.trim());
	}

	/** {@code q} as a job id, when it is one. */
	Optional<UUID> jobId() {
		return q != null && UUID_TEXT.matcher(q).matches() ? Optional.of(UUID.fromString(q)) : Optional.empty();
	}

	/** Whether {@code q} is also looked for in prompts. */
	boolean searchesPrompts() {
		return q != null && q.length() >= MIN_TEXT_SEARCH && jobId().isEmpty();
	}

	/** This view's URL with another status (null: any) and from its first page: the links of the status counts. */
	public String withStatus(@Nullable ClientStatus other) {
		return url(other, null);
	}

	/** The next page's URL. */
	public String after(JobCursor next) {
		return url(status, next);
	}

	/** The counts of this view (a search's are fetched apart from its page). */
	public String counts() {
		return filtered("/console/jobs/counts", status).encode().build().toUriString();
	}

	/** This view from its first page. */
	public String firstPage() {
		return url(status, null);
	}

	private String url(@Nullable ClientStatus withStatus, @Nullable JobCursor withCursor) {
		UriComponentsBuilder url = filtered("/console/jobs", withStatus);
		param(url, "cursor", withCursor == null ? null : withCursor.encode());
		return url.encode().build().toUriString();
	}

	/** {@code path} with this filter's parameters, its status replaced by {@code withStatus}. */
	private UriComponentsBuilder filtered(String path, @Nullable ClientStatus withStatus) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
		param(url, "team", team);
		param(url, "status", withStatus == null ? null : withStatus.wireName());
		param(url, "model", model);
		param(url, "from", fromText);
		param(url, "to", toText);
		param(url, "q", q);
		return url;
	}

	private static void param(UriComponentsBuilder url, String name, @Nullable String value) {
		if (value != null) {
			url.queryParam(name, value);
		}
	}

	private static @Nullable Instant instant(String name, @Nullable String value, boolean endOfDay, List<String> errors) {
		if (!present(value)) {
			return null;
		}
		String text = value.trim();
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
				return OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			errors.add(name + " must be a UTC date (2026-11-01), date and time (2026-11-01T08:30) or ISO-8601 instant");
			return null;
		}
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return present(value) ? value.trim() : null;
	}

}
