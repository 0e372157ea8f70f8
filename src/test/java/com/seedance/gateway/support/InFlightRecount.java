package com.seedance.gateway.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The teams whose in-flight count ({@code team_in_flight}) differs from their jobs, counted again, each as
 * {@code team: counted N, jobs M}. One statement, so one snapshot: the counts and the jobs as one committed state,
 * however many transactions are moving jobs meanwhile.
 */
public final class InFlightRecount {

	private InFlightRecount() {
	}

	public static List<String> differences(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT t.id || ': counted ' || coalesce(f.in_flight, 0) || ', jobs ' || count(j.id)
				  FROM team t
				  LEFT JOIN team_in_flight f ON f.team_id = t.id
				  LEFT JOIN job j ON j.team_id = t.id AND j.status IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')
				 GROUP BY t.id, f.in_flight
				HAVING coalesce(f.in_flight, 0) <> count(j.id)""")
			.query(String.class)
			.list();
	}

}
