package com.seedance.gateway.shared;

import java.math.BigDecimal;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The API document's header, with the table of problem codes, and its two bearer schemes; operations name the scheme
 * they need. {@link ProblemResponses} and {@link BodyExamples} complete each operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// amounts of credits are written as decimal strings ("0.500000", @JsonFormat STRING), never as JSON numbers
		SpringDocUtils.getConfig()
			.replaceWithSchema(BigDecimal.class, new StringSchema().format("decimal").example("0.500000"));
	}

	static final String TEAM_KEY = "teamKey";

	static final String ADMIN_TOKEN = "adminToken";

	@Bean
	OpenAPI gatewayOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Seedance Gateway")
				.version("v1")
				.description("""
						Backend-for-frontend in front of the Seedance video generation API. Clients call it with a \
						team API key, operators call /admin/** with the admin token. Every error is \
						application/problem+json with a stable `code`; every operation lists its problems with an \
						example of each:

						""" + ApiProblem.table()))
			.components(new Components()
				.addSecuritySchemes(TEAM_KEY, bearer("A team API key (sgw_…), issued by an operator."))
				.addSecuritySchemes(ADMIN_TOKEN, bearer("The operators' token, GATEWAY_ADMIN_TOKEN.")));
	}

	private static SecurityScheme bearer(String description) {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
	}

}
