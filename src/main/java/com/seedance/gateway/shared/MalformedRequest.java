package com.seedance.gateway.shared;

import org.springframework.http.HttpStatus;

/** A request whose bytes cannot be read as what HTTP and this API expect: bad encodings, forbidden characters. */
public class MalformedRequest extends ProblemException {

	/** The detail when a URL or header holds characters HTTP does not allow there. */
	public static final String FORBIDDEN_CHARACTERS = "The request was refused: its URL or a header holds something "
			+ "not allowed there (control characters, an encoded slash or dot, an empty or dot path segment, a path parameter).";

	public MalformedRequest(String detail) {
		super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_REQUEST, detail);
	}

}
