package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.Upstream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Timeouts, the submit grace, lease expiry, backoff and candidate tasks, on a clock the test moves: the
 * dispatcher and the poller are ticked by hand, so nothing waits for real time to pass.
 */
@GatewayIntegrationTest
@Import({ TrackingFixtures.class, MutableClockConfiguration.class })
@DirtiesContext
class TrackingOnAClockIntegrationTests {

	static final Duration POLL = Duration.ofSeconds(5);

	static final Duration GRACE = Duration.ofMinutes(10);

	static final Duration LEASE = Duration.ofMinutes(2);

	static final Duration JOB_TIMEOUT = Duration.ofHours(1);

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("seedance.response-timeout", () -> "2s");
		registry.add("gateway.public-url", () -> "http://gateway.test");
		registry.add("gateway.tracking.enabled", () -> "false");
		registry.add("gateway.poll-interval", () -> "5s");
		registry.add("gateway.submit-grace", () -> "10m");
		registry.add("gateway.job-timeout", () -> "1h");
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Poller poller;

	@Autowired
	TaskCheck taskCheck;

	@Autowired
	JobQueue queue;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void noWorkLeftFromOtherTests() {
		// every test ends its jobs; a far-away clock makes anything left over due, so it is worked off here
		upstream.resetAll();
	}

	@Test
	void a_callback_reveals_the_task_of_a_cut_off_submission_while_queries_fail_and_the_job_still_gets_exactly_one_task() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.error(504, "gateway timeout")));
		upstream.stubFor(Upstream.query(taskId).willReturn(serverError()));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);

		assertThat(callback(tag, "{\"task_id\":\"" + taskId + "\",\"status\":\"processing\"}")).isEqualTo(202);
		await().until(() -> queries(taskId) == 1);
		Instant revealed = clock.instant();
		await().until(() -> nextCheckAt(jobId) != null && nextCheckAt(jobId).equals(revealed.plus(POLL)));
		assertThat(fixtures.job(jobId).candidateTaskId()).isEqualTo(taskId);

		// the grace ends while the queries keep failing: the job is not submitted again
		List<Duration> waits = new java.util.ArrayList<>();
		Instant checkedAt = revealed;
		while (clock.instant().isBefore(revealed.plus(GRACE).plus(Duration.ofMinutes(2)))) {
			clock.set(nextCheckAt(jobId));
			dispatcher.tick();
			poller.tick();
			waits.add(Duration.between(checkedAt, clock.instant()));
			checkedAt = clock.instant();
		}
		assertThat(waits).startsWith(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
				Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60));
		assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(1)));
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);

		// the queries recover: within one more check the job adopts the task and follows it to the end
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.500000")));
		clock.set(nextCheckAt(jobId));
		poller.tick();

		Job done = fixtures.job(jobId);
		assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(done.upstreamTaskId()).isEqualTo(taskId);
		assertThat(done.candidateTaskId()).isNull();
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>OUTCOME_UNKNOWN", "OUTCOME_UNKNOWN>SUBMITTED", "SUBMITTED>SUCCEEDED");
	}

	@Test
	void a_callback_that_overtook_its_submissions_result_is_followed_up_as_for_the_submitted_job() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.5")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUBMITTED);

		// the callback's follow-up found the job still submitting; by the time it acts, the submission's result is in
		taskCheck.candidateRevealed(jobId, taskId);

		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(fixtures.job(jobId).candidateTaskId()).isNull();
	}

	@Test
	void a_candidate_the_upstream_does_not_know_three_times_is_discarded_and_the_job_is_submitted_again() {
		String tag = TrackingFixtures.tag();
		String bogus = "task-bogus-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.error(504, "gateway timeout")));
		upstream.stubFor(Upstream.query(bogus).willReturn(Upstream.error(404, "task not found")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		assertThat(callback(tag, "{\"data\":{\"task_id\":\"" + bogus + "\"}}")).isEqualTo(202);
		// the callback's follow-up runs after its answer: wait for its 404 to be counted, not just for its query
		await().until(() -> queries(bogus) == 1 && notFoundChecks(jobId) == 1);

		clock.set(nextCheckAt(jobId));
		poller.tick();
		assertThat(fixtures.job(jobId).candidateTaskId()).isEqualTo(bogus);
		clock.set(nextCheckAt(jobId));
		poller.tick();

		assertThat(fixtures.job(jobId).candidateTaskId()).isNull();
		assertThat(queries(bogus)).isEqualTo(3);
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted("task-" + tag)));
		clock.advance(GRACE);
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUBMITTED);
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>OUTCOME_UNKNOWN", "OUTCOME_UNKNOWN>QUEUED", "QUEUED>SUBMITTING", "SUBMITTING>SUBMITTED");
		assertThat(statusDetail(jobId, "OUTCOME_UNKNOWN", "QUEUED")).startsWith("possible duplicate");
	}

	@Test
	void a_submission_whose_instance_died_waits_out_the_grace_then_is_submitted_again_as_a_possible_duplicate() {
		String tag = TrackingFixtures.tag();
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		// an instance claims the job and dies before it records anything
		Instant claimedAt = clock.instant();
		queue.claimForSubmission(1000, 1000, claimedAt, claimedAt.plus(LEASE), "dead-instance");
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted("task-" + tag)));

		clock.set(claimedAt.plus(LEASE).minusSeconds(1));
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUBMITTING);
		clock.set(claimedAt.plus(LEASE).plusSeconds(1));
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);
		clock.advance(GRACE.minusSeconds(1));
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);
		clock.advance(Duration.ofSeconds(1));
		dispatcher.tick();

		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUBMITTED);
		assertThat(fixtures.job(jobId).submitAttempts()).isEqualTo(2);
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
		assertThat(statusDetail(jobId, "SUBMITTING", "OUTCOME_UNKNOWN")).startsWith("submit lease expired");
		assertThat(statusDetail(jobId, "OUTCOME_UNKNOWN", "QUEUED")).startsWith("possible duplicate");
	}

	@Test
	void checks_back_off_by_half_again_each_time_up_to_the_cap_and_a_task_unfinished_after_the_job_timeout_fails() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.task(taskId, "processing")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		Instant submittedAt = fixtures.job(jobId).submittedAt();
		assertThat(nextCheckAt(jobId)).isEqualTo(submittedAt.plus(POLL.multipliedBy(6)));

		List<Duration> waits = new java.util.ArrayList<>();
		while (fixtures.job(jobId).status() != JobStatus.FAILED) {
			Instant due = nextCheckAt(jobId);
			clock.set(due);
			poller.tick();
			if (fixtures.job(jobId).status() != JobStatus.FAILED) {
				waits.add(Duration.between(due, nextCheckAt(jobId)));
			}
		}

		// 30 s, then ×1.5 each check, capped at 60 poll intervals (5 min)
		assertThat(waits).startsWith(Duration.ofSeconds(45), Duration.ofMillis(67_500), Duration.ofMillis(101_250));
		assertThat(waits).contains(Duration.ofMinutes(5)).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(5)));
		Job failed = fixtures.job(jobId);
		assertThat(failed.error().code()).isEqualTo(JobError.TIMEOUT);
		assertThat(failed.completedAt()).isBetween(submittedAt.plus(JOB_TIMEOUT), submittedAt.plus(JOB_TIMEOUT).plus(Duration.ofMinutes(5)));
		assertThat(failed.upstreamStatus()).isEqualTo("processing");

		// the upstream may still finish, and charge, the task: it is looked at every 15 minutes for 24 hours
		assertThat(nextCheckAt(jobId)).isEqualTo(failed.completedAt().plus(Duration.ofMinutes(15)));
		clock.set(nextCheckAt(jobId));
		poller.tick();
		assertThat(nextCheckAt(jobId)).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, "https://cdn.example/v.mp4", "0.400000")));
		clock.set(nextCheckAt(jobId));
		poller.tick();

		Job charged = fixtures.job(jobId);
		assertThat(charged.status()).isEqualTo(JobStatus.FAILED);
		assertThat(charged.consumed()).isEqualByComparingTo("0.4");
		assertThat(nextCheckAt(jobId)).isNull();
		assertThat(fixtures.eventCount(jobId, "TIMED_OUT_CHARGE")).isEqualTo(1);
	}

	@Test
	void a_timed_out_task_still_unfinished_a_day_later_is_no_longer_watched() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.task(taskId, "processing")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		clock.advance(JOB_TIMEOUT);
		poller.tick();
		Instant timedOutAt = fixtures.job(jobId).completedAt();
		assertThat(fixtures.job(jobId).error().code()).isEqualTo(JobError.TIMEOUT);

		int checks = 0;
		while (nextCheckAt(jobId) != null) {
			clock.set(nextCheckAt(jobId));
			poller.tick();
			checks++;
		}

		assertThat(clock.instant()).isBetween(timedOutAt.plus(Duration.ofHours(24)),
				timedOutAt.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(15)));
		assertThat(checks).isEqualTo(24 * 4);
		assertThat(fixtures.job(jobId).consumed()).isNull();
		assertThat(fixtures.eventCount(jobId, "TIMED_OUT_CHARGE")).isEqualTo(1);
	}

	@Test
	void a_transient_failure_is_retried_only_after_its_backoff() {
		String tag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.error(503, "busy")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		dispatcher.tick();
		assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.QUEUED);

		clock.advance(Duration.ofMillis(1500));
		dispatcher.tick();
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));

		// the first retry waits 2 s ±20 %
		clock.advance(Duration.ofMillis(1000));
		dispatcher.tick();
		upstream.verify(2, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
	}

	private int callback(String tag, String body) {
		String callbackUrl = JSON.readTree(upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH))
			.withRequestBody(containing(tag))).get(0).getBodyAsString()).path("callback_url").asString();
		String token = callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
		return new GatewayClient(port).post("/webhooks/seedance/" + token, null, body).status();
	}

	private int queries(String taskId) {
		return upstream.findAll(getRequestedFor(urlPathEqualTo(Upstream.QUERY_PATH))
			.withQueryParam("task_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(taskId))).size();
	}

	private int notFoundChecks(UUID jobId) {
		return jdbc.sql("SELECT not_found_checks FROM job WHERE id = :id").param("id", jobId).query(Integer.class).single();
	}

	private Instant nextCheckAt(UUID jobId) {
		OffsetDateTime at = jdbc.sql("SELECT next_check_at FROM job WHERE id = :id")
			.param("id", jobId)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.list()
			.get(0);
		return at == null ? null : at.toInstant();
	}

	private String statusDetail(UUID jobId, String from, String to) {
		return jdbc.sql("""
				SELECT detail FROM job_event
				 WHERE job_id = :id AND kind = 'STATUS_CHANGED' AND from_status = :from AND to_status = :to""")
			.param("id", jobId)
			.param("from", from)
			.param("to", to)
			.query(String.class)
			.single();
	}

}
