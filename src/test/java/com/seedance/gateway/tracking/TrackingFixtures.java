package com.seedance.gateway.tracking;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * Teams and jobs for tracking tests, made through the real API of their modules, and what the tests read
 * back about them. A bean: a test class brings it in with {@code @Import(TrackingFixtures.class)}.
 */
class TrackingFixtures {

	static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

	private final TestTeams teams;

	private final JobLifecycle lifecycle;

	private final JobRepository jobs;

	private final JdbcClient jdbc;

	TrackingFixtures(TestTeams teams, JobLifecycle lifecycle, JobRepository jobs, JdbcClient jdbc) {
		this.teams = teams;
		this.lifecycle = lifecycle;
		this.jobs = jobs;
		this.jdbc = jdbc;
	}

	String team(Quota quota) {
		return teams.create(quota);
	}

	String team() {
		return teams.create();
	}

	/** A queued job whose text carries {@code tag}, so a stub can recognise its create request. */
	Job job(String teamId, String tag) {
		String content = "[{\"type\":\"text\",\"text\":\"A cat walks through a garden " + tag + "\"}]";
		return lifecycle.accept(teamId, new JobRequest("seedance-2.0", content, 5, "16:9", Map.of(), null));
	}

	static String tag() {
		return "tag-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The job as it is now in the database. */
	Job job(UUID jobId) {
		return jobs.findById(jobId).orElseThrow();
	}

	Job awaitStatus(UUID jobId, JobStatus status) {
		return awaitStatus(jobId, status, DEFAULT_WAIT);
	}

	Job awaitStatus(UUID jobId, JobStatus status, Duration atMost) {
		return await().atMost(atMost).until(() -> job(jobId), job -> job.status() == status);
	}

	/** Waits until the job has ended, whichever way. */
	Job awaitTerminal(UUID jobId) {
		return await().atMost(DEFAULT_WAIT).until(() -> job(jobId), job -> job.status().isTerminal());
	}

	/** The job's status changes in order, each as {@code FROM>TO} ({@code null} for the first). */
	List<String> statusChanges(UUID jobId) {
		return jdbc.sql("""
				SELECT coalesce(from_status, 'null') || '>' || to_status FROM job_event
				 WHERE job_id = :id AND kind = 'STATUS_CHANGED' ORDER BY id""")
			.param("id", jobId).query(String.class).list();
	}

	/** The job's upstream calls in order, each as {@code KIND HTTP-STATUS} ({@code -} for none). */
	List<String> upstreamCalls(UUID jobId) {
		return jdbc.sql("""
				SELECT kind || ' ' || coalesce(http_status::text, '-') FROM job_event
				 WHERE job_id = :id AND kind LIKE 'UPSTREAM_%' ORDER BY id""")
			.param("id", jobId).query(String.class).list();
	}

	long eventCount(UUID jobId) {
		return jdbc.sql("SELECT count(*) FROM job_event WHERE job_id = :id").param("id", jobId).query(Long.class)
			.single();
	}

	long eventCount(UUID jobId, String kind) {
		return jdbc.sql("SELECT count(*) FROM job_event WHERE job_id = :id AND kind = :kind").param("id", jobId)
			.param("kind", kind).query(Long.class).single();
	}

}
