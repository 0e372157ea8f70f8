package com.seedance.gateway.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_key} table: which job a team's key created, and from which request. Used only inside the
 * transaction that creates the job, so a request that is refused (and rolled back) leaves no key behind.
 */
@Component
public class IdempotencyKeys {

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * Claims the team's key for the job about to be created, as a common table expression {@code claim} of the
	 * statement that inserts the job ({@link NewJobs}): it returns a row when the key is now this job's, none when a
	 * live use holds it. The unique key decides: a concurrent claim of the same key waits here until the other
	 * transaction ends, then claims the key (the other rolled back) or finds its use (it committed). A use older than
	 * the retention counts as absent and is replaced in the same statement. Parameters: {@link #claimParameters}.
	 */
	static final String CLAIM = """
			claim AS (
			    INSERT INTO idempotency_key (team_id, key, request_hash, job_id, created_at)
			    VALUES (:team, :key, :hash, :id, :at)
			    ON CONFLICT (team_id, key) DO UPDATE
			       SET request_hash = EXCLUDED.request_hash, job_id = EXCLUDED.job_id, created_at = EXCLUDED.created_at
			     WHERE idempotency_key.created_at < :expired
			    RETURNING job_id
			)""";

	private final JdbcClient jdbc;

	private final JobsProperties properties;

	IdempotencyKeys(JdbcClient jdbc, JobsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The job a key created, and the hash of the request that created it. */
	record Use(UUID jobId, String requestHash) {
	}

	/** The parameters of {@link #CLAIM} besides {@code :team}, {@code :id} and {@code :at}, which the job shares. */
	Map<String, Object> claimParameters(IdempotencyKey key, Instant now) {
		return Map.of("key", key.value(), "hash", HEX.parseHex(key.requestHash()), "expired",
				now.minus(properties.jobs().idempotencyRetention()).atOffset(ZoneOffset.UTC));
	}

	/**
	 * The use that holds the team's {@code key}, after a {@link #CLAIM} in this transaction found one: that statement
	 * left the live row in place (and locked it), and this later statement sees it even if it was committed meanwhile.
	 */
	Use holder(String teamId, IdempotencyKey key) {
		return jdbc.sql("SELECT job_id, request_hash FROM idempotency_key WHERE team_id = :team AND key = :key")
			.param("team", teamId)
			.param("key", key.value())
			.query((rs, row) -> new Use(rs.getObject("job_id", UUID.class), HEX.formatHex(rs.getBytes("request_hash"))))
			.single();
	}

	/** Deletes up to {@code batch} keys used before {@code before}; returns how many went. */
	public int purge(Instant before, int batch) {
		return jdbc.sql("""
				DELETE FROM idempotency_key WHERE ctid IN (
				    SELECT ctid FROM idempotency_key WHERE created_at < :before LIMIT :batch)""")
			.param("before", Timestamp.from(before))
			.param("batch", batch)
			.update();
	}

}
