package com.seedance.gateway.jobs.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

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
	 * The request's key with the hash of its body, or null when it sent none.
	 * @throws ValidationFailed when the header is sent more than once or breaks the rule
	 */
	static @Nullable IdempotencyKey read(HttpHeaders headers, String body) {
		List<String> values = headers.getOrEmpty(NAME);
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new ValidationFailed(NAME, "must be sent once");
		}
		String value = values.get(0);
		if (value.isEmpty()) {
			throw new ValidationFailed(NAME, "must not be empty");
		}
		if (value.length() > MAX_LENGTH) {
			throw new ValidationFailed(NAME, "must be at most " + MAX_LENGTH + " characters");
		}
		if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw new ValidationFailed(NAME, "must be visible ASCII characters only (0x21-0x7E, no spaces)");
		}
		return new IdempotencyKey(value, CanonicalJson.sha256(body));
	}

}
