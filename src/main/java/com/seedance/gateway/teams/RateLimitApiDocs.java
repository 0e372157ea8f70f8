package com.seedance.gateway.teams;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * Adds the rate limit's 429 ({@link RateLimited}) to every operation called with a team key, wherever it is
 * declared: the limit applies to them all, before any controller runs.
 */
@Component
class RateLimitApiDocs implements OpenApiCustomizer {

	static final String DESCRIPTION = "rate_limited: the key sent more requests than gateway.rate-limit allows "
			+ "(Retry-After: seconds)";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		for (PathItem path : openApi.getPaths().values()) {
			for (Operation operation : path.readOperations()) {
				if (calledWithTeamKey(operation.getSecurity())) {
					addRateLimited(operation);
				}
			}
		}
	}

	private static boolean calledWithTeamKey(List<SecurityRequirement> security) {
		return security != null && security.stream().anyMatch(requirement -> requirement.containsKey("teamKey"));
	}

	private static void addRateLimited(Operation operation) {
		ApiResponse existing = operation.getResponses().get("429");
		if (existing == null) {
			operation.getResponses()
				.addApiResponse("429", new ApiResponse().description(DESCRIPTION)
					.content(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new io.swagger.v3.oas.models.media.MediaType()
								.schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
		}
		else if (existing.getDescription() == null || !existing.getDescription().contains("rate_limited")) {
			existing.description((existing.getDescription() == null ? "" : existing.getDescription() + "; or ")
					+ DESCRIPTION);
		}
	}

}
