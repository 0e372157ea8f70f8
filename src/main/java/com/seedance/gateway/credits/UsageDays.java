package com.seedance.gateway.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Jobs and credits per team per UTC day, as the {@code team_daily_usage} view shows them, for a range of days. */
@Component
public class UsageDays {

	public record UsageDay(String team, LocalDate day, long jobs, BigDecimal creditsUsed, BigDecimal creditsReserved) {
	}

	private final JdbcClient jdbc;

	UsageDays(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Days from {@code from} to {@code to}, both inclusive, oldest first; every team, or only {@code team}. */
	public List<UsageDay> between(LocalDate from, LocalDate to, @Nullable String team) {
		// the view's filters written into both sides, so each side uses its (team_id, day) index
		return jdbc.sql("""
				SELECT coalesce(d.team_id, l.team_id) AS team_id, coalesce(d.day, l.day) AS day,
				       coalesce(d.jobs, 0) AS jobs, coalesce(l.used, 0) AS used, coalesce(l.reserved, 0) AS reserved
				  FROM (SELECT team_id, day, sum(jobs) AS jobs FROM team_usage_day
				         WHERE day BETWEEN :from AND :to AND (CAST(:team AS text) IS NULL OR team_id = :team)
				         GROUP BY team_id, day) d
				  FULL JOIN (SELECT team_id, day, sum(used) AS used, sum(reserved) AS reserved FROM credit_ledger
				              WHERE day BETWEEN :from AND :to AND (CAST(:team AS text) IS NULL OR team_id = :team)
				              GROUP BY team_id, day) l
				    ON l.team_id = d.team_id AND l.day = d.day
				 ORDER BY 2, 1""")
			.param("from", from)
			.param("to", to)
			.param("team", team)
			.query((rs, row) -> new UsageDay(rs.getString("team_id"), rs.getObject("day", LocalDate.class),
					rs.getLong("jobs"), rs.getBigDecimal("used").setScale(CreditsProperties.SCALE),
					rs.getBigDecimal("reserved").setScale(CreditsProperties.SCALE)))
			.list();
	}

}
