package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.Upstream;
import com.seedance.gateway.teams.Quota;


/**
 * Two gateway instances, each with its dispatcher and poller, sharing one database and one upstream: every
 * job is sent once and ends once, and the in-flight limits hold over both.
 */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@DirtiesContext
class TwoInstancesIntegrationTests {

	static final int MAX_IN_FLIGHT = 3;

	static final int TEAM_LIMIT = 2;

	static final String IN_FLIGHT = "('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')";

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final Map<String, String> SETTINGS = new LinkedHashMap<>();

	static {
		SETTINGS.put("gateway.tracking.enabled", "true");
		SETTINGS.put("gateway.max-in-flight", String.valueOf(MAX_IN_FLIGHT));
		SETTINGS.put("gateway.poll-interval", "50ms");
		SETTINGS.put("gateway.tracking.dispatch-interval", "50ms");
		SETTINGS.put("gateway.tracking.first-check", "100ms");
		SETTINGS.put("gateway.tracking.max-check-interval", "150ms");
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
	void two_instances_send_every_job_once_finish_it_once_and_keep_the_in_flight_limits() throws Exception {
		second = startSecondInstance();
		String limited = fixtures.team(new Quota(TEAM_LIMIT, null, null));
		String unlimited = fixtures.team();
		AtomicLong maxInFlight = new AtomicLong();
		AtomicLong maxLimitedInFlight = new AtomicLong();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleWithFixedDelay(() -> jdbc.sql("""
				SELECT count(*) FILTER (WHERE status IN %1$s) AS total,
				       count(*) FILTER (WHERE status IN %1$s AND team_id = :limited) AS limited
				  FROM job""".formatted(IN_FLIGHT)).param("limited", limited).query((rs, row) -> {
			maxInFlight.accumulateAndGet(rs.getLong("total"), Math::max);
			maxLimitedInFlight.accumulateAndGet(rs.getLong("limited"), Math::max);
			return row;
		}).list(), 0, 5, TimeUnit.MILLISECONDS);

		Map<String, UUID> byTag = new LinkedHashMap<>();
		try {
			for (int i = 0; i < 20; i++) {
				String tag = TrackingFixtures.tag();
				stubTask(tag);
				byTag.put(tag, fixtures.job(i % 5 < 2 ? limited : unlimited, tag).id());
			}

			await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
					SELECT count(*) FROM job WHERE status = 'SUCCEEDED' AND team_id IN (:teams)""")
				.param("teams", List.of(limited, unlimited)).query(Long.class).single() == 20);
		}
		finally {
			sampler.shutdownNow();
			sampler.awaitTermination(5, TimeUnit.SECONDS);
		}

		List<String> taskIds = new ArrayList<>();
		for (Map.Entry<String, UUID> entry : byTag.entrySet()) {
			Job job = fixtures.job(entry.getValue());
			assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(job.videoUrl()).isEqualTo("https://cdn.example/" + entry.getKey() + ".mp4");
			taskIds.add(job.upstreamTaskId());
			upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH))
				.withRequestBody(containing(entry.getKey())));
			assertThat(terminalEvents(entry.getValue())).isEqualTo(1);
		}
		assertThat(taskIds).doesNotHaveDuplicates();
		assertThat(maxInFlight.get()).isBetween(2L, (long) MAX_IN_FLIGHT);
		assertThat(maxLimitedInFlight.get()).isBetween(1L, (long) TEAM_LIMIT);
		// both instances took part
		assertThat(jdbc.sql("""
				SELECT count(DISTINCT detail) FROM job_event
				 WHERE kind = 'STATUS_CHANGED' AND to_status = 'SUBMITTING' AND job_id IN (:ids)""")
			.param("ids", byTag.values()).query(Long.class).single()).isEqualTo(2);
	}

	/** The task of the job tagged {@code tag}: processing twice, then success. */
	private static void stubTask(String tag) {
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Upstream.task(taskId, "pending")).willSetStateTo("processing"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("processing")
			.willReturn(Upstream.task(taskId, "processing")).willSetStateTo("done"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("done")
			.willReturn(Upstream.succeeded(taskId, "https://cdn.example/" + tag + ".mp4", "0.500000")));
	}

	private long terminalEvents(UUID jobId) {
		return jdbc.sql("""
				SELECT count(*) FROM job_event
				 WHERE job_id = :id AND kind = 'STATUS_CHANGED' AND to_status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')""")
			.param("id", jobId).query(Long.class).single();
	}

	/** A second gateway on this test's database and upstream, with the same settings. */
	private ConfigurableApplicationContext startSecondInstance() throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
		settings.put("seedance.base-url", upstream.baseUrl());
		return SecondInstance.start(dataSource, settings);
	}

}
