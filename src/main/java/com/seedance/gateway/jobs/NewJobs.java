package com.seedance.gateway.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a job just accepted, in one statement (one round trip): the {@code job} row, the first row of its history
 * in {@code job_event} (its {@link JobStatusChanged#isCreation() creation}) and, when the request carried one, the
 * claim of its {@code Idempotency-Key} ({@link IdempotencyKeys#CLAIM}), which comes first: the job and its history
 * are inserted only if the key was claimed. The job's other columns start at their defaults.
 */
@Component
class NewJobs {

	private static final String JOB_AND_HISTORY = """
			job AS (
			    INSERT INTO job (id, team_id, status, model, duration, ratio, content, metadata, notify_url, created_at,
			                     updated_at, next_attempt_at)
			    SELECT :id, :team, :status, :model, :duration, :ratio, CAST(:content AS json), CAST(:metadata AS jsonb),
			           :notifyUrl, :at, :at, :at
			    %s
			    RETURNING id
			)
			INSERT INTO job_event (job_id, at, kind, from_status, to_status, detail)
			SELECT id, :at, 'STATUS_CHANGED', NULL, :status, :detail FROM job""";

	private static final String INSERT = "WITH " + JOB_AND_HISTORY.formatted("");

	private static final String CLAIM_AND_INSERT = "WITH " + IdempotencyKeys.CLAIM + ",\n"
			+ JOB_AND_HISTORY.formatted("FROM claim");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final IdempotencyKeys idempotencyKeys;

	NewJobs(JdbcClient jdbc, JsonMapper json, IdempotencyKeys idempotencyKeys) {
		this.jdbc = jdbc;
		this.json = json;
		this.idempotencyKeys = idempotencyKeys;
	}

	/**
	 * Inserts the new {@code job} and the history row of its {@code accepted} event, after claiming {@code key} if
	 * there is one. {@code false}: the key is held by an earlier use ({@link IdempotencyKeys#holder}), nothing was
	 * inserted.
	 */
	boolean insert(Job job, JobStatusChanged accepted, @Nullable IdempotencyKey key, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("id", job.id());
		parameters.put("team", job.teamId());
		parameters.put("status", job.status().name());
		parameters.put("model", job.model());
		parameters.put("duration", job.duration());
		parameters.put("ratio", job.ratio());
		parameters.put("content", job.contentJson());
		parameters.put("metadata", json.writeValueAsString(job.metadata()));
		parameters.put("notifyUrl", job.notifyUrl());
		parameters.put("at", accepted.at().atOffset(ZoneOffset.UTC));
		parameters.put("detail", accepted.detail());
		if (key != null) {
			parameters.putAll(idempotencyKeys.claimParameters(key, now));
		}
		return jdbc.sql(key == null ? INSERT : CLAIM_AND_INSERT).params(parameters).update() == 1;
	}

}
