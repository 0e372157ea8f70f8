package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.Upstream;

/**
 * An instance stopped while its dispatcher holds two claims: one whose upstream call is under way (WireMock answers
 * slowly) and one still waiting for a thread (the pool has one). Closing the instance hands the waiting claim back
 * to the queue at once and lets the call under way finish and store its task before the context is closed.
 */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
class ShutdownIntegrationTests {

	static final Duration SLOW_CREATE = Duration.ofSeconds(3);

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void stopping_hands_back_the_claim_not_yet_sent_and_stores_the_result_of_the_call_under_way() throws Exception {
		String team = fixtures.team();
		String sentTag = TrackingFixtures.tag();
		String waitingTag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(sentTag))
			.willReturn(Upstream.accepted("task-" + sentTag).withFixedDelay((int) SLOW_CREATE.toMillis())));
		upstream.stubFor(Upstream.create().withRequestBody(containing(waitingTag))
			.willReturn(Upstream.accepted("task-" + waitingTag)));
		UUID sent = fixtures.job(team, sentTag).id();
		UUID waiting = fixtures.job(team, waitingTag).id();

		ConfigurableApplicationContext instance = startInstance();
		try {
			// one tick claims both, oldest first: the first takes the pool's one thread, the second waits for it
			await().atMost(Duration.ofSeconds(30)).until(() -> creates(sentTag) == 1);
			assertThat(fixtures.job(waiting).status()).isEqualTo(JobStatus.SUBMITTING);
		}
		finally {
			instance.close();
		}

		Job submitted = fixtures.job(sent);
		assertThat(submitted.status()).isEqualTo(JobStatus.SUBMITTED);
		assertThat(submitted.upstreamTaskId()).isEqualTo("task-" + sentTag);
		Job handedBack = fixtures.job(waiting);
		assertThat(handedBack.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(fixtures.statusChanges(waiting)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>QUEUED");
		assertThat(lastDetail(waiting)).startsWith("handed back unsent: ");
		assertThat(jdbc.sql("SELECT lease_until IS NULL AND claimed_by IS NULL FROM job WHERE id = :id")
			.param("id", waiting).query(Boolean.class).single()).as("lease released").isTrue();
		assertThat(creates(waitingTag)).isZero();
		assertThat(creates(sentTag)).isEqualTo(1);
	}

	@Test
	void an_instance_whose_shutdown_phase_could_cut_an_upstream_call_off_does_not_start() {
		Map<String, String> settings = Map.of("gateway.tracking.enabled", "true",
				"spring.lifecycle.timeout-per-shutdown-phase", "40s"); // the longest call: 5 s + 30 s + 5 s

		assertThatThrownBy(() -> SecondInstance.start(dataSource, settings)).rootCause()
			.hasMessageStartingWith("spring.lifecycle.timeout-per-shutdown-phase (PT40S) must be longer than the"
					+ " longest upstream call (PT40S");
	}

	/** An instance of its own, so the test can close it; its pool has one thread, so a second claim waits. */
	private ConfigurableApplicationContext startInstance() throws Exception {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("seedance.base-url", upstream.baseUrl());
		settings.put("gateway.tracking.enabled", "true");
		settings.put("gateway.tracking.dispatch-interval", "100ms");
		settings.put("gateway.tracking.submit-batch", "2");
		settings.put("gateway.poll-interval", "1h");
		settings.put("spring.threads.virtual.enabled", "false");
		settings.put("spring.task.execution.pool.core-size", "1");
		return SecondInstance.start(dataSource, settings);
	}

	private int creates(String tag) {
		return upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)))
			.size();
	}

	private String lastDetail(UUID job) {
		return jdbc.sql("SELECT detail FROM job_event WHERE job_id = :id ORDER BY id DESC LIMIT 1").param("id", job)
			.query(String.class).single();
	}

}
