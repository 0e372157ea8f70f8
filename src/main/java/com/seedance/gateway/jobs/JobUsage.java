package com.seedance.gateway.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seedance.gateway.teams.TeamUsage;

/** Counts a team's jobs for quotas and {@code /usage}; each count uses an index on (team_id, ...). */
@Component
class JobUsage implements TeamUsage {

	private static final String IN_FLIGHT = JobStatus.inFlightSqlList();

	private final JdbcClient jdbc;

	private final Clock clock;

	JobUsage(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public UsageCounts of(String teamId) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		Instant dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE created_at >= :dayStart) AS jobs_today,
				       count(*) FILTER (WHERE status IN %1$s) AS in_flight,
				       count(*) FILTER (WHERE status = 'QUEUED') AS queued,
				       coalesce(sum(consumed) FILTER (WHERE completed_at >= :monthStart), 0) AS credits
				  FROM job
				 WHERE team_id = :teamId
				   AND (created_at >= :monthStart OR completed_at >= :monthStart OR status = 'QUEUED' OR status IN %1$s)
				""".formatted(IN_FLIGHT))
			.param("teamId", teamId)
			.param("dayStart", java.sql.Timestamp.from(dayStart))
			.param("monthStart", java.sql.Timestamp.from(monthStart))
			.query((rs, row) -> new UsageCounts(rs.getLong("jobs_today"), rs.getLong("in_flight"), rs.getLong("queued"),
					rs.getBigDecimal("credits").setScale(6)))
			.single();
	}

}
