package com.seedance.gateway.shared;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the client is told about as problem+json with a stable {@code code}. Modules subclass it
 * with one class per failure ({@code JobNotFound}, {@code TeamAlreadyExists}, ...).
 */
public abstract class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	protected ProblemException(HttpStatus status, String code, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	/** Machine-readable members of the problem beside {@code code}, such as a quota's {@code limit}; none by default. */
	public Map<String, Object> properties() {
		return Map.of();
	}

	/** Response headers that belong to this problem, such as {@code WWW-Authenticate}; none by default. */
	public HttpHeaders headers() {
		return HttpHeaders.EMPTY;
	}

}
