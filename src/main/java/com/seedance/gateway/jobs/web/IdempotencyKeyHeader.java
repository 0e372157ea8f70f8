package com.seedance.gateway.jobs.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

import com.seedance.gateway.jobs.IdempotencyKey;
import com.seedance.gateway.shared.ValidationFailed;

/**
 * The {@code Idempotency-Key} header of {@code POST /jobs}: optional; when sent, once, with 1 to 255 visible ASCII
 * characters (0x21-0x7E: letters, digits, punctuation; no spaces), such as a UUID.
 */
final class IdempotencyKeyHeader {

	static final String NAME = "Idempotency-Key";

	static final int MAX_LENGTH = 255;

	static final String RULE = "1-" + MAX_LENGTH + " visible ASCII characters (0x21-0x7E: no spaces), such as a UUID";

	private IdempotencyKeyHeader() {
	}

	/**
	 * The key of a {@code POST /jobs} request whose body was bound, with the hash of the body, or null when it sent
	 * none. Reads only this header: the firewall checks a header's characters when it is read, and other headers
	 * the gateway does not read must not fail the request.
	 * @throws ValidationFailed when the header is sent more than once or breaks the rule
	 */
	static @Nullable IdempotencyKey read(WebRequest request) {
		String[] values = request.getHeaderValues(NAME);
		if (values == null || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw new ValidationFailed(NAME, "must be sent once");
		}
		String value = values[0];
		if (value.isEmpty()) {
			throw new ValidationFailed(NAME, "must not be empty");
		}
		if (value.length() > MAX_LENGTH) {
			throw new ValidationFailed(NAME, "must be at most " + MAX_LENGTH + " characters");
		}
		if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw new ValidationFailed(NAME, "must be visible ASCII characters only (0x21-0x7E, no spaces)");
		}
		if (!(request.getAttribute(CreateJobRequestConverter.BODY, RequestAttributes.SCOPE_REQUEST) instanceof String body)) {
			throw new IllegalStateException("The body of POST /jobs is kept by CreateJobRequestConverter");
		}
		return new IdempotencyKey(value, CanonicalJson.sha256(body));
	}

}
