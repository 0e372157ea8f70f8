package com.seedance.gateway.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class SeedanceClientTests {

	private static final String KEY = "dk-0123456789abcdef";

	private static final String CREATED = """
			{"code":0,"message":"ok","data":{"task_id":"ta12345678-1234-1234-1234-123456789abc"}}""";

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final UpstreamHealthIndicator health = new UpstreamHealthIndicator();

	private final List<Object> seen = new ArrayList<>();

	private final SeedanceClient client = client(URI.create(upstream.baseUrl()), Duration.ofSeconds(2));

	@AfterEach
	void the_key_never_leaks_into_outcomes_or_metrics() {
		assertThat(seen).allSatisfy(result -> assertThat(result.toString()).doesNotContain(KEY));
		for (Meter meter : meters.getMeters()) {
			assertThat(meter.getId().toString()).doesNotContain(KEY);
		}
	}

	// --- what is sent

	@Test
	void a_text_job_is_sent_as_exact_json_with_the_key_only_in_the_header() {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED)));
		String content = "[{\"type\":\"text\",\"text\":\"A cat walks through a garden\"}]";

		create(new CreateTask("seedance-2.0", content, 5, "16:9", null));

		upstream.verify(postRequestedFor(urlEqualTo("/api/video/seedance/gen"))
			.withHeader("Authorization", equalTo("Bearer " + KEY))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("""
					{"model":"seedance-2.0","content":[{"type":"text","text":"A cat walks through a garden"}],
					 "duration":5,"ratio":"16:9"}"""))
			.withRequestBody(containing("\"content\":" + content))
			.withRequestBody(notContaining("callback_url"))
			.withRequestBody(notContaining(KEY)));
	}

	@Test
	void a_nine_image_job_keeps_the_content_text_byte_for_byte() {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED)));
		// unusual key order, spacing and escapes: the client must not parse and rewrite them
		String images = IntStream.rangeClosed(1, 9)
			.mapToObj(i -> "{ \"image_url\" : {\"url\": \"https://example.com/" + i + ".png?a=1&b=\\u00e9\"}, \"type\":\"image_url\" }")
			.collect(Collectors.joining(",\n  "));
		String content = "[ {\"text\": \"@image1 meets @image9 \\\"quoted\\\" é\", \"type\": \"text\"},\n  " + images + " ]";
		String callback = "https://gateway.example.com/webhooks/seedance/tok_\"x\"";

		create(new CreateTask("seedance-2.0", content, 10, "9:16", callback));

		upstream.verify(postRequestedFor(urlEqualTo("/api/video/seedance/gen"))
			.withRequestBody(containing("\"content\":" + content + ","))
			.withRequestBody(matchingJsonPath("$.content.length()", equalTo("10")))
			.withRequestBody(matchingJsonPath("$.duration", equalTo("10")))
			.withRequestBody(matchingJsonPath("$.ratio", equalTo("9:16")))
			.withRequestBody(matchingJsonPath("$.callback_url", equalTo(callback)))
			.withRequestBody(notContaining(KEY)));
	}

	@Test
	void string_fields_are_escaped_as_json() {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED)));

		create(new CreateTask("odd\"model\\\n", "[]", 15, "1:1", "https://x.example/cb"));

		upstream.verify(postRequestedFor(urlEqualTo("/api/video/seedance/gen")).withRequestBody(equalToJson("""
				{"model":"odd\\"model\\\\\\n","content":[],"duration":15,"ratio":"1:1",
				 "callback_url":"https://x.example/cb"}""")));
	}

	// --- create outcomes

	@Test
	void a_created_task_is_accepted_with_its_id_status_and_time() {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED)));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isEqualTo(new UpstreamOutcome.Accepted("ta12345678-1234-1234-1234-123456789abc"));
		assertThat(call.httpStatus()).isEqualTo(200);
		assertThat(call.elapsed()).isPositive();
		assertThat(meters.get(SeedanceClient.METRIC).tags("operation", "create", "outcome", "accepted").timer().count())
			.isEqualTo(1);
	}

	@Test
	void a_400_is_rejected_with_the_upstreams_message() {
		upstream.stubFor(post("/api/video/seedance/gen")
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":1,\"message\":\"invalid duration\"}")));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isEqualTo(new UpstreamOutcome.Rejected("invalid duration"));
		assertThat(call.httpStatus()).isEqualTo(400);
	}

	@Test
	void a_401_is_unauthorized_and_the_health_is_down_until_the_next_accepted_call() {
		upstream.stubFor(post("/api/video/seedance/gen")
			.willReturn(aResponse().withStatus(401).withBody("{\"code\":1,\"message\":\"bad key " + KEY + "\"}")));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isInstanceOf(UpstreamOutcome.Unauthorized.class);
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health().getDetails()).containsEntry("reason", "upstream rejected our API key (401)");

		upstream.stubFor(post("/api/video/seedance/gen").willReturn(aResponse().withStatus(500)));
		create(textTask());
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED)));
		create(textTask());
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 503, 429 })
	void a_server_error_or_rate_limit_is_transient(int status) {
		upstream.stubFor(post("/api/video/seedance/gen")
			.willReturn(aResponse().withStatus(status).withBody("{\"code\":1,\"message\":\"busy\"}")));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isEqualTo(new UpstreamOutcome.Transient("HTTP " + status + ": busy"));
		assertThat(call.httpStatus()).isEqualTo(status);
	}

	@Test
	void a_refused_connection_is_transient_because_nothing_was_sent() throws IOException {
		SeedanceClient closed = client(URI.create("http://127.0.0.1:" + closedPort()), Duration.ofSeconds(2));

		UpstreamCall<UpstreamOutcome> call = closed.create(textTask());
		seen.add(call);

		assertThat(call.outcome()).isInstanceOf(UpstreamOutcome.Transient.class);
		assertThat(call.httpStatus()).isNull();
	}

	@Test
	void a_response_timeout_is_unknown_because_the_task_may_exist() {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(okJson(CREATED).withFixedDelay(3000)));
		SeedanceClient impatient = client(URI.create(upstream.baseUrl()), Duration.ofMillis(300));

		UpstreamCall<UpstreamOutcome> call = impatient.create(textTask());
		seen.add(call);

		assertThat(call.outcome()).isEqualTo(new UpstreamOutcome.Unknown("response timeout"));
		assertThat(call.httpStatus()).isNull();
		assertThat(call.elapsed()).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void a_connection_reset_after_sending_is_unknown() {
		upstream.stubFor(post("/api/video/seedance/gen")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isInstanceOf(UpstreamOutcome.Unknown.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html>oops</html>", "", "{\"code\":0,\"message\":\"ok\",\"data\":{}}",
			"{\"code\":1,\"message\":\"odd\"}" })
	void a_2xx_without_a_task_id_is_unknown(String body) {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(aResponse().withStatus(200).withBody(body)));

		UpstreamCall<UpstreamOutcome> call = create(textTask());

		assertThat(call.outcome()).isInstanceOf(UpstreamOutcome.Unknown.class);
		assertThat(call.httpStatus()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 504 })
	void a_proxy_error_on_create_is_unknown(int status) {
		upstream.stubFor(post("/api/video/seedance/gen").willReturn(aResponse().withStatus(status)));

		assertThat(create(textTask()).outcome()).isInstanceOf(UpstreamOutcome.Unknown.class);
	}

	// --- query outcomes

	@Test
	void a_successful_task_reports_its_video_and_cost() {
		stubQuery(200, """
				{"code":0,"message":"ok","data":{"task_id":"t1","status":"success",
				 "result":{"video":"https://example.com/v.mp4"},"consumed":"0.500000",
				 "status_reason":{"message":null},"created_at":"2025-08-03T10:22:20.010Z"}}""");

		UpstreamCall<QueryOutcome> call = query("t1");

		assertThat(call.outcome()).isEqualTo(new QueryOutcome.TaskState("t1", "success", TaskPhase.SUCCEEDED,
				"https://example.com/v.mp4", new BigDecimal("0.500000"), null));
		assertThat(call.httpStatus()).isEqualTo(200);
		upstream.verify(getRequestedFor(urlPathEqualTo("/api/task/query"))
			.withHeader("Authorization", equalTo("Bearer " + KEY)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "failed", "failure", "error", "cancelled", "canceled", "expired", "rejected", "timeout",
			"FAILED", "Cancelled", "TimeOut" })
	void a_failure_word_is_failed_with_the_reason(String word) {
		stubQuery(200, "{\"code\":0,\"data\":{\"task_id\":\"t1\",\"status\":\"" + word
				+ "\",\"status_reason\":{\"message\":\"content policy\"}}}");

		QueryOutcome outcome = query("t1").outcome();

		assertThat(outcome).isEqualTo(new QueryOutcome.TaskState("t1", word, TaskPhase.FAILED, null, null,
				"content policy"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "pending", "queued", "processing", "running", "Success-ish" })
	void any_other_word_is_in_progress_with_the_raw_word_kept(String word) {
		stubQuery(200, "{\"code\":0,\"data\":{\"task_id\":\"t1\",\"status\":\"" + word + "\"}}");

		QueryOutcome outcome = query("t1").outcome();

		assertThat(outcome).isInstanceOfSatisfying(QueryOutcome.TaskState.class, state -> {
			assertThat(state.phase()).isEqualTo(TaskPhase.IN_PROGRESS);
			assertThat(state.rawStatus()).isEqualTo(word);
		});
	}

	@Test
	void a_never_seen_word_is_warned_about_once(CapturedOutput output) {
		stubQuery(200, "{\"code\":0,\"data\":{\"task_id\":\"t1\",\"status\":\"brewing\"}}");

		query("t1");
		query("t1");
		query("t1");

		assertThat(output.getOut().split("never seen before: 'brewing'", -1)).hasSize(2);
	}

	@Test
	void the_task_id_is_url_encoded() {
		upstream.stubFor(get(urlPathEqualTo("/api/task/query"))
			.willReturn(okJson("{\"code\":0,\"data\":{\"status\":\"queued\"}}")));

		QueryOutcome outcome = query("a b&c=d+e").outcome();

		upstream.verify(getRequestedFor(urlEqualTo("/api/task/query?task_id=a%20b%26c%3Dd%2Be")));
		assertThat(outcome).isInstanceOfSatisfying(QueryOutcome.TaskState.class,
				state -> assertThat(state.taskId()).isEqualTo("a b&c=d+e"));
	}

	@Test
	void an_unknown_task_is_not_found() {
		stubQuery(404, "{\"code\":1,\"message\":\"task not found\"}");

		UpstreamCall<QueryOutcome> call = query("t1");

		assertThat(call.outcome()).isInstanceOf(QueryOutcome.NotFound.class);
		assertThat(call.httpStatus()).isEqualTo(404);
	}

	@Test
	void a_404_without_the_upstreams_envelope_is_transient_not_a_lost_task() {
		stubQuery(404, "<html>Not Found</html>");

		assertThat(query("t1").outcome()).isInstanceOf(QueryOutcome.Transient.class);
	}

	@Test
	void a_401_on_query_is_unauthorized_and_marks_health_down() {
		stubQuery(401, "{\"code\":1,\"message\":\"authentication failed\"}");

		assertThat(query("t1").outcome()).isInstanceOf(QueryOutcome.Unauthorized.class);
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html>", "{\"code\":0,\"data\":{}}", "{\"code\":1,\"message\":\"x\"}", "" })
	void a_garbage_query_answer_is_transient(String body) {
		stubQuery(200, body);

		assertThat(query("t1").outcome()).isInstanceOf(QueryOutcome.Transient.class);
	}

	@Test
	void a_server_error_on_query_is_transient() {
		stubQuery(500, "{\"code\":1,\"message\":\"internal server error\"}");

		UpstreamCall<QueryOutcome> call = query("t1");

		assertThat(call.outcome()).isEqualTo(new QueryOutcome.Transient("HTTP 500: internal server error"));
		assertThat(meters.get(SeedanceClient.METRIC).tags("operation", "query", "outcome", "transient").timer().count())
			.isEqualTo(1);
	}

	@Test
	void a_query_timeout_is_transient() {
		upstream.stubFor(get(urlPathEqualTo("/api/task/query"))
			.willReturn(okJson("{\"code\":0,\"data\":{\"status\":\"queued\"}}").withFixedDelay(3000)));
		SeedanceClient impatient = client(URI.create(upstream.baseUrl()), Duration.ofMillis(300));

		UpstreamCall<QueryOutcome> call = impatient.query("t1");
		seen.add(call);

		assertThat(call.outcome()).isEqualTo(new QueryOutcome.Transient("response timeout"));
	}

	@Test
	void the_properties_never_show_the_key() {
		SeedanceProperties properties = properties(URI.create(upstream.baseUrl()), Duration.ofSeconds(1));

		assertThat(properties.toString()).doesNotContain(KEY).contains("(redacted)");
	}

	// --- helpers

	private UpstreamCall<UpstreamOutcome> create(CreateTask task) {
		UpstreamCall<UpstreamOutcome> call = client.create(task);
		seen.add(call);
		return call;
	}

	private UpstreamCall<QueryOutcome> query(String taskId) {
		UpstreamCall<QueryOutcome> call = client.query(taskId);
		seen.add(call);
		return call;
	}

	private static void stubQuery(int status, String body) {
		upstream.stubFor(get(urlPathEqualTo("/api/task/query"))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private static CreateTask textTask() {
		return new CreateTask("seedance-2.0", "[{\"type\":\"text\",\"text\":\"a cat\"}]", 5, "16:9", null);
	}

	private SeedanceClient client(URI baseUrl, Duration responseTimeout) {
		return new SeedanceConfiguration().seedanceClient(WebClient.builder(), properties(baseUrl, responseTimeout),
				JsonMapper.builder().build(), new StandardEnvironment(), meters, health);
	}

	private static SeedanceProperties properties(URI baseUrl, Duration responseTimeout) {
		return new SeedanceProperties(baseUrl, KEY, false, Duration.ofSeconds(1), responseTimeout,
				new SeedanceProperties.SandboxSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(30)));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
