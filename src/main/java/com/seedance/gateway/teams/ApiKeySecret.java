package com.seedance.gateway.teams;

import com.seedance.gateway.shared.Secrets;

/**
 * The clear text of a key: {@code sgw_} followed by 256 random bits in base64url. It exists only while a
 * key is issued or presented; what is kept is its SHA-256.
 */
record ApiKeySecret(String value) {

	static final String PREFIX = "sgw_";

	private static final int DISPLAY_LENGTH = PREFIX.length() + 8;

	static ApiKeySecret generate() {
		return new ApiKeySecret(PREFIX + Secrets.random256Bits());
	}

	String displayPrefix() {
		return value.substring(0, DISPLAY_LENGTH);
	}

	byte[] hash() {
		return Secrets.sha256(value);
	}

	@Override
	public String toString() {
		return displayPrefix() + "…";
	}

}
