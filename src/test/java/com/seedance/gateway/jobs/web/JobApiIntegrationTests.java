package com.seedance.gateway.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobResponse;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayClient.Reply;
import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.JobRequests;
import com.seedance.gateway.support.TestTeams;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
@TestPropertySource(properties = { "gateway.notify-allowed-hosts=hooks.example.com, *.internal.example",
		"gateway.jobs.models=seedance-2.0,seedance-2.0-fast" })
class JobApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobs;

	@Autowired
	JsonMapper json;

	GatewayClient client;

	String teamId;

	String key;

	@BeforeEach
	void team() {
		client = new GatewayClient(port);
		teamId = teams.create();
		key = teams.keyFor(teamId);
	}

	// --- creating jobs

	@Test
	void a_valid_job_is_accepted_with_its_location_and_representation() {
		Reply reply = client.post("/jobs", key, JobRequests.text("The cat in @image1 meets @image2")
			.images(2)
			.duration(10)
			.ratio("9:16")
			.model("seedance-2.0-fast")
			.notifyUrl("https://hooks.example.com/video")
			.metadata("project", "spring-campaign")
			.json());

		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		JsonNode job = reply.json();
		assertThat(reply.header("Location")).hasValue("/jobs/" + job.path("id").asString());
		assertThat(job.path("status").asString()).isEqualTo("queued");
		assertThat(job.path("model").asString()).isEqualTo("seedance-2.0-fast");
		assertThat(job.path("duration").asInt()).isEqualTo(10);
		assertThat(job.path("ratio").asString()).isEqualTo("9:16");
		assertThat(job.path("content").size()).isEqualTo(3);
		assertThat(job.path("metadata").path("project").asString()).isEqualTo("spring-campaign");
		assertThat(job.path("notify_url").asString()).isEqualTo("https://hooks.example.com/video");
		assertThat(job.path("created_at").asString()).endsWith("Z");
		assertThat(job.path("updated_at").asString()).isEqualTo(job.path("created_at").asString());
		for (String absent : List.of("video_url", "consumed", "error", "submitted_at", "completed_at")) {
			assertThat(job.has(absent)).as(absent).isTrue();
			assertThat(job.get(absent).isNull()).as(absent).isTrue();
		}

		Reply read = client.get(reply.header("Location").orElseThrow(), key);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(job);
	}

	@Test
	void absent_optional_fields_take_the_upstream_defaults() {
		JsonNode job = client.post("/jobs", key, JobRequests.text("a cat").json()).json();

		assertThat(job.path("model").asString()).isEqualTo("seedance-2.0");
		assertThat(job.path("duration").asInt()).isEqualTo(5);
		assertThat(job.path("ratio").asString()).isEqualTo("16:9");
		assertThat(job.path("metadata").isObject()).isTrue();
		assertThat(job.path("metadata").size()).isZero();
		assertThat(job.get("notify_url").isNull()).isTrue();
	}

	@Test
	void content_is_stored_and_echoed_exactly_as_sent() {
		// whitespace, key order, unknown fields, escapes and number spelling all survive
		String content = """
				[ {"text": "caf\\u00e9 in @image1 \\ud83d\\ude00", "type":"text", "zeta": 1.50, "alpha": {"b": [1, 2], "a": null}},
				  { "type" : "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"} } ]""";
		String body = "{ \"metadata\": {\"k\": \"v\"},\n \"content\" : " + content + " ,\"duration\": 15 }";

		Reply reply = client.post("/jobs", key, body);

		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		assertThat(reply.body()).contains("\"content\":" + content + ",");
		String id = reply.json().path("id").asString();
		assertThat(jdbc.sql("SELECT content::text FROM job WHERE id = :id").param("id", UUID.fromString(id))
			.query(String.class).single()).isEqualTo(content);
		assertThat(client.get("/jobs/" + id, key).body()).contains("\"content\":" + content + ",");
	}

	@Test
	void notify_url_may_point_at_an_allowed_host_or_suffix() {
		assertThat(client.post("/jobs", key, JobRequests.text("a").notifyUrl("https://HOOKS.example.com/x").json())
			.status()).isEqualTo(202);
		assertThat(client.post("/jobs", key, JobRequests.text("a").notifyUrl("http://a.b.internal.example:8080/x").json())
			.status()).isEqualTo(202);
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(
				arguments(JobRequests.empty().images(1), "content"),
				arguments(JobRequests.text("   "), "content"),
				arguments(JobRequests.empty(), "content"),
				arguments(JobRequests.text("a").without("content"), "content"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "video")), "content[1].type"),
				arguments(JobRequests.text("a").item(item -> item.put("text", "no type")), "content[1].type"),
				arguments(JobRequests.text("a").itemValue("just text"), "content[1]"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "text")), "content[1].text"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "text").put("text", 5)), "content[1].text"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "image_url")), "content[1].image_url"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "image_url").put("image_url", "https://x.com/a.png")),
						"content[1].image_url"),
				arguments(JobRequests.text("a").item(item -> item.put("type", "image_url").putObject("image_url")),
						"content[1].image_url.url"),
				arguments(JobRequests.text("a").images(1).image("/relative.png"), "content[2].image_url.url"),
				arguments(JobRequests.text("a").image("ftp://example.com/a.png"), "content[1].image_url.url"),
				arguments(JobRequests.text("a").image("https:///no-host.png"), "content[1].image_url.url"),
				arguments(JobRequests.text("a").images(10), "content"),
				arguments(JobRequests.text("look at @image0").images(1), "content[0].text"),
				arguments(JobRequests.text("look at @image3").images(2), "content[0].text"),
				arguments(JobRequests.text("a").andText("look at @image1"), "content[1].text"),
				arguments(JobRequests.text("x".repeat(10_001)), "content"),
				arguments(JobRequests.text("x".repeat(5_000)).andText("y".repeat(5_001)), "content"),
				arguments(JobRequests.text("a").duration(7), "duration"),
				arguments(JobRequests.text("a").duration(0), "duration"),
				arguments(JobRequests.text("a").ratio("2:1"), "ratio"),
				arguments(JobRequests.text("a").model("seedance-1.0"), "model"),
				arguments(JobRequests.text("a").set("callback_url", "https://evil.example.com/cb"), "callback_url"),
				arguments(JobRequests.text("a").set("durration", 10), "durration"),
				arguments(JobRequests.text("a").set("metadata", manyKeys(17)), "metadata"),
				arguments(JobRequests.text("a").metadata("k".repeat(65), "v"), "metadata"),
				arguments(JobRequests.text("a").metadata("k", "v".repeat(1025)), "metadata.k"),
				arguments(JobRequests.text("a").notifyUrl("/hooks/video"), "notify_url"),
				arguments(JobRequests.text("a").notifyUrl("ftp://hooks.example.com/video"), "notify_url"),
				arguments(JobRequests.text("a").notifyUrl("https://evil.example.com/video"), "notify_url"),
				arguments(JobRequests.text("a").notifyUrl("https://internal.example/video"), "notify_url"));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("invalidRequests")
	void a_request_breaking_a_rule_is_refused_naming_the_field_and_stores_nothing(JobRequests request, String field) {
		Reply reply = client.post("/jobs", key, request.json());

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().path("code").asString()).isEqualTo("validation_failed");
		assertThat(reply.errorFields()).contains(field);
		assertThat(jobCount(teamId)).isZero();
	}

	@Test
	void every_offending_field_is_listed_at_once() {
		Reply reply = client.post("/jobs", key, JobRequests.text("see @image2")
			.images(1)
			.image("nope")
			.duration(6)
			.ratio("1:2")
			.model("x")
			.notifyUrl("mailto:a@b.c")
			.set("callback_url", "https://x.example.com")
			.json());

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorFields()).containsExactlyInAnyOrder("callback_url", "model", "duration", "ratio",
				"content[2].image_url.url", "notify_url");
		assertThat(reply.body()).doesNotContain("content[0].text"); // two images: @image2 exists
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(
				arguments("garbage", "not json"),
				arguments("", "empty"),
				arguments("  ", "blank"),
				arguments("[]", "an array"),
				arguments("\"a cat\"", "a string"),
				arguments("null", "null"),
				arguments("{\"content\": [{\"type\": \"text\", \"text\": \"a\"}]", "cut short"),
				arguments(JobRequests.text("a").json() + " {}", "trailing data"),
				arguments("{\"duration\": 5, \"duration\": 10, \"content\": [{\"type\": \"text\", \"text\": \"a\"}]}",
						"a duplicate key"),
				arguments(JobRequests.text("a").set("duration", "5").json(), "duration as a string"),
				arguments(JobRequests.text("a").set("duration", 5.5).json(), "duration as a fraction"),
				arguments(JobRequests.text("a").set("content", Map.of("type", "text")).json(), "content as an object"),
				arguments(JobRequests.text("a").set("model", 2).json(), "model as a number"),
				arguments(JobRequests.text("a").set("ratio", List.of("16:9")).json(), "ratio as an array"),
				arguments(JobRequests.text("a").set("notify_url", true).json(), "notify_url as a boolean"),
				arguments(JobRequests.text("a").set("metadata", List.of("a")).json(), "metadata as an array"),
				arguments(JobRequests.text("a").set("metadata", Map.of("k", 1)).json(), "a metadata value as a number"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("malformedBodies")
	void a_body_that_is_not_the_expected_json_is_malformed_and_stores_nothing(String body, String description) {
		Reply reply = client.post("/jobs", key, body);

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().path("code").asString()).isEqualTo("malformed_request");
		assertThat(jobCount(teamId)).isZero();
	}

	@Test
	void a_field_of_the_wrong_type_is_named_in_the_malformed_problem() {
		Reply reply = client.post("/jobs", key,
				JobRequests.text("a").set("duration", "5").set("metadata", Map.of("k", 1)).json());

		assertThat(reply.json().path("code").asString()).isEqualTo("malformed_request");
		assertThat(reply.errorFields()).containsExactlyInAnyOrder("duration", "metadata.k");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
	void a_body_that_is_not_json_is_an_unsupported_media_type(String contentType) {
		Reply reply = client.post("/jobs", key, contentType, BodyPublishers.ofString(JobRequests.text("a").json()));

		assertThat(reply.status()).isEqualTo(415);
		assertThat(reply.json().path("code").asString()).isEqualTo("unsupported_media_type");
		assertThat(jobCount(teamId)).isZero();
	}

	@Test
	void a_body_over_one_mebibyte_is_refused_whether_its_length_is_declared_or_chunked() {
		byte[] body = JobRequests.text("x".repeat(1_100_000)).json().getBytes();

		Reply declared = client.post("/jobs", key, "application/json", BodyPublishers.ofByteArray(body));
		Reply chunked = client.post("/jobs", key, "application/json",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		for (Reply reply : List.of(declared, chunked)) {
			assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
			assertThat(reply.json().path("code").asString()).isEqualTo("payload_too_large");
		}
		assertThat(jobCount(teamId)).isZero();
	}

	// --- reading, listing, cancelling

	@Test
	void unknown_and_malformed_job_ids_are_not_found() {
		for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1")) {
			Reply get = client.get("/jobs/" + id, key);
			Reply cancel = client.post("/jobs/" + id + "/cancel", key, "");
			for (Reply reply : List.of(get, cancel)) {
				assertThat(reply.status()).as(id + " " + reply).isEqualTo(404);
				assertThat(reply.json().path("code").asString()).isEqualTo("not_found");
			}
		}
	}

	@Test
	void another_teams_jobs_are_invisible_on_every_endpoint() {
		String otherTeam = teams.create();
		String otherKey = teams.keyFor(otherTeam);
		String id = create(JobRequests.text("mine"));

		assertThat(client.get("/jobs/" + id, otherKey).status()).isEqualTo(404);
		assertThat(client.post("/jobs/" + id + "/cancel", otherKey, "").status()).isEqualTo(404);
		assertThat(client.get("/jobs", otherKey).json().path("items").size()).isZero();
		assertThat(client.get("/jobs?status=queued", otherKey).json().path("items").size()).isZero();
		JsonNode otherUsage = client.get("/usage", otherKey).json();
		assertThat(otherUsage.path("team").asString()).isEqualTo(otherTeam);
		assertThat(otherUsage.path("used").path("jobs_today").asLong()).isZero();

		assertThat(client.get("/jobs/" + id, key).json().path("status").asString()).isEqualTo("queued");
		JsonNode usage = client.get("/usage", key).json();
		assertThat(usage.path("team").asString()).isEqualTo(teamId);
		assertThat(usage.path("used").path("jobs_today").asLong()).isEqualTo(1);
		assertThat(usage.path("used").path("jobs_queued").asLong()).isEqualTo(1);
		assertThat(usage.path("limits").has("daily_jobs")).isTrue();
	}

	@Test
	void a_job_reads_byte_for_byte_as_the_representation_of_its_entity() {
		String id = create(JobRequests.text("every field set").notifyUrl("https://hooks.example.com/video")
			.metadata("project", "spring").metadata("a", "1"));
		jdbc.sql("""
				UPDATE job SET status = 'FAILED', video_url = 'https://cdn.example.com/v.mp4', consumed = 0.5,
				       error_code = 'upstream_failed', error_message = 'The "upstream" said no',
				       submitted_at = created_at + interval '1.5 seconds', completed_at = created_at + interval '3 seconds',
				       updated_at = created_at + interval '3 seconds', version = version + 1
				 WHERE id = :id""").param("id", UUID.fromString(id)).update();
		String entity = json.writeValueAsString(JobResponse.of(jobs.findById(UUID.fromString(id)).orElseThrow()));

		assertThat(client.get("/jobs/" + id, key).body()).isEqualTo(entity);
		assertThat(client.get("/jobs", key).body()).isEqualTo("{\"items\":[" + entity + "],\"next_cursor\":null}");
	}

	@Test
	void a_job_carries_its_version_as_etag_and_asks_to_be_revalidated() {
		String id = create(JobRequests.text("a"));

		Reply reply = client.get("/jobs/" + id, key);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("ETag")).hasValue("W/\"0\"");
		assertThat(reply.header("Cache-Control")).hasValue("no-cache, private");
	}

	@Test
	void a_matching_if_none_match_is_answered_not_modified_without_a_body_until_the_job_changes() {
		String id = create(JobRequests.text("a"));
		String etag = client.get("/jobs/" + id, key).header("ETag").orElseThrow();

		for (String ifNoneMatch : List.of(etag, "*", "\"7\", " + etag, etag.substring(2))) {
			Reply notModified = getIfNoneMatch(id, key, ifNoneMatch);
			assertThat(notModified.status()).as(ifNoneMatch).isEqualTo(304);
			assertThat(notModified.body()).as(ifNoneMatch).isEmpty();
			assertThat(notModified.header("ETag")).as(ifNoneMatch).hasValue(etag);
		}
		Reply stale = getIfNoneMatch(id, key, "W/\"7\"");
		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.json().path("id").asString()).isEqualTo(id);

		client.post("/jobs/" + id + "/cancel", key, "");
		Reply changed = getIfNoneMatch(id, key, etag);

		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().path("status").asString()).isEqualTo("cancelled");
		assertThat(changed.header("ETag")).hasValueSatisfying(newer -> assertThat(newer).isNotEqualTo(etag));
	}

	@Test
	void another_teams_job_is_not_found_whatever_if_none_match_says() {
		String id = create(JobRequests.text("mine"));
		String otherKey = teams.keyFor(teams.create());

		for (String ifNoneMatch : List.of("*", "W/\"0\"")) {
			Reply reply = getIfNoneMatch(id, otherKey, ifNoneMatch);
			assertThat(reply.status()).as(ifNoneMatch).isEqualTo(404);
			assertThat(reply.json().path("code").asString()).isEqualTo("not_found");
			assertThat(reply.header("ETag")).isEmpty();
		}
	}

	@Test
	void pages_cover_every_job_once_newest_first_even_while_new_jobs_arrive() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create(JobRequests.text("job " + i)));
		}
		List<String> newestFirst = new ArrayList<>(created);
		java.util.Collections.reverse(newestFirst);

		JsonNode first = client.get("/jobs?limit=3", key).json();
		List<String> arrived = List.of(create(JobRequests.text("late 1")), create(JobRequests.text("late 2")));
		JsonNode second = client.get("/jobs?limit=3&cursor=" + first.path("next_cursor").asString(), key).json();
		JsonNode third = client.get("/jobs?limit=3&cursor=" + second.path("next_cursor").asString(), key).json();

		List<String> seen = new ArrayList<>();
		seen.addAll(ids(first));
		seen.addAll(ids(second));
		seen.addAll(ids(third));
		assertThat(seen).containsExactlyElementsOf(newestFirst);
		assertThat(seen).doesNotContainAnyElementsOf(arrived);
		assertThat(third.get("next_cursor").isNull()).isTrue();
		assertThat(ids(client.get("/jobs", key).json())).startsWith(arrived.get(1), arrived.get(0));
	}

	@Test
	void the_status_filter_uses_the_client_status_names() {
		String queued = create(JobRequests.text("a"));
		String submitting = create(JobRequests.text("b"));
		String cancelled = create(JobRequests.text("c"));
		String submitted = create(JobRequests.text("d"));
		client.post("/jobs/" + cancelled + "/cancel", key, "");
		setStatus(submitting, "SUBMITTING");
		setStatus(submitted, "SUBMITTED");

		assertThat(ids(client.get("/jobs?status=queued", key).json())).containsExactly(submitting, queued);
		assertThat(ids(client.get("/jobs?status=cancelled", key).json())).containsExactly(cancelled);
		assertThat(ids(client.get("/jobs?status=submitted", key).json())).containsExactly(submitted);
		assertThat(ids(client.get("/jobs?status=failed", key).json())).isEmpty();
		assertThat(client.get("/jobs/" + submitting, key).json().path("status").asString()).isEqualTo("queued");
	}

	static Stream<Arguments> badListParameters() {
		return Stream.of(arguments("limit=0", "limit"), arguments("limit=101", "limit"),
				arguments("limit=ten", "limit"), arguments("limit=2.5", "limit"), arguments("status=QUEUED", "status"),
				arguments("status=done", "status"), arguments("cursor=garbage!", "cursor"),
				arguments("cursor=AAAA", "cursor"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badListParameters")
	void a_bad_list_parameter_is_refused_naming_it(String query, String field) {
		Reply reply = client.get("/jobs?" + query, key);

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.json().path("code").asString()).isEqualTo("validation_failed");
		assertThat(reply.errorFields()).containsExactly(field);
	}

	@Test
	void a_queued_job_can_be_cancelled_once() {
		String id = create(JobRequests.text("a"));

		Reply cancelled = client.post("/jobs/" + id + "/cancel", key, "");
		Reply again = client.post("/jobs/" + id + "/cancel", key, "");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
		assertThat(cancelled.json().path("completed_at").isNull()).isFalse();
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().path("code").asString()).isEqualTo("conflict");
	}

	@Test
	void a_submitted_job_cannot_be_cancelled() {
		String id = create(JobRequests.text("a"));
		setStatus(id, "SUBMITTED");

		Reply reply = client.post("/jobs/" + id + "/cancel", key, "");

		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().path("code").asString()).isEqualTo("conflict");
		assertThat(client.get("/jobs/" + id, key).json().path("status").asString()).isEqualTo("submitted");
	}

	@Test
	void an_unknown_route_is_a_not_found_problem_and_a_wrong_method_a_method_not_allowed_problem() {
		Reply unknown = client.get("/jobs/" + UUID.randomUUID() + "/nothing", key);
		Reply wrongMethod = client.send(client.request("/jobs", key).DELETE());

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("code").asString()).isEqualTo("not_found");
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
		assertThat(wrongMethod.json().path("code").asString()).isEqualTo("method_not_allowed");
	}

	@Test
	void the_jobs_api_needs_a_team_key() {
		assertThat(client.send(client.request("/jobs", "sgw_unknown").GET()).status()).isEqualTo(401);
		assertThat(client.get("/usage", "test-admin-token").status()).isEqualTo(401);
	}

	@Test
	void the_openapi_document_describes_the_jobs_endpoints() {
		Reply docs = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/v3/api-docs")).GET());

		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		JsonNode paths = docs.json().path("paths");
		assertThat(paths.has("/jobs")).isTrue();
		assertThat(paths.has("/jobs/{id}/cancel")).isTrue();
		assertThat(paths.has("/admin/jobs")).isTrue();
		assertThat(paths.path("/jobs").path("post").path("requestBody").toString()).contains("CreateJobRequest");
		JsonNode request = docs.json().path("components").path("schemas").path("CreateJobRequest");
		assertThat(request.path("properties").propertyNames()).containsExactlyInAnyOrder("model", "content", "duration",
				"ratio", "notify_url", "metadata");
		assertThat(request.path("properties").path("content").path("type").asString()).isEqualTo("array");
		assertThat(docs.json().path("components").path("schemas").has("RawContent")).isFalse();
		assertThat(request.path("properties").path("ratio").path("enum").size()).isEqualTo(6);
		assertThat(request.path("required").toString()).contains("content");
		JsonNode get = paths.path("/jobs/{id}").path("get");
		assertThat(get.path("responses").path("200").path("headers").has("ETag")).isTrue();
		assertThat(get.path("responses").path("304").isObject()).isTrue();
		assertThat(get.path("parameters").toString()).contains("If-None-Match");
	}

	// --- helpers

	private String create(JobRequests request) {
		Reply reply = client.post("/jobs", key, request.json());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		return reply.json().path("id").asString();
	}

	private Reply getIfNoneMatch(String id, String apiKey, String ifNoneMatch) {
		return client.send(client.request("/jobs/" + id, apiKey).header("If-None-Match", ifNoneMatch).GET());
	}

	private static List<String> ids(JsonNode page) {
		return page.path("items").valueStream().map(item -> item.path("id").asString()).toList();
	}

	private void setStatus(String id, String status) {
		jdbc.sql("UPDATE job SET status = :status WHERE id = :id").param("status", status)
			.param("id", UUID.fromString(id)).update();
	}

	private long jobCount(String team) {
		return jdbc.sql("SELECT count(*) FROM job WHERE team_id = :team").param("team", team).query(Long.class).single();
	}

	private static Map<String, String> manyKeys(int count) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			map.put("k" + i, "v");
		}
		return map;
	}

}
