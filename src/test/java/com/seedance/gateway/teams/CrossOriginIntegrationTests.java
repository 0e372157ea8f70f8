package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;

/** {@code GATEWAY_CORS_ALLOWED_ORIGINS}: browsers on the listed origins may call the team API, no one else. */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.cors-allowed-origins=https://studio.example.com, https://ads.example.com")
class CrossOriginIntegrationTests {

	static final String ALLOWED = "https://studio.example.com";

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	GatewayClient client;

	@BeforeEach
	void client() {
		client = new GatewayClient(port);
	}

	@Test
	void a_preflight_from_an_allowed_origin_is_answered_without_a_key() {
		Reply reply = preflight("/jobs", ALLOWED, "POST", "authorization, content-type, idempotency-key");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(values(reply, "Access-Control-Allow-Methods")).contains("post", "get");
		assertThat(values(reply, "Access-Control-Allow-Headers")).contains("authorization", "content-type",
				"idempotency-key");
		assertThat(reply.header("Access-Control-Max-Age")).hasValue("3600");
		assertThat(reply.header("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void a_preflight_for_the_event_stream_may_send_last_event_id() {
		Reply reply = preflight("/jobs/0190e0b4-0000-7000-8000-000000000000/events", "https://ads.example.com", "GET",
				"authorization, last-event-id");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Access-Control-Allow-Origin")).hasValue("https://ads.example.com");
		assertThat(values(reply, "Access-Control-Allow-Headers")).contains("authorization", "last-event-id");
	}

	@Test
	void a_preflight_for_a_job_may_send_if_none_match() {
		Reply reply = preflight("/jobs/0190e0b4-0000-7000-8000-000000000000", ALLOWED, "GET",
				"authorization, if-none-match");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(values(reply, "Access-Control-Allow-Headers")).contains("authorization", "if-none-match");
	}

	@Test
	void a_request_from_an_allowed_origin_may_read_the_exposed_headers() {
		String key = teams.keyFor(teams.create());

		Reply reply = client.send(client.request("/jobs", key)
			.header("Origin", ALLOWED)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JobRequests.text("a cat").json())));

		assertThat(reply.status()).isEqualTo(202);
		assertThat(reply.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(values(reply, "Access-Control-Expose-Headers")).contains("location", "retry-after",
				"idempotent-replayed", "etag");
	}

	@Test
	void a_preflight_from_another_origin_is_refused_with_a_problem() {
		Reply reply = preflight("/jobs", "https://evil.example.com", "POST", "authorization");

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo("forbidden");
		assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void a_request_from_another_origin_is_refused_and_changes_nothing() {
		String team = teams.create();
		String key = teams.keyFor(team);

		Reply reply = client.send(client.request("/jobs", key)
			.header("Origin", "https://evil.example.com")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JobRequests.text("a cat").json())));

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.json().get("code").asString()).isEqualTo("forbidden");
		assertThat(client.get("/jobs", key).json().get("items")).isEmpty();
	}

	@Test
	void a_preflight_allows_no_other_method_and_no_other_header() {
		Reply method = preflight("/jobs", ALLOWED, "DELETE", "authorization");
		assertThat(method.status()).isEqualTo(403);
		assertThat(method.json().get("code").asString()).isEqualTo("forbidden");

		// Spring answers the headers it allows; the browser then refuses the request that wanted x-custom
		Reply header = preflight("/jobs", ALLOWED, "POST", "authorization, x-custom");
		assertThat(values(header, "Access-Control-Allow-Headers")).contains("authorization").doesNotContain("x-custom");
	}

	@Test
	void the_operators_api_gets_no_cross_origin_access() {
		Reply reply = preflight("/admin/teams", ALLOWED, "GET", "authorization");

		assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
	}

	private Reply preflight(String path, String origin, String method, String headers) {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", headers)
			.method("OPTIONS", BodyPublishers.noBody()));
	}

	private static List<String> values(Reply reply, String header) {
		return reply.headers()
			.allValues(header)
			.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(value -> value.trim().toLowerCase(Locale.ROOT))
			.toList();
	}

}
