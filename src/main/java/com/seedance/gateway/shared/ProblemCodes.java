package com.seedance.gateway.shared;

/** The stable, machine-readable {@code code} values of problem responses. */
public final class ProblemCodes {

	public static final String VALIDATION_FAILED = "validation_failed";

	public static final String MALFORMED_REQUEST = "malformed_request";

	public static final String PAYLOAD_TOO_LARGE = "payload_too_large";

	public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

	public static final String NOT_ACCEPTABLE = "not_acceptable";

	public static final String UNAUTHORIZED = "unauthorized";

	public static final String FORBIDDEN = "forbidden";

	public static final String NOT_FOUND = "not_found";

	public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

	public static final String CONFLICT = "conflict";

	public static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";

	public static final String QUOTA_EXCEEDED = "quota_exceeded";

	public static final String RATE_LIMITED = "rate_limited";

	public static final String UNAVAILABLE = "unavailable";

	public static final String INTERNAL = "internal";

	private ProblemCodes() {
	}

}
