package com.seedance.gateway.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobCounts;
import com.seedance.gateway.teams.TeamUsage;

/**
 * A team's usage as {@code GET /usage} and the admin team view show it: jobs today and credits this month from
 * the counters the ledger keeps (not summed from jobs), jobs in flight and queued from the jobs themselves.
 */
@Component
class CreditUsage implements TeamUsage {

	private final JdbcClient jdbc;

	private final JobCounts jobs;

	private final Clock clock;

	CreditUsage(JdbcClient jdbc, JobCounts jobs, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Override
	public Usage of(String teamId) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		record Counters(long jobsToday, BigDecimal used, BigDecimal reserved) {
		}
		Counters counters = jdbc.sql("""
				SELECT (SELECT coalesce(sum(jobs), 0) FROM team_usage_day WHERE team_id = :team AND day = :today) AS jobs,
				       coalesce(sum(used), 0) AS used, coalesce(sum(reserved), 0) AS reserved
				  FROM team_usage_month WHERE team_id = :team AND month = :month""")
			.param("team", teamId)
			.param("today", today)
			.param("month", today.withDayOfMonth(1))
			.query((rs, row) -> new Counters(rs.getLong("jobs"), credits(rs.getBigDecimal("used")),
					credits(rs.getBigDecimal("reserved"))))
			.single();
		JobCounts.Waiting waiting = jobs.of(teamId);
		return new Usage(new UsageCounts(counters.jobsToday(), waiting.inFlight(), waiting.queued(), counters.used()),
				new ReservedCredits(counters.reserved()));
	}

	private static BigDecimal credits(BigDecimal amount) {
		return amount.setScale(CreditsProperties.SCALE);
	}

}
