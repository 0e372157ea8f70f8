package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.Upstream;

/**
 * The dispatcher runs when there is work, not on its tick: the tick here is an hour away, so every job sent
 * upstream was sent because a notification woke the dispatcher (a job created, a slot freed).
 */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@DirtiesContext
class DispatchWakeUpIntegrationTests {

	static final int MAX_IN_FLIGHT = 2;

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.tracking.dispatch-interval", () -> "1h");
		registry.add("gateway.poll-interval", () -> "1h");
		registry.add("gateway.max-in-flight", () -> String.valueOf(MAX_IN_FLIGHT));
	}

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JobLifecycle lifecycle;

	final List<UUID> started = new ArrayList<>();

	@AfterEach
	void finishTheJobs() {
		// frees the slots for the next test
		for (UUID job : started) {
			fixtures.awaitStatus(job, JobStatus.SUBMITTED, Duration.ofSeconds(20));
			lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
		}
	}

	@Test
	void a_job_created_while_a_slot_is_free_is_sent_upstream_at_once() {
		UUID job = job(Upstream.accepted("task-" + UUID.randomUUID()));

		fixtures.awaitStatus(job, JobStatus.SUBMITTED, Duration.ofSeconds(5));
	}

	@Test
	void a_slot_freed_sends_the_next_queued_job_at_once() {
		UUID first = job(Upstream.accepted("task-" + UUID.randomUUID()));
		UUID second = job(Upstream.accepted("task-" + UUID.randomUUID()));
		UUID third = job(Upstream.accepted("task-" + UUID.randomUUID()));
		fixtures.awaitStatus(first, JobStatus.SUBMITTED);
		fixtures.awaitStatus(second, JobStatus.SUBMITTED);
		assertThat(fixtures.job(third).status()).isEqualTo(JobStatus.QUEUED);

		started.remove(first);
		lifecycle.succeed(first, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);

		fixtures.awaitStatus(third, JobStatus.SUBMITTED, Duration.ofSeconds(5));
	}

	@Test
	void a_slow_upstream_call_does_not_hold_up_the_next_job() {
		UUID slow = job(Upstream.accepted("task-" + UUID.randomUUID()).withFixedDelay(6000));
		fixtures.awaitStatus(slow, JobStatus.SUBMITTING);

		UUID next = job(Upstream.accepted("task-" + UUID.randomUUID()));

		fixtures.awaitStatus(next, JobStatus.SUBMITTED, Duration.ofSeconds(4));
		assertThat(fixtures.job(slow).status()).isEqualTo(JobStatus.SUBMITTING);
	}

	private UUID job(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		String tag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(answer));
		UUID job = fixtures.job(fixtures.team(), tag).id();
		started.add(job);
		return job;
	}

}
