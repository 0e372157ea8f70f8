package com.seedance.gateway.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.seedance.gateway.jobs.ClientStatus;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.notify.Deliveries;
import com.seedance.gateway.notify.Deliveries.Delivery;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's whole story for {@code /console/jobs/{id}}, read in plain SQL: the job as stored, its request's content
 * items, one timeline of its history rows ({@code job_event}: status changes, upstream calls with HTTP status and
 * duration, callbacks) and its notification's tries, and its ledger rows.
 */
@Component
class JobStory {

	record Story(JobFacts job, List<ContentItem> content, List<TimelineEntry> timeline, List<LedgerRow> ledger,
			List<Delivery> deliveries) {
	}

	record JobFacts(UUID id, String team, JobStatus internalStatus, String model, int duration, String ratio,
			String metadata, @Nullable String notifyUrl, @Nullable String upstreamTaskId,
			@Nullable String candidateTaskId, @Nullable String upstreamStatus, @Nullable String errorCode,
			@Nullable String errorMessage, @Nullable String videoUrl, @Nullable BigDecimal consumed,
			int submitAttempts, Instant createdAt, @Nullable Instant submittedAt, @Nullable Instant completedAt,
			Instant updatedAt) {

		public ClientStatus status() {
			return internalStatus.toClient();
		}

		public boolean terminal() {
			return internalStatus.isTerminal();
		}

		/** Only a job still waiting in the gateway can be cancelled; one being submitted cannot. */
		public boolean cancellable() {
			return internalStatus == JobStatus.QUEUED;
		}

		/** The reason shown beside the status: the error, or what an internal status means. */
		public @Nullable String reason() {
			if (errorCode != null) {
				return errorCode + (errorMessage == null ? "" : ": " + errorMessage);
			}
			return switch (internalStatus) {
				case SUBMITTING -> "being submitted upstream";
				case OUTCOME_UNKNOWN -> "submission outcome unknown: waiting for a callback or the grace period";
				default -> upstreamStatus == null ? null : "upstream says " + upstreamStatus;
			};
		}

	}

	/** A content item as sent: a text, an image link, or anything else as its JSON. */
	record ContentItem(String type, @Nullable String text, @Nullable String url, String json) {
	}

	record TimelineEntry(Instant at, String kind, String what, @Nullable Integer httpStatus, @Nullable Long durationMs,
			@Nullable String detail) {
	}

	record LedgerRow(Instant at, LocalDate day, String kind, int seq, BigDecimal reserved, BigDecimal used,
			@Nullable String detail) {
	}

	private final JdbcClient jdbc;

	private final Deliveries deliveries;

	private final JsonMapper json;

	JobStory(JdbcClient jdbc, Deliveries deliveries, JsonMapper json) {
		this.jdbc = jdbc;
		this.deliveries = deliveries;
		this.json = json;
	}

	@Transactional(readOnly = true)
	Optional<Story> of(UUID jobId) {
		Optional<JobWithContent> found = jdbc.sql("""
				SELECT id, team_id, status, model, duration, ratio, content::text AS content, metadata::text AS metadata,
				       notify_url, upstream_task_id, candidate_task_id, upstream_status, error_code, error_message,
				       video_url, consumed, submit_attempts, created_at, submitted_at, completed_at, updated_at
				  FROM job WHERE id = :id""")
			.param("id", jobId)
			.query((rs, row) -> new JobWithContent(new JobFacts(rs.getObject("id", UUID.class), rs.getString("team_id"),
					JobStatus.valueOf(rs.getString("status")), rs.getString("model"), rs.getInt("duration"),
					rs.getString("ratio"), rs.getString("metadata"), rs.getString("notify_url"),
					rs.getString("upstream_task_id"), rs.getString("candidate_task_id"), rs.getString("upstream_status"),
					rs.getString("error_code"), rs.getString("error_message"), rs.getString("video_url"),
					rs.getBigDecimal("consumed"), rs.getInt("submit_attempts"),
					JobHistoryQueries.instant(rs, "created_at"), JobHistoryQueries.nullableInstant(rs, "submitted_at"),
					JobHistoryQueries.nullableInstant(rs, "completed_at"), JobHistoryQueries.instant(rs, "updated_at")),
					rs.getString("content")))
			.optional();
		return found.map(job -> {
			List<Delivery> notifications = deliveries.ofJob(jobId);
			return new Story(job.facts(), content(job.content()), timeline(jobId, notifications), ledger(jobId),
					notifications);
		});
	}

	private record JobWithContent(JobFacts facts, String content) {
	}

	private List<ContentItem> content(String content) {
		List<ContentItem> items = new ArrayList<>();
		for (JsonNode item : json.readTree(content)) {
			String type = item.path("type").asString("");
			String text = item.path("text").isString() ? item.path("text").asString() : null;
			String url = item.path("image_url").path("url").isString() ? item.path("image_url").path("url").asString() : null;
			items.add(new ContentItem(type, text, url, item.toString()));
		}
		return items;
	}

	private List<TimelineEntry> timeline(UUID jobId, List<Delivery> notifications) {
		List<TimelineEntry> entries = new ArrayList<>(jdbc.sql("""
				SELECT at, kind, from_status, to_status, http_status, duration_ms, detail FROM job_event
				 WHERE job_id = :id ORDER BY id""")
			.param("id", jobId)
			.query((rs, row) -> {
				String kind = rs.getString("kind");
				String from = rs.getString("from_status");
				String to = rs.getString("to_status");
				String what = to == null ? words(kind)
						: (from == null ? "accepted as " : words(from) + " → ") + words(to);
				return new TimelineEntry(JobHistoryQueries.instant(rs, "at"), kind, what,
						(Integer) rs.getObject("http_status"), (Long) longOrNull(rs.getObject("duration_ms")),
						rs.getString("detail"));
			})
			.list());
		for (Delivery delivery : notifications) {
			entries.add(new TimelineEntry(delivery.createdAt(), "NOTIFICATION", "notification " + delivery.eventType()
					+ " to send to " + delivery.url(), null, null, null));
			delivery.tries()
				.forEach(attempt -> entries.add(new TimelineEntry(attempt.at(), "NOTIFICATION_TRY", "notification try",
						attempt.httpStatus(), attempt.durationMs(), attempt.error())));
		}
		entries.sort(Comparator.comparing(TimelineEntry::at));
		return entries;
	}

	private List<LedgerRow> ledger(UUID jobId) {
		return jdbc.sql("""
				SELECT at, day, kind, seq, reserved, used, detail FROM credit_ledger WHERE job_id = :id ORDER BY id""")
			.param("id", jobId)
			.query((rs, row) -> new LedgerRow(JobHistoryQueries.instant(rs, "at"), rs.getObject("day", LocalDate.class),
					rs.getString("kind"), rs.getInt("seq"), rs.getBigDecimal("reserved"), rs.getBigDecimal("used"),
					rs.getString("detail")))
			.list();
	}

	private static @Nullable Long longOrNull(@Nullable Object value) {
		return value == null ? null : ((Number) value).longValue();
	}

	private static String words(String constant) {
		return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
