package com.seedance.gateway.teams.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;

import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class AdminTeamControllerIntegrationTests {

	static final String WEBHOOK_SECRET = "whsec_[A-Za-z0-9+/]{43}=";

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
	void creating_a_team_answers_201_with_its_location_quota_and_usage() {
		String id = uniqueId("create");

		Reply reply = createTeam(id, "Marketing", quota(5, 200, "100.00"));

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.header("Location")).hasValue("/admin/teams/" + id);
		JsonNode team = reply.json();
		assertThat(team.get("id").stringValue()).isEqualTo(id);
		assertThat(team.get("name").stringValue()).isEqualTo("Marketing");
		assertThat(team.get("quota").get("max_concurrent_jobs").intValue()).isEqualTo(5);
		assertThat(team.get("quota").get("daily_jobs").intValue()).isEqualTo(200);
		assertThat(team.get("quota").get("monthly_credits").stringValue()).isEqualTo("100.000000");
		assertThat(team.get("created_at").stringValue()).isEqualTo(team.get("updated_at").stringValue());
		assertThat(team.get("usage").get("jobs_today").longValue()).isZero();
		assertThat(team.get("webhook_secret").stringValue()).matches(WEBHOOK_SECRET);
	}

	@Test
	void the_webhook_secret_is_shown_at_creation_only_and_each_rotation_shows_a_new_one() {
		String id = uniqueId("secret");
		String first = createTeam(id, "Secret", null).json().get("webhook_secret").stringValue();

		assertThat(client.admin("GET", "/admin/teams/" + id, null).json().has("webhook_secret")).isFalse();
		assertThat(client.admin("GET", "/admin/teams", null).body()).doesNotContain(first);
		Reply rotated = client.admin("POST", "/admin/teams/" + id + "/webhook-secret", null);

		assertThat(rotated.status()).isEqualTo(201);
		assertThat(rotated.json().properties()).extracting(Map.Entry::getKey).containsExactly("secret");
		String second = rotated.json().get("secret").stringValue();
		assertThat(second).matches(WEBHOOK_SECRET).isNotEqualTo(first);
		assertThat(Base64.getDecoder().decode(second.substring("whsec_".length()))).hasSize(32);
	}

	@Test
	void without_a_secrets_key_webhook_secrets_are_stored_marked_unencrypted_and_health_says_so() {
		String id = uniqueId("plain");
		String secret = createTeam(id, "Plain", null).json().get("webhook_secret").stringValue();

		Map<String, Object> stored = jdbc.sql("SELECT secret, encrypted FROM team_webhook_secret WHERE team_id = :team")
			.param("team", id).query().singleRow();
		assertThat(stored.get("encrypted")).isEqualTo(false);
		assertThat(new String((byte[]) stored.get("secret"), StandardCharsets.UTF_8)).isEqualTo(secret);
		JsonNode secrets = client.get("/actuator/health", null).json().get("components").get("secrets");
		assertThat(secrets.get("status").stringValue()).isEqualTo("UP");
		assertThat(secrets.get("details").get("encrypted").booleanValue()).isFalse();
	}

	@Test
	void rotating_the_secret_of_an_unknown_team_answers_404() {
		assertProblem(client.admin("POST", "/admin/teams/no-such-team/webhook-secret", null), 404, "not_found");
	}

	@Test
	void a_team_created_without_quota_has_every_limit_unlimited() {
		String id = uniqueId("noquota");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", "No quota");

		Reply reply = client.admin("POST", "/admin/teams", body);

		assertThat(reply.status()).isEqualTo(201);
		JsonNode quota = reply.json().get("quota");
		assertThat(quota.get("max_concurrent_jobs").isNull()).isTrue();
		assertThat(quota.get("daily_jobs").isNull()).isTrue();
		assertThat(quota.get("monthly_credits").isNull()).isTrue();
	}

	@Test
	void listing_shows_all_teams_ordered_by_id_without_usage() {
		String stem = uniqueId("list");
		createTeam(stem + "-b", "B", null);
		createTeam(stem + "-a", "A", null);

		Reply reply = client.admin("GET", "/admin/teams", null);

		assertThat(reply.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		reply.json().get("items").forEach(item -> {
			ids.add(item.get("id").stringValue());
			assertThat(item.has("usage")).isFalse();
		});
		assertThat(ids).isSorted().containsSubsequence(stem + "-a", stem + "-b");
	}

	@Test
	void getting_a_team_shows_it_with_its_usage() {
		String id = uniqueId("get");
		createTeam(id, "Get me", quota(1, null, null));

		Reply reply = client.admin("GET", "/admin/teams/" + id, null);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("name").stringValue()).isEqualTo("Get me");
		JsonNode usage = reply.json().get("usage");
		assertThat(usage.get("jobs_today").longValue()).isZero();
		assertThat(usage.get("jobs_in_flight").longValue()).isZero();
		assertThat(usage.get("jobs_queued").longValue()).isZero();
		assertThat(usage.get("credits_this_month").stringValue()).isEqualTo("0.000000");
	}

	@Test
	void getting_an_unknown_team_answers_404_not_found() {
		Reply reply = client.admin("GET", "/admin/teams/" + uniqueId("missing"), null);

		assertProblem(reply, 404, "not_found");
	}

	@Test
	void creating_a_team_with_a_taken_id_answers_409_and_keeps_the_first_team() {
		String id = uniqueId("dup");
		createTeam(id, "First", quota(1, 1, "1"));

		Reply reply = createTeam(id, "Second", null);

		assertProblem(reply, 409, "conflict");
		JsonNode team = client.admin("GET", "/admin/teams/" + id, null).json();
		assertThat(team.get("name").stringValue()).isEqualTo("First");
		assertThat(team.get("quota").get("daily_jobs").intValue()).isEqualTo(1);
	}

	@Test
	void concurrent_creates_of_one_id_give_one_201_and_one_409() {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			createConcurrently(threads);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private void createConcurrently(ExecutorService threads) {
		for (int round = 0; round < 5; round++) {
			String id = uniqueId("race");
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Reply>> replies = Stream.of("One", "Two")
				.map(name -> CompletableFuture.supplyAsync(() -> {
					await(start);
					return createTeam(id, name, null);
				}, threads))
				.toList();
			start.countDown();

			List<Integer> statuses = replies.stream().map(CompletableFuture::join).map(Reply::status).toList();

			assertThat(statuses).containsExactlyInAnyOrder(201, 409);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidCreateRequests")
	void an_invalid_create_request_answers_400_naming_the_field(String field, Map<String, Object> body) {
		Reply reply = client.admin("POST", "/admin/teams", body);

		assertProblem(reply, 400, "validation_failed");
		assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactly(field);
	}

	static Stream<Arguments> invalidCreateRequests() {
		return Stream.of(
				Arguments.of("id", team(null, "Name", null)),
				Arguments.of("id", team("", "Name", null)),
				Arguments.of("id", team("Upper-Case", "Name", null)),
				Arguments.of("id", team("-leading-dash", "Name", null)),
				Arguments.of("id", team("x".repeat(64), "Name", null)),
				Arguments.of("name", team(uniqueId("v"), null, null)),
				Arguments.of("name", team(uniqueId("v"), "  ", null)),
				Arguments.of("name", team(uniqueId("v"), "n".repeat(201), null)),
				Arguments.of("quota.max_concurrent_jobs", team(uniqueId("v"), "Name", quota(-1, null, null))),
				Arguments.of("quota.daily_jobs", team(uniqueId("v"), "Name", quota(null, -1, null))),
				Arguments.of("quota.monthly_credits", team(uniqueId("v"), "Name", quota(null, null, "-0.01"))),
				Arguments.of("quota.monthly_credits", team(uniqueId("v"), "Name", quota(null, null, "0.0000001"))),
				Arguments.of("quota.monthly_credits", team(uniqueId("v"), "Name", Map.of("monthly_credits", "lots"))),
				Arguments.of("quota.daily_jobs", team(uniqueId("v"), "Name", Map.of("daily_jobs", "ten"))),
				Arguments.of("quota.max_concurrent_jobs", team(uniqueId("v"), "Name", Map.of("max_concurrent_jobs", 3_000_000_000L))),
				Arguments.of("quota", team(uniqueId("v"), "Name", 5, null)),
				Arguments.of("name", team(uniqueId("v"), null, null, Map.of("name", List.of("a")))));
	}

	@Test
	void patch_keeps_absent_limits_clears_null_ones_and_sets_given_ones() {
		String id = uniqueId("patch");
		createTeam(id, "Before", quota(5, 200, "100.00"));
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("daily_jobs", null);
		quota.put("monthly_credits", "250.5");

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, Map.of("quota", quota));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode team = reply.json();
		assertThat(team.get("name").stringValue()).isEqualTo("Before");
		assertThat(team.get("quota").get("max_concurrent_jobs").intValue()).isEqualTo(5);
		assertThat(team.get("quota").get("daily_jobs").isNull()).isTrue();
		assertThat(team.get("quota").get("monthly_credits").stringValue()).isEqualTo("250.500000");
		assertThat(Instant.parse(team.get("updated_at").stringValue()))
			.isAfter(Instant.parse(team.get("created_at").stringValue()));
		assertThat(team.has("usage")).isTrue();
		assertThat(client.admin("GET", "/admin/teams/" + id, null).json().get("quota")).isEqualTo(team.get("quota"));
	}

	@Test
	void patch_with_only_a_name_renames_and_keeps_the_quota() {
		String id = uniqueId("rename");
		createTeam(id, "Old", quota(2, 3, "4.00"));

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, Map.of("name", "New"));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("name").stringValue()).isEqualTo("New");
		assertThat(reply.json().get("quota").get("max_concurrent_jobs").intValue()).isEqualTo(2);
		assertThat(reply.json().get("quota").get("daily_jobs").intValue()).isEqualTo(3);
		assertThat(reply.json().get("quota").get("monthly_credits").stringValue()).isEqualTo("4.000000");
	}

	@Test
	void patch_with_quota_null_makes_every_limit_unlimited() {
		String id = uniqueId("unlimit");
		createTeam(id, "Limited", quota(2, 3, "4.00"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("quota", null);

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, body);

		assertThat(reply.status()).isEqualTo(200);
		reply.json().get("quota").forEach(limit -> assertThat(limit.isNull()).isTrue());
	}

	@Test
	void patch_accepts_merge_patch_json() {
		String id = uniqueId("merge");
		createTeam(id, "Merge", null);

		Reply reply = client.send("PATCH", "/admin/teams/" + id, GatewayClient.ADMIN_TOKEN,
				"application/merge-patch+json", Map.of("quota", Map.of("daily_jobs", 7)));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("quota").get("daily_jobs").intValue()).isEqualTo(7);
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidPatches")
	void an_invalid_patch_answers_400_naming_the_field_and_changes_nothing(String field, Object value,
			Map<String, Object> body) {
		String id = uniqueId("badpatch");
		createTeam(id, "Unchanged", quota(1, 2, "3.00"));

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, body);

		assertProblem(reply, 400, "validation_failed");
		assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactly(field);
		JsonNode team = client.admin("GET", "/admin/teams/" + id, null).json();
		assertThat(team.get("name").stringValue()).isEqualTo("Unchanged");
		assertThat(team.get("quota").get("daily_jobs").intValue()).isEqualTo(2);
	}

	static Stream<Arguments> invalidPatches() {
		return Stream.of(
				patchOf("name", ""),
				patchOf("name", List.of("a")),
				patchOf("name", "n".repeat(201)),
				patchOf("name", null),
				patchOf("quota", 5),
				patchOf("quota.max_concurrent_jobs", -1),
				patchOf("quota.max_concurrent_jobs", "many"),
				patchOf("quota.max_concurrent_jobs", List.of(1)),
				patchOf("id", "another-id"),
				patchOf("id", null),
				patchOf("quota.daily_jobs", "ten"),
				patchOf("quota.daily_jobs", 3_000_000_000L),
				patchOf("quota.monthly_credits", "abc"),
				patchOf("quota.monthly_credits", "-1"),
				patchOf("quota.monthly_credits", true));
	}

	@Test
	void a_null_limit_becomes_unlimited_and_absent_members_keep_their_values() {
		String id = uniqueId("nulllimit");
		createTeam(id, "Keep", quota(5, 200, "100.00"));
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("max_concurrent_jobs", null);

		Reply reply = client.send("PATCH", "/admin/teams/" + id, GatewayClient.ADMIN_TOKEN,
				"application/merge-patch+json", Map.of("quota", quota));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode stored = client.admin("GET", "/admin/teams/" + id, null).json();
		assertThat(stored.get("name").stringValue()).isEqualTo("Keep");
		assertThat(stored.get("quota").get("max_concurrent_jobs").isNull()).isTrue();
		assertThat(stored.get("quota").get("daily_jobs").intValue()).isEqualTo(200);
		assertThat(stored.get("quota").get("monthly_credits").stringValue()).isEqualTo("100.000000");
	}

	@Test
	void a_patch_repeating_the_id_is_no_change_of_it() {
		String id = uniqueId("sameid");
		createTeam(id, "Same", null);

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, Map.of("id", id, "name", "Renamed"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("id").stringValue()).isEqualTo(id);
		assertThat(reply.json().get("name").stringValue()).isEqualTo("Renamed");
	}

	@Test
	void a_refused_patch_lists_every_invalid_member_and_applies_none_of_the_valid_ones() {
		String id = uniqueId("refused");
		createTeam(id, "Unchanged", quota(1, 2, "3.00"));
		JsonNode before = client.admin("GET", "/admin/teams/" + id, null).json();
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("max_concurrent_jobs", 9);
		quota.put("daily_jobs", -1);
		quota.put("monthly_credits", "-5");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", " ");
		body.put("quota", quota);

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, body);

		assertProblem(reply, 400, "validation_failed");
		assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name",
				"quota.daily_jobs", "quota.monthly_credits");
		JsonNode after = client.admin("GET", "/admin/teams/" + id, null).json();
		assertThat(after.get("name")).isEqualTo(before.get("name"));
		assertThat(after.get("quota")).isEqualTo(before.get("quota"));
		assertThat(after.get("updated_at")).isEqualTo(before.get("updated_at"));
	}

	@Test
	void a_patch_that_is_not_a_json_object_is_refused() {
		String id = uniqueId("notobject");
		createTeam(id, "Object", null);

		Reply reply = client.admin("PATCH", "/admin/teams/" + id, List.of("name", "X"));

		assertProblem(reply, 400, "validation_failed");
		assertThat(client.admin("GET", "/admin/teams/" + id, null).json().get("name").stringValue()).isEqualTo("Object");
	}

	@Test
	void patching_an_unknown_team_answers_404() {
		Reply reply = client.admin("PATCH", "/admin/teams/" + uniqueId("nobody"), Map.of("name", "X"));

		assertProblem(reply, 404, "not_found");
	}

	@Test
	void an_issued_key_is_shown_once_and_listed_without_its_secret() {
		String id = uniqueId("keys");
		createTeam(id, "Keys", null);

		Reply issued = client.admin("POST", "/admin/teams/" + id + "/keys", Map.of("name", "web-frontend"));

		assertThat(issued.status()).isEqualTo(201);
		JsonNode key = issued.json();
		String secret = key.get("key").stringValue();
		assertThat(secret).startsWith("sgw_").startsWith(key.get("prefix").stringValue());
		assertThat(key.get("name").stringValue()).isEqualTo("web-frontend");
		assertThat(key.has("created_at")).isTrue();
		assertThat(issued.header("Location")).hasValue("/admin/teams/" + id + "/keys/" + key.get("id").stringValue());

		Reply listed = client.admin("GET", "/admin/teams/" + id + "/keys", null);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(secret).doesNotContain("key_hash").doesNotContain("\"key\"");
		JsonNode item = listed.json().get("items").get(0);
		assertThat(listed.json().get("items")).hasSize(1);
		assertThat(item.get("id").stringValue()).isEqualTo(key.get("id").stringValue());
		assertThat(item.get("prefix").stringValue()).isEqualTo(key.get("prefix").stringValue());
		assertThat(item.get("revoked_at").isNull()).isTrue();
		assertThat(item.get("last_used_at").isNull()).isTrue();
	}

	@Test
	void revoking_a_key_marks_it_revoked_and_repeating_it_still_answers_204() {
		String id = uniqueId("revoke");
		createTeam(id, "Revoke", null);
		String keyId = issueKey(id).get("id").stringValue();

		assertThat(client.admin("DELETE", "/admin/teams/" + id + "/keys/" + keyId, null).status()).isEqualTo(204);
		String revokedAt = client.admin("GET", "/admin/teams/" + id + "/keys", null).json()
			.get("items").get(0).get("revoked_at").stringValue();
		assertThat(revokedAt).isNotNull();

		assertThat(client.admin("DELETE", "/admin/teams/" + id + "/keys/" + keyId, null).status()).isEqualTo(204);
		assertThat(client.admin("GET", "/admin/teams/" + id + "/keys", null).json()
			.get("items").get(0).get("revoked_at").stringValue()).isEqualTo(revokedAt);
	}

	@Test
	void revoking_another_teams_key_or_an_unknown_key_answers_404() {
		String owner = uniqueId("owner");
		String other = uniqueId("other");
		createTeam(owner, "Owner", null);
		createTeam(other, "Other", null);
		String keyId = issueKey(owner).get("id").stringValue();

		assertProblem(client.admin("DELETE", "/admin/teams/" + other + "/keys/" + keyId, null), 404, "not_found");
		assertProblem(client.admin("DELETE", "/admin/teams/" + owner + "/keys/" + UUID.randomUUID(), null), 404,
				"not_found");
		assertThat(client.admin("GET", "/admin/teams/" + owner + "/keys", null).json()
			.get("items").get(0).get("revoked_at").isNull()).isTrue();
	}

	@Test
	void keys_of_an_unknown_team_answer_404() {
		String id = uniqueId("nokeys");

		assertProblem(client.admin("POST", "/admin/teams/" + id + "/keys", Map.of("name", "k")), 404, "not_found");
		assertProblem(client.admin("GET", "/admin/teams/" + id + "/keys", null), 404, "not_found");
	}

	@Test
	void a_key_without_a_name_answers_400_naming_the_field() {
		String id = uniqueId("keyname");
		createTeam(id, "Key name", null);

		Reply reply = client.admin("POST", "/admin/teams/" + id + "/keys", Map.of("name", " "));

		assertProblem(reply, 400, "validation_failed");
		assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactly("name");
	}

	@Test
	void the_api_document_describes_the_admin_endpoints_with_the_admin_token_scheme() {
		Reply reply = client.get("/v3/api-docs", null);

		assertThat(reply.status()).isEqualTo(200);
		JsonNode document = reply.json();
		assertThat(document.get("components").get("securitySchemes").has("teamKey")).isTrue();
		assertThat(document.get("components").get("securitySchemes").get("adminToken").get("scheme").stringValue())
			.isEqualTo("bearer");
		JsonNode create = document.get("paths").get("/admin/teams").get("post");
		assertThat(create.get("security").get(0).has("adminToken")).isTrue();
		assertThat(create.get("responses").has("409")).isTrue();
		assertThat(create.get("responses").has("401")).isTrue();
		assertThat(document.get("paths").get("/admin/teams/{id}/keys/{keyId}").has("delete")).isTrue();
		JsonNode rotate = document.get("paths").get("/admin/teams/{id}/webhook-secret").get("post");
		assertThat(rotate.get("security").get(0).has("adminToken")).isTrue();
		assertThat(rotate.get("responses").has("201")).isTrue();
		assertThat(rotate.get("responses").has("404")).isTrue();
	}

	private Reply createTeam(String id, String name, @Nullable Map<String, Object> quota) {
		return client.admin("POST", "/admin/teams", team(id, name, quota));
	}

	private JsonNode issueKey(String teamId) {
		Reply reply = client.admin("POST", "/admin/teams/" + teamId + "/keys", Map.of("name", "key"));
		assertThat(reply.status()).isEqualTo(201);
		return reply.json();
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").stringValue()).isEqualTo(code);
	}

	static String uniqueId(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static Map<String, Object> team(@Nullable String id, @Nullable String name, @Nullable Map<String, ?> quota) {
		return team(id, name, quota, null);
	}

	/** A create body; {@code rawQuota} (any JSON value) replaces {@code quota}, {@code extra} adds members. */
	static Map<String, Object> team(@Nullable String id, @Nullable String name, @Nullable Object rawQuota,
			@Nullable Map<String, Object> extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", name);
		if (rawQuota != null) {
			body.put("quota", rawQuota);
		}
		if (extra != null) {
			body.putAll(extra);
		}
		return body;
	}

	static Map<String, Object> quota(@Nullable Integer maxConcurrentJobs, @Nullable Integer dailyJobs,
			@Nullable String monthlyCredits) {
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("max_concurrent_jobs", maxConcurrentJobs);
		quota.put("daily_jobs", dailyJobs);
		quota.put("monthly_credits", monthlyCredits);
		return quota;
	}

	/** A patch setting one member, {@code name} or {@code quota} or {@code quota.<limit>}, to the value. */
	private static Arguments patchOf(String field, @Nullable Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (field.startsWith("quota.")) {
			Map<String, Object> quota = new LinkedHashMap<>();
			quota.put(field.substring("quota.".length()), value);
			body.put("quota", quota);
		}
		else {
			body.put(field, value);
		}
		return Arguments.of(field, String.valueOf(value).length() > 20 ? "(long)" : String.valueOf(value), body);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
