package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;

/**
 * Two claimers of one job: the first is held past its lease, the job waits out the grace and a second
 * claimer submits it again. Whatever order their results arrive in, only the current attempt's result
 * changes the job; a late "accepted" is recorded as an orphaned upstream task.
 */
@GatewayIntegrationTest
@Import(MutableClockConfiguration.class)
class SubmissionFencingIntegrationTests {

	static final Duration LEASE = Duration.ofMinutes(2);

	static final Duration GRACE = Duration.ofMinutes(10);

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRepository jobs;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Test
	void an_accepted_result_late_within_the_grace_is_the_jobs_own_task() {
		UUID job = fixtures.accept(teams.create());
		int attempt = fixtures.claim(job, "first");
		expireLease();
		assertThat(status(job)).isEqualTo(JobStatus.OUTCOME_UNKNOWN);

		assertThat(lifecycle.markSubmitted(job, attempt, "task-first-" + job, clock.instant())).isTrue();

		assertThat(jobs.findById(job).orElseThrow().upstreamTaskId()).isEqualTo("task-first-" + job);
		assertThat(orphans(job)).isEmpty();
	}

	@Test
	void the_held_claimers_late_accept_arriving_first_is_an_orphan_and_the_current_attempt_still_wins() {
		UUID job = fixtures.accept(teams.create());
		int first = fixtures.claim(job, "first");
		int second = resubmittedAfterGrace(job);
		double orphansBefore = orphanCount();

		assertThat(lifecycle.markSubmitted(job, first, "task-first-" + job, clock.instant())).isFalse();
		assertThat(status(job)).isEqualTo(JobStatus.SUBMITTING);
		assertThat(lifecycle.markSubmitted(job, second, "task-second-" + job, clock.instant())).isTrue();

		Job read = jobs.findById(job).orElseThrow();
		assertThat(read.status()).isEqualTo(JobStatus.SUBMITTED);
		assertThat(read.upstreamTaskId()).isEqualTo("task-second-" + job);
		assertThat(orphans(job)).containsExactly("task-first-" + job + "@" + first);
		assertThat(events(job, "ORPHANED_TASK")).singleElement().asString().contains("task-first-" + job);
		assertThat(orphanCount()).isEqualTo(orphansBefore + 1);
	}

	@Test
	void the_held_claimers_late_accept_arriving_after_the_current_attempts_is_an_orphan() {
		UUID job = fixtures.accept(teams.create());
		int first = fixtures.claim(job, "first");
		int second = resubmittedAfterGrace(job);

		assertThat(lifecycle.markSubmitted(job, second, "task-second-" + job, clock.instant())).isTrue();
		assertThat(lifecycle.markSubmitted(job, first, "task-first-" + job, clock.instant())).isFalse();

		assertThat(jobs.findById(job).orElseThrow().upstreamTaskId()).isEqualTo("task-second-" + job);
		assertThat(orphans(job)).containsExactly("task-first-" + job + "@" + first);
	}

	@Test
	void results_of_both_claimers_racing_leave_the_current_attempts_task_and_one_orphan() throws Exception {
		for (int round = 0; round < 10; round++) {
			UUID job = fixtures.accept(teams.create());
			int first = fixtures.claim(job, "first");
			int second = resubmittedAfterGrace(job);
			CountDownLatch start = new CountDownLatch(1);
			CompletableFuture<Boolean> late = CompletableFuture.supplyAsync(() -> await(start,
					() -> lifecycle.markSubmitted(job, first, "task-first-" + job, clock.instant())));
			CompletableFuture<Boolean> current = CompletableFuture.supplyAsync(() -> await(start,
					() -> lifecycle.markSubmitted(job, second, "task-second-" + job, clock.instant())));
			start.countDown();

			assertThat(late.get()).isFalse();
			assertThat(current.get()).isTrue();
			assertThat(jobs.findById(job).orElseThrow().upstreamTaskId()).isEqualTo("task-second-" + job);
			assertThat(orphans(job)).containsExactly("task-first-" + job + "@" + first);
		}
	}

	@Test
	void a_late_failure_or_rejection_after_the_job_moved_on_changes_nothing_and_is_recorded() {
		UUID job = fixtures.accept(teams.create());
		int first = fixtures.claim(job, "first");
		resubmittedAfterGrace(job);

		assertThat(lifecycle.failSubmission(job, first, JobError.of(JobError.UPSTREAM_REJECTED, "bad ratio"))).isFalse();
		assertThat(lifecycle.requeue(job, first, clock.instant(), "HTTP 503")).isFalse();
		assertThat(lifecycle.markOutcomeUnknown(job, first, "timeout", clock.instant())).isFalse();

		assertThat(status(job)).isEqualTo(JobStatus.SUBMITTING);
		assertThat(events(job, "LATE_SUBMIT_RESULT")).hasSize(3).allSatisfy(detail -> assertThat(detail)
			.startsWith("attempt " + first + " ended after the job had moved on (SUBMITTING, attempt " + (first + 1) + ")"));
		assertThat(orphans(job)).isEmpty();
	}

	@Test
	void an_accept_arriving_after_a_cancel_is_an_orphan_and_the_job_stays_cancelled() {
		UUID job = fixtures.accept(teams.create());
		String team = jobs.findById(job).orElseThrow().teamId();
		int first = fixtures.claim(job, "first");
		expireLease();
		clock.advance(GRACE);
		queue.requeueAfterGrace(clock.instant());
		lifecycle.cancel(team, job);

		assertThat(lifecycle.markSubmitted(job, first, "task-first-" + job, clock.instant())).isFalse();

		assertThat(status(job)).isEqualTo(JobStatus.CANCELLED);
		assertThat(orphans(job)).containsExactly("task-first-" + job + "@" + first);
	}

	@Test
	void an_accept_for_the_task_a_callback_already_revealed_is_not_an_orphan() {
		UUID job = fixtures.accept(teams.create());
		int attempt = fixtures.claim(job, "first");
		lifecycle.noteCandidateTask(job, "task-first-" + job, clock.instant());
		lifecycle.adoptTask(job, "task-first-" + job, clock.instant());

		assertThat(lifecycle.markSubmitted(job, attempt, "task-first-" + job, clock.instant())).isFalse();

		assertThat(orphans(job)).isEmpty();
		assertThat(events(job, "LATE_SUBMIT_RESULT")).hasSize(1);
	}

	@Test
	void operators_list_orphaned_tasks_and_jobs_waiting_on_an_unknown_outcome() {
		UUID orphaning = fixtures.accept(teams.create());
		int first = fixtures.claim(orphaning, "first");
		resubmittedAfterGrace(orphaning);
		lifecycle.markSubmitted(orphaning, first, "task-orphan-" + orphaning, clock.instant());
		UUID waiting = fixtures.accept(teams.create());
		fixtures.claim(waiting, "first");
		expireLease();
		lifecycle.noteCandidateTask(waiting, "task-candidate-" + waiting, clock.instant());
		GatewayClient client = new GatewayClient(port);

		JsonNode orphans = client.admin("GET", "/admin/upstream/orphaned-tasks", null).json();
		JsonNode unknown = client.admin("GET", "/admin/upstream/unknown-outcomes?limit=1000", null).json();

		assertThat(orphans.get("items").findValuesAsString("upstream_task_id")).contains("task-orphan-" + orphaning);
		JsonNode entry = unknown.get("items").valueStream()
			.filter(item -> item.get("job_id").asString().equals(waiting.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(entry.get("candidate_task_id").asString()).isEqualTo("task-candidate-" + waiting);
		assertThat(entry.get("grace_ends_at").asString()).isNotBlank();
		assertThat(client.admin("GET", "/admin/upstream/orphaned-tasks?limit=0", null).status()).isEqualTo(400);
		assertThat(client.get("/admin/upstream/orphaned-tasks", null).status()).isEqualTo(401);
	}

	private void expireLease() {
		clock.advance(LEASE.plusSeconds(1));
		queue.expireSubmitLeases(clock.instant(), clock.instant().plus(GRACE));
	}

	/** The first claimer is held past its lease; the grace ends; a second claimer takes the next attempt. */
	private int resubmittedAfterGrace(UUID job) {
		expireLease();
		clock.advance(GRACE);
		queue.requeueAfterGrace(clock.instant());
		return fixtures.claim(job, "second");
	}

	private JobStatus status(UUID job) {
		return jobs.findById(job).orElseThrow().status();
	}

	private List<String> orphans(UUID job) {
		return jdbc.sql("SELECT upstream_task_id || '@' || attempt FROM orphaned_task WHERE job_id = :job")
			.param("job", job)
			.query(String.class)
			.list();
	}

	private List<String> events(UUID job, String kind) {
		return jdbc.sql("SELECT detail FROM job_event WHERE job_id = :job AND kind = :kind ORDER BY id")
			.param("job", job)
			.param("kind", kind)
			.query(String.class)
			.list();
	}

	private double orphanCount() {
		var counter = meters.find("gateway.upstream.orphaned.tasks").counter();
		return counter == null ? 0 : counter.count();
	}

	private static <T> T await(CountDownLatch start, java.util.function.Supplier<T> work) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return work.get();
	}

}
