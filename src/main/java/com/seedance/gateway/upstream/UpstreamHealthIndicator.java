package com.seedance.gateway.upstream;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code upstream}: DOWN while the upstream refuses our API key (the last create or query
 * answered 401/403), UP again after the next call the upstream answered with our key accepted. Network
 * failures and 5xx leave it as it is: they say nothing about the key.
 * <p>
 * It is deliberately in neither the liveness nor the readiness group (see application.yml): a wrong key is
 * the same on every instance, so restarting pods or taking them out of the load balancer would not help and
 * would stop clients from reading their jobs. It shows in {@code /actuator/health} for operators.
 */
@Component
public class UpstreamHealthIndicator implements HealthIndicator {

	static final String KEY_REJECTED = "upstream rejected our API key (401)";

	private static final Logger log = LoggerFactory.getLogger(UpstreamHealthIndicator.class);

	private final AtomicBoolean keyRejected = new AtomicBoolean();

	@Override
	public Health health() {
		return keyRejected.get() ? Health.down().withDetail("reason", KEY_REJECTED).build() : Health.up().build();
	}

	void keyRejected() {
		if (keyRejected.compareAndSet(false, true)) {
			log.error("The upstream rejected our API key (401): check SEEDANCE_API_KEY. Jobs stay queued and "
					+ "in-flight tasks are checked again until a call succeeds; this is logged once per outage.");
		}
	}

	void keyAccepted() {
		if (keyRejected.compareAndSet(true, false)) {
			log.info("The upstream accepts our API key again: dispatching and tracking resume");
		}
	}

}
