package com.seedance.gateway.tracking;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waiting times that grow with each try, capped, with jitter so many jobs do not retry in lockstep. */
final class Backoff {

	private Backoff() {
	}

	/** {@code first × factor^n}, capped at {@code max}. */
	static Duration growing(Duration first, double factor, Duration max, int n) {
		double millis = first.toMillis() * Math.pow(factor, Math.min(n, 64));
		return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
	}

	/** {@code growing(...)} spread by ±20 %. */
	static Duration withJitter(Duration first, double factor, Duration max, int n) {
		Duration base = growing(first, factor, max, n);
		double spread = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
		return Duration.ofMillis((long) (base.toMillis() * spread));
	}

}
