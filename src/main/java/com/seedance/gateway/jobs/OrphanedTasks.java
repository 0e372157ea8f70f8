package com.seedance.gateway.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code orphaned_task} table: upstream tasks no job owns, for operators to list and reconcile. */
@Component
public class OrphanedTasks {

	public record OrphanedTask(String upstreamTaskId, UUID jobId, String teamId, int attempt, Instant foundAt) {
	}

	private final JdbcClient jdbc;

	OrphanedTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(UpstreamTaskOrphaned orphaned) {
		jdbc.sql("""
				INSERT INTO orphaned_task (upstream_task_id, job_id, team_id, attempt, found_at)
				VALUES (:taskId, :jobId, :teamId, :attempt, :at)
				ON CONFLICT (upstream_task_id) DO NOTHING""")
			.param("taskId", orphaned.taskId())
			.param("jobId", orphaned.jobId())
			.param("teamId", orphaned.teamId())
			.param("attempt", orphaned.attempt())
			.param("at", Timestamp.from(orphaned.at()))
			.update();
	}

	/** Newest first, at most {@code limit}. */
	public List<OrphanedTask> newest(int limit) {
		return jdbc.sql("""
				SELECT upstream_task_id, job_id, team_id, attempt, found_at
				  FROM orphaned_task ORDER BY found_at DESC, upstream_task_id LIMIT :limit""")
			.param("limit", limit)
			.query((rs, row) -> new OrphanedTask(rs.getString("upstream_task_id"), rs.getObject("job_id", UUID.class),
					rs.getString("team_id"), rs.getInt("attempt"),
					rs.getObject("found_at", OffsetDateTime.class).toInstant()))
			.list();
	}

}
