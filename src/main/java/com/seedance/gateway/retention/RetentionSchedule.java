package com.seedance.gateway.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the purge every {@code gateway.retention.interval}; off in tests, which call it by hand. */
@Component
@ConditionalOnProperty(name = "gateway.retention.enabled", matchIfMissing = true)
class RetentionSchedule {

	private final Retention retention;

	RetentionSchedule(Retention retention) {
		this.retention = retention;
	}

	@Scheduled(fixedDelayString = "${gateway.retention.interval:1h}", initialDelayString = "${gateway.retention.interval:1h}")
	void purge() {
		retention.purge();
	}

}
