package com.seedance.gateway.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and their hashes, for every secret the gateway hands out (API keys, callback tokens, webhook
 * signing secrets) and the admin token it compares against. Of the secrets it only verifies, only the SHA-256 is
 * ever stored; the formats here are part of what existing keys and tokens in the database were made with, so
 * they never change.
 */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** 256 random bits, base64url without padding: 43 characters. */
	public static String random256Bits() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** {@code count} random bytes from the same strong source: signing keys, nonces. */
	public static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** The SHA-256 of the text's UTF-8 bytes. */
	public static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	/** Compares a presented secret with a stored hash in time that does not depend on where they differ. */
	public static boolean matches(String presented, byte[] hash) {
		return MessageDigest.isEqual(sha256(presented), hash);
	}

}
