package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

@GatewayIntegrationTest
class JobLifecycleIntegrationTests {

	static final String CONTENT = "[{\"type\":\"text\",\"text\":\"a cat\",\"zz\":1,\"aa\":2}]";

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobRepository jobs;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	TestJobs testJobs;

	String teamId;

	@BeforeEach
	void team() {
		teamId = teams.create();
	}

	@Test
	void accepted_job_keeps_its_content_text_exactly_and_records_its_first_event() {
		Job job = lifecycle.accept(teamId, new JobRequest("seedance-2.0", CONTENT, 5, "16:9", Map.of("k", "v"), null));

		Job read = jobs.findById(job.id()).orElseThrow();
		assertThat(read.contentJson()).isEqualTo(CONTENT);
		assertThat(read.metadata()).containsExactly(Map.entry("k", "v"));
		assertThat(read.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(events(job.id())).containsExactly("null->QUEUED");
	}

	@Test
	void a_job_moves_through_upstream_facts_and_late_facts_change_nothing() {
		Job job = lifecycle.accept(teamId, new JobRequest("seedance-2.0", CONTENT, 5, "16:9", Map.of(), null));
		int attempt = testJobs.claim(job.id());

		assertThat(lifecycle.markSubmitted(job.id(), attempt, "task-1", clock.instant())).isTrue();
		assertThat(lifecycle.observeProgress(job.id(), "processing", clock.instant())).isTrue();
		assertThat(lifecycle.succeed(job.id(), "success", "https://v/1.mp4", new java.math.BigDecimal("0.5"))).isTrue();
		assertThat(lifecycle.fail(job.id(), JobError.of(JobError.TIMEOUT, "late"), null, null)).isFalse();

		Job read = jobs.findById(job.id()).orElseThrow();
		assertThat(read.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(read.videoUrl()).isEqualTo("https://v/1.mp4");
		assertThat(events(job.id())).containsExactly("null->QUEUED", "QUEUED->SUBMITTING", "SUBMITTING->SUBMITTED", "SUBMITTED->RUNNING",
				"RUNNING->SUCCEEDED");
	}

	@Test
	void only_a_queued_job_can_be_cancelled() {
		Job job = lifecycle.accept(teamId, new JobRequest("seedance-2.0", CONTENT, 5, "16:9", Map.of(), null));
		assertThat(lifecycle.cancel(teamId, job.id()).status()).isEqualTo(JobStatus.CANCELLED);
		assertThatThrownBy(() -> lifecycle.cancel(teamId, job.id())).isInstanceOf(JobNotCancellable.class);
		assertThatThrownBy(() -> lifecycle.cancel("other", job.id())).isInstanceOf(JobNotFound.class);
	}

	@Test
	void repeated_404s_make_a_task_lost_but_progress_in_between_resets_the_count() {
		Job job = lifecycle.accept(teamId, new JobRequest("seedance-2.0", CONTENT, 5, "16:9", Map.of(), null));
		lifecycle.markSubmitted(job.id(), testJobs.claim(job.id()), "task-1", clock.instant());

		lifecycle.observeNotFound(job.id(), 3, clock.instant());
		lifecycle.observeNotFound(job.id(), 3, clock.instant());
		lifecycle.observeProgress(job.id(), "processing", clock.instant());
		lifecycle.observeNotFound(job.id(), 3, clock.instant());
		lifecycle.observeNotFound(job.id(), 3, clock.instant());
		assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

		lifecycle.observeNotFound(job.id(), 3, clock.instant());

		Job lost = jobs.findById(job.id()).orElseThrow();
		assertThat(lost.status()).isEqualTo(JobStatus.FAILED);
		assertThat(lost.error().code()).isEqualTo(JobError.UPSTREAM_LOST);
	}

	private List<String> events(UUID jobId) {
		return jdbc.sql("SELECT coalesce(from_status, 'null') || '->' || to_status FROM job_event WHERE job_id = :id AND kind = 'STATUS_CHANGED' ORDER BY id")
			.param("id", jobId)
			.query(String.class)
			.list();
	}

}
