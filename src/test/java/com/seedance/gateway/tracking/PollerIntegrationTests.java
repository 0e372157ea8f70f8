package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.Upstream;
import com.seedance.gateway.upstream.UpstreamHealthIndicator;

/** The dispatcher and the poller alone (no callbacks) against WireMock over real HTTP. */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.com.seedance.gateway.upstream=debug")
class PollerIntegrationTests {

	static final String UPSTREAM_KEY = "dk-0123456789abcdef";

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("seedance.api-key", () -> UPSTREAM_KEY);
		registry.add("seedance.response-timeout", () -> "2s");
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.poll-interval", () -> "100ms");
		registry.add("gateway.tracking.dispatch-interval", () -> "100ms");
		registry.add("gateway.tracking.first-check", () -> "200ms");
		registry.add("gateway.tracking.max-check-interval", () -> "500ms");
		registry.add("gateway.tracking.retry-base", () -> "200ms");
		registry.add("gateway.tracking.retry-max", () -> "500ms");
		registry.add("gateway.tracking.unauthorized-pause", () -> "300ms");
	}

	static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UpstreamHealthIndicator upstreamHealth;

	@Test
	void a_job_is_submitted_once_and_succeeds_through_the_poller_alone() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Upstream.task(taskId, "processing")).willSetStateTo("done"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("done")
			.willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.500000")));

		Job job = fixtures.job(fixtures.team(), tag);

		Job done = fixtures.awaitStatus(job.id(), JobStatus.SUCCEEDED, WAIT);
		assertThat(done.upstreamTaskId()).isEqualTo(taskId);
		assertThat(done.videoUrl()).isEqualTo("https://cdn.example/v.mp4");
		assertThat(done.consumed()).isEqualByComparingTo("0.5");
		assertThat(done.submittedAt()).isNotNull();
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("callback_url")));
		assertThat(fixtures.statusChanges(job.id())).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>SUBMITTED", "SUBMITTED>RUNNING", "RUNNING>SUCCEEDED");
		assertThat(fixtures.upstreamCalls(job.id())).contains("UPSTREAM_CREATE 200", "UPSTREAM_QUERY 200");
	}

	@Test
	void an_upstream_failure_fails_the_job_with_its_message() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.failed(taskId, "FAILED", "content policy violation")));

		Job done = fixtures.awaitStatus(fixtures.job(fixtures.team(), tag).id(), JobStatus.FAILED, WAIT);

		assertThat(done.error()).isEqualTo(JobError.of(JobError.UPSTREAM_FAILED, "content policy violation"));
		assertThat(done.upstreamStatus()).isEqualTo("FAILED");
	}

	@Test
	void a_rejected_job_fails_with_the_upstream_message_and_is_not_retried() {
		String tag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag))
			.willReturn(Upstream.error(400, "invalid parameters: ratio")));

		Job done = fixtures.awaitStatus(fixtures.job(fixtures.team(), tag).id(), JobStatus.FAILED, WAIT);

		assertThat(done.error()).isEqualTo(JobError.of(JobError.UPSTREAM_REJECTED, "invalid parameters: ratio"));
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
	}

	@Test
	void server_errors_and_garbage_are_retried_and_the_job_still_ends_right() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).inScenario(tag)
			.whenScenarioStateIs(Scenario.STARTED).willReturn(serverError()).willSetStateTo("create-ok"));
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).inScenario(tag)
			.whenScenarioStateIs("create-ok").willReturn(Upstream.accepted(taskId)).willSetStateTo("query-garbage"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("query-garbage")
			.willReturn(okJson("<html>oops</html>")).willSetStateTo("query-500"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("query-500")
			.willReturn(serverError()).willSetStateTo("query-ok"));
		upstream.stubFor(Upstream.query(taskId).inScenario(tag).whenScenarioStateIs("query-ok")
			.willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.500000")));

		UUID jobId = fixtures.job(fixtures.team(), tag).id();

		fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED, WAIT);
		upstream.verify(2, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
		assertThat(fixtures.statusChanges(jobId)).containsSubsequence("QUEUED>SUBMITTING", "SUBMITTING>QUEUED",
				"QUEUED>SUBMITTING", "SUBMITTING>SUBMITTED", "SUBMITTED>SUCCEEDED");
	}

	@Test
	void an_unknown_status_word_keeps_the_job_running_with_the_word_recorded() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.task(taskId, "Rendering-Frames")));

		UUID jobId = fixtures.job(fixtures.team(), tag).id();

		Job running = fixtures.awaitStatus(jobId, JobStatus.RUNNING, WAIT);
		assertThat(running.upstreamStatus()).isEqualTo("Rendering-Frames");
		// the timeout that ends it is tested on a movable clock: TrackingOnAClockIntegrationTests
		await().atMost(WAIT).until(() -> fixtures.job(jobId).checks() >= 3);
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.RUNNING);
	}

	@Test
	void a_task_the_upstream_no_longer_knows_ends_as_lost() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.error(404, "task not found")));

		Job done = fixtures.awaitStatus(fixtures.job(fixtures.team(), tag).id(), JobStatus.FAILED, WAIT);

		assertThat(done.error().code()).isEqualTo(JobError.UPSTREAM_LOST);
	}

	@Test
	void a_refused_key_keeps_jobs_queued_and_the_upstream_down_until_it_is_fixed() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).inScenario(tag)
			.willReturn(Upstream.error(401, "authentication failed")));

		UUID jobId = fixtures.job(fixtures.team(), tag).id();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(upstreamHealth.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(upstream.countRequestsMatching(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH))
				.withRequestBody(containing(tag)).build()).getCount()).isGreaterThanOrEqualTo(2);
		});
		assertThat(fixtures.job(jobId).status().toClient().wireName()).isEqualTo("queued");

		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.5")));

		fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED, WAIT);
		assertThat(upstreamHealth.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void the_upstream_key_is_sent_in_the_header_and_never_appears_in_logs_events_or_jobs(CapturedOutput output) {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.5")));
		String rejectedTag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(rejectedTag))
			.willReturn(Upstream.error(401, "authentication failed")));

		String team = fixtures.team();
		UUID jobId = fixtures.job(team, tag).id();
		UUID refusedId = fixtures.job(team, rejectedTag).id();
		fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED, WAIT);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> fixtures.upstreamCalls(refusedId).contains("UPSTREAM_CREATE 401"));

		upstream.verify(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag))
			.withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + UPSTREAM_KEY))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(UPSTREAM_KEY)));
		assertThat(output.getAll()).contains("/api/task/query -> succeeded").doesNotContain(UPSTREAM_KEY);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM job_event e JOIN job j ON j.id = e.job_id
				 WHERE e.detail LIKE :key OR j::text LIKE :key""")
			.param("key", "%" + UPSTREAM_KEY + "%").query(Long.class).single()).isZero();
	}

}
