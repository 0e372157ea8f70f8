package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.SqlStatementCounter;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;

/**
 * Each key's request rate, over real HTTP with time standing still until the test moves it: 1 request a second
 * with a burst of 50. (Same context as {@link ApiKeyCacheIntegrationTests}.)
 */
@GatewayIntegrationTest
@Import({ MutableClockConfiguration.class, SqlStatementCounter.Installed.class })
@TestPropertySource(properties = { "gateway.rate-limit.requests-per-second=1", "gateway.rate-limit.burst=50" })
class RateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	MutableClock clock;

	GatewayClient client;

	@BeforeEach
	void client() {
		client = new GatewayClient(port);
	}

	@Test
	void a_key_past_its_rate_gets_429_with_retry_after_and_another_team_is_unaffected() {
		String key = teams.keyFor(teams.create());
		String otherTeamsKey = teams.keyFor(teams.create());
		for (int i = 0; i < 50; i++) {
			assertThat(client.get("/usage", key).status()).as("request %d", i + 1).isEqualTo(200);
		}

		Reply refused = client.get("/usage", key);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("code").asString()).isEqualTo("rate_limited");
		assertThat(refused.json().get("status").asInt()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).hasValue("1");
		assertThat(client.get("/usage", otherTeamsKey).status()).isEqualTo(200);
		assertThat(client.post("/jobs", key, "{}").status()).isEqualTo(429);

		clock.advance(Duration.ofSeconds(1));
		assertThat(client.get("/usage", key).status()).isEqualTo(200);
		assertThat(client.get("/usage", key).status()).isEqualTo(429);
	}

	@Test
	void the_admin_token_and_public_endpoints_are_not_limited() {
		for (int i = 0; i < 60; i++) {
			assertThat(client.admin("GET", "/admin/teams", null).status()).isEqualTo(200);
			assertThat(client.get("/actuator/health/liveness", null).status()).isEqualTo(200);
		}
	}

	@Test
	void the_api_document_lists_the_429_on_team_operations_only() {
		JsonNode paths = client.get("/v3/api-docs", null).json().get("paths");

		assertThat(paths.at("/~1usage/get/responses/429/description").asString()).startsWith("rate_limited");
		assertThat(paths.at("/~1jobs~1{id}/get/responses/429/description").asString()).startsWith("rate_limited");
		assertThat(paths.at("/~1admin~1teams/get/responses/429").isMissingNode()).isTrue();
	}

}
