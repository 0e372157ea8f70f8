package com.seedance.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.Upstream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Boot's own switch for JSON logs ({@code logging.structured.format.console=ecs}, the variable
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}), a job goes through submit, a poller check, the upstream's callback
 * and the delivery of its notification (WireMock as the upstream and as the receiver, the gateway's own workers on
 * their schedules), and every line logged for it is read back as JSON: each carries the job's {@code job_id} and
 * {@code team} as top-level fields, and none holds a secret.
 */
@GatewayIntegrationTest
// logging settings must be in the environment when logging starts, before dynamic properties are added to it;
// DispatcherServlet at debug logs each request's method and path (not its headers): the requests' own lines
@TestPropertySource(properties = { "logging.structured.format.console=ecs", "logging.level.com.seedance.gateway=debug",
		"logging.level.org.springframework.web.servlet.DispatcherServlet=debug" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class StructuredLogsIntegrationTests {

	static final String UPSTREAM_KEY = "dk-structured-logs-upstream-key";

	static final String TASK_ID = "task-structured-logs";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("seedance.base-url", upstream::baseUrl);
		registry.add("seedance.api-key", () -> UPSTREAM_KEY);
		registry.add("gateway.public-url", () -> "http://gateway.test");
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.tracking.dispatch-interval", () -> "100ms");
		registry.add("gateway.poll-interval", () -> "100ms");
		registry.add("gateway.tracking.first-check", () -> "100ms");
		registry.add("gateway.tracking.max-check-interval", () -> "1h");
		registry.add("gateway.deliveries.enabled", () -> "true");
		registry.add("gateway.deliveries.interval", () -> "100ms");
	}

	/**
	 * Logback is configured once per JVM, by the first application context: this class's context must configure it
	 * again with its own settings, even when an earlier test class's context is still cached. Its close (the class
	 * dirties it) leaves the next context to configure logging again.
	 */
	@BeforeAll
	static void configureLoggingAgainOnStart() {
		LoggingSystem.get(StructuredLogsIntegrationTests.class.getClassLoader()).cleanUp();
	}

	/** Logging keeps the format in a system property: the contexts of later test classes log plain text again. */
	@AfterAll
	static void plainLogsAfterwards() {
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
	}

	@LocalServerPort
	int port;

	@Test
	void every_line_logged_for_a_job_carries_its_id_and_team_and_no_secret(CapturedOutput output) {
		GatewayClient gateway = new GatewayClient(port);
		Reply team = gateway.admin("POST", "/admin/teams", Map.of("id", "logs", "name", "Logs"));
		assertThat(team.status()).isEqualTo(201);
		String webhookSecret = team.json().path("webhook_secret").asString();
		String key = gateway.admin("POST", "/admin/teams/logs/keys", Map.of("name", "web")).json().path("key").asString();
		upstream.stubFor(Upstream.create().willReturn(Upstream.accepted(TASK_ID)));
		upstream.stubFor(Upstream.query(TASK_ID).willReturn(Upstream.task(TASK_ID, "processing")));
		receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));

		Reply created = gateway.post("/jobs", key, Map.of("content", List.of(Map.of("type", "text", "text", "A cat")),
				"notify_url", receiver.baseUrl() + "/hooks"));
		assertThat(created.status()).isEqualTo(202);
		String jobId = created.json().path("id").asString();
		assertThat(gateway.get("/jobs", key).status()).isEqualTo(200);
		awaitStatus(gateway, key, jobId, "running"); // submitted by the dispatcher, then checked by the poller
		upstream.stubFor(Upstream.query(TASK_ID).willReturn(Upstream.succeeded(TASK_ID, "https://cdn.example/v.mp4", "0.5")));
		String callbackToken = callbackToken();
		assertThat(gateway.send("POST", "/webhooks/seedance/" + callbackToken, null, "application/json",
				"{\"task_id\":\"" + TASK_ID + "\",\"status\":\"success\"}").status()).isEqualTo(202);
		awaitStatus(gateway, key, jobId, "succeeded");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks"))).isEmpty());

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> lines = jsonLines(output);
			List<JsonNode> forJob = lines.stream().filter(line -> jobId.equals(line.path("job_id").asString(null))).toList();
			assertThat(forJob).as("every line of the job names its team").allSatisfy(line ->
					assertThat(line.path("team").asString()).isEqualTo("logs"));
			assertThat(lines).as("no line names the job without carrying it")
				.filteredOn(line -> line.path("message").asString().contains(jobId))
				.isNotEmpty()
				.allSatisfy(line -> assertThat(line.path("job_id").asString(null)).isEqualTo(jobId));
			// each part of the job's way logged at least one line, all in its context
			assertThat(forJob).anyMatch(logger("jobs.JobLog").and(message("accepted")))
				.anyMatch(logger("DispatcherServlet").and(message("Completed 202"))) // POST /jobs, once the job exists
				.anyMatch(logger("DispatcherServlet").and(message("\"/jobs/" + jobId + "\"")))
				.anyMatch(logger("upstream.SeedanceClient").and(message("POST " + Upstream.CREATE_PATH)))
				.anyMatch(logger("upstream.SeedanceClient").and(message("GET " + Upstream.QUERY_PATH + " -> in_progress")))
				.anyMatch(logger("tracking.SeedanceCallbackController").and(message("Callback received")))
				.anyMatch(logger("jobs.JobLog").and(message("-> SUCCEEDED")))
				.anyMatch(logger("notify.DeliveryWorker").and(message("delivered")));
			assertThat(lines).as("the team's requests that name no job carry the team")
				.filteredOn(logger("DispatcherServlet").and(message("GET \"/jobs\",").or(message("POST \"/jobs\","))))
				.isNotEmpty()
				.allSatisfy(line -> assertThat(line.path("team").asString()).isEqualTo("logs"));
		});
		assertThat(output.getOut()).doesNotContain(UPSTREAM_KEY, key, webhookSecret, GatewayClient.ADMIN_TOKEN);
		// Spring's own request lines (DispatcherServlet at debug, on in this test only) name the callback's path
		assertThat(jsonLines(output)).filteredOn(line -> line.path("log").path("logger").asString().startsWith("com.seedance"))
			.noneMatch(message(callbackToken));
	}

	private static void awaitStatus(GatewayClient gateway, String key, String jobId, String status) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> gateway.get("/jobs/" + jobId, key).json().path("status").asString(), status::equals);
	}

	private static String callbackToken() {
		List<LoggedRequest> creates = upstream.findAll(postRequestedFor(urlPathEqualTo(Upstream.CREATE_PATH)));
		assertThat(creates).hasSize(1);
		String callbackUrl = JSON.readTree(creates.get(0).getBodyAsString()).path("callback_url").asString();
		return callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
	}

	/** The lines of the output that are JSON: all the application logs, once its logging is set up. */
	private static List<JsonNode> jsonLines(CapturedOutput output) {
		return output.getOut().lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
	}

	private static Predicate<JsonNode> logger(String suffix) {
		return line -> line.path("log").path("logger").asString().endsWith(suffix);
	}

	private static Predicate<JsonNode> message(String part) {
		return line -> line.path("message").asString().contains(part);
	}

}
