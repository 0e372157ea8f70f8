package com.seedance.gateway.jobs.web;

/** Media type and descriptions shared by this package's OpenAPI annotations. */
final class ApiDocs {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String BAD_REQUEST = "validation_failed (errors lists each field) or malformed_request";

	static final String UNAUTHORIZED = "unauthorized: no, unknown or revoked key";

	static final String NOT_FOUND = "not_found: no such job in the caller's team";

	private ApiDocs() {
	}

}
