package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.jobs.JobQueue.CheckClaim;
import com.seedance.gateway.jobs.JobQueue.SubmissionClaim;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.InFlightRecount;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * The claims of {@link JobQueue} against a real PostgreSQL, with claimers racing each other as several
 * gateway instances would. The workers are off (test profile): only the tests claim.
 * <p>
 * The queue claims over all jobs, so each test starts from empty job tables; the property below gives this
 * class a context, and so a database, of its own.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.tracking.submit-batch=21")
@DirtiesContext
class JobQueueIntegrationTests {

	static final String IN_FLIGHT = "('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')";

	static final Duration LEASE = Duration.ofMinutes(2);

	@Autowired
	JobQueue queue;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ExecutorService threads = Executors.newFixedThreadPool(2);

	@BeforeEach
	void emptyJobTables() {
		// and every table that refers to a job (events, ledger rows, orphaned tasks, idempotency keys), and the in-flight
		// counts of the jobs gone
		jdbc.sql("TRUNCATE job, team_in_flight CASCADE").update();
	}

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@AfterEach
	void inFlightCountsMatchTheJobs() {
		assertThat(InFlightRecount.differences(jdbc)).isEmpty();
	}

	@Test
	void two_claimers_racing_claim_every_queued_job_exactly_once() throws Exception {
		List<UUID> all = new ArrayList<>();
		for (String team : List.of(teams.create(Quota.UNLIMITED), teams.create(Quota.UNLIMITED), teams.create(Quota.UNLIMITED))) {
			all.addAll(jobs(team, 20));
		}
		Instant now = clock.instant();

		List<List<UUID>> claimed = race(instance -> {
			List<UUID> mine = new ArrayList<>();
			List<SubmissionClaim> batch;
			do {
				batch = queue.claimForSubmission(1000, 3, now, now.plus(LEASE), instance);
				batch.forEach(claim -> mine.add(claim.jobId()));
			}
			while (!batch.isEmpty());
			return mine;
		});

		List<UUID> together = new ArrayList<>(claimed.get(0));
		together.addAll(claimed.get(1));
		assertThat(together).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
		assertThat(claimed.get(0)).isNotEmpty();
		assertThat(claimed.get(1)).isNotEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE status = 'SUBMITTING'").query(Long.class).single())
			.isEqualTo(60);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM job_event WHERE kind = 'STATUS_CHANGED' AND to_status = 'SUBMITTING'""")
			.query(Long.class).single()).isEqualTo(60);
		for (UUID id : claimed.get(0)) {
			assertThat(claimedBy(id)).isEqualTo("claimer-0");
		}
	}

	@Test
	void concurrent_claimers_never_exceed_the_global_in_flight_limit() throws Exception {
		String team = teams.create(Quota.UNLIMITED);
		jobs(team, 30);
		// two jobs already hold slots
		Instant now = clock.instant();
		assertThat(queue.claimForSubmission(7, 2, now, now.plus(LEASE), "earlier")).hasSize(2);

		List<List<UUID>> claimed = race(instance -> {
			List<UUID> mine = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				queue.claimForSubmission(7, 2, now, now.plus(LEASE), instance).forEach(c -> mine.add(c.jobId()));
			}
			return mine;
		});

		assertThat(claimed.get(0).size() + claimed.get(1).size()).isEqualTo(5);
		assertThat(inFlight()).isEqualTo(7);
		assertThat(queue.depth()).isEqualTo(new JobQueue.QueueDepth(7, 23));
	}

	@Test
	void concurrent_claimers_never_exceed_a_teams_max_concurrent_jobs() throws Exception {
		String limited = teams.create(new Quota(3, null, null));
		String other = teams.create(Quota.UNLIMITED);
		List<UUID> limitedJobs = jobs(limited, 12);
		List<UUID> otherJobs = jobs(other, 4);
		Instant now = clock.instant();
		// one of the team's jobs is already in flight (submitted and running upstream)
		UUID running = queue.claimForSubmission(100, 1, now, now.plus(LEASE), "earlier").get(0).jobId();
		assertThat(running).isEqualTo(limitedJobs.get(0));
		lifecycle.markSubmitted(running, 1, "task-1", now.plus(Duration.ofHours(1)));

		List<List<UUID>> claimed = race(instance -> {
			List<UUID> mine = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				queue.claimForSubmission(100, 1, now, now.plus(LEASE), instance).forEach(c -> mine.add(c.jobId()));
			}
			return mine;
		});

		List<UUID> together = new ArrayList<>(claimed.get(0));
		together.addAll(claimed.get(1));
		assertThat(together).doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(limitedJobs.get(1), limitedJobs.get(2), otherJobs.get(0), otherJobs.get(1),
					otherJobs.get(2), otherJobs.get(3));
		assertThat(inFlight(limited)).isEqualTo(3);

		// a slot comes free: exactly one more of the team's jobs may go, the oldest waiting
		lifecycle.succeed(running, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
		Instant later = clock.instant();
		assertThat(ids(queue.claimForSubmission(100, 20, later, later.plus(LEASE), "claimer-0")))
			.containsExactly(limitedJobs.get(3));
		assertThat(inFlight(limited)).isEqualTo(3);
	}

	@Test
	void the_oldest_jobs_are_claimed_first_across_teams() {
		String a = teams.create(Quota.UNLIMITED);
		String b = teams.create(Quota.UNLIMITED);
		List<UUID> created = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			created.add(job(i % 2 == 0 ? a : b));
		}
		Instant now = clock.instant();

		assertThat(ids(queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0")))
			.containsExactly(created.get(0), created.get(1), created.get(2));
		assertThat(ids(queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0")))
			.containsExactly(created.get(3));
	}

	@Test
	void a_job_not_yet_due_is_not_claimed() {
		String team = teams.create(Quota.UNLIMITED);
		UUID job = job(team);
		Instant before = jdbc.sql("SELECT next_attempt_at FROM job WHERE id = :id").param("id", job)
			.query(java.time.OffsetDateTime.class).single().toInstant().minusMillis(1);

		assertThat(queue.claimForSubmission(100, 10, before, before.plus(LEASE), "claimer-0")).isEmpty();
	}

	@Test
	void a_team_at_its_limit_does_not_hold_up_other_teams() {
		String limited = teams.create(new Quota(1, null, null));
		String other = teams.create(Quota.UNLIMITED);
		List<UUID> limitedJobs = jobs(limited, 5);
		List<UUID> otherJobs = jobs(other, 3);
		Instant now = clock.instant();

		assertThat(ids(queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0")))
			.containsExactly(limitedJobs.get(0), otherJobs.get(0), otherJobs.get(1));
		assertThat(ids(queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0")))
			.containsExactly(otherJobs.get(2));
		assertThat(queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0")).isEmpty();
	}

	@Test
	void a_team_with_a_limit_of_zero_gets_nothing_claimed() {
		String paused = teams.create(new Quota(0, null, null));
		jobs(paused, 2);
		Instant now = clock.instant();

		assertThat(queue.claimForSubmission(100, 10, now, now.plus(LEASE), "claimer-0")).isEmpty();
	}

	@Test
	void an_expired_submission_lease_makes_the_outcome_unknown_and_after_the_grace_the_job_is_queued_as_a_possible_duplicate() {
		UUID job = job(teams.create(Quota.UNLIMITED));
		Instant now = clock.instant();
		Instant leaseUntil = now.plus(LEASE);
		assertThat(queue.claimForSubmission(100, 1, now, leaseUntil, "claimer-0")).hasSize(1);

		assertThat(queue.expireSubmitLeases(leaseUntil.minusSeconds(1), leaseUntil.plusSeconds(600))).isZero();
		assertThat(status(job)).isEqualTo("SUBMITTING");

		Instant expiredAt = leaseUntil.plusSeconds(1);
		Instant graceEnds = expiredAt.plus(Duration.ofMinutes(10));
		assertThat(queue.expireSubmitLeases(expiredAt, graceEnds)).isEqualTo(1);
		assertThat(status(job)).isEqualTo("OUTCOME_UNKNOWN");
		assertThat(lastStatusEvent(job)).startsWith("SUBMITTING>OUTCOME_UNKNOWN: submit lease expired");
		// never straight back to the queue, whoever claims
		assertThat(queue.claimForSubmission(100, 10, graceEnds.plusSeconds(1), graceEnds.plus(LEASE), "claimer-1"))
			.isEmpty();
		assertThat(queue.requeueAfterGrace(graceEnds.minusSeconds(1))).isZero();
		assertThat(status(job)).isEqualTo("OUTCOME_UNKNOWN");

		assertThat(queue.requeueAfterGrace(graceEnds)).isEqualTo(1);

		assertThat(status(job)).isEqualTo("QUEUED");
		assertThat(lastStatusEvent(job)).startsWith("OUTCOME_UNKNOWN>QUEUED: possible duplicate");
		List<SubmissionClaim> again = queue.claimForSubmission(100, 1, graceEnds, graceEnds.plus(LEASE), "claimer-1");
		assertThat(ids(again)).containsExactly(job);
		assertThat(again.get(0).attempt()).isEqualTo(2);
	}

	@Test
	void an_outcome_unknown_job_holds_its_in_flight_slot() {
		String team = teams.create(new Quota(1, null, null));
		List<UUID> jobs = jobs(team, 2);
		Instant now = clock.instant();
		queue.claimForSubmission(100, 1, now, now.plus(LEASE), "claimer-0");
		Instant expiredAt = now.plus(LEASE).plusSeconds(1);
		queue.expireSubmitLeases(expiredAt, expiredAt.plus(Duration.ofMinutes(10)));
		assertThat(status(jobs.get(0))).isEqualTo("OUTCOME_UNKNOWN");

		assertThat(queue.claimForSubmission(100, 10, expiredAt, expiredAt.plus(LEASE), "claimer-0")).isEmpty();
		assertThat(queue.claimForSubmission(1, 10, expiredAt, expiredAt.plus(LEASE), "claimer-0")).isEmpty();
	}

	@Test
	void start_submission_refuses_a_claim_whose_attempt_the_job_has_moved_past() {
		UUID job = job(teams.create(Quota.UNLIMITED));
		Instant now = clock.instant();
		byte[] hash = { 1, 2, 3 };
		int first = queue.claimForSubmission(100, 1, now, now.plus(LEASE), "claimer-0").get(0).attempt();

		assertThat(queue.startSubmission(job, first + 1, now.plus(LEASE), hash)).isFalse();
		assertThat(queue.startSubmission(job, first, now.plus(LEASE), hash)).isTrue();

		// the lease runs out, the grace too, and another instance claims the job as the next attempt
		Instant expiredAt = now.plus(LEASE).plusSeconds(1);
		queue.expireSubmitLeases(expiredAt, expiredAt);
		assertThat(queue.startSubmission(job, first, expiredAt.plus(LEASE), hash)).isFalse();
		queue.requeueAfterGrace(expiredAt);
		assertThat(queue.startSubmission(job, first, expiredAt.plus(LEASE), hash)).isFalse();
		int second = queue.claimForSubmission(100, 1, expiredAt, expiredAt.plus(LEASE), "claimer-1").get(0).attempt();

		assertThat(second).isEqualTo(first + 1);
		assertThat(queue.startSubmission(job, first, expiredAt.plus(LEASE), hash)).isFalse();
		assertThat(queue.startSubmission(job, second, expiredAt.plus(LEASE), hash)).isTrue();
	}

	@Test
	void claim_due_checks_returns_only_due_submitted_and_running_jobs() {
		String team = teams.create(Quota.UNLIMITED);
		List<UUID> jobs = jobs(team, 6);
		UUID stillQueued = job(team);
		Instant now = clock.instant();
		queue.claimForSubmission(100, 6, now, now.plus(LEASE), "claimer-0");
		UUID dueSubmitted = jobs.get(0);
		UUID dueRunning = jobs.get(1);
		UUID notDueSubmitted = jobs.get(2);
		UUID succeeded = jobs.get(3);
		UUID failed = jobs.get(4);
		UUID submitting = jobs.get(5);
		lifecycle.markSubmitted(dueSubmitted, 1, "task-0", now.minusSeconds(1));
		lifecycle.markSubmitted(dueRunning, 1, "task-1", now.minusSeconds(1));
		lifecycle.observeProgress(dueRunning, "processing", now.minusSeconds(1));
		lifecycle.markSubmitted(notDueSubmitted, 1, "task-2", now.plusSeconds(20));
		lifecycle.markSubmitted(succeeded, 1, "task-3", now.minusSeconds(1));
		lifecycle.succeed(succeeded, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
		lifecycle.markSubmitted(failed, 1, "task-4", now.minusSeconds(1));
		lifecycle.fail(failed, JobError.of(JobError.UPSTREAM_FAILED, "no"), "failed", null);
		assertThat(status(submitting)).isEqualTo("SUBMITTING");
		assertThat(status(stillQueued)).isEqualTo("QUEUED");

		List<CheckClaim> due = queue.claimDueChecks(100, now, now.plus(LEASE), "claimer-0");

		assertThat(due).extracting(CheckClaim::jobId).containsExactlyInAnyOrder(dueSubmitted, dueRunning);
		assertThat(due).extracting(CheckClaim::taskId).containsExactlyInAnyOrder("task-0", "task-1");
		assertThat(claimedBy(dueRunning)).isEqualTo("claimer-0");
		// moving next_check_at to the lease end is the lease: nobody gets them again before it ends
		assertThat(queue.claimDueChecks(100, now.plusSeconds(30), now.plus(LEASE), "claimer-1"))
			.extracting(CheckClaim::jobId).containsExactly(notDueSubmitted);
		assertThat(queue.claimDueChecks(100, now.plus(LEASE).plusSeconds(1), now.plus(LEASE).plus(LEASE), "claimer-1"))
			.extracting(CheckClaim::jobId).containsExactlyInAnyOrder(dueSubmitted, dueRunning, notDueSubmitted);
	}

	@Test
	void two_check_claimers_racing_never_get_the_same_job() throws Exception {
		String team = teams.create(Quota.UNLIMITED);
		List<UUID> jobs = jobs(team, 40);
		Instant now = clock.instant();
		queue.claimForSubmission(100, 40, now, now.plus(LEASE), "dispatcher");
		for (int i = 0; i < jobs.size(); i++) {
			lifecycle.markSubmitted(jobs.get(i), 1, "task-" + i, now.minusSeconds(1));
		}

		List<List<UUID>> claimed = race(instance -> {
			List<UUID> mine = new ArrayList<>();
			List<CheckClaim> batch;
			do {
				batch = queue.claimDueChecks(3, now, now.plus(LEASE), instance);
				batch.forEach(claim -> mine.add(claim.jobId()));
			}
			while (!batch.isEmpty());
			return mine;
		});

		List<UUID> together = new ArrayList<>(claimed.get(0));
		together.addAll(claimed.get(1));
		assertThat(together).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs);
	}

	@Test
	void claims_handed_back_are_queued_again_with_one_event_each_and_no_lease() {
		String team = teams.create(Quota.UNLIMITED);
		List<UUID> jobs = jobs(team, 3);
		Instant now = clock.instant();
		List<SubmissionClaim> claims = queue.claimForSubmission(100, 3, now, now.plus(LEASE), "claimer-0");
		SubmissionClaim sent = claims.get(2);
		assertThat(queue.startSubmission(sent.jobId(), sent.attempt(), now.plus(LEASE), new byte[0])).isTrue();
		lifecycle.markSubmitted(sent.jobId(), sent.attempt(), "task-2", now.plusSeconds(10));

		assertThat(queue.handBack(claims, now.plusSeconds(1), "claimer-0")).as("the submitted one stays").isEqualTo(2);

		for (UUID handedBack : jobs.subList(0, 2)) {
			assertThat(status(handedBack)).isEqualTo("QUEUED");
			assertThat(jdbc.sql("SELECT lease_until IS NULL AND claimed_by IS NULL FROM job WHERE id = :id")
				.param("id", handedBack).query(Boolean.class).single()).isTrue();
			assertThat(jdbc.sql("""
					SELECT from_status || '>' || to_status || ': ' || detail FROM job_event
					 WHERE job_id = :id AND kind = 'STATUS_CHANGED' ORDER BY id DESC LIMIT 1""")
				.param("id", handedBack).query(String.class).single())
				.isEqualTo("SUBMITTING>QUEUED: handed back unsent: claimer-0 is shutting down");
		}
		assertThat(status(sent.jobId())).isEqualTo("SUBMITTED");
		assertThat(queue.claimForSubmission(100, 3, now.plusSeconds(1), now.plus(LEASE), "claimer-1"))
			.as("due again at once, for any instance").extracting(SubmissionClaim::jobId)
			.containsExactlyElementsOf(jobs.subList(0, 2));
		assertThat(queue.handBack(claims, now.plusSeconds(2), "claimer-0"))
			.as("a claim of an earlier attempt hands nothing back").isZero();
	}

	@Test
	void released_checks_are_due_at_once_unless_the_job_was_written_since() {
		String team = teams.create(Quota.UNLIMITED);
		List<UUID> jobs = jobs(team, 2);
		Instant now = clock.instant();
		queue.claimForSubmission(100, 2, now, now.plus(LEASE), "dispatcher");
		lifecycle.markSubmitted(jobs.get(0), 1, "task-0", now.minusSeconds(1));
		lifecycle.markSubmitted(jobs.get(1), 1, "task-1", now.minusSeconds(1));
		List<CheckClaim> claims = queue.claimDueChecks(100, now, now.plus(LEASE), "claimer-0");
		assertThat(claims).hasSize(2);
		// a callback's check of the second job got there first
		lifecycle.postponeCheck(jobs.get(1), now.plusSeconds(30));

		assertThat(queue.releaseChecks(claims, now.plusSeconds(1))).isEqualTo(1);

		assertThat(queue.claimDueChecks(100, now.plusSeconds(1), now.plus(LEASE), "claimer-1"))
			.extracting(CheckClaim::jobId).containsExactly(jobs.get(0));
	}

	/** Runs {@code claimer} on two threads at once, as instances {@code claimer-0} and {@code claimer-1}. */
	private <T> List<T> race(Function<String, T> claimer) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String instance = "claimer-" + i;
			Callable<T> work = () -> {
				start.await();
				return claimer.apply(instance);
			};
			futures.add(threads.submit(work));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(20, TimeUnit.SECONDS));
		}
		return results;
	}


	private UUID job(String teamId) {
		return lifecycle.accept(teamId, new JobRequest("seedance-2.0", "[{\"type\":\"text\",\"text\":\"a cat\"}]", 5,
				"16:9", Map.of(), null)).id();
	}

	private List<UUID> jobs(String teamId, int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(job(teamId));
		}
		return ids;
	}

	private static List<UUID> ids(Collection<SubmissionClaim> claims) {
		return claims.stream().map(SubmissionClaim::jobId).toList();
	}

	private String status(UUID id) {
		return jdbc.sql("SELECT status FROM job WHERE id = :id").param("id", id).query(String.class).single();
	}

	private String claimedBy(UUID id) {
		return jdbc.sql("SELECT claimed_by FROM job WHERE id = :id").param("id", id).query(String.class).single();
	}

	private long inFlight() {
		return jdbc.sql("SELECT count(*) FROM job WHERE status IN " + IN_FLIGHT).query(Long.class).single();
	}

	private long inFlight(String team) {
		return jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team AND status IN " + IN_FLIGHT)
			.param("team", team).query(Long.class).single();
	}

	private String lastStatusEvent(UUID id) {
		return jdbc.sql("""
				SELECT from_status || '>' || to_status || ': ' || detail FROM job_event
				 WHERE job_id = :id AND kind = 'STATUS_CHANGED' ORDER BY id DESC LIMIT 1""")
			.param("id", id).query(String.class).single();
	}

}
