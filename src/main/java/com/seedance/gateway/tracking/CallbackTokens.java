package com.seedance.gateway.tracking;

import com.seedance.gateway.shared.Secrets;

/**
 * The per-submission secret in a callback URL: 256 random bits in base64url. Only its SHA-256 is stored: a
 * callback is matched to its job by hashing the token it carries. A new token is made for every submission
 * attempt.
 */
final class CallbackTokens {

	private CallbackTokens() {
	}

	static String generate() {
		return Secrets.random256Bits();
	}

	static byte[] hash(String token) {
		return Secrets.sha256(token);
	}

}
