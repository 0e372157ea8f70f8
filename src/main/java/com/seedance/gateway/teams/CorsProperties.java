package com.seedance.gateway.teams;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code GATEWAY_CORS_ALLOWED_ORIGINS}: comma-separated origins ({@code https://studio.example.com}) whose pages
 * may call the team API from a browser; none (the default) means no cross-origin access.
 */
@ConfigurationProperties("gateway")
record CorsProperties(@DefaultValue List<String> corsAllowedOrigins) {

	CorsProperties {
		corsAllowedOrigins = corsAllowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
	}

	boolean enabled() {
		return !corsAllowedOrigins.isEmpty();
	}

}
