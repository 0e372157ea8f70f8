package com.seedance.gateway.support;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;

/** True when a Docker engine answers; asked once per JVM. */
class DockerAvailable implements Condition {

	private static final boolean AVAILABLE = probe();

	private static boolean probe() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static boolean isAvailable() {
		return AVAILABLE;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return AVAILABLE;
	}

	static class Not implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !AVAILABLE;
		}

	}

}
