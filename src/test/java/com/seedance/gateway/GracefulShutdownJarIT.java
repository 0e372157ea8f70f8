package com.seedance.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.seedance.gateway.support.FreshDatabase;
import com.seedance.gateway.support.GatewayProcess;
import com.seedance.gateway.support.Upstream;

/**
 * The packaged jar, sent SIGTERM while its upstream calls are under way (WireMock answers each create slowly, and
 * the instance runs two calls at a time, so more claims wait behind them), then a second jar on the same database.
 * The first exits with 0 well within one shutdown phase, having stored the tasks of the calls it made and handed
 * the claims it had not sent back to the queue; the second finishes every job, each with exactly one upstream task.
 * Runs in {@code ./mvnw verify}, after {@code package} (maven-failsafe).
 */
class GracefulShutdownJarIT {

	static final int JOBS = 6;

	static final Duration SLOW_CREATE = Duration.ofSeconds(5);

	static final Duration STARTUP = Duration.ofMinutes(2);

	static final String ADMIN_TOKEN = "jar-test-admin-token";

	static final HttpClient http = HttpClient.newHttpClient();

	WireMockServer upstream;

	FreshDatabase database;

	JdbcClient jdbc;

	final List<GatewayProcess> started = new ArrayList<>();

	@BeforeEach
	void start() {
		upstream = new WireMockServer(wireMockConfig().dynamicPort().globalTemplating(true));
		upstream.start();
		stubUpstream(SLOW_CREATE);
		database = FreshDatabase.create();
		jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
	}

	@AfterEach
	void stop() {
		started.forEach(GatewayProcess::kill);
		upstream.stop();
	}

	@Test
	void sigterm_mid_work_exits_0_in_bounded_time_and_a_second_instance_finishes_every_job_once() throws Exception {
		GatewayProcess first = gateway("shutdown-it-first", Map.of("SPRING_THREADS_VIRTUAL_ENABLED", "false",
				"SPRING_TASK_EXECUTION_POOL_CORESIZE", "2"));
		String key = teamKey(first);
		List<UUID> jobs = new ArrayList<>();
		for (int i = 0; i < JOBS; i++) {
			jobs.add(postJob(first, key, "job " + i));
		}

		// calls under way upstream, and claims waiting behind them for a thread
		await("calls under way and claims waiting").atMost(Duration.ofSeconds(60)).until(() -> {
			int received = creates().size();
			long submitting = count("SUBMITTING");
			long callsUnderWay = received - count("SUBMITTED");
			return callsUnderWay >= 1 && submitting > callsUnderWay;
		});
		GatewayProcess.Exit exit = first.terminate(Duration.ofSeconds(60));

		assertThat(exit.code()).as("exit code after SIGTERM; log:%n%s", first.log()).isZero();
		assertThat(exit.took()).as("within one shutdown phase (45 s): nothing waited for a timeout")
			.isLessThan(Duration.ofSeconds(30));
		assertThat(statuses()).as("every call made has its task stored; every other job is queued")
			.containsOnlyKeys("SUBMITTED", "QUEUED");
		assertThat(count("SUBMITTED")).isEqualTo(creates().size());
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE status = 'QUEUED' AND lease_until IS NOT NULL")
			.query(Long.class).single()).as("no lease left behind").isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE status = 'QUEUED' AND claimed_by IS NOT NULL")
			.query(Long.class).single()).as("no claim left behind").isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM job_event WHERE detail LIKE 'handed back unsent:%'").query(Long.class)
			.single()).as("claims handed back").isPositive();

		stubUpstream(Duration.ZERO); // the second instance needs no slow upstream
		GatewayProcess second = gateway("shutdown-it-second", Map.of());
		await("every job succeeded").atMost(Duration.ofSeconds(60)).until(() -> count("SUCCEEDED") == JOBS);
		assertThat(second.terminate(Duration.ofSeconds(60)).code()).isZero();

		List<LoggedRequest> creates = creates();
		assertThat(creates).as("one upstream create per job, none twice").hasSize(JOBS);
		for (int i = 0; i < JOBS; i++) {
			String text = "job " + i + " ";
			assertThat(creates).filteredOn(create -> create.getBodyAsString().contains(text)).hasSize(1);
		}
		assertThat(jdbc.sql("SELECT id FROM job").query(UUID.class).list()).containsExactlyInAnyOrderElementsOf(jobs);
		assertThat(jdbc.sql("SELECT upstream_task_id FROM job").query(String.class).list()).doesNotHaveDuplicates();
	}

	/** Every create answers a task of its own after {@code createDelay}; every query finds its task done. */
	private void stubUpstream(Duration createDelay) {
		upstream.resetMappings();
		upstream.stubFor(Upstream.create()
			.willReturn(Upstream.accepted("task-{{randomValue length=20 type='ALPHANUMERIC'}}")
				.withFixedDelay((int) createDelay.toMillis())));
		upstream.stubFor(Upstream.anyQuery()
			.willReturn(Upstream.succeeded("{{request.query.task_id}}", "https://cdn.example/{{request.query.task_id}}.mp4",
					"0.500000")));
	}

	private GatewayProcess gateway(String name, Map<String, String> extra) throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", database.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
		environment.put("SEEDANCE_BASE_URL", upstream.baseUrl());
		environment.put("SEEDANCE_API_KEY", "dk-jar-test-not-real");
		environment.put("GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN);
		environment.put("GATEWAY_POLL_INTERVAL", "1s");
		environment.putAll(extra);
		GatewayProcess gateway = GatewayProcess.start(name, environment, STARTUP);
		started.add(gateway);
		return gateway;
	}

	private static String teamKey(GatewayProcess gateway) throws Exception {
		send(gateway, "/admin/teams", "Bearer " + ADMIN_TOKEN, """
				{"id":"jar","name":"Jar test","quota":{}}""", 201);
		String answer = send(gateway, "/admin/teams/jar/keys", "Bearer " + ADMIN_TOKEN, """
				{"name":"jar-test"}""", 201);
		return field(answer, "key");
	}

	private static UUID postJob(GatewayProcess gateway, String key, String text) throws Exception {
		String answer = send(gateway, "/jobs", "Bearer " + key, """
				{"model":"seedance-2.0","content":[{"type":"text","text":"%s %s"}],"duration":5,"ratio":"16:9"}"""
			.formatted(text, UUID.randomUUID()), 202);
		return UUID.fromString(field(answer, "id"));
	}

	private static String send(GatewayProcess gateway, String path, String authorization, String body, int expected)
			throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.uri(path))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expected);
		return response.body();
	}

	private static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(value.find()).as("%s in %s", name, json).isTrue();
		return value.group(1);
	}

	private List<LoggedRequest> creates() {
		return upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)));
	}

	private long count(String status) {
		return jdbc.sql("SELECT count(*) FROM job WHERE status = :status").param("status", status).query(Long.class)
			.single();
	}

	private Map<String, Long> statuses() {
		Map<String, Long> statuses = new HashMap<>();
		jdbc.sql("SELECT status, count(*) AS n FROM job GROUP BY status")
			.query((rs, row) -> statuses.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return statuses;
	}

}
