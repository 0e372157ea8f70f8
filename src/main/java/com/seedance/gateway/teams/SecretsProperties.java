package com.seedance.gateway.teams;

import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GATEWAY_SECRETS_KEY}: base64 of the 32-byte AES key that encrypts the teams' webhook signing secrets at
 * rest. Unset (development only), they are stored unencrypted. Anything else than 32 bytes of base64 stops the
 * gateway at startup, naming the variable.
 */
@ConfigurationProperties("gateway")
public record SecretsProperties(@Nullable String secretsKey) {

	static final int KEY_BYTES = 32;

	public SecretsProperties {
		if (secretsKey != null && !secretsKey.isBlank()) {
			decode(secretsKey);
		}
	}

	/** The key's bytes; null when none is configured. */
	byte @Nullable [] keyBytes() {
		return secretsKey == null || secretsKey.isBlank() ? null : decode(secretsKey);
	}

	private static byte[] decode(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("GATEWAY_SECRETS_KEY is not valid base64; it must be the base64 of "
					+ KEY_BYTES + " random bytes (make one with: openssl rand -base64 32)");
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException("GATEWAY_SECRETS_KEY must be the base64 of " + KEY_BYTES
					+ " random bytes (make one with: openssl rand -base64 32), but it decodes to " + key.length
					+ " bytes");
		}
		return key;
	}

	@Override
	public String toString() {
		return "SecretsProperties[secretsKey=" + (keyBytes() == null ? "(unset)" : "(set)") + "]";
	}

}
