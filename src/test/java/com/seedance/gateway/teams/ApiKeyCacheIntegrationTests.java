package com.seedance.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.shared.PostgresNotifications;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.SecondInstance;
import com.seedance.gateway.support.SqlStatementCounter;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;

/**
 * Keys from memory: a key this instance knows costs no SQL statement, a revocation on another instance holds here
 * within a second, and a key's use is written at most once a minute. (Same context as
 * {@link RateLimitIntegrationTests}; each test uses its own key, well within the burst.)
 */
@GatewayIntegrationTest
@Import({ MutableClockConfiguration.class, SqlStatementCounter.Installed.class })
@TestPropertySource(properties = { "gateway.rate-limit.requests-per-second=1", "gateway.rate-limit.burst=50" })
class ApiKeyCacheIntegrationTests {

	/** Needs a team key and has no handler: authenticating is all the request does. */
	private static final String TEAM_PATH = "/jobs-not-here";

	static @Nullable ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTeams teams;

	@Autowired
	SqlStatementCounter sql;

	@Autowired
	LastUses lastUses;

	@Autowired
	MutableClock clock;

	@Autowired
	PostgresNotifications notifications;

	GatewayClient here;

	GatewayClient there;

	@BeforeEach
	void twoInstances() throws Exception {
		if (second == null) {
			second = SecondInstance.start(dataSource, Map.of());
		}
		here = new GatewayClient(port);
		there = new GatewayClient(SecondInstance.port(second));
		// keys are served from memory only while revocations can be heard (not so right after a test killed the listener)
		await().until(notifications::isListening);
		await().until(second.getBean(PostgresNotifications.class)::isListening);
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void a_key_this_instance_knows_is_accepted_without_a_sql_statement() {
		String key = teams.keyFor(teams.create());

		List<String> first = sql.during(() -> assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404));
		lastUses.write();
		List<String> next = sql.during(() -> {
			for (int i = 0; i < 5; i++) {
				assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404);
			}
		});

		assertThat(first).anySatisfy(statement -> assertThat(statement).contains("api_key"));
		assertThat(next).isEmpty();
	}

	@Test
	void a_key_revoked_on_another_instance_is_refused_here_within_a_second() {
		String team = teams.create();
		JsonNode issued = there.admin("POST", "/admin/teams/" + team + "/keys", Map.of("name", "web")).json();
		String key = issued.get("key").asString();
		assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404);
		lastUses.write(); // the use just noted is written now, not by the scheduled write inside the window below
		assertThat(sql.during(() -> assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404))).isEmpty();

		Reply revoked = there.admin("DELETE", "/admin/teams/" + team + "/keys/" + issued.get("id").asString(), null);

		assertThat(revoked.status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(25))
			.untilAsserted(() -> assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(401));
	}

	@Test
	void a_revocation_whose_notification_was_lost_holds_once_the_listening_connection_is_back() {
		String key = teams.keyFor(teams.create());
		assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404);
		// revoked behind the gateway's back: no notification, as if it had been sent while nobody listened
		jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE key_hash = sha256(convert_to(:key, 'UTF8'))")
			.param("key", key)
			.update();
		assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(404);

		jdbc.sql("""
				SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				 WHERE application_name = 'seedance-gateway-listener' AND datname = current_database()""")
			.query(Boolean.class)
			.list();

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(25))
			.untilAsserted(() -> assertThat(here.get(TEAM_PATH, key).status()).isEqualTo(401));
	}

	@Test
	void a_keys_use_is_written_at_most_once_a_minute() {
		String team = teams.create();
		String key = teams.keyFor(team);
		Instant start = clock.instant();

		here.get(TEAM_PATH, key);
		lastUses.write();
		assertThat(lastUsedAt(team)).isEqualTo(start);

		clock.advance(Duration.ofSeconds(59));
		List<String> withinTheMinute = sql.during(() -> {
			here.get(TEAM_PATH, key);
			here.get(TEAM_PATH, key);
			lastUses.write();
		});
		assertThat(withinTheMinute).isEmpty();
		assertThat(lastUsedAt(team)).isEqualTo(start);

		clock.advance(Duration.ofSeconds(1));
		List<String> aMinuteLater = sql.during(() -> {
			here.get(TEAM_PATH, key);
			here.get(TEAM_PATH, key);
			lastUses.write();
		});
		assertThat(aMinuteLater).singleElement().satisfies(statement -> assertThat(statement).contains("UPDATE api_key"));
		assertThat(lastUsedAt(team)).isEqualTo(start.plusSeconds(60));
	}

	@Test
	void uses_are_written_by_the_gateway_itself_within_seconds() {
		String team = teams.create();
		String key = teams.keyFor(team);

		here.get(TEAM_PATH, key);

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastUsedAt(team)).isEqualTo(clock.instant()));
	}

	private @Nullable Instant lastUsedAt(String team) {
		Timestamp at = jdbc.sql("SELECT last_used_at FROM api_key WHERE team_id = :team")
			.param("team", team)
			.query(Timestamp.class)
			.list()
			.get(0);
		return at == null ? null : at.toInstant();
	}

}
