package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class AdminJobApiIntegrationTests {

	static final String ADMIN = "test-admin-token";

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	GatewayClient client;

	/** A window of time no other test's jobs are in: jobs are moved into it by their created_at. */
	Instant base;

	@BeforeEach
	void setUp() {
		client = new GatewayClient(port);
		base = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)))
			.plusSeconds(ThreadLocalRandom.current().nextInt(86_000));
	}

	@Test
	void operators_see_jobs_of_every_team_with_team_and_upstream_task_id() {
		String a = teams.create();
		String b = teams.create();
		String jobA = createAt(a, base.plusSeconds(1));
		String jobB = createAt(b, base.plusSeconds(2));
		jdbc.sql("UPDATE job SET status = 'SUBMITTED', upstream_task_id = 'task-42' WHERE id = :id")
			.param("id", UUID.fromString(jobB)).update();

		JsonNode page = list("from=" + base + "&to=" + base.plusSeconds(10));

		assertThat(ids(page)).containsExactly(jobB, jobA);
		JsonNode first = page.path("items").get(0);
		assertThat(first.path("team").asString()).isEqualTo(b);
		assertThat(first.path("upstream_task_id").asString()).isEqualTo("task-42");
		assertThat(first.path("status").asString()).isEqualTo("submitted");
		JsonNode second = page.path("items").get(1);
		assertThat(second.path("team").asString()).isEqualTo(a);
		assertThat(second.has("upstream_task_id")).isTrue();
		assertThat(second.get("upstream_task_id").isNull()).isTrue();
		assertThat(second.path("content").get(0).path("text").asString()).isEqualTo("job");
	}

	@Test
	void the_team_and_status_filters_narrow_the_list() {
		String a = teams.create();
		String b = teams.create();
		String queued = createAt(a, base.plusSeconds(1));
		String cancelled = createAt(a, base.plusSeconds(2));
		createAt(b, base.plusSeconds(3));
		jdbc.sql("UPDATE job SET status = 'CANCELLED' WHERE id = :id").param("id", UUID.fromString(cancelled)).update();

		assertThat(ids(list("team=" + a))).containsExactly(cancelled, queued);
		assertThat(ids(list("team=" + a + "&status=queued"))).containsExactly(queued);
		assertThat(ids(list("team=" + a + "&status=cancelled"))).containsExactly(cancelled);
		assertThat(ids(list("team=no-such-team"))).isEmpty();
	}

	@Test
	void from_is_inclusive_and_to_exclusive() {
		String a = teams.create();
		String atStart = createAt(a, base);
		String inside = createAt(a, base.plusSeconds(5));
		createAt(a, base.plusSeconds(10));

		assertThat(ids(list("team=" + a + "&from=" + base + "&to=" + base.plusSeconds(10))))
			.containsExactly(inside, atStart);
		assertThat(ids(list("team=" + a + "&from=" + base.plusSeconds(5)))).hasSize(2).contains(inside);
		assertThat(ids(list("team=" + a + "&to=" + base.plusSeconds(5)))).containsExactly(atStart);
	}

	@Test
	void pages_follow_the_cursor_to_the_end() {
		String a = teams.create();
		List<String> newestFirst = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			newestFirst.add(0, createAt(a, base.plusSeconds(i)));
		}

		List<String> seen = new ArrayList<>();
		String query = "team=" + a + "&limit=2";
		JsonNode page = list(query);
		seen.addAll(ids(page));
		while (!page.get("next_cursor").isNull()) {
			page = list(query + "&cursor=" + page.path("next_cursor").asString());
			seen.addAll(ids(page));
		}

		assertThat(seen).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void a_bad_filter_is_refused_naming_it() {
		for (String field : List.of("from", "to")) {
			Reply reply = client.get("/admin/jobs?" + field + "=yesterday", ADMIN);
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.json().path("code").asString()).isEqualTo("validation_failed");
			assertThat(reply.errorFields()).containsExactly(field);
		}
		assertThat(client.get("/admin/jobs?status=nope&limit=0&from=+99999-01-01T00:00:00Z", ADMIN).errorFields())
			.containsExactlyInAnyOrder("status", "limit", "from");
	}

	@Test
	void a_team_key_cannot_list_all_jobs() {
		String a = teams.create();
		String key = teams.keyFor(a);

		assertThat(client.get("/admin/jobs", key).status()).isEqualTo(401);
	}

	private JsonNode list(String query) {
		Reply reply = client.get("/admin/jobs?" + query, ADMIN);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private String createAt(String team, Instant createdAt) {
		String key = teams.keyFor(team);
		Reply reply = client.post("/jobs", key, JobRequests.text("job").json());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		String id = reply.json().path("id").asString();
		jdbc.sql("UPDATE job SET created_at = :at WHERE id = :id").param("at", Timestamp.from(createdAt))
			.param("id", UUID.fromString(id)).update();
		return id;
	}

	private static List<String> ids(JsonNode page) {
		return page.path("items").valueStream().map(item -> item.path("id").asString()).toList();
	}

}
