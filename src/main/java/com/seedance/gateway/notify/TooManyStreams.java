package com.seedance.gateway.notify;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

/** 503: this instance holds {@code gateway.streams.max-open} streams already; another instance, or a retry, may not. */
class TooManyStreams extends ProblemException {

	private static final String RETRY_AFTER_SECONDS = "5";

	TooManyStreams() {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.UNAVAILABLE,
				"This instance holds as many live status streams as it may; retry, or read GET /jobs/{id}.");
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return headers;
	}

}
