package com.seedance.gateway.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.seedance.gateway.shared.TimeOrderedIds;

/**
 * The outbox: {@code webhook_delivery} (one row per notification) and {@code webhook_attempt} (one row per try).
 * The only writer of both. Workers claim due rows with one statement ({@code FOR NO KEY UPDATE SKIP LOCKED}, so
 * attempt rows that reference a claimed row never wait on it); the result of a try is applied only while the row
 * is still on the claim that made it ({@code version}).
 */
@Component
public class Deliveries {

	/** A notification as operators and its team read it, with every try, oldest first. */
	public record Delivery(UUID id, UUID jobId, String teamId, String eventType, String webhookId, String url,
			DeliveryStatus status, int attempts, @Nullable Instant nextAttemptAt, @Nullable String lastError,
			Instant createdAt, @Nullable Instant deliveredAt, List<Attempt> tries) {
	}

	/** One try: when, the receiver's HTTP status (null when none came back), how long, what went wrong. */
	public record Attempt(Instant at, @Nullable Integer httpStatus, long durationMs, @Nullable String error) {
	}

	/** Which notifications to list; null filters match everything. */
	public record Filter(@Nullable DeliveryStatus status, @Nullable String teamId, @Nullable UUID jobId) {
	}

	/** A row a worker claimed: what it needs to sign and send it, and the claim's {@code version}. */
	record Claim(UUID id, UUID jobId, String teamId, String webhookId, String url, String payload, int attempts, long version) {
	}

	private static final String COLUMNS = """
			id, job_id, team_id, event_type, webhook_id, url, status, attempts, next_attempt_at, last_error,
			created_at, delivered_at""";

	private final JdbcClient jdbc;

	private final Counter deliveredTries;

	private final Counter failedTries;

	private final Counter failedMessages;

	Deliveries(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		// registered at zero, so a rate over the first failure after a restart sees it
		this.deliveredTries = tries(meters, "delivered");
		this.failedTries = tries(meters, "failed");
		this.failedMessages = Counter.builder("gateway.deliveries.failed")
			.description("Notifications that ended failed: retries spent, or the host no longer allowed")
			.register(meters);
	}

	/** The notification of a job's end, due at once; a second one for the same job is not added. */
	void add(UUID jobId, String teamId, String eventType, String payload, String url, Instant now) {
		UUID id = TimeOrderedIds.next();
		jdbc.sql("""
				INSERT INTO webhook_delivery (id, job_id, team_id, event_type, payload, webhook_id, url, status,
				                              attempts, next_attempt_at, created_at)
				VALUES (:id, :job, :team, :type, :payload, :webhookId, :url, 'PENDING', 0, :now, :now)
				ON CONFLICT (job_id) DO NOTHING""")
			.param("id", id)
			.param("job", jobId)
			.param("team", teamId)
			.param("type", eventType)
			.param("payload", payload)
			.param("webhookId", "msg_" + id.toString().replace("-", ""))
			.param("url", url)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Claims up to {@code batch} due pending rows in one statement: each is held until {@code leaseUntil}, which
	 * is also when it becomes due again should its worker die.
	 */
	@Transactional
	List<Claim> claim(int batch, Instant now, Instant leaseUntil) {
		return jdbc.sql("""
				UPDATE webhook_delivery
				   SET lease_until = :leaseUntil, next_attempt_at = :leaseUntil, version = version + 1
				 WHERE id IN (SELECT id FROM webhook_delivery
				               WHERE status = 'PENDING' AND next_attempt_at <= :now
				               ORDER BY next_attempt_at LIMIT :batch
				               FOR NO KEY UPDATE SKIP LOCKED)
				RETURNING id, job_id, team_id, webhook_id, url, payload, attempts, version""")
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("batch", batch)
			.query((rs, row) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
					rs.getString("team_id"),
					rs.getString("webhook_id"), rs.getString("url"), rs.getString("payload"), rs.getInt("attempts"),
					rs.getLong("version")))
			.list();
	}

	private static Counter tries(MeterRegistry meters, String outcome) {
		return Counter.builder("gateway.deliveries.attempts")
			.description("Tries of notifications, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	/** A try the receiver answered with a 2xx. */
	@Transactional
	void delivered(Claim claim, Attempt attempt) {
		record(claim, attempt);
		deliveredTries.increment();
		jdbc.sql("""
				UPDATE webhook_delivery
				   SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at, next_attempt_at = NULL,
				       lease_until = NULL, last_error = NULL, version = version + 1
				 WHERE id = :id AND version = :version AND status = 'PENDING'""")
			.param("id", claim.id())
			.param("version", claim.version())
			.param("at", Timestamp.from(attempt.at()))
			.update();
	}

	/** A failed try: tried again at {@code retryAt}, or, when null, given up on. */
	@Transactional
	void failedTry(Claim claim, Attempt attempt, @Nullable Instant retryAt) {
		record(claim, attempt);
		failedTries.increment();
		int ended = jdbc.sql("""
				UPDATE webhook_delivery
				   SET status = :status, attempts = attempts + 1, next_attempt_at = :retryAt, lease_until = NULL,
				       last_error = :error, version = version + 1
				 WHERE id = :id AND version = :version AND status = 'PENDING'""")
			.param("id", claim.id())
			.param("version", claim.version())
			.param("status", (retryAt == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING).name())
			.param("retryAt", new SqlParameterValue(Types.TIMESTAMP, retryAt == null ? null : Timestamp.from(retryAt)))
			.param("error", new SqlParameterValue(Types.VARCHAR, attempt.error()))
			.update();
		if (retryAt == null && ended == 1) {
			failedMessages.increment();
		}
	}

	/** Not tried, and never will be: {@code reason} says why (its URL's host is no longer allowed). */
	@Transactional
	void refuse(Claim claim, String reason) {
		int refused = jdbc.sql("""
				UPDATE webhook_delivery
				   SET status = 'FAILED', next_attempt_at = NULL, lease_until = NULL, last_error = :reason,
				       version = version + 1
				 WHERE id = :id AND version = :version AND status = 'PENDING'""")
			.param("id", claim.id())
			.param("version", claim.version())
			.param("reason", reason)
			.update();
		if (refused == 1) {
			failedMessages.increment();
		}
	}

	/** Not tried yet, for {@code reason} (the team has no signing secret): looked at again at {@code until}. */
	@Transactional
	void hold(Claim claim, String reason, Instant until) {
		jdbc.sql("""
				UPDATE webhook_delivery
				   SET next_attempt_at = :until, lease_until = NULL, last_error = :reason, version = version + 1
				 WHERE id = :id AND version = :version AND status = 'PENDING'""")
			.param("id", claim.id())
			.param("version", claim.version())
			.param("until", Timestamp.from(until))
			.param("reason", reason)
			.update();
	}

	/**
	 * Claimed rows not tried (this instance is shutting down) are due again at once, for any instance, rather than
	 * when their leases run out. Fenced by the claim's version: a row written since is left alone.
	 */
	@Transactional
	void release(List<Claim> claims, Instant now) {
		if (claims.isEmpty()) {
			return;
		}
		jdbc.sql("""
				UPDATE webhook_delivery SET next_attempt_at = :now, lease_until = NULL, version = version + 1
				 WHERE (id, version) IN (:claims) AND status = 'PENDING'""")
			.param("now", Timestamp.from(now))
			.param("claims", claims.stream().map(claim -> new Object[] { claim.id(), claim.version() }).toList())
			.update();
	}

	/** The team's messages that were never tried (they waited for its signing secret) become due now. */
	void wakeUntried(String teamId, Instant now) {
		jdbc.sql("""
				UPDATE webhook_delivery SET next_attempt_at = :now
				 WHERE team_id = :team AND status = 'PENDING' AND attempts = 0 AND lease_until IS NULL
				   AND next_attempt_at > :now""")
			.param("team", teamId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Sends the notification again with the same {@code webhook-id}, whatever its status: a fresh schedule, due
	 * now. A try under way ends without changing it. Empty when there is no such notification.
	 */
	@Transactional
	public Optional<Delivery> redeliver(UUID id, Instant now) {
		int changed = jdbc.sql("""
				UPDATE webhook_delivery
				   SET status = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = NULL, last_error = NULL,
				       delivered_at = NULL, version = version + 1
				 WHERE id = :id""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
		return changed == 0 ? Optional.empty() : find(id);
	}

	@Transactional(readOnly = true)
	public Optional<Delivery> find(UUID id) {
		return list("WHERE id = :id", Map.of("id", id), 1).stream().findFirst();
	}

	/** The notifications of one job. */
	@Transactional(readOnly = true)
	public List<Delivery> ofJob(UUID jobId) {
		return list("WHERE job_id = :job", Map.of("job", jobId), 100);
	}

	/** Newest first, those older than {@code before} when given, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<Delivery> newest(Filter filter, @Nullable UUID before, int limit) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.status() != null) {
			conditions.add("status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.teamId() != null) {
			conditions.add("team_id = :team");
			params.put("team", filter.teamId());
		}
		if (filter.jobId() != null) {
			conditions.add("job_id = :job");
			params.put("job", filter.jobId());
		}
		if (before != null) {
			conditions.add("id < :before");
			params.put("before", before);
		}
		String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
		return list(where, params, limit);
	}

	private List<Delivery> list(String where, Map<String, Object> params, int limit) {
		List<Delivery> rows = jdbc.sql("SELECT " + COLUMNS + " FROM webhook_delivery " + where + " ORDER BY id DESC LIMIT :limit")
			.params(params)
			.param("limit", limit)
			.query((rs, row) -> delivery(rs, List.of()))
			.list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<UUID, List<Attempt>> tries = jdbc.sql("""
				SELECT delivery_id, at, http_status, duration_ms, error FROM webhook_attempt
				 WHERE delivery_id IN (:ids) ORDER BY id""")
			.param("ids", rows.stream().map(Delivery::id).toList())
			.query((rs, row) -> Map.entry(rs.getObject("delivery_id", UUID.class),
					new Attempt(instant(rs, "at"), (Integer) rs.getObject("http_status"), rs.getLong("duration_ms"),
							rs.getString("error"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map(d -> new Delivery(d.id(), d.jobId(), d.teamId(), d.eventType(), d.webhookId(), d.url(), d.status(),
					d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.deliveredAt(),
					tries.getOrDefault(d.id(), List.of())))
			.toList();
	}

	/**
	 * Deletes up to {@code batch} tries made before {@code before} of messages no longer pending; the delivery rows
	 * themselves stay. Returns how many went.
	 */
	public int purgeAttempts(Instant before, int batch) {
		return jdbc.sql("""
				DELETE FROM webhook_attempt WHERE id IN (
				    SELECT a.id FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
				     WHERE a.at < :before AND d.status <> 'PENDING'
				     LIMIT :batch)""")
			.param("before", Timestamp.from(before))
			.param("batch", batch)
			.update();
	}

	private void record(Claim claim, Attempt attempt) {
		jdbc.sql("""
				INSERT INTO webhook_attempt (delivery_id, at, http_status, duration_ms, error)
				VALUES (:id, :at, :status, :duration, :error)""")
			.param("id", claim.id())
			.param("at", Timestamp.from(attempt.at()))
			.param("status", new SqlParameterValue(Types.INTEGER, attempt.httpStatus()))
			.param("duration", (int) Math.min(Integer.MAX_VALUE, attempt.durationMs()))
			.param("error", new SqlParameterValue(Types.VARCHAR, attempt.error()))
			.update();
	}

	private static Delivery delivery(ResultSet rs, List<Attempt> tries) throws SQLException {
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class), rs.getString("team_id"),
				rs.getString("event_type"), rs.getString("webhook_id"), rs.getString("url"),
				DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), nullableInstant(rs, "next_attempt_at"),
				rs.getString("last_error"), instant(rs, "created_at"), nullableInstant(rs, "delivered_at"), tries);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
