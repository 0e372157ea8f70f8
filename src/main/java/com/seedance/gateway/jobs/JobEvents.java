package com.seedance.gateway.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The writer of the {@code job_event} history: every status change (in the transaction that made it,
 * whether an intent method on {@link Job} or a bulk statement of {@link JobQueue} made it), every upstream call
 * or callback with its HTTP status and duration, late submission results and orphaned tasks. The one exception is a
 * job's first row (its acceptance), which {@link NewJobs} writes in the statement that inserts the job.
 */
@Component
public class JobEvents {

	public enum Kind {
		STATUS_CHANGED, UPSTREAM_CREATE, UPSTREAM_QUERY, CALLBACK, LATE_SUBMIT_RESULT, ORPHANED_TASK, TIMED_OUT_CHARGE
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	JobEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(JobStatusChanged changed) {
		if (changed.isCreation()) {
			return; // written with the job, in one statement
		}
		insert(changed.jobId(), Kind.STATUS_CHANGED, changed.from() == null ? null : changed.from().name(),
				changed.to().name(), null, null, changed.detail(), Timestamp.from(changed.at()));
	}

	@EventListener
	void on(UpstreamTaskOrphaned orphaned) {
		insert(orphaned.jobId(), Kind.ORPHANED_TASK, null, null, null, null,
				"submission attempt " + orphaned.attempt() + " created task " + orphaned.taskId()
						+ " after the job had moved on: no job owns it",
				Timestamp.from(orphaned.at()));
	}

	@EventListener
	void on(TimedOutTaskSettled settled) {
		insert(settled.jobId(), Kind.TIMED_OUT_CHARGE, null, null, null, null,
				settled.detail() + (settled.consumed() == null ? "" : "; consumed " + settled.consumed().toPlainString()),
				Timestamp.from(settled.at()));
	}

	/** A submission result that arrived after its job had moved on, and so changed nothing. */
	void recordLateSubmitResult(UUID jobId, String detail, Instant at) {
		insert(jobId, Kind.LATE_SUBMIT_RESULT, null, null, null, null, detail, Timestamp.from(at));
	}

	/** An upstream call made for a job: {@code httpStatus} is null when no response came. */
	public void recordUpstreamCall(UUID jobId, Kind kind, @Nullable Integer httpStatus, Duration elapsed,
			@Nullable String detail) {
		insert(jobId, kind, null, null, httpStatus, elapsed.toMillis(), detail, Timestamp.from(clock.instant()));
	}

	public void recordCallback(UUID jobId, @Nullable String body) {
		insert(jobId, Kind.CALLBACK, null, null, null, null, body, Timestamp.from(clock.instant()));
	}

	/**
	 * Deletes up to {@code batch} history rows older than {@code before} of jobs that finished before it; the job
	 * rows themselves stay. Returns how many went.
	 */
	public int purge(Instant before, int batch) {
		return jdbc.sql("""
				DELETE FROM job_event WHERE id IN (
				    SELECT e.id FROM job_event e JOIN job j ON j.id = e.job_id
				     WHERE e.at < :before AND j.completed_at < :before
				     LIMIT :batch)""")
			.param("before", Timestamp.from(before))
			.param("batch", batch)
			.update();
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
