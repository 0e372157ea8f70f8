package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobNotCancellable;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.Upstream;

/** Clients cancelling jobs while the dispatcher is sending them: each job has exactly one winner. */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@DirtiesContext
class CancelRaceIntegrationTests {

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.tracking.dispatch-interval", () -> "20ms");
		registry.add("gateway.tracking.submit-batch", () -> "2");
		// two calls at a time, each slow: the dispatch loop is still sending while the cancellers run, however fast
		// the machine, so both outcomes occur
		registry.add("gateway.tracking.submit-concurrency", () -> "2");
		registry.add("gateway.tracking.first-check", () -> "1h");
	}

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JdbcClient jdbc;

	ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void a_job_cancelled_while_the_dispatcher_runs_is_either_cancelled_and_never_sent_or_sent_once_and_not_cancelled()
			throws Exception {
		upstream.stubFor(Upstream.create().willReturn(okJson("""
				{"code":0,"message":"ok","data":{"task_id":"task-{{randomValue type='UUID'}}"}}""")
			.withFixedDelay(60).withTransformers("response-template")));
		String team = fixtures.team();
		Map<String, Job> byTag = new ConcurrentHashMap<>();
		for (int i = 0; i < 40; i++) {
			String tag = TrackingFixtures.tag();
			byTag.put(tag, fixtures.job(team, tag));
		}
		List<String> tags = new ArrayList<>(byTag.keySet());
		Collections.shuffle(tags);
		// the dispatcher has started on them
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team AND status <> 'QUEUED'")
				.param("team", team).query(Long.class).single() > 0);

		Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> cancellers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			List<String> mine = tags.subList(t * 10, t * 10 + 10);
			cancellers.add(threads.submit(() -> {
				start.await();
				for (String tag : mine) {
					try {
						lifecycle.cancel(team, byTag.get(tag).id());
						cancelled.put(tag, true);
					}
					catch (JobNotCancellable refused) {
						cancelled.put(tag, false);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> canceller : cancellers) {
			canceller.get(20, TimeUnit.SECONDS);
		}

		await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				SELECT count(*) FROM job WHERE team_id = :team AND status IN ('QUEUED', 'SUBMITTING', 'OUTCOME_UNKNOWN')""")
			.param("team", team).query(Long.class).single() == 0);
		assertThat(cancelled).hasSize(40);
		assertThat(cancelled).containsValue(true).containsValue(false);
		for (String tag : tags) {
			Job job = fixtures.job(byTag.get(tag).id());
			int creates = upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH))
				.withRequestBody(containing(tag))).size();
			if (cancelled.get(tag)) {
				assertThat(job.status()).as(tag).isEqualTo(JobStatus.CANCELLED);
				assertThat(creates).as(tag).isZero();
			}
			else {
				assertThat(job.status()).as(tag).isEqualTo(JobStatus.SUBMITTED);
				assertThat(job.upstreamTaskId()).as(tag).startsWith("task-").doesNotContain("{{");
				assertThat(creates).as(tag).isEqualTo(1);
			}
		}
	}

}
