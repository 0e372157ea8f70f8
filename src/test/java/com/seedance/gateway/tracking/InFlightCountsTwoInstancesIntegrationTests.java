package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.seedance.gateway.jobs.InFlightCounts;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobNotCancellable;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.InFlightRecount;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.Upstream;
import com.seedance.gateway.teams.Quota;

/**
 * Two instances move jobs in and out of in-flight at once, every way there is (claims, tasks that succeed or fail,
 * rejected and failed submissions queued again, outcomes unknown until the grace queues them again, cancels), and
 * the teams' in-flight counts equal the jobs counted again in every committed state sampled meanwhile, and at the
 * end.
 */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@DirtiesContext
class InFlightCountsTwoInstancesIntegrationTests {

	static final int JOBS = 36;

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final Map<String, String> SETTINGS = new LinkedHashMap<>();

	static {
		SETTINGS.put("gateway.tracking.enabled", "true");
		SETTINGS.put("gateway.max-in-flight", "4");
		SETTINGS.put("gateway.poll-interval", "50ms");
		SETTINGS.put("gateway.submit-grace", "300ms");
		SETTINGS.put("gateway.tracking.dispatch-interval", "100ms");
		SETTINGS.put("gateway.tracking.first-check", "100ms");
		SETTINGS.put("gateway.tracking.max-check-interval", "150ms");
		SETTINGS.put("gateway.tracking.retry-base", "50ms");
		SETTINGS.put("gateway.tracking.retry-max", "200ms");
		SETTINGS.put("gateway.tracking.submit-concurrency", "2");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		SETTINGS.forEach((name, value) -> registry.add(name, () -> value));
	}

	static @Nullable ConfigurableApplicationContext second;

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	InFlightCounts counts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void the_counts_equal_the_jobs_in_every_state_two_instances_commit() throws Exception {
		second = startSecondInstance();
		List<String> teams = List.of(fixtures.team(new Quota(2, null, null)), fixtures.team(), fixtures.team());
		List<String> differences = new CopyOnWriteArrayList<>();
		AtomicLong samples = new AtomicLong();
		AtomicLong maxInFlight = new AtomicLong();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleWithFixedDelay(() -> {
			differences.addAll(InFlightRecount.differences(jdbc));
			maxInFlight.accumulateAndGet(jdbc.sql("SELECT coalesce(sum(in_flight), 0) FROM team_in_flight")
				.query(Long.class).single(), Math::max);
			samples.incrementAndGet();
		}, 0, 5, TimeUnit.MILLISECONDS);

		List<UUID> jobs = new ArrayList<>();
		try {
			for (int i = 0; i < JOBS; i++) {
				String tag = TrackingFixtures.tag();
				stub(tag, i % 6);
				UUID job = fixtures.job(teams.get(i % 3), tag).id();
				jobs.add(job);
				if (i % 6 == 5) {
					cancelIfStillQueued(teams.get(i % 3), job);
				}
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> jobs.stream().allMatch(job -> fixtures.job(job).status().isTerminal()));
		}
		finally {
			sampler.shutdownNow();
			sampler.awaitTermination(5, TimeUnit.SECONDS);
		}

		assertThat(samples.get()).isGreaterThan(10);
		assertThat(differences).isEmpty();
		assertThat(maxInFlight.get()).isBetween(2L, 4L);
		assertThat(jdbc.sql("SELECT coalesce(sum(in_flight), 0) FROM team_in_flight WHERE team_id IN (:teams)")
			.param("teams", teams).query(Long.class).single()).isZero();
		assertThat(counts.recount()).isZero();
		// both instances claimed, and every kind of move happened
		assertThat(jdbc.sql("""
				SELECT count(DISTINCT detail) FROM job_event
				 WHERE kind = 'STATUS_CHANGED' AND to_status = 'SUBMITTING' AND job_id IN (:ids)""")
			.param("ids", jobs).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("""
				SELECT DISTINCT from_status || '>' || to_status FROM job_event
				 WHERE kind = 'STATUS_CHANGED' AND job_id IN (:ids)""")
			.param("ids", jobs).query(String.class).list()).contains("SUBMITTING>QUEUED", "SUBMITTING>OUTCOME_UNKNOWN",
					"OUTCOME_UNKNOWN>QUEUED", "SUBMITTING>FAILED", "RUNNING>SUCCEEDED", "RUNNING>FAILED",
					"QUEUED>CANCELLED");
	}

	/**
	 * The task of the job tagged {@code tag}, by {@code kind}: 0 succeeds; 1 fails upstream; 2 is rejected; 3 meets a
	 * 503 first (queued again), then succeeds; 4 meets a 504 first (outcome unknown, queued again after the grace),
	 * then succeeds; 5 is cancelled if it is still queued, and succeeds otherwise.
	 */
	private static void stub(String tag, int kind) {
		String taskId = "task-" + tag;
		if (kind == 2) {
			upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.error(400, "invalid")));
			return;
		}
		if (kind == 3 || kind == 4) {
			upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).inScenario(tag)
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(Upstream.error(kind == 3 ? 503 : 504, "try again"))
				.willSetStateTo("second"));
			upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).inScenario(tag)
				.whenScenarioStateIs("second")
				.willReturn(Upstream.accepted(taskId)));
		}
		else {
			upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		}
		ResponseDefinitionBuilder end = kind == 1 ? Upstream.failed(taskId, "failed", "no")
				: Upstream.succeeded(taskId, "https://cdn.example/" + tag + ".mp4", "0.500000");
		upstream.stubFor(Upstream.query(taskId).inScenario("query-" + tag).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Upstream.task(taskId, "processing")).willSetStateTo("done"));
		upstream.stubFor(Upstream.query(taskId).inScenario("query-" + tag).whenScenarioStateIs("done").willReturn(end));
	}

	private void cancelIfStillQueued(String team, UUID job) {
		try {
			lifecycle.cancel(team, job);
		}
		catch (JobNotCancellable ex) {
			// the dispatcher got to it first: it runs like kind 0
		}
	}

	private ConfigurableApplicationContext startSecondInstance() throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
		settings.put("seedance.base-url", upstream.baseUrl());
		return SecondInstance.start(dataSource, settings);
	}

}
