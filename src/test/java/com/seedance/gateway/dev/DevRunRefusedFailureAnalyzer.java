package com.seedance.gateway.dev;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports {@link DevRunRefused} as Spring Boot's "APPLICATION FAILED TO START": the reason and the fix, no stack trace. */
class DevRunRefusedFailureAnalyzer extends AbstractFailureAnalyzer<DevRunRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevRunRefused cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
