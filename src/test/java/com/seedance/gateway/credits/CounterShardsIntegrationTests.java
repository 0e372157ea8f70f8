package com.seedance.gateway.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.TeamSettings;
import com.seedance.gateway.teams.Teams;

/**
 * The usage counters split into shards (V10): the jobs of a team without limits are counted without waiting for
 * each other's commits, and a limit set later counts what the shards hold. (That a limited team's counters stay exact
 * under races is QuotaIntegrationTests'.)
 */
@GatewayIntegrationTest
@Import(CounterShardsIntegrationTests.Hold.class)
class CounterShardsIntegrationTests {

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	Hold hold;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Teams administration;

	ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void release() {
		hold.release();
		threads.shutdownNow();
	}

	@Test
	void a_team_without_limits_is_admitted_on_other_connections_while_one_admission_waits_to_commit() throws Exception {
		String team = teams.create(new Quota(null, null, null));
		hold.arm(team);
		Future<UUID> held = threads.submit(() -> jobs.accept(team));
		hold.awaitHeld();

		List<Future<UUID>> others = IntStream.range(0, 6).mapToObj(i -> threads.submit(() -> jobs.accept(team))).toList();

		// each other admission commits, unless its connection counts in the held one's shard: then it waits for it
		await().atMost(Duration.ofSeconds(10)).until(() -> hold.committed.size() + shardsWaitingForALock().size() == 6);
		assertThat(shardsWaitingForALock()).allSatisfy(shard -> assertThat(shard).isEqualTo(hold.heldShard()));
		assertThat(hold.committed).as("admissions on other shards").isNotEmpty();
		assertThat(held).isNotDone();

		hold.release();
		held.get(10, TimeUnit.SECONDS);
		for (Future<UUID> other : others) {
			other.get(10, TimeUnit.SECONDS);
		}
		assertThat(jobsToday(team)).isEqualTo(7);
	}

	@Test
	void jobs_counted_while_a_team_had_no_limit_count_against_the_limits_set_later() {
		String team = teams.create(new Quota(null, null, null));
		for (int i = 0; i < 3; i++) {
			jobs.accept(team); // 0.5 credits each
		}

		limit(team, new Quota(null, 4, new BigDecimal("2.00")));
		jobs.accept(team);

		assertThat(refusal(team)).isEqualTo("daily_jobs");
		limit(team, new Quota(null, 10, new BigDecimal("2.00")));
		assertThat(refusal(team)).isEqualTo("monthly_credits");
		assertThat(jobsToday(team)).isEqualTo(4);
	}

	private void limit(String team, Quota quota) {
		administration.change(team, settings -> new TeamSettings(settings.name(), quota));
	}

	/** The limit that refuses the team's next job, or null when it is accepted. */
	private @Nullable Object refusal(String team) {
		try {
			jobs.accept(team);
			return null;
		}
		catch (QuotaExceeded refused) {
			return refused.properties().get("limit");
		}
	}

	/**
	 * The shards ({@code counter_shard()} of their connection) of the job creations now waiting for a row lock, in the
	 * job's insert (the status count) or in the quota step.
	 */
	private List<Integer> shardsWaitingForALock() {
		return jdbc.sql("""
				SELECT 1 + pid % 15 FROM pg_stat_activity
				 WHERE datname = current_database() AND wait_event_type = 'Lock'
				   AND query ~ '^\\s*WITH (job|quota) AS'""").query(Integer.class).list();
	}

	private long jobsToday(String team) {
		return jdbc.sql("SELECT sum(jobs) FROM team_usage_day WHERE team_id = :team").param("team", team)
			.query(Long.class).single();
	}

	/**
	 * Holds the transaction of the first job of the team {@link #arm} names open after its quota step (this
	 * listener runs after every other listener of the creation), and records which of the team's later jobs committed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Hold {

		final Map<UUID, Boolean> committed = new ConcurrentHashMap<>();

		private final JdbcClient jdbc;

		private volatile @Nullable String armedTeam;

		private volatile @Nullable UUID heldJob;

		private volatile int heldShard;

		private volatile CountDownLatch held = new CountDownLatch(1);

		private volatile CountDownLatch release = new CountDownLatch(1);

		Hold(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		void arm(String team) {
			held = new CountDownLatch(1);
			release = new CountDownLatch(1);
			heldJob = null;
			committed.clear();
			armedTeam = team;
		}

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void on(JobStatusChanged changed) throws InterruptedException {
			if (!changed.isCreation() || !changed.teamId().equals(armedTeam)) {
				return;
			}
			if (heldJob == null) {
				heldJob = changed.jobId();
				heldShard = jdbc.sql("SELECT counter_shard()").query(Integer.class).single();
				held.countDown();
				release.await(30, TimeUnit.SECONDS);
			}
		}

		@TransactionalEventListener
		void committed(JobStatusChanged changed) {
			if (changed.isCreation() && changed.teamId().equals(armedTeam) && !changed.jobId().equals(heldJob)) {
				committed.put(changed.jobId(), true);
			}
		}

		void awaitHeld() throws InterruptedException {
			assertThat(held.await(10, TimeUnit.SECONDS)).as("the first admission is held").isTrue();
		}

		int heldShard() {
			return heldShard;
		}

		void release() {
			release.countDown();
		}

	}

}
