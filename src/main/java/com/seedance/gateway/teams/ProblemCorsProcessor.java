package com.seedance.gateway.teams;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring's CORS checks, with a refusal (an origin, method or header not allowed) answered as every other problem
 * is: 403 problem+json with {@code code: forbidden}, rendered by the MVC exception resolver, instead of a plain
 * "Invalid CORS request".
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

	private final HandlerExceptionResolver exceptionResolver;

	ProblemCorsProcessor(HandlerExceptionResolver exceptionResolver) {
		this.exceptionResolver = exceptionResolver;
	}

	@Override
	public boolean processRequest(@Nullable CorsConfiguration config, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		try {
			return super.processRequest(config, request, response);
		}
		catch (CrossOriginRefused refused) {
			if (exceptionResolver.resolveException(request, response, null, refused) == null) {
				throw refused;
			}
			return false;
		}
	}

	@Override
	protected void rejectRequest(ServerHttpResponse response) {
		throw new CrossOriginRefused();
	}

}
