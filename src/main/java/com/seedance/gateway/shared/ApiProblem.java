package com.seedance.gateway.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Every problem a client of the API can get, as the API document describes it: its status and {@code code}, what it
 * means and an example body (the gateway's own wording). The one table {@link ProblemResponses} documents every
 * error response from, and the code table of the document's description.
 */
enum ApiProblem {

	VALIDATION_FAILED(400, ProblemCodes.VALIDATION_FAILED, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"a field, parameter or header is invalid; `errors` names each one (the JSON path sent) and why",
			"The request has invalid fields.",
			Map.of("errors", List.of(Map.of("field", "limit", "message", "must be a whole number from 1 to 100")))),
	MALFORMED_REQUEST(400, ProblemCodes.MALFORMED_REQUEST, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"the request cannot be read: a body that is not the JSON expected, or a query string, path or header that "
					+ "is not well-formed",
			"The request parameters cannot be read: each must be percent-encoded UTF-8.", Map.of()),
	UNAUTHORIZED(401, ProblemCodes.UNAUTHORIZED, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"no bearer token, or one that is not a valid key (unknown, revoked) or not the admin token "
					+ "(`WWW-Authenticate: Bearer`)",
			"The API key is unknown or revoked.", Map.of(), HttpHeaders.WWW_AUTHENTICATE),
	FORBIDDEN(403, ProblemCodes.FORBIDDEN, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"a browser page whose origin is not in GATEWAY_CORS_ALLOWED_ORIGINS, or a method or header it may not send",
			"Cross-origin requests from this origin, or with this method or these headers, are not allowed.", Map.of()),
	NOT_FOUND(404, ProblemCodes.NOT_FOUND, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"nothing with this id here (another team's job is not found either), or no such path",
			"No job '0193a0e4-5b6c-7d8e-9f00-1a2b3c4d5e6f'.", Map.of()),
	METHOD_NOT_ALLOWED(405, ProblemCodes.METHOD_NOT_ALLOWED, Scope.ANY_PATH,
			"the path exists but does not take this method", "This path does not take this method.", Map.of()),
	CONFLICT(409, ProblemCodes.CONFLICT, Scope.WHERE_NAMED,
			"the resource is not in a state that allows this (a job no longer queued, a team id taken)",
			"Job '0193a0e4-5b6c-7d8e-9f00-1a2b3c4d5e6f' is succeeded; only a job still waiting in the gateway can be "
					+ "cancelled.",
			Map.of()),
	IDEMPOTENCY_CONFLICT(409, ProblemCodes.IDEMPOTENCY_CONFLICT, Scope.WHERE_NAMED,
			"the `Idempotency-Key` was used before with another body",
			"This Idempotency-Key was already used with a different request body; use a new key for a new request.",
			Map.of()),
	PAYLOAD_TOO_LARGE(413, ProblemCodes.PAYLOAD_TOO_LARGE, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"the body is larger than gateway.max-request-size (1 MiB)", "The request body is larger than 1048576 bytes.",
			Map.of()),
	UNSUPPORTED_MEDIA_TYPE(415, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"the body is not `application/json`", "The body must be application/json.", Map.of()),
	QUOTA_EXCEEDED(429, ProblemCodes.QUOTA_EXCEEDED, Scope.WHERE_NAMED,
			"a quota refuses the job: `limit` names it (`daily_jobs`, `monthly_credits`, `global_monthly_credits`), "
					+ "`resets_at` says when it resets; `Retry-After` when waiting helps",
			"Team marketing has created its 200 jobs for 2026-11-29 (UTC).",
			Map.of("limit", "daily_jobs", "resets_at", "2026-11-30T00:00:00Z"), HttpHeaders.RETRY_AFTER),
	RATE_LIMITED(429, ProblemCodes.RATE_LIMITED, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"the key sent more requests than gateway.rate-limit allows; `Retry-After` says in how many seconds to retry",
			"This key may send 50 requests a second (100 at once); retry after the time in Retry-After.", Map.of(),
			HttpHeaders.RETRY_AFTER),
	INTERNAL(500, ProblemCodes.INTERNAL, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"an unexpected failure in the gateway; nothing more is told", "An unexpected error occurred.", Map.of()),
	UNAVAILABLE(503, ProblemCodes.UNAVAILABLE, Scope.EVERY_RESPONSE_OF_ITS_STATUS,
			"the gateway cannot serve this right now (its database is unreachable); `Retry-After` says when to retry",
			"The service is temporarily unavailable; try again shortly.", Map.of(), HttpHeaders.RETRY_AFTER);

	/** Where the API document shows a problem. */
	enum Scope {

		/** In every response of its status that an operation declares. */
		EVERY_RESPONSE_OF_ITS_STATUS,
		/** Only in a response whose description names its code. */
		WHERE_NAMED,
		/** On any path, for a method it does not take: in no operation, only in the table of codes. */
		ANY_PATH

	}

	private final int status;

	private final String code;

	private final Scope scope;

	private final String meaning;

	private final String detail;

	private final Map<String, Object> members;

	/** The response header that comes with this problem, if any. */
	private final @Nullable String header;

	ApiProblem(int status, String code, Scope scope, String meaning, String detail, Map<String, Object> members) {
		this(status, code, scope, meaning, detail, members, null);
	}

	ApiProblem(int status, String code, Scope scope, String meaning, String detail, Map<String, Object> members,
			@Nullable String header) {
		this.header = header;
		this.status = status;
		this.code = code;
		this.scope = scope;
		this.meaning = meaning;
		this.detail = detail;
		this.members = members;
	}

	int status() {
		return status;
	}

	String code() {
		return code;
	}

	Scope scope() {
		return scope;
	}

	String meaning() {
		return meaning;
	}

	@Nullable String header() {
		return header;
	}

	/** A body of this problem as the gateway writes it for a request to {@code path}. */
	Map<String, Object> example(String path) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problems.TYPE_PREFIX + code);
		body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
		body.put("status", status);
		body.put("detail", detail);
		body.put("instance", path);
		body.put("code", code);
		body.putAll(members);
		return body;
	}

	static List<String> codes() {
		return Arrays.stream(values()).map(ApiProblem::code).toList();
	}

	/** The codes as a Markdown table, for the document's description. */
	static String table() {
		return Arrays.stream(values())
			.map(problem -> "| " + problem.status + " | `" + problem.code + "` | " + problem.meaning + " |")
			.collect(Collectors.joining("\n", "| status | code | meaning |\n| --- | --- | --- |\n", "\n"));
	}

}
