package com.seedance.gateway.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery worker on its interval. Tests switch it off ({@code gateway.deliveries.enabled=false}) and
 * tick it by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.deliveries.enabled", matchIfMissing = true)
class DeliverySchedule {

	private final DeliveryWorker worker;

	DeliverySchedule(DeliveryWorker worker) {
		this.worker = worker;
	}

	@Scheduled(fixedDelayString = "${gateway.deliveries.interval:1s}", initialDelayString = "${gateway.deliveries.interval:1s}")
	void deliver() {
		worker.tick();
	}

}
