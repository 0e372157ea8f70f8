package com.seedance.gateway.teams;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** 401: no credential, or one that is not valid here; with the bearer challenge (RFC 6750). */
class Unauthenticated extends ProblemException {

	private final String challenge;

	private Unauthenticated(String detail, String challenge) {
		super(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail);
		this.challenge = challenge;
	}

	static Unauthenticated missingToken() {
		return new Unauthenticated("A bearer token is required: Authorization: Bearer <key>.", "Bearer");
	}

	static Unauthenticated invalidToken(String detail) {
		return new Unauthenticated(detail, "Bearer error=\"invalid_token\"");
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return headers;
	}

}
