package com.seedance.gateway.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the {@code job_event} history: every status change (in the transaction that made it) and every
 * upstream call or callback, with its HTTP status and duration.
 */
@Component
public class JobEvents {

	public enum Kind {
		STATUS_CHANGED, UPSTREAM_CREATE, UPSTREAM_QUERY, CALLBACK
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	JobEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(JobStatusChanged changed) {
		insert(changed.jobId(), Kind.STATUS_CHANGED, changed.from() == null ? null : changed.from().name(),
				changed.to().name(), null, null, changed.detail(), Timestamp.from(changed.at()));
	}

	/** An upstream call made for a job: {@code httpStatus} is null when no response came. */
	public void recordUpstreamCall(UUID jobId, Kind kind, @Nullable Integer httpStatus, Duration elapsed,
			@Nullable String detail) {
		insert(jobId, kind, null, null, httpStatus, elapsed.toMillis(), detail, Timestamp.from(clock.instant()));
	}

	public void recordCallback(UUID jobId, @Nullable String body) {
		insert(jobId, Kind.CALLBACK, null, null, null, null, body, Timestamp.from(clock.instant()));
	}

	private void insert(UUID jobId, Kind kind, @Nullable String from, @Nullable String to, @Nullable Integer httpStatus,
			@Nullable Long durationMs, @Nullable String detail, Timestamp at) {
		jdbc.sql("""
				INSERT INTO job_event (job_id, at, kind, from_status, to_status, http_status, duration_ms, detail)
				VALUES (:jobId, :at, :kind, :from, :to, :httpStatus, :durationMs, :detail)""")
			.param("jobId", jobId)
			.param("at", at)
			.param("kind", kind.name())
			.param("from", from)
			.param("to", to)
			.param("httpStatus", httpStatus)
			.param("durationMs", durationMs)
			.param("detail", detail == null ? null : truncate(detail))
			.update();
	}

	private static String truncate(String detail) {
		return detail.length() <= 4000 ? detail : detail.substring(0, 4000) + "…";
	}

}
