package com.seedance.gateway.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * The quotas over real HTTP, with requests spread over two gateway instances on one database: a limit is never
 * overshot by a race, a refused request counts nothing, and the figures a team sees come from the ledger.
 */
@GatewayIntegrationTest
@DirtiesContext
class QuotaIntegrationTests {

	static @Nullable ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	List<GatewayClient> instances;

	ExecutorService threads = Executors.newFixedThreadPool(25);

	@BeforeEach
	void twoInstances() throws Exception {
		if (second == null) {
			second = SecondInstance.start(dataSource, Map.of());
		}
		instances = List.of(new GatewayClient(port), new GatewayClient(SecondInstance.port(second)));
	}

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void fifty_simultaneous_creates_against_a_daily_quota_of_five_accept_exactly_five() throws Exception {
		String team = teams.create(new Quota(null, 5, null));

		List<Reply> replies = simultaneously(50, team, JobRequests.text("a cat").json());

		assertThat(replies).filteredOn(reply -> reply.status() == 202).hasSize(5);
		List<Reply> refused = replies.stream().filter(reply -> reply.status() == 429).toList();
		assertThat(refused).hasSize(45).allSatisfy(reply -> {
			assertThat(reply.contentType()).startsWith("application/problem+json");
			assertThat(reply.json().get("code").asString()).isEqualTo("quota_exceeded");
			assertThat(reply.json().get("limit").asString()).isEqualTo("daily_jobs");
			assertThat(reply.json().get("resets_at").asString())
				.isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
			assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
		});
		assertThat(jobs(team)).isEqualTo(5);
		assertThat(ledgerRows(team, "RESERVE")).isEqualTo(5);
		assertThat(usage(team).get("used").get("jobs_today").asLong()).isEqualTo(5);
	}

	@Test
	void credits_of_one_at_half_a_credit_a_job_admit_exactly_two() throws Exception {
		String team = teams.create(new Quota(null, null, new BigDecimal("1.00")));

		// 5 seconds at the default 0.1 credits a second: 0.5 a job
		List<Reply> replies = simultaneously(20, team, JobRequests.text("a cat").duration(5).json());

		assertThat(replies).filteredOn(reply -> reply.status() == 202).hasSize(2);
		assertThat(replies).filteredOn(reply -> reply.status() == 429).hasSize(18)
			.allSatisfy(reply -> assertThat(reply.json().get("limit").asString()).isEqualTo("monthly_credits"));
		assertThat(jobs(team)).isEqualTo(2);
		var usage = usage(team);
		assertThat(usage.get("reserved").get("credits_this_month").asString()).isEqualTo("1.000000");
		assertThat(usage.get("used").get("credits_this_month").asString()).isEqualTo("0.000000");
	}

	@Test
	void a_job_whose_estimate_is_larger_than_the_whole_limit_is_refused_without_retry_after() {
		String team = teams.create(new Quota(null, null, new BigDecimal("1.00")));

		Reply reply = instances.get(0).post("/jobs", teams.keyFor(team), JobRequests.text("a cat").duration(15).json());

		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.json().get("limit").asString()).isEqualTo("monthly_credits");
		assertThat(reply.json().get("detail").asString()).contains("1.5");
		assertThat(reply.header("Retry-After")).isEmpty();
		assertThat(jobs(team)).isZero();
	}

	@Test
	void a_daily_quota_of_zero_refuses_without_retry_after_and_counts_nothing() {
		String team = teams.create(new Quota(null, 0, null));

		Reply reply = instances.get(1).post("/jobs", teams.keyFor(team), JobRequests.text("a cat").json());

		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.header("Retry-After")).isEmpty();
		assertThat(jobs(team)).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM team_usage_day WHERE team_id = :team").param("team", team)
			.query(Long.class).single()).isZero();
	}

	@Test
	void lowering_a_limit_below_use_refuses_new_jobs_and_touches_none_already_accepted() {
		String team = teams.create(new Quota(null, 10, null));
		String key = teams.keyFor(team);
		for (int i = 0; i < 3; i++) {
			assertThat(instances.get(i % 2).post("/jobs", key, JobRequests.text("a cat").json()).status()).isEqualTo(202);
		}

		assertThat(instances.get(0).admin("PATCH", "/admin/teams/" + team, Map.of("quota", Map.of("daily_jobs", 2)))
			.status()).isEqualTo(200);

		assertThat(instances.get(1).post("/jobs", key, JobRequests.text("a cat").json()).status()).isEqualTo(429);
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team AND status = 'QUEUED'").param("team", team)
			.query(Long.class).single()).isEqualTo(3);
		assertThat(instances.get(0).admin("PATCH", "/admin/teams/" + team, Map.of("quota", Map.of("daily_jobs", 4)))
			.status()).isEqualTo(200);
		assertThat(instances.get(1).post("/jobs", key, JobRequests.text("a cat").json()).status()).isEqualTo(202);
	}

	@Test
	void usage_shows_used_and_reserved_credits_to_the_team_and_to_operators() {
		String team = teams.create(new Quota(2, 10, new BigDecimal("100")));
		String key = teams.keyFor(team);
		instances.get(0).post("/jobs", key, JobRequests.text("a cat").duration(10).json());
		instances.get(1).post("/jobs", key, JobRequests.text("a dog").duration(5).json());

		var usage = usage(team);
		var admin = instances.get(1).admin("GET", "/admin/teams/" + team, null).json();
		var days = instances.get(0).admin("GET", "/admin/usage?team=" + team, null).json();

		assertThat(usage.get("limits").get("monthly_credits").asString()).isEqualTo("100.000000");
		assertThat(usage.get("used").get("jobs_today").asLong()).isEqualTo(2);
		assertThat(usage.get("used").get("jobs_queued").asLong()).isEqualTo(2);
		assertThat(usage.get("reserved").get("credits_this_month").asString()).isEqualTo("1.500000");
		assertThat(admin.get("usage").get("jobs_today").asLong()).isEqualTo(2);
		assertThat(admin.get("reserved").get("credits_this_month").asString()).isEqualTo("1.500000");
		assertThat(days.get("items")).singleElement().satisfies(day -> {
			assertThat(day.get("team").asString()).isEqualTo(team);
			assertThat(day.get("day").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
			assertThat(day.get("jobs").asLong()).isEqualTo(2);
			assertThat(day.get("credits_used").asString()).isEqualTo("0.000000");
			assertThat(day.get("credits_reserved").asString()).isEqualTo("1.500000");
		});
	}

	@Test
	void the_admin_usage_range_is_validated() {
		GatewayClient admin = instances.get(0);

		assertThat(admin.admin("GET", "/admin/usage?from=2026-13-01", null).errorFields()).containsExactly("from");
		assertThat(admin.admin("GET", "/admin/usage?from=2026-02-01&to=2026-01-01", null).errorFields())
			.containsExactly("from");
		assertThat(admin.admin("GET", "/admin/usage?from=2024-01-01&to=2026-01-01", null).errorFields())
			.containsExactly("to");
		assertThat(admin.admin("GET", "/admin/usage?from=2026-01-01&to=2026-01-31", null).status()).isEqualTo(200);
	}

	/** {@code count} creates of one body by the team, released together and spread over both instances. */
	private List<Reply> simultaneously(int count, String team, String body) throws Exception {
		String key = teams.keyFor(team);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reply>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			GatewayClient instance = instances.get(i % 2);
			Callable<Reply> create = () -> {
				start.await();
				return instance.post("/jobs", key, body);
			};
			futures.add(threads.submit(create));
		}
		start.countDown();
		List<Reply> replies = new ArrayList<>();
		for (Future<Reply> future : futures) {
			replies.add(future.get(30, TimeUnit.SECONDS));
		}
		return replies;
	}

	private tools.jackson.databind.JsonNode usage(String team) {
		return instances.get(0).get("/usage", teams.keyFor(team)).json();
	}

	private long jobs(String team) {
		return jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team").param("team", team).query(Long.class).single();
	}

	private long ledgerRows(String team, String kind) {
		return jdbc.sql("SELECT count(*) FROM credit_ledger WHERE team_id = :team AND kind = :kind")
			.param("team", team)
			.param("kind", kind)
			.query(Long.class)
			.single();
	}

}
