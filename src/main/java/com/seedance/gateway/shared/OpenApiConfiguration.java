package com.seedance.gateway.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The API document's header and its two bearer schemes; operations name the scheme they need. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI gatewayOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Seedance Gateway")
				.version("v1")
				.description("""
						Backend-for-frontend in front of the Seedance video generation API. Clients call it with a \
						team API key, operators call /admin/** with the admin token. Every error is \
						application/problem+json with a stable `code`."""))
			.components(new Components()
				.addSecuritySchemes("teamKey", bearer("A team API key (sgw_…), issued by an operator."))
				.addSecuritySchemes("adminToken", bearer("The operators' token, GATEWAY_ADMIN_TOKEN.")));
	}

	private static SecurityScheme bearer(String description) {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
	}

}
