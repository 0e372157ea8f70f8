package com.seedance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Walks the document the gateway serves at {@code /v3/api-docs}: every request body and every response with a body
 * has an example, every example fits its schema (no member the schema lacks, every required one, the JSON types it
 * says), every problem example is the status it is listed under, and every error code of the API is shown somewhere.
 */
@GatewayIntegrationTest
class OpenApiExamplesTests {

	static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

	/** The codes clients can meet (README, "Errors"); {@code method_not_allowed} belongs to no operation. */
	static final List<String> CODES = List.of("validation_failed", "malformed_request", "payload_too_large",
			"unsupported_media_type", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict",
			"idempotency_conflict", "quota_exceeded", "rate_limited", "unavailable", "internal");

	@LocalServerPort
	int port;

	JsonNode document;

	@BeforeEach
	void document() {
		document = new GatewayClient(port).get("/v3/api-docs", null).json();
	}

	@Test
	void every_request_body_and_every_response_body_has_an_example() {
		List<String> missing = new ArrayList<>();
		operations().forEach((name, operation) -> {
			operation.path("requestBody").path("content").properties().forEach(media -> {
				if (!hasExample(media.getValue())) {
					missing.add(name + " request " + media.getKey());
				}
			});
			operation.path("responses").properties().forEach(response -> response.getValue()
				.path("content")
				.properties()
				.forEach(media -> {
					if (!hasExample(media.getValue())) {
						missing.add(name + " " + response.getKey() + " " + media.getKey());
					}
				}));
		});

		assertThat(operations()).hasSizeGreaterThan(20);
		assertThat(missing).as("bodies without an example").isEmpty();
	}

	@Test
	void every_operation_answers_something_and_every_error_is_a_problem() {
		operations().forEach((name, operation) -> {
			assertThat(operation.path("responses").propertyNames()).as(name).anyMatch(status -> status.startsWith("2"));
			operation.path("responses").properties().forEach(response -> {
				if (Integer.parseInt(response.getKey()) >= 400) {
					assertThat(response.getValue().path("content").propertyNames()).as(name + " " + response.getKey())
						.containsExactly("application/problem+json");
				}
			});
		});
	}

	@Test
	void every_example_fits_its_schema() {
		List<String> misfits = new ArrayList<>();
		operations().forEach((name, operation) -> {
			operation.path("requestBody").path("content").properties()
				.forEach(media -> check(name + " request", media.getValue(), misfits));
			operation.path("responses").properties().forEach(response -> response.getValue()
				.path("content")
				.properties()
				.forEach(media -> check(name + " " + response.getKey(), media.getValue(), misfits)));
		});

		assertThat(misfits).isEmpty();
	}

	@Test
	void every_problem_example_has_the_status_it_is_listed_under_and_every_code_is_shown() {
		Set<String> shown = new TreeSet<>();
		operations().forEach((name, operation) -> operation.path("responses").properties().forEach(response -> {
			int status = Integer.parseInt(response.getKey());
			examples(response.getValue().path("content").path("application/problem+json")).forEach(example -> {
				assertThat(example.path("status").asInt()).as(name + " " + status).isEqualTo(status);
				String code = example.path("code").asString();
				assertThat(example.path("type").asString()).isEqualTo("urn:seedance-gateway:problem:" + code);
				assertThat(example.path("detail").asString()).isNotBlank();
				shown.add(code);
			});
		}));

		assertThat(shown).containsExactlyInAnyOrderElementsOf(
				CODES.stream().filter(code -> !code.equals("method_not_allowed")).toList());
		assertThat(document.at("/components/schemas/ProblemDetail/properties/code/enum").valueStream()
			.map(JsonNode::asString)).containsExactlyInAnyOrderElementsOf(CODES);
		assertThat(document.at("/info/description").asString()).contains(CODES.stream().map(code -> "`" + code + "`").toList());
	}

	@Test
	void the_team_api_lists_the_problems_any_request_with_a_key_can_meet() {
		JsonNode create = document.at("/paths/~1jobs/post/responses");
		assertThat(create.propertyNames()).contains("202", "200", "400", "401", "403", "409", "413", "415", "429", "500",
				"503");
		assertThat(create.at("/429/content/application~1problem+json/examples").propertyNames())
			.containsExactlyInAnyOrder("quota_exceeded", "rate_limited");
		assertThat(create.at("/400/content/application~1problem+json/examples").propertyNames())
			.containsExactlyInAnyOrder("validation_failed", "malformed_request");
		assertThat(document.at("/paths/~1jobs~1{id}~1cancel/post/responses/409/content/application~1problem+json/examples")
			.propertyNames()).containsExactly("conflict");
		assertThat(document.at("/paths/~1admin~1teams/get/responses").propertyNames())
			.containsExactly("200", "401", "500", "503");
	}

	private Map<String, JsonNode> operations() {
		Map<String, JsonNode> operations = new java.util.LinkedHashMap<>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
			if (METHODS.contains(method.getKey())) {
				operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
			}
		}));
		return operations;
	}

	private static boolean hasExample(JsonNode media) {
		return media.has("example") || !media.path("examples").isEmpty();
	}

	private static List<JsonNode> examples(JsonNode media) {
		List<JsonNode> values = new ArrayList<>();
		if (media.has("example")) {
			values.add(media.get("example"));
		}
		media.path("examples").forEach(example -> values.add(example.path("value")));
		return values;
	}

	private void check(String where, JsonNode media, List<String> misfits) {
		if (media.path("schema").isMissingNode()) {
			return; // the event stream: text
		}
		examples(media).forEach(example -> fit(where, example, media.get("schema"), misfits));
	}

	/** Adds to {@code misfits} where {@code value} does not fit {@code schema}; null fits anything. */
	private void fit(String where, JsonNode value, JsonNode schema, List<String> misfits) {
		JsonNode resolved = resolve(schema);
		if (value.isNull()) {
			return;
		}
		String type = type(resolved);
		boolean fits = switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber();
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			default -> true;
		};
		if (!fits) {
			misfits.add(where + ": " + value + " is not " + type);
			return;
		}
		if (value.isArray() && resolved.has("items")) {
			value.forEach(item -> fit(where + "[]", item, resolved.get("items"), misfits));
		}
		if (value.isObject() && resolved.has("properties")) {
			JsonNode properties = resolved.get("properties");
			value.properties().forEach(member -> {
				if (properties.has(member.getKey())) {
					fit(where + "." + member.getKey(), member.getValue(), properties.get(member.getKey()), misfits);
				}
				else if (!resolved.has("additionalProperties") || (resolved.get("additionalProperties").isBoolean() && !resolved.get("additionalProperties").asBoolean())) {
					misfits.add(where + ": " + member.getKey() + " is not in the schema");
				}
			});
			resolved.path("required").forEach(required -> {
				if (!value.has(required.asString())) {
					misfits.add(where + ": required " + required.asString() + " is missing");
				}
			});
		}
		if (value.isObject() && resolved.path("additionalProperties").isObject()) {
			value.properties().forEach(member -> {
				if (!resolved.path("properties").has(member.getKey())) {
					fit(where + "." + member.getKey(), member.getValue(), resolved.get("additionalProperties"), misfits);
				}
			});
		}
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode resolved = schema;
		while (resolved.has("$ref")) {
			resolved = document.at(resolved.get("$ref").asString().substring(1));
		}
		return resolved;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "";
	}

}
