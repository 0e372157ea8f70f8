package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Who may call what. No client endpoint is used here (they belong to {@code jobs}): a team key that is
 * accepted reaches the dispatcher and gets 404 for an unknown path, one that is refused gets 401.
 */
@GatewayIntegrationTest
class AuthenticationIntegrationTests {

	/** Needs authentication (anything not explicitly public does) and has no handler. */
	private static final String TEAM_PATH = "/jobs-not-here";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	GatewayClient client;

	@BeforeEach
	void client() {
		client = new GatewayClient(port);
	}

	@Test
	void a_valid_team_key_is_accepted() {
		String key = issueKey(newTeam()).get("key").stringValue();

		Reply reply = client.get(TEAM_PATH, key);

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("code").stringValue()).isEqualTo("not_found");
	}

	@Test
	void without_allowed_origins_a_preflight_gets_no_cross_origin_access() {
		Reply reply = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs"))
			.header("Origin", "https://studio.example.com")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

		assertThat(reply.status()).isLessThan(500);
		assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void a_request_without_a_key_answers_401_with_a_bearer_challenge() {
		Reply reply = client.get(TEAM_PATH, null);

		assertUnauthorized(reply);
		assertThat(reply.header("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void an_unknown_key_answers_401() {
		assertUnauthorized(client.get(TEAM_PATH, "sgw_" + UUID.randomUUID()));
		assertUnauthorized(client.get(TEAM_PATH, "not-even-a-gateway-key"));
	}

	@Test
	void a_revoked_key_answers_401_right_after_the_revocation() {
		String team = newTeam();
		JsonNode issued = issueKey(team);
		String key = issued.get("key").stringValue();
		assertThat(client.get(TEAM_PATH, key).status()).isEqualTo(404);

		Reply revoked = client.admin("DELETE", "/admin/teams/" + team + "/keys/" + issued.get("id").stringValue(), null);

		assertThat(revoked.status()).isEqualTo(204);
		assertUnauthorized(client.get(TEAM_PATH, key));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "sgw_abc", "Token test-admin-token" })
	void a_malformed_authorization_header_answers_401(String authorization) {
		assertUnauthorized(client.sendWithAuthorization("GET", TEAM_PATH, authorization));
		assertUnauthorized(client.sendWithAuthorization("GET", "/admin/teams", authorization));
	}

	@Test
	void a_wrong_admin_token_answers_401() {
		assertUnauthorized(client.get("/admin/teams", "test-admin-token-but-longer"));
		assertUnauthorized(client.get("/admin/teams", null));
	}

	@Test
	void the_admin_token_answers_200_on_the_admin_api() {
		assertThat(client.get("/admin/teams", GatewayClient.ADMIN_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void a_team_key_on_the_admin_api_answers_401() {
		String team = newTeam();
		String key = issueKey(team).get("key").stringValue();

		assertUnauthorized(client.get("/admin/teams", key));
		assertUnauthorized(client.get("/admin/teams/" + team, key));
	}

	@Test
	void the_admin_token_on_the_client_api_answers_401() {
		assertUnauthorized(client.get("/usage", GatewayClient.ADMIN_TOKEN));
		assertUnauthorized(client.get("/jobs", GatewayClient.ADMIN_TOKEN));
	}

	@Test
	void a_key_is_stored_only_as_its_sha256_hash() throws Exception {
		JsonNode issued = issueKey(newTeam());
		String key = issued.get("key").stringValue();

		byte[] stored = jdbc.sql("SELECT key_hash FROM api_key WHERE id = :id")
			.param("id", UUID.fromString(issued.get("id").stringValue()))
			.query(byte[].class)
			.single();
		long rowsHoldingTheKey = jdbc.sql("SELECT count(*) FROM api_key k WHERE position(:key IN k::text) > 0")
			.param("key", key)
			.query(Long.class)
			.single();

		assertThat(key).matches("sgw_[A-Za-z0-9_-]{43}");
		assertThat(stored).isEqualTo(sha256(key));
		assertThat(rowsHoldingTheKey).isZero();
	}

	@Test
	void using_a_key_records_when_it_was_last_used() {
		String team = newTeam();
		String key = issueKey(team).get("key").stringValue();
		assertThat(lastUsedAt(team).isNull()).isTrue();

		client.get(TEAM_PATH, key);

		// noted in memory, written within a second or so (at most once a minute per key)
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastUsedAt(team).isString()).isTrue());
	}

	@Nested
	@TestPropertySource(properties = "gateway.admin-token=")
	class WhenNoAdminTokenIsSet {

		@LocalServerPort
		int port;

		@Test
		void the_admin_api_answers_404_not_found_whatever_the_token() {
			GatewayClient disabled = new GatewayClient(port);

			for (String token : new String[] { null, "", GatewayClient.ADMIN_TOKEN }) {
				Reply reply = disabled.get("/admin/teams", token);

				assertThat(reply.status()).isEqualTo(404);
				assertThat(reply.contentType()).startsWith("application/problem+json");
				assertThat(reply.json().get("code").stringValue()).isEqualTo("not_found");
			}
		}

	}

	private JsonNode lastUsedAt(String team) {
		return client.admin("GET", "/admin/teams/" + team + "/keys", null).json().get("items").get(0).get("last_used_at");
	}

	private String newTeam() {
		String id = "auth-" + UUID.randomUUID().toString().substring(0, 8);
		Reply reply = client.admin("POST", "/admin/teams", Map.of("id", id, "name", "Auth"));
		assertThat(reply.status()).isEqualTo(201);
		return id;
	}

	private JsonNode issueKey(String team) {
		Reply reply = client.admin("POST", "/admin/teams/" + team + "/keys", Map.of("name", "test"));
		assertThat(reply.status()).isEqualTo(201);
		return reply.json();
	}

	private static void assertUnauthorized(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(401);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
		assertThat(reply.json().get("code").stringValue()).isEqualTo("unauthorized");
	}

	private static byte[] sha256(String text) throws NoSuchAlgorithmException {
		return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
	}

}
