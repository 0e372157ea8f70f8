package com.seedance.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobError;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.support.GatewayIntegrationTest;

/**
 * The built-in simulator ({@code seedance.sandbox=true}, no API key) end to end: the gateway submits to
 * and tracks its own {@code /sandbox}, once by the poller alone and once by the simulator's callbacks alone.
 */
class SandboxEndToEndIntegrationTests {

	static void sandbox(DynamicPropertyRegistry registry) {
		registry.add("seedance.sandbox", () -> "true");
		registry.add("seedance.api-key", () -> "");
		registry.add("seedance.sandbox-settings.processing-after", () -> "100ms");
		registry.add("seedance.sandbox-settings.task-duration", () -> "400ms");
		registry.add("gateway.tracking.enabled", () -> "true");
		registry.add("gateway.tracking.dispatch-interval", () -> "50ms");
		registry.add("gateway.poll-interval", () -> "50ms");
	}

	@Nested
	@GatewayIntegrationTest
	@Import(TrackingFixtures.class)
	@DirtiesContext
	class PollerOnly extends Scenarios {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			sandbox(registry);
			registry.add("gateway.tracking.first-check", () -> "100ms");
			registry.add("gateway.tracking.max-check-interval", () -> "100ms");
		}

		@Override
		boolean callbacks() {
			return false;
		}

	}

	@Nested
	@GatewayIntegrationTest
	@Import(TrackingFixtures.class)
	@DirtiesContext
	class CallbacksOnly extends Scenarios {

		static final int PORT = freePort();

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			sandbox(registry);
			registry.add("server.port", () -> PORT);
			registry.add("gateway.public-url", () -> "http://localhost:" + PORT);
			// the poller never gets to a check: only the simulator's callbacks move the jobs
			registry.add("gateway.tracking.first-check", () -> "1h");
			registry.add("gateway.tracking.max-check-interval", () -> "1h");
		}

		@Override
		boolean callbacks() {
			return true;
		}

	}

	abstract static class Scenarios {

		@Autowired
		TrackingFixtures fixtures;

		abstract boolean callbacks();

		@Test
		void a_job_goes_all_the_way_to_a_video_that_downloads_as_mp4() throws Exception {
			Job done = fixtures.awaitTerminal(fixtures.job(fixtures.team(), TrackingFixtures.tag()).id());

			assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(done.upstreamTaskId()).startsWith("sb");
			assertThat(done.consumed()).isEqualByComparingTo("0.5");
			assertThat(done.videoUrl()).endsWith("/sandbox/videos/sample.mp4");
			HttpResponse<byte[]> video = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(done.videoUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(video.statusCode()).isEqualTo(200);
			assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
			assertThat(new String(Arrays.copyOfRange(video.body(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
			assertThat(fixtures.eventCount(done.id(), "CALLBACK")).isEqualTo(callbacks() ? 1 : 0);
		}

		@Test
		void a_task_the_sandbox_fails_ends_failed_with_upstream_failed() {
			Job done = fixtures.awaitTerminal(fixtures.job(fixtures.team(), "[sandbox:fail]").id());

			assertThat(done.status()).isEqualTo(JobStatus.FAILED);
			assertThat(done.error().code()).isEqualTo(JobError.UPSTREAM_FAILED);
			assertThat(done.error().message()).isEqualTo("Sandbox: simulated generation failure");
			assertThat(done.upstreamStatus()).isEqualTo("failed");
		}

		@Test
		void a_job_the_sandbox_rejects_ends_failed_with_upstream_rejected() {
			Job done = fixtures.awaitTerminal(fixtures.job(fixtures.team(), "[sandbox:reject]").id());

			assertThat(done.status()).isEqualTo(JobStatus.FAILED);
			assertThat(done.error().code()).isEqualTo(JobError.UPSTREAM_REJECTED);
			assertThat(done.error().message()).isEqualTo("Sandbox: simulated invalid parameters");
			assertThat(done.upstreamTaskId()).isNull();
		}

	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
