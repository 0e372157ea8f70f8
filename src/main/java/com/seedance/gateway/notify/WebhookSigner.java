package com.seedance.gateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.seedance.gateway.teams.WebhookSecrets;

/**
 * Signs a message as Standard Webhooks do: {@code v1,} and the base64 of HMAC-SHA256 over
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed with the base64-decoded part of the secret after
 * {@code whsec_}. Several secrets (during a rotation's overlap) give several signatures, space-separated.
 */
final class WebhookSigner {

	private WebhookSigner() {
	}

	/** The {@code webhook-signature} header: one signature per secret, in the order given. */
	static String signatures(List<String> secrets, String webhookId, long timestamp, String body) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("a message needs at least one secret to be signed with");
		}
		return secrets.stream().map(secret -> signature(secret, webhookId, timestamp, body)).collect(Collectors.joining(" "));
	}

	static String signature(String secret, String webhookId, long timestamp, String body) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] digest = hmac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is always available", ex);
		}
	}

	private static byte[] key(String secret) {
		String encoded = secret.startsWith(WebhookSecrets.PREFIX) ? secret.substring(WebhookSecrets.PREFIX.length()) : secret;
		return Base64.getDecoder().decode(encoded);
	}

}
