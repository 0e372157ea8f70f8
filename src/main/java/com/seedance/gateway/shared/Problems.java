package com.seedance.gateway.shared;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the problem+json bodies; the one place that knows the {@code type} URIs and default codes. */
public final class Problems {

	static final String TYPE_PREFIX = "urn:seedance-gateway:problem:";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return withCode(problem, code);
	}

	public static ProblemDetail of(ProblemException failure) {
		ProblemDetail problem = of(failure.status(), failure.code(), failure.getMessage());
		failure.properties().forEach(problem::setProperty);
		return problem;
	}

	public static ProblemDetail withCode(ProblemDetail problem, String code) {
		problem.setType(URI.create(TYPE_PREFIX + code));
		problem.setProperty("code", code);
		return problem;
	}

	public static ProblemDetail validationFailed(List<FieldViolation> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
				"The request has invalid fields.");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** The database cannot be reached right now: 503 with {@code Retry-After}. */
	static ResponseEntity<ProblemDetail> unavailable() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(of(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.UNAVAILABLE,
					"The service is temporarily unavailable; try again shortly."));
	}

	/** The code a status gets when nothing more specific is known. */
	public static String defaultCode(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> ProblemCodes.MALFORMED_REQUEST;
			case 401 -> ProblemCodes.UNAUTHORIZED;
			case 403 -> ProblemCodes.FORBIDDEN;
			case 404 -> ProblemCodes.NOT_FOUND;
			case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
			case 406 -> ProblemCodes.NOT_ACCEPTABLE;
			case 409 -> ProblemCodes.CONFLICT;
			case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> ProblemCodes.UNAVAILABLE;
			default -> status.is5xxServerError() ? ProblemCodes.INTERNAL : ProblemCodes.MALFORMED_REQUEST;
		};
	}

	/** The body as a plain map, for the container's error valve, which writes its response outside Spring MVC. */
	static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
