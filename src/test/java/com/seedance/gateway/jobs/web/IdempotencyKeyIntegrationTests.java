package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.jobs.JobStatusChanged;
import com.seedance.gateway.shared.ProblemException;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.RawHttp;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key} on {@code POST /jobs}: real HTTP, real PostgreSQL, time moved by hand. */
@GatewayIntegrationTest
@Import({ MutableClockConfiguration.class, IdempotencyKeyIntegrationTests.Creations.class })
class IdempotencyKeyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Creations creations;

	GatewayClient client;

	String teamId;

	String apiKey;

	ExecutorService threads = Executors.newFixedThreadPool(16);

	@BeforeEach
	void team() {
		client = new GatewayClient(port);
		teamId = teams.create();
		apiKey = teams.keyFor(teamId);
	}

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void a_repeat_with_the_same_key_and_an_equal_body_replays_the_job_and_creates_nothing() {
		String original = JobRequests.text("a cat in @image1")
			.image("https://images.example.com/1.png")
			.item(item -> item.put("type", "text").put("text", "more").put("weight", new BigDecimal("1.50")))
			.duration(10)
			.ratio("9:16")
			.metadata("a", "1")
			.metadata("b", "2")
			.json();
		// other key order at every level, other whitespace, another spelling of the same number
		String same = pretty(JobRequests.empty()
			.item(item -> item.put("text", "a cat in @image1").put("type", "text"))
			.item(item -> {
				item.putObject("image_url").put("url", "https://images.example.com/1.png");
				item.put("type", "image_url");
			})
			.item(item -> item.put("weight", new BigDecimal("15E-1")).put("text", "more").put("type", "text"))
			.metadata("b", "2")
			.metadata("a", "1")
			.ratio("9:16")
			.duration(10)
			.json());
		assertThat(original).contains("1.50").isNotEqualTo(same);

		Reply first = post("key-1", original);
		Reply again = post("key-1", same);
		Reply third = post("key-1", original);

		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		assertThat(first.header("Idempotent-Replayed")).isEmpty();
		String jobId = first.json().path("id").asString();
		for (Reply replay : List.of(again, third)) {
			assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
			assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
			assertThat(replay.header("Location")).hasValue("/jobs/" + jobId);
			assertThat(replay.json()).isEqualTo(client.get("/jobs/" + jobId, apiKey).json());
		}
		assertThat(jobsOfTeam()).isEqualTo(1);
		assertThat(creations.of(teamId)).as("no status event for a replay").isEqualTo(1);
	}

	@Test
	void the_same_key_with_another_body_is_a_conflict_and_changes_nothing() {
		String jobId = post("key-2", JobRequests.text("a cat").json()).json().path("id").asString();

		Reply conflict = post("key-2", JobRequests.text("a dog").json());

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		assertThat(conflict.contentType()).startsWith("application/problem+json");
		assertThat(conflict.json().path("code").asString()).isEqualTo("idempotency_conflict");
		assertThat(jobsOfTeam()).isEqualTo(1);
		assertThat(keyRow("key-2")).isEqualTo(jobId);
		assertThat(post("key-2", JobRequests.text("a cat").json()).status()).isEqualTo(200);
	}

	@Test
	void concurrent_requests_with_one_key_create_exactly_one_job() throws Exception {
		String body = JobRequests.text("a race").json();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reply>> replies = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			replies.add(threads.submit(() -> {
				start.await();
				return post("raced", body);
			}));
		}

		start.countDown();
		List<Reply> answers = new ArrayList<>();
		for (Future<Reply> reply : replies) {
			answers.add(reply.get(60, TimeUnit.SECONDS));
		}

		assertThat(answers).extracting(Reply::status).containsOnly(200, 202).filteredOn(status -> status == 202).hasSize(1);
		assertThat(answers).filteredOn(reply -> reply.status() == 200)
			.allSatisfy(reply -> assertThat(reply.header("Idempotent-Replayed")).hasValue("true"));
		assertThat(answers).extracting(reply -> reply.json().path("id").asString()).containsOnly(keyRow("raced"));
		assertThat(jobsOfTeam()).isEqualTo(1);
		assertThat(creations.of(teamId)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM credit_ledger WHERE team_id = :team AND kind = 'RESERVE'")
			.param("team", teamId).query(Long.class).single()).as("reservations").isEqualTo(1);
		assertThat(jdbc.sql("SELECT sum(jobs) FROM team_usage_day WHERE team_id = :team").param("team", teamId)
			.query(Long.class).single()).as("jobs counted today").isEqualTo(1);
	}

	@Test
	void a_request_refused_with_400_does_not_use_its_key() {
		Reply refused = post("key-3", JobRequests.text("a cat").duration(7).json());
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(keyRows()).isZero();

		Reply retried = post("key-3", JobRequests.text("a cat").duration(10).json());

		assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
		assertThat(keyRow("key-3")).isEqualTo(retried.json().path("id").asString());
	}

	@Test
	void a_job_refused_in_its_creating_transaction_does_not_use_its_key() {
		creations.refuseNextJobOf(teamId, new CountDownLatch(0));

		Reply refused = post("key-4", JobRequests.text("a cat").json());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(keyRows()).isZero();
		assertThat(jobsOfTeam()).isZero();
		assertThat(post("key-4", JobRequests.text("a cat").json()).status()).isEqualTo(202);
	}

	@Test
	void a_request_waiting_on_a_key_whose_first_request_is_refused_creates_the_job() throws Exception {
		CountDownLatch refuse = new CountDownLatch(1);
		CountDownLatch refusing = creations.refuseNextJobOf(teamId, refuse);
		String body = JobRequests.text("a cat").json();

		Future<Reply> first = threads.submit(() -> post("key-5", body));
		assertThat(refusing.await(30, TimeUnit.SECONDS)).as("the first request holds the key uncommitted").isTrue();
		Future<Reply> second = threads.submit(() -> post("key-5", body));
		await().atMost(Duration.ofSeconds(30)).until(this::aKeyInsertWaitsOnALock);
		refuse.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(429);
		Reply created = second.get(30, TimeUnit.SECONDS);
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		assertThat(keyRow("key-5")).isEqualTo(created.json().path("id").asString());
		assertThat(jobsOfTeam()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "with space" })
	void a_malformed_key_is_refused_and_creates_nothing(String malformed) {
		Reply reply = post(malformed, JobRequests.text("a cat").json());

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.json().path("code").asString()).isEqualTo("validation_failed");
		assertThat(reply.errorFields()).containsExactly("Idempotency-Key");
		assertThat(jobsOfTeam()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "caf\u00e9", "caf\u00c3\u00a9" }) // as ISO-8859-1 and as UTF-8 bytes
	void a_key_with_bytes_beyond_ascii_is_refused(String key) {
		Reply reply = new RawHttp(port).sendWithBody("POST /jobs HTTP/1.1", JobRequests.text("a cat").json(),
				"Authorization: Bearer " + apiKey, "Content-Type: application/json", "Idempotency-Key: " + key);

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.errorFields()).containsExactly("Idempotency-Key");
		assertThat(jobsOfTeam()).isZero();
	}

	@Test
	void a_key_with_a_control_character_is_refused() {
		Reply reply = new RawHttp(port).sendWithBody("POST /jobs HTTP/1.1", JobRequests.text("a cat").json(),
				"Authorization: Bearer " + apiKey, "Content-Type: application/json", "Idempotency-Key: key\u0085");

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.json().path("code").asString()).isEqualTo("malformed_request");
		assertThat(jobsOfTeam()).isZero();
	}

	@Test
	void a_key_of_255_characters_is_taken_one_of_256_is_refused() {
		Reply tooLong = post("k".repeat(256), JobRequests.text("a cat").json());
		assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
		assertThat(tooLong.errorFields()).containsExactly("Idempotency-Key");
		assertThat(tooLong.json().path("errors").get(0).path("message").asString()).contains("255");
		assertThat(jobsOfTeam()).isZero();

		String longest = "!~" + "k".repeat(253);
		assertThat(post(longest, JobRequests.text("a cat").json()).status()).isEqualTo(202);
		assertThat(post(longest, JobRequests.text("a cat").json()).status()).isEqualTo(200);
	}

	@Test
	void a_key_sent_twice_is_refused() {
		Reply reply = client.send(client.request("/jobs", apiKey)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "one")
			.header("Idempotency-Key", "two")
			.POST(BodyPublishers.ofString(JobRequests.text("a cat").json())));

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.errorFields()).containsExactly("Idempotency-Key");
		assertThat(jobsOfTeam()).isZero();
	}

	@Test
	void keys_belong_to_a_team() {
		String body = JobRequests.text("a cat").json();
		String ours = post("shared-key", body).json().path("id").asString();
		String otherTeam = teams.create();
		String otherKey = teams.keyFor(otherTeam);

		Reply theirs = client.send(withKey(client.request("/jobs", otherKey), "shared-key", body));

		assertThat(theirs.status()).as(theirs.toString()).isEqualTo(202);
		assertThat(theirs.json().path("id").asString()).isNotEqualTo(ours);
		assertThat(post("shared-key", body).json().path("id").asString()).isEqualTo(ours);
	}

	@Test
	void a_key_replays_for_24_hours_then_creates_a_new_job() {
		String body = JobRequests.text("a cat").json();
		String first = post("day-old", body).json().path("id").asString();

		clock.advance(Duration.ofHours(24));
		Reply replayed = post("day-old", body);
		clock.advance(Duration.ofNanos(1000));
		Reply renewed = post("day-old", JobRequests.text("another body is no conflict now").json());

		assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
		assertThat(replayed.json().path("id").asString()).isEqualTo(first);
		assertThat(renewed.status()).as(renewed.toString()).isEqualTo(202);
		String second = renewed.json().path("id").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(keyRow("day-old")).isEqualTo(second);
		assertThat(post("day-old", JobRequests.text("another body is no conflict now").json()).json().path("id")
			.asString()).isEqualTo(second);
		assertThat(jobsOfTeam()).isEqualTo(2);
	}

	@Test
	void requests_without_a_key_are_never_replayed() {
		String body = JobRequests.text("a cat").json();

		assertThat(post(null, body).status()).isEqualTo(202);
		assertThat(post(null, body).status()).isEqualTo(202);
		assertThat(jobsOfTeam()).isEqualTo(2);
		assertThat(keyRows()).isZero();
	}

	@Test
	void the_openapi_document_describes_the_key_and_the_replay() {
		JsonNode create = client.get("/v3/api-docs", null).json().path("paths").path("/jobs").path("post");

		assertThat(create.path("parameters").valueStream().map(parameter -> parameter.path("name").asString()))
			.containsExactly("Idempotency-Key");
		JsonNode parameter = create.path("parameters").get(0);
		assertThat(parameter.path("in").asString()).isEqualTo("header");
		assertThat(parameter.path("required").asBoolean()).isFalse();
		assertThat(parameter.path("schema").path("maxLength").asInt()).isEqualTo(255);
		assertThat(create.path("responses").propertyNames()).contains("200", "202", "409");
		assertThat(create.path("responses").path("200").path("headers").has("Idempotent-Replayed")).isTrue();
	}

	// --- helpers

	private Reply post(String idempotencyKey, String body) {
		return client.send(withKey(client.request("/jobs", apiKey), idempotencyKey, body));
	}

	private static HttpRequest.Builder withKey(HttpRequest.Builder request, String idempotencyKey, String body) {
		request.header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
		return idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey);
	}

	private static String pretty(String json) {
		return "\n\t" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)) + "\n";
	}

	private long jobsOfTeam() {
		return jdbc.sql("SELECT count(*) FROM job WHERE team_id = ?").param(teamId).query(Long.class).single();
	}

	private long keyRows() {
		return jdbc.sql("SELECT count(*) FROM idempotency_key WHERE team_id = ?").param(teamId).query(Long.class).single();
	}

	private String keyRow(String idempotencyKey) {
		return jdbc.sql("SELECT job_id::text FROM idempotency_key WHERE team_id = ? AND key = ?")
			.params(teamId, idempotencyKey)
			.query(String.class)
			.single();
	}

	private boolean aKeyInsertWaitsOnALock() {
		return jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO idempotency_key%'
				""").query(Long.class).single() > 0;
	}

	/**
	 * Counts job creations per team, and stands in for a quota: refuses a team's next job from inside its creating
	 * transaction, as the credits module's listener does.
	 */
	static class Creations {

		private final Map<String, List<UUID>> created = new ConcurrentHashMap<>();

		private final Map<String, CountDownLatch[]> refusals = new ConcurrentHashMap<>();

		/**
		 * The team's next job is refused once {@code release} opens; the returned latch opens when that job waits
		 * for it, uncommitted.
		 */
		CountDownLatch refuseNextJobOf(String teamId, CountDownLatch release) {
			CountDownLatch waiting = new CountDownLatch(1);
			refusals.put(teamId, new CountDownLatch[] { waiting, release });
			return waiting;
		}

		long of(String teamId) {
			return created.getOrDefault(teamId, List.of()).size();
		}

		@EventListener
		void on(JobStatusChanged changed) throws InterruptedException {
			if (changed.from() != null) {
				return;
			}
			CountDownLatch[] refusal = refusals.remove(changed.teamId());
			if (refusal != null) {
				refusal[0].countDown();
				refusal[1].await(30, TimeUnit.SECONDS);
				throw new Refused();
			}
			created.computeIfAbsent(changed.teamId(), team -> new CopyOnWriteArrayList<>()).add(changed.jobId());
		}

	}

	static class Refused extends ProblemException {

		Refused() {
			super(HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded", "Refused by the test.");
		}

	}

}
