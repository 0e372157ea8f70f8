package com.seedance.gateway.teams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.seedance.gateway.shared.Secrets;

/**
 * Encrypts secrets the gateway must read back (the teams' webhook signing secrets) with AES-256-GCM under
 * {@code GATEWAY_SECRETS_KEY}: a fresh random 12-byte nonce per value, stored in front of the ciphertext and its
 * tag, and the owner's id as associated data, so a value copied to another owner does not decrypt. Without a key
 * (development only) values are kept as they are, marked unencrypted, and a warning is logged at startup.
 */
@Component
class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/** What is stored: the bytes, and whether they are encrypted. */
	record Sealed(byte[] bytes, boolean encrypted) {
	}

	private final @Nullable SecretKey key;

	SecretCipher(SecretsProperties properties) {
		byte[] keyBytes = properties.keyBytes();
		this.key = keyBytes == null ? null : new SecretKeySpec(keyBytes, "AES");
		if (key == null) {
			log.warn("GATEWAY_SECRETS_KEY is not set: webhook signing secrets are stored UNENCRYPTED in the database. "
					+ "Set it (the base64 of 32 random bytes: openssl rand -base64 32) anywhere but in development.");
		}
	}

	boolean encrypts() {
		return key != null;
	}

	Sealed seal(String secret, String owner) {
		byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
		if (key == null) {
			return new Sealed(plain, false);
		}
		byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			return new Sealed(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(), true);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is always available", ex);
		}
	}

	/** The secret in clear; throws {@link SecretUnreadable} when it cannot be decrypted with this key. */
	String open(byte[] stored, boolean encrypted, String owner) {
		if (!encrypted) {
			return new String(stored, StandardCharsets.UTF_8);
		}
		if (key == null) {
			throw new SecretUnreadable("it is encrypted and GATEWAY_SECRETS_KEY is not set");
		}
		if (stored.length <= NONCE_BYTES) {
			throw new SecretUnreadable("the stored value is too short");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new SecretUnreadable("it does not decrypt with GATEWAY_SECRETS_KEY (was the key changed?)");
		}
	}

}
