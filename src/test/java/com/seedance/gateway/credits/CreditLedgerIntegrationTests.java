package com.seedance.gateway.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * The credit ledger through the jobs' real transitions, on a clock the test moves: every reservation is settled
 * or released exactly once whatever races happen, money moves with the transition or not at all, and the usage
 * counters always equal the ledger's sums.
 */
@GatewayIntegrationTest
@Import({ MutableClockConfiguration.class, CreditLedgerIntegrationTests.Sabotage.class })
class CreditLedgerIntegrationTests {

	static final BigDecimal HALF = new BigDecimal("0.500000");

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobQueue queue;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Sabotage sabotage;

	ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void countersEqualTheLedger() {
		threads.shutdownNow();
		List<String> mismatches = jdbc.sql("""
				SELECT u.team_id || ' ' || u.month
				  FROM (SELECT team_id, month, sum(used) AS used, sum(reserved) AS reserved
				          FROM team_usage_month GROUP BY 1, 2) u
				  LEFT JOIN (SELECT team_id, date_trunc('month', day)::date AS month, sum(used) AS used,
				                    sum(reserved) AS reserved
				               FROM credit_ledger GROUP BY 1, 2) l ON l.team_id = u.team_id AND l.month = u.month
				 WHERE u.used <> coalesce(l.used, 0) OR u.reserved <> coalesce(l.reserved, 0)""")
			.query(String.class)
			.list();
		assertThat(mismatches).as("usage counters that differ from the ledger's sums").isEmpty();
	}

	@Test
	void a_job_reserves_its_estimate_at_creation_and_settles_it_with_what_the_upstream_charged() {
		String team = teams.create();
		UUID job = jobs.submitted(team);

		lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", new BigDecimal("0.42"));

		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000", "SETTLE 0 -0.500000 0.420000");
		assertThat(month(team)).isEqualTo("used 0.420000 reserved 0.000000");
	}

	@Test
	void settlement_happens_once_when_callbacks_and_the_poller_race_to_end_the_job() throws Exception {
		String team = teams.create();
		for (int round = 0; round < 5; round++) {
			UUID job = jobs.submitted(team);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> enders = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				boolean success = i % 2 == 0;
				Callable<Boolean> end = () -> {
					start.await();
					return success ? lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", HALF)
							: lifecycle.fail(job, JobError.of(JobError.UPSTREAM_FAILED, "no"), "failed", new BigDecimal("0.1"));
				};
				enders.add(threads.submit(end));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> ender : enders) {
				winners += ender.get(20, TimeUnit.SECONDS) ? 1 : 0;
			}

			assertThat(winners).isEqualTo(1);
			assertThat(ledger(job)).hasSize(2).filteredOn(row -> row.startsWith("SETTLE")).hasSize(1);
		}
		assertThat(month(team)).endsWith("reserved 0.000000");
	}

	@Test
	void the_schema_refuses_a_second_settlement_of_a_job() {
		UUID job = jobs.submitted(teams.create());
		lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", HALF);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> jdbc.sql("""
				INSERT INTO credit_ledger (job_id, team_id, day, kind, seq, reserved, used, at)
				SELECT job_id, team_id, day, 'RELEASE', 0, 0, 0, at FROM credit_ledger WHERE job_id = :job AND kind = 'SETTLE'""")
			.param("job", job)
			.update());
	}

	@Test
	void every_ending_that_charged_nothing_releases_the_reservation() {
		String team = teams.create();
		UUID cancelled = jobs.accept(team);
		lifecycle.cancel(team, cancelled);
		UUID rejected = jobs.accept(team);
		lifecycle.failSubmission(rejected, jobs.claim(rejected), JobError.of(JobError.UPSTREAM_REJECTED, "bad ratio"));
		UUID failedFree = jobs.submitted(team);
		lifecycle.fail(failedFree, JobError.of(JobError.UPSTREAM_FAILED, "no"), "failed", new BigDecimal("0"));
		UUID lost = jobs.submitted(team);
		for (int i = 0; i < 3; i++) {
			lifecycle.observeNotFound(lost, 3, clock.instant());
		}

		for (UUID job : List.of(cancelled, rejected, failedFree, lost)) {
			assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000", "RELEASE 0 -0.500000 0.000000");
		}
		assertThat(month(team)).isEqualTo("used 0.000000 reserved 0.000000");
	}

	@Test
	void a_timed_out_job_keeps_its_reservation_until_the_upstream_reports_its_charge() {
		String team = teams.create();
		UUID job = jobs.submitted(team);

		lifecycle.timeOut(job, "too slow", "processing", clock.instant().plus(Duration.ofMinutes(15)));
		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000");
		lifecycle.settleTimedOutCharge(job, new BigDecimal("0.3"), "the upstream ended the task");
		lifecycle.settleTimedOutCharge(job, new BigDecimal("0.3"), "again");

		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000", "SETTLE 0 -0.500000 0.300000");
		assertThat(month(team)).isEqualTo("used 0.300000 reserved 0.000000");
	}

	@Test
	void a_resubmission_that_may_duplicate_a_task_reserves_again_and_an_orphaned_task_is_reserved_too() {
		String team = teams.create();
		UUID job = jobs.accept(team);
		int first = jobs.claim(job);
		clock.advance(TestJobs.LEASE.plusSeconds(1));
		queue.expireSubmitLeases(clock.instant(), clock.instant());
		queue.requeueAfterGrace(clock.instant());
		int second = jobs.claim(job);
		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000", "RESERVE 2 0.500000 0.000000");

		lifecycle.markSubmitted(job, second, "task-second-" + job, clock.instant());
		lifecycle.markSubmitted(job, first, "task-first-" + job, clock.instant());
		lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", new BigDecimal("0.5"));

		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000", "RESERVE 2 0.500000 0.000000",
				"ORPHAN " + first + " 0.500000 0.000000", "SETTLE 0 -1.000000 0.500000");
		assertThat(month(team)).isEqualTo("used 0.500000 reserved 0.500000");
	}

	@Test
	void a_crash_inside_the_transition_leaves_neither_the_transition_nor_its_ledger_row() {
		String team = teams.create();
		UUID job = jobs.submitted(team);
		sabotage.jobs.add(job);

		assertThatThrownBy(() -> lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", HALF))
			.hasMessageContaining("crash after 1 settlement row(s)");

		assertThat(status(job)).isEqualTo(JobStatus.SUBMITTED);
		assertThat(ledger(job)).containsExactly("RESERVE 1 0.500000 0.000000");
		sabotage.jobs.remove(job);
		assertThat(lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", HALF)).isTrue();
		assertThat(ledger(job)).hasSize(2);
	}

	@Test
	void the_daily_quota_resets_at_midnight_utc_and_the_monthly_one_on_the_first_of_the_month() {
		clock.set(Instant.parse("2027-01-31T23:59:59.5Z"));
		String team = teams.create(new Quota(null, 1, new BigDecimal("0.5")));
		jobs.accept(team);

		assertThatThrownBy(() -> jobs.accept(team)).isInstanceOfSatisfying(QuotaExceeded.class, refused -> {
			assertThat(refused.properties()).containsEntry("limit", "daily_jobs")
				.containsEntry("resets_at", "2027-02-01T00:00:00Z");
			assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("1");
		});
		clock.set(Instant.parse("2027-02-01T00:00:00Z"));
		UUID february = jobs.accept(team);

		assertThat(ledger(february)).containsExactly("RESERVE 1 0.500000 0.000000");
		assertThat(jdbc.sql("SELECT day::text FROM credit_ledger WHERE job_id = :job").param("job", february)
			.query(String.class).single()).isEqualTo("2027-02-01");
		clock.set(Instant.parse("2027-02-02T00:00:00Z"));
		assertThatThrownBy(() -> jobs.accept(team)).isInstanceOfSatisfying(QuotaExceeded.class,
				refused -> assertThat(refused.properties()).containsEntry("limit", "monthly_credits")
					.containsEntry("resets_at", "2027-03-01T00:00:00Z"));
	}

	private List<String> ledger(UUID job) {
		return jdbc.sql("SELECT kind || ' ' || seq || ' ' || reserved || ' ' || used FROM credit_ledger WHERE job_id = :job ORDER BY id")
			.param("job", job)
			.query(String.class)
			.list();
	}

	private String month(String team) {
		return jdbc.sql("SELECT 'used ' || sum(used) || ' reserved ' || sum(reserved) FROM team_usage_month WHERE team_id = :team")
			.param("team", team)
			.query(String.class)
			.single();
	}

	private JobStatus status(UUID job) {
		return JobStatus.valueOf(jdbc.sql("SELECT status FROM job WHERE id = :id").param("id", job).query(String.class).single());
	}

	/**
	 * Crashes the transaction that ends a marked job, after the ledger wrote its row in it (the listener runs last,
	 * and checks that the row is there).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Sabotage {

		final Set<UUID> jobs = ConcurrentHashMap.newKeySet();

		private final JdbcClient jdbc;

		Sabotage(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void on(JobStatusChanged changed) {
			if (jobs.contains(changed.jobId()) && changed.to().isTerminal()) {
				long settlements = jdbc.sql("SELECT count(*) FROM credit_ledger WHERE job_id = :job AND kind = 'SETTLE'")
					.param("job", changed.jobId())
					.query(Long.class)
					.single();
				throw new IllegalStateException("crash after " + settlements + " settlement row(s) of " + changed.jobId());
			}
		}

	}

}
