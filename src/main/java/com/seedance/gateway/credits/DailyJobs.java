package com.seedance.gateway.credits;

import java.sql.Types;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one writer of {@code team_usage_day}: jobs accepted per team per UTC day. */
@Component
class DailyJobs {

	private final JdbcClient jdbc;

	DailyJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one more job for the team's day, in one conditional statement: only while the count stays within
	 * {@code limit}. {@code false}: refused, nothing counted.
	 */
	boolean admit(String teamId, LocalDate day, @Nullable Integer limit) {
		return jdbc.sql("""
				INSERT INTO team_usage_day AS u (team_id, day, jobs)
				SELECT :team, :day, 1 WHERE CAST(:limit AS integer) IS NULL OR :limit >= 1
				ON CONFLICT (team_id, day) DO UPDATE SET jobs = u.jobs + 1
				 WHERE CAST(:limit AS integer) IS NULL OR u.jobs < :limit
				RETURNING 1""")
			.param("team", teamId)
			.param("day", day)
			.param("limit", new SqlParameterValue(Types.INTEGER, limit))
			.query()
			.listOfRows()
			.size() == 1;
	}

}
