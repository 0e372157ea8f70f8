package com.seedance.gateway.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;

/** {@code GATEWAY_MONTHLY_CREDITS} caps all teams together, as exactly as a team's own limit. */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.monthly-credits=1.5")
class GlobalCapIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	ExecutorService threads = Executors.newFixedThreadPool(16);

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void teams_without_limits_racing_each_other_stay_within_the_gateways_monthly_cap() throws Exception {
		List<String> keys = List.of(teams.keyFor(teams.create()), teams.keyFor(teams.create()),
				teams.keyFor(teams.create()), teams.keyFor(teams.create()));
		GatewayClient client = new GatewayClient(port);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reply>> futures = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String key = keys.get(i % keys.size());
			Callable<Reply> create = () -> {
				start.await();
				return client.post("/jobs", key, JobRequests.text("a cat").duration(5).json());
			};
			futures.add(threads.submit(create));
		}
		start.countDown();
		List<Reply> replies = new ArrayList<>();
		for (Future<Reply> future : futures) {
			replies.add(future.get(30, TimeUnit.SECONDS));
		}

		// 0.5 credits a job against a cap of 1.5
		assertThat(replies).filteredOn(reply -> reply.status() == 202).hasSize(3);
		assertThat(replies).filteredOn(reply -> reply.status() == 429).hasSize(13).allSatisfy(reply -> {
			assertThat(reply.json().get("limit").asString()).isEqualTo("global_monthly_credits");
			assertThat(reply.header("Retry-After")).isPresent();
		});
		assertThat(jdbc.sql("SELECT sum(reserved) FROM team_usage_month").query(java.math.BigDecimal.class).single())
			.isEqualByComparingTo("1.5");
	}

}
