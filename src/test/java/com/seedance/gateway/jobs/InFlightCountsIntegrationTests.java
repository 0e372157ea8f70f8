package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.seedance.gateway.shared.PostgresNotifications;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.InFlightRecount;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * The teams' in-flight counts follow every move into and out of in-flight, in the move's own transaction, and a
 * slot freed wakes the dispatchers of every instance. (Two instances moving jobs at once:
 * {@code tracking.InFlightCountsTwoInstancesIntegrationTests}.)
 */
@GatewayIntegrationTest
class InFlightCountsIntegrationTests {

	static final Duration LEASE = Duration.ofMinutes(2);

	@Autowired
	JobQueue queue;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	InFlightCounts counts;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	PostgresNotifications notifications;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@BeforeEach
	void countsMatchTheJobsBefore() {
		// tests of other classes sharing this context set statuses by SQL, uncounted
		counts.recount();
	}

	@AfterEach
	void countsMatchTheJobs() {
		assertThat(InFlightRecount.differences(jdbc)).isEmpty();
	}

	@Test
	void every_move_into_or_out_of_in_flight_counts_in_its_transaction() {
		String team = teams.create(new Quota(2, null, null));
		UUID first = jobs.accept(team);
		UUID second = jobs.accept(team);
		UUID third = jobs.accept(team);
		assertThat(counted(team)).isZero();

		int firstAttempt = jobs.claim(first);
		assertThat(counted(team)).isEqualTo(2);
		lifecycle.markSubmitted(first, firstAttempt, "task-1", clock.instant().plusSeconds(60));
		assertThat(counted(team)).isEqualTo(2);
		lifecycle.succeed(first, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
		assertThat(counted(team)).isEqualTo(1);
		lifecycle.requeue(second, 1, clock.instant(), "upstream unavailable");
		assertThat(counted(team)).isZero();
		lifecycle.cancel(team, third);
		assertThat(counted(team)).isZero();

		// the lease of the claim runs out (still in flight), then the grace (queued again)
		Instant now = clock.instant();
		assertThat(ids(queue.claimForSubmission(1000, 1000, now, now.plus(LEASE), "test"))).contains(second);
		Instant expired = now.plus(LEASE).plusSeconds(1);
		queue.expireSubmitLeases(expired, expired);
		assertThat(counted(team)).isEqualTo(1);
		queue.requeueAfterGrace(expired);
	}

	@Test
	void a_move_rolled_back_counts_nothing() {
		String team = teams.create(Quota.UNLIMITED);
		UUID job = jobs.accept(team);

		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			assertThat(ids(queue.claimForSubmission(1000, 1000, now, now.plus(LEASE), "test"))).contains(job);
			status.setRollbackOnly();
		});

		assertThat(counted(team)).isZero();
	}

	@Test
	void a_slot_freed_wakes_the_dispatchers_and_neither_a_creation_nor_a_claim_sends_a_notification() {
		List<String> received = new CopyOnWriteArrayList<>();
		notifications.subscribe(JobQueue.WORK_CHANNEL, received::add);
		await().until(notifications::isListening);
		String team = teams.create(Quota.UNLIMITED);

		// a creation wakes only its own instance's dispatcher, after the commit (DispatchWakeUpIntegrationTests)
		UUID job = jobs.accept(team);
		int attempt = jobs.claim(job);
		lifecycle.markSubmitted(job, attempt, "task-" + job, clock.instant().plusSeconds(60));
		assertThat(wakeUpsUntilMarker(received, "created, claimed and submitted")).isZero();
		lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
		assertThat(wakeUpsUntilMarker(received, "succeeded")).isEqualTo(1);
		UUID requeued = jobs.accept(team);
		lifecycle.requeue(requeued, jobs.claim(requeued), clock.instant(), "upstream unavailable");
		assertThat(wakeUpsUntilMarker(received, "queued again")).isEqualTo(1);
	}

	@Test
	void the_recount_corrects_counts_that_drifted() {
		String team = teams.create(Quota.UNLIMITED);
		jobs.submitted(team);
		jobs.submitted(team);
		// moves made without counting: an instance of an older version, an operator's SQL
		jdbc.sql("UPDATE team_in_flight SET in_flight = 7 WHERE team_id = :team").param("team", team).update();
		assertThat(InFlightRecount.differences(jdbc)).isNotEmpty();

		assertThat(counts.recount()).isPositive();

		assertThat(counted(team)).isEqualTo(2);
		assertThat(counts.recount()).isZero();
	}

	/**
	 * The wake-ups received up to a marker sent now, dropping them: PostgreSQL delivers in commit order, so a
	 * wake-up from a transaction that committed before the marker has arrived once the marker has.
	 */
	private int wakeUpsUntilMarker(List<String> received, String marker) {
		notifications.notify(JobQueue.WORK_CHANNEL, marker);
		await().until(() -> received.contains(marker));
		int wakeUps = received.indexOf(marker);
		received.subList(0, wakeUps + 1).clear();
		return wakeUps;
	}

	private int counted(String team) {
		return jdbc.sql("SELECT coalesce((SELECT in_flight FROM team_in_flight WHERE team_id = :team), 0)")
			.param("team", team).query(Integer.class).single();
	}

	private static List<UUID> ids(List<JobQueue.SubmissionClaim> claims) {
		return claims.stream().map(JobQueue.SubmissionClaim::jobId).toList();
	}

}
