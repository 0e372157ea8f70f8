package com.seedance.gateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A receiver's check of a Standard Webhooks signature, written apart from {@link WebhookSigner}: HMAC-SHA256 is
 * computed here from SHA-256 by RFC 2104's definition, not with {@code javax.crypto.Mac}, and the header is
 * parsed as the specification describes it (space-separated {@code v1,<base64>} entries).
 */
final class StandardWebhooksVerifier {

	private static final int BLOCK = 64;

	private StandardWebhooksVerifier() {
	}

	/** Whether one of the header's {@code v1} signatures is that of {@code secret} over the message. */
	static boolean verifies(String secret, String webhookId, String timestamp, String body, String signatureHeader) {
		byte[] expected = hmacSha256(Base64.getDecoder().decode(secret.split("_", 2)[1]),
				(webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return Arrays.stream(signatureHeader.split(" "))
			.map(entry -> entry.split(",", 2))
			.filter(parts -> parts.length == 2 && parts[0].equals("v1"))
			.anyMatch(parts -> MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected));
	}

	/** HMAC(K, m) = H((K' xor opad) || H((K' xor ipad) || m)), K' the key padded (or hashed) to the block size. */
	static byte[] hmacSha256(byte[] key, byte[] message) {
		byte[] block = Arrays.copyOf(key.length > BLOCK ? sha256(key) : key, BLOCK);
		byte[] inner = new byte[BLOCK + message.length];
		byte[] outer = new byte[BLOCK + 32];
		for (int i = 0; i < BLOCK; i++) {
			inner[i] = (byte) (block[i] ^ 0x36);
			outer[i] = (byte) (block[i] ^ 0x5c);
		}
		System.arraycopy(message, 0, inner, BLOCK, message.length);
		System.arraycopy(sha256(inner), 0, outer, BLOCK, 32);
		return sha256(outer);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
