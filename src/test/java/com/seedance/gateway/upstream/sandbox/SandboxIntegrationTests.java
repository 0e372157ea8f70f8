package com.seedance.gateway.upstream.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.upstream.CreateTask;
import com.seedance.gateway.upstream.QueryOutcome;
import com.seedance.gateway.upstream.SeedanceClient;
import com.seedance.gateway.upstream.TaskPhase;
import com.seedance.gateway.upstream.UpstreamCall;
import com.seedance.gateway.upstream.UpstreamOutcome;

@GatewayIntegrationTest
@TestPropertySource(properties = { "seedance.sandbox=true", "seedance.api-key=",
		"seedance.sandbox-settings.processing-after=200ms", "seedance.sandbox-settings.task-duration=700ms" })
class SandboxIntegrationTests {

	@RegisterExtension
	static WireMockExtension frontend = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	SeedanceClient client;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void a_task_succeeds_and_its_video_is_a_real_mp4() throws Exception {
		String taskId = accepted(task("A cat walks through a garden", 5, null));

		QueryOutcome.TaskState done = awaitPhase(taskId, TaskPhase.SUCCEEDED);

		assertThat(done.rawStatus()).isEqualTo("success");
		assertThat(done.consumed()).isEqualByComparingTo(new BigDecimal("0.500000"));
		assertThat(done.videoUrl()).isEqualTo("http://127.0.0.1:" + port + "/sandbox/videos/sample.mp4");
		HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(URI.create(done.videoUrl())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(video.statusCode()).isEqualTo(200);
		assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(new String(Arrays.copyOfRange(video.body(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
	}

	@Test
	void a_task_moves_through_processing() {
		String taskId = accepted(task("slowly", 10, null));

		awaitPhase(taskId, TaskPhase.IN_PROGRESS, "processing");
		assertThat(awaitPhase(taskId, TaskPhase.SUCCEEDED).consumed()).isEqualByComparingTo("1.000000");
	}

	@Test
	void the_fail_marker_fails_the_task_with_a_reason() {
		String taskId = accepted(task("[sandbox:fail] a cat", 5, null));

		QueryOutcome.TaskState done = awaitPhase(taskId, TaskPhase.FAILED);

		assertThat(done.rawStatus()).isEqualTo("failed");
		assertThat(done.reason()).isEqualTo("Sandbox: simulated generation failure");
	}

	@Test
	void the_reject_marker_is_rejected_as_invalid_parameters() {
		UpstreamCall<UpstreamOutcome> call = client.create(task("[sandbox:reject] a cat", 5, null));

		assertThat(call.outcome()).isEqualTo(new UpstreamOutcome.Rejected("Sandbox: simulated invalid parameters"));
		assertThat(call.httpStatus()).isEqualTo(400);
	}

	@Test
	void the_hang_marker_keeps_the_task_processing() {
		String taskId = accepted(task("[sandbox:hang] a cat", 5, null));

		awaitPhase(taskId, TaskPhase.IN_PROGRESS, "processing");
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
			.until(() -> state(taskId).rawStatus().equals("processing"));
	}

	@Test
	void a_callback_url_receives_a_post_when_the_task_ends() {
		frontend.stubFor(post("/webhooks/seedance/tok123").willReturn(aResponse().withStatus(204)));

		String taskId = accepted(task("a cat", 5, frontend.baseUrl() + "/webhooks/seedance/tok123"));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> frontend
			.verify(postRequestedFor(urlEqualTo("/webhooks/seedance/tok123"))
				.withRequestBody(matchingJsonPath("$.task_id", equalTo(taskId)))
				.withRequestBody(matchingJsonPath("$.status", equalTo("success")))));
	}

	@Test
	void invalid_input_is_rejected_like_the_upstream_does() {
		String tenImages = IntStream.rangeClosed(1, 10)
			.mapToObj(i -> "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://e.com/" + i + ".png\"}}")
			.collect(Collectors.joining(","));

		assertThat(client.create(new CreateTask("seedance-2.0",
				"[{\"type\":\"text\",\"text\":\"x\"}," + tenImages + "]", 5, "16:9", null)).outcome())
			.isInstanceOf(UpstreamOutcome.Rejected.class);
		assertThat(client.create(task("x", 7, null)).outcome()).isInstanceOf(UpstreamOutcome.Rejected.class);
		assertThat(client.create(new CreateTask("seedance-2.0", "[]", 5, "16:9", null)).outcome())
			.isInstanceOf(UpstreamOutcome.Rejected.class);
		assertThat(client.create(new CreateTask("seedance-2.0", "[{\"type\":\"text\",\"text\":\"x\"}]", 5, "2:1", null))
			.outcome()).isInstanceOf(UpstreamOutcome.Rejected.class);
	}

	@Test
	void an_unknown_task_is_not_found_and_any_bearer_is_accepted() throws Exception {
		assertThat(client.query("no-such-task").outcome()).isInstanceOf(QueryOutcome.NotFound.class);

		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/api/task/query?task_id=nope"))
			.header("Authorization", "Bearer dk-whatever")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":1");
	}

	private String accepted(CreateTask task) {
		UpstreamCall<UpstreamOutcome> call = client.create(task);
		assertThat(call.outcome()).isInstanceOf(UpstreamOutcome.Accepted.class);
		return ((UpstreamOutcome.Accepted) call.outcome()).taskId();
	}

	private QueryOutcome.TaskState awaitPhase(String taskId, TaskPhase phase) {
		return awaitPhase(taskId, phase, null);
	}

	private QueryOutcome.TaskState awaitPhase(String taskId, TaskPhase phase, String rawStatus) {
		return await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> state(taskId),
					state -> state.phase() == phase && (rawStatus == null || rawStatus.equals(state.rawStatus())));
	}

	private QueryOutcome.TaskState state(String taskId) {
		QueryOutcome outcome = client.query(taskId).outcome();
		assertThat(outcome).isInstanceOf(QueryOutcome.TaskState.class);
		return (QueryOutcome.TaskState) outcome;
	}

	private static CreateTask task(String text, int duration, String callbackUrl) {
		return new CreateTask("seedance-2.0", "[{\"type\":\"text\",\"text\":\"" + text + "\"}]", duration, "16:9",
				callbackUrl);
	}

}
