package com.seedance.gateway.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Example bodies of requests and responses, from {@code openapi/examples.json}: for each operation
 * ({@code "POST /jobs"}), named examples of its {@code request} body and of its responses by status. Examples of an
 * error status are added to those {@link ProblemResponses} makes from the table of codes (one of the same name
 * replaces it). A JSON answer the controllers leave as {@code *}{@code /*} is documented as {@code application/json},
 * what the gateway sends. An operation the file names that the API does not have fails the document.
 */
@Component
class BodyExamples implements OpenApiCustomizer {

	static final String FILE = "openapi/examples.json";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(BodyExamples::answerJson));
		read().properties().forEach(entry -> {
			String[] methodAndPath = entry.getKey().split(" ", 2);
			Operation operation = operation(openApi, methodAndPath[0], methodAndPath[1]);
			entry.getValue().properties().forEach(examples -> {
				if (examples.getKey().equals("request")) {
					attach(operation.getRequestBody() == null ? null : operation.getRequestBody().getContent(),
							examples.getValue(), entry.getKey() + " request");
				}
				else {
					attach(operation, examples.getKey(), examples.getValue(), entry.getKey());
				}
			});
		});
	}

	private void attach(Operation operation, String status, JsonNode examples, String where) {
		ApiResponse response = operation.getResponses().get(status);
		if (response == null) {
			throw new IllegalStateException(FILE + ": " + where + " declares no " + status + " response");
		}
		if (Integer.parseInt(status) >= 400) {
			MediaType body = ProblemResponses.problemBody(response);
			examples.properties().forEach(example -> body.addExamples(example.getKey(), example(example.getValue())));
		}
		else {
			attach(response.getContent(), examples, where + " " + status);
		}
	}

	private void attach(Content content, JsonNode examples, String where) {
		if (content == null || content.isEmpty()) {
			throw new IllegalStateException(FILE + ": " + where + " has no body");
		}
		content.values().forEach(body -> examples.properties()
			.forEach(example -> body.addExamples(example.getKey(), example(example.getValue()))));
	}

	private Example example(JsonNode example) {
		return new Example().summary(example.path("summary").asString(null))
			.value(mapper.treeToValue(example.required("value"), Object.class));
	}

	/** Springdoc writes {@code *}{@code /*} for an answer whose mapping names no media type; the API answers JSON. */
	private static void answerJson(Operation operation) {
		operation.getResponses().forEach((status, response) -> {
			Content content = response.getContent();
			if (content != null && content.containsKey("*/*")) {
				MediaType body = content.remove("*/*");
				content.addMediaType(JSON, body);
			}
		});
	}

	private static Operation operation(OpenAPI openApi, String method, String path) {
		PathItem item = openApi.getPaths().get(path);
		Map<PathItem.HttpMethod, Operation> operations = item == null ? Map.of() : item.readOperationsMap();
		Operation operation = operations.get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
		if (operation == null) {
			throw new IllegalStateException(FILE + " names " + method + " " + path + ", which the API does not have");
		}
		return operation;
	}

	private JsonNode read() {
		try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
			return mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
