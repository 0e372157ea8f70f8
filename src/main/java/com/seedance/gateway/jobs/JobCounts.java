package com.seedance.gateway.jobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many of a team's jobs hold an in-flight slot upstream, and how many wait for one. */
@Component
public class JobCounts {

	private static final String IN_FLIGHT = JobStatus.inFlightSqlList();

	private final JdbcClient jdbc;

	JobCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Waiting(long inFlight, long queued) {
	}

	/** Two index-only counts: {@code job_in_flight_idx} and {@code job_queued_idx}. */
	public Waiting of(String teamId) {
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE status IN %1$s) AS in_flight,
				       count(*) FILTER (WHERE status = 'QUEUED') AS queued
				  FROM job WHERE team_id = :teamId AND (status = 'QUEUED' OR status IN %1$s)
				""".formatted(IN_FLIGHT))
			.param("teamId", teamId)
			.query((rs, row) -> new Waiting(rs.getLong("in_flight"), rs.getLong("queued")))
			.single();
	}

}
