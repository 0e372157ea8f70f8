package com.seedance.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobQueue;
import com.seedance.gateway.shared.PostgresNotifications;
import com.seedance.gateway.support.EventStream;
import com.seedance.gateway.support.EventStream.Event;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/**
 * {@code GET /jobs/{id}/events} over real HTTP, read line by line as it arrives, with the job driven through its
 * real transitions. The safety-net recheck is set to an hour, so every change seen here came through
 * PostgreSQL's {@code LISTEN/NOTIFY} (except in the one test that calls the recheck itself).
 */
@GatewayIntegrationTest
@TestPropertySource(properties = { "gateway.streams.heartbeat=200ms", "gateway.streams.recheck=1h",
		"gateway.streams.max-open=3" })
class JobStreamIntegrationTests {

	static @Nullable ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs testJobs;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobQueue queue;

	@Autowired
	JobStreams streams;

	@Autowired
	PostgresNotifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	final HttpClient http = HttpClient.newHttpClient();

	/** Each test starts alone: the streams the previous one closed are gone once a heartbeat to them failed. */
	@BeforeEach
	void noStreamLeftOpen() {
		await().atMost(Duration.ofSeconds(5)).until(() -> streams.openStreams() == 0);
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void the_stream_shows_the_job_now_then_each_change_then_end_and_closes() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, key, null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("text/event-stream"));
			Event first = stream.next();
			assertThat(first.name()).isEqualTo("status");
			assertThat(first.json()).isEqualTo(new GatewayClient(port).get("/jobs/" + job, key).json());
			assertThat(first.status()).isEqualTo("queued");
			assertThat(first.id()).isEqualTo(Long.toString(version(job)));

			int attempt = testJobs.claim(job);
			assertThat(stream.next().status()).isEqualTo("queued"); // SUBMITTING shows as queued; updated_at moved
			lifecycle.markSubmitted(job, attempt, "task-" + job, later());
			assertThat(stream.next().status()).isEqualTo("submitted");
			lifecycle.observeProgress(job, "processing", later());
			assertThat(stream.next().status()).isEqualTo("running");
			lifecycle.succeed(job, "success", "https://cdn.example/v.mp4", BigDecimal.ONE);
			Event succeeded = stream.next();
			assertThat(succeeded.status()).isEqualTo("succeeded");
			assertThat(succeeded.json().get("video_url").asString()).isEqualTo("https://cdn.example/v.mp4");
			assertThat(succeeded.id()).isEqualTo(Long.toString(version(job)));

			Event end = stream.next();
			assertThat(end.name()).isEqualTo("end");
			assertThat(end.id()).isNull();
			assertThat(end.json().get("status").asString()).isEqualTo("succeeded");
			await().until(stream::hasEnded);
			assertThat(stream.pending()).isEmpty();
		}
		await().until(() -> streams.openStreams() == 0);
	}

	@Test
	void a_stream_on_one_instance_sees_a_change_made_by_another() throws Exception {
		ConfigurableApplicationContext other = secondInstance();
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, key, null)) {
			assertThat(stream.next().status()).isEqualTo("queued");

			other.getBean(JobLifecycle.class).cancel(team, job);

			assertThat(stream.next().status()).isEqualTo("cancelled");
			assertThat(stream.next().name()).isEqualTo("end");
			await().until(stream::hasEnded);
		}
	}

	@Test
	void a_stream_opened_on_the_other_instance_sees_a_change_made_here() throws Exception {
		ConfigurableApplicationContext other = secondInstance();
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(SecondInstance.port(other), job, key, null)) {
			assertThat(stream.next().status()).isEqualTo("queued");

			lifecycle.cancel(team, job);

			assertThat(stream.next().status()).isEqualTo("cancelled");
			assertThat(stream.next().name()).isEqualTo("end");
		}
	}

	@Test
	void connecting_after_the_end_gets_the_terminal_job_and_end_at_once() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);
		lifecycle.cancel(team, job);

		try (EventStream stream = open(port, job, key, null)) {
			Event status = stream.next();
			assertThat(status.status()).isEqualTo("cancelled");
			assertThat(status.id()).isEqualTo(Long.toString(version(job)));
			assertThat(stream.next().name()).isEqualTo("end");
			await().until(stream::hasEnded);
		}
		assertThat(streams.openStreams()).isZero();
	}

	@Test
	void reconnecting_with_the_last_event_id_of_the_terminal_job_gets_only_end() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);
		lifecycle.cancel(team, job);

		try (EventStream stream = open(port, job, key, Long.toString(version(job)))) {
			assertThat(stream.next().name()).isEqualTo("end");
			await().until(stream::hasEnded);
			assertThat(stream.pending()).isEmpty();
		}
	}

	@Test
	void reconnecting_with_an_older_last_event_id_gets_the_job_as_it_is_now() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);
		long accepted = version(job);
		testJobs.claim(job);

		try (EventStream stream = open(port, job, key, Long.toString(accepted))) {
			Event now = stream.next();
			assertThat(now.id()).isEqualTo(Long.toString(version(job)));
			assertThat(Long.parseLong(now.id())).isGreaterThan(accepted);
		}
	}

	@Test
	void reconnecting_with_the_current_last_event_id_sends_nothing_until_the_job_changes() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, key, Long.toString(version(job)))) {
			await().until(() -> stream.comments().size() >= 2); // heartbeats arrive, no status event
			assertThat(stream.pending()).isEmpty();

			lifecycle.cancel(team, job);

			assertThat(stream.next().status()).isEqualTo("cancelled");
		}
	}

	@Test
	void another_teams_job_is_404_before_any_stream() {
		String owner = teams.create();
		UUID job = testJobs.accept(owner);
		String stranger = teams.keyFor(teams.create());

		try (EventStream stream = open(port, job, stranger, null)) {
			assertThat(stream.status()).isEqualTo(404);
			assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(stream.problem().get("code").asString()).isEqualTo("not_found");
		}
		assertThat(streams.openStreams()).isZero();
	}

	@Test
	void an_id_that_is_no_uuid_is_404_and_no_key_is_401() {
		String key = teams.keyFor(teams.create());

		try (EventStream stream = open(port, "not-a-job", key)) {
			assertThat(stream.status()).isEqualTo(404);
			assertThat(stream.problem().get("code").asString()).isEqualTo("not_found");
		}
		try (EventStream stream = EventStream.open(http, HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + UUID.randomUUID() + "/events"))
			.build())) {
			assertThat(stream.status()).isEqualTo(401);
			assertThat(stream.problem().get("code").asString()).isEqualTo("unauthorized");
		}
	}

	@Test
	void heartbeats_arrive_as_comment_lines() {
		String team = teams.create();
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, teams.keyFor(team), null)) {
			assertThat(stream.next().status()).isEqualTo("queued");

			await().atMost(Duration.ofSeconds(5)).until(() -> stream.comments().size() >= 3);
			assertThat(stream.comments()).allMatch("heartbeat"::equals);
		}
	}

	@Test
	void a_client_that_goes_away_mid_stream_leaves_no_stream_behind() {
		String team = teams.create();
		UUID job = testJobs.accept(team);
		EventStream stream = open(port, job, teams.keyFor(team), null);
		assertThat(stream.next().status()).isEqualTo("queued");
		assertThat(streams.openStreams()).isEqualTo(1);

		stream.close();

		// the next heartbeat's write fails, and the stream is dropped
		await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
	}

	@Test
	void a_change_no_notification_announced_reaches_the_stream_at_the_next_recheck() {
		String team = teams.create();
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, teams.keyFor(team), null)) {
			Event first = stream.next();
			// a write that publishes no event (as if the notification had been lost)
			jdbc.sql("UPDATE job SET updated_at = updated_at + interval '1 second', version = version + 1 WHERE id = :id")
				.param("id", job)
				.update();
			assertThat(stream.pending()).isEmpty();

			streams.recheck();

			Event later = stream.next();
			assertThat(later.status()).isEqualTo("queued");
			assertThat(later.json().get("updated_at")).isNotEqualTo(first.json().get("updated_at"));
			assertThat(later.id()).isEqualTo(Long.toString(version(job)));
		}
	}

	@Test
	void a_recheck_does_not_repeat_a_job_that_only_a_claim_touched() {
		String team = teams.create();
		UUID job = testJobs.accept(team);

		try (EventStream stream = open(port, job, teams.keyFor(team), null)) {
			stream.next();
			// a bump of version alone, as the poller's claim makes: nothing a client sees changed
			jdbc.sql("UPDATE job SET version = version + 1 WHERE id = :id").param("id", job).update();

			streams.recheck();
			await().until(() -> stream.comments().size() >= 2);

			assertThat(stream.pending()).isEmpty();
		}
	}

	@Test
	void beyond_max_open_streams_a_new_one_is_503_until_one_closes() {
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);
		List<EventStream> open = List.of(open(port, job, key, null), open(port, job, key, null),
				open(port, job, key, null));
		try {
			open.forEach(stream -> assertThat(stream.next().status()).isEqualTo("queued"));

			try (EventStream refused = open(port, job, key, null)) {
				assertThat(refused.status()).isEqualTo(503);
				assertThat(refused.problem().get("code").asString()).isEqualTo("unavailable");
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			}
			open.get(0).close();
			await().until(() -> streams.openStreams() == 2);

			try (EventStream again = open(port, job, key, null)) {
				assertThat(again.status()).isEqualTo(200);
				assertThat(again.next().status()).isEqualTo("queued");
			}
		}
		finally {
			open.forEach(EventStream::close);
		}
	}

	@Test
	void a_stream_opened_while_its_instance_shuts_down_gets_the_job_then_ends_without_end() throws Exception {
		ConfigurableApplicationContext other = secondInstance();
		String team = teams.create();
		String key = teams.keyFor(team);
		UUID job = testJobs.accept(team);
		JobStreams stopped = other.getBean(JobStreams.class);
		stopped.stop();

		try (EventStream stream = open(SecondInstance.port(other), job, key, null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.next().status()).isEqualTo("queued");
			await().until(stream::hasEnded);
			assertThat(stream.pending()).as("no end: the client reconnects, to an instance that stays").isEmpty();
			assertThat(stopped.openStreams()).isZero();
		}
		finally {
			stopped.start();
		}
	}

	private ConfigurableApplicationContext secondInstance() throws Exception {
		if (second == null) {
			second = SecondInstance.start(dataSource,
					Map.of("gateway.streams.heartbeat", "200ms", "gateway.streams.recheck", "1h"));
		}
		ConfigurableApplicationContext other = second;
		await().until(() -> other.getBean(PostgresNotifications.class).isListening());
		await().until(notifications::isListening);
		return other;
	}

	private EventStream open(int port, UUID job, String key, @Nullable String lastEventId) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + job + "/events"))
			.header("Authorization", "Bearer " + key)
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return EventStream.open(http, request.build());
	}

	private EventStream open(int port, String job, String key) {
		return EventStream.open(http, HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + job + "/events"))
			.header("Authorization", "Bearer " + key)
			.build());
	}

	private long version(UUID job) {
		return jdbc.sql("SELECT version FROM job WHERE id = :id").param("id", job).query(Long.class).single();
	}

	private Instant later() {
		return clock.instant().plusSeconds(60);
	}

}
