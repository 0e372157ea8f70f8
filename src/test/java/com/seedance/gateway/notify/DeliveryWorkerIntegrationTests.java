package com.seedance.gateway.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.transaction.support.TransactionTemplate;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.notify.Deliveries.Attempt;
import com.seedance.gateway.notify.Deliveries.Delivery;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.WebhookSecrets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications end to end: jobs end through their real transitions, the outbox row commits with the end, and the
 * worker (ticked by hand on a clock the test moves) signs and POSTs to WireMock over real HTTP. Secrets are
 * encrypted at rest here ({@code GATEWAY_SECRETS_KEY} set); only localhost may receive notifications.
 */
@GatewayIntegrationTest
@Import(MutableClockConfiguration.class)
@DirtiesContext
class DeliveryWorkerIntegrationTests {

	static final String SECRETS_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final Duration LEASE = Duration.ofMinutes(1);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("gateway.deliveries.enabled", () -> "false");
		registry.add("gateway.deliveries.batch", () -> "5");
		registry.add("gateway.deliveries.lease", () -> "1m");
		registry.add("gateway.deliveries.connect-timeout", () -> "1s");
		registry.add("gateway.deliveries.response-timeout", () -> "1s");
		registry.add("gateway.notify-allowed-hosts", () -> "localhost");
		registry.add("gateway.secrets-key", () -> SECRETS_KEY);
	}

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRepository jobs;

	@Autowired
	TestTeams teams;

	@Autowired
	WebhookSecrets secrets;

	@Autowired
	Deliveries deliveries;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@LocalServerPort
	int port;

	GatewayClient gateway;

	ExecutorService threads = Executors.newFixedThreadPool(2);

	@BeforeEach
	void setUp() {
		gateway = new GatewayClient(port);
		receiver.resetAll();
	}

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void a_job_that_ends_is_delivered_once_signed_with_the_job_as_get_shows_it() {
		String team = teams.create();
		String secret = secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);

		Delivery pending = delivery(jobId);
		assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(pending.eventType()).isEqualTo("job.cancelled");
		worker.tick();

		LoggedRequest request = requestsTo(path).get(0);
		assertThat(requestsTo(path)).hasSize(1);
		assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
		assertThat(request.getHeader("webhook-id")).isEqualTo(pending.webhookId()).startsWith("msg_");
		assertThat(request.getHeader("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
		assertSignedBy(request, secret);
		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("type", "timestamp", "data");
		assertThat(body.get("type").stringValue()).isEqualTo("job.cancelled");
		assertThat(Instant.parse(body.get("timestamp").stringValue())).isEqualTo(jobs.findById(jobId).orElseThrow().completedAt());
		Reply shown = gateway.get("/jobs/" + jobId, teams.keyFor(team));
		assertThat(body.get("data")).isEqualTo(shown.json());

		Delivery delivered = delivery(jobId);
		assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(delivered.deliveredAt()).isEqualTo(clock.instant());
		assertThat(delivered.nextAttemptAt()).isNull();
		assertThat(delivered.tries()).extracting(Attempt::httpStatus).containsExactly(200);
		clock.advance(Duration.ofDays(2));
		worker.tick();
		assertThat(requestsTo(path)).hasSize(1);
	}

	@Test
	void succeeded_and_failed_jobs_are_notified_with_their_type_and_a_job_without_notify_url_is_not() {
		String team = teams.create();
		secrets.issue(team);
		String url = receiver.baseUrl() + path();
		UUID succeeded = lifecycle.accept(team, request(url)).id();
		UUID failed = lifecycle.accept(team, request(url)).id();
		UUID silent = endedJob(team, null);
		Instant now = clock.instant();
		Map<UUID, Integer> attempts = queue.claimForSubmission(100, 100, now, now.plus(LEASE), "test").stream()
			.collect(Collectors.toMap(JobQueue.SubmissionClaim::jobId, JobQueue.SubmissionClaim::attempt));
		lifecycle.markSubmitted(succeeded, attempts.get(succeeded), "task-1", now.plusSeconds(60));
		assertThat(deliveries.ofJob(succeeded)).isEmpty();
		lifecycle.succeed(succeeded, "success", "https://cdn.example/v.mp4", null);
		lifecycle.failSubmission(failed, attempts.get(failed), JobError.of(JobError.UPSTREAM_REJECTED, "no"));

		assertThat(delivery(succeeded).eventType()).isEqualTo("job.succeeded");
		assertThat(delivery(failed).eventType()).isEqualTo("job.failed");
		assertThat(deliveries.ofJob(silent)).isEmpty();
		assertThat(payload(succeeded).get("data").get("video_url").stringValue()).isEqualTo("https://cdn.example/v.mp4");
		assertThat(payload(failed).get("data").get("error").get("code").stringValue()).isEqualTo("upstream_rejected");
	}

	@Test
	void a_transition_that_rolls_back_leaves_no_message_and_one_that_commits_leaves_exactly_one() {
		String team = teams.create();
		UUID jobId = lifecycle.accept(team, request(receiver.baseUrl() + path())).id();

		transactions.executeWithoutResult(status -> {
			lifecycle.cancel(team, jobId);
			status.setRollbackOnly();
		});

		assertThat(jobs.findById(jobId).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
		assertThat(deliveries.ofJob(jobId)).isEmpty();
		lifecycle.cancel(team, jobId);
		assertThat(rowCount(jobId)).isEqualTo(1);
	}

	@Test
	void a_delivery_is_retried_after_500s_and_a_timeout_with_the_same_webhook_id_and_both_secrets_verify_during_a_rotation() {
		String team = teams.create();
		String oldSecret = secrets.issue(team);
		String newSecret = secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).inScenario(path).whenScenarioStateIs(STARTED).willReturn(serverError())
			.willSetStateTo("slow"));
		receiver.stubFor(post(path).inScenario(path).whenScenarioStateIs("slow")
			.willReturn(ok().withFixedDelay(3000)).willSetStateTo("fine"));
		receiver.stubFor(post(path).inScenario(path).whenScenarioStateIs("fine").willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);

		Instant first = clock.instant();
		worker.tick();
		Delivery afterFirst = delivery(jobId);
		assertThat(afterFirst.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(afterFirst.lastError()).isEqualTo("HTTP 500");
		assertThat(afterFirst.attempts()).isEqualTo(1);
		assertThat(afterFirst.nextAttemptAt()).isBetween(first.plusSeconds(5), first.plusSeconds(6));

		Instant second = dueAndTick(jobId);
		Delivery afterSecond = delivery(jobId);
		assertThat(afterSecond.lastError()).isEqualTo("no response within PT1S");
		assertThat(afterSecond.nextAttemptAt()).isBetween(second.plusSeconds(30), second.plusSeconds(36));

		Instant third = dueAndTick(jobId);
		Delivery done = delivery(jobId);
		assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(done.tries()).extracting(Attempt::httpStatus).containsExactly(500, null, 200);
		assertThat(done.tries()).extracting(Attempt::at).containsExactly(first, second, third);
		assertThat(done.tries().get(1).durationMs()).isBetween(900L, 2900L);
		List<LoggedRequest> requests = requestsTo(path);
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting(request -> request.getHeader("webhook-id")).containsOnly(done.webhookId());
		assertThat(requests).extracting(request -> request.getHeader("webhook-timestamp")).containsExactly(
				seconds(first), seconds(second), seconds(third));
		assertThat(requests).allSatisfy(request -> {
			assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
			assertSignedBy(request, newSecret);
			assertSignedBy(request, oldSecret);
		});
	}

	@Test
	void a_day_after_a_rotation_only_the_new_secret_signs_and_the_old_one_is_deleted_at_the_next_rotation() {
		String team = teams.create();
		String oldSecret = secrets.issue(team);
		String newSecret = secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		clock.advance(WebhookSecrets.ROTATION_OVERLAP.plusSeconds(1));
		endedJob(team, receiver.baseUrl() + path);

		worker.tick();

		LoggedRequest request = requestsTo(path).get(0);
		assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(1);
		assertSignedBy(request, newSecret);
		assertThat(verifies(request, oldSecret)).isFalse();
		assertThat(secretRows(team)).isEqualTo(2);
		secrets.issue(team);
		assertThat(secretRows(team)).isEqualTo(2);
	}

	@Test
	void a_redirect_is_not_followed_and_counts_as_a_failed_try() {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(aResponse().withStatus(307).withHeader("Location", receiver.baseUrl() + path + "/moved")));
		receiver.stubFor(post(path + "/moved").willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);

		worker.tick();

		Delivery delivery = delivery(jobId);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(delivery.lastError()).isEqualTo("HTTP 307 (redirects are not followed)");
		assertThat(delivery.tries()).extracting(Attempt::httpStatus).containsExactly(307);
		assertThat(requestsTo(path + "/moved")).isEmpty();
	}

	@Test
	void a_host_the_allow_list_no_longer_names_fails_at_delivery_without_a_try() {
		String team = teams.create();
		secrets.issue(team);
		// accepted before the allow-list changed: jobs created now through the API would be refused
		UUID jobId = endedJob(team, "http://elsewhere.example/hooks");

		worker.tick();

		Delivery delivery = delivery(jobId);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(delivery.lastError()).isEqualTo("refused: host elsewhere.example is not in GATEWAY_NOTIFY_ALLOWED_HOSTS");
		assertThat(delivery.tries()).isEmpty();
		assertThat(delivery.nextAttemptAt()).isNull();
		clock.advance(Duration.ofDays(2));
		worker.tick();
		assertThat(delivery(jobId).status()).isEqualTo(DeliveryStatus.FAILED);
	}

	@Test
	void a_crash_between_transition_and_delivery_still_delivers_exactly_one_message() {
		String team = teams.create();
		String secret = secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);
		Instant claimedAt = clock.instant();
		// a worker claims the row and dies before sending: only its lease is left behind
		assertThat(deliveries.claim(100, claimedAt, claimedAt.plus(LEASE))).extracting(Deliveries.Claim::webhookId)
			.contains(delivery(jobId).webhookId());

		worker.tick();
		assertThat(requestsTo(path)).isEmpty();
		clock.advance(LEASE.minusSeconds(1));
		worker.tick();
		assertThat(requestsTo(path)).isEmpty();
		clock.advance(Duration.ofSeconds(1));
		worker.tick();
		clock.advance(Duration.ofHours(30));
		worker.tick();

		assertThat(requestsTo(path)).hasSize(1);
		assertSignedBy(requestsTo(path).get(0), secret);
		assertThat(delivery(jobId).status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(delivery(jobId).tries()).hasSize(1);
	}

	@Test
	void a_message_claimed_and_released_unsent_at_shutdown_is_due_at_once_not_after_its_lease() {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);
		Instant claimedAt = clock.instant();
		List<Deliveries.Claim> claims = deliveries.claim(100, claimedAt, claimedAt.plus(LEASE));
		assertThat(claims).extracting(Deliveries.Claim::webhookId).contains(delivery(jobId).webhookId());

		deliveries.release(claims, claimedAt);
		worker.tick();

		assertThat(requestsTo(path)).hasSize(1);
		assertThat(delivery(jobId).status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(delivery(jobId).tries()).hasSize(1);
	}

	@Test
	void two_workers_claiming_at_once_never_deliver_one_message_twice() throws Exception {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok().withFixedDelay(50)));
		List<UUID> jobIds = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			jobIds.add(endedJob(team, receiver.baseUrl() + path));
		}

		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Void>> workers = List.of(1, 2).stream()
			.map(n -> CompletableFuture.runAsync(() -> {
				await(start);
				worker.tick();
			}, threads))
			.toList();
		start.countDown();
		CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();

		Map<String, Long> sent = requestsTo(path).stream()
			.collect(Collectors.groupingBy(request -> request.getHeader("webhook-id"), Collectors.counting()));
		assertThat(sent).hasSize(30).allSatisfy((webhookId, times) -> assertThat(times).isEqualTo(1));
		assertThat(jobIds).allSatisfy(jobId -> {
			assertThat(delivery(jobId).status()).isEqualTo(DeliveryStatus.DELIVERED);
			assertThat(delivery(jobId).tries()).hasSize(1);
		});
	}

	@Test
	void a_team_without_a_secret_keeps_its_messages_waiting_untried_until_it_gets_one() {
		String team = teams.create();
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);

		worker.tick();
		clock.advance(Duration.ofHours(30));
		worker.tick();

		Delivery waiting = delivery(jobId);
		assertThat(requestsTo(path)).isEmpty();
		assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(waiting.attempts()).isZero();
		assertThat(waiting.tries()).isEmpty();
		assertThat(waiting.lastError()).isEqualTo(DeliveryWorker.NO_SECRET);
		assertThat(waiting.nextAttemptAt()).isAfter(clock.instant());
		Reply created = gateway.admin("POST", "/admin/teams/" + team + "/webhook-secret", null);
		assertThat(created.status()).isEqualTo(201);
		assertThat(delivery(jobId).nextAttemptAt()).isEqualTo(clock.instant());

		worker.tick();

		assertThat(requestsTo(path)).hasSize(1);
		assertSignedBy(requestsTo(path).get(0), created.json().get("secret").stringValue());
		assertThat(delivery(jobId).status()).isEqualTo(DeliveryStatus.DELIVERED);
	}

	@Test
	void with_a_secrets_key_the_secret_is_not_in_the_database_in_clear() {
		String team = "enc-" + UUID.randomUUID().toString().substring(0, 8);
		Reply created = gateway.admin("POST", "/admin/teams", Map.of("id", team, "name", "Encrypted"));
		String secret = created.json().get("webhook_secret").stringValue();
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));

		Map<String, Object> row = jdbc.sql("SELECT secret, encrypted FROM team_webhook_secret WHERE team_id = :team")
			.param("team", team).query().singleRow();
		byte[] stored = (byte[]) row.get("secret");
		assertThat(row.get("encrypted")).isEqualTo(true);
		assertThat(stored).hasSize(12 + secret.length() + 16);
		assertThat(indexOf(stored, secret.getBytes())).isEqualTo(-1);
		assertThat(indexOf(stored, secret.substring("whsec_".length()).getBytes())).isEqualTo(-1);
		assertThat(indexOf(stored, key)).isEqualTo(-1);
		assertThat(secrets.signingSecrets(team, clock.instant())).containsExactly(secret);
		JsonNode health = gateway.get("/actuator/health", null).json().get("components").get("secrets");
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("details").get("encrypted").booleanValue()).isTrue();
	}

	@Test
	void retries_go_on_for_more_than_a_day_on_the_documented_schedule_then_the_delivery_fails() {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(serverError()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);

		worker.tick();
		while (delivery(jobId).status() == DeliveryStatus.PENDING) {
			clock.set(delivery(jobId).nextAttemptAt());
			worker.tick();
		}

		Delivery failed = delivery(jobId);
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.lastError()).isEqualTo("HTTP 500");
		assertThat(failed.attempts()).isEqualTo(19);
		List<Instant> tries = failed.tries().stream().map(Attempt::at).toList();
		assertThat(tries).hasSize(19);
		assertThat(Duration.between(tries.get(0), tries.get(18))).isGreaterThan(Duration.ofHours(25).plusMinutes(42));
		List<Duration> nominal = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
				Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));
		for (int i = 1; i < tries.size(); i++) {
			Duration expected = i <= nominal.size() ? nominal.get(i - 1) : Duration.ofHours(2);
			assertThat(Duration.between(tries.get(i - 1), tries.get(i))).as("wait before try %d", i + 1)
				.isBetween(expected, expected.multipliedBy(12).dividedBy(10));
		}
		assertThat(requestsTo(path)).hasSize(19);
		clock.advance(Duration.ofDays(3));
		worker.tick();
		assertThat(requestsTo(path)).hasSize(19);
	}

	@Test
	void a_redelivery_sends_the_same_message_again_on_a_fresh_schedule() {
		String team = teams.create();
		String secret = secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);
		worker.tick();
		Delivery delivered = delivery(jobId);
		clock.advance(Duration.ofHours(1));

		Reply redelivered = gateway.admin("POST", "/admin/deliveries/" + delivered.id() + "/redeliver", null);

		assertThat(redelivered.status()).isEqualTo(202);
		assertThat(redelivered.json().get("status").stringValue()).isEqualTo("pending");
		assertThat(Instant.parse(redelivered.json().get("next_attempt_at").stringValue())).isEqualTo(clock.instant());
		worker.tick();
		List<LoggedRequest> requests = requestsTo(path);
		assertThat(requests).hasSize(2);
		assertThat(requests).extracting(request -> request.getHeader("webhook-id")).containsOnly(delivered.webhookId());
		assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
		assertSignedBy(requests.get(1), secret);
		Delivery again = delivery(jobId);
		assertThat(again.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(again.attempts()).isEqualTo(1);
		assertThat(again.tries()).hasSize(2);
	}

	@Test
	void operators_list_deliveries_newest_first_with_filters_and_every_try() {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(serverError()));
		UUID older = endedJob(team, receiver.baseUrl() + path);
		UUID newer = endedJob(team, receiver.baseUrl() + path);
		worker.tick();

		Reply all = gateway.admin("GET", "/admin/deliveries?team=" + team, null);
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().get("items").valueStream().map(item -> item.get("job_id").stringValue()))
			.containsExactly(newer.toString(), older.toString());
		JsonNode item = all.json().get("items").get(0);
		assertThat(item.get("team").stringValue()).isEqualTo(team);
		assertThat(item.get("event_type").stringValue()).isEqualTo("job.cancelled");
		assertThat(item.get("status").stringValue()).isEqualTo("pending");
		assertThat(item.get("attempts").get(0).get("http_status").intValue()).isEqualTo(500);
		assertThat(item.get("attempts").get(0).get("error").stringValue()).isEqualTo("HTTP 500");
		assertThat(item.has("payload")).isFalse();

		Reply firstPage = gateway.admin("GET", "/admin/deliveries?team=" + team + "&limit=1", null);
		String cursor = firstPage.json().get("next_cursor").stringValue();
		Reply secondPage = gateway.admin("GET", "/admin/deliveries?team=" + team + "&limit=1&cursor=" + cursor, null);
		assertThat(secondPage.json().get("items").get(0).get("job_id").stringValue()).isEqualTo(older.toString());
		assertThat(gateway.admin("GET", "/admin/deliveries?job=" + older, null).json().get("items")).hasSize(1);
		assertThat(gateway.admin("GET", "/admin/deliveries?team=" + team + "&status=delivered", null).json().get("items"))
			.isEmpty();
		assertThat(gateway.admin("GET", "/admin/deliveries/" + delivery(older).id(), null).json().get("job_id").stringValue())
			.isEqualTo(older.toString());
	}

	@Test
	void bad_filters_and_ids_are_400_and_unknown_deliveries_404() {
		Reply bad = gateway.admin("GET", "/admin/deliveries?status=lost&job=42&limit=0&cursor=nope", null);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("code").stringValue()).isEqualTo("validation_failed");
		assertThat(bad.errorFields()).containsExactlyInAnyOrder("status", "job", "limit", "cursor");

		Reply badId = gateway.admin("POST", "/admin/deliveries/42/redeliver", null);
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.errorFields()).containsExactly("id");
		assertThat(gateway.admin("GET", "/admin/deliveries/42", null).status()).isEqualTo(400);

		UUID unknown = UUID.randomUUID();
		Reply missing = gateway.admin("POST", "/admin/deliveries/" + unknown + "/redeliver", null);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").stringValue()).isEqualTo("not_found");
		assertThat(gateway.admin("GET", "/admin/deliveries/" + unknown, null).status()).isEqualTo(404);
		assertThat(gateway.get("/admin/deliveries", teams.keyFor(teams.create())).status()).isEqualTo(401);
	}

	@Test
	void a_team_reads_its_own_jobs_deliveries_and_another_teams_job_is_404() {
		String team = teams.create();
		secrets.issue(team);
		String path = path();
		receiver.stubFor(post(path).willReturn(ok()));
		UUID jobId = endedJob(team, receiver.baseUrl() + path);
		UUID running = lifecycle.accept(team, request(receiver.baseUrl() + path)).id();
		worker.tick();
		String key = teams.keyFor(team);

		Reply own = gateway.get("/jobs/" + jobId + "/deliveries", key);

		assertThat(own.status()).isEqualTo(200);
		JsonNode item = own.json().get("items").get(0);
		assertThat(own.json().get("items")).hasSize(1);
		assertThat(item.get("status").stringValue()).isEqualTo("delivered");
		assertThat(item.get("webhook_id").stringValue()).isEqualTo(delivery(jobId).webhookId());
		assertThat(item.get("attempts").get(0).get("http_status").intValue()).isEqualTo(200);
		assertThat(gateway.get("/jobs/" + running + "/deliveries", key).json().get("items")).isEmpty();
		Reply other = gateway.get("/jobs/" + jobId + "/deliveries", teams.keyFor(teams.create()));
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.json().get("code").stringValue()).isEqualTo("not_found");
		assertThat(gateway.get("/jobs/not-a-job/deliveries", key).status()).isEqualTo(404);
		lifecycle.cancel(team, running);
	}

	@Test
	void the_api_document_describes_the_delivery_endpoints() {
		JsonNode paths = gateway.get("/v3/api-docs", null).json().get("paths");

		assertThat(paths.get("/admin/deliveries").get("get").get("security").get(0).has("adminToken")).isTrue();
		assertThat(paths.get("/admin/deliveries/{id}/redeliver").get("post").get("responses").has("202")).isTrue();
		assertThat(paths.get("/jobs/{id}/deliveries").get("get").get("security").get(0).has("teamKey")).isTrue();
	}

	private Instant dueAndTick(UUID jobId) {
		clock.set(delivery(jobId).nextAttemptAt());
		Instant at = clock.instant();
		worker.tick();
		return at;
	}

	private UUID endedJob(String team, @Nullable String url) {
		UUID jobId = lifecycle.accept(team, request(url)).id();
		lifecycle.cancel(team, jobId);
		return jobId;
	}

	private static JobRequest request(@Nullable String notifyUrl) {
		return new JobRequest("seedance-2.0", "[{\"type\":\"text\",\"text\":\"A cat walks through a garden\"}]", 5,
				"16:9", Map.of("project", "hooks"), notifyUrl);
	}

	private Delivery delivery(UUID jobId) {
		List<Delivery> found = deliveries.ofJob(jobId);
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	private JsonNode payload(UUID jobId) {
		return JSON.readTree(jdbc.sql("SELECT payload FROM webhook_delivery WHERE job_id = :job").param("job", jobId)
			.query(String.class).single());
	}

	private long rowCount(UUID jobId) {
		return jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE job_id = :job").param("job", jobId)
			.query(Long.class).single();
	}

	private long secretRows(String team) {
		return jdbc.sql("SELECT count(*) FROM team_webhook_secret WHERE team_id = :team").param("team", team)
			.query(Long.class).single();
	}

	private static String path() {
		return "/hooks/" + UUID.randomUUID();
	}

	private static List<LoggedRequest> requestsTo(String path) {
		return receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
	}

	private static void assertSignedBy(LoggedRequest request, String secret) {
		assertThat(verifies(request, secret)).as("signed with %s: %s", secret, request.getHeader("webhook-signature"))
			.isTrue();
	}

	private static boolean verifies(LoggedRequest request, String secret) {
		return StandardWebhooksVerifier.verifies(secret, request.getHeader("webhook-id"),
				request.getHeader("webhook-timestamp"), request.getBodyAsString(), request.getHeader("webhook-signature"));
	}

	private static String seconds(Instant instant) {
		return Long.toString(instant.getEpochSecond());
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
