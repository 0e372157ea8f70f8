package com.seedance.gateway.teams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The clear text of a key: {@code sgw_} followed by 256 random bits in base64url. It exists only while a
 * key is issued or presented; what is kept is its hash.
 */
record ApiKeySecret(String value) {

	static final String PREFIX = "sgw_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int DISPLAY_LENGTH = PREFIX.length() + 8;

	static ApiKeySecret generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return new ApiKeySecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	String displayPrefix() {
		return value.substring(0, DISPLAY_LENGTH);
	}

	byte[] hash() {
		return sha256(value);
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	@Override
	public String toString() {
		return displayPrefix() + "…";
	}

}
