package com.seedance.gateway.credits;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code credit_ledger} and of the monthly credit counters in {@code team_usage_month}: each
 * ledger row and the counter change it implies are one SQL statement, so the counters always equal the ledger's
 * sums. A job's rows count on the UTC day (and month) it was created. Unique indexes let each reservation,
 * orphan and settlement exist once, whatever repeats or races happen.
 */
@Component
class CreditLedger {

	enum Kind {
		RESERVE, SETTLE, RELEASE, ORPHAN
	}

	/** Serialises admissions against the gateway-wide cap across instances, only while one is configured. */
	private static final String GLOBAL_CAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('seedance-gateway.global-credits'))";

	private final JdbcClient jdbc;

	CreditLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reserves {@code amount} for a new job, in one conditional statement: only if the team's month stays within
	 * {@code teamLimit} and, when {@code globalCap} is set, all teams' month within it. {@code false}: refused,
	 * nothing written.
	 */
	boolean reserveNew(UUID jobId, String teamId, LocalDate day, BigDecimal amount, @Nullable BigDecimal teamLimit,
			@Nullable BigDecimal globalCap, Instant at) {
		if (globalCap != null) {
			jdbc.sql(GLOBAL_CAP_LOCK).query().singleRow();
		}
		boolean admitted = jdbc.sql("""
				INSERT INTO team_usage_month AS u (team_id, month, used, reserved)
				SELECT :team, :month, 0, :amount
				 WHERE (CAST(:limit AS numeric) IS NULL OR :amount <= :limit)
				   AND (CAST(:cap AS numeric) IS NULL
				        OR (SELECT coalesce(sum(used + reserved), 0) FROM team_usage_month WHERE month = :month) + :amount <= :cap)
				ON CONFLICT (team_id, month) DO UPDATE SET reserved = u.reserved + EXCLUDED.reserved
				 WHERE CAST(:limit AS numeric) IS NULL OR u.used + u.reserved + EXCLUDED.reserved <= :limit
				RETURNING 1""")
			.param("team", teamId)
			.param("month", day.withDayOfMonth(1))
			.param("amount", amount)
			.param("limit", numeric(teamLimit))
			.param("cap", numeric(globalCap))
			.query()
			.listOfRows()
			.size() == 1;
		if (admitted) {
			jdbc.sql("""
					INSERT INTO credit_ledger (job_id, team_id, day, kind, seq, reserved, at, detail)
					VALUES (:job, :team, :day, 'RESERVE', 1, :amount, :at, 'estimate at creation')""")
				.param("job", jobId)
				.param("team", teamId)
				.param("day", day)
				.param("amount", amount)
				.param("at", Timestamp.from(at))
				.update();
		}
		return admitted;
	}

	/** The team's credits this month, used and reserved, and all teams' together: to tell which limit refused. */
	MonthUsage month(String teamId, LocalDate day) {
		return jdbc.sql("""
				SELECT coalesce(sum(used + reserved) FILTER (WHERE team_id = :team), 0) AS team,
				       coalesce(sum(used + reserved), 0) AS everyone
				  FROM team_usage_month WHERE month = :month""")
			.param("team", teamId)
			.param("month", day.withDayOfMonth(1))
			.query((rs, row) -> new MonthUsage(rs.getBigDecimal("team"), rs.getBigDecimal("everyone")))
			.single();
	}

	record MonthUsage(BigDecimal team, BigDecimal everyone) {
	}

	/**
	 * Reserves the job's estimate once more (kind {@code RESERVE}, the next {@code seq}) or for an orphaned task
	 * (kind {@code ORPHAN}, {@code seq} = its attempt): the upstream may charge for one more task. Not subject
	 * to limits: the job was accepted already.
	 */
	void reserveAgain(UUID jobId, Kind kind, @Nullable Integer seq, Instant at, String detail) {
		jdbc.sql("""
				WITH first AS (
				    SELECT team_id, day, reserved,
				           (SELECT max(seq) FROM credit_ledger WHERE job_id = :job AND kind = 'RESERVE') AS last_seq
				      FROM credit_ledger WHERE job_id = :job AND kind = 'RESERVE' AND seq = 1
				), added AS (
				    INSERT INTO credit_ledger (job_id, team_id, day, kind, seq, reserved, at, detail)
				    SELECT :job, team_id, day, :kind, coalesce(CAST(:seq AS integer), last_seq + 1), reserved, :at, :detail
				      FROM first
				    ON CONFLICT DO NOTHING
				    RETURNING team_id, day, reserved
				)
				UPDATE team_usage_month u SET reserved = u.reserved + a.reserved
				  FROM added a WHERE u.team_id = a.team_id AND u.month = date_trunc('month', a.day)::date""")
			.param("job", jobId)
			.param("kind", kind.name())
			.param("seq", new SqlParameterValue(Types.INTEGER, seq))
			.param("at", Timestamp.from(at))
			.param("detail", detail)
			.update();
	}

	/**
	 * Closes the job's open reservations once: a {@code SETTLE} with what the upstream charged, or a
	 * {@code RELEASE} when it charged nothing. A second call for the same job changes nothing.
	 */
	void settle(UUID jobId, @Nullable BigDecimal consumed, Instant at, String detail) {
		boolean charged = consumed != null && consumed.signum() > 0;
		jdbc.sql("""
				WITH open AS (
				    SELECT team_id, min(day) AS day, sum(reserved) AS reserved
				      FROM credit_ledger WHERE job_id = :job AND kind = 'RESERVE' GROUP BY team_id
				), closed AS (
				    INSERT INTO credit_ledger (job_id, team_id, day, kind, seq, reserved, used, at, detail)
				    SELECT :job, team_id, day, :kind, 0, -reserved, :used, :at, :detail FROM open
				    ON CONFLICT (job_id) WHERE kind IN ('SETTLE', 'RELEASE') DO NOTHING
				    RETURNING team_id, day, reserved, used
				)
				UPDATE team_usage_month u SET reserved = u.reserved + c.reserved, used = u.used + c.used
				  FROM closed c WHERE u.team_id = c.team_id AND u.month = date_trunc('month', c.day)::date""")
			.param("job", jobId)
			.param("kind", (charged ? Kind.SETTLE : Kind.RELEASE).name())
			.param("used", charged ? consumed : BigDecimal.ZERO)
			.param("at", Timestamp.from(at))
			.param("detail", detail)
			.update();
	}

	private static SqlParameterValue numeric(@Nullable BigDecimal value) {
		return new SqlParameterValue(Types.NUMERIC, value);
	}

}
