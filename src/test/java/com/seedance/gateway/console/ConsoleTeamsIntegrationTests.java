package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.console.ConsoleHttp.Page;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.Teams;

/** {@code /console/teams} and a team's page over real HTTP: limits against use, keys, and the actions on them. */
@ConsoleIntegrationTest
class ConsoleTeamsIntegrationTests {

	private static final Pattern SHOWN_ONCE = Pattern.compile("<div class=\"once\"[^>]*>.*?<code>([^<]+)</code>", Pattern.DOTALL);

	@LocalServerPort
	int port;

	@Autowired
	TestTeams testTeams;

	@Autowired
	TestJobs jobs;

	@Autowired
	Teams teams;

	@Autowired
	JdbcClient jdbc;

	private ConsoleHttp console;

	private GatewayClient api;

	private String team;

	@BeforeEach
	void signIn() {
		console = new ConsoleHttp(port).fromAnAddressOfItsOwn();
		console.signIn(GatewayClient.ADMIN_TOKEN);
		api = new GatewayClient(port);
		team = testTeams.create(new Quota(4, 10, new BigDecimal("20.00")));
	}

	@Test
	void the_team_list_and_page_show_limits_against_use() {
		jobs.submitted(team);
		jobs.accept(team);

		assertThat(console.get("/console/teams").body()).contains(">" + team + "<", "2 / 10", "1 / 4");
		Page page = console.get("/console/teams/" + team);
		assertThat(page.body()).contains("id=\"bar-daily\"", "value=\"2\"", "max=\"10\"", "id=\"bar-in-flight\"",
				"id=\"bar-credits\"", "id=\"bar-queued\"", "1 waiting");
	}

	@Test
	void a_key_is_issued_shown_once_never_kept_in_the_session_and_works_at_once() {
		console.get("/console/teams/" + team);

		Page issued = console.post("/console/teams/" + team + "/keys", Map.of("name", "studio"));

		assertThat(issued.status()).isEqualTo(200);
		String key = shownOnce(issued);
		assertThat(api.get("/usage", key).status()).isEqualTo(200);
		assertThat(console.get("/console/teams/" + team).body()).doesNotContain(key).contains("studio");
		List<byte[]> attributes = jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes").query(byte[].class).list();
		assertThat(attributes).noneMatch(bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(key));
	}

	@Test
	void a_revoked_key_is_refused_by_the_api() {
		String key = testTeams.keyFor(team);
		UUID keyId = jdbc.sql("SELECT id FROM api_key WHERE team_id = :team").param("team", team).query(UUID.class).single();
		assertThat(api.get("/usage", key).status()).isEqualTo(200);
		console.get("/console/teams/" + team);

		Page revoked = console.post("/console/teams/" + team + "/keys/" + keyId + "/revoke", Map.of());

		assertThat(revoked.location()).endsWith("/console/teams/" + team);
		assertThat(console.get("/console/teams/" + team).body()).contains("The key is revoked", "revoked 20");
		await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/usage", key).status() == 401);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'revoke key' AND target LIKE :target")
			.param("target", "POST /console/teams/" + team + "/keys/%")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void limits_change_through_the_teams_service_and_bad_ones_change_nothing() {
		console.get("/console/teams/" + team);

		Page bad = console.post("/console/teams/" + team + "/limits",
				Map.of("name", "Renamed", "maxConcurrentJobs", "-1", "dailyJobs", "x", "monthlyCredits", "1.1234567"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("max concurrent jobs must be", "daily jobs must be", "monthly credits must be");
		assertThat(teams.get(team).quota()).isEqualTo(new Quota(4, 10, new BigDecimal("20.00")));

		Page changed = console.post("/console/teams/" + team + "/limits",
				Map.of("name", "Renamed", "maxConcurrentJobs", "", "dailyJobs", "50", "monthlyCredits", "75.5"));
		assertThat(changed.location()).endsWith("/console/teams/" + team);
		assertThat(teams.get(team).quota()).isEqualTo(new Quota(null, 50, new BigDecimal("75.5")));
		assertThat(teams.get(team).name()).isEqualTo("Renamed");
	}

	@Test
	void the_webhook_secret_is_rotated_and_shown_once() {
		long before = secrets();
		console.get("/console/teams/" + team);

		Page rotated = console.post("/console/teams/" + team + "/webhook-secret", Map.of());

		assertThat(shownOnce(rotated)).startsWith("whsec_");
		assertThat(secrets()).isEqualTo(before + 1);
	}

	@Test
	void an_unknown_team_is_a_404_page() {
		assertThat(console.get("/console/teams/no-such-team").status()).isEqualTo(404);
	}

	private long secrets() {
		return jdbc.sql("SELECT count(*) FROM team_webhook_secret WHERE team_id = :team").param("team", team).query(Long.class).single();
	}

	private static String shownOnce(Page page) {
		Matcher shown = SHOWN_ONCE.matcher(page.body());
		assertThat(shown.find()).as(page.body()).isTrue();
		return shown.group(1);
	}

}
