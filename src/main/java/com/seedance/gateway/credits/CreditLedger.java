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

import com.seedance.gateway.teams.TeamNotFound;

/**
 * The one writer of {@code credit_ledger} and of the usage counters, jobs per day in {@code team_usage_day} and
 * credits per month in {@code team_usage_month}: each ledger row and the counter change it implies are one SQL
 * statement, so the counters always equal the ledger's sums. A job's rows count on the UTC day (and month) it was
 * created. Unique indexes let each reservation, orphan and settlement exist once, whatever repeats or races happen.
 * <p>
 * A counter is the sum of its shards (V10). The counter of a team without that limit changes in its connection's
 * shard ({@code counter_shard()}), so the team's concurrent jobs do not wait for each other's commits; a limited one
 * changes in shard 0, which an admission locks and adds the other shards to.
 */
@Component
class CreditLedger {

	enum Kind {
		RESERVE, SETTLE, RELEASE, ORPHAN
	}

	/** Serialises admissions against the gateway-wide cap across instances, only while one is configured. */
	private static final String GLOBAL_CAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('seedance-gateway.global-credits'))";

	/** The shard a change of {@code team_id}'s month goes to: 0 while the team has a monthly limit. */
	private static final String MONTH_SHARD = """
			CASE WHEN (SELECT monthly_credits FROM team WHERE id = team_id) IS NULL THEN counter_shard() ELSE 0 END""";

	private final JdbcClient jdbc;

	CreditLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Admits a new job in one statement, against the team's quota as it is at this moment: counts it for its UTC
	 * {@code day} (in {@code team_usage_day}) only while the team's {@code daily_jobs} stays within its limit, then
	 * reserves {@code amount} (in {@code team_usage_month}, with the job's {@code RESERVE} row) only if the team's month
	 * stays within {@code monthly_credits} and, when {@code globalCap} is set, all teams' month within it. Each limit
	 * is read in the statement that checks it, and each check is a conditional upsert of the team's shard 0, which
	 * PostgreSQL applies to the row's latest version under its lock: concurrent admissions never overshoot. (Every
	 * change of a limited counter goes to shard 0; the other shards hold what changed while the team had no limit.) A
	 * refusal writes nothing of its own; a job refused for credits has been counted for the day by this statement,
	 * so the caller must roll the transaction back (it throws).
	 */
	Admission admit(UUID jobId, String teamId, LocalDate day, BigDecimal amount, @Nullable BigDecimal globalCap,
			Instant at) {
		if (globalCap != null) {
			// before the statement, whose snapshot must include every admission that held the lock before it
			jdbc.sql(GLOBAL_CAP_LOCK).query().singleRow();
		}
		return jdbc.sql("""
				WITH quota AS (
				    SELECT daily_jobs, monthly_credits FROM team WHERE id = :team
				), day_shards AS (
				    SELECT coalesce(sum(jobs), 0) AS jobs
				      FROM team_usage_day WHERE team_id = :team AND day = :day AND shard <> 0
				), month_shards AS (
				    SELECT coalesce(sum(used + reserved), 0) AS credits
				      FROM team_usage_month WHERE team_id = :team AND month = :month AND shard <> 0
				), counted AS (
				    INSERT INTO team_usage_day AS u (team_id, day, shard, jobs)
				    SELECT :team, :day, CASE WHEN daily_jobs IS NULL THEN counter_shard() ELSE 0 END, 1 FROM quota
				     WHERE daily_jobs IS NULL OR (SELECT jobs FROM day_shards) + 1 <= daily_jobs
				    ON CONFLICT (team_id, day, shard) DO UPDATE SET jobs = u.jobs + 1
				     WHERE (SELECT daily_jobs FROM quota) IS NULL
				        OR u.jobs + (SELECT jobs FROM day_shards) < (SELECT daily_jobs FROM quota)
				    RETURNING 1
				), reserved AS (
				    INSERT INTO team_usage_month AS u (team_id, month, shard, used, reserved)
				    SELECT :team, :month, CASE WHEN monthly_credits IS NULL THEN counter_shard() ELSE 0 END, 0, :amount
				      FROM quota
				     WHERE EXISTS (SELECT FROM counted)
				       AND (monthly_credits IS NULL OR (SELECT credits FROM month_shards) + :amount <= monthly_credits)
				       AND (CAST(:cap AS numeric) IS NULL
				            OR (SELECT coalesce(sum(used + reserved), 0) FROM team_usage_month WHERE month = :month) + :amount <= :cap)
				    ON CONFLICT (team_id, month, shard) DO UPDATE SET reserved = u.reserved + EXCLUDED.reserved
				     WHERE (SELECT monthly_credits FROM quota) IS NULL
				        OR u.used + u.reserved + EXCLUDED.reserved + (SELECT credits FROM month_shards)
				           <= (SELECT monthly_credits FROM quota)
				    RETURNING 1
				), ledger AS (
				    INSERT INTO credit_ledger (job_id, team_id, day, kind, seq, reserved, at, detail)
				    SELECT :job, :team, :day, 'RESERVE', 1, :amount, :at, 'estimate at creation' FROM reserved
				)
				SELECT daily_jobs, monthly_credits, EXISTS (SELECT FROM counted) AS counted,
				       EXISTS (SELECT FROM reserved) AS reserved
				  FROM quota""")
			.param("job", jobId)
			.param("team", teamId)
			.param("day", day)
			.param("month", day.withDayOfMonth(1))
			.param("amount", amount)
			.param("cap", numeric(globalCap))
			.param("at", Timestamp.from(at))
			.query((rs, row) -> new Admission(rs.getObject("daily_jobs", Integer.class),
					rs.getBigDecimal("monthly_credits"), rs.getBoolean("counted"), rs.getBoolean("reserved")))
			.optional()
			.orElseThrow(() -> new TeamNotFound(teamId));
	}

	/**
	 * What {@link #admit} found: the team's limits as it read them (null: unlimited), whether the job was counted for
	 * its day, and whether its estimate was reserved (only tried once counted).
	 */
	record Admission(@Nullable Integer dailyJobs, @Nullable BigDecimal monthlyCredits, boolean counted,
			boolean reserved) {
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
				INSERT INTO team_usage_month AS u (team_id, month, shard, used, reserved)
				SELECT team_id, date_trunc('month', day)::date, %s, 0, reserved FROM added
				    ON CONFLICT (team_id, month, shard) DO UPDATE SET reserved = u.reserved + EXCLUDED.reserved"""
			.formatted(MONTH_SHARD))
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
				INSERT INTO team_usage_month AS u (team_id, month, shard, used, reserved)
				SELECT team_id, date_trunc('month', day)::date, %s, used, reserved FROM closed
				    ON CONFLICT (team_id, month, shard)
				    DO UPDATE SET reserved = u.reserved + EXCLUDED.reserved, used = u.used + EXCLUDED.used"""
			.formatted(MONTH_SHARD))
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
