package com.seedance.gateway.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * The error responses of the API document, all from the one table {@link ApiProblem}. Every operation lists the
 * problems any request to it can meet, by the credential it takes (with a team key: 401, 403 for a browser of another
 * origin, 429 {@code rate_limited}; with any: 500, 503). Every 4xx and 5xx response is {@code application/problem+json}
 * with one example for each code it can carry: those of its status that can happen anywhere, and those its
 * description names ({@code 409} "idempotency_conflict: ..."). A controller declares a status and names its specific
 * codes; the bodies come from here. Examples already there (a more telling one from {@link BodyExamples}) stay.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

	static final String SCHEMA = "ProblemDetail";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final List<ApiProblem> ANY_OPERATION = List.of(ApiProblem.INTERNAL, ApiProblem.UNAVAILABLE);

	private static final Map<String, List<ApiProblem>> BY_CREDENTIAL = Map.of(
			OpenApiConfiguration.TEAM_KEY, List.of(ApiProblem.UNAUTHORIZED, ApiProblem.FORBIDDEN, ApiProblem.RATE_LIMITED),
			OpenApiConfiguration.ADMIN_TOKEN, List.of(ApiProblem.UNAUTHORIZED));

	private static final Map<String, Header> HEADERS = Map.of(
			HttpHeaders.RETRY_AFTER, new Header().description("seconds to wait before trying again")
				.schema(new IntegerSchema().example(5)),
			HttpHeaders.WWW_AUTHENTICATE, new Header().description("Bearer, with error=\"invalid_token\" for a token "
					+ "that is not valid").schema(new StringSchema().example("Bearer error=\"invalid_token\"")));

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(SCHEMA, schema());
		openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> document(path, operation)));
	}

	private static void document(String path, Operation operation) {
		for (ApiProblem problem : anyRequestMeets(operation)) {
			String status = Integer.toString(problem.status());
			if (!operation.getResponses().containsKey(status)) {
				operation.getResponses().addApiResponse(status, new ApiResponse().description(summary(problem)));
			}
		}
		operation.getResponses().forEach((status, response) -> {
			if (Integer.parseInt(status) >= 400) {
				describe(path, Integer.parseInt(status), response);
			}
		});
		operation.setResponses(sorted(operation.getResponses()));
	}

	private static List<ApiProblem> anyRequestMeets(Operation operation) {
		List<ApiProblem> problems = new ArrayList<>();
		List<SecurityRequirement> security = operation.getSecurity() == null ? List.of() : operation.getSecurity();
		security.forEach(requirement -> requirement.keySet()
			.forEach(scheme -> problems.addAll(BY_CREDENTIAL.getOrDefault(scheme, List.of()))));
		problems.addAll(ANY_OPERATION);
		return problems;
	}

	/** The response's codes, named in its description, and its body: problem+json with an example of each code. */
	private static void describe(String path, int status, ApiResponse response) {
		String declared = response.getDescription() == null ? "" : response.getDescription();
		List<ApiProblem> problems = Arrays.stream(ApiProblem.values())
			.filter(problem -> problem.status() == status)
			.filter(problem -> problem.scope() == ApiProblem.Scope.EVERY_RESPONSE_OF_ITS_STATUS
					|| names(declared, problem))
			.toList();
		if (problems.isEmpty()) {
			throw new IllegalStateException("The " + status + " response of " + path + " names no problem code and "
					+ "no code of its status applies everywhere: name one in its description");
		}
		String description = declared;
		for (ApiProblem problem : problems) {
			if (!names(description, problem)) {
				description = description.isEmpty() ? summary(problem) : description + "; or " + summary(problem);
			}
		}
		response.setDescription(description);
		MediaType body = problemBody(response);
		problems.stream().map(ApiProblem::header).filter(Objects::nonNull).distinct().forEach(header -> {
			if (response.getHeaders() == null || !response.getHeaders().containsKey(header)) {
				response.addHeaderObject(header, HEADERS.get(header));
			}
		});
		problems.forEach(problem -> {
			if (body.getExamples() == null || !body.getExamples().containsKey(problem.code())) {
				body.addExamples(problem.code(), new Example().summary(problem.code()).value(problem.example(path)));
			}
		});
	}

	/**
	 * The response's problem+json body, made if it has none. Any other media type goes: springdoc gives a response
	 * declared without a body the body of the method's answer.
	 */
	static MediaType problemBody(ApiResponse response) {
		MediaType body = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
		if (body == null) {
			body = new MediaType();
		}
		response.setContent(new Content().addMediaType(PROBLEM_JSON, body));
		if (body.getSchema() == null) {
			body.setSchema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
		}
		return body;
	}

	private static boolean names(String description, ApiProblem problem) {
		return Pattern.compile("(?<![a-z_])" + problem.code() + "(?![a-z_])").matcher(description).find();
	}

	private static String summary(ApiProblem problem) {
		return problem.code() + ": " + problem.meaning();
	}

	private static ApiResponses sorted(ApiResponses responses) {
		ApiResponses sorted = new ApiResponses();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		sorted.setExtensions(responses.getExtensions());
		return sorted;
	}

	private static Schema<?> schema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri")
			.description("`urn:seedance-gateway:problem:` and the code"));
		properties.put("title", new StringSchema().description("the HTTP status' reason phrase"));
		properties.put("status", new IntegerSchema().description("the HTTP status"));
		properties.put("detail", new StringSchema().description("what went wrong, for people; never a stack trace"));
		properties.put("instance", new StringSchema().format("uri-reference").description("the request's path"));
		properties.put("code", new StringSchema()._enum(ApiProblem.codes())
			.description("stable and machine-readable: what a client branches on (see the table in the description)"));
		properties.put("errors", new ArraySchema()
			.items(new ObjectSchema().addProperty("field", new StringSchema().description(
					"the offending field as a JSON path (content[2].image_url.url), parameter or header"))
				.addProperty("message", new StringSchema()))
			.description("validation_failed (and malformed_request of POST /jobs): each offending field"));
		properties.put("limit", new StringSchema()._enum(List.of("daily_jobs", "monthly_credits", "global_monthly_credits"))
			.description("quota_exceeded: the limit reached"));
		properties.put("resets_at", new StringSchema().format("date-time")
			.description("quota_exceeded: when that limit resets (the next UTC day or month)"));
		return new ObjectSchema().description("A problem (RFC 9457), the body of every 4xx and 5xx response")
			.properties(properties)
			.required(List.of("type", "title", "status", "detail", "code"));
	}

}
