package com.seedance.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.Upstream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream's callbacks, played by the test over real HTTP, with WireMock as the upstream. Every poller
 * check is an hour away, so only callbacks move a job, except where a test keeps making a check due.
 */
@GatewayIntegrationTest
@Import(TrackingFixtures.class)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class CallbackIntegrationTests {

	static final String PUBLIC_URL = "http://gateway.test";

	static final String VIDEO = "https://cdn.example/v.mp4";

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("seedance.response-timeout", () -> "1s");
		registry.add("gateway.public-url", () -> PUBLIC_URL);
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.poll-interval", () -> "50ms");
		registry.add("gateway.tracking.dispatch-interval", () -> "100ms");
		registry.add("gateway.tracking.first-check", () -> "1h");
		registry.add("gateway.tracking.max-check-interval", () -> "1h");
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TrackingFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	GatewayClient gateway;

	ExecutorService threads = Executors.newFixedThreadPool(10);

	ScheduledExecutorService poker = Executors.newSingleThreadScheduledExecutor();

	@BeforeEach
	void gateway() {
		gateway = new GatewayClient(port);
	}

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
		poker.shutdownNow();
	}

	@Test
	void a_job_succeeds_through_callbacks_and_each_callback_is_answered_at_once() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		UUID jobId = submittedJob(tag, Upstream.task(taskId, "processing"));
		String callbackUrl = callbackUrl(tag);
		assertThat(callbackUrl).startsWith(PUBLIC_URL + "/webhooks/seedance/");

		assertThat(callback(token(callbackUrl), "{\"task_id\":\"" + taskId + "\",\"status\":\"processing\"}").status())
			.isEqualTo(202);
		Job running = fixtures.awaitStatus(jobId, JobStatus.RUNNING);
		assertThat(running.upstreamStatus()).isEqualTo("processing");

		// the query is slow: the callback is answered before it ends
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, VIDEO, "0.500000")
			.withFixedDelay(800)));
		long start = System.nanoTime();
		GatewayClient.Reply reply = callback(token(callbackUrl), "{\"task_id\":\"" + taskId + "\",\"status\":\"success\"}");
		Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.status()).isEqualTo(202);
		assertThat(answeredIn).isLessThan(Duration.ofMillis(800));
		Job done = fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED);
		assertThat(done.videoUrl()).isEqualTo(VIDEO);
		assertThat(done.upstreamTaskId()).isEqualTo(taskId);
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>SUBMITTED", "SUBMITTED>RUNNING", "RUNNING>SUCCEEDED");
		upstream.verify(2, getRequestedFor(urlPathEqualTo(Upstream.QUERY_PATH)).withQueryParam("task_id",
				equalTo(taskId)));
	}

	@Test
	void a_callback_with_a_token_no_job_has_is_not_found_and_changes_nothing() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		UUID jobId = submittedJob(tag, Upstream.succeeded(taskId, VIDEO, "0.5"));
		String realToken = token(callbackUrl(tag));
		long eventsBefore = fixtures.eventCount(jobId);

		GatewayClient.Reply forged = callback(realToken.substring(1) + "x",
				"{\"task_id\":\"" + taskId + "\",\"status\":\"success\"}");

		assertThat(forged.status()).isEqualTo(404);
		assertThat(forged.contentType()).startsWith("application/problem+json");
		assertThat(forged.json().path("code").asString()).isEqualTo("not_found");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(fixtures.job(jobId).status()).isEqualTo(JobStatus.SUBMITTED);
			assertThat(fixtures.eventCount(jobId)).isEqualTo(eventsBefore);
		});
		upstream.verify(0, getRequestedFor(urlPathEqualTo(Upstream.QUERY_PATH)).withQueryParam("task_id",
				equalTo(taskId)));
	}

	@Test
	void a_callback_body_that_lies_is_recorded_but_what_the_query_says_is_applied() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		UUID jobId = submittedJob(tag, Upstream.task(taskId, "processing"));
		String lie = "{\"task_id\":\"" + taskId + "\",\"status\":\"success\",\"result\":{\"video\":\"https://evil.example/x.mp4\"}}";

		assertThat(callback(token(callbackUrl(tag)), lie).status()).isEqualTo(202);

		Job running = fixtures.awaitStatus(jobId, JobStatus.RUNNING);
		assertThat(running.videoUrl()).isNull();
		assertThat(running.upstreamStatus()).isEqualTo("processing");
		assertThat(jdbc.sql("SELECT detail FROM job_event WHERE job_id = :id AND kind = 'CALLBACK'")
			.param("id", jobId).query(String.class).list()).containsExactly(lie);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> fixtures.job(jobId).status() == JobStatus.RUNNING);
	}

	@Test
	void repeated_callbacks_after_success_change_nothing() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		UUID jobId = submittedJob(tag, Upstream.succeeded(taskId, VIDEO, "0.500000"));
		String token = token(callbackUrl(tag));
		assertThat(callback(token, "{}").status()).isEqualTo(202);
		Job done = fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED);

		for (int i = 0; i < 3; i++) {
			assertThat(callback(token, "{\"task_id\":\"" + taskId + "\",\"status\":\"failed\"}").status()).isEqualTo(202);
		}

		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			Job now = fixtures.job(jobId);
			assertThat(now.status()).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(now.updatedAt()).isEqualTo(done.updatedAt());
			assertThat(now.completedAt()).isEqualTo(done.completedAt());
		});
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>SUBMITTED", "SUBMITTED>SUCCEEDED");
		assertThat(fixtures.eventCount(jobId, "CALLBACK")).isEqualTo(4);
	}

	@Test
	void callbacks_racing_each_other_and_the_poller_end_the_job_exactly_once(CapturedOutput output) throws Exception {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		UUID jobId = submittedJob(tag, Upstream.task(taskId, "processing"));
		String token = token(callbackUrl(tag));
		// from now on the poller checks the job on every tick
		poker.scheduleWithFixedDelay(() -> makeCheckDue(jobId), 0, 20, TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.eventCount(jobId, "UPSTREAM_QUERY") >= 3);

		List<Integer> statuses = new ArrayList<>();
		for (int burst = 0; burst < 3; burst++) {
			statuses.addAll(fireConcurrently(10, () -> callback(token, "{\"task_id\":\"" + taskId + "\"}").status()));
		}
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, VIDEO, "0.500000")));
		statuses.addAll(fireConcurrently(10, () -> callback(token, "{\"task_id\":\"" + taskId + "\"}").status()));

		assertThat(statuses).hasSize(40).containsOnly(202);
		Job done = fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED);
		assertThat(done.videoUrl()).isEqualTo(VIDEO);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
			.until(() -> fixtures.job(jobId).status() == JobStatus.SUCCEEDED);
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>SUBMITTED", "SUBMITTED>RUNNING", "RUNNING>SUCCEEDED");
		assertThat(output.getAll()).doesNotContain("Following up a callback for job " + jobId)
			.doesNotContain("Checking job " + jobId + " failed");
	}

	@Test
	void a_callback_reveals_the_task_of_a_submission_whose_outcome_was_unknown() {
		String tag = TrackingFixtures.tag();
		String taskId = "task-" + tag;
		// the create reaches the upstream, but its answer comes after the gateway stopped waiting
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag))
			.willReturn(Upstream.accepted(taskId).withFixedDelay(2000)));
		upstream.stubFor(Upstream.query(taskId).willReturn(Upstream.succeeded(taskId, VIDEO, "0.500000")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		Job unknown = fixtures.awaitStatus(jobId, JobStatus.OUTCOME_UNKNOWN);
		assertThat(unknown.upstreamTaskId()).isNull();

		assertThat(callback(token(callbackUrl(tag)), "{\"task_id\":\"" + taskId + "\",\"status\":\"success\"}").status())
			.isEqualTo(202);

		Job done = fixtures.awaitStatus(jobId, JobStatus.SUCCEEDED);
		assertThat(done.upstreamTaskId()).isEqualTo(taskId);
		assertThat(done.videoUrl()).isEqualTo(VIDEO);
		assertThat(fixtures.statusChanges(jobId)).containsExactly("null>QUEUED", "QUEUED>SUBMITTING",
				"SUBMITTING>OUTCOME_UNKNOWN", "OUTCOME_UNKNOWN>SUBMITTED", "SUBMITTED>SUCCEEDED");
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
	}

	@Test
	void a_callback_for_an_outcome_unknown_job_whose_task_the_upstream_denies_changes_nothing() {
		String tag = TrackingFixtures.tag();
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag))
			.willReturn(Upstream.accepted("task-" + tag).withFixedDelay(2000)));
		upstream.stubFor(Upstream.query("forged-" + tag).willReturn(Upstream.error(404, "task not found")));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		fixtures.awaitStatus(jobId, JobStatus.OUTCOME_UNKNOWN);

		assertThat(callback(token(callbackUrl(tag)), "{\"task_id\":\"forged-" + tag + "\"}").status()).isEqualTo(202);

		// three 404s in a row (the first at once, then the poller's) discard the candidate
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.job(jobId).candidateTaskId() == null
				&& fixtures.eventCount(jobId, "UPSTREAM_QUERY") == 3);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			Job job = fixtures.job(jobId);
			assertThat(job.status()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);
			assertThat(job.upstreamTaskId()).isNull();
			assertThat(fixtures.eventCount(jobId, "UPSTREAM_QUERY")).isEqualTo(3);
		});
		upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tag)));
	}

	@Test
	void cut_off_submissions_whose_callbacks_arrive_while_queries_fail_each_end_with_exactly_one_task() {
		List<String> tags = new ArrayList<>();
		List<UUID> jobIds = new ArrayList<>();
		String team = fixtures.team();
		for (int i = 0; i < 5; i++) {
			String tag = TrackingFixtures.tag();
			// the create reaches the upstream, which makes the task, but the connection breaks before the answer
			upstream.stubFor(Upstream.create().withRequestBody(containing(tag))
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
			upstream.stubFor(Upstream.query("task-" + tag).willReturn(serverError()));
			tags.add(tag);
			jobIds.add(fixtures.job(team, tag).id());
		}
		jobIds.forEach(jobId -> fixtures.awaitStatus(jobId, JobStatus.OUTCOME_UNKNOWN));

		for (String tag : tags) {
			assertThat(callback(token(callbackUrl(tag)), "{\"task_id\":\"task-" + tag + "\",\"status\":\"success\"}")
				.status()).isEqualTo(202);
		}
		// every query fails for a while: the task ids are kept, and nothing is submitted again
		await().atMost(Duration.ofSeconds(5)).until(() -> tags.stream()
			.allMatch(tag -> fixtures.eventCount(jobIds.get(tags.indexOf(tag)), "UPSTREAM_QUERY") >= 3));
		jobIds.forEach(jobId -> assertThat(fixtures.job(jobId).candidateTaskId()).isNotNull());

		tags.forEach(tag -> upstream.stubFor(Upstream.query("task-" + tag)
			.willReturn(Upstream.succeeded("task-" + tag, VIDEO, "0.500000"))));

		// the candidate retries back off from one poll interval (50 ms here) to at most a minute: a few seconds
		for (int i = 0; i < tags.size(); i++) {
			Job done = fixtures.awaitStatus(jobIds.get(i), JobStatus.SUCCEEDED, Duration.ofSeconds(15));
			assertThat(done.upstreamTaskId()).isEqualTo("task-" + tags.get(i));
			upstream.verify(1, postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)).withRequestBody(containing(tags.get(i))));
		}
	}

	private GatewayClient.Reply callback(String token, String body) {
		return gateway.send("POST", "/webhooks/seedance/" + token, null, "application/json", body);
	}

	/** The callback URL the gateway sent with the job's create request. */
	private String callbackUrl(String tag) {
		List<LoggedRequest> creates = await().atMost(Duration.ofSeconds(5))
			.until(() -> upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH))
				.withRequestBody(containing(tag))), found -> !found.isEmpty());
		assertThat(creates).hasSize(1);
		return JSON.readTree(creates.get(0).getBodyAsString()).path("callback_url").asString();
	}

	private static String token(String callbackUrl) {
		return callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
	}

	/** A job submitted as task {@code "task-" + tag}, whose queries answer {@code query}. */
	private UUID submittedJob(String tag, ResponseDefinitionBuilder query) {
		String taskId = "task-" + tag;
		upstream.stubFor(Upstream.create().withRequestBody(containing(tag)).willReturn(Upstream.accepted(taskId)));
		upstream.stubFor(Upstream.query(taskId).willReturn(query));
		UUID jobId = fixtures.job(fixtures.team(), tag).id();
		fixtures.awaitStatus(jobId, JobStatus.SUBMITTED);
		return jobId;
	}

	private void makeCheckDue(UUID jobId) {
		jdbc.sql("""
				UPDATE job SET next_check_at = now() - interval '1 second'
				 WHERE id = :id AND status IN ('SUBMITTED', 'RUNNING')""").param("id", jobId).update();
	}

	private <T> List<T> fireConcurrently(int count, java.util.concurrent.Callable<T> work) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(threads.submit(() -> {
				start.await();
				return work.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(10, TimeUnit.SECONDS));
		}
		return results;
	}

}
