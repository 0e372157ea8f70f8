package com.seedance.gateway.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs as a team's clients see them, read by one SQL statement each straight into {@link JobResponse}: no entity,
 * no persistence context, no transaction (one statement is consistent in itself). The team is in every WHERE
 * clause, so another team's job is simply not there. Lists are newest first, by keyset on
 * {@code (created_at DESC, id DESC)} over {@code job_team_created_idx}, like {@link JobHistory}.
 */
@Component
public class JobViews {

	private static final String COLUMNS = """
			id, status, model, duration, ratio, content, metadata, notify_url, video_url, consumed, error_code,
			error_message, created_at, submitted_at, completed_at, updated_at, version""";

	private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JobViews(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A job as clients see it, with the {@code version} of its row (which grows with every write of it). */
	public record Versioned(JobResponse job, long version) {
	}

	/** The team's job {@code id}: empty when there is none, or it is another team's. */
	public Optional<Versioned> find(String teamId, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM job WHERE id = :id AND team_id = :team")
			.param("id", id)
			.param("team", teamId)
			.query((rs, row) -> new Versioned(response(rs), rs.getLong("version")))
			.optional();
	}

	/** One page of the team's jobs in {@code statuses} (empty: any), after {@code after}, newest first. */
	public JobHistory.Page<JobResponse> list(String teamId, Set<JobStatus> statuses, @Nullable JobCursor after,
			int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM job WHERE team_id = :team");
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("team", teamId);
		parameters.put("limit", limit + 1);
		if (!statuses.isEmpty()) {
			sql.append(" AND status IN (:statuses)");
			parameters.put("statuses", statuses.stream().map(JobStatus::name).sorted().toList());
		}
		if (after != null) {
			// the first term bounds the index range; the second skips the cursor's own timestamp up to its id
			sql.append(" AND created_at <= :afterAt AND (created_at < :afterAt OR id < :afterId)");
			parameters.put("afterAt", after.createdAt().atOffset(ZoneOffset.UTC));
			parameters.put("afterId", after.id());
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		List<JobResponse> found = jdbc.sql(sql.toString()).params(parameters).query((rs, row) -> response(rs)).list();
		if (found.size() <= limit) {
			return new JobHistory.Page<>(found, null);
		}
		List<JobResponse> page = List.copyOf(found.subList(0, limit));
		JobResponse last = page.get(limit - 1);
		return new JobHistory.Page<>(page, new JobCursor(last.createdAt(), last.id()));
	}

	private JobResponse response(ResultSet rs) throws SQLException {
		String errorCode = rs.getString("error_code");
		return new JobResponse(rs.getObject("id", UUID.class),
				JobStatus.valueOf(rs.getString("status")).toClient().wireName(), rs.getString("model"),
				rs.getInt("duration"), rs.getString("ratio"), rs.getString("content"), metadata(rs.getString("metadata")),
				rs.getString("notify_url"), rs.getString("video_url"), JobResponse.credits(rs.getBigDecimal("consumed")),
				errorCode == null ? null : new JobResponse.ErrorBody(errorCode, rs.getString("error_message")),
				instant(rs, "created_at"), optionalInstant(rs, "submitted_at"), optionalInstant(rs, "completed_at"),
				instant(rs, "updated_at"));
	}

	private Map<String, String> metadata(String text) {
		return "{}".equals(text) ? Map.of() : json.readValue(text, METADATA);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
