package com.seedance.gateway.teams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code secrets}: whether the teams' webhook signing secrets are encrypted at rest
 * ({@code GATEWAY_SECRETS_KEY}). UP either way, so probes never fail over it; the detail tells operators.
 */
@Component
class SecretsHealthIndicator implements HealthIndicator {

	private final SecretCipher cipher;

	SecretsHealthIndicator(SecretCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("encrypted", cipher.encrypts());
		if (!cipher.encrypts()) {
			health.withDetail("warning", "GATEWAY_SECRETS_KEY is not set: webhook signing secrets are stored unencrypted");
		}
		return health.build();
	}

}
